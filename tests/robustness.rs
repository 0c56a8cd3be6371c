//! Inputs that must not crash or hang: symbolic-link loops, very deep trees, hidden and
//! non-TOML files, a huge single file, binary garbage.

mod harness;

use harness::{Test, Validation};

fn validation(test: &Test, args: &[&str]) -> Validation {
    let mut all = vec!["validate", "--format", "json"];
    all.extend(args);
    let run = test.run(&all);
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", run.stdout, run.stderr))
}

// Unix only: Windows lets only administrators and developer mode make symbolic links.
#[cfg(unix)]
#[test]
fn symbolic_link_loops_are_not_followed() {
    let test = Test::new().file("data/a/经济界.toml", "[sector]\nname = \"经济界\"\n");
    std::os::unix::fs::symlink("..", test.path("data/a/up")).unwrap();
    std::os::unix::fs::symlink("../a", test.path("data/a/self")).unwrap();
    std::os::unix::fs::symlink("loop2.toml", test.path("data/a/loop1.toml")).unwrap();
    std::os::unix::fs::symlink("loop1.toml", test.path("data/a/loop2.toml")).unwrap();
    let report = validation(&test, &["data"]);
    assert_eq!((report.files, report.errors), (1, 0));
}

#[test]
fn very_deep_trees() {
    let mut path = String::from("data");
    for _ in 0..300 {
        path.push_str("/d");
    }
    let test = Test::new().file(&format!("{path}/经济界.toml"), "[sector]\nname = \"经济界\"\n");
    let report = validation(&test, &["data"]);
    assert_eq!((report.files, report.sectors, report.errors), (1, 1, 0));
}

#[test]
fn hidden_and_other_files_are_ignored() {
    let test = Test::new()
        .file("data/经济界.toml", "[sector]\nname = \"经济界\"\n")
        .file("data/.cache/x.toml", "garbage [[[")
        .file("data/.hidden.toml", "garbage [[[")
        .file("data/报告.docx", "PK\u{3}\u{4}")
        .file("data/readme.md", "# x")
        .bytes("data/picture.png", &[0x89, b'P', b'N', b'G', 0, 0, 0xFF]);
    let report = validation(&test, &["data"]);
    assert_eq!((report.files, report.errors, report.warnings), (1, 0, 0));
}

#[test]
fn binary_garbage_is_an_error_not_a_crash() {
    let garbage: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
    let test = Test::new().bytes("a.toml", &garbage).file("b.toml", "\0\0\0[sector]");
    let report = validation(&test, &["."]);
    assert!(report.errors >= 2);
    assert!(report.diagnostics.iter().all(|d| d.file.is_some() && d.line.is_some()));
}

#[test]
fn a_huge_single_file() {
    let mut text =
        String::from("[sector]\nname = \"经济界\"\n[[review]]\nyear = 2021\nsummary = \"x\"\n");
    for i in 0..60_000 {
        let month = i % 12 + 1;
        text.push_str(&format!(
            "[[activity]]\nid = \"a{i}\"\ndate = \"2021-{month:02}\"\nkind = \"调研\"\ntitle = \"第{i}次走访企业，了解企业诉求\"\nparticipants = {}\n",
            i % 30
        ));
    }
    let test = Test::new().file("经济界.toml", &text);
    let report = validation(&test, &["."]);
    assert_eq!((report.activities, report.errors, report.warnings), (60_000, 0, 0));
    let run = test.run(&["summarize", ".", "--format", "csv", "--view", "overview"]);
    run.success();
    assert_eq!(
        run.stdout,
        "界别,活动数,参与人次,未填人次,跨界别活动,受邀参与,亮点,提案,社情民意,下年设想\r\n经济界,60000,870000,0,0,0,0,0,0,0\r\n"
    );
}

#[test]
fn a_directory_named_like_a_toml_file() {
    let test = Test::new().file("data/x.toml/经济界.toml", "[sector]\nname = \"经济界\"\n");
    let report = validation(&test, &["data"]);
    assert_eq!((report.files, report.errors), (1, 0));
}

/// A file of one long line with a syntax error every few characters (what a minified or
/// mangled file gives): every error is reported, each shown around its place instead of with
/// the whole line, in time and memory linear in the file.
#[test]
fn one_long_line_with_thousands_of_errors() {
    let line = ":schema ./a.toml&aj\u{10}\u{0}\u{0}-".repeat(4000);
    let test = Test::new().file("a.toml", &line);
    let report = validation(&test, &["a.toml"]);
    assert!(report.errors > 4000, "{}", report.errors);
    let run = test.run(&["validate", "a.toml"]);
    let blocks = run.stdout.split("\n\n").count();
    assert!(blocks > 4000);
    // Each diagnostic prints a window of the line (at most 60 characters each side of the
    // place, plus the place itself), never the whole 100,000-character line.
    let longest = run.stdout.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(longest < 400, "a line of {longest} characters was printed");
}

/// The window of a long line: 60 characters each side of the place, `...` where it is cut,
/// the carets under the place (a Chinese character is two columns wide).
#[test]
fn a_long_line_is_shown_around_the_place() {
    let title = "很长的标题".repeat(30);
    let test = Test::new().file("a.toml", &format!("title = \"{title}\" x = 1\n"));
    let run = test.run(&["validate", "a.toml"]);
    // 60 characters before `x`: the last 58 of the title, the closing quote and a space.
    let before: String = title.chars().skip(150 - 58).collect();
    let after = " = 1"; // fewer than 60 characters: nothing cut after
    let carets = " ".repeat(3 + 58 * 2 + 2);
    let expected = format!(
        "错误[E003]: TOML 语法错误：一行只能写一个键值对，这里多出了内容
 --> a.toml:1:162
  |
1 | ...{before}\" x{after}
  | {carets}^
  = 帮助: 运行 `jiebie explain E003` 查看详细说明

1 个文件，0 个界别，0 项活动：1 个错误，0 个警告
"
    );
    assert_eq!(run.stdout, expected);
}

/// A table of 20,000 keys, or 20,000 tables (a generated or damaged file): every unknown key
/// reported, in time linear in the file (the quick parse leaves such files to the full parse).
#[test]
fn a_table_of_twenty_thousand_keys() {
    let mut text = String::from("[sector]\nname = \"经济界\"\n");
    for i in 0..20_000 {
        text.push_str(&format!("k{i} = {i}\n"));
    }
    // And as many tables at the top level.
    let mut tables = String::from("[sector]\nname = \"经济界\"\n");
    for i in 0..20_000 {
        tables.push_str(&format!("[t{i}]\n"));
    }
    let test = Test::new().file("a.toml", &text).file("b/b.toml", &tables);
    for (path, count) in [("a.toml", 20_000), ("b", 20_000)] {
        let report = validation(&test, &[path]);
        assert_eq!((report.errors, report.diagnostics.len()), (count, count));
        assert!(report.diagnostics.iter().all(|d| d.code == "E011"));
    }
}
