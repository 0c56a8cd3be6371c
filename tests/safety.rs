//! Nothing lost when people write at once, nothing odd on disk or in numbers (SPEC §7):
//! concurrent `add`s, an editor saving during `add`, links, special files as `-o` targets,
//! interrupted writes, unreadable directories, invisible characters, terminal escapes, and
//! numbers too large for 64 bits.

mod harness;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use harness::{Test, Validation};

const SECTOR: &str = "[sector]\nname = \"侨联\"\n\n[[review]]\nyear = 2021\nsummary = \"概要\"\n";

fn validation(test: &Test, args: &[&str]) -> Validation {
    let mut all = vec!["validate", "--format", "json"];
    all.extend(args);
    let run = test.run(&all);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

fn jiebie(test: &Test) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_jiebie"));
    command
        .current_dir(test.dir.path())
        .env_remove("JIEBIE_LANG")
        .env("JIEBIE_TODAY", "2026-11-24")
        .env("JIEBIE_LOCK_DIR", test.locks.path());
    command
}

fn add_args(title: &str) -> Vec<String> {
    [
        "add",
        "activity",
        "--sector",
        "侨联",
        "--date",
        "2021-03-02",
        "--kind",
        "调研",
        "--title",
        title,
    ]
    .map(str::to_string)
    .to_vec()
}

/// Waits until a file whose name starts with `prefix` appears in `dir`.
fn wait_for(dir: &Path, prefix: &str) -> bool {
    let deadline = Instant::now() + Duration::from_secs(120);
    while Instant::now() < deadline {
        let found = std::fs::read_dir(dir)
            .unwrap()
            .any(|e| e.unwrap().file_name().to_string_lossy().starts_with(prefix));
        if found {
            return true;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    false
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn twenty_concurrent_adds_keep_twenty_entries() {
    let test = Test::new().file("侨联.toml", SECTOR);
    let children: Vec<_> = (0..20)
        .map(|i| {
            jiebie(&test)
                .args(add_args(&format!("活动{i:02}")))
                // Twenty processes on a busy machine may wait longer than 10 s in turn.
                .env("JIEBIE_TEST_LOCK_WAIT_MS", "300000")
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
        let stdout = test.portable(String::from_utf8_lossy(&output.stdout).into_owned());
        assert_eq!(stdout, "已添加到 ./侨联.toml\n");
    }
    let report = validation(&test, &[]);
    assert_eq!((report.activities, report.errors), (20, 0));
    let text = String::from_utf8(test.read("侨联.toml")).unwrap();
    assert!(text.starts_with(SECTOR));
    for i in 0..20 {
        assert_eq!(text.matches(&format!("title = \"活动{i:02}\"")).count(), 1, "{text}");
    }
    assert_eq!(names_in(test.dir.path()), ["侨联.toml"], "no lock file, no temporary file");
}

#[test]
fn an_editor_saving_during_add_is_never_overwritten() {
    let test = Test::new().file("侨联.toml", SECTOR);
    let child = jiebie(&test)
        .args(add_args("新活动"))
        .env("JIEBIE_TEST_PAUSE_BEFORE_RENAME_MS", "400")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The editor saves while `add` has its new text staged (its temporary file exists).
    assert!(wait_for(test.dir.path(), ".侨联.toml.jiebie-"));
    let edited = format!("{SECTOR}# 编辑器里加的一行\n");
    std::fs::write(test.path("侨联.toml"), &edited).unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let text = String::from_utf8(test.read("侨联.toml")).unwrap();
    assert_eq!(
        text,
        format!("{edited}\n[[activity]]\ndate = 2021-03-02\nkind = \"调研\"\ntitle = \"新活动\"\n"),
        "the editor's line kept, the entry on top of it"
    );
}

#[cfg(unix)]
#[test]
fn a_writer_that_cannot_get_the_lock_says_who_holds_it() {
    let test = Test::new().file("侨联.toml", SECTOR);
    let _lock = test.hold_lock("侨联.toml", "lihua@office-pc pid 4242");
    let output = jiebie(&test)
        .args(add_args("新活动"))
        .env("JIEBIE_TEST_LOCK_WAIT_MS", "200")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = test.portable(String::from_utf8_lossy(&output.stderr).into_owned());
    let named = "`./侨联.toml` 正被另一个 jiebie 进程修改（lihua@office-pc pid 4242），等待它结束（最多 10 秒）…\n\
                 错误: `./侨联.toml` 正被另一个 jiebie 进程修改（lihua@office-pc pid 4242），等待 10 秒后仍未结束；请稍后重试\n";
    // Windows refuses to read the bytes another process has locked, so there the holder
    // cannot be named (Wine lets them be read, as Unix does).
    let unnamed = "`./侨联.toml` 正被另一个 jiebie 进程修改，等待它结束（最多 10 秒）…\n\
                   错误: `./侨联.toml` 正被另一个 jiebie 进程修改，等待 10 秒后仍未结束；请稍后重试\n";
    if !(cfg!(windows) && stderr == unnamed) {
        assert_eq!(stderr, named);
    }
    assert_eq!(test.read("侨联.toml"), SECTOR.as_bytes(), "nothing written");
}

// Unix only: Windows lets only administrators and developer mode make symbolic links.
#[cfg(unix)]
#[test]
fn add_through_a_link_writes_the_file_it_points_to() {
    let test = Test::new().file("store/侨联.toml", SECTOR);
    std::fs::create_dir(test.path("data")).unwrap();
    std::os::unix::fs::symlink("../store/侨联.toml", test.path("data/侨联.toml")).unwrap();
    let mut args = add_args("新活动");
    args.push("data".into());
    let run = test.run(&args.iter().map(String::as_str).collect::<Vec<_>>());
    run.success();
    let link = std::fs::symlink_metadata(test.path("data/侨联.toml")).unwrap();
    assert!(link.file_type().is_symlink(), "the link stays a link");
    let text = String::from_utf8(test.read("store/侨联.toml")).unwrap();
    assert!(text.ends_with("title = \"新活动\"\n"), "{text}");
    assert_eq!(names_in(&test.path("data")), ["侨联.toml"]);
    assert_eq!(names_in(&test.path("store")), ["侨联.toml"]);
}

fn report_test() -> Test {
    Test::new().file(
        "侨联.toml",
        &format!(
            "{SECTOR}\n[[activity]]\ndate = 2021-03-02\nkind = \"调研\"\ntitle = \"走访\"\nparticipants = 12\n"
        ),
    )
}

// Unix only: FIFOs (`mkfifo`) do not exist on Windows.
#[cfg(unix)]
#[test]
fn output_onto_a_fifo_writes_into_it() {
    let test = report_test();
    let fifo = test.path("管道");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).unwrap())
    };
    let run = test.run(&["summarize", "--format", "csv", "--view", "activities", "-o", "管道"]);
    run.success();
    let expected = test.run(&["summarize", "--format", "csv", "--view", "activities"]).bytes;
    assert_eq!(reader.join().unwrap(), expected);
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo(), "still a FIFO");
    assert_eq!(names_in(test.dir.path()), ["侨联.toml", "管道"]);
}

// Unix only: character devices and `/dev/null` (Windows' `NUL` is tried in tests/xlsx.rs).
#[cfg(unix)]
#[test]
fn output_onto_a_character_device_writes_into_it() {
    use std::os::unix::fs::FileTypeExt;
    let test = report_test();
    let device = test.path("null");
    let made = Command::new("mknod").arg(&device).args(["c", "1", "3"]).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mknod is not permitted here");
        return;
    }
    for target in [device.to_str().unwrap(), "/dev/null"] {
        test.run(&["summarize", "--format", "csv", "-o", target, "--view", "activities"]).success();
        assert!(std::fs::metadata(target).unwrap().file_type().is_char_device(), "{target}");
    }
    assert_eq!(names_in(test.dir.path()), ["null", "侨联.toml"]);
}

#[test]
fn output_dash_is_standard_output() {
    let test = report_test();
    let run = test.run(&["summarize", "--format", "csv", "--view", "activities", "-o", "-"]);
    let expected = test.run(&["summarize", "--format", "csv", "--view", "activities"]);
    assert_eq!(run.bytes, expected.bytes);
    // Nothing is "written" to confirm: standard error is what it is without `-o`.
    assert_eq!(run.stderr, expected.stderr);
    run.success();
    assert_eq!(names_in(test.dir.path()), ["侨联.toml"]);
}

// Unix only: it sends SIGINT with `kill`; a console Ctrl-C cannot be sent to a child
// process from a test on Windows (it goes to the whole console, the test runner too).
#[cfg(unix)]
#[test]
fn an_interrupted_output_leaves_no_temporary_file() {
    let test = Test::new();
    std::fs::create_dir(test.path("data")).unwrap();
    let mut entries = String::new();
    for i in 0..2000 {
        entries.push_str(&format!(
            "\n[[activity]]\ndate = 2021-03-02\nkind = \"调研\"\ntitle = \"第{i}次走访调研，形成调研报告并提交有关部门参考\"\nsummary = \"{}\"\n",
            "围绕重点工作开展调研。".repeat(20)
        ));
    }
    for n in 0..4 {
        let text = format!(
            "[sector]\nname = \"界别{n}\"\n\n[[review]]\nyear = 2021\nsummary = \"概要\"\n{entries}"
        );
        std::fs::write(test.path(&format!("data/界别{n}.toml")), text).unwrap();
    }
    let out = test.path("out");
    std::fs::create_dir(&out).unwrap();
    let mut child = jiebie(&test)
        .args([
            "summarize",
            "data",
            "--format",
            "csv",
            "--view",
            "activities",
            "-o",
            "out/报告.csv",
        ])
        // The test hook holds the written temporary file a while, so the signal comes in time.
        .env("JIEBIE_TEST_PAUSE_BEFORE_RENAME_MS", "60000")
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    assert!(wait_for(&out, ".报告.csv.jiebie-"), "the temporary file is named after the target");
    let pid = child.id().to_string();
    assert!(Command::new("kill").args(["-INT", &pid]).status().unwrap().success());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "interrupted while writing");
    assert_eq!(names_in(&out), Vec::<String>::new(), "no temporary file, no partial report");
}

// Unix only: it takes a directory's permission bits away and runs as `nobody`.
#[cfg(unix)]
#[test]
fn an_unreadable_directory_is_e001_with_its_path() {
    // Root reads every directory: run the binary as `nobody` on a copy in /tmp.
    let root = tempfile::Builder::new().prefix("jiebie-e001-").tempdir_in("/tmp").unwrap();
    let dir = root.path();
    std::fs::create_dir_all(dir.join("data/秘密")).unwrap();
    std::fs::write(dir.join("data/侨联.toml"), SECTOR).unwrap();
    std::fs::write(dir.join("data/秘密/民革.toml"), "[sector]\nname = \"民革\"\n").unwrap();
    let binary = dir.join("jiebie");
    std::fs::copy(env!("CARGO_BIN_EXE_jiebie"), &binary).unwrap();
    use std::os::unix::fs::PermissionsExt;
    for (path, mode) in [(dir, 0o755), (&dir.join("data"), 0o755), (&dir.join("data/秘密"), 0o000)]
    {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    }
    std::fs::set_permissions(dir.join("data/侨联.toml"), std::fs::Permissions::from_mode(0o644))
        .unwrap();
    let output = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(&binary)
        .args(["validate", "data"])
        .current_dir(dir)
        .env("JIEBIE_TODAY", "2026-11-24")
        .env_remove("JIEBIE_LANG")
        .output();
    std::fs::set_permissions(dir.join("data/秘密"), std::fs::Permissions::from_mode(0o755))
        .unwrap();
    let output = match output {
        Ok(output) if !String::from_utf8_lossy(&output.stderr).contains("setpriv:") => output,
        _ => {
            eprintln!("skipped: cannot run as another user here");
            return;
        }
    };
    if std::fs::read_dir(dir.join("data/秘密")).is_ok() && output.status.code() == Some(0) {
        eprintln!("skipped: the other user could read the directory");
        return;
    }
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "错误[E001]: 无法读取目录 `data/秘密`：没有权限，其中的界别文件未能读取\n  = 帮助: 运行 `jiebie explain E001` 查看详细说明\n\n1 个文件，1 个界别，0 项活动：1 个错误，0 个警告\n"
    );
}

#[test]
fn an_invisible_character_makes_no_second_sector() {
    let test = Test::new()
        .file("a/侨联.toml", "[sector]\nname = \"侨联\\u200b\"\n")
        .file("b/侨联.toml", "[sector]\nname = \"\u{200b}侨联\"\n")
        .file(
            "c/经济界.toml",
            "[sector]\nname = \"经济界\"\n\n[[activity]]\ndate = 2021-03-02\nkind = \"调研\"\ntitle = \"走访\"\npartners = [\"侨联\u{feff}\"]\n\n[[review]]\nyear = 2021\nsummary = \"概要\"\n",
        );
    let report = validation(&test, &["a", "b", "c"]);
    assert_eq!((report.sectors, report.errors, report.warnings), (2, 0, 3));
    assert_eq!(
        test.diagnostics(&["a", "b", "c"]),
        [
            ("W111".into(), "a/侨联.toml".into(), 2, 11),
            ("W111".into(), "b/侨联.toml".into(), 2, 9),
            ("W111".into(), "c/经济界.toml".into(), 8, 16),
        ]
    );
    let run = test.run(&["validate", "a"]);
    assert_eq!(
        run.stdout,
        "警告[W111]: `name` 中有不可见字符或控制字符 U+200B，比较名称时已将其去掉\n --> a/侨联.toml:2:11\n  |\n2 | name = \"侨联\\u200b\"\n  |             ^^^^^^\n  = 帮助: 删去这个字符（从网页、微信或 Word 复制文字时常会带入）；运行 `jiebie explain W111` 查看详细说明\n\n1 个文件，1 个界别，0 项活动：0 个错误，1 个警告\n"
    );
    let run = test.run(&["validate", "b"]);
    assert!(
        run.stdout.contains("2 | name = \"\\u{200b}侨联\"\n  |         ^^^^^^^^\n"),
        "the invisible character shown escaped, the caret under it:\n{}",
        run.stdout
    );
}

#[test]
fn escape_sequences_in_the_data_never_reach_the_terminal() {
    let title = "\u{1b}[31m红色\u{7}\u{202e}倒";
    let test = Test::new().file(
        "侨联.toml",
        &format!("{SECTOR}\n[[activity]]\ndate = 2021-03-02\nkind = \"调研\"\ntitle = \"\\u001b[31m红色\\u0007\\u202e倒\"\nlocation = \"\\u0000\"\n"),
    );
    let table = test.run(&["summarize", "--view", "activities"]);
    table.success();
    assert!(!table.stdout.contains(['\u{1b}', '\u{7}', '\u{202e}', '\0']), "{}", table.stdout);
    assert!(table.stdout.contains("\\u{1b}[31m红色\\u{7}\\u{202e}倒"), "{}", table.stdout);
    let csv = test.run(&["summarize", "--view", "activities", "--format", "csv"]);
    assert!(String::from_utf8(csv.bytes).unwrap().contains(title), "files keep the text");
    // A diagnostic shows the line escaped, the caret still under the character.
    let bad = Test::new().file("侨联.toml", "[sector]\nname = \"侨联\"\nx = \"\u{1b}[2J\"\n");
    let run = bad.run(&["validate"]);
    assert_eq!(
        run.stdout,
        "错误[E003]: TOML 语法错误：字符串中有不允许的控制字符（请删去，或写成转义形式，例如 \\u001b）\n --> ./侨联.toml:3:6\n  |\n3 | x = \"\\u{1b}[2J\"\n  |      ^^^^^^\n  = 帮助: 运行 `jiebie explain E003` 查看详细说明\n\n1 个文件，1 个界别，0 项活动：1 个错误，0 个警告\n"
    );
}

#[test]
fn numbers_never_wrap_or_saturate() {
    let big = i64::MAX;
    let sector = |name: &str, participants: &str| {
        format!(
            "[sector]\nname = \"{name}\"\n\n[[review]]\nyear = 2021\nsummary = \"概要\"\n\n[[activity]]\ndate = 2021-03-02\nkind = \"调研\"\ntitle = \"走访\"\n{participants}\n[[activity]]\ndate = 2021-04-02\nkind = \"调研\"\ntitle = \"再访\"\nparticipants = {big}\n"
        )
    };
    let test = Test::new()
        .file("a.toml", &sector("甲", &format!("participants = {big}\n")))
        .file("b.toml", &sector("乙", &format!("participants = {big}\n")))
        .file("c.toml", "[sector]\nname = \"丙\"\n\n[[metric]]\nyear = 2021\nname = \"指标\"\nvalue = 1e21\ntarget = 3\n");
    let run = test.run(&["summarize", "--format", "json", "--year", "2021"]);
    run.success();
    // Read as text: a JSON reader without arbitrary precision would round it to a float.
    let totals = run.stdout.split("\"totals\": ").nth(1).unwrap();
    assert!(totals.contains("\"participants\": 36893488147419103228,"), "4 × (2^63 − 1), exact");
    let overview =
        test.run(&["summarize", "--year", "2021", "--view", "metrics", "--format", "csv"]);
    let csv = String::from_utf8(overview.bytes).unwrap();
    assert!(!csv.contains("9223372036854775807%"), "{csv}");
    assert!(csv.contains("33333333333333332000000%") || csv.contains("3333333333333333"), "{csv}");
    let diff = test.run(&["diff", "2021", "2022", "--format", "json", "--view", "sectors"]);
    diff.success();
    let change = "\"participants_change\": -18446744073709551614,";
    assert_eq!(diff.stdout.matches(change).count(), 2, "{}", diff.stdout);

    let nan = Test::new().file("c.toml", "[sector]\nname = \"丙\"\n\n[[metric]]\nyear = 2021\nname = \"指标\"\nvalue = nan\ntarget = -inf\n");
    let run = nan.run(&["validate", "--format", "json"]);
    let report: Validation = serde_json::from_str(&run.stdout).unwrap();
    let found: Vec<(&str, &str, Option<usize>)> = report
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.message.as_str(), d.column))
        .collect();
    assert_eq!(
        found,
        [
            ("E013", "`value` 的值 nan 不是有效数字", Some(9)),
            ("E013", "`target` 的值 -inf 不是有效数字", Some(10)),
        ]
    );
}
