//! One file per subcommand; each says in its first lines what it reads and what it writes.
//! This module holds what they share: the context built from the global options, loading a
//! workspace for a report, and writing an output where `-o` says.

pub mod add;
pub mod completions;
pub mod diff;
pub mod explain;
pub mod import;
pub mod init;
pub mod schema;
pub mod summarize;
pub mod template;
pub mod validate;

use std::io::IsTerminal;
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::cli::{Cli, ColorChoice, Command, OutputArgs};
use crate::diagnostic::Severity;
use crate::error::Error;
use crate::lang::Lang;
use crate::model::workspace::Workspace;
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
pub fn dispatch(cli: Cli, lang: Lang) -> Result<i32, Error> {
    let cx = Context::new(&cli, lang)?;
    match cli.command {
        Command::Validate { paths, strict, format } => validate::run(&cx, &paths, strict, format),
        Command::Explain { code } => explain::run(&cx, code),
        Command::Schema => schema::run(cli.config.is_some()),
        Command::Completions { shell } => completions::run(shell),
        Command::Summarize(args) => summarize::run(&cx, args),
        Command::Diff(args) => diff::run(&cx, args),
        Command::Init { sector, dir, year } => init::run(&cx, &sector, &dir, year),
        Command::Add { entry } => add::run(&cx, entry),
        Command::Import(args) => import::run(&cx, args),
        Command::Template { which } => template::run(which),
    }
}

impl Context {
    /// The context of a run: language, quietness, colour, the configuration file and today.
    fn new(cli: &Cli, lang: Lang) -> Result<Context, Error> {
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
                let reason = lang.pick("需要配置文件的路径", "a file path is needed").to_string();
                return Err(Error::BadArgument { flag: "--config", value: String::new(), reason });
            }
        };
        Ok(Context {
            lang,
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
                print_diagnostics(cx, &workspace);
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
    print_diagnostics(cx, &workspace);
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

/// The format asked for, else the one the output file's extension names, else a table. An
/// output file whose extension names no format (and no `--format`) is a usage error.
/// With `--template`, what standard output gets is the template's Markdown.
pub fn format_of(args: &OutputArgs) -> Result<Format, Error> {
    let default = if args.template.is_some() { Format::Markdown } else { Format::Table };
    match (args.format, args.output.as_deref()) {
        (Some(format), _) => Ok(format),
        (None, None) => Ok(default),
        // Standard output (`-o -`), and a device or a pipe without an extension
        // (`-o /dev/stdout`), get what standard output gets.
        (None, Some(path)) if path.extension().is_none() && !is_plain_target(path) => Ok(default),
        (None, Some(path)) => Format::from_extension(path).ok_or_else(|| Error::UnknownExtension {
            path: path.to_path_buf(),
            known: Format::EXTENSIONS,
        }),
    }
}

/// Whether `-o` names a file to write (one that exists as a regular file, or not yet), not
/// standard output, a device or a pipe.
fn is_plain_target(path: &std::path::Path) -> bool {
    path.as_os_str() != "-" && std::fs::metadata(path).map_or(true, |m| m.is_file())
}

pub fn render_options(cx: &Context, args: &OutputArgs) -> render::Options {
    // Tables fit the terminal only when they are shown on one: its width is `COLUMNS` when
    // set (so that a pipe into `less` or a test can ask for one), else the terminal's own.
    let width = match &args.output {
        Some(_) => None,
        None => columns().or_else(|| {
            let on_terminal = std::io::stdout().is_terminal();
            on_terminal.then(terminal_size::terminal_size).flatten().map(|(w, _)| w.0)
        }),
    };
    render::Options {
        lang: cx.lang,
        width,
        excel: args.excel,
        raw: args.raw,
        document: render::docx::Style::default(),
    }
}

/// The user's template (`--template FILE`), read before any data is loaded; it makes a Markdown
/// document, written as it is or turned into Word, so it goes with the Markdown and Word
/// formats and the full view only.
pub fn user_template(
    args: &OutputArgs,
    format: &Result<Format, Error>,
    full: bool,
) -> Result<Option<render::template::Template>, Error> {
    let Some(path) = &args.template else { return Ok(None) };
    if !matches!(format, Ok(Format::Markdown | Format::Docx)) || !full {
        return Err(Error::TemplateFormat);
    }
    render::template::Template::from_file(path)
        .map(Some)
        .map_err(|source| Error::ReadTemplate { path: path.clone(), source })
}

/// The format asked for, checked before loading: an `-o` file whose extension names no format
/// is refused at once, except a `.toml`, which may be a data file: that refusal, which says
/// more, comes after loading (`resolve_format`).
pub fn early_format(args: &OutputArgs) -> Result<Result<Format, Error>, Error> {
    let toml = args.output.as_deref().and_then(|p| p.extension()).is_some_and(|e| e == "toml");
    match format_of(args) {
        Err(error) if !toml => Err(error),
        format => Ok(format),
    }
}

/// The format of the output, once the workspace is loaded: an `-o` file whose extension names
/// no format is refused, after the check that it is no data file.
pub fn resolve_format(
    format: Result<Format, Error>,
    args: &OutputArgs,
    paths: &[PathBuf],
    workspace: &Workspace,
) -> Result<Format, Error> {
    format.or_else(|error| {
        if let Some(path) = args.output.as_deref() {
            let data_files: Vec<PathBuf> =
                workspace.sources.iter().map(|s| s.path.clone()).collect();
            output::refuse_data_file(path, &data_files, &paths_or_here(paths))?;
        }
        Err(error)
    })
}

/// `COLUMNS`, when it holds a usable width.
fn columns() -> Option<u16> {
    std::env::var("COLUMNS").ok()?.trim().parse().ok().filter(|w| *w > 0)
}

/// Writes an output where `-o` says, refusing to overwrite a data file; a file written is
/// confirmed on standard error (unless `-q`) with its format, view and size, as `init` and
/// `add` confirm theirs. `format` and `view` are the values of `--format` and `--view`.
pub fn write_output(
    cx: &Context,
    args: &OutputArgs,
    paths: &[PathBuf],
    workspace: &Workspace,
    (format, view): (&str, &str),
    write: output::Writing<'_>,
) -> Result<(), Error> {
    let data_files: Vec<PathBuf> = workspace.sources.iter().map(|s| s.path.clone()).collect();
    output::emit(args.output.as_deref(), write, &data_files, &paths_or_here(paths))?;
    // A file is confirmed; standard output (`-o -`), a device or a pipe shows what it got.
    if let Some(path) = &args.output
        && !cx.quiet
        && is_plain_target(path)
    {
        let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        let path = path.display();
        eprintln!(
            "{}",
            match cx.lang {
                Lang::Zh => format!("已写入 {path}（{format}，视图 {view}，{size} 字节）"),
                Lang::En => format!("wrote {path} ({format}, view {view}, {size} bytes)"),
            }
        );
    }
    Ok(())
}

/// The name of a value as the command line writes it (`--format markdown`, `--view full`).
pub fn value_name(value: &impl clap::ValueEnum) -> String {
    value.to_possible_value().map(|v| v.get_name().to_string()).unwrap_or_default()
}

/// The process ends right after a command: freeing a large model piece by piece would only
/// cost time (a few percent of a national-scale run), so it is left to the operating system.
pub fn exit_soon<T>(model: T) {
    std::mem::forget(model);
}
