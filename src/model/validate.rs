//! The rules that look across the entries of a merged sector (SPEC §2.4, §5): duplicates,
//! references, partners, dates and reviews. One function per rule, each adding diagnostics.

use chrono::NaiveDate;

use crate::HashMap;
use crate::diagnostic::source::Span;
use crate::diagnostic::{Diagnostic, Duplicated, Kind, Place};
use crate::model::sector::Sector;
use crate::terms::vocabulary::{Registry, closest};

/// Every cross-entry rule for one sector.
pub fn sector(sector: &Sector, registry: &Registry, today: NaiveDate, diags: &mut Vec<Diagnostic>) {
    duplicates(sector, diags);
    references(sector, diags);
    partners(sector, registry, diags);
    future_dates(sector, today, diags);
    reviews(sector, diags);
    same_activities(sector, diags);
    attendance(sector, diags);
}

/// E013 when `[sector] members = N` differs from the roster's count for the sector's latest
/// year (of its activities, reviews and metrics; the current roster when it has none).
pub fn members_count(sector: &Sector, place: Place, diags: &mut Vec<Diagnostic>) {
    let Some(members) = sector.members() else { return };
    if sector.roster.is_empty() {
        return;
    }
    let activities = sector.activities.iter().chain(sector.unmerged.iter().flatten());
    let years = activities
        .filter(|a| !a.broken)
        .map(|a| a.date.value.year)
        .chain(sector.reviews.iter().map(|r| r.year.value))
        .chain(sector.metrics.iter().map(|m| m.year.value));
    let roster = match years.max() {
        Some(year) => (year, sector.members_in(year).count() as u64),
        None => {
            let to = sector.roster.iter().filter_map(|m| m.from).max().unwrap_or(0);
            (to, sector.roster.iter().filter(|m| m.to.is_none()).count() as u64)
        }
    };
    if roster.1 != members {
        let kind = Kind::MembersCount { members, roster: roster.1, year: roster.0 };
        diags.push(Diagnostic::new(place, kind));
    }
}

/// W114 where `participants` is smaller than the attendees listed.
fn attendance(sector: &Sector, diags: &mut Vec<Diagnostic>) {
    for activity in sector.activities.iter().filter(|a| !a.broken) {
        let attendees = distinct(&activity.attendees);
        if let Some(participants) = activity.participants
            && (participants as u128) < attendees as u128
        {
            let kind = Kind::FewerParticipants { participants, attendees };
            let span = activity.attendees.first().map_or(&activity.header, |a| &a.span);
            diags.push(Diagnostic::new(activity.place(span), kind));
        }
    }
}

/// How many different names a list holds.
pub fn distinct(names: &[crate::read::schema::Sp<String>]) -> usize {
    let mut seen: Vec<&str> = names.iter().map(|n| n.value.trim()).collect();
    seen.sort_unstable();
    seen.dedup();
    seen.len()
}

/// W113 for an attendee or author who is on the roster of neither the activity's sector nor
/// one of its partners for the activity's year, when the sector has a roster. Runs once every
/// sector is finished (partners resolved to canonical names).
pub fn rosters(sectors: &[Sector], registry: &Registry, diags: &mut Vec<Diagnostic>) {
    let by_name: HashMap<&str, &Sector> = sectors.iter().map(|s| (s.name.as_str(), s)).collect();
    for sector in sectors.iter().filter(|s| !s.roster.is_empty()) {
        for activity in &sector.activities {
            let year = activity.date.value.year;
            let partners: Vec<&Sector> = activity
                .partners
                .iter()
                .filter_map(|p| registry.resolve_partner(&p.value))
                .filter_map(|name| by_name.get(name).copied())
                .collect();
            for name in activity.attendees.iter().chain(&activity.authors) {
                let word = name.value.trim();
                if sector.has_member(word, year)
                    || partners.iter().any(|p| p.has_member(word, year))
                {
                    continue;
                }
                let candidates = sector
                    .members_in(year)
                    .chain(partners.iter().flat_map(|p| p.members_in(year)))
                    .map(|m| m.name.value.as_str());
                let kind = Kind::NotOnRoster {
                    name: word.to_string(),
                    sector: sector.name.clone(),
                    year,
                    suggestion: closest(word, candidates),
                };
                diags.push(Diagnostic::new(activity.place(&name.span), kind));
            }
        }
    }
}

/// E030 at the later of two entries with the same key, naming the earlier; `describe` words
/// the key for the message.
fn unique<'a, K: Eq + std::hash::Hash>(
    entries: impl Iterator<Item = (usize, K, &'a Span)>,
    what: Duplicated,
    describe: impl Fn(&K) -> String,
    diags: &mut Vec<Diagnostic>,
) {
    let mut seen: HashMap<K, (usize, &Span)> = HashMap::default();
    for (file, key, span) in entries {
        match seen.get(&key) {
            Some(&(first_file, first_span)) => {
                let earlier = Place::at(first_file, first_span.clone());
                let kind = Kind::Duplicate { what, name: describe(&key), earlier, copies: None };
                diags.push(Diagnostic::new(Place::at(file, span.clone()), kind));
            }
            None => {
                seen.insert(key, (file, span));
            }
        }
    }
}

fn duplicates(sector: &Sector, diags: &mut Vec<Diagnostic>) {
    let text = |k: &&str| k.to_string();
    let ids = sector
        .activities
        .iter()
        .filter_map(|a| a.id.as_ref().map(|id| (a.file, id.value.as_str(), &id.span)));
    unique(ids, Duplicated::ActivityId, text, diags);
    let plans = sector.plans.iter().map(|p| (p.file, p.id.value.as_str(), &p.id.span));
    unique(plans, Duplicated::PlanId, text, diags);
    let brands = sector.brands.iter().map(|b| (b.file, b.name.value.as_str(), &b.name.span));
    unique(brands, Duplicated::BrandName, text, diags);
    let metrics = sector
        .metrics
        .iter()
        .map(|m| (m.file, (m.year.value, m.name.value.as_str()), &m.name.span));
    unique(metrics, Duplicated::Metric, |(year, name)| format!("{year} {name}"), diags);
    let reviews = sector.reviews.iter().map(|r| (r.file, r.year.value, &r.year.span));
    unique(reviews, Duplicated::ReviewYear, u16::to_string, diags);
    let members = sector.roster.iter().map(|m| (m.file, m.name.value.as_str(), &m.name.span));
    unique(members, Duplicated::Member, text, diags);
}

/// E031 for `plan`/`brand` naming nothing in the sector; W105 for a plan of another year.
fn references(sector: &Sector, diags: &mut Vec<Diagnostic>) {
    for activity in &sector.activities {
        if let Some(plan) = &activity.plan {
            match sector.plans.iter().find(|p| p.id.value == plan.value) {
                Some(found)
                    if !activity.broken
                        && !found.broken
                        && found.year.value != activity.date.value.year =>
                {
                    let kind = Kind::PlanOtherYear {
                        plan: plan.value.clone(),
                        plan_year: found.year.value,
                        year: activity.date.value.year,
                    };
                    diags.push(Diagnostic::new(activity.place(&plan.span), kind));
                }
                Some(_) => {}
                None if sector.partial => {}
                None => {
                    let suggestion =
                        closest(&plan.value, sector.plans.iter().map(|p| p.id.value.as_str()));
                    let kind = Kind::UnresolvedPlan { id: plan.value.clone(), suggestion };
                    diags.push(Diagnostic::new(activity.place(&plan.span), kind));
                }
            }
        }
        if let Some(brand) = &activity.brand {
            let known = sector.brands.iter().any(|b| b.name.value == brand.value);
            if !known && !sector.partial {
                let suggestion =
                    closest(&brand.value, sector.brands.iter().map(|b| b.name.value.as_str()));
                let kind = Kind::UnresolvedBrand { name: brand.value.clone(), suggestion };
                diags.push(Diagnostic::new(activity.place(&brand.span), kind));
            }
        }
    }
}

/// W101 for a partner that is no known sector, W102 for the sector itself.
fn partners(sector: &Sector, registry: &Registry, diags: &mut Vec<Diagnostic>) {
    for activity in &sector.activities {
        for partner in &activity.partners {
            let kind = match registry.resolve_partner(&partner.value) {
                Some(name) if name == sector.name => {
                    Kind::SelfPartner { name: sector.name.clone() }
                }
                Some(_) => continue,
                None => Kind::UnknownPartner {
                    name: partner.value.clone(),
                    suggestion: registry.suggest(&partner.value),
                },
            };
            diags.push(Diagnostic::new(activity.place(&partner.span), kind));
        }
    }
}

/// W103 for an activity dated after today.
fn future_dates(sector: &Sector, today: NaiveDate, diags: &mut Vec<Diagnostic>) {
    for activity in sector.activities.iter().filter(|a| !a.broken) {
        if activity.date.value.first_day() > today {
            let kind = Kind::FutureDate {
                date: activity.date.value.to_string(),
                today: today.to_string(),
            };
            diags.push(Diagnostic::new(activity.place(&activity.date.span), kind));
        }
    }
}

/// W104 at the first activity of a year that has no `[[review]]`.
fn reviews(sector: &Sector, diags: &mut Vec<Diagnostic>) {
    if sector.partial {
        return;
    }
    let mut reported = Vec::new();
    for activity in sector.activities.iter().filter(|a| !a.broken) {
        let year = activity.date.value.year;
        if reported.contains(&year) || sector.reviews.iter().any(|r| r.year.value == year) {
            continue;
        }
        reported.push(year);
        let kind = Kind::NoReview { sector: sector.name.clone(), year };
        diags.push(Diagnostic::new(activity.place(&activity.date.span), kind));
    }
}

/// W106 at the later of two activities with the same date and title.
fn same_activities(sector: &Sector, diags: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<(crate::terms::date::Date, &str), &crate::read::schema::Activity> =
        HashMap::default();
    for activity in sector.activities.iter().filter(|a| !a.broken) {
        let key = (activity.date.value, activity.title.value.trim());
        if let Some(first) = seen.get(&key) {
            let kind = Kind::SameActivity {
                title: activity.title.value.clone(),
                date: activity.date.value.to_string(),
                earlier: first.place(&first.title.span),
            };
            diags.push(Diagnostic::new(activity.place(&activity.title.span), kind));
        } else {
            seen.insert(key, activity);
        }
    }
}
