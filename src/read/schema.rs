//! The data types of a sector file and of `jiebie.toml`, as the loader produces them. The JSON
//! Schema of `jiebie schema` is derived from these very types, and the key lists the loader
//! accepts are checked against it in a test, so the schema cannot drift from the loader.

use std::borrow::Cow;
use std::collections::BTreeMap;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::Serialize;

use crate::diagnostic::source::Span;
use crate::terms::date::Date;
use crate::terms::vocabulary::KindId;

/// A value and the byte span of its text in the file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sp<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Sp<T> {
    pub fn new(value: T, span: Span) -> Sp<T> {
        Sp { value, span }
    }
}

impl<T: JsonSchema> JsonSchema for Sp<T> {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }
}

/// The values of a list key of an entry: one pointer, and nothing allocated when the list is
/// empty (a `Vec` is three), since most activities leave most of their lists out. Read as a
/// slice; its schema is the `Vec`'s.
#[derive(Clone, Debug, PartialEq)]
#[allow(clippy::box_collection, reason = "one pointer in place of a Vec's three is the point")]
pub struct List<T>(Option<Box<Vec<T>>>);

impl<T> Default for List<T> {
    fn default() -> Self {
        List(None)
    }
}

impl<T> From<Vec<T>> for List<T> {
    fn from(items: Vec<T>) -> Self {
        List((!items.is_empty()).then(|| Box::new(items)))
    }
}

impl<T> List<T> {
    pub fn into_vec(self) -> Vec<T> {
        self.0.map_or_else(Vec::new, |items| *items)
    }
}

impl<T> std::ops::Deref for List<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        self.0.as_deref().map_or(&[], Vec::as_slice)
    }
}

impl<T> std::ops::DerefMut for List<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        self.0.as_deref_mut().map_or(&mut [], Vec::as_mut_slice)
    }
}

impl<'a, T> IntoIterator for &'a List<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// As the `Vec` would be: the schema shows the default of a list whose items serialize.
impl<T: Serialize> Serialize for List<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<T: JsonSchema> JsonSchema for List<T> {
    fn inline_schema() -> bool {
        Vec::<T>::inline_schema()
    }
    fn schema_name() -> Cow<'static, str> {
        Vec::<T>::schema_name()
    }
    fn schema_id() -> Cow<'static, str> {
        Vec::<T>::schema_id()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        Vec::<T>::json_schema(generator)
    }
}

/// An integer or a float, as written. Integers are read as i64 and kept as i128, so that
/// sums and changes of them stay exact (2^63−1 to −(2^63−1) is a change of −18446744073709551614).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Number {
    Int(Int),
    Float(f64),
}

/// An i128 kept as its bytes: aligned to 1, not 16, so that a `Number` stays 24 bytes and a
/// grid's cell 32 (an `i128` field made every cell of every table 48).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Int([u8; 16]);

impl Int {
    pub fn get(self) -> i128 {
        i128::from_ne_bytes(self.0)
    }
}

impl Serialize for Int {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i128(self.get())
    }
}

impl Number {
    pub fn int(i: impl Into<i128>) -> Number {
        Number::Int(Int(i.into().to_ne_bytes()))
    }

    pub fn as_f64(self) -> f64 {
        match self {
            Number::Int(i) => i.get() as f64,
            Number::Float(f) => f,
        }
    }
}

impl std::fmt::Display for Number {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Number::Int(i) => write!(f, "{}", i.get()),
            // Plain decimals, except for magnitudes no report writes out in full.
            Number::Float(x) if *x != 0.0 && (x.abs() >= 1e16 || x.abs() < 1e-6) => {
                write!(f, "{x:e}")
            }
            Number::Float(x) => write!(f, "{x}"),
        }
    }
}

impl JsonSchema for Number {
    fn schema_name() -> Cow<'static, str> {
        "Number".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        schemars::json_schema!({ "type": "number" })
    }
}

/// A kind, by its index among the known kinds; written as a kind name or alias.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Kind(pub KindId);

impl JsonSchema for Kind {
    fn schema_name() -> Cow<'static, str> {
        "Kind".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "活动类别或其别名，例如 学习、调研、视察、协商、座谈、会议、培训、界别活动、提案、社情民意、宣传、接待、出访、慰问、表彰、签约、其他"
        })
    }
}

/// 界别文件：一个界别的工作概要、活动、工作设想、指标和工作品牌。
#[derive(Clone, Debug, Default, JsonSchema)]
#[schemars(deny_unknown_fields, title = "jiebie sector file")]
pub struct SectorFile {
    /// 文件格式版本，只能是 1（可省略）
    #[schemars(range(min = 1, max = 1))]
    pub format: Option<u8>,
    /// 界别基本信息
    pub sector: SectorMeta,
    /// 工作概要与工作设想（每年一条）
    #[serde(default)]
    pub review: Vec<Review>,
    /// 活动
    #[serde(default)]
    pub activity: Vec<Activity>,
    /// 工作设想：某一年准备做的事
    #[serde(default)]
    pub plan: Vec<Plan>,
    /// 年度指标（接待外宾人次、收集案例个数……）
    #[serde(default)]
    pub metric: Vec<Metric>,
    /// 工作品牌
    #[serde(default)]
    pub brand: Vec<Brand>,
    /// 界别委员名册
    #[serde(default)]
    pub member: Vec<Member>,
    /// Read after a syntax error with an entry left out: what is missing may be in it.
    #[schemars(skip)]
    pub partial: bool,
}

impl SectorFile {
    /// Every span the file holds, for `f` to move (a file read as if corrected has its spans
    /// led back to the text as written).
    pub fn spans_mut(&mut self, f: &mut impl FnMut(&mut Span)) {
        let meta = &mut self.sector;
        f(&mut meta.name.span);
        for text in [&mut meta.committee, &mut meta.convener, &mut meta.secretary] {
            text.iter_mut().for_each(|t| f(&mut t.span));
        }
        meta.members.iter_mut().for_each(|m| f(&mut m.span));
        f(&mut meta.header);
        self.review.iter_mut().for_each(|r| f(&mut r.year.span));
        for a in &mut self.activity {
            a.id.iter_mut().for_each(|s| f(&mut s.span));
            f(&mut a.date.span);
            a.end_date.iter_mut().for_each(|s| f(&mut s.span));
            f(&mut a.kind.span);
            f(&mut a.title.span);
            a.partners.iter_mut().for_each(|s| f(&mut s.span));
            a.plan.iter_mut().for_each(|s| f(&mut s.span));
            a.brand.iter_mut().for_each(|s| f(&mut s.span));
            a.attendees.iter_mut().for_each(|s| f(&mut s.span));
            a.authors.iter_mut().for_each(|s| f(&mut s.span));
            a.status.iter_mut().for_each(|s| f(&mut s.span));
            a.adoption.iter_mut().for_each(|s| f(&mut s.span));
            f(&mut a.header);
        }
        for p in &mut self.plan {
            f(&mut p.id.span);
            f(&mut p.year.span);
        }
        for m in &mut self.metric {
            f(&mut m.year.span);
            f(&mut m.name.span);
        }
        self.brand.iter_mut().for_each(|b| f(&mut b.name.span));
        for m in &mut self.member {
            f(&mut m.name.span);
            m.role.iter_mut().for_each(|r| f(&mut r.span));
        }
    }
}

/// [sector]：界别名称及联系专委会、召集人、界别秘书、委员人数
#[derive(Clone, Debug, Default, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct SectorMeta {
    /// 界别名称（规范名称或别名）
    pub name: Sp<String>,
    /// 联系专委会
    pub committee: Option<Sp<String>>,
    /// 召集人
    pub convener: Option<Sp<String>>,
    /// 界别秘书
    pub secretary: Option<Sp<String>>,
    /// 委员人数
    #[schemars(range(min = 0))]
    pub members: Option<Sp<u64>>,
    #[schemars(skip)]
    pub header: Span,
}

/// [[review]]：一年的工作概要与下一年工作设想的叙述
#[derive(Clone, Debug, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Review {
    /// 年度
    #[schemars(range(min = 1900, max = 2100))]
    pub year: Sp<u16>,
    /// 标题：本界别工作概要发表时的标题，例如“讲好中国故事、上海故事、政协故事”
    pub title: Option<String>,
    /// 工作概要（可用 Markdown）
    pub summary: String,
    /// 亮点、创新探索（一是……二是……）
    #[serde(default)]
    pub highlights: Vec<String>,
    /// 不足
    #[serde(default)]
    pub shortcomings: Vec<String>,
    /// 下一年工作设想的叙述（可用 Markdown）
    pub outlook: Option<String>,
    /// A required value was invalid (already reported): checked across entries, then dropped.
    #[schemars(skip)]
    pub broken: bool,
}

// Its optional values are boxed and its lists are `List`s: most activities set few of them,
// and a workspace of a million short activities holds a million of these (584 bytes each with
// plain `Option`s and `Vec`s, 296 now; SPEC §7). Not a doc comment: the schema would show it.
/// [[activity]]：一项活动
#[derive(Clone, Debug, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Activity {
    /// 编号，界别内唯一（可省略）
    pub id: Option<Box<Sp<String>>>,
    /// 日期（可精确到日、月、季度、半年或全年）
    pub date: Sp<Date>,
    /// 结束日期
    pub end_date: Option<Box<Sp<Date>>>,
    /// 类别或其别名
    pub kind: Sp<Kind>,
    /// 活动名称
    pub title: Sp<String>,
    /// 内容摘要
    pub summary: Option<Box<str>>,
    /// 地点
    pub location: Option<Box<str>>,
    /// 委员参与人次
    #[schemars(range(min = 0))]
    pub participants: Option<u64>,
    /// 合作界别（界别+）
    #[serde(default)]
    pub partners: List<Sp<String>>,
    /// 会外合办单位
    #[serde(default)]
    pub organizers: List<String>,
    /// 主题标签
    #[serde(default)]
    pub tags: List<String>,
    /// 成果
    #[serde(default)]
    pub outcomes: List<String>,
    /// 落实的工作设想编号
    pub plan: Option<Box<Sp<String>>>,
    /// 所属工作品牌
    pub brand: Option<Box<Sp<String>>>,
    /// 是否为年度亮点
    #[serde(default)]
    pub highlight: bool,
    /// 备注（照原样保留，显示在活动明细中，不进入文档正文）
    pub note: Option<Box<str>>,
    /// 参加活动的委员（名册 [[member]] 中的姓名）
    #[serde(default)]
    pub attendees: List<Sp<String>>,
    /// 提案人或反映人，第一位为第一提案人/第一反映人（仅提案、社情民意）
    #[serde(default)]
    pub authors: List<Sp<String>>,
    /// 提案号或信息编号（仅提案、社情民意）
    pub number: Option<Box<str>>,
    /// 状态（仅提案、社情民意）：提案 待立案、立案、不立案、并案、退回、撤回；社情民意 待审核、已录用、留存、未录用
    pub status: Option<Box<Sp<String>>>,
    /// 采用与批示情况（仅社情民意），例如 市政协单篇采用、得到市领导批示
    #[serde(default)]
    pub adoption: List<Sp<String>>,
    #[schemars(skip)]
    pub header: Span,
    /// A required value was invalid (already reported): checked across entries, then dropped.
    #[schemars(skip)]
    pub broken: bool,
    /// The index of its file (in `Workspace::sources`). Activities carry it themselves, unlike
    /// other entries (`workspace::Located`), so that a file's activities become their sector's
    /// without being copied.
    #[schemars(skip)]
    pub file: usize,
}

impl Activity {
    /// A place in the activity's file.
    pub fn place(&self, span: &Span) -> crate::diagnostic::Place {
        crate::diagnostic::Place::at(self.file, span.clone())
    }
}

/// [[plan]]：工作设想
#[derive(Clone, Debug, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Plan {
    /// 编号，界别内唯一
    pub id: Sp<String>,
    /// 设想针对的年度
    #[schemars(range(min = 1900, max = 2100))]
    pub year: Sp<u16>,
    /// 设想内容
    pub title: String,
    /// 类别或其别名
    pub kind: Option<Kind>,
    /// 说明
    pub detail: Option<String>,
    /// 主题标签
    #[serde(default)]
    pub tags: Vec<String>,
    /// A required value was invalid (already reported): checked across entries, then dropped.
    #[schemars(skip)]
    pub broken: bool,
}

/// [[metric]]：年度指标
#[derive(Clone, Debug, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Metric {
    /// 年度
    #[schemars(range(min = 1900, max = 2100))]
    pub year: Sp<u16>,
    /// 指标名称
    pub name: Sp<String>,
    /// 数值（可为负数，表示减少）
    pub value: Number,
    /// 单位
    pub unit: Option<String>,
    /// 目标值
    #[schemars(range(min = 0))]
    pub target: Option<Number>,
    /// 说明，例如“60多个”
    pub note: Option<String>,
    /// A required value was invalid (already reported): checked across entries, then dropped.
    #[schemars(skip)]
    pub broken: bool,
}

/// [[brand]]：工作品牌
#[derive(Clone, Debug, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Brand {
    /// 品牌名称，界别内唯一
    pub name: Sp<String>,
    /// 创办年份
    #[schemars(range(min = 1900, max = 2100))]
    pub since: Option<u16>,
    /// 简介
    pub summary: Option<String>,
}

/// [[member]]：界别委员名册中的一名委员
#[derive(Clone, Debug, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Member {
    /// 委员姓名，界别内唯一
    pub name: Sp<String>,
    /// 界别职务：召集人、副召集人、常委或委员（默认委员）
    pub role: Option<Sp<String>>,
    /// 单位及职务
    pub unit: Option<String>,
    /// 进入本界别的年度（默认一直在）
    #[schemars(range(min = 1900, max = 2100))]
    pub from: Option<u16>,
    /// 在本界别的最后年度（默认仍在）
    #[schemars(range(min = 1900, max = 2100))]
    pub to: Option<u16>,
}

impl Member {
    /// Whether the member belongs to the sector in `year`.
    pub fn in_year(&self, year: u16) -> bool {
        self.from.is_none_or(|from| from <= year) && self.to.is_none_or(|to| year <= to)
    }

    /// The role, 委员 by default.
    pub fn role(&self) -> &str {
        self.role.as_ref().map_or(ROLES[3], |r| r.value.as_str())
    }
}

/// The roles of a member in the sector (SPEC §2.2).
pub const ROLES: [&str; 4] = ["召集人", "副召集人", "常委", "委员"];

/// `[counting]`：提案和社情民意计入某一年度的时间窗口和状态
#[derive(Clone, Debug, PartialEq, JsonSchema)]
#[schemars(deny_unknown_fields, rename = "CountingConfig")]
pub struct Counting {
    /// 提案年度的起始日 "MM-DD"，默认 "01-01"（自然年）；"12-01" 即上年 12 月 1 日至本年 11 月 30 日
    #[schemars(with = "Option<String>")]
    pub proposals_from: (u8, u8),
    /// 社情民意年度的起始日 "MM-DD"，默认 "01-01"
    #[schemars(with = "Option<String>")]
    pub opinions_from: (u8, u8),
    /// 计入统计的提案状态，默认 待立案、立案、不立案、并案（没有状态的提案也计入）
    #[schemars(with = "Option<Vec<String>>")]
    pub proposals_status: Vec<String>,
    /// 计入统计的社情民意状态，默认 已录用、留存（没有状态的也计入）
    #[schemars(with = "Option<Vec<String>>")]
    pub opinions_status: Vec<String>,
}

impl Default for Counting {
    fn default() -> Counting {
        Counting {
            proposals_from: (1, 1),
            opinions_from: (1, 1),
            proposals_status: ["待立案", "立案", "不立案", "并案"].map(String::from).to_vec(),
            opinions_status: ["已录用", "留存"].map(String::from).to_vec(),
        }
    }
}

impl Counting {
    pub const KEYS: &[&str] =
        &["proposals_from", "opinions_from", "proposals_status", "opinions_status"];
}

/// `[scoring]`：委员履职得分：类别 = 每次参加的分值；proposal_first 等 = 每件的分值；采用标记 = 每位作者的分值
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scoring {
    /// 每次参加某类活动的分值，按类别序号
    pub kinds: Vec<(KindId, Number)>,
    /// 第一提案人
    pub proposal_first: Option<Number>,
    /// 每位联名提案人
    pub proposal_joint: Option<Number>,
    /// 第一反映人
    pub opinion_first: Option<Number>,
    /// 每位联名反映人
    pub opinion_joint: Option<Number>,
    /// 采用标记的分值（给每位作者）
    pub marks: Vec<(String, Number)>,
}

impl Scoring {
    pub const KEYS: &[&str] =
        &["proposal_first", "proposal_joint", "opinion_first", "opinion_joint"];
}

/// `[vocabulary]`：扩充的词表
#[derive(Clone, Debug, Default, PartialEq, JsonSchema)]
#[schemars(deny_unknown_fields, rename = "VocabularyConfig")]
pub struct Vocabulary {
    /// 另外的社情民意采用标记，例如 "得到省领导批示"
    #[serde(default)]
    pub adoption: Vec<String>,
}

impl Vocabulary {
    pub const KEYS: &[&str] = &["adoption"];
}

/// jiebie.toml：工作区配置
#[derive(Clone, Debug, Default, JsonSchema)]
#[schemars(deny_unknown_fields, title = "jiebie workspace configuration")]
pub struct Config {
    /// 单位名称，用于报告标题，例如“上海市政协”
    pub organization: Option<String>,
    /// Markdown 报告标题，可用 {organization}、{year}、{next}
    pub title: Option<String>,
    /// 界别名单，按官方顺序
    #[serde(default)]
    pub sectors: Vec<Sp<String>>,
    /// 界别别名：别名 = 规范名称
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, String>")]
    pub aliases: Vec<(Sp<String>, String)>,
    /// 新增活动类别：类别 = [别名……]
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Vec<String>>")]
    pub kinds: Vec<(Sp<String>, Vec<Sp<String>>)>,
    /// Word 文档（-o 报告.docx）的字体和字号，默认按 GB/T 9704-2012
    #[serde(default)]
    pub document: WordStyle,
    /// 提案、社情民意计入年度的窗口和状态
    #[serde(default)]
    pub counting: Counting,
    /// 委员履职得分：类别或别名 = 每次参加的分值；proposal_first、proposal_joint、opinion_first、
    /// opinion_joint = 每件的分值；采用标记 = 给每位作者的分值
    #[serde(default)]
    #[schemars(with = "Option<BTreeMap<String, f64>>")]
    pub scoring: Option<Scoring>,
    /// 扩充的词表（社情民意采用标记）
    #[serde(default)]
    pub vocabulary: Vocabulary,
}

impl Config {
    pub const KEYS: &[&str] = &[
        "organization",
        "title",
        "sectors",
        "aliases",
        "kinds",
        "document",
        "counting",
        "scoring",
        "vocabulary",
    ];
}

/// `[document]`：Word 文档的字体（中文字体名）和字号（磅）
#[derive(Clone, Debug, Default, PartialEq, JsonSchema)]
#[schemars(deny_unknown_fields, rename = "DocumentConfig")]
pub struct WordStyle {
    /// 标题字体，默认“方正小标宋简体”
    pub title_font: Option<String>,
    /// 正文字体，默认“仿宋_GB2312”
    pub body_font: Option<String>,
    /// 一级标题（一、）字体，默认“黑体”
    pub heading1_font: Option<String>,
    /// 二级标题（（一））字体，默认“楷体_GB2312”
    pub heading2_font: Option<String>,
    /// 三级标题（1.）字体（加粗），默认“仿宋_GB2312”
    pub heading3_font: Option<String>,
    /// 四级标题（（1））字体，默认“仿宋”
    pub heading4_font: Option<String>,
    /// 表格字体，默认“仿宋_GB2312”
    pub table_font: Option<String>,
    /// 标题字号（磅），默认 22（二号）
    #[schemars(range(min = 5, max = 72))]
    pub title_size: Option<f64>,
    /// 正文和各级标题字号（磅），默认 16（三号）
    #[schemars(range(min = 5, max = 72))]
    pub body_size: Option<f64>,
    /// 表格字号（磅），默认 10.5（五号）
    #[schemars(range(min = 5, max = 72))]
    pub table_size: Option<f64>,
    /// 为 true 时文档附上委员履职统计表（附表），并写出提案人、反映人；默认 false
    pub members: Option<bool>,
    /// “总体情况”中是否附各界别活动数柱状图（Word 原生图表），默认 true
    pub chart: Option<bool>,
}

impl WordStyle {
    pub const KEYS: &[&str] = &[
        "title_font",
        "body_font",
        "heading1_font",
        "heading2_font",
        "heading3_font",
        "heading4_font",
        "table_font",
        "title_size",
        "body_size",
        "table_size",
        "members",
        "chart",
    ];
    /// The sizes a document may take, in points.
    pub const SIZES: std::ops::RangeInclusive<f64> = 5.0..=72.0;
}

/// The schema as `jiebie schema` prints it: pretty JSON and a final newline.
pub fn json_text(config: bool) -> String {
    let mut text = serde_json::to_string_pretty(&json_schema(config)).unwrap_or_default();
    text.push('\n');
    text
}

/// The JSON Schema (draft-07) of a sector file, or of `jiebie.toml`.
pub fn json_schema(config: bool) -> serde_json::Value {
    let generator = schemars::generate::SchemaSettings::draft07().into_generator();
    let schema = if config {
        generator.into_root_schema_for::<Config>()
    } else {
        generator.into_root_schema_for::<SectorFile>()
    };
    schema.to_value()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terms::fields;

    fn properties(schema: &serde_json::Value) -> Vec<String> {
        let mut keys: Vec<String> =
            schema["properties"].as_object().unwrap().keys().cloned().collect();
        keys.sort();
        keys
    }

    fn sorted(keys: &[&str]) -> Vec<String> {
        let mut keys: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
        keys.sort();
        keys
    }

    /// The loader accepts exactly the keys the schema describes.
    #[test]
    fn loader_keys_match_the_schema() {
        let schema = json_schema(false);
        assert_eq!(properties(&schema), sorted(fields::FILE.keys));
        let defs = &schema["definitions"];
        assert_eq!(properties(&defs["SectorMeta"]), sorted(fields::SECTOR.keys));
        assert_eq!(properties(&defs["Review"]), sorted(fields::REVIEW.keys));
        assert_eq!(properties(&defs["Activity"]), sorted(fields::ACTIVITY.keys));
        assert_eq!(properties(&defs["Plan"]), sorted(fields::PLAN.keys));
        assert_eq!(properties(&defs["Metric"]), sorted(fields::METRIC.keys));
        assert_eq!(properties(&defs["Brand"]), sorted(fields::BRAND.keys));
        assert_eq!(properties(&defs["Member"]), sorted(fields::MEMBER.keys));
        assert_eq!(properties(&json_schema(true)), sorted(Config::KEYS));
        assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    }
}
