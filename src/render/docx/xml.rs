//! The little XML the Word parts share: the declaration, the namespaces, and escaping.

pub(super) const NS_W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub(super) const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
pub(super) const XML_DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// Appends text escaped for XML content or an attribute value; characters XML 1.0 forbids
/// (C0 controls other than tab and line feed, U+FFFE, U+FFFF) are dropped.
pub(super) fn escape_into(out: &mut String, text: &str) {
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        let replacement = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\t' | b'\n' => continue,
            0..=0x1F => "",
            // U+FFFE and U+FFFF are EF BF BE / EF BF BF.
            0xEF if matches!(text.as_bytes().get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF])) => {
                out.push_str(&text[start..i]);
                start = i + 3;
                continue;
            }
            _ => continue,
        };
        out.push_str(&text[start..i]);
        out.push_str(replacement);
        start = i + 1;
    }
    if start < text.len() {
        out.push_str(&text[start..]);
    }
}

pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_drops_forbidden_characters() {
        let mut s = String::new();
        escape_into(&mut s, "a&b<c>d\"e\u{1}f\u{b}g\th\ni\r\u{FFFE}j\u{FFFF}k\u{FFFD}l中");
        assert_eq!(s, "a&amp;b&lt;c&gt;d&quot;efg\th\nijk\u{FFFD}l中");
    }

    #[test]
    fn escape_keeps_plain_text() {
        let mut s = String::new();
        escape_into(&mut s, "2021年5月18日，调研。");
        assert_eq!(s, "2021年5月18日，调研。");
    }
}
