//! Markdown for pandoc → Word: pipe tables whose cells escape every ASCII punctuation mark and
//! fold line breaks, separator dashes proportional to the column widths (pandoc takes relative
//! widths from them), prose never hard-wrapped. One view is the title and its table; the
//! document of view `full` is the built-in template's (`template/`), which uses these tables
//! and escapes.

use unicode_width::UnicodeWidthStr;

use crate::lang::Lang;
use crate::numbers::diff::Diff;
use crate::numbers::report::Report;
use crate::render::grid::Grid;
use crate::render::labels as l;
use crate::render::view::{DiffView, SummaryView, diff_grid, summary_grid};

/// One view of the yearly report: the title, the view's heading and its table. (View `full` is
/// the built-in template's document; here it would be the overview.)
pub fn summary(report: &Report, view: SummaryView, lang: Lang) -> String {
    let title =
        l::report_title(lang, report.title.as_deref(), report.organization.as_deref(), report.year);
    let heading = l::heading(lang, view.name());
    format!(
        "# {}\n\n## {heading}\n\n{}",
        escape(&title),
        table(&summary_grid(report, view, lang, false), lang)
    )
}

/// The comparison: the title, then each view's heading and table. (View `full` is the built-in
/// template's document; here it would be every view in turn.)
pub fn diff(diff: &Diff, organization: Option<&str>, view: DiffView, lang: Lang) -> String {
    let title = l::diff_title(lang, organization, diff.from, diff.to);
    let mut out = format!("# {}\n", escape(&title));
    for part in view.parts() {
        out.push_str(&format!("\n## {}\n\n", part.heading(lang)));
        out.push_str(&table(&diff_grid(diff, part, lang), lang));
    }
    out
}

/// A pipe table; numeric columns right-aligned; the total row in bold.
pub fn table(grid: &Grid, lang: Lang) -> String {
    let header: Vec<String> = grid.columns.iter().map(|c| escape(&c.label)).collect();
    let mut rows: Vec<Vec<String>> = grid
        .rows
        .iter()
        .map(|row| row.iter().map(|c| escape(&c.render(lang, true))).collect())
        .collect();
    if let Some(total) = &grid.total {
        rows.push(
            total
                .iter()
                .map(|c| {
                    let text = escape(&c.render(lang, true));
                    if text.is_empty() { text } else { format!("**{text}**") }
                })
                .collect(),
        );
    }
    let mut out = String::new();
    out.push_str(&line(&header));
    let separators: Vec<String> = grid
        .columns
        .iter()
        .enumerate()
        .map(|(i, column)| {
            let widest =
                rows.iter().map(|r| r[i].width()).chain([header[i].width()]).max().unwrap_or(3);
            let dashes = "-".repeat(widest.clamp(3, 40));
            if column.numeric { format!("{dashes}:") } else { dashes }
        })
        .collect();
    out.push_str(&line(&separators));
    for row in &rows {
        out.push_str(&line(row));
    }
    out
}

fn line(cells: &[String]) -> String {
    format!("| {} |\n", cells.join(" | "))
}

/// Escapes text for a table cell or a list item: every ASCII punctuation mark gets a
/// backslash (pandoc would otherwise read `@` as a citation, `~` as subscript, …) and line
/// breaks become spaces.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_space = false;
    for c in text.chars() {
        match c {
            '\n' | '\r' => {
                if !last_space {
                    out.push(' ');
                }
                last_space = true;
                continue;
            }
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
        last_space = c == ' ';
    }
    out.trim_end().to_string()
}

/// Prose (Markdown allowed by the format): kept as written, with CRLF normalised, and its
/// headings moved below the `###` of the section that holds it (a `#` of a secretary's
/// summary must not open a chapter of the publication).
pub fn prose(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    let mut out = String::new();
    for line in text.trim().lines() {
        let hashes = line.len() - line.trim_start_matches('#').len();
        if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
            out.push_str("###");
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn cells_escape_punctuation_and_fold_lines() {
        assert_eq!(escape("a|b"), "a\\|b");
        assert_eq!(escape("@张三 ~x~ ^y^ *z* _w_"), "\\@张三 \\~x\\~ \\^y\\^ \\*z\\* \\_w\\_");
        assert_eq!(escape("第一行\n第二行"), "第一行 第二行");
        assert_eq!(escape("a\\b [c](d) <e>"), "a\\\\b \\[c\\]\\(d\\) \\<e\\>");
        assert_eq!(escape("“中文标点”，不转义。"), "“中文标点”，不转义。");
    }

    #[test]
    fn prose_headings_go_below_the_section() {
        assert_eq!(
            super::prose("# 一、概况\r\n正文 #标签\n## 小结"),
            "#### 一、概况\n正文 #标签\n##### 小结\n"
        );
    }
}
