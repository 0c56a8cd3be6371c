//! From a file's text to the typed entries of `schema`: every key checked, every problem of
//! every entry reported (an entry with a bad value does not hide the next one).

use crate::diagnostic::source::Span;
use crate::diagnostic::{Diagnostic, Duplicated, Expected, Invalid, Kind as D, Place};
use crate::read::schema::{
    Activity, Brand, Config, Kind, Metric, Number, Plan, Review, SectorFile, SectorMeta, Sp,
    WordStyle,
};
use crate::read::toml_tree::{Item, Table, Value as V};
use crate::terms::date::{Date, DateError};
use crate::terms::fields;
use crate::terms::vocabulary::{Kinds, PLACEHOLDERS, closest, english_key, english_table};
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

    fn wrong_type(&mut self, key: &str, value: &Value<'_>, expected: Expected) {
        let found = value.value.type_str().to_string();
        self.report(value.span.clone(), D::WrongType { key: key.to_string(), expected, found });
    }
}

/// Parses the TOML syntax; on failure reports every syntax error (E003, one per line) and
/// returns the starts of the lines that hold them.
fn parse_toml<'i>(text: &'i str, ctx: &mut Ctx<'_>) -> Result<Table<'i>, Vec<usize>> {
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
}

impl<'a, 'i, 'c, 'd> Entry<'a, 'i, 'c, 'd> {
    fn open(
        table: &'a Table<'i>,
        header: Span,
        name: &'static str,
        keys: &[&str],
        ctx: &'c mut Ctx<'d>,
    ) -> Self {
        for (key, _) in &table.entries {
            if !keys.contains(&key.value.as_ref()) {
                let suggestion = english_key(&key.value, keys)
                    .or_else(|| english_table(&key.value).filter(|t| keys.contains(t)))
                    .map(str::to_string)
                    .or_else(|| closest(&key.value, keys.iter().copied()));
                ctx.report(
                    key.span.clone(),
                    D::UnknownKey { key: key.value.to_string(), suggestion },
                );
            }
        }
        Entry { table, header, name, ctx, complete: true }
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
            self.ctx.report(span, D::MissingKey { key: key.to_string(), table });
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
                _ => self.ctx.wrong_type(key, item, Expected::StringList),
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
            V::Integer(..) => Number::Int(self.integer(key, value)?),
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
        Err(lines) => {
            recover(file, text, &lines, kinds, ctx.diags);
            None
        }
    }
}

/// After a syntax error: the file read again with its broken entries blanked (SPEC §5 E003),
/// so that the problems of its other entries are reported too. Nothing of it is used beyond
/// its diagnostics (the entries left out would make false alarms across the sector), and a
/// missing key that the blanking took away is no problem of the file.
fn recover(file: usize, text: &str, lines: &[usize], kinds: &Kinds, diags: &mut Vec<Diagnostic>) {
    // The parser does not always go on after an error: the lines it did not reach may hold
    // more, found by parsing again (a few rounds at most).
    let mut lines = lines.to_vec();
    let mut rounds = 0;
    let (blanked, quiet) = loop {
        let (blanked, quiet) = crate::read::syntax::blanked(text, &lines);
        let errors = match crate::read::toml_tree::parse(&blanked) {
            Ok(_) => break (blanked, quiet),
            Err(errors) => errors,
        };
        rounds += 1;
        let (found, more) = crate::read::syntax::explain(text, &errors);
        let mut fresh = false;
        for ((span, kind), line) in found.into_iter().zip(more) {
            // A line the blanking emptied or already took is no new problem.
            let emptied = blanked[line..].split('\n').next().is_none_or(|l| l.trim().is_empty());
            if emptied || lines.contains(&line) {
                continue;
            }
            fresh = true;
            diags.push(Diagnostic::new(Place::at(file, span), kind));
            lines.push(line);
        }
        if !fresh || rounds >= 8 {
            return;
        }
        lines.sort_unstable();
    };
    let Ok(root) = crate::read::toml_tree::parse(&blanked) else { return };
    let mut found = Vec::new();
    sector_body(&root, kinds, &mut Ctx { file, text, diags: &mut found });
    diags.extend(found.into_iter().filter(|d| {
        let start = d.place.as_ref().and_then(Place::span).map(|s| s.start);
        !(matches!(d.kind, D::MissingKey { .. }) && start.is_some_and(|s| quiet.contains(&s)))
    }));
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
        header,
        broken,
        file: e.ctx.file,
    }
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
    let value = value.unwrap_or(Number::Int(0));
    Some(Metric { year: year?, name: name?, value, unit, target, note, broken })
}

fn brand(table: &Table<'_>, header: Span, ctx: &mut Ctx<'_>) -> Option<Brand> {
    let mut e = Entry::open(table, header, "[[brand]]", fields::BRAND.keys, ctx);
    let name = e.required_name("name");
    let since = e.optional("since", |e, v| e.year("since", v)).map(|y| y.value);
    let summary = e.optional_string("summary").map(|s| s.value);
    Some(Brand { name: name?, since, summary })
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
    config
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
        chart: e.boolean("chart"),
    }
}
