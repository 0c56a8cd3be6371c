//! Templates (SPEC §11): the built-in document is the printed template (byte for byte), the
//! context is the JSON report plus `lang`, the example templates render the sample
//! workspace, a template reads nothing outside its folder, and template errors are
//! diagnostics with path, line and column.

mod harness;

use std::path::Path;

use harness::{Run, Test, copy_dir};

const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");

/// The sample workspace copied into a test directory as `data/`.
fn examples() -> Test {
    let test = Test::new();
    copy_dir(Path::new(EXAMPLES), &test.path("data"));
    test
}

fn ok(run: Run) -> Run {
    run.success();
    run
}

#[test]
fn the_printed_template_is_the_built_in_document() {
    let test = examples();
    let summary = ok(test.run(&["template"])).stdout;
    assert_eq!(summary, ok(test.run(&["template", "summary"])).stdout);
    let diff = ok(test.run(&["template", "diff"])).stdout;
    std::fs::write(test.path("我的模板.md.j2"), &summary).unwrap();
    std::fs::write(test.path("对比.md.j2"), &diff).unwrap();
    for lang in ["zh", "en"] {
        for year in ["2020", "2021"] {
            let built_in = ok(test.run(&[
                "--lang",
                lang,
                "summarize",
                "data",
                "--year",
                year,
                "--format",
                "markdown",
            ]));
            let templated = ok(test.run(&[
                "--lang",
                lang,
                "summarize",
                "data",
                "--year",
                year,
                "--template",
                "我的模板.md.j2",
            ]));
            assert_eq!(built_in.bytes, templated.bytes, "summary {lang} {year}");
        }
        let built_in =
            ok(test.run(&["--lang", lang, "diff", "2020", "2021", "data", "--format", "markdown"]));
        let templated = ok(test.run(&[
            "--lang",
            lang,
            "diff",
            "2020",
            "2021",
            "data",
            "--template",
            "对比.md.j2",
        ]));
        assert_eq!(built_in.bytes, templated.bytes, "diff {lang}");
    }
    // -o x.md writes the same bytes.
    ok(test.run(&["summarize", "data", "--template", "我的模板.md.j2", "-o", "报告.md"]));
    let stdout = ok(test.run(&["summarize", "data", "--format", "markdown"])).bytes;
    assert_eq!(test.read("报告.md"), stdout);
}

/// Every top-level key of the JSON report, and `lang`, is in the context with the same value.
#[test]
fn the_context_is_the_json_report_plus_lang() {
    let test = examples().file(
        "t/context.j2",
        "{{ {\"format\": format, \"kind\": kind, \"year\": year, \"organization\": organization, \
         \"title\": title, \"sectors\": sectors, \"totals\": totals} | tojson }}\n{{ lang }}\n",
    );
    for lang in ["zh", "en"] {
        let json = ok(test.run(&["--lang", lang, "summarize", "data", "--format", "json"]));
        let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
        let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            ["format", "kind", "year", "organization", "title", "sectors", "totals"],
            "the template above names every key"
        );
        let rendered =
            ok(test.run(&["--lang", lang, "summarize", "data", "--template", "t/context.j2"]));
        let (context, rest) =
            rendered.stdout.rsplit_once('\n').unwrap().0.rsplit_once('\n').unwrap();
        assert_eq!(rest, lang);
        let context: serde_json::Value = serde_json::from_str(context).unwrap();
        assert_eq!(context, json, "{lang}");
    }
    let test = test.file(
        "t/diff.j2",
        "{{ {\"format\": format, \"kind\": kind, \"from\": from, \"to\": to, \"organization\": organization, \
         \"title\": title, \"sectors\": sectors, \"kinds\": kinds, \"metrics\": metrics, \"plans\": plans, \
         \"brands\": brands} | tojson }}\n",
    );
    let json = ok(test.run(&["diff", "2020", "2021", "data", "--format", "json"]));
    let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(json.as_object().unwrap().len(), 11);
    let rendered = ok(test.run(&["diff", "2020", "2021", "data", "--template", "t/diff.j2"]));
    assert_eq!(serde_json::from_str::<serde_json::Value>(&rendered.stdout).unwrap(), json);
}

/// The context is made as it is read (SPEC §7): its values are those of the JSON report, keys
/// in the same order, and lists and maps work in filters and loops.
#[test]
fn the_lazy_context_reads_as_the_json_report() {
    let test = examples().file(
        "t/sectors.j2",
        "{{ sectors | tojson }}\n{{ totals | tojson }}\n\
         {{ sectors | length }} {{ sectors | map(attribute=\"activities\") | map(\"length\") | sum }} \
         {{ sectors | sum(attribute=\"counts.activities\") }} \
         {{ sectors | selectattr(\"review\") | list | length }} \
         {% for key, value in totals | items %}{{ key }}={{ value }};{% endfor %}\n",
    );
    let json = ok(test.run(&["summarize", "data", "--format", "json"]));
    let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let rendered = ok(test.run(&["summarize", "data", "--template", "t/sectors.j2"]));
    let lines: Vec<&str> = rendered.stdout.lines().collect();
    // Written again by serde_json, which keeps the order of the keys as read.
    let again = |text: &str| {
        serde_json::to_string(&serde_json::from_str::<serde_json::Value>(text).unwrap()).unwrap()
    };
    assert_eq!(again(lines[0]), serde_json::to_string(&json["sectors"]).unwrap());
    assert_eq!(again(lines[1]), serde_json::to_string(&json["totals"]).unwrap());
    let sectors = json["sectors"].as_array().unwrap();
    let activities = json["totals"]["activities"].as_u64().unwrap();
    let reviewed = sectors.iter().filter(|s| !s["review"].is_null()).count();
    let totals: String = json["totals"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(key, value)| format!("{key}={value};"))
        .collect();
    let expected = format!("{} {activities} {activities} {reviewed} {totals}", sectors.len());
    assert_eq!(lines[2], expected);
}

/// The document of SPEC §8.1: every activity's title, summary and outcomes are in it, every
/// headline, and no id of an activity or a plan.
#[test]
fn the_document_holds_the_work_and_no_id() {
    let test = examples();
    for year in ["2020", "2021"] {
        let json = ok(test.run(&["summarize", "data", "--year", year, "--format", "json"]));
        let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
        let markdown = ok(test.run(&["summarize", "data", "--year", year, "--format", "markdown"]));
        // The text as Word shows it: backslash escapes resolved.
        let text = markdown.stdout.replace('\\', "");
        let mut ids = 0;
        for sector in json["sectors"].as_array().unwrap() {
            let headline = sector["review"]["title"].as_str().unwrap();
            let name = sector["name"].as_str().unwrap();
            assert!(text.contains(&format!("{name}：{headline}")), "{name}: {headline}");
            for activity in sector["activities"].as_array().unwrap() {
                let mut shown = vec![activity["title"].as_str().unwrap()];
                shown.extend(activity["summary"].as_str());
                shown.extend(
                    activity["outcomes"].as_array().unwrap().iter().filter_map(|o| o.as_str()),
                );
                for part in shown {
                    assert!(text.contains(part), "{part:?} missing from the {year} document");
                }
                if let Some(id) = activity["id"].as_str() {
                    assert!(!text.contains(id), "activity id {id} in the {year} document");
                    ids += 1;
                }
            }
            for plan in sector["plans_next"].as_array().unwrap() {
                let id = plan["id"].as_str().unwrap();
                assert!(!text.contains(id), "plan id {id} in the {year} document");
                assert!(text.contains(plan["title"].as_str().unwrap()));
                ids += 1;
            }
        }
        assert!(ids > 40, "the examples have ids to leave out ({ids})");
        assert!(!text.contains("2021-foreign-firms"));
    }
}

#[test]
fn the_example_templates_render_the_sample_workspace() {
    let test = examples();
    for (name, snapshot) in [("半年工作总结", "half-year"), ("界别简报", "brief")] {
        let template = format!("data/templates/{name}.md.j2");
        let run = ok(test.run(&["summarize", "data", "--year", "2021", "--template", &template]));
        assert_eq!(run.stderr, "");
        insta::assert_snapshot!(format!("template-{snapshot}"), run.stdout);
    }
}

#[test]
fn include_extends_and_import_read_the_templates_folder_only() {
    let test = examples()
        .file("t/base.md.j2", "# {% block title %}{% endblock %}\n\n{% block body %}{% endblock %}\n")
        .file("t/parts/year.md.j2", "{{ year }}年")
        .file(
            "t/child.md.j2",
            "{% extends \"base.md.j2\" %}\n{% block title %}{% include \"parts/year.md.j2\" %}简报{% endblock %}\n{% block body %}{{ sectors | length }}个界别{% endblock %}\n",
        )
        .file("secret.txt", "机密")
        .file("t/leak.md.j2", "# 标题\n\n{% include \"../secret.txt\" %}\n")
        .file("t/absolute.md.j2", &format!("{{% include \"{}\" %}}\n", "/etc/hostname"))
        .file("t/missing.md.j2", "{% include \"nothing.md.j2\" %}\n");
    let run = ok(test.run(&["summarize", "data", "--year", "2020", "--template", "t/child.md.j2"]));
    // Jinja's whitespace: the line break after `{% endblock %}` in the base is kept.
    assert_eq!(run.stdout, "# 2020年简报\n\n10个界别\n");

    let run = test.run(&["summarize", "data", "--template", "t/leak.md.j2", "-o", "out.md"]);
    assert_eq!(run.status, 1);
    assert_eq!(
        run.stderr,
        "错误: 模板出错：模板只能引用同一文件夹中的文件，不能引用「../secret.txt」\n \
         --> t/leak.md.j2:3:4\n  |\n3 | {% include \"../secret.txt\" %}\n  |    ^^^^^^^^^^^^^^^^^^^^^^^\n  \
         = 帮助: 模板只能引用（include、extends、import）模板所在文件夹中的文件\n"
    );
    assert!(!test.path("out.md").exists(), "nothing is written");

    let run = test.run(&["summarize", "data", "--template", "t/absolute.md.j2"]);
    assert_eq!(run.status, 1);
    assert!(
        run.stderr.starts_with(
            "错误: 模板出错：模板只能引用同一文件夹中的文件，不能引用「/etc/hostname」\n"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout, "");

    // A link inside the folder that leads out of it is refused as well (Unix only: Windows lets
    // only administrators and developer mode make symbolic links).
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(test.path("secret.txt"), test.path("t/link.txt")).unwrap();
        std::fs::write(test.path("t/linked.md.j2"), "{% include \"link.txt\" %}\n").unwrap();
        let run = test.run(&["summarize", "data", "--template", "t/linked.md.j2"]);
        assert_eq!(run.status, 1);
        assert!(!run.stdout.contains("机密") && !run.stderr.contains("机密"));
        assert!(run.stderr.contains("不能引用「link.txt」"), "{}", run.stderr);
    }

    let run = test.run(&["--lang", "en", "summarize", "data", "--template", "t/missing.md.j2"]);
    assert_eq!(run.status, 1);
    assert_eq!(
        run.stderr,
        "error: included template `nothing.md.j2` not found\n \
         --> t/missing.md.j2:1:4\n  |\n1 | {% include \"nothing.md.j2\" %}\n  |    ^^^^^^^^^^^^^^^^^^^^^^^\n  \
         = help: an included file must lie in the template's folder\n"
    );
}

#[test]
fn an_unknown_variable_is_named_with_its_place() {
    let test = examples().file(
        "模板.md.j2",
        "# {{ title }}\n\n{% for sector in sectors %}\n## {{ sector.name }}\n\n写法：{{ sector.titel }}\n{% endfor %}\n",
    );
    let run = test.run(&["summarize", "data", "--template", "模板.md.j2", "-o", "x.md"]);
    assert_eq!((run.status, run.stdout.as_str()), (1, ""));
    assert_eq!(
        run.stderr,
        "错误: 模板中使用了未定义的变量 `sector.titel`\n --> 模板.md.j2:6:7\n  |\n\
         6 | 写法：{{ sector.titel }}\n  |          ^^^^^^^^^^^^\n  \
         = 帮助: 可用的变量就是 `--format json` 输出的各个键，外加 lang；可省略的值用 `is defined` 或 `is none` 判断；运行 `jiebie template` 查看内置模板\n"
    );
    assert!(!test.path("x.md").exists());
    let run = test.run(&["--lang", "en", "summarize", "data", "--template", "模板.md.j2"]);
    assert_eq!(run.status, 1);
    assert_eq!(
        run.stderr,
        "error: undefined variable `sector.titel` in the template\n --> 模板.md.j2:6:7\n  |\n\
         6 | 写法：{{ sector.titel }}\n  |          ^^^^^^^^^^^^\n  \
         = help: the variables are the keys that `--format json` prints, plus lang; test optional values with `is defined` or `is none`; run `jiebie template` to see the built-in template\n"
    );
}

#[test]
fn a_syntax_error_and_a_failing_filter_are_diagnostics() {
    let test = examples()
        .file("t/syntax.md.j2", "# {{ title }}\n{% for s in sectors %}\n{{ s.name }\n")
        .file("t/filter.md.j2", "# {{ title }}\n\n{{ \"activities\" | total }}\n")
        .file("t/unknown.md.j2", "{{ title | upper | shout }}\n");
    let run = test.run(&["summarize", "data", "--template", "t/syntax.md.j2"]);
    assert_eq!(run.status, 1);
    assert_eq!(
        run.stderr,
        "错误: 模板语法错误：此处有意外的内容（unexpected `}`, expected end of variable block）\n \
         --> t/syntax.md.j2:3:11\n  |\n3 | {{ s.name }\n  |           ^\n  \
         = 帮助: 检查 {{ }}、{% %} 是否成对，{% if %}、{% for %} 是否都有对应的 {% endif %}、{% endfor %}\n"
    );
    let run = test.run(&["summarize", "data", "--template", "t/filter.md.j2"]);
    assert_eq!(run.status, 1);
    assert_eq!(
        run.stderr,
        "错误: 模板出错：没有「activities」的合计行；可用的有：kinds、months\n \
         --> t/filter.md.j2:3:19\n  |\n3 | {{ \"activities\" | total }}\n  |                   ^^^^^\n  \
         = 帮助: 运行 `jiebie template` 查看内置模板的写法\n"
    );
    let run = test.run(&["summarize", "data", "--template", "t/unknown.md.j2"]);
    assert_eq!(run.status, 1);
    assert!(
        run.stderr.starts_with(
            "错误: 未知的过滤器：filter shout is unknown\n --> t/unknown.md.j2:1:20\n"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn template_usage_errors() {
    let test = examples();
    let run = test.run(&["summarize", "data", "--template", "没有.md.j2"]);
    assert_eq!(run.status, 2);
    assert_eq!(run.stderr, "错误: 无法读取模板 `没有.md.j2`：文件或目录不存在\n");
    let test = test.file("t.md.j2", "{{ year }}\n");
    for args in [
        &["summarize", "data", "--template", "t.md.j2", "--format", "csv", "--view", "overview"][..],
        &["summarize", "data", "--template", "t.md.j2", "-o", "x.json"],
        &["summarize", "data", "--template", "t.md.j2", "--view", "kinds"],
        &["diff", "2020", "2021", "data", "--template", "t.md.j2", "--format", "table"],
    ] {
        let run = test.run(args);
        assert_eq!(run.status, 2, "{args:?}");
        assert_eq!(
            run.stderr,
            "错误: --template 生成 Markdown 或 Word 文档：只能与 --format markdown/docx（或 -o 文件.md、-o 文件.docx）一起使用，且视图为 full\n"
        );
    }
    let run = ok(test.run(&["summarize", "data", "--template", "t.md.j2", "--year", "2020"]));
    assert_eq!(run.stdout, "2020\n");
}

#[test]
fn filters_render_numbers_dates_and_text() {
    let test = examples().file(
        "t.md.j2",
        concat!(
            "{{ \"2020-05-15\" | date_zh }} {{ \"2020-05\" | date_zh }} {{ \"2020-Q2\" | date_zh }} ",
            "{{ \"2020-H1\" | date_zh }} {{ \"2020\" | date_zh }} {{ \"2020-H2\" | date_zh(true) }}\n",
            "{{ \"2020-05-15\" | date_en }} / {{ \"2020-Q3\" | date_en(true) }}\n",
            "{{ (\"2020-Q2\" | date_parts).half }} {{ (\"2020-11-03\" | date_parts).quarter }} {{ (\"2020\" | date_parts).precision }}\n",
            "{{ 0.375 | pct }} {{ 1.2 | pct }} {{ none | pct }}|\n",
            "{{ 1234567 | num }} {{ -12345.5 | num }} {{ 999 | num }}\n",
            "{{ [\"台联\", \"侨联\"] | join_zh }}\n",
            "{{ \"a|b *c* 1. d\" | md_cell }} {{ \"@张三\" | md_text }}\n",
            "{{ \"形成报告\" | sentence }} {{ \"形成报告。\" | sentence }}\n",
            "{{ 12 | cn_num }} {{ 105 | cn_num }} {{ 3 | roman }}\n",
            "{{ 3 | signed }} {{ -1234 | signed }} {{ 0 | signed }} {{ 6.4 | signed }} {{ none | signed }}|\n",
        ),
    );
    let run = ok(test.run(&["summarize", "data", "--template", "t.md.j2"]));
    assert_eq!(
        run.stdout,
        "5月15日 5月 二季度 上半年 全年 2020年下半年\n\
         15 May / Q3 2020\n\
         1 4 year\n\
         38% 120% |\n\
         1,234,567 -12,345.5 999\n\
         台联、侨联\n\
         a\\|b \\*c\\* 1\\. d \\@张三\n\
         形成报告。 形成报告。\n\
         十二 一百零五 III\n\
         +3 -1,234 0 +6.4 |\n"
    );
}

/// The built-in templates write every table as a loop over the context's rows, so that a
/// copy can drop a column; the totals come from the `total` filter, the member rows (only
/// with `[document] members = true`) from `rows`.
#[test]
fn a_copied_template_can_drop_a_column() {
    let test = examples();
    let summary = ok(test.run(&["template", "summary"])).stdout;
    let diff = ok(test.run(&["template", "diff"])).stdout;
    for text in [&summary, &diff] {
        assert!(!text.contains("| table"), "{text}");
        assert!(!text.contains("SPEC"), "{text}");
    }
    // The months table without its total column: the header, the separator and the rows.
    let dropped = summary
        .replace("{% endif %} {{ all }} |\n| --- |{% for m in", "{% endif %}\n| --- |{% for m in")
        .replace(
            "{% if t.no_month > 0 %} ---: |{% endif %} ---: |",
            "{% if t.no_month > 0 %} ---: |{% endif %}",
        )
        .replace(
            "{{ s.no_month | num }} |{% endif %} {{ s.counts.activities | num }} |",
            "{{ s.no_month | num }} |{% endif %}",
        )
        .replace(
            "{{ t.no_month | num }}** |{% endif %} **{{ t.activities | num }}** |",
            "{{ t.no_month | num }}** |{% endif %}",
        );
    assert_ne!(dropped, summary);
    std::fs::write(test.path("t.md.j2"), dropped).unwrap();
    let run = ok(test.run(&["summarize", "data", "--year", "2020", "--template", "t.md.j2"]));
    let months = run.stdout.split("### 附表2 各月活动\n\n").nth(1).unwrap();
    let months = months.split("\n\n").next().unwrap();
    let built_in = ok(test.run(&["summarize", "data", "--year", "2020", "--format", "markdown"]));
    let expected: Vec<String> = built_in
        .stdout
        .split("### 附表2 各月活动\n\n")
        .nth(1)
        .unwrap()
        .split("\n\n")
        .next()
        .unwrap()
        .lines()
        .map(|line| {
            // The last cell gone: everything up to the second-to-last `|`.
            let cut = line.trim_end_matches(" |").rfind(" |").unwrap();
            format!("{} |", &line[..cut])
        })
        .collect();
    assert_eq!(months, expected.join("\n"));
    assert!(months.starts_with("| 界别 | "), "{months}");
    assert!(!months.contains("合计 |\n"), "{months}");
    // The total rows and the member rows are the filters' only numbers; an unknown view is
    // an error that names the known ones.
    let test = test.file(
        "u.md.j2",
        "{% set t = \"kinds\" | total %}{{ t.activities }} {{ t.by_kind | length }} \
         {{ (\"months\" | total).no_month }} {{ \"members\" | rows | length }}\n",
    );
    let run = ok(test.run(&["summarize", "data", "--year", "2021", "--template", "u.md.j2"]));
    assert_eq!(run.stdout, "46 10 13 0\n");
    let test = test.file("v.md.j2", "{{ \"sectors\" | total }}");
    let run = test.run(&["summarize", "data", "--template", "v.md.j2"]);
    assert_eq!(run.status, 1);
    assert!(
        run.stderr
            .starts_with("错误: 模板出错：没有「sectors」的合计行；可用的有：kinds、months\n"),
        "{}",
        run.stderr
    );
    let test = test.file(
        "w.md.j2",
        "{% set t = \"sectors\" | total %}{{ t.to_activities }} {{ t.activities_change | signed }} {{ (\"kinds\" | total).change | signed }} {{ \"metrics\" | total is none }}\n",
    );
    let run = ok(test.run(&["diff", "2020", "2021", "data", "--template", "w.md.j2"]));
    assert_eq!(run.stdout, "46 +9 +9 True\n");
}

#[test]
fn whitespace_is_jinjas_a_block_tag_keeps_its_line_break() {
    // Written as Jinja's documentation writes templates: tags on their own lines. Jinja keeps
    // the line break after each tag (no trim_blocks, no lstrip_blocks); `-` strips it.
    let test = examples()
        .file("plain.md.j2", "# T\n{% for s in sectors %}\n{{ s.name }}\n{% endfor %}\n")
        .file("dashed.md.j2", "# T\n{% for s in sectors -%}\n| {{ s.name }} |\n{% endfor %}")
        .file("indented.md.j2", "# T\n  {% if true %}\nx\n  {% endif %}\n");
    let run = |t: &str| {
        ok(test.run(&["summarize", "data", "--sector", "对外友好界", "--template", t])).stdout
    };
    assert_eq!(run("plain.md.j2"), "# T\n\n对外友好界\n");
    assert_eq!(run("dashed.md.j2"), "# T\n| 对外友好界 |\n");
    // Without lstrip_blocks the indentation before a tag stays.
    assert_eq!(run("indented.md.j2"), "# T\n  \nx\n  \n");
}

/// The tests `reported` and `recorded` pick the sectors the built-in summary shows and records,
/// in one pass (a list grown with `+` in a loop took minutes for 100,000 sectors, SPEC §7).
#[test]
fn reported_and_recorded_pick_the_sectors_with_something_for_the_year() {
    let test = Test::new()
        .file("data/甲.toml", "[sector]\nname = \"甲\"\n\n[[activity]]\ndate = 2021-03-02\nkind = \"调研\"\ntitle = \"走访\"\n")
        .file("data/乙.toml", "[sector]\nname = \"乙\"\n\n[[review]]\nyear = 2021\nsummary = \"概要\"\n")
        .file("data/丙.toml", "[sector]\nname = \"丙\"\n\n[[activity]]\ndate = 2020-03-02\nkind = \"调研\"\ntitle = \"走访\"\n")
        .file("data/丁.toml", "[sector]\nname = \"丁\"\n\n[[plan]]\nid = \"p\"\nyear = 2022\ntitle = \"调研\"\n")
        .file(
            "t.j2",
            "{% for s in sectors %}{{ s.name }} {{ s is reported }} {{ s is recorded }}\n{% endfor %}\
             {{ sectors | select(\"reported\") | map(attribute=\"name\") | join_zh }}\n",
        );
    let run = test.run(&["-q", "summarize", "data", "--year", "2021", "--template", "t.j2"]);
    run.success();
    assert_eq!(
        run.stdout,
        "丁 True True\n丙 False False\n乙 True False\n甲 True True\n丁、乙、甲\n"
    );
}
