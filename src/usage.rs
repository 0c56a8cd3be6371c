//! The command line's own errors for a Chinese reader: clap's usage errors retold in Chinese
//! (its English stays for `--lang en`), and the value parsers of flags whose refusal says, in
//! both languages, what to write instead.

use std::fmt;

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::lang::Lang;
use crate::terms::date::{Date, DateError};

/// Why a flag's value was refused, in both languages. clap shows the English (`Display`);
/// the Chinese message finds it again as the error's source.
#[derive(Debug)]
pub struct FlagError {
    pub zh: String,
    pub en: String,
}

impl fmt::Display for FlagError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

impl std::error::Error for FlagError {}

/// `--participants`: a whole number ≥ 0.
pub fn count(text: &str) -> Result<u64, FlagError> {
    text.trim().parse::<u64>().map_err(|_| FlagError {
        zh: "写整数，例如 12".into(),
        en: "write a whole number, e.g. 12".into(),
    })
}

/// `--year`: a year in 1900–2100.
pub fn year(text: &str) -> Result<u16, FlagError> {
    match text.trim().parse::<i64>() {
        Ok(y) if (1900..=2100).contains(&y) => Ok(y as u16),
        Ok(_) => Err(FlagError {
            zh: "年份应在 1900–2100 之间".into(),
            en: "the year lies in 1900–2100".into(),
        }),
        Err(_) => Err(FlagError {
            zh: "写四位数的年份，例如 2021".into(),
            en: "write a four-digit year, e.g. 2021".into(),
        }),
    }
}

/// `--date`: any form of SPEC §2.3; kept as written (the entry stores its canonical form).
pub fn date(text: &str) -> Result<String, FlagError> {
    date_for("--date", text)
}

/// `--end-date`: as `--date`.
pub fn end_date(text: &str) -> Result<String, FlagError> {
    date_for("--end-date", text)
}

fn date_for(flag: &str, text: &str) -> Result<String, FlagError> {
    let both = |f: &dyn Fn(Lang) -> String| FlagError { zh: f(Lang::Zh), en: f(Lang::En) };
    match Date::parse(text) {
        Ok(_) => Ok(text.to_string()),
        Err(DateError::Form) => Err(match Date::near_miss(text) {
            Some(near) => both(&|lang| {
                let (date, end) = (near.date.to_string(), near.end.map(|e| e.to_string()));
                crate::diagnostic::wording::date_fix(flag, &date, end.as_deref(), lang)
            }),
            None => FlagError {
                zh: format!("可用的写法：{}", crate::terms::date::forms_text(true, false)),
                en: format!("accepted forms: {}", crate::terms::date::forms_text(false, false)),
            },
        }),
        Err(DateError::NoSuchDay) => {
            Err(FlagError { zh: "没有这一天".into(), en: "there is no such day".into() })
        }
        Err(DateError::Year(_)) => Err(FlagError {
            zh: "年份应在 1900–2100 之间".into(),
            en: "the year lies in 1900–2100".into(),
        }),
    }
}

/// clap's usage error in Chinese: what is wrong, clap's suggestion, the usage line and where
/// to read more.
pub fn usage_error_zh(error: &clap::Error) -> String {
    let text = |kind| match error.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(list)) => Some(list.join("、")),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        Some(ContextValue::StyledStrs(list)) => {
            Some(list.iter().map(ToString::to_string).collect::<Vec<_>>().join("、"))
        }
        Some(ContextValue::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let list = |kind| match error.get(kind) {
        Some(ContextValue::Strings(list)) => {
            list.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join("、")
        }
        _ => text(kind).map(|s| format!("`{s}`")).unwrap_or_default(),
    };
    let arg = text(ContextKind::InvalidArg).unwrap_or_default();
    // `--date <DATE>` is named by its flag.
    let flag = arg.split(' ').next().unwrap_or_default().to_string();
    let value = text(ContextKind::InvalidValue).unwrap_or_default();
    let mut message = match error.kind() {
        ErrorKind::UnknownArgument => format!("未知的参数 `{arg}`"),
        ErrorKind::InvalidSubcommand => {
            let sub = text(ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("未知的子命令 `{sub}`")
        }
        ErrorKind::InvalidValue if value.is_empty() => format!("参数 `{flag}` 缺少值"),
        ErrorKind::InvalidValue => {
            let valid = list(ContextKind::ValidValue);
            if valid.is_empty() {
                format!("参数 `{flag}` 的值「{value}」无效")
            } else {
                format!("参数 `{flag}` 的值「{value}」无效；可选的值：{valid}")
            }
        }
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(error)
                .and_then(|e| e.downcast_ref::<FlagError>())
                .map(|e| format!("：{}", e.zh))
                .unwrap_or_default();
            format!("参数 `{flag}` 的值「{value}」无效{why}")
        }
        ErrorKind::MissingRequiredArgument => {
            format!("缺少必需的参数：{}", list(ContextKind::InvalidArg))
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let valid = list(ContextKind::ValidSubcommand);
            if valid.is_empty() {
                "缺少子命令".to_string()
            } else {
                format!("缺少子命令；可用的子命令：{valid}")
            }
        }
        ErrorKind::NoEquals => format!("参数 `{flag}` 的值要用 `=` 连接"),
        ErrorKind::TooManyValues => format!("参数 `{flag}` 的值太多：「{value}」"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("参数 `{flag}` 的值的个数不对")
        }
        ErrorKind::ArgumentConflict => {
            let other = list(ContextKind::PriorArg);
            format!("参数 `{flag}` 不能与 {other} 同时使用")
        }
        _ => "命令行有误".to_string(),
    };
    let suggested = text(ContextKind::SuggestedArg)
        .or_else(|| text(ContextKind::SuggestedSubcommand))
        .or_else(|| text(ContextKind::SuggestedValue));
    if let Some(suggested) = suggested {
        message.push_str(&format!("；是否想写 `{suggested}`？"));
    }
    if let Some(trailing) = text(ContextKind::TrailingArg) {
        message.push_str(&format!("（若要把 `{trailing}` 作为值，请写在 `--` 之后）"));
    }
    let mut out = format!("错误: {message}\n");
    if let Some(usage) = text(ContextKind::Usage) {
        let usage = usage.trim();
        let usage = usage.strip_prefix("Usage:").map_or(usage, str::trim_start);
        out.push_str(&format!("\n用法: {usage}\n"));
    }
    out.push_str("\n运行 `jiebie --help`（或在子命令后加 --help）查看用法\n");
    out
}
