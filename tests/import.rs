//! `jiebie import`: sheets written here (CSV as text, GBK too; .xlsx with rust_xlsxwriter) are
//! imported into copies of the examples, and the results compared whole.

mod harness;

use std::path::Path;

use harness::{Test, copy_dir};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");

/// The keys of 侨联's entries that no exported view carries, dropped from `orig/`: an
/// activity's id and brand (the activities view has no 编号 or 品牌 column), a plan's tags (the
/// plans view has no 主题 column).
const NOT_EXPORTED: [(&str, &[&str]); 2] =
    [("[[activity]]", &["id", "brand"]), ("[[plan]]", &["tags"])];

/// The examples as `orig/` and `copy/`; in both, 侨联's entries lose the keys no view exports;
/// `copy/` loses its entries of the tables `removed` altogether.
fn workspace(removed: &[&str]) -> Test {
    let test = Test::new();
    for dir in ["orig", "copy"] {
        copy_dir(Path::new(EXAMPLES), &test.path(dir));
        for extra in ["jiebie.schema.json", "parse_only.rs", "synth.rs", "导入示例.xlsx"] {
            let _ = std::fs::remove_file(test.path(&format!("{dir}/{extra}")));
        }
    }
    let text = String::from_utf8(test.read("orig/侨联.toml")).unwrap();
    let (mut orig, mut copy) = (String::new(), String::new());
    for block in split_tables(&text) {
        let dropped = NOT_EXPORTED.iter().find(|(table, _)| block.starts_with(table));
        let kept: String = block
            .lines()
            .filter(|line| {
                !dropped.is_some_and(|(_, keys)| {
                    keys.iter().any(|k| line.starts_with(&format!("{k} = ")))
                })
            })
            .map(|l| format!("{l}\n"))
            .collect();
        orig.push_str(&kept);
        if !removed.iter().any(|table| block.starts_with(table)) {
            copy.push_str(&kept);
        }
    }
    std::fs::write(test.path("orig/侨联.toml"), orig).unwrap();
    std::fs::write(test.path("copy/侨联.toml"), copy).unwrap();
    test
}

/// A file's text cut before each table header.
fn split_tables(text: &str) -> Vec<&str> {
    let mut starts: Vec<usize> = vec![0];
    starts.extend(text.match_indices("\n[").map(|(i, _)| i + 1));
    starts.push(text.len());
    starts.windows(2).map(|w| &text[w[0]..w[1]]).collect()
}

fn export(test: &Test, year: &str, lang: &str) -> String {
    let args = ["summarize", "orig", "--view", "activities", "--format", "csv", "--sector", "侨联"];
    let run = test.run(&[&args[..], &["--year", year, "--lang", lang]].concat());
    run.success();
    run.stdout
}

fn summary(test: &Test, dir: &str, year: &str) -> String {
    let run = test.run(&["summarize", dir, "--format", "json", "--year", year]);
    run.success();
    run.stdout
}

/// The years of 侨联's entries, and the year after (for plans).
const YEARS: [&str; 3] = ["2020", "2021", "2022"];

fn imported(lang: &str, rows: usize) -> String {
    match lang {
        "zh" => format!("已导入到 copy/侨联.toml\n读取 {rows} 行，新增 {rows} 条，跳过 0 条\n"),
        _ => format!("imported into copy/侨联.toml\nread {rows} row(s), added {rows}, skipped 0\n"),
    }
}

fn nothing_new(lang: &str, rows: usize) -> String {
    match lang {
        "zh" => format!(
            "没有新的记录，copy/侨联.toml 未改动\n读取 {rows} 行，新增 0 条，跳过 {rows} 条\n"
        ),
        _ => format!(
            "nothing new: copy/侨联.toml unchanged\nread {rows} row(s), added 0, skipped {rows}\n"
        ),
    }
}

/// The activities CSV carries every key of an activity but its id and brand: exported and
/// imported into the sector without activities, the report is the original's in every year.
#[test]
fn exported_csv_imports_back_in_both_languages() {
    for lang in ["zh", "en"] {
        let test = workspace(&["[[activity]]"]);
        let mut sheets = Vec::new();
        for year in ["2020", "2021"] {
            let csv = export(&test, year, lang);
            let name = format!("{year}.csv");
            std::fs::write(test.path(&name), &csv).unwrap();
            let run = test.run(&["import", &name, "--sector", "侨联", "copy", "--lang", lang]);
            let rows = csv.lines().count() - 1;
            assert_eq!(
                (run.status, run.stdout.as_str(), run.stderr.as_str()),
                (0, imported(lang, rows).as_str(), ""),
                "{lang} {year}"
            );
            sheets.push((name, rows));
        }
        for year in YEARS {
            assert_eq!(summary(&test, "copy", year), summary(&test, "orig", year), "{lang} {year}");
        }
        // The same sheets again add nothing, and leave the file as it was.
        let before = test.read("copy/侨联.toml");
        for (name, rows) in &sheets {
            let run = test.run(&["import", name, "--sector", "侨联", "copy", "--lang", lang]);
            run.success();
            assert_eq!(run.stdout, nothing_new(lang, *rows));
        }
        assert_eq!(test.read("copy/侨联.toml"), before);
    }
}

/// The workbook `summarize -o x.xlsx` writes imports back whole: its 活动明细, 工作设想 and 年度指标
/// sheets bring back the activities, the next year's plans and the metrics (whose sheet has no
/// 年度 column: `--year` gives it); 总览, 活动类别 and 各月活动 are skipped with a note. Exported
/// year by year and imported into the sector without activities, plans or metrics, the report
/// of every year is the original's, and importing again adds nothing.
#[test]
fn the_workbook_jiebie_writes_imports_back() {
    for lang in ["zh", "en"] {
        let test = workspace(&["[[activity]]", "[[plan]]", "[[metric]]"]);
        let skipped = match lang {
            "zh" => {
                "提示: 工作表「总览」「活动类别」「各月活动」「委员履职」不是活动、工作设想或指标的表格，已跳过\n\
                 提示: 跳过了表头上方的 3 行（「工作设想」第 1 行、「活动明细」第 1 行、「年度指标」第 1 行）\n"
            }
            _ => {
                "note: sheet(s) `Overview`, `Kinds`, `Months`, `Members` hold no activities, plans or metrics; skipped\n\
                 note: skipped 3 row(s) above the header (`Plans` row 1, `Activities` row 1, `Metrics` row 1)\n"
            }
        };
        // 2020: four activities, the three plans for 2021, one metric; 2021: five activities,
        // the two plans for 2022, one metric. The plans come first, so that a later year's
        // activities find the plan their 对应设想 cell names by its title.
        let books = [("2020", 8), ("2021", 8)];
        for (year, rows) in books {
            let name = format!("{year}.xlsx");
            let args = ["summarize", "orig", "--sector", "侨联", "--year", year, "-o", &name];
            test.run(&[&args[..], &["--lang", lang, "-q"]].concat()).success();
            let args = ["import", &name, "--sector", "侨联", "copy", "--year", year];
            let run = test.run(&[&args[..], &["--lang", lang]].concat());
            assert_eq!(
                (run.status, run.stdout.as_str(), run.stderr.as_str()),
                (0, imported(lang, rows).as_str(), skipped),
                "{lang} {year}"
            );
        }
        for year in YEARS {
            assert_eq!(summary(&test, "copy", year), summary(&test, "orig", year), "{lang} {year}");
        }
        let before = test.read("copy/侨联.toml");
        for (year, rows) in books {
            let name = format!("{year}.xlsx");
            let args = ["import", &name, "--sector", "侨联", "copy", "--year", year, "-q"];
            let run = test.run(&[&args[..], &["--lang", lang]].concat());
            assert_eq!((run.stdout, run.stderr), (nothing_new(lang, rows), String::new()));
        }
        assert_eq!(test.read("copy/侨联.toml"), before);
    }
}

/// Without `--year`, the metrics sheet of the workbook lacks its year: said at the sheet,
/// with the way out, and nothing is written.
#[test]
fn the_workbook_without_year_says_the_metrics_need_one() {
    let test = workspace(&["[[activity]]"]);
    let args = ["summarize", "orig", "--sector", "侨联", "--year", "2021", "-o", "2021.xlsx"];
    test.run(&args).success();
    let before = test.read("copy/侨联.toml");
    let run = test.run(&["import", "2021.xlsx", "--sector", "侨联", "copy"]);
    assert_eq!(run.status, 1);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "提示: 工作表「总览」「活动类别」「各月活动」「委员履职」不是活动、工作设想或指标的表格，已跳过
提示: 跳过了表头上方的 2 行（「工作设想」第 1 行、「活动明细」第 1 行）
错误[E010]: 表格缺少必需的列「年度」
  --> 2021.xlsx:年度指标!A2
   |
A2 | 界别
   | ^^^^
   = 帮助: 加一列「年度」，或用 `--year` 给出所有行的年度；运行 `jiebie explain E010` 查看详细说明

未写入：表格中有 1 个错误
"
    );
    assert_eq!(test.read("copy/侨联.toml"), before);
    // One sheet of it alone imports without the year.
    let run = test.run(&["import", "2021.xlsx", "--sector", "侨联", "copy", "--sheet", "活动明细"]);
    let note = "提示: 跳过了表头上方的 1 行（「活动明细」第 1 行）\n";
    assert_eq!((run.stdout.as_str(), run.stderr.as_str()), (imported("zh", 5).as_str(), note));
}

/// An .xlsx of the exported CSV rows, as a secretary's sheet holds them: day dates as Excel
/// dates, counts as numbers, the rest as text.
fn xlsx_of(csv: &str, sheet: &str) -> Vec<u8> {
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let ws = book.add_worksheet();
    ws.set_name(sheet).unwrap();
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(csv.as_bytes());
    for (r, record) in reader.records().enumerate() {
        for (c, field) in record.unwrap().iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            if field.is_empty() {
                continue;
            }
            let day = (field.len() == 10 && field.as_bytes()[4] == b'-')
                .then(|| ExcelDateTime::parse_from_str(field).ok())
                .flatten();
            if let Some(day) = day {
                ws.write_datetime_with_format(r, c, &day, &date).unwrap();
            } else if let Ok(n) = field.parse::<f64>() {
                ws.write_number(r, c, n).unwrap();
            } else {
                ws.write_string(r, c, field).unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn an_xlsx_with_excel_dates_imports_back() {
    let test = workspace(&["[[activity]]"]);
    for year in ["2020", "2021"] {
        let name = format!("{year}.xlsx");
        std::fs::write(test.path(&name), xlsx_of(&export(&test, year, "zh"), "活动明细")).unwrap();
        test.run(&["import", &name, "--sector", "侨联", "copy"]).success();
    }
    for year in ["2020", "2021"] {
        assert_eq!(summary(&test, "copy", year), summary(&test, "orig", year), "{year}");
    }
    let run = test.run(&["import", "2020.xlsx", "--sector", "侨联", "copy", "--sheet", "活动明细"]);
    assert_eq!(
        run.stdout,
        "没有新的记录，copy/侨联.toml 未改动\n读取 4 行，新增 0 条，跳过 4 条\n"
    );
    let run = test.run(&["import", "2020.xlsx", "--sector", "侨联", "copy", "--sheet", "Sheet9"]);
    assert_eq!(run.status, 2);
    assert_eq!(run.stderr, "错误: 没有名为「Sheet9」的工作表；表格中有：活动明细\n");
}

const ORIGINAL: &str = "\u{feff}# 台联\r\n[sector]\r\nname = \"台联\"  # 名称\r\n\r\n[[review]]\r\nyear = 2021\r\nsummary = \"概要\"\r\n\r\n[[plan]]\r\nid = \"p1\"\r\nyear = 2021\r\ntitle = \"走访台企\"\r\n# 末尾注释";

#[test]
fn rows_are_appended_after_the_last_byte_and_dry_run_writes_nothing() {
    let sheet = "日期,类别,活动,参与人次,合作界别,亮点,对应设想,主题,成果\n\
                 2021年3月2日,走访,走访台企,12,\"侨联，经济界\",是,走访台企,\"台企；营商\",\"形成报告，报送市里、编入案例\"\n\
                 2021-Q2,座谈会,两岸青年座谈,\"8\",,否,p1,,\n\
                 44256,学习,专题学习,,,1,,,\n\
                 2021-Q2,座谈会,两岸青年座谈,,,,,,\n";
    let test = Test::new()
        .file("data/台联.toml", ORIGINAL)
        .file("data/侨联.toml", "[sector]\nname = \"侨联\"\n")
        .file("data/经济界.toml", "[sector]\nname = \"经济界\"\n")
        .file("活动.csv", sheet);
    let appended = "\r\n\r\n[[activity]]\r\ndate = 2021-03-02\r\nkind = \"走访\"\r\ntitle = \"走访台企\"\r\nparticipants = 12\r\npartners = [\"侨联\", \"经济界\"]\r\ntags = [\"台企\", \"营商\"]\r\noutcomes = [\"形成报告，报送市里\", \"编入案例\"]\r\nplan = \"p1\"\r\nhighlight = true\r\n\r\n[[activity]]\r\ndate = \"2021-Q2\"\r\nkind = \"座谈会\"\r\ntitle = \"两岸青年座谈\"\r\nparticipants = 8\r\nplan = \"p1\"\r\n\r\n[[activity]]\r\ndate = 2021-03-01\r\nkind = \"学习\"\r\ntitle = \"专题学习\"\r\nhighlight = true\r\n";
    let run = test.run(&["import", "活动.csv", "--sector", "台联", "data", "--dry-run"]);
    run.success();
    assert_eq!(run.stdout, appended.trim_start_matches("\r\n"));
    assert_eq!(run.stderr, "读取 4 行，新增 3 条，跳过 1 条（试运行，未写入 data/台联.toml）\n");
    assert_eq!(test.read("data/台联.toml"), ORIGINAL.as_bytes());

    let run = test.run(&["import", "活动.csv", "--sector", "台联", "data", "--lang", "en"]);
    run.success();
    assert_eq!(run.stdout, "imported into data/台联.toml\nread 4 row(s), added 3, skipped 1\n");
    assert_eq!(run.stderr, "");
    let after = String::from_utf8(test.read("data/台联.toml")).unwrap();
    assert_eq!(after, format!("{ORIGINAL}{appended}"));
    assert_eq!(test.diagnostics(&["data"]), []);
}

#[test]
fn every_bad_cell_is_reported_at_its_cell() {
    let sheet = "日期,类别,活动,参与人次,亮点,对应设想,合作界别,负责人\n\
                 2021-03-02,调查,走访,-5,也许,不存在的设想,台联,x\n\
                 明年春天,座谈,,abc,是,,,\n\
                 2021-02-30,,研讨,3,否,,某某会,\n";
    let test = Test::new()
        .file("data/侨联.toml", "[sector]\nname = \"侨联\"\n")
        .file("data/台联.toml", "[sector]\nname = \"台联\"\n")
        .file("坏.csv", sheet);
    let run = test.run(&["import", "坏.csv", "--sector", "侨联", "data"]);
    assert_eq!(run.status, 1);
    assert_eq!(run.stdout, "");
    let help = "可用的写法：2021-03-02、\"2021.3.2\"、\"2021年3月2日\"、\"2021-03\"、\"2021年3月\"、\"2021-Q2\"、\"2021年二季度\"、\"2021-H1\"、\"2021年上半年\"、\"2021\"、\"2021年全年\"；";
    let expected = format!(
        "警告: 未知的列「负责人」（坏.csv:H1），已忽略
错误[E020]: 未知的活动类别「调查」
  --> 坏.csv:B2
   |
B2 | 调查
   | ^^^^
   = 帮助: 是否想写「调研」？ 运行 `jiebie explain E020` 查看详细说明

错误[E013]: `参与人次` 不能为负数
  --> 坏.csv:D2
   |
D2 | -5
   | ^^
   = 帮助: 运行 `jiebie explain E013` 查看详细说明

错误[E012]: `亮点` 的值应为true 或 false，实际是文字
  --> 坏.csv:E2
   |
E2 | 也许
   | ^^^^
   = 帮助: 写“是”或“否”（也可写 yes/no、true/false、1/0）；运行 `jiebie explain E012` 查看详细说明

错误[E031]: 本界别没有编号为「不存在的设想」的工作设想（[[plan]]）
  --> 坏.csv:F2
   |
F2 | 不存在的设想
   | ^^^^^^^^^^^^
   = 帮助: 运行 `jiebie explain E031` 查看详细说明

错误[E013]: 「明年春天」不是可识别的日期
  --> 坏.csv:A3
   |
A3 | 明年春天
   | ^^^^^^^^
   = 帮助: {help}运行 `jiebie explain E013` 查看详细说明

错误[E013]: `活动` 不能为空
  --> 坏.csv:C3
   |
C3 | 
   | ^
   = 帮助: 运行 `jiebie explain E013` 查看详细说明

错误[E012]: `参与人次` 的值应为整数，实际是文字
  --> 坏.csv:D3
   |
D3 | abc
   | ^^^
   = 帮助: 运行 `jiebie explain E012` 查看详细说明

错误[E013]: 日期「2021-02-30」不存在
  --> 坏.csv:A4
   |
A4 | 2021-02-30
   | ^^^^^^^^^^
   = 帮助: {help}运行 `jiebie explain E013` 查看详细说明

错误[E013]: `类别` 不能为空
  --> 坏.csv:B4
   |
B4 | 
   | ^
   = 帮助: 运行 `jiebie explain E013` 查看详细说明

警告[W101]: 合作界别「某某会」不是已知的界别或别名
  --> 坏.csv:G4
   |
G4 | 某某会
   | ^^^^^^
   = 帮助: 运行 `jiebie explain W101` 查看详细说明

未写入：表格中有 9 个错误
"
    );
    assert_eq!(run.stderr, expected);
    assert_eq!(test.read("data/侨联.toml"), "[sector]\nname = \"侨联\"\n".as_bytes());

    let run = test.run(&["import", "坏.csv", "--sector", "侨联", "data", "--lang", "en", "-q"]);
    assert_eq!(run.status, 1);
    let first = "error[E020]: unknown activity kind `调查`
  --> 坏.csv:B2
   |
B2 | 调查
   | ^^^^
   = help: did you mean `调研`? run `jiebie explain E020` for details

error[E013]: `参与人次` must not be negative
  --> 坏.csv:D2
";
    assert!(run.stderr.starts_with(first), "{}", run.stderr);
    assert!(run.stderr.ends_with("nothing written: the sheet has 9 error(s)\n"), "{}", run.stderr);
    assert!(!run.stderr.contains("warning"), "-q hides warnings: {}", run.stderr);
}

#[test]
fn plans_and_metrics_sheets_of_one_workbook() {
    let mut book = Workbook::new();
    let plans = book.add_worksheet();
    plans.set_name("工作设想").unwrap();
    for (c, h) in ["界别", "年度", "编号", "类别", "设想", "说明"].iter().enumerate() {
        plans.write_string(0, c as u16, *h).unwrap();
    }
    let rows: [(&str, f64, &str, &str, &str); 3] = [
        ("侨联", 2022.0, "2022-a", "调研", "走访侨企"),
        ("侨联", 2022.0, "2022-b", "学习", "走访侨企"),
        ("台联", 2022.0, "2022-t", "学习", "别人的设想"),
    ];
    for (r, (sector, year, id, kind, title)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        plans.write_string(r, 0, *sector).unwrap();
        plans.write_number(r, 1, *year).unwrap();
        plans.write_string(r, 2, *id).unwrap();
        plans.write_string(r, 3, *kind).unwrap();
        plans.write_string(r, 4, *title).unwrap();
    }
    let metrics = book.add_worksheet();
    metrics.set_name("年度指标").unwrap();
    for (c, h) in ["Metric", "value", "Unit", "Target", "Completion", "Note"].iter().enumerate() {
        metrics.write_string(0, c as u16, *h).unwrap();
    }
    metrics.write_string(1, 0, "联系侨胞").unwrap();
    metrics.write_number(1, 1, 120.0).unwrap();
    metrics.write_string(1, 2, "人次").unwrap();
    metrics.write_string(1, 3, "100").unwrap();
    metrics.write_string(1, 4, "120%").unwrap();
    metrics.write_string(2, 0, "收集史料").unwrap();
    metrics.write_number(2, 1, 6.5).unwrap();
    let activities = book.add_worksheet();
    activities.set_name("活动").unwrap();
    for (c, h) in ["日期", "类别", "活动", "对应设想"].iter().enumerate() {
        activities.write_string(0, c as u16, *h).unwrap();
    }
    activities.write_string(1, 0, "2022年上半年").unwrap();
    activities.write_string(1, 1, "调研").unwrap();
    activities.write_string(1, 2, "走访").unwrap();
    activities.write_string(1, 3, "走访侨企").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let review = "[sector]\nname = \"侨联\"\n\n[[review]]\nyear = 2022\nsummary = \"概要\"\n";
    let test = Test::new()
        .file("data/侨联.toml", review)
        .file("data/台联.toml", "[sector]\nname = \"台联\"\n")
        .bytes("年度.xlsx", &bytes);

    // Two plans share the title the activity names: E031 names both.
    let run = test.run(&["import", "年度.xlsx", "--sector", "侨联", "data", "--year", "2022"]);
    assert_eq!(run.status, 1);
    assert_eq!(
        run.stderr,
        "警告: 跳过了 1 行其他界别的记录（界别列不是「侨联」）
错误[E031]: 有多项工作设想名为「走访侨企」：2022-a、2022-b
  --> 年度.xlsx:活动!D2
   |
D2 | 走访侨企
   | ^^^^^^^^
   = 帮助: 在这一格写设想的编号（编号/ID）；运行 `jiebie explain E031` 查看详细说明

未写入：表格中有 1 个错误
"
    );
    let run = test.run(&[
        "import",
        "年度.xlsx",
        "--sector",
        "侨联",
        "data",
        "--year",
        "2022",
        "--sheet",
        "工作设想",
    ]);
    run.success();
    assert_eq!(run.stdout, "已导入到 data/侨联.toml\n读取 3 行，新增 2 条，跳过 1 条\n");
    let run = test.run(&["import", "年度.xlsx", "--sector", "侨联", "data", "--sheet", "年度指标"]);
    assert_eq!(run.status, 1);
    assert_eq!(
        run.stderr,
        "错误[E010]: 表格缺少必需的列「年度」
  --> 年度.xlsx:年度指标!A1
   |
A1 | Metric
   | ^^^^^^
   = 帮助: 加一列「年度」，或用 `--year` 给出所有行的年度；运行 `jiebie explain E010` 查看详细说明

未写入：表格中有 1 个错误
"
    );
    let run = test.run(&[
        "import",
        "年度.xlsx",
        "--sector",
        "侨联",
        "data",
        "--sheet",
        "年度指标",
        "--year",
        "2021",
    ]);
    run.success();
    assert_eq!(
        String::from_utf8(test.read("data/侨联.toml")).unwrap(),
        format!(
            "{review}\n[[plan]]\nid = \"2022-a\"\nyear = 2022\ntitle = \"走访侨企\"\nkind = \"调研\"\n\n[[plan]]\nid = \"2022-b\"\nyear = 2022\ntitle = \"走访侨企\"\nkind = \"学习\"\n\n[[metric]]\nyear = 2021\nname = \"联系侨胞\"\nvalue = 120\nunit = \"人次\"\ntarget = 100\n\n[[metric]]\nyear = 2021\nname = \"收集史料\"\nvalue = 6.5\n"
        )
    );
    // Everything again: plans and metrics are skipped; the activity still needs an id.
    let run =
        test.run(&["import", "年度.xlsx", "--sector", "侨联", "data", "--year", "2021", "-q"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
}

#[test]
fn a_gbk_csv_is_recognised_and_said() {
    let (bytes, _, _) =
        encoding_rs::GBK.encode("日期,类别,活动,界别\n2021-05,座谈,侨界座谈,侨联界\n");
    let test = Test::new()
        .file(
            "data/侨联.toml",
            "[sector]\nname = \"侨联\"\n[[review]]\nyear = 2021\nsummary = \"概要\"\n",
        )
        .file("data/jiebie.toml", "[aliases]\n\"侨联界\" = \"侨联\"\n")
        .bytes("gbk.csv", &bytes);
    let run = test.run(&["import", "gbk.csv", "--sector", "侨联", "data"]);
    run.success();
    assert_eq!(run.stderr, "提示: `gbk.csv` 是 GBK/GB18030 编码，已按 GBK 读取\n");
    assert_eq!(run.stdout, "已导入到 data/侨联.toml\n读取 1 行，新增 1 条，跳过 0 条\n");
    assert!(
        String::from_utf8(test.read("data/侨联.toml")).unwrap().ends_with(
            "\n[[activity]]\ndate = \"2021-05\"\nkind = \"座谈\"\ntitle = \"侨界座谈\"\n"
        )
    );
    let run = test.run(&["import", "x.txt", "--sector", "侨联", "data"]);
    assert_eq!((run.status, run.stderr.as_str()), (2, "错误: 路径 `x.txt` 不存在\n"));
}

/// `examples/导入示例.xlsx`, the sheet a secretary can copy: made here, so that it stays what
/// jiebie imports. `JIEBIE_WRITE_SAMPLE=1 cargo test --test import sample` writes it again.
fn sample_workbook() -> Vec<u8> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(2021, 1, 1).unwrap();
    book.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&created));
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let header = |ws: &mut rust_xlsxwriter::Worksheet, labels: &[&str]| {
        for (c, label) in labels.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *label, &bold).unwrap();
            ws.set_column_width(c as u16, 14).unwrap();
        }
        ws.set_freeze_panes(1, 0).unwrap();
    };
    let ws = book.add_worksheet();
    ws.set_name("活动").unwrap();
    header(
        ws,
        &[
            "日期",
            "结束日期",
            "类别",
            "活动",
            "参与人次",
            "合作界别",
            "地点",
            "亮点",
            "对应设想",
            "内容",
            "成果",
            "会外合办",
            "主题",
        ],
    );
    ws.write_datetime_with_format(1, 0, ExcelDateTime::from_ymd(2021, 3, 2).unwrap(), &date)
        .unwrap();
    for (c, text) in [(2, "调研"), (3, "走访区内民营企业"), (5, "工商联、经济界"), (6, "浦东新区")]
    {
        ws.write_string(1, c, text).unwrap();
    }
    ws.write_number(1, 4, 12).unwrap();
    ws.write_string(1, 7, "是").unwrap();
    ws.write_string(1, 8, "走访民营企业").unwrap();
    ws.write_string(1, 9, "了解企业复工复产和融资情况。").unwrap();
    ws.write_string(1, 10, "形成调研报告一篇").unwrap();
    ws.write_string(1, 12, "民营经济、营商环境").unwrap();
    for (c, text) in [(0, "2021年上半年"), (2, "学习会"), (3, "党史学习教育专题学习会"), (7, "否")]
    {
        ws.write_string(2, c, text).unwrap();
    }
    ws.write_number(2, 4, 20).unwrap();
    for (c, text) in [(0, "2021-Q3"), (2, "座谈会"), (3, "界别委员座谈会"), (11, "区工商联")]
    {
        ws.write_string(3, c, text).unwrap();
    }
    let ws = book.add_worksheet();
    ws.set_name("工作设想").unwrap();
    header(ws, &["年度", "编号", "类别", "设想", "说明"]);
    ws.write_number(1, 0, 2021).unwrap();
    for (c, text) in [(1, "2021-private-firms"), (2, "调研"), (3, "走访民营企业")] {
        ws.write_string(1, c, text).unwrap();
    }
    ws.write_string(1, 4, "每季度走访一批区内民营企业。").unwrap();
    let ws = book.add_worksheet();
    ws.set_name("年度指标").unwrap();
    header(ws, &["年度", "指标", "数值", "单位", "目标", "说明"]);
    ws.write_number(1, 0, 2021).unwrap();
    ws.write_string(1, 1, "报送社情民意信息").unwrap();
    ws.write_number(1, 2, 8).unwrap();
    ws.write_string(1, 3, "篇").unwrap();
    ws.write_number(1, 4, 6).unwrap();
    ws.write_string(1, 5, "其中2篇获批示").unwrap();
    let mut bytes = book.save_to_buffer().unwrap();
    made_on_unix(&mut bytes);
    bytes
}

/// The zip library writes the building system into each entry's "made by" field (DOS on
/// Windows); the sample in examples/ says Unix, so the bytes made here are marked the same
/// wherever the test runs (jiebie's own workbooks are, in `render::xlsx`).
fn made_on_unix(zip: &mut [u8]) {
    let u16_at = |b: &[u8], i: usize| usize::from(u16::from_le_bytes([b[i], b[i + 1]]));
    let end = zip.windows(4).rposition(|w| w == b"PK\x05\x06").expect("end of the zip");
    let mut at = u32::from_le_bytes(zip[end + 16..end + 20].try_into().unwrap()) as usize;
    while &zip[at..at + 4] == b"PK\x01\x02" {
        zip[at + 5] = 3;
        at += 46 + u16_at(zip, at + 28) + u16_at(zip, at + 30) + u16_at(zip, at + 32);
    }
}

#[test]
fn sample_sheet_in_examples_is_current_and_imports() {
    let path = Path::new(EXAMPLES).join("导入示例.xlsx");
    let made = sample_workbook();
    if std::env::var_os("JIEBIE_WRITE_SAMPLE").is_some() {
        std::fs::write(&path, &made).unwrap();
    }
    assert_eq!(std::fs::read(&path).unwrap(), made, "run with JIEBIE_WRITE_SAMPLE=1 to update");

    let test = Test::new()
        .bytes("导入示例.xlsx", &made)
        .file("data/工商联.toml", "[sector]\nname = \"工商联\"\n")
        .file("data/经济界.toml", "[sector]\nname = \"经济界\"\n");
    test.run(&["init", "民建", "--dir", "data", "--year", "2021"]).success();
    let run = test.run(&["import", "导入示例.xlsx", "--sector", "民建", "data"]);
    run.success();
    assert_eq!(run.stdout, "已导入到 data/民建.toml\n读取 5 行，新增 5 条，跳过 0 条\n");
    assert_eq!(run.stderr, "");
    // Only the placeholder of init's template is left to fill in; the imported rows are clean.
    let report = test.diagnostics(&["data"]);
    assert_eq!(report, [("W109".to_string(), "data/民建.toml".to_string(), 20, 11)]);
    let run = test.run(&["summarize", "data", "--view", "activities", "--format", "csv"]);
    assert_eq!(
        run.stdout.lines().nth(1).unwrap(),
        "民建,2021-H1,,学习,党史学习教育专题学习会,20,,,否,,,,,,",
        "the CSV of the activities adds summary, outcomes, organizers, tags and note"
    );
}

#[cfg(unix)]
#[test]
fn import_waits_for_the_same_lock_as_add() {
    let sector = "[sector]\nname = \"侨联\"\n";
    let test = Test::new()
        .file("侨联.toml", sector)
        .file("活动.csv", "日期,类别,活动\n2021-03-02,调研,走访\n")
        .env("JIEBIE_TEST_LOCK_WAIT_MS", "200");
    let lock = test.hold_lock("侨联.toml", "lihua@office-pc pid 4242");
    let run = test.run(&["import", "活动.csv", "--sector", "侨联"]);
    assert_eq!(run.status, 2);
    assert_eq!(
        run.stderr,
        "`./侨联.toml` 正被另一个 jiebie 进程修改（lihua@office-pc pid 4242），等待它结束（最多 10 秒）…\n\
         错误: `./侨联.toml` 正被另一个 jiebie 进程修改（lihua@office-pc pid 4242），等待 10 秒后仍未结束；请稍后重试\n"
    );
    assert_eq!(test.read("侨联.toml"), sector.as_bytes(), "nothing written");
    drop(lock);
    test.run(&["import", "活动.csv", "--sector", "侨联"]).success();
}

#[test]
fn nothing_new_for_a_sector_of_several_files_names_no_file() {
    let test = Test::new();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples"), &test.path("data"));
    let export = test.run(&[
        "summarize",
        "data",
        "--sector",
        "对外友好界",
        "--year",
        "2021",
        "--view",
        "activities",
        "--format",
        "csv",
        "-o",
        "活动.csv",
    ]);
    assert_eq!(export.status, 0, "{}", export.stderr);
    let before = test.read("data/对外友好界/2021.toml");
    let run = test.run(&["import", "活动.csv", "--sector", "对外友好界", "data", "-q"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "没有新的记录，没有改动任何文件\n读取 10 行，新增 0 条，跳过 10 条\n");
    assert_eq!(test.read("data/对外友好界/2021.toml"), before);
    let run =
        test.run(&["import", "活动.csv", "--sector", "对外友好界", "data", "-q", "--lang", "en"]);
    assert_eq!(run.stdout, "nothing new: no file changed\nread 10 row(s), added 0, skipped 10\n");
}
