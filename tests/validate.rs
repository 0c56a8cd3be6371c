//! `jiebie validate`: every diagnostic code with its exact place, the rendered text, the
//! JSON of SPEC §4.4, exit codes, encodings and merging.

mod harness;

use harness::{Test, Validation};

/// A minimal valid sector file with a review for 2021, and `extra` appended.
fn sector(name: &str, extra: &str) -> String {
    format!("[sector]\nname = \"{name}\"\n\n[[review]]\nyear = 2021\nsummary = \"概要\"\n{extra}")
}

fn d(code: &str, file: &str, line: usize, column: usize) -> (String, String, usize, usize) {
    (code.to_string(), file.to_string(), line, column)
}

#[test]
fn sample_workspace_is_clean() {
    let run = Test::new().run(&["validate", concat!(env!("CARGO_MANIFEST_DIR"), "/examples")]);
    run.success();
    assert!(
        run.stdout.ends_with("个文件，10 个界别，83 项活动：0 个错误，0 个警告\n"),
        "{}",
        run.stdout
    );
}

// Linux only: `/proc/self/mem` is a file that exists and cannot be read.
#[cfg(target_os = "linux")]
#[test]
fn e001_unreadable_file() {
    let test = Test::new();
    let run = test.run(&["validate", "--format", "json", "/proc/self/mem"]);
    assert_eq!(run.status, 1);
    let report: Validation = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report.diagnostics[0].code, "E001");
    assert_eq!(report.diagnostics[0].file.as_deref(), Some("/proc/self/mem"));
    assert_eq!(report.diagnostics[0].line, None);
}

#[test]
fn e002_gbk_file() {
    let (gbk, _, _) = encoding_rs::GBK.encode("[sector]\nname = \"经济界\"\n");
    let test = Test::new().bytes("经济界.toml", &gbk);
    assert_eq!(test.diagnostics(&["."]), [d("E002", "./经济界.toml", 2, 9)]);
    let run = test.run(&["validate", "."]);
    assert!(run.stdout.contains("GBK/GB18030"), "{}", run.stdout);
    assert!(run.stdout.contains("另存为"), "{}", run.stdout);
}

#[test]
fn e002_utf16_file() {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "[sector]\nname = \"x\"\n".encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    let test = Test::new().bytes("a.toml", &bytes);
    assert_eq!(test.diagnostics(&["."]), [d("E002", "./a.toml", 1, 1)]);
    assert!(test.run(&["validate", "--lang", "en", "."]).stdout.contains("UTF-16"));
}

#[test]
fn bom_and_crlf_are_accepted() {
    let text = sector(
        "经济界",
        "\n[[activity]]\ndate = 2021-03-02\nkind = \"调研\"\ntitle = \"\"\"走访\n企业\"\"\"\n",
    );
    let crlf = format!("\u{feff}{}", text.replace('\n', "\r\n"));
    let test = Test::new()
        .file("a.toml", &crlf)
        .file("b.toml", "\u{feff}[sector]\nname = \"x\"\nfoo = 1\n");
    // The BOM does not shift columns on line 1, CR does not count as a character.
    assert_eq!(test.diagnostics(&["."]), [d("E011", "./b.toml", 3, 1)]);
    let run = test.run(&["summarize", "a.toml", "--format", "json", "--view", "activities"]);
    run.success();
    assert!(run.stdout.contains("\"title\": \"走访\\n企业\""), "{}", run.stdout);
}

#[test]
fn e003_syntax_errors_with_input_method_hints() {
    let test = Test::new()
        .file("a.toml", "[sector]\nname ＝ \"经济界\"\n")
        .file("b.toml", "[sector]\nname = “经济界”\n")
        .file("c.toml", "[sector]\n名称 = \"经济界\"\n")
        .file("d.toml", "[sector]\nname = \"经济界\"\n[[activity]]\ntags = [\"a\"，\"b\"]\n");
    assert_eq!(
        test.diagnostics(&["."]),
        [
            d("E003", "./a.toml", 2, 6),
            d("E003", "./b.toml", 2, 8),
            d("E003", "./c.toml", 2, 1),
            // The mended entry is read: it has no date, kind or title.
            d("E010", "./d.toml", 3, 1),
            d("E010", "./d.toml", 3, 1),
            d("E010", "./d.toml", 3, 1),
            d("E003", "./d.toml", 4, 12)
        ]
    );
    let run = test.run(&["validate", "."]);
    for hint in ["全角 `＝`", "中文引号", "`名称` 应写作 `name`", "全角 `，`"] {
        assert!(run.stdout.contains(hint), "missing hint {hint}:\n{}", run.stdout);
    }
}

#[test]
fn e004_no_sector_file() {
    let test =
        Test::new().file("notes.txt", "x").file(".hidden/a.toml", "[sector]\nname = \"x\"\n");
    let run = test.run(&["validate", "--format", "json", "."]);
    assert_eq!(run.status, 1);
    let report: Validation = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report.diagnostics.len(), 1);
    assert_eq!(report.diagnostics[0].code, "E004");
    assert_eq!(report.diagnostics[0].file.as_deref(), Some("."));
}

#[test]
fn e010_missing_keys_point_at_the_header() {
    let test = Test::new()
        .file("a.toml", &sector("经济界", "\n[[activity]]\ndate = 2021-03-02\nkind = \"调研\"\n"))
        .file("b.toml", "format = 1\n")
        .file("c.toml", "[sector]\ncommittee = \"经济委员会\"\n");
    assert_eq!(
        test.diagnostics(&["."]),
        [d("E010", "./a.toml", 8, 1), d("E010", "./b.toml", 1, 1), d("E010", "./c.toml", 1, 1)]
    );
}

#[test]
fn e011_every_unknown_key_with_a_suggestion() {
    let test = Test::new().file(
        "a.toml",
        &sector("经济界", "\n[[activity]]\ndate = 2021-03-02\nkind = \"调研\"\ntitel = \"走访\"\nlocaton = \"浦东\"\n\n[[plan]]\nid = \"p\"\nyear = 2022\ntitle = \"t\"\ndetails = \"x\"\n")
            .replace("[sector]\n", "[sector]\nnmae = \"x\"\n"),
    );
    assert_eq!(
        test.diagnostics(&["."]),
        [
            // `titel` is taken for `title`: its E011 says so, and no E010 for `title` follows.
            d("E011", "./a.toml", 2, 1),
            d("E011", "./a.toml", 12, 1),
            d("E011", "./a.toml", 13, 1),
            d("E011", "./a.toml", 19, 1),
        ]
    );
    let run = test.run(&["validate", "--lang", "en", "."]);
    assert!(run.stdout.contains("did you mean `title`?"), "{}", run.stdout);
    assert!(run.stdout.contains("did you mean `location`?"), "{}", run.stdout);
    assert!(run.stdout.contains("did you mean `detail`?"), "{}", run.stdout);
}

#[test]
fn e012_wrong_types() {
    let test = Test::new()
        .file("b.toml", "[sector]\nname = \"x\"\n\n[review]\nyear = 2021\nsummary = \"x\"\n");
    assert_eq!(test.diagnostics(&["."]), [d("E012", "./b.toml", 4, 1)]);
    assert!(test.run(&["validate", "."]).stdout.contains("每一条写成 [[review]]"));
    let test = Test::new().file(
        "a.toml",
        &sector(
            "经济界",
            "\n[[activity]]\ndate = 2021-03-02T09:00:00\nkind = \"调研\"\ntitle = \"走访\"\nparticipants = 1.5\npartners = \"台联\"\nhighlight = \"是\"\n\n[[metric]]\nyear = 2021\nname = \"提案\"\nvalue = \"12\"\n",
        ),
    );
    assert_eq!(
        test.diagnostics(&["."]),
        [
            d("E012", "./a.toml", 9, 8),
            d("E012", "./a.toml", 12, 16),
            d("E012", "./a.toml", 13, 12),
            d("E012", "./a.toml", 14, 13),
            d("E012", "./a.toml", 19, 9),
        ]
    );
    let run = test.run(&["validate", "--lang", "en", "."]);
    assert!(run.stdout.contains("write the date alone, e.g. 2020-05-15"), "{}", run.stdout);
}

#[test]
fn e013_invalid_values() {
    let test = Test::new().file(
        "a.toml",
        "format = 2\n[sector]\nname = \" \"\nmembers = -1\n\n[[review]]\nyear = 1899\nsummary = \"x\"\n\n[[activity]]\ndate = \"2021年3月2号\"\nkind = \"调研\"\ntitle = \"a\"\n\n[[activity]]\ndate = \"2021-02-29\"\nkind = \"调研\"\ntitle = \"b\"\nparticipants = -5\n\n[[metric]]\nyear = 2021\nname = \"x\"\nvalue = -3\ntarget = -1\n",
    );
    assert_eq!(
        test.diagnostics(&["."]),
        [
            d("E013", "./a.toml", 1, 10),
            d("E013", "./a.toml", 3, 8),
            d("E013", "./a.toml", 4, 11),
            d("E013", "./a.toml", 7, 8),
            d("E013", "./a.toml", 11, 8),
            d("E013", "./a.toml", 16, 8),
            d("E013", "./a.toml", 19, 16),
            d("E013", "./a.toml", 25, 10),
        ]
    );
    let run = test.run(&["validate", "."]);
    assert!(run.stdout.contains("\"2021年二季度\""), "date help lists the forms:\n{}", run.stdout);
}

#[test]
fn e020_unknown_kind_rendered_whole() {
    let test = Test::new().file(
        "经济界.toml",
        &sector(
            "经济界",
            "\n[[activity]]\ndate = 2021-03-02\nkind = \"调查\"\ntitle = \"走访企业\"\n",
        ),
    );
    let run = test.run(&["validate", "经济界.toml"]);
    assert_eq!(run.status, 1);
    assert_eq!(
        run.stdout,
        "错误[E020]: 未知的活动类别「调查」
  --> 经济界.toml:10:8
   |
10 | kind = \"调查\"
   |        ^^^^^^
   = 帮助: 是否想写「调研」？ 运行 `jiebie explain E020` 查看详细说明

1 个文件，1 个界别，1 项活动：1 个错误，0 个警告
"
    );
    let run = test.run(&["validate", "--lang", "en", "经济界.toml"]);
    assert_eq!(
        run.stdout,
        "error[E020]: unknown activity kind `调查`
  --> 经济界.toml:10:8
   |
10 | kind = \"调查\"
   |        ^^^^^^
   = help: did you mean `调研`? run `jiebie explain E020` for details

1 file, 1 sector, 1 activity: 1 error, 0 warnings
"
    );
}

#[test]
fn caret_sits_under_chinese_text() {
    let test = Test::new()
        .file("a.toml", "[sector]\nname = \"经济界\"\ncommittee = \"经济委员会\"  ；注释\n");
    let run = test.run(&["validate", "a.toml"]);
    assert_eq!(
        run.stdout,
        "错误[E003]: TOML 语法错误：一行只能写一个键值对，这里多出了内容
 --> a.toml:3:22
  |
3 | committee = \"经济委员会\"  ；注释
  |                           ^^
  = 帮助: 运行 `jiebie explain E003` 查看详细说明

1 个文件，1 个界别，0 项活动：1 个错误，0 个警告
"
    );
}

#[test]
fn e021_end_before_start() {
    let test = Test::new().file(
        "a.toml",
        &sector("经济界", "\n[[activity]]\ndate = \"2021-05\"\nend_date = 2021-04-30\nkind = \"调研\"\ntitle = \"a\"\n\n[[activity]]\ndate = \"2021-Q2\"\nend_date = \"2021年4月\"\nkind = \"调研\"\ntitle = \"b\"\n"),
    );
    // An end date is compared by its first day: 2021年4月 starts with the quarter.
    assert_eq!(test.diagnostics(&["."]), [d("E021", "./a.toml", 10, 12)]);
}

#[test]
fn e030_duplicates_across_files() {
    let test = Test::new()
        .file(
            "a/2020.toml",
            "[sector]\nname = \"经济界\"\n[[review]]\nyear = 2020\nsummary = \"x\"\n[[activity]]\nid = \"a1\"\ndate = 2020-03-02\nkind = \"调研\"\ntitle = \"t\"\n[[plan]]\nid = \"p1\"\nyear = 2021\ntitle = \"x\"\n[[brand]]\nname = \"品牌\"\n[[metric]]\nyear = 2020\nname = \"提案\"\nvalue = 1\n",
        )
        .file(
            "a/2021.toml",
            "[sector]\nname = \"经济界\"\n[[review]]\nyear = 2020\nsummary = \"x\"\n[[activity]]\nid = \"a1\"\ndate = 2020-03-03\nkind = \"调研\"\ntitle = \"u\"\n[[plan]]\nid = \"p1\"\nyear = 2021\ntitle = \"y\"\n[[brand]]\nname = \"品牌\"\n[[metric]]\nyear = 2020\nname = \"提案\"\nvalue = 2\n",
        );
    assert_eq!(
        test.diagnostics(&["."]),
        [
            d("E030", "./a/2021.toml", 4, 8),
            d("E030", "./a/2021.toml", 7, 6),
            d("E030", "./a/2021.toml", 12, 6),
            d("E030", "./a/2021.toml", 16, 8),
            d("E030", "./a/2021.toml", 19, 8),
        ]
    );
    let run = test.run(&["validate", "."]);
    assert!(
        run.stdout.contains("活动编号「a1」重复，先前已在 ./a/2020.toml:7:6 出现"),
        "{}",
        run.stdout
    );
}

#[test]
fn e031_references_resolve_within_the_merged_sector() {
    let test = Test::new()
        .file("a.toml", &sector("经济界", "\n[[plan]]\nid = \"2021-digital\"\nyear = 2021\ntitle = \"数字化\"\n[[brand]]\nname = \"预算协商\"\n"))
        .file(
            "b.toml",
            "[sector]\nname = \"经济界\"\n[[activity]]\ndate = 2021-03-02\nkind = \"调研\"\ntitle = \"a\"\nplan = \"2021-digital\"\nbrand = \"预算协商\"\n[[activity]]\ndate = 2021-03-03\nkind = \"调研\"\ntitle = \"b\"\nplan = \"2021-digitl\"\nbrand = \"年度经济形势分析\"\n",
        );
    assert_eq!(
        test.diagnostics(&["."]),
        [d("E031", "./b.toml", 13, 8), d("E031", "./b.toml", 14, 9)]
    );
    assert!(
        test.run(&["validate", "--lang", "en", "."])
            .stdout
            .contains("did you mean `2021-digital`?")
    );
}

#[test]
fn e032_metadata_conflict() {
    let test = Test::new()
        .file("a.toml", "[sector]\nname = \"经济界\"\ncommittee = \"经济委员会\"\nmembers = 40\n")
        .file("b.toml", "[sector]\nname = \"经济界\"\ncommittee = \"经济委员会\"\nmembers = 41\n");
    assert_eq!(test.diagnostics(&["."]), [d("E032", "./b.toml", 4, 11)]);
    let run = test.run(&["validate", "."]);
    assert!(run.stdout.contains("此处为「41」，./a.toml:4:11 处为「40」"), "{}", run.stdout);
}

#[test]
fn warnings_w101_to_w107() {
    let config = "sectors = [\"经济界\", \"台联\"]\n[aliases]\n\"台联界\" = \"台联\"\n";
    let body = "\n[[plan]]\nid = \"p2022\"\nyear = 2022\ntitle = \"x\"\n\n[[activity]]\ndate = 2021-03-02\nkind = \"调研\"\ntitle = \"a\"\npartners = [\"台联界\", \"台湾联谊\", \"经济界\"]\nplan = \"p2022\"\n\n[[activity]]\ndate = 2021-03-02\nkind = \"座谈\"\ntitle = \"a\"\n\n[[activity]]\ndate = \"2027-05\"\nkind = \"座谈\"\ntitle = \"c\"\n";
    let test = Test::new().file("jiebie.toml", config).file("经济界.toml", &sector("经济界", body)).file(
        "文艺界.toml",
        "[sector]\nname = \"文艺界\"\n[[activity]]\ndate = 2020-01-01\nkind = \"学习\"\ntitle = \"x\"\n",
    );
    assert_eq!(
        test.diagnostics(&["."]),
        [
            d("W108", "./jiebie.toml", 1, 19),
            d("W107", "./文艺界.toml", 2, 8),
            d("W104", "./文艺界.toml", 4, 8),
            d("W101", "./经济界.toml", 17, 20),
            d("W102", "./经济界.toml", 17, 28),
            d("W105", "./经济界.toml", 18, 8),
            d("W106", "./经济界.toml", 23, 9),
            d("W103", "./经济界.toml", 26, 8),
            d("W104", "./经济界.toml", 26, 8),
        ]
    );
    let run = test.run(&["validate", "--lang", "en", "."]);
    assert_eq!(run.status, 0, "warnings alone succeed");
    assert!(
        run.stdout.contains("partner `台湾联谊` is no known sector or alias"),
        "{}",
        run.stdout
    );
    assert_eq!(test.run(&["validate", "--strict", "."]).status, 1);
    let quiet = test.run(&["validate", "-q", "."]);
    assert!(!quiet.stdout.contains("警告["), "{}", quiet.stdout);
    assert!(quiet.stdout.ends_with("0 个错误，9 个警告\n"), "{}", quiet.stdout);
}

#[test]
fn json_report_is_complete() {
    let test = Test::new().file(
        "a.toml",
        &sector("经济界", "\n[[activity]]\ndate = 2021-03-02\nkind = \"调查\"\ntitle = \"走访\"\n"),
    );
    let run = test.run(&["validate", "--format", "json", "--lang", "en"]);
    assert_eq!(run.status, 1);
    let report: Validation = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!((report.format, report.kind.as_str()), (1, "validation"));
    assert_eq!(
        (report.files, report.sectors, report.activities, report.errors, report.warnings),
        (1, 1, 1, 1, 0)
    );
    let diagnostic = &report.diagnostics[0];
    assert_eq!(diagnostic.severity, "error");
    assert_eq!(diagnostic.message, "unknown activity kind `调查`");
    assert_eq!(diagnostic.file.as_deref(), Some("./a.toml"));
    assert_eq!(
        (diagnostic.line, diagnostic.column, diagnostic.end_line, diagnostic.end_column),
        (Some(10), Some(8), Some(10), Some(12))
    );
    assert_eq!(diagnostic.help, "did you mean `调研`? run `jiebie explain E020` for details");
}

#[test]
fn lang_from_environment() {
    let test =
        Test::new().env("JIEBIE_LANG", "en").file("a.toml", "[sector]\nname = \"x\"\nfoo = 1\n");
    assert!(test.run(&["validate"]).stdout.starts_with("error[E011]: unknown key `foo`"));
}

#[test]
fn missing_path_is_a_usage_error() {
    let run = Test::new().run(&["validate", "nowhere"]);
    assert_eq!(run.status, 2);
    assert_eq!(run.stderr, "错误: 路径 `nowhere` 不存在\n");
}

#[test]
fn config_errors_use_the_same_diagnostics() {
    let test = Test::new()
        .file(
            "jiebie.toml",
            "organisation = \"x\"\nsectors = [\"经济界\", \"经济界\"]\n[kinds]\n\"调研\" = []\n",
        )
        .file("a.toml", "[sector]\nname = \"经济界\"\n");
    assert_eq!(
        test.diagnostics(&["."]),
        [
            d("E011", "./jiebie.toml", 1, 1),
            d("E030", "./jiebie.toml", 2, 19),
            d("E013", "./jiebie.toml", 4, 1)
        ]
    );
}

#[test]
fn explain_every_code_in_both_languages() {
    let test = Test::new();
    let run = test.run(&["explain", "E020"]);
    run.success();
    assert!(run.stdout.starts_with("E020 "), "{}", run.stdout);
    assert!(test.run(&["explain", "w101", "--lang", "en"]).stdout.starts_with("W101 "));
    let unknown = test.run(&["explain", "E999"]);
    assert_eq!(unknown.status, 2);
}

#[test]
fn discovery_skips_hidden_and_follows_no_directory_links() {
    let test = Test::new()
        .file("data/经济界.toml", "[sector]\nname = \"经济界\"\n")
        .file("data/.git/x.toml", "not toml at all [")
        .file("data/notes.md", "# not data")
        .file("data/sub/jiebie.toml", "not a sector file [");
    // Unix only: Windows lets only administrators and developer mode make symbolic links.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(test.path("data"), test.path("data/loop")).unwrap();
        std::os::unix::fs::symlink(test.path("data/经济界.toml"), test.path("data/sub/link.toml"))
            .unwrap();
    }
    let run = test.run(&["validate", "--format", "json", "data"]);
    let report: Validation = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report.errors, 0, "{}", run.stdout);
    // A link to a file already read is the same file: it is read once.
    assert_eq!((report.files, report.sectors), (1, 1));
}

#[test]
fn entries_with_a_bad_value_are_still_checked_across_entries() {
    let test = Test::new().file(
        "a.toml",
        &sector(
            "经济界",
            "\n[[activity]]\nid = \"x\"\ndate = \"2020-13\"\nkind = \"调研\"\ntitle = \"a\"\nplan = \"nope\"\n\n[[activity]]\nid = \"x\"\ndate = 2021-01-02\nkind = \"调研\"\ntitle = \" \"\n\n[[metric]]\nyear = 2021\nname = \"m\"\nvalue = \"abc\"\n\n[[metric]]\nyear = 2021\nname = \"m\"\nvalue = 1\n\n[[review]]\nyear = 2022\nsummary = \"\"\n\n[[activity]]\ndate = 2022-01-01\nkind = \"学习\"\ntitle = \"b\"\n",
        ),
    );
    assert_eq!(
        test.diagnostics(&["."]),
        [
            d("E013", "./a.toml", 10, 8),
            d("E031", "./a.toml", 13, 8),
            d("E030", "./a.toml", 16, 6),
            d("E013", "./a.toml", 19, 9),
            d("E012", "./a.toml", 24, 9),
            d("E030", "./a.toml", 28, 8),
            d("E013", "./a.toml", 33, 11),
        ]
    );
}

#[test]
fn padded_dates_are_not_dates() {
    let test = Test::new().file(
        "a.toml",
        &sector("经济界", "\n[[activity]]\ndate = \" 2021-05 \"\nkind = \"调研\"\ntitle = \"a\"\n"),
    );
    assert_eq!(test.diagnostics(&["."]), [d("E013", "./a.toml", 9, 8)]);
}

#[test]
fn aliases_must_lead_to_a_sector_and_not_hide_one() {
    let test = Test::new()
        .file("jiebie.toml", "sectors = [\"甲界\", \"乙界\"]\n[aliases]\n\"幽灵\" = \"不存在界\"\n\"乙界\" = \"甲界\"\n\"甲\" = \"甲界\"\n")
        .file("a.toml", "[sector]\nname = \"甲\"\n[[review]]\nyear = 2021\nsummary = \"x\"\n[[activity]]\ndate = 2021-01-01\nkind = \"学习\"\ntitle = \"a\"\npartners = [\"幽灵\", \"乙界\"]\n");
    assert_eq!(
        test.diagnostics(&["."]),
        [
            d("W101", "./a.toml", 10, 13),
            d("W108", "./jiebie.toml", 1, 18),
            d("E013", "./jiebie.toml", 3, 8),
            d("E013", "./jiebie.toml", 4, 1)
        ]
    );
    let run = test.run(&["validate", "."]);
    assert!(
        !run.stdout.contains("是否想写「幽灵」"),
        "never suggests the word itself:\n{}",
        run.stdout
    );
}

#[test]
fn the_same_file_given_twice_is_read_once() {
    let test = Test::new().file(
        "ex/a.toml",
        "[sector]\nname = \"经济界\"\n[[plan]]\nid = \"p\"\nyear = 2021\ntitle = \"t\"\n",
    );
    let run = test.run(&["validate", "--format", "json", "ex", "./ex/a.toml"]);
    let report: Validation = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!((report.files, report.errors), (1, 0));
}

#[test]
fn configuration_is_found_as_the_spec_says() {
    let test = Test::new()
        .file("jiebie.toml", "sectors = [\"甲界\"]\n")
        .file("data/jiebie.toml", "sectors = [\"乙界\"]\n")
        .file("data/b.toml", "[sector]\nname = \"乙界\"\n");
    assert_eq!(
        test.diagnostics(&[]),
        [d("W107", "./data/b.toml", 2, 8), d("W108", "./jiebie.toml", 1, 12)],
        "no path: the current directory"
    );
    assert_eq!(test.diagnostics(&["data"]), [], "the first directory among the paths");
    assert_eq!(test.diagnostics(&["data/b.toml"]), [], "only files: no configuration");
    assert_eq!(
        test.diagnostics(&["--config", "jiebie.toml", "data"]),
        [d("W107", "data/b.toml", 2, 8), d("W108", "jiebie.toml", 1, 12)]
    );
    let missing = test.run(&["validate", "--config", "nope.toml", "data"]);
    assert_eq!(missing.status, 2);
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let test = Test::new().file("a.toml", "[sector]\nname = \"x\"\nfoo = 1\n");
    assert!(!test.run(&["validate"]).stdout.contains('\u{1b}'), "piped: no colour");
    let always = test.run(&["validate", "--color", "always"]);
    assert!(always.stdout.starts_with("\u{1b}[1;31m错误[E011]\u{1b}[0m"), "{:?}", always.stdout);
    let never = test.env("NO_COLOR", "1").run(&["validate", "--color", "auto"]);
    assert!(!never.stdout.contains('\u{1b}'));
}

#[test]
fn a_misspelt_sector_name_gets_a_suggestion() {
    let test = Test::new()
        .file("jiebie.toml", "sectors = [\"经济界\", \"台联\"]\n")
        .file("a.toml", "[sector]\nname = \"经济届\"\n");
    // One character from a configured sector: W115 (not W107), with the suggestion.
    assert_eq!(
        test.diagnostics(&["."]),
        [
            d("W115", "./a.toml", 2, 8),
            d("W108", "./jiebie.toml", 1, 12),
            d("W108", "./jiebie.toml", 1, 19)
        ]
    );
    let run = test.run(&["validate", "."]);
    assert!(run.stdout.contains("是否想写「经济界」？"), "{}", run.stdout);
}
