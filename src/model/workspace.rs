//! The merged, validated workspace every command starts from: the files of one sector joined
//! into one `Sector` (SPEC §2.4), sectors in the official order, entries in a stable order,
//! and every diagnostic of the run, sorted.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::HashMap;
use crate::diagnostic::source::Source;
use crate::diagnostic::{Diagnostic, Kind, Place, Severity};
use crate::error::Error;
use crate::model::sector::{Located, Metadata, Sector};
use crate::model::validate;
use crate::read::loader::{self, Loaded};
use crate::read::schema::{Activity, Counting, Scoring, SectorFile, Sp, WordStyle};
use crate::terms::date::Date;
use crate::terms::vocabulary::{Kinds, Registry, closest};

pub struct Workspace {
    pub sources: Vec<Source>,
    /// Every problem found, sorted by file, line, column and code.
    pub diagnostics: Vec<Diagnostic>,
    pub organization: Option<String>,
    pub title: Option<String>,
    /// `[document]` of `jiebie.toml`: the Word document's fonts and sizes.
    pub word_style: WordStyle,
    /// `[counting]` of `jiebie.toml`: when a 提案 or 社情民意 counts for a year.
    pub counting: Counting,
    /// `[scoring]` of `jiebie.toml`: the member table's points (no table, no score).
    pub scoring: Option<Scoring>,
    pub kinds: Kinds,
    pub registry: Registry,
    /// The sectors in the official order.
    pub sectors: Vec<Sector>,
    /// The configured `sectors` of jiebie.toml, each once, with its place there (for W108).
    pub configured: Vec<(String, Place)>,
    pub file_count: usize,
    pub activity_count: usize,
}

impl Workspace {
    /// Reads, merges and validates the workspace under `paths`.
    pub fn load(
        paths: &[PathBuf],
        config: Option<&Path>,
        today: NaiveDate,
    ) -> Result<Workspace, Error> {
        Ok(Workspace::from_loaded(loader::load(paths, config, None)?, today))
    }

    /// The workspace as it would be with `replace` written.
    pub fn load_replacing(
        paths: &[PathBuf],
        config: Option<&Path>,
        today: NaiveDate,
        replace: loader::Replacement<'_>,
    ) -> Result<Workspace, Error> {
        Ok(Workspace::from_loaded(loader::load(paths, config, replace)?, today))
    }

    /// A workspace of files held in memory, as (path, bytes) — for fuzzing and property tests.
    /// A `jiebie.toml` among them is the configuration.
    pub fn from_memory(files: &[(PathBuf, Vec<u8>)], today: NaiveDate) -> Workspace {
        let is_config = |p: &PathBuf| p.file_name().is_some_and(|n| n == loader::CONFIG_NAME);
        let mut paths: Vec<PathBuf> =
            files.iter().map(|(p, _)| p.clone()).filter(|p| !is_config(p)).collect();
        paths.sort();
        paths.dedup();
        let config = files.iter().map(|(p, _)| p.clone()).find(is_config);
        let read = |path: &Path| {
            files
                .iter()
                .find(|(p, _)| p == path)
                .map(|(_, b)| b.clone())
                .ok_or_else(|| std::io::ErrorKind::NotFound.into())
        };
        let loaded = loader::load_files(paths, config, ".".into(), &read, &|_| true);
        Workspace::from_loaded(loaded, today)
    }

    pub fn from_loaded(loaded: Loaded, today: NaiveDate) -> Workspace {
        let Loaded { sources, config, kinds, files, mut diagnostics, file_count } = loaded;
        let configured: Vec<String> =
            config.sectors.iter().map(|s| s.value.trim().to_string()).collect();
        let aliases: HashMap<String, String> = config
            .aliases
            .iter()
            .map(|(alias, target)| (alias.value.trim().to_string(), target.trim().to_string()))
            .collect();
        let mut registry = Registry::new(configured, aliases);
        let activity_count = files.iter().map(|(_, f)| f.activity.len()).sum();

        // At most a sector a file: reserved at once, not grown by doubling (with 100,000 small
        // files the doubling's spare room and copies were a sixth of the peak).
        let mut sectors: Vec<Sector> = Vec::with_capacity(files.len());
        let mut slots: Vec<Option<Box<MetadataSlots>>> = Vec::with_capacity(files.len());
        let mut index_of: HashMap<String, usize> = HashMap::default();
        index_of.reserve(files.len());
        for (file, sector_file) in files {
            let name = registry.canonical(&sector_file.sector.name.value).to_string();
            registry.declare(&name);
            if let Some(suggestion) = registry.near_miss(&name) {
                // One character from a known sector: a slip rather than a sector of its own.
                let place = Place::at(file, sector_file.sector.name.span.clone());
                let kind = Kind::NearSector { sector: name.clone(), suggestion };
                diagnostics.push(Diagnostic::new(place, kind));
            } else if !registry.configured.is_empty() && !registry.is_configured(&name) {
                let place = Place::at(file, sector_file.sector.name.span.clone());
                diagnostics.push(Diagnostic::new(
                    place,
                    Kind::Unregistered {
                        sector: name.clone(),
                        suggestion: closest(&name, registry.configured.iter().map(String::as_str)),
                    },
                ));
            }
            let index = *index_of.entry(name.clone()).or_insert_with(|| {
                sectors.push(Sector { name, ..Sector::default() });
                slots.push(None);
                sectors.len() - 1
            });
            merge(&mut sectors[index], &mut slots[index], file, *sector_file, &mut diagnostics);
        }

        for (sector, slots) in sectors.iter().zip(&slots) {
            if let Some((file, members)) = slots.as_ref().and_then(|s| s[3].as_ref()) {
                validate::members_count(
                    sector,
                    Place::at(*file, members.span.clone()),
                    &mut diagnostics,
                );
            }
        }

        // The sectors are independent from here on: check and finish them on every core, each
        // thread taking the next sector not yet taken.
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let threads = threads.min(sectors.len()).max(1);
        let queue = std::sync::Mutex::new(sectors.iter_mut());
        let (queue, registry_ref) = (&queue, &registry);
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads)
                .map(|_| {
                    scope.spawn(move || {
                        let mut found = Vec::new();
                        while let Some(sector) = queue.lock().ok().and_then(|mut q| q.next()) {
                            finish(sector, registry_ref, today, &mut found);
                        }
                        found
                    })
                })
                .collect();
            for handle in handles {
                diagnostics.extend(handle.join().unwrap_or_default());
            }
        });
        validate::rosters(&sectors, &registry, &mut diagnostics);
        sectors.sort_by(|a, b| registry.order_key(&a.name).cmp(&registry.order_key(&b.name)));
        // The configured sectors, each once, with its place in jiebie.toml (the last source).
        let mut configured: Vec<(String, Place)> = Vec::new();
        for entry in &config.sectors {
            let name = entry.value.trim();
            if !configured.iter().any(|(n, _)| n == name) {
                configured.push((name.to_string(), Place::at(file_count, entry.span.clone())));
            }
        }
        let has_file: crate::HashSet<&str> = sectors.iter().map(|s| s.name.as_str()).collect();
        for (name, place) in &configured {
            if !has_file.contains(name.as_str()) {
                let kind = Kind::NotHandedIn { sector: name.clone(), years: Vec::new() };
                diagnostics.push(Diagnostic::new(place.clone(), kind));
            }
        }
        diagnostics.sort_by_cached_key(|d| d.sort_key(&sources));
        diagnostics.dedup();
        mark_copies(&mut diagnostics);

        Workspace {
            sources,
            diagnostics,
            organization: config.organization,
            title: config.title,
            word_style: config.document,
            counting: config.counting,
            scoring: config.scoring,
            kinds,
            registry,
            sectors,
            configured,
            file_count,
            activity_count,
        }
    }

    /// W108 for each configured sector (among `only`, all when empty) that has a file but
    /// no activity, review or plan in any of `years` (a plan counts for the year before
    /// its own: the report of 2020 shows the plans for 2021). Sectors without a file had
    /// their W108 when the workspace was loaded.
    pub fn not_handed_in(&self, years: &[u16], only: &[String]) -> Vec<Diagnostic> {
        let mut found = Vec::new();
        for (name, place) in &self.configured {
            if !only.is_empty() && !only.contains(name) {
                continue;
            }
            let Some(sector) = self.sectors.iter().find(|s| &s.name == name) else { continue };
            let missing: Vec<u16> =
                years.iter().copied().filter(|&y| !sector.has_entries_for(y)).collect();
            if !missing.is_empty() {
                let kind = Kind::NotHandedIn { sector: name.clone(), years: missing };
                found.push(Diagnostic::new(place.clone(), kind));
            }
        }
        found
    }

    /// Whether any sector has an activity, a review, a metric or a plan for the year.
    pub fn has_data(&self, year: u16) -> bool {
        self.sectors
            .iter()
            .any(|s| s.has_entries_for(year) || s.metrics.iter().any(|m| m.year.value == year))
    }

    /// The years with an activity, a review or a metric, in order.
    pub fn years(&self) -> Vec<u16> {
        let mut years: Vec<u16> = self
            .sectors
            .iter()
            .flat_map(|s| {
                let activities = s.activities.iter().map(|a| a.date.value.year);
                let reviews = s.reviews.iter().map(|r| r.year.value);
                let metrics = s.metrics.iter().map(|m| m.year.value);
                activities.chain(reviews).chain(metrics)
            })
            .collect();
        years.sort_unstable();
        years.dedup();
        years
    }

    /// Frees the files' texts: reports never point into them (diagnostics, printed before,
    /// do). Halves the memory of a large report.
    pub fn release_texts(&mut self) {
        for source in &mut self.sources {
            source.release_text();
        }
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity() == severity).count()
    }

    /// Whether the data is unusable: an error, or a warning under `--strict`.
    pub fn is_invalid(&self, strict: bool) -> bool {
        self.count(Severity::Error) > 0 || (strict && self.count(Severity::Warning) > 0)
    }

    /// The sector of a name or alias given on the command line.
    pub fn sector_named(&self, word: &str) -> Result<&Sector, Error> {
        let name = self.registry.canonical(word);
        self.sectors.iter().find(|s| s.name == name).ok_or_else(|| Error::UnknownSector {
            name: word.to_string(),
            suggestion: self.registry.suggest(word),
        })
    }

    /// Resolves `--sector` names to canonical names; an unknown one is a usage error.
    pub fn select(&self, words: &[String]) -> Result<Vec<String>, Error> {
        words
            .iter()
            .map(|word| {
                self.registry.resolve(word).map(str::to_string).ok_or_else(|| {
                    Error::UnknownSector {
                        name: word.clone(),
                        suggestion: self.registry.suggest(word),
                    }
                })
            })
            .collect()
    }
}

/// How many duplicates (E030) between the same two files make one file look like a copy of
/// the other.
const COPY_THRESHOLD: usize = 3;

/// Gives the first of many E030 between the same two files (diagnostics sorted) the count,
/// so that it adds the hint that one file looks like a copy of the other, once per pair.
fn mark_copies(diagnostics: &mut [Diagnostic]) {
    let pair = |d: &Diagnostic| match (&d.place, &d.kind) {
        (Some(place), Kind::Duplicate { earlier, .. }) if place.file() != earlier.file() => {
            Some((place.file()?, earlier.file()?))
        }
        _ => None,
    };
    let mut counts: HashMap<(usize, usize), usize> = HashMap::default();
    for key in diagnostics.iter().filter_map(pair) {
        *counts.entry(key).or_default() += 1;
    }
    for diagnostic in diagnostics.iter_mut() {
        let Some(key) = pair(diagnostic) else { continue };
        let Some(count) = counts.remove(&key) else { continue };
        if count >= COPY_THRESHOLD
            && let Kind::Duplicate { copies, .. } = &mut diagnostic.kind
        {
            *copies = Some(count);
        }
    }
}

/// Checks a merged sector, then leaves it as reports need it: broken entries dropped,
/// partners by canonical name and each named once, entries in a stable order.
fn finish(
    sector: &mut Sector,
    registry: &Registry,
    today: NaiveDate,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let count = sector.unmerged.iter().map(Vec::len).sum();
    sector.activities.reserve_exact(count);
    for mut items in std::mem::take(&mut sector.unmerged) {
        sector.activities.append(&mut items);
    }
    validate::sector(sector, registry, today, diagnostics);
    // Broken entries took part in the rules above; no report may count them.
    sector.activities.retain(|a| !a.broken);
    sector.plans.retain(|p| !p.broken);
    sector.metrics.retain(|m| !m.broken);
    sector.reviews.retain(|r| !r.broken);
    for activity in &mut sector.activities {
        let partners = &mut activity.partners;
        for partner in partners.iter_mut() {
            if let Some(name) = registry.resolve_partner(&partner.value)
                && name != partner.value
            {
                partner.value = name.to_string();
            }
        }
        // A partner named twice (or by name and alias) is one partner.
        if partners.len() > 1 {
            let mut kept: Vec<Sp<String>> = Vec::with_capacity(partners.len());
            for partner in std::mem::take(partners).into_vec() {
                if !kept.iter().any(|k| k.value == partner.value) {
                    kept.push(partner);
                }
            }
            *partners = kept.into();
        }
    }
    sort_entries(sector);
}

/// Adds a file's entries to a sector's. The first file's are given exactly the room they
/// need: `extend` makes room for at least four, and with 20,000 sectors of one review each,
/// three quarters of the reviews' memory was spare (SPEC §7).
fn add_located<T>(to: &mut Vec<Located<T>>, file: usize, items: Vec<T>) {
    if to.is_empty() {
        to.reserve_exact(items.len());
    }
    to.extend(items.into_iter().map(|item| Located { file, item }));
}

/// The first value of each metadata field of a sector, with where it was given; made for a
/// sector only once a file of it gives one (192 bytes a sector otherwise: 100,000 small
/// files without metadata, SPEC §7).
type MetadataSlots = [Option<(usize, Sp<String>)>; 4];

/// Adds one file's entries to its sector; metadata given twice differently is E032.
fn merge(
    sector: &mut Sector,
    slots: &mut Option<Box<MetadataSlots>>,
    file: usize,
    sector_file: SectorFile,
    diags: &mut Vec<Diagnostic>,
) {
    let meta = sector_file.sector;
    sector.files.push(file);
    sector.partial |= sector_file.partial;
    let members = meta.members.map(|m| Sp::new(m.value.to_string(), m.span));
    let given = [meta.committee, meta.convener, meta.secretary, members];
    if slots.is_some() || given.iter().any(Option::is_some) {
        let slots = slots.get_or_insert_with(Box::default);
        merge_metadata(sector, slots, file, given, diags);
    }

    add_located(&mut sector.reviews, file, sector_file.review);
    // The first file's activities become the sector's as they are; `finish` adds the others'
    // on every core.
    if sector.activities.is_empty() {
        sector.activities = sector_file.activity;
    } else {
        sector.unmerged.push(sector_file.activity);
    }
    add_located(&mut sector.plans, file, sector_file.plan);
    add_located(&mut sector.metrics, file, sector_file.metric);
    add_located(&mut sector.brands, file, sector_file.brand);
    add_located(&mut sector.roster, file, sector_file.member);
}

/// Keeps the first value of each metadata field; a different one later is E032.
fn merge_metadata(
    sector: &mut Sector,
    slots: &mut MetadataSlots,
    file: usize,
    given: [Option<Sp<String>>; 4],
    diags: &mut Vec<Diagnostic>,
) {
    for ((key, slot), value) in
        ["committee", "convener", "secretary", "members"].iter().zip(slots.iter_mut()).zip(given)
    {
        let Some(value) = value else { continue };
        match slot {
            None => *slot = Some((file, value)),
            Some((first_file, first)) if first.value != value.value => {
                let kind = Kind::MetadataConflict {
                    key: key.to_string(),
                    value: value.value,
                    earlier_value: first.value.clone(),
                    earlier: Place::at(*first_file, first.span.clone()),
                };
                diags.push(Diagnostic::new(Place::at(file, value.span.clone()), kind));
            }
            Some(_) => {}
        }
    }
    let value = |i: usize| slots[i].as_ref().map(|(_, s)| s.value.clone());
    sector.metadata = Some(Box::new(Metadata {
        committee: value(0),
        convener: value(1),
        secretary: value(2),
        members: value(3).and_then(|m| m.parse().ok()),
    }));
}

/// The order of activities: date, end date, title, id, then every other field, so that two
/// different activities never tie (the output must not depend on file names).
fn activity_order(a: &Activity, b: &Activity) -> std::cmp::Ordering {
    #[allow(clippy::type_complexity, reason = "a sort key tuple, read in place")]
    fn first(
        x: &Activity,
    ) -> (Date, Option<Date>, &str, Option<&str>, usize, Option<u64>, Option<&str>, Option<&str>)
    {
        (
            x.date.value,
            x.end_date.as_ref().map(|d| d.value),
            &x.title.value,
            x.id.as_ref().map(|i| i.value.as_str()),
            x.kind.value.0,
            x.participants,
            x.location.as_deref(),
            x.summary.as_deref(),
        )
    }
    #[allow(clippy::type_complexity, reason = "a sort key tuple, read in place")]
    fn rest(
        x: &Activity,
    ) -> (bool, Vec<&str>, &[String], &[String], &[String], Option<&str>, Option<&str>) {
        (
            x.highlight,
            x.partners.iter().map(|p| p.value.as_str()).collect(),
            &x.organizers,
            &x.tags,
            &x.outcomes,
            x.plan.as_ref().map(|p| p.value.as_str()),
            x.brand.as_ref().map(|b| b.value.as_str()),
        )
    }
    // The rest is compared only on a tie, which is rare: it allocates.
    first(a).cmp(&first(b)).then_with(|| rest(a).cmp(&rest(b)))
}

/// A total order on entries, so that the output does not depend on file names.
fn sort_entries(sector: &mut Sector) {
    sector.activities.sort_unstable_by(activity_order);
    sector.plans.sort_by(|a, b| (a.year.value, &a.id.value).cmp(&(b.year.value, &b.id.value)));
    sector
        .metrics
        .sort_by(|a, b| (a.year.value, &a.name.value).cmp(&(b.year.value, &b.name.value)));
    sector.brands.sort_by(|a, b| a.name.value.cmp(&b.name.value));
    sector.reviews.sort_by_key(|r| r.year.value);
}
