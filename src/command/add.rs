//! `jiebie add activity|plan|metric|member`: reads the workspace; appends one entry to a sector's
//! file (under its lock, atomically, after validating the workspace with the entry in place)
//! and says where.

use crate::cli::{AddActivity, AddCommand, AddMember, AddMetric, AddPlan, AddTarget};
use crate::command::{Context, EXIT_INVALID, paths_or_here};
use crate::diagnostic::{Diagnostic, Place};
use crate::error::Error;
use crate::lang::Lang;
use crate::model::workspace::Workspace;
use crate::write::entry::{self as add, Entries, Entry, Field};
use crate::write::output;

/// The entry of an `add` command, and where it goes: each flag given is its key, in the
/// field table's order; the entry's year is its `year`, or its date's.
fn entry_of(command: AddCommand) -> (AddTarget, Entry) {
    let (AddCommand::Activity(AddActivity(args))
    | AddCommand::Plan(AddPlan(args))
    | AddCommand::Metric(AddMetric(args))
    | AddCommand::Member(AddMember(args))) = command;
    let year = args.values.iter().find_map(|(key, value)| match (*key, value) {
        ("year", Field::Integer(year)) => u16::try_from(*year).ok(),
        ("date", Field::Date(date)) => add::year_of(date),
        _ => None,
    });
    let mut entry = Entry::new(args.entity.table, year);
    for (key, value) in args.values {
        entry.set(key, value);
    }
    (args.target, entry)
}

/// Appends an entry after validating the workspace with it in place; the file is changed
/// under its lock, and never over a change made meanwhile (`entry::commit`).
pub fn run(cx: &Context, command: AddCommand) -> Result<i32, Error> {
    let (target, entry) = entry_of(command);
    let table = entry.table;
    let paths = paths_or_here(&target.paths);
    let config = cx.config.as_deref();
    let first = Workspace::load(&paths, config, cx.today)?;
    let sector = add::sector_to_write(&first, &target.sector, &paths)?;
    let file = add::choose_file(&first, sector, target.file.as_deref(), entry.year)?;
    let sector = add::sector_files(&first, &file);
    drop(first);
    // The workspace is read again from the file's bytes under the sector's lock
    // (`entry::append`).
    let at = add::Workplace {
        paths: &paths,
        config,
        today: cx.today,
        sector: &sector,
        lang: cx.lang,
        quiet: cx.quiet,
    };
    let appended = add::append(&at, &file, Entries::from(&entry), false)?;
    let code = if appended.errors.is_empty() { 0 } else { EXIT_INVALID };
    let mut messages = match code {
        0 => cx.report(&appended.warnings, &appended.sources, false),
        _ => {
            // Nothing is written: a problem of the new entry is named by its flag, never by
            // a line of a file that does not have it.
            let errors: Vec<Diagnostic> =
                appended.errors.iter().map(|d| on_flag(d, &appended, table)).collect();
            cx.report(&errors, &appended.sources, false)
        }
    };
    if code != 0 {
        messages.push_str(match cx.lang {
            Lang::Zh => "未写入：新条目会带来上述错误\n",
            Lang::En => "nothing written: the new entry would add the errors above\n",
        });
    }
    eprint!("{messages}");
    if code != 0 {
        return Ok(code);
    }
    let done = match cx.lang {
        Lang::Zh => format!("已添加到 {}\n", crate::text::escaped(&file.display().to_string())),
        Lang::En => format!("added to {}\n", crate::text::escaped(&file.display().to_string())),
    };
    output::print(done.as_bytes())?;
    Ok(0)
}

/// A problem in the appended text, placed on the flag that gave the value (the key of the
/// line it stands on); any other problem as it is.
fn on_flag(d: &Diagnostic, appended: &add::Appended, table: &str) -> Diagnostic {
    let mut d = d.clone();
    let Some(Place::Span { file, span }) = &d.place else { return d };
    if Some(*file) != appended.file_index || span.start < appended.original_len {
        return d;
    }
    let text = appended.sources[*file].text();
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let key = text[line_start..].split(['=', '\n']).next().unwrap_or("").trim();
    let flag = crate::terms::fields::entity(table).and_then(|e| e.field(key)).map(|f| f.flag);
    if let Some(flag) = flag.filter(|f| !f.is_empty()) {
        d.place = Some(Place::Flag(flag));
    }
    d
}
