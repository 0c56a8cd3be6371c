//! The wording of every diagnostic, in Chinese and in English: the message, the help line
//! with its advice, and the note; also the parser's own syntax messages in Chinese.

use crate::diagnostic::source::{Encoding, Source};
use crate::diagnostic::{
    Diagnostic, Duplicated, Expected, Invalid, Kind, LookAlike, Place, Slip, describe,
};
use crate::lang::Lang;

impl Diagnostic {
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
                    format!("TOML 语法错误：{}", message_zh(message))
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
            Kind::WrongType { key, expected, found, .. } => {
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
            Kind::NearActivity { title, other, date, earlier } => {
                let earlier = place(earlier);
                if zh {
                    format!(
                        "「{title}」与界别 {date} 已有的活动「{other}」（{earlier}）相近，可能重复"
                    )
                } else {
                    format!(
                        "`{title}` is close to the sector's activity `{other}` of {date} ({earlier}): possibly the same"
                    )
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
            Kind::NearSector { sector, suggestion } => {
                if zh {
                    format!("界别名称「{sector}」与已知的界别「{suggestion}」只差一个字")
                } else {
                    format!(
                        "sector name `{sector}` is one character away from the known sector `{suggestion}`"
                    )
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
            Kind::UnknownTerm { key, word, kind: Some(kind), .. } => {
                if zh {
                    format!("`{key}` 的值「{word}」不适用于{kind}")
                } else {
                    format!("`{key}` value `{word}` does not apply to a {kind}")
                }
            }
            Kind::UnknownTerm { key, word, kind: None, .. } => {
                if zh {
                    format!("`{key}` 的值「{word}」不在可用的词表中")
                } else {
                    format!("`{key}` value `{word}` is not in its vocabulary")
                }
            }
            Kind::NotOnRoster { name, sector, year, .. } => {
                if zh {
                    format!("「{name}」不在{sector}（或合作界别）{year} 年的委员名册中")
                } else {
                    format!("`{name}` is not on the {year} roster of {sector} (nor of a partner)")
                }
            }
            Kind::FewerParticipants { participants, attendees } => {
                if zh {
                    format!("参与人次 {participants} 少于列出的参加委员 {attendees} 人")
                } else {
                    format!(
                        "participants ({participants}) is smaller than the {attendees} attendees listed"
                    )
                }
            }
            Kind::MembersCount { members, roster, year } => {
                if zh {
                    format!("members = {members}，但委员名册 {year} 年列有 {roster} 人")
                } else {
                    format!("members = {members}, but the roster lists {roster} for {year}")
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
            | Kind::UnknownPartner { suggestion, .. }
            | Kind::UnknownTerm { suggestion, kind: None, .. }
            | Kind::NotOnRoster { suggestion, .. } => did_you_mean(suggestion),
            Kind::MissingColumn { zh: label, en, flag: Some(flag) } => Some(if zh {
                format!("加一列「{label}」，或用 `{flag}` 给出所有行的{label}")
            } else {
                format!("add a column `{en}`, or give it for every row with `{flag}`")
            }),
            Kind::AmbiguousPlan { .. } => Some(lang.pick("在这一格写设想的编号（编号/ID）", "write the plan's id (编号/ID) in this cell").into()),
            Kind::WrongType { expected: Expected::Boolean, .. }
                if self.place.as_ref().is_some_and(|p| p.cell().is_some()) =>
            {
                Some(lang.pick("写“是”或“否”（也可写 yes/no、true/false、1/0）", "write yes or no (or 是/否, true/false, 1/0)").into())
            }
            Kind::WrongType { key, fix: Some(fix), .. } => Some({
                // A key that is not bare (a kind of `[kinds]`) is written in quotes.
                let bare = key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
                let key = if bare { key.clone() } else { format!("\"{key}\"") };
                if zh {
                format!("应写作 {key} = {fix}")
            } else {
                format!("write {key} = {fix}")
            }
            }),
            Kind::DateTime { .. } => Some(lang.pick("只写日期，例如 2020-05-15", "write the date alone, e.g. 2020-05-15").into()),
            Kind::InvalidValue { key, reason: Invalid::DateNearMiss { date, end, .. } } => {
                Some(date_fix(key, date, end.as_deref(), lang))
            }
            Kind::InvalidValue { reason: Invalid::DateForm(_) | Invalid::NoSuchDay(_), .. } => {
                let forms = crate::terms::date::forms_text(zh, true);
                Some(if zh { format!("可用的写法：{forms}") } else { format!("accepted forms: {forms}") })
            }
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
            Kind::NearSector { suggestion, .. } => Some(if zh {
                format!("是否想写「{suggestion}」？若确是另一个界别，在 jiebie.toml 的 sectors 中列出它")
            } else {
                format!("did you mean `{suggestion}`? if it is another sector, list it in `sectors` of jiebie.toml")
            }),
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
            Kind::UnknownTerm { word, kind: Some(kind), .. } => {
                let statuses: &[&str] = if kind == "提案" {
                    &crate::terms::vocabulary::PROPOSAL_STATUSES
                } else {
                    &crate::terms::vocabulary::OPINION_STATUSES
                };
                let list = statuses.join(lang.pick("、", ", "));
                Some(if zh {
                    format!("「{word}」是另一类别的状态；{kind}的状态有：{list}")
                } else {
                    format!("`{word}` is a status of the other kind; a {kind} takes: {list}")
                })
            }
            Kind::FewerParticipants { attendees, .. } => Some(if zh { format!("参与人次至少应为 {attendees}，或删去 participants 让它按参加委员计数") } else { format!("make participants at least {attendees}, or leave it out to count the attendees") }),
            Kind::MembersCount { roster, .. } => Some(if zh { format!("改为 members = {roster}，或删去 members 由名册计数") } else { format!("write members = {roster}, or leave it out and let the roster count") }),
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
        let later = sources[self.place.as_ref()?.file()?].display_path();
        let earlier = sources[earlier.file()?].display_path();
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
        Duplicated::Member => lang.pick("委员", "member"),
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
        Invalid::MonthDay(text) => {
            if zh {
                format!("「{text}」不是“月-日”，应写成 \"MM-DD\"，例如 \"12-01\"（12 月 1 日）")
            } else {
                format!(
                    "`{text}` is no month and day: write \"MM-DD\", e.g. \"12-01\" (1 December)"
                )
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
        Slip::ChineseKey { english: None, .. } => lang.pick("键名要用文件格式中的英文键名（中文键名要加英文双引号，但仍不是可用的键）", "keys are the English keys of the format (a Chinese key would need quotes, and would still be no key of the format)").to_string(),
        Slip::ChineseTable { name, english } => if zh {
            format!("表名要用英文：`{name}` 应写作 `{english}`")
        } else {
            format!("table names are English: `{name}` is `{english}`")
        },
        Slip::Unquoted => lang.pick("值的写法有误：文字要加英文双引号，日期写作 2021-03-02，数字不带单位，是/否写作 true/false", "the value is not TOML: text goes in ASCII double quotes, a date is written 2021-03-02, a number without its unit, yes/no as true/false").to_string(),
    });
    match (what, fix) {
        (Some(what), Some(fix)) if zh => Some(format!("{what}；这一行应写作：{fix}")),
        (Some(what), Some(fix)) => Some(format!("{what}; write the line as: {fix}")),
        (None, Some(fix)) if zh => Some(format!("这一行应写作：{fix}")),
        (None, Some(fix)) => Some(format!("write the line as: {fix}")),
        (what, None) => what,
    }
}

/// The parser's message in Chinese.
pub fn message_zh(message: &str) -> String {
    let (what, expected) = message.split_once(", expected ").unwrap_or((message, ""));
    if what.starts_with("invalid") && what.ends_with("string") && expected.contains("characters") {
        return "字符串中有不允许的控制字符（请删去，或写成转义形式，例如 \\u001b）".to_string();
    }
    let text = match what {
        "invalid unquoted key" => "键名只能用英文字母、数字、`-` 和 `_`（其他文字要加英文双引号）",
        "unquoted keys cannot be empty" | "invalid key" => "缺少键名，或键名写法有误",
        "key with no value" => "键后面缺少 `=` 和值",
        "missing value for key" | "missing value" => "`=` 后面缺少值",
        "string values must be quoted" => "文字值必须加英文双引号",
        "invalid basic string" | "invalid string" => "字符串没有用英文双引号 `\"` 正确结束",
        "invalid literal string" => "字符串没有用单引号 `'` 正确结束",
        "invalid multi-line basic string" => "多行字符串没有用 `\"\"\"` 结束",
        "invalid multi-line literal string" => "多行字符串没有用 `'''` 结束",
        "missing opening quote" => "缺少开头的引号",
        "missing comma between array elements" => "列表的元素之间缺少英文逗号 `,`",
        "extra comma in array" => "列表中多了一个逗号",
        "unclosed array" => "列表缺少结尾的 `]`",
        "missing array opening" => "缺少列表开头的 `[`",
        "unexpected `=` in array" => "列表中不能有 `=`",
        "unclosed table" => "表头缺少结尾的 `]`",
        "unclosed array table" => "表头缺少结尾的 `]]`",
        "missing table open" => "缺少表头开头的 `[`",
        "invalid table" => "表头写法有误",
        "unclosed inline table" => "内联表缺少结尾的 `}`",
        "missing inline table opening" => "缺少内联表开头的 `{`",
        "missing comma between key-value pairs" => "内联表的键值之间缺少英文逗号 `,`",
        "extra comma in inline table" => "内联表中多了一个逗号",
        "missing key for inline table element" => "内联表中缺少键名",
        "invalid inline table element" => "内联表的写法有误",
        "missing assignment between key-value pairs" => "键和值之间缺少 `=`",
        "extra assignment between key-value pairs" | "extra `=`" => "多了一个 `=`",
        "unexpected key or value" | "unexpected content" => "一行只能写一个键值对，这里多出了内容",
        "unexpected content between comment and newline" | "invalid comment character" => {
            "注释中有不允许的控制字符"
        }
        "missing comment start" => "注释要以 `#` 开头",
        "missing escaped value" => "反斜杠 `\\` 后的转义无效（要写反斜杠本身，请写 `\\\\`）",
        "too few unicode value digits" => "`\\u` 后面的十六进制数字不够",
        "carriage return must be followed by newline" => "回车符后面必须紧跟换行符",
        "keys cannot be multi-line basic strings" | "keys cannot be multi-line literal strings" => {
            "键名不能用多行字符串"
        }
        "invalid key-value pair" => "键值对写法有误",
        "invalid value" => "值的写法有误",
        "invalid boolean" => "布尔值只能写 true 或 false（小写）",
        "invalid integer number"
        | "invalid float"
        | "invalid exponent"
        | "invalid fraction"
        | "invalid mantissa"
        | "invalid hexadecimal number"
        | "invalid octal number"
        | "invalid binary number"
        | "redundant integer number prefix" => "数字写法有误",
        "unexpected leading zero" => "数字不能以 0 开头",
        "unexpected sign" | "redundant numeric sign" => "正负号的位置有误",
        "integers with a radix cannot be signed" => "十六进制、八进制、二进制数不能带正负号",
        "radix must be lowercase" => "进制前缀要小写（0x、0o、0b）",
        "`_` may only go between digits" => "`_` 只能写在两个数字之间",
        "invalid date" => return date_zh(expected),
        "invalid date-time" | "invalid datetime" | "invalid time" | "invalid offset" => {
            "日期或时间的写法有误"
        }
        "duplicate key" => "键重复：同一个表中同一个键（或同一个 [表]）只能写一次",
        "cannot recurse further; max recursion depth met" | "recursion limit" => "嵌套层数太多",
        other if other.starts_with("cannot extend value of type") => "带点的键与前面已有的值冲突",
        _ => "不符合 TOML 语法",
    };
    text.to_string()
}

/// `invalid date, expected day between 01 and 28`: which day or month is out of range.
fn date_zh(expected: &str) -> String {
    let last = expected.rsplit(' ').next().unwrap_or("");
    if expected.starts_with("day between") {
        format!("日期不存在：这个月只有 {} 天", last.trim_start_matches('0'))
    } else if expected.starts_with("month between") {
        "日期不存在：月份应在 01 到 12 之间".into()
    } else {
        "日期不存在".into()
    }
}

#[cfg(test)]
mod tests {
    use super::message_zh;

    #[test]
    fn messages_in_chinese() {
        assert_eq!(message_zh("key with no value, expected `=`"), "键后面缺少 `=` 和值");
        assert_eq!(
            message_zh("invalid date, expected day between 01 and 28"),
            "日期不存在：这个月只有 28 天"
        );
        assert_eq!(message_zh("something new"), "不符合 TOML 语法");
        assert_eq!(
            message_zh("invalid basic string, expected non-double-quote visible characters, `\\`"),
            "字符串中有不允许的控制字符（请删去，或写成转义形式，例如 \\u001b）"
        );
    }
}
