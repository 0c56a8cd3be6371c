//! A report's output, planned once (`OutputPlan`) before the workspace is loaded: where it goes
//! (`-o`), its format (asked for, or named by the file's extension), its view and the user's
//! template; then decided once the data is loaded (`Output`), and written where `-o` says.
//! `summarize` and `diff` share it.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::cli::OutputArgs;
use crate::command::{Context, paths_or_here, value_name};
use crate::error::Error;
use crate::lang::Lang;
use crate::model::workspace::Workspace;
use crate::render::template::Template;
use crate::render::{self, Format, View};
use crate::write::output;

/// The output as planned before loading. The format may still be a refusal: an `-o` file whose
/// extension names no format is refused at once, except a `.toml`, which may be a data file:
/// that refusal, which says more, waits for the data (`decide`).
pub struct OutputPlan<'a, V> {
    args: &'a OutputArgs,
    paths: &'a [PathBuf],
    format: Result<Format, Error>,
    view: V,
    template: Option<Template>,
}

/// The output once the data is loaded: everything known, the data files that `-o` may not
/// overwrite included, so that the workspace can be dropped before the output is made.
pub struct Output<'a, V> {
    args: &'a OutputArgs,
    paths: &'a [PathBuf],
    data_files: Vec<PathBuf>,
    pub format: Format,
    pub view: V,
    pub template: Option<Template>,
}

impl<'a, V: View> OutputPlan<'a, V> {
    /// The plan of `args` with the view asked for; a CSV of the full view, or a template with
    /// another format or view, is refused here, before anything is loaded.
    pub fn new(args: &'a OutputArgs, paths: &'a [PathBuf], view: Option<V>) -> Result<Self, Error> {
        let format = early_format(args)?;
        let view = view.unwrap_or(V::default_for(*format.as_ref().unwrap_or(&Format::Table)));
        if matches!(format, Ok(Format::Csv)) && view == V::FULL {
            return Err(Error::FullCsv);
        }
        let template = user_template(args, &format, view == V::FULL)?;
        Ok(OutputPlan { args, paths, format, view, template })
    }

    /// The output once `workspace` is loaded: the format refused now, if it is one.
    pub fn decide(self, workspace: &Workspace) -> Result<Output<'a, V>, Error> {
        let format = resolve_format(self.format, self.args, self.paths, workspace)?;
        let OutputPlan { args, paths, view, template, .. } = self;
        let data_files = data_files(workspace, args.output.as_deref());
        Ok(Output { args, paths, data_files, format, view, template })
    }
}

impl<V: View> Output<'_, V> {
    /// How to render: the language, the terminal's width, the CSV flavour, the Word style.
    pub fn options(&self, cx: &Context, workspace: &Workspace) -> render::Options {
        let mut options = render_options(cx, self.args);
        options.word_style = render::docx::Style::from_config(&workspace.word_style);
        options
    }

    /// Writes the output where `-o` says (see `write_output`).
    pub fn write(&self, cx: &Context, write: output::Writing<'_>) -> Result<(), Error> {
        let named = (value_name(&self.format), value_name(&self.view));
        write_output(cx, self.args, self.paths, &self.data_files, (&named.0, &named.1), write)
    }

    /// Writes bytes rendered in memory.
    pub fn write_bytes(&self, cx: &Context, bytes: &[u8]) -> Result<(), Error> {
        self.write(cx, &mut |out| out.write_all(bytes))
    }
}

/// The format asked for, else the one the output file's extension names, else a table. An
/// output file whose extension names no format (and no `--format`) is a usage error.
/// With `--template`, what standard output gets is the template's Markdown.
fn format_of(args: &OutputArgs) -> Result<Format, Error> {
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

fn render_options(cx: &Context, args: &OutputArgs) -> render::Options {
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
        word_style: render::docx::Style::default(),
    }
}

/// The user's template (`--template FILE`), read before any data is loaded; it makes a Markdown
/// document, written as it is or turned into Word, so it goes with the Markdown and Word
/// formats and the full view only.
fn user_template(
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
fn early_format(args: &OutputArgs) -> Result<Result<Format, Error>, Error> {
    let toml = args.output.as_deref().and_then(|p| p.extension()).is_some_and(|e| e == "toml");
    match format_of(args) {
        Err(error) if !toml => Err(error),
        format => Ok(format),
    }
}

/// The format of the output, once the workspace is loaded: an `-o` file whose extension names
/// no format is refused, after the check that it is no data file.
fn resolve_format(
    format: Result<Format, Error>,
    args: &OutputArgs,
    paths: &[PathBuf],
    workspace: &Workspace,
) -> Result<Format, Error> {
    format.or_else(|error| {
        if let Some(path) = args.output.as_deref() {
            output::refuse_data_file(
                path,
                &data_files(workspace, Some(path)),
                &paths_or_here(paths),
            )?;
        }
        Err(error)
    })
}

/// The workspace's data files that `-o` names, which an output never overwrites: only those
/// are kept, not a copy of every path (100,000 sector files, SPEC §7).
fn data_files(workspace: &Workspace, target: Option<&Path>) -> Vec<PathBuf> {
    let Some(target) = target.filter(|t| t.as_os_str() != "-") else { return Vec::new() };
    let target = output::canonical(target);
    let paths = workspace.sources.iter().map(|s| &s.path);
    paths.filter(|path| output::canonical(path) == target).cloned().collect()
}

/// `COLUMNS`, when it holds a usable width.
fn columns() -> Option<u16> {
    std::env::var("COLUMNS").ok()?.trim().parse().ok().filter(|w| *w > 0)
}

/// Writes an output where `-o` says, refusing to overwrite a data file; a file written is
/// confirmed on standard error (unless `-q`) with its format, view and size, as `init` and
/// `add` confirm theirs. `format` and `view` are the values of `--format` and `--view`.
fn write_output(
    cx: &Context,
    args: &OutputArgs,
    paths: &[PathBuf],
    data_files: &[PathBuf],
    (format, view): (&str, &str),
    write: output::Writing<'_>,
) -> Result<(), Error> {
    output::emit(args.output.as_deref(), write, data_files, &paths_or_here(paths))?;
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
