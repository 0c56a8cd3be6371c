//! The fonts and sizes of the document ([`Style`], GB/T 9704-2012 by default or from
//! `[document]` of `jiebie.toml`), and the parts that name them: `word/styles.xml` (Normal,
//! Title, heading 1 … 4, Table Text, footer, Table Grid) and `word/fontTable.xml`.

use crate::read::schema::WordStyle;
use crate::render::docx::xml::{NS_W, XML_DECL, escape, escape_into};

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
    /// Whether the summary carries its chart of activities per sector (`[document] chart`).
    pub chart: bool,
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
            chart: true,
        }
    }
}

impl Style {
    /// The default style with what `[document]` of `jiebie.toml` overrides. Headings take the
    /// body's size.
    pub fn from_config(config: &WordStyle) -> Style {
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
        style.chart = config.chart.unwrap_or(true);
        style
    }
}

/// Exact line spacing of the body: 28.95 pt, 22 lines a page.
pub(super) const LINE: u32 = 579;

/// The `w:rFonts` element of a font.
pub(super) fn rfonts(latin: &str, east_asia: &str) -> String {
    let latin = escape(latin);
    let east_asia = escape(east_asia);
    format!(
        "<w:rFonts w:ascii=\"{latin}\" w:hAnsi=\"{latin}\" w:eastAsia=\"{east_asia}\" w:cs=\"{latin}\" w:hint=\"eastAsia\"/>"
    )
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

pub(super) fn styles_xml(style: &Style) -> String {
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
         <w:pPr><w:keepNext/><w:snapToGrid w:val=\"0\"/><w:spacing w:before=\"0\" w:after=\"{LINE}\" w:line=\"{0}\" w:lineRule=\"exact\"/><w:ind w:firstLine=\"0\"/><w:jc w:val=\"center\"/></w:pPr>",
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

pub(super) fn font_table_xml(style: &Style) -> String {
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
