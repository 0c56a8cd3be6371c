//! TOML syntax errors (E003) for a reader who types with a Chinese input method: the parser's
//! message in Chinese, the usual slips recognised on the line (full-width `＝ “ ” ， ： ［ ］`
//! and spaces, mixed quotes, Chinese keys and table names, unquoted values, a colon for `=`)
//! with the corrected line written out; and the text mended (SPEC §5 E003): a line whose slip
//! is recognised replaced by its fix, any other broken entry blanked, so that the rest of the
//! file — the mended lines too — can still be checked, with every span led back to the
//! original text.

use crate::diagnostic::source::Span;
use crate::diagnostic::{Kind, Slip};
use crate::terms::date::{Date, Period};
use crate::terms::fields;
use crate::terms::vocabulary::{english_key, english_table};

/// A line with a syntax error: where it starts, and the line as it should be written when its
/// slip is recognised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Broken {
    pub start: usize,
    pub fix: Option<String>,
}

/// An E003 for every syntax error, each with the slip and fix of its line; a second error on a
/// line whose slip is recognised is left out (the parser often reports one slip twice, and the
/// help already mends the line). Also every line with an error, in order.
pub fn explain(text: &str, errors: &[toml::de::Error]) -> (Vec<(Span, Kind)>, Vec<Broken>) {
    let errors: Vec<(Span, &str)> =
        errors.iter().map(|e| (e.span().unwrap_or(0..0), e.message().trim())).collect();
    explain_at(text, errors)
}

/// `explain` for errors whose spans are already places in `text`.
pub fn explain_at(text: &str, errors: Vec<(Span, &str)>) -> (Vec<(Span, Kind)>, Vec<Broken>) {
    let mut errors: Vec<(Span, &str)> = errors
        .into_iter()
        .map(|(span, message)| {
            let start = floor(text, span.start.min(text.len()));
            (start..span.end.max(start).min(text.len()), message)
        })
        .collect();
    errors.sort_by_key(|(span, _)| span.start);
    errors.dedup_by_key(|(span, _)| span.start);
    let mut found = Vec::new();
    let mut lines = Vec::new();
    let mut tables = Tables::default();
    // The line of the last error, and what was found on it: errors come sorted, so a long
    // line with many errors is searched and examined once.
    let (mut searched, mut line_start) = (0, 0);
    let mut current: Option<(usize, Option<Slip>, Option<String>)> = None;
    for (span, message) in errors {
        line_start =
            text[searched..span.start].rfind('\n').map_or(line_start, |i| searched + i + 1);
        searched = span.start;
        let (slip, fix) = match &current {
            Some((at, slip, _)) if *at == line_start => {
                if slip.is_some() {
                    continue;
                }
                (None, None)
            }
            _ => {
                let rest = &text[line_start..];
                let line = rest[..rest.find('\n').unwrap_or(rest.len())].trim_end_matches('\r');
                let entity = tables.entity_at(text, line_start);
                let (slip, fix) = match message.split(',').next() {
                    // Nothing on the line to mend: the key or table is there twice, or the day
                    // does not exist (`2021-02-30`).
                    Some("duplicate key" | "invalid date") => (None, None),
                    _ => examine(line, entity),
                };
                // Only a recognised slip mends the line; a fix alone may hide a problem.
                let mend = fix.clone().filter(|_| slip.is_some());
                lines.push(Broken { start: line_start, fix: mend });
                // A Chinese key with no English key to stand for is read quoted (its E011
                // follows), but quoting it is no fix to suggest: the key is still unknown.
                let fix =
                    fix.filter(|_| !matches!(slip, Some(Slip::ChineseKey { english: None, .. })));
                current = Some((line_start, slip.clone(), fix.clone()));
                (slip, fix)
            }
        };
        found.push((span, Kind::Syntax { message: message.to_string(), slip, fix }));
    }
    (found, lines)
}

fn floor(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The table a line lies in, found by reading the headers above it once, in order.
#[derive(Default)]
struct Tables {
    scanned: usize,
    /// The entity of the last header; None at the top and under an unknown table.
    entity: Option<Option<&'static fields::Entity>>,
}

impl Tables {
    fn entity_at(&mut self, text: &str, line_start: usize) -> Option<&'static fields::Entity> {
        if line_start >= self.scanned {
            for line in text[self.scanned..line_start].lines() {
                if let Some((name, _)) = header(line) {
                    let name = english_table(&name).unwrap_or(&name).to_string();
                    self.entity = Some(fields::entity(&name));
                }
            }
            self.scanned = line_start;
        }
        self.entity.unwrap_or(Some(&fields::FILE))
    }
}

/// What a key holds: in its own table, else in the first table that has it.
fn type_of(key: &str, entity: Option<&'static fields::Entity>) -> Option<fields::Type> {
    entity
        .and_then(|e| e.field(key))
        .or_else(|| fields::ENTITIES.iter().find_map(|e| e.field(key)))
        .map(|field| field.ty)
}

/// Every key of every table, from the tables' own lists.
fn all_keys() -> &'static [&'static str] {
    static ALL: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
        let mut all: Vec<&'static str> = Vec::new();
        for key in fields::ENTITIES.iter().flat_map(|entity| entity.keys) {
            if !all.contains(key) {
                all.push(key);
            }
        }
        all
    });
    &ALL
}

/// A header line's table name (quotes and brackets removed, full-width brackets read as
/// brackets) and whether it is an array of tables.
fn header(line: &str) -> Option<(String, bool)> {
    let line = line.trim().replace('［', "[").replace('］', "]");
    let line = line.split('#').next().unwrap_or("").trim_end();
    let inner = line.strip_prefix('[')?;
    let (inner, array) = match inner.strip_prefix('[') {
        Some(inner) => (inner.trim_end_matches(']'), true),
        None => (inner.trim_end_matches(']'), false),
    };
    Some((inner.trim().trim_matches(['"', '\'']).to_string(), array))
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

/// What the line's full-width characters were, once normalised.
#[derive(Default)]
struct Flags {
    space: bool,
    equals: bool,
    mixed_quotes: bool,
    chinese_quotes: bool,
    comma: bool,
    brackets: bool,
    colon: bool,
}

/// The line with the full-width punctuation outside strings made ASCII, and Chinese or mixed
/// quotes made ASCII quotes; text inside strings is kept as written.
fn normalise(line: &str) -> (String, Flags) {
    let mut flags = Flags::default();
    let mut out = String::with_capacity(line.len());
    let chars: Vec<char> = line.chars().collect();
    // The quote a string was opened with: ASCII `"`, `'`, or a Chinese quote.
    let mut open: Option<char> = None;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match open {
            Some('\'') => {
                if c == '\'' {
                    open = None;
                }
                out.push(c);
            }
            Some(q) => {
                // A string opened with “ closes at ”; one opened with `"` at a Chinese quote
                // only when no other quote follows (`"走访”`).
                let chinese_close = q == '“' && c == '”'
                    || matches!(c, '“' | '”')
                        && !chars[i + 1..].iter().any(|c| matches!(c, '"' | '“' | '”'));
                if q == '"' && c == '\\' && i + 1 < chars.len() {
                    out.push(c);
                    out.push(chars[i + 1]);
                    i += 2;
                    continue;
                }
                if c == '"' || chinese_close {
                    if (q == '"') != (c == '"') {
                        flags.mixed_quotes = true;
                    } else if c != '"' {
                        flags.chinese_quotes = true;
                    }
                    open = None;
                    out.push('"');
                } else {
                    out.push(c);
                }
            }
            None => match c {
                '"' | '\'' => {
                    open = Some(c);
                    out.push(c);
                }
                '“' | '”' => {
                    open = Some('“');
                    out.push('"');
                }
                '＝' => {
                    flags.equals = true;
                    out.push('=');
                }
                '，' => {
                    flags.comma = true;
                    out.push(',');
                }
                '［' | '］' => {
                    flags.brackets = true;
                    out.push(if c == '［' { '[' } else { ']' });
                }
                '\u{3000}' => {
                    flags.space = true;
                    out.push(' ');
                }
                '：' => {
                    flags.colon = true;
                    out.push(':');
                }
                '#' => {
                    out.extend(&chars[i..]);
                    break;
                }
                _ => out.push(c),
            },
        }
        i += 1;
    }
    if open == Some('“') {
        // Opened with a Chinese quote and never closed: close it at the end.
        flags.chinese_quotes = true;
        out.push('"');
    }
    (out, flags)
}

/// The byte position of the first `want` outside strings.
fn outside_strings(line: &str, want: &[char]) -> Option<usize> {
    let mut open: Option<char> = None;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match open {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if q == '"' && c == '\\' {
                    escaped = true;
                } else if c == q {
                    open = None;
                }
            }
            None if c == '"' || c == '\'' => open = Some(c),
            None if c == '#' => return None,
            None if want.contains(&c) => return Some(i),
            None => {}
        }
    }
    None
}

/// The longest line whose slips are looked for.
const MAX_EXAMINED: usize = 4096;

/// The slip on a line with a syntax error, and the line as it should be written (`entity`: the
/// table the line is in; None for an unknown table).
fn examine(line: &str, entity: Option<&'static fields::Entity>) -> (Option<Slip>, Option<String>) {
    let keys = entity.map_or_else(all_keys, |e| e.keys);
    let trimmed = line.trim();
    // The slips are those of a line typed by hand; a line of megabytes (a binary file, a file
    // of NUL bytes) is none, and examining it would cost several times its size.
    if trimmed.starts_with('#') || trimmed.is_empty() || trimmed.len() > MAX_EXAMINED {
        return (None, None);
    }
    if let Some((name, array)) = header(trimmed) {
        let bracket = |n: &str| if array { format!("[[{n}]]") } else { format!("[{n}]") };
        if let Some(english) = english_table(&name) {
            let slip = Slip::ChineseTable { name: bracket(&name), english: bracket(english) };
            return (Some(slip), Some(bracket(english)));
        }
        if trimmed.contains(['［', '］']) {
            return (Some(Slip::FullWidthBrackets), Some(bracket(&name)));
        }
        if name.chars().any(is_cjk) && !trimmed.contains('"') {
            let quoted = bracket(&format!("\"{name}\""));
            return (Some(Slip::ChineseKey { key: name, english: None }), Some(quoted));
        }
        return (None, None);
    }
    let (normal, flags) = normalise(trimmed);
    let mut colon = false;
    let (key, value) = match outside_strings(&normal, &['=']) {
        Some(at) => (normal[..at].trim(), normal[at + 1..].trim()),
        None => match outside_strings(&normal, &[':']) {
            Some(at) if !normal[..at].trim().is_empty() => {
                colon = true;
                (normal[..at].trim(), normal[at + 1..].trim())
            }
            _ => ("", ""),
        },
    };
    let bare_key = key.trim_matches(['"', '\'']);
    let chinese = bare_key.chars().any(is_cjk);
    // The key of this table it stands for: a key of another table would be no fix here.
    let english = if chinese { english_key(bare_key, keys) } else { None };
    let (fix, unquoted) = if key.is_empty() {
        (None, false)
    } else {
        let new_key = english.unwrap_or(key);
        let new_key = if chinese && english.is_none() && !key.starts_with('"') {
            format!("\"{key}\"")
        } else {
            new_key.to_string()
        };
        let line = format!("{new_key} = {value}");
        if parses(&line) {
            (Some(line), false)
        } else {
            match quote_value(type_of(english.unwrap_or(bare_key), entity), value) {
                Some(value) => (Some(format!("{new_key} = {value}")), true),
                // An unquoted value with no fix to offer (`members = 十二`): the slip is told.
                None => {
                    let bare = value.split('#').next().unwrap_or("").trim();
                    (None, !bare.is_empty() && !bare.starts_with(['"', '\'', '[', '{']))
                }
            }
        }
    };
    let fix = fix.filter(|f| parses(f) && f != trimmed);
    let slip = if flags.space {
        Some(Slip::FullWidthSpace)
    } else if flags.equals {
        Some(Slip::FullWidthEquals)
    } else if flags.mixed_quotes {
        Some(Slip::MixedQuotes)
    } else if flags.chinese_quotes {
        Some(Slip::FullWidthQuotes)
    } else if flags.comma {
        Some(Slip::FullWidthComma)
    } else if flags.brackets {
        Some(Slip::FullWidthBrackets)
    } else if colon || flags.colon && !key.is_empty() {
        Some(Slip::Colon)
    } else if chinese && !key.starts_with(['"', '\'']) {
        Some(Slip::ChineseKey { key: bare_key.to_string(), english })
    } else if unquoted {
        Some(Slip::Unquoted)
    } else {
        None
    };
    (slip, fix)
}

fn parses(line: &str) -> bool {
    crate::read::toml_tree::parse(line).is_ok()
}

/// An unquoted value written as it should be for a key of type `ty`: a date in its TOML or
/// canonical form, a number without its unit, `true` or `false`, text in quotes.
fn quote_value(ty: Option<fields::Type>, value: &str) -> Option<String> {
    use fields::Type;
    let value = value.split('#').next().unwrap_or("").trim();
    if value.is_empty() || value.starts_with(['"', '\'', '[', '{']) {
        return None;
    }
    if ty == Some(Type::Bool) {
        return truth(value).map(|b| b.to_string());
    }
    if matches!(ty, Some(Type::Date { .. })) {
        let date = Date::parse(value)
            .ok()
            .or_else(|| Date::near_miss(value).filter(|n| n.end.is_none()).map(|n| n.date));
        if let Some(date) = date {
            let plain = matches!(date.period, Period::Day(..)) && !value.contains('年');
            return Some(if plain { date.to_string() } else { format!("\"{date}\"") });
        }
    }
    if matches!(ty, Some(Type::Count | Type::Number | Type::Year)) {
        // A number is written with digits (十二 is no fix: quoted, it is still no number).
        return leading_number(value);
    }
    if ty.is_none()
        && let Some(number) = leading_number(value)
    {
        return Some(number);
    }
    if matches!(ty, Some(Type::List | Type::Sentences)) {
        return Some(format!("[{}]", quoted(value)));
    }
    Some(quoted(value))
}

fn quoted(value: &str) -> String {
    format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The number a value starts with, as TOML writes it (`12人` → `12`).
pub fn leading_number(value: &str) -> Option<String> {
    let number: String = value
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            _ => c,
        })
        .take_while(|c| c.is_ascii_digit() || matches!(c, '-' | '.'))
        .collect();
    let number = number.trim_end_matches('.');
    (!number.is_empty() && parses(&format!("x = {number}"))).then(|| number.to_string())
}

/// A yes or no as a secretary writes it: 是/否, 对/错, yes/no, 1/0 … (None: neither).
pub fn truth(value: &str) -> Option<bool> {
    match value.trim().to_lowercase().as_str() {
        "是" | "是的" | "对" | "真" | "有" | "yes" | "y" | "true" | "1" | "√" | "✓" => {
            Some(true)
        }
        "否" | "不是" | "错" | "假" | "无" | "没有" | "no" | "n" | "false" | "0" | "×" => {
            Some(false)
        }
        _ => None,
    }
}

/// A file's text mended after syntax errors: every line with a recognised slip replaced by its
/// fix, every other broken entry blanked (every byte but line ends made a space). Reading it
/// is reading the file as if corrected; `original` leads a span in it back to the file.
#[derive(Debug, Default)]
pub struct Mended {
    pub text: String,
    /// The places where a missing key would be a false alarm (in the file's text): the header
    /// of a table only partly blanked, and the file itself.
    pub quiet: Vec<usize>,
    /// Whether anything was blanked: what the file says is then not all read.
    pub partial: bool,
    /// The lines replaced, in order.
    pieces: Vec<Piece>,
}

/// One replaced line: its text in both, and where each of its characters came from.
#[derive(Debug)]
struct Piece {
    start: usize,
    end: usize,
    original_start: usize,
    original_end: usize,
    /// For each character of the fix: its offset in the mended text and the range of the
    /// original characters it stands for (empty for an inserted character).
    chars: Vec<(usize, Span)>,
}

impl Mended {
    /// The span of the file's text that `span` of the mended text stands for.
    pub fn original(&self, span: &Span) -> Span {
        let start = self.position(span.start, false);
        let end = self.position(span.end, true).max(start);
        start..end
    }

    /// A position of the mended text in the file's text; `end`: the end of a span.
    fn position(&self, at: usize, end: bool) -> usize {
        let index = self.pieces.partition_point(|p| if end { p.start < at } else { p.start <= at });
        let Some(piece) = index.checked_sub(1).map(|i| &self.pieces[i]) else { return at };
        let inside = if end { at <= piece.end } else { at < piece.end };
        if !inside {
            return at - piece.end + piece.original_end;
        }
        if end {
            // The end of the last character before `at`.
            let i = piece.chars.partition_point(|(offset, _)| *offset < at);
            i.checked_sub(1).map_or(piece.original_start, |i| piece.chars[i].1.end)
        } else {
            let i = piece.chars.partition_point(|(offset, _)| *offset < at);
            piece.chars.get(i).map_or(piece.original_end, |(_, range)| range.start)
        }
    }
}

/// The text mended: `broken` lines with a fix replaced by it, unless they lie in an entry that
/// is blanked; the others blanked. An `[[array]]` entry with an unmended error is blanked
/// whole: it cannot be read, and the others can. In the root and in a `[table]` only the
/// broken lines go (their other keys are still read), unless the error is on the header.
pub fn mend(text: &str, broken: &[Broken]) -> Mended {
    // The regions: (start, header offset, is array); the root has no header.
    let mut regions: Vec<(usize, Option<usize>, bool)> = vec![(0, None, false)];
    let mut in_multiline = false;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let quotes = line.matches("\"\"\"").count() + line.matches("'''").count();
        if !in_multiline && let Some((_, array)) = header(line) {
            let offset = at + (line.len() - line.trim_start().len());
            regions.push((at, Some(offset), array));
        }
        if quotes % 2 == 1 {
            in_multiline = !in_multiline;
        }
        at += line.len();
    }
    let line_end = |start: usize| text[start..].find('\n').map_or(text.len(), |i| start + i);
    // The byte ranges blanked, and the lines replaced.
    let mut blank: Vec<Span> = Vec::new();
    let mut quiet = vec![0];
    for line in broken.iter().filter(|b| b.fix.is_none()).map(|b| b.start) {
        let index = regions.partition_point(|(start, ..)| *start <= line).saturating_sub(1);
        let (start, header, array) = regions[index];
        let end = regions.get(index + 1).map_or(text.len(), |r| r.0);
        if array || line == start && header.is_some() {
            blank.push(start..end);
        } else {
            blank.push(line..line_end(line));
            quiet.extend(header);
        }
    }
    let blanked = |at: usize| blank.iter().any(|r| r.contains(&at));
    let mut fixes: Vec<(usize, &str)> = broken
        .iter()
        .filter_map(|b| Some((b.start, b.fix.as_deref()?)))
        .filter(|(start, _)| !blanked(*start))
        .collect();
    fixes.sort_unstable_by_key(|(start, _)| *start);
    fixes.dedup_by_key(|(start, _)| *start);
    let mut mended = Mended { partial: !blank.is_empty(), quiet, ..Mended::default() };
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (start, fix) in fixes {
        out.push_str(&text[copied..start]);
        let end = line_end(start);
        let line = text[start..end].trim_end_matches('\r');
        let indent = line.len() - line.trim_start().len();
        let original = start + indent..start + line.trim_end().len();
        out.push_str(&line[..indent]);
        let at = out.len();
        let chars = align(text, original.clone(), fix, at);
        out.push_str(fix);
        mended.pieces.push(Piece {
            start: at,
            end: out.len(),
            original_start: original.start,
            original_end: original.end,
            chars,
        });
        copied = original.end;
    }
    out.push_str(&text[copied..]);
    // Blanking keeps every byte where it was, so it is done on the mended text's own ranges.
    let mut bytes = out.into_bytes();
    for range in &blank {
        let (from, to) = (mended.mended_position(range.start), mended.mended_position(range.end));
        for b in &mut bytes[from..to] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    }
    mended.text = String::from_utf8(bytes).unwrap_or_default();
    mended
}

impl Mended {
    /// A position of the file's text outside every replaced line, in the mended text.
    pub fn mended_position(&self, at: usize) -> usize {
        let index = self.pieces.partition_point(|p| p.original_start < at);
        match index.checked_sub(1).map(|i| &self.pieces[i]) {
            Some(piece) => at - piece.original_end + piece.end,
            None => at,
        }
    }
}

/// Where each character of `fix` (written at `at` of the mended text) comes from in
/// `text[original]`: the characters the two share, in order (a longest common subsequence,
/// a full-width character standing for its ASCII form), and between two shared characters
/// the fix's others standing for the original's others.
fn align(text: &str, original: Span, fix: &str, at: usize) -> Vec<(usize, Span)> {
    let a: Vec<(usize, char)> =
        text[original.clone()].char_indices().map(|(i, c)| (original.start + i, c)).collect();
    let b: Vec<(usize, char)> = fix.char_indices().map(|(i, c)| (at + i, c)).collect();
    let end_of = |i: usize| a.get(i).map_or(original.end, |(offset, _)| *offset);
    let (n, m) = (a.len(), b.len());
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    if n * m <= 1 << 20 {
        // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
        let mut lcs = vec![0u16; (n + 1) * (m + 1)];
        let ix = |i: usize, j: usize| i * (m + 1) + j;
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                lcs[ix(i, j)] = if same(a[i].1, b[j].1) {
                    lcs[ix(i + 1, j + 1)] + 1
                } else {
                    lcs[ix(i + 1, j)].max(lcs[ix(i, j + 1)])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n && j < m {
            if same(a[i].1, b[j].1) {
                pairs.push((i, j));
                i += 1;
                j += 1;
            } else if lcs[ix(i + 1, j)] >= lcs[ix(i, j + 1)] {
                i += 1;
            } else {
                j += 1;
            }
        }
    }
    pairs.push((n, m));
    let mut chars = Vec::with_capacity(m);
    let (mut i, mut j) = (0, 0);
    for (pi, pj) in pairs {
        // The gap before the pair: the fix's characters j..pj stand for the original's i..pi.
        let gap = end_of(i)..end_of(pi);
        for &(offset, _) in &b[j..pj] {
            chars.push((offset, gap.clone()));
        }
        if pj < m {
            chars.push((b[pj].0, end_of(pi)..end_of(pi + 1)));
        }
        (i, j) = (pi + 1, pj + 1);
    }
    chars
}

/// Whether a character of the original line and one of its fix are the same, a full-width
/// slip counting as its ASCII form.
fn same(original: char, fixed: char) -> bool {
    original == fixed
        || match original {
            '“' | '”' => fixed == '"',
            '＝' | '：' | ':' => fixed == '=',
            '，' => fixed == ',',
            '［' => fixed == '[',
            '］' => fixed == ']',
            '\u{3000}' => fixed == ' ',
            '/' | '.' | '年' | '月' => fixed == '-',
            _ => false,
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(line: &str) -> (Option<Slip>, Option<String>) {
        examine(line, Some(&fields::ACTIVITY))
    }

    #[test]
    fn slips_and_their_fixes() {
        let key = |k: &str, e: &'static str| Slip::ChineseKey { key: k.into(), english: Some(e) };
        let cases: Vec<(&str, Option<Slip>, Option<&str>)> = vec![
            ("日期 = 2021-03-02", Some(key("日期", "date")), Some("date = 2021-03-02")),
            ("kind = 调研", Some(Slip::Unquoted), Some("kind = \"调研\"")),
            ("date = 2021/03/02", Some(Slip::Unquoted), Some("date = 2021-03-02")),
            ("date = 2021年3月2日", Some(Slip::Unquoted), Some("date = \"2021-03-02\"")),
            ("participants = 12人", Some(Slip::Unquoted), Some("participants = 12")),
            ("title = \"走访”", Some(Slip::MixedQuotes), Some("title = \"走访\"")),
            ("title = “走访”", Some(Slip::FullWidthQuotes), Some("title = \"走访\"")),
            ("location: \"浦东\"", Some(Slip::Colon), Some("location = \"浦东\"")),
            ("location：\"浦东\"", Some(Slip::Colon), Some("location = \"浦东\"")),
            ("title\u{3000}= \"x\"", Some(Slip::FullWidthSpace), Some("title = \"x\"")),
            ("title ＝ \"x\"", Some(Slip::FullWidthEquals), Some("title = \"x\"")),
            ("tags = [\"a\"，\"b\"]", Some(Slip::FullWidthComma), Some("tags = [\"a\",\"b\"]")),
            ("tags = ［\"a\"］", Some(Slip::FullWidthBrackets), Some("tags = [\"a\"]")),
            (
                "partners = [“台联”，“侨联”]",
                Some(Slip::FullWidthQuotes),
                Some("partners = [\"台联\",\"侨联\"]"),
            ),
            ("participants = 十二", Some(Slip::Unquoted), None),
        ];
        for (line, slip, fixed) in cases {
            assert_eq!(fix(line), (slip, fixed.map(str::to_string)), "{line}");
        }
        let table =
            Slip::ChineseTable { name: "[[活动]]".into(), english: "[[activity]]".into() };
        assert_eq!(fix("[[活动]]"), (Some(table), Some("[[activity]]".into())));
        assert_eq!(fix("highlight = 是"), (Some(Slip::Unquoted), Some("highlight = true".into())));
    }

    #[test]
    fn spans_of_a_mended_line_lead_back_to_the_original() {
        let text = "[[activity]]\nkind = “调查”\ndate = 2021年3月2日\ntitle = \"x\"\n";
        let broken = |line: &str, fix: &str| Broken {
            start: text.find(line).unwrap(),
            fix: Some(fix.to_string()),
        };
        let mended = mend(
            text,
            &[broken("kind", "kind = \"调查\""), broken("date", "date = \"2021-03-02\"")],
        );
        assert_eq!(
            mended.text,
            "[[activity]]\nkind = \"调查\"\ndate = \"2021-03-02\"\ntitle = \"x\"\n"
        );
        let find = |hay: &str, needle: &str| {
            let at = hay.find(needle).unwrap();
            at..at + needle.len()
        };
        let show = |span: Span| &text[span];
        assert_eq!(show(mended.original(&find(&mended.text, "\"调查\""))), "“调查”");
        assert_eq!(show(mended.original(&find(&mended.text, "kind"))), "kind");
        assert_eq!(show(mended.original(&find(&mended.text, "\"2021-03-02\""))), "2021年3月2日");
        assert_eq!(show(mended.original(&find(&mended.text, "\"x\""))), "\"x\"");
        assert!(!mended.partial);
    }
}
