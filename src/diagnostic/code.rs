//! The diagnostic codes: each owns its severity and its long explanation, for `jiebie explain
//! <CODE>`.
//!
//! Each code has one text file per language in `explain/` beside this module (`E020.zh.md`, `E020.en.md`),
//! included at build time, so that a translator or a domain expert edits an explanation
//! without touching Rust. Each text is plain (no Markdown markup, no colour) and written for
//! the sector secretaries who keep the files: the first line is the code and its short title,
//! then what triggers it, a small wrong example and its fix. Lines stay within 100 terminal
//! columns (a CJK character counts as two), which the tests check.

use crate::lang::Lang;

use super::Severity;

/// The codes: `codes!(E001, …)` makes the enum and includes `explain/E001.zh.md` and
/// `explain/E001.en.md` for each.
macro_rules! codes {
    ($($code:ident),* $(,)?) => {
        /// A diagnostic code. The letter gives the severity (E: error, W: warning); each code
        /// has a long explanation per language.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($code),*
        }

        impl Code {
            /// Every code, in order.
            pub const ALL: &'static [Code] = &[$(Code::$code),*];

            /// `E020`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$code => stringify!($code)),*
                }
            }

            /// The long explanation, in Chinese and in English.
            fn texts(self) -> (&'static str, &'static str) {
                match self {
                    $(Code::$code => (
                        include_str!(concat!("explain/", stringify!($code), ".zh.md")),
                        include_str!(concat!("explain/", stringify!($code), ".en.md")),
                    )),*
                }
            }
        }
    };
}

codes!(
    E001, E002, E003, E004, E010, E011, E012, E013, E020, E021, E022, E030, E031, E032, W101, W102,
    W103, W104, W105, W106, W107, W108, W109, W110, W111, W112, W113, W114, W115,
);

impl Code {
    pub fn severity(self) -> Severity {
        if self.as_str().starts_with('E') { Severity::Error } else { Severity::Warning }
    }

    /// The code written `text` (case-insensitive, e.g. "e020"), if there is one.
    pub fn parse(text: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|code| code.as_str().eq_ignore_ascii_case(text))
    }

    /// The long explanation in `lang`, for `jiebie explain CODE`.
    pub fn explanation(self, lang: Lang) -> &'static str {
        let (zh, en) = self.texts();
        lang.pick(zh, en)
    }

    /// The one-line title: the explanation's first line.
    pub fn title(self, lang: Lang) -> &'static str {
        self.explanation(lang).lines().next().unwrap_or_default()
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// Every code with its one-line title, for `jiebie explain` without a code.
pub fn list(lang: Lang) -> String {
    Code::ALL.iter().map(|code| format!("{}\n", code.title(lang))).collect()
}

/// The long explanation of `code` (case-insensitive, e.g. "e020") in `lang`, or None for an
/// unknown code.
pub fn explain(code: &str, lang: Lang) -> Option<&'static str> {
    Code::parse(code).map(|code| code.explanation(lang))
}

#[cfg(test)]
mod tests {
    use super::{Code, explain};
    use crate::lang::Lang;
    use unicode_width::UnicodeWidthStr;

    fn texts() -> impl Iterator<Item = (&'static str, Lang, &'static str)> {
        Code::ALL.iter().map(|code| code.as_str()).flat_map(|code| {
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
        for code in Code::ALL.iter().map(|code| code.as_str()) {
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
        for code in Code::ALL.iter().map(|code| code.as_str()) {
            let lower = code.to_ascii_lowercase();
            assert_eq!(explain(&lower, Lang::Zh), explain(code, Lang::Zh));
            assert_eq!(explain(&lower, Lang::En), explain(code, Lang::En));
        }
        assert!(explain("e020", Lang::En).unwrap().starts_with("E020 unknown activity kind"));
        assert!(explain("w101", Lang::Zh).unwrap().starts_with("W101 "));
    }

    #[test]
    fn every_text_file_belongs_to_a_code_and_every_code_has_both() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/diagnostic/explain");
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().into_string().unwrap())
            .collect();
        files.sort();
        let mut expected: Vec<String> = Code::ALL
            .iter()
            .flat_map(|code| [format!("{code}.en.md"), format!("{code}.zh.md")])
            .collect();
        expected.sort();
        assert_eq!(files, expected);
    }
}
