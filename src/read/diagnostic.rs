//! Problems in the user's data: code, severity, place, message and help, in Chinese or
//! English; and their rendering, rustc-style text with a caret under the exact characters
//! (a CJK character is two columns wide), or JSON.

use std::fmt::Write;

use serde::Serialize;
use unicode_width::UnicodeWidthChar;

use crate::lang::Lang;
use crate::read::source::{Encoding, Source, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// Where a problem is: a file (index into the loaded sources) and, when known, a byte span;
/// or, for a spreadsheet being imported, a cell (then `file` and `span` are not used).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub file: usize,
    pub span: Option<Span>,
    pub cell: Option<Box<CellPlace>>,
}

impl Place {
    pub fn at(file: usize, span: Span) -> Place {
        Place { file, span: Some(span), cell: None }
    }

    pub fn in_cell(cell: CellPlace) -> Place {
        Place { file: usize::MAX, span: None, cell: Some(Box::new(cell)) }
    }
}

/// A cell of a spreadsheet: `活动.xlsx:Sheet1!C3` (a CSV file has no sheet name: `活动.csv:C3`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellPlace {
    /// The spreadsheet's path as the user gave it.
    pub path: String,
    pub sheet: Option<String>,
    /// 1-based row number.
    pub row: u32,
    /// 0-based column.
    pub column: u32,
    /// The cell's text as shown under the place.
    pub text: String,
}

impl CellPlace {
    /// `C3`.
    pub fn name(&self) -> String {
        format!("{}{}", crate::read::sheet::column_letters(self.column), self.row)
    }

    /// `Sheet1!C3`, or `C3` for a CSV file.
    pub fn reference(&self) -> String {
        match &self.sheet {
            Some(sheet) => format!("{sheet}!{}", self.name()),
            None => self.name(),
        }
    }

    /// `FILE:Sheet1!C3`.
    pub fn display(&self) -> String {
        format!("{}:{}", self.path, self.reference())
    }
}

/// A key's expected type, for E012.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    String,
    Integer,
    Number,
    Boolean,
    Date,
    StringList,
    Table,
    TableArray,
}

/// Why a value is invalid (E013).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Invalid {
    Blank,
    Negative,
    TooLarge,
    Year(i64),
    DateForm(String),
    /// A text close to a date (full-width digits, spaces, a range): what to write instead.
    DateNearMiss {
        text: String,
        date: String,
        end: Option<String>,
    },
    NoSuchDay(String),
    Format(String),
    /// A kind or alias of `[kinds]` that is already taken.
    KindTaken(String),
    /// `nan` or `inf` (or a float too large to be finite), as written.
    NotANumber(String),
    /// An alias whose target is not in `sectors`.
    AliasTarget(String),
    /// An alias that is itself the name of a configured sector.
    AliasHidesSector(String),
    /// A font size of `[document]` outside 5–72 pt.
    FontSize(String),
}

/// What a duplicate is (E030).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Duplicated {
    ActivityId,
    PlanId,
    BrandName,
    Metric,
    ReviewYear,
    Sector,
}

/// The common slips of a Chinese input method that break TOML syntax (E003 help).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Slip {
    FullWidthSpace,
    FullWidthEquals,
    /// `"走访”`: one ASCII quote, one Chinese quote.
    MixedQuotes,
    FullWidthQuotes,
    FullWidthComma,
    FullWidthBrackets,
    /// `location: "浦东"` or `location："浦东"`.
    Colon,
    /// A bare key in Chinese, and the English key it stands for when there is one.
    ChineseKey {
        key: String,
        english: Option<&'static str>,
    },
    /// `[[活动]]` for `[[activity]]`.
    ChineseTable {
        name: String,
        english: String,
    },
    /// `kind = 调研`, `date = 2021/03/02`.
    Unquoted,
}

/// Why a file that looks like a sector file is not read (W110).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LookAlike {
    /// `农业界.toml.txt`, `农业界.TOML`: read once renamed to the name given.
    Renamed(String),
    /// `农业界.toml~`, `农业界.toml.bak`: an editor's backup.
    Backup,
    /// `~$农业界.toml`: the lock or temporary file of Office or WPS.
    Temporary,
    /// A symbolic link to nothing.
    DanglingLink,
    /// A FIFO, socket or device.
    NotAFile,
}

/// The kind of a problem, with what its wording needs.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// Why, in Chinese and in English (the I/O error itself is not kept).
    ReadFailed {
        zh: String,
        en: String,
    },
    /// A directory that cannot be listed (E001, placed by its path alone).
    ReadDirFailed {
        path: String,
        zh: String,
        en: String,
    },
    NotUtf8 {
        encoding: Encoding,
    },
    /// The parser's own message (English), the slip recognised, and the line as it should
    /// be written.
    Syntax {
        message: String,
        slip: Option<Slip>,
        fix: Option<String>,
    },
    NoFiles {
        path: String,
    },
    MissingKey {
        key: String,
        table: String,
    },
    UnknownKey {
        key: String,
        suggestion: Option<String>,
    },
    /// A spreadsheet without a column it needs (`jiebie import`).
    MissingColumn {
        zh: String,
        en: String,
        /// The command-line option that may stand in for the column (`--year`).
        flag: Option<&'static str>,
    },
    WrongType {
        key: String,
        expected: Expected,
        found: String,
    },
    DateTime {
        key: String,
    },
    InvalidValue {
        key: String,
        reason: Invalid,
    },
    UnknownKind {
        kind: String,
        suggestion: Option<String>,
    },
    EndBeforeStart {
        date: String,
        end: String,
    },
    Duplicate {
        what: Duplicated,
        name: String,
        earlier: Place,
        /// Set on the first of many duplicates between the same two files: how many there
        /// are, for the hint that one file looks like a copy of the other.
        copies: Option<usize>,
    },
    UnresolvedPlan {
        id: String,
        suggestion: Option<String>,
    },
    UnresolvedBrand {
        name: String,
        suggestion: Option<String>,
    },
    /// A plan named by a title that several plans of the year carry (`jiebie import`).
    AmbiguousPlan {
        title: String,
        candidates: Vec<String>,
    },
    MetadataConflict {
        key: String,
        value: String,
        earlier_value: String,
        earlier: Place,
    },
    UnknownPartner {
        name: String,
        suggestion: Option<String>,
    },
    SelfPartner {
        name: String,
    },
    FutureDate {
        date: String,
        today: String,
    },
    NoReview {
        sector: String,
        year: u16,
    },
    PlanOtherYear {
        plan: String,
        plan_year: u16,
        year: u16,
    },
    SameActivity {
        title: String,
        date: String,
        earlier: Place,
    },
    Unregistered {
        sector: String,
        suggestion: Option<String>,
    },
    /// Text still as the `init` template wrote it.
    Placeholder {
        key: String,
        placeholder: String,
    },
    /// A file that looks like a sector file but is not read; it has no place in `sources`.
    LookAlike {
        path: String,
        why: LookAlike,
    },
    /// An invisible or control character in a name, kind, id or partner (removed).
    Invisible {
        key: String,
        found: char,
    },
    /// A sector of the configured `sectors` with no file (no `years`), or with nothing in
    /// the years asked for.
    NotHandedIn {
        sector: String,
        years: Vec<u16>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub place: Option<Place>,
    pub kind: Kind,
}

impl Diagnostic {
    pub fn new(place: Place, kind: Kind) -> Diagnostic {
        Diagnostic { place: Some(place), kind }
    }

    pub fn code(&self) -> &'static str {
        match &self.kind {
            Kind::ReadFailed { .. } | Kind::ReadDirFailed { .. } => "E001",
            Kind::NotUtf8 { .. } => "E002",
            Kind::Syntax { .. } => "E003",
            Kind::NoFiles { .. } => "E004",
            Kind::MissingKey { .. } | Kind::MissingColumn { .. } => "E010",
            Kind::UnknownKey { .. } => "E011",
            Kind::WrongType { .. } | Kind::DateTime { .. } => "E012",
            Kind::InvalidValue { .. } => "E013",
            Kind::UnknownKind { .. } => "E020",
            Kind::EndBeforeStart { .. } => "E021",
            Kind::Duplicate { .. } => "E030",
            Kind::UnresolvedPlan { .. }
            | Kind::UnresolvedBrand { .. }
            | Kind::AmbiguousPlan { .. } => "E031",
            Kind::MetadataConflict { .. } => "E032",
            Kind::UnknownPartner { .. } => "W101",
            Kind::SelfPartner { .. } => "W102",
            Kind::FutureDate { .. } => "W103",
            Kind::NoReview { .. } => "W104",
            Kind::PlanOtherYear { .. } => "W105",
            Kind::SameActivity { .. } => "W106",
            Kind::Unregistered { .. } => "W107",
            Kind::Placeholder { .. } => "W109",
            Kind::LookAlike { .. } => "W110",
            Kind::Invisible { .. } => "W111",
            Kind::NotHandedIn { .. } => "W108",
        }
    }

    pub fn severity(&self) -> Severity {
        if self.code().starts_with('E') { Severity::Error } else { Severity::Warning }
    }

    pub fn message(&self, lang: Lang, sources: &[Source]) -> String {
        let zh = lang == Lang::Zh;
        let place = |p: &Place| describe(p, sources);
        match &self.kind {
            Kind::ReadFailed { zh: why, en } => {
                if zh {
                    format!("无法读取文件：{why}")
                } else {
                    format!("cannot read the file: {en}")
                }
            }
            Kind::ReadDirFailed { path, zh: why, en } => {
                if zh {
                    format!("无法读取目录 `{path}`：{why}，其中的界别文件未能读取")
                } else {
                    format!(
                        "cannot read the directory `{path}`: {en}; its sector files were not read"
                    )
                }
            }
            Kind::NotUtf8 { encoding } => match (encoding, zh) {
                (Encoding::Gbk, true) => "文件不是 UTF-8 编码，看起来是 GBK/GB18030 编码".into(),
                (Encoding::Gbk, false) => "the file is not UTF-8; it looks like GBK/GB18030".into(),
                (Encoding::Utf16, true) => "文件是 UTF-16 编码，不是 UTF-8".into(),
                (Encoding::Utf16, false) => "the file is UTF-16, not UTF-8".into(),
                (Encoding::Unknown, true) => "文件不是 UTF-8 编码".into(),
                (Encoding::Unknown, false) => "the file is not UTF-8".into(),
            },
            Kind::Syntax { message, .. } => {
                if zh {
                    format!("TOML 语法错误：{}", crate::read::syntax::message_zh(message))
                } else {
                    format!("TOML syntax error: {message}")
                }
            }
            Kind::NoFiles { path } => {
                if zh {
                    format!("`{path}` 下没有界别文件（*.toml）")
                } else {
                    format!("no sector file (*.toml) under `{path}`")
                }
            }
            Kind::MissingKey { key, table } if table.is_empty() => {
                if zh {
                    format!("文件缺少 `{key}` 表")
                } else {
                    format!("the file has no `{key}` table")
                }
            }
            Kind::MissingKey { key, table } => {
                if zh {
                    format!("{table} 缺少必填项 `{key}`")
                } else {
                    format!("{table} lacks the required key `{key}`")
                }
            }
            Kind::MissingColumn { zh: label, en, .. } => {
                if zh {
                    format!("表格缺少必需的列「{label}」")
                } else {
                    format!("the sheet lacks the required column `{en}`")
                }
            }
            Kind::UnknownKey { key, .. } => {
                if zh {
                    format!("未知的键 `{key}`")
                } else {
                    format!("unknown key `{key}`")
                }
            }
            Kind::WrongType { key, expected, found } => {
                let expected = expected_name(*expected, lang);
                if zh {
                    format!("`{key}` 的值应为{expected}，实际是{}", found_name(found, lang))
                } else {
                    format!("`{key}` should be {expected}, found {}", found_name(found, lang))
                }
            }
            Kind::DateTime { key } => {
                if zh {
                    format!("`{key}` 只能写日期，不能带时间")
                } else {
                    format!("`{key}` takes a date without a time")
                }
            }
            Kind::InvalidValue { key, reason } => invalid_message(key, reason, lang),
            Kind::UnknownKind { kind, .. } => {
                if zh {
                    format!("未知的活动类别「{kind}」")
                } else {
                    format!("unknown activity kind `{kind}`")
                }
            }
            Kind::EndBeforeStart { date, end } => {
                if zh {
                    format!("结束日期 {end} 早于开始日期 {date}")
                } else {
                    format!("end date {end} is before the date {date}")
                }
            }
            Kind::Duplicate { what, name, earlier, .. } => {
                let what = duplicated_name(*what, lang);
                let earlier = place(earlier);
                if zh {
                    format!("{what}「{name}」重复，先前已在 {earlier} 出现")
                } else {
                    format!("duplicate {what} `{name}`, first given at {earlier}")
                }
            }
            Kind::UnresolvedPlan { id, .. } => {
                if zh {
                    format!("本界别没有编号为「{id}」的工作设想（[[plan]]）")
                } else {
                    format!("the sector has no plan ([[plan]]) with id `{id}`")
                }
            }
            Kind::AmbiguousPlan { title, candidates } => {
                let list = candidates.join(lang.pick("、", ", "));
                if zh {
                    format!("有多项工作设想名为「{title}」：{list}")
                } else {
                    format!("several plans are titled `{title}`: {list}")
                }
            }
            Kind::UnresolvedBrand { name, .. } => {
                if zh {
                    format!("本界别没有名为「{name}」的工作品牌（[[brand]]）")
                } else {
                    format!("the sector has no brand ([[brand]]) named `{name}`")
                }
            }
            Kind::MetadataConflict { key, value, earlier_value, earlier } => {
                let earlier = place(earlier);
                if zh {
                    format!(
                        "同一界别的 `{key}` 前后不一致：此处为「{value}」，{earlier} 处为「{earlier_value}」"
                    )
                } else {
                    format!(
                        "`{key}` of the sector differs between files: `{value}` here, `{earlier_value}` at {earlier}"
                    )
                }
            }
            Kind::UnknownPartner { name, .. } => {
                if zh {
                    format!("合作界别「{name}」不是已知的界别或别名")
                } else {
                    format!("partner `{name}` is no known sector or alias")
                }
            }
            Kind::SelfPartner { name } => {
                if zh {
                    format!("界别「{name}」把自己列为合作界别")
                } else {
                    format!("sector `{name}` lists itself as a partner")
                }
            }
            Kind::FutureDate { date, today } => {
                if zh {
                    format!("活动日期 {date} 晚于今天（{today}）")
                } else {
                    format!("the activity is dated {date}, after today ({today})")
                }
            }
            Kind::NoReview { sector, year } => {
                if zh {
                    format!("界别「{sector}」{year} 年有活动，但没有 {year} 年的 [[review]]")
                } else {
                    format!(
                        "sector `{sector}` has activities in {year} but no [[review]] for {year}"
                    )
                }
            }
            Kind::PlanOtherYear { plan, plan_year, year } => {
                if zh {
                    format!("这项 {year} 年的活动落实的是 {plan_year} 年的工作设想「{plan}」")
                } else {
                    format!("this {year} activity carries out plan `{plan}` of {plan_year}")
                }
            }
            Kind::SameActivity { title, date, earlier } => {
                let earlier = place(earlier);
                if zh {
                    format!("同一界别在 {date} 已有同名活动「{title}」（{earlier}）")
                } else {
                    format!("the sector already has an activity `{title}` on {date} ({earlier})")
                }
            }
            Kind::Invisible { key, found } => {
                let code = format!("U+{:04X}", *found as u32);
                if zh {
                    format!("`{key}` 中有不可见字符或控制字符 {code}，比较名称时已将其去掉")
                } else {
                    format!(
                        "`{key}` holds an invisible or control character, {code}; it is removed before names are compared"
                    )
                }
            }
            Kind::Unregistered { sector, .. } => {
                if zh {
                    format!("界别「{sector}」不在 jiebie.toml 的 sectors 名单中")
                } else {
                    format!("sector `{sector}` is missing from `sectors` in jiebie.toml")
                }
            }
            Kind::Placeholder { key, placeholder } => {
                if zh {
                    format!("`{key}` 仍是模板的占位文字「{placeholder}」")
                } else {
                    format!("`{key}` still holds the template's placeholder `{placeholder}`")
                }
            }
            Kind::LookAlike { path, why } => {
                let (zh_why, en_why) = match why {
                    LookAlike::Renamed(_) => {
                        ("文件名不以 .toml 结尾", "its name does not end in .toml")
                    }
                    LookAlike::Backup => ("这是备份文件", "it is a backup file"),
                    LookAlike::Temporary => {
                        ("这是 Office/WPS 的临时文件", "it is a temporary file of Office or WPS")
                    }
                    LookAlike::DanglingLink => {
                        ("这个链接指向的文件不存在", "the link leads to no file")
                    }
                    LookAlike::NotAFile => ("它不是普通文件", "it is not a regular file"),
                };
                if zh {
                    format!("`{path}` 像是界别文件，但没有读取：{zh_why}")
                } else {
                    format!("`{path}` looks like a sector file but is not read: {en_why}")
                }
            }
            Kind::NotHandedIn { sector, years } if years.is_empty() => {
                if zh {
                    format!("界别「{sector}」在 sectors 名单中，但没有它的界别文件（未报送）")
                } else {
                    format!("sector `{sector}` is in `sectors` but has no file (not handed in)")
                }
            }
            Kind::NotHandedIn { sector, years } => {
                if zh {
                    let years: Vec<String> = years.iter().map(|y| format!("{y} 年")).collect();
                    format!(
                        "界别「{sector}」没有 {}的活动、工作概要或工作设想（未报送）",
                        years.join("和")
                    )
                } else {
                    let years: Vec<String> = years.iter().map(u16::to_string).collect();
                    format!(
                        "sector `{sector}` has no activity, review or plan for {} (not handed in)",
                        years.join(" or ")
                    )
                }
            }
        }
    }

    /// The help line, ending with the pointer to `jiebie explain`.
    pub fn help(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let advice = self.advice(lang);
        let pointer = if zh {
            format!("运行 `jiebie explain {}` 查看详细说明", self.code())
        } else {
            format!("run `jiebie explain {}` for details", self.code())
        };
        match advice {
            Some(advice) if advice.ends_with(['？', '?']) => format!("{advice} {pointer}"),
            Some(advice) if zh => format!("{advice}；{pointer}"),
            Some(advice) => format!("{advice}; {pointer}"),
            None => pointer,
        }
    }

    fn advice(&self, lang: Lang) -> Option<String> {
        let zh = lang == Lang::Zh;
        let did_you_mean = |s: &Option<String>| {
            s.as_ref().map(|s| {
                if zh {
                    format!("是否想写「{s}」？")
                } else {
                    format!("did you mean `{s}`?")
                }
            })
        };
        match &self.kind {
            Kind::NotUtf8 { encoding } => Some(match (encoding, zh) {
                (Encoding::Unknown, true) => "请用记事本或 WPS 打开，“另存为”时把编码选为 UTF-8".into(),
                (Encoding::Unknown, false) => "open it in Notepad or WPS and “Save as” with the encoding UTF-8".into(),
                (_, true) => "请用记事本打开该文件，“另存为”时把编码选为 UTF-8 后保存".into(),
                (_, false) => "open the file in Notepad and “Save as” with the encoding UTF-8".into(),
            }),
            Kind::Syntax { slip, fix, .. } => syntax_advice(slip.as_ref(), fix.as_deref(), lang),
            Kind::UnknownKey { suggestion, .. }
            | Kind::UnknownKind { suggestion, .. }
            | Kind::UnresolvedPlan { id: _, suggestion }
            | Kind::UnresolvedBrand { name: _, suggestion }
            | Kind::UnknownPartner { suggestion, .. } => did_you_mean(suggestion),
            Kind::MissingColumn { zh: label, en, flag: Some(flag) } => Some(if zh {
                format!("加一列「{label}」，或用 `{flag}` 给出所有行的{label}")
            } else {
                format!("add a column `{en}`, or give it for every row with `{flag}`")
            }),
            Kind::AmbiguousPlan { .. } => Some(lang.pick("在这一格写设想的编号（编号/ID）", "write the plan's id (编号/ID) in this cell").into()),
            Kind::WrongType { expected: Expected::Boolean, .. }
                if self.place.as_ref().is_some_and(|p| p.cell.is_some()) =>
            {
                Some(lang.pick("写“是”或“否”（也可写 yes/no、true/false、1/0）", "write yes or no (or 是/否, true/false, 1/0)").into())
            }
            Kind::DateTime { .. } => Some(lang.pick("只写日期，例如 2020-05-15", "write the date alone, e.g. 2020-05-15").into()),
            Kind::InvalidValue { key, reason: Invalid::DateNearMiss { date, end, .. } } => {
                Some(date_fix(key, date, end.as_deref(), lang))
            }
            Kind::InvalidValue { reason: Invalid::DateForm(_) | Invalid::NoSuchDay(_), .. } => Some(
                lang.pick(
                    "可用的写法：2020-05-15、\"2020年5月15日\"、\"2020-05\"、\"2020年5月\"、\"2020-Q2\"、\"2020年第二季度\"、\"2020-H1\"、\"2020年上半年\"、\"2020\"、\"2020年全年\"",
                    "accepted forms: 2020-05-15, \"2020年5月15日\", \"2020-05\", \"2020年5月\", \"2020-Q2\", \"2020年第二季度\", \"2020-H1\", \"2020年上半年\", \"2020\", \"2020年全年\"",
                )
                .into(),
            ),
            Kind::WrongType { expected: Expected::TableArray, key, .. } => Some(if zh {
                format!("每一条写成 [[{key}]]")
            } else {
                format!("write each entry as [[{key}]]")
            }),
            Kind::Unregistered { suggestion: Some(s), .. } => Some(if zh {
                format!("是否想写「{s}」？否则把它加入 sectors，或在 [aliases] 中设为别名")
            } else {
                format!("did you mean `{s}`? otherwise add it to `sectors`, or make it an alias in [aliases]")
            }),
            Kind::Unregistered { suggestion: None, .. } => Some(lang.pick("把它加入 sectors，或在 [aliases] 中设为别名", "add it to `sectors`, or make it an alias in [aliases]").into()),
            Kind::Placeholder { .. } => Some(lang.pick("把它换成界别自己的内容", "replace it with the sector's own text").into()),
            Kind::LookAlike { why, .. } => Some(match (why, zh) {
                (LookAlike::Renamed(name), true) => format!("要读取它，请改名为 `{name}`（Windows 资源管理器可能隐藏了扩展名）"),
                (LookAlike::Renamed(name), false) => format!("rename it to `{name}` to have it read (Windows Explorer may hide extensions)"),
                (LookAlike::Backup, true) => "要读取它，请把它改名为以 .toml 结尾".into(),
                (LookAlike::Backup, false) => "rename it to end in .toml to have it read".into(),
                (LookAlike::Temporary, true) => "关闭打开它的程序后即可删除".into(),
                (LookAlike::Temporary, false) => "it can be deleted once the program that opened it is closed".into(),
                (_, true) => "检查它应是哪个文件".into(),
                (_, false) => "check which file it should be".into(),
            }),
            Kind::Invisible { .. } => Some(lang.pick("删去这个字符（从网页、微信或 Word 复制文字时常会带入）", "delete it (it often comes along with text copied from a web page, a chat or Word)").into()),
            Kind::NotHandedIn { sector, years } if years.is_empty() => Some(if zh {
                format!("把该界别的文件放进工作区，或用 `jiebie init {sector}` 新建")
            } else {
                format!("put the sector's file into the workspace, or create one with `jiebie init {sector}`")
            }),
            Kind::NotHandedIn { .. } => Some(lang.pick("请该界别补报；确实没有活动的，可在 [[review]] 中说明", "ask the sector for its entries; one that truly had none can say so in a [[review]]").into()),
            Kind::NoReview { year, .. } => Some(if zh { format!("为 {year} 年添加一条 [[review]]（工作概要）") } else { format!("add a [[review]] (summary) for {year}") }),
            _ => None,
        }
    }

    /// A line after the help, for the first of many duplicates between two files: one of
    /// them looks like a copy of the other (`经济界 - 副本.toml`).
    pub fn note(&self, lang: Lang, sources: &[Source]) -> Option<String> {
        let Kind::Duplicate { earlier, copies: Some(copies), .. } = &self.kind else {
            return None;
        };
        let later = sources[self.place.as_ref()?.file].display_path();
        let earlier = sources[earlier.file].display_path();
        Some(if lang == Lang::Zh {
            format!(
                "{later} 与 {earlier} 之间有 {copies} 处重复，其中一个文件像是另一个的副本；如果是误复制的，请删除或移出工作区"
            )
        } else {
            format!(
                "{later} and {earlier} share {copies} duplicates: one file looks like a copy of the other; if it was copied by mistake, delete it or move it out of the workspace"
            )
        })
    }

    /// The 1-based line and character column of the start of the span.
    pub fn position(&self, sources: &[Source]) -> Option<(usize, usize)> {
        let place = self.place.as_ref()?;
        if let Some(cell) = &place.cell {
            return Some((cell.row as usize, cell.column as usize + 1));
        }
        Some(sources[place.file].position(place.span.as_ref()?.start))
    }

    /// Sort key: file path, line, column, code.
    pub fn sort_key(
        &self,
        sources: &[Source],
    ) -> (Option<std::path::PathBuf>, usize, usize, &'static str) {
        let path = self.place.as_ref().map(|p| match &p.cell {
            Some(cell) => std::path::PathBuf::from(&cell.path),
            None => sources[p.file].path.clone(),
        });
        let path = path.or_else(|| match &self.kind {
            Kind::LookAlike { path, .. } => Some(std::path::PathBuf::from(path)),
            Kind::ReadDirFailed { path, .. } => Some(path.into()),
            _ => None,
        });
        let (line, column) = self.position(sources).unwrap_or((0, 0));
        (path, line, column, self.code())
    }

    /// rustc-style text: header, `--> file:line:column`, the source line, carets, help.
    pub fn render(&self, sources: &[Source], lang: Lang, color: bool) -> String {
        let (label, paint) = match (self.severity(), lang) {
            (Severity::Error, Lang::Zh) => ("错误", "\x1b[1;31m"),
            (Severity::Error, Lang::En) => ("error", "\x1b[1;31m"),
            (Severity::Warning, Lang::Zh) => ("警告", "\x1b[1;33m"),
            (Severity::Warning, Lang::En) => ("warning", "\x1b[1;33m"),
        };
        let (bold, blue, reset) =
            if color { ("\x1b[1m", "\x1b[1;34m", "\x1b[0m") } else { ("", "", "") };
        let paint = if color { paint } else { "" };
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{paint}{label}[{}]{reset}{bold}: {}{reset}",
            self.code(),
            crate::text::escaped(&self.message(lang, sources))
        );
        let help_label = lang.pick("帮助", "help");
        let help = self.help(lang);
        let help = crate::text::escaped(&help);
        let Some(place) = &self.place else {
            let _ = writeln!(out, "  {blue}={reset} {help_label}: {help}");
            self.write_note(&mut out, sources, lang, "  ", blue, reset);
            return out;
        };
        if let Some(cell) = &place.cell {
            // The cell's name stands in the gutter where a line number would.
            let name = cell.name();
            let pad = " ".repeat(name.len());
            let _ = writeln!(out, "{pad}{blue}-->{reset} {}", cell.display());
            let _ = writeln!(out, "{pad} {blue}|{reset}");
            let text: String = cell.text.replace(['\n', '\r'], " ").replace('\t', "    ");
            let shown: String = text.chars().take(2 * CONTEXT).collect();
            let more = if shown.len() < text.len() { "..." } else { "" };
            let _ = writeln!(out, "{blue}{name} |{reset} {shown}{more}");
            let marked = display_width(&shown).max(1);
            let _ = writeln!(out, "{pad} {blue}|{reset} {paint}{}{reset}", "^".repeat(marked));
            let _ = writeln!(out, "{pad} {blue}={reset} {help_label}: {}", self.help(lang));
            return out;
        }
        let source = &sources[place.file];
        let path = source.display_path();
        let path = crate::text::escaped(&path);
        let Some(span) = &place.span else {
            let _ = writeln!(out, "  {blue}-->{reset} {path}");
            let _ = writeln!(out, "  {blue}={reset} {help_label}: {help}");
            self.write_note(&mut out, sources, lang, "  ", blue, reset);
            return out;
        };
        let (line, column) = source.position(span.start);
        let gutter = line.to_string().len();
        let pad = " ".repeat(gutter);
        let _ = writeln!(out, "{pad}{blue}-->{reset} {path}:{line}:{column}");
        let _ = writeln!(out, "{pad} {blue}|{reset}");
        let text = source.line(line);
        let line_start = source.line_start(line);
        let start = (span.start - line_start).min(text.len());
        let end = span.end.saturating_sub(line_start).clamp(start, text.len());
        let (start, mut end) = (floor_boundary(text, start), ceil_boundary(text, end));
        if end == start {
            // An empty span marks the character it stands before.
            end = text[start..].chars().next().map_or(start, |c| start + c.len_utf8());
        }
        // A very long line (minified, or binary garbage) is shown around the place only, so that
        // a thousand problems on one line cannot print the line a thousand times.
        let from = text[..start].char_indices().rev().nth(CONTEXT - 1).map_or(0, |(i, _)| i);
        let end = text[start..end].char_indices().nth(2 * CONTEXT).map_or(end, |(i, _)| start + i);
        let to = text[end..].char_indices().nth(CONTEXT).map_or(text.len(), |(i, _)| end + i);
        let (cut_before, cut_after) = (if from > 0 { "..." } else { "" }, &text[to..]);
        let cut_after = if cut_after.is_empty() { "" } else { "..." };
        let before = cut_before.len() + display_width(&text[from..start]);
        let marked = display_width(&text[start..end]).max(1);
        let shown = shown(&text[from..to]);
        let _ = writeln!(out, "{blue}{line:>gutter$} |{reset} {cut_before}{shown}{cut_after}");
        let _ = writeln!(
            out,
            "{pad} {blue}|{reset} {}{paint}{}{reset}",
            " ".repeat(before),
            "^".repeat(marked)
        );
        let _ = writeln!(out, "{pad} {blue}={reset} {help_label}: {help}");
        self.write_note(&mut out, sources, lang, &format!("{pad} "), blue, reset);
        out
    }

    fn write_note(
        &self,
        out: &mut String,
        sources: &[Source],
        lang: Lang,
        indent: &str,
        blue: &str,
        reset: &str,
    ) {
        if let Some(note) = self.note(lang, sources) {
            let label = lang.pick("提示", "note");
            let _ = writeln!(out, "{indent}{blue}={reset} {label}: {note}");
        }
    }

    pub fn to_json(&self, sources: &[Source], lang: Lang) -> JsonDiagnostic {
        if let Some(cell) = self.place.as_ref().and_then(|p| p.cell.as_ref()) {
            let (row, column) = (cell.row as usize, cell.column as usize + 1);
            return JsonDiagnostic {
                severity: self.severity(),
                code: self.code(),
                message: self.message(lang, sources),
                file: Some(cell.path.clone()),
                line: Some(row),
                column: Some(column),
                end_line: Some(row),
                end_column: Some(column),
                help: self.help(lang),
                sheet: cell.sheet.clone(),
                cell: Some(cell.name()),
            };
        }
        let file = self.place.as_ref().map(|p| sources[p.file].display_path());
        let file = file.or_else(|| match &self.kind {
            Kind::NoFiles { path }
            | Kind::LookAlike { path, .. }
            | Kind::ReadDirFailed { path, .. } => Some(path.clone()),
            _ => None,
        });
        let (start, end) = match &self.place {
            Some(Place { file, span: Some(span), .. }) => {
                let source = &sources[*file];
                (Some(source.position(span.start)), Some(source.position(span.end.max(span.start))))
            }
            _ => (None, None),
        };
        JsonDiagnostic {
            severity: self.severity(),
            code: self.code(),
            message: self.message(lang, sources),
            file,
            line: start.map(|p| p.0),
            column: start.map(|p| p.1),
            end_line: end.map(|p| p.0),
            end_column: end.map(|p| p.1),
            help: match self.note(lang, sources) {
                Some(note) => format!("{}{}{note}", self.help(lang), lang.pick("。", ". ")),
                None => self.help(lang),
            },
            sheet: None,
            cell: None,
        }
    }
}

/// One diagnostic in `validate --format json` (SPEC §4.4).
#[derive(Serialize)]
pub struct JsonDiagnostic {
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub end_line: Option<usize>,
    pub end_column: Option<usize>,
    pub help: String,
    /// For a cell of a spreadsheet (`jiebie import`): its sheet (none for CSV) and its name
    /// (`C3`); `line` is then the row and `column` the column's number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
}

/// `file:line:column` of a place, for messages that name an earlier place.
pub fn describe(place: &Place, sources: &[Source]) -> String {
    if let Some(cell) = &place.cell {
        return cell.display();
    }
    let source = &sources[place.file];
    match &place.span {
        Some(span) => {
            let (line, column) = source.position(span.start);
            format!("{}:{line}:{column}", source.display_path())
        }
        None => source.display_path(),
    }
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// How many characters of a long line are shown before and after the place marked.
const CONTEXT: usize = 60;

/// A piece of a source line as the terminal shows it: a tab as 4 spaces, every other control,
/// invisible or bidi character escaped (`\u{1b}`), so the data never controls the terminal.
fn shown(text: &str) -> String {
    crate::text::escaped(&text.replace('\t', "    ")).into_owned()
}

/// Terminal columns of a piece of a source line as `shown` prints it (escapes are ASCII).
fn display_width(text: &str) -> usize {
    shown(text).chars().map(|c| c.width().unwrap_or(0)).sum()
}

fn expected_name(expected: Expected, lang: Lang) -> &'static str {
    match expected {
        Expected::String => lang.pick("文字（加英文双引号）", "a string"),
        Expected::Integer => lang.pick("整数", "an integer"),
        Expected::Number => lang.pick("数字", "a number"),
        Expected::Boolean => lang.pick("true 或 false", "true or false"),
        Expected::Date => lang.pick("日期", "a date"),
        Expected::StringList => {
            lang.pick("文字列表，例如 [\"甲\", \"乙\"]", "a list of strings, e.g. [\"a\", \"b\"]")
        }
        Expected::Table => lang.pick("表（[…]）", "a table ([…])"),
        Expected::TableArray => lang.pick("表数组（[[…]]）", "an array of tables ([[…]])"),
    }
}

fn found_name(found: &str, lang: Lang) -> &str {
    match (found, lang) {
        ("string", Lang::Zh) => "文字",
        ("integer", Lang::Zh) => "整数",
        ("float", Lang::Zh) => "小数",
        ("boolean", Lang::Zh) => "布尔值",
        ("datetime", Lang::Zh) => "日期时间",
        ("array", Lang::Zh) => "数组",
        ("table", Lang::Zh) => "表",
        ("string", Lang::En) => "a string",
        ("integer", Lang::En) => "an integer",
        ("float", Lang::En) => "a float",
        ("boolean", Lang::En) => "a boolean",
        ("datetime", Lang::En) => "a date-time",
        ("array", Lang::En) => "an array",
        ("table", Lang::En) => "a table",
        (other, _) => other,
    }
}

fn duplicated_name(what: Duplicated, lang: Lang) -> &'static str {
    match what {
        Duplicated::ActivityId => lang.pick("活动编号", "activity id"),
        Duplicated::PlanId => lang.pick("工作设想编号", "plan id"),
        Duplicated::BrandName => lang.pick("工作品牌", "brand"),
        Duplicated::Metric => lang.pick("同一年度的指标", "metric of the year"),
        Duplicated::ReviewYear => lang.pick("工作概要年度", "review year"),
        Duplicated::Sector => lang.pick("界别", "sector"),
    }
}

fn invalid_message(key: &str, reason: &Invalid, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match reason {
        Invalid::Blank => {
            if zh {
                format!("`{key}` 不能为空")
            } else {
                format!("`{key}` must not be blank")
            }
        }
        Invalid::Negative => {
            if zh {
                format!("`{key}` 不能为负数")
            } else {
                format!("`{key}` must not be negative")
            }
        }
        Invalid::TooLarge => {
            if zh {
                format!("`{key}` 的数值太大")
            } else {
                format!("`{key}` is too large")
            }
        }
        Invalid::Year(year) => {
            if zh {
                format!("年份 {year} 不在 1900–2100 之间")
            } else {
                format!("year {year} is outside 1900–2100")
            }
        }
        Invalid::DateForm(text) | Invalid::DateNearMiss { text, .. } => {
            if zh {
                format!("「{text}」不是可识别的日期")
            } else {
                format!("`{text}` is not a recognised date")
            }
        }
        Invalid::NoSuchDay(text) => {
            if zh {
                format!("日期「{text}」不存在")
            } else {
                format!("the date `{text}` does not exist")
            }
        }
        Invalid::Format(value) => {
            if zh {
                format!("不支持的格式版本 {value}，只支持 format = 1")
            } else {
                format!("unsupported format {value}; only format = 1 is supported")
            }
        }
        Invalid::NotANumber(value) => {
            if zh {
                format!("`{key}` 的值 {value} 不是有效数字")
            } else {
                format!("`{key}` = {value} is not a number")
            }
        }
        Invalid::AliasTarget(name) => {
            if zh {
                format!("别名指向的「{name}」不在 sectors 名单中")
            } else {
                format!("the alias leads to `{name}`, which is not in `sectors`")
            }
        }
        Invalid::AliasHidesSector(name) => {
            if zh {
                format!("「{name}」已是 sectors 中的界别，不能再作别名")
            } else {
                format!("`{name}` is a sector of `sectors` and cannot be an alias")
            }
        }
        Invalid::FontSize(size) => {
            if zh {
                format!("字号 {size} 不在 5–72 磅之间（三号为 16，二号为 22，五号为 10.5）")
            } else {
                format!("font size {size} is outside 5–72 pt (16 is 3号, 22 is 2号, 10.5 is 5号)")
            }
        }
        Invalid::KindTaken(word) => {
            if zh {
                format!("「{word}」已是一个活动类别或别名")
            } else {
                format!("`{word}` is already a kind or an alias")
            }
        }
    }
}

/// The exact text to write for a date close to an accepted form.
pub fn date_fix(key: &str, date: &str, end: Option<&str>, lang: Lang) -> String {
    let end_key = if key.starts_with("--") { "--end-date" } else { "end_date" };
    let show = |key: &str, value: &str| {
        if key.starts_with("--") {
            format!("{key} {value}")
        } else {
            format!("{key} = \"{value}\"")
        }
    };
    match (end, lang) {
        (None, Lang::Zh) => format!("应写作 {}", show(key, date)),
        (None, Lang::En) => format!("write {}", show(key, date)),
        (Some(end), Lang::Zh) => {
            format!("起止日期要分开写：{} 和 {}", show(key, date), show(end_key, end))
        }
        (Some(end), Lang::En) => {
            format!("write the range as {} and {}", show(key, date), show(end_key, end))
        }
    }
}

/// What a slip is and, when the line can be mended, the line to write.
fn syntax_advice(slip: Option<&Slip>, fix: Option<&str>, lang: Lang) -> Option<String> {
    let zh = lang == Lang::Zh;
    let what = slip.map(|slip| match slip {
        Slip::FullWidthSpace => lang.pick("行中有全角空格（中文输入法的空格），要用半角空格", "a full-width space (from a Chinese input method) must be an ASCII space").to_string(),
        Slip::FullWidthEquals => lang.pick("等号要用英文半角 `=`，不能用全角 `＝`", "use the ASCII `=`, not the full-width `＝`").to_string(),
        Slip::MixedQuotes => lang.pick("引号要前后都用英文半角 `\"`，这里有一个是中文引号", "both quotes must be the ASCII `\"`; one of them is a Chinese quote").to_string(),
        Slip::FullWidthQuotes => lang.pick("引号要用英文半角 `\"`，不能用中文引号 `“ ”`", "use ASCII quotes `\"`, not `“ ”`").to_string(),
        Slip::FullWidthComma => lang.pick("列表中的逗号要用英文半角 `,`，不能用全角 `，`", "use the ASCII comma `,`, not the full-width `，`").to_string(),
        Slip::FullWidthBrackets => lang.pick("方括号要用英文半角 `[ ]`，不能用全角 `［ ］`", "use ASCII brackets `[ ]`, not the full-width `［ ］`").to_string(),
        Slip::Colon => lang.pick("TOML 用 `=` 连接键和值，不用冒号", "TOML joins a key and its value with `=`, not with a colon").to_string(),
        Slip::ChineseKey { key, english: Some(english) } => if zh {
            format!("键名要用英文：`{key}` 应写作 `{english}`")
        } else {
            format!("keys are English: `{key}` is `{english}`")
        },
        Slip::ChineseKey { english: None, .. } => lang.pick("中文键名必须加英文双引号，例如 \"名称\" = …；最好使用文件格式中的英文键名", "a Chinese key must be quoted, e.g. \"名称\" = …; better use the English keys of the format").to_string(),
        Slip::ChineseTable { name, english } => if zh {
            format!("表名要用英文：`{name}` 应写作 `{english}`")
        } else {
            format!("table names are English: `{name}` is `{english}`")
        },
        Slip::Unquoted => lang.pick("值的写法有误：文字要加英文双引号，日期写作 2021-03-02，数字不带单位", "the value is not TOML: text goes in ASCII double quotes, a date is written 2021-03-02, a number without its unit").to_string(),
    });
    match (what, fix) {
        (Some(what), Some(fix)) if zh => Some(format!("{what}；这一行应写作：{fix}")),
        (Some(what), Some(fix)) => Some(format!("{what}; write the line as: {fix}")),
        (None, Some(fix)) if zh => Some(format!("这一行应写作：{fix}")),
        (None, Some(fix)) => Some(format!("write the line as: {fix}")),
        (what, None) => what,
    }
}

#[cfg(test)]
mod cell_tests {
    use super::*;

    #[test]
    fn a_cell_place_in_json() {
        let cell = CellPlace {
            path: "活动.xlsx".into(),
            sheet: Some("Sheet1".into()),
            row: 3,
            column: 27,
            text: "-5".into(),
        };
        let kind = Kind::InvalidValue { key: "参与人次".into(), reason: Invalid::Negative };
        let diagnostic = Diagnostic::new(Place::in_cell(cell), kind);
        let json = serde_json::to_value(diagnostic.to_json(&[], Lang::En)).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"severity": "error", "code": "E013",
                "message": "`参与人次` must not be negative", "file": "活动.xlsx",
                "line": 3, "column": 28, "end_line": 3, "end_column": 28,
                "help": "run `jiebie explain E013` for details", "sheet": "Sheet1", "cell": "AB3"})
        );
        assert_eq!(describe(diagnostic.place.as_ref().unwrap(), &[]), "活动.xlsx:Sheet1!AB3");
    }
}
