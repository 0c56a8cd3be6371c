//! Dates of any precision (SPEC §2.3): a day, a month, a quarter, a half year or a whole year.

use std::cmp::Ordering;
use std::fmt;

use chrono::NaiveDate;

/// The part of a year a date names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Period {
    Year,
    Half(u8),
    Quarter(u8),
    Month(u8),
    Day(u8, u8),
}

/// A date of some precision. Ordered by first day, then coarser first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Date {
    pub year: u16,
    pub period: Period,
}

/// The date (and end date) a text close to a date stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NearMiss {
    pub date: Date,
    pub end: Option<Date>,
}

/// Why a date text was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// None of the accepted forms.
    Form,
    /// A well-formed date that does not exist (2021-02-30, month 13).
    NoSuchDay,
    /// The year lies outside 1900–2100.
    Year(i64),
}

pub const MIN_YEAR: i64 = 1900;
pub const MAX_YEAR: i64 = 2100;

/// The accepted forms of a date, one example each, for the help of every message that asks
/// for a date (a flag, a file's key, a cell). Each parses (tested).
pub const FORMS: [&str; 11] = [
    "2021-03-02",
    "2021.3.2",
    "2021年3月2日",
    "2021-03",
    "2021年3月",
    "2021-Q2",
    "2021年二季度",
    "2021-H1",
    "2021年上半年",
    "2021",
    "2021年全年",
];

/// `FORMS` as a list in `lang`'s punctuation; `quoted` writes them as TOML values (a day as
/// a bare TOML date, the rest as strings).
pub fn forms_text(zh: bool, quoted: bool) -> String {
    let shown: Vec<String> = FORMS
        .iter()
        .enumerate()
        .map(|(i, form)| if quoted && i > 0 { format!("\"{form}\"") } else { form.to_string() })
        .collect();
    shown.join(if zh { "、" } else { ", " })
}

impl Date {
    /// Builds a day, checking that it exists and that the year is in range.
    pub fn day(year: i64, month: u32, day: u32) -> Result<Date, DateError> {
        let year = check_year(year)?;
        NaiveDate::from_ymd_opt(i32::from(year), month, day).ok_or(DateError::NoSuchDay)?;
        Ok(Date { year, period: Period::Day(month as u8, day as u8) })
    }

    /// Parses every string form of §2.3.
    pub fn parse(text: &str) -> Result<Date, DateError> {
        if let Some(chinese) = text.find('年') {
            return parse_chinese(&text[..chinese], &text[chinese + '年'.len_utf8()..]);
        }
        // `2020-05-15`, `2020/5/15`, `2020.5.15`: one separator throughout.
        let separator = text.chars().find(|c| matches!(c, '-' | '/' | '.'));
        let mut parts = text.split(separator.unwrap_or('-'));
        let year = parts.next().ok_or(DateError::Form)?;
        let year = parse_year(year)?;
        let second = parts.next();
        let third = parts.next();
        if parts.next().is_some() {
            return Err(DateError::Form);
        }
        let dash = separator == Some('-');
        let period = match (second, third) {
            (None, None) => Period::Year,
            (Some(q), None) if dash && q.len() == 2 && q.starts_with('Q') => match &q[1..] {
                n @ ("1" | "2" | "3" | "4") => Period::Quarter(n.parse().unwrap_or(1)),
                _ => return Err(DateError::Form),
            },
            (Some("H1"), None) if dash => Period::Half(1),
            (Some("H2"), None) if dash => Period::Half(2),
            (Some(m), None) => Period::Month(month(one_or_two_digits(m)?)?),
            (Some(m), Some(d)) => {
                return Date::day(i64::from(year), one_or_two_digits(m)?, one_or_two_digits(d)?);
            }
            (None, Some(_)) => return Err(DateError::Form),
        };
        Ok(Date { year, period })
    }

    /// What to write instead of a text that is no date but close to one (SPEC §2.3): the date
    /// with full-width digits, full-width punctuation and spaces fixed, or a range
    /// (`2021年3月2日至3日`) split into a date and an end date.
    pub fn near_miss(text: &str) -> Option<NearMiss> {
        let fixed: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                '－' | '—' | '–' => '-',
                '／' => '/',
                '．' | '。' => '.',
                'Ｑ' | 'q' => 'Q',
                'Ｈ' | 'h' => 'H',
                other => other,
            })
            .collect();
        if let Ok(date) = Date::parse(&fixed) {
            return (fixed != text).then_some(NearMiss { date, end: None });
        }
        let (from, to) = ["至", "到", "~", "～", "—", "–"]
            .iter()
            .find_map(|s| fixed.split_once(s))
            .or_else(|| fixed.contains('年').then(|| fixed.split_once('-')).flatten())?;
        let date = Date::parse(from).ok()?;
        // The end leaves out what it shares with the start: `3日` after `2021年3月2日`.
        let year = format!("{}年", date.year);
        let end = Date::parse(to)
            .or_else(|_| Date::parse(&format!("{year}{to}")))
            .or_else(|error| match date.period {
                Period::Day(m, _) => Date::parse(&format!("{year}{m}月{to}")),
                _ => Err(error),
            })
            .ok()?;
        Some(NearMiss { date, end: Some(end) })
    }

    /// Year, month and day of the first day of the period.
    fn first(self) -> (u16, u8, u8) {
        let (month, day) = match self.period {
            Period::Year => (1, 1),
            Period::Half(h) => ((h - 1) * 6 + 1, 1),
            Period::Quarter(q) => ((q - 1) * 3 + 1, 1),
            Period::Month(m) => (m, 1),
            Period::Day(m, d) => (m, d),
        };
        (self.year, month, day)
    }

    /// The first day of the period.
    pub fn first_day(self) -> NaiveDate {
        let (year, month, day) = self.first();
        NaiveDate::from_ymd_opt(i32::from(year), u32::from(month), u32::from(day))
            .unwrap_or_default()
    }

    /// The month, when the date lies in a single month.
    pub fn month(self) -> Option<u8> {
        match self.period {
            Period::Month(m) | Period::Day(m, _) => Some(m),
            _ => None,
        }
    }

    fn rank(self) -> u8 {
        match self.period {
            Period::Year => 0,
            Period::Half(_) => 1,
            Period::Quarter(_) => 2,
            Period::Month(_) => 3,
            Period::Day(..) => 4,
        }
    }
}

impl Ord for Date {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.first(), self.rank()).cmp(&(other.first(), other.rank()))
    }
}

impl PartialOrd for Date {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let year = self.year;
        match self.period {
            Period::Year => write!(f, "{year}"),
            Period::Half(h) => write!(f, "{year}-H{h}"),
            Period::Quarter(q) => write!(f, "{year}-Q{q}"),
            Period::Month(m) => write!(f, "{year}-{m:02}"),
            Period::Day(m, d) => write!(f, "{year}-{m:02}-{d:02}"),
        }
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "日期，精确到日、月、季度、半年或全年：2020-05-15、\"2020-05\"、\"2020-Q2\"、\"2020-H1\"、\"2020\"，或 \"2020年5月15日\"、\"2020年5月\"、\"2020年第二季度\"、\"2020年上半年\"、\"2020年全年\"",
            "type": "string",
            "pattern": "^[0-9]{4}(-[0-9]{1,2}(-[0-9]{1,2})?|/[0-9]{1,2}(/[0-9]{1,2})?|\\.[0-9]{1,2}(\\.[0-9]{1,2})?|-Q[1-4]|-H[12])?$|^[0-9]{4}年([0-9]{1,2}月([0-9]{1,2}日)?|第?[一二三四1-4]季度|[上下]半年|全年|度)?$"
        })
    }
}

fn check_year(year: i64) -> Result<u16, DateError> {
    if (MIN_YEAR..=MAX_YEAR).contains(&year) { Ok(year as u16) } else { Err(DateError::Year(year)) }
}

fn parse_year(text: &str) -> Result<u16, DateError> {
    if text.len() != 4 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DateError::Form);
    }
    check_year(text.parse().map_err(|_| DateError::Form)?)
}

fn one_or_two_digits(text: &str) -> Result<u32, DateError> {
    if text.is_empty() || text.len() > 2 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DateError::Form);
    }
    text.parse().map_err(|_| DateError::Form)
}

fn month(m: u32) -> Result<u8, DateError> {
    if (1..=12).contains(&m) { Ok(m as u8) } else { Err(DateError::NoSuchDay) }
}

/// `2020年…`: the part after 年 decides the precision.
fn parse_chinese(year: &str, rest: &str) -> Result<Date, DateError> {
    let year = parse_year(year)?;
    let period = match rest {
        "" | "全年" | "度" => Period::Year,
        "上半年" => Period::Half(1),
        "下半年" => Period::Half(2),
        _ => {
            let quarter = rest.strip_prefix('第').unwrap_or(rest);
            if let Some(q) = quarter.strip_suffix("季度") {
                match q {
                    "一" | "1" => Period::Quarter(1),
                    "二" | "2" => Period::Quarter(2),
                    "三" | "3" => Period::Quarter(3),
                    "四" | "4" => Period::Quarter(4),
                    _ => return Err(DateError::Form),
                }
            } else if let Some(m) = rest.strip_suffix('月') {
                Period::Month(month(one_or_two_digits(m)?)?)
            } else if let Some(md) = rest.strip_suffix('日') {
                let (m, d) = md.split_once('月').ok_or(DateError::Form)?;
                return Date::day(i64::from(year), one_or_two_digits(m)?, one_or_two_digits(d)?);
            } else {
                return Err(DateError::Form);
            }
        }
    };
    Ok(Date { year, period })
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_form_shown_parses() {
        for form in super::FORMS {
            assert!(super::Date::parse(form).is_ok(), "{form}");
        }
    }

    use super::*;

    fn canon(text: &str) -> String {
        Date::parse(text).map(|d| d.to_string()).unwrap_or_else(|e| format!("{e:?}"))
    }

    #[test]
    fn every_form_of_the_spec() {
        let cases = [
            ("2020-05-15", "2020-05-15"),
            ("2020年5月15日", "2020-05-15"),
            ("2020-05", "2020-05"),
            ("2020年5月", "2020-05"),
            ("2020年05月", "2020-05"),
            ("2020-Q2", "2020-Q2"),
            ("2020年第二季度", "2020-Q2"),
            ("2020年二季度", "2020-Q2"),
            ("2020-H1", "2020-H1"),
            ("2020-H2", "2020-H2"),
            ("2020年上半年", "2020-H1"),
            ("2020年下半年", "2020-H2"),
            ("2020", "2020"),
            ("2020年", "2020"),
            ("2020年全年", "2020"),
            ("2020年度", "2020"),
            ("2021.3.2", "2021-03-02"),
            ("2021/03/02", "2021-03-02"),
            ("2021-3-2", "2021-03-02"),
            ("2021/5", "2021-05"),
            ("2021.5", "2021-05"),
            ("2021-5", "2021-05"),
            ("2021年第2季度", "2021-Q2"),
            ("2021年2季度", "2021-Q2"),
        ];
        for (text, expected) in cases {
            assert_eq!(canon(text), expected, "{text}");
        }
    }

    #[test]
    fn refusals() {
        assert_eq!(Date::parse("2020/05-15"), Err(DateError::Form));
        assert_eq!(Date::parse("2020/Q2"), Err(DateError::Form));
        assert_eq!(Date::parse("2020.13.2"), Err(DateError::NoSuchDay));
        assert_eq!(Date::parse("2021-02-29"), Err(DateError::NoSuchDay));
        assert_eq!(Date::parse("2020-13"), Err(DateError::NoSuchDay));
        assert_eq!(Date::parse("1899"), Err(DateError::Year(1899)));
        assert_eq!(Date::parse("2020-Q5"), Err(DateError::Form));
        assert_eq!(Date::parse("2020年第五季度"), Err(DateError::Form));
        assert_eq!(Date::parse(""), Err(DateError::Form));
        assert_eq!(Date::parse("2020-123"), Err(DateError::Form));
    }

    #[test]
    fn near_misses() {
        let near = |text: &str| {
            Date::near_miss(text).map(|n| (n.date.to_string(), n.end.map(|e| e.to_string())))
        };
        let day = |d: &str, e: Option<&str>| Some((d.to_string(), e.map(str::to_string)));
        assert_eq!(near("2021年3月2日至3日"), day("2021-03-02", Some("2021-03-03")));
        assert_eq!(near("2021年3月2日至4月1日"), day("2021-03-02", Some("2021-04-01")));
        assert_eq!(near("2021年3月至5月"), day("2021-03", Some("2021-05")));
        assert_eq!(near("２０２１年３月２日"), day("2021-03-02", None));
        assert_eq!(near("2021 年 3 月"), day("2021-03", None));
        assert_eq!(near("2021-03-02"), None);
        assert_eq!(near("去年"), None);
    }

    #[test]
    fn coarser_sorts_first_on_the_same_day() {
        let order = ["2020", "2020-H1", "2020-Q1", "2020-01", "2020-01-01", "2020-Q2", "2020-H2"];
        let mut dates: Vec<Date> = order.iter().rev().map(|t| Date::parse(t).unwrap()).collect();
        dates.sort();
        let shown: Vec<String> = dates.iter().map(Date::to_string).collect();
        assert_eq!(shown, order);
    }
}
