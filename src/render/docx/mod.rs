//! The Word writer: a document's [`Blocks`] as a WordprocessingML (.docx) file in the style of
//! GB/T 9704-2012 (党政机关公文格式).
//!
//! The parts are written by hand, in the element order of the ECMA-376 schema, into pre-sized
//! strings (no DOM), and zipped with fixed timestamps, so the same document gives the same
//! bytes. What the file holds:
//! - A4 portrait (11906 × 16838 twips), margins top 37 mm, bottom 35 mm, left 28 mm, right
//!   26 mm; a table too wide for the 156 mm of text width gets a landscape section of its own
//!   (with the headings just before it, and the title when nothing else comes before: a
//!   one-table document is one landscape section, not a title alone on a portrait page), the
//!   margins turned with the page.
//! - Styles "Normal" (the body: 3号 仿宋_GB2312, exact 28.95 pt lines, first line indented two
//!   characters, justified), "Title" (2号 方正小标宋简体, centred), "heading 1" … "heading 4"
//!   (黑体, 楷体_GB2312, 仿宋_GB2312 bold, 仿宋; outline levels 0 … 3, so the navigation pane and a
//!   table of contents work), "Table Text", "footer", "Table Grid". Every style, every run and
//!   the document defaults name the Latin font (Times New Roman) and the East Asian font.
//! - Page numbers "— 1 —" in 4号 宋体, odd pages right and even pages left, one character in
//!   from the edge (a default and an even footer, `w:evenAndOddHeaders`).
//! - Tables with single borders, fixed layout, column widths from the display width of their
//!   content (a CJK character counts two; dates, numbers and Latin words are never broken), the
//!   header row bold and repeated on every page, the total row bold.
//! - Language zh-CN; fonts listed in the font table with their Windows fallbacks.
//!
//! The parts: `package` (the zip, content types, relationships, properties, settings), `body`
//! (`word/document.xml`), `styles` (the [`Style`], `word/styles.xml`, `word/fontTable.xml`),
//! `page` (geometry, orientation, the footers), `columns` (the widths of a table's columns),
//! `xml` (escaping).

mod body;
mod chart;
mod columns;
mod package;
mod page;
mod styles;
mod xml;

pub use page::{LANDSCAPE_TEXT_WIDTH, PORTRAIT_TEXT_WIDTH};
pub use styles::{Font, Style};

use crate::render::blocks::{self, Blocks};

/// The Word document of a Markdown document: Markdown and Word never drift apart. A user's
/// template (`--template`, SPEC §11) renders Markdown and goes through here too.
/// The Markdown is dropped once read.
pub fn from_markdown(markdown: Vec<u8>, style: &Style) -> Vec<u8> {
    // The Markdown renderers write UTF-8.
    let markdown = String::from_utf8(markdown)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    let doc = blocks::from_markdown(&markdown);
    drop(markdown);
    write(&doc, style)
}

/// Writes the document as a .docx file. The same document and style give the same bytes.
pub fn write(doc: &Blocks, style: &Style) -> Vec<u8> {
    let chart = if style.chart { chart::Chart::from_blocks(doc) } else { None };
    let title = doc.title().unwrap_or_default();
    let mut package = package::Package::new();
    package.part("[Content_Types].xml", &package::content_types(chart.is_some()));
    package.part("_rels/.rels", &package::root_rels());
    package.part("docProps/core.xml", &package::core_xml(&title));
    package.part("docProps/app.xml", &package::app_xml());
    package.start("word/document.xml");
    body::document_xml(doc, style, chart.as_ref(), &mut |xml| package.write(xml));
    package.part("word/styles.xml", &styles::styles_xml(style));
    package.part("word/settings.xml", &package::settings_xml());
    package.part("word/webSettings.xml", &package::web_settings_xml());
    package.part("word/fontTable.xml", &styles::font_table_xml(style));
    package.part("word/theme/theme1.xml", &package::theme_xml(style));
    package.part("word/footer1.xml", &page::footer_xml(style, true));
    package.part("word/footer2.xml", &page::footer_xml(style, false));
    if let Some(chart) = &chart {
        package.part("word/charts/chart1.xml", &chart.part(style));
    }
    package.part("word/_rels/document.xml.rels", &package::document_rels(chart.is_some()));
    package.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::blocks::from_markdown;

    #[test]
    fn same_document_same_bytes() {
        let doc = from_markdown(
            "# 标题\n\n## 一、总体情况\n\n正文。\n\n| a | b |\n| --- | ---: |\n| x | 1 |\n",
        );
        let a = write(&doc, &Style::default());
        let b = write(&doc, &Style::default());
        assert_eq!(a, b);
        assert_eq!(&a[..2], b"PK");
    }
}
