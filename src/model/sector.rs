//! One sector merged from all its files, and an entry that remembers its file. Both the
//! workspace (which builds sectors) and the validator (which checks them) read these.

use std::ops::Deref;

use crate::diagnostic::Place;
use crate::read::schema::{Activity, Brand, Member, Metric, Plan, Review};

/// An entry and the index of the file (in `Workspace::sources`) it comes from.
#[derive(Clone, Debug)]
pub struct Located<T> {
    pub file: usize,
    pub item: T,
}

impl<T> Deref for Located<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.item
    }
}

impl<T> Located<T> {
    pub fn place(&self, span: &crate::diagnostic::source::Span) -> Place {
        Place::at(self.file, span.clone())
    }
}

/// One sector, merged from all its files.
#[derive(Clone, Debug, Default)]
pub struct Sector {
    pub name: String,
    /// `[sector]`'s other keys, boxed: most sectors of a large workspace give none (SPEC §7).
    pub metadata: Option<Box<Metadata>>,
    pub reviews: Vec<Located<Review>>,
    pub activities: Vec<Activity>,
    pub plans: Vec<Located<Plan>>,
    pub metrics: Vec<Located<Metric>>,
    pub brands: Vec<Located<Brand>>,
    /// The roster (`[[member]]`), in file order.
    pub roster: Vec<Located<Member>>,
    /// The indices of its files, in path order.
    pub files: Vec<usize>,
    /// Whether one of its files was read with an entry left out after a syntax error: a
    /// plan, brand or review that seems missing may be in it.
    pub partial: bool,
    /// The activities of its other files, until `finish` adds them to `activities`.
    pub(super) unmerged: Vec<Vec<Activity>>,
}

/// What a sector's files say of it besides its name.
#[derive(Clone, Debug, Default)]
pub struct Metadata {
    pub committee: Option<String>,
    pub convener: Option<String>,
    pub secretary: Option<String>,
    pub members: Option<u64>,
}

impl Sector {
    pub fn committee(&self) -> Option<&str> {
        self.metadata.as_ref()?.committee.as_deref()
    }

    pub fn convener(&self) -> Option<&str> {
        self.metadata.as_ref()?.convener.as_deref()
    }

    pub fn secretary(&self) -> Option<&str> {
        self.metadata.as_ref()?.secretary.as_deref()
    }

    /// `[sector] members`: the number of members the sector gives.
    pub fn members(&self) -> Option<u64> {
        self.metadata.as_ref()?.members
    }

    /// The members of the roster in `year`, in roster order.
    pub fn members_in(&self, year: u16) -> impl Iterator<Item = &Member> {
        self.roster.iter().map(|m| &m.item).filter(move |m| m.in_year(year))
    }

    /// Whether `name` is a member of the sector in `year`.
    pub fn has_member(&self, name: &str, year: u16) -> bool {
        self.members_in(year).any(|m| m.name.value == name)
    }

    /// Whether the sector handed in anything for the year: an activity dated in it, its
    /// review, or a plan for the year after (what the report of the year shows).
    pub fn has_entries_for(&self, year: u16) -> bool {
        self.activities.iter().any(|a| a.date.value.year == year)
            || self.reviews.iter().any(|r| r.year.value == year)
            || self.plans.iter().any(|p| p.year.value == year.saturating_add(1))
    }
}
