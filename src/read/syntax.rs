//! TOML syntax errors (E003) for a reader who types with a Chinese input method: the parser's
//! message in Chinese, the usual slips recognised on the line (full-width `＝ “ ” ， ： ［ ］`
//! and spaces, mixed quotes, Chinese keys and table names, unquoted values, a colon for `=`)
//! with the corrected line written out; and the text with the broken entries blanked, so that
//! the rest of the file can still be checked.

use crate::read::diagnostic::{Kind, Slip};
use crate::read::schema::{Activity, Brand, Metric, Plan, Review, SectorFile, SectorMeta};
use crate::read::source::Span;
use crate::terms::date::{Date, Period};
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
        self.keys.unwrap_or(SectorFile::KEYS)
    }
}

/// The keys a table of that name allows (an unknown table: every key of every table).
fn keys_of(name: &str) -> &'static [&'static str] {
    let name = english_table(name).unwrap_or(name);
    match name {
        "sector" => SectorMeta::KEYS,
        "review" => Review::KEYS,
        "activity" => Activity::KEYS,
        "plan" => Plan::KEYS,
        "metric" => Metric::KEYS,
        "brand" => Brand::KEYS,
        _ => all_keys(),
    }
}

/// Every key of every table, from the tables' own lists.
fn all_keys() -> &'static [&'static str] {
    static ALL: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
        let tables = [
            SectorFile::KEYS,
            SectorMeta::KEYS,
            Review::KEYS,
            Activity::KEYS,
            Plan::KEYS,
            Metric::KEYS,
            Brand::KEYS,
        ];
        let mut all: Vec<&'static str> = Vec::new();
        for key in tables.into_iter().flatten() {
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
    crate::read::document::parse(line).is_ok()
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

/// The parser's message in Chinese.
pub fn message_zh(message: &str) -> String {
    let (what, expected) = message.split_once(", expected ").unwrap_or((message, ""));
    if what.starts_with("invalid") && what.ends_with("string") && expected.contains("characters") {
        return "字符串中有不允许的控制字符（请删去，或写成转义形式，例如 \\u001b）".to_string();
    }
    let text = match what {
        "invalid unquoted key" => "键名只能用英文字母、数字、`-` 和 `_`（其他文字要加英文双引号）",
        "unquoted keys cannot be empty" | "invalid key" => "缺少键名，或键名写法有误",
        "key with no value" => "键后面缺少 `=` 和值",
        "missing value for key" | "missing value" => "`=` 后面缺少值",
        "string values must be quoted" => "文字值必须加英文双引号",
        "invalid basic string" | "invalid string" => "字符串没有用英文双引号 `\"` 正确结束",
        "invalid literal string" => "字符串没有用单引号 `'` 正确结束",
        "invalid multi-line basic string" => "多行字符串没有用 `\"\"\"` 结束",
        "invalid multi-line literal string" => "多行字符串没有用 `'''` 结束",
        "missing opening quote" => "缺少开头的引号",
        "missing comma between array elements" => "列表的元素之间缺少英文逗号 `,`",
        "extra comma in array" => "列表中多了一个逗号",
        "unclosed array" => "列表缺少结尾的 `]`",
        "missing array opening" => "缺少列表开头的 `[`",
        "unexpected `=` in array" => "列表中不能有 `=`",
        "unclosed table" => "表头缺少结尾的 `]`",
        "unclosed array table" => "表头缺少结尾的 `]]`",
        "missing table open" => "缺少表头开头的 `[`",
        "invalid table" => "表头写法有误",
        "unclosed inline table" => "内联表缺少结尾的 `}`",
        "missing inline table opening" => "缺少内联表开头的 `{`",
        "missing comma between key-value pairs" => "内联表的键值之间缺少英文逗号 `,`",
        "extra comma in inline table" => "内联表中多了一个逗号",
        "missing key for inline table element" => "内联表中缺少键名",
        "invalid inline table element" => "内联表的写法有误",
        "missing assignment between key-value pairs" => "键和值之间缺少 `=`",
        "extra assignment between key-value pairs" | "extra `=`" => "多了一个 `=`",
        "unexpected key or value" | "unexpected content" => "一行只能写一个键值对，这里多出了内容",
        "unexpected content between comment and newline" | "invalid comment character" => {
            "注释中有不允许的控制字符"
        }
        "missing comment start" => "注释要以 `#` 开头",
        "missing escaped value" => "反斜杠 `\\` 后的转义无效（要写反斜杠本身，请写 `\\\\`）",
        "too few unicode value digits" => "`\\u` 后面的十六进制数字不够",
        "carriage return must be followed by newline" => "回车符后面必须紧跟换行符",
        "keys cannot be multi-line basic strings" | "keys cannot be multi-line literal strings" => {
            "键名不能用多行字符串"
        }
        "invalid key-value pair" => "键值对写法有误",
        "invalid value" => "值的写法有误",
        "invalid boolean" => "布尔值只能写 true 或 false（小写）",
        "invalid integer number"
        | "invalid float"
        | "invalid exponent"
        | "invalid fraction"
        | "invalid mantissa"
        | "invalid hexadecimal number"
        | "invalid octal number"
        | "invalid binary number"
        | "redundant integer number prefix" => "数字写法有误",
        "unexpected leading zero" => "数字不能以 0 开头",
        "unexpected sign" | "redundant numeric sign" => "正负号的位置有误",
        "integers with a radix cannot be signed" => "十六进制、八进制、二进制数不能带正负号",
        "radix must be lowercase" => "进制前缀要小写（0x、0o、0b）",
        "`_` may only go between digits" => "`_` 只能写在两个数字之间",
        "invalid date" => return date_zh(expected),
        "invalid date-time" | "invalid datetime" | "invalid time" | "invalid offset" => {
            "日期或时间的写法有误"
        }
        "duplicate key" => "键重复：同一个表中同一个键（或同一个 [表]）只能写一次",
        "cannot recurse further; max recursion depth met" | "recursion limit" => "嵌套层数太多",
        other if other.starts_with("cannot extend value of type") => "带点的键与前面已有的值冲突",
        _ => "不符合 TOML 语法",
    };
    text.to_string()
}

/// `invalid date, expected day between 01 and 28`: which day or month is out of range.
fn date_zh(expected: &str) -> String {
    let last = expected.rsplit(' ').next().unwrap_or("");
    if expected.starts_with("day between") {
        format!("日期不存在：这个月只有 {} 天", last.trim_start_matches('0'))
    } else if expected.starts_with("month between") {
        "日期不存在：月份应在 01 到 12 之间".into()
    } else {
        "日期不存在".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(line: &str) -> (Option<Slip>, Option<String>) {
        examine(line, Activity::KEYS)
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

    #[test]
    fn messages_in_chinese() {
        assert_eq!(message_zh("key with no value, expected `=`"), "键后面缺少 `=` 和值");
        assert_eq!(
            message_zh("invalid date, expected day between 01 and 28"),
            "日期不存在：这个月只有 28 天"
        );
        assert_eq!(message_zh("something new"), "不符合 TOML 语法");
        assert_eq!(
            message_zh("invalid basic string, expected non-double-quote visible characters, `\\`"),
            "字符串中有不允许的控制字符（请删去，或写成转义形式，例如 \\u001b）"
        );
    }
}
