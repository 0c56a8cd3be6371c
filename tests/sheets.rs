//! `jiebie import` of the sheets secretaries actually keep (SPEC §10): a title row above the
//! header, their own column names, a row counter, Excel and text dates, blank and total rows,
//! GBK CSV, `--columns`, and a row close to an activity already typed in (W112). Each test
//! compares the whole output and the text appended.

mod harness;

use harness::Test;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// A row of the register: month, day, title, kind, place, people, partner, note.
type Entry = (u16, u8, &'static str, &'static str, &'static str, u32, &'static str, &'static str);

const SECTOR: &str =
    "[sector]\nname = \"经济界\"\n\n[[review]]\nyear = 2021\nsummary = \"全年工作概要。\"\n";

/// The sheet of the issue: a merged title row, the secretary's own headers, Excel dates, a
/// blank row and a 合计 row at the bottom.
fn register() -> Vec<u8> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("登记表").unwrap();
    let merged = Format::new().set_bold();
    ws.merge_range(0, 0, 0, 7, "经济界2021年活动登记表", &merged).unwrap();
    let headers = ["序号", "日期", "活动名称", "活动类型", "地点", "参加人数", "合作界别", "备注"];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let rows: [Entry; 2] = [
        (3, 12, "长三角营商环境调研", "调研", "嘉兴", 12, "", "与浙江省政协联合"),
        (5, 20, "民营经济座谈会", "座谈会", "", 8, "工商联", ""),
    ];
    for (i, (month, day, title, kind, place, people, partner, note)) in rows.iter().enumerate() {
        let r = i as u32 + 2;
        ws.write_number(r, 0, (i + 1) as f64).unwrap();
        let when = ExcelDateTime::from_ymd(2021, *month as u8, *day).unwrap();
        ws.write_datetime_with_format(r, 1, &when, &date).unwrap();
        ws.write_string(r, 2, *title).unwrap();
        ws.write_string(r, 3, *kind).unwrap();
        if !place.is_empty() {
            ws.write_string(r, 4, *place).unwrap();
        }
        ws.write_number(r, 5, *people).unwrap();
        if !partner.is_empty() {
            ws.write_string(r, 6, *partner).unwrap();
        }
        if !note.is_empty() {
            ws.write_string(r, 7, *note).unwrap();
        }
    }
    // A blank row, then the total.
    ws.write_string(5, 2, "合计").unwrap();
    ws.write_formula(5, 5, "=SUM(F3:F4)").unwrap();
    book.save_to_buffer().unwrap()
}

#[test]
fn a_secretarys_register_imports_as_kept() {
    let test = Test::new()
        .file("data/经济界.toml", SECTOR)
        .file("data/工商联.toml", "[sector]\nname = \"工商联\"\n")
        .bytes("登记表.xlsx", &register());
    let run = test.run(&["import", "登记表.xlsx", "--sector", "经济界", "data"]);
    run.success();
    assert_eq!(
        run.stderr,
        "提示: 跳过了表头上方的 1 行（「登记表」第 1 行）、合计 1 行（「登记表」第 6 行）\n"
    );
    assert_eq!(run.stdout, "已导入到 data/经济界.toml\n读取 2 行，新增 2 条，跳过 0 条\n");
    let text = String::from_utf8(test.read("data/经济界.toml")).unwrap();
    assert_eq!(
        text,
        "[sector]\nname = \"经济界\"\n\n[[review]]\nyear = 2021\nsummary = \"全年工作概要。\"\n\n\
         [[activity]]\ndate = 2021-03-12\nkind = \"调研\"\ntitle = \"长三角营商环境调研\"\n\
         location = \"嘉兴\"\nparticipants = 12\nnote = \"与浙江省政协联合\"\n\n\
         [[activity]]\ndate = 2021-05-20\nkind = \"座谈会\"\ntitle = \"民营经济座谈会\"\n\
         participants = 8\npartners = [\"工商联\"]\n"
    );
    // The note shows in the activities view, and the report is clean.
    let csv = test.run(&["summarize", "data", "--format", "csv", "--view", "activities"]);
    assert_eq!(
        csv.stdout,
        "界别,日期,结束日期,类别,活动,参与人次,合作界别,地点,亮点,对应设想,内容,成果,会外合办,主题,备注\r\n\
         经济界,2021-03-12,,调研,长三角营商环境调研,12,,嘉兴,否,,,,,,与浙江省政协联合\r\n\
         经济界,2021-05-20,,座谈,民营经济座谈会,8,工商联,,否,,,,,,\r\n"
    );
    // Imported twice: nothing new.
    let again = test.run(&["import", "登记表.xlsx", "--sector", "经济界", "data"]);
    again.success();
    assert_eq!(
        again.stdout,
        "没有新的记录，data/经济界.toml 未改动\n读取 2 行，新增 0 条，跳过 2 条\n"
    );
}

#[test]
fn a_gbk_csv_with_its_own_names_text_dates_and_a_counter() {
    let sheet = "序号,时间,类型,名称,人数,负责人\r\n1,2021年3月2日,调研,走访企业,5,张三\r\n\
                 ,,,,,\r\n2,2021-Q2,座谈,政策宣讲,,李四\r\n小计,,,,5,\r\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(sheet);
    let test = Test::new().file("data/经济界.toml", SECTOR).bytes("活动.csv", &gbk);
    let run = test.run(&["import", "活动.csv", "--sector", "经济界", "data", "--dry-run"]);
    run.success();
    assert_eq!(
        run.stderr,
        "提示: `活动.csv` 是 GBK/GB18030 编码，已按 GBK 读取\n\
         警告: 未知的列「负责人」（活动.csv:F1），已忽略\n\
         提示: 跳过了合计 1 行（第 5 行）\n\
         读取 2 行，新增 2 条，跳过 0 条（试运行，未写入 data/经济界.toml）\n"
    );
    assert_eq!(
        run.stdout,
        "[[activity]]\ndate = 2021-03-02\nkind = \"调研\"\ntitle = \"走访企业\"\nparticipants = 5\n\n\
         [[activity]]\ndate = \"2021-Q2\"\nkind = \"座谈\"\ntitle = \"政策宣讲\"\n"
    );
    // `--columns` maps the column jiebie does not know to a field.
    let run = test.run(&[
        "import",
        "活动.csv",
        "--sector",
        "经济界",
        "data",
        "--columns",
        "负责人=备注",
        "--dry-run",
    ]);
    run.success();
    assert!(!run.stderr.contains("负责人"), "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "[[activity]]\ndate = 2021-03-02\nkind = \"调研\"\ntitle = \"走访企业\"\nparticipants = 5\n\
         note = \"张三\"\n\n\
         [[activity]]\ndate = \"2021-Q2\"\nkind = \"座谈\"\ntitle = \"政策宣讲\"\nnote = \"李四\"\n"
    );
    let bad =
        test.run(&["import", "活动.csv", "--sector", "经济界", "data", "--columns", "负责人"]);
    assert_eq!(bad.status, 2);
    assert_eq!(
        bad.stderr,
        "错误: --columns 的值「负责人」无效：应写作「列=字段」，例如 活动类型=类别\n"
    );
}

#[test]
fn a_row_close_to_an_activity_typed_in_is_w112() {
    let typed = "[sector]\nname = \"经济界\"\n\n[[activity]]\ndate = 2021-04-08\nkind = \"调研\"\n\
                 title = \"长三角营商环境专题调研\"\n";
    let sheet =
        "日期,类别,活动\n2021-04-08,调研,长三角营商环境调研\n2021-04-09,调研,长三角营商环境调研\n";
    let test = Test::new().file("data/经济界.toml", typed).file("a.csv", sheet);
    let run = test.run(&["import", "a.csv", "--sector", "经济界", "data"]);
    run.success();
    assert_eq!(
        run.stderr,
        "警告[W112]: 「长三角营商环境调研」与界别 2021-04-08 已有的活动「长三角营商环境专题调研」（data/经济界.toml:7:9）相近，可能重复\n\
         \x20 --> a.csv:C2\n\
         \x20  |\n\
         C2 | 长三角营商环境调研\n\
         \x20  | ^^^^^^^^^^^^^^^^^^\n\
         \x20  = 帮助: 运行 `jiebie explain W112` 查看详细说明\n\n"
    );
    assert_eq!(run.stdout, "已导入到 data/经济界.toml\n读取 2 行，新增 2 条，跳过 0 条\n");
}

#[test]
fn a_sector_without_a_file_gets_init_with_its_folder() {
    let sheet = "日期,类别,活动\n2021-04-08,调研,走访\n";
    let test =
        Test::new().file("a.csv", sheet).file("data/台联.toml", "[sector]\nname = \"台联\"\n");
    std::fs::create_dir(test.path("空")).unwrap();
    for dir in ["空", "data"] {
        let run = test.run(&["import", "a.csv", "--sector", "侨联", dir]);
        assert_eq!(run.status, 2);
        let hint =
            format!("错误: 没有界别「侨联」的文件；先用 `jiebie init 侨联 --dir {dir}` 建立\n");
        assert_eq!(run.stderr, hint);
        let add = test.run(
            &["add", "activity", "--sector", "侨联", "--date", "2021-04-08"]
                .into_iter()
                .chain(["--kind", "调研", "--title", "走访", dir])
                .collect::<Vec<_>>(),
        );
        assert_eq!(add.status, 2);
        assert_eq!(add.stderr, hint);
    }
    // Made as the hint says, the import goes through.
    test.run(&["init", "侨联", "--dir", "空", "--year", "2021"]).success();
    let run = test.run(&["import", "a.csv", "--sector", "侨联", "空"]);
    run.success();
    assert_eq!(run.stdout, "已导入到 空/侨联.toml\n读取 1 行，新增 1 条，跳过 0 条\n");
}
