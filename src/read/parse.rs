//! From a file's text to the typed entries of `schema`: every key checked, every problem of
//! every entry reported (an entry with a bad value does not hide the next one).

use crate::diagnostic::source::Span;
use crate::diagnostic::{Diagnostic, Expected, Invalid, Kind as D, Place};
use crate::read::entry::{Ctx, Entry, Value, parse_toml};
use crate::read::schema::{
    Activity, Brand, Kind, Member, Metric, Number, Plan, ROLES, Review, SectorFile, SectorMeta, Sp,
};
use crate::read::syntax::Broken;
use crate::read::toml_tree::{Table, Value as V};
use crate::terms::date::Date;
use crate::terms::fields;
use crate::terms::vocabulary::{
    Kinds, OPINION, OPINION_STATUSES, PROPOSAL, PROPOSAL_STATUSES, closest,
};

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
    // The activities, each read as soon as the quick parse completes its table (SPEC §7: the
    // tables of a million activities never exist at once), their problems set apart until
    // the quick parse is known to have read the whole file. The capacity is a hint: the
    // headers as they are usually written.
    let mut activities = Vec::with_capacity(text.matches("[[activity]]").count());
    let mut found = Vec::new();
    let mut read = |table: Table<'_>, header: Span| {
        let mut ctx = Ctx { file, text, diags: &mut found };
        activities.push(activity(&table, header, kinds, &mut ctx));
    };
    let mut ctx = Ctx { file, text, diags };
    match parse_toml(text, Some(("activity", &mut read)), &mut ctx) {
        Ok((root, true)) => {
            ctx.diags.append(&mut found);
            sector_body(&root, kinds, activities, &mut ctx)
        }
        Ok((root, false)) => {
            drop(activities);
            sector_body(&root, kinds, Vec::new(), &mut ctx)
        }
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
    let mut sector_file = sector_body(
        &root,
        kinds,
        Vec::new(),
        &mut Ctx { file, text: &mended.text, diags: &mut found },
    );
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
/// The entries of a parsed sector file, after the `activities` already read from it.
fn sector_body(
    root: &Table<'_>,
    kinds: &Kinds,
    activities: Vec<Activity>,
    ctx: &mut Ctx<'_>,
) -> Option<SectorFile> {
    let mut out = SectorFile { activity: activities, ..SectorFile::default() };
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
    // Each list given exactly the room it needs (pushing one entry makes room for four).
    if let Some(value) = value_of("review") {
        let tables = entries("review", value, ctx);
        out.review.reserve_exact(tables.len());
        for (table, header) in tables {
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
        let tables = entries("plan", value, ctx);
        out.plan.reserve_exact(tables.len());
        for (table, header) in tables {
            out.plan.extend(plan(table, header, kinds, ctx));
        }
    }
    if let Some(value) = value_of("metric") {
        let tables = entries("metric", value, ctx);
        out.metric.reserve_exact(tables.len());
        for (table, header) in tables {
            out.metric.extend(metric(table, header, ctx));
        }
    }
    if let Some(value) = value_of("brand") {
        let tables = entries("brand", value, ctx);
        out.brand.reserve_exact(tables.len());
        for (table, header) in tables {
            out.brand.extend(brand(table, header, ctx));
        }
    }
    if let Some(value) = value_of("member") {
        let tables = entries("member", value, ctx);
        out.member.reserve_exact(tables.len());
        for (table, header) in tables {
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
        id: id.map(Box::new),
        date: date.unwrap_or_else(|| Sp::new(placeholder_date, header.clone())),
        end_date: end_date.map(Box::new),
        kind: kind.unwrap_or_else(|| Sp::new(Kind(0), header.clone())),
        title: title.unwrap_or_else(|| Sp::new(String::new(), header.clone())),
        summary: summary.map(String::into_boxed_str),
        location: location.map(String::into_boxed_str),
        participants,
        partners: partners.into(),
        organizers: organizers.into(),
        tags: tags.into(),
        outcomes: outcomes.into(),
        plan: plan.map(Box::new),
        brand: brand.map(Box::new),
        highlight,
        note: note.map(String::into_boxed_str),
        attendees: attendees.into(),
        authors: authors.into(),
        number: number.map(String::into_boxed_str),
        status: status.map(Box::new),
        adoption: adoption.into(),
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
