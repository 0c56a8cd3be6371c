//! `jiebie validate`: reads every file under PATHS (and `jiebie.toml`); writes every
//! diagnostic and a count line (or one JSON object) to standard output. Exit 1 when the data is
//! invalid.

use std::path::PathBuf;

use crate::cli::ValidateFormat;
use crate::command::{Context, EXIT_INVALID, exit_soon, paths_or_here};
use crate::diagnostic::Severity;
use crate::error::Error;
use crate::lang::Lang;
use crate::model::workspace::Workspace;
use crate::write::output;

pub fn run(
    cx: &Context,
    paths: &[PathBuf],
    strict: bool,
    format: ValidateFormat,
) -> Result<i32, Error> {
    let workspace = Workspace::load(&paths_or_here(paths), cx.config.as_deref(), cx.today)?;
    let errors = workspace.count(Severity::Error);
    let warnings = workspace.count(Severity::Warning);
    let text = match format {
        ValidateFormat::Text => {
            let mut text = cx.report(&workspace.diagnostics, &workspace.sources, true);
            text.push_str(&count_line(&workspace, errors, warnings, cx.lang));
            text.push('\n');
            text
        }
        ValidateFormat::Json => {
            let diagnostics: Vec<_> = workspace
                .diagnostics
                .iter()
                .map(|d| d.to_json(&workspace.sources, cx.lang))
                .collect();
            let value = serde_json::json!({
                "format": 1,
                "kind": "validation",
                "files": workspace.file_count,
                "sectors": workspace.sectors.len(),
                "activities": workspace.activity_count,
                "errors": errors,
                "warnings": warnings,
                "diagnostics": diagnostics,
            });
            let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
            text.push('\n');
            text
        }
    };
    output::print(text.as_bytes())?;
    let code = if workspace.is_invalid(strict) { EXIT_INVALID } else { 0 };
    exit_soon(workspace);
    Ok(code)
}

/// The last line of `validate`: files, sectors, activities, errors, warnings.
fn count_line(workspace: &Workspace, errors: usize, warnings: usize, lang: Lang) -> String {
    let (files, sectors, activities) =
        (workspace.file_count, workspace.sectors.len(), workspace.activity_count);
    match lang {
        Lang::Zh => format!(
            "{files} 个文件，{sectors} 个界别，{activities} 项活动：{errors} 个错误，{warnings} 个警告"
        ),
        Lang::En => {
            let s = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
            let activities = if activities == 1 {
                "1 activity".to_string()
            } else {
                format!("{activities} activities")
            };
            format!(
                "{}, {}, {activities}: {}, {}",
                s(files, "file"),
                s(sectors, "sector"),
                s(errors, "error"),
                s(warnings, "warning")
            )
        }
    }
}
