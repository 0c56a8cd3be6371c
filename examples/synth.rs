//! Deterministic synthetic-workspace generator for benchmarks (SPEC §6).
//!
//! ```text
//! cargo run --release --example synth -- OUT [--sectors 1000] [--activities 100] [--seed 1] [--members 3]
//! ```
//!
//! `--members K` gives every sector a roster of K members and every activity 1–5 of them as
//! attendees (SPEC §13's scale: `--sectors 1000 --members 3` is 3,000 members); without it the
//! files are the same as before.
//!
//! Writes `OUT/jiebie.toml` (organization, the registry of every generated sector in order,
//! some aliases, one extra kind) and, for each sector, one to three sector files
//! (`OUT/<sector>.toml`, or `OUT/<sector>/<year>.toml` when the years are split), holding
//! about `--activities` activities per sector in total (exactly `sectors × activities` over the
//! whole workspace). The data is varied and valid: every date precision in canonical and
//! Chinese forms, kind aliases, partners, plans carried out, brands, metrics with targets and
//! one review per year — `jiebie validate OUT` reports no error and no warning.
//!
//! The output depends only on the arguments: the same seed gives byte-identical files.
//! Standard library only; the random numbers come from a splitmix64 generator.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The years every sector covers (activities, reviews, metrics); plans also for the year after.
const FIRST_YEAR: u32 = 2021;
const LAST_YEAR: u32 = 2023;

// ── random numbers ──────────────────────────────────────────────────────────

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        // Mix the seed once so that neighbouring seeds give unrelated streams.
        let mut rng = Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B);
        rng.next();
        rng
    }

    /// splitmix64.
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: u32, hi: u32) -> u32 {
        debug_assert!(lo <= hi);
        lo + (self.next() % u64::from(hi - lo + 1)) as u32
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: u32) -> bool {
        self.range(0, 99) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Between `lo` and `hi` distinct indices below `len`.
    fn some(&mut self, lo: u32, hi: u32, len: usize) -> Vec<usize> {
        let n = self.range(lo, hi) as usize;
        self.distinct(n, len)
    }

    /// `n` distinct indices below `len` (n ≤ len), in the order drawn.
    fn distinct(&mut self, n: usize, len: usize) -> Vec<usize> {
        let mut out = Vec::with_capacity(n);
        while out.len() < n.min(len) {
            let i = self.below(len);
            if !out.contains(&i) {
                out.push(i);
            }
        }
        out
    }
}

// ── word lists ──────────────────────────────────────────────────────────────

const SECTORS: &[&str] = &[
    "中国共产党",
    "民革",
    "民盟",
    "民建",
    "民进",
    "农工党",
    "致公党",
    "九三学社",
    "台盟",
    "无党派人士",
    "共青团",
    "工会",
    "妇联",
    "青联",
    "工商联",
    "科协",
    "台联",
    "侨联",
    "文化艺术界",
    "科学技术界",
    "社会科学界",
    "经济界",
    "农业界",
    "教育界",
    "体育界",
    "新闻出版界",
    "医药卫生界",
    "对外友好界",
    "社会福利和社会保障界",
    "少数民族界",
    "宗教界",
    "特邀香港人士",
    "特邀澳门人士",
    "特别邀请人士",
];

/// Every built-in kind (SPEC §2.6) with its aliases, as jiebie knows them, then the extra kind
/// of `jiebie.toml`.
static KINDS: std::sync::LazyLock<Vec<(&str, &[&str])>> = std::sync::LazyLock::new(|| {
    let mut kinds = jiebie::terms::vocabulary::BUILTIN_KINDS.to_vec();
    kinds.push((EXTRA_KIND, EXTRA_KIND_ALIASES));
    kinds
});
const EXTRA_KIND: &str = "公益";
const EXTRA_KIND_ALIASES: &[&str] = &["公益活动", "志愿服务"];

/// How the title of an activity of each kind (same order as KINDS) is built: prefix, suffix.
const TITLE_FORMS: &[(&str, &str)] = &[
    ("", "专题学习会"),
    ("", "专题调研"),
    ("视察", "推进情况"),
    ("围绕", "开展界别协商"),
    ("", "座谈会"),
    ("推进", "工作会议"),
    ("", "专题培训班"),
    ("“界别+”", "委员界别活动日"),
    ("关于", "的集体提案"),
    ("关于", "的建议"),
    ("", "成果展示"),
    ("接待来访代表团交流", "工作"),
    ("赴外考察", "经验"),
    ("走访慰问", "一线工作者"),
    ("", "先进典型评选表彰"),
    ("签署", "合作协议"),
    ("", "意见建议征集"),
    ("", "志愿服务活动"),
];

const TOPICS: &[&str] = &[
    "城市数字化转型",
    "优化营商环境",
    "长三角一体化发展",
    "乡村振兴",
    "养老服务体系建设",
    "托育服务供给",
    "基层社会治理",
    "生态环境保护",
    "科技创新策源功能",
    "高层次人才引进",
    "非物质文化遗产保护",
    "义务教育优质均衡",
    "医疗资源均衡配置",
    "公共卫生应急管理",
    "食品安全监管",
    "老旧小区综合改造",
    "生活垃圾分类",
    "民营经济高质量发展",
    "中小企业纾困",
    "高水平对外开放",
    "自贸试验区临港新片区建设",
    "国际消费中心城市建设",
    "五个新城建设",
    "城市更新",
    "防汛防台",
    "社区嵌入式服务设施",
    "民族团结进步",
    "海外联谊",
    "台胞就业创业",
    "青年人才安居",
    "现代职业教育",
    "全民健身",
    "出版融合发展",
    "知识产权保护",
    "数据安全",
    "绿色低碳转型",
    "碳达峰碳中和",
    "水环境治理",
    "残疾人就业",
    "社会救助",
    "慈善事业发展",
    "红色文化传承",
    "历史风貌保护",
    "新型研发机构建设",
    "集成电路产业",
    "生物医药产业",
    "人工智能产业",
    "在线新经济",
    "会展经济",
    "夜间经济",
];

const DISTRICTS: &[&str] = &[
    "黄浦区",
    "徐汇区",
    "长宁区",
    "静安区",
    "普陀区",
    "虹口区",
    "杨浦区",
    "闵行区",
    "宝山区",
    "嘉定区",
    "浦东新区",
    "金山区",
    "松江区",
    "青浦区",
    "奉贤区",
    "崇明区",
];

const VENUES: &[&str] = &[
    "区政协会议室",
    "社区党群服务中心",
    "科创园区",
    "街道社区事务受理中心",
    "产业园区",
    "综合为老服务中心",
    "区中心医院",
    "实验学校",
    "区文化馆",
    "委员活动中心",
    "企业服务中心",
    "乡村振兴示范村",
    "城市更新项目现场",
    "青年创新创业基地",
    "国际会议中心",
];

const CLAUSES: &[&str] = &[
    "听取有关部门情况通报",
    "深入一线实地了解工作推进情况",
    "与基层干部群众面对面座谈交流",
    "委员结合本职工作踊跃发言、建言献策",
    "形成专题调研报告并报送有关部门",
    "邀请专家学者作专题辅导报告",
    "就难点堵点问题开展深入讨论",
    "多项建议被有关部门吸收采纳",
    "进一步凝聚了界别共识",
    "推动委员履职能力不断提升",
    "梳理汇总意见建议十余条",
    "实地察看项目建设和运行情况",
    "听取企业和群众的意见诉求",
    "对下一步工作提出针对性建议",
    "会后形成协商意见报送市委市政府",
    "参加活动的委员普遍反映收获很大",
];

const OPENINGS: &[&str] = &[
    "为深入贯彻落实市委决策部署",
    "为更好发挥界别优势",
    "按照年度协商计划安排",
    "围绕市委市政府中心工作",
    "为推动界别工作提质增效",
    "结合界别特色和委员专长",
];

const COMMITTEES: &[&str] = &[
    "提案委员会",
    "经济委员会",
    "人口资源环境建设委员会",
    "教科卫体委员会",
    "文化文史和学习委员会",
    "社会和法制委员会",
    "民族和宗教委员会",
    "港澳台侨委员会",
    "外事委员会",
    "农业和农村委员会",
];

const SURNAMES: &[&str] = &[
    "张", "王", "李", "赵", "陈", "刘", "杨", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林",
    "何", "郭", "马", "罗",
];

const ORGANIZERS: &[&str] = &[
    "市发展改革委",
    "市经济信息化委",
    "市教委",
    "市卫生健康委",
    "市民政局",
    "市生态环境局",
    "市商务委",
    "市科委",
    "市文化旅游局",
    "市财政局",
    "市住房城乡建设管理委",
    "市农业农村委",
    "市体育局",
    "市民宗委",
    "市台办",
    "市侨办",
    "区政协",
];

const OUTCOMES: &[&str] = &[
    "形成调研报告1篇",
    "报送社情民意信息3条",
    "提出意见建议12条",
    "相关建议被有关部门采纳",
    "编入界别活动案例",
    "形成协商意见报送市委市政府",
    "转化为集体提案1件",
    "获市领导批示",
];

const BRANDS: &[&str] = &[
    "界别大讲堂",
    "委员走基层",
    "界别协商沙龙",
    "青年委员论坛",
    "履职能力提升讲堂",
    "委员工作室",
    "界别+联合调研",
    "年度形势分析会",
    "民生议事厅",
    "委员会客厅",
    "同心讲坛",
    "界别读书会",
    "委员开放日",
    "专家咨询会",
    "公益服务周",
];

/// Metric names and units; the sign of the third field allows negative values (rates).
const METRICS: &[(&str, &str, bool)] = &[
    ("报送社情民意信息", "条", false),
    ("提交集体提案", "件", false),
    ("组织专题调研", "次", false),
    ("委员参与活动", "人次", false),
    ("形成调研报告", "篇", false),
    ("建议被采纳", "条", false),
    ("接待来访", "批次", false),
    ("开展界别协商", "次", false),
    ("举办专题学习", "次", false),
    ("走访企业", "家", false),
    ("活动经费同比增长", "%", true),
    ("委员出勤率", "%", false),
];

const HIGHLIGHTS: &[&str] = &[
    "跨界别联合调研成效明显，形成高质量调研报告",
    "界别协商常态化，协商成果转化率进一步提高",
    "委员履职积极性高，参与活动人次创历年新高",
    "工作品牌影响力持续扩大，社会反响良好",
    "社情民意信息报送及时，多篇被采用",
];

const SHORTCOMINGS: &[&str] = &[
    "部分委员参与活动的积极性有待提高",
    "调研成果转化还不够充分",
    "与其他界别的联动还需加强",
    "线下活动受客观因素影响较多",
];

// ── dates ───────────────────────────────────────────────────────────────────

#[derive(Clone, Copy)]
enum Period {
    Year,
    Half(u32),
    Quarter(u32),
    Month(u32),
    Day(u32, u32),
}

#[derive(Clone, Copy)]
struct Date {
    year: u32,
    period: Period,
}

const CHINESE_NUMBERS: &[&str] = &["一", "二", "三", "四"];

impl Date {
    /// (month, day) of the first day.
    fn first_day(self) -> (u32, u32) {
        match self.period {
            Period::Year => (1, 1),
            Period::Half(h) => ((h - 1) * 6 + 1, 1),
            Period::Quarter(q) => ((q - 1) * 3 + 1, 1),
            Period::Month(m) => (m, 1),
            Period::Day(m, d) => (m, d),
        }
    }

    /// Coarser first on the same first day (SPEC §2.3).
    fn rank(self) -> u8 {
        match self.period {
            Period::Year => 0,
            Period::Half(_) => 1,
            Period::Quarter(_) => 2,
            Period::Month(_) => 3,
            Period::Day(..) => 4,
        }
    }

    fn random(rng: &mut Rng, year: u32) -> Date {
        let period = match rng.range(0, 99) {
            0..=44 => Period::Day(rng.range(1, 12), rng.range(1, 28)),
            45..=74 => Period::Month(rng.range(1, 12)),
            75..=84 => Period::Quarter(rng.range(1, 4)),
            85..=93 => Period::Half(rng.range(1, 2)),
            _ => Period::Year,
        };
        Date { year, period }
    }

    /// A TOML value for the date: a TOML date, or a string in canonical or Chinese form.
    fn toml(self, rng: &mut Rng) -> String {
        let y = self.year;
        let chinese = rng.chance(40);
        match self.period {
            Period::Day(m, d) => match rng.range(0, 9) {
                0..=5 => format!("{y}-{m:02}-{d:02}"),
                6..=7 => format!("\"{y}-{m:02}-{d:02}\""),
                _ => format!("\"{y}年{m}月{d}日\""),
            },
            Period::Month(m) if chinese => format!("\"{y}年{m}月\""),
            Period::Month(m) => format!("\"{y}-{m:02}\""),
            Period::Quarter(q) if chinese => {
                let n = CHINESE_NUMBERS[q as usize - 1];
                if rng.chance(50) {
                    format!("\"{y}年第{n}季度\"")
                } else {
                    format!("\"{y}年{n}季度\"")
                }
            }
            Period::Quarter(q) => format!("\"{y}-Q{q}\""),
            Period::Half(h) if chinese => {
                format!("\"{y}年{}半年\"", if h == 1 { "上" } else { "下" })
            }
            Period::Half(h) => format!("\"{y}-H{h}\""),
            Period::Year if chinese => {
                format!("\"{y}{}\"", rng.pick(&["年", "年全年", "年度"]))
            }
            Period::Year => format!("\"{y}\""),
        }
    }

    /// An end date in the same year whose first day is not before this date's.
    fn random_end(self, rng: &mut Rng) -> Date {
        let start = self.first_day();
        for _ in 0..8 {
            let end = Date::random(rng, self.year);
            if end.first_day() >= start {
                return end;
            }
        }
        self
    }
}

// ── text ────────────────────────────────────────────────────────────────────

/// A TOML basic string.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn quote_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| quote(s)).collect();
    format!("[{}]", quoted.join(", "))
}

/// A paragraph of about `min..=max` characters built from the clause list.
fn paragraph(rng: &mut Rng, topic: &str, min: usize, max: usize) -> String {
    let target = rng.range(min as u32, max as u32) as usize;
    let mut text = format!("{}，界别围绕“{}”", rng.pick(OPENINGS), topic);
    let mut count = text.chars().count();
    let mut used = Vec::new();
    // At least one clause, each at most once.
    while (used.is_empty() || count < target) && used.len() < CLAUSES.len() {
        let i = rng.below(CLAUSES.len());
        if used.contains(&i) {
            continue;
        }
        used.push(i);
        text.push('，');
        text.push_str(CLAUSES[i]);
        count += 1 + CLAUSES[i].chars().count();
    }
    text.push('。');
    text
}

fn person(rng: &mut Rng) -> String {
    format!("{}某某", rng.pick(SURNAMES))
}

// ── the workspace ───────────────────────────────────────────────────────────

struct Sector {
    name: String,
    alias: Option<String>,
}

fn sector_names(count: usize, rng: &mut Rng) -> Vec<Sector> {
    let mut sectors = Vec::with_capacity(count);
    for i in 0..count {
        let base = SECTORS[i % SECTORS.len()];
        let round = i / SECTORS.len();
        let number = if round == 0 { String::new() } else { (round + 1).to_string() };
        let name = format!("{base}{number}");
        // About a quarter of the sectors have an alias: 经济界 → 经济界别, 台联 → 台联界.
        let alias = rng.chance(25).then(|| {
            let suffix = if base.ends_with('界') { "别" } else { "界" };
            format!("{base}{suffix}{number}")
        });
        sectors.push(Sector { name, alias });
    }
    let mut seen = HashSet::new();
    for s in &sectors {
        assert!(seen.insert(s.name.clone()), "duplicate sector name {}", s.name);
    }
    for s in &sectors {
        if let Some(alias) = &s.alias {
            assert!(seen.insert(alias.clone()), "alias {alias} collides with a name");
        }
    }
    sectors
}

fn config(sectors: &[Sector]) -> String {
    let mut out = String::new();
    out.push_str("# 合成工作区（jiebie 基准测试用，由 examples/synth.rs 生成）\n");
    out.push_str("organization = \"某市政协\"\n\n");
    out.push_str("sectors = [\n");
    for s in sectors {
        let _ = writeln!(out, "  {},", quote(&s.name));
    }
    out.push_str("]\n\n[aliases]\n");
    for s in sectors {
        if let Some(alias) = &s.alias {
            let _ = writeln!(out, "{} = {}", quote(alias), quote(&s.name));
        }
    }
    out.push_str("\n[kinds]\n");
    let aliases: Vec<String> = EXTRA_KIND_ALIASES.iter().map(|s| s.to_string()).collect();
    let _ = writeln!(out, "{} = {}", quote(EXTRA_KIND), quote_list(&aliases));
    out
}

struct Plan {
    id: String,
    year: u32,
}

/// The files of one sector: (path relative to OUT, text, activities written).
fn sector_files(
    index: usize,
    sectors: &[Sector],
    activities: usize,
    seed: u64,
    members: usize,
) -> Vec<(PathBuf, String, usize)> {
    let sector = &sectors[index];
    // Rosters and attendees draw from their own stream: without `--members` the files are
    // byte for byte what they were.
    let mut mrng = Rng::new(seed ^ 0x6D65_6D62 ^ (index as u64).wrapping_mul(0x2545_F491));
    let mut rng =
        Rng::new(seed.wrapping_mul(0x1000_0000_01B3) ^ (index as u64).wrapping_mul(0x9E37_79B9));
    let years: Vec<u32> = (FIRST_YEAR..=LAST_YEAR).collect();

    // How the years are split into files: one file for all, or 2 or 3 files.
    let groups: Vec<Vec<u32>> = match rng.range(1, 3) {
        1 => vec![years.clone()],
        2 => vec![vec![years[0]], years[1..].to_vec()],
        _ => years.iter().map(|&y| vec![y]).collect(),
    };
    let paths: Vec<PathBuf> = if groups.len() == 1 {
        vec![PathBuf::from(format!("{}.toml", sector.name))]
    } else {
        groups.iter().map(|g| Path::new(&sector.name).join(format!("{}.toml", g[0]))).collect()
    };
    let file_of_year = |year: u32| groups.iter().position(|g| g.contains(&year));

    // Activities per year: random weights.
    let weights: Vec<u32> = years.iter().map(|_| rng.range(2, 5)).collect();
    let total: u32 = weights.iter().sum();
    let mut per_year: Vec<usize> =
        weights.iter().map(|&w| activities * w as usize / total as usize).collect();
    let assigned: usize = per_year.iter().sum();
    *per_year.last_mut().unwrap() += activities - assigned;

    let mut texts: Vec<String> = paths.iter().map(|_| String::new()).collect();
    let committee = COMMITTEES[index % COMMITTEES.len()];
    for (f, text) in texts.iter_mut().enumerate() {
        let label = groups[f].iter().map(|y| y.to_string()).collect::<Vec<_>>().join("、");
        let _ = writeln!(
            text,
            "# {} {}年工作概要与工作设想（合成数据）\nformat = 1\n",
            sector.name, label
        );
        text.push_str("[sector]\n");
        let name = match &sector.alias {
            Some(alias) if f > 0 && rng.chance(50) => alias,
            _ => &sector.name,
        };
        let _ = writeln!(text, "name = {}", quote(name));
        if f == 0 {
            let _ = writeln!(text, "committee = {}", quote(committee));
            let _ = writeln!(text, "convener = {}", quote(&person(&mut rng)));
            let _ = writeln!(text, "secretary = {}", quote(&person(&mut rng)));
            let count = rng.range(12, 80);
            // With a roster, the roster counts the members (E013 otherwise).
            if members == 0 {
                let _ = writeln!(text, "members = {count}");
            }
        }
        text.push('\n');
    }

    // Brands, in the first file.
    let brand_names: Vec<&str> =
        rng.some(0, 3, BRANDS.len()).into_iter().map(|i| BRANDS[i]).collect();
    for brand in &brand_names {
        let text = &mut texts[0];
        text.push_str("[[brand]]\n");
        let _ = writeln!(text, "name = {}", quote(brand));
        if rng.chance(70) {
            let _ = writeln!(text, "since = {}", rng.range(2005, FIRST_YEAR));
        }
        if rng.chance(80) {
            let topic = rng.pick(TOPICS);
            let _ = writeln!(text, "summary = {}", quote(&paragraph(&mut rng, topic, 30, 80)));
        }
        text.push('\n');
    }

    // Plans for every year and the next; plans of year Y go into the file of Y-1 (工作设想).
    let mut plans: Vec<Plan> = Vec::new();
    for year in FIRST_YEAR..=LAST_YEAR + 1 {
        let file = file_of_year(year - 1).or_else(|| file_of_year(year)).unwrap_or(0);
        for n in 1..=rng.range(2, 5) {
            let id = format!("{year}-plan-{n}");
            let text = &mut texts[file];
            text.push_str("[[plan]]\n");
            let _ = writeln!(text, "id = {}", quote(&id));
            let _ = writeln!(text, "year = {year}");
            let topic = rng.pick(TOPICS);
            let _ =
                writeln!(text, "title = {}", quote(&format!("围绕{topic}开展专题履职（设想{n}）")));
            if rng.chance(70) {
                let (kind, aliases) = rng.pick(&KINDS);
                let kind = if rng.chance(30) { rng.pick(aliases) } else { kind };
                let _ = writeln!(text, "kind = {}", quote(kind));
            }
            if rng.chance(50) {
                let _ = writeln!(text, "detail = {}", quote(&paragraph(&mut rng, topic, 20, 60)));
            }
            if rng.chance(40) {
                let _ = writeln!(text, "tags = {}", quote_list(&[topic.to_string()]));
            }
            text.push('\n');
            plans.push(Plan { id, year });
        }
    }

    let mut written = 0;
    let mut seq = 0;
    for (y, &year) in years.iter().enumerate() {
        let file = file_of_year(year).unwrap_or(0);
        let count = per_year[y];
        let year_plans: Vec<&Plan> = plans.iter().filter(|p| p.year == year).collect();
        let text = &mut texts[file];

        if count > 0 {
            let topic = rng.pick(TOPICS);
            text.push_str("[[review]]\n");
            let _ = writeln!(text, "year = {year}");
            let summary = format!(
                "{year}年，{}共开展活动{count}次。{}",
                sector.name,
                paragraph(&mut rng, topic, 80, 200)
            );
            let _ = writeln!(text, "summary = \"\"\"\n{summary}\n\"\"\"");
            let highlights: Vec<String> = rng
                .some(1, 3, HIGHLIGHTS.len())
                .into_iter()
                .enumerate()
                .map(|(k, i)| format!("{}是{}。", CHINESE_NUMBERS[k], HIGHLIGHTS[i]))
                .collect();
            let _ = writeln!(text, "highlights = {}", quote_list(&highlights));
            if rng.chance(60) {
                let _ = writeln!(
                    text,
                    "shortcomings = {}",
                    quote_list(&[format!("{}。", rng.pick(SHORTCOMINGS))])
                );
            }
            if rng.chance(80) {
                let next = rng.pick(TOPICS);
                let outlook = format!("{}年，{}", year + 1, paragraph(&mut rng, next, 40, 100));
                let _ = writeln!(text, "outlook = \"\"\"\n{outlook}\n\"\"\"");
            }
            text.push('\n');
        }

        // Dated first, then written in date order, as a secretary keeps the file.
        let mut dates: Vec<Date> = (0..count).map(|_| Date::random(&mut rng, year)).collect();
        dates.sort_by_key(|d| (d.first_day(), d.rank()));
        for date in dates {
            seq += 1;
            let kind_index = rng.below(KINDS.len());
            let (kind, aliases) = KINDS[kind_index];
            let kind = if rng.chance(35) { rng.pick(aliases) } else { kind };
            let topic = rng.pick(TOPICS);
            let (prefix, suffix) = TITLE_FORMS[kind_index];
            text.push_str("[[activity]]\n");
            if rng.chance(90) {
                let _ = writeln!(text, "id = \"{year}-{seq:05}\"");
            }
            let _ = writeln!(text, "date = {}", date.toml(&mut rng));
            if rng.chance(15) {
                let _ = writeln!(text, "end_date = {}", date.random_end(&mut rng).toml(&mut rng));
            }
            let _ = writeln!(text, "kind = {}", quote(kind));
            let _ =
                writeln!(text, "title = {}", quote(&format!("{prefix}{topic}{suffix}（{seq}）")));
            if rng.chance(85) {
                let _ = writeln!(text, "summary = {}", quote(&paragraph(&mut rng, topic, 40, 120)));
            }
            if rng.chance(70) {
                let location = format!("{}{}", rng.pick(DISTRICTS), rng.pick(VENUES));
                let _ = writeln!(text, "location = {}", quote(&location));
            }
            let mut participants = None;
            if rng.chance(85) {
                let n = rng.range(2, 60);
                let _ = writeln!(text, "participants = {n}");
                participants = Some(n as usize);
            }
            if members > 0 {
                // 1–5 members of the roster, never more than the participants (W114).
                let most = members.min(participants.unwrap_or(5)).clamp(1, 5);
                let n = rng_count(&mut mrng, 1, most as u32);
                let names: Vec<String> =
                    mrng.distinct(n, members).into_iter().map(|k| format!("委员{k:04}")).collect();
                let _ = writeln!(text, "attendees = {}", quote_list(&names));
            }
            if sectors.len() > 1 && rng.chance(25) {
                let n = rng_count(&mut rng, 1, 3).min(sectors.len() - 1);
                let mut partners = Vec::new();
                for other in rng.distinct(n, sectors.len() - 1) {
                    let other = &sectors[if other >= index { other + 1 } else { other }];
                    let name = match &other.alias {
                        Some(alias) if rng.chance(40) => alias.clone(),
                        _ => other.name.clone(),
                    };
                    partners.push(name);
                }
                let _ = writeln!(text, "partners = {}", quote_list(&partners));
            }
            if rng.chance(15) {
                let organizers: Vec<String> = rng
                    .some(1, 2, ORGANIZERS.len())
                    .into_iter()
                    .map(|i| ORGANIZERS[i].to_string())
                    .collect();
                let _ = writeln!(text, "organizers = {}", quote_list(&organizers));
            }
            if rng.chance(60) {
                let mut tags = vec![topic.to_string()];
                if rng.chance(40) {
                    let other = rng.pick(TOPICS);
                    if other != topic {
                        tags.push(other.to_string());
                    }
                }
                let _ = writeln!(text, "tags = {}", quote_list(&tags));
            }
            if rng.chance(20) {
                let outcomes: Vec<String> = rng
                    .some(1, 2, OUTCOMES.len())
                    .into_iter()
                    .map(|i| OUTCOMES[i].to_string())
                    .collect();
                let _ = writeln!(text, "outcomes = {}", quote_list(&outcomes));
            }
            if !year_plans.is_empty() && rng.chance(12) {
                let _ = writeln!(text, "plan = {}", quote(&rng.pick(&year_plans[..]).id));
            }
            if !brand_names.is_empty() && rng.chance(15) {
                let _ = writeln!(text, "brand = {}", quote(rng.pick::<&str>(&brand_names)));
            }
            if rng.chance(10) {
                text.push_str("highlight = true\n");
            }
            text.push('\n');
            written += 1;
        }

        // Metrics of the year: distinct names, some with targets.
        for i in rng.some(2, 5, METRICS.len()) {
            let (name, unit, signed) = METRICS[i];
            text.push_str("[[metric]]\n");
            let _ = writeln!(text, "year = {year}");
            let _ = writeln!(text, "name = {}", quote(name));
            if unit == "%" {
                let value = f64::from(rng.range(0, 999)) / 10.0;
                let value = if signed && rng.chance(40) { -value } else { value };
                let _ = writeln!(text, "value = {value:?}");
            } else {
                let value = rng.range(1, 200);
                let _ = writeln!(text, "value = {value}");
                if rng.chance(50) {
                    let _ = writeln!(text, "target = {}", rng.range(1, 200));
                }
            }
            let _ = writeln!(text, "unit = {}", quote(unit));
            if rng.chance(20) {
                let _ = writeln!(text, "note = \"据界别工作台账统计\"");
            }
            text.push('\n');
        }
    }

    // The roster, at the end of the first file.
    for k in 0..members {
        let _ = writeln!(texts[0], "[[member]]\nname = \"委员{k:04}\"\n");
    }

    // Each file with the number of activities of its years.
    let mut out = Vec::new();
    for (f, (path, text)) in paths.into_iter().zip(texts).enumerate() {
        let n = groups[f].iter().map(|y| per_year[(y - FIRST_YEAR) as usize]).sum();
        out.push((path, text, n));
    }
    debug_assert_eq!(out.iter().map(|f| f.2).sum::<usize>(), written);
    out
}

fn rng_count(rng: &mut Rng, lo: u32, hi: u32) -> usize {
    rng.range(lo, hi) as usize
}

// ── main ────────────────────────────────────────────────────────────────────

struct Args {
    out: PathBuf,
    sectors: usize,
    activities: usize,
    seed: u64,
    /// Members on each sector's roster, each activity naming some as attendees (0: none).
    members: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut out = None;
    let mut sectors = 1000;
    let mut activities = 100;
    let mut seed = 1;
    let mut members = 0;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| -> Result<u64, String> {
            let v = args.next().ok_or(format!("{name} needs a value"))?;
            v.parse().map_err(|_| format!("{name}: not a number: {v}"))
        };
        match arg.as_str() {
            "--sectors" => sectors = value("--sectors")? as usize,
            "--activities" => activities = value("--activities")? as usize,
            "--seed" => seed = value("--seed")?,
            "--members" => members = value("--members")? as usize,
            "-h" | "--help" => return Err(String::new()),
            a if a.starts_with('-') => return Err(format!("unknown option {a}")),
            a if out.is_none() => out = Some(PathBuf::from(a)),
            a => return Err(format!("unexpected argument {a}")),
        }
    }
    let out = out.ok_or("missing OUT directory")?;
    if sectors == 0 {
        return Err("--sectors must be at least 1".into());
    }
    Ok(Args { out, sectors, activities, seed, members })
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("synth: {message}");
            }
            eprintln!("usage: synth OUT [--sectors N] [--activities M] [--seed S] [--members K]");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("synth: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> std::io::Result<()> {
    let mut global = Rng::new(args.seed);
    let sectors = sector_names(args.sectors, &mut global);
    // Never mix with the files of an earlier run: they would change the workspace.
    if std::fs::read_dir(&args.out).is_ok_and(|mut d| d.next().is_some()) {
        return Err(std::io::Error::other(format!(
            "{} exists and is not empty",
            args.out.display()
        )));
    }
    std::fs::create_dir_all(&args.out)?;
    let (mut files, mut activities, mut bytes) = (0usize, 0usize, 0u64);

    let config = config(&sectors);
    write(&args.out.join("jiebie.toml"), &config)?;
    bytes += config.len() as u64;

    for index in 0..sectors.len() {
        // Sector sizes vary by ±20 % in pairs, so that the total is exactly sectors × activities.
        let spread = args.activities / 5;
        let delta = if spread == 0 {
            0
        } else {
            Rng::new(args.seed ^ (index as u64 / 2)).range(0, spread as u32) as usize
        };
        let count = if index % 2 == 0 && index + 1 < sectors.len() {
            args.activities + delta
        } else if index % 2 == 1 {
            args.activities - delta
        } else {
            args.activities
        };
        for (path, text, n) in sector_files(index, &sectors, count, args.seed, args.members) {
            let path = args.out.join(path);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            write(&path, &text)?;
            files += 1;
            activities += n;
            bytes += text.len() as u64;
        }
    }
    eprintln!(
        "synth: wrote {} sector files (+ jiebie.toml), {} sectors, {} activities, {} bytes ({:.1} MB) to {}",
        files,
        sectors.len(),
        activities,
        bytes,
        bytes as f64 / 1e6,
        args.out.display()
    );
    Ok(())
}

fn write(path: &Path, text: &str) -> std::io::Result<()> {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path)?);
    file.write_all(text.as_bytes())?;
    file.flush()
}
