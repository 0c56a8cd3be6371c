//! Loading and validation of arbitrary bytes, as a sector file and as `jiebie.toml`: no panic,
//! no hang, every diagnostic placed inside its file and renderable; the quick parse agrees
//! with the full parse whenever it takes a document.

#![no_main]

use std::path::PathBuf;

use jiebie::read::toml_tree;
use jiebie::lang::Lang;
use jiebie::numbers::report::Report;
use jiebie::model::workspace::Workspace;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let (config, sector) = match data.iter().position(|&b| b == 0xFF) {
        Some(split) => (Some(data[..split].to_vec()), data[split + 1..].to_vec()),
        None => (None, data.to_vec()),
    };
    if let Ok(text) = std::str::from_utf8(&sector)
        && let Some(quick) = toml_tree::quick(text)
    {
        assert_eq!(Ok(quick), toml_tree::full(text).map_err(|e| e.len()));
    }
    let mut files = vec![(PathBuf::from("a.toml"), sector)];
    if let Some(config) = config {
        files.push((PathBuf::from("jiebie.toml"), config));
    }
    let workspace = Workspace::from_memory(&files, today);
    for diagnostic in &workspace.diagnostics {
        if let Some(place) = &diagnostic.place {
            let source = &workspace.sources[place.file];
            if let Some(span) = &place.span {
                assert!(span.start <= span.end && span.end <= source.text().len());
            }
        }
        let _ = diagnostic.render(&workspace.sources, Lang::Zh, false);
        let _ = diagnostic.to_json(&workspace.sources, Lang::En);
    }
    if !workspace.is_invalid(false) {
        if let Some(year) = Report::latest_year(&workspace) {
            let _ = Report::from_workspace(&workspace, year, &[]);
        }
    }
});
