//! The package: the zip of the parts (deflated, fixed timestamps, so the same document gives
//! the same bytes), its content types and relationships, and the small fixed parts
//! (`docProps/core.xml`, `docProps/app.xml`, `word/settings.xml`).

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::render::docx::xml::{NS_W, XML_DECL, escape_into};

/// The zip of the parts, in their order.
pub(super) fn zip(parts: &[(&str, String)]) -> Vec<u8> {
    let size: usize = parts.iter().map(|(_, p)| p.len()).sum();
    let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(size / 6 + 4096)));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        // Level 3: within a few percent of the size of level 6, in half the time.
        .compression_level(Some(3))
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644)
        // The zip crate writes the building platform in each entry's "made by" field (DOS on
        // Windows): fixed, so that the document is byte-identical wherever it is made.
        .system(zip::System::Unix);
    for (name, content) in parts {
        // Writing into memory cannot fail.
        zip.start_file(*name, options).expect("zip entry in memory");
        zip.write_all(content.as_bytes()).expect("zip write in memory");
    }
    zip.finish().expect("zip in memory").into_inner()
}

pub(super) fn content_types() -> String {
    let mut s = String::with_capacity(1600);
    s.push_str(XML_DECL);
    s.push_str("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>\
<Override PartName=\"/word/fontTable.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>\
<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>\
<Override PartName=\"/word/footer2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
</Types>");
    s
}

pub(super) fn root_rels() -> String {
    let mut s = String::from(XML_DECL);
    s.push_str("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>\
</Relationships>");
    s
}

pub(super) fn document_rels() -> String {
    let mut s = String::from(XML_DECL);
    s.push_str("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable\" Target=\"fontTable.xml\"/>\
<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>\
<Relationship Id=\"rId5\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer2.xml\"/>\
</Relationships>");
    s
}

/// Document properties with fixed dates: the file carries no time of its making.
pub(super) fn core_xml(title: &str) -> String {
    let mut s = String::from(XML_DECL);
    s.push_str("<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">");
    if !title.is_empty() {
        s.push_str("<dc:title>");
        escape_into(&mut s, title);
        s.push_str("</dc:title>");
    }
    s.push_str(
        "<dc:creator>jiebie</dc:creator><dc:language>zh-CN</dc:language>\
<dcterms:created xsi:type=\"dcterms:W3CDTF\">1980-01-01T00:00:00Z</dcterms:created>\
<dcterms:modified xsi:type=\"dcterms:W3CDTF\">1980-01-01T00:00:00Z</dcterms:modified>\
</cp:coreProperties>",
    );
    s
}

pub(super) fn app_xml() -> String {
    let mut s = String::from(XML_DECL);
    s.push_str("<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" \
xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\"><Application>jiebie</Application></Properties>");
    s
}

pub(super) fn settings_xml() -> String {
    let mut s = String::from(XML_DECL);
    s.push_str("<w:settings xmlns:w=\"");
    s.push_str(NS_W);
    s.push_str("\"><w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"420\"/><w:evenAndOddHeaders/>\
<w:characterSpacingControl w:val=\"compressPunctuation\"/>\
<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>\
<w:themeFontLang w:val=\"zh-CN\" w:eastAsia=\"zh-CN\"/></w:settings>");
    s
}
