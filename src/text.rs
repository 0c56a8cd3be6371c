//! Characters of the data that must not reach a terminal as they are, and the ones that are
//! invisible in a name. Terminal tables and diagnostics show them escaped (`\u{202e}`); files
//! (CSV, JSON, Markdown, docx, xlsx) keep the text as written.

use std::borrow::Cow;

/// Invisible or control characters that W111 reports in names, kinds, ids and partners, and
/// that are removed before names are compared (SPEC §5): zero-width spaces and joiners, the
/// word joiner, the byte-order mark, bidi embeddings, overrides and isolates, C0/C1 controls.
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}')
        || is_bidi_control(c)
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
        || c == '\u{61c}'
}

/// Characters a terminal must not receive raw: controls (escape sequences start with one),
/// invisible characters, bidi controls, line and paragraph separators.
fn is_unsafe(c: char) -> bool {
    is_invisible(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// `text` with every character a terminal must not receive raw written as `\u{1b}`; borrowed
/// when there is none (the usual case costs one scan).
pub fn escaped(text: &str) -> Cow<'_, str> {
    let Some(first) = text.find(is_unsafe) else { return Cow::Borrowed(text) };
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&text[..first]);
    for c in text[first..].chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` escaped like [`escaped`] line by line: its line breaks are kept (a message or a
/// review of several lines), every other unsafe character is escaped.
pub fn escaped_lines(text: &str) -> Cow<'_, str> {
    if !text.split('\n').any(|line| line.contains(is_unsafe)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.split('\n').map(escaped).collect::<Vec<_>>().join("\n"))
}

/// `text` without its invisible characters (borrowed when it has none).
pub fn without_invisible(text: &str) -> Cow<'_, str> {
    if text.contains(is_invisible) {
        Cow::Owned(text.chars().filter(|&c| !is_invisible(c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_escaped_and_text_is_kept() {
        assert_eq!(escaped("侨联"), "侨联");
        assert_eq!(escaped("a\u{1b}[31mb\u{7}"), "a\\u{1b}[31mb\\u{7}");
        assert_eq!(escaped("\u{202e}abc"), "\\u{202e}abc");
        assert_eq!(escaped_lines("一\n二\u{1b}]0;x\u{7}"), "一\n二\\u{1b}]0;x\\u{7}");
        assert_eq!(without_invisible("侨联\u{200b}"), "侨联");
        assert_eq!(without_invisible("侨\u{feff}联\t"), "侨联");
    }
}
