//! `--format xlsx` (SPEC §9): the workbook is unzipped and its XML read back — sheet names,
//! title rows and printed headers, header labels, typed cells and their number formats (days as
//! date cells, integers beyond 2^53 as exact text), shared strings, `SUM` totals whose cached
//! values are the column sums, frozen panes, autofilters, print setup, column widths and
//! wrapping, native charts, formula-injection text kept as strings, identical bytes on every
//! run — and read again with calamine, as a real reader would, and imported back. Also the CSV
//! columns that came with it and the diff's percentage points.

mod harness;

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use harness::{Test, fixture};

const CONFIG: &str = r#"organization = "测试市政协"
sectors = ["社会福利和社会保障界", "经济界"]
"#;

const WELFARE: &str = r#"[sector]
name = "社会福利和社会保障界"

[[plan]]
id = "p21-care"
year = 2021
title = "调研社区养老服务"

[[plan]]
id = "p22-more"
year = 2022
title = "继续关注养老服务"

[[activity]]
date = 2021-03-02
kind = "调研"
title = '=HYPERLINK("http://example.com","点我")'
participants = 12
partners = ["经济界"]
summary = "走访社区养老服务中心"
outcomes = ["形成调研报告1篇", "提出建议3条"]
organizers = ["市民政局"]
tags = ["养老", "社区"]
plan = "p21-care"

[[activity]]
date = "2021-05"
kind = "座谈"
title = "养老服务座谈会"
participants = 8

[[metric]]
year = 2020
name = "城镇登记失业率"
value = 4.2
unit = "%"

[[metric]]
year = 2021
name = "城镇登记失业率"
value = 3.9
unit = "%"

[[metric]]
year = 2021
name = "走访社区"
value = 3
unit = "个"
target = 8
"#;

const ECONOMY: &str = r#"[sector]
name = "经济界"

[[activity]]
date = 2020-06-01
kind = "调研"
title = "外贸企业调研"
participants = 10

[[activity]]
date = 2021-06-01
kind = "调研"
title = "营商环境调研"
participants = 20

[[activity]]
date = "2021-Q4"
kind = "座谈"
title = "经济形势座谈"
participants = 5

[[metric]]
year = 2020
name = "全市地区生产总值增速"
value = 1.7
unit = "%"

[[metric]]
year = 2021
name = "全市地区生产总值增速"
value = 8.1
unit = "%"
"#;

const VIEWS: [&str; 6] = ["overview", "activities", "kinds", "months", "plans", "metrics"];

fn workspace() -> Test {
    Test::new()
        .file("data/jiebie.toml", CONFIG)
        .file("data/社会福利和社会保障界.toml", WELFARE)
        .file("data/经济界.toml", ECONOMY)
}

/// A cell as read from a sheet's XML.
#[derive(Clone, Debug, PartialEq)]
struct XCell {
    reference: String,
    /// `t`: "s" for a shared string, "inlineStr" for text written in the cell (never, since
    /// Excel would rewrite such a file); None for a number (or a formula's number).
    kind: Option<String>,
    style: usize,
    formula: Option<String>,
    /// The number, or the text (a shared string looked up).
    value: String,
}

/// A workbook unzipped: its parts as text, and the shared strings and styles decoded.
struct Book {
    parts: BTreeMap<String, String>,
    strings: Vec<String>,
    /// Per style index: (number format code, bold).
    styles: Vec<(String, bool)>,
}

impl Book {
    fn open(bytes: &[u8]) -> Book {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip file");
        let mut parts = BTreeMap::new();
        for i in 0..zip.len() {
            let mut file = zip.by_index(i).unwrap();
            let mut text = String::new();
            file.read_to_string(&mut text).unwrap();
            let name = file.name().expect("an entry name").to_string();
            parts.insert(name, text);
        }
        let strings = parts
            .get("xl/sharedStrings.xml")
            .map(|sst| between_all(sst, "<si>", "</si>").iter().map(|si| text_of(si)).collect())
            .unwrap_or_default();
        let styles_xml = &parts["xl/styles.xml"];
        let mut formats: BTreeMap<String, String> =
            [("0", "General"), ("9", "0%")].map(|(k, v)| (k.to_string(), v.to_string())).into();
        for numfmt in between_all(styles_xml, "<numFmt ", "/>") {
            formats.insert(
                attr(&numfmt, "numFmtId").unwrap(),
                unescape(&attr(&numfmt, "formatCode").unwrap()),
            );
        }
        let fonts: Vec<bool> =
            between_all(&between(styles_xml, "<fonts", "</fonts>"), "<font>", "</font>")
                .iter()
                .map(|f| f.contains("<b/>"))
                .collect();
        let styles = between_all(&between(styles_xml, "<cellXfs", "</cellXfs>"), "<xf ", "/>")
            .iter()
            .map(|xf| {
                let format = formats[&attr(xf, "numFmtId").unwrap()].clone();
                let bold = fonts[attr(xf, "fontId").unwrap().parse::<usize>().unwrap()];
                (format, bold)
            })
            .collect();
        Book { parts, strings, styles }
    }

    /// The sheet names, in order.
    fn sheet_names(&self) -> Vec<String> {
        between_all(&self.parts["xl/workbook.xml"], "<sheet ", "/>")
            .iter()
            .map(|s| unescape(&attr(s, "name").unwrap()))
            .collect()
    }

    fn sheet_xml(&self, index: usize) -> &str {
        &self.parts[&format!("xl/worksheets/sheet{}.xml", index + 1)]
    }

    fn cells(&self, index: usize) -> Vec<XCell> {
        let xml = self.sheet_xml(index);
        let mut cells = Vec::new();
        for chunk in xml.split("<c r=\"").skip(1) {
            let head = &chunk[..chunk.find('>').unwrap()];
            let reference = head[..head.find('"').unwrap()].to_string();
            let head = format!(" r=\"{head}");
            let body = if head.ends_with('/') {
                ""
            } else {
                &chunk[chunk.find('>').unwrap() + 1..chunk.find("</c>").unwrap()]
            };
            let formula = body.contains("<f>").then(|| unescape(&between(body, "<f>", "</f>")));
            let kind = attr(&head, "t");
            let value = match kind.as_deref() {
                Some("inlineStr") => text_of(&between(body, "<is>", "</is>")),
                Some("s") => {
                    self.strings[between(body, "<v>", "</v>").parse::<usize>().unwrap()].clone()
                }
                _ if body.contains("<v>") => between(body, "<v>", "</v>"),
                _ => String::new(),
            };
            cells.push(XCell {
                reference,
                kind,
                style: attr(&head, "s").map_or(0, |s| s.parse().unwrap()),
                formula,
                value,
            });
        }
        cells
    }

    /// Every cell of a sheet as a line: reference, what it holds, its number format, bold.
    fn dump(&self, index: usize) -> String {
        let mut out = String::new();
        for cell in self.cells(index) {
            let (format, bold) = &self.styles[cell.style];
            let what = match (&cell.kind, &cell.formula) {
                (Some(t), _) if t == "s" || t == "inlineStr" => format!("text {:?}", cell.value),
                (Some(t), _) => format!("{t}? {}", cell.value),
                (None, Some(f)) => format!("formula {f} = {}", cell.value),
                (None, None) => format!("number {}", cell.value),
            };
            let bold = if *bold { " bold" } else { "" };
            out.push_str(&format!("{} {what} [{format}]{bold}\n", cell.reference));
        }
        out
    }

    /// The widths of the columns, by 1-based column number.
    fn widths(&self, index: usize) -> BTreeMap<usize, f64> {
        let mut widths = BTreeMap::new();
        for col in between_all(self.sheet_xml(index), "<col ", "/>") {
            let (min, max): (usize, usize) = (
                attr(&col, "min").unwrap().parse().unwrap(),
                attr(&col, "max").unwrap().parse().unwrap(),
            );
            let width: f64 = attr(&col, "width").unwrap().parse().unwrap();
            for c in min..=max {
                widths.insert(c, width);
            }
        }
        widths
    }
}

fn between(text: &str, start: &str, end: &str) -> String {
    let from = text.find(start).unwrap_or_else(|| panic!("no {start} in {text}")) + start.len();
    let to = from + text[from..].find(end).unwrap();
    text[from..to].to_string()
}

fn between_all(text: &str, start: &str, end: &str) -> Vec<String> {
    text.split(start).skip(1).map(|part| part[..part.find(end).unwrap()].to_string()).collect()
}

fn attr(tag: &str, name: &str) -> Option<String> {
    // The split that found the tag took the space before its first attribute.
    let tag = format!(" {tag}");
    let key = format!(" {name}=\"");
    let from = tag.find(&key)? + key.len();
    Some(tag[from..from + tag[from..].find('"')?].to_string())
}

fn text_of(si: &str) -> String {
    between_all(si, "<t", "</t>").iter().map(|t| unescape(&t[t.find('>').unwrap() + 1..])).collect()
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The 0-based column of a reference ("C12" → 2) and its 1-based row.
fn position(reference: &str) -> (usize, usize) {
    let letters: String = reference.chars().take_while(|c| c.is_ascii_uppercase()).collect();
    let col = letters.bytes().fold(0, |n, b| n * 26 + usize::from(b - b'A' + 1)) - 1;
    (col, reference[letters.len()..].parse().unwrap())
}

/// Every `SUM` formula's cached value equals the sum of the numbers of its range.
fn check_sums(book: &Book, index: usize) -> usize {
    let cells = book.cells(index);
    let mut checked = 0;
    for cell in cells.iter().filter(|c| c.formula.is_some()) {
        let formula = cell.formula.as_deref().unwrap();
        let range = formula.strip_prefix("SUM(").and_then(|f| f.strip_suffix(')')).unwrap();
        let (first, last) = range.split_once(':').unwrap();
        let ((col, top), (last_col, bottom)) = (position(first), position(last));
        assert_eq!(col, last_col, "{formula}");
        assert_eq!(position(&cell.reference), (col, bottom + 1), "total right below the column");
        let sum: f64 = cells
            .iter()
            .filter(|c| c.kind.is_none() && c.formula.is_none() && !c.value.is_empty())
            .filter(|c| {
                let (c_col, row) = position(&c.reference);
                c_col == col && (top..=bottom).contains(&row)
            })
            .map(|c| c.value.parse::<f64>().unwrap())
            .sum();
        let cached: f64 = cell.value.parse().unwrap();
        assert!(
            (cached - sum).abs() < 1e-9,
            "{}: {formula} cached {cached}, sums to {sum}",
            cell.reference
        );
        checked += 1;
    }
    checked
}

#[test]
fn summary_workbook_has_a_typed_sheet_per_view() {
    let test = workspace();
    test.run(&["summarize", "data", "--year", "2021", "-o", "统计.xlsx"]).success();
    let bytes = test.read("统计.xlsx");
    let book = Book::open(&bytes);
    assert_eq!(
        book.sheet_names(),
        ["总览", "活动明细", "活动类别", "各月活动", "工作设想", "年度指标"]
    );
    let workbook = &book.parts["xl/workbook.xml"];
    for (i, name) in book.sheet_names().iter().enumerate() {
        let xml = book.sheet_xml(i);
        // Frozen below the title and the header, the filter on the header.
        assert!(xml.contains(r#"<pane xSplit="1" ySplit="2" topLeftCell="B3""#), "{name}: {xml}");
        assert!(xml.contains("<autoFilter ref=\"A2:"), "{name}");
        assert!(xml.contains(r#"<pageSetUpPr fitToPage="1"/>"#), "{name}");
        assert!(
            xml.contains(r#"<pageSetup paperSize="9" fitToHeight="0" orientation="landscape""#),
            "{name}"
        );
        assert!(
            workbook.contains(&format!(
                r#"<definedName name="_xlnm.Print_Titles" localSheetId="{i}">{name}!$2:$2</definedName>"#
            )),
            "{name}: {workbook}"
        );
        // The header row (below the title) is bold, and the same labels as the CSV of the view.
        let header: Vec<XCell> =
            book.cells(i).into_iter().filter(|c| position(&c.reference).1 == 2).collect();
        assert!(header.iter().all(|c| book.styles[c.style].1), "{name}: bold header");
        insta::assert_snapshot!(format!("xlsx-summary-{}", VIEWS[i]), book.dump(i));
    }
    for (i, view) in VIEWS.iter().enumerate() {
        let csv =
            test.run(&["summarize", "data", "--year", "2021", "--format", "csv", "--view", view]);
        let labels: Vec<String> =
            csv.stdout.lines().next().unwrap().split(',').map(str::to_string).collect();
        let header: Vec<String> = book
            .cells(i)
            .into_iter()
            .filter(|c| position(&c.reference).1 == 2)
            .map(|c| c.value.clone())
            .collect();
        assert_eq!(header, labels, "{view}: the workbook and the CSV share their columns");
    }
    // Totals: overview, kinds and months, every number column a SUM with its sum cached.
    assert_eq!(check_sums(&book, 0), 9);
    assert_eq!(check_sums(&book, 2), 3);
    assert_eq!(check_sums(&book, 3), 14);
    assert_eq!(check_sums(&book, 1), 0, "activities have no total row");
}

#[test]
fn text_never_becomes_a_formula() {
    let test = workspace();
    test.run(&["summarize", "data", "--year", "2021", "--view", "activities", "-o", "a.xlsx"])
        .success();
    let book = Book::open(&test.read("a.xlsx"));
    assert_eq!(book.sheet_names(), ["活动明细"]);
    let cells = book.cells(0);
    let title = cells.iter().find(|c| c.reference == "E3").unwrap();
    assert_eq!(title.kind.as_deref(), Some("s"));
    assert_eq!(title.formula, None);
    assert_eq!(
        title.value, r#"=HYPERLINK("http://example.com","点我")"#,
        "kept as written, without the CSV's quote"
    );
    assert!(cells.iter().all(|c| c.formula.is_none()), "no formula anywhere: {cells:?}");
}

#[test]
fn columns_are_as_wide_as_their_chinese_text() {
    let test = workspace();
    test.run(&["summarize", "data", "--year", "2021", "-o", "w.xlsx"]).success();
    let book = Book::open(&test.read("w.xlsx"));
    // 活动明细: A holds 社会福利和社会保障界 (10 characters, 20 columns), B dates such as
    // 2021-03-02 (10 characters, 10 columns).
    let widths = book.widths(1);
    assert!(widths[&1] >= 20.0, "{widths:?}");
    assert!(widths[&2] < widths[&1] * 0.7, "{widths:?}");
    assert!(widths.values().all(|w| (8.0..=61.0).contains(w)), "capped: {widths:?}");
}

#[test]
fn same_input_same_bytes_in_a_file_and_on_standard_output() {
    let test = workspace();
    test.run(&["summarize", "data", "-o", "1.xlsx"]).success();
    test.run(&["summarize", "data", "-o", "2.xlsx"]).success();
    let stdout = test.run(&["summarize", "data", "--format", "xlsx"]);
    stdout.success();
    assert_eq!(test.read("1.xlsx"), test.read("2.xlsx"));
    assert_eq!(test.read("1.xlsx"), stdout.bytes);
    let book = Book::open(&stdout.bytes);
    let core = &book.parts["docProps/core.xml"];
    assert!(
        core.contains(
            "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2000-01-01T00:00:00Z</dcterms:created>"
        ),
        "{core}"
    );
    assert!(
        core.contains("<dc:title>测试市政协2021年界别工作概要与2022年工作设想</dc:title>"),
        "{core}"
    );
}

#[test]
fn english_sheet_names_and_labels() {
    let test = workspace();
    test.run(&["summarize", "data", "--lang", "en", "-o", "en.xlsx"]).success();
    let book = Book::open(&test.read("en.xlsx"));
    assert_eq!(
        book.sheet_names(),
        ["Overview", "Activities", "Kinds", "Months", "Plans", "Metrics"]
    );
    test.run(&["diff", "2020", "2021", "data", "--lang", "en", "-o", "diff.xlsx"]).success();
    let book = Book::open(&test.read("diff.xlsx"));
    assert_eq!(
        book.sheet_names(),
        ["Sectors", "Kinds", "Metrics", "Plan follow-through", "Brands"]
    );
    insta::assert_snapshot!("xlsx-diff-sectors-en", book.dump(0));
}

#[test]
fn diff_workbook_totals_and_percentage_points() {
    let test = workspace();
    test.run(&["diff", "2020", "2021", "data", "-o", "对比.xlsx"]).success();
    let book = Book::open(&test.read("对比.xlsx"));
    assert_eq!(
        book.sheet_names(),
        ["各界别对比", "活动类别对比", "指标对比", "设想落实", "工作品牌"]
    );
    assert_eq!(check_sums(&book, 0), 10, "every count and change of the sectors adds up");
    assert_eq!(check_sums(&book, 1), 3);
    assert_eq!(check_sums(&book, 2), 0, "different metrics do not add up");
    for i in 0..5 {
        insta::assert_snapshot!(format!("xlsx-diff-{i}"), book.dump(i));
    }
}

/// calamine, the reader of the import issue, sees strings, numbers and the cached totals.
#[test]
fn a_real_reader_sees_the_values() {
    let test = workspace();
    test.run(&["summarize", "data", "--year", "2021", "-o", "r.xlsx"]).success();
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(test.read("r.xlsx"))).unwrap();
    let overview = workbook.worksheet_range("总览").unwrap();
    let rows: Vec<Vec<Data>> = overview.rows().map(|r| r.to_vec()).collect();
    let s = |t: &str| Data::String(t.to_string());
    assert_eq!(rows[0][0], s("测试市政协2021年界别工作概要与2022年工作设想——总览"));
    assert_eq!(rows[1][0], s("界别"));
    assert_eq!(rows[2][..3], [s("社会福利和社会保障界"), Data::Float(2.0), Data::Float(20.0)]);
    assert_eq!(rows[3][..3], [s("经济界"), Data::Float(2.0), Data::Float(25.0)]);
    assert_eq!(rows[4][..3], [s("合计"), Data::Float(4.0), Data::Float(45.0)]);
    let metrics = workbook.worksheet_range("年度指标").unwrap();
    let rows: Vec<Vec<Data>> = metrics.rows().map(|r| r.to_vec()).collect();
    let visits = rows.iter().find(|r| r[1] == s("走访社区")).unwrap();
    assert_eq!(visits[2], Data::Float(3.0));
    assert_eq!(visits[4], Data::Float(8.0));
    assert_eq!(visits[5], Data::Float(0.375), "the ratio, shown as 38% by its format");
    let formulas = workbook.worksheet_formula("总览").unwrap();
    assert_eq!(formulas.get_value((4, 1)).map(String::as_str), Some("SUM(B3:B4)"));
    // Days are dates to a reader; a coarser date is its text.
    let activities = workbook.worksheet_range("活动明细").unwrap();
    let dates: Vec<String> = activities
        .rows()
        .skip(2)
        .map(|r| match &r[1] {
            Data::DateTime(day) => format!("day {}", day.as_f64()),
            other => format!("{other:?}"),
        })
        .collect();
    let text = |t: &str| format!("{:?}", s(t));
    assert_eq!(dates, ["day 44257".into(), text("2021-05"), "day 44348".into(), text("2021-Q4")]);
}

#[test]
fn unknown_output_extension_is_a_usage_error() {
    let test = workspace();
    let run = test.run(&["summarize", "data", "-o", "报告.pdf", "-q"]);
    assert_eq!(run.status, 2);
    assert_eq!(
        run.stderr,
        "错误: 无法从文件名 `报告.pdf` 判断输出格式：jiebie 能写的扩展名有 .txt .csv .md .json .docx .xlsx；或用 --format 指定\n"
    );
    assert!(!test.path("报告.pdf").exists());
    let run = test.run(&["diff", "2020", "2021", "data", "-o", "out", "--lang", "en"]);
    assert_eq!(run.status, 2);
    assert_eq!(
        run.stderr,
        "error: cannot tell the format of `out` from its extension: jiebie writes .txt .csv .md .json .docx .xlsx; or give --format\n"
    );
    test.run(&["summarize", "data", "-o", "report.txt"]).success();
    assert!(String::from_utf8(test.read("report.txt")).unwrap().contains("+---"));
    test.run(&["summarize", "data", "-o", "out.bin", "--format", "csv"]).success();
    // Standard output and devices need no extension.
    let dash = test.run(&["summarize", "data", "-o", "-", "--view", "overview", "-q"]);
    assert!(dash.success().stdout.starts_with("+---"), "{}", dash.stdout);
    // Unix only: Windows' `NUL` is a device too, but Wine gives it no metadata, so it is
    // taken for a file there (and the office writes reports to files).
    #[cfg(unix)]
    test.run(&["summarize", "data", "-o", "/dev/null", "-q"]).success();
}

#[test]
fn activities_csv_adds_details_and_names_plans_by_title() {
    let test = workspace();
    let run = test.run(&[
        "summarize",
        "data",
        "--year",
        "2021",
        "--format",
        "csv",
        "--view",
        "activities",
    ]);
    run.success();
    assert_eq!(
        run.stdout,
        "界别,日期,结束日期,类别,活动,参与人次,合作界别,地点,亮点,对应设想,内容,成果,会外合办,主题,备注\r\n\
         社会福利和社会保障界,2021-03-02,,调研,\"'=HYPERLINK(\"\"http://example.com\"\",\"\"点我\"\")\",12,经济界,,否,调研社区养老服务,走访社区养老服务中心,形成调研报告1篇、提出建议3条,市民政局,养老、社区,\r\n\
         社会福利和社会保障界,2021-05,,座谈,养老服务座谈会,8,,,否,,,,,,\r\n\
         经济界,2021-06-01,,调研,营商环境调研,20,,,否,,,,,,\r\n\
         经济界,2021-Q4,,座谈,经济形势座谈,5,,,否,,,,,,\r\n"
    );
    let en = test.run(&[
        "summarize",
        "data",
        "--year",
        "2021",
        "--format",
        "csv",
        "--view",
        "activities",
        "--lang",
        "en",
    ]);
    assert!(
        en.stdout.starts_with("Sector,Date,End date,Kind,Title,Participants,Partners,Location,Highlight,Plan,Summary,Outcomes,Organizers,Tags,Note\r\n"),
        "{}",
        en.stdout
    );
    assert!(en.stdout.contains(",no,调研社区养老服务,走访社区养老服务中心,形成调研报告1篇; 提出建议3条,市民政局,养老; 社区,\r\n"));
    // The terminal table keeps its columns, and shows the title too.
    let table = test.run(&["summarize", "data", "--year", "2021", "--view", "activities"]);
    assert!(table.stdout.contains("调研社区养老服务"), "{}", table.stdout);
    assert!(
        !table.stdout.contains("p21-care") && !table.stdout.contains("内容"),
        "{}",
        table.stdout
    );
    // JSON keeps the id and adds the title and the details.
    let json = test.run(&[
        "summarize",
        "data",
        "--year",
        "2021",
        "--format",
        "json",
        "--view",
        "activities",
    ]);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let row = &value["rows"][0];
    assert_eq!(row["plan"], "p21-care");
    assert_eq!(row["plan_title"], "调研社区养老服务");
    assert_eq!(row["summary"], "走访社区养老服务中心");
    assert_eq!(row["outcomes"], serde_json::json!(["形成调研报告1篇", "提出建议3条"]));
    assert_eq!(row["organizers"], serde_json::json!(["市民政局"]));
    assert_eq!(row["tags"], serde_json::json!(["养老", "社区"]));
}

#[test]
fn percentage_metrics_change_in_points() {
    let test = workspace();
    let csv = test.run(&["diff", "2020", "2021", "data", "--format", "csv", "--view", "metrics"]);
    assert_eq!(
        csv.stdout,
        "界别,指标,单位,2020,2021,变化,变化率\r\n\
         社会福利和社会保障界,城镇登记失业率,%,4.2,3.9,-0.3,\r\n\
         社会福利和社会保障界,走访社区,个,,3,,\r\n\
         经济界,全市地区生产总值增速,%,1.7,8.1,6.4,\r\n"
    );
    let markdown =
        test.run(&["diff", "2020", "2021", "data", "--view", "metrics", "--format", "markdown"]);
    assert_eq!(
        markdown.stdout,
        "# 测试市政协2020年与2021年界别工作对比\n\n## 指标对比\n\n\
         | 界别 | 指标 | 单位 | 2020 | 2021 | 变化 | 变化率 |\n\
         | -------------------- | -------------------- | ---- | ----: | ----: | --------------: | ------: |\n\
         | 社会福利和社会保障界 | 城镇登记失业率 | \\% | 4\\.2 | 3\\.9 | \\-0\\.3个百分点 |  |\n\
         | 社会福利和社会保障界 | 走访社区 | 个 |  | 3 |  |  |\n\
         | 经济界 | 全市地区生产总值增速 | \\% | 1\\.7 | 8\\.1 | \\+6\\.4个百分点 |  |\n",
        "no total across different metrics"
    );
    let en = test.run(&["diff", "2020", "2021", "data", "--view", "metrics", "--lang", "en"]);
    assert!(en.stdout.contains("+6.4 pp"), "{}", en.stdout);
    let json = test.run(&["diff", "2020", "2021", "data", "--format", "json", "--view", "metrics"]);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let gdp = &value["rows"][2];
    assert_eq!(gdp["change"], 6.4);
    assert_eq!(gdp["change_rate"], serde_json::Value::Null);
}

#[test]
fn diff_csv_names_both_change_columns() {
    let test = fixture();
    let zh = test.run(&["diff", "2020", "2021", "data", "--format", "csv"]);
    assert!(
        zh.stdout.starts_with("界别,2020 活动数,2021 活动数,活动数变化,2020 参与人次,2021 参与人次,参与人次变化,2020 未填人次,2021 未填人次,设想数,已落实,落实率\r\n"),
        "{}",
        zh.stdout
    );
    let en = test.run(&["diff", "2020", "2021", "data", "--format", "csv", "--lang", "en"]);
    assert!(
        en.stdout.starts_with("Sector,Activities 2020,Activities 2021,Activities change,Participants 2020,Participants 2021,Participants change,Unrecorded 2020,Unrecorded 2021,Plans,Done,Follow-through\r\n"),
        "{}",
        en.stdout
    );
    assert!(!zh.stdout.contains("合计"), "no total row in CSV");
}

#[test]
fn one_metric_across_sectors_has_a_total() {
    let sector = |name: &str, from: u32, to: u32| {
        format!(
            "[sector]\nname = \"{name}\"\n\n[[metric]]\nyear = 2020\nname = \"提交提案\"\nvalue = {from}\nunit = \"件\"\n\n\
             [[metric]]\nyear = 2021\nname = \"提交提案\"\nvalue = {to}\nunit = \"件\"\n"
        )
    };
    let test = Test::new()
        .file("data/民革.toml", &sector("民革", 8, 12))
        .file("data/民盟.toml", &sector("民盟", 5, 4));
    let run =
        test.run(&["diff", "2020", "2021", "data", "--view", "metrics", "--format", "markdown"]);
    run.success();
    assert!(
        run.stdout.ends_with(
            "| 民盟 | 提交提案 | 件 | 5 | 4 | \\-1 | \\-20\\% |\n\
             | 民革 | 提交提案 | 件 | 8 | 12 | \\+4 | 50\\% |\n\
             | **合计** | **提交提案** | **件** | **13** | **16** | **\\+3** | **23\\%** |\n"
        ),
        "{}",
        run.stdout
    );
    test.run(&["diff", "2020", "2021", "data", "--view", "metrics", "-o", "m.xlsx"]).success();
    let book = Book::open(&test.read("m.xlsx"));
    assert_eq!(check_sums(&book, 0), 3, "2020, 2021 and the change add up");
}

/// The cell formats (`<xf>` of `cellXfs`) as text, alignment included.
fn cell_formats(book: &Book) -> Vec<String> {
    let xfs = between(&book.parts["xl/styles.xml"], "<cellXfs", "</cellXfs>");
    xfs.split("<xf ").skip(1).map(str::to_string).collect()
}

/// The cell of a sheet at a reference.
fn cell(book: &Book, index: usize, reference: &str) -> XCell {
    book.cells(index).into_iter().find(|c| c.reference == reference).unwrap()
}

/// Every sheet opens with a title row — the report's title and the sheet's name, merged across
/// the columns, bold, 14 pt — which is also the printed page's header; the footer counts pages.
#[test]
fn every_sheet_has_a_title_row_and_a_printed_header() {
    let test = workspace();
    test.run(&["summarize", "data", "--year", "2021", "-o", "统计.xlsx"]).success();
    test.run(&["summarize", "data", "--year", "2021", "--lang", "en", "-o", "en.xlsx"]).success();
    test.run(&["diff", "2020", "2021", "data", "-o", "对比.xlsx"]).success();
    let books = [
        (
            "统计.xlsx",
            "测试市政协2021年界别工作概要与2022年工作设想——",
            "第 &amp;P 页 共 &amp;N 页",
        ),
        (
            "en.xlsx",
            "测试市政协 sector work in 2021 and plans for 2022 — ",
            "Page &amp;P of &amp;N",
        ),
        ("对比.xlsx", "测试市政协2020年与2021年界别工作对比——", "第 &amp;P 页 共 &amp;N 页"),
    ];
    for (file, title, footer) in books {
        let book = Book::open(&test.read(file));
        for (i, name) in book.sheet_names().iter().enumerate() {
            let heading = format!("{title}{name}");
            let a1 = cell(&book, i, "A1");
            assert_eq!((a1.kind.as_deref(), a1.value.as_str()), (Some("s"), heading.as_str()));
            assert!(book.styles[a1.style].1, "{file} {name}: bold");
            let xml = book.sheet_xml(i);
            let columns = book.cells(i).iter().filter(|c| position(&c.reference).1 == 2).count();
            let last = (b'A' + columns as u8 - 1) as char;
            assert!(xml.contains(&format!(r#"<mergeCell ref="A1:{last}1"/>"#)), "{file} {name}");
            let row = between(xml, r#"<row r="1""#, ">");
            assert!(row.ends_with(r#" ht="24" customHeight="1""#), "{file} {name}: {row}");
            assert!(
                xml.contains(&format!(
                    "<headerFooter><oddHeader>&amp;C{heading}</oddHeader><oddFooter>&amp;C{footer}</oddFooter></headerFooter>"
                )),
                "{file} {name}: {xml}"
            );
        }
        let styles = &book.parts["xl/styles.xml"];
        assert!(styles.contains(r#"<font><b/><sz val="14"/>"#), "{file}: {styles}");
    }
}

/// Days are date cells (a serial number with the `yyyy-mm-dd` format, left as the text dates
/// beside them); coarser dates are text in canonical form.
#[test]
fn days_are_date_cells_and_coarser_dates_text() {
    let test = workspace();
    let args = ["summarize", "data", "--year", "2021", "--view", "activities", "-o", "a.xlsx"];
    test.run(&args).success();
    let book = Book::open(&test.read("a.xlsx"));
    let dates: Vec<(String, String, String)> = ["B3", "B4", "B5", "B6"]
        .iter()
        .map(|r| {
            let c = cell(&book, 0, r);
            (c.kind.unwrap_or_default(), c.value, book.styles[c.style].0.clone())
        })
        .collect();
    let cell = |kind: &str, value: &str, format: &str| {
        (kind.to_string(), value.to_string(), format.to_string())
    };
    assert_eq!(
        dates,
        [
            cell("", "44257", "yyyy-mm-dd"),
            cell("s", "2021-05", "General"),
            cell("", "44348", "yyyy-mm-dd"),
            cell("s", "2021-Q4", "General"),
        ]
    );
}

/// An integer beyond 2^53 (which a cell's number would round) is text with its exact digits,
/// aligned right; its column's total is the exact sum as text, not a `SUM` of text.
#[test]
fn integers_beyond_2_53_are_exact_text() {
    let big = "[sector]\nname = \"经济界\"\n\n[[activity]]\ndate = 2021-06-01\nkind = \"调研\"\ntitle = \"大数\"\nparticipants = 9007199254740993\n\n[[activity]]\ndate = 2021-06-02\nkind = \"调研\"\ntitle = \"小数\"\nparticipants = 2\n";
    let test = Test::new()
        .file("data/jiebie.toml", CONFIG)
        .file("data/社会福利和社会保障界.toml", WELFARE)
        .file("data/经济界.toml", big);
    test.run(&["summarize", "data", "--year", "2021", "--view", "overview", "-o", "o.xlsx"])
        .success();
    let book = Book::open(&test.read("o.xlsx"));
    let c = |r: &str| {
        let c = cell(&book, 0, r);
        (c.kind.unwrap_or_default(), c.value, c.formula)
    };
    let s = |t: &str| ("s".to_string(), t.to_string(), None);
    assert_eq!(c("A4"), s("经济界"));
    assert_eq!(c("C4"), s("9007199254740995"), "9007199254740993 + 2");
    assert_eq!(c("C5"), s("9007199254741015"), "12 + 8 + 9007199254740995");
    assert_eq!(c("B5"), (String::new(), "4".into(), Some("SUM(B3:B4)".into())));
    let xfs = cell_formats(&book);
    let style = cell(&book, 0, "C4").style;
    assert!(xfs[style].contains(r#"horizontal="right""#), "{}", xfs[style]);
}

/// Text is in the shared-strings table, never inline (Excel would rewrite such a file on its
/// first save), in every sheet of both workbooks.
#[test]
fn strings_are_shared() {
    let test = workspace();
    test.run(&["summarize", "data", "--year", "2021", "-o", "s.xlsx"]).success();
    test.run(&["diff", "2020", "2021", "data", "-o", "d.xlsx"]).success();
    for file in ["s.xlsx", "d.xlsx"] {
        let book = Book::open(&test.read(file));
        assert!(book.parts.contains_key("xl/sharedStrings.xml"), "{file}");
        assert!(book.parts["xl/_rels/workbook.xml.rels"].contains("sharedStrings.xml"), "{file}");
        for (i, name) in book.sheet_names().iter().enumerate() {
            assert!(!book.sheet_xml(i).contains("inlineStr"), "{file} {name}");
            assert!(book.cells(i).iter().any(|c| c.kind.as_deref() == Some("s")), "{name}");
        }
        // Each text once: the sector's name in many rows is one string.
        let mut strings = book.strings.clone();
        strings.sort();
        strings.dedup();
        assert_eq!(strings.len(), book.strings.len(), "{file}");
    }
}

/// 总览 carries a bar chart of the activities per sector, 各月活动 a column chart of the monthly
/// totals, each below its table and referring to its cells (with their values cached); the
/// other sheets and the comparison have none; the bytes are the same on every run.
#[test]
fn overview_and_months_carry_native_charts() {
    let test = workspace();
    test.run(&["summarize", "data", "--year", "2021", "-o", "1.xlsx"]).success();
    test.run(&["summarize", "data", "--year", "2021", "-o", "2.xlsx"]).success();
    assert_eq!(test.read("1.xlsx"), test.read("2.xlsx"));
    let book = Book::open(&test.read("1.xlsx"));
    let charts: Vec<&String> = book.parts.keys().filter(|k| k.starts_with("xl/charts/")).collect();
    assert_eq!(charts, ["xl/charts/chart1.xml", "xl/charts/chart2.xml"]);
    let sectors = &book.parts["xl/charts/chart1.xml"];
    assert!(sectors.contains(r#"<c:barDir val="bar"/>"#), "{sectors}");
    assert!(sectors.contains("<c:f>总览!$A$3:$A$4</c:f>"), "{sectors}");
    assert!(sectors.contains("<c:f>总览!$B$3:$B$4</c:f>"), "{sectors}");
    assert!(sectors.contains("各界别活动数"), "{sectors}");
    assert!(sectors.contains("<c:v>社会福利和社会保障界</c:v>"), "cached: {sectors}");
    let months = &book.parts["xl/charts/chart2.xml"];
    assert!(months.contains(r#"<c:barDir val="col"/>"#), "{months}");
    assert!(months.contains("<c:f>各月活动!$B$2:$M$2</c:f>"), "{months}");
    assert!(months.contains("<c:f>各月活动!$B$5:$M$5</c:f>"), "the total row: {months}");
    assert!(months.contains("各月活动数（合计）"), "{months}");
    // Below the tables: 总览's total is row 5, 各月活动's row 5 too (0-based 4); a blank row.
    for (drawing, sheet) in [("xl/drawings/drawing1.xml", 0), ("xl/drawings/drawing2.xml", 3)] {
        let xml = &book.parts[drawing];
        let from = between(xml, "<xdr:from>", "</xdr:from>");
        assert_eq!(between(&from, "<xdr:row>", "</xdr:row>"), "6", "{drawing}");
        assert_eq!(between(&from, "<xdr:col>", "</xdr:col>"), "0", "{drawing}");
        let rels = &book.parts[&format!("xl/worksheets/_rels/sheet{}.xml.rels", sheet + 1)];
        assert!(rels.contains(&drawing["xl/".len()..]), "{rels}");
    }
    test.run(&["diff", "2020", "2021", "data", "-o", "d.xlsx"]).success();
    let diff = Book::open(&test.read("d.xlsx"));
    assert!(!diff.parts.keys().any(|k| k.starts_with("xl/charts/")));
}

/// 活动明细 prints legibly: its columns of long text are narrowed so that the sheet fits one
/// A4 landscape page wide at 60 % or more, their text wraps, and rows grow with it.
#[test]
fn activities_print_legibly() {
    let long = "走访社区养老服务中心，听取老年人和工作人员的意见，形成调研报告".repeat(6);
    let welfare = WELFARE.replace("走访社区养老服务中心", &long);
    let test = Test::new()
        .file("data/jiebie.toml", CONFIG)
        .file("data/社会福利和社会保障界.toml", &welfare)
        .file("data/经济界.toml", ECONOMY);
    let args = ["summarize", "data", "--year", "2021", "--view", "activities", "-o", "a.xlsx"];
    test.run(&args).success();
    let book = Book::open(&test.read("a.xlsx"));
    let xml = book.sheet_xml(0);
    assert!(xml.contains(r#"<pageSetUpPr fitToPage="1"/>"#), "{xml}");
    assert!(xml.contains(r#"<pageMargins left="0.5" right="0.5""#), "{xml}");
    // Width in pixels as Excel draws it; A4 landscape within the margins at 60 %.
    let px: f64 = book.widths(0).values().map(|w| (w * 7.0 + 5.0).floor()).sum();
    let page = (11.69 - 1.0) * 96.0;
    assert!(page / px >= 0.6, "{px} px: {:?}", book.widths(0));
    // 内容 (K) is narrowed, wraps, and its row is several lines tall.
    let widths = book.widths(0);
    assert!(widths[&11] < 40.0, "{widths:?}");
    let summary = cell(&book, 0, "K3");
    assert_eq!(summary.value, long);
    let xfs = cell_formats(&book);
    assert!(xfs[summary.style].contains(r#"wrapText="1""#), "{}", xfs[summary.style]);
    let row = between(xml, r#"<row r="3" "#, ">");
    let height: f64 = attr(&row, "ht").unwrap().parse().unwrap();
    assert!(height >= 15.0 * 10.0, "{row}");
}

/// The workbook imports back: the activities sheet, read below its title row with its dates
/// as date cells, gives the sector's activities as they were.
#[test]
fn the_activities_sheet_imports_back() {
    let empty = "[sector]\nname = \"社会福利和社会保障界\"\n\n[[plan]]\nid = \"p21-care\"\nyear = 2021\ntitle = \"调研社区养老服务\"\n\n[[plan]]\nid = \"p22-more\"\nyear = 2022\ntitle = \"继续关注养老服务\"\n";
    let test = workspace()
        .file("copy/jiebie.toml", CONFIG)
        .file("copy/社会福利和社会保障界.toml", empty)
        .file("copy/经济界.toml", ECONOMY);
    // The workspace says the same of the original (jiebie validate data).
    const W104: &str =
        "警告[W104]: 界别「社会福利和社会保障界」2021 年有活动，但没有 2021 年的 [[review]]
  --> a.xlsx:活动明细!B3
   |
B3 | 2021-03-02
   | ^^^^^^^^^^
   = 帮助: 为 2021 年添加一条 [[review]]（工作概要）；运行 `jiebie explain W104` 查看详细说明

";
    let sector = "社会福利和社会保障界";
    let args = ["summarize", "data", "--sector", sector, "--view", "activities", "-o", "a.xlsx"];
    test.run(&args).success();
    let run = test.run(&["import", "a.xlsx", "--sector", sector, "copy"]);
    assert_eq!(
        (run.status, run.stdout.as_str(), run.stderr.as_str()),
        (
            0,
            "已导入到 copy/社会福利和社会保障界.toml\n读取 2 行，新增 2 条，跳过 0 条\n",
            format!("提示: 跳过了表头上方的 1 行（「活动明细」第 1 行）\n{W104}").as_str()
        )
    );
    for year in ["2020", "2021"] {
        let csv = |dir: &str| {
            let args = ["summarize", dir, "--view", "activities", "--format", "csv"];
            test.run(&[&args[..], &["--year", year]].concat()).stdout
        };
        assert_eq!(csv("copy"), csv("data"), "{year}");
    }
}

/// A title longer than a cell holds is cut with `…` in the title row, and within Excel's 255
/// characters in the printed header (a longer header would be dropped).
#[test]
fn a_very_long_title_is_cut_to_fit() {
    let config = format!("title = \"{}\"\n{CONFIG}", "很长的标题".repeat(8000));
    let test = Test::new()
        .file("data/jiebie.toml", &config)
        .file("data/社会福利和社会保障界.toml", WELFARE)
        .file("data/经济界.toml", ECONOMY);
    test.run(&["summarize", "data", "--view", "overview", "-o", "t.xlsx", "-q"]).success();
    let book = Book::open(&test.read("t.xlsx"));
    let a1 = cell(&book, 0, "A1").value;
    assert_eq!(a1.encode_utf16().count(), 32_767);
    assert!(a1.starts_with("很长的标题很长的标题") && a1.ends_with('…'));
    let header = unescape(&between(book.sheet_xml(0), "<oddHeader>", "</oddHeader>"));
    assert_eq!(header.encode_utf16().count(), 255, "{header}");
    assert!(header.starts_with("&C很长的标题"));
}
