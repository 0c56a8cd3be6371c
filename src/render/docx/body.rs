//! `word/document.xml`: the blocks as paragraphs, runs and tables, each table in a section of
//! the orientation its columns need (with the headings just before it), and a title too long
//! for one line broken after a conjunction.

use crate::render::blocks::{Align, Block, Blocks, CellRef, Run, Span, Table, all_bold};
use crate::render::docx::chart::Chart;
use crate::render::docx::columns::{CELL_MARGIN, EM, Layout, char_width, layout};
use crate::render::docx::page::{
    FOOTER_DISTANCE, HEADER_DISTANCE, LANDSCAPE_TEXT_WIDTH, MARGIN_BOTTOM, MARGIN_LEFT,
    MARGIN_RIGHT, MARGIN_TOP, Orient, PAGE_LONG, PAGE_SHORT, PORTRAIT_TEXT_WIDTH,
};
use crate::render::docx::styles::{LINE, Style, rfonts};
use crate::render::docx::xml::{NS_R, NS_W, XML_DECL, escape_into};

/// Pre-written pieces of the body, and the XML not yet written.
struct Writer<'w> {
    /// The XML since the last piece written.
    out: String,
    write: &'w mut dyn FnMut(&str),
    title_fonts: String,
    body_fonts: String,
    heading_fonts: [String; 4],
    table_fonts: String,
    /// The document grid of a portrait section.
    grid: String,
}

/// The relationship id of the chart part in `word/_rels/document.xml.rels`.
pub(super) const CHART_RELATIONSHIP: &str = "rId8";

/// Writes `word/document.xml` through `write`, a piece at a time.
pub(super) fn document_xml(
    doc: &Blocks,
    style: &Style,
    chart: Option<&Chart>,
    write: &mut dyn FnMut(&str),
) {
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

    let mut w = Writer {
        out: String::with_capacity(PIECE + 4096),
        write,
        title_fonts: rfonts(&style.latin, &style.title.name),
        body_fonts: rfonts(&style.latin, &style.body.name),
        heading_fonts: [
            rfonts(&style.latin, &style.heading1.name),
            rfonts(&style.latin, &style.heading2.name),
            rfonts(&style.latin, &style.heading3.name),
            rfonts(&style.latin, &style.heading4.name),
        ],
        table_fonts: rfonts(&style.latin, &style.table.name),
        grid: doc_grid(style),
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
                let runs = spans.iter().map(Span::run);
                w.paragraph(props, runs, &fonts, false, ends_section.then_some(here));
            }
            Block::Heading(level, spans) => {
                let level = (*level).clamp(1, 4) as usize;
                let fonts = w.heading_fonts[level - 1].clone();
                let id = ["Heading1", "Heading2", "Heading3", "Heading4"][level - 1];
                let props = Props { style: Some(id), ..Props::default() };
                let runs = spans.iter().map(Span::run);
                w.paragraph(props, runs, &fonts, false, ends_section.then_some(here));
            }
            Block::Paragraph(spans) => {
                let fonts = w.body_fonts.clone();
                // A paragraph wholly bold ("**年度指标**" in a template) reads as a heading:
                // it stays on the page of what follows it.
                let keep_next = all_bold(spans.iter().map(Span::run));
                let props = Props { keep_next, ..Props::default() };
                let runs = spans.iter().map(Span::run);
                w.paragraph(props, runs, &fonts, false, ends_section.then_some(here));
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
                if let Some(chart) = chart.filter(|c| c.after == i) {
                    let fonts = w.body_fonts.clone();
                    chart.paragraph(&mut w.out, CHART_RELATIONSHIP, &fonts);
                }
            }
        }
        w.write_if_full();
    }
    let last = orient.last().copied().unwrap_or(Orient::Portrait);
    w.section(last);
    w.out.push_str("</w:body></w:document>");
    (w.write)(&w.out);
}

/// The grid of GB/T 9704: 22 lines a page and, at the body's size, 28 characters a line (for
/// 3号 on the standard's margins), as official templates set it: `w:charSpace` in 1/4096 pt is
/// how much narrower (negative) or wider each character's cell is than the font's size.
fn doc_grid(style: &Style) -> String {
    let points = f64::from(style.body.half_points) / 2.0;
    // The text width in points, from millimetres (156 mm for A4 less 28 + 26 mm).
    let width = (210.0 - 28.0 - 26.0) / 25.4 * 72.0;
    let chars = (width / points).round().max(1.0);
    // 3号 on A4 is the standard's own case: −849, the value official templates carry.
    let space = if style.body.half_points == 32 {
        -849
    } else {
        ((width / chars - points) * 4096.0).round() as i64
    };
    format!("<w:docGrid w:type=\"linesAndChars\" w:linePitch=\"{LINE}\" w:charSpace=\"{space}\"/>")
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

/// How much XML is gathered before it is written on (at the end of a block or a table row).
const PIECE: usize = 1 << 16;

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

impl Writer<'_> {
    /// Writes the XML gathered on, once there is a piece of it.
    fn write_if_full(&mut self) {
        if self.out.len() >= PIECE {
            (self.write)(&self.out);
            self.out.clear();
        }
    }

    /// A paragraph with its properties and, when it ends a section, that section's properties.
    fn paragraph<'r>(
        &mut self,
        props: Props,
        runs: impl IntoIterator<Item = Run<'r>>,
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
        for run in runs {
            self.run(run, fonts, bold);
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
    fn run(&mut self, run: Run<'_>, fonts: &str, bold: bool) {
        if run.text.is_empty() {
            return;
        }
        self.out.push_str("<w:r><w:rPr>");
        self.out.push_str(fonts);
        if bold || run.bold {
            self.out.push_str("<w:b/><w:bCs/>");
        }
        if run.italic {
            self.out.push_str("<w:i/><w:iCs/>");
        }
        self.out.push_str("</w:rPr>");
        for piece in run.text.split_inclusive(['\n', '\t']) {
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
             <w:cols w:space=\"425\"/>"
        );
        match orient {
            Orient::Portrait => self.out.push_str(&self.grid),
            Orient::Landscape => {
                let _ = write!(self.out, "<w:docGrid w:type=\"lines\" w:linePitch=\"{LINE}\"/>");
            }
        }
        self.out.push_str("</w:sectPr>");
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
        // The header stays with the first row; a short table (up to a dozen rows) stays on one
        // page, so that no page starts with its last row alone.
        for (i, cell) in table.head().cells().enumerate() {
            self.cell(&openings[i], Some("center"), cell, &fonts, true, true);
        }
        self.out.push_str("</w:tr>");
        let rows = table.rows().len();
        let short = rows <= 12;
        for (r, row) in table.rows().enumerate() {
            let keep_next = short && r + 1 < rows;
            let bold = row.is_total();
            self.out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
            for (i, cell) in row.cells().enumerate() {
                // Left is the style's own alignment.
                let jc = match table.align.get(i) {
                    Some(Align::Right) => Some("right"),
                    Some(Align::Center) => Some("center"),
                    _ => None,
                };
                self.cell(&openings[i], jc, cell, &fonts, bold, keep_next);
            }
            self.out.push_str("</w:tr>");
            self.write_if_full();
        }
        self.out.push_str("</w:tbl>");
    }

    fn cell(
        &mut self,
        opening: &str,
        jc: Option<&'static str>,
        cell: CellRef<'_>,
        fonts: &str,
        bold: bool,
        keep_next: bool,
    ) {
        self.out.push_str(opening);
        let props = Props { style: Some("TableText"), jc, keep_next };
        self.paragraph(props, cell.runs(), fonts, bold, None);
        self.out.push_str("</w:tc>");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::blocks::{from_markdown, text};

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

    /// The document's XML, all its pieces.
    fn xml_of(doc: &Blocks) -> String {
        let mut xml = String::new();
        document_xml(doc, &Style::default(), None, &mut |piece| xml.push_str(piece));
        xml
    }

    #[test]
    fn a_wholly_bold_paragraph_keeps_with_the_next() {
        let doc =
            from_markdown("**年度指标**\n\n| a | b |\n| --- | ---: |\n| x | 1 |\n\n正文**粗**。\n");
        let xml = xml_of(&doc);
        // The bold paragraph and the two header cells (kept with the first row); the last row
        // and the plain paragraph are not.
        assert_eq!(xml.matches("<w:keepNext/>").count(), 3, "{xml}");
        let keep = xml.find("<w:keepNext/>").unwrap();
        assert!(keep < xml.find("年度指标").unwrap());
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
        let xml = xml_of(&doc);
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
