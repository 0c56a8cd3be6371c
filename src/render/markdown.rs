//! Markdown for pandoc → Word: pipe tables whose cells escape every ASCII punctuation mark and
//! fold line breaks, separator dashes proportional to the column widths (pandoc takes relative
//! widths from them), prose never hard-wrapped.

use unicode_width::UnicodeWidthStr;

use crate::lang::Lang;
use crate::render::grid::Grid;

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
