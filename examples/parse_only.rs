//! The floor of the benchmark (SPEC §6): TOML parsing alone, with the toml crate.
//!
//! ```text
//! cargo run --release --example parse_only -- DIR [--recoverable | --table]
//! ```
//!
//! Walks DIR for `*.toml` files (hidden entries skipped, links to directories not followed),
//! reads each one and parses it with `toml::de::DeTable::parse`, the toml crate's fastest
//! complete parse, into tables that borrow the text (`--recoverable`:
//! `DeTable::parse_recoverable`, which jiebie's loader calls for the files its quicker
//! event-based reading leaves to it; `--table`: `toml::Table`,
//! the owned document `toml::from_str` gives, every string copied) on as many threads as there
//! are cores — the same work split as jiebie — and prints how many files, bytes and top-level
//! `[[activity]]` entries it saw, and the time taken, to standard error. Nothing is validated.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use toml::de::{DeTable, DeValue};

fn main() -> ExitCode {
    let mut dir = None;
    let mut recoverable = false;
    let mut owned = false;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--recoverable" => recoverable = true,
            "--table" => owned = true,
            a if a.starts_with('-') => return usage(&format!("unknown option {a}")),
            a if dir.is_none() => dir = Some(PathBuf::from(a)),
            a => return usage(&format!("unexpected argument {a}")),
        }
    }
    let Some(dir) = dir else { return usage("missing DIR") };

    let start = Instant::now();
    let mut files = Vec::new();
    walk(&dir, &mut files);
    files.sort();

    let threads =
        std::thread::available_parallelism().map_or(1, |n| n.get()).min(files.len()).max(1);
    let next = AtomicUsize::new(0);
    let bytes = AtomicUsize::new(0);
    let activities = AtomicUsize::new(0);
    let failures = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = files.get(index) else { break };
                    let Ok(text) = std::fs::read_to_string(path) else {
                        failures.fetch_add(1, Ordering::Relaxed);
                        continue;
                    };
                    bytes.fetch_add(text.len(), Ordering::Relaxed);
                    if owned {
                        match text.parse::<toml::Table>() {
                            Ok(table) => {
                                let count = table
                                    .get("activity")
                                    .and_then(|a| a.as_array())
                                    .map_or(0, Vec::len);
                                activities.fetch_add(count, Ordering::Relaxed);
                            }
                            Err(_) => {
                                failures.fetch_add(1, Ordering::Relaxed);
                            }
                        }
                        continue;
                    }
                    let table = if recoverable {
                        let (table, errors) = DeTable::parse_recoverable(&text);
                        if !errors.is_empty() {
                            failures.fetch_add(1, Ordering::Relaxed);
                        }
                        table
                    } else {
                        match DeTable::parse(&text) {
                            Ok(table) => table,
                            Err(_) => {
                                failures.fetch_add(1, Ordering::Relaxed);
                                continue;
                            }
                        }
                    };
                    // Touch the result so that the parse cannot be optimised away.
                    if let Some(value) = table.get_ref().get("activity")
                        && let DeValue::Array(items) = value.get_ref()
                    {
                        activities.fetch_add(items.len(), Ordering::Relaxed);
                    }
                }
            });
        }
    });
    let elapsed = start.elapsed();
    eprintln!(
        "parse_only: {} files, {} bytes, {} activities, {} failed, {} threads, {:.3} s",
        files.len(),
        bytes.load(Ordering::Relaxed),
        activities.load(Ordering::Relaxed),
        failures.load(Ordering::Relaxed),
        threads,
        elapsed.as_secs_f64()
    );
    if failures.load(Ordering::Relaxed) > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

fn usage(message: &str) -> ExitCode {
    eprintln!("parse_only: {message}\nusage: parse_only DIR [--recoverable | --table]");
    ExitCode::from(2)
}

/// Every `*.toml` file under `dir` (jiebie.toml included: jiebie parses it too).
fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let Ok(kind) = entry.file_type() else { continue };
            let path = entry.path();
            if kind.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") {
                out.push(path);
            }
        }
    }
}

/// The allocator jiebie itself uses, so that the ratio between the two measures the pipeline,
/// not the allocator (the parse alone is as fast with the system allocator, within noise).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
