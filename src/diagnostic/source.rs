//! A file's text: decoding (UTF-8, with the GBK/UTF-16 cases recognised), and byte offset →
//! line and character column, computed only when a diagnostic is rendered.

use std::ops::Range;
use std::path::PathBuf;

/// A byte range into a [`Source`]'s text.
pub type Span = Range<usize>;

/// One file that was read: its path as shown to the user and its text (BOM removed).
///
/// A file read from disk that parses without a problem gives up its text: nothing is likely to
/// point into it, and a large workspace's texts are a third of its memory. If a rule across
/// files does point into it, the text is read again, once, when the diagnostic is shown.
#[derive(Debug)]
pub struct Source {
    pub path: PathBuf,
    text: String,
    set_aside: bool,
    // Both boxed: a workspace of 100,000 small files holds 100,000 sources (SPEC §7).
    reread: std::sync::OnceLock<Box<str>>,
    /// Where each line starts, and checkpoints in long lines; built on first use, since only
    /// diagnostics need it.
    index: std::sync::OnceLock<Box<Index>>,
}

/// Byte offset → line and column in time independent of the line's length: a minified or
/// garbage file of one long line can carry thousands of diagnostics.
#[derive(Debug, Default)]
struct Index {
    /// The offset where each line starts.
    line_starts: Vec<usize>,
    /// Every `CHECKPOINT` bytes (at a character boundary): the offset and its 0-based column.
    checkpoints: Vec<(usize, usize)>,
}

const CHECKPOINT: usize = 4096;

impl Index {
    fn new(text: &str) -> Index {
        let mut line_starts = vec![0];
        line_starts.extend(memchr_lines(text));
        let mut checkpoints = Vec::with_capacity(text.len() / CHECKPOINT);
        let (mut from, mut column) = (0, 0);
        let mut at = CHECKPOINT;
        while at < text.len() {
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let chunk = &text[from..at];
            column = match chunk.rfind('\n') {
                Some(newline) => chunk[newline + 1..].chars().count(),
                None => column + chunk.chars().count(),
            };
            checkpoints.push((at, column));
            from = at;
            at += CHECKPOINT;
        }
        Index { line_starts, checkpoints }
    }
}

/// Why a file's bytes are not usable UTF-8 text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Encoding {
    /// Decodes cleanly as GB18030 (and so GBK/GB2312): the usual "ANSI" of Chinese Windows.
    Gbk,
    /// UTF-16 with a byte-order mark: Notepad's "Unicode".
    Utf16,
    /// Neither: damaged or some other encoding.
    Unknown,
}

/// The result of decoding a file's bytes.
pub enum Decoded {
    Text(String),
    /// Not UTF-8; `text` is a lossy rendering for showing the place, `at` the first bad byte.
    NotUtf8 {
        text: String,
        at: usize,
        encoding: Encoding,
    },
}

/// Decodes a file's bytes: strict UTF-8 first (BOM dropped), then a guess for the message.
pub fn decode(bytes: Vec<u8>) -> Decoded {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    match String::from_utf8(bytes) {
        Ok(text) => Decoded::Text(text),
        Err(err) => {
            let at = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            let encoding = guess_encoding(&bytes);
            let (text, at) = match encoding {
                Encoding::Utf16 => (String::new(), 0),
                // The text as the author sees it (GBK bytes can pass for UTF-8 now and then:
                // 台 is CC A8), the place its first Chinese character.
                Encoding::Gbk => {
                    let (text, _) = encoding_rs::GB18030.decode_without_bom_handling(&bytes);
                    let first = text.find(|c: char| !c.is_ascii()).unwrap_or(0);
                    (text.into_owned(), first)
                }
                Encoding::Unknown => (String::from_utf8_lossy(&bytes).into_owned(), at),
            };
            Decoded::NotUtf8 { text, at, encoding }
        }
    }
}

fn guess_encoding(bytes: &[u8]) -> Encoding {
    if let Some((enc, _)) = encoding_rs::Encoding::for_bom(bytes)
        && (enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE)
    {
        return Encoding::Utf16;
    }
    let (_, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if had_errors { Encoding::Unknown } else { Encoding::Gbk }
}

impl Source {
    pub fn new(path: PathBuf, text: String) -> Source {
        Source {
            path,
            text,
            set_aside: false,
            reread: std::sync::OnceLock::new(),
            index: std::sync::OnceLock::new(),
        }
    }

    /// The path as the user sees it.
    pub fn display_path(&self) -> String {
        self.path.display().to_string()
    }

    /// The text; read again from disk if it was set aside. (Should the file have changed
    /// since, places are clamped to the new text: never a panic, at worst a shifted place.)
    pub fn text(&self) -> &str {
        if !self.set_aside {
            return &self.text;
        }
        self.reread.get_or_init(|| match std::fs::read(&self.path).map(decode) {
            Ok(Decoded::Text(text) | Decoded::NotUtf8 { text, .. }) => text.into_boxed_str(),
            Err(_) => Box::default(),
        })
    }

    /// Frees the text of a file read from disk; `text` reads it again if it is needed.
    pub fn set_aside(&mut self) {
        self.text = String::new();
        self.set_aside = true;
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| Box::new(Index::new(self.text())))
    }

    fn line_starts(&self) -> &[usize] {
        &self.index().line_starts
    }

    /// 1-based line and 1-based column in characters of a byte offset.
    pub fn position(&self, byte: usize) -> (usize, usize) {
        let byte = self.floor_char_boundary(byte.min(self.text().len()));
        let line = self.line_starts().partition_point(|&start| start <= byte);
        let (start, end) = self.line_bounds(line);
        // A place after a line's closing CR is the end of that line.
        let byte = byte.min(end);
        let checkpoints = &self.index().checkpoints;
        let (from, column) = match checkpoints.partition_point(|&(at, _)| at <= byte) {
            0 => (start, 0),
            i if checkpoints[i - 1].0 < start => (start, 0),
            i => checkpoints[i - 1],
        };
        (line, column + self.text()[from..byte].chars().count() + 1)
    }

    /// The byte range of a 1-based line, without its line end.
    fn line_bounds(&self, line: usize) -> (usize, usize) {
        let start = self.line_starts()[line - 1];
        let end = self.line_starts().get(line).map_or(self.text().len(), |&next| next - 1);
        let end = end.max(start);
        let end = if self.text()[start..end].ends_with('\r') { end - 1 } else { end };
        (start, end)
    }

    /// The text of a 1-based line, without its line end.
    pub fn line(&self, line: usize) -> &str {
        let (start, end) = self.line_bounds(line);
        &self.text()[start..end]
    }

    /// The byte offset where a 1-based line starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts()[line - 1]
    }

    /// Frees the text once nothing will point into it any more (reports do not).
    pub fn release_text(&mut self) {
        self.text = String::new();
        self.set_aside = false;
        self.reread = std::sync::OnceLock::new();
        self.index = std::sync::OnceLock::new();
    }

    fn floor_char_boundary(&self, mut byte: usize) -> usize {
        while !self.text().is_char_boundary(byte) {
            byte -= 1;
        }
        byte
    }
}

/// The offsets just after each line break.
fn memchr_lines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let source = Source::new("a.toml".into(), "x = 1\r\nname = \"对外\" # 注\n".into());
        assert_eq!(source.position(0), (1, 1));
        let at = source.text().find("# 注").unwrap();
        assert_eq!(source.position(at), (2, 13));
        assert_eq!(source.line(1), "x = 1");
        assert_eq!(source.line(3), "");
    }

    #[test]
    fn columns_in_long_lines_use_checkpoints() {
        // Long lines of mixed widths, across many checkpoints, and short lines between them.
        let mut text = String::new();
        for i in 0..40 {
            text.push_str(&"a对b\t".repeat(i * 700));
            text.push_str(if i % 3 == 0 { "\r\n" } else { "\n" });
        }
        let source = Source::new("a.toml".into(), text.clone());
        for byte in (0..=text.len()).step_by(997).chain([text.len()]) {
            let byte = source.floor_char_boundary(byte);
            let line = text[..byte].matches('\n').count() + 1;
            let start = text[..byte].rfind('\n').map_or(0, |i| i + 1);
            let line_text = source.line(line);
            let column = text[start..byte].chars().count().min(line_text.chars().count()) + 1;
            assert_eq!(source.position(byte), (line, column), "at {byte}");
        }
    }

    #[test]
    fn gbk_is_recognised() {
        let (bytes, _, _) = encoding_rs::GBK.encode("name = \"对外友好界\"\n");
        match decode(bytes.into_owned()) {
            Decoded::NotUtf8 { encoding, at, .. } => {
                assert_eq!(encoding, Encoding::Gbk);
                assert_eq!(at, 8);
            }
            Decoded::Text(_) => panic!("GBK bytes taken for UTF-8"),
        }
    }

    #[test]
    fn bom_is_dropped() {
        match decode(b"\xEF\xBB\xBFa = 1".to_vec()) {
            Decoded::Text(text) => assert_eq!(text, "a = 1"),
            Decoded::NotUtf8 { .. } => panic!("BOM rejected"),
        }
    }
}
