//! Column labels and headings in Chinese and English (SPEC §3.3, §3.4). A view's columns that
//! are an entity's fields take their labels from its field table (`terms::fields`).

use crate::lang::Lang;
use crate::numbers::report::Sectors;
use crate::terms::fields::{ACTIVITY, BRAND, MEMBER, METRIC, PLAN, label, labels};

/// The first column of every view.
pub const SECTOR: (&str, &str) = ("界别", "Sector");

pub fn sector(lang: Lang) -> &'static str {
    lang.pick(SECTOR.0, SECTOR.1)
}

pub fn total(lang: Lang) -> &'static str {
    lang.pick("合计", "Total")
}

pub const OVERVIEW: [(&str, &str); 9] = [
    ("活动数", "Activities"),
    ("参与人次", "Participants"),
    ("未填人次", "Unrecorded"),
    ("跨界别活动", "Cross-sector"),
    ("受邀参与", "Partnered"),
    ("亮点", "Highlights"),
    ("提案", "Proposals"),
    ("社情民意", "Opinion reports"),
    ("下年设想", "Plans next year"),
];

/// The overview's columns when a sector of the report has a roster (SPEC §13).
pub const PARTICIPATION: [(&str, &str); 3] =
    [("委员数", "Members"), ("参与委员", "Taking part"), ("参与率", "Participation")];

/// The member table's columns after the sector (SPEC §13); `SCORE` with `[scoring]`.
pub const MEMBERS: [(&str, &str); 9] = [
    label(&MEMBER, "name"),
    label(&MEMBER, "role"),
    ("参加活动", "Activities"),
    ("提案·第一", "Proposals (first)"),
    ("提案·联名", "Proposals (joint)"),
    ("社情民意·第一", "Opinions (first)"),
    ("社情民意·联名", "Opinions (joint)"),
    ("被采用", "Adopted"),
    ("获批示", "Instructed"),
];

pub const SCORE: (&str, &str) = ("得分", "Score");

/// The keys of a 提案 or 社情民意 that CSV, JSON and the workbook add to the activities view,
/// each where any activity of the report has it.
pub const DUTY_VIEW: [&str; 4] = ["attendees", "authors", "status", "adoption"];

/// The keys of `DUTY_VIEW` that some activity of these sectors has (each sector's report made
/// once, SPEC §7).
pub fn duty_keys(sectors: &Sectors) -> Vec<&'static str> {
    let mut has = [false; 4];
    for sector in sectors.iter() {
        for a in sector.activities.iter().map(|a| a.activity) {
            has[0] |= !a.attendees.is_empty();
            has[1] |= !a.authors.is_empty();
            has[2] |= a.status.is_some();
            has[3] |= !a.adoption.is_empty();
        }
    }
    DUTY_VIEW.into_iter().zip(has).filter(|(_, has)| *has).map(|(key, _)| key).collect()
}

/// The activities view's columns, by key of the activity's field table.
pub const ACTIVITY_VIEW: [&str; 9] = [
    "date",
    "end_date",
    "kind",
    "title",
    "participants",
    "partners",
    "location",
    "highlight",
    "plan",
];

/// The columns that CSV, JSON and the workbook add to the activities view (the terminal table
/// and Markdown keep theirs narrow).
pub const ACTIVITY_DETAIL_VIEW: [&str; 5] = ["summary", "outcomes", "organizers", "tags", "note"];

pub const ACTIVITIES: [(&str, &str); 9] = labels(&ACTIVITY, ACTIVITY_VIEW);
pub const ACTIVITY_DETAILS: [(&str, &str); 5] = labels(&ACTIVITY, ACTIVITY_DETAIL_VIEW);

/// The plans view's columns (the plans of the next year), by key.
pub const PLAN_VIEW: [&str; 5] = ["year", "id", "kind", "title", "detail"];

pub const PLANS: [(&str, &str); 5] = labels(&PLAN, PLAN_VIEW);

/// The metrics view: the metric's fields, and its completion (value ÷ target).
pub const METRICS: [(&str, &str); 6] = [
    label(&METRIC, "name"),
    label(&METRIC, "value"),
    label(&METRIC, "unit"),
    label(&METRIC, "target"),
    ("完成率", "Completion"),
    label(&METRIC, "note"),
];

/// The brands view: the brand's fields, and how many of its activities the year held.
pub const BRANDS: [(&str, &str); 4] = [
    label(&BRAND, "name"),
    label(&BRAND, "since"),
    ("本年举办", "Held this year"),
    label(&BRAND, "summary"),
];

pub fn month(lang: Lang, month: usize) -> String {
    const EN: [&str; 12] =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    match lang {
        Lang::Zh => format!("{month}月"),
        Lang::En => EN[month - 1].to_string(),
    }
}

pub fn no_month(lang: Lang) -> &'static str {
    lang.pick("月份不详", "No month")
}

pub fn yes_no(lang: Lang, value: bool) -> &'static str {
    match value {
        true => lang.pick("是", "yes"),
        false => lang.pick("否", "no"),
    }
}

pub fn list_separator(lang: Lang) -> &'static str {
    lang.pick("、", "; ")
}

pub fn change(lang: Lang) -> &'static str {
    lang.pick("变化", "Change")
}

/// The two change columns of the diff's `sectors` view, each named for what changed.
pub fn activities_change(lang: Lang) -> &'static str {
    lang.pick("活动数变化", "Activities change")
}

pub fn participants_change(lang: Lang) -> &'static str {
    lang.pick("参与人次变化", "Participants change")
}

/// `+6.4个百分点` / `+6.4 pp`: a change of a percentage, in percentage points.
pub fn points(lang: Lang, signed_number: &str) -> String {
    match lang {
        Lang::Zh => format!("{signed_number}个百分点"),
        Lang::En => format!("{signed_number} pp"),
    }
}

/// The name of a view's sheet in the workbook (SPEC §9).
pub fn sheet(lang: Lang, view: &str) -> &'static str {
    match view {
        "overview" => lang.pick("总览", "Overview"),
        "activities" => lang.pick("活动明细", "Activities"),
        "kinds" => lang.pick("活动类别", "Kinds"),
        "months" => lang.pick("各月活动", "Months"),
        "plans" => lang.pick("工作设想", "Plans"),
        "metrics" => lang.pick("年度指标", "Metrics"),
        "sectors" => lang.pick("各界别对比", "Sectors"),
        "diff-kinds" => lang.pick("活动类别对比", "Kinds"),
        "diff-metrics" => lang.pick("指标对比", "Metrics"),
        "diff-plans" => lang.pick("设想落实", "Plan follow-through"),
        "brands" => lang.pick("工作品牌", "Brands"),
        "members" => lang.pick("委员履职", "Members"),
        _ => "",
    }
}

/// The footer of a printed sheet: the page number and count (Excel's `&P` and `&N`).
pub fn page_footer(lang: Lang) -> &'static str {
    lang.pick("&C第 &P 页 共 &N 页", "&CPage &P of &N")
}

/// The title of a sheet: the report's title and the sheet's subject.
pub fn sheet_title(lang: Lang, title: &str, subject: &str) -> String {
    match lang {
        Lang::Zh => format!("{title}——{subject}"),
        Lang::En => format!("{title} — {subject}"),
    }
}

/// The titles of the workbook's charts: activities per sector (总览), per month (各月活动).
pub fn chart_title(lang: Lang, chart: &str) -> &'static str {
    match chart {
        "sectors" => lang.pick("各界别活动数", "Activities per sector"),
        _ => lang.pick("各月活动数（合计）", "Activities per month (total)"),
    }
}

/// "2020 活动数" / "Activities 2020" and the like.
pub fn of_year(lang: Lang, year: u16, zh: &str, en: &str) -> String {
    match lang {
        Lang::Zh => format!("{year} {zh}"),
        Lang::En => format!("{en} {year}"),
    }
}

pub fn status(lang: Lang, done: bool) -> &'static str {
    match done {
        true => lang.pick("已落实", "done"),
        false => lang.pick("未落实", "pending"),
    }
}

/// Headings of the views, for `full` and for Markdown.
pub fn heading(lang: Lang, view: &str) -> &'static str {
    match view {
        "overview" => lang.pick("总览", "Overview"),
        "activities" => lang.pick("活动", "Activities"),
        "kinds" => lang.pick("活动类别", "Activities by kind"),
        "months" => lang.pick("各月活动", "Activities by month"),
        "plans" => lang.pick("下年工作设想", "Plans for next year"),
        "metrics" => lang.pick("指标", "Metrics"),
        "sectors" => lang.pick("各界别对比", "Sectors"),
        "diff-kinds" => lang.pick("活动类别对比", "Kinds"),
        "diff-metrics" => lang.pick("指标对比", "Metrics"),
        "diff-plans" => lang.pick("工作设想落实情况", "Plan follow-through"),
        "brands" => lang.pick("工作品牌", "Brands"),
        "members" => lang.pick("委员履职统计", "Members' duties"),
        "review" => lang.pick("工作概要", "Summary of the year"),
        "highlights" => lang.pick("亮点与创新", "Highlights"),
        "shortcomings" => lang.pick("不足", "Shortcomings"),
        "outlook" => lang.pick("工作设想", "Outlook"),
        "bars" => lang.pick("各月活动数", "Activities per month"),
        _ => "",
    }
}

/// The Markdown title of the yearly report, from the template of `jiebie.toml` or the default.
pub fn report_title(
    lang: Lang,
    template: Option<&str>,
    organization: Option<&str>,
    year: u16,
) -> String {
    let organization = organization.unwrap_or("");
    let default = match lang {
        Lang::Zh => "{organization}{year}年界别工作概要与{next}年工作设想",
        Lang::En => "{organization} sector work in {year} and plans for {next}",
    };
    let title = template.unwrap_or(default);
    let title = title
        .replace("{organization}", organization)
        .replace("{year}", &year.to_string())
        .replace("{next}", &year.saturating_add(1).to_string());
    title.trim().to_string()
}

pub fn diff_title(lang: Lang, organization: Option<&str>, from: u16, to: u16) -> String {
    let organization = organization.unwrap_or("");
    let title = match lang {
        Lang::Zh => format!("{organization}{from}年与{to}年界别工作对比"),
        Lang::En => format!("{organization} sector work: {from} compared with {to}"),
    };
    title.trim().to_string()
}

/// The line that names a sector's committee, convener, secretary and members.
pub fn meta(lang: Lang, key: &str) -> &'static str {
    match key {
        "committee" => lang.pick("联系专委会", "Committee"),
        "convener" => lang.pick("召集人", "Convener"),
        "secretary" => lang.pick("界别秘书", "Secretary"),
        "members" => lang.pick("委员人数", "Members"),
        _ => "",
    }
}
