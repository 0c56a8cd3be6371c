//! One file per subcommand; each says in its first lines what it reads and what it writes.
//! This module holds the context they share, built from the global options, with the one
//! reporter of diagnostics; `load` loads a workspace for a report, and `output` plans and writes
//! a report's output (target, format, view, template).

pub mod add;
pub mod completions;
pub mod diff;
pub mod explain;
pub mod import;
pub mod init;
pub mod load;
pub mod output;
pub mod schema;
pub mod summarize;
pub mod template;
pub mod validate;

use std::io::IsTerminal;
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::cli::{Cli, ColorChoice, Command};
use crate::diagnostic::{Diagnostic, Severity, Source};
use crate::error::Error;
use crate::lang::Lang;
use crate::model::workspace::Workspace;

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
        Command::Init { sector, dir, year, force } => init::run(&cx, &sector, &dir, year, force),
        Command::Add { entry } => add::run(&cx, entry),
        Command::Import(args) => import::run(&cx, args),
        Command::Template { which } => template::run(which),
    }
}

impl Context {
    /// Diagnostics as text, in the order given; warnings are left out under `-q`. For
    /// standard error unless `stdout` (then colour follows standard output).
    pub fn report<'d>(
        &self,
        diagnostics: impl IntoIterator<Item = &'d Diagnostic>,
        sources: &[Source],
        stdout: bool,
    ) -> String {
        let color = if stdout { self.color_stdout } else { self.color_stderr };
        let mut text = String::new();
        for diagnostic in diagnostics {
            if self.quiet && diagnostic.severity() == Severity::Warning {
                continue;
            }
            text.push_str(&diagnostic.render(sources, self.lang, color));
            text.push('\n');
        }
        text
    }

    /// A workspace's diagnostics on standard error (warnings unless `-q`).
    pub fn print_diagnostics(&self, workspace: &Workspace) {
        eprint!("{}", self.report(&workspace.diagnostics, &workspace.sources, false));
    }

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

/// The name of a value as the command line writes it (`--format markdown`, `--view full`).
pub fn value_name(value: &impl clap::ValueEnum) -> String {
    value.to_possible_value().map(|v| v.get_name().to_string()).unwrap_or_default()
}

/// The process ends right after a command: freeing a large model piece by piece would only
/// cost time (a few percent of a national-scale run), so it is left to the operating system.
pub fn exit_soon<T>(model: T) {
    std::mem::forget(model);
}
