//! The language of labels and messages: Chinese by default, English on request.

use std::ffi::OsString;

/// Output language (`--lang`, else `JIEBIE_LANG`, else Chinese).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    /// 中文
    #[default]
    Zh,
    /// English
    En,
}

impl Lang {
    /// Picks the Chinese or the English text.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// A language name as `--lang` or `JIEBIE_LANG` gives it (`zh`, `en`, any case, and the
    /// usual locale forms `zh_CN.UTF-8`, `en-US`).
    fn from_name(name: &str) -> Option<Lang> {
        let name = name.trim().to_ascii_lowercase();
        let base = name.split(['_', '-', '.']).next().unwrap_or_default();
        match base {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// The language before the command line is parsed (help and usage errors need it): `--lang`
/// among the arguments, else `JIEBIE_LANG`, else Chinese. The second value is the text of
/// `JIEBIE_LANG` when it names no language (the caller warns and falls back to Chinese).
pub fn detect(args: &[OsString], env: Option<&str>) -> (Lang, Option<String>) {
    let mut asked = None;
    let mut words = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        if word == "--lang" {
            asked = words.next().map(|w| w.into_owned());
        } else if let Some(value) = word.strip_prefix("--lang=") {
            asked = Some(value.to_string());
        }
    }
    if let Some(lang) = asked.as_deref().and_then(Lang::from_name) {
        return (lang, None);
    }
    match env.map(str::trim).filter(|v| !v.is_empty()) {
        None => (Lang::Zh, None),
        Some(value) => match Lang::from_name(value) {
            Some(lang) => (lang, None),
            None => (Lang::Zh, Some(value.to_string())),
        },
    }
}

/// The warning for an unusable `JIEBIE_LANG`.
pub fn unknown_env_warning(value: &str) -> String {
    format!(
        "警告: 环境变量 JIEBIE_LANG 的值「{value}」无效（可用 zh 或 en），已使用中文 / warning: JIEBIE_LANG=`{value}` is neither zh nor en: using Chinese"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(words: &[&str]) -> Vec<OsString> {
        std::iter::once("jiebie").chain(words.iter().copied()).map(OsString::from).collect()
    }

    #[test]
    fn the_argument_wins_then_the_environment_then_chinese() {
        assert_eq!(detect(&args(&["--lang", "en"]), Some("zh")), (Lang::En, None));
        assert_eq!(detect(&args(&["--lang=en", "diff"]), None), (Lang::En, None));
        assert_eq!(detect(&args(&["validate"]), Some("en_US.UTF-8")), (Lang::En, None));
        assert_eq!(detect(&args(&["validate"]), Some("fr")), (Lang::Zh, Some("fr".into())));
        assert_eq!(detect(&args(&["validate"]), None), (Lang::Zh, None));
        assert_eq!(detect(&args(&["--", "--lang", "en"]), None), (Lang::Zh, None));
    }
}
