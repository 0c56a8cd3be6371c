//! TOML syntax errors (E003) for a reader who types with a Chinese input method: the parser's
//! message in Chinese, the usual slips recognised on the line (full-width `＝ “ ” ， ： ［ ］`
//! and spaces, mixed quotes, Chinese keys and table names, unquoted values, a colon for `=`)
//! with the corrected line written out; and the text with the broken entries blanked, so that
//! the rest of the file can still be checked.

use crate::diagnostic::source::Span;
use crate::diagnostic::{Kind, Slip};
use crate::terms::date::{Date, Period};
use crate::terms::fields;
use crate::terms::vocabulary::{english_key, english_table};

/// An E003 for every syntax error, each with the slip and fix of its line; a second error on a
/// line whose slip is recognised is left out (the parser often reports one slip twice, and the
/// help already mends the line). Also the start of every line with an error, sorted.
pub fn explain(text: &str, errors: &[toml::de::Error]) -> (Vec<(Span, Kind)>, Vec<usize>) {
    let mut errors: Vec<(Span, &str)> = errors
        .iter()
        .map(|e| {
            let span = e.span().unwrap_or(0..0);
            let start = floor(text, span.start.min(text.len()));
            (start..span.end.max(start), e.message().trim())
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
                lines.push(line_start);
                let rest = &text[line_start..];
                let line = rest[..rest.find('\n').unwrap_or(rest.len())].trim_end_matches('\r');
                let keys = tables.keys_at(text, line_start);
                let (slip, fix) = match message.split(',').next() {
                    // Nothing on the line to mend: the key or table is there twice, or the day
                    // does not exist (`2021-02-30`).
                    Some("duplicate key" | "invalid date") => (None, None),
                    _ => examine(line, keys),
                };
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
    keys: Option<&'static [&'static str]>,
}

impl Tables {
    fn keys_at(&mut self, text: &str, line_start: usize) -> &'static [&'static str] {
        if line_start >= self.scanned {
            for line in text[self.scanned..line_start].lines() {
                if let Some((name, _)) = header(line) {
                    self.keys = Some(keys_of(&name));
                }
            }
            self.scanned = line_start;
        }
        self.keys.unwrap_or(fields::FILE.keys)
    }
}

/// The keys a table of that name allows (an unknown table: every key of every table).
fn keys_of(name: &str) -> &'static [&'static str] {
    let name = english_table(name).unwrap_or(name);
    fields::entity(name).map_or_else(all_keys, |entity| entity.keys)
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
                let chinese_close = matches!(c, '“' | '”')
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

/// The slip on a line with a syntax error, and the line as it should be written.
fn examine(line: &str, keys: &[&str]) -> (Option<Slip>, Option<String>) {
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
    // The key of this table it stands for, else of any table (E011 follows on the next run).
    let english = if chinese {
        english_key(bare_key, keys).or_else(|| english_key(bare_key, all_keys()))
    } else {
        None
    };
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
            match quote_value(english.unwrap_or(bare_key), value) {
                Some(value) => (Some(format!("{new_key} = {value}")), true),
                None => (None, false),
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

/// An unquoted value written as it should be: a date in its TOML or canonical form, a
/// number without its unit, text in quotes.
fn quote_value(key: &str, value: &str) -> Option<String> {
    let value = value.split('#').next().unwrap_or("").trim();
    if value.is_empty() || value.starts_with(['"', '\'', '[', '{']) {
        return None;
    }
    if matches!(key, "date" | "end_date") {
        let date = Date::parse(value)
            .ok()
            .or_else(|| Date::near_miss(value).filter(|n| n.end.is_none()).map(|n| n.date));
        if let Some(date) = date {
            let plain = matches!(date.period, Period::Day(..)) && !value.contains('年');
            return Some(if plain { date.to_string() } else { format!("\"{date}\"") });
        }
    }
    let numeric = matches!(
        key,
        "participants" | "members" | "year" | "since" | "value" | "target" | "format"
    );
    if numeric {
        let number: String =
            value.chars().take_while(|c| c.is_ascii_digit() || matches!(c, '-' | '.')).collect();
        if !number.is_empty() && parses(&format!("x = {number}")) {
            return Some(number);
        }
    }
    Some(format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\"")))
}

/// The text with the entries that hold a syntax error blanked (every byte but line ends made
/// a space, so that every position stays where it was), and the places where a missing key
/// would be a false alarm: the header of a table only partly blanked, and the file itself.
///
/// An `[[array]]` entry with an error is blanked whole: it cannot be read, and the others
/// can. In the root and in a `[table]` only the broken lines go (their other keys are still
/// read), unless the error is on the header itself.
pub fn blanked(text: &str, error_lines: &[usize]) -> (String, Vec<usize>) {
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
    let mut bytes = text.as_bytes().to_vec();
    let mut blank = |from: usize, to: usize| {
        for b in &mut bytes[from..to] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    };
    let line_end = |start: usize| text[start..].find('\n').map_or(text.len(), |i| start + i);
    let mut quiet = vec![0];
    for &line in error_lines {
        let index = regions.partition_point(|(start, ..)| *start <= line).saturating_sub(1);
        let (start, header, array) = regions[index];
        let end = regions.get(index + 1).map_or(text.len(), |r| r.0);
        if array || line == start && header.is_some() {
            blank(start, end);
        } else {
            blank(line, line_end(line));
            quiet.extend(header);
        }
    }
    (String::from_utf8(bytes).unwrap_or_default(), quiet)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(line: &str) -> (Option<Slip>, Option<String>) {
        examine(line, fields::ACTIVITY.keys)
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
        ];
        for (line, slip, fixed) in cases {
            assert_eq!(fix(line), (slip, fixed.map(str::to_string)), "{line}");
        }
        let table =
            Slip::ChineseTable { name: "[[活动]]".into(), english: "[[activity]]".into() };
        assert_eq!(fix("[[活动]]"), (Some(table), Some("[[activity]]".into())));
    }
}
