//! The package: the zip of the parts (deflated, fixed timestamps, so the same document gives
//! the same bytes), its content types and relationships, and the small fixed parts
//! (`docProps/core.xml`, `docProps/app.xml`, `word/settings.xml`, `word/webSettings.xml`,
//! `word/theme/theme1.xml`: the last two are parts Word itself writes, and some Word
//! versions ask for them).

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::render::docx::styles::Style;
use crate::render::docx::xml::{NS_W, XML_DECL, escape_into};

/// The zip of the parts, written in their order, each as it is made: the document's XML
/// (some forty times the size of the data) is deflated as it is written, never held whole.
pub(super) struct Package {
    zip: ZipWriter<Cursor<Vec<u8>>>,
    options: SimpleFileOptions,
}

impl Package {
    pub(super) fn new() -> Package {
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            // Level 3: within a few percent of the size of level 6, in half the time.
            .compression_level(Some(3))
            .last_modified_time(DateTime::default())
            .unix_permissions(0o644)
            // The zip crate writes the building platform in each entry's "made by" field (DOS
            // on Windows): fixed, so that the document is byte-identical wherever it is made.
            .system(zip::System::Unix);
        Package { zip: ZipWriter::new(Cursor::new(Vec::new())), options }
    }

    /// Starts the next part: what is written from here on goes into it.
    pub(super) fn start(&mut self, name: &str) {
        // Writing into memory cannot fail.
        self.zip.start_file(name, self.options).expect("zip entry in memory");
    }

    pub(super) fn write(&mut self, text: &str) {
        self.zip.write_all(text.as_bytes()).expect("zip write in memory");
    }

    /// A whole part.
    pub(super) fn part(&mut self, name: &str, content: &str) {
        self.start(name);
        self.write(content);
    }

    pub(super) fn finish(self) -> Vec<u8> {
        self.zip.finish().expect("zip in memory").into_inner()
    }
}

pub(super) fn content_types(chart: bool) -> String {
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
<Override PartName=\"/word/webSettings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.webSettings+xml\"/>\
<Override PartName=\"/word/theme/theme1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.theme+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>");
    if chart {
        s.push_str("<Override PartName=\"/word/charts/chart1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.drawingml.chart+xml\"/>");
    }
    s.push_str("</Types>");
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

pub(super) fn document_rels(chart: bool) -> String {
    let mut s = String::from(XML_DECL);
    s.push_str("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable\" Target=\"fontTable.xml\"/>\
<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>\
<Relationship Id=\"rId5\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer2.xml\"/>\
<Relationship Id=\"rId6\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme\" Target=\"theme/theme1.xml\"/>\
<Relationship Id=\"rId7\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/webSettings\" Target=\"webSettings.xml\"/>");
    if chart {
        // The id is the one the chart's drawing names (body::CHART_RELATIONSHIP).
        s.push_str("<Relationship Id=\"rId8\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart\" Target=\"charts/chart1.xml\"/>");
    }
    s.push_str("</Relationships>");
    s
}

/// Document properties: the title, and no dates: the data gives no time of the document's
/// making, and a made-up one (2000-01-01) would show in Word's file information.
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
        "<dc:creator>jiebie</dc:creator><dc:language>zh-CN</dc:language></cp:coreProperties>",
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

pub(super) fn web_settings_xml() -> String {
    let mut s = String::from(XML_DECL);
    s.push_str("<w:webSettings xmlns:w=\"");
    s.push_str(NS_W);
    s.push_str("\"><w:optimizeForBrowser/><w:allowPNG/></w:webSettings>");
    s
}

/// The theme: Office's colours, and the document's own fonts as the theme fonts (headings
/// 黑体, body the body font), so that a style set to the theme's fonts keeps the document's.
pub(super) fn theme_xml(style: &Style) -> String {
    let mut s = String::with_capacity(4096);
    s.push_str(XML_DECL);
    s.push_str("<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"jiebie\"><a:themeElements>\
<a:clrScheme name=\"Office\"><a:dk1><a:sysClr val=\"windowText\" lastClr=\"000000\"/></a:dk1><a:lt1><a:sysClr val=\"window\" lastClr=\"FFFFFF\"/></a:lt1>\
<a:dk2><a:srgbClr val=\"44546A\"/></a:dk2><a:lt2><a:srgbClr val=\"E7E6E6\"/></a:lt2><a:accent1><a:srgbClr val=\"4472C4\"/></a:accent1>\
<a:accent2><a:srgbClr val=\"ED7D31\"/></a:accent2><a:accent3><a:srgbClr val=\"A5A5A5\"/></a:accent3><a:accent4><a:srgbClr val=\"FFC000\"/></a:accent4>\
<a:accent5><a:srgbClr val=\"5B9BD5\"/></a:accent5><a:accent6><a:srgbClr val=\"70AD47\"/></a:accent6><a:hlink><a:srgbClr val=\"0563C1\"/></a:hlink>\
<a:folHlink><a:srgbClr val=\"954F72\"/></a:folHlink></a:clrScheme><a:fontScheme name=\"jiebie\">");
    let fonts = |s: &mut String, tag: &str, east_asian: &str| {
        s.push_str("<a:");
        s.push_str(tag);
        s.push_str("><a:latin typeface=\"");
        escape_into(s, &style.latin);
        s.push_str("\"/><a:ea typeface=\"");
        escape_into(s, east_asian);
        s.push_str("\"/><a:cs typeface=\"\"/></a:");
        s.push_str(tag);
        s.push('>');
    };
    fonts(&mut s, "majorFont", &style.heading1.name);
    fonts(&mut s, "minorFont", &style.body.name);
    s.push_str("</a:fontScheme><a:fmtScheme name=\"Office\"><a:fillStyleLst>\
<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>\
</a:fillStyleLst><a:lnStyleLst>\
<a:ln w=\"6350\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln><a:ln w=\"12700\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln>\
<a:ln w=\"19050\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln></a:lnStyleLst><a:effectStyleLst>\
<a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle>\
</a:effectStyleLst><a:bgFillStyleLst>\
<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>\
</a:bgFillStyleLst></a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>");
    s
}
