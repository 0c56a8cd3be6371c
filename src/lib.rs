//! jiebie (界别): compile the yearly work summaries of the sectors of a political consultative
//! conference from TOML files — validate them, merge them into a yearly report, export it as
//! terminal tables, CSV, Markdown or JSON, and compare years.
//!
//! One pipeline, one direction: `loader` reads and `parse`s the files, `workspace` merges and
//! `validate`s them, `report` and `diff` compute every number once, `render` turns them into
//! text, and `output` writes it (atomically to a file).

pub mod cli;
pub mod command;
pub mod error;
pub mod explain;
pub mod lang;
pub mod model;
pub mod numbers;
pub mod read;
pub mod render;
pub mod terms;
pub mod write;

/// Hash maps and sets with a fast hasher (foldhash). Their keys are the user's own names and
/// ids; SipHash's guard against crafted collisions cost a twentieth of a run. Nothing iterates
/// them to produce output, so the seed never shows.
pub type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
pub type HashSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{CommandFactory, Parser};

use crate::cli::{
    AddCommand, AddTarget, Cli, ColorChoice, Command, DiffArgs, OutputArgs, SummarizeArgs,
    ValidateFormat,
};
use crate::error::Error;
use crate::lang::Lang;
use crate::model::workspace::Workspace;
use crate::numbers::diff::Diff;
use crate::numbers::report::Report;
use crate::read::diagnostic::Severity;
use crate::render::{DiffView, Format, SummaryView};
use crate::write::entry::{self as add, Entry, Field};

/// Exit code: the data is invalid (SPEC §3.1).
pub const EXIT_INVALID: i32 = 1;

/// Runs the command line; returns the process exit code.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage_error(&error),
    };
    let lang = cli.lang;
    match dispatch(cli) {
        Ok(code) => code,
        Err(error) => {
            let label = lang.pick("错误", "error");
            eprintln!("{label}: {}", error.message(lang));
            error.exit_code()
        }
    }
}

/// clap's own message (English), after a line in Chinese unless English was asked for.
fn usage_error(error: &clap::Error) -> i32 {
    use clap::error::ErrorKind as K;
    if matches!(error.kind(), K::DisplayHelp | K::DisplayVersion) {
        let _ = error.print();
        return 0;
    }
    let args: Vec<String> = std::env::args().collect();
    let asked = args.iter().position(|a| a == "--lang").and_then(|i| args.get(i + 1).cloned());
    let asked =
        asked.or_else(|| args.iter().find_map(|a| a.strip_prefix("--lang=").map(str::to_string)));
    let english =
        asked.or_else(|| std::env::var("JIEBIE_LANG").ok()).is_some_and(|l| l.trim() == "en");
    if !english {
        let what = match error.kind() {
            K::InvalidValue | K::ValueValidation => "参数的值无效",
            K::UnknownArgument => "未知的参数",
            K::InvalidSubcommand => "未知的子命令",
            K::MissingRequiredArgument => "缺少必需的参数",
            K::MissingSubcommand | K::DisplayHelpOnMissingArgumentOrSubcommand => "缺少子命令",
            K::TooManyValues | K::WrongNumberOfValues | K::TooFewValues => "参数的个数不对",
            K::ArgumentConflict => "参数互相冲突",
            _ => "命令行有误",
        };
        eprintln!("错误: {what}（运行 `jiebie --help` 查看用法；详细信息如下）");
    }
    let _ = error.print();
    2
}

/// The settings every data command shares.
pub struct Context {
    pub lang: Lang,
    pub quiet: bool,
    pub config: Option<PathBuf>,
    pub color_stdout: bool,
    pub color_stderr: bool,
    pub today: NaiveDate,
}

fn dispatch(cli: Cli) -> Result<i32, Error> {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let color = |terminal: bool| match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && !no_color,
    };
    let schema_of_config = cli.config.is_some();
    let config = match (&cli.command, cli.config.clone()) {
        (Command::Schema, _) | (_, None) => None,
        (_, Some(Some(path))) => Some(path),
        (_, Some(None)) => {
            let reason = cli.lang.pick("需要配置文件的路径", "a file path is needed").to_string();
            return Err(Error::BadArgument { flag: "--config", value: String::new(), reason });
        }
    };
    let cx = Context {
        lang: cli.lang,
        quiet: cli.quiet,
        config,
        color_stdout: color(std::io::stdout().is_terminal()),
        color_stderr: color(std::io::stderr().is_terminal()),
        today: today(),
    };
    match cli.command {
        Command::Validate { paths, strict, format } => validate(&cx, &paths, strict, format),
        Command::Explain { code } => {
            let text =
                crate::explain::explain(code.trim(), cx.lang).ok_or(Error::UnknownCode { code })?;
            crate::write::output::print(text.as_bytes())?;
            Ok(0)
        }
        Command::Schema => {
            crate::write::output::print(
                crate::read::schema::json_text(schema_of_config).as_bytes(),
            )?;
            Ok(0)
        }
        Command::Completions { shell } => {
            let mut bytes = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "jiebie", &mut bytes);
            crate::write::output::print(&bytes)?;
            Ok(0)
        }
        Command::Summarize(args) => summarize(&cx, args),
        Command::Diff(args) => diff(&cx, args),
        Command::Init { sector, dir, year } => {
            let path = crate::command::init::target(&dir, &sector)?;
            let year = year.unwrap_or_else(|| chrono::Datelike::year(&cx.today) as u16);
            crate::write::output::write_new(
                &path,
                crate::command::init::template(sector.trim(), year, cx.lang).as_bytes(),
            )?;
            let mut created = vec![path];
            // The template's `#:schema` line names this file: write it unless it is there.
            let schema = dir.join(crate::command::init::SCHEMA_FILE);
            if !schema.exists() {
                crate::write::output::write_new(
                    &schema,
                    crate::read::schema::json_text(false).as_bytes(),
                )?;
                created.push(schema);
            }
            let done: String = created
                .iter()
                .map(|p| match cx.lang {
                    Lang::Zh => format!("已创建 {}\n", p.display()),
                    Lang::En => format!("created {}\n", p.display()),
                })
                .collect();
            crate::write::output::print(done.as_bytes())?;
            Ok(0)
        }
        Command::Add { entry } => add(&cx, entry),
    }
}

/// Today, or `JIEBIE_TODAY` (YYYY-MM-DD) so that runs can be reproduced.
fn today() -> NaiveDate {
    std::env::var("JIEBIE_TODAY")
        .ok()
        .and_then(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// PATHS default to the current directory.
pub fn paths_or_here(paths: &[PathBuf]) -> Vec<PathBuf> {
    if paths.is_empty() { vec![PathBuf::from(".")] } else { paths.to_vec() }
}

fn validate(
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
            let mut text = String::new();
            for diagnostic in &workspace.diagnostics {
                if cx.quiet && diagnostic.severity() == Severity::Warning {
                    continue;
                }
                text.push_str(&diagnostic.render(&workspace.sources, cx.lang, cx.color_stdout));
                text.push('\n');
            }
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
    crate::write::output::print(text.as_bytes())?;
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

/// Loads the workspace for a report command. When the data is invalid, prints the
/// diagnostics to standard error and returns None (exit 1, nothing written).
fn load_for_report(
    cx: &Context,
    paths: &[PathBuf],
    strict: bool,
) -> Result<Option<Workspace>, Error> {
    let mut workspace = Workspace::load(&paths_or_here(paths), cx.config.as_deref(), cx.today)?;
    print_diagnostics(cx, &workspace);
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
    Ok(Some(workspace))
}

/// Diagnostics on standard error (warnings unless `-q`).
fn print_diagnostics(cx: &Context, workspace: &Workspace) {
    let mut text = String::new();
    for diagnostic in &workspace.diagnostics {
        if cx.quiet && diagnostic.severity() == Severity::Warning {
            continue;
        }
        text.push_str(&diagnostic.render(&workspace.sources, cx.lang, cx.color_stderr));
        text.push('\n');
    }
    eprint!("{text}");
}

/// The format asked for, else the one the output file's extension names, else a table.
fn format_of(args: &OutputArgs) -> Format {
    args.format
        .or_else(|| args.output.as_deref().and_then(Format::from_extension))
        .unwrap_or(Format::Table)
}

fn render_options(cx: &Context, args: &OutputArgs) -> render::Options {
    // Tables wrap to the terminal only when they are shown on one.
    let on_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let width = on_terminal.then(terminal_size::terminal_size).flatten().map(|(w, _)| w.0);
    render::Options { lang: cx.lang, width, excel: args.excel, raw: args.raw }
}

/// Writes an output where `-o` says, refusing to overwrite a data file.
fn write_output(
    args: &OutputArgs,
    paths: &[PathBuf],
    workspace: &Workspace,
    write: crate::write::output::Writing<'_>,
) -> Result<(), Error> {
    let data_files: Vec<PathBuf> = workspace.sources.iter().map(|s| s.path.clone()).collect();
    crate::write::output::emit(args.output.as_deref(), write, &data_files, &paths_or_here(paths))
}

fn summarize(cx: &Context, args: SummarizeArgs) -> Result<i32, Error> {
    let format = format_of(&args.output);
    let view = args.view.unwrap_or(SummaryView::default_for(format));
    if format == Format::Csv && view == SummaryView::Full {
        return Err(Error::FullCsv);
    }
    let Some(workspace) = load_for_report(cx, &args.paths, args.output.strict)? else {
        return Ok(EXIT_INVALID);
    };
    let only = workspace.select(&args.output.sectors)?;
    let year = match args.year {
        Some(year) => year,
        None => Report::latest_year(&workspace).ok_or(Error::NoYear)?,
    };
    let report = Report::from_workspace(&workspace, year, &only);
    if (format, view) == (Format::Json, SummaryView::Full) {
        // Written as it is serialised: the largest output, never held whole.
        let write = &mut |out: &mut dyn Write| render::summary_json(&report, out);
        write_output(&args.output, &args.paths, &workspace, write)?;
    } else {
        let bytes = render::summary(&report, format, view, &render_options(cx, &args.output))?;
        write_output(&args.output, &args.paths, &workspace, &mut |out| out.write_all(&bytes))?;
    }
    exit_soon(report);
    exit_soon(workspace);
    Ok(0)
}

fn diff(cx: &Context, args: DiffArgs) -> Result<i32, Error> {
    if args.from == args.to {
        return Err(Error::SameYears { year: args.from });
    }
    let format = format_of(&args.output);
    let view = args.view.unwrap_or(DiffView::default_for(format));
    if format == Format::Csv && view == DiffView::Full {
        return Err(Error::FullCsv);
    }
    let Some(workspace) = load_for_report(cx, &args.paths, args.output.strict)? else {
        return Ok(EXIT_INVALID);
    };
    let only = workspace.select(&args.output.sectors)?;
    let from = Report::from_workspace(&workspace, args.from, &only);
    let to = Report::from_workspace(&workspace, args.to, &only);
    let diff = Diff::from_reports(&from, &to);
    let options = render_options(cx, &args.output);
    let bytes = render::diff(&diff, workspace.organization.as_deref(), format, view, &options)?;
    write_output(&args.output, &args.paths, &workspace, &mut |out| out.write_all(&bytes))?;
    exit_soon((from, to, diff));
    exit_soon(workspace);
    Ok(0)
}

/// The process ends right after a command: freeing a large model piece by piece would only
/// cost time (a few percent of a national-scale run), so it is left to the operating system.
fn exit_soon<T>(model: T) {
    std::mem::forget(model);
}

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

/// Appends an entry after validating the workspace with it in place.
fn add(cx: &Context, command: AddCommand) -> Result<i32, Error> {
    let (target, entry) = entry_of(command);
    let paths = paths_or_here(&target.paths);
    let config = cx.config.as_deref();
    let before = Workspace::load(&paths, config, cx.today)?;
    let file = add::choose_file(&before, &target.sector, target.file.as_deref(), entry.year)?;
    let original =
        std::fs::read(&file).map_err(|source| Error::ReadFile { path: file.clone(), source })?;
    let bytes = add::appended(&original, &entry);
    let after = Workspace::load_replacing(&paths, config, cx.today, Some((&file, &bytes)))?;
    let added = add::new_errors(&before, &after);
    if !added.is_empty() {
        let mut text = String::new();
        for diagnostic in added {
            text.push_str(&diagnostic.render(&after.sources, cx.lang, cx.color_stderr));
            text.push('\n');
        }
        text.push_str(match cx.lang {
            Lang::Zh => "未写入：新条目会带来上述错误\n",
            Lang::En => "nothing written: the new entry would add the errors above\n",
        });
        eprint!("{text}");
        return Ok(EXIT_INVALID);
    }
    if !cx.quiet {
        let warnings: String = add::new_warnings(&before, &after)
            .iter()
            .map(|d| d.render(&after.sources, cx.lang, cx.color_stderr) + "\n")
            .collect();
        eprint!("{warnings}");
    }
    crate::write::output::write_atomic(&file, &bytes)?;
    let done = match cx.lang {
        Lang::Zh => format!("已添加到 {}\n", file.display()),
        Lang::En => format!("added to {}\n", file.display()),
    };
    crate::write::output::print(done.as_bytes())?;
    Ok(0)
}
