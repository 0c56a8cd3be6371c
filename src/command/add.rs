//! `jiebie add activity|plan|metric|member`: reads the workspace; appends one entry to a sector's
//! file (under its lock, atomically, after validating the workspace with the entry in place)
//! and says where.

use crate::cli::{AddActivity, AddCommand, AddMember, AddMetric, AddPlan, AddTarget};
use crate::command::{Context, EXIT_INVALID, paths_or_here};
use crate::error::Error;
use crate::lang::Lang;
use crate::model::workspace::Workspace;
use crate::write::entry::{self as add, Entry, Field};
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
    let paths = paths_or_here(&target.paths);
    let config = cx.config.as_deref();
    let first = Workspace::load(&paths, config, cx.today)?;
    let sector = add::sector_to_write(&first, &target.sector, &paths)?;
    let file = add::choose_file(&first, sector, target.file.as_deref(), entry.year)?;
    drop(first);
    // The workspace is read again from the file's bytes under the lock (`entry::append`).
    let at = add::Workplace { paths: &paths, config, today: cx.today };
    let appended = add::append(&at, &file, std::slice::from_ref(&entry), false)?;
    let after = &appended.after;
    let code = if appended.errors.is_empty() { 0 } else { EXIT_INVALID };
    let mut messages = match code {
        0 => cx.report(&appended.warnings, &after.sources, false),
        _ => cx.report(&appended.errors, &after.sources, false),
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
        Lang::Zh => format!("已添加到 {}\n", file.display()),
        Lang::En => format!("added to {}\n", file.display()),
    };
    output::print(done.as_bytes())?;
    Ok(0)
}
