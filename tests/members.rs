//! Members and their duties (SPEC §13, issue 26): rosters, attendees, authors, statuses and
//! adoption; E022, W113, W114; counting windows at their edges; the member table with scores
//! summed by hand; participation in the overview; `add member`.
//!
//! The fixture `tests/fixtures/members` (proposal year from Dec 1, `[scoring]`):
//! - 经济界: 张三 (召集人), 李四 (from 2021), 王五 (to 2020), 孙八 (常委);
//! - 侨联: 赵六, 钱七; 赵六 attends 经济界's 调研 as a partner's member.

mod harness;

use std::path::Path;

use harness::{Test, copy_dir};

fn members() -> Test {
    let test = Test::new();
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/members");
    copy_dir(Path::new(fixture), &test.path("data"));
    test
}

fn d(code: &str, file: &str, line: usize, column: usize) -> (String, String, usize, usize) {
    (code.into(), file.into(), line, column)
}

fn json(test: &Test, args: &[&str]) -> serde_json::Value {
    let run = test.run(args);
    run.success();
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

#[test]
fn the_fixture_is_clean() {
    let test = members();
    assert_eq!(test.diagnostics(&["data"]), []);
}

/// The member table of 2021, every cell worked out by hand:
/// - 张三: 调研 + 学习 = 2 attendances; 第一提案人 of the 提案 of 2020-12-01 (the first day of the
///   2021 proposal year; the one of 2020-11-30 is the last day of 2020's); second author of the
///   已录用 社情民意 (joint), which was adopted and instructed; the 未录用 one does not count.
///   Score: 调研 2 + 学习 1 + proposal_first 3 + opinion_joint 1 + 市政协单篇采用 3 + 得到市领导批示 5 = 15.
/// - 李四 (joined 2021): 调研 = 1; first author of the 社情民意; the 退回 提案 does not count.
///   Score: 调研 2 + opinion_first 2 + 3 + 5 = 12.
/// - 孙八: his 提案 of 2021-12-01 belongs to the 2022 proposal year: nothing, score 0.
/// - 王五 left in 2020: no row (his joint authorship of 2020-12-01 counts for his 2020 self).
/// - 侨联's 赵六 attended 经济界's 调研 as a partner's member: his own row, 调研 2.
/// - 钱七: 学习 1.
#[test]
fn member_table_csv() {
    let test = members();
    let run =
        test.run(&["summarize", "data", "--year", "2021", "--view", "members", "--format", "csv"]);
    run.success();
    assert_eq!(
        run.stdout,
        "界别,委员,职务,参加活动,提案·第一,提案·联名,社情民意·第一,社情民意·联名,被采用,获批示,得分\r\n\
         经济界,张三,召集人,2,1,0,0,1,1,1,15\r\n\
         经济界,李四,委员,1,0,0,1,0,1,1,12\r\n\
         经济界,孙八,常委,0,0,0,0,0,0,0,0\r\n\
         侨联,赵六,委员,1,0,0,0,0,0,0,2\r\n\
         侨联,钱七,委员,1,0,0,0,0,0,0,1\r\n"
    );
}

#[test]
fn member_table_json_carries_the_items_of_each_score() {
    let test = members();
    let value = json(
        &test,
        &["summarize", "data", "--year", "2021", "--view", "members", "--format", "json"],
    );
    assert_eq!(value["view"], "members");
    let rows = value["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 5);
    let zhang = &rows[0];
    assert_eq!(zhang["member"], "张三");
    assert_eq!(zhang["by_kind"], serde_json::json!({"学习": 1, "调研": 1}));
    let items: Vec<(String, i64)> = zhang["score_items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["item"].as_str().unwrap().to_string(), i["score"].as_i64().unwrap()))
        .collect();
    let expected = [
        ("调研", 2),
        ("学习", 1),
        ("proposal_first", 3),
        ("opinion_joint", 1),
        ("市政协单篇采用", 3),
        ("得到市领导批示", 5),
    ];
    let expected: Vec<(String, i64)> = expected.iter().map(|(k, v)| (k.to_string(), *v)).collect();
    assert_eq!(items, expected);
    assert_eq!(zhang["score"], 15);
    assert_eq!(items.iter().map(|(_, v)| v).sum::<i64>(), 15);
}

/// The windows at their edges: the 提案 of 2020-11-30 counts for 2020, the one of 2020-12-01
/// for 2021; the 退回 one does not count; the one of 2021-12-01 counts for 2022. The 社情民意
/// follow the calendar year and count only 已录用 and 留存 (or without status).
#[test]
fn overview_counts_follow_the_windows_and_statuses() {
    let test = members();
    let value = json(
        &test,
        &["summarize", "data", "--year", "2021", "--view", "overview", "--format", "json"],
    );
    let rows = value["rows"].as_array().unwrap();
    assert_eq!(rows[0]["sector"], "经济界");
    assert_eq!(rows[0]["proposals"], 1);
    assert_eq!(rows[0]["opinions"], 1);
    assert_eq!(rows[0]["members"], 3);
    assert_eq!(rows[0]["taking_part"], 2);
    assert_eq!(rows[1]["members"], 2);
    assert_eq!(rows[1]["taking_part"], 2);
    let y2020 = json(
        &test,
        &["summarize", "data", "--year", "2020", "--view", "overview", "--format", "json"],
    );
    assert_eq!(y2020["rows"][0]["proposals"], 1);
    let y2022 = json(
        &test,
        &["summarize", "data", "--year", "2022", "--view", "overview", "--format", "json"],
    );
    assert_eq!(y2022["rows"][0]["proposals"], 1);
}

#[test]
fn overview_has_participation_columns_and_a_total_rate() {
    let test = members();
    let run =
        test.run(&["summarize", "data", "--year", "2021", "--view", "overview", "--format", "csv"]);
    run.success();
    assert_eq!(
        run.stdout,
        "界别,活动数,参与人次,未填人次,跨界别活动,受邀参与,亮点,提案,社情民意,下年设想,委员数,参与委员,参与率\r\n\
         经济界,6,4,4,1,0,0,1,1,0,3,2,67%\r\n\
         侨联,1,1,0,0,1,0,0,0,0,2,2,100%\r\n"
    );
    let run = test.run(&[
        "summarize",
        "data",
        "--year",
        "2021",
        "--view",
        "overview",
        "--format",
        "markdown",
    ]);
    run.success();
    assert!(
        run.stdout.contains("| **合计** | **7** | **5** | **4** | **1** | **1** | **0** | **1** | **1** | **0** | **5** | **4** | **80\\%** |"),
        "{}",
        run.stdout
    );
}

#[test]
fn without_a_roster_nothing_changes() {
    let test = Test::new().file(
        "a.toml",
        "[sector]\nname = \"农业界\"\n[[review]]\nyear = 2021\nsummary = \"x\"\n\
         [[activity]]\ndate = 2021-03-02\nkind = \"提案\"\ntitle = \"t\"\nstatus = \"撤回\"\n\
         [[activity]]\ndate = 2021-04-02\nkind = \"调研\"\ntitle = \"u\"\nattendees = [\"谁\"]\n",
    );
    assert_eq!(test.diagnostics(&["."]), []);
    let run = test.run(&["summarize", ".", "--view", "overview", "--format", "csv"]);
    assert_eq!(
        run.stdout,
        "界别,活动数,参与人次,未填人次,跨界别活动,受邀参与,亮点,提案,社情民意,下年设想\r\n\
         农业界,2,1,1,0,0,0,0,0,0\r\n"
    );
}

#[test]
fn e011_duties_on_other_kinds() {
    let test = Test::new().file(
        "a.toml",
        "[sector]\nname = \"农业界\"\n[[review]]\nyear = 2021\nsummary = \"x\"\n\
         [[activity]]\ndate = 2021-03-02\nkind = \"调研\"\ntitle = \"t\"\nauthors = [\"甲\"]\nstatus = \"立案\"\n\
         [[activity]]\ndate = 2021-03-03\nkind = \"提案\"\ntitle = \"u\"\nadoption = [\"市政协单篇采用\"]\n",
    );
    assert_eq!(
        test.diagnostics(&["."]),
        [d("E011", "./a.toml", 10, 1), d("E011", "./a.toml", 11, 1), d("E011", "./a.toml", 16, 1)]
    );
}

#[test]
fn e022_statuses_roles_and_marks() {
    let test = Test::new().file(
        "a.toml",
        "[sector]\nname = \"农业界\"\n[[review]]\nyear = 2021\nsummary = \"x\"\n\
         [[member]]\nname = \"甲\"\nrole = \"召集\"\n\
         [[activity]]\ndate = 2021-03-02\nkind = \"提案\"\ntitle = \"t\"\nstatus = \"已录用\"\n\
         [[activity]]\ndate = 2021-03-03\nkind = \"社情民意\"\ntitle = \"u\"\nstatus = \"已录\"\nadoption = [\"市政协单篇录用\"]\n",
    );
    assert_eq!(
        test.diagnostics(&["."]),
        [
            d("E022", "./a.toml", 8, 8),
            d("E022", "./a.toml", 13, 10),
            d("E022", "./a.toml", 18, 10),
            d("E022", "./a.toml", 19, 13),
        ]
    );
    let run = test.run(&["validate", "."]);
    assert!(run.stdout.contains("`status` 的值「已录用」不适用于提案"), "{}", run.stdout);
    assert!(
        run.stdout.contains("提案的状态有：待立案、立案、不立案、并案、退回、撤回"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("是否想写「已录用」？"), "{}", run.stdout);
    assert!(run.stdout.contains("是否想写「市政协单篇采用」？"), "{}", run.stdout);
    assert!(run.stdout.contains("是否想写「召集人」？"), "{}", run.stdout);
}

#[test]
fn vocabulary_extends_the_marks() {
    let test = Test::new()
        .file("jiebie.toml", "[vocabulary]\nadoption = [\"得到省领导批示\"]\n")
        .file(
            "a.toml",
            "[sector]\nname = \"农业界\"\n[[review]]\nyear = 2021\nsummary = \"x\"\n\
             [[activity]]\ndate = 2021-03-03\nkind = \"社情民意\"\ntitle = \"u\"\nadoption = [\"得到省领导批示\"]\n",
        );
    assert_eq!(test.diagnostics(&["."]), []);
}

#[test]
fn w113_not_on_the_roster_and_w114() {
    let test = Test::new()
        .file(
            "a.toml",
            "[sector]\nname = \"经济界\"\n[[review]]\nyear = 2021\nsummary = \"x\"\n\
             [[member]]\nname = \"张三\"\n[[member]]\nname = \"李四\"\nfrom = 2022\n\
             [[activity]]\ndate = 2021-03-02\nkind = \"调研\"\ntitle = \"t\"\nparticipants = 1\n\
             attendees = [\"张叁\", \"李四\", \"赵六\"]\npartners = [\"侨联\"]\n",
        )
        .file("b.toml", "[sector]\nname = \"侨联\"\n[[member]]\nname = \"赵六\"\n");
    assert_eq!(
        test.diagnostics(&["."]),
        [
            d("W113", "./a.toml", 16, 14),
            d("W114", "./a.toml", 16, 14),
            d("W113", "./a.toml", 16, 20),
        ]
    );
    let run = test.run(&["validate", "."]);
    assert!(run.stdout.contains("是否想写「张三」？"), "{}", run.stdout);
}

#[test]
fn e013_members_beside_a_roster_and_e030_duplicate_member() {
    let test = Test::new().file(
        "a.toml",
        "[sector]\nname = \"经济界\"\nmembers = 40\n[[review]]\nyear = 2021\nsummary = \"x\"\n\
         [[member]]\nname = \"张三\"\n[[member]]\nname = \"张三\"\n",
    );
    assert_eq!(
        test.diagnostics(&["."]),
        [d("E013", "./a.toml", 3, 11), d("E030", "./a.toml", 10, 8)]
    );
    let run = test.run(&["validate", "."]);
    assert!(run.stdout.contains("members = 40，但委员名册 2021 年列有 2 人"), "{}", run.stdout);
}

#[test]
fn participants_count_the_attendees_when_missing() {
    let test = members();
    let value = json(
        &test,
        &["summarize", "data", "--year", "2021", "--view", "activities", "--format", "json"],
    );
    let first = &value["rows"][0];
    assert_eq!(first["title"], "走访园区企业");
    assert_eq!(first["participants"], 3);
    assert_eq!(first["attendees"], serde_json::json!(["张三", "李四", "赵六"]));
}

#[test]
fn add_member_and_activity_with_duties() {
    let test = members();
    let run = test.run(&[
        "add", "member", "--sector", "侨联", "--name", "周九", "--role", "委员", "--from", "2021",
        "data",
    ]);
    run.success();
    let text = String::from_utf8(test.read("data/侨联.toml")).unwrap();
    assert!(
        text.ends_with("[[member]]\nname = \"周九\"\nrole = \"委员\"\nfrom = 2021\n"),
        "{text}"
    );
    let run = test.run(&[
        "add",
        "activity",
        "--sector",
        "侨联",
        "--date",
        "2021-10-01",
        "--kind",
        "学习",
        "--title",
        "读书会",
        "--attendees",
        "周九、钱七",
        "data",
    ]);
    run.success();
    let text = String::from_utf8(test.read("data/侨联.toml")).unwrap();
    assert!(text.contains("attendees = [\"周九\", \"钱七\"]"), "{text}");
    let run = test.run(&[
        "add",
        "activity",
        "--sector",
        "侨联",
        "--date",
        "2021-10-02",
        "--kind",
        "学习",
        "--title",
        "t",
        "--status",
        "立案",
        "data",
    ]);
    assert_eq!(run.status, 1, "{}", run.stderr);
}

/// 2020: 张三, 王五 and 孙八 are members (李四 joins in 2021); only 张三 took part (his 提案 of
/// 2020-11-30, the last day of the 2020 proposal year): 1 of 3.
#[test]
fn diff_compares_participation() {
    let test = members();
    let run =
        test.run(&["diff", "2020", "2021", "data", "--view", "sectors", "--format", "csv", "-q"]);
    run.success();
    assert_eq!(
        run.stdout,
        "界别,2020 活动数,2021 活动数,活动数变化,2020 参与人次,2021 参与人次,参与人次变化,\
         2020 未填人次,2021 未填人次,设想数,已落实,落实率,2020 委员数,2021 委员数,\
         2020 参与委员,2021 参与委员,2020 参与率,2021 参与率\r\n\
         经济界,2,6,4,,4,,2,4,0,0,,3,3,1,2,33%,67%\r\n\
         侨联,0,1,1,0,1,1,0,0,0,0,,2,2,0,2,0%,100%\r\n"
    );
}

/// The document's first paragraph says participation; names appear only with
/// `[document] members = true`, as an appended table.
#[test]
fn document_says_participation_and_names_members_only_when_asked() {
    let test = members();
    let run = test.run(&["summarize", "data", "--year", "2021", "--format", "markdown", "-q"]);
    run.success();
    assert!(
        run.stdout.contains("反映社情民意信息1篇；4名委员参加界别活动，参与率80%。\n"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("张三"), "{}", run.stdout);
    assert!(
        run.stdout.contains(
            "6月1日，关于老旧小区加装电梯的建议。已录用，市政协单篇采用、得到市领导批示。"
        )
    );
    assert!(run.stdout.contains("11月30日，关于园区停车的提案。退回。"));
    let config = String::from_utf8(test.read("data/jiebie.toml")).unwrap();
    std::fs::write(test.path("data/jiebie.toml"), config + "\n[document]\nmembers = true\n")
        .unwrap();
    let run = test.run(&["summarize", "data", "--year", "2021", "--format", "markdown", "-q"]);
    run.success();
    assert!(
        run.stdout.contains(
            "6月1日，关于老旧小区加装电梯的建议。反映人：李四、张三，已录用，市政协单篇采用、得到市领导批示。"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.ends_with(
            "### 附表3 委员履职统计\n\n\
             | 界别 | 委员 | 职务 | 参加活动 | 提案·第一 | 提案·联名 | 社情民意·第一 | 社情民意·联名 | 被采用 | 获批示 | 得分 |\n\
             | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n\
             | 经济界 | 张三 | 召集人 | 2 | 1 | 0 | 0 | 1 | 1 | 1 | 15 |\n\
             | 经济界 | 李四 | 委员 | 1 | 0 | 0 | 1 | 0 | 1 | 1 | 12 |\n\
             | 经济界 | 孙八 | 常委 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
             | 侨联 | 赵六 | 委员 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 2 |\n\
             | 侨联 | 钱七 | 委员 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
        ),
        "{}",
        run.stdout
    );
}

/// A secretary's sheet with the usual column names of SPEC §10: 出席委员, 提案人, 状态, 采用情况.
#[test]
fn import_reads_attendees_authors_status_and_adoption() {
    let test = members().file(
        "s.csv",
        "日期,类型,名称,出席委员,提案人,状态,采用情况\n\
         2021-10-08,社情民意,关于夜市管理的建议,,李四、张三,已录用,市政协单篇采用\n\
         2021-10-09,调研,走访商圈,张三、孙八,,,\n",
    );
    let run = test.run(&["import", "s.csv", "--sector", "经济界", "--dry-run", "data"]);
    run.success();
    assert_eq!(
        run.stdout,
        "[[activity]]\ndate = 2021-10-08\nkind = \"社情民意\"\ntitle = \"关于夜市管理的建议\"\n\
         authors = [\"李四\", \"张三\"]\nstatus = \"已录用\"\nadoption = [\"市政协单篇采用\"]\n\n\
         [[activity]]\ndate = 2021-10-09\nkind = \"调研\"\ntitle = \"走访商圈\"\n\
         attendees = [\"张三\", \"孙八\"]\n"
    );
}

#[test]
fn member_table_in_english_and_without_scoring() {
    let test = members();
    let run = test.run(&[
        "summarize",
        "data",
        "--year",
        "2021",
        "--view",
        "members",
        "--format",
        "csv",
        "--lang",
        "en",
    ]);
    run.success();
    assert!(
        run.stdout.starts_with(
            "Sector,Member,Role,Activities,Proposals (first),Proposals (joint),Opinions (first),\
             Opinions (joint),Adopted,Instructed,Score\r\n"
        ),
        "{}",
        run.stdout
    );
    let config = String::from_utf8(test.read("data/jiebie.toml")).unwrap();
    let without = config.split("[counting]").next().unwrap().to_string();
    std::fs::write(test.path("data/jiebie.toml"), without).unwrap();
    // Without [scoring] there is no score column; without [counting] the calendar year counts
    // (the 提案 of 2021-11-30 is 退回, of 2021-12-01 孙八's, of 2020-12-01 in 2020).
    let run =
        test.run(&["summarize", "data", "--year", "2021", "--view", "members", "--format", "csv"]);
    run.success();
    assert_eq!(
        run.stdout,
        "界别,委员,职务,参加活动,提案·第一,提案·联名,社情民意·第一,社情民意·联名,被采用,获批示\r\n\
         经济界,张三,召集人,2,0,0,0,1,1,1\r\n\
         经济界,李四,委员,1,0,0,1,0,1,1\r\n\
         经济界,孙八,常委,0,1,0,0,0,0,0\r\n\
         侨联,赵六,委员,1,0,0,0,0,0,0\r\n\
         侨联,钱七,委员,1,0,0,0,0,0,0\r\n"
    );
}

/// `[counting]` and `[scoring]` are checked like every other key.
#[test]
fn counting_and_scoring_are_checked() {
    let test = members().file(
        "data/jiebie.toml",
        "[counting]\nproposals_from = \"13-01\"\nopinions_status = [\"已录用\", \"留用\"]\n\
         [scoring]\n\"调查\" = 1\nproposal_first = -2\n",
    );
    assert_eq!(
        test.diagnostics(&["data"]),
        [
            d("E013", "data/jiebie.toml", 2, 18),
            d("E022", "data/jiebie.toml", 3, 27),
            d("E011", "data/jiebie.toml", 5, 1),
            d("E013", "data/jiebie.toml", 6, 18),
        ]
    );
    let run = test.run(&["validate", "data"]);
    assert!(run.stdout.contains("「13-01」不是“月-日”"), "{}", run.stdout);
    assert!(run.stdout.contains("是否想写「留存」？"), "{}", run.stdout);
    assert!(run.stdout.contains("是否想写「调研」？"), "{}", run.stdout);
}
