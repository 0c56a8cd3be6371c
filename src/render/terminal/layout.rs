//! Column widths and line breaks of a terminal table, in time linear in its text.
//!
//! comfy-table draws the tables, but its own wrapping measures the rest of a long word again
//! after every line it breaks off (quadratic in the word's length: a 4-million-character title
//! took seconds), and its widths are `u16`, so a cell wider than 65,535 columns was split even
//! with wrapping off. This is comfy-table 8.0's layout — the `Dynamic` arrangement of the
//! columns and its `split_line` — done here in one pass over each text, with the same results:
//! a table laid out here and drawn by comfy-table with its wrapping off is byte for byte the
//! table comfy-table lays out itself (a test compares both on generated tables).

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The padding of a cell: one space on either side.
const PADDING: usize = 2;

/// The widest a column's content may be: comfy-table counts a column's width, padding
/// included, in a `u16`. Longer text wraps at this width even without a terminal.
pub const WIDEST: usize = u16::MAX as usize - PADDING;

/// A line with this little room left is full (comfy-table's `MIN_FREE_CHARS`).
const MIN_FREE: usize = 2;

/// The rest of a word broken over lines is measured again, as comfy-table does, when it is
/// at most this long; the rest of a longer one is given the word's width less the part broken
/// off, which differs only for characters whose width depends on their neighbours. This
/// bounds the work per character.
const REMEASURE: usize = 4096;

/// A table's rows as the terminal shows them, the header first, made again for each pass
/// over them (the widths, the wrapping, the lines drawn): a table of a million activities has
/// ten million cells, and no pass holds more than one row of them (SPEC §7).
pub type Texts<'t> = &'t dyn Fn() -> Box<dyn Iterator<Item = Vec<String>> + 't>;

/// The widest cell of each of `columns` columns, in one pass over the rows.
pub fn widest(texts: Texts, columns: usize) -> Vec<usize> {
    let mut widest = vec![0; columns];
    for row in texts() {
        for (w, cell) in widest.iter_mut().zip(&row) {
            *w = (*w).max(cell.width());
        }
    }
    widest
}

/// How a column's width is chosen when the table must fit a terminal.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Constraint {
    /// Exactly as wide as its widest cell: it never wraps.
    ContentWidth,
    /// Wraps, but never to fewer columns than this (padding included).
    AtLeast(u16),
}

/// The content width of each column (padding not included) of a table of `texts` (the
/// header first) whose widest cells are `widest`. Without a terminal `width` every column is as
/// wide as its widest cell; with one, the columns are arranged as comfy-table's
/// `ContentArrangement::Dynamic` arranges them. No width exceeds [`WIDEST`].
pub fn widths(
    texts: Texts,
    constraints: &[Constraint],
    widest: &[usize],
    width: Option<u16>,
) -> Vec<usize> {
    // At least 1, as comfy-table counts it (in a u16).
    let widest: Vec<usize> = widest.iter().map(|w| (*w).clamp(1, u16::MAX.into())).collect();
    let arranged = match width {
        None => widest,
        Some(width) => Arrangement::new(texts, constraints, &widest, width.into()).run(),
    };
    arranged.into_iter().map(|w| w.min(WIDEST)).collect()
}

/// The state of comfy-table's dynamic arrangement: the widths decided so far and the room
/// left for the others.
struct Arrangement<'a, 't> {
    texts: Texts<'t>,
    constraints: &'a [Constraint],
    widest: &'a [usize],
    decided: Vec<Option<usize>>,
    remaining_width: usize,
    remaining_columns: usize,
}

impl<'a, 't> Arrangement<'a, 't> {
    fn new(
        texts: Texts<'t>,
        constraints: &'a [Constraint],
        widest: &'a [usize],
        table_width: usize,
    ) -> Self {
        // The constraints that decide a width at once.
        let decided: Vec<Option<usize>> = constraints
            .iter()
            .zip(widest)
            .map(|(constraint, &widest)| match *constraint {
                Constraint::ContentWidth => Some(widest),
                Constraint::AtLeast(min) if widest + PADDING <= usize::from(min) => {
                    Some(without_padding(min))
                }
                Constraint::AtLeast(_) => None,
            })
            .collect();
        // The table's width less its borders, less the padding of the undecided columns and
        // the whole width of the decided ones.
        let mut remaining_width = table_width.saturating_sub(constraints.len() + 1);
        for column in &decided {
            let taken = column.map_or(PADDING, |w| (w + PADDING).min(u16::MAX.into()));
            remaining_width = remaining_width.saturating_sub(taken);
        }
        let remaining_columns = decided.iter().filter(|d| d.is_none()).count();
        Arrangement { texts, constraints, widest, decided, remaining_width, remaining_columns }
    }

    fn average(&self) -> usize {
        self.remaining_width.checked_div(self.remaining_columns).unwrap_or(0)
    }

    /// Decides a column's width; false when no column is left undecided.
    fn fix(&mut self, column: usize, width: usize) -> bool {
        self.decided[column] = Some(width.max(1));
        self.remaining_width = self.remaining_width.saturating_sub(width);
        self.remaining_columns -= 1;
        self.remaining_columns > 0
    }

    fn undecided(&self, column: usize) -> bool {
        self.decided[column].is_none()
    }

    fn run(mut self) -> Vec<usize> {
        let columns = self.constraints.len();
        // Lower boundaries that the average room would not give.
        if self.remaining_columns > 0 {
            let mut again = true;
            while again {
                again = false;
                for c in 0..columns {
                    let Constraint::AtLeast(min) = self.constraints[c] else { continue };
                    if !self.undecided(c) || self.average() >= usize::from(min) {
                        continue;
                    }
                    if !self.fix(c, without_padding(min)) {
                        break;
                    }
                    again = true;
                }
            }
        }
        // Columns whose widest cell fits in the average room, until none is left.
        let mut found = true;
        while found {
            found = false;
            if self.remaining_columns == 0 || self.average() == 0 {
                break;
            }
            for c in 0..columns {
                if self.undecided(c) && self.widest[c] <= self.average() {
                    if !self.fix(c, self.widest[c]) {
                        break;
                    }
                    found = true;
                }
            }
        }
        // Columns that, wrapped to the average room, need clearly less of it.
        if self.remaining_columns > 0 {
            let mut found = true;
            while found {
                found = false;
                for c in 0..columns {
                    if !self.undecided(c) {
                        continue;
                    }
                    let average = self.average();
                    let longest = self.longest_line_after_wrap(c, average);
                    if average.saturating_sub(longest) >= 3 {
                        if !self.fix(c, longest.min(u16::MAX.into())) {
                            break;
                        }
                        found = true;
                    }
                }
            }
        }
        // The room left, shared evenly, the first columns taking one more.
        if self.remaining_columns > 0 {
            let count = self.remaining_columns;
            let room = self.remaining_width.max(count);
            let (each, excess) = (room / count, room % count);
            let mut i = 0;
            for c in 0..columns {
                if self.undecided(c) {
                    let w = (each + usize::from(i < excess)).min(u16::MAX.into());
                    self.decided[c] = Some(w.max(1));
                    i += 1;
                }
            }
        }
        self.decided.into_iter().map(|w| w.unwrap_or(1)).collect()
    }

    /// The widest line of a column (header included) once its cells are wrapped to `average`.
    fn longest_line_after_wrap(&self, column: usize, average: usize) -> usize {
        let width = average.clamp(1, u16::MAX.into());
        let mut longest = 0;
        for row in (self.texts)() {
            let text = row.get(column).map_or("", String::as_str);
            let w = text.width();
            if w > average {
                for line in wrap(text, w, width) {
                    longest = longest.max(line.width());
                }
            } else {
                longest = longest.max(w);
            }
        }
        longest
    }
}

/// A width given with padding, without it (at least 1).
fn without_padding(width: u16) -> usize {
    usize::from(width).saturating_sub(PADDING).max(1)
}

/// A cell's text as the lines comfy-table would break it into at `width` columns, joined by
/// line breaks; `text_width` is the text's display width.
pub fn lines(text: &str, text_width: usize, width: usize) -> String {
    if text_width <= width {
        return text.to_string();
    }
    let lines = wrap(text, text_width, width);
    let mut out = String::with_capacity(text.len() + lines.len());
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(line);
    }
    out
}

/// A word, or what is left of one, still to be placed: a range of the text, its display
/// width, and where the printable ASCII at its end begins (comfy-table breaks a word of
/// printable ASCII alone by bytes, any other by grapheme clusters).
#[derive(Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
    width: usize,
    printable_from: usize,
}

/// comfy-table's `split_line`: `text` (of display width `text_width`) broken into lines of
/// at most `width` columns at spaces, a word longer than a line broken where it must, each
/// word measured once.
pub fn wrap(text: &str, text_width: usize, width: usize) -> Vec<&str> {
    let bytes = text.as_bytes();
    let measure = |start: usize, end: usize| {
        if start == 0 && end == text.len() { text_width } else { text[start..end].width() }
    };
    // The words, last first, so that the next one is popped.
    let mut words = Vec::new();
    let mut start = 0;
    for part in text.split(' ') {
        let end = start + part.len();
        let printable_from = bytes[start..end]
            .iter()
            .rposition(|b| !(0x20..0x7f).contains(b))
            .map_or(start, |i| start + i + 1);
        words.push(Word { start, end, width: measure(start, end), printable_from });
        start = end + 1;
    }
    words.reverse();

    let mut lines = Vec::new();
    // The line being filled (a range of the text; None while it is empty) and its width.
    let mut current: Option<(usize, usize)> = None;
    let mut current_width = 0;
    while let Some(next) = words.pop() {
        let gap = usize::from(current.is_some());
        let added = next.width + current_width + gap;
        let remaining = width.saturating_sub(current_width).saturating_sub(gap);
        if added <= width {
            // The word fits on this line.
            current_width += gap + next.width;
            current = match current {
                Some((start, _)) => Some((start, next.end)),
                None if next.start == next.end => None,
                None => Some((next.start, next.end)),
            };
            if current_width > width.saturating_sub(MIN_FREE) {
                lines.push(line(text, current.take()));
                current_width = 0;
            }
            continue;
        }
        if current.is_some() && remaining <= MIN_FREE {
            // Too little room left: the word starts the next line.
            words.push(next);
            lines.push(line(text, current.take()));
            current_width = 0;
            continue;
        }
        if next.width > width {
            // A word longer than a line: what fits stays here, the rest goes back.
            let (cut, cut_width) = split_long_word(text, next, remaining);
            let rest = Word {
                start: cut,
                width: if next.end - cut <= REMEASURE {
                    measure(cut, next.end)
                } else {
                    next.width.saturating_sub(cut_width)
                },
                ..next
            };
            let start = current.map_or(next.start, |(start, _)| start);
            if current.is_none() && cut == next.start {
                // Not even one character fits: it takes a line of its own.
                let c = text[cut..].chars().next().map_or(0, char::len_utf8);
                lines.push(&text[cut..cut + c]);
                let rest_width = if next.end - cut - c <= REMEASURE {
                    measure(cut + c, next.end)
                } else {
                    rest.width.saturating_sub(text[cut..cut + c].width())
                };
                words.push(Word { start: cut + c, width: rest_width, ..rest });
            } else {
                lines.push(&text[start..cut]);
                words.push(rest);
            }
            current = None;
            current_width = 0;
            continue;
        }
        // The word fits on a line of its own.
        lines.push(line(text, current.take()));
        current = (next.start != next.end).then_some((next.start, next.end));
        current_width = next.width;
        if current_width > width.saturating_sub(MIN_FREE) {
            lines.push(line(text, current.take()));
            current_width = 0;
        }
    }
    if let Some(range) = current {
        lines.push(line(text, Some(range)));
    }
    lines
}

fn line(text: &str, range: Option<(usize, usize)>) -> &str {
    range.map_or("", |(start, end)| &text[start..end])
}

/// comfy-table's `split_long_word`: where `word` breaks to fill `allowed` columns — after as
/// many bytes of printable ASCII, else after as many whole grapheme clusters as fit — and the
/// width before the break.
fn split_long_word(text: &str, word: Word, allowed: usize) -> (usize, usize) {
    if word.start >= word.printable_from {
        let cut = (word.end - word.start).min(allowed);
        return (word.start + cut, cut);
    }
    let mut used = 0;
    for (i, grapheme) in text[word.start..word.end].grapheme_indices(true) {
        let w = grapheme.width();
        if used + w > allowed {
            return (word.start + i, used);
        }
        used += w;
    }
    (word.end, used)
}
