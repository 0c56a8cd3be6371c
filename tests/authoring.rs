//! Authoring without breaking files: `init`, `add`, `schema`, `completions`.

mod harness;

use std::path::Path;

use harness::{Test, Validation, copy_dir};

fn validation(test: &Test, args: &[&str]) -> Validation {
    let mut all = vec!["validate", "--format", "json"];
    all.extend(args);
    serde_json::from_str(&test.run(&all).stdout).unwrap()
}

#[test]
fn init_writes_a_template_that_validates() {
    let test = Test::new();
    std::fs::create_dir(test.path("data")).unwrap();
    let run = test.run(&["init", "经济界", "--dir", "data", "--year", "2021"]);
    run.success();
    assert_eq!(run.stdout, "已创建 data/经济界.toml\n已创建 data/jiebie.schema.json\n");
    let schema = test.run(&["schema"]).bytes;
    assert_eq!(test.read("data/jiebie.schema.json"), schema, "the schema the #:schema line names");
    let text = String::from_utf8(test.read("data/经济界.toml")).unwrap();
    assert!(text.starts_with("#:schema ./jiebie.schema.json\n"));
    for table in
        ["[sector]", "[[review]]", "# [[activity]]", "# [[plan]]", "# [[metric]]", "# [[brand]]"]
    {
        assert!(text.contains(table), "{table} missing from the template");
    }
    let report = validation(&test, &["data"]);
    // The template's placeholder summary is W109 until the secretary writes it.
    assert_eq!((report.errors, report.warnings, report.sectors), (0, 1, 1));
    assert_eq!(report.diagnostics[0].code, "W109");

    // Every commented example, once uncommented, validates too (but `members = 40`: the
    // roster example counts the members itself, and a different count beside it is E013).
    let uncommented: String = text
        .lines()
        .map(|line| match line.strip_prefix("# ") {
            Some(rest)
                if rest.starts_with('[')
                    || rest.split_once(" = ").is_some_and(|(k, _)| {
                        k.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                    }) =>
            {
                rest
            }
            _ => line,
        })
        .filter(|line| !line.starts_with("members = "))
        .collect::<Vec<_>>()
        .join("\n");
    let test2 = Test::new()
        .file("经济界.toml", &uncommented)
        .file("台联.toml", "[sector]\nname = \"台联\"\n")
        .file("侨联.toml", "[sector]\nname = \"侨联\"\n");
    let run = test2.run(&["validate", "."]);
    assert_eq!(run.status, 0, "{}", run.stdout);
    assert!(run.stdout.ends_with("0 个错误，1 个警告\n"), "{}", run.stdout);

    let again = test.run(&["init", "经济界", "--dir", "data"]);
    assert_eq!(again.status, 2);
    assert_eq!(again.stderr, "错误: `data/经济界.toml` 已存在，不会覆盖\n");
    assert_eq!(test.read("data/经济界.toml"), text.as_bytes());
    assert_eq!(test.run(&["init", "../x", "--dir", "data"]).status, 2);
}

#[test]
fn init_in_english() {
    let test = Test::new();
    let run = test.run(&["init", "Economy", "--year", "2022", "--lang", "en"]);
    run.success();
    assert_eq!(run.stdout, "created ./Economy.toml\ncreated ./jiebie.schema.json\n");
    let again = test.run(&["init", "Culture", "--year", "2022", "--lang", "en"]);
    assert_eq!(again.stdout, "created ./Culture.toml\n", "an existing schema file is kept");
    assert_eq!(validation(&test, &["."]).errors, 0);
}

const ORIGINAL: &str = "\u{feff}# 台联 2021\r\n[sector]\r\nname = \"台联\"   # 名称\r\n\r\n[[review]]\r\nyear = 2021\r\nsummary = \"\"\"第一段\r\n第二段\"\"\"\r\n\r\n[[activity]]\r\ndate = 2021-03-02\r\nkind = \"调研\"\r\ntitle = \"走访\"\r\n\r\n[[plan]]\r\nid = \"p1\"\r\nyear = 2021\r\ntitle = \"设想\"\r\n# 末尾注释\r\n";

#[test]
fn add_keeps_every_byte_and_appends_the_entry() {
    let test = Test::new()
        .file("台联.toml", ORIGINAL)
        .file("经济界.toml", "[sector]\nname = \"经济界\"\n");
    let args = |sector| {
        let mut args = vec!["add", "activity", "--sector", sector, "--date", "2021年5月"];
        args.extend(["--kind", "座谈会", "--title", "两岸\"青年\"交流", "--partner", "经济界"]);
        args.extend(["--tag", "青年", "--participants", "12", "--plan", "p1", "--highlight"]);
        args
    };
    let run = test.run(&args("台联界"));
    assert_eq!(
        run.status, 2,
        "an alias that jiebie.toml does not define is no sector: {}",
        run.stderr
    );
    let run = test.run(&args("台联"));
    run.success();
    assert_eq!(run.stdout, "已添加到 ./台联.toml\n");
    let after = String::from_utf8(test.read("台联.toml")).unwrap();
    assert_eq!(
        after,
        format!(
            "{ORIGINAL}\r\n[[activity]]\r\ndate = \"2021-05\"\r\nkind = \"座谈会\"\r\ntitle = '两岸\"青年\"交流'\r\nparticipants = 12\r\npartners = [\"经济界\"]\r\ntags = [\"青年\"]\r\nplan = \"p1\"\r\nhighlight = true\r\n"
        )
    );
    let report = validation(&test, &["."]);
    assert_eq!((report.errors, report.warnings, report.activities), (0, 0, 2));

    test.run(&[
        "add", "plan", "--sector", "台联", "--id", "p2", "--year", "2022", "--title", "调研",
        "--kind", "调研",
    ])
    .success();
    test.run(&[
        "add",
        "metric",
        "--sector",
        "经济界",
        "--year",
        "2021",
        "--name",
        "提案",
        "--value",
        "-3.5",
        "--unit",
        "件",
    ])
    .success();
    assert_eq!(
        String::from_utf8(test.read("经济界.toml")).unwrap(),
        "[sector]\nname = \"经济界\"\n\n[[metric]]\nyear = 2021\nname = \"提案\"\nvalue = -3.5\nunit = \"件\"\n"
    );
    test.run(&[
        "add",
        "activity",
        "--sector",
        "经济界",
        "--date",
        "2021-03-02",
        "--kind",
        "调研",
        "--title",
        "走访",
    ])
    .success();
    assert!(
        String::from_utf8(test.read("经济界.toml"))
            .unwrap()
            .ends_with("[[activity]]\ndate = 2021-03-02\nkind = \"调研\"\ntitle = \"走访\"\n")
    );
}

#[test]
fn refused_add_leaves_the_file_byte_identical() {
    let test = Test::new().file("台联.toml", ORIGINAL);
    for args in [
        &[
            "add", "activity", "--sector", "台联", "--date", "2021-05", "--kind", "调查",
            "--title", "x",
        ][..],
        &[
            "add", "activity", "--sector", "台联", "--date", "2021-05", "--kind", "座谈",
            "--title", "x", "--plan", "nope",
        ],
        &["add", "plan", "--sector", "台联", "--id", "p1", "--year", "2022", "--title", "重复编号"],
    ] {
        let run = test.run(args);
        assert_eq!(run.status, 1, "{args:?}: {}", run.stderr);
        assert!(run.stderr.ends_with("未写入：新条目会带来上述错误\n"), "{}", run.stderr);
        assert_eq!(test.read("台联.toml"), ORIGINAL.as_bytes(), "{args:?}");
    }
    let run = test.run(&[
        "add",
        "plan",
        "--sector",
        "台联",
        "--id",
        "p1",
        "--year",
        "2022",
        "--title",
        "重复编号",
    ]);
    assert!(
        run.stderr.starts_with(
            "错误[E030]: 参数 `--id`：工作设想编号「p1」重复，先前已在 ./台联.toml:16:6 出现\n"
        ),
        "{}",
        run.stderr
    );
    let mut names: Vec<String> = std::fs::read_dir(test.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    // No lock file (the lock folder is outside the workspace), no temporary file.
    assert_eq!(names, ["台联.toml"], "nothing left behind");
}

#[test]
fn add_picks_the_file_of_the_year_or_asks() {
    let test = Test::new()
        .file(
            "台联/2020.toml",
            "[sector]\nname = \"台联\"\n[[review]]\nyear = 2020\nsummary = \"x\"\n",
        )
        .file(
            "台联/2021.toml",
            "[sector]\nname = \"台联\"\n[[review]]\nyear = 2021\nsummary = \"x\"\n",
        );
    test.run(&[
        "add", "activity", "--sector", "台联", "--date", "2021-Q3", "--kind", "学习", "--title",
        "x",
    ])
    .success();
    assert!(String::from_utf8(test.read("台联/2021.toml")).unwrap().contains("date = \"2021-Q3\""));
    let ambiguous = test.run(&[
        "add", "activity", "--sector", "台联", "--date", "2022-01", "--kind", "学习", "--title",
        "y",
    ]);
    assert_eq!(ambiguous.status, 2);
    assert!(ambiguous.stderr.contains("--file"), "{}", ambiguous.stderr);
    test.run(&[
        "add",
        "activity",
        "--sector",
        "台联",
        "--date",
        "2022-01",
        "--kind",
        "学习",
        "--title",
        "y",
        "--file",
        "台联/2020.toml",
    ])
    .success();
    assert!(String::from_utf8(test.read("台联/2020.toml")).unwrap().contains("date = \"2022-01\""));
    let missing = test.run(&[
        "add", "activity", "--sector", "民革", "--date", "2022-01", "--kind", "学习", "--title",
        "y",
    ]);
    assert_eq!(missing.status, 2);
    assert!(missing.stderr.contains("jiebie init 民革"), "{}", missing.stderr);
}

/// TOML → JSON as taplo does it: dates become strings.
fn to_json(value: toml::Value) -> serde_json::Value {
    match value {
        toml::Value::String(s) => s.into(),
        toml::Value::Integer(i) => i.into(),
        toml::Value::Float(f) => f.into(),
        toml::Value::Boolean(b) => b.into(),
        toml::Value::Datetime(d) => d.to_string().into(),
        toml::Value::Array(items) => items.into_iter().map(to_json).collect(),
        toml::Value::Table(table) => table
            .into_iter()
            .map(|(k, v)| (k, to_json(v)))
            .collect::<serde_json::Map<_, _>>()
            .into(),
    }
}

fn toml_files(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            toml_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "toml") {
            found.push(path);
        }
    }
}

#[test]
fn schema_accepts_every_example_and_rejects_a_misspelt_key() {
    let test = Test::new();
    let sector_schema: serde_json::Value =
        serde_json::from_str(&test.run(&["schema"]).stdout).unwrap();
    let config_schema: serde_json::Value =
        serde_json::from_str(&test.run(&["schema", "--config"]).stdout).unwrap();
    assert_eq!(sector_schema["$schema"], "http://json-schema.org/draft-07/schema#");
    let sector = jsonschema::draft7::new(&sector_schema).unwrap();
    let config = jsonschema::draft7::new(&config_schema).unwrap();

    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let shipped: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(examples.join("jiebie.schema.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(shipped, sector_schema, "examples/jiebie.schema.json is the current schema");
    let shipped_text = std::fs::read(examples.join("jiebie.schema.json")).unwrap();
    assert_eq!(
        shipped_text,
        test.run(&["schema"]).bytes,
        "byte for byte, as `jiebie schema` prints it"
    );
    let mut files = Vec::new();
    toml_files(&examples, &mut files);
    assert!(files.len() > 8);
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let instance = to_json(toml::from_str(&text).unwrap());
        let validator = if file.ends_with("jiebie.toml") { &config } else { &sector };
        let errors: Vec<String> = validator.iter_errors(&instance).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", file.display());
        if !file.ends_with("jiebie.toml") {
            assert!(
                text.starts_with("#:schema "),
                "{} lacks the #:schema directive",
                file.display()
            );
        }
    }

    let bad = to_json(toml::from_str("[sector]\nname = \"x\"\n[[activity]]\ndate = 2021-01-01\nkind = \"学习\"\ntitel = \"x\"\n").unwrap());
    assert!(!sector.is_valid(&bad), "a misspelt key is rejected");
    let bad_date = to_json(toml::from_str("[sector]\nname = \"x\"\n[[activity]]\ndate = \"2021年1月1号\"\nkind = \"学习\"\ntitle = \"x\"\n").unwrap());
    assert!(!sector.is_valid(&bad_date), "a date of no accepted form is rejected");
    let slashes = to_json(toml::from_str("[sector]\nname = \"x\"\n[[activity]]\ndate = \"2021/1/1\"\nkind = \"学习\"\ntitle = \"x\"\n").unwrap());
    assert!(sector.is_valid(&slashes), "2021/1/1 is one of the forms of §2.3");
    let good = to_json(toml::from_str("[sector]\nname = \"x\"\n[[activity]]\ndate = \"2021年上半年\"\nkind = \"学习\"\ntitle = \"x\"\n").unwrap());
    assert!(sector.is_valid(&good));
}

#[test]
fn completions_for_every_shell() {
    let test = Test::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = test.run(&["completions", shell]);
        run.success();
        assert!(run.stdout.contains("summarize"), "{shell}");
    }
    assert_eq!(test.run(&["completions", "cmd"]).status, 2);
}

#[test]
fn help_has_examples() {
    let run = Test::new().run(&["--help"]);
    run.success();
    assert!(run.stdout.contains("jiebie summarize examples --year 2020 --sector 对外友好界"));
    assert!(Test::new().run(&["--version"]).stdout.starts_with("jiebie "));
}

#[test]
fn sample_workspace_copies_cleanly() {
    let test = Test::new();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples"), &test.path("ex"));
    let report = validation(&test, &["ex"]);
    assert_eq!((report.errors, report.warnings), (0, 0));
}

#[test]
fn init_refuses_names_that_would_not_validate() {
    let test = Test::new();
    for name in ["jiebie", "换\n行", "a/b", ""] {
        assert_eq!(test.run(&["init", name]).status, 2, "{name:?}");
    }
    assert_eq!(test.run(&["init", "经济界", "--year", "1800"]).status, 2);
    assert_eq!(std::fs::read_dir(test.dir.path()).unwrap().count(), 0);
}

#[test]
fn add_prefers_the_file_with_the_years_activities_over_one_with_its_plans() {
    let test = Test::new()
        .file("台联/2020.toml", "[sector]\nname = \"台联\"\n[[review]]\nyear = 2020\nsummary = \"x\"\n[[plan]]\nid = \"p\"\nyear = 2021\ntitle = \"t\"\n")
        .file("台联/2021.toml", "[sector]\nname = \"台联\"\n[[review]]\nyear = 2021\nsummary = \"x\"\n");
    let run = test.run(&[
        "add",
        "activity",
        "--sector",
        "台联",
        "--date",
        "2021-03-02",
        "--kind",
        "学习",
        "--title",
        "x",
        "--plan",
        "p",
    ]);
    run.success();
    assert!(String::from_utf8(test.read("台联/2021.toml")).unwrap().contains("plan = \"p\""));
    let warned = test.run(&[
        "add",
        "activity",
        "--sector",
        "台联",
        "--date",
        "2021-03-03",
        "--kind",
        "学习",
        "--title",
        "y",
        "--partner",
        "台联",
    ]);
    warned.success();
    assert!(warned.stderr.starts_with("警告[W102]"), "{}", warned.stderr);
}

#[test]
fn usage_errors_speak_chinese_first() {
    let test = Test::new();
    let run = test.run(&["summarize", ".", "--year", "2200"]);
    assert_eq!(run.status, 2);
    assert_eq!(
        run.stderr,
        "错误: 参数 `--year` 的值「2200」无效：年份应在 1900–2100 之间\n\n运行 `jiebie --help`（或在子命令后加 --help）查看用法\n"
    );
    let en = test.run(&["summarize", ".", "--year", "2200", "--lang", "en"]);
    assert!(en.stderr.starts_with("error: invalid value '2200'"), "{}", en.stderr);
    assert_eq!(test.run(&["frob"]).status, 2);
}
