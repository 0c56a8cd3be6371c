//! The columns of a table: the width of its text (a CJK character an em, Latin letters and
//! digits by Times New Roman's advance widths), each column's least and wanted width, and the
//! widths that fill a portrait page, or a landscape one when the least widths do not fit.

use unicode_width::UnicodeWidthChar;

use crate::render::blocks::{Table, is_cjk};
use crate::render::docx::page::{LANDSCAPE_TEXT_WIDTH, Orient, PORTRAIT_TEXT_WIDTH};
use crate::render::docx::styles::Style;

/// Left and right margin inside a table cell.
pub(super) const CELL_MARGIN: u32 = 85;
/// Room added to every column for differences between the fonts' metrics.
const COLUMN_SLACK: u32 = 60;
/// Widths of text are measured in thousandths of an em: a CJK character is 1000.
pub(super) const EM: usize = 1000;
/// The width of a space in Times New Roman.
const SPACE: usize = 250;
/// A column's text wider than this wraps: twenty CJK characters.
const MAX_COLUMN_WIDTH: usize = 20 * EM;
/// The least width of a column of CJK text: four characters a line; two in a header.
const MIN_CJK_BODY: usize = 4 * EM;
const MIN_CJK_HEAD: usize = 2 * EM;

/// The laid-out columns of a table.
pub(super) struct Layout {
    pub(super) orient: Orient,
    pub(super) widths: Vec<u32>,
}

/// The width of a character in thousandths of an em: a CJK character or punctuation mark is a
/// full em; ASCII takes the advance widths of Times New Roman (a digit is half an em, `%` 0.83);
/// any other character half an em per column of its display width.
pub(super) fn char_width(c: char) -> usize {
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
fn cell_widths(text: &str, min_cjk: usize) -> (usize, usize) {
    let mut least = 0;
    let mut line = 0;
    let mut widest_line = 0;
    let mut word = 0;
    for c in text.chars() {
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
    least = least.max(word);
    widest_line = widest_line.max(line);
    (least.max(widest_line.min(min_cjk)), widest_line)
}

/// Column widths of a table: from the display width of the content, scaled to fill the text
/// width of a portrait page; when even the least widths do not fit, of a landscape page.
/// When the content does not fit on one line, the body cells get their room first (a sector
/// name "文化艺术界" on one line matters more than a header on one line), then the headers
/// in two lines, then the headers on one line.
pub(super) fn layout(table: &Table, style: &Style) -> Layout {
    let columns = table.columns();
    let mut least = vec![0usize; columns];
    let mut wanted = vec![0usize; columns];
    let mut body = vec![0usize; columns];
    let mut head_one = vec![0usize; columns];
    let mut head_two = vec![0usize; columns];
    for (i, cell) in table.head().cells().enumerate() {
        let (l, w) = cell_widths(cell.text(), MIN_CJK_HEAD);
        least[i] = least[i].max(l);
        wanted[i] = wanted[i].max(w);
        head_one[i] = w;
        head_two[i] = two_line_width(cell.text());
    }
    for row in table.rows() {
        for (i, cell) in row.cells().enumerate() {
            let (l, w) = cell_widths(cell.text(), MIN_CJK_BODY);
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
fn two_line_width(text: &str) -> usize {
    // (width, follows a space)
    let mut tokens: Vec<(usize, bool)> = Vec::new();
    let mut space = false;
    let mut word = 0;
    let mut word_space = false;
    for c in text.chars() {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::blocks::{Block, from_markdown};

    #[test]
    fn cell_widths_keep_dates_whole() {
        assert_eq!(cell_widths("2021-05-18", MIN_CJK_BODY), (8 * 500 + 2 * 333, 8 * 500 + 2 * 333));
        assert_eq!(cell_widths("党史学习教育专题学习会", MIN_CJK_BODY), (4000, 11000));
        assert_eq!(cell_widths("亮点", MIN_CJK_HEAD), (2000, 2000));
        assert_eq!(cell_widths("2020 参与人次", MIN_CJK_HEAD), (2000, 6250));
        assert_eq!(cell_widths("100%", MIN_CJK_HEAD), (2333, 2333));
    }

    #[test]
    fn headers_wrap_into_two_even_lines() {
        let two = two_line_width;
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
}
