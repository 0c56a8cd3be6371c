//! Diagnostics as rustc-style text: a header, `--> file:line:column`, the line of the source
//! with a caret under the exact characters (a CJK character is two columns wide), the help.
//! The same snippet serves template errors (`Snippet`).

use std::fmt::Write;

use unicode_width::UnicodeWidthChar;

use crate::diagnostic::source::Source;
use crate::diagnostic::{Diagnostic, Place, Severity};
use crate::lang::Lang;

impl Diagnostic {
    /// rustc-style text: header, `--> file:line:column`, the source line, carets, help.
    pub fn render(&self, sources: &[Source], lang: Lang, color: bool) -> String {
        let (label, paint) = match (self.severity(), lang) {
            (Severity::Error, Lang::Zh) => ("错误", "\x1b[1;31m"),
            (Severity::Error, Lang::En) => ("error", "\x1b[1;31m"),
            (Severity::Warning, Lang::Zh) => ("警告", "\x1b[1;33m"),
            (Severity::Warning, Lang::En) => ("warning", "\x1b[1;33m"),
        };
        let (bold, blue, reset) =
            if color { ("\x1b[1m", "\x1b[1;34m", "\x1b[0m") } else { ("", "", "") };
        let paint = if color { paint } else { "" };
        let colors = &Colors { blue, carets: paint, reset };
        let mut out = String::new();
        // A value given on the command line is named by its option, before the message.
        let option = match &self.place {
            Some(Place::Flag(flag)) => {
                lang.pick("参数 `--", "option `--").to_string() + flag + "`" + lang.pick("：", ": ")
            }
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "{paint}{label}[{}]{reset}{bold}: {option}{}{reset}",
            self.code(),
            crate::text::escaped(&self.message(lang, sources))
        );
        let help_label = lang.pick("帮助", "help");
        let help = self.help(lang);
        let help = crate::text::escaped(&help);
        let Some(place) = self.place.as_ref().filter(|p| !matches!(p, Place::Flag(_))) else {
            let _ = writeln!(out, "  {blue}={reset} {help_label}: {help}");
            self.write_note(&mut out, sources, lang, "  ", blue, reset);
            return out;
        };
        let (file, span) = match place {
            Place::Span { file, span } => (*file, Some(span)),
            Place::File(file) => (*file, None),
            Place::Flag(_) => unreachable!("filtered above"),
            Place::Cell(cell) => {
                // The cell's name stands in the gutter where a line number would.
                let name = cell.name();
                let text: String = cell.text.replace(['\n', '\r'], " ").replace('\t', "    ");
                let cut: String = text.chars().take(2 * CONTEXT).collect();
                let more = if cut.len() < text.len() { "..." } else { "" };
                // The cell's text and its sheet's name are data: shown escaped.
                let marked = display_width(&cut).max(1);
                let location = cell.display();
                let snippet = Snippet {
                    location: &crate::text::escaped(&location),
                    gutter: &name,
                    text: &format!("{}{more}", shown(&cut)),
                    carets: Some((0, marked)),
                };
                let pad = snippet.write(&mut out, colors);
                let _ = writeln!(out, "{pad} {blue}={reset} {help_label}: {help}");
                return out;
            }
        };
        let source = &sources[file];
        let path = source.display_path();
        let path = crate::text::escaped(&path);
        let Some(span) = span else {
            let _ = writeln!(out, "  {blue}-->{reset} {path}");
            let _ = writeln!(out, "  {blue}={reset} {help_label}: {help}");
            self.write_note(&mut out, sources, lang, "  ", blue, reset);
            return out;
        };
        let (line, column) = source.position(span.start);
        let text = source.line(line);
        let line_start = source.line_start(line);
        let start = (span.start - line_start).min(text.len());
        let end = span.end.saturating_sub(line_start).clamp(start, text.len());
        let (start, mut end) = (floor_boundary(text, start), ceil_boundary(text, end));
        if end == start {
            // An empty span marks the character it stands before.
            end = text[start..].chars().next().map_or(start, |c| start + c.len_utf8());
        }
        // A very long line (minified, or binary garbage) is shown around the place only, so that
        // a thousand problems on one line cannot print the line a thousand times.
        let from = text[..start].char_indices().rev().nth(CONTEXT - 1).map_or(0, |(i, _)| i);
        let end = text[start..end].char_indices().nth(2 * CONTEXT).map_or(end, |(i, _)| start + i);
        let to = text[end..].char_indices().nth(CONTEXT).map_or(text.len(), |(i, _)| end + i);
        let (cut_before, cut_after) = (if from > 0 { "..." } else { "" }, &text[to..]);
        let cut_after = if cut_after.is_empty() { "" } else { "..." };
        let before = cut_before.len() + display_width(&text[from..start]);
        let marked = display_width(&text[start..end]).max(1);
        let shown = shown(&text[from..to]);
        let snippet = Snippet {
            location: &format!("{path}:{line}:{column}"),
            gutter: &line.to_string(),
            text: &format!("{cut_before}{shown}{cut_after}"),
            carets: Some((before, marked)),
        };
        let pad = snippet.write(&mut out, colors);
        let _ = writeln!(out, "{pad} {blue}={reset} {help_label}: {help}");
        self.write_note(&mut out, sources, lang, &format!("{pad} "), blue, reset);
        out
    }

    fn write_note(
        &self,
        out: &mut String,
        sources: &[Source],
        lang: Lang,
        indent: &str,
        blue: &str,
        reset: &str,
    ) {
        if let Some(note) = self.note(lang, sources) {
            let label = lang.pick("提示", "note");
            let _ = writeln!(out, "{indent}{blue}={reset} {label}: {note}");
        }
    }
}

/// The colours of a snippet's frame and carets (empty strings for none).
pub struct Colors<'a> {
    pub blue: &'a str,
    pub carets: &'a str,
    pub reset: &'a str,
}

impl Colors<'static> {
    pub const NONE: Colors<'static> = Colors { blue: "", carets: "", reset: "" };
}

/// The lines under a message that show a place: `--> location`, the line of the source with its
/// gutter (a line number, or a cell's name), and the carets under the place (display columns
/// before them and how many; none when only the line is known). The one renderer of source
/// snippets: diagnostics and template errors both use it. The text must be shown as it is
/// (escaped by the caller).
pub struct Snippet<'a> {
    pub location: &'a str,
    pub gutter: &'a str,
    pub text: &'a str,
    pub carets: Option<(usize, usize)>,
}

impl Snippet<'_> {
    /// Writes the snippet; returns the gutter's padding, for the lines that follow (`= help`).
    pub fn write(&self, out: &mut String, colors: &Colors) -> String {
        let Colors { blue, carets, reset } = colors;
        let (gutter, text) = (self.gutter, self.text);
        let pad = " ".repeat(gutter.len());
        let _ = writeln!(out, "{pad}{blue}-->{reset} {}", self.location);
        let _ = writeln!(out, "{pad} {blue}|{reset}");
        let _ = writeln!(out, "{blue}{gutter} |{reset} {text}");
        if let Some((before, width)) = self.carets.filter(|(_, width)| *width > 0) {
            let (space, marks) = (" ".repeat(before), "^".repeat(width));
            let _ = writeln!(out, "{pad} {blue}|{reset} {space}{carets}{marks}{reset}");
        }
        pad
    }
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// How many characters of a long line are shown before and after the place marked.
const CONTEXT: usize = 60;

/// A piece of a source line as the terminal shows it: a tab as 4 spaces, every other control,
/// invisible or bidi character escaped (`\u{1b}`), so the data never controls the terminal.
fn shown(text: &str) -> String {
    crate::text::escaped(&text.replace('\t', "    ")).into_owned()
}

/// Terminal columns of a piece of a source line as `shown` prints it (escapes are ASCII).
fn display_width(text: &str) -> usize {
    shown(text).chars().map(|c| c.width().unwrap_or(0)).sum()
}
