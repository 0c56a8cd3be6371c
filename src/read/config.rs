//! `jiebie.toml`, checked key by key like a sector file: the registry, aliases, kinds,
//! `[document]`, `[counting]`, `[scoring]` and `[vocabulary]`.

use crate::diagnostic::{Diagnostic, Duplicated, Expected, Invalid, Kind as D, Place};
use crate::read::entry::{Ctx, Entry, parse_toml};
use crate::read::schema::{Config, Counting, Scoring, Sp, Vocabulary, WordStyle};
use crate::read::toml_tree::{Table, Value as V};
use crate::terms::vocabulary::{Kinds, OPINION_STATUSES, PROPOSAL_STATUSES, closest};

/// Reads `jiebie.toml`, and adds its extra kinds to `kinds`.
pub fn config(file: usize, text: &str, kinds: &mut Kinds, diags: &mut Vec<Diagnostic>) -> Config {
    let mut ctx = Ctx { file, text, diags };
    let Ok((root, _)) = parse_toml(text, None, &mut ctx) else { return Config::default() };
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
