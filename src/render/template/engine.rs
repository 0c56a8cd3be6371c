//! The Markdown document from a minijinja template (SPEC §11): the built-in templates
//! (`templates/summary.md.j2`, `templates/diff.md.j2`, the default Markdown of view `full`) or a
//! user's `--template FILE`. The context is exactly the JSON report (§4.1 / §4.3) plus `lang`;
//! the filters are the project's own (dates in words, percents, escaping, and the total rows
//! and member rows the JSON does not hold), so no number is computed in a template.
//!
//! A template reads nothing but the files beside it (`include`, `extends`, `import`): the
//! loader refuses absolute paths, `..` and whatever resolves outside the template's folder.
//! Errors (syntax, an unknown variable under strict undefined, a failing filter) become a
//! [`TemplateError`], rendered in the style of the data diagnostics with the template's path,
//! line and column.

use std::fmt::Write as _;
use std::io::Read as _;
use std::path::{Component, Path, PathBuf};

use minijinja::syntax::SyntaxConfig;
use minijinja::{AutoEscape, Environment, ErrorKind, UndefinedBehavior, Value};
use unicode_width::UnicodeWidthStr;

use crate::diagnostic::snippet::{Colors, Snippet};
use crate::diagnostic::source::Source;
use crate::error::Error;
use crate::lang::Lang;
use crate::render::bounds::{Capped, Limits, MAX_FILE, open_regular, opened_path, too_big};
use crate::render::grid;
use crate::render::markdown;
use crate::terms::date::{Date, Period};

/// The built-in summary document (`jiebie template summary`).
pub const SUMMARY: &str = include_str!("templates/summary.md.j2");
/// The built-in comparison document (`jiebie template diff`).
pub const DIFF: &str = include_str!("templates/diff.md.j2");

/// A template to render: its text, the name it is known by, and the path shown in errors.
pub struct Template {
    /// The file's name (as `include` refers to it), or the built-in's name.
    pub name: String,
    /// The path as the user gave it, for diagnostics.
    pub shown: String,
    pub text: String,
    /// The folder whose files it may include; None for a built-in template.
    pub dir: Option<PathBuf>,
}

impl Template {
    pub fn built_in(name: &str, text: &str) -> Template {
        Template { name: name.into(), shown: name.into(), text: text.into(), dir: None }
    }

    /// A template file given on the command line; an unreadable file is a usage error.
    pub fn from_file(path: &Path) -> std::io::Result<Template> {
        let mut bytes = Vec::new();
        open_regular(path)?.take(MAX_FILE + 1).read_to_end(&mut bytes)?;
        if bytes.len() as u64 > MAX_FILE {
            return Err(too_big());
        }
        let text = String::from_utf8(bytes).map_err(|_| {
            std::io::Error::new(std::io::ErrorKind::InvalidData, "the file is not UTF-8")
        })?;
        let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
        let name = path.file_name().map_or("template".into(), |n| n.to_string_lossy().into_owned());
        let dir = path.parent().map(|p| if p.as_os_str().is_empty() { Path::new(".") } else { p });
        let dir = dir.map(Path::to_path_buf);
        Ok(Template { name, shown: path.display().to_string(), text, dir })
    }
}

/// What a template gets besides its context: the total rows of its tables (the `total` filter)
/// and the rows of the views the context does not hold (the `rows` filter), by view name.
pub struct Extra {
    pub totals: Vec<(&'static str, Value)>,
    pub rows: Vec<(&'static str, Value)>,
}

/// Renders a template over a context (the JSON report as a value, `lang` added here) within
/// the limits of that report, with the rows of `extra` for the `total` and `rows` filters.
pub fn render(
    template: &Template,
    context: Value,
    limits: Limits,
    extra: Extra,
    lang: Lang,
) -> Result<String, Error> {
    let mut env = environment(template, extra, lang);
    env.set_fuel(Some(limits.fuel));
    let mut out = Capped { bytes: Vec::new(), cap: limits.output, hit: false };
    let rendered = env.get_template(&template.name).and_then(|compiled| {
        let lang_name = lang.pick("zh", "en");
        let context = minijinja::context! { lang => lang_name, ..context };
        compiled.render_captured_to(context, &mut out).map(drop)
    });
    if let Err(error) = rendered {
        let mut error = TemplateError::from_minijinja(&error, template, &env, lang);
        if error.out_of_fuel {
            (error.message, error.help) = limits.fuel_message(lang);
        } else if out.hit {
            (error.message, error.help) = limits.output_message(lang);
        }
        return Err(Error::Template(error.body(lang)));
    }
    let mut text = String::from_utf8(out.bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    // Markdown ends with one line break, whatever the template's last lines.
    let kept = text.trim_end_matches('\n').len();
    text.truncate(kept);
    text.push('\n');
    Ok(text)
}

fn environment(template: &Template, extra: Extra, lang: Lang) -> Environment<'static> {
    let mut env = Environment::new();
    // The variable is named in the error also in release builds.
    env.set_debug(true);
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|_| AutoEscape::None);
    // Jinja's defaults (no trim_blocks, no lstrip_blocks), so that a template written from
    // Jinja's documentation renders as Jinja renders it; the trailing newline is kept.
    let syntax = SyntaxConfig::builder().keep_trailing_newline(true).build();
    if let Ok(syntax) = syntax {
        env.set_syntax(syntax);
    }
    if let Some(dir) = &template.dir {
        env.set_loader(folder_loader(dir.clone(), lang));
    }
    add_filters(&mut env, extra, lang);
    add_tests(&mut env);
    // Added after the loader: the main template is known by its name, so that an error in it
    // names it and a file beside it may include or extend it like any other.
    let _ = env.add_template_owned(template.name.clone(), template.text.clone());
    env
}

/// Loads the files of one folder only.
fn folder_loader(
    dir: PathBuf,
    lang: Lang,
) -> impl Fn(&str) -> Result<Option<String>, minijinja::Error> + Send + Sync + 'static {
    move |name: &str| {
        let refuse = || {
            minijinja::Error::new(
                ErrorKind::InvalidOperation,
                match lang {
                    Lang::Zh => format!("模板只能引用同一文件夹中的文件，不能引用「{name}」"),
                    Lang::En => {
                        format!("a template may only include files of its own folder, not `{name}`")
                    }
                },
            )
        };
        let relative = Path::new(name);
        let plain = relative.components().all(|c| matches!(c, Component::Normal(_)));
        if name.is_empty() || !plain {
            return Err(refuse());
        }
        let Ok(root) = dir.canonicalize() else { return Ok(None) };
        let joined = root.join(relative);
        // The file is opened first, then what was opened is checked: a regular file whose
        // real path lies in the folder (a link, or a folder swapped for one meanwhile, that
        // leads out of it is refused like `..`).
        let file = match open_regular(&joined) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::Unsupported => {
                return Err(minijinja::Error::new(
                    ErrorKind::InvalidOperation,
                    match lang {
                        Lang::Zh => format!("被引用的「{name}」不是普通文件（只能引用普通文件）"),
                        Lang::En => format!(
                            "`{name}` is not a regular file (only regular files can be included)"
                        ),
                    },
                ));
            }
            Err(_) => return Ok(None),
        };
        if !opened_path(&file, &joined).is_some_and(|path| path.starts_with(&root)) {
            return Err(refuse());
        }
        let mut bytes = Vec::new();
        let read = file.take(MAX_FILE + 1).read_to_end(&mut bytes);
        if bytes.len() as u64 > MAX_FILE {
            return Err(minijinja::Error::new(
                ErrorKind::InvalidOperation,
                match lang {
                    Lang::Zh => format!("被引用的「{name}」超过 16 MiB"),
                    Lang::En => format!("the included `{name}` is larger than 16 MiB"),
                },
            ));
        }
        match read.map(|_| bytes) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => {
                    Ok(Some(text.strip_prefix('\u{feff}').map_or(text.clone(), str::to_string)))
                }
                Err(_) => Err(minijinja::Error::new(
                    ErrorKind::InvalidOperation,
                    match lang {
                        Lang::Zh => format!("被引用的文件「{name}」不是 UTF-8 编码"),
                        Lang::En => format!("the included file `{name}` is not UTF-8"),
                    },
                )),
            },
            Err(_) => Ok(None),
        }
    }
}

fn invalid(lang: Lang, zh: String, en: String) -> minijinja::Error {
    minijinja::Error::new(ErrorKind::InvalidOperation, if lang == Lang::Zh { zh } else { en })
}

/// The filters of SPEC §11 and those the built-in templates need; each is documented in the
/// README.
fn add_filters(env: &mut Environment<'static>, extra: Extra, lang: Lang) {
    env.add_filter("total", by_view(extra.totals, lang, ("合计行", "total row")));
    env.add_filter("rows", by_view(extra.rows, lang, ("行", "rows")));
    env.add_filter("date_zh", move |date: Value, year: Option<bool>| {
        parse_date(&date, lang).map(|d| date_zh(d, year.unwrap_or(false)))
    });
    env.add_filter("date_en", move |date: Value, year: Option<bool>| {
        parse_date(&date, lang).map(|d| date_en(d, year.unwrap_or(false)))
    });
    env.add_filter("date_parts", move |date: Value| {
        parse_date(&date, lang).map(|d| {
            let (month, quarter, half, precision) = match d.period {
                Period::Day(m, _) => (Some(m), Some(m.div_ceil(3)), Some(m.div_ceil(6)), "day"),
                Period::Month(m) => (Some(m), Some(m.div_ceil(3)), Some(m.div_ceil(6)), "month"),
                Period::Quarter(q) => (None, Some(q), Some(q.div_ceil(2)), "quarter"),
                Period::Half(h) => (None, None, Some(h), "half"),
                Period::Year => (None, None, None, "year"),
            };
            let day = match d.period {
                Period::Day(_, day) => Some(day),
                _ => None,
            };
            minijinja::context! {
                year => d.year, month, day, quarter, half, precision,
                first_day => d.first_day().to_string(),
            }
        })
    });
    env.add_filter("pct", move |ratio: Value| -> Result<String, minijinja::Error> {
        if ratio.is_none() || ratio.is_undefined() {
            return Ok(String::new());
        }
        let ratio = number(&ratio, "pct", lang)?;
        Ok(if ratio.is_finite() { format!("{}%", grid::percent(ratio)) } else { String::new() })
    });
    env.add_filter("num", move |n: Value| -> Result<String, minijinja::Error> {
        if n.is_none() {
            return Ok(String::new());
        }
        let Ok(int) = i128::try_from(n.clone()) else {
            return number(&n, "num", lang).map(thousands_float);
        };
        Ok(thousands(int))
    });
    env.add_filter("signed", move |n: Value| -> Result<String, minijinja::Error> {
        if n.is_none() || n.is_undefined() {
            return Ok(String::new());
        }
        let (text, positive) = match i128::try_from(n.clone()) {
            Ok(int) => (thousands(int), int > 0),
            Err(_) => {
                let x = number(&n, "signed", lang)?;
                (thousands_float(x), x > 0.0)
            }
        };
        Ok(if positive { format!("+{text}") } else { text })
    });
    env.add_filter("join_zh", |items: Vec<Value>| -> String {
        items.iter().map(Value::to_string).collect::<Vec<_>>().join("、")
    });
    env.add_filter("md_cell", |text: &str| markdown::escape(text));
    env.add_filter("md_text", |text: &str| markdown::escape(text));
    env.add_filter("md_prose", |text: &str| markdown::prose(text).trim_end().to_string());
    env.add_filter("sentence", move |text: &str| sentence(text, lang));
    env.add_filter("cn_num", |n: i64| chinese_number(n));
    env.add_filter("roman", move |n: i64| -> Result<String, minijinja::Error> {
        roman(n).ok_or_else(|| {
            invalid(
                lang,
                format!("roman 只能用于 1 到 3999 之间的整数，不能用于 {n}"),
                format!("roman takes an integer from 1 to 3999, not {n}"),
            )
        })
    });
}

/// The tests the built-in summary picks its sectors with, in one pass each: a list grown by
/// `+` in a loop is copied at every step, which for 100,000 sectors took minutes (SPEC §7).
fn add_tests(env: &mut Environment<'static>) {
    let has = |value: &Value, key: &str| value.get_attr(key).is_ok_and(|v| v.is_true());
    // Something for the year: activities, a review, plans for next year or figures.
    env.add_test("reported", move |s: Value| {
        let activities = s.get_attr("counts").and_then(|c| c.get_attr("activities"));
        activities.is_ok_and(|n| n.is_true())
            || ["review", "plans_next", "metrics"].iter().any(|k| has(&s, k))
    });
    // Something for the appendix's record: activities, figures, a brand held, or plans.
    env.add_test("recorded", move |s: Value| {
        let held = s
            .get_attr("brands")
            .ok()
            .and_then(|b| b.try_iter().ok())
            .is_some_and(|mut b| b.any(|b| has(&b, "held")));
        held || ["activities", "metrics", "plans_next"].iter().any(|k| has(&s, k))
    });
}

/// A filter that looks a view's value up by the view's name (`"kinds" | total`).
fn by_view(
    values: Vec<(&'static str, Value)>,
    lang: Lang,
    (zh, en): (&'static str, &'static str),
) -> impl Fn(&str) -> Result<Value, minijinja::Error> + Send + Sync + 'static {
    move |view: &str| match values.iter().find(|(name, _)| *name == view) {
        Some((_, value)) => Ok(value.clone()),
        None => {
            let known: Vec<&str> = values.iter().map(|(name, _)| *name).collect();
            Err(invalid(
                lang,
                format!("没有「{view}」的{zh}；可用的有：{}", known.join("、")),
                format!("there are no {en} of `{view}`; there are: {}", known.join(", ")),
            ))
        }
    }
}

fn number(value: &Value, filter: &str, lang: Lang) -> Result<f64, minijinja::Error> {
    f64::try_from(value.clone()).map_err(|_| {
        invalid(
            lang,
            format!("过滤器 {filter} 需要一个数字，得到的是「{value}」"),
            format!("the filter {filter} needs a number, not `{value}`"),
        )
    })
}

fn parse_date(value: &Value, lang: Lang) -> Result<Date, minijinja::Error> {
    let text = value.to_string();
    let date = if value.as_str().is_some() { Date::parse(text.trim()).ok() } else { None };
    date.ok_or_else(|| {
        invalid(
            lang,
            format!("「{text}」不是日期（date_zh、date_en 需要报告中的日期，例如 2020-05-15）"),
            format!("`{text}` is not a date (date_zh and date_en take a date of the report, e.g. 2020-05-15)"),
        )
    })
}

/// "5月15日", "5月", "二季度", "上半年", "全年"; with the year "2020年5月15日" … "2020年全年".
pub fn date_zh(date: Date, with_year: bool) -> String {
    const QUARTERS: [&str; 4] = ["一", "二", "三", "四"];
    let part = match date.period {
        Period::Day(m, d) => format!("{m}月{d}日"),
        Period::Month(m) => format!("{m}月"),
        Period::Quarter(q) => format!("{}季度", QUARTERS[usize::from(q.clamp(1, 4)) - 1]),
        Period::Half(1) => "上半年".into(),
        Period::Half(_) => "下半年".into(),
        Period::Year => "全年".into(),
    };
    if with_year { format!("{}年{part}", date.year) } else { part }
}

/// "15 May", "May", "Q2", "First half of the year", "During the year"; with the year
/// "15 May 2020", "May 2020", "Q2 2020", "First half of 2020", "2020".
pub fn date_en(date: Date, with_year: bool) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = |m: u8| MONTHS[usize::from(m.clamp(1, 12)) - 1];
    let year = date.year;
    match (date.period, with_year) {
        (Period::Day(m, d), false) => format!("{d} {}", month(m)),
        (Period::Day(m, d), true) => format!("{d} {} {year}", month(m)),
        (Period::Month(m), false) => month(m).to_string(),
        (Period::Month(m), true) => format!("{} {year}", month(m)),
        (Period::Quarter(q), false) => format!("Q{q}"),
        (Period::Quarter(q), true) => format!("Q{q} {year}"),
        (Period::Half(1), false) => "First half of the year".into(),
        (Period::Half(_), false) => "Second half of the year".into(),
        (Period::Half(1), true) => format!("First half of {year}"),
        (Period::Half(_), true) => format!("Second half of {year}"),
        (Period::Year, false) => "During the year".into(),
        (Period::Year, true) => year.to_string(),
    }
}

/// 12345 → "12,345".
fn thousands(n: i128) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// 12345.5 → "12,345.5"; the decimals as the report prints them.
fn thousands_float(x: f64) -> String {
    let text = crate::read::schema::Number::Float(x).to_string();
    if !x.is_finite() || text.contains('e') {
        return text;
    }
    let (int, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let negative = int.starts_with('-');
    let grouped = thousands(int.trim_start_matches('-').parse::<i128>().unwrap_or(0));
    let sign = if negative { "-" } else { "" };
    if fraction.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{fraction}")
    }
}

/// The text as a sentence: trimmed, with a full stop added unless it ends in one already.
fn sentence(text: &str, lang: Lang) -> String {
    let text = text.trim();
    if text.is_empty() {
        return String::new();
    }
    let ends = ['。', '！', '？', '…', '.', '!', '?', '；'];
    if text.ends_with(ends) { text.to_string() } else { format!("{text}{}", lang.pick("。", ".")) }
}

/// 1 → 一, 10 → 十, 12 → 十二, 105 → 一百零五, 10000 → 一万, 100010 → 十万零一十, -3 → 负三:
/// every i64, in groups of four digits (万, 亿, 万亿, 亿亿).
pub fn chinese_number(n: i64) -> String {
    const GROUPS: [&str; 5] = ["", "万", "亿", "万亿", "亿亿"];
    if n == 0 {
        return "零".into();
    }
    let mut rest = n.unsigned_abs();
    let mut groups = Vec::with_capacity(GROUPS.len());
    while rest > 0 {
        groups.push((rest % 10_000) as u16);
        rest /= 10_000;
    }
    let mut out = String::from(if n < 0 { "负" } else { "" });
    let sign = out.len();
    let mut zero = false;
    for (unit, &group) in groups.iter().enumerate().rev() {
        if group == 0 {
            zero = true;
            continue;
        }
        let first = out.len() == sign;
        if !first && (zero || group < 1000) {
            out.push('零');
        }
        zero = false;
        out.push_str(&below_ten_thousand(group, first));
        out.push_str(GROUPS[unit]);
    }
    out
}

/// 1–9999 in words; `first`: at the number's start, where 12 is 十二, not 一十二.
fn below_ten_thousand(n: u16, first: bool) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    const UNITS: [&str; 4] = ["", "十", "百", "千"];
    let digits = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let mut out = String::new();
    let mut zero = false;
    for (i, &d) in digits.iter().enumerate() {
        let unit = 3 - i;
        if d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push_str(DIGITS[0]);
        }
        zero = false;
        if !(d == 1 && unit == 1 && out.is_empty() && first) {
            out.push_str(DIGITS[usize::from(d)]);
        }
        out.push_str(UNITS[unit]);
    }
    out
}

/// 1 → I, 4 → IV, 2021 → MMXXI (1–3999).
pub fn roman(n: i64) -> Option<String> {
    const TABLE: [(i64, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    if !(1..=3999).contains(&n) {
        return None;
    }
    let mut rest = n;
    let mut out = String::new();
    for (value, letters) in TABLE {
        while rest >= value {
            out.push_str(letters);
            rest -= value;
        }
    }
    Some(out)
}

/// Where in a template: line and character column (1-based), the line's text, and the carets:
/// the display columns before them and how many (none when only the line is known).
#[derive(Debug)]
pub struct ErrorPlace {
    pub line: usize,
    pub column: usize,
    pub text: String,
    pub before: usize,
    pub width: usize,
}

/// A template that cannot be rendered: where, and why in the user's language.
#[derive(Debug)]
pub struct TemplateError {
    /// The template's path as shown to the user.
    pub path: String,
    pub place: Option<ErrorPlace>,
    pub message: String,
    pub help: String,
    /// The fuel ran out (the message then says so, with the limit).
    pub out_of_fuel: bool,
}

impl TemplateError {
    fn from_minijinja(
        error: &minijinja::Error,
        template: &Template,
        env: &Environment<'_>,
        lang: Lang,
    ) -> TemplateError {
        let zh = lang == Lang::Zh;
        let name = error.name().unwrap_or(&template.name);
        let path = if name == template.name {
            template.shown.clone()
        } else {
            match &template.dir {
                Some(dir) if dir != Path::new(".") => dir.join(name).display().to_string(),
                _ => name.to_string(),
            }
        };
        let text: Option<String> = error
            .template_source()
            .map(str::to_string)
            .or_else(|| env.get_template(name).ok().map(|t| t.source().to_string()));
        let mut expression = None;
        let place = match (text, error.range(), error.line()) {
            (Some(text), Some(range), _) if range.start <= text.len() => {
                let source = Source::new(PathBuf::from(&path), text.clone());
                let (line, column) = source.position(range.start);
                let end = range.end.clamp(range.start, text.len());
                if text.is_char_boundary(range.start) && text.is_char_boundary(end) {
                    expression = Some(text[range.start..end].to_string());
                }
                // A tab becomes one space, byte for byte, so that the carets line up; other
                // controls are shown escaped (the carets count the escapes).
                let raw = source.line(line).replace('\t', " ");
                let start_in_line = range.start - source.line_start(line);
                let shown = crate::text::escaped(&raw).into_owned();
                let width = text.get(range.start..end).map_or(1, |s| {
                    crate::text::escaped(s.lines().next().unwrap_or("")).width().max(1)
                });
                let before = raw
                    .get(..start_in_line)
                    .map_or(0, |s| UnicodeWidthStr::width(crate::text::escaped(s).as_ref()));
                Some(ErrorPlace { line, column, text: shown, before, width })
            }
            (Some(text), None, Some(line)) => {
                let source = Source::new(PathBuf::from(&path), text.clone());
                let shown = crate::text::escaped(source.line(line)).into_owned();
                Some(ErrorPlace { line, column: 1, text: shown, before: 0, width: 0 })
            }
            _ => None,
        };
        let mut detail = error.detail().unwrap_or("").to_string();
        // An error inside an included template: say what went wrong there too.
        let mut cause: &dyn std::error::Error = error;
        while let Some(inner) = cause.source() {
            cause = inner;
        }
        if let Some(inner) = cause.downcast_ref::<minijinja::Error>()
            && !std::ptr::eq(inner, error)
            && let Some(inner) = inner.detail()
        {
            detail = format!("{detail}: {inner}");
        }
        let what = expression.clone().unwrap_or_default();
        let (message, help) = match error.kind() {
            ErrorKind::SyntaxError => (
                if zh { format!("模板语法错误：{}", syntax_zh(&detail)) } else { format!("template syntax error: {detail}") },
                lang.pick(
                    "检查 {{ }}、{% %} 是否成对，{% if %}、{% for %} 是否都有对应的 {% endif %}、{% endfor %}",
                    "check that every {{ }} and {% %} is closed and every {% if %} and {% for %} has its {% endif %} or {% endfor %}",
                )
                .to_string(),
            ),
            ErrorKind::UndefinedError => (
                if zh {
                    format!("模板中使用了未定义的变量 `{what}`")
                } else {
                    format!("undefined variable `{what}` in the template")
                },
                lang.pick(
                    "可用的变量就是 `--format json` 输出的各个键，外加 lang；可省略的值用 `is defined` 或 `is none` 判断；运行 `jiebie template` 查看内置模板",
                    "the variables are the keys that `--format json` prints, plus lang; test optional values with `is defined` or `is none`; run `jiebie template` to see the built-in template",
                )
                .to_string(),
            ),
            ErrorKind::UnknownFilter => (
                if zh { format!("未知的过滤器：{detail}") } else { format!("unknown filter: {detail}") },
                lang.pick(
                    "jiebie 的过滤器有 date_zh、date_en、date_parts、pct、num、join_zh、md_cell、md_text、md_prose、sentence、cn_num、roman、table，另有 minijinja 的内置过滤器",
                    "jiebie's filters are date_zh, date_en, date_parts, pct, num, join_zh, md_cell, md_text, md_prose, sentence, cn_num, roman, table, besides minijinja's built-in ones",
                )
                .to_string(),
            ),
            ErrorKind::TemplateNotFound => (
                {
                    let name = detail.split(['\'', '"']).nth(1).unwrap_or(&detail);
                    if zh { format!("找不到被引用的模板「{name}」") } else { format!("included template `{name}` not found") }
                },
                lang.pick("被引用的文件必须放在模板所在的文件夹中", "an included file must lie in the template's folder").to_string(),
            ),
            ErrorKind::InvalidOperation
                if ["include", "extends", "import", "from"].iter().any(|s| what.starts_with(s)) =>
            {
                (
                    if zh { format!("模板出错：{detail}") } else { format!("template error: {detail}") },
                    lang.pick(
                        "模板只能引用（include、extends、import）模板所在文件夹中的文件",
                        "a template may include, extend or import only files of its own folder",
                    )
                    .to_string(),
                )
            }
            _ => (
                if zh { format!("模板出错：{detail}") } else { format!("template error: {detail}") },
                lang.pick("运行 `jiebie template` 查看内置模板的写法", "run `jiebie template` to see how the built-in template does it").to_string(),
            ),
        };
        let out_of_fuel = error.kind() == ErrorKind::OutOfFuel;
        TemplateError { path, place, message, help, out_of_fuel }
    }

    /// The text after the `错误: ` label: the message, the place, the help; the template's
    /// text and whatever data a message quotes are shown escaped.
    pub fn body(&self, lang: Lang) -> String {
        use crate::text::escaped;
        let mut out = String::new();
        let _ = writeln!(out, "{}", escaped(&self.message));
        let (path, help_text) = (escaped(&self.path), escaped(&self.help));
        let help = lang.pick("帮助", "help");
        match &self.place {
            Some(ErrorPlace { line, column, text, before, width }) => {
                let snippet = Snippet {
                    location: &format!("{path}:{line}:{column}"),
                    gutter: &line.to_string(),
                    text,
                    carets: Some((*before, *width)),
                };
                let pad = snippet.write(&mut out, &Colors::NONE);
                let _ = writeln!(out, "{pad} = {help}: {help_text}");
            }
            None => {
                let _ = writeln!(out, " --> {}", path);
                let _ = writeln!(out, "  = {help}: {}", help_text);
            }
        }
        out
    }
}

/// minijinja's syntax messages in Chinese, where the wording is known.
fn syntax_zh(detail: &str) -> String {
    let known = [
        ("unexpected end of input", "模板在语句结束前就结束了"),
        ("unknown statement", "未知的语句"),
        ("unexpected", "此处有意外的内容"),
        ("expected", "此处缺少应有的内容"),
        ("unclosed", "有未闭合的内容"),
    ];
    match known.iter().find(|(en, _)| detail.starts_with(en)) {
        Some((_, zh)) => format!("{zh}（{detail}）"),
        None => detail.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_words() {
        let cases = [
            (1, "一"),
            (10, "十"),
            (12, "十二"),
            (20, "二十"),
            (105, "一百零五"),
            (110, "一百一十"),
            (1001, "一千零一"),
            (3040, "三千零四十"),
            (9999, "九千九百九十九"),
            (10_000, "一万"),
            (10_001, "一万零一"),
            (10_010, "一万零一十"),
            (12_345, "一万二千三百四十五"),
            (100_000, "十万"),
            (110_000, "十一万"),
            (100_010, "十万零一十"),
            (1_001_000, "一百万一千"),
            (1_000_100, "一百万零一百"),
            (100_000_000, "一亿"),
            (100_000_001, "一亿零一"),
            (100_100_000, "一亿零一十万"),
            (1_000_000_000_000, "一万亿"),
            (-3, "负三"),
            (
                i64::MAX,
                "九百二十二亿亿三千三百七十二万亿零三百六十八亿五千四百七十七万五千八百零七",
            ),
        ];
        for (n, text) in cases {
            assert_eq!(chinese_number(n), text, "{n}");
        }
        assert_eq!(roman(3).as_deref(), Some("III"));
        assert_eq!(roman(2021).as_deref(), Some("MMXXI"));
        assert_eq!(thousands(-1234567), "-1,234,567");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands_float(12345.5), "12,345.5");
        assert_eq!(thousands_float(-0.25), "-0.25");
    }

    #[test]
    fn dates_in_words() {
        let d = |s: &str| Date::parse(s).unwrap();
        assert_eq!(date_zh(d("2020-05-15"), false), "5月15日");
        assert_eq!(date_zh(d("2020-05"), false), "5月");
        assert_eq!(date_zh(d("2020-Q2"), false), "二季度");
        assert_eq!(date_zh(d("2020-H1"), false), "上半年");
        assert_eq!(date_zh(d("2020"), false), "全年");
        assert_eq!(date_zh(d("2020-H2"), true), "2020年下半年");
        assert_eq!(date_en(d("2020-05-15"), false), "15 May");
        assert_eq!(date_en(d("2020-Q3"), true), "Q3 2020");
    }

    #[test]
    fn sentences_end_once() {
        assert_eq!(sentence(" 形成报告 ", Lang::Zh), "形成报告。");
        assert_eq!(sentence("形成报告。", Lang::Zh), "形成报告。");
        assert_eq!(sentence("“讲好中国故事”", Lang::Zh), "“讲好中国故事”。");
        assert_eq!(sentence("done", Lang::En), "done.");
    }
}
