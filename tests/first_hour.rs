//! A secretary's first hour (issue 16): every slip of a new user typing with a Chinese input
//! method is explained in Chinese (and in English under `--lang en`), with its exact place.
//! Whole outputs are compared; the long ones are insta snapshots (read them when they change).

mod harness;

use harness::Test;

/// `validate` in both languages: (status, zh stdout, en stdout).
fn validate_both(test: &Test) -> (i32, String, String) {
    let zh = test.run(&["validate", "."]);
    let en = test.run(&["validate", ".", "--lang", "en"]);
    assert_eq!(zh.status, en.status);
    (zh.status, zh.stdout, en.stdout)
}

const SLIPS: &str = "[sector]
name = \"经济界\"

[[activity]]
日期 = 2021-03-02
kind = \"调研\"
title = \"走访\"

[[activity]]
date = 2021-03-05
kind = \"调查\"
title = \"座谈\"

[[activity]]
date = 2021-04-01
kind = 调研
title = \"走访”

[[activity]]
date = 2021/03/02
location: \"浦东\"
kind = \"会见\"
title　= \"接待\"

[[活动]]
date = 2021年3月2日
kind = \"调研\"
title = \"x\"

[[plan]]
id = \"p\"
year = 2021
title = \"\"
";

#[test]
fn input_method_slips_are_explained_and_do_not_hide_the_other_entries() {
    let test = Test::new().file("经济界.toml", SLIPS);
    let (status, zh, en) = validate_both(&test);
    assert_eq!(status, 1);
    insta::assert_snapshot!("slips-zh", zh);
    insta::assert_snapshot!("slips-en", en);
    // One E003 per broken line, and the problems of every entry, the mended ones too (E020,
    // E013, W104: the file has no review for 2021): no missing key caused by a broken line.
    let d =
        |code: &str, line, column| (code.to_string(), "./经济界.toml".to_string(), line, column);
    assert_eq!(
        test.diagnostics(&["."]),
        vec![
            d("E003", 5, 1),
            d("W104", 5, 6),
            d("E020", 11, 8),
            d("E003", 16, 8),
            d("E003", 17, 13),
            d("E003", 20, 8),
            d("E003", 21, 9),
            d("E003", 23, 6),
            d("E003", 25, 3),
            d("E003", 26, 8),
            d("E013", 33, 9),
        ]
    );
    assert!(!zh.contains("expected"), "no English parser text under --lang zh:\n{zh}");
}

#[test]
fn two_independent_errors_in_different_entries_are_both_reported() {
    let test = Test::new().file(
        "农业界.toml",
        "[sector]\nname = \"农业界\"\n\n[[activity]]\ndate = 2021-03-02\nkind = 调研\ntitle = \"a\"\n\n[[activity]]\ndate = \"2021-3\"\nkind = \"座谈会\"\ntitle = \"b\"\nparticipants = -3\n",
    );
    let run = test.run(&["validate", "."]);
    assert_eq!(run.status, 1);
    // The first entry is read as if corrected: it counts, and it needs a review.
    assert_eq!(
        run.stdout,
        "警告[W104]: 界别「农业界」2021 年有活动，但没有 2021 年的 [[review]]
 --> ./农业界.toml:5:8
  |
5 | date = 2021-03-02
  |        ^^^^^^^^^^
  = 帮助: 为 2021 年添加一条 [[review]]（工作概要）；运行 `jiebie explain W104` 查看详细说明

错误[E003]: TOML 语法错误：文字值必须加英文双引号
 --> ./农业界.toml:6:8
  |
6 | kind = 调研
  |        ^^^^
  = 帮助: 值的写法有误：文字要加英文双引号，日期写作 2021-03-02，数字不带单位，是/否写作 true/false；这一行应写作：kind = \"调研\"；运行 `jiebie explain E003` 查看详细说明

错误[E013]: `participants` 不能为负数
  --> ./农业界.toml:13:16
   |
13 | participants = -3
   |                ^^
   = 帮助: 运行 `jiebie explain E013` 查看详细说明

1 个文件，1 个界别，2 项活动：2 个错误，1 个警告
"
    );
}

#[test]
fn a_quoted_chinese_key_gets_the_english_key() {
    let test = Test::new().file(
        "经济界.toml",
        "[sector]\nname = \"经济界\"\n\n[[activity]]\n\"日期\" = 2021-03-02\nkind = \"调研\"\ntitle = \"走访\"\n\"参与人次\" = 3\n",
    );
    let zh = test.run(&["validate", "."]);
    let help: Vec<&str> = zh.stdout.lines().filter(|l| l.contains("帮助")).collect();
    assert_eq!(
        help,
        [
            // No E010 for `date`: the E011 of `"日期"` says to write it.
            "  = 帮助: 是否想写「date」？ 运行 `jiebie explain E011` 查看详细说明",
            "  = 帮助: 是否想写「participants」？ 运行 `jiebie explain E011` 查看详细说明",
        ]
    );
    let d =
        |code: &str, line, column| (code.to_string(), "./经济界.toml".to_string(), line, column);
    assert_eq!(test.diagnostics(&["."]), vec![d("E011", 5, 1), d("E011", 8, 1)]);
    let en = test.run(&["validate", ".", "--lang", "en"]);
    assert!(en.stdout.contains("  = help: did you mean `date`? run `jiebie explain E011`"));
}

#[test]
fn every_date_form_of_the_spec_prints_canonically() {
    let forms = [
        ("2021.3.2", "2021-03-02"),
        ("2021/03/02", "2021-03-02"),
        ("2021-3-2", "2021-03-02"),
        ("2021年3月2日", "2021-03-02"),
        ("2021年3月", "2021-03"),
        ("2021/5", "2021-05"),
        ("2021年第2季度", "2021-Q2"),
        ("2021年二季度", "2021-Q2"),
        ("2021年第二季度", "2021-Q2"),
        ("2021年2季度", "2021-Q2"),
        ("2021年上半年", "2021-H1"),
        ("2021年", "2021"),
        ("2021年全年", "2021"),
        ("2021年度", "2021"),
    ];
    let mut text =
        String::from("[sector]\nname = \"经济界\"\n[[review]]\nyear = 2021\nsummary = \"s\"\n");
    for (i, (form, _)) in forms.iter().enumerate() {
        text.push_str(&format!(
            "[[activity]]\ndate = \"{form}\"\nkind = \"会见\"\ntitle = \"t{i:02}\"\n"
        ));
    }
    let test = Test::new().file("经济界.toml", &text);
    let run = test.run(&["summarize", ".", "--view", "activities", "--format", "json"]);
    run.success();
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let mut shown: Vec<(String, String, String)> = json["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap().to_string();
            (s("title"), s("date"), s("kind"))
        })
        .collect();
    shown.sort();
    let expected: Vec<(String, String, String)> = forms
        .iter()
        .enumerate()
        .map(|(i, (_, canonical))| (format!("t{i:02}"), canonical.to_string(), "接待".to_string()))
        .collect();
    assert_eq!(shown, expected, "every form in its canonical form; 会见 is 接待");
}

#[test]
fn a_near_miss_date_gets_the_exact_replacement() {
    let test = Test::new().file(
        "经济界.toml",
        "[sector]\nname = \"经济界\"\n[[activity]]\ndate = \"2021年3月2日至3日\"\nkind = \"调研\"\ntitle = \"a\"\n[[activity]]\ndate = \"２０２１年３月２日\"\nkind = \"调研\"\ntitle = \"b\"\n[[activity]]\ndate = \"2021年3月2号\"\nkind = \"调研\"\ntitle = \"c\"\n",
    );
    let (status, zh, en) = validate_both(&test);
    assert_eq!(status, 1);
    let help = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.contains("= 帮助") || l.contains("= help"))
            .map(String::from)
            .collect()
    };
    assert_eq!(
        help(&zh),
        [
            "  = 帮助: 起止日期要分开写：date = \"2021-03-02\" 和 end_date = \"2021-03-03\"；运行 `jiebie explain E013` 查看详细说明",
            "  = 帮助: 应写作 date = \"2021-03-02\"；运行 `jiebie explain E013` 查看详细说明",
            "   = 帮助: 可用的写法：2021-03-02、\"2021.3.2\"、\"2021年3月2日\"、\"2021-03\"、\"2021年3月\"、\"2021-Q2\"、\"2021年二季度\"、\"2021-H1\"、\"2021年上半年\"、\"2021\"、\"2021年全年\"；运行 `jiebie explain E013` 查看详细说明",
        ]
    );
    assert_eq!(
        help(&en)[..2],
        [
            "  = help: write the range as date = \"2021-03-02\" and end_date = \"2021-03-03\"; run `jiebie explain E013` for details",
            "  = help: write date = \"2021-03-02\"; run `jiebie explain E013` for details",
        ]
    );
}

#[test]
fn init_creates_the_directory_and_the_first_steps_work() {
    let test = Test::new();
    let run = test.run(&["init", "经济界", "--dir", "数据", "--year", "2021"]);
    run.success();
    assert_eq!(run.stdout, "已创建 数据/经济界.toml\n已创建 数据/jiebie.schema.json\n");
    let nested = test.run(&["init", "农业界", "--dir", "数据/2021/农业", "--lang", "en"]);
    nested.success();
    assert!(nested.stdout.starts_with("created 数据/2021/农业/农业界.toml\n"), "{}", nested.stdout);
    // The template's placeholder is W109 until it is written.
    let validate = test.run(&["validate", "数据/经济界.toml"]);
    validate.success();
    assert_eq!(
        validate.stdout,
        "警告[W109]: `summary` 仍是模板的占位文字「（待填写）」
  --> 数据/经济界.toml:20:11
   |
20 | summary = \"（待填写）2021年工作概要。\"
   |           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^
   = 帮助: 把它换成界别自己的内容；运行 `jiebie explain W109` 查看详细说明

1 个文件，1 个界别，0 项活动：0 个错误，1 个警告
"
    );
    let en = test.run(&["validate", "数据/2021", "--lang", "en"]);
    assert_eq!(
        en.stdout.lines().next(),
        Some("warning[W109]: `summary` still holds the template's placeholder `(to be written)`")
    );
    // The first steps of the README: add an activity with partners, then the report.
    let add = test.run(&[
        "add",
        "activity",
        "--sector",
        "经济界",
        "--date",
        "2021.3.2",
        "--kind",
        "会见",
        "--title",
        "走访企业",
        "--participants",
        "12",
        "--partner",
        "工商联",
        "--partner",
        "民建",
        "数据",
    ]);
    add.success();
    assert_eq!(add.stdout, "已添加到 数据/经济界.toml\n");
    assert_eq!(add.stderr, "");
    let text = String::from_utf8(test.read("数据/经济界.toml")).unwrap();
    assert!(text.ends_with("[[activity]]\ndate = 2021-03-02\nkind = \"会见\"\ntitle = \"走访企业\"\nparticipants = 12\npartners = [\"工商联\", \"民建\"]\n"), "{text}");
}

#[test]
fn add_names_the_flag_and_suggests_the_sector() {
    let test = Test::new().file("经济界.toml", "[sector]\nname = \"经济界\"\n");
    let base = ["add", "activity", "--kind", "调研", "--title", "x"];
    let run = |extra: &[&str], lang: &str| {
        let mut args: Vec<&str> = base.to_vec();
        args.extend(extra);
        args.extend(["--lang", lang]);
        let run = test.run(&args);
        assert_eq!(run.status, 2, "{args:?}");
        assert_eq!(run.stdout, "");
        run.stderr
    };
    assert_eq!(
        run(&["--sector", "经济届", "--date", "2021-03-02"], "zh"),
        "错误: 未知的界别「经济届」；是否想写「经济界」？\n"
    );
    assert_eq!(
        run(&["--sector", "经济届", "--date", "2021-03-02"], "en"),
        "error: unknown sector `经济届`; did you mean `经济界`?\n"
    );
    assert_eq!(
        run(&["--sector", "农业界", "--date", "2021-03-02"], "zh"),
        "错误: 没有界别「农业界」的文件；先用 `jiebie init 农业界` 建立\n"
    );
    let pointer = "\n运行 `jiebie --help`（或在子命令后加 --help）查看用法\n";
    assert_eq!(
        run(&["--sector", "经济界", "--date", "2021.13.2"], "zh"),
        format!("错误: 参数 `--date` 的值「2021.13.2」无效：没有这一天\n{pointer}")
    );
    assert_eq!(
        run(&["--sector", "经济界", "--date", "2021.13.2"], "en"),
        "error: invalid value '2021.13.2' for '--date <DATE>': there is no such day\n\nFor more information, try '--help'.\n"
    );
    assert_eq!(
        run(&["--sector", "经济界", "--date", "2021年3月2日至3日"], "zh"),
        format!(
            "错误: 参数 `--date` 的值「2021年3月2日至3日」无效：起止日期要分开写：--date 2021-03-02 和 --end-date 2021-03-03\n{pointer}"
        )
    );
    assert_eq!(
        run(&["--sector", "经济界", "--date", "2021.3.2", "--participants", "12人"], "zh"),
        format!("错误: 参数 `--participants` 的值「12人」无效：写整数，例如 12\n{pointer}")
    );
    assert_eq!(
        run(&["--sector", "经济界", "--date", "2021.3.2", "--participants", "12人"], "en"),
        "error: invalid value '12人' for '--participants <PARTICIPANTS>': write a whole number, e.g. 12\n\nFor more information, try '--help'.\n"
    );
    assert_eq!(
        run(&["--sector", "经济界", "--dat", "2021"], "zh"),
        format!(
            "错误: 未知的参数 `--dat`；是否想写 `--date`？\n\n用法: jiebie add activity --sector <SECTOR> --date <DATE> --kind <KIND> --title <TITLE> [PATHS]...\n{pointer}"
        )
    );
    assert_eq!(
        run(&["--sector", "经济界", "--date"], "zh"),
        format!("错误: 参数 `--date` 缺少值\n{pointer}")
    );
    assert_eq!(
        run(&["--sector", "经济界"], "zh"),
        format!(
            "错误: 缺少必需的参数：`--date <DATE>`\n\n用法: jiebie add activity --sector <SECTOR> --date <DATE> --kind <KIND> --title <TITLE> --lang <LANG> [PATHS]...\n{pointer}"
        )
    );
    let format = test.run(&["validate", "--format", "xml"]);
    assert_eq!(
        format.stderr,
        format!("错误: 参数 `--format` 的值「xml」无效；可选的值：`text`、`json`\n{pointer}")
    );
    let sub = test.run(&["valdate"]);
    assert_eq!(
        sub.stderr,
        format!(
            "错误: 未知的子命令 `valdate`；是否想写 `validate`？\n\n用法: jiebie [OPTIONS] <COMMAND>\n{pointer}"
        )
    );
    let missing = test.run(&["add"]);
    assert_eq!(missing.status, 2);
    assert!(missing.stderr.starts_with("错误: 缺少子命令\n\n添加一条记录"), "{}", missing.stderr);
}

#[test]
fn the_national_sectors_resolve_partners_without_a_config() {
    let test = Test::new()
        .file(
            "经济界.toml",
            "[sector]\nname = \"经济界\"\n[[review]]\nyear = 2021\nsummary = \"s\"\n[[activity]]\ndate = 2021-03-02\nkind = \"调研\"\ntitle = \"a\"\npartners = [\"工商联\", \"民建\", \"中华全国归国华侨联合会\", \"工商连\"]\n",
        )
        .file("侨联.toml", "[sector]\nname = \"侨联\"\n[[review]]\nyear = 2021\nsummary = \"s\"\n");
    let run = test.run(&["validate", "."]);
    assert_eq!(
        run.stdout,
        "警告[W101]: 合作界别「工商连」不是已知的界别或别名
  --> ./经济界.toml:10:41
   |
10 | partners = [\"工商联\", \"民建\", \"中华全国归国华侨联合会\", \"工商连\"]
   |                                                         ^^^^^^^^
   = 帮助: 是否想写「工商联」？ 运行 `jiebie explain W101` 查看详细说明

2 个文件，2 个界别，1 项活动：0 个错误，1 个警告
"
    );
    let report = test.run(&["summarize", ".", "--view", "overview", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&report.stdout).unwrap();
    let partnered: Vec<(String, u64)> = json["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["sector"].as_str().unwrap().to_string(), r["partnered"].as_u64().unwrap()))
        .collect();
    assert_eq!(partnered, [("侨联".to_string(), 1), ("经济界".to_string(), 0)]);
    let activities = test.run(&["summarize", ".", "--view", "activities", "--format", "csv"]);
    assert!(activities.stdout.contains("工商联、民建、侨联、工商连"), "{}", activities.stdout);
}

#[test]
fn look_alike_files_are_named() {
    let sector = "[sector]\nname = \"农业界\"\n";
    let test = Test::new()
        .file("a/农业界.toml.txt", sector)
        .file("a/农业界.TOML", sector)
        .file("a/农业界.toml~", sector)
        .file("a/农业界.toml.bak", sector)
        .file("a/~$农业界.toml", sector)
        .file("a/经济界.toml", "[sector]\nname = \"经济界\"\n")
        .file("a/notes.txt", "x");
    // Unix only, the dangling link: Windows lets only administrators and developer mode make
    // symbolic links, and Wine's do not show as links. The other look-alikes (Office's `~$`
    // files first of all) are checked everywhere, against their own snapshots there.
    #[cfg(unix)]
    std::os::unix::fs::symlink("nowhere.toml", test.path("a/link.toml")).unwrap();
    let (status, zh, en) = {
        let zh = test.run(&["validate", "a"]);
        let en = test.run(&["validate", "a", "--lang", "en"]);
        (zh.status, zh.stdout, en.stdout)
    };
    assert_eq!(status, 0);
    if cfg!(unix) {
        insta::assert_snapshot!("look-alikes-zh", zh);
        insta::assert_snapshot!("look-alikes-en", en);
    } else {
        insta::assert_snapshot!("look-alikes-zh-no-link", zh);
        insta::assert_snapshot!("look-alikes-en-no-link", en);
    }
    let json = test.run(&["validate", "a", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let files: Vec<(&str, &str)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].as_str().unwrap(), d["file"].as_str().unwrap()))
        .collect();
    let mut expected = vec![
        ("W110", "a/link.toml"),
        ("W110", "a/~$农业界.toml"),
        ("W110", "a/农业界.TOML"),
        ("W110", "a/农业界.toml.bak"),
        ("W110", "a/农业界.toml.txt"),
        ("W110", "a/农业界.toml~"),
    ];
    if !cfg!(unix) {
        expected.remove(0);
    }
    assert_eq!(files, expected);
    for code in ["W109", "W110"] {
        let zh = test.run(&["explain", code]);
        zh.success();
        assert!(zh.stdout.starts_with(code));
    }
}

// FIFOs are a Unix thing (Windows' named pipes live outside the file system).
#[cfg(unix)]
#[test]
fn a_fifo_named_like_a_sector_file_is_w110_and_not_read() {
    let test = Test::new().file("a/经济界.toml", "[sector]\nname = \"经济界\"\n");
    let made = std::process::Command::new("mkfifo").arg(test.path("a/农业界.toml")).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available here");
        return;
    }
    // Reading the FIFO would block for ever; the run must finish and name it.
    let zh = test.run(&["validate", "a", "--format", "json"]);
    assert_eq!(zh.status, 0, "{}", zh.stderr);
    let report: serde_json::Value = serde_json::from_str(&zh.stdout).unwrap();
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["code"], "W110");
    assert_eq!(diagnostics[0]["file"], "a/农业界.toml");
    assert_eq!(
        diagnostics[0]["message"],
        "`a/农业界.toml` 像是界别文件，但没有读取：它不是普通文件"
    );
    assert_eq!(report["files"], 1);
    let en = test.run(&["validate", "a", "--lang", "en", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&en.stdout).unwrap();
    assert_eq!(
        report["diagnostics"][0]["message"],
        "`a/农业界.toml` looks like a sector file but is not read: it is not a regular file"
    );
}

/// The entry of issue 27: one run shows every problem of an entry with a recognised slip.
const ONE_ENTRY: &str = "[sector]
name = \"经济界\"

[[review]]
year = 2021
summary = \"s\"

[[activity]]
date = 2021-03-02
kind = “调查”
title = \"走访\"
participants = \"15人\"
partners = [\"工商连\"]
highlight = 是
";

#[test]
fn an_entry_with_a_slip_is_checked_as_if_corrected() {
    let test = Test::new().file("经济界.toml", ONE_ENTRY);
    let run = test.run(&["validate", "."]);
    assert_eq!(run.status, 1);
    assert_eq!(
        run.stdout,
        "错误[E003]: TOML 语法错误：文字值必须加英文双引号
  --> ./经济界.toml:10:8
   |
10 | kind = “调查”
   |        ^^^^^^
   = 帮助: 引号要用英文半角 `\"`，不能用中文引号 `“ ”`；这一行应写作：kind = \"调查\"；运行 `jiebie explain E003` 查看详细说明

错误[E020]: 未知的活动类别「调查」
  --> ./经济界.toml:10:8
   |
10 | kind = “调查”
   |        ^^^^^^
   = 帮助: 是否想写「调研」？ 运行 `jiebie explain E020` 查看详细说明

错误[E012]: `participants` 的值应为整数，实际是文字
  --> ./经济界.toml:12:16
   |
12 | participants = \"15人\"
   |                ^^^^^^
   = 帮助: 应写作 participants = 15；运行 `jiebie explain E012` 查看详细说明

警告[W101]: 合作界别「工商连」不是已知的界别或别名
  --> ./经济界.toml:13:13
   |
13 | partners = [\"工商连\"]
   |             ^^^^^^^^
   = 帮助: 是否想写「工商联」？ 运行 `jiebie explain W101` 查看详细说明

错误[E003]: TOML 语法错误：文字值必须加英文双引号
  --> ./经济界.toml:14:13
   |
14 | highlight = 是
   |             ^^
   = 帮助: 值的写法有误：文字要加英文双引号，日期写作 2021-03-02，数字不带单位，是/否写作 true/false；这一行应写作：highlight = true；运行 `jiebie explain E003` 查看详细说明

1 个文件，1 个界别，1 项活动：4 个错误，1 个警告
"
    );
}

#[test]
fn a_sector_name_one_character_from_a_known_one_is_w115() {
    // A secretary's workspace: no jiebie.toml, the national sectors are known.
    let test = Test::new().file(
        "数据/农业届.toml",
        "[sector]\nname = \"农业届\"\n[[review]]\nyear = 2021\nsummary = \"s\"\n",
    );
    let run = test.run(&["validate", "数据"]);
    run.success();
    assert_eq!(
        run.stdout,
        "警告[W115]: 界别名称「农业届」与已知的界别「农业界」只差一个字
 --> 数据/农业届.toml:2:8
  |
2 | name = \"农业届\"
  |        ^^^^^^^^
  = 帮助: 是否想写「农业界」？若确是另一个界别，在 jiebie.toml 的 sectors 中列出它；运行 `jiebie explain W115` 查看详细说明

1 个文件，1 个界别，0 项活动：0 个错误，1 个警告
"
    );
    let en = test.run(&["validate", "数据", "--lang", "en"]);
    assert!(en.stdout.starts_with("warning[W115]: sector name `农业届` is one character away from the known sector `农业界`\n"), "{}", en.stdout);
    for lang in ["zh", "en"] {
        let explain = test.run(&["explain", "W115", "--lang", lang]);
        explain.success();
        assert!(explain.stdout.starts_with("W115 "), "{}", explain.stdout);
    }
    // init refuses the name, with the suggestion; --force writes it.
    let init = test.run(&["init", "经济届", "--dir", "新"]);
    assert_eq!(init.status, 2);
    assert_eq!(init.stdout, "");
    assert_eq!(
        init.stderr,
        "错误: 界别「经济届」与已知的界别「经济界」只差一个字；是否想写「经济界」？确是这个名称时加 --force\n"
    );
    assert!(!test.path("新").exists(), "nothing written");
    let en = test.run(&["init", "经济届", "--dir", "新", "--lang", "en"]);
    assert_eq!(
        en.stderr,
        "error: sector `经济届` is one character away from the known sector `经济界`; did you mean `经济界`? add --force if the name is right\n"
    );
    let forced = test.run(&["init", "经济届", "--dir", "新", "--force"]);
    forced.success();
    assert!(test.path("新/经济届.toml").exists());
    // A configured sector is known too; an alias or a listed name is no slip.
    let office = Test::new()
        .file("jiebie.toml", "sectors = [\"读书会界\"]\n[aliases]\n\"读书界\" = \"读书会界\"\n")
        .file("a.toml", "[sector]\nname = \"读书会届\"\n")
        .file("b.toml", "[sector]\nname = \"读书界\"\n");
    let codes: Vec<(String, String)> =
        office.diagnostics(&["."]).into_iter().map(|(c, f, ..)| (c, f)).collect();
    assert_eq!(codes, [("W115".to_string(), "./a.toml".to_string())]);
    let init = office.run(&["init", "读书会届"]);
    assert_eq!(init.status, 2, "{}", init.stderr);
    assert!(init.stderr.contains("是否想写「读书会界」"), "{}", init.stderr);
}

#[test]
fn add_names_the_flag_of_a_bad_value_never_a_line_the_file_lacks() {
    let test = Test::new().file("数据/经济界.toml", "[sector]\nname = \"经济界\"\n");
    let run = test.run(&[
        "add",
        "activity",
        "--sector",
        "经济界",
        "--date",
        "2021.3.2",
        "--kind",
        "考查",
        "--title",
        "走访",
        "--plan",
        "p9",
        "数据",
    ]);
    assert_eq!(run.status, 1);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "错误[E020]: 参数 `--kind`：未知的活动类别「考查」
  = 帮助: 是否想写「考察」？ 运行 `jiebie explain E020` 查看详细说明

错误[E031]: 参数 `--plan`：本界别没有编号为「p9」的工作设想（[[plan]]）
  = 帮助: 运行 `jiebie explain E031` 查看详细说明

未写入：新条目会带来上述错误
"
    );
    let en = test.run(&[
        "add",
        "activity",
        "--sector",
        "经济界",
        "--date",
        "2021.3.2",
        "--kind",
        "考查",
        "--title",
        "走访",
        "数据",
        "--lang",
        "en",
    ]);
    assert_eq!(
        en.stderr,
        "error[E020]: option `--kind`: unknown activity kind `考查`
  = help: did you mean `考察`? run `jiebie explain E020` for details

nothing written: the new entry would add the errors above
"
    );
    assert_eq!(
        test.read("数据/经济界.toml"),
        b"[sector]\nname = \"\xe7\xbb\x8f\xe6\xb5\x8e\xe7\x95\x8c\"\n"
    );
}

#[test]
fn a_gbk_file_is_shown_decoded() {
    let (gbk, _, _) = encoding_rs::GBK.encode("[sector]\nname = \"台联\"\n");
    let test = Test::new().bytes("台联.toml", &gbk);
    let run = test.run(&["validate", "."]);
    assert_eq!(run.status, 1);
    assert_eq!(
        run.stdout,
        "错误[E002]: 文件不是 UTF-8 编码，看起来是 GBK/GB18030 编码
 --> ./台联.toml:2:9
  |
2 | name = \"台联\"
  |         ^^^^
  = 帮助: 请用记事本打开该文件，“另存为”时把编码选为 UTF-8 后保存；运行 `jiebie explain E002` 查看详细说明

1 个文件，0 个界别，0 项活动：1 个错误，0 个警告
"
    );
}

/// A first file with every kind of slip that comes with a suggestion.
const EVERY_SLIP: &str = "[sector]
name = \"农业届\"

[[review]]
year = 2021
summary = \"s\"

[[activity]]
日期 = 2021-03-02
kind = “调查”
titel = \"走访\"
participants = \"15人\"
partners = \"工商连\"
highlight = 是
location　= \"浦东\"
tags = ［\"x\"］
summary = 2021

[[activity]]
date = \"２０２１年３月２日\"
kind = 座谈会
title ＝ \"座谈\"
participants = 12人
location： \"浦东\"
tags = [\"a\"，\"b\"]
highlight = \"否\"

[[活动]]
date = 2021/03/05
kind = \"会见\"
title = \"接待”
";

/// The suggestion of a diagnostic as an edit of the file: (start byte, end byte, new text).
fn suggestion(text: &str, d: &serde_json::Value) -> Option<(usize, usize, String)> {
    let help = d["help"].as_str()?;
    let line = d["line"].as_u64()? as usize;
    let starts: Vec<usize> =
        std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let byte = |line: usize, column: usize| {
        let start = starts[line - 1];
        text[start..].char_indices().nth(column - 1).map_or(text.len(), |(i, _)| start + i)
    };
    let (start, end) = (
        byte(line, d["column"].as_u64()? as usize),
        byte(d["end_line"].as_u64()? as usize, d["end_column"].as_u64()? as usize),
    );
    if let Some((_, rest)) = help.split_once("这一行应写作：") {
        let fixed = rest.split("；运行").next()?;
        let line_start = starts[line - 1];
        let line_end = text[line_start..].find('\n').map_or(text.len(), |i| line_start + i);
        return Some((line_start, line_end, fixed.to_string()));
    }
    if let Some(rest) = help.strip_prefix("应写作 ") {
        let value = rest.split("；运行").next()?.split_once(" = ")?.1;
        return Some((start, end, value.to_string()));
    }
    if let Some((_, rest)) = help.split_once("是否想写「") {
        let word = rest.split('」').next()?;
        let quoted = text[start..end].starts_with('"');
        return Some((start, end, if quoted { format!("\"{word}\"") } else { word.to_string() }));
    }
    None
}

#[test]
fn every_suggested_fix_passes() {
    let test = Test::new().file("数据/农业届.toml", EVERY_SLIP);
    let mut text = EVERY_SLIP.to_string();
    let mut rounds = 0;
    loop {
        let run = test.run(&["validate", "数据", "--format", "json"]);
        let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        let diagnostics = report["diagnostics"].as_array().unwrap();
        if diagnostics.is_empty() {
            break;
        }
        rounds += 1;
        assert!(rounds <= 3, "still not clean after applying every suggestion:\n{text}\n{run:?}");
        // Every problem comes with a fix; one edit per line and round (a line may hold two
        // problems, and the second is fixed in the next round), from the last line up.
        let mut edits: Vec<(usize, usize, String)> = Vec::new();
        for d in diagnostics {
            let edit = suggestion(&text, d).unwrap_or_else(|| panic!("no usable fix: {d}"));
            let same_line =
                |e: &(usize, usize, String)| !text[e.0.min(edit.0)..e.0.max(edit.0)].contains('\n');
            if !edits.iter().any(same_line) {
                edits.push(edit);
            }
        }
        edits.sort_by_key(|e| std::cmp::Reverse(e.0));
        for (start, end, new) in edits {
            text.replace_range(start..end, &new);
        }
        std::fs::write(test.path("数据/农业届.toml"), &text).unwrap();
    }
    // What the suggestions made of the file.
    assert_eq!(
        text,
        "[sector]
name = \"农业界\"

[[review]]
year = 2021
summary = \"s\"

[[activity]]
date = 2021-03-02
kind = \"调研\"
title = \"走访\"
participants = 15
partners = [\"工商联\"]
highlight = true
location = \"浦东\"
tags = [\"x\"]
summary = \"2021\"

[[activity]]
date = \"2021-03-02\"
kind = \"座谈会\"
title = \"座谈\"
participants = 12
location = \"浦东\"
tags = [\"a\",\"b\"]
highlight = false

[[activity]]
date = 2021-03-05
kind = \"会见\"
title = \"接待\"
"
    );
}

#[test]
fn a_chinese_key_of_no_field_is_read_quoted_with_no_fix_that_fails() {
    // 单位 stands for `unit`, a key of [[metric]] only: no fix to `unit` in an activity.
    let test = Test::new().file(
        "经济界.toml",
        "[sector]\nname = \"经济界\"\n[[review]]\nyear = 2021\nsummary = \"s\"\n[[activity]]\ndate = 2021-03-02\nkind = \"调研\"\ntitle = \"x\"\n单位 = \"y\"\n",
    );
    let run = test.run(&["validate", "."]);
    assert_eq!(
        run.stdout,
        "错误[E003]: TOML 语法错误：键名只能用英文字母、数字、`-` 和 `_`（其他文字要加英文双引号）
  --> ./经济界.toml:10:1
   |
10 | 单位 = \"y\"
   | ^^^^
   = 帮助: 键名要用文件格式中的英文键名（中文键名要加英文双引号，但仍不是可用的键）；运行 `jiebie explain E003` 查看详细说明

错误[E011]: 未知的键 `单位`
  --> ./经济界.toml:10:1
   |
10 | 单位 = \"y\"
   | ^^^^
   = 帮助: 运行 `jiebie explain E011` 查看详细说明

1 个文件，1 个界别，1 项活动：2 个错误，0 个警告
"
    );
}

/// The commands of the README's guide, in order (continuation lines joined, comments dropped).
fn readme_guide_commands() -> Vec<Vec<String>> {
    let readme = include_str!("../README.md");
    let guide = readme.split("## 简明指南").nth(1).unwrap().split("\n## ").next().unwrap();
    let mut commands = Vec::new();
    for block in guide.split("```sh\n").skip(1) {
        let block = block.split("```").next().unwrap().replace("\\\n", " ");
        for line in block.lines().filter(|l| l.starts_with("jiebie ")) {
            let line = line.split(" # ").next().unwrap();
            // Words, a quoted word kept whole.
            let mut words = Vec::new();
            let mut quoted = false;
            let mut word = String::new();
            for c in line.chars() {
                match c {
                    '"' => quoted = !quoted,
                    ' ' if !quoted => {
                        if !word.is_empty() {
                            words.push(std::mem::take(&mut word));
                        }
                    }
                    _ => word.push(c),
                }
            }
            if !word.is_empty() {
                words.push(word);
            }
            commands.push(words[1..].to_vec());
        }
    }
    commands
}

#[test]
fn the_readme_guide_commands_work_as_written() {
    let commands = readme_guide_commands();
    let names: Vec<&str> = commands.iter().map(|c| c[0].as_str()).collect();
    assert_eq!(
        names,
        ["init", "validate", "add", "import", "import", "summarize", "summarize", "summarize"]
    );
    let test = Test::new().bytes(
        "活动.xlsx",
        &std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/导入示例.xlsx")).unwrap(),
    );
    for command in &commands {
        let args: Vec<&str> = command.iter().map(String::as_str).collect();
        let run = test.run(&args);
        assert_eq!(run.status, 0, "{args:?}\n{}{}", run.stdout, run.stderr);
    }
    assert!(test.path("报告.docx").is_file() && test.path("报告.xlsx").is_file());
}
