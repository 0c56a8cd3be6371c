//! From a file's text to the typed entries of `schema`: every key checked, every problem of
//! every entry reported (an entry with a bad value does not hide the next one).

use crate::diagnostic::source::Span;
use crate::diagnostic::{Diagnostic, Duplicated, Expected, Invalid, Kind as D, Place};
use crate::read::schema::{
    Activity, Brand, Config, Counting, Kind, Member, Metric, Number, Plan, ROLES, Review, Scoring,
    SectorFile, SectorMeta, Sp, Vocabulary, WordStyle,
};
use crate::read::syntax::Broken;
use crate::read::toml_tree::{Item, Table, Value as V};
use crate::terms::date::{Date, DateError};
use crate::terms::fields;
use crate::terms::vocabulary::{
    Kinds, OPINION, OPINION_STATUSES, PLACEHOLDERS, PROPOSAL, PROPOSAL_STATUSES, closest,
    english_key, english_table,
};
use crate::text::{is_invisible, without_invisible};

type Value<'i> = Item<'i>;

/// Collects the diagnostics of one file (`text`: the file's text, for exact spans inside a
/// value).
struct Ctx<'d> {
    file: usize,
    text: &'d str,
    diags: &'d mut Vec<Diagnostic>,
}

impl Ctx<'_> {
    fn report(&mut self, span: Span, kind: D) {
        self.diags.push(Diagnostic::new(Place::at(self.file, span), kind));
    }

    /// `text` without its invisible characters, each reported (W111) where the file has it.
    fn visible(&mut self, key: &str, mut text: Sp<String>) -> Sp<String> {
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
    fn wrong_type(&mut self, key: &str, value: &Value<'_>, expected: Expected) {
        let fix = retyped(&value.value, expected);
        self.wrong(key, value, expected, fix);
    }

    /// E012 at an item of a list (no fix: the help writes a whole `key = value`).
    fn wrong_item_type(&mut self, key: &str, value: &Value<'_>, expected: Expected) {
        self.wrong(key, value, expected, None);
    }

    fn wrong(&mut self, key: &str, value: &Value<'_>, expected: Expected, fix: Option<String>) {
        let found = value.value.type_str().to_string();
        let kind = D::WrongType { key: key.to_string(), expected, found, fix };
        self.report(value.span.clone(), kind);
    }
}

/// Parses the TOML syntax; on failure reports every syntax error (E003, one per line) and
/// returns the lines that hold them.
fn parse_toml<'i>(text: &'i str, ctx: &mut Ctx<'_>) -> Result<Table<'i>, Vec<Broken>> {
    let errors = match crate::read::toml_tree::parse(text) {
        Ok(table) => return Ok(table),
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
struct Entry<'a, 'i, 'c, 'd> {
    table: &'a Table<'i>,
    header: Span,
    name: &'static str,
    ctx: &'c mut Ctx<'d>,
    /// False once a required key is missing or invalid: the entry cannot be built.
    complete: bool,
    /// The keys that unknown keys were taken for (`titel` → `title`): their E011 says what
    /// to write, so their absence is no second problem.
    misspelt: Vec<String>,
}

impl<'a, 'i, 'c, 'd> Entry<'a, 'i, 'c, 'd> {
    fn open(
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

    fn get(&self, key: &str) -> Option<&'a Value<'i>> {
        self.table.get(key)
    }

    /// A required value: missing → E010; `read` reports its own problems.
    fn required<T>(
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

    fn optional<T>(
        &mut self,
        key: &str,
        read: impl FnOnce(&mut Self, &'a Value<'i>) -> Option<T>,
    ) -> Option<T> {
        let value = self.get(key)?;
        read(self, value)
    }

    fn string(&mut self, key: &str, value: &Value<'_>) -> Option<Sp<String>> {
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

    fn text(&mut self, key: &str, value: &Value<'_>) -> Option<Sp<String>> {
        let text = self.string(key, value)?;
        self.not_blank(key, text)
    }

    /// Text that is required not to be blank (E013 otherwise).
    fn not_blank(&mut self, key: &str, text: Sp<String>) -> Option<Sp<String>> {
        if text.value.trim().is_empty() {
            self.ctx.report(
                text.span,
                D::InvalidValue { key: key.to_string(), reason: Invalid::Blank },
            );
            return None;
        }
        Some(text)
    }

    fn required_text(&mut self, key: &str) -> Option<Sp<String>> {
        self.required(key, |e, v| e.text(key, v))
    }

    /// A name, kind, id or partner: text whose invisible and control characters are reported
    /// (W111, at each one) and removed, so that `"侨联\u200b"` is 侨联.
    fn name(&mut self, key: &str, value: &Value<'_>) -> Option<Sp<String>> {
        let text = self.string(key, value)?;
        let text = self.ctx.visible(key, text);
        self.not_blank(key, text)
    }

    fn required_name(&mut self, key: &str) -> Option<Sp<String>> {
        self.required(key, |e, v| e.name(key, v))
    }

    fn optional_name(&mut self, key: &str) -> Option<Sp<String>> {
        self.optional(key, |e, v| e.name(key, v))
    }

    /// A list of names (partners, sectors): each cleaned as `name` does.
    fn name_list(&mut self, key: &str) -> Vec<Sp<String>> {
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

    fn optional_string(&mut self, key: &str) -> Option<Sp<String>> {
        self.optional(key, |e, v| e.string(key, v))
    }

    fn optional_text(&mut self, key: &str) -> Option<Sp<String>> {
        self.optional(key, |e, v| e.text(key, v))
    }

    fn list(&mut self, key: &str) -> Vec<Sp<String>> {
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

    fn plain_list(&mut self, key: &str) -> Vec<String> {
        self.list(key).into_iter().map(|s| s.value).collect()
    }

    fn integer(&mut self, key: &str, value: &Value<'_>) -> Option<i64> {
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

    fn count(&mut self, key: &str) -> Option<Sp<u64>> {
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

    fn year(&mut self, key: &str, value: &Value<'_>) -> Option<Sp<u16>> {
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

    fn required_year(&mut self, key: &str) -> Option<Sp<u16>> {
        self.required(key, |e, v| e.year(key, v))
    }

    fn number(&mut self, key: &str, value: &Value<'_>, non_negative: bool) -> Option<Number> {
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

    fn boolean(&mut self, key: &str) -> Option<bool> {
        self.optional(key, |e, v| match &v.value {
            V::Boolean(b) => Some(*b),
            _ => {
                e.ctx.wrong_type(key, v, Expected::Boolean);
                None
            }
        })
    }

    fn date(&mut self, key: &str, value: &Value<'_>) -> Option<Sp<Date>> {
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

    fn kind(&mut self, key: &str, value: &Value<'_>, kinds: &Kinds) -> Option<Sp<Kind>> {
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
fn invisible_in(text: &str, span: Span) -> Vec<(Span, char)> {
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
fn normalise(s: &str) -> String {
    if s.contains('\r') { s.replace("\r\n", "\n") } else { s.to_string() }
}

/// The entries of an array of tables (`[[key]]`), each with its header span.
fn entries<'a, 'i>(
    key: &str,
    value: &'a Value<'i>,
    ctx: &mut Ctx<'_>,
) -> Vec<(&'a Table<'i>, Span)> {
    let V::Array(items) = &value.value else {
        ctx.wrong_type(key, value, Expected::TableArray);
        return Vec::new();
    };
    let mut tables = Vec::new();
    for item in items.iter() {
        match &item.value {
            V::Table(table) => tables.push((table, item.span.clone())),
            _ => ctx.wrong_type(key, item, Expected::TableArray),
        }
    }
    tables
}

/// Reads a sector file. Returns None when the file is unusable (syntax errors, no `[sector]`).
pub fn sector_file(
    file: usize,
    text: &str,
    kinds: &Kinds,
    diags: &mut Vec<Diagnostic>,
) -> Option<SectorFile> {
    let mut ctx = Ctx { file, text, diags };
    match parse_toml(text, &mut ctx) {
        Ok(root) => sector_body(&root, kinds, &mut ctx),
        Err(lines) => recover(file, text, lines, kinds, ctx.diags),
    }
}

/// After a syntax error: the file read as if corrected (SPEC §5 E003): a line whose slip is
/// recognised replaced by its fix, any other broken entry blanked, so that the problems of
/// the file's other entries — and of the mended lines — are reported too, at their places in
/// the file. A missing key that the blanking took away is no problem of the file. The file is
/// returned (it counts, and the rules across entries check it), marked `partial` when
/// anything was blanked.
fn recover(
    file: usize,
    text: &str,
    mut lines: Vec<Broken>,
    kinds: &Kinds,
    diags: &mut Vec<Diagnostic>,
) -> Option<SectorFile> {
    // The parser does not always go on after an error, and a fix may clash with the rest of
    // the file: the text is parsed again (a few rounds at most), a fix that breaks blanked
    // instead, and the lines the parser had not reached explained.
    let mut rounds = 0;
    let mended = loop {
        let mended = crate::read::syntax::mend(text, &lines);
        let errors = match crate::read::toml_tree::parse(&mended.text) {
            Ok(_) => break mended,
            Err(errors) => errors,
        };
        rounds += 1;
        if rounds > 8 {
            return None;
        }
        let errors: Vec<(Span, &str)> = errors
            .iter()
            .map(|e| (mended.original(&e.span().unwrap_or(0..0)), e.message().trim()))
            .collect();
        let (found, more) = crate::read::syntax::explain_at(text, errors);
        let mut changed = false;
        for broken in &more {
            if let Some(known) = lines.iter_mut().find(|b| b.start == broken.start) {
                // A mended line that still breaks: blanked instead.
                changed |= known.fix.take().is_some();
            }
        }
        let mut fresh: Vec<Broken> = Vec::new();
        for (span, kind) in found {
            let start = text[..span.start.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
            // A line the blanking emptied or already took is no new problem.
            let line = &text[start..];
            let line = &line[..line.find('\n').unwrap_or(line.len())];
            let emptied = mended.text[mended.mended_position(start)..]
                .split('\n')
                .next()
                .is_none_or(|l| l.trim().is_empty());
            if emptied || line.trim().is_empty() || lines.iter().any(|b| b.start == start) {
                continue;
            }
            changed = true;
            diags.push(Diagnostic::new(Place::at(file, span), kind));
            if !fresh.iter().any(|b| b.start == start) {
                let fix = more.iter().find(|b| b.start == start).and_then(|b| b.fix.clone());
                fresh.push(Broken { start, fix });
            }
        }
        lines.extend(fresh);
        if !changed {
            return None;
        }
        lines.sort_unstable_by_key(|b| b.start);
    };
    let root = crate::read::toml_tree::parse(&mended.text).ok()?;
    let mut found = Vec::new();
    let mut sector_file =
        sector_body(&root, kinds, &mut Ctx { file, text: &mended.text, diags: &mut found });
    diags.extend(found.into_iter().filter_map(|mut d| {
        led_back(&mut d, &mended);
        let start = d.place.as_ref().and_then(Place::span).map(|s| s.start);
        let quiet = matches!(d.kind, D::MissingKey { .. })
            && start.is_some_and(|s| mended.quiet.contains(&s));
        (!quiet).then_some(d)
    }));
    if let Some(sector_file) = &mut sector_file {
        sector_file.spans_mut(&mut |span| *span = mended.original(span));
        sector_file.partial = mended.partial;
    }
    sector_file
}

/// A diagnostic found in the mended text, placed in the file's own text.
fn led_back(d: &mut Diagnostic, mended: &crate::read::syntax::Mended) {
    if let Some(Place::Span { span, .. }) = &mut d.place {
        *span = mended.original(span);
    }
    if let D::Duplicate { earlier: Place::Span { span, .. }, .. }
    | D::SameActivity { earlier: Place::Span { span, .. }, .. }
    | D::MetadataConflict { earlier: Place::Span { span, .. }, .. } = &mut d.kind
    {
        *span = mended.original(span);
    }
}

/// A value of the wrong type as it should be written, when what it means is plain:
/// `"15人"` → `15`, `"是"` → `true`, `"台联"` → `["台联"]`, `2021` → `"2021"`.
fn retyped(value: &V<'_>, expected: Expected) -> Option<String> {
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

/// The entries of a parsed sector file.
fn sector_body(root: &Table<'_>, kinds: &Kinds, ctx: &mut Ctx<'_>) -> Option<SectorFile> {
    let mut out = SectorFile::default();
    let mut root_entry = Entry::open(root, 0..0, "file", fields::FILE.keys, ctx);
    if let Some(format) = root_entry.get("format")
        && let Some(value) = root_entry.integer("format", format)
        && value != 1
    {
        root_entry.ctx.report(
            format.span.clone(),
            D::InvalidValue { key: "format".into(), reason: Invalid::Format(value.to_string()) },
        );
    }
    let sector = root_entry.get("sector");
    let value_of = |key: &str| root.get(key);
    let meta = match sector {
        None => {
            ctx.report(0..0, D::MissingKey { key: "[sector]".into(), table: String::new() });
            None
        }
        Some(value) => match &value.value {
            V::Table(table) => sector_meta(table, value.span.clone(), ctx),
            _ => {
                ctx.wrong_type("sector", value, Expected::Table);
                None
            }
        },
    };
    if let Some(value) = value_of("review") {
        for (table, header) in entries("review", value, ctx) {
            out.review.extend(review(table, header, ctx));
        }
    }
    if let Some(value) = value_of("activity") {
        let tables = entries("activity", value, ctx);
        out.activity.reserve_exact(tables.len());
        for (table, header) in tables {
            out.activity.push(activity(table, header, kinds, ctx));
        }
    }
    if let Some(value) = value_of("plan") {
        for (table, header) in entries("plan", value, ctx) {
            out.plan.extend(plan(table, header, kinds, ctx));
        }
    }
    if let Some(value) = value_of("metric") {
        for (table, header) in entries("metric", value, ctx) {
            out.metric.extend(metric(table, header, ctx));
        }
    }
    if let Some(value) = value_of("brand") {
        for (table, header) in entries("brand", value, ctx) {
            out.brand.extend(brand(table, header, ctx));
        }
    }
    if let Some(value) = value_of("member") {
        for (table, header) in entries("member", value, ctx) {
            out.member.extend(member(table, header, ctx));
        }
    }
    out.sector = meta?;
    Some(out)
}

fn sector_meta(table: &Table<'_>, header: Span, ctx: &mut Ctx<'_>) -> Option<SectorMeta> {
    let mut e = Entry::open(table, header.clone(), "[sector]", fields::SECTOR.keys, ctx);
    let name = e.required_name("name");
    let meta = SectorMeta {
        name: name.unwrap_or_default(),
        committee: e.optional_text("committee"),
        convener: e.optional_text("convener"),
        secretary: e.optional_text("secretary"),
        members: e.count("members"),
        header,
    };
    e.complete.then_some(meta)
}

// An entry with a bad required value is kept, marked `broken` and filled with placeholders,
// so that the rules across entries (duplicates, references, partners) still check what it
// does say; the workspace drops broken entries once those rules have run. Only an entry
// without its identity (a plan without `id`, a metric without `year` and `name`, a review
// without `year`) is dropped at once.

fn review(table: &Table<'_>, header: Span, ctx: &mut Ctx<'_>) -> Option<Review> {
    let mut e = Entry::open(table, header, "[[review]]", fields::REVIEW.keys, ctx);
    let year = e.required_year("year");
    let title = e.optional_text("title").map(|s| s.value);
    let summary = e.required_text("summary");
    let highlights = e.plain_list("highlights");
    let shortcomings = e.plain_list("shortcomings");
    let outlook = e.optional_string("outlook").map(|s| s.value);
    let broken = summary.is_none();
    let summary = summary.map(|s| s.value).unwrap_or_default();
    Some(Review { year: year?, title, summary, highlights, shortcomings, outlook, broken })
}

fn activity(table: &Table<'_>, header: Span, kinds: &Kinds, ctx: &mut Ctx<'_>) -> Activity {
    let mut e = Entry::open(table, header.clone(), "[[activity]]", fields::ACTIVITY.keys, ctx);
    let id = e.optional_name("id");
    let date = e.required("date", |e, v| e.date("date", v));
    let end_date = e.optional("end_date", |e, v| e.date("end_date", v));
    let kind = e.required("kind", |e, v| e.kind("kind", v, kinds));
    let title = e.required_text("title");
    let summary = e.optional_string("summary").map(|s| s.value);
    let location = e.optional_string("location").map(|s| s.value);
    let participants = e.count("participants").map(|c| c.value);
    let partners = e.name_list("partners");
    let organizers = e.plain_list("organizers");
    let tags = e.plain_list("tags");
    let outcomes = e.plain_list("outcomes");
    let plan = e.optional_name("plan");
    let brand = e.optional_name("brand");
    let highlight = e.boolean("highlight").unwrap_or(false);
    let note = e.optional_string("note").map(|s| s.value);
    let attendees = e.name_list("attendees");
    let authors = e.name_list("authors");
    let number = e.optional_text("number").map(|s| s.value);
    let status = e.optional_name("status");
    let adoption = e.name_list("adoption");
    let (status, adoption) =
        duties(&mut e, kind.as_ref().map(|k| k.value.0), status, adoption, kinds);
    if let (Some(date), Some(end)) = (&date, &end_date)
        && end.value.first_day() < date.value.first_day()
    {
        let kind = D::EndBeforeStart { date: date.value.to_string(), end: end.value.to_string() };
        e.ctx.report(end.span.clone(), kind);
    }
    let broken = date.is_none() || kind.is_none() || title.is_none();
    let placeholder_date = Date { year: 1900, period: crate::terms::date::Period::Year };
    Activity {
        id,
        date: date.unwrap_or_else(|| Sp::new(placeholder_date, header.clone())),
        end_date,
        kind: kind.unwrap_or_else(|| Sp::new(Kind(0), header.clone())),
        title: title.unwrap_or_else(|| Sp::new(String::new(), header.clone())),
        summary,
        location,
        participants,
        partners,
        organizers,
        tags,
        outcomes,
        plan,
        brand,
        highlight,
        note,
        attendees,
        authors,
        number,
        status,
        adoption,
        header,
        broken,
        file: e.ctx.file,
    }
}

/// The keys of a 提案 or 社情民意 (SPEC §13): E011 on any other kind; the status and the
/// adoption marks checked against their vocabulary (E022). Returns what is kept.
fn duties(
    e: &mut Entry<'_, '_, '_, '_>,
    kind: Option<usize>,
    status: Option<Sp<String>>,
    adoption: Vec<Sp<String>>,
    kinds: &Kinds,
) -> (Option<Sp<String>>, Vec<Sp<String>>) {
    let Some(kind) = kind else { return (status, adoption) };
    let allowed: &[&str] = match kind {
        PROPOSAL => &["authors", "number", "status"],
        OPINION => &["authors", "number", "status", "adoption"],
        _ => &[],
    };
    for key in ["authors", "number", "status", "adoption"] {
        if allowed.contains(&key) {
            continue;
        }
        if let Some((name, _)) = e.table.entries.iter().find(|(k, _)| k.value == key) {
            let kind = D::UnknownKey { key: key.to_string(), suggestion: None };
            e.ctx.report(name.span.clone(), kind);
        }
    }
    if kind != PROPOSAL && kind != OPINION {
        return (None, Vec::new());
    }
    let (own, other): (&[&str], &[&str]) = if kind == PROPOSAL {
        (&PROPOSAL_STATUSES, &OPINION_STATUSES)
    } else {
        (&OPINION_STATUSES, &PROPOSAL_STATUSES)
    };
    let status = status.filter(|status| {
        let word = status.value.trim();
        if own.contains(&word) {
            return true;
        }
        let wrong_kind = other.contains(&word).then(|| kinds.name(kind).to_string());
        let kind_d = D::UnknownTerm {
            key: "status".into(),
            word: word.to_string(),
            kind: wrong_kind,
            suggestion: closest(word, own.iter().copied()),
        };
        e.ctx.report(status.span.clone(), kind_d);
        false
    });
    let adoption = if kind == OPINION {
        adoption
            .into_iter()
            .filter(|mark| {
                let word = mark.value.trim();
                if kinds.marks.iter().any(|m| m == word) {
                    return true;
                }
                let kind_d = D::UnknownTerm {
                    key: "adoption".into(),
                    word: word.to_string(),
                    kind: None,
                    suggestion: closest(word, kinds.marks.iter().map(String::as_str)),
                };
                e.ctx.report(mark.span.clone(), kind_d);
                false
            })
            .collect()
    } else {
        Vec::new()
    };
    (status, adoption)
}

fn plan(table: &Table<'_>, header: Span, kinds: &Kinds, ctx: &mut Ctx<'_>) -> Option<Plan> {
    let mut e = Entry::open(table, header.clone(), "[[plan]]", fields::PLAN.keys, ctx);
    let id = e.required_name("id");
    let year = e.required_year("year");
    let title = e.required_text("title");
    let kind = e.optional("kind", |e, v| e.kind("kind", v, kinds)).map(|k| k.value);
    let detail = e.optional_string("detail").map(|s| s.value);
    let tags = e.plain_list("tags");
    let broken = year.is_none() || title.is_none();
    Some(Plan {
        id: id?,
        year: year.unwrap_or_else(|| Sp::new(1900, header)),
        title: title.map(|t| t.value).unwrap_or_default(),
        kind,
        detail,
        tags,
        broken,
    })
}

fn metric(table: &Table<'_>, header: Span, ctx: &mut Ctx<'_>) -> Option<Metric> {
    let mut e = Entry::open(table, header, "[[metric]]", fields::METRIC.keys, ctx);
    let year = e.required_year("year");
    let name = e.required_name("name");
    let value = e.required("value", |e, v| e.number("value", v, false));
    let unit = e.optional_string("unit").map(|s| s.value);
    let target = e.optional("target", |e, v| e.number("target", v, true));
    let note = e.optional_string("note").map(|s| s.value);
    let broken = value.is_none();
    let value = value.unwrap_or(Number::int(0));
    Some(Metric { year: year?, name: name?, value, unit, target, note, broken })
}

fn brand(table: &Table<'_>, header: Span, ctx: &mut Ctx<'_>) -> Option<Brand> {
    let mut e = Entry::open(table, header, "[[brand]]", fields::BRAND.keys, ctx);
    let name = e.required_name("name");
    let since = e.optional("since", |e, v| e.year("since", v)).map(|y| y.value);
    let summary = e.optional_string("summary").map(|s| s.value);
    Some(Brand { name: name?, since, summary })
}

fn member(table: &Table<'_>, header: Span, ctx: &mut Ctx<'_>) -> Option<Member> {
    let mut e = Entry::open(table, header, "[[member]]", fields::MEMBER.keys, ctx);
    let name = e.required_name("name");
    let role = e.optional_name("role").filter(|role| {
        let word = role.value.trim();
        if ROLES.contains(&word) {
            return true;
        }
        let kind = D::UnknownTerm {
            key: "role".into(),
            word: word.to_string(),
            kind: None,
            suggestion: closest(word, ROLES.iter().copied()),
        };
        e.ctx.report(role.span.clone(), kind);
        false
    });
    let unit = e.optional_string("unit").map(|s| s.value);
    let from = e.optional("from", |e, v| e.year("from", v));
    let to = e.optional("to", |e, v| e.year("to", v));
    if let (Some(from), Some(to)) = (&from, &to)
        && to.value < from.value
    {
        let kind = D::EndBeforeStart { date: from.value.to_string(), end: to.value.to_string() };
        e.ctx.report(to.span.clone(), kind);
    }
    let name = name?;
    let name = Sp::new(name.value.trim().to_string(), name.span);
    let role = role.map(|r| Sp::new(r.value.trim().to_string(), r.span));
    Some(Member { name, role, unit, from: from.map(|y| y.value), to: to.map(|y| y.value) })
}

/// Reads `jiebie.toml`, and adds its extra kinds to `kinds`.
pub fn config(file: usize, text: &str, kinds: &mut Kinds, diags: &mut Vec<Diagnostic>) -> Config {
    let mut ctx = Ctx { file, text, diags };
    let Ok(root) = parse_toml(text, &mut ctx) else { return Config::default() };
    let mut e = Entry::open(&root, 0..0, "jiebie.toml", Config::KEYS, &mut ctx);
    let mut config = Config {
        organization: e.optional_text("organization").map(|s| s.value),
        title: e.optional_text("title").map(|s| s.value),
        ..Config::default()
    };
    config.sectors = e.name_list("sectors");
    let mut first_of: crate::HashMap<&str, &Sp<String>> = crate::HashMap::default();
    for sector in &config.sectors {
        if let Some(first) = first_of.get(sector.value.as_str()).copied() {
            let earlier = Place::at(file, first.span.clone());
            let kind = D::Duplicate {
                what: Duplicated::Sector,
                name: sector.value.clone(),
                earlier,
                copies: None,
            };
            e.ctx.report(sector.span.clone(), kind);
        } else {
            first_of.insert(&sector.value, sector);
        }
    }
    if let Some(value) = e.get("aliases") {
        match &value.value {
            V::Table(table) => {
                let trimmed: crate::HashSet<&str> =
                    config.sectors.iter().map(|s| s.value.trim()).collect();
                let configured = |name: &str| trimmed.contains(name);
                for (alias, target) in &table.entries {
                    let Some(target) = e.name("aliases", target) else { continue };
                    let name = target.value.trim();
                    // An alias must lead to a sector of the registry and must not hide one.
                    let reason = if configured(alias.value.trim()) {
                        Some((
                            alias.span.clone(),
                            Invalid::AliasHidesSector(alias.value.to_string()),
                        ))
                    } else if !config.sectors.is_empty() && !configured(name) {
                        Some((target.span.clone(), Invalid::AliasTarget(name.to_string())))
                    } else {
                        None
                    };
                    if let Some((span, reason)) = reason {
                        e.ctx.report(span, D::InvalidValue { key: "aliases".into(), reason });
                        continue;
                    }
                    config
                        .aliases
                        .push((Sp::new(alias.value.to_string(), alias.span.clone()), target.value));
                }
            }
            _ => e.ctx.wrong_type("aliases", value, Expected::Table),
        }
    }
    if let Some(value) = e.get("kinds") {
        match &value.value {
            V::Table(table) => {
                for (kind, aliases) in &table.entries {
                    let name = Sp::new(kind.value.to_string(), kind.span.clone());
                    let aliases = match &aliases.value {
                        V::Array(_) => {
                            let mut inner = Entry {
                                table,
                                header: 0..0,
                                name: "[kinds]",
                                ctx: e.ctx,
                                complete: true,
                                misspelt: Vec::new(),
                            };
                            inner.list(&kind.value)
                        }
                        _ => {
                            e.ctx.wrong_type(&kind.value, aliases, Expected::StringList);
                            Vec::new()
                        }
                    };
                    // A built-in alias named as a kind of its own becomes one (SPEC §2.5's own
                    // example: 读书, an alias of 学习); a kind's name stays taken.
                    kinds.free_alias(&name.value);
                    if !kinds.add(&name.value, std::iter::empty()) {
                        let reason = Invalid::KindTaken(name.value.clone());
                        e.ctx.report(
                            name.span.clone(),
                            D::InvalidValue { key: "kinds".into(), reason },
                        );
                        continue;
                    }
                    let id = kinds.len() - 1;
                    for alias in &aliases {
                        if kinds.resolve(&alias.value).is_some() {
                            let reason = Invalid::KindTaken(alias.value.clone());
                            e.ctx.report(
                                alias.span.clone(),
                                D::InvalidValue { key: "kinds".into(), reason },
                            );
                        } else {
                            kinds.add_alias(id, &alias.value);
                        }
                    }
                    config.kinds.push((name, aliases));
                }
            }
            _ => e.ctx.wrong_type("kinds", value, Expected::Table),
        }
    }
    if let Some(value) = e.get("document") {
        match &value.value {
            V::Table(table) => config.document = document(table, e.ctx),
            _ => e.ctx.wrong_type("document", value, Expected::Table),
        }
    }
    if let Some(value) = e.get("vocabulary") {
        match &value.value {
            V::Table(table) => {
                let mut v = Entry::open(table, 0..0, "[vocabulary]", Vocabulary::KEYS, e.ctx);
                for mark in v.name_list("adoption") {
                    let word = mark.value.trim().to_string();
                    if !kinds.marks.contains(&word) {
                        kinds.marks.push(word.clone());
                        config.vocabulary.adoption.push(word);
                    }
                }
            }
            _ => e.ctx.wrong_type("vocabulary", value, Expected::Table),
        }
    }
    if let Some(value) = e.get("counting") {
        match &value.value {
            V::Table(table) => config.counting = counting(table, e.ctx),
            _ => e.ctx.wrong_type("counting", value, Expected::Table),
        }
    }
    if let Some(value) = e.get("scoring") {
        match &value.value {
            V::Table(table) => config.scoring = Some(scoring(table, kinds, e.ctx)),
            _ => e.ctx.wrong_type("scoring", value, Expected::Table),
        }
    }
    config
}

/// `[counting]` of `jiebie.toml`: the first day of each counting year ("MM-DD") and the
/// statuses that count.
fn counting(table: &Table<'_>, ctx: &mut Ctx<'_>) -> Counting {
    let mut e = Entry::open(table, 0..0, "[counting]", Counting::KEYS, ctx);
    let mut out = Counting::default();
    for (key, slot) in [("proposals_from", 0), ("opinions_from", 1)] {
        let Some(text) = e.optional_text(key) else { continue };
        match month_day(text.value.trim()) {
            Some(day) if slot == 0 => out.proposals_from = day,
            Some(day) => out.opinions_from = day,
            None => {
                let reason = Invalid::MonthDay(text.value.clone());
                e.ctx.report(text.span, D::InvalidValue { key: key.to_string(), reason });
            }
        }
    }
    for (key, vocabulary) in
        [("proposals_status", &PROPOSAL_STATUSES[..]), ("opinions_status", &OPINION_STATUSES[..])]
    {
        if e.get(key).is_none() {
            continue;
        }
        let mut kept = Vec::new();
        for word in e.name_list(key) {
            let text = word.value.trim();
            if vocabulary.contains(&text) {
                kept.push(text.to_string());
            } else {
                let kind = D::UnknownTerm {
                    key: key.to_string(),
                    word: text.to_string(),
                    kind: None,
                    suggestion: closest(text, vocabulary.iter().copied()),
                };
                e.ctx.report(word.span, kind);
            }
        }
        if key == "proposals_status" {
            out.proposals_status = kept;
        } else {
            out.opinions_status = kept;
        }
    }
    out
}

/// "12-01" as (12, 1): a day that every year has (not 02-29).
fn month_day(text: &str) -> Option<(u8, u8)> {
    let (month, day) = text.split_once('-')?;
    let (month, day): (u8, u8) = (month.parse().ok()?, day.parse().ok()?);
    let last = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    ((1..=12).contains(&month) && day >= 1 && day <= last[usize::from(month) - 1])
        .then_some((month, day))
}

/// `[scoring]` of `jiebie.toml`: points per attendance of a kind, per authorship, per mark.
fn scoring(table: &Table<'_>, kinds: &Kinds, ctx: &mut Ctx<'_>) -> Scoring {
    let mut out = Scoring::default();
    let mut e =
        Entry { table, header: 0..0, name: "[scoring]", ctx, complete: true, misspelt: Vec::new() };
    for (key, value) in &table.entries {
        let name = key.value.trim();
        let Some(points) = e.number(name, value, true) else { continue };
        match name {
            "proposal_first" => out.proposal_first = Some(points),
            "proposal_joint" => out.proposal_joint = Some(points),
            "opinion_first" => out.opinion_first = Some(points),
            "opinion_joint" => out.opinion_joint = Some(points),
            _ => {
                if let Some(kind) = kinds.resolve(name) {
                    out.kinds.push((kind, points));
                } else if kinds.marks.iter().any(|m| m == name) {
                    out.marks.push((name.to_string(), points));
                } else {
                    let mut candidates: Vec<&str> = Scoring::KEYS.to_vec();
                    candidates.extend(kinds.marks.iter().map(String::as_str));
                    let suggestion =
                        kinds.suggest(name).or_else(|| closest(name, candidates.into_iter()));
                    e.ctx.report(
                        key.span.clone(),
                        D::UnknownKey { key: name.to_string(), suggestion },
                    );
                }
            }
        }
    }
    out
}

/// `[document]` of `jiebie.toml`: font names (not blank) and sizes in points (5–72).
fn document(table: &Table<'_>, ctx: &mut Ctx<'_>) -> WordStyle {
    let mut e = Entry::open(table, 0..0, "[document]", WordStyle::KEYS, ctx);
    let font = |e: &mut Entry<'_, '_, '_, '_>, key: &str| e.optional_text(key).map(|s| s.value);
    let size = |e: &mut Entry<'_, '_, '_, '_>, key: &str| {
        e.optional(key, |e, v| {
            let points = e.number(key, v, false)?.as_f64();
            if !WordStyle::SIZES.contains(&points) {
                let reason = Invalid::FontSize(points.to_string());
                e.ctx.report(v.span.clone(), D::InvalidValue { key: key.to_string(), reason });
                return None;
            }
            Some(points)
        })
    };
    WordStyle {
        title_font: font(&mut e, "title_font"),
        body_font: font(&mut e, "body_font"),
        heading1_font: font(&mut e, "heading1_font"),
        heading2_font: font(&mut e, "heading2_font"),
        heading3_font: font(&mut e, "heading3_font"),
        heading4_font: font(&mut e, "heading4_font"),
        table_font: font(&mut e, "table_font"),
        title_size: size(&mut e, "title_size"),
        body_size: size(&mut e, "body_size"),
        table_size: size(&mut e, "table_size"),
        members: e.boolean("members"),
        chart: e.boolean("chart"),
    }
}
