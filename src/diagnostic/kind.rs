//! What a problem is, with what its wording needs: one variant per rule (several rules may
//! share a code).

use crate::diagnostic::Place;
use crate::diagnostic::source::Encoding;

/// A key's expected type, for E012.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    String,
    Integer,
    Number,
    Boolean,
    Date,
    StringList,
    Table,
    TableArray,
}

/// Why a value is invalid (E013).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Invalid {
    Blank,
    Negative,
    TooLarge,
    Year(i64),
    DateForm(String),
    /// A text close to a date (full-width digits, spaces, a range): what to write instead.
    DateNearMiss {
        text: String,
        date: String,
        end: Option<String>,
    },
    NoSuchDay(String),
    Format(String),
    /// A kind or alias of `[kinds]` that is already taken.
    KindTaken(String),
    /// `nan` or `inf` (or a float too large to be finite), as written.
    NotANumber(String),
    /// An alias whose target is not in `sectors`.
    AliasTarget(String),
    /// An alias that is itself the name of a configured sector.
    AliasHidesSector(String),
    /// A font size of `[document]` outside 5–72 pt.
    FontSize(String),
    /// A first day of `[counting]` that is no "MM-DD" of every year.
    MonthDay(String),
}

/// What a duplicate is (E030).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Duplicated {
    ActivityId,
    PlanId,
    BrandName,
    Metric,
    ReviewYear,
    Sector,
    Member,
}

/// The common slips of a Chinese input method that break TOML syntax (E003 help).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Slip {
    FullWidthSpace,
    FullWidthEquals,
    /// `"走访”`: one ASCII quote, one Chinese quote.
    MixedQuotes,
    FullWidthQuotes,
    FullWidthComma,
    FullWidthBrackets,
    /// `location: "浦东"` or `location："浦东"`.
    Colon,
    /// A bare key in Chinese, and the English key it stands for when there is one.
    ChineseKey {
        key: String,
        english: Option<&'static str>,
    },
    /// `[[活动]]` for `[[activity]]`.
    ChineseTable {
        name: String,
        english: String,
    },
    /// `kind = 调研`, `date = 2021/03/02`.
    Unquoted,
}

/// Why a file that looks like a sector file is not read (W110).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LookAlike {
    /// `农业界.toml.txt`, `农业界.TOML`: read once renamed to the name given.
    Renamed(String),
    /// `农业界.toml~`, `农业界.toml.bak`: an editor's backup.
    Backup,
    /// `~$农业界.toml`: the lock or temporary file of Office or WPS.
    Temporary,
    /// A symbolic link to nothing.
    DanglingLink,
    /// A FIFO, socket or device.
    NotAFile,
}

/// The kind of a problem, with what its wording needs.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// Why, in Chinese and in English (the I/O error itself is not kept).
    ReadFailed {
        zh: String,
        en: String,
    },
    /// A directory that cannot be listed (E001, placed by its path alone).
    ReadDirFailed {
        path: String,
        zh: String,
        en: String,
    },
    NotUtf8 {
        encoding: Encoding,
    },
    /// The parser's own message (English), the slip recognised, and the line as it should
    /// be written.
    Syntax {
        message: String,
        slip: Option<Slip>,
        fix: Option<String>,
    },
    NoFiles {
        path: String,
    },
    MissingKey {
        key: String,
        table: String,
    },
    UnknownKey {
        key: String,
        suggestion: Option<String>,
    },
    /// A spreadsheet without a column it needs (`jiebie import`).
    MissingColumn {
        zh: String,
        en: String,
        /// The command-line option that may stand in for the column (`--year`).
        flag: Option<&'static str>,
    },
    WrongType {
        key: String,
        expected: Expected,
        found: String,
        /// The value as it should be written (`15` for `"15人"`), when it can be told.
        fix: Option<String>,
    },
    DateTime {
        key: String,
    },
    InvalidValue {
        key: String,
        reason: Invalid,
    },
    UnknownKind {
        kind: String,
        suggestion: Option<String>,
    },
    EndBeforeStart {
        date: String,
        end: String,
    },
    Duplicate {
        what: Duplicated,
        name: String,
        earlier: Place,
        /// Set on the first of many duplicates between the same two files: how many there
        /// are, for the hint that one file looks like a copy of the other.
        copies: Option<usize>,
    },
    UnresolvedPlan {
        id: String,
        suggestion: Option<String>,
    },
    UnresolvedBrand {
        name: String,
        suggestion: Option<String>,
    },
    /// A plan named by a title that several plans of the year carry (`jiebie import`).
    AmbiguousPlan {
        title: String,
        candidates: Vec<String>,
    },
    MetadataConflict {
        key: String,
        value: String,
        earlier_value: String,
        earlier: Place,
    },
    UnknownPartner {
        name: String,
        suggestion: Option<String>,
    },
    SelfPartner {
        name: String,
    },
    FutureDate {
        date: String,
        today: String,
    },
    NoReview {
        sector: String,
        year: u16,
    },
    PlanOtherYear {
        plan: String,
        plan_year: u16,
        year: u16,
    },
    SameActivity {
        title: String,
        date: String,
        earlier: Place,
    },
    /// A row being imported close to an activity the sector has (`jiebie import`, W112).
    NearActivity {
        title: String,
        other: String,
        date: String,
        earlier: Place,
    },
    Unregistered {
        sector: String,
        suggestion: Option<String>,
    },
    /// A sector name one character from a known sector (W115).
    NearSector {
        sector: String,
        suggestion: String,
    },
    /// Text still as the `init` template wrote it.
    Placeholder {
        key: String,
        placeholder: String,
    },
    /// A file that looks like a sector file but is not read; it has no place in `sources`.
    LookAlike {
        path: String,
        why: LookAlike,
    },
    /// An invisible or control character in a name, kind, id or partner (removed).
    Invisible {
        key: String,
        found: char,
    },
    /// A sector of the configured `sectors` with no file (no `years`), or with nothing in
    /// the years asked for.
    NotHandedIn {
        sector: String,
        years: Vec<u16>,
    },
    /// A `status`, `role` or `adoption` mark outside its vocabulary (E022); `kind` is set when
    /// the word belongs to another kind's vocabulary (a 社情民意 status on a 提案).
    UnknownTerm {
        key: String,
        word: String,
        kind: Option<String>,
        suggestion: Option<String>,
    },
    /// An attendee or author not on the roster of the sector (nor of a partner) for the year.
    NotOnRoster {
        name: String,
        sector: String,
        year: u16,
        suggestion: Option<String>,
    },
    /// `participants` smaller than the number of `attendees`.
    FewerParticipants {
        participants: u64,
        attendees: usize,
    },
    /// `[sector] members = N` beside a roster that lists another count for the latest year.
    MembersCount {
        members: u64,
        roster: u64,
        year: u16,
    },
}
