//! Diagnostics as JSON, for `validate --format json` (SPEC §4.4).

use serde::Serialize;

use crate::diagnostic::source::Source;
use crate::diagnostic::{Diagnostic, Kind, Place, Severity};
use crate::lang::Lang;

impl Diagnostic {
    pub fn to_json(&self, sources: &[Source], lang: Lang) -> JsonDiagnostic {
        if let Some(cell) = self.place.as_ref().and_then(Place::cell) {
            let (row, column) = (cell.row as usize, cell.column as usize + 1);
            return JsonDiagnostic {
                severity: self.severity(),
                code: self.code().as_str(),
                message: self.message(lang, sources),
                file: Some(cell.path.clone()),
                line: Some(row),
                column: Some(column),
                end_line: Some(row),
                end_column: Some(column),
                help: self.help(lang),
                sheet: cell.sheet.clone(),
                cell: Some(cell.name()),
            };
        }
        let file = self.place.as_ref().and_then(Place::file).map(|f| sources[f].display_path());
        let file = file.or_else(|| match &self.kind {
            Kind::NoFiles { path }
            | Kind::LookAlike { path, .. }
            | Kind::ReadDirFailed { path, .. } => Some(path.clone()),
            _ => None,
        });
        let (start, end) = match &self.place {
            Some(Place::Span { file, span }) => {
                let source = &sources[*file];
                (Some(source.position(span.start)), Some(source.position(span.end.max(span.start))))
            }
            _ => (None, None),
        };
        JsonDiagnostic {
            severity: self.severity(),
            code: self.code().as_str(),
            message: self.message(lang, sources),
            file,
            line: start.map(|p| p.0),
            column: start.map(|p| p.1),
            end_line: end.map(|p| p.0),
            end_column: end.map(|p| p.1),
            help: match self.note(lang, sources) {
                Some(note) => format!("{}{}{note}", self.help(lang), lang.pick("。", ". ")),
                None => self.help(lang),
            },
            sheet: None,
            cell: None,
        }
    }
}

/// One diagnostic in `validate --format json` (SPEC §4.4).
#[derive(Serialize)]
pub struct JsonDiagnostic {
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub end_line: Option<usize>,
    pub end_column: Option<usize>,
    pub help: String,
    /// For a cell of a spreadsheet (`jiebie import`): its sheet (none for CSV) and its name
    /// (`C3`); `line` is then the row and `column` the column's number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
}
