//! From the report or the diff to bytes, in the chosen format and view. Each format is a module
//! with its own `summary` and `diff` (hyperfine's `export/`); this file only picks one.
//!
//! - `view`: the views and the `Grid` of each (`grid`, with the words of `labels`), the one
//!   table shared by `terminal`, `csv`, `markdown` and `xlsx`;
//! - `json`: the models serialised, which are also a template's context;
//! - `template`: the Markdown documents of view `full` and of `--template`;
//! - `docx`: Word, written from a Markdown document read into `blocks`, so that the two never
//!   drift.

pub mod blocks;
pub mod bounds;
pub mod csv;
pub mod docx;
pub mod grid;
pub mod json;
pub mod labels;
pub mod markdown;
pub mod template;
pub mod terminal;
pub mod view;
pub mod xlsx;

pub use json::{DiffDocument, SummaryDocument, diff_json, summary_json};
pub use view::{DiffView, SummaryView};

use std::io::{self, Write};

use crate::error::Error;
use crate::lang::Lang;
use crate::numbers::diff::Diff;
use crate::numbers::report::Report;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// 终端表格（没有 -o 时的默认）/ terminal tables (the default without -o)
    Table,
    /// CSV，一次一个视图；--excel 便于 Excel/WPS 打开 / CSV, one view; --excel for Excel/WPS
    Csv,
    /// Markdown 报告（Word 文档请用 docx）/ a Markdown report (for Word, use docx)
    Markdown,
    /// JSON，供脚本使用 / JSON, for scripts
    Json,
    /// Word 文档（公文格式，GB/T 9704）/ a Word document in official style (SPEC §8)
    Docx,
    /// Excel 工作簿，每个视图一张表 / an Excel workbook, a sheet per view (SPEC §9)
    Xlsx,
}

impl Format {
    /// The extensions of the files jiebie writes, for the message that lists them.
    pub const EXTENSIONS: &[&str] = &[".txt", ".csv", ".md", ".json", ".docx", ".xlsx"];

    /// The format an output file's extension asks for.
    pub fn from_extension(path: &std::path::Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "txt" => Some(Format::Table),
            "csv" => Some(Format::Csv),
            "md" | "markdown" => Some(Format::Markdown),
            "json" => Some(Format::Json),
            "docx" => Some(Format::Docx),
            "xlsx" => Some(Format::Xlsx),
            _ => None,
        }
    }
}

/// What `summarize`'s and `diff`'s views share: a `full` view, and a default per format.
pub trait View: Copy + PartialEq + clap::ValueEnum {
    const FULL: Self;
    fn default_for(format: Format) -> Self;
}

impl View for SummaryView {
    const FULL: Self = SummaryView::Full;
    /// `overview` for CSV, `full` otherwise.
    fn default_for(format: Format) -> Self {
        if format == Format::Csv { SummaryView::Overview } else { SummaryView::Full }
    }
}

impl View for DiffView {
    const FULL: Self = DiffView::Full;
    /// `sectors` for CSV, `full` otherwise.
    fn default_for(format: Format) -> Self {
        if format == Format::Csv { DiffView::Sectors } else { DiffView::Full }
    }
}

/// How to render, beyond format and view.
pub struct Options {
    pub lang: Lang,
    /// The terminal's width, when the table goes to a terminal.
    pub width: Option<u16>,
    pub excel: bool,
    pub raw: bool,
    /// The fonts and sizes of the Word document.
    pub word_style: docx::Style,
}

impl Options {
    fn csv(&self) -> csv::CsvOptions {
        csv::CsvOptions { excel: self.excel, raw: self.raw }
    }
}

/// What writes an output as it is made, as often as it is asked to.
pub type Writer<'a> = Box<dyn FnMut(&mut dyn Write) -> io::Result<()> + 'a>;

/// The yearly report in a format and view. The terminal's tables and CSV are written as they
/// are made, never held whole (a table of a million activities, SPEC §7); the other formats
/// are made first.
pub fn summary<'a>(
    report: &'a Report,
    format: Format,
    view: SummaryView,
    options: &'a Options,
) -> Result<Writer<'a>, Error> {
    let lang = options.lang;
    let bytes = match format {
        Format::Table => {
            return Ok(Box::new(move |out| {
                terminal::summary(report, view, lang, options.width, out)
            }));
        }
        Format::Csv => {
            let grid = csv::summary(report, view, lang)?;
            return Ok(Box::new(move |out| csv::csv(&grid, lang, &options.csv(), out)));
        }
        Format::Json => json::summary(report, view, lang),
        Format::Markdown | Format::Docx | Format::Xlsx => {
            let document = Document::summary(report, format, view, None, lang)?;
            document.bytes(format, None, &options.word_style, lang)?
        }
    };
    Ok(Box::new(move |out| out.write_all(&bytes)))
}

/// The yearly report as a document — Markdown, Word or the workbook — made so far from the
/// report as needs it, and owning all it holds: the report and the workspace it borrows can be
/// dropped before it is finished (SPEC §7: they are most of the memory of a large one).
pub enum Document {
    /// View `full`, or a user's template: the template's context, still to be rendered.
    Template(template::Prepared),
    /// Another view's Markdown.
    Markdown(String),
    /// The workbook, its sheets written.
    Sheets(xlsx::Built),
}

impl Document {
    /// The formats made as documents.
    pub fn is_format(format: Format) -> bool {
        matches!(format, Format::Markdown | Format::Docx | Format::Xlsx)
    }

    /// The report's document in a format of `is_format`: view `full` of Markdown and Word is
    /// the built-in template's document, `template` the user's.
    pub fn summary(
        report: &Report,
        format: Format,
        view: SummaryView,
        template: Option<&template::Template>,
        lang: Lang,
    ) -> Result<Document, Error> {
        Ok(match format {
            Format::Xlsx => Document::Sheets(xlsx::summary_sheets(report, view, lang)?),
            _ if template.is_some() || view == SummaryView::Full => {
                Document::Template(template::Prepared::summary(report, lang))
            }
            _ => Document::Markdown(markdown::summary(report, view, lang)),
        })
    }

    /// The finished bytes: a template rendered (`template`, else the built-in one), Word made
    /// from the Markdown alone.
    pub fn bytes(
        self,
        format: Format,
        template: Option<&template::Template>,
        style: &docx::Style,
        lang: Lang,
    ) -> Result<Vec<u8>, Error> {
        let markdown = match self {
            Document::Sheets(sheets) => return sheets.save(),
            Document::Template(prepared) => match template {
                Some(template) => prepared.render(template, lang)?,
                None => prepared.render(&template::built_in_summary(), lang)?,
            },
            Document::Markdown(markdown) => markdown,
        };
        Ok(match format {
            Format::Docx => docx::from_markdown(markdown.into_bytes(), style),
            _ => markdown.into_bytes(),
        })
    }
}

/// The comparison of two years in a format and view, written as `summary` writes.
pub fn diff<'a>(
    diff: &'a Diff,
    organization: Option<&'a str>,
    format: Format,
    view: DiffView,
    options: &'a Options,
) -> Result<Writer<'a>, Error> {
    let lang = options.lang;
    let bytes = match format {
        Format::Table => {
            let width = options.width;
            return Ok(Box::new(move |out| {
                terminal::diff(diff, organization, view, lang, width, out)
            }));
        }
        Format::Csv => {
            let grid = csv::diff(diff, view, lang)?;
            return Ok(Box::new(move |out| csv::csv(&grid, lang, &options.csv(), out)));
        }
        Format::Markdown => diff_markdown(diff, organization, view, lang)?.into_bytes(),
        Format::Json => json::diff(diff, organization, view, lang),
        Format::Docx => {
            let markdown = diff_markdown(diff, organization, view, lang)?;
            docx::from_markdown(markdown.into_bytes(), &options.word_style)
        }
        Format::Xlsx => xlsx::diff(diff, organization, view, lang)?,
    };
    Ok(Box::new(move |out| out.write_all(&bytes)))
}

/// The comparison in Markdown: view `full` is the built-in template's document.
fn diff_markdown(
    diff: &Diff,
    organization: Option<&str>,
    view: DiffView,
    lang: Lang,
) -> Result<String, Error> {
    if view == DiffView::Full {
        template::diff(diff, organization, &template::built_in_diff(), lang)
    } else {
        Ok(markdown::diff(diff, organization, view, lang))
    }
}

/// A template's Markdown in the format asked for: as it is, or through the Word writer.
pub fn templated(markdown: String, format: Format, style: &docx::Style) -> Vec<u8> {
    match format {
        Format::Docx => docx::from_markdown(markdown.into_bytes(), style),
        _ => markdown.into_bytes(),
    }
}
