//! Problems in the user's data, a layer below everything that reads it: what a problem is
//! (`kind`), where it is (`Place`), its code with severity and long explanation (`code`), its
//! wording in Chinese or English (`wording`), and its rendering as rustc-style text with a
//! caret under the exact characters (`snippet`, which template errors reuse) or as JSON
//! (`json`). `source` holds the files' texts the places point into.

pub mod code;
pub mod json;
pub mod kind;
pub mod snippet;
pub mod source;
pub mod wording;

use serde::Serialize;

pub use code::Code;
pub use kind::{Duplicated, Expected, Invalid, Kind, LookAlike, Slip};
pub use source::{Encoding, Source, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// Where a problem is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// A byte range of a loaded file (an index into the loaded sources).
    Span { file: usize, span: Span },
    /// A loaded file as a whole.
    File(usize),
    /// A cell of a spreadsheet being imported.
    Cell(Box<CellPlace>),
    /// An option of the command line (`add --kind`, without its dashes): the value given there,
    /// which is in no file yet.
    Flag(&'static str),
}

impl Place {
    pub fn at(file: usize, span: Span) -> Place {
        Place::Span { file, span }
    }

    pub fn in_cell(cell: CellPlace) -> Place {
        Place::Cell(Box::new(cell))
    }

    /// The loaded file the place is in; none for a cell.
    pub fn file(&self) -> Option<usize> {
        match self {
            Place::Span { file, .. } | Place::File(file) => Some(*file),
            Place::Cell(_) | Place::Flag(_) => None,
        }
    }

    pub fn span(&self) -> Option<&Span> {
        match self {
            Place::Span { span, .. } => Some(span),
            _ => None,
        }
    }

    pub fn cell(&self) -> Option<&CellPlace> {
        match self {
            Place::Cell(cell) => Some(cell),
            _ => None,
        }
    }
}

/// A cell of a spreadsheet: `活动.xlsx:Sheet1!C3` (a CSV file has no sheet name: `活动.csv:C3`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellPlace {
    /// The spreadsheet's path as the user gave it.
    pub path: String,
    pub sheet: Option<String>,
    /// 1-based row number.
    pub row: u32,
    /// 0-based column.
    pub column: u32,
    /// The cell's text as shown under the place.
    pub text: String,
}

impl CellPlace {
    /// `C3`.
    pub fn name(&self) -> String {
        format!("{}{}", column_letters(self.column), self.row)
    }

    /// `Sheet1!C3`, or `C3` for a CSV file.
    pub fn reference(&self) -> String {
        match &self.sheet {
            Some(sheet) => format!("{sheet}!{}", self.name()),
            None => self.name(),
        }
    }

    /// `FILE:Sheet1!C3`.
    pub fn display(&self) -> String {
        format!("{}:{}", self.path, self.reference())
    }
}

/// Column letters of a 0-based column: 0 → A, 25 → Z, 26 → AA.
pub fn column_letters(column: u32) -> String {
    let mut n = u64::from(column) + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push(char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub place: Option<Place>,
    pub kind: Kind,
}

impl Diagnostic {
    pub fn new(place: Place, kind: Kind) -> Diagnostic {
        Diagnostic { place: Some(place), kind }
    }

    pub fn code(&self) -> Code {
        match &self.kind {
            Kind::ReadFailed { .. } | Kind::ReadDirFailed { .. } => Code::E001,
            Kind::NotUtf8 { .. } => Code::E002,
            Kind::Syntax { .. } => Code::E003,
            Kind::NoFiles { .. } => Code::E004,
            Kind::MissingKey { .. } | Kind::MissingColumn { .. } => Code::E010,
            Kind::UnknownKey { .. } => Code::E011,
            Kind::WrongType { .. } | Kind::DateTime { .. } => Code::E012,
            Kind::InvalidValue { .. } => Code::E013,
            Kind::UnknownKind { .. } => Code::E020,
            Kind::EndBeforeStart { .. } => Code::E021,
            Kind::Duplicate { .. } => Code::E030,
            Kind::UnresolvedPlan { .. }
            | Kind::UnresolvedBrand { .. }
            | Kind::AmbiguousPlan { .. } => Code::E031,
            Kind::MetadataConflict { .. } => Code::E032,
            Kind::UnknownPartner { .. } => Code::W101,
            Kind::SelfPartner { .. } => Code::W102,
            Kind::FutureDate { .. } => Code::W103,
            Kind::NoReview { .. } => Code::W104,
            Kind::PlanOtherYear { .. } => Code::W105,
            Kind::SameActivity { .. } => Code::W106,
            Kind::NearActivity { .. } => Code::W112,
            Kind::Unregistered { .. } => Code::W107,
            Kind::NearSector { .. } => Code::W115,
            Kind::Placeholder { .. } => Code::W109,
            Kind::LookAlike { .. } => Code::W110,
            Kind::Invisible { .. } => Code::W111,
            Kind::NotHandedIn { .. } => Code::W108,
            Kind::UnknownTerm { .. } => Code::E022,
            Kind::NotOnRoster { .. } => Code::W113,
            Kind::FewerParticipants { .. } => Code::W114,
            Kind::MembersCount { .. } => Code::E013,
        }
    }

    pub fn severity(&self) -> Severity {
        self.code().severity()
    }

    /// The 1-based line and character column of the start of the span.
    pub fn position(&self, sources: &[Source]) -> Option<(usize, usize)> {
        match self.place.as_ref()? {
            Place::Cell(cell) => Some((cell.row as usize, cell.column as usize + 1)),
            Place::Span { file, span } => Some(sources[*file].position(span.start)),
            Place::File(_) | Place::Flag(_) => None,
        }
    }

    /// Sort key: file path, line, column, code.
    pub fn sort_key(&self, sources: &[Source]) -> (Option<std::path::PathBuf>, usize, usize, Code) {
        let path = self.place.as_ref().and_then(|p| match p {
            Place::Cell(cell) => Some(std::path::PathBuf::from(&cell.path)),
            Place::Span { file, .. } | Place::File(file) => Some(sources[*file].path.clone()),
            Place::Flag(_) => None,
        });
        let path = path.or_else(|| match &self.kind {
            Kind::LookAlike { path, .. } => Some(std::path::PathBuf::from(path)),
            Kind::ReadDirFailed { path, .. } => Some(path.into()),
            _ => None,
        });
        let (line, column) = self.position(sources).unwrap_or((0, 0));
        (path, line, column, self.code())
    }
}

/// `file:line:column` of a place, for messages that name an earlier place.
pub fn describe(place: &Place, sources: &[Source]) -> String {
    match place {
        Place::Cell(cell) => cell.display(),
        Place::Span { file, span } => {
            let source = &sources[*file];
            let (line, column) = source.position(span.start);
            format!("{}:{line}:{column}", source.display_path())
        }
        Place::File(file) => sources[*file].display_path(),
        Place::Flag(flag) => format!("--{flag}"),
    }
}

#[cfg(test)]
mod cell_tests {
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn letters() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(2), "C");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn a_cell_place_in_json() {
        let cell = CellPlace {
            path: "活动.xlsx".into(),
            sheet: Some("Sheet1".into()),
            row: 3,
            column: 27,
            text: "-5".into(),
        };
        let kind = Kind::InvalidValue { key: "参与人次".into(), reason: Invalid::Negative };
        let diagnostic = Diagnostic::new(Place::in_cell(cell), kind);
        let json = serde_json::to_value(diagnostic.to_json(&[], Lang::En)).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"severity": "error", "code": "E013",
                "message": "`参与人次` must not be negative", "file": "活动.xlsx",
                "line": 3, "column": 28, "end_line": 3, "end_column": 28,
                "help": "run `jiebie explain E013` for details", "sheet": "Sheet1", "cell": "AB3"})
        );
        assert_eq!(describe(diagnostic.place.as_ref().unwrap(), &[]), "活动.xlsx:Sheet1!AB3");
    }
}
