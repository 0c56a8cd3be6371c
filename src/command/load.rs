//! Loading a workspace for a report (`summarize`, `diff`): the data checked, the sectors and
//! years asked for resolved, W108 for sectors not handed in, and nothing reported from data
//! with errors.

use std::path::PathBuf;

use crate::command::{Context, paths_or_here};
use crate::diagnostic::Severity;
use crate::error::Error;
use crate::lang::Lang;
use crate::model::workspace::Workspace;

/// What a report command asks of its workspace: the sectors shown (`--sector`, canonical;
/// all when empty) and the years reported.
pub struct Request {
    pub only: Vec<String>,
    pub years: Vec<u16>,
}

/// Loads the workspace for a report command; `request` resolves the sectors and years asked
/// for once the data has no error. Sectors of the registry with nothing in those years get
/// W108, unless no sector has anything: then one warning says the year has no data. When the
/// data is invalid, prints the diagnostics to standard error and returns None (exit 1,
/// nothing written).
pub fn load_for_report(
    cx: &Context,
    paths: &[PathBuf],
    strict: bool,
    request: impl FnOnce(&Workspace) -> Result<Request, Error>,
) -> Result<Option<(Workspace, Request)>, Error> {
    let mut workspace = Workspace::load(&paths_or_here(paths), cx.config.as_deref(), cx.today)?;
    let mut asked = None;
    if workspace.count(Severity::Error) == 0 {
        let request = match request(&workspace) {
            Ok(request) => request,
            Err(error) => {
                cx.print_diagnostics(&workspace);
                return Err(error);
            }
        };
        let empty: Vec<u16> =
            request.years.iter().copied().filter(|&y| !workspace.has_data(y)).collect();
        let with_data: Vec<u16> =
            request.years.iter().copied().filter(|y| !empty.contains(y)).collect();
        if !with_data.is_empty() {
            let absent = workspace.not_handed_in(&with_data, &request.only);
            workspace.diagnostics.extend(absent);
        }
        asked = Some((request, empty));
    }
    cx.print_diagnostics(&workspace);
    if let Some((_, empty)) = &asked
        && !cx.quiet
    {
        for &year in empty {
            eprintln!("{}", no_data_warning(cx.lang, year, &workspace.years()));
        }
    }
    if workspace.is_invalid(strict) {
        let (errors, warnings) =
            (workspace.count(Severity::Error), workspace.count(Severity::Warning));
        eprintln!(
            "{}",
            match (cx.lang, errors) {
                (Lang::Zh, 0) => format!("有 {warnings} 个警告（--strict），未生成报告"),
                (Lang::Zh, _) => format!("数据有 {errors} 个错误，未生成报告"),
                (Lang::En, 0) => format!("{warnings} warning(s) under --strict: no report"),
                (Lang::En, _) => format!("the data has {errors} error(s): no report"),
            }
        );
        return Ok(None);
    }
    workspace.release_texts();
    Ok(asked.map(|(request, _)| (workspace, request)))
}

/// The warning for a year with no data at all (SPEC §3.1): the tables that follow are all
/// zero because nothing was found, not because nothing was done.
fn no_data_warning(lang: Lang, year: u16, years: &[u16]) -> String {
    let list: Vec<String> = years.iter().map(u16::to_string).collect();
    match (lang, list.is_empty()) {
        (Lang::Zh, true) => {
            format!("警告: {year} 年没有任何数据（活动、工作概要、设想或指标），以下各表均为空或 0")
        }
        (Lang::Zh, false) => format!(
            "警告: {year} 年没有任何数据（活动、工作概要、设想或指标），以下各表均为空或 0；有数据的年度：{}",
            list.join("、")
        ),
        (Lang::En, true) => format!(
            "warning: {year} has no data at all (activities, reviews, plans or metrics): the tables below are empty or zero"
        ),
        (Lang::En, false) => format!(
            "warning: {year} has no data at all (activities, reviews, plans or metrics): the tables below are empty or zero; years with data: {}",
            list.join(", ")
        ),
    }
}
