//! The spreadsheet reader (`read::sheet::read_bytes`) over arbitrary bytes: no panic outside
//! the reader's own guard, no abort, no allocation beyond libFuzzer's limit (`-rss_limit_mb`,
//! `-malloc_limit_mb`), and every sheet's rows in order. The first byte chooses the input:
//! raw bytes as a CSV, `.xls`, `.xlsx` or `.ods` file, or the rest of the input split at 0xFF
//! into an `.xlsx`'s sheet, shared strings and workbook parts (or an `.ods`'s `content.xml`)
//! and zipped here, so that mutations reach the XML behind the zip.

#![no_main]

use std::io::Write;

use jiebie::read::sheet;
use libfuzzer_sys::fuzz_target;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;

fn zipped(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, data) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fuzz_target!(|data: &[u8]| {
    let Some((&choice, rest)) = data.split_first() else { return };
    let (bytes, extension) = match choice % 6 {
        0 => (rest.to_vec(), "csv"),
        1 => (rest.to_vec(), "xls"),
        2 => (rest.to_vec(), "xlsx"),
        3 => (rest.to_vec(), "ods"),
        4 => {
            let mut pieces = rest.splitn(3, |&b| b == 0xFF);
            let sheet = pieces.next().unwrap_or_default();
            let strings = pieces.next().unwrap_or_default();
            let workbook = pieces.next().filter(|w| !w.is_empty()).unwrap_or(WORKBOOK.as_bytes());
            let book = zipped(&[
                ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
                ("_rels/.rels", RELS.as_bytes()),
                ("xl/workbook.xml", workbook),
                ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes()),
                ("xl/worksheets/sheet1.xml", sheet),
                ("xl/sharedStrings.xml", strings),
            ]);
            (book, "xlsx")
        }
        _ => {
            let book = zipped(&[
                ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
                ("content.xml", rest),
            ]);
            (book, "ods")
        }
    };
    if let Ok(book) = sheet::read_bytes(&bytes, extension) {
        for sheet in &book.sheets {
            assert!(sheet.rows.windows(2).all(|w| w[0].number < w[1].number), "rows out of order");
            assert!(sheet.rows.iter().all(|r| !r.cells.is_empty() && r.number >= 1));
        }
    }
});
