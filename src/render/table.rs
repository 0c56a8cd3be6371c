//! Terminal tables (comfy-table, ASCII borders: box-drawing characters are drawn two columns
//! wide by many Chinese terminals), and the bar chart of the `months` view.

use comfy_table::{
    Cell as TableCell, CellAlignment, ColumnConstraint, ContentArrangement, Table, Width, presets,
};
use unicode_width::UnicodeWidthStr;

use crate::lang::Lang;
use crate::render::grid::Grid;

/// A grid as an ASCII table; numbers aligned right; the total row last. With a terminal
/// `width`, long text wraps to fit it (numbers never wrap); without one, nothing wraps.
pub fn table(grid: &Grid, lang: Lang, width: Option<u16>) -> String {
    let mut table = Table::new();
    table.load_style(presets::ASCII_FULL_CONDENSED);
    match width {
        Some(width) => table.set_content_arrangement(ContentArrangement::Dynamic).set_width(width),
        None => table.set_content_arrangement(ContentArrangement::Disabled),
    };
    table.set_header(grid.columns.iter().map(|c| TableCell::new(&c.label)));
    for row in grid.rows.iter().chain(grid.total.as_ref()) {
        table.add_row(row.iter().map(|cell| TableCell::new(shown(&cell.render(lang, true)))));
    }
    for (i, column) in grid.columns.iter().enumerate() {
        let Some(col) = table.column_mut(i) else { continue };
        if column.numeric {
            col.set_cell_alignment(CellAlignment::Right);
        }
        // Names, dates, ids and numbers never break; only long text wraps, and never to less
        // than six Chinese characters a line.
        if width.is_some() {
            col.set_constraint(if column.wraps {
                ColumnConstraint::LowerBoundary(Width::Fixed(12))
            } else {
                ColumnConstraint::ContentWidth
            });
        }
    }
    let mut text = table.to_string();
    text.push('\n');
    text
}

/// A cell as the terminal shows it: on one line, and with every control, invisible or bidi
/// character escaped (`\u{202e}`), so the data never controls the terminal.
fn shown(text: &str) -> String {
    crate::text::escaped(&one_line(text)).into_owned()
}

/// Cells are shown on one line: line breaks of the data become spaces.
fn one_line(text: &str) -> String {
    if text.contains(['\n', '\r']) {
        text.split(['\n', '\r']).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ")
    } else {
        text.to_string()
    }
}

/// A horizontal bar chart: one labelled bar of `#` per value, scaled to 40 columns at most.
pub fn bars(items: &[(String, u64)]) -> String {
    let widest = items.iter().map(|(label, _)| label.width()).max().unwrap_or(0);
    let max = items.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let mut text = String::new();
    for (label, n) in items {
        let len = if max == 0 { 0 } else { (n * 40).div_ceil(max) as usize };
        let pad = " ".repeat(widest - label.width());
        let bar = "#".repeat(len);
        let sep = if len == 0 { "" } else { " " };
        text.push_str(&format!("{label}{pad} | {bar}{sep}{n}\n"));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::grid::{Cell, Column};

    #[test]
    fn only_long_text_wraps_to_the_terminal() {
        let column = |label: &str, numeric, wraps| Column { label: label.into(), numeric, wraps };
        let grid = Grid {
            columns: vec![
                column("界别", false, false),
                column("活动", false, true),
                column("人次", true, false),
            ],
            rows: vec![vec![
                Cell::Text("社会福利和社会保障界".into()),
                Cell::Text("围绕第五届中国国际进口博览会组织专题学习和视察并形成报告".into()),
                Cell::Count(1234567),
            ]],
            total: None,
        };
        let text = table(&grid, Lang::Zh, Some(60));
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines.iter().all(|l| l.width() <= 60), "{text}");
        assert!(lines.iter().all(|l| l.width() == lines[0].width()), "borders line up:\n{text}");
        assert!(text.contains("社会福利和社会保障界"), "names never break:\n{text}");
        assert!(text.contains("1234567"), "numbers never break:\n{text}");
        let piped = table(&grid, Lang::Zh, None);
        assert_eq!(piped.lines().count(), 5, "nothing wraps without a terminal:\n{piped}");
    }
}
