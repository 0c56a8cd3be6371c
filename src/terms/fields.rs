//! One field table per entity of a sector file: each key with its Chinese and English label,
//! its type, `add`'s flag and help, and whether the terminal table and Markdown show it.
//!
//! Everything that spells out an entry's keys reads these tables: parsing and its E011 key
//! list (`read::parse`), `add`'s flags (`cli`), import's column matching (`import`), the grids'
//! headers (`render::grid`, through the views' key lists), and a test holds the JSON schema
//! (`read::schema`) to them. A new field is one line here (and its own parsing rule).

/// What a key holds, as far as the command line and a spreadsheet cell need to know.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    Text,
    /// A date of any precision (SPEC §2.3); `end` for the end of a range.
    Date {
        end: bool,
    },
    /// A whole number of zero or more.
    Count,
    /// An integer or a decimal number, maybe negative.
    Number,
    /// A year from 1900 to 2100.
    Year,
    Bool,
    /// A list of names or words: a cell splits on 、 , ; ， and line breaks.
    List,
    /// A list of sentences: a cell splits like `List`, but not on ，.
    Sentences,
    /// A table or a list of tables (the file's top level only).
    Table,
}

/// Where a field is shown as a column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown {
    /// In every table: the terminal, Markdown, CSV, JSON and the workbook.
    Always,
    /// Only where width does not matter: CSV, JSON and the workbook.
    Details,
    /// In no view's columns.
    Never,
}

/// One key of an entity.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    /// The key in the TOML file.
    pub key: &'static str,
    /// The column label, in Chinese and in English.
    pub zh: &'static str,
    pub en: &'static str,
    pub ty: Type,
    /// Whether an entry must have it.
    pub required: bool,
    /// `add`'s flag (`--partner`), also a name a spreadsheet column may carry.
    pub flag: &'static str,
    /// `add`'s help for the flag, "中文 / English".
    pub help: &'static str,
    pub shown: Shown,
    /// Other names a spreadsheet's column of it usually carries (SPEC §10), in either language.
    pub also: &'static [&'static str],
}

/// An entity: its table name and its fields, in the file format's order.
#[derive(Debug)]
pub struct Entity {
    pub table: &'static str,
    pub fields: &'static [Field],
    /// The keys alone, for key checks and suggestions.
    pub keys: &'static [&'static str],
}

impl Entity {
    pub fn field(&self, key: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// The labels of the keys named, in that order (a view's columns).
    pub fn labels(&self, keys: &[&str]) -> Vec<(&'static str, &'static str)> {
        keys.iter().filter_map(|key| self.field(key)).map(|field| (field.zh, field.en)).collect()
    }
}

/// The labels of `key` in `entity`, at compile time (a view's column list is checked as it
/// is built: a key that is not there stops the build).
pub const fn label(entity: &Entity, key: &str) -> (&'static str, &'static str) {
    let mut i = 0;
    while i < entity.fields.len() {
        let field = entity.fields[i];
        if same(field.key, key) {
            return (field.zh, field.en);
        }
        i += 1;
    }
    panic!("a view names a key that its entity does not have");
}

/// The labels of several keys, in their order (a view's columns).
pub const fn labels<const N: usize>(
    entity: &Entity,
    keys: [&str; N],
) -> [(&'static str, &'static str); N] {
    let mut out = [("", ""); N];
    let mut i = 0;
    while i < N {
        out[i] = label(entity, keys[i]);
        i += 1;
    }
    out
}

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// `entity!(NAME, "table", [(key, zh, en, Type, required, flag, help, Shown [, also]), …])`: the
/// field table and its list of keys, from one spelling of each key.
macro_rules! entity {
    ($name:ident, $table:literal, [$(($key:literal, $zh:literal, $en:literal, $ty:expr, $required:literal, $flag:literal, $help:literal, $shown:ident $(, [$($also:literal),* $(,)?])?)),* $(,)?]) => {
        pub const $name: Entity = Entity {
            table: $table,
            fields: &[$(Field {
                key: $key,
                zh: $zh,
                en: $en,
                ty: $ty,
                required: $required,
                flag: $flag,
                help: $help,
                shown: Shown::$shown,
                also: &[$($($also),*)?],
            }),*],
            keys: &[$($key),*],
        };
    };
}

use Type::*;

#[rustfmt::skip]
entity!(FILE, "", [
    ("format", "格式", "Format", Count, false, "", "文件格式版本 / file format version", Never),
    ("sector", "界别", "Sector", Table, true, "", "界别基本信息 / the sector", Never),
    ("review", "工作概要", "Review", Table, false, "", "工作概要 / reviews", Never),
    ("activity", "活动", "Activity", Table, false, "", "活动 / activities", Never),
    ("plan", "工作设想", "Plan", Table, false, "", "工作设想 / plans", Never),
    ("metric", "年度指标", "Metric", Table, false, "", "年度指标 / metrics", Never),
    ("brand", "工作品牌", "Brand", Table, false, "", "工作品牌 / brands", Never),
    ("member", "委员", "Member", Table, false, "", "界别委员名册 / the roster", Never),
]);

#[rustfmt::skip]
entity!(SECTOR, "sector", [
    ("name", "界别", "Sector", Text, true, "sector", "界别名称或别名 / the sector's name or alias", Always),
    ("committee", "联系专委会", "Committee", Text, false, "committee", "联系专委会 / the committee", Never),
    ("convener", "召集人", "Convener", Text, false, "convener", "召集人 / the convener", Never),
    ("secretary", "界别秘书", "Secretary", Text, false, "secretary", "界别秘书 / the secretary", Never),
    ("members", "委员人数", "Members", Count, false, "members", "委员人数 / members", Never),
]);

#[rustfmt::skip]
entity!(REVIEW, "review", [
    ("year", "年度", "Year", Year, true, "year", "年度 / year", Never),
    ("title", "标题", "Title", Text, false, "title", "标题 / title", Never),
    ("summary", "工作概要", "Summary", Text, true, "summary", "工作概要 / summary", Never),
    ("highlights", "亮点", "Highlights", Sentences, false, "highlight", "亮点 / highlights", Never),
    ("shortcomings", "不足", "Shortcomings", Sentences, false, "shortcoming", "不足 / shortcomings", Never),
    ("outlook", "工作设想", "Outlook", Text, false, "outlook", "下一年工作设想 / outlook", Never),
]);

#[rustfmt::skip]
entity!(ACTIVITY, "activity", [
    ("id", "编号", "ID", Text, false, "id", "编号，界别内唯一 / id, unique within the sector", Never),
    ("date", "日期", "Date", Date { end: false }, true, "date", "日期，例如 2021-03-02、2021-05、2021年上半年 / date of any precision", Always,
        ["时间", "活动日期", "活动时间", "time", "activity date"]),
    ("end_date", "结束日期", "End date", Date { end: true }, false, "end-date", "结束日期 / end date (same forms)", Always),
    ("kind", "类别", "Kind", Text, true, "kind", "类别或别名，例如 调研、座谈会 / kind or alias", Always,
        ["类型", "活动类型", "活动类别", "活动形式", "形式", "type", "category", "activity type"]),
    ("title", "活动", "Title", Text, true, "title", "活动名称 / title", Always,
        ["名称", "活动名称", "活动主题", "主题活动", "标题", "事项", "name", "activity", "subject"]),
    ("summary", "内容", "Summary", Text, false, "summary", "内容摘要 / summary", Details,
        ["活动内容", "主要内容", "简要情况", "内容摘要", "content", "description"]),
    ("location", "地点", "Location", Text, false, "location", "地点 / location", Always,
        ["活动地点", "place", "venue"]),
    ("participants", "参与人次", "Participants", Count, false, "participants", "委员参与人次 / member participations", Always,
        ["人数", "参加人数", "参与人数", "人次", "参加人次", "委员人数", "参加委员人数", "attendance", "number of participants"]),
    ("partners", "合作界别", "Partners", List, false, "partner", "合作界别（可重复）/ partner sector (repeatable)", Always,
        ["联合界别", "参与界别", "partner sectors"]),
    ("organizers", "会外合办", "Organizers", List, false, "organizer", "会外合办单位（可重复）/ co-organiser (repeatable)", Details,
        ["合办单位", "协办单位", "co-organizers", "co-organisers"]),
    ("tags", "主题", "Tags", List, false, "tag", "主题（可重复）/ topic (repeatable)", Details),
    ("outcomes", "成果", "Outcomes", Sentences, false, "outcome", "成果（可重复）/ result (repeatable)", Details,
        ["成效", "活动成果", "results"]),
    ("plan", "对应设想", "Plan", Text, false, "plan", "落实的工作设想编号 / id of the plan carried out", Always),
    ("brand", "品牌", "Brand", Text, false, "brand", "所属工作品牌 / brand", Never),
    ("highlight", "亮点", "Highlight", Bool, false, "highlight", "年度亮点 / a highlight of the year", Always),
    ("note", "备注", "Note", Text, false, "note", "备注（显示在活动明细中，不进入文档正文）/ a note, shown in the activities view, never in the document", Details,
        ["remarks", "remark", "comments"]),
    ("attendees", "参加委员", "Attendees", List, false, "attendees", "参加活动的委员（名册中的姓名，可用顿号分隔）/ members who took part", Details,
        ["出席委员", "参会委员", "attending members"]),
    ("authors", "提案人·反映人", "Authors", List, false, "authors", "提案人或反映人，第一位为第一提案人（仅提案、社情民意）/ authors, the first is the first author (proposals and opinion reports only)", Details,
        ["提案人", "反映人", "proposer", "proposers", "author"]),
    ("number", "提案号", "Number", Text, false, "number", "提案号或信息编号（仅提案、社情民意）/ proposal or report number", Details,
        ["信息编号", "案号", "proposal number"]),
    ("status", "状态", "Status", Text, false, "status", "状态，例如 立案、已录用（仅提案、社情民意）/ status, e.g. 立案, 已录用", Details,
        ["办理状态", "立案情况", "录用情况"]),
    ("adoption", "采用情况", "Adoption", List, false, "adoption", "采用与批示情况，例如 市政协单篇采用（仅社情民意）/ adoption marks", Details,
        ["采用批示情况", "批示情况"]),
]);

#[rustfmt::skip]
entity!(MEMBER, "member", [
    ("name", "委员", "Member", Text, true, "name", "委员姓名，界别内唯一 / the member's name, unique within the sector", Always,
        ["姓名", "委员姓名"]),
    ("role", "职务", "Role", Text, false, "role", "召集人、副召集人、常委或委员（默认委员）/ 召集人|副召集人|常委|委员", Always,
        ["界别职务"]),
    ("unit", "单位及职务", "Unit", Text, false, "unit", "单位及职务 / workplace and position", Always,
        ["单位", "工作单位"]),
    ("from", "起始年度", "From", Year, false, "from", "进入本界别的年度（默认一直在）/ first year in the sector", Always),
    ("to", "截止年度", "To", Year, false, "to", "离开本界别前的最后年度（默认仍在）/ last year in the sector", Always),
]);

#[rustfmt::skip]
entity!(PLAN, "plan", [
    ("id", "编号", "ID", Text, true, "id", "编号，界别内唯一 / id, unique within the sector", Always),
    ("year", "年度", "Year", Year, true, "year", "设想针对的年度 / the year the plan is for", Always),
    ("title", "设想", "Plan", Text, true, "title", "设想内容 / what is planned", Always),
    ("kind", "类别", "Kind", Text, false, "kind", "类别或别名 / kind or alias", Always),
    ("detail", "说明", "Detail", Text, false, "detail", "说明 / detail", Always),
    ("tags", "主题", "Tags", List, false, "tag", "主题（可重复）/ topic (repeatable)", Details),
]);

#[rustfmt::skip]
entity!(METRIC, "metric", [
    ("year", "年度", "Year", Year, true, "year", "年度 / year", Never),
    ("name", "指标", "Metric", Text, true, "name", "指标名称 / metric name", Always),
    ("value", "数值", "Value", Number, true, "value", "数值（整数或小数，可为负）/ the value (integer or decimal, may be negative)", Always),
    ("unit", "单位", "Unit", Text, false, "unit", "单位 / unit", Always),
    ("target", "目标", "Target", Number, false, "target", "目标值 / the figure aimed at", Always),
    ("note", "说明", "Note", Text, false, "note", "说明，例如“60多个” / wording, e.g. “60多个”", Always),
]);

#[rustfmt::skip]
entity!(BRAND, "brand", [
    ("name", "品牌", "Brand", Text, true, "name", "品牌名称，界别内唯一 / the brand's name", Always),
    ("since", "创办年份", "Since", Year, false, "since", "创办年份 / founded in", Always),
    ("summary", "简介", "Summary", Text, false, "summary", "简介 / summary", Always),
]);

/// Every entity of a sector file, the top level first.
pub const ENTITIES: [&Entity; 8] =
    [&FILE, &SECTOR, &REVIEW, &ACTIVITY, &PLAN, &METRIC, &BRAND, &MEMBER];

/// The entity of a table name (`activity`), if it is one.
pub fn entity(table: &str) -> Option<&'static Entity> {
    ENTITIES.into_iter().find(|e| !e.table.is_empty() && e.table == table)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_the_fields_keys_and_unique() {
        for entity in ENTITIES {
            let keys: Vec<&str> = entity.fields.iter().map(|f| f.key).collect();
            assert_eq!(keys, entity.keys, "{}", entity.table);
            let mut sorted = keys.clone();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), keys.len(), "{}", entity.table);
        }
    }
}
