//! `jiebie summarize`: every view in every format and both languages (snapshots), the JSON
//! of SPEC §4.1/§4.2 as a contract with its arithmetic checked, CSV guards, Markdown through
//! pandoc, `-o` atomicity, determinism.

#![allow(dead_code, reason = "the JSON structs name every key of the contract, read or not")]

mod harness;

use std::collections::BTreeMap;
use std::path::Path;

use harness::{FIXTURE, Test, copy_dir, fixture};
use jiebie::lang::Lang;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Summary {
    format: u32,
    kind: String,
    year: u16,
    organization: Option<String>,
    title: String,
    sectors: Vec<SectorJson>,
    totals: Counts,
}

#[derive(Debug, Deserialize, PartialEq, Clone, Copy, Default)]
#[serde(deny_unknown_fields)]
struct Counts {
    activities: u64,
    participants: Option<u64>,
    participants_unrecorded: u64,
    cross_sector: u64,
    partnered: u64,
    highlights: u64,
    proposals: u64,
    opinions: u64,
    plans_next: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SectorJson {
    name: String,
    committee: Option<String>,
    convener: Option<String>,
    secretary: Option<String>,
    members: Option<u64>,
    review: Option<ReviewJson>,
    counts: Counts,
    by_kind: BTreeMap<String, u64>,
    by_month: [u64; 12],
    no_month: u64,
    activities: Vec<ActivityJson>,
    plans_next: Vec<PlanJson>,
    metrics: Vec<MetricJson>,
    brands: Vec<BrandJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReviewJson {
    title: Option<String>,
    summary: String,
    highlights: Vec<String>,
    shortcomings: Vec<String>,
    outlook: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActivityJson {
    id: Option<String>,
    date: String,
    end_date: Option<String>,
    kind: String,
    title: String,
    summary: Option<String>,
    location: Option<String>,
    participants: Option<u64>,
    partners: Vec<String>,
    organizers: Vec<String>,
    tags: Vec<String>,
    outcomes: Vec<String>,
    plan: Option<String>,
    plan_title: Option<String>,
    brand: Option<String>,
    highlight: bool,
    note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanJson {
    id: String,
    year: u16,
    kind: Option<String>,
    title: String,
    detail: Option<String>,
    tags: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MetricJson {
    name: String,
    value: f64,
    unit: Option<String>,
    target: Option<f64>,
    completion: Option<f64>,
    note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BrandJson {
    name: String,
    since: Option<u16>,
    summary: Option<String>,
    held: bool,
}

fn summary(test: &Test, args: &[&str]) -> Summary {
    let mut all = vec!["summarize", "data", "--format", "json"];
    all.extend(args);
    let run = test.run(&all);
    run.success();
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

#[test]
fn json_full_report_is_the_contract() {
    let test = fixture();
    let report = summary(&test, &[]);
    assert_eq!((report.format, report.kind.as_str(), report.year), (1, "summary", 2021));
    assert_eq!(report.organization.as_deref(), Some("测试市政协"));
    let names: Vec<&str> = report.sectors.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["民革", "经济界", "对外友好界"], "official order of jiebie.toml");

    // Participants recorded (n[1]) and the activities that leave them out.
    let counts = |n: [u64; 8], unrecorded: u64| Counts {
        activities: n[0],
        participants: Some(n[1]),
        participants_unrecorded: unrecorded,
        cross_sector: n[2],
        partnered: n[3],
        highlights: n[4],
        proposals: n[5],
        opinions: n[6],
        plans_next: n[7],
    };
    assert_eq!(report.sectors[0].counts, counts([1, 10, 0, 0, 0, 0, 0, 0], 0));
    assert_eq!(report.sectors[1].counts, counts([3, 18, 1, 0, 0, 1, 1, 1], 1));
    assert_eq!(report.sectors[2].counts, counts([1, 8, 0, 1, 0, 0, 0, 0], 0));
    assert_eq!(report.totals, counts([5, 36, 1, 1, 0, 1, 1, 1], 1));

    // The arithmetic holds for every sector.
    let mut sum = Counts { participants: Some(0), ..Counts::default() };
    for sector in &report.sectors {
        let c = sector.counts;
        assert_eq!(sector.by_month.iter().sum::<u64>() + sector.no_month, c.activities);
        assert_eq!(sector.by_kind.values().sum::<u64>(), c.activities);
        assert_eq!(sector.activities.len() as u64, c.activities);
        assert_eq!(sector.plans_next.len() as u64, c.plans_next);
        sum.activities += c.activities;
        sum.participants = Some(sum.participants.unwrap() + c.participants.unwrap_or(0));
        sum.participants_unrecorded += c.participants_unrecorded;
        sum.cross_sector += c.cross_sector;
        sum.partnered += c.partnered;
        sum.highlights += c.highlights;
        sum.proposals += c.proposals;
        sum.opinions += c.opinions;
        sum.plans_next += c.plans_next;
    }
    assert_eq!(sum, report.totals);

    let economy = &report.sectors[1];
    assert_eq!((economy.committee.as_deref(), economy.members), (Some("经济委员会"), Some(30)));
    assert!(economy.convener.is_none() && economy.secretary.is_none());
    assert_eq!(economy.by_month, [0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
    assert_eq!(economy.no_month, 1);
    let kinds: Vec<(&str, u64)> = economy.by_kind.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(kinds.len(), 3);
    assert_eq!(economy.activities[0].date, "2021-03");
    assert_eq!(economy.activities[0].kind, "协商", "aliases print as their kind");
    assert_eq!(economy.activities[0].partners, ["对外友好界"], "partner aliases resolve");
    assert_eq!(economy.activities[1].date, "2021-Q2");
    assert_eq!(economy.activities[2].end_date.as_deref(), Some("2021-07-09"));
    assert_eq!(economy.plans_next[0].kind.as_deref(), Some("调研"));
    let review = economy.review.as_ref().unwrap();
    assert_eq!(review.shortcomings.len(), 2);
    assert_eq!(review.outlook.as_deref(), Some("2022年继续关注外贸企业。"));
    let held: Vec<(&str, bool)> =
        economy.brands.iter().map(|b| (b.name.as_str(), b.held)).collect();
    assert_eq!(held, [("年度经济形势分析", false), ("预算协商", true)]);
    let metric = &economy.metrics[0];
    assert_eq!(
        (metric.name.as_str(), metric.value, metric.target, metric.completion),
        ("提交提案", 12.0, Some(10.0), Some(1.2))
    );

    let friendship = &report.sectors[2];
    assert_eq!(friendship.metrics[0].completion, Some(0.625));
    assert!(report.sectors[0].review.is_some());
}

#[test]
fn json_by_kind_keeps_kind_order() {
    let run = fixture().run(&["summarize", "data", "--format", "json", "--year", "2020"]);
    let friendship = run.stdout.split("\"name\": \"对外友好界\"").nth(1).unwrap();
    let by_kind = friendship.split("\"by_kind\": {").nth(1).unwrap().split('}').next().unwrap();
    let order: Vec<&str> = by_kind.split(',').map(|s| s.split('"').nth(1).unwrap()).collect();
    assert_eq!(order, ["学习", "座谈", "界别活动"]);
}

#[test]
fn view_json_by_kind_keeps_kind_order_too() {
    let args = ["summarize", "data", "--format", "json", "--view", "kinds", "--year", "2020"];
    let run = fixture().run(&args);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let friendship = &value["rows"][2];
    assert_eq!(friendship["sector"], "对外友好界");
    let kinds: Vec<&String> = friendship["by_kind"].as_object().unwrap().keys().collect();
    assert_eq!(kinds, ["学习", "座谈", "界别活动"]);
}

#[test]
fn year_and_sector_selection() {
    let test = fixture();
    let report = summary(&test, &["--year", "2020", "--sector", "对外友好界别"]);
    assert_eq!(report.year, 2020);
    assert_eq!(report.sectors.len(), 1);
    assert_eq!(report.sectors[0].counts.activities, 3);
    // Partnered still counts activities of sectors left out.
    let report = summary(&test, &["--year", "2021", "--sector", "对外友好界"]);
    assert_eq!(report.sectors[0].counts.partnered, 1);
    assert_eq!(report.totals.activities, 1);

    let run = test.run(&["summarize", "data", "--sector", "经济届"]);
    assert_eq!(run.status, 2);
    assert_eq!(run.stderr, "错误: 未知的界别「经济届」；是否想写「经济界」？\n");
}

#[test]
fn every_view_in_every_format_and_language() {
    let test = fixture();
    for lang in ["zh", "en"] {
        for format in ["table", "csv", "markdown", "json"] {
            for view in ["overview", "activities", "kinds", "months", "plans", "metrics", "full"] {
                let args =
                    ["summarize", "data", "--lang", lang, "--format", format, "--view", view];
                let run = test.run(&args);
                if format == "csv" && view == "full" {
                    assert_eq!(run.status, 2, "csv has no full view");
                    continue;
                }
                run.success();
                if format == "json" {
                    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
                    assert_eq!(value["format"], 1);
                }
                insta::assert_snapshot!(format!("summarize-{view}-{format}-{lang}"), run.stdout);
            }
        }
    }
}

#[test]
fn view_json_rows_have_the_documented_keys() {
    let test = fixture();
    let keys = |view: &str| -> Vec<Vec<String>> {
        let run = test.run(&["summarize", "data", "--format", "json", "--view", view]);
        let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(value["view"], view);
        assert_eq!(value["kind"], "summary");
        value["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_object().unwrap().keys().cloned().collect())
            .collect()
    };
    // Keys come in the order of the view's columns.
    let sorted = |k: &[&str]| k.iter().map(|s| s.to_string()).collect::<Vec<String>>();
    assert_eq!(
        keys("overview")[0],
        sorted(&[
            "sector",
            "activities",
            "participants",
            "participants_unrecorded",
            "cross_sector",
            "partnered",
            "highlights",
            "proposals",
            "opinions",
            "plans_next"
        ])
    );
    assert_eq!(
        keys("activities")[0],
        sorted(&[
            "sector",
            "date",
            "end_date",
            "kind",
            "title",
            "participants",
            "partners",
            "location",
            "highlight",
            "plan",
            "plan_title",
            "summary",
            "outcomes",
            "organizers",
            "tags",
            "note"
        ])
    );
    assert_eq!(keys("kinds")[0], sorted(&["sector", "by_kind"]));
    assert_eq!(keys("months")[0], sorted(&["sector", "by_month", "no_month"]));
    assert_eq!(keys("plans")[0], sorted(&["sector", "year", "id", "kind", "title", "detail"]));
    assert_eq!(
        keys("metrics")[0],
        sorted(&["sector", "metric", "value", "unit", "target", "completion", "note"])
    );
}

#[test]
fn csv_guards_formulas_and_opens_in_excel() {
    let test = fixture();
    let run = test.run(&["summarize", "data", "--format", "csv", "--view", "activities"]);
    run.success();
    assert!(
        run.stdout.contains(",'=SUM(A1) 社情民意信息,3,,'@浦东,否,,,,,营商环境、~特殊~,\r\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.starts_with(
        "界别,日期,结束日期,类别,活动,参与人次,合作界别,地点,亮点,对应设想,内容,成果,会外合办,主题,备注\r\n"
    ));
    let raw = test.run(&["summarize", "data", "--format", "csv", "--view", "activities", "--raw"]);
    assert!(raw.stdout.contains(",=SUM(A1) 社情民意信息,3,,@浦东,否,,"), "{}", raw.stdout);
    let excel = test.run(&["summarize", "data", "--format", "csv", "--excel", "--lang", "en"]);
    assert!(
        excel.bytes.starts_with(b"\xEF\xBB\xBFSector,Activities,Participants,"),
        "{}",
        excel.stdout
    );
    let plain = test.run(&["summarize", "data", "--format", "csv"]);
    assert!(plain.bytes.starts_with("界别,".as_bytes()));
    assert!(!plain.stdout.contains("合计"), "no total row in CSV");
}

#[test]
fn csv_lists_and_booleans_follow_the_language() {
    let test = fixture();
    let args = ["summarize", "data", "--year", "2020", "--format", "csv", "--view", "activities"];
    let zh = test.run(&args);
    assert!(zh.stdout.contains("委员界别活动日,,经济界,,否,"), "{}", zh.stdout);
    assert!(zh.stdout.contains("中外人士恳谈会,,,,是,"), "{}", zh.stdout);
    let en = test.run(&[&args[..], &["--lang", "en"]].concat());
    assert!(en.stdout.contains("中外人士恳谈会,,,,yes,"), "{}", en.stdout);
}

#[test]
fn output_file_is_written_atomically_and_data_files_are_refused() {
    let test = fixture();
    let stdout = test.run(&["summarize", "data", "--format", "markdown"]).stdout;
    let run = test.run(&["summarize", "data", "-o", "报告.md"]);
    run.success();
    assert_eq!(
        String::from_utf8(test.read("报告.md")).unwrap(),
        stdout,
        "format from the extension"
    );
    let json = test.run(&["summarize", "data", "-o", "out.json"]);
    json.success();
    assert!(String::from_utf8(test.read("out.json")).unwrap().starts_with("{\n  \"format\": 1,"));

    let before = test.read("data/民革.toml");
    let refused = test.run(&["summarize", "data", "-o", "data/民革.toml"]);
    assert_eq!(refused.status, 2);
    assert_eq!(refused.stderr, "错误: 输出文件 `data/民革.toml` 是数据文件，不能覆盖\n");
    assert_eq!(test.read("data/民革.toml"), before);
    let refused = test.run(&["summarize", "data", "-o", "./data/../data/jiebie.toml"]);
    assert_eq!(refused.status, 2, "the configuration is a data file too");

    let missing_dir = test.run(&["summarize", "data", "-o", "nowhere/report.md"]);
    assert_eq!(missing_dir.status, 2);
    assert!(!test.path("nowhere").exists());
    let leftovers: Vec<_> = std::fs::read_dir(test.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file left behind");
}

#[test]
fn invalid_data_writes_nothing() {
    let test = fixture().file("data/坏.toml", "[sector]\nname = \"民革\"\n[[activity]]\ndate = 2021-01-01\nkind = \"调查\"\ntitle = \"x\"\n");
    std::fs::write(test.path("old.csv"), "old").unwrap();
    let run = test.run(&["summarize", "data", "-o", "old.csv"]);
    assert_eq!(run.status, 1);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.starts_with("错误[E020]: 未知的活动类别「调查」\n --> data/坏.toml:5:8\n"),
        "{}",
        run.stderr
    );
    assert_eq!(test.read("old.csv"), b"old");
    let run = test.run(&["summarize", "data", "-o", "new.csv"]);
    assert_eq!(run.status, 1);
    assert!(!test.path("new.csv").exists());
}

#[test]
fn warnings_go_to_stderr_and_the_report_is_produced() {
    let test = fixture().file("data/其他.toml", "[sector]\nname = \"民革\"\n[[activity]]\ndate = 2021-01-01\nkind = \"学习\"\ntitle = \"y\"\npartners = [\"火星界\"]\n");
    let run = test.run(&["summarize", "data", "--view", "overview", "--format", "csv"]);
    run.success();
    assert!(
        run.stderr.starts_with("警告[W101]: 合作界别「火星界」不是已知的界别或别名\n"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.starts_with("界别,"));
    let quiet = test.run(&["summarize", "data", "-q", "--format", "csv"]);
    assert!(quiet.stderr.is_empty());
    let strict = test.run(&["summarize", "data", "--strict", "--format", "csv"]);
    assert_eq!(strict.status, 1);
    assert!(strict.stdout.is_empty());
}

#[test]
fn output_does_not_depend_on_file_names() {
    let first = fixture();
    let second = Test::new();
    // Same data, other file names and another split into files.
    copy_dir(Path::new(FIXTURE), &second.path("data"));
    std::fs::rename(second.path("data/经济界.toml"), second.path("data/zz-经济.toml")).unwrap();
    std::fs::rename(second.path("data/对外友好界/2021.toml"), second.path("data/a-first.toml"))
        .unwrap();
    for format in ["json", "markdown", "table", "csv"] {
        for view in ["full", "activities", "metrics"] {
            if format == "csv" && view == "full" {
                continue;
            }
            let args = ["summarize", "data", "--format", format, "--view", view];
            assert_eq!(first.run(&args).bytes, second.run(&args).bytes, "{format} {view}");
        }
    }
}

#[test]
fn no_data_year_and_usage_errors() {
    let test = fixture();
    let report = summary(&test, &["--year", "2030"]);
    // No activities: nothing unrecorded, and a sum of 0 (not unknown).
    assert_eq!(report.totals, Counts { participants: Some(0), ..Counts::default() });
    assert_eq!(test.run(&["summarize", "data", "--format", "csv", "--view", "full"]).status, 2);
    assert_eq!(test.run(&["summarize", "data", "--format", "yaml"]).status, 2);
    let empty = Test::new().file("a.toml", "[sector]\nname = \"x\"\n");
    let run = empty.run(&["summarize", "."]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("--year"), "{}", run.stderr);
}

#[test]
fn markdown_survives_pandoc_into_word() {
    let pandoc = std::process::Command::new("pandoc").arg("--version").output();
    if pandoc.is_err() {
        assert!(std::env::var_os("CI").is_none(), "CI must install pandoc (.ci/run)");
        eprintln!("pandoc is not installed; skipping");
        return;
    }
    let test = fixture().file(
        "data/民革.toml",
        "[sector]\nname = \"民革\"\n[[review]]\nyear = 2021\nsummary = \"概要\"\n[[activity]]\ndate = 2021-06-01\nkind = \"学习\"\ntitle = \"a|b @张三 ~下标~ ^上标^ *星号* _下划线_ [链接](x) <尖括号> $钱$ \\\\反斜杠\"\nlocation = \"第一行\\n第二行\"\n",
    );
    test.run(&["summarize", "data", "-o", "report.md"]).success();
    let docx = test.path("report.docx");
    let status = std::process::Command::new("pandoc")
        .arg(test.path("report.md"))
        .args(["-f", "markdown", "-t", "docx", "-o"])
        .arg(&docx)
        .status()
        .unwrap();
    assert!(status.success());
    let text = std::process::Command::new("pandoc")
        .arg(&docx)
        .args(["-t", "plain", "--columns", "1000"])
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    for expected in [
        "a|b @张三 ~下标~ ^上标^ *星号* _下划线_ [链接](x) <尖括号> $钱$ \\反斜杠",
        "第一行 第二行",
        "=SUM(A1) 社情民意信息",
        "@浦东",
        "重点关注|中小企业",
    ] {
        assert!(text.contains(expected), "{expected:?} lost in Word:\n{text}");
    }
    // Every pipe table of the Markdown is a table in the .docx.
    let markdown = String::from_utf8(test.read("report.md")).unwrap();
    let tables =
        markdown.lines().filter(|l| l.starts_with("| ---") || l.starts_with("| --")).count();
    let xml =
        std::process::Command::new("unzip").arg("-p").arg(&docx).arg("word/document.xml").output();
    if let Ok(xml) = xml
        && xml.status.success()
    {
        let xml = String::from_utf8_lossy(&xml.stdout);
        assert_eq!(xml.matches("<w:tbl>").count(), tables, "tables in docx");
    } else {
        let native = std::process::Command::new("pandoc")
            .arg(&docx)
            .args(["-t", "native"])
            .output()
            .unwrap();
        let native = String::from_utf8_lossy(&native.stdout);
        assert!(native.matches("Table").count() >= tables, "tables in docx");
    }
}

#[test]
fn absurd_numbers_do_not_overflow() {
    let huge = "[sector]\nname = \"经济界\"\n[[review]]\nyear = 2021\nsummary = \"x\"\n[[activity]]\ndate = 2021-01-01\nkind = \"学习\"\ntitle = \"a\"\nparticipants = 9223372036854775807\n[[activity]]\ndate = 2021-01-02\nkind = \"学习\"\ntitle = \"b\"\nparticipants = 9223372036854775807\n[[activity]]\ndate = 2021-01-03\nkind = \"学习\"\ntitle = \"c\"\nparticipants = 9223372036854775807\n[[metric]]\nyear = 2020\nname = \"m\"\nvalue = -9223372036854775808\n[[metric]]\nyear = 2021\nname = \"m\"\nvalue = 9223372036854775807\n[[metric]]\nyear = 2020\nname = \"f\"\nvalue = 1.1\n[[metric]]\nyear = 2021\nname = \"f\"\nvalue = 1.3\n";
    let test = Test::new().file("a.toml", huge);
    test.run(&["summarize", ".", "--format", "json"]).success();
    let run = test.run(&["diff", "2020", "2021", ".", "--format", "csv", "--view", "metrics"]);
    run.success();
    assert!(run.stdout.contains("经济界,f,,1.1,1.3,0.2,18%\r\n"), "{}", run.stdout);
    for args in [
        &["summarize", ".", "--year", "65535"][..],
        &["diff", "2020", "65535", "."],
        &["summarize", ".", "--year", "1800"],
    ] {
        assert_eq!(test.run(args).status, 2, "{args:?}");
    }
}

#[test]
fn outputs_never_land_among_the_data() {
    let test = fixture();
    let config = test.read("data/jiebie.toml");
    let run = test.run(&["summarize", "data/经济界.toml", "-o", "data/jiebie.toml"]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert_eq!(test.read("data/jiebie.toml"), config);
    let run = test.run(&["summarize", "data", "-o", "data/new.toml"]);
    assert_eq!(run.status, 2);
    assert!(!test.path("data/new.toml").exists());
    test.run(&["summarize", "data", "-o", "data/报告.md"]).success();
}

/// The full JSON report is written sector by sector on every core; its bytes are exactly what
/// serde_json's pretty printer makes of the whole report, for every year of the sample and
/// the fixture, for a report without sectors, and for 150 sectors (several batches).
#[test]
fn json_written_in_parallel_is_serde_json_pretty() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    for dir in [examples, Path::new(FIXTURE).to_path_buf()] {
        let workspace = jiebie::model::workspace::Workspace::load(&[dir], None, today).unwrap();
        let first = workspace.sectors[0].name.clone();
        for year in 2019..=2022 {
            for only in [vec![], vec![first.clone()], vec!["没有这个界别".to_string()]] {
                let report =
                    jiebie::numbers::report::Report::from_workspace(&workspace, year, &only);
                let document = jiebie::render::SummaryDocument::new(&report, Lang::Zh);
                let mut written = Vec::new();
                jiebie::render::summary_json(&document, &mut written).unwrap();
                let expected = serde_json::to_string_pretty(&document).unwrap() + "\n";
                assert_eq!(String::from_utf8(written).unwrap(), expected);
            }
        }
    }
    let files: Vec<(std::path::PathBuf, Vec<u8>)> = (0..150)
        .map(|i| {
            let text = format!(
                "[sector]\nname = \"界别{i:03}\"\n\n[[review]]\nyear = 2021\nsummary = \"概要\\n第二行\"\n\n\
                 [[activity]]\ndate = \"2021-0{}\"\nkind = \"调研\"\ntitle = \"调研 \\\"{i}\\\"\"\n",
                1 + i % 9
            );
            (format!("d/{i:03}.toml").into(), text.into_bytes())
        })
        .collect();
    let workspace = jiebie::model::workspace::Workspace::from_memory(&files, today);
    assert_eq!((workspace.sectors.len(), workspace.diagnostics.len()), (150, 0));
    let report = jiebie::numbers::report::Report::from_workspace(&workspace, 2021, &[]);
    let document = jiebie::render::SummaryDocument::new(&report, Lang::En);
    let mut written = Vec::new();
    jiebie::render::summary_json(&document, &mut written).unwrap();
    assert_eq!(
        String::from_utf8(written).unwrap(),
        serde_json::to_string_pretty(&document).unwrap() + "\n"
    );
}

#[test]
fn a_configured_kind_may_take_over_a_built_in_alias() {
    // SPEC §2.5's own example: 读书 is a built-in alias of 学习 (§2.6).
    let test = Test::new()
        .file(
            "d/jiebie.toml",
            "sectors = [\"侨联\"]\n\n[kinds]\n\"读书\" = [\"读书会\", \"荐书\"]\n",
        )
        .file(
            "d/侨联.toml",
            concat!(
                "[sector]\nname = \"侨联\"\n\n[[review]]\nyear = 2021\nsummary = \"概要\"\n\n",
                "[[activity]]\ndate = 2021-03-02\nkind = \"读书会\"\ntitle = \"读书分享会\"\n\n",
                "[[activity]]\ndate = 2021-03-05\nkind = \"读书\"\ntitle = \"荐读活动\"\n\n",
                "[[activity]]\ndate = 2021-03-06\nkind = \"讲座\"\ntitle = \"专题讲座\"\n",
            ),
        );
    let run = test.run(&["summarize", "d", "--view", "kinds", "--format", "csv"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    assert_eq!(run.stdout, "界别,学习,读书,合计\r\n侨联,1,2,3\r\n");
    // A built-in kind's own name stays taken (and 读书会, no longer configured, is unknown).
    let test = test.file("d/jiebie.toml", "[kinds]\n\"调研\" = [\"踏勘\"]\n");
    let diagnostics = test.diagnostics(&["d"]);
    let at =
        |code: &str, file: &str, line, column| (code.to_string(), file.to_string(), line, column);
    assert_eq!(diagnostics, [at("E013", "d/jiebie.toml", 2, 1), at("E020", "d/侨联.toml", 10, 8)]);
}

/// The JSON report is written in batches of about 1,024 activities; a sector of 1,023 (too
/// many for a batch with its own weight, too few to be written alone) made an empty batch and
/// panicked. Every count from 1,020 to 1,026 is written whole.
#[test]
fn json_writes_sectors_of_any_size_around_a_batch() {
    for n in 1_020..=1_026 {
        let mut text = String::from("[sector]\nname = \"甲\"\n");
        for i in 0..n {
            text.push_str(&format!(
                "\n[[activity]]\ndate = 2021-03-02\nkind = \"调研\"\ntitle = \"走访{i}\"\n"
            ));
        }
        let test = Test::new().file("data/甲.toml", &text).file(
            "data/乙.toml",
            "[sector]\nname = \"乙\"\n\n[[activity]]\ndate = 2021-03-02\nkind = \"调研\"\ntitle = \"走访\"\n",
        );
        let report = summary(&test, &[]);
        let sizes: Vec<(String, usize)> =
            report.sectors.iter().map(|s| (s.name.clone(), s.activities.len())).collect();
        assert_eq!(sizes, [("乙".to_string(), 1), ("甲".to_string(), n)], "{n} activities");
        assert_eq!(report.totals.activities, n as u64 + 1);
    }
}
