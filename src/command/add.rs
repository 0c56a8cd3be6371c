//! `jiebie add activity|plan|metric`: reads the workspace; appends one entry to a sector's
//! file (under its lock, atomically, after validating the workspace with the entry in place)
//! and says where.

use crate::cli::{AddCommand, AddTarget};
use crate::command::{Context, EXIT_INVALID, paths_or_here};
use crate::error::Error;
use crate::lang::Lang;
use crate::model::workspace::Workspace;
use crate::write::entry::{self as add, Entry, Field};
use crate::write::output;

/// The entry of an `add` command, and where it goes.
fn entry_of(command: AddCommand) -> (AddTarget, Entry) {
    let text = |s: Option<String>| s.map(Field::Text);
    match command {
        AddCommand::Activity(a) => {
            let mut entry = Entry::new("activity", add::year_of(&a.date));
            entry.set_opt("id", text(a.id));
            entry.set("date", Field::Date(a.date));
            entry.set_opt("end_date", a.end_date.map(Field::Date));
            entry.set("kind", Field::Text(a.kind));
            entry.set("title", Field::Text(a.title));
            entry.set_opt("summary", text(a.summary));
            entry.set_opt("location", text(a.location));
            entry.set_opt(
                "participants",
                a.participants.map(|n| Field::Integer(n.min(i64::MAX as u64) as i64)),
            );
            entry.set("partners", Field::List(a.partners));
            entry.set("organizers", Field::List(a.organizers));
            entry.set("tags", Field::List(a.tags));
            entry.set("outcomes", Field::List(a.outcomes));
            entry.set_opt("plan", text(a.plan));
            entry.set_opt("brand", text(a.brand));
            if a.highlight {
                entry.set("highlight", Field::Bool(true));
            }
            (a.target, entry)
        }
        AddCommand::Plan(p) => {
            let mut entry = Entry::new("plan", Some(p.year));
            entry.set("id", Field::Text(p.id));
            entry.set("year", Field::Integer(i64::from(p.year)));
            entry.set("title", Field::Text(p.title));
            entry.set_opt("kind", text(p.kind));
            entry.set_opt("detail", text(p.detail));
            entry.set("tags", Field::List(p.tags));
            (p.target, entry)
        }
        AddCommand::Metric(m) => {
            let mut entry = Entry::new("metric", Some(m.year));
            entry.set("year", Field::Integer(i64::from(m.year)));
            entry.set("name", Field::Text(m.name));
            entry.set("value", m.value);
            entry.set_opt("unit", text(m.unit));
            entry.set_opt("target", m.target);
            entry.set_opt("note", text(m.note));
            (m.target_of, entry)
        }
    }
}

/// Appends an entry after validating the workspace with it in place; the file is changed
/// under its lock, and never over a change made meanwhile (`entry::commit`).
pub fn run(cx: &Context, command: AddCommand) -> Result<i32, Error> {
    let (target, entry) = entry_of(command);
    let paths = paths_or_here(&target.paths);
    let config = cx.config.as_deref();
    let first = Workspace::load(&paths, config, cx.today)?;
    let file = add::choose_file(&first, &target.sector, target.file.as_deref(), entry.year)?;
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
    let appended = add::append(&at, &file, std::slice::from_ref(&entry), false)?;
    let after = &appended.after;
    let mut messages = String::new();
    let code = if appended.errors.is_empty() {
        if !cx.quiet {
            for diagnostic in &appended.warnings {
                messages.push_str(&diagnostic.render(&after.sources, cx.lang, cx.color_stderr));
                messages.push('\n');
            }
        }
        0
    } else {
        for diagnostic in &appended.errors {
            messages.push_str(&diagnostic.render(&after.sources, cx.lang, cx.color_stderr));
            messages.push('\n');
        }
        messages.push_str(match cx.lang {
            Lang::Zh => "未写入：新条目会带来上述错误\n",
            Lang::En => "nothing written: the new entry would add the errors above\n",
        });
        EXIT_INVALID
    };
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
