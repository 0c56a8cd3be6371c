//! jiebie (界别): compile the yearly work summaries of the sectors of a political consultative
//! conference from TOML files — validate them, merge them into a yearly report, export it, and
//! compare years.
//!
//! One pipeline, one direction; each folder is a stage and imports only the ones above it:
//!
//! - `text`: characters that must not reach a terminal raw, or hide in a name;
//! - `terms`: the domain's words (dates of any precision, activity kinds, sector names) and the
//!   field table of each entity (`terms::fields`);
//! - `diagnostic`: problems in the data — what, where, their codes and explanations, wording,
//!   and rendering as text or JSON;
//! - `read`: files found, decoded and parsed into the file format's types; spreadsheets read;
//! - `model`: the files merged into sectors (`workspace`) and checked across them (`validate`);
//! - `numbers`: every figure of a year (`report`) and of two years (`diff`), computed once;
//! - `render`: one module per format (terminal, CSV, Markdown, JSON, xlsx, docx, templates);
//! - `write`: bytes to standard output or a file, and entries appended to a sector file;
//! - `import`: a spreadsheet's rows turned into new entries of a sector;
//! - `command`: one short file per subcommand, built from the stages above.
//!
//! `usage` retells clap's usage errors in Chinese. `run()` parses the arguments (`cli`), builds
//! the context, and hands off to the command.

#![forbid(unsafe_code)]

pub mod cli;
pub mod command;
pub mod diagnostic;
pub mod error;
pub mod import;
pub mod lang;
pub mod model;
pub mod numbers;
pub mod read;
pub mod render;
pub mod terms;
pub mod text;
pub mod usage;
pub mod write;

/// Hash maps and sets with a fast hasher (foldhash). Their keys are the user's own names and
/// ids; SipHash's guard against crafted collisions cost a twentieth of a run. Nothing iterates
/// them to produce output, so the seed never shows.
pub type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
pub type HashSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;

use clap::FromArgMatches;

use crate::cli::Cli;
use crate::lang::Lang;

/// How the executable gives memory freed back to the system, then and from then on (mimalloc
/// keeps it a while, to use it again); set by `main`, none where the library runs on its own
/// (fuzzing, property tests). Without it, the Word document of 100,000 sector files was made
/// beside 10–25 MB of memory freed, over the memory bound (SPEC §7).
static GIVE_BACK: std::sync::OnceLock<fn()> = std::sync::OnceLock::new();

/// Sets how memory freed is given back (see `GIVE_BACK`); the first call counts.
pub fn set_give_back(give_back: fn()) {
    let _ = GIVE_BACK.set(give_back);
}

/// Gives memory freed back to the system, now and from now on: called by a command that will
/// drop most of its memory, on its one thread.
pub(crate) fn give_back() {
    if let Some(give_back) = GIVE_BACK.get() {
        give_back();
    }
}

/// Runs the command line; returns the process exit code.
pub fn run() -> i32 {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let env = std::env::var("JIEBIE_LANG").ok();
    let (detected, bad_env) = lang::detect(&args, env.as_deref());
    let parsed =
        cli::command(detected).try_get_matches_from(&args).and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(error) => {
            if let Some(value) = &bad_env {
                eprintln!("{}", lang::unknown_env_warning(value));
            }
            return usage_error(&error, detected);
        }
    };
    let lang = cli.lang.unwrap_or(detected);
    if let Some(value) = bad_env.filter(|_| cli.lang.is_none() && !cli.quiet) {
        eprintln!("{}", lang::unknown_env_warning(&value));
    }
    match command::dispatch(cli, lang) {
        Ok(code) => code,
        Err(error) => {
            let label = lang.pick("错误", "error");
            // Whatever data text a message quotes (a sheet's name, a template's line) reaches
            // the terminal escaped.
            eprintln!("{label}: {}", crate::text::escaped_lines(error.message(lang).trim_end()));
            error.exit_code()
        }
    }
}

/// A bad command line: in Chinese (clap's own English only under `--lang en`), exit 2.
fn usage_error(error: &clap::Error, lang: Lang) -> i32 {
    use clap::error::ErrorKind as K;
    if matches!(error.kind(), K::DisplayHelp | K::DisplayVersion) {
        let _ = error.print();
        return 0;
    }
    if lang == Lang::En {
        let _ = error.print();
    } else if error.kind() == K::DisplayHelpOnMissingArgumentOrSubcommand {
        // The help clap shows instead is bilingual already.
        eprintln!("错误: 缺少子命令\n");
        let _ = error.print();
    } else {
        eprint!("{}", usage::usage_error_zh(error));
    }
    2
}
