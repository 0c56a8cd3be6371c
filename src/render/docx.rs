//! The Word writer: a [`Document`] as a WordprocessingML (.docx) file in the style of
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

use std::io::{Cursor, Write};

use unicode_width::UnicodeWidthChar;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::read::schema::DocumentConfig;
use crate::render::doc::{Align, Block, Cell, Document, Span, Table, is_cjk, is_total_row};

/// A font: its East Asian name and its size in half-points (3号 16 pt = 32).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Font {
    pub name: String,
    pub half_points: u32,
}

impl Font {
    pub fn new(name: &str, points: f64) -> Font {
        Font { name: name.to_owned(), half_points: (points * 2.0).round() as u32 }
    }
}

/// The fonts and sizes of the document. [`Style::default`] is GB/T 9704-2012.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Style {
    /// The font of Latin letters and digits, in every run.
    pub latin: String,
    /// The title (Markdown `#`): 方正小标宋简体 22 pt.
    pub title: Font,
    /// Body paragraphs: 仿宋_GB2312 16 pt.
    pub body: Font,
    /// Headings `##`: 黑体 16 pt.
    pub heading1: Font,
    /// Headings `###`: 楷体_GB2312 16 pt.
    pub heading2: Font,
    /// Headings `####`: 仿宋_GB2312 16 pt, bold.
    pub heading3: Font,
    /// Headings `#####`: 仿宋 16 pt.
    pub heading4: Font,
    /// Table text: 仿宋_GB2312 10.5 pt (五号).
    pub table: Font,
    /// Page numbers: 宋体 14 pt.
    pub footer: Font,
}

impl Default for Style {
    fn default() -> Style {
        Style {
            latin: "Times New Roman".to_owned(),
            title: Font::new("方正小标宋简体", 22.0),
            body: Font::new("仿宋_GB2312", 16.0),
            heading1: Font::new("黑体", 16.0),
            heading2: Font::new("楷体_GB2312", 16.0),
            heading3: Font::new("仿宋_GB2312", 16.0),
            heading4: Font::new("仿宋", 16.0),
            table: Font::new("仿宋_GB2312", 10.5),
            footer: Font::new("宋体", 14.0),
        }
    }
}

impl Style {
    /// The default style with what `[document]` of `jiebie.toml` overrides. Headings take the
    /// body's size.
    pub fn from_config(config: &DocumentConfig) -> Style {
        let mut style = Style::default();
        let set = |font: &mut Font, name: &Option<String>, size: Option<f64>| {
            if let Some(name) = name {
                font.name = name.clone();
            }
            if let Some(points) = size {
                font.half_points = (points * 2.0).round() as u32;
            }
        };
        let body = config.body_size;
        set(&mut style.title, &config.title_font, config.title_size);
        set(&mut style.body, &config.body_font, body);
        set(&mut style.heading1, &config.heading1_font, body);
        set(&mut style.heading2, &config.heading2_font, body);
        set(&mut style.heading3, &config.heading3_font, body);
        set(&mut style.heading4, &config.heading4_font, body);
        set(&mut style.table, &config.table_font, config.table_size);
        style
    }
}

/// Page geometry in twips.
const PAGE_SHORT: u32 = 11906;
const PAGE_LONG: u32 = 16838;
const MARGIN_TOP: u32 = 2098;
const MARGIN_BOTTOM: u32 = 1984;
const MARGIN_LEFT: u32 = 1587;
const MARGIN_RIGHT: u32 = 1474;
const HEADER_DISTANCE: u32 = 851;
const FOOTER_DISTANCE: u32 = 1247;
/// Exact line spacing of the body: 28.95 pt, 22 lines a page.
const LINE: u32 = 579;
/// Text width of a portrait page: 156 mm.
pub const PORTRAIT_TEXT_WIDTH: u32 = PAGE_SHORT - MARGIN_LEFT - MARGIN_RIGHT;
/// Text width of a landscape page (the portrait top and bottom margins at the sides).
pub const LANDSCAPE_TEXT_WIDTH: u32 = PAGE_LONG - MARGIN_TOP - MARGIN_BOTTOM;
/// Left and right margin inside a table cell.
const CELL_MARGIN: u32 = 85;
/// Room added to every column for differences between the fonts' metrics.
const COLUMN_SLACK: u32 = 60;
/// Widths of text are measured in thousandths of an em: a CJK character is 1000.
const EM: usize = 1000;
/// The width of a space in Times New Roman.
const SPACE: usize = 250;
/// A column's text wider than this wraps: twenty CJK characters.
const MAX_COLUMN_WIDTH: usize = 20 * EM;
/// The least width of a column of CJK text: four characters a line; two in a header.
const MIN_CJK_BODY: usize = 4 * EM;
const MIN_CJK_HEAD: usize = 2 * EM;

const NS_W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// Writes the document as a .docx file. The same document and style give the same bytes.
pub fn write(doc: &Document, style: &Style) -> Vec<u8> {
    let document = document_xml(doc, style);
    let title = doc.title().unwrap_or_default();
    let parts: [(&str, String); 11] = [
        ("[Content_Types].xml", content_types()),
        ("_rels/.rels", root_rels()),
        ("docProps/core.xml", core_xml(&title)),
        ("docProps/app.xml", app_xml()),
        ("word/document.xml", document),
        ("word/styles.xml", styles_xml(style)),
        ("word/settings.xml", settings_xml()),
        ("word/fontTable.xml", font_table_xml(style)),
        ("word/footer1.xml", footer_xml(style, true)),
        ("word/footer2.xml", footer_xml(style, false)),
        ("word/_rels/document.xml.rels", document_rels()),
    ];
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
    for (name, content) in &parts {
        // Writing into memory cannot fail.
        zip.start_file(*name, options).expect("zip entry in memory");
        zip.write_all(content.as_bytes()).expect("zip write in memory");
    }
    zip.finish().expect("zip in memory").into_inner()
}

/// Appends text escaped for XML content or an attribute value; characters XML 1.0 forbids
/// (C0 controls other than tab and line feed, U+FFFE, U+FFFF) are dropped.
pub fn escape_into(out: &mut String, text: &str) {
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        let replacement = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\t' | b'\n' => continue,
            0..=0x1F => "",
            // U+FFFE and U+FFFF are EF BF BE / EF BF BF.
            0xEF if matches!(text.as_bytes().get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF])) => {
                out.push_str(&text[start..i]);
                start = i + 3;
                continue;
            }
            _ => continue,
        };
        out.push_str(&text[start..i]);
        out.push_str(replacement);
        start = i + 1;
    }
    if start < text.len() {
        out.push_str(&text[start..]);
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Orient {
    Portrait,
    Landscape,
}

/// The laid-out columns of a table.
struct Layout {
    orient: Orient,
    widths: Vec<u32>,
}

/// The `w:rFonts` element of a font.
fn rfonts(latin: &str, east_asia: &str) -> String {
    let latin = escape(latin);
    let east_asia = escape(east_asia);
    format!(
        "<w:rFonts w:ascii=\"{latin}\" w:hAnsi=\"{latin}\" w:eastAsia=\"{east_asia}\" w:cs=\"{latin}\" w:hint=\"eastAsia\"/>"
    )
}

/// Pre-written pieces of the body.
struct Writer {
    out: String,
    title_fonts: String,
    body_fonts: String,
    heading_fonts: [String; 4],
    table_fonts: String,
}

fn document_xml(doc: &Document, style: &Style) -> String {
    // Lay out the tables, then give each block its orientation: a landscape table takes the
    // headings (and a title) just before it into its section.
    let layouts: Vec<Option<Layout>> = doc
        .blocks
        .iter()
        .map(|b| match b {
            Block::Table(t) => Some(layout(t, style)),
            _ => None,
        })
        .collect();
    let mut orient: Vec<Orient> =
        layouts.iter().map(|l| l.as_ref().map_or(Orient::Portrait, |l| l.orient)).collect();
    for i in 0..orient.len() {
        if orient[i] == Orient::Landscape && layouts[i].is_some() {
            let mut j = i;
            while j > 0 && matches!(doc.blocks[j - 1], Block::Heading(..) | Block::Title(_)) {
                j -= 1;
                orient[j] = Orient::Landscape;
            }
        }
    }

    let estimate: usize = doc.blocks.iter().map(block_estimate).sum();
    let mut w = Writer {
        out: String::with_capacity(estimate + 4096),
        title_fonts: rfonts(&style.latin, &style.title.name),
        body_fonts: rfonts(&style.latin, &style.body.name),
        heading_fonts: [
            rfonts(&style.latin, &style.heading1.name),
            rfonts(&style.latin, &style.heading2.name),
            rfonts(&style.latin, &style.heading3.name),
            rfonts(&style.latin, &style.heading4.name),
        ],
        table_fonts: rfonts(&style.latin, &style.table.name),
    };
    w.out.push_str(XML_DECL);
    w.out.push_str("<w:document xmlns:w=\"");
    w.out.push_str(NS_W);
    w.out.push_str("\" xmlns:r=\"");
    w.out.push_str(NS_R);
    w.out.push_str("\"><w:body>");
    let n = doc.blocks.len();
    for (i, block) in doc.blocks.iter().enumerate() {
        let here = orient[i];
        let next = orient.get(i + 1).copied();
        // The paragraph that ends a section carries the section's properties.
        let ends_section = next.is_some_and(|o| o != here);
        match block {
            Block::Title(spans) => {
                let fonts = w.title_fonts.clone();
                let props = Props { style: Some("Title"), ..Props::default() };
                let width = match here {
                    Orient::Portrait => PORTRAIT_TEXT_WIDTH,
                    Orient::Landscape => LANDSCAPE_TEXT_WIDTH,
                };
                let spans = title_lines(spans, style.title.half_points, width);
                w.paragraph(props, &spans, &fonts, false, ends_section.then_some(here));
            }
            Block::Heading(level, spans) => {
                let level = (*level).clamp(1, 4) as usize;
                let fonts = w.heading_fonts[level - 1].clone();
                let id = ["Heading1", "Heading2", "Heading3", "Heading4"][level - 1];
                let props = Props { style: Some(id), ..Props::default() };
                w.paragraph(props, spans, &fonts, false, ends_section.then_some(here));
            }
            Block::Paragraph(spans) => {
                let fonts = w.body_fonts.clone();
                // A paragraph wholly bold ("**年度指标**" in a template) reads as a heading:
                // it stays on the page of what follows it.
                let keep_next = is_total_row(std::slice::from_ref(spans));
                let props = Props { keep_next, ..Props::default() };
                w.paragraph(props, spans, &fonts, false, ends_section.then_some(here));
            }
            Block::Table(table) => {
                let layout = layouts[i].as_ref().expect("tables are laid out");
                w.table(table, layout);
                if ends_section {
                    w.empty_paragraph(Some(here));
                } else if i + 1 == n || matches!(doc.blocks[i + 1], Block::Table(_)) {
                    // Word joins two tables with nothing between them, and the body must end
                    // with a paragraph.
                    w.empty_paragraph(None);
                }
            }
        }
    }
    let last = orient.last().copied().unwrap_or(Orient::Portrait);
    w.section(last);
    w.out.push_str("</w:body></w:document>");
    w.out
}

/// A title too long for one line, broken after a conjunction (与, 和, 及, 暨) so that both
/// lines fit and are as even as can be: "……工作概要与 / 2022年工作设想" rather than Word's
/// "……2022年工 / 作设想" (GB/T 9704 asks for lines broken by meaning). A title that fits,
/// holds its own line break, or has no such place is left as it is.
fn title_lines(spans: &[Span], half_points: u32, width: u32) -> Vec<Span> {
    let twips = |w: usize| (w as u64 * u64::from(half_points) * 10).div_ceil(EM as u64);
    let chars: Vec<char> = spans.iter().flat_map(|s| s.text.chars()).collect();
    if chars.contains(&'\n') {
        return spans.to_vec();
    }
    let widths: Vec<usize> = chars.iter().map(|&c| char_width(c)).collect();
    let total: usize = widths.iter().sum();
    let width = u64::from(width);
    if twips(total) <= width {
        return spans.to_vec();
    }
    let mut best: Option<(usize, usize)> = None; // (chars on the first line, imbalance)
    let mut first = 0;
    for (i, &c) in chars.iter().enumerate() {
        first += widths[i];
        let rest = total - first;
        let place = i + 1 < chars.len() && is_conjunction(c, chars[i + 1]);
        if place && twips(first) <= width && twips(rest) <= width {
            let imbalance = first.abs_diff(rest);
            if best.is_none_or(|(_, b)| imbalance < b) {
                best = Some((i + 1, imbalance));
            }
        }
    }
    let Some((at, _)) = best else { return spans.to_vec() };
    let mut out = Vec::with_capacity(spans.len());
    let mut seen = 0;
    for span in spans {
        let n = span.text.chars().count();
        if (seen..seen + n).contains(&at) {
            let split = span.text.char_indices().nth(at - seen).map_or(span.text.len(), |(b, _)| b);
            let mut text = span.text.clone();
            text.insert(split, '\n');
            out.push(Span { text, ..span.clone() });
        } else {
            out.push(span.clone());
        }
        seen += n;
    }
    out
}

/// Whether a character followed by the next one is a conjunction a title may break after:
/// 与, 和, 及, 暨, but not the first character of a word it begins (和谐, 和平, 与会, 及时).
fn is_conjunction(c: char, next: char) -> bool {
    match c {
        '与' => !matches!(next, '会' | '其' | '否' | '日'),
        '和' => !matches!(next, '谐' | '平' | '睦' | '美' | '善' | '解' | '煦' | '衷'),
        '及' => !matches!(next, '时' | '早' | '格' | '第'),
        '暨' => true,
        _ => false,
    }
}

/// A rough size of a block's XML, to size the buffer once.
fn block_estimate(block: &Block) -> usize {
    match block {
        Block::Title(s) | Block::Heading(_, s) | Block::Paragraph(s) => {
            200 + s.iter().map(|s| s.text.len() + 200).sum::<usize>()
        }
        Block::Table(t) => {
            let cells = (t.rows.len() + 1) * t.align.len();
            let text: usize =
                t.rows.iter().flatten().flatten().map(|s| s.text.len()).sum::<usize>();
            300 + cells * 330 + text
        }
    }
}

/// The paragraph properties a paragraph sets itself.
#[derive(Debug, Clone, Copy, Default)]
struct Props {
    /// The paragraph style (`None`: Normal, the body).
    style: Option<&'static str>,
    /// Kept on the page of the next paragraph.
    keep_next: bool,
    /// The alignment, when not the style's.
    jc: Option<&'static str>,
}

impl Writer {
    /// A paragraph with its properties and, when it ends a section, that section's properties.
    fn paragraph(
        &mut self,
        props: Props,
        spans: &[Span],
        fonts: &str,
        bold: bool,
        section: Option<Orient>,
    ) {
        let Props { style, keep_next, jc } = props;
        self.out.push_str("<w:p>");
        if style.is_some() || keep_next || jc.is_some() || section.is_some() {
            self.out.push_str("<w:pPr>");
            if let Some(id) = style {
                self.out.push_str("<w:pStyle w:val=\"");
                self.out.push_str(id);
                self.out.push_str("\"/>");
            }
            if keep_next {
                self.out.push_str("<w:keepNext/>");
            }
            if let Some(jc) = jc {
                self.out.push_str("<w:jc w:val=\"");
                self.out.push_str(jc);
                self.out.push_str("\"/>");
            }
            if let Some(orient) = section {
                self.section(orient);
            }
            self.out.push_str("</w:pPr>");
        }
        for span in spans {
            self.run(span, fonts, bold);
        }
        self.out.push_str("</w:p>");
    }

    fn empty_paragraph(&mut self, section: Option<Orient>) {
        self.out.push_str("<w:p><w:pPr><w:pStyle w:val=\"TableText\"/>");
        if let Some(orient) = section {
            self.section(orient);
        }
        self.out.push_str("</w:pPr></w:p>");
    }

    /// A run: its fonts, bold, italic, then the text, line breaks as `w:br` and tabs as `w:tab`.
    fn run(&mut self, span: &Span, fonts: &str, bold: bool) {
        if span.text.is_empty() {
            return;
        }
        self.out.push_str("<w:r><w:rPr>");
        self.out.push_str(fonts);
        if bold || span.bold {
            self.out.push_str("<w:b/><w:bCs/>");
        }
        if span.italic {
            self.out.push_str("<w:i/><w:iCs/>");
        }
        self.out.push_str("</w:rPr>");
        for piece in span.text.split_inclusive(['\n', '\t']) {
            let (text, sep) = match piece.as_bytes().last() {
                Some(b'\n') => (&piece[..piece.len() - 1], "<w:br/>"),
                Some(b'\t') => (&piece[..piece.len() - 1], "<w:tab/>"),
                _ => (piece, ""),
            };
            if !text.is_empty() {
                if text.starts_with(' ') || text.ends_with(' ') || text.contains("  ") {
                    self.out.push_str("<w:t xml:space=\"preserve\">");
                } else {
                    self.out.push_str("<w:t>");
                }
                escape_into(&mut self.out, text);
                self.out.push_str("</w:t>");
            }
            self.out.push_str(sep);
        }
        self.out.push_str("</w:r>");
    }

    /// The properties of a section: footers, page size, margins.
    fn section(&mut self, orient: Orient) {
        let (w, h, top, right, bottom, left, landscape) = match orient {
            Orient::Portrait => {
                (PAGE_SHORT, PAGE_LONG, MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM, MARGIN_LEFT, "")
            }
            // The page turned clockwise: the binding edge (left) on top.
            Orient::Landscape => (
                PAGE_LONG,
                PAGE_SHORT,
                MARGIN_LEFT,
                MARGIN_TOP,
                MARGIN_RIGHT,
                MARGIN_BOTTOM,
                " w:orient=\"landscape\"",
            ),
        };
        use std::fmt::Write as _;
        let _ = write!(
            self.out,
            "<w:sectPr><w:footerReference w:type=\"even\" r:id=\"rId5\"/><w:footerReference w:type=\"default\" r:id=\"rId4\"/>\
             <w:type w:val=\"nextPage\"/><w:pgSz w:w=\"{w}\" w:h=\"{h}\"{landscape}/>\
             <w:pgMar w:top=\"{top}\" w:right=\"{right}\" w:bottom=\"{bottom}\" w:left=\"{left}\" w:header=\"{HEADER_DISTANCE}\" w:footer=\"{FOOTER_DISTANCE}\" w:gutter=\"0\"/>\
             <w:cols w:space=\"425\"/></w:sectPr>"
        );
    }

    fn table(&mut self, table: &Table, layout: &Layout) {
        use std::fmt::Write as _;
        let total: u32 = layout.widths.iter().sum();
        let border = "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"";
        let _ = write!(
            self.out,
            "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"{total}\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>\
             <w:tblBorders><w:top {border}/><w:left {border}/><w:bottom {border}/><w:right {border}/><w:insideH {border}/><w:insideV {border}/></w:tblBorders>\
             <w:tblLayout w:type=\"fixed\"/>\
             <w:tblCellMar><w:left w:w=\"{CELL_MARGIN}\" w:type=\"dxa\"/><w:right w:w=\"{CELL_MARGIN}\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>"
        );
        for width in &layout.widths {
            let _ = write!(self.out, "<w:gridCol w:w=\"{width}\"/>");
        }
        self.out.push_str("</w:tblGrid>");
        // Cell openings, one per column, written once.
        let openings: Vec<String> = layout
            .widths
            .iter()
            .map(|w| {
                format!(
                    "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/><w:vAlign w:val=\"center\"/></w:tcPr>"
                )
            })
            .collect();
        let fonts = self.table_fonts.clone();
        self.out.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
        for (i, cell) in table.head.iter().enumerate() {
            self.cell(&openings[i], Some("center"), cell, &fonts, true);
        }
        self.out.push_str("</w:tr>");
        for row in &table.rows {
            let bold = is_total_row(row);
            self.out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
            for (i, cell) in row.iter().enumerate() {
                // Left is the style's own alignment.
                let jc = match table.align.get(i) {
                    Some(Align::Right) => Some("right"),
                    Some(Align::Center) => Some("center"),
                    _ => None,
                };
                self.cell(&openings[i], jc, cell, &fonts, bold);
            }
            self.out.push_str("</w:tr>");
        }
        self.out.push_str("</w:tbl>");
    }

    fn cell(
        &mut self,
        opening: &str,
        jc: Option<&'static str>,
        cell: &Cell,
        fonts: &str,
        bold: bool,
    ) {
        self.out.push_str(opening);
        let props = Props { style: Some("TableText"), jc, ..Props::default() };
        self.paragraph(props, cell, fonts, bold, None);
        self.out.push_str("</w:tc>");
    }
}

/// The width of a character in thousandths of an em: a CJK character or punctuation mark is a
/// full em; ASCII takes the advance widths of Times New Roman (a digit is half an em, `%` 0.83);
/// any other character half an em per column of its display width.
fn char_width(c: char) -> usize {
    if is_cjk(c) {
        return EM;
    }
    match c {
        '0'..='9' => 500,
        ' ' => SPACE,
        '%' => 833,
        '+' | '=' | '<' | '>' | '~' => 564,
        '-' | '(' | ')' | '[' | ']' | '`' | '\'' => 333,
        '.' | ',' | ':' | ';' | '/' | '!' | '|' => 278,
        'I' | 'J' => 389,
        'M' | 'W' => 944,
        'A'..='Z' => 722,
        'i' | 'j' | 'l' => 278,
        'f' | 'r' | 't' | 's' => 389,
        'm' => 778,
        'w' => 722,
        'a'..='z' => 500,
        '@' => 921,
        '&' => 778,
        c if c.is_ascii() => 500,
        c => c.width().unwrap_or(0) * EM / 2,
    }
}

/// The widths of a cell's text: (the least it can take without breaking a date, a number or a
/// Latin word, nor a CJK run below `min_cjk`; its width on one line).
fn cell_widths(cell: &Cell, min_cjk: usize) -> (usize, usize) {
    let mut least = 0;
    let mut line = 0;
    let mut widest_line = 0;
    let mut word = 0;
    for span in cell {
        for c in span.text.chars() {
            if c == '\n' {
                widest_line = widest_line.max(line);
                line = 0;
                least = least.max(word);
                word = 0;
                continue;
            }
            let w = char_width(c);
            line += w;
            if c == ' ' || is_cjk(c) {
                least = least.max(word);
                word = 0;
            } else {
                word += w;
            }
        }
    }
    least = least.max(word);
    widest_line = widest_line.max(line);
    (least.max(widest_line.min(min_cjk)), widest_line)
}

/// Column widths of a table: from the display width of the content, scaled to fill the text
/// width of a portrait page; when even the least widths do not fit, of a landscape page.
/// When the content does not fit on one line, the body cells get their room first (a sector
/// name "文化艺术界" on one line matters more than a header on one line), then the headers
/// in two lines, then the headers on one line.
fn layout(table: &Table, style: &Style) -> Layout {
    let columns = table.align.len();
    let mut least = vec![0usize; columns];
    let mut wanted = vec![0usize; columns];
    let mut body = vec![0usize; columns];
    let mut head_one = vec![0usize; columns];
    let mut head_two = vec![0usize; columns];
    for (i, cell) in table.head.iter().enumerate().take(columns) {
        let (l, w) = cell_widths(cell, MIN_CJK_HEAD);
        least[i] = least[i].max(l);
        wanted[i] = wanted[i].max(w);
        head_one[i] = w;
        head_two[i] = two_line_width(cell);
    }
    for row in &table.rows {
        for (i, cell) in row.iter().enumerate().take(columns) {
            let (l, w) = cell_widths(cell, MIN_CJK_BODY);
            least[i] = least[i].max(l);
            wanted[i] = wanted[i].max(w);
            body[i] = body[i].max(w);
        }
    }
    // An em is the table's size: 10.5 pt = 210 twips.
    let size = u64::from(style.table.half_points.max(1));
    let extra = 2 * CELL_MARGIN + COLUMN_SLACK;
    let twips = |w: usize| ((w.max(EM / 2) as u64 * size).div_ceil(100)) as u32 + extra;
    let least: Vec<u32> = least.iter().map(|&w| twips(w)).collect();
    let capped = |w: &[usize]| -> Vec<u32> {
        w.iter().zip(&least).map(|(&w, &l)| twips(w.min(MAX_COLUMN_WIDTH)).max(l)).collect()
    };
    let wanted = capped(&wanted);
    let body_wanted = capped(&body);
    let head_two_wanted: Vec<u32> = capped(&head_two)
        .iter()
        .zip(&body_wanted)
        .zip(&wanted)
        .map(|((&h, &b), &w)| h.max(b).min(w))
        .collect();
    let least_sum: u32 = least.iter().sum();
    let (orient, width) = if least_sum <= PORTRAIT_TEXT_WIDTH {
        (Orient::Portrait, PORTRAIT_TEXT_WIDTH)
    } else {
        (Orient::Landscape, LANDSCAPE_TEXT_WIDTH)
    };
    let mut widths = fit_in_steps(&least, &[&body_wanted, &head_two_wanted, &wanted], width);

    // A header that wraps reads best in two even lines ("参与/人次", not "参与人/次"): its
    // column keeps the width of those two lines (or its content's least), and gives what it
    // gives up to the columns that still want more.
    let mut freed = 0u32;
    let mut snapped = vec![false; columns];
    for i in 0..columns {
        if widths[i] >= twips(head_one[i]) {
            continue;
        }
        let snap = least[i].max(twips(head_two[i]));
        if widths[i] > snap {
            freed += widths[i] - snap;
            widths[i] = snap;
            snapped[i] = true;
        }
    }
    if freed > 0 {
        let more: Vec<u32> = (0..columns)
            .map(|i| if snapped[i] { 0 } else { wanted[i].saturating_sub(widths[i]) })
            .collect();
        let more_sum: u64 = more.iter().map(|&m| u64::from(m)).sum();
        let mut given = 0u32;
        for (width, &more) in widths.iter_mut().zip(&more) {
            let share = (u64::from(freed) * u64::from(more)).checked_div(more_sum).unwrap_or(0);
            let share = (share as u32).min(more);
            *width += share;
            given += share;
        }
        // What nobody wants goes to the widest column that kept its width.
        let rest = freed - given;
        let target = (0..columns)
            .filter(|&i| !snapped[i])
            .max_by_key(|&i| (widths[i], std::cmp::Reverse(i)))
            .unwrap_or(0);
        widths[target] += rest;
    }
    Layout { orient, widths }
}

/// The least display width at which a cell takes at most two lines: it breaks between CJK
/// characters and at spaces, never inside a Latin word or a number.
fn two_line_width(cell: &Cell) -> usize {
    // (width, follows a space)
    let mut tokens: Vec<(usize, bool)> = Vec::new();
    let mut space = false;
    let mut word = 0;
    let mut word_space = false;
    for c in cell.iter().flat_map(|s| s.text.chars()) {
        if c == ' ' || c == '\n' || is_cjk(c) {
            if word > 0 {
                tokens.push((word, word_space));
                word = 0;
            }
            if is_cjk(c) {
                tokens.push((char_width(c), space));
                space = false;
            } else {
                space = true;
            }
        } else {
            if word == 0 {
                word_space = space;
                space = false;
            }
            word += char_width(c);
        }
    }
    if word > 0 {
        tokens.push((word, word_space));
    }
    // The same text broken at spaces only: "2020 / 参与人次" reads better than "2020 参 / 与人次".
    let mut words: Vec<(usize, bool)> = Vec::new();
    for &(w, after_space) in &tokens {
        match words.last_mut() {
            Some(last) if !after_space => last.0 += w,
            _ => words.push((w, after_space && !words.is_empty())),
        }
    }
    let by_chars = least_two_lines(&tokens);
    let by_words = least_two_lines(&words);
    if words.len() > 1 && by_words <= by_chars + EM { by_words } else { by_chars }
}

/// The least width at which tokens (width, follows a space) take at most two lines: the
/// narrowest split into a first and a second line.
fn least_two_lines(tokens: &[(usize, bool)]) -> usize {
    let width_of = |tokens: &[(usize, bool)]| -> usize {
        tokens
            .iter()
            .enumerate()
            .map(|(i, &(w, space))| w + if i > 0 && space { SPACE } else { 0 })
            .sum()
    };
    let full = width_of(tokens);
    (1..tokens.len())
        .map(|k| width_of(&tokens[..k]).max(width_of(&tokens[k..])))
        .min()
        .unwrap_or(full)
        .min(full)
}

/// Widths that add up to `width`, growing from the least widths through each step of wanted
/// widths in turn: the first step that does not fit all shares the room that is left, in
/// proportion to what each column still wants ([`fit`]).
fn fit_in_steps(least: &[u32], steps: &[&[u32]], width: u32) -> Vec<u32> {
    let mut base = least.to_vec();
    for step in steps {
        let target: Vec<u32> = base.iter().zip(step.iter()).map(|(&b, &s)| b.max(s)).collect();
        let sum: u64 = target.iter().map(|&w| u64::from(w)).sum();
        if sum > u64::from(width) {
            return fit(&base, &target, width);
        }
        base = target;
    }
    fit(least, &base, width)
}

/// Widths that add up to `width`: the wanted widths scaled up when they fit, else the least
/// widths plus a share of what they want more, else the least widths scaled down.
fn fit(least: &[u32], wanted: &[u32], width: u32) -> Vec<u32> {
    if least.is_empty() {
        return Vec::new();
    }
    let least_sum: u64 = least.iter().map(|&w| u64::from(w)).sum();
    let wanted_sum: u64 = wanted.iter().map(|&w| u64::from(w)).sum();
    let width64 = u64::from(width);
    let mut widths: Vec<u32> = if wanted_sum <= width64 {
        wanted.iter().map(|&w| (u64::from(w) * width64 / wanted_sum) as u32).collect()
    } else if least_sum <= width64 {
        let room = width64 - least_sum;
        let more = wanted_sum - least_sum;
        least
            .iter()
            .zip(wanted)
            .map(|(&l, &w)| l + (u64::from(w - l) * room / more) as u32)
            .collect()
    } else {
        least.iter().map(|&w| (u64::from(w) * width64 / least_sum) as u32).collect()
    };
    // Rounding down leaves a few twips: give them to the widest column.
    let sum: u32 = widths.iter().sum();
    if let Some(widest) = (0..widths.len()).max_by_key(|&i| (widths[i], std::cmp::Reverse(i))) {
        widths[widest] += width.saturating_sub(sum);
    }
    widths
}

fn content_types() -> String {
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

fn root_rels() -> String {
    let mut s = String::from(XML_DECL);
    s.push_str("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>\
</Relationships>");
    s
}

fn document_rels() -> String {
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
fn core_xml(title: &str) -> String {
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

fn app_xml() -> String {
    let mut s = String::from(XML_DECL);
    s.push_str("<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" \
xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\"><Application>jiebie</Application></Properties>");
    s
}

fn settings_xml() -> String {
    let mut s = String::from(XML_DECL);
    s.push_str("<w:settings xmlns:w=\"");
    s.push_str(NS_W);
    s.push_str("\"><w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"420\"/><w:evenAndOddHeaders/>\
<w:characterSpacingControl w:val=\"compressPunctuation\"/>\
<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>\
<w:themeFontLang w:val=\"zh-CN\" w:eastAsia=\"zh-CN\"/></w:settings>");
    s
}

/// A paragraph style's `w:rPr`: fonts, bold, size.
fn style_rpr(s: &mut String, latin: &str, font: &Font, bold: bool) {
    use std::fmt::Write as _;
    s.push_str("<w:rPr>");
    s.push_str(&rfonts(latin, &font.name));
    if bold {
        s.push_str("<w:b/><w:bCs/>");
    }
    let _ = write!(s, "<w:sz w:val=\"{0}\"/><w:szCs w:val=\"{0}\"/>", font.half_points);
    s.push_str("</w:rPr>");
}

fn styles_xml(style: &Style) -> String {
    use std::fmt::Write as _;
    let latin = style.latin.as_str();
    let indent = style.body.half_points * 20; // two characters of the body size
    let mut s = String::with_capacity(8192);
    s.push_str(XML_DECL);
    s.push_str("<w:styles xmlns:w=\"");
    s.push_str(NS_W);
    s.push_str("\"><w:docDefaults><w:rPrDefault><w:rPr>");
    s.push_str(&rfonts(latin, &style.body.name));
    let _ = write!(
        s,
        "<w:kern w:val=\"2\"/><w:sz w:val=\"{0}\"/><w:szCs w:val=\"{0}\"/><w:lang w:val=\"zh-CN\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/>",
        style.body.half_points
    );
    s.push_str("</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:jc w:val=\"both\"/></w:pPr></w:pPrDefault></w:docDefaults>");

    // The body.
    let _ = write!(
        s,
        "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/>\
         <w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"{LINE}\" w:lineRule=\"exact\"/><w:ind w:firstLine=\"{indent}\"/><w:jc w:val=\"both\"/></w:pPr>"
    );
    style_rpr(&mut s, latin, &style.body, false);
    s.push_str("</w:style>");

    // The title: centred, one empty line after it.
    let _ = write!(
        s,
        "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"10\"/><w:qFormat/>\
         <w:pPr><w:keepNext/><w:spacing w:before=\"0\" w:after=\"{LINE}\" w:line=\"{0}\" w:lineRule=\"exact\"/><w:ind w:firstLine=\"0\"/><w:jc w:val=\"center\"/></w:pPr>",
        (style.title.half_points * 10 * 13 / 10).max(LINE)
    );
    style_rpr(&mut s, latin, &style.title, false);
    s.push_str("</w:style>");

    let headings = [&style.heading1, &style.heading2, &style.heading3, &style.heading4];
    for (i, font) in headings.iter().enumerate() {
        let level = i + 1;
        let _ = write!(
            s,
            "<w:style w:type=\"paragraph\" w:styleId=\"Heading{level}\"><w:name w:val=\"heading {level}\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/><w:unhideWhenUsed/><w:qFormat/>\
             <w:pPr><w:keepNext/><w:keepLines/><w:outlineLvl w:val=\"{i}\"/></w:pPr>"
        );
        style_rpr(&mut s, latin, font, level == 3);
        s.push_str("</w:style>");
    }

    // Table text: single spacing, no indent.
    s.push_str(
        "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"TableText\"><w:name w:val=\"Table Text\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/>\
         <w:pPr><w:snapToGrid w:val=\"0\"/><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/><w:ind w:firstLine=\"0\"/><w:jc w:val=\"left\"/></w:pPr>",
    );
    style_rpr(&mut s, latin, &style.table, false);
    s.push_str("</w:style>");

    // The footer: page numbers.
    s.push_str(
        "<w:style w:type=\"paragraph\" w:styleId=\"Footer\"><w:name w:val=\"footer\"/><w:basedOn w:val=\"Normal\"/><w:uiPriority w:val=\"99\"/><w:unhideWhenUsed/>\
         <w:pPr><w:snapToGrid w:val=\"0\"/><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/><w:ind w:firstLine=\"0\"/></w:pPr>",
    );
    style_rpr(&mut s, latin, &style.footer, false);
    s.push_str("</w:style>");

    s.push_str(
        "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>\
         <w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/>\
         <w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>\
         <w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/><w:basedOn w:val=\"TableNormal\"/><w:uiPriority w:val=\"39\"/>\
         <w:tblPr><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>\
         <w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>\
         <w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/></w:tblBorders></w:tblPr></w:style>",
    );
    s.push_str("</w:styles>");
    s
}

/// What the font table says of a known font: its Windows fallback, PANOSE, charset, family,
/// pitch.
fn font_facts(
    name: &str,
) -> (Option<&'static str>, Option<&'static str>, &'static str, &'static str, &'static str) {
    match name {
        "Times New Roman" => (None, Some("02020603050405020304"), "00", "roman", "variable"),
        "仿宋_GB2312" => (Some("仿宋"), Some("02010609030101010101"), "86", "modern", "fixed"),
        "楷体_GB2312" => (Some("楷体"), Some("02010609030101010101"), "86", "modern", "fixed"),
        "方正小标宋简体" => (Some("宋体"), None, "86", "script", "default"),
        "仿宋" | "FangSong" => {
            (Some("FangSong"), Some("02010609060101010101"), "86", "modern", "fixed")
        }
        "楷体" | "KaiTi" => {
            (Some("KaiTi"), Some("02010609060101010101"), "86", "modern", "fixed")
        }
        "黑体" | "SimHei" => {
            (Some("SimHei"), Some("02010609060101010101"), "86", "modern", "fixed")
        }
        "宋体" | "SimSun" => {
            (Some("SimSun"), Some("02010600030101010101"), "86", "auto", "variable")
        }
        "微软雅黑" | "Microsoft YaHei" => {
            (Some("Microsoft YaHei"), Some("020B0503020204020204"), "86", "swiss", "variable")
        }
        _ => (None, None, "86", "auto", "default"),
    }
}

fn font_table_xml(style: &Style) -> String {
    let mut names: Vec<&str> = vec![style.latin.as_str()];
    for font in [
        &style.body,
        &style.title,
        &style.heading1,
        &style.heading2,
        &style.heading3,
        &style.heading4,
        &style.table,
        &style.footer,
    ] {
        if !names.contains(&font.name.as_str()) {
            names.push(&font.name);
        }
    }
    // The fallbacks themselves, so that a reader finds them described.
    for fallback in ["仿宋", "楷体", "宋体"] {
        if !names.contains(&fallback) {
            names.push(fallback);
        }
    }
    let mut s = String::with_capacity(2048);
    s.push_str(XML_DECL);
    s.push_str("<w:fonts xmlns:w=\"");
    s.push_str(NS_W);
    s.push_str("\">");
    for name in names {
        let (alt, panose, charset, family, pitch) = font_facts(name);
        s.push_str("<w:font w:name=\"");
        escape_into(&mut s, name);
        s.push_str("\">");
        if let Some(alt) = alt {
            s.push_str("<w:altName w:val=\"");
            s.push_str(alt);
            s.push_str("\"/>");
        }
        if let Some(panose) = panose {
            s.push_str("<w:panose1 w:val=\"");
            s.push_str(panose);
            s.push_str("\"/>");
        }
        s.push_str("<w:charset w:val=\"");
        s.push_str(charset);
        s.push_str("\"/><w:family w:val=\"");
        s.push_str(family);
        s.push_str("\"/><w:pitch w:val=\"");
        s.push_str(pitch);
        s.push_str("\"/></w:font>");
    }
    s.push_str("</w:fonts>");
    s
}

/// A footer holding the page number "— 1 —": odd pages (the default footer) on the right,
/// even pages on the left, one character in from the edge.
fn footer_xml(style: &Style, odd: bool) -> String {
    use std::fmt::Write as _;
    let fonts = rfonts(&style.latin, &style.footer.name);
    let one_char = style.footer.half_points * 10;
    let (ind, jc) = if odd { ("right", "right") } else { ("left", "left") };
    let mut s = String::with_capacity(2048);
    s.push_str(XML_DECL);
    let _ = write!(
        s,
        "<w:ftr xmlns:w=\"{NS_W}\" xmlns:r=\"{NS_R}\"><w:p><w:pPr><w:pStyle w:val=\"Footer\"/><w:ind w:{ind}=\"{one_char}\" w:firstLine=\"0\"/><w:jc w:val=\"{jc}\"/></w:pPr>"
    );
    let run = |s: &mut String, inner: &str| {
        s.push_str("<w:r><w:rPr>");
        s.push_str(&fonts);
        s.push_str("</w:rPr>");
        s.push_str(inner);
        s.push_str("</w:r>");
    };
    run(&mut s, "<w:t xml:space=\"preserve\">\u{2014} </w:t>");
    run(&mut s, "<w:fldChar w:fldCharType=\"begin\"/>");
    run(&mut s, "<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>");
    run(&mut s, "<w:fldChar w:fldCharType=\"separate\"/>");
    run(&mut s, "<w:t>1</w:t>");
    run(&mut s, "<w:fldChar w:fldCharType=\"end\"/>");
    run(&mut s, "<w:t xml:space=\"preserve\"> \u{2014}</w:t>");
    s.push_str("</w:p></w:ftr>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::doc::{from_markdown, text};

    #[test]
    fn escapes_and_drops_forbidden_characters() {
        let mut s = String::new();
        escape_into(&mut s, "a&b<c>d\"e\u{1}f\u{b}g\th\ni\r\u{FFFE}j\u{FFFF}k\u{FFFD}l中");
        assert_eq!(s, "a&amp;b&lt;c&gt;d&quot;efg\th\nijk\u{FFFD}l中");
    }

    #[test]
    fn escape_keeps_plain_text() {
        let mut s = String::new();
        escape_into(&mut s, "2021年5月18日，调研。");
        assert_eq!(s, "2021年5月18日，调研。");
    }

    #[test]
    fn cell_widths_keep_dates_whole() {
        let cell = vec![Span::plain("2021-05-18")];
        assert_eq!(cell_widths(&cell, MIN_CJK_BODY), (8 * 500 + 2 * 333, 8 * 500 + 2 * 333));
        let cell = vec![Span::plain("党史学习教育专题学习会")];
        assert_eq!(cell_widths(&cell, MIN_CJK_BODY), (4000, 11000));
        assert_eq!(cell_widths(&vec![Span::plain("亮点")], MIN_CJK_HEAD), (2000, 2000));
        let cell = vec![Span::plain("2020 参与人次")];
        assert_eq!(cell_widths(&cell, MIN_CJK_HEAD), (2000, 6250));
        assert_eq!(cell_widths(&vec![Span::plain("100%")], MIN_CJK_HEAD), (2333, 2333));
    }

    #[test]
    fn headers_wrap_into_two_even_lines() {
        let two = |t: &str| two_line_width(&vec![Span::plain(t)]);
        assert_eq!(two("参与人次"), 2000);
        assert_eq!(two("跨界别活动"), 3000);
        assert_eq!(two("活动数"), 2000);
        assert_eq!(two("亮点"), 1000, "the column's least keeps it on one line");
        assert_eq!(two("2020 参与人次"), 4000);
        assert_eq!(two("Participants"), 722 + 5 * 500 + 4 * 389 + 2 * 278);
    }

    #[test]
    fn fit_fills_the_width() {
        assert_eq!(fit(&[100, 100], &[300, 100], 800), vec![600, 200]);
        assert_eq!(fit(&[100, 100], &[500, 500], 600), vec![300, 300]);
        assert_eq!(fit(&[400, 400], &[500, 500], 600), vec![300, 300]);
        let w = fit(&[101, 103, 107], &[200, 300, 400], 1000);
        assert_eq!(w.iter().sum::<u32>(), 1000);
    }

    #[test]
    fn steps_give_the_body_its_room_before_the_headers() {
        // Body wants fit; the headers' two lines do not: they share what is left.
        let least = [100, 100];
        let body = [300, 100];
        let head = [300, 500];
        assert_eq!(fit_in_steps(&least, &[&body, &head], 600), vec![300, 300]);
        // Plain proportional sharing would have given the first column less.
        assert_eq!(fit(&least, &head, 600), vec![233, 367]);
        // Everything fits: the last step scaled up, as `fit` does.
        assert_eq!(fit_in_steps(&least, &[&body, &head], 1600), fit(&least, &[300, 500], 1600));
        // Not even the body fits: shared from the least widths.
        assert_eq!(fit_in_steps(&least, &[&[500, 300]], 400), fit(&least, &[500, 300], 400));
    }

    #[test]
    fn a_long_title_breaks_after_a_conjunction() {
        let lines = |t: &str| text(&title_lines(&[Span::plain(t)], 44, PORTRAIT_TEXT_WIDTH));
        assert_eq!(
            lines("上海市政协2021年界别工作概要与2022年工作设想"),
            "上海市政协2021年界别工作概要与\n2022年工作设想"
        );
        assert_eq!(
            lines("上海市政协2021年上半年界别工作总结和下半年工作打算"),
            "上海市政协2021年上半年界别工作总结和\n下半年工作打算"
        );
        // Fits on one line; no conjunction; a break of its own.
        assert_eq!(
            lines("上海市政协2020年与2021年界别工作对比"),
            "上海市政协2020年与2021年界别工作对比"
        );
        assert_eq!(lines(&"界别工作".repeat(8)), "界别工作".repeat(8));
        // Not inside a word that begins with a conjunction's character: after 和 of 和谐 the
        // lines would be more even, but 与 is the place; with no place that fits, as it is.
        assert_eq!(
            lines("上海市政协2021年和谐社区建设工作概要与2022年设想"),
            "上海市政协2021年和谐社区建设工作概要与\n2022年设想"
        );
        assert_eq!(
            lines("上海市政协2021年和谐社区建设界别工作概要与2022年工作设想"),
            "上海市政协2021年和谐社区建设界别工作概要与2022年工作设想"
        );
        assert_eq!(
            lines("上海市政协2021年促进世界和平与发展专题界别工作报告"),
            "上海市政协2021年促进世界和平与\n发展专题界别工作报告"
        );
        assert_eq!(
            lines("上海市政协2021年界别工作概要\n与工作设想"),
            "上海市政协2021年界别工作概要\n与工作设想"
        );
        // The break lands in the span that holds the place; formatting is kept.
        let spans = [
            Span::plain("上海市政协2021年界别工作概要"),
            Span { text: "与2022年工作设想".into(), bold: true, italic: false },
        ];
        let out = title_lines(&spans, 44, PORTRAIT_TEXT_WIDTH);
        assert_eq!(out[1].text, "与\n2022年工作设想");
        assert!(out[1].bold);
    }

    #[test]
    fn a_wholly_bold_paragraph_keeps_with_the_next() {
        let doc =
            from_markdown("**年度指标**\n\n| a | b |\n| --- | ---: |\n| x | 1 |\n\n正文**粗**。\n");
        let xml = document_xml(&doc, &Style::default());
        assert_eq!(xml.matches("<w:keepNext/>").count(), 1, "{xml}");
        let keep = xml.find("<w:keepNext/>").unwrap();
        assert!(keep < xml.find("年度指标").unwrap());
    }

    #[test]
    fn wide_tables_go_landscape() {
        let mut md = String::from(
            "| 界别 | 1月 | 2月 | 3月 | 4月 | 5月 | 6月 | 7月 | 8月 | 9月 | 10月 | 11月 | 12月 | 月份不详 | 合计 |\n",
        );
        md.push_str("| --- ");
        md.push_str(&"| ---: ".repeat(14));
        md.push_str(
            "|\n| 社会福利和社会保障界 | 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 1 | 0 | 0 | 1 | 4 |\n",
        );
        let doc = from_markdown(&md);
        let Block::Table(t) = &doc.blocks[0] else { panic!() };
        let l = layout(t, &Style::default());
        assert_eq!(l.orient, Orient::Landscape);
        assert_eq!(l.widths.iter().sum::<u32>(), LANDSCAPE_TEXT_WIDTH);
        let doc = from_markdown("| 指标 | 数值 |\n| --- | ---: |\n| 报送社情民意信息 | 7 |\n");
        let Block::Table(t) = &doc.blocks[0] else { panic!() };
        let l = layout(t, &Style::default());
        assert_eq!(l.orient, Orient::Portrait);
        assert_eq!(l.widths.iter().sum::<u32>(), PORTRAIT_TEXT_WIDTH);
    }

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

    #[test]
    fn landscape_section_takes_the_heading_along() {
        let mut md = String::from("# T\n\n正文\n\n## 各月\n\n|");
        md.push_str(&" 社会福利和社会保障界 |".repeat(9));
        md.push('\n');
        md.push_str(&"| ---: ".repeat(9));
        md.push_str("|\n|");
        md.push_str(&" 2021-05-18 |".repeat(9));
        md.push_str("\n\n结尾\n");
        let doc = from_markdown(&md);
        let xml = document_xml(&doc, &Style::default());
        // 正文 ends the first, portrait section; the empty paragraph after the table ends the
        // landscape one; the body's own section is portrait.
        let sections: Vec<&str> =
            xml.match_indices("<w:pgSz ").map(|(i, _)| &xml[i..i + 60]).collect();
        assert_eq!(sections.len(), 3, "{xml}");
        assert!(sections[0].starts_with("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
        assert!(
            sections[1].starts_with("<w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/>")
        );
        assert!(sections[2].starts_with("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
        let text_pos = xml.find("正文").unwrap();
        let heading_pos = xml.find("各月").unwrap();
        let first_sect = xml.find("<w:sectPr>").unwrap();
        let paragraph = xml[..text_pos].rfind("<w:p>").unwrap();
        assert!(paragraph < first_sect && first_sect < text_pos && text_pos < heading_pos);
    }
}
