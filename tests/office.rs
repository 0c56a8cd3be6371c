//! What the office reads (issue 17): unrecorded participants never shown as 0, a warning for
//! a year without data, W108 for the sectors that have not handed in, help with examples,
//! tables that fit the terminal, `-o` confirmed, `explain` listing the codes, an unknown
//! `JIEBIE_LANG`, and the hint that a file is a copy of another.

mod harness;

use harness::Test;
use unicode_width::UnicodeWidthStr;

const CONFIG: &str = "sectors = [\"民革\", \"对外友好界\", \"台联\"]\n";

/// 对外友好界 recorded no participants in 2020 and 146 in 2021; 民革 handed in only 2020; 台联
/// has no file at all.
fn office() -> Test {
    Test::new()
        .file("jiebie.toml", CONFIG)
        .file(
            "对外友好界.toml",
            "[sector]\nname = \"对外友好界\"\n\n\
             [[review]]\nyear = 2020\nsummary = \"概要\"\n\n\
             [[review]]\nyear = 2021\nsummary = \"概要\"\n\n\
             [[activity]]\ndate = 2020-05-01\nkind = \"座谈\"\ntitle = \"中外人士恳谈会\"\n\n\
             [[activity]]\ndate = 2020-09-01\nkind = \"学习\"\ntitle = \"专题学习\"\n\n\
             [[activity]]\ndate = 2021-05-01\nkind = \"座谈\"\ntitle = \"中外人士恳谈会\"\nparticipants = 100\n\n\
             [[activity]]\ndate = 2021-09-01\nkind = \"学习\"\ntitle = \"专题学习\"\nparticipants = 46\n\n\
             [[activity]]\ndate = 2021-10-01\nkind = \"调研\"\ntitle = \"走访外资企业\"\n",
        )
        .file(
            "民革.toml",
            "[sector]\nname = \"民革\"\n\n[[review]]\nyear = 2020\nsummary = \"概要\"\n\n\
             [[activity]]\ndate = 2020-03-01\nkind = \"调研\"\ntitle = \"走访\"\nparticipants = 12\n",
        )
}

const W108_NO_FILE: &str = "\
警告[W108]: 界别「台联」在 sectors 名单中，但没有它的界别文件（未报送）
 --> ./jiebie.toml:1:27
  |
1 | sectors = [\"民革\", \"对外友好界\", \"台联\"]
  |                                  ^^^^^^
  = 帮助: 把该界别的文件放进工作区，或用 `jiebie init 台联` 新建；运行 `jiebie explain W108` 查看详细说明

";

#[test]
fn validate_lists_a_registry_sector_without_a_file_once() {
    let run = office().run(&["validate", "."]);
    run.success();
    assert_eq!(
        run.stdout,
        format!("{W108_NO_FILE}2 个文件，2 个界别，6 项活动：0 个错误，1 个警告\n")
    );
    let en = office().run(&["validate", ".", "--lang", "en"]);
    assert!(
        en.stdout.starts_with(
            "warning[W108]: sector `台联` is in `sectors` but has no file (not handed in)\n"
        ),
        "{}",
        en.stdout
    );
    assert_eq!(office().run(&["validate", ".", "--strict"]).status, 1);
}

#[test]
fn summarize_names_the_sectors_without_entries_for_the_year() {
    let run = office().run(&["summarize", ".", "--year", "2021", "--format", "csv"]);
    run.success();
    let expected = format!(
        "{W108_NO_FILE}\
警告[W108]: 界别「民革」没有 2021 年的活动、工作概要或工作设想（未报送）
 --> ./jiebie.toml:1:12
  |
1 | sectors = [\"民革\", \"对外友好界\", \"台联\"]
  |            ^^^^^^
  = 帮助: 请该界别补报；确实没有活动的，可在 [[review]] 中说明；运行 `jiebie explain W108` 查看详细说明

"
    );
    assert_eq!(run.stderr, expected);
    assert_eq!(
        run.stdout,
        "界别,活动数,参与人次,未填人次,跨界别活动,受邀参与,亮点,提案,社情民意,下年设想\r\n\
         民革,0,0,0,0,0,0,0,0,0\r\n\
         对外友好界,3,146,1,0,0,0,0,0,0\r\n"
    );
    // --sector limits the list to the sectors shown; -q prints no warning.
    let only = office().run(&["summarize", ".", "--year", "2021", "--sector", "对外友好界"]);
    assert_eq!(only.stderr, W108_NO_FILE);
    assert_eq!(office().run(&["summarize", ".", "--year", "2021", "-q"]).stderr, "");
    // Under --strict, the missing sector fails the run and nothing is written.
    let strict = office().run(&["summarize", ".", "--year", "2021", "--strict"]);
    assert_eq!((strict.status, strict.stdout.as_str()), (1, ""));
}

#[test]
fn a_year_wholly_unrecorded_is_empty_never_zero() {
    let run = office().run(&["summarize", ".", "--year", "2020", "--view", "overview", "-q"]);
    run.success();
    assert_eq!(
        run.stdout,
        "\
+------------+--------+----------+----------+------------+----------+------+------+----------+----------+
| 界别       | 活动数 | 参与人次 | 未填人次 | 跨界别活动 | 受邀参与 | 亮点 | 提案 | 社情民意 | 下年设想 |
+=======================================================================================================+
| 民革       |      1 |       12 |        0 |          0 |        0 |    0 |    0 |        0 |        0 |
| 对外友好界 |      2 |          |        2 |          0 |        0 |    0 |    0 |        0 |        0 |
| 合计       |      3 |       12 |        2 |          0 |        0 |    0 |    0 |        0 |        0 |
+------------+--------+----------+----------+------------+----------+------+------+----------+----------+
"
    );
    let json = office().run(&["summarize", ".", "--year", "2020", "--format", "json", "-q"]);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let counts = &value["sectors"][1]["counts"];
    assert_eq!(counts["participants"], serde_json::Value::Null);
    assert_eq!(counts["participants_unrecorded"], 2);
    assert_eq!(value["totals"]["participants"], 12);
    assert_eq!(value["totals"]["participants_unrecorded"], 2);
}

#[test]
fn diff_leaves_the_change_empty_when_a_side_is_wholly_unrecorded() {
    let run = office().run(&["diff", "2020", "2021", ".", "--view", "sectors", "-q"]);
    run.success();
    assert_eq!(
        run.stdout,
        "\
+------------+-------------+-------------+------------+---------------+---------------+--------------+---------------+---------------+--------+--------+--------+
| 界别       | 2020 活动数 | 2021 活动数 | 活动数变化 | 2020 参与人次 | 2021 参与人次 | 参与人次变化 | 2020 未填人次 | 2021 未填人次 | 设想数 | 已落实 | 落实率 |
+===============================================================================================================================================================+
| 民革       |           1 |           0 |         -1 |            12 |             0 |          -12 |             0 |             0 |      0 |      0 |        |
| 对外友好界 |           2 |           3 |         +1 |               |           146 |              |             2 |             1 |      0 |      0 |        |
| 合计       |           3 |           3 |          0 |            12 |           146 |              |             2 |             1 |      0 |      0 |        |
+------------+-------------+-------------+------------+---------------+---------------+--------------+---------------+---------------+--------+--------+--------+
"
    );
    let json =
        office().run(&["diff", "2020", "2021", ".", "--view", "sectors", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let row = &value["rows"][1];
    assert_eq!(row["from_participants"], serde_json::Value::Null);
    assert_eq!(row["to_participants"], 146);
    assert_eq!(row["participants_change"], serde_json::Value::Null);
    assert_eq!(
        (row["from_participants_unrecorded"].as_u64(), row["to_participants_unrecorded"].as_u64()),
        (Some(2), Some(1))
    );
}

#[test]
fn a_year_without_any_data_warns() {
    let test = Test::new().file(
        "民革.toml",
        "[sector]\nname = \"民革\"\n\n[[review]]\nyear = 2020\nsummary = \"概要\"\n",
    );
    let run =
        test.run(&["summarize", ".", "--year", "2023", "--view", "overview", "--format", "csv"]);
    run.success();
    assert_eq!(
        run.stderr,
        "警告: 2023 年没有任何数据（活动、工作概要、设想或指标），以下各表均为空或 0；有数据的年度：2020\n"
    );
    assert_eq!(
        run.stdout,
        "界别,活动数,参与人次,未填人次,跨界别活动,受邀参与,亮点,提案,社情民意,下年设想\r\n民革,0,0,0,0,0,0,0,0,0\r\n"
    );
    let diff = test.run(&["diff", "2019", "2021", ".", "--lang", "en", "--format", "json"]);
    diff.success();
    assert_eq!(
        diff.stderr,
        "warning: 2019 has no data at all (activities, reviews, plans or metrics): the tables below are empty or zero; years with data: 2020\n\
         warning: 2021 has no data at all (activities, reviews, plans or metrics): the tables below are empty or zero; years with data: 2020\n"
    );
    assert_eq!(test.run(&["diff", "2019", "2020", ".", "-q"]).stderr, "");
    // A year with no data anywhere gives this one warning, not one W108 per sector.
    let office = office().run(&["summarize", ".", "--year", "2030", "--format", "csv"]);
    assert_eq!(
        office.stderr,
        format!(
            "{W108_NO_FILE}警告: 2030 年没有任何数据（活动、工作概要、设想或指标），以下各表均为空或 0；有数据的年度：2020、2021\n"
        )
    );
}

#[test]
fn narrow_terminals_get_wrapped_text_or_one_block_per_row() {
    let test = office();
    let run = test.env("COLUMNS", "60").run(&[
        "summarize",
        ".",
        "--year",
        "2020",
        "--view",
        "overview",
        "-q",
    ]);
    run.success();
    assert_eq!(
        run.stdout,
        "\
-[ 1 ]------------------------------------------------------
界别      : 民革
活动数    : 1
参与人次  : 12
未填人次  : 0
跨界别活动: 0
受邀参与  : 0
亮点      : 0
提案      : 0
社情民意  : 0
下年设想  : 0
-[ 2 ]------------------------------------------------------
界别      : 对外友好界
活动数    : 2
参与人次:
未填人次  : 2
跨界别活动: 0
受邀参与  : 0
亮点      : 0
提案      : 0
社情民意  : 0
下年设想  : 0
-[ 合计 ]---------------------------------------------------
界别      : 合计
活动数    : 3
参与人次  : 12
未填人次  : 2
跨界别活动: 0
受邀参与  : 0
亮点      : 0
提案      : 0
社情民意  : 0
下年设想  : 0
"
    );
    // Long text wraps when the other columns leave room for it.
    let long = Test::new().file(
        "民革.toml",
        "[sector]\nname = \"民革\"\n[[review]]\nyear = 2021\nsummary = \"概要\"\n\
         [[metric]]\nyear = 2021\nname = \"围绕长三角一体化发展报送的社情民意信息\"\nvalue = 12\nnote = \"其中被全国政协采用三条，获市领导批示两条\"\n",
    );
    let wrapped = long.env("COLUMNS", "70").run(&["summarize", ".", "--view", "metrics"]);
    assert_eq!(
        wrapped.stdout,
        "\
+------+---------------+------+------+------+--------+---------------+
| 界别 | 指标          | 数值 | 单位 | 目标 | 完成率 | 说明          |
+====================================================================+
| 民革 | 围绕长三角一  |   12 |      |      |        | 其中被全国政  |
|      | 体化发展报送  |      |      |      |        | 协采用三条，  |
|      | 的社情民意信  |      |      |      |        | 获市领导批示  |
|      | 息            |      |      |      |        | 两条          |
+------+---------------+------+------+------+--------+---------------+
"
    );
    // Every view of the full report stays within the terminal, at any width.
    for columns in ["40", "60", "80"] {
        let full = office().env("COLUMNS", columns).run(&["diff", "2020", "2021", ".", "-q"]);
        let limit: usize = columns.parse().unwrap();
        for line in full.stdout.lines() {
            assert!(line.width() <= limit, "{columns}: {line}");
        }
    }
    // Piped without COLUMNS, or written with -o, nothing wraps.
    let piped = office().run(&["summarize", ".", "--year", "2020", "--view", "overview", "-q"]);
    assert!(piped.stdout.starts_with("+------------+"), "{}", piped.stdout);
}

#[test]
fn output_files_are_confirmed() {
    let test = office();
    let run = test.run(&["summarize", ".", "--year", "2020", "-q", "-o", "报告.md"]);
    run.success();
    assert_eq!(run.stderr, "");
    let run = test.run(&["summarize", ".", "--year", "2020", "-o", "总览.csv"]);
    let size = test.read("总览.csv").len();
    assert!(
        run.stderr.ends_with(&format!("已写入 总览.csv（csv，视图 overview，{size} 字节）\n")),
        "{}",
        run.stderr
    );
    let en = test.run(&["diff", "2020", "2021", ".", "--lang", "en", "-o", "diff.json"]);
    let size = test.read("diff.json").len();
    assert!(
        en.stderr.ends_with(&format!("wrote diff.json (json, view full, {size} bytes)\n")),
        "{}",
        en.stderr
    );
}

#[test]
fn explain_without_a_code_lists_every_code() {
    let run = Test::new().run(&["explain"]);
    run.success();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "诊断代码（运行 `jiebie explain 代码` 查看详细说明，例如 `jiebie explain E020`）："
    );
    assert_eq!(lines[1], "E001 无法读取文件");
    assert!(lines.contains(&"W108 界别未报送"), "{}", run.stdout);
    for line in &lines[1..] {
        let code = line.split(' ').next().unwrap();
        let text = Test::new().run(&["explain", code]).stdout;
        assert_eq!(text.lines().next(), Some(*line), "the title is the explanation's first line");
    }
    let en = Test::new().run(&["explain", "--lang", "en"]);
    assert!(en.stdout.contains("\nW108 sector has not handed in\n"), "{}", en.stdout);
}

#[test]
fn an_unknown_jiebie_lang_warns_and_speaks_chinese() {
    let test = office().env("JIEBIE_LANG", "fr");
    let run = test.run(&["validate", ".", "-q"]);
    run.success();
    assert_eq!(run.stdout, "2 个文件，2 个界别，6 项活动：0 个错误，1 个警告\n");
    let warned = test.run(&["explain", "W108"]);
    assert_eq!(
        warned.stderr,
        "警告: 环境变量 JIEBIE_LANG 的值「fr」无效（可用 zh 或 en），已使用中文 / warning: JIEBIE_LANG=`fr` is neither zh nor en: using Chinese\n"
    );
    assert!(warned.stdout.starts_with("W108 界别未报送\n"));
    // --lang wins over the environment, and then nothing is wrong with it.
    let en = test.run(&["explain", "W108", "--lang", "en"]);
    assert_eq!(
        (en.stderr.as_str(), en.stdout.lines().next()),
        ("", Some("W108 sector has not handed in"))
    );
    let locale = Test::new().env("JIEBIE_LANG", "en_US.UTF-8").run(&["explain", "W108"]);
    assert!(locale.stdout.starts_with("W108 sector has not handed in\n"));
}

#[test]
fn every_command_shows_examples_in_the_language_of_the_run() {
    let commands: [&[&str]; 11] = [
        &["validate"],
        &["template"],
        &["explain"],
        &["summarize"],
        &["diff"],
        &["init"],
        &["add"],
        &["add", "activity"],
        &["add", "plan"],
        &["add", "metric"],
        &["schema"],
    ];
    for command in commands {
        let mut args = command.to_vec();
        args.push("--help");
        let zh = Test::new().run(&args);
        zh.success();
        assert!(zh.stdout.contains("\n示例：\n  jiebie "), "{command:?}:\n{}", zh.stdout);
        let examples = zh.stdout.lines().filter(|l| l.starts_with("  jiebie ")).count();
        assert!((2..=4).contains(&examples), "{command:?} has {examples} examples");
        args.extend(["--lang", "en"]);
        let en = Test::new().run(&args);
        assert!(en.stdout.contains("\nExamples:\n  jiebie "), "{command:?}:\n{}", en.stdout);
        assert!(!en.stdout.contains("示例："), "{command:?}");
    }
    let summarize = Test::new().run(&["summarize", "--help"]).stdout;
    for line in [
        "视图默认为 full（全部视图）；csv 一次只能输出一个视图，默认 overview。",
        "  jiebie summarize examples --year 2020 --view overview   2020 年各界别总览",
        "- overview:   每个界别一行：活动数、参与人次、跨界别活动……及合计（csv 的默认视图）",
        "- markdown: Markdown 报告（Word 文档请用 docx）",
        "  jiebie summarize examples -o 报告.docx                  Word 文档（公文格式）",
    ] {
        assert!(summarize.contains(line), "{line}\n{summarize}");
    }
    let english = Test::new().env("JIEBIE_LANG", "en").run(&["diff", "--help"]).stdout;
    assert!(
        english.contains(
            "The view is full (every view) by default; CSV holds one view, sectors by default."
        ),
        "{english}"
    );
}

#[test]
fn many_duplicates_between_two_files_hint_at_a_copy() {
    let body = "[sector]\nname = \"经济界\"\n\n[[review]]\nyear = 2021\nsummary = \"概要\"\n\n\
                [[plan]]\nid = \"p1\"\nyear = 2022\ntitle = \"调研\"\n\n\
                [[plan]]\nid = \"p2\"\nyear = 2022\ntitle = \"座谈\"\n";
    let test = Test::new().file("经济界.toml", body).file("经济界 - 副本.toml", body);
    let run = test.run(&["validate", "."]);
    assert_eq!(run.status, 1);
    assert_eq!(
        run.stdout,
        "\
错误[E030]: 工作概要年度「2021」重复，先前已在 ./经济界 - 副本.toml:5:8 出现
 --> ./经济界.toml:5:8
  |
5 | year = 2021
  |        ^^^^
  = 帮助: 运行 `jiebie explain E030` 查看详细说明
  = 提示: ./经济界.toml 与 ./经济界 - 副本.toml 之间有 3 处重复，其中一个文件像是另一个的副本；如果是误复制的，请删除或移出工作区

错误[E030]: 工作设想编号「p1」重复，先前已在 ./经济界 - 副本.toml:9:6 出现
 --> ./经济界.toml:9:6
  |
9 | id = \"p1\"
  |      ^^^^
  = 帮助: 运行 `jiebie explain E030` 查看详细说明

错误[E030]: 工作设想编号「p2」重复，先前已在 ./经济界 - 副本.toml:14:6 出现
  --> ./经济界.toml:14:6
   |
14 | id = \"p2\"
   |      ^^^^
   = 帮助: 运行 `jiebie explain E030` 查看详细说明

2 个文件，1 个界别，0 项活动：3 个错误，0 个警告
"
    );
    // Two duplicates are no sign of a copy.
    let two = Test::new().file("a.toml", body).file("b.toml", &body.replace("p2", "p3"));
    assert!(!two.run(&["validate", "."]).stdout.contains("提示"));
}
