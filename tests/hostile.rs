//! A hostile user's cases (issue 25, SPEC §7): two writers into two files of one sector, a lock
//! that leaves nothing behind, a killed writer, templates that never end, grow without bound or
//! reach outside their folder, data text that would control the terminal, `-o` onto another
//! workspace's sector file, integers beyond 2^63 and ten thousand sectors.

mod harness;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use harness::Test;

const Y2020: &str = "[sector]\nname = \"台联\"\n\n[[review]]\nyear = 2020\nsummary = \"概要\"\n";
const Y2021: &str = "[sector]\nname = \"台联\"\n\n[[review]]\nyear = 2021\nsummary = \"概要\"\n";

fn jiebie(test: &Test) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_jiebie"));
    command
        .current_dir(test.dir.path())
        .env_remove("JIEBIE_LANG")
        .env("JIEBIE_TODAY", "2026-11-24")
        .env("JIEBIE_LOCK_DIR", test.locks.path());
    command
}

fn add_plan(test: &Test, file: &str) -> Command {
    let mut command = jiebie(test);
    command
        .args(["add", "plan", "--sector", "台联", "--id", "dup-plan", "--year", "2021"])
        .args(["--title", "交流会", "--file", file])
        .env("USER", "lihua")
        .env("HOSTNAME", "office-pc")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// Waits until a file whose name starts with `prefix` appears in `dir`.
fn wait_for(dir: &Path, prefix: &str) {
    let deadline = Instant::now() + Duration::from_secs(120);
    while Instant::now() < deadline {
        let found = std::fs::read_dir(dir)
            .unwrap()
            .any(|e| e.unwrap().file_name().to_string_lossy().starts_with(prefix));
        if found {
            return;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    panic!("no {prefix}… appeared in {}", dir.display());
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn finished(child: Child) -> (i32, String, String) {
    let output = child.wait_with_output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn two_writers_into_two_files_of_one_sector_cannot_both_add_one_id() {
    let test = Test::new().file("台联/2020.toml", Y2020).file("台联/2021.toml", Y2021);
    // The first writer holds the sector's lock while its new text is staged …
    let first = add_plan(&test, "台联/2020.toml")
        .env("JIEBIE_TEST_PAUSE_BEFORE_RENAME_MS", "1500")
        .spawn()
        .unwrap();
    wait_for(&test.path("台联"), ".2020.toml.jiebie-");
    // … so the second, into the other file, waits, says so, and then sees the first one's id.
    let second = add_plan(&test, "台联/2021.toml").spawn().unwrap();
    assert_eq!(finished(first), (0, "已添加到 ./台联/2020.toml\n".into(), String::new()));
    let (status, stdout, stderr) = finished(second);
    assert_eq!((status, stdout.as_str()), (1, ""));
    let pid = stderr.split("pid ").nth(1).and_then(|s| s.split('）').next()).unwrap_or("");
    assert_eq!(
        stderr.replacen(pid, "N", 1),
        "`./台联/2020.toml` 正被另一个 jiebie 进程修改（lihua@office-pc pid N），等待它结束（最多 10 秒）…\n\
         错误[E030]: 参数 `--id`：工作设想编号「dup-plan」重复，先前已在 ./台联/2020.toml:9:6 出现\n\
         \x20 = 帮助: 运行 `jiebie explain E030` 查看详细说明\n\
         \n\
         未写入：新条目会带来上述错误\n"
    );
    assert_eq!(test.read("台联/2021.toml"), Y2021.as_bytes(), "nothing written");
    let run = test.run(&["validate"]);
    assert_eq!(
        (run.status, run.stdout.as_str()),
        (0, "2 个文件，1 个界别，0 项活动：0 个错误，0 个警告\n")
    );
    assert_eq!(names_in(&test.path("台联")), ["2020.toml", "2021.toml"], "no lock file");
    assert_eq!(names_in(test.dir.path()), ["台联"]);
}

#[cfg(unix)]
#[test]
fn the_lock_of_a_killed_writer_is_taken_over() {
    let test = Test::new().file("台联/2020.toml", Y2020).file("台联/2021.toml", Y2021);
    let mut killed = add_plan(&test, "台联/2020.toml")
        .env("JIEBIE_TEST_PAUSE_BEFORE_RENAME_MS", "60000")
        .spawn()
        .unwrap();
    wait_for(&test.path("台联"), ".2020.toml.jiebie-");
    killed.kill().unwrap();
    killed.wait().unwrap();
    // No wait at all: the lock is free the moment its holder died.
    let next = add_plan(&test, "台联/2021.toml").env("JIEBIE_TEST_LOCK_WAIT_MS", "0").spawn();
    let (status, stdout, stderr) = finished(next.unwrap());
    assert_eq!((status, stdout.as_str(), stderr.as_str()), (0, "已添加到 ./台联/2021.toml\n", ""));
    assert_eq!(test.read("台联/2020.toml"), Y2020.as_bytes(), "the killed write left the old file");
}

#[cfg(unix)]
#[test]
fn ctrl_c_leaves_nothing_in_the_workspace() {
    let test = Test::new().file("台联/2020.toml", Y2020).file("台联/2021.toml", Y2021);
    let child = add_plan(&test, "台联/2020.toml")
        .env("JIEBIE_TEST_PAUSE_BEFORE_RENAME_MS", "60000")
        .spawn()
        .unwrap();
    wait_for(&test.path("台联"), ".2020.toml.jiebie-");
    let sent = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(sent.success());
    let (status, _, _) = finished(child);
    assert_eq!(status, 130);
    assert_eq!(names_in(&test.path("台联")), ["2020.toml", "2021.toml"]);
    assert_eq!(test.read("台联/2020.toml"), Y2020.as_bytes());
}

#[cfg(unix)]
#[test]
fn a_dry_run_takes_no_lock() {
    let test = Test::new()
        .file(
            "侨联.toml",
            "[sector]\nname = \"侨联\"\n\n[[review]]\nyear = 2021\nsummary = \"概要\"\n",
        )
        .file("活动.csv", "日期,类别,活动\n2021-03-02,调研,走访\n")
        .env("JIEBIE_TEST_LOCK_WAIT_MS", "0");
    // Held by another: a dry run that took the lock would fail at once (exit 2).
    let _held = test.hold_lock("侨联.toml", "lihua@office-pc pid 4242");
    let run = test.run(&["import", "活动.csv", "--sector", "侨联", "--dry-run"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "读取 1 行，新增 1 条，跳过 0 条（试运行，未写入 ./侨联.toml）\n");
}

fn template_test(template: &str) -> Test {
    Test::new()
        .file(
            "data/侨联.toml",
            "[sector]\nname = \"侨联\"\n\n[[review]]\nyear = 2021\nsummary = \"概要\"\n",
        )
        .file("tpl/t.md.j2", template)
}

#[test]
fn an_endless_template_loop_is_an_error_in_seconds() {
    let test = template_test(
        "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}\n",
    );
    let run = test.run(&["summarize", "data", "--year", "2021", "--template", "tpl/t.md.j2"]);
    assert_eq!(run.status, 1);
    assert_eq!(
        run.stderr,
        "错误: 模板的运算量超过上限（2000744 步）：可能是没有尽头的循环或不断变长的字符串\n\
         \x20--> tpl/t.md.j2:1:1\n\
         \x20 |\n\
         1 | {% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}\n\
         \x20 = 帮助: 模板的运算量和输出都有上限（见 README）；检查循环（range、嵌套的 for）和在循环中拼接的字符串\n"
    );
    assert_eq!(run.stdout, "");
}

#[test]
fn a_doubling_string_is_an_error_not_gigabytes() {
    let test = template_test(
        "{% set ns = namespace(s=\"ab\") %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s | length }}\n",
    );
    let run = test.run(&["summarize", "data", "--year", "2021", "--template", "tpl/t.md.j2"]);
    assert_eq!(run.status, 1);
    assert!(
        run.stderr.starts_with(
            "错误: 模板的运算量超过上限（2000744 步）：可能是没有尽头的循环或不断变长的字符串\n"
        ),
        "{}",
        run.stderr
    );
    let repeated = template_test("{{ \"x\" * 10000000000 }}\n");
    let run = repeated.run(&["summarize", "data", "--year", "2021", "--template", "tpl/t.md.j2"]);
    assert_eq!(run.status, 1);
    assert!(run.stderr.starts_with("错误: 模板的运算量超过上限"), "{}", run.stderr);
}

#[test]
fn a_template_output_beyond_the_cap_is_an_error() {
    let test = template_test("{% for i in range(100000) %}{{ \"x\" * 1000 }}{% endfor %}\n");
    let run = test.run(&["summarize", "data", "--year", "2021", "--template", "tpl/t.md.j2"]);
    assert_eq!(run.status, 1);
    assert_eq!(
        run.stderr,
        "错误: 模板的输出超过上限（16 MiB）\n\
         \x20--> tpl/t.md.j2\n\
         \x20 = 帮助: 模板的运算量和输出都有上限（见 README）；检查输出重复内容的循环\n"
    );
    assert_eq!(run.stdout, "");
}

#[cfg(unix)]
#[test]
fn a_template_includes_regular_files_of_its_folder_only() {
    let test = template_test("前{% include \"part\" %}后\n").file("tpl/sub/ok.md", "内");
    let mkfifo = Command::new("mkfifo").arg(test.path("tpl/part")).status().unwrap();
    assert!(mkfifo.success());
    let run = test.run(&["summarize", "data", "--year", "2021", "--template", "tpl/t.md.j2"]);
    assert_eq!(run.status, 1);
    assert_eq!(
        run.stderr,
        "错误: 模板出错：被引用的「part」不是普通文件（只能引用普通文件）\n\
         \x20--> tpl/t.md.j2:1:5\n\
         \x20 |\n\
         1 | 前{% include \"part\" %}后\n\
         \x20 |      ^^^^^^^^^^^^^^\n\
         \x20 = 帮助: 模板只能引用（include、extends、import）模板所在文件夹中的文件\n"
    );
    // A device through a link: the file opened is outside the folder.
    std::fs::remove_file(test.path("tpl/part")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", test.path("tpl/part")).unwrap();
    let run = test.run(&["summarize", "data", "--year", "2021", "--template", "tpl/t.md.j2"]);
    assert_eq!(run.status, 1);
    assert!(
        run.stderr.starts_with("错误: 模板出错：被引用的「part」不是普通文件"),
        "{}",
        run.stderr
    );
    // A regular file of a subfolder is fine.
    std::fs::remove_file(test.path("tpl/part")).unwrap();
    std::fs::write(test.path("tpl/t.md.j2"), "前{% include \"sub/ok.md\" %}后\n").unwrap();
    let run = test.run(&["summarize", "data", "--year", "2021", "--template", "tpl/t.md.j2"]);
    assert_eq!((run.status, run.stdout.as_str()), (0, "前内后\n"));
}

#[cfg(unix)]
#[test]
fn a_folder_swapped_for_a_link_never_lets_an_outside_file_in() {
    let test = template_test("{% include \"sub/part.md\" %}\n")
        .file("tpl/real/part.md", "内部")
        .file("outside/part.md", "SECRET");
    let sub = test.path("tpl/sub");
    let staged = test.path("tpl/staged");
    std::os::unix::fs::symlink("real", &sub).unwrap();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let swapper = {
        let (stop, sub, staged) = (stop.clone(), sub.clone(), staged.clone());
        let outside = test.path("outside");
        std::thread::spawn(move || {
            let mut inside = true;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let target = if inside { outside.clone() } else { "real".into() };
                let _ = std::fs::remove_file(&staged);
                std::os::unix::fs::symlink(&target, &staged).unwrap();
                std::fs::rename(&staged, &sub).unwrap();
                inside = !inside;
            }
        })
    };
    let mut seen = (0, 0);
    for _ in 0..150 {
        let run = test.run(&["summarize", "data", "--year", "2021", "--template", "tpl/t.md.j2"]);
        assert!(!run.stdout.contains("SECRET"), "an outside file got in");
        match run.status {
            0 => {
                assert_eq!(run.stdout, "内部\n");
                seen.0 += 1;
            }
            _ => {
                assert!(run.stderr.contains("模板只能引用同一文件夹中的文件"), "{}", run.stderr);
                seen.1 += 1;
            }
        }
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    swapper.join().unwrap();
    assert!(seen.1 > 0, "the swap was seen at least once: {seen:?}");
}

#[test]
fn a_template_error_shows_control_characters_escaped() {
    let test = template_test("标题\u{1b}]0;pwned\u{7}{{ nothing }}\n");
    let run = test.run(&["summarize", "data", "--year", "2021", "--template", "tpl/t.md.j2"]);
    assert_eq!(run.status, 1);
    assert_eq!(
        run.stderr,
        "错误: 模板中使用了未定义的变量 `nothing`\n\
         \x20--> tpl/t.md.j2:1:16\n\
         \x20 |\n\
         1 | 标题\\u{1b}]0;pwned\\u{7}{{ nothing }}\n\
         \x20 |                           ^^^^^^^\n\
         \x20 = 帮助: 可用的变量就是 `--format json` 输出的各个键，外加 lang；可省略的值用 `is defined` 或 `is none` 判断；运行 `jiebie template` 查看内置模板\n"
    );
}

#[test]
fn a_review_in_the_terminal_table_is_escaped() {
    let test = Test::new().file(
        "侨联.toml",
        "[sector]\nname = \"侨联\"\n\n[[review]]\nyear = 2021\nsummary = \"概要\\u001b]0;pwned\\u0007\\n第二行\\u001b[2J\"\nhighlights = [\"亮点\\u001b[31m\"]\noutlook = \"展望\\u202e\"\n",
    );
    let run = test.run(&["summarize", "--year", "2021", "--view", "full"]);
    run.success();
    assert!(!run.stdout.contains('\u{1b}') && !run.stdout.contains('\u{7}'), "{}", run.stdout);
    assert!(!run.stdout.contains('\u{202e}'));
    let review = run.stdout.split("【工作概要】\n").nth(1).unwrap();
    assert!(review.starts_with("概要\\u{1b}]0;pwned\\u{7}\n第二行\\u{1b}[2J\n"), "{review}");
    assert!(run.stdout.contains("- 亮点\\u{1b}[31m\n"), "{}", run.stdout);
    assert!(run.stdout.contains("展望\\u{202e}\n"), "{}", run.stdout);
}

#[test]
fn output_never_replaces_a_toml_file_of_another_workspace() {
    let sector = "[sector]\nname = \"经济界\"\n";
    let test = Test::new()
        .file(
            "data/侨联.toml",
            "[sector]\nname = \"侨联\"\n\n[[review]]\nyear = 2021\nsummary = \"概要\"\n",
        )
        .file("other-workspace/经济界.toml", sector);
    let run = test.run(&[
        "summarize",
        "data",
        "--format",
        "markdown",
        "-o",
        "other-workspace/经济界.toml",
    ]);
    assert_eq!(run.status, 2);
    assert_eq!(
        run.stderr,
        "错误: 输出文件 `other-workspace/经济界.toml` 是已有的 .toml 文件，jiebie 不会覆盖 .toml 文件\n"
    );
    assert_eq!(test.read("other-workspace/经济界.toml"), sector.as_bytes());
    // A new .toml outside the workspace is no one's file yet: written.
    let run = test.run(&["summarize", "data", "--format", "csv", "-o", "new.toml"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
}

const HUGE: &str = "[sector]\nname = \"侨联\"\n\n[[metric]]\nyear = 2020\nname = \"大数\"\nvalue = 9223372036854775807\n\n[[metric]]\nyear = 2021\nname = \"大数\"\nvalue = -9223372036854775807\n";

#[test]
fn an_integer_change_beyond_64_bits_is_exact_in_every_format() {
    let test = Test::new().file("侨联.toml", HUGE);
    let diff = |format: &str| {
        let run = test.run(&["diff", "2020", "2021", "--view", "metrics", "--format", format]);
        assert_eq!(run.status, 0, "{}", run.stderr);
        run.stdout
    };
    assert_eq!(
        diff("csv"),
        "界别,指标,单位,2020,2021,变化,变化率\r\n侨联,大数,,9223372036854775807,-9223372036854775807,-18446744073709551614,-200%\r\n"
    );
    assert!(diff("json").contains("\"change\": -18446744073709551614,"));
    assert!(diff("table").contains("| -18446744073709551614 |"));
    assert!(diff("markdown").contains("| \\-18446744073709551614 |"));
    let run = test.run(&["diff", "2020", "2021", "--format", "markdown"]);
    assert!(run.stdout.contains("| -18,446,744,073,709,551,614 |"), "{}", run.stdout);
    assert!(!run.stdout.contains("e19"), "{}", run.stdout);
    let run = test
        .run(&["diff", "2020", "2021", "--view", "metrics", "--format", "xlsx", "-o", "d.xlsx"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(test.path("d.xlsx")).unwrap()).unwrap();
    // The workbook keeps its text in the shared strings: the change is a text cell there.
    let mut strings = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/sharedStrings.xml").unwrap(), &mut strings)
        .unwrap();
    assert!(strings.contains(">-18446744073709551614<"), "the exact digits, as text: {strings}");
}

#[test]
fn chinese_numerals_go_beyond_ten_thousand() {
    let test = template_test(
        "{{ 9999 | cn_num }} {{ 10000 | cn_num }} {{ 10001 | cn_num }} {{ 100010 | cn_num }} {{ 123456789 | cn_num }}\n",
    );
    let run = test.run(&["summarize", "data", "--year", "2021", "--template", "tpl/t.md.j2"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "九千九百九十九 一万 一万零一 十万零一十 一亿二千三百四十五万六千七百八十九\n"
    );
}

#[test]
fn a_file_of_nul_bytes_is_one_syntax_error() {
    let test = Test::new().bytes("零.toml", &[0; 100_000]);
    let run = test.run(&["validate"]);
    assert_eq!(run.status, 1);
    let shown = format!("1 | {}...", "\\u{0}".repeat(180));
    let carets = format!("  | {}", "^".repeat(600));
    let expected = [
        "错误[E003]: TOML 语法错误：键名只能用英文字母、数字、`-` 和 `_`（其他文字要加英文双引号）",
        " --> ./零.toml:1:1",
        "  |",
        shown.as_str(),
        carets.as_str(),
        "  = 帮助: 运行 `jiebie explain E003` 查看详细说明",
        "",
        "1 个文件，0 个界别，0 项活动：1 个错误，0 个警告",
    ];
    let got: Vec<&str> = run.stdout.lines().chain(run.stderr.lines()).collect();
    assert_eq!(got, expected);
}

#[test]
fn a_file_name_with_an_escape_is_shown_escaped_after_add() {
    let test = Test::new().file("侨\u{1b}[31m联.toml", "[sector]\nname = \"侨联\"\n");
    let run = test.run(&[
        "add",
        "activity",
        "--sector",
        "侨联",
        "--date",
        "2021-03-02",
        "--kind",
        "调研",
        "--title",
        "走访",
    ]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "已添加到 ./侨\\u{1b}[31m联.toml\n");
}
