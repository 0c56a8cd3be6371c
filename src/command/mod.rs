//! One file per subcommand; each says in its first lines what it reads and what it writes.
//! This module holds what they share: the context built from the global options, loading a
//! workspace for a report, and writing an output where `-o` says.

pub mod add;
pub mod completions;
pub mod diff;
pub mod explain;
pub mod init;
pub mod schema;
pub mod summarize;
pub mod validate;

use std::io::IsTerminal;
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::cli::{Cli, ColorChoice, Command, OutputArgs};
use crate::error::Error;
use crate::lang::Lang;
use crate::model::workspace::Workspace;
use crate::read::diagnostic::Severity;
use crate::render::{self, Format};
use crate::write::output;

/// Exit code: the data is invalid (SPEC §3.1).
pub const EXIT_INVALID: i32 = 1;

/// The settings every command shares, from the global options and the environment.
pub struct Context {
    pub lang: Lang,
    pub quiet: bool,
    pub config: Option<PathBuf>,
    pub color_stdout: bool,
    pub color_stderr: bool,
    pub today: NaiveDate,
}

/// Builds the context from the global options, then hands off to the command.
pub fn dispatch(cli: Cli) -> Result<i32, Error> {
    let cx = Context::new(&cli)?;
    match cli.command {
        Command::Validate { paths, strict, format } => validate::run(&cx, &paths, strict, format),
        Command::Explain { code } => explain::run(&cx, code),
        Command::Schema => schema::run(cli.config.is_some()),
        Command::Completions { shell } => completions::run(shell),
        Command::Summarize(args) => summarize::run(&cx, args),
        Command::Diff(args) => diff::run(&cx, args),
        Command::Init { sector, dir, year } => init::run(&cx, &sector, &dir, year),
        Command::Add { entry } => add::run(&cx, entry),
    }
}

impl Context {
    /// The context of a run: language, quietness, colour, the configuration file and today.
    fn new(cli: &Cli) -> Result<Context, Error> {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color = |terminal: bool| match cli.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => terminal && !no_color,
        };
        let config = match (&cli.command, cli.config.clone()) {
            (Command::Schema, _) | (_, None) => None,
            (_, Some(Some(path))) => Some(path),
            (_, Some(None)) => {
                let reason =
                    cli.lang.pick("需要配置文件的路径", "a file path is needed").to_string();
                return Err(Error::BadArgument { flag: "--config", value: String::new(), reason });
            }
        };
        Ok(Context {
            lang: cli.lang,
            quiet: cli.quiet,
            config,
            color_stdout: color(std::io::stdout().is_terminal()),
            color_stderr: color(std::io::stderr().is_terminal()),
            today: today(),
        })
    }
}

/// Today, or `JIEBIE_TODAY` (YYYY-MM-DD) so that runs can be reproduced.
pub fn today() -> NaiveDate {
    std::env::var("JIEBIE_TODAY")
        .ok()
        .and_then(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// PATHS default to the current directory.
pub fn paths_or_here(paths: &[PathBuf]) -> Vec<PathBuf> {
    if paths.is_empty() { vec![PathBuf::from(".")] } else { paths.to_vec() }
}

/// Loads the workspace for a report command. When the data is invalid, prints the
/// diagnostics to standard error and returns None (exit 1, nothing written).
pub fn load_for_report(
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
pub fn print_diagnostics(cx: &Context, workspace: &Workspace) {
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
pub fn format_of(args: &OutputArgs) -> Format {
    args.format
        .or_else(|| args.output.as_deref().and_then(Format::from_extension))
        .unwrap_or(Format::Table)
}

pub fn render_options(cx: &Context, args: &OutputArgs) -> render::Options {
    // Tables wrap to the terminal only when they are shown on one.
    let on_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let width = on_terminal.then(terminal_size::terminal_size).flatten().map(|(w, _)| w.0);
    render::Options {
        lang: cx.lang,
        width,
        excel: args.excel,
        raw: args.raw,
        document: render::docx::Style::default(),
    }
}

/// Writes an output where `-o` says, refusing to overwrite a data file.
pub fn write_output(
    args: &OutputArgs,
    paths: &[PathBuf],
    workspace: &Workspace,
    write: output::Writing<'_>,
) -> Result<(), Error> {
    let data_files: Vec<PathBuf> = workspace.sources.iter().map(|s| s.path.clone()).collect();
    output::emit(args.output.as_deref(), write, &data_files, &paths_or_here(paths))
}

/// The process ends right after a command: freeing a large model piece by piece would only
/// cost time (a few percent of a national-scale run), so it is left to the operating system.
pub fn exit_soon<T>(model: T) {
    std::mem::forget(model);
}
