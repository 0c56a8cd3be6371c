//! Long explanations of the diagnostic codes, for `jiebie explain <CODE>`.
//!
//! Each code has one text file per language beside this module (`E020.zh.md`, `E020.en.md`),
//! included at build time, so that a translator or a domain expert edits an explanation
//! without touching Rust. Each text is plain (no Markdown markup, no colour) and written for
//! the sector secretaries who keep the files: the first line is the code and its short title,
//! then what triggers it, a small wrong example and its fix. Lines stay within 100 terminal
//! columns (a CJK character counts as two), which the tests check.

use crate::lang::Lang;

/// Every code with its texts: `explained!(E001, …)` includes `E001.zh.md` and `E001.en.md`.
macro_rules! explained {
    ($($code:ident),* $(,)?) => {
        /// Every diagnostic code with its Chinese and English explanation, in order.
        const TEXTS: &[(&str, &str, &str)] = &[$((
            stringify!($code),
            include_str!(concat!(stringify!($code), ".zh.md")),
            include_str!(concat!(stringify!($code), ".en.md")),
        )),*];
    };
}

explained!(
    E001, E002, E003, E004, E010, E011, E012, E013, E020, E021, E030, E031, E032, W101, W102, W103,
    W104, W105, W106, W107, W108, W109, W110, W111,
);

/// Every diagnostic code, in order.
pub fn codes() -> impl Iterator<Item = &'static str> {
    TEXTS.iter().map(|(code, _, _)| *code)
}

/// Every code with its one-line title (the first line of its explanation), for `jiebie
/// explain` without a code.
pub fn list(lang: Lang) -> String {
    let mut out = String::new();
    for (_, zh, en) in TEXTS {
        out.push_str(lang.pick(zh, en).lines().next().unwrap_or_default());
        out.push('\n');
    }
    out
}

/// The long explanation of `code` (case-insensitive, e.g. "e020") in `lang`, or None for an
/// unknown code.
pub fn explain(code: &str, lang: Lang) -> Option<&'static str> {
    let (_, zh, en) = TEXTS.iter().find(|(known, _, _)| known.eq_ignore_ascii_case(code))?;
    Some(lang.pick(zh, en))
}

#[cfg(test)]
mod tests {
    use super::{codes, explain};
    use crate::lang::Lang;
    use unicode_width::UnicodeWidthStr;

    fn texts() -> impl Iterator<Item = (&'static str, Lang, &'static str)> {
        codes().flat_map(|code| {
            [Lang::Zh, Lang::En].into_iter().map(move |lang| {
                let text = explain(code, lang)
                    .unwrap_or_else(|| panic!("{code} has no explanation in {lang:?}"));
                (code, lang, text)
            })
        })
    }

    #[test]
    fn every_code_has_a_text_in_both_languages_starting_with_the_code() {
        for (code, lang, text) in texts() {
            assert!(
                text.starts_with(&format!("{code} ")),
                "{code} ({lang:?}) starts with {:?}",
                text.lines().next()
            );
        }
    }

    #[test]
    fn languages_differ() {
        for code in codes() {
            assert_ne!(explain(code, Lang::Zh), explain(code, Lang::En), "{code}");
        }
    }

    #[test]
    fn texts_are_plain_short_and_narrow() {
        for (code, lang, text) in texts() {
            assert!(text.ends_with('\n'), "{code} ({lang:?}) lacks a final newline");
            assert!(!text.ends_with("\n\n"), "{code} ({lang:?}) ends with a blank line");
            let lines = text.lines().count();
            assert!((8..=30).contains(&lines), "{code} ({lang:?}) has {lines} lines");
            for line in text.lines() {
                assert!(line.width() <= 100, "{code} ({lang:?}) too wide: {line}");
                assert_eq!(line, line.trim_end(), "{code} ({lang:?}) trailing space: {line}");
                assert!(!line.contains(['\t', '\x1b']), "{code} ({lang:?}): {line}");
            }
        }
    }

    #[test]
    fn unknown_codes_give_none() {
        for code in ["", "E", "E000", "E999", "W100", "X001", "E0200", " E020"] {
            assert_eq!(explain(code, Lang::Zh), None, "{code:?}");
            assert_eq!(explain(code, Lang::En), None, "{code:?}");
        }
    }

    #[test]
    fn lowercase_works() {
        for code in codes() {
            let lower = code.to_ascii_lowercase();
            assert_eq!(explain(&lower, Lang::Zh), explain(code, Lang::Zh));
            assert_eq!(explain(&lower, Lang::En), explain(code, Lang::En));
        }
        assert!(explain("e020", Lang::En).unwrap().starts_with("E020 unknown activity kind"));
        assert!(explain("w101", Lang::Zh).unwrap().starts_with("W101 "));
    }

    #[test]
    fn every_text_file_belongs_to_a_code_and_every_code_has_both() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/explain");
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().into_string().unwrap())
            .filter(|name| name != "mod.rs")
            .collect();
        files.sort();
        let mut expected: Vec<String> =
            codes().flat_map(|code| [format!("{code}.en.md"), format!("{code}.zh.md")]).collect();
        expected.sort();
        assert_eq!(files, expected);
    }
}
