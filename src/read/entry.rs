//! The checking of one table of a file: its keys against the field table (E011), each value
//! read by its type with the problem reported at the value itself (`Entry`), in the context of
//! one file's diagnostics (`Ctx`). `parse` reads the sector files' tables with it, `config` the
//! tables of `jiebie.toml`.

use crate::diagnostic::source::Span;
use crate::diagnostic::{Diagnostic, Expected, Invalid, Kind as D, Place};
use crate::read::schema::{Kind, Number, Sp};
use crate::read::syntax::Broken;
use crate::read::toml_tree::{Item, Table, Take, Value as V};
use crate::terms::date::{Date, DateError};
use crate::terms::vocabulary::{Kinds, PLACEHOLDERS, closest, english_key, english_table};
use crate::text::{is_invisible, without_invisible};

pub(crate) type Value<'i> = Item<'i>;

/// Collects the diagnostics of one file (`text`: the file's text, for exact spans inside a
/// value).
pub(crate) struct Ctx<'d> {
    pub(crate) file: usize,
    pub(crate) text: &'d str,
    pub(crate) diags: &'d mut Vec<Diagnostic>,
}

impl Ctx<'_> {
    pub(crate) fn report(&mut self, span: Span, kind: D) {
        self.diags.push(Diagnostic::new(Place::at(self.file, span), kind));
    }

    /// `text` without its invisible characters, each reported (W111) where the file has it.
    pub(crate) fn visible(&mut self, key: &str, mut text: Sp<String>) -> Sp<String> {
        if !text.value.contains(is_invisible) {
            return text;
        }
        let found = invisible_in(self.text, text.span.clone());
        if found.is_empty() {
            let c = text.value.chars().find(|&c| is_invisible(c)).unwrap_or('\0');
            self.report(text.span.clone(), D::Invisible { key: key.to_string(), found: c });
        }
        for (span, c) in found {
            self.report(span, D::Invisible { key: key.to_string(), found: c });
        }
        text.value = without_invisible(&text.value).into_owned();
        text
    }

    /// E012 at a value, with the value as it should be written when it can be told.
    pub(crate) fn wrong_type(&mut self, key: &str, value: &Value<'_>, expected: Expected) {
        let fix = retyped(&value.value, expected);
        self.wrong(key, value, expected, fix);
    }

    /// E012 at an item of a list (no fix: the help writes a whole `key = value`).
    pub(crate) fn wrong_item_type(&mut self, key: &str, value: &Value<'_>, expected: Expected) {
        self.wrong(key, value, expected, None);
    }

    pub(crate) fn wrong(
        &mut self,
        key: &str,
        value: &Value<'_>,
        expected: Expected,
        fix: Option<String>,
    ) {
        let found = value.value.type_str().to_string();
        let kind = D::WrongType { key: key.to_string(), expected, found, fix };
        self.report(value.span.clone(), kind);
    }
}

/// Parses the TOML syntax, handing the tables of `take`'s key to it as `toml_tree::parse_taking`
/// does; on failure reports every syntax error (E003, one per line) and returns the lines that
/// hold them.
pub(crate) fn parse_toml<'i>(
    text: &'i str,
    take: Take<'i, '_>,
    ctx: &mut Ctx<'_>,
) -> Result<(Table<'i>, bool), Vec<Broken>> {
    let errors = match crate::read::toml_tree::parse_taking(text, take) {
        Ok(parsed) => return Ok(parsed),
        Err(errors) => errors,
    };
    let (found, lines) = crate::read::syntax::explain(text, &errors);
    for (span, kind) in found {
        ctx.report(span, kind);
    }
    Err(lines)
}

/// A table whose keys are checked against the allowed list, and whose values are read one by
/// one, each problem reported at the value itself.
pub(crate) struct Entry<'a, 'i, 'c, 'd> {
    pub(crate) table: &'a Table<'i>,
    pub(crate) header: Span,
    pub(crate) name: &'static str,
    pub(crate) ctx: &'c mut Ctx<'d>,
    /// False once a required key is missing or invalid: the entry cannot be built.
    pub(crate) complete: bool,
    /// The keys that unknown keys were taken for (`titel` → `title`): their E011 says what
    /// to write, so their absence is no second problem.
    pub(crate) misspelt: Vec<String>,
}

impl<'a, 'i, 'c, 'd> Entry<'a, 'i, 'c, 'd> {
    pub(crate) fn open(
        table: &'a Table<'i>,
        header: Span,
        name: &'static str,
        keys: &[&str],
        ctx: &'c mut Ctx<'d>,
    ) -> Self {
        let mut misspelt = Vec::new();
        for (key, _) in &table.entries {
            if !keys.contains(&key.value.as_ref()) {
                let suggestion = english_key(&key.value, keys)
                    .or_else(|| english_table(&key.value).filter(|t| keys.contains(t)))
                    .map(str::to_string)
                    .or_else(|| closest(&key.value, keys.iter().copied()));
                misspelt.extend(suggestion.clone());
                ctx.report(
                    key.span.clone(),
                    D::UnknownKey { key: key.value.to_string(), suggestion },
                );
            }
        }
        Entry { table, header, name, ctx, complete: true, misspelt }
    }

    pub(crate) fn get(&self, key: &str) -> Option<&'a Value<'i>> {
        self.table.get(key)
    }

    /// A required value: missing → E010; `read` reports its own problems.
    pub(crate) fn required<T>(
        &mut self,
        key: &str,
        read: impl FnOnce(&mut Self, &'a Value<'i>) -> Option<T>,
    ) -> Option<T> {
        let Some(value) = self.get(key) else {
            let (span, table) = (self.header.clone(), self.name.to_string());
            if !self.misspelt.iter().any(|k| k == key) {
                self.ctx.report(span, D::MissingKey { key: key.to_string(), table });
            }
            self.complete = false;
            return None;
        };
        let read = read(self, value);
        self.complete &= read.is_some();
        read
    }

    pub(crate) fn optional<T>(
        &mut self,
        key: &str,
        read: impl FnOnce(&mut Self, &'a Value<'i>) -> Option<T>,
    ) -> Option<T> {
        let value = self.get(key)?;
        read(self, value)
    }

    pub(crate) fn string(&mut self, key: &str, value: &Value<'_>) -> Option<Sp<String>> {
        match &value.value {
            V::String(s) => {
                if let Some(placeholder) = PLACEHOLDERS.iter().find(|p| s.contains(**p)) {
                    let kind = D::Placeholder {
                        key: key.to_string(),
                        placeholder: placeholder.to_string(),
                    };
                    self.ctx.report(value.span.clone(), kind);
                }
                Some(Sp::new(normalise(s), value.span.clone()))
            }
            _ => {
                self.ctx.wrong_type(key, value, Expected::String);
                None
            }
        }
    }

    pub(crate) fn text(&mut self, key: &str, value: &Value<'_>) -> Option<Sp<String>> {
        let text = self.string(key, value)?;
        self.not_blank(key, text)
    }

    /// Text that is required not to be blank (E013 otherwise).
    pub(crate) fn not_blank(&mut self, key: &str, text: Sp<String>) -> Option<Sp<String>> {
        if text.value.trim().is_empty() {
            self.ctx.report(
                text.span,
                D::InvalidValue { key: key.to_string(), reason: Invalid::Blank },
            );
            return None;
        }
        Some(text)
    }

    pub(crate) fn required_text(&mut self, key: &str) -> Option<Sp<String>> {
        self.required(key, |e, v| e.text(key, v))
    }

    /// A name, kind, id or partner: text whose invisible and control characters are reported
    /// (W111, at each one) and removed, so that `"侨联\u200b"` is 侨联.
    pub(crate) fn name(&mut self, key: &str, value: &Value<'_>) -> Option<Sp<String>> {
        let text = self.string(key, value)?;
        let text = self.ctx.visible(key, text);
        self.not_blank(key, text)
    }

    pub(crate) fn required_name(&mut self, key: &str) -> Option<Sp<String>> {
        self.required(key, |e, v| e.name(key, v))
    }

    pub(crate) fn optional_name(&mut self, key: &str) -> Option<Sp<String>> {
        self.optional(key, |e, v| e.name(key, v))
    }

    /// A list of names (partners, sectors): each cleaned as `name` does.
    pub(crate) fn name_list(&mut self, key: &str) -> Vec<Sp<String>> {
        let list = self.list(key);
        let mut names = Vec::with_capacity(list.len());
        for name in list {
            let name = self.ctx.visible(key, name);
            if name.value.trim().is_empty() {
                self.ctx.report(
                    name.span,
                    D::InvalidValue { key: key.to_string(), reason: Invalid::Blank },
                );
            } else {
                names.push(name);
            }
        }
        names
    }

    pub(crate) fn optional_string(&mut self, key: &str) -> Option<Sp<String>> {
        self.optional(key, |e, v| e.string(key, v))
    }

    pub(crate) fn optional_text(&mut self, key: &str) -> Option<Sp<String>> {
        self.optional(key, |e, v| e.text(key, v))
    }

    pub(crate) fn list(&mut self, key: &str) -> Vec<Sp<String>> {
        let Some(value) = self.get(key) else { return Vec::new() };
        let V::Array(items) = &value.value else {
            self.ctx.wrong_type(key, value, Expected::StringList);
            return Vec::new();
        };
        let mut list = Vec::new();
        for item in items.iter() {
            match &item.value {
                V::String(s) if s.trim().is_empty() => {
                    self.ctx.report(
                        item.span.clone(),
                        D::InvalidValue { key: key.to_string(), reason: Invalid::Blank },
                    );
                }
                V::String(s) => list.push(Sp::new(normalise(s), item.span.clone())),
                _ => self.ctx.wrong_item_type(key, item, Expected::StringList),
            }
        }
        list
    }

    pub(crate) fn plain_list(&mut self, key: &str) -> Vec<String> {
        self.list(key).into_iter().map(|s| s.value).collect()
    }

    pub(crate) fn integer(&mut self, key: &str, value: &Value<'_>) -> Option<i64> {
        let V::Integer(digits, radix) = &value.value else {
            self.ctx.wrong_type(key, value, Expected::Integer);
            return None;
        };
        match i64::from_str_radix(digits, *radix) {
            Ok(i) => Some(i),
            Err(_) => {
                let reason =
                    if digits.starts_with('-') { Invalid::Negative } else { Invalid::TooLarge };
                self.ctx
                    .report(value.span.clone(), D::InvalidValue { key: key.to_string(), reason });
                None
            }
        }
    }

    pub(crate) fn count(&mut self, key: &str) -> Option<Sp<u64>> {
        self.optional(key, |e, v| {
            let i = e.integer(key, v)?;
            if i < 0 {
                e.ctx.report(
                    v.span.clone(),
                    D::InvalidValue { key: key.to_string(), reason: Invalid::Negative },
                );
                return None;
            }
            Some(Sp::new(i as u64, v.span.clone()))
        })
    }

    pub(crate) fn year(&mut self, key: &str, value: &Value<'_>) -> Option<Sp<u16>> {
        let year = self.integer(key, value)?;
        if !(crate::terms::date::MIN_YEAR..=crate::terms::date::MAX_YEAR).contains(&year) {
            self.ctx.report(
                value.span.clone(),
                D::InvalidValue { key: key.to_string(), reason: Invalid::Year(year) },
            );
            return None;
        }
        Some(Sp::new(year as u16, value.span.clone()))
    }

    pub(crate) fn required_year(&mut self, key: &str) -> Option<Sp<u16>> {
        self.required(key, |e, v| e.year(key, v))
    }

    pub(crate) fn number(
        &mut self,
        key: &str,
        value: &Value<'_>,
        non_negative: bool,
    ) -> Option<Number> {
        let number = match &value.value {
            V::Integer(..) => Number::int(self.integer(key, value)?),
            V::Float(f) => match f.parse::<f64>() {
                Ok(x) if x.is_finite() => Number::Float(x),
                _ => {
                    let reason = Invalid::NotANumber(f.to_string());
                    self.ctx.report(
                        value.span.clone(),
                        D::InvalidValue { key: key.to_string(), reason },
                    );
                    return None;
                }
            },
            _ => {
                self.ctx.wrong_type(key, value, Expected::Number);
                return None;
            }
        };
        if non_negative && number.as_f64() < 0.0 {
            self.ctx.report(
                value.span.clone(),
                D::InvalidValue { key: key.to_string(), reason: Invalid::Negative },
            );
            return None;
        }
        Some(number)
    }

    pub(crate) fn boolean(&mut self, key: &str) -> Option<bool> {
        self.optional(key, |e, v| match &v.value {
            V::Boolean(b) => Some(*b),
            _ => {
                e.ctx.wrong_type(key, v, Expected::Boolean);
                None
            }
        })
    }

    pub(crate) fn date(&mut self, key: &str, value: &Value<'_>) -> Option<Sp<Date>> {
        let span = value.span.clone();
        let parsed = match &value.value {
            V::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (Some(d), None, None) => {
                    Date::day(i64::from(d.year), u32::from(d.month), u32::from(d.day))
                }
                _ => {
                    self.ctx.report(span, D::DateTime { key: key.to_string() });
                    return None;
                }
            },
            V::String(s) => Date::parse(s),
            _ => {
                self.ctx.wrong_type(key, value, Expected::Date);
                return None;
            }
        };
        match parsed {
            Ok(date) => Some(Sp::new(date, span)),
            Err(error) => {
                let text = match &value.value {
                    V::String(s) => s.to_string(),
                    _ => String::new(),
                };
                let reason = match error {
                    DateError::Form => match Date::near_miss(&text) {
                        Some(near) => Invalid::DateNearMiss {
                            text,
                            date: near.date.to_string(),
                            end: near.end.map(|e| e.to_string()),
                        },
                        None => Invalid::DateForm(text),
                    },
                    DateError::NoSuchDay => Invalid::NoSuchDay(text),
                    DateError::Year(year) => Invalid::Year(year),
                };
                self.ctx.report(span, D::InvalidValue { key: key.to_string(), reason });
                None
            }
        }
    }

    pub(crate) fn kind(&mut self, key: &str, value: &Value<'_>, kinds: &Kinds) -> Option<Sp<Kind>> {
        let word = self.name(key, value)?;
        match kinds.resolve(&word.value) {
            Some(id) => Some(Sp::new(Kind(id), word.span)),
            None => {
                let suggestion = kinds.suggest(&word.value);
                self.ctx.report(word.span, D::UnknownKind { kind: word.value, suggestion });
                None
            }
        }
    }
}

/// The invisible characters of the string value at `span` of `text`, written as they are or
/// as escapes (`\u200b`, `\t`), with their spans.
pub(crate) fn invisible_in(text: &str, span: Span) -> Vec<(Span, char)> {
    let Some(raw) = text.get(span.clone()) else { return Vec::new() };
    let escapes = raw.starts_with('"');
    let mut found = Vec::new();
    let mut chars = raw.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let at = span.start + i;
        if c != '\\' || !escapes {
            if is_invisible(c) {
                found.push((at..at + c.len_utf8(), c));
            }
            continue;
        }
        let Some(&(_, e)) = chars.peek() else { break };
        let digits = match e {
            'u' => 4,
            'U' => 8,
            'x' => 2,
            'b' | 't' | 'n' | 'f' | 'r' | 'e' => {
                chars.next();
                let c = match e {
                    'b' => '\u{8}',
                    't' => '\t',
                    'n' => '\n',
                    'f' => '\u{c}',
                    'r' => '\r',
                    _ => '\u{1b}',
                };
                found.push((at..at + 2, c));
                continue;
            }
            _ => {
                chars.next();
                continue;
            }
        };
        chars.next();
        let hex = raw.get(i + 2..i + 2 + digits).unwrap_or("");
        if let Some(c) = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
            && is_invisible(c)
        {
            found.push((at..at + 2 + digits, c));
        }
    }
    found
}

/// Multi-line strings keep the CR of CRLF files; the data should not.
pub(crate) fn normalise(s: &str) -> String {
    if s.contains('\r') { s.replace("\r\n", "\n") } else { s.to_string() }
}

/// `"15人"` → `15`, `"是"` → `true`, `"台联"` → `["台联"]`, `2021` → `"2021"`.
pub(crate) fn retyped(value: &V<'_>, expected: Expected) -> Option<String> {
    use crate::read::syntax::{leading_number, truth};
    let quoted = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    let written = match value {
        V::String(s) => Some(s.to_string()),
        V::Integer(digits, 10) | V::Float(digits) => Some(digits.to_string()),
        V::Datetime(dt) => Some(dt.to_string()),
        _ => None,
    };
    match (expected, value) {
        (Expected::Integer, V::String(s)) => leading_number(s).filter(|n| !n.contains('.')),
        (Expected::Integer, V::Float(f)) => {
            f.strip_suffix(".0").filter(|i| i.parse::<i64>().is_ok()).map(str::to_string)
        }
        (Expected::Number, V::String(s)) => leading_number(s),
        (Expected::Boolean, V::String(s)) => truth(s).map(|b| b.to_string()),
        (Expected::Boolean, V::Integer(digits, _)) => truth(digits).map(|b| b.to_string()),
        (Expected::String, V::Integer(..) | V::Float(_) | V::Datetime(_)) => {
            written.map(|w| quoted(&w))
        }
        (Expected::StringList, V::String(s)) => {
            let items: Vec<String> = s
                .split(['、', '，', ',', '；', ';'])
                .map(str::trim)
                .filter(|item| !item.is_empty())
                .map(quoted)
                .collect();
            (!items.is_empty()).then(|| format!("[{}]", items.join(", ")))
        }
        (Expected::Date, V::Integer(..) | V::Float(_)) => {
            let written = written?;
            Date::parse(&written).ok().map(|d| quoted(&d.to_string()))
        }
        _ => None,
    }
}
