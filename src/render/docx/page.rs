//! The page: A4 geometry and margins in twips, portrait or landscape, and the footers that
//! number the pages.

use crate::render::docx::styles::{Style, rfonts};
use crate::render::docx::xml::{NS_R, NS_W, XML_DECL};

/// Page geometry in twips.
pub(super) const PAGE_SHORT: u32 = 11906;
pub(super) const PAGE_LONG: u32 = 16838;
pub(super) const MARGIN_TOP: u32 = 2098;
pub(super) const MARGIN_BOTTOM: u32 = 1984;
pub(super) const MARGIN_LEFT: u32 = 1587;
pub(super) const MARGIN_RIGHT: u32 = 1474;
pub(super) const HEADER_DISTANCE: u32 = 851;
pub(super) const FOOTER_DISTANCE: u32 = 1247;
/// Text width of a portrait page: 156 mm.
pub const PORTRAIT_TEXT_WIDTH: u32 = PAGE_SHORT - MARGIN_LEFT - MARGIN_RIGHT;
/// Text width of a landscape page (the portrait top and bottom margins at the sides).
pub const LANDSCAPE_TEXT_WIDTH: u32 = PAGE_LONG - MARGIN_TOP - MARGIN_BOTTOM;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Orient {
    Portrait,
    Landscape,
}

/// A footer holding the page number "— 1 —": odd pages (the default footer) on the right,
/// even pages on the left, one character in from the edge.
pub(super) fn footer_xml(style: &Style, odd: bool) -> String {
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
