//! The summary's native chart (SPEC §8.3): activities per sector as a DrawingML bar chart
//! (`word/charts/chart1.xml`) with its values cached in the part, so that Word shows it and
//! lets it be restyled, and LibreOffice renders it; an inline drawing in the body points to it.
//!
//! The numbers come from the document itself: the overview table (its first two columns
//! 界别/Sector and 活动数/Activities) in the first chapter, so a template's document gets the
//! chart too when it keeps that table, and the chart never says what the table does not.

use std::fmt::Write as _;

use crate::render::blocks::{Block, Blocks, CellRef};
use crate::render::docx::page::PORTRAIT_TEXT_WIDTH;
use crate::render::docx::styles::Style;
use crate::render::docx::xml::{XML_DECL, escape_into};

const NS_C: &str = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const NS_A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const NS_WP: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
/// EMUs per twip.
const EMU: u64 = 635;

/// The bars: one per sector, in the table's order.
pub(super) struct Chart {
    /// The index of the overview table among the blocks: the chart follows it.
    pub after: usize,
    pub series: String,
    pub labels: Vec<String>,
    pub values: Vec<u64>,
}

impl Chart {
    /// The chart of a document: after the overview table of its first chapter, when that table
    /// has two sectors or more (one bar says nothing the sentence above it does not).
    pub fn from_blocks(doc: &Blocks) -> Option<Chart> {
        let mut chapters = 0;
        for (i, block) in doc.blocks.iter().enumerate() {
            match block {
                Block::Heading(1, _) => {
                    chapters += 1;
                    if chapters > 1 {
                        return None;
                    }
                }
                Block::Table(table) if chapters == 1 => {
                    let head: Vec<&str> = table.head().cells().map(CellRef::text).collect();
                    let is_overview = head.len() >= 2
                        && matches!(head[0], "界别" | "Sector")
                        && matches!(head[1], "活动数" | "Activities");
                    if !is_overview {
                        continue;
                    }
                    // The sector's cell and its activities' (the header has both).
                    let rows: Vec<(&str, &str)> = table
                        .rows()
                        .filter(|row| !row.is_total())
                        .filter_map(|row| Some((row.cell(0)?.text(), row.cell(1)?.text())))
                        .collect();
                    if rows.len() < 2 {
                        return None;
                    }
                    let labels = rows.iter().map(|(label, _)| label.to_string()).collect();
                    let values = rows
                        .iter()
                        .map(|(_, value)| value.replace(',', "").trim().parse().unwrap_or(0))
                        .collect();
                    let series = head[1].to_owned();
                    return Some(Chart { after: i, series, labels, values });
                }
                _ => {}
            }
        }
        None
    }

    /// The chart's height in twips: room for the bars and for labels written downwards when
    /// there are many sectors.
    fn height(&self) -> u64 {
        if self.labels.len() > 12 { 5200 } else { 4300 }
    }

    /// `word/charts/chart1.xml`.
    pub fn part(&self, style: &Style) -> String {
        let n = self.labels.len();
        let mut s = String::with_capacity(2048 + n * 120);
        s.push_str(XML_DECL);
        let _ = write!(
            s,
            "<c:chartSpace xmlns:c=\"{NS_C}\" xmlns:a=\"{NS_A}\" xmlns:r=\"{NS_R}\">\
<c:date1904 val=\"0\"/><c:lang val=\"zh-CN\"/><c:roundedCorners val=\"0\"/>\
<c:chart><c:autoTitleDeleted val=\"1\"/><c:plotArea><c:layout/>\
<c:barChart><c:barDir val=\"col\"/><c:grouping val=\"clustered\"/><c:varyColors val=\"0\"/>\
<c:ser><c:idx val=\"0\"/><c:order val=\"0\"/><c:tx><c:strRef><c:f>Sheet1!$B$1</c:f><c:strCache><c:ptCount val=\"1\"/><c:pt idx=\"0\"><c:v>"
        );
        escape_into(&mut s, &self.series);
        s.push_str(
            "</c:v></c:pt></c:strCache></c:strRef></c:tx>\
<c:spPr><a:solidFill><a:srgbClr val=\"4472C4\"/></a:solidFill></c:spPr><c:invertIfNegative val=\"0\"/>\
<c:dLbls><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr><c:showLegendKey val=\"0\"/><c:showVal val=\"1\"/>\
<c:showCatName val=\"0\"/><c:showSerName val=\"0\"/><c:showPercent val=\"0\"/><c:showBubbleSize val=\"0\"/></c:dLbls>",
        );
        let last = n + 1;
        let _ = write!(
            s,
            "<c:cat><c:strRef><c:f>Sheet1!$A$2:$A${last}</c:f><c:strCache><c:ptCount val=\"{n}\"/>"
        );
        for (i, label) in self.labels.iter().enumerate() {
            let _ = write!(s, "<c:pt idx=\"{i}\"><c:v>");
            escape_into(&mut s, label);
            s.push_str("</c:v></c:pt>");
        }
        let _ = write!(
            s,
            "</c:strCache></c:strRef></c:cat><c:val><c:numRef><c:f>Sheet1!$B$2:$B${last}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val=\"{n}\"/>"
        );
        for (i, value) in self.values.iter().enumerate() {
            let _ = write!(s, "<c:pt idx=\"{i}\"><c:v>{value}</c:v></c:pt>");
        }
        // Labels downwards when many sectors share the axis.
        let rotation = if n > 12 { " rot=\"-5400000\" vert=\"horz\"" } else { "" };
        let text = |s: &mut String, rot: &str| {
            let _ = write!(
                s,
                "<c:txPr><a:bodyPr{rot}/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"1050\">"
            );
            s.push_str("<a:latin typeface=\"");
            escape_into(s, &style.latin);
            s.push_str("\"/><a:ea typeface=\"");
            escape_into(s, &style.table.name);
            s.push_str("\"/></a:defRPr></a:pPr><a:endParaRPr lang=\"zh-CN\"/></a:p></c:txPr>");
        };
        s.push_str(
            "</c:numCache></c:numRef></c:val></c:ser><c:gapWidth val=\"60\"/><c:axId val=\"1001\"/><c:axId val=\"1002\"/></c:barChart>\
<c:catAx><c:axId val=\"1001\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling><c:delete val=\"0\"/><c:axPos val=\"b\"/>\
<c:numFmt formatCode=\"General\" sourceLinked=\"0\"/><c:majorTickMark val=\"none\"/><c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/>",
        );
        text(&mut s, rotation);
        s.push_str(
            "<c:crossAx val=\"1002\"/><c:crosses val=\"autoZero\"/><c:auto val=\"1\"/><c:lblAlgn val=\"ctr\"/><c:lblOffset val=\"100\"/><c:tickLblSkip val=\"1\"/><c:noMultiLvlLbl val=\"0\"/></c:catAx>\
<c:valAx><c:axId val=\"1002\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling><c:delete val=\"0\"/><c:axPos val=\"l\"/>\
<c:majorGridlines><c:spPr><a:ln w=\"6350\"><a:solidFill><a:srgbClr val=\"D9D9D9\"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>\
<c:numFmt formatCode=\"General\" sourceLinked=\"0\"/><c:majorTickMark val=\"none\"/><c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/>",
        );
        text(&mut s, "");
        s.push_str(
            "<c:crossAx val=\"1001\"/><c:crosses val=\"autoZero\"/><c:crossBetween val=\"between\"/></c:valAx></c:plotArea>\
<c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/></c:chart>",
        );
        text(&mut s, "");
        s.push_str("</c:chartSpace>");
        s
    }

    /// The paragraph holding the chart, as wide as the portrait text, centred, its lines not
    /// held to the body's exact spacing (which would cut the drawing off).
    pub fn paragraph(&self, out: &mut String, relationship: &str, fonts: &str) {
        let cx = u64::from(PORTRAIT_TEXT_WIDTH) * EMU;
        let cy = self.height() * EMU;
        let _ = write!(
            out,
            "<w:p><w:pPr><w:snapToGrid w:val=\"0\"/><w:spacing w:before=\"120\" w:after=\"120\" w:line=\"240\" w:lineRule=\"auto\"/>\
<w:ind w:firstLine=\"0\"/><w:jc w:val=\"center\"/></w:pPr><w:r><w:rPr>{fonts}</w:rPr><w:drawing>\
<wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\" xmlns:wp=\"{NS_WP}\"><wp:extent cx=\"{cx}\" cy=\"{cy}\"/>\
<wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/><wp:docPr id=\"1\" name=\"图表 1\"/><wp:cNvGraphicFramePr/>\
<a:graphic xmlns:a=\"{NS_A}\"><a:graphicData uri=\"{NS_C}\"><c:chart xmlns:c=\"{NS_C}\" r:id=\"{relationship}\"/></a:graphicData></a:graphic>\
</wp:inline></w:drawing></w:r></w:p>"
        );
    }
}
