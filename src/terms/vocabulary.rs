//! The words the data may use: activity kinds with their aliases (built-in and from
//! `jiebie.toml`), and the registry of sectors with their aliases.

use crate::{HashMap, HashSet};

/// The built-in kinds of SPEC §2.6, in order, with their aliases.
pub const BUILTIN_KINDS: &[(&str, &[&str])] = &[
    ("学习", &["专题学习", "学习会", "报告会", "讲座", "读书"]),
    ("调研", &["实地调研", "联合调研", "走访", "考察"]),
    ("视察", &["专题视察"]),
    ("协商", &["协商议政", "专题协商", "界别协商", "网络议政"]),
    ("座谈", &["座谈会", "恳谈会", "对话会", "研讨会", "交流会", "论坛"]),
    ("会议", &["工作会议", "推进会", "动员会", "通报会", "全体会议", "界别会议"]),
    ("培训", &["培训班", "业务培训", "委员培训"]),
    ("界别活动", &["界别活动日", "委员界别活动日", "联谊"]),
    ("提案", &["集体提案"]),
    ("社情民意", &["社情民意信息"]),
    ("宣传", &["对外宣传", "推介会", "展览"]),
    ("接待", &["来访接待", "外事接待", "会见"]),
    ("出访", &["出国访问", "因公出访"]),
    ("慰问", &["走访慰问"]),
    ("表彰", &["评选表彰"]),
    ("签约", &["签署协议", "结好"]),
    ("其他", &["征集"]),
];

/// The placeholders `jiebie init` writes where the secretary's own text goes; text that still
/// holds one is W109.
pub const PLACEHOLDERS: &[&str] = &["（待填写）", "(to be written)"];

/// The placeholder of the template in a language.
pub fn placeholder(lang: crate::lang::Lang) -> &'static str {
    lang.pick(PLACEHOLDERS[0], PLACEHOLDERS[1])
}

/// The English key a Chinese key stands for (E003 for a bare Chinese key, E011 for a quoted
/// one): each word with its candidates, the first one the table allows wins.
const CHINESE_KEYS: &[(&str, &[&str])] = &[
    ("日期", &["date"]),
    ("开始日期", &["date"]),
    ("时间", &["date"]),
    ("活动日期", &["date"]),
    ("结束日期", &["end_date"]),
    ("截止日期", &["end_date"]),
    ("类别", &["kind"]),
    ("类型", &["kind"]),
    ("活动类别", &["kind"]),
    ("形式", &["kind"]),
    ("标题", &["title"]),
    ("题目", &["title"]),
    ("活动名称", &["title"]),
    ("活动", &["title"]),
    ("名称", &["name", "title"]),
    ("界别", &["name"]),
    ("界别名称", &["name"]),
    ("内容", &["summary", "detail"]),
    ("摘要", &["summary"]),
    ("概要", &["summary"]),
    ("工作概要", &["summary"]),
    ("简介", &["summary"]),
    ("说明", &["detail", "note", "summary"]),
    ("备注", &["note", "detail"]),
    ("年度", &["year"]),
    ("年份", &["year"]),
    ("年", &["year"]),
    ("编号", &["id"]),
    ("地点", &["location"]),
    ("参与人次", &["participants"]),
    ("参加人次", &["participants"]),
    ("人次", &["participants"]),
    ("合作界别", &["partners"]),
    ("界别+", &["partners"]),
    ("会外合办", &["organizers"]),
    ("合办单位", &["organizers"]),
    ("主办单位", &["organizers"]),
    ("协办单位", &["organizers"]),
    ("主题", &["tags"]),
    ("标签", &["tags"]),
    ("成果", &["outcomes"]),
    ("对应设想", &["plan"]),
    ("设想", &["plan"]),
    ("品牌", &["brand"]),
    ("工作品牌", &["brand"]),
    ("亮点", &["highlight", "highlights"]),
    ("不足", &["shortcomings"]),
    ("展望", &["outlook"]),
    ("工作设想", &["outlook"]),
    ("数值", &["value"]),
    ("数量", &["value"]),
    ("单位", &["unit"]),
    ("目标", &["target"]),
    ("目标值", &["target"]),
    ("召集人", &["convener"]),
    ("秘书", &["secretary"]),
    ("界别秘书", &["secretary"]),
    ("专委会", &["committee"]),
    ("联系专委会", &["committee"]),
    ("委员人数", &["members"]),
    ("人数", &["members"]),
    ("创立年份", &["since"]),
    ("始于", &["since"]),
    ("格式", &["format"]),
];

/// The English table a Chinese table name stands for (`[[活动]]` → `[[activity]]`).
const CHINESE_TABLES: &[(&str, &str)] = &[
    ("活动", "activity"),
    ("设想", "plan"),
    ("计划", "plan"),
    ("工作设想", "plan"),
    ("指标", "metric"),
    ("年度指标", "metric"),
    ("品牌", "brand"),
    ("工作品牌", "brand"),
    ("界别", "sector"),
    ("概要", "review"),
    ("总结", "review"),
    ("工作概要", "review"),
];

/// The English key of a table's `allowed` keys that a Chinese key stands for.
pub fn english_key(word: &str, allowed: &[&str]) -> Option<&'static str> {
    let word = word.trim();
    let (_, candidates) = CHINESE_KEYS.iter().find(|(w, _)| *w == word)?;
    candidates.iter().copied().find(|c| allowed.contains(c))
}

/// The English table name a Chinese table name stands for.
pub fn english_table(word: &str) -> Option<&'static str> {
    let word = word.trim();
    CHINESE_TABLES.iter().find(|(w, _)| *w == word).map(|(_, t)| *t)
}

/// Index of a kind in [`Kinds`]; kind order is index order.
pub type KindId = usize;

/// Index of the kind 提案 and 社情民意 among the built-in kinds.
pub const PROPOSAL: KindId = 8;
pub const OPINION: KindId = 9;

/// The statuses of a 提案 (SPEC §13); the last two do not count by default.
pub const PROPOSAL_STATUSES: [&str; 6] = ["待立案", "立案", "不立案", "并案", "退回", "撤回"];
/// The statuses of a 社情民意.
pub const OPINION_STATUSES: [&str; 4] = ["待审核", "已录用", "留存", "未录用"];
/// The marks of how far a 社情民意 went (SPEC §13); `[vocabulary] adoption` adds more.
pub const ADOPTION_MARKS: [&str; 13] = [
    "区政协采用",
    "得到区有关部门采用",
    "得到区领导批示",
    "市政协单篇采用",
    "市政协综合采用",
    "报送市领导",
    "得到市有关部门采用",
    "得到市领导批示",
    "报送全国政协",
    "全国政协单篇采用",
    "全国政协综合采用",
    "得到国家有关部门采用",
    "得到中央领导批示",
];

/// What an adoption mark says: a leader's instruction (批示), an adoption, or a report sent
/// on (报送…), which is neither.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    Instruction,
    Adoption,
    Sent,
}

pub fn mark(word: &str) -> Mark {
    if word.contains("批示") {
        Mark::Instruction
    } else if word.starts_with("报送") {
        Mark::Sent
    } else {
        Mark::Adoption
    }
}

/// Every activity kind: the built-in ones, then those of `jiebie.toml`; and the adoption marks
/// (the vocabulary an activity's words are checked against).
#[derive(Debug, Clone)]
pub struct Kinds {
    names: Vec<String>,
    lookup: HashMap<String, KindId>,
    /// The adoption marks: the built-in ones, then `[vocabulary] adoption`.
    pub marks: Vec<String>,
}

impl Default for Kinds {
    fn default() -> Self {
        let marks = ADOPTION_MARKS.map(String::from).to_vec();
        let mut kinds = Kinds { names: Vec::new(), lookup: HashMap::default(), marks };
        for (name, aliases) in BUILTIN_KINDS {
            kinds.add(name, aliases.iter().copied());
        }
        kinds
    }
}

impl Kinds {
    /// Adds a kind after the existing ones; returns false when its name or an alias is taken.
    pub fn add<'a>(&mut self, name: &str, aliases: impl IntoIterator<Item = &'a str>) -> bool {
        if self.lookup.contains_key(name) {
            return false;
        }
        let id = self.names.len();
        self.names.push(name.to_string());
        self.lookup.insert(name.to_string(), id);
        let mut fresh = true;
        for alias in aliases {
            fresh &= self.lookup.insert(alias.to_string(), id).is_none();
        }
        fresh
    }

    /// Makes a word that is an alias of another kind free, so that it can become a kind of its
    /// own (`[kinds] "读书" = […]` in jiebie.toml: 读书 is a built-in alias of 学习). A kind's own
    /// name is never freed. Returns whether the word was an alias.
    pub fn free_alias(&mut self, word: &str) -> bool {
        match self.lookup.get(word) {
            Some(&id) if self.names[id] != word => {
                self.lookup.remove(word);
                true
            }
            _ => false,
        }
    }

    /// Adds an alias to a kind; returns false when the word is taken.
    pub fn add_alias(&mut self, id: KindId, alias: &str) -> bool {
        if self.lookup.contains_key(alias) {
            return false;
        }
        self.lookup.insert(alias.to_string(), id);
        true
    }

    /// The kind a name or alias stands for.
    pub fn resolve(&self, word: &str) -> Option<KindId> {
        self.lookup.get(word.trim()).copied()
    }

    pub fn name(&self, id: KindId) -> &str {
        &self.names[id]
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The closest kind or alias to an unknown word.
    pub fn suggest(&self, word: &str) -> Option<String> {
        let mut candidates: Vec<&str> = self.lookup.keys().map(String::as_str).collect();
        candidates.sort_unstable();
        closest(word, candidates.into_iter())
    }
}

/// The sectors of the national conference (the 34 of the 14th CPPCC and 环境资源界), each with
/// its usual short names. Without `sectors` in `jiebie.toml` they are known names: a partner
/// written with any name of a group counts for the sector declared under another name of it.
pub const NATIONAL_SECTORS: &[&[&str]] = &[
    &["中国共产党", "中共"],
    &["中国国民党革命委员会", "民革"],
    &["中国民主同盟", "民盟"],
    &["中国民主建国会", "民建"],
    &["中国民主促进会", "民进"],
    &["中国农工民主党", "农工党", "农工"],
    &["中国致公党", "致公党"],
    &["九三学社", "九三"],
    &["台湾民主自治同盟", "台盟"],
    &["无党派人士", "无党派"],
    &["中国共产主义青年团", "共青团"],
    &["中华全国总工会", "总工会", "工会"],
    &["中华全国妇女联合会", "妇联"],
    &["中华全国青年联合会", "青联"],
    &["中华全国工商业联合会", "工商联"],
    &["中国科学技术协会", "科协"],
    &["中华全国台湾同胞联谊会", "台联"],
    &["中华全国归国华侨联合会", "侨联"],
    &["文化艺术界", "文艺界"],
    &["科学技术界", "科技界"],
    &["社会科学界", "社科界"],
    &["经济界"],
    &["农业界"],
    &["教育界"],
    &["体育界"],
    &["新闻出版界", "新闻界"],
    &["医药卫生界", "医卫界"],
    &["对外友好界", "友好界"],
    &["社会福利和社会保障界", "社会福利界", "社保界"],
    &["少数民族界", "民族界"],
    &["宗教界"],
    &["特邀香港人士"],
    &["特邀澳门人士"],
    &["特邀人士"],
    &["环境资源界", "环资界"],
];

/// The known sectors (configured, then declared by files) and the aliases of their names.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    /// The configured `sectors`, in official order.
    pub configured: Vec<String>,
    /// Position of each configured sector in the official order.
    order: HashMap<String, usize>,
    /// Every canonical name known: configured ones and those declared by files.
    known: HashSet<String>,
    aliases: HashMap<String, String>,
    /// Without `sectors`: the group of every national sector name (index in NATIONAL_SECTORS).
    national: HashMap<&'static str, usize>,
    /// The name a file declared for a national group, the first one declared.
    declared_group: HashMap<usize, String>,
}

impl Registry {
    pub fn new(configured: Vec<String>, aliases: HashMap<String, String>) -> Registry {
        let mut order = HashMap::default();
        for (i, name) in configured.iter().enumerate() {
            order.entry(name.clone()).or_insert(i);
        }
        let mut national = HashMap::default();
        if configured.is_empty() {
            for (group, names) in NATIONAL_SECTORS.iter().enumerate() {
                for name in names.iter() {
                    national.insert(*name, group);
                }
            }
        }
        Registry {
            known: configured.iter().cloned().collect(),
            order,
            configured,
            aliases,
            national,
            declared_group: HashMap::default(),
        }
    }

    /// The canonical name of a sector name or alias as written in a `[sector]` table: an
    /// alias's target, else the name a file declared for the same national group, else the name.
    pub fn canonical<'a>(&'a self, name: &'a str) -> &'a str {
        let name = name.trim();
        if let Some(target) = self.aliases.get(name) {
            return target;
        }
        match self.national.get(name).and_then(|group| self.declared_group.get(group)) {
            Some(declared) => declared,
            None => name,
        }
    }

    /// Adds a sector declared by a file.
    pub fn declare(&mut self, name: &str) {
        if !self.known.contains(name) {
            self.known.insert(name.to_string());
        }
        if let Some(&group) = self.national.get(name) {
            self.declared_group.entry(group).or_insert_with(|| name.to_string());
        }
    }

    /// The canonical name of a known sector, by name or alias.
    pub fn resolve(&self, word: &str) -> Option<&str> {
        self.known.get(self.canonical(word)).map(String::as_str)
    }

    /// A partner's name: the known sector it names, else (without `sectors`) a national
    /// sector's name as written, though no file declares it.
    pub fn resolve_partner<'a>(&'a self, word: &'a str) -> Option<&'a str> {
        self.resolve(word).or_else(|| self.is_national(word).then(|| word.trim()))
    }

    /// Whether the word is a name of a sector of the national conference (without `sectors`).
    pub fn is_national(&self, word: &str) -> bool {
        self.national.contains_key(word.trim())
    }

    pub fn is_configured(&self, name: &str) -> bool {
        self.order.contains_key(name)
    }

    /// The closest known name or alias to an unknown word.
    pub fn suggest(&self, word: &str) -> Option<String> {
        // Only aliases that lead somewhere are worth suggesting.
        let aliases = self.aliases.iter().filter(|(_, target)| self.known.contains(*target));
        let mut candidates: Vec<&str> = self
            .known
            .iter()
            .map(String::as_str)
            .chain(aliases.map(|(a, _)| a.as_str()))
            .chain(self.national.keys().copied())
            .collect();
        // Ties go to the first in code-point order, whatever the hashing.
        candidates.sort_unstable();
        candidates.dedup();
        closest(word, candidates.into_iter())
    }

    /// The known sector one character away from a name of three characters or more that is neither a sector of `sectors`
    /// (or of the national conference, without `sectors`) nor an alias: 农业届 → 农业界 (W115).
    /// The names files declare are not compared: two files may name two new sectors.
    pub fn near_miss(&self, name: &str) -> Option<String> {
        let name = name.trim();
        // Two characters one apart are two names (民建, 民进), not a slip.
        if name.chars().count() < 3
            || self.order.contains_key(name)
            || self.aliases.contains_key(name)
            || self.national.contains_key(name)
        {
            return None;
        }
        let mut candidates: Vec<&str> = self
            .configured
            .iter()
            .map(String::as_str)
            .chain(self.aliases.keys().map(String::as_str))
            .chain(self.national.keys().copied())
            .filter(|c| strsim::levenshtein(name, c) == 1)
            .collect();
        // The configured names first, then in code-point order, whatever the hashing.
        candidates.sort_unstable_by_key(|c| (!self.order.contains_key(*c), *c));
        candidates.first().map(|c| c.to_string())
    }

    /// Position of a sector in the official order: configured ones first, then by name.
    pub fn order_key<'a>(&self, name: &'a str) -> (usize, &'a str) {
        match self.order.get(name) {
            Some(&index) => (index, ""),
            None => (usize::MAX, name),
        }
    }
}

/// The candidate nearest to `word`, when it is near enough to be a plausible slip.
pub fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<String> {
    let word = word.trim();
    let len = word.chars().count().max(1);
    let mut best: Option<(f64, &str)> = None;
    for candidate in candidates.filter(|c| *c != word) {
        let distance = strsim::levenshtein(word, candidate) as f64;
        let shorter = len.min(candidate.chars().count()).max(1) as f64;
        let contains = candidate.contains(word) || word.contains(candidate);
        let score = if contains { distance / 4.0 } else { distance };
        if (contains || distance <= (shorter / 2.0).max(1.0))
            && best.is_none_or(|(s, c)| score < s || (score == s && candidate < c))
        {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_resolve_to_their_kind() {
        let kinds = Kinds::default();
        assert_eq!(kinds.resolve("恳谈会").map(|k| kinds.name(k)), Some("座谈"));
        assert_eq!(kinds.resolve("征集").map(|k| kinds.name(k)), Some("其他"));
        assert_eq!(kinds.name(PROPOSAL), "提案");
        assert_eq!(kinds.name(OPINION), "社情民意");
        assert_eq!(kinds.resolve("调查"), None);
    }

    #[test]
    fn suggestions_are_near() {
        let kinds = Kinds::default();
        assert_eq!(kinds.suggest("调查").as_deref(), Some("调研"));
        assert_eq!(kinds.suggest("座谈会议").as_deref(), Some("座谈会"));
        assert_eq!(
            closest("titel", ["title", "date", "kind"].into_iter()).as_deref(),
            Some("title")
        );
        assert_eq!(closest("zzzzzz", ["title", "date"].into_iter()), None);
    }

    #[test]
    fn national_names_resolve_to_the_declared_name() {
        let mut registry = Registry::new(Vec::new(), HashMap::default());
        assert_eq!(registry.resolve_partner("工商联"), Some("工商联"));
        assert_eq!(registry.resolve("工商联"), None);
        registry.declare("侨联");
        assert_eq!(registry.canonical("中华全国归国华侨联合会"), "侨联");
        assert_eq!(registry.resolve_partner(" 中华全国归国华侨联合会"), Some("侨联"));
        assert_eq!(registry.resolve_partner("侨联界"), None);
        assert_eq!(registry.suggest("经济届").as_deref(), Some("经济界"));
        let configured = Registry::new(vec!["民革".into()], HashMap::default());
        assert_eq!(configured.resolve_partner("工商联"), None);
        assert_eq!(registry.near_miss("农业届").as_deref(), Some("农业界"));
        assert_eq!(registry.near_miss("农业界"), None);
        assert_eq!(registry.near_miss("读书会界别"), None);
        assert_eq!(configured.near_miss("民革界").as_deref(), Some("民革"));
    }
}
