//! `jiebie diff`: the hand-worked fixture (a sector that grew, one that shrank, one only in
//! TO, plans done and pending, a brand held only in FROM, a metric whose unit changed).

#![allow(dead_code, reason = "the JSON structs name every key of the contract, read or not")]

mod harness;

use harness::fixture;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DiffJson {
    format: u32,
    kind: String,
    from: u16,
    to: u16,
    organization: Option<String>,
    title: String,
    sectors: Vec<SectorRow>,
    kinds: Vec<KindRow>,
    metrics: Vec<MetricRow>,
    plans: Vec<PlanRow>,
    brands: Vec<BrandRow>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct SectorRow {
    sector: String,
    from_activities: u64,
    to_activities: u64,
    activities_change: i64,
    from_participants: Option<u64>,
    to_participants: Option<u64>,
    participants_change: Option<i64>,
    from_participants_unrecorded: u64,
    to_participants_unrecorded: u64,
    plans: u64,
    done: u64,
    follow_through: Option<f64>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct KindRow {
    kind: String,
    from: u64,
    to: u64,
    change: i64,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct MetricRow {
    sector: String,
    metric: String,
    unit: Option<String>,
    from: Option<f64>,
    to: Option<f64>,
    change: Option<f64>,
    change_rate: Option<f64>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct PlanRow {
    sector: String,
    id: String,
    title: String,
    status: String,
    activities: Vec<String>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct BrandRow {
    sector: String,
    brand: String,
    from_held: bool,
    to_held: bool,
}

/// A row whose participants are recorded on both sides; `unrecorded` counts the activities
/// of each year without `participants`.
fn sector(name: &str, n: [i64; 9], unrecorded: [u64; 2], rate: Option<f64>) -> SectorRow {
    SectorRow {
        sector: name.into(),
        from_activities: n[0] as u64,
        to_activities: n[1] as u64,
        activities_change: n[2],
        from_participants: Some(n[3] as u64),
        to_participants: Some(n[4] as u64),
        participants_change: Some(n[5]),
        from_participants_unrecorded: unrecorded[0],
        to_participants_unrecorded: unrecorded[1],
        plans: n[6] as u64,
        done: n[7] as u64,
        follow_through: rate,
    }
}

#[test]
fn numbers_worked_out_by_hand() {
    let run = fixture().run(&["diff", "2020", "2021", "data", "--format", "json"]);
    run.success();
    let diff: DiffJson = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!((diff.format, diff.kind.as_str(), diff.from, diff.to), (1, "diff", 2020, 2021));
    assert_eq!(
        diff.sectors,
        [
            sector("民革", [0, 1, 1, 0, 10, 10, 0, 0, 0], [0, 0], None),
            sector("经济界", [1, 3, 2, 20, 18, -2, 2, 1, 0], [0, 1], Some(0.5)),
            sector("对外友好界", [3, 1, -2, 12, 8, -4, 2, 1, 0], [2, 0], Some(0.5)),
        ]
    );
    let kinds: Vec<(String, u64, u64, i64)> =
        diff.kinds.iter().map(|k| (k.kind.clone(), k.from, k.to, k.change)).collect();
    let expected = [
        ("学习", 1, 1, 0),
        ("调研", 0, 1, 1),
        ("协商", 0, 1, 1),
        ("座谈", 2, 0, -2),
        ("界别活动", 1, 0, -1),
        ("提案", 0, 1, 1),
        ("社情民意", 0, 1, 1),
    ];
    assert_eq!(kinds, expected.map(|(k, a, b, c)| (k.to_string(), a, b, c)));
    let metric = |s: &str,
                  m: &str,
                  u: &str,
                  f: Option<f64>,
                  t: Option<f64>,
                  c: Option<f64>,
                  r: Option<f64>| MetricRow {
        sector: s.into(),
        metric: m.into(),
        unit: Some(u.into()),
        from: f,
        to: t,
        change: c,
        change_rate: r,
    };
    assert_eq!(
        diff.metrics,
        [
            metric("经济界", "提交提案", "件", Some(8.0), Some(12.0), Some(4.0), Some(0.5)),
            metric("经济界", "调研报告", "份", None, Some(2.0), None, None),
            metric("经济界", "调研报告", "篇", Some(3.0), None, None, None),
            metric(
                "对外友好界",
                "接待外宾",
                "人次",
                Some(839.0),
                Some(500.0),
                Some(-339.0),
                Some(-339.0 / 839.0)
            ),
        ]
    );
    let plans: Vec<(&str, &str, &str, Vec<String>)> = diff
        .plans
        .iter()
        .map(|p| (p.sector.as_str(), p.id.as_str(), p.status.as_str(), p.activities.clone()))
        .collect();
    assert_eq!(
        plans,
        [
            ("经济界", "p21-budget", "done", vec!["预算协商会".to_string()]),
            ("经济界", "p21-digital", "pending", vec![]),
            ("对外友好界", "p21-firms", "done", vec!["走访在沪外企".to_string()]),
            ("对外友好界", "p21-visit", "pending", vec![]),
        ]
    );
    let brands: Vec<(&str, bool, bool)> =
        diff.brands.iter().map(|b| (b.brand.as_str(), b.from_held, b.to_held)).collect();
    assert_eq!(
        brands,
        [
            ("年度经济形势分析", true, false),
            ("预算协商", false, true),
            ("上海公共外交对话会", true, false)
        ]
    );
}

#[test]
fn every_view_in_every_format_and_language() {
    let test = fixture();
    for lang in ["zh", "en"] {
        for format in ["table", "csv", "markdown", "json"] {
            for view in ["sectors", "kinds", "metrics", "plans", "brands", "full"] {
                let args = [
                    "diff", "2020", "2021", "data", "--lang", lang, "--format", format, "--view",
                    view,
                ];
                let run = test.run(&args);
                if format == "csv" && view == "full" {
                    assert_eq!(run.status, 2);
                    continue;
                }
                run.success();
                if format == "json" && view != "full" {
                    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
                    assert_eq!(
                        (value["kind"].as_str(), value["view"].as_str()),
                        (Some("diff"), Some(view))
                    );
                }
                insta::assert_snapshot!(format!("diff-{view}-{format}-{lang}"), run.stdout);
            }
        }
    }
}

#[test]
fn csv_changes_are_plain_numbers() {
    let run =
        fixture().run(&["diff", "2020", "2021", "data", "--format", "csv", "--view", "metrics"]);
    run.success();
    assert_eq!(
        run.stdout,
        "界别,指标,单位,2020,2021,变化,变化率\r\n经济界,提交提案,件,8,12,4,50%\r\n经济界,调研报告,份,,2,,\r\n经济界,调研报告,篇,3,,,\r\n对外友好界,接待外宾,人次,839,500,-339,-40%\r\n"
    );
}

#[test]
fn sector_selection_and_usage_errors() {
    let test = fixture();
    let run = test.run(&[
        "diff", "2020", "2021", "data", "--sector", "民革", "--format", "json", "--view", "sectors",
    ]);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(value["rows"].as_array().unwrap().len(), 1);
    let same = test.run(&["diff", "2021", "2021", "data"]);
    assert_eq!(same.status, 2);
    assert_eq!(same.stderr, "错误: 比较的两个年份相同（2021）\n");
    let empty = test.run(&["diff", "2010", "2011", "data", "--format", "json"]);
    empty.success();
    let diff: DiffJson = serde_json::from_str(&empty.stdout).unwrap();
    assert!(diff.sectors.is_empty() && diff.kinds.is_empty() && diff.plans.is_empty());
    assert_eq!(diff.brands.len(), 3, "brands are listed, held in neither year");
}

#[test]
fn output_file_and_refusal() {
    let test = fixture();
    let stdout = test.run(&["diff", "2020", "2021", "data", "--format", "csv"]).bytes;
    test.run(&["diff", "2020", "2021", "data", "-o", "对比.csv"]).success();
    assert_eq!(test.read("对比.csv"), stdout);
    assert_eq!(test.run(&["diff", "2020", "2021", "data", "-o", "data/民革.toml"]).status, 2);
}
