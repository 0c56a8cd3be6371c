//! Terminal tables (comfy-table, ASCII borders: box-drawing characters are drawn two columns
//! wide by many Chinese terminals), and the bar chart of the `months` view.
//!
//! With a terminal width, a table that is too wide first wraps its long text columns; when
//! even that cannot fit, each row is printed as a block of `label: value` lines (as `psql \x`
//! does), so that no line is wider than the terminal.

use std::borrow::Cow;
use std::io::{self, Write};

use comfy_table::{
    Cell as TableCell, CellAlignment, ColumnConstraint, ContentArrangement, Table, Width, presets,
};
use unicode_width::UnicodeWidthStr;

use crate::lang::Lang;
use crate::render::grid::{Column, Grid};
use crate::render::terminal::layout::{self, Constraint, Texts};

/// Columns of `| a | b |` besides the cells: a border and two spaces for each column, and
/// the last border.
fn borders(columns: usize) -> usize {
    3 * columns + 1
}

/// The narrowest a long text column is wrapped to: six Chinese characters.
const NARROWEST: usize = 12;

/// A grid as an ASCII table, written to `out` as it is drawn; numbers aligned right; the total
/// row last. With a terminal `width`, long text wraps to fit it (numbers never wrap), and a
/// table that cannot fit even so becomes one block of lines per row; without a width, nothing
/// wraps. The rows' text is made again for each pass over them, never held whole.
pub fn table(grid: &Grid, lang: Lang, width: Option<u16>, out: &mut dyn Write) -> io::Result<()> {
    let texts = || -> Box<dyn Iterator<Item = Vec<String>> + '_> {
        let header = grid.columns.iter().map(|c| c.label.clone()).collect();
        let rows = grid.rows.iter().chain(grid.total.as_deref().map(Cow::Borrowed));
        let rows = rows.map(move |row| row.iter().map(|c| shown(&c.render(lang, true))).collect());
        Box::new(std::iter::once(header).chain(rows))
    };
    let texts: Texts = &texts;
    let widest = layout::widest(texts, grid.columns.len());
    let Some(width) = width else { return ascii(grid, texts, &widest, None, out) };
    let natural = widest.iter().sum::<usize>() + borders(widest.len());
    if natural <= usize::from(width) {
        return ascii(grid, texts, &widest, None, out);
    }
    let narrowest = grid
        .columns
        .iter()
        .zip(&widest)
        .map(|(c, w)| if c.wraps { (*w).min(NARROWEST) } else { *w })
        .sum::<usize>()
        + borders(widest.len());
    if narrowest <= usize::from(width) {
        ascii(grid, texts, &widest, Some(width), out)
    } else {
        blocks(grid, texts, usize::from(width), out)
    }
}

/// `table` as text, for a table inside other text (a sector's brands).
pub fn table_text(grid: &Grid, lang: Lang, width: Option<u16>) -> String {
    let mut out = Vec::new();
    // Writing into a Vec cannot fail, and the table is UTF-8.
    let _ = table(grid, lang, width, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// How many rows comfy-table draws at a time: its cells cost some hundred bytes each, so a
/// table of a million rows is drawn in pieces of the same column widths, stitched together.
const CHUNK: usize = 4096;

/// The table drawn by comfy-table; with a width, long text columns wrap to fit it. The
/// widths and line breaks are computed in `layout` (in time linear in the text) and comfy-table
/// only draws the lines it is given, its own wrapping off. `widest` is each column's widest cell.
fn ascii(
    grid: &Grid,
    texts: Texts,
    widest: &[usize],
    width: Option<u16>,
    out: &mut dyn Write,
) -> io::Result<()> {
    ascii_in_chunks(&grid.columns, texts, widest, width, CHUNK, out)
}

/// `ascii`, comfy-table drawing `chunk` rows at a time: the first piece has the header and
/// the top border, the last the bottom border; the rows between are the same bytes.
fn ascii_in_chunks(
    grid_columns: &[Column],
    texts: Texts,
    widest: &[usize],
    width: Option<u16>,
    chunk: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    // Names, dates, ids and numbers never break; only long text wraps, and never to less
    // than six Chinese characters a line.
    let constraints: Vec<Constraint> =
        grid_columns
            .iter()
            .map(|c| {
                if c.wraps {
                    Constraint::AtLeast(NARROWEST as u16)
                } else {
                    Constraint::ContentWidth
                }
            })
            .collect();
    let columns = layout::widths(texts, &constraints, widest, width);
    let line = |row: &[String]| -> Vec<TableCell> {
        row.iter()
            .zip(&columns)
            .map(|(text, &column)| TableCell::new(layout::lines(text, text.width(), column)))
            .collect()
    };
    let mut rows = texts().peekable();
    let header = rows.next().unwrap_or_default();
    let mut first = true;
    loop {
        let mut table = Table::new();
        table.load_style(presets::ASCII_FULL_CONDENSED);
        table.set_content_arrangement(ContentArrangement::Disabled);
        if first {
            table.set_header(line(&header));
        }
        for row in rows.by_ref().take(chunk.max(1)) {
            table.add_row(line(&row));
        }
        for (i, (column, &content)) in grid_columns.iter().zip(&columns).enumerate() {
            let Some(col) = table.column_mut(i) else { continue };
            if column.numeric {
                col.set_cell_alignment(CellAlignment::Right);
            }
            // `content` is at most layout::WIDEST, so that the padding fits comfy-table's u16.
            col.set_constraint(ColumnConstraint::Absolute(Width::Fixed((content + 2) as u16)));
        }
        let drawn = table.to_string();
        let more = rows.peek().is_some();
        let mut lines: Vec<&str> = drawn.split('\n').collect();
        if more {
            lines.pop();
        }
        for line in lines.into_iter().skip(usize::from(!first)) {
            out.write_all(line.as_bytes())?;
            out.write_all(b"\n")?;
        }
        if !more {
            return Ok(());
        }
        first = false;
    }
}

/// A cell as the terminal shows it: on one line, and with every control, invisible or bidi
/// character escaped (`\u{202e}`), so the data never controls the terminal.
fn shown(text: &str) -> String {
    crate::text::escaped(&one_line(text)).into_owned()
}

/// Each row as a block: a rule with the row's number (or the total's label), then one
/// `label: value` line per column, labels padded to one width, long values wrapped under
/// their start. No line is wider than `width`, except a single character wider than it.
fn blocks(grid: &Grid, texts: Texts, width: usize, out: &mut dyn Write) -> io::Result<()> {
    let label_width = grid.columns.iter().map(|c| c.label.width()).max().unwrap_or(0);
    // Values start after the label and ": "; in a very narrow terminal, on the next line.
    let inline = label_width + 2 + 8 <= width;
    let indent = if inline { label_width + 2 } else { 2 };
    // The rows after the header.
    let mut rows = texts().skip(1).peekable();
    let mut i = 0;
    while let Some(row) = rows.next() {
        i += 1;
        let is_total = grid.total.is_some() && rows.peek().is_none();
        let name = if is_total { row.first().cloned().unwrap_or_default() } else { i.to_string() };
        let mut block = String::new();
        let head = format!("-[ {name} ]");
        block.push_str(&head);
        block.push_str(&"-".repeat(width.saturating_sub(head.width())));
        block.push('\n');
        for (column, value) in grid.columns.iter().zip(&row) {
            block.push_str(&column.label);
            let lines = wrap(value, width.saturating_sub(indent).max(1));
            if lines.is_empty() {
                block.push_str(":\n");
                continue;
            }
            if inline {
                block.push_str(&" ".repeat(label_width - column.label.width()));
                block.push_str(": ");
            } else {
                block.push_str(":\n");
                block.push_str(&" ".repeat(indent));
            }
            for (n, line) in lines.iter().enumerate() {
                if n > 0 {
                    block.push_str(&" ".repeat(indent));
                }
                block.push_str(line);
                block.push('\n');
            }
        }
        out.write_all(block.as_bytes())?;
    }
    Ok(())
}

/// Text broken into lines of at most `width` terminal columns, at a space where the line has
/// one, else between any two characters (Chinese has no spaces). Linear in the text.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0;
    // Byte offset in `line` just after its last space, and the width before it.
    let mut last_space: Option<(usize, usize)> = None;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if line_width + w > width && !line.is_empty() {
            // Break at the last space when what follows it leaves room for `c`.
            match last_space.take() {
                Some((at, before)) if c != ' ' && line_width - before + w <= width => {
                    let rest = line.split_off(at);
                    lines.push(line.trim_end().to_string());
                    line = rest;
                    line_width -= before;
                }
                _ => {
                    lines.push(line.trim_end().to_string());
                    line = String::new();
                    line_width = 0;
                }
            }
            if c == ' ' {
                continue;
            }
        }
        line.push(c);
        line_width += w;
        if c == ' ' {
            last_space = Some((line.len(), line_width));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Cells are shown on one line: line breaks of the data become spaces.
fn one_line(text: &str) -> String {
    if text.contains(['\n', '\r']) {
        text.split(['\n', '\r']).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ")
    } else {
        text.to_string()
    }
}

/// A horizontal bar chart: one labelled bar of `#` per value, scaled to 40 columns at most,
/// and to what a terminal `width` leaves beside the labels and the numbers.
pub fn bars(items: &[(String, u64)], width: Option<u16>) -> String {
    let widest = items.iter().map(|(label, _)| label.width()).max().unwrap_or(0);
    let max = items.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let digits = max.to_string().len();
    let room = width.map_or(40, |w| usize::from(w).saturating_sub(widest + 4 + digits));
    let longest = room.clamp(1, 40) as u64;
    let mut text = String::new();
    for (label, n) in items {
        let len = if max == 0 { 0 } else { (n.saturating_mul(longest)).div_ceil(max) as usize };
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
    use crate::render::grid::{Cell, Rows};

    #[test]
    fn wrapping_breaks_at_spaces_or_between_characters() {
        assert_eq!(
            wrap("围绕第五届中国国际进口博览会", 10),
            ["围绕第五届", "中国国际进", "口博览会"]
        );
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("a verylongword", 5), ["a", "veryl", "ongwo", "rd"]);
        assert_eq!(wrap("", 5), Vec::<String>::new());
        assert_eq!(wrap("宽", 1), ["宽"], "a character wider than the line still shows");
    }

    #[test]
    fn only_long_text_wraps_to_the_terminal() {
        let column = |label: &str, numeric, wraps| Column { label: label.into(), numeric, wraps };
        let grid = Grid {
            columns: vec![
                column("界别", false, false),
                column("活动", false, true),
                column("人次", true, false),
            ],
            rows: Rows::Built(vec![vec![
                Cell::Text("社会福利和社会保障界".into()),
                Cell::Text("围绕第五届中国国际进口博览会组织专题学习和视察并形成报告".into()),
                Cell::Count(1234567),
            ]]),
            total: None,
        };
        let text = table_text(&grid, Lang::Zh, Some(60));
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines.iter().all(|l| l.width() <= 60), "{text}");
        assert!(lines.iter().all(|l| l.width() == lines[0].width()), "borders line up:\n{text}");
        assert!(text.contains("社会福利和社会保障界"), "names never break:\n{text}");
        assert!(text.contains("1234567"), "numbers never break:\n{text}");
        let piped = table_text(&grid, Lang::Zh, None);
        assert_eq!(piped.lines().count(), 5, "nothing wraps without a terminal:\n{piped}");
    }
}

/// comfy-table's own layout, as `ascii` asked for it before `layout` did it: the reference
/// that `ascii` must match byte for byte.
#[cfg(test)]
mod reference {
    use super::*;
    use crate::render::grid::Rows;
    use proptest::prelude::*;

    /// The header and the rows, as `table` gives them to `ascii`, drawn `chunk` rows at a time.
    fn drawn(grid: &Grid, rows: &[Vec<String>], width: Option<u16>, chunk: usize) -> String {
        let texts = || -> Box<dyn Iterator<Item = Vec<String>> + '_> {
            let header = grid.columns.iter().map(|c| c.label.clone()).collect();
            Box::new(std::iter::once(header).chain(rows.iter().cloned()))
        };
        let widest = layout::widest(&texts, grid.columns.len());
        let mut out = Vec::new();
        ascii_in_chunks(&grid.columns, &texts, &widest, width, chunk, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn comfy_ascii(grid: &Grid, rows: &[Vec<String>], width: Option<u16>) -> String {
        let mut table = Table::new();
        table.load_style(presets::ASCII_FULL_CONDENSED);
        match width {
            Some(width) => {
                table.set_content_arrangement(ContentArrangement::Dynamic).set_width(width)
            }
            None => table.set_content_arrangement(ContentArrangement::Disabled),
        };
        table.set_header(grid.columns.iter().map(|c| TableCell::new(&c.label)));
        for row in rows {
            table.add_row(row.iter().map(TableCell::new));
        }
        for (i, column) in grid.columns.iter().enumerate() {
            let Some(col) = table.column_mut(i) else { continue };
            if column.numeric {
                col.set_cell_alignment(CellAlignment::Right);
            }
            if width.is_some() {
                col.set_constraint(if column.wraps {
                    ColumnConstraint::LowerBoundary(Width::Fixed(NARROWEST as u16))
                } else {
                    ColumnConstraint::ContentWidth
                });
            }
        }
        let mut text = table.to_string();
        text.push('\n');
        text
    }

    /// Words of the kinds the data holds, and the ones that wrap in odd ways: Chinese, ASCII,
    /// digits, full-width punctuation, combining marks, emoji with a variation selector,
    /// Arabic (whose lam-alef is one column), runs of spaces.
    fn text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            "[一-龥]{1,12}",
            "[a-zA-Z]{1,15}",
            "[0-9]{1,6}",
            Just("，".to_string()),
            Just("（调研）".to_string()),
            Just("e\u{301}".to_string()),
            Just("\u{2764}\u{fe0f}".to_string()),
            Just("لا".to_string()),
            Just(" ".to_string()),
            Just("  ".to_string()),
            Just("a-b,c".to_string()),
        ];
        prop::collection::vec(piece, 0..12).prop_map(|p| p.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn the_layout_is_comfy_tables_own(
            columns in prop::collection::vec(("[一-龥a-z]{1,5}", any::<bool>(), any::<bool>()), 1..7),
            cells in prop::collection::vec(prop::collection::vec(text(), 7), 0..5),
            width in prop::option::of(1u16..140),
        ) {
            let grid = Grid {
                columns: columns
                    .iter()
                    .map(|(label, numeric, wraps)| Column { label: label.clone(), numeric: *numeric, wraps: *wraps })
                    .collect(),
                rows: Rows::Built(Vec::new()),
                total: None,
            };
            let rows: Vec<Vec<String>> =
                cells.iter().map(|row| row[..columns.len()].to_vec()).collect();
            let comfy = comfy_ascii(&grid, &rows, width);
            prop_assert_eq!(&drawn(&grid, &rows, width, CHUNK), &comfy);
            // Drawn a row or two at a time, stitched: the same bytes.
            prop_assert_eq!(&drawn(&grid, &rows, width, 1), &comfy);
            prop_assert_eq!(&drawn(&grid, &rows, width, 2), &comfy);
        }
    }

    fn one_long_title(title: String) -> (Grid<'static>, Vec<Vec<String>>) {
        let column = |label: &str, numeric, wraps| Column { label: label.into(), numeric, wraps };
        let grid = Grid {
            columns: vec![
                column("界别", false, false),
                column("活动", false, true),
                column("人次", true, false),
            ],
            rows: Rows::Built(Vec::new()),
            total: None,
        };
        let rows = vec![
            vec!["民革".to_string(), title, "12".to_string()],
            vec!["对外友好界".to_string(), "中外人士恳谈会".to_string(), String::new()],
        ];
        (grid, rows)
    }

    #[test]
    fn a_long_word_breaks_as_comfy_table_breaks_it() {
        // Longer than REMEASURE, so that the rest of the word is not measured again.
        let title = "调研走访a\\u{200b}".repeat(1500) + " 走访 " + &"x".repeat(5000);
        let (grid, rows) = one_long_title(title);
        for width in [None, Some(30), Some(61), Some(100)] {
            assert_eq!(
                drawn(&grid, &rows, width, CHUNK),
                comfy_ascii(&grid, &rows, width),
                "{width:?}"
            );
        }
    }

    #[test]
    fn a_cell_wider_than_comfy_tables_widths_wraps_at_the_widest() {
        let (grid, rows) = one_long_title("调研".repeat(40_000));
        let text = drawn(&grid, &rows, None, CHUNK);
        let lines: Vec<&str> = text.lines().collect();
        // 80,000 columns: one line of the widest, one of the rest, the other row, borders.
        assert_eq!(lines.len(), 8, "{}", &text[..200]);
        assert!(lines.iter().all(|l| l.width() == lines[0].width()), "borders line up");
        assert_eq!(
            lines[3].width(),
            2 + "对外友好界".width() + 3 + layout::WIDEST + 3 + "人次".width() + 2
        );
    }
}
