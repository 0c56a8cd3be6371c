//! Spreadsheets from others are untrusted (SPEC §7): crafted and damaged files, made here byte
//! by byte, go through the real `jiebie import`. None panics (exit 101), aborts, hangs or takes
//! memory beyond the bound: each is read, or is an error naming the file. Each test compares
//! the whole output.

mod harness;

use std::io::Write;

use harness::{Run, Test};

const SECTOR: &str =
    "[sector]\nname = \"经济界\"\n\n[[review]]\nyear = 2021\nsummary = \"全年工作概要。\"\n";

fn workspace() -> Test {
    Test::new().file("data/经济界.toml", SECTOR)
}

/// `import FILE --sector 经济界 data --dry-run`, and its peak memory in KB when
/// `/usr/bin/time` is there to say it.
fn import(test: &Test, file: &str, extra: &[&str]) -> (Run, Option<u64>) {
    let mut args = vec!["import", file, "--sector", "经济界", "data", "--dry-run"];
    args.extend(extra);
    let run = test.run(&args);
    let peak = std::path::Path::new("/usr/bin/time").exists().then(|| {
        let out = std::process::Command::new("/usr/bin/time")
            .arg("-f")
            .arg("%M")
            .arg(env!("CARGO_BIN_EXE_jiebie"))
            .args(&args)
            .current_dir(test.dir.path())
            .env("JIEBIE_TODAY", "2026-11-24")
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        err.lines().last().and_then(|l| l.trim().parse().ok()).unwrap_or(0)
    });
    (run, peak)
}

#[track_caller]
fn assert_memory(peak: Option<u64>, limit_mb: u64) {
    if let Some(kb) = peak {
        assert!(kb < limit_mb * 1024, "peak memory {kb} KB, over {limit_mb} MB");
    }
}

/// A zip of the parts, deflated.
fn zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="登记" sheetId="1" r:id="rId1"/></sheets></workbook>"#;

/// An `.xlsx` made by hand: the sheet's `<sheetData>` content and a `<dimension>`, and the
/// shared strings' `<sst>` attributes and items.
fn xlsx(dimension: &str, rows: &str, sst_attributes: &str, strings: &[&str]) -> Vec<u8> {
    let sheet = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>"#
    );
    let items: String = strings.iter().map(|s| format!("<si><t>{s}</t></si>")).collect();
    let sst = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" {sst_attributes}>{items}</sst>"#
    );
    zip(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("xl/workbook.xml", WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        ("xl/sharedStrings.xml", sst.as_bytes()),
    ])
}

/// Header 日期 / 类别 / 活动 (shared strings 0–2) and one activity in row 2.
const HEADER_AND_ROW: &str = r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>2021-03-02</t></is></c><c r="B2" t="inlineStr"><is><t>调研</t></is></c><c r="C2" t="inlineStr"><is><t>走访企业</t></is></c></row>"#;
const STRINGS: [&str; 3] = ["日期", "类别", "活动"];
const ONE_ACTIVITY: &str =
    "[[activity]]\ndate = 2021-03-02\nkind = \"调研\"\ntitle = \"走访企业\"\n";

#[test]
fn a_cell_at_xfd1048576_costs_one_cell() {
    let far = format!(
        "{HEADER_AND_ROW}<row r=\"1048576\"><c r=\"A1048576\" t=\"inlineStr\"><is><t>2021-03-05</t></is></c>\
         <c r=\"B1048576\" t=\"inlineStr\"><is><t>座谈</t></is></c><c r=\"C1048576\" t=\"inlineStr\"><is><t>远处</t></is></c>\
         <c r=\"XFD1048576\" t=\"inlineStr\"><is><t>尾</t></is></c></row>"
    );
    let book = xlsx("A1:XFD1048576", &far, r#"count="3" uniqueCount="3""#, &STRINGS);
    assert!(book.len() < 2500, "{}", book.len());
    let test = workspace().bytes("远.xlsx", &book);
    let (run, peak) = import(&test, "远.xlsx", &[]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        format!(
            "{ONE_ACTIVITY}\n[[activity]]\ndate = 2021-03-05\nkind = \"座谈\"\ntitle = \"远处\"\n"
        )
    );
    assert_eq!(run.stderr, "读取 2 行，新增 2 条，跳过 0 条（试运行，未写入 data/经济界.toml）\n");
    assert_memory(peak, 100);
}

#[test]
fn crafted_counts_and_references_are_errors_or_read() {
    // A uniqueCount of 10^17 strings (2.4 EB reserved by calamine as it is) and u64::MAX.
    for count in ["100000000000000000", "18446744073709551615"] {
        let attributes = format!(r#"count="{count}" uniqueCount="{count}""#);
        let book = xlsx("A1:C2", HEADER_AND_ROW, &attributes, &STRINGS);
        let test = workspace().bytes("计数.xlsx", &book);
        let (run, peak) = import(&test, "计数.xlsx", &[]);
        assert_eq!((run.status, run.stdout.as_str()), (0, ONE_ACTIVITY), "{}", run.stderr);
        assert_memory(peak, 100);
    }
    // A column past any u32, a row number past any u32, a reference that is not one.
    for (reference, row) in [
        ("ZZZZZZZZZZZZZZZZ1", "1"),
        ("A99999999999", "99999999999"),
        ("1A", "1"),
        ("", "4294967295"),
    ] {
        let rows = format!(
            "{HEADER_AND_ROW}<row r=\"{row}\"><c r=\"{reference}\" t=\"inlineStr\"><is><t>x</t></is></c></row>"
        );
        let book = xlsx("A1:C2", &rows, r#"count="3" uniqueCount="3""#, &STRINGS);
        let test = workspace().bytes("引用.xlsx", &book);
        let (run, peak) = import(&test, "引用.xlsx", &[]);
        assert_ne!(run.status, 101, "{reference}: {}", run.stderr);
        if run.status == 0 {
            assert_eq!(run.stdout, ONE_ACTIVITY, "{reference}: {}", run.stderr);
        } else {
            assert_eq!(run.stdout, "");
            assert!(
                run.stderr.starts_with("错误: 无法读取表格 `引用.xlsx`：无法读取表格文件"),
                "{reference}: {}",
                run.stderr
            );
        }
        assert_memory(peak, 100);
    }
}

#[test]
fn a_shared_string_copied_a_million_times_is_refused() {
    // One 1 MB string referenced by 200,000 cells: 200 GB as copies, from a small file.
    let long = "长".repeat(350_000);
    let cells: String = (3..200_003)
        .map(|r| format!("<row r=\"{r}\"><c r=\"A{r}\" t=\"s\"><v>3</v></c></row>"))
        .collect();
    let rows = format!("{HEADER_AND_ROW}{cells}");
    let book = xlsx("A1:C2", &rows, "", &["日期", "类别", "活动", &long]);
    let test = workspace().bytes("共享.xlsx", &book);
    let (run, peak) = import(&test, "共享.xlsx", &[]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "错误: 无法读取表格 `共享.xlsx`：无法读取表格文件：单元格内容展开后太大（文件很小，却声称有海量的重复单元格或共享文本），已拒绝读取\n"
    );
    assert_memory(peak, 400);
}

/// 1 GiB of zeros, deflated (about 1 MB), as the sheet of an `.xlsx`.
fn bomb() -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9));
    for (name, data) in [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", RELS),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
    ] {
        zip.start_file(name, options).unwrap();
        zip.write_all(data.as_bytes()).unwrap();
    }
    zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..1024 {
        zip.write_all(&zeros).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn a_zip_bomb_is_refused_as_declared_and_as_read() {
    let honest = bomb();
    assert!(honest.len() < 4 << 20, "{}", honest.len());
    // The same bytes with the sheet's sizes in the directory and local header saying 1000.
    let mut lying = honest.clone();
    for signature in [&b"PK\x01\x02"[..], &b"PK\x03\x04"[..]] {
        let offset = if signature[2] == 1 { 24 } else { 22 };
        let mut at = 0;
        while let Some(p) = lying[at..].windows(4).position(|w| w == signature) {
            let start = at + p;
            let size =
                u32::from_le_bytes(lying[start + offset..start + offset + 4].try_into().unwrap());
            if size == 1 << 30 {
                lying[start + offset..start + offset + 4].copy_from_slice(&1000u32.to_le_bytes());
            }
            at = start + 4;
        }
    }
    let test = workspace().bytes("炸弹.xlsx", &honest).bytes("谎报.xlsx", &lying);
    let (run, peak) = import(&test, "炸弹.xlsx", &[]);
    assert_eq!(run.status, 2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "错误: 无法读取表格 `炸弹.xlsx`：无法读取表格文件：解压后超过 256 MB（可能是压缩炸弹），已拒绝读取\n"
    );
    assert_memory(peak, 100);
    let (run, _) = import(&test, "炸弹.xlsx", &["--lang", "en"]);
    assert_eq!(
        run.stderr,
        "error: cannot read the spreadsheet `炸弹.xlsx`: the spreadsheet cannot be read: it unpacks to more than 256 MB (a zip bomb?); refused\n"
    );
    let (run, peak) = import(&test, "谎报.xlsx", &[]);
    assert_eq!(run.status, 2);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.starts_with("错误: 无法读取表格 `谎报.xlsx`：无法读取表格文件"),
        "{}",
        run.stderr
    );
    assert_memory(peak, 400);
}

/// A compound file (`.xls`) holding a "Workbook" stream, 512-byte sectors, no mini stream.
fn compound(stream: &[u8]) -> Vec<u8> {
    let mut stream = stream.to_vec();
    stream.resize(stream.len().max(4096).div_ceil(512) * 512, 0);
    let sectors = stream.len() / 512;
    let mut header = vec![0u8; 512];
    header[..8].copy_from_slice(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
    header[24..26].copy_from_slice(&0x3Eu16.to_le_bytes());
    header[26..28].copy_from_slice(&3u16.to_le_bytes());
    header[28..30].copy_from_slice(&0xFFFEu16.to_le_bytes());
    header[30..32].copy_from_slice(&9u16.to_le_bytes());
    header[32..34].copy_from_slice(&6u16.to_le_bytes());
    header[44..48].copy_from_slice(&1u32.to_le_bytes()); // one FAT sector
    header[48..52].copy_from_slice(&1u32.to_le_bytes()); // directory at sector 1
    header[56..60].copy_from_slice(&4096u32.to_le_bytes());
    header[60..64].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
    header[68..72].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
    for i in 0..109 {
        let id: u32 = if i == 0 { 0 } else { 0xFFFF_FFFF };
        header[76 + 4 * i..80 + 4 * i].copy_from_slice(&id.to_le_bytes());
    }
    let mut fat = vec![0xFFFF_FFFDu32, 0xFFFF_FFFE];
    for i in 0..sectors {
        fat.push(if i + 1 == sectors { 0xFFFF_FFFE } else { (i + 3) as u32 });
    }
    fat.resize(128, 0xFFFF_FFFF);
    let mut out = header;
    out.extend(fat.iter().flat_map(|w| w.to_le_bytes()));
    let entry = |name: &str, kind: u8, start: u32, size: u32| {
        let mut e = vec![0u8; 128];
        let units: Vec<u16> = name.encode_utf16().collect();
        for (i, u) in units.iter().enumerate() {
            e[2 * i..2 * i + 2].copy_from_slice(&u.to_le_bytes());
        }
        e[64..66].copy_from_slice(&((units.len() as u16 + 1) * 2).to_le_bytes());
        e[66] = kind;
        e[68..72].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
        e[72..76].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
        e[76..80].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
        e[116..120].copy_from_slice(&start.to_le_bytes());
        e[120..124].copy_from_slice(&size.to_le_bytes());
        e
    };
    out.extend(entry("Root Entry", 5, 0xFFFF_FFFE, 0));
    out.extend(entry("Workbook", 2, 2, stream.len() as u32));
    out.extend(vec![0u8; 256]);
    out.extend(stream);
    out
}

fn record(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut r = typ.to_le_bytes().to_vec();
    r.extend((data.len() as u16).to_le_bytes());
    r.extend(data);
    r
}

fn label(row: u16, col: u16, text: &str) -> Vec<u8> {
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut d = Vec::new();
    d.extend(row.to_le_bytes());
    d.extend(col.to_le_bytes());
    d.extend(0u16.to_le_bytes());
    d.extend((units.len() as u16).to_le_bytes());
    d.push(1); // UTF-16
    d.extend(units.iter().flat_map(|u| u.to_le_bytes()));
    record(0x0204, &d)
}

/// A BIFF8 workbook of one sheet "登记" with the given records inside the sheet; the sheet's
/// position in the BoundSheet8 record is `position`, or the real one.
fn xls(sheet: &[Vec<u8>], position: Option<u32>) -> Vec<u8> {
    xls_with(&[], sheet, position)
}

/// As `xls`, with more records (`globals`) in the workbook's globals before its end.
fn xls_with(globals: &[Vec<u8>], sheet: &[Vec<u8>], position: Option<u32>) -> Vec<u8> {
    let bof = record(0x0809, &[0x00, 0x06, 0x05, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    let name: Vec<u16> = "登记".encode_utf16().collect();
    let bound_len = 4 + 8 + name.len() * 2;
    let extra: usize = globals.iter().map(Vec::len).sum();
    let globals_len = bof.len() + bound_len + extra + 4;
    let mut bound = position.unwrap_or(globals_len as u32).to_le_bytes().to_vec();
    bound.extend([0, 0, name.len() as u8, 1]);
    bound.extend(name.iter().flat_map(|u| u.to_le_bytes()));
    let mut stream = bof.clone();
    stream.extend(record(0x0085, &bound));
    for r in globals {
        stream.extend(r);
    }
    stream.extend(record(0x000A, &[]));
    assert_eq!(stream.len(), globals_len);
    stream.extend(record(0x0809, &[0x00, 0x06, 0x10, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    for r in sheet {
        stream.extend(r);
    }
    stream.extend(record(0x000A, &[]));
    compound(&stream)
}

fn xls_header_and_row() -> Vec<Vec<u8>> {
    vec![
        label(0, 0, "日期"),
        label(0, 1, "类别"),
        label(0, 2, "活动"),
        label(1, 0, "2021-03-02"),
        label(1, 1, "调研"),
        label(1, 2, "走访企业"),
    ]
}

#[test]
fn an_xls_is_read_and_a_crafted_one_is_refused() {
    let test = workspace()
        .bytes("好.xls", &xls(&xls_header_and_row(), None))
        .bytes("越界.xls", &xls(&xls_header_and_row(), Some(0x7FFF_FFF0)));
    let (run, _) = import(&test, "好.xls", &[]);
    assert_eq!((run.status, run.stdout.as_str()), (0, ONE_ACTIVITY), "{}", run.stderr);
    // A sheet said to start past the end of the stream: calamine panics; an error here.
    let (run, _) = import(&test, "越界.xls", &[]);
    assert_eq!(run.status, 2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "错误: 无法读取表格 `越界.xls`：无法读取表格文件：文件已损坏或格式不对（读取时遇到无法处理的内容）；请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入\n"
    );
    // Dimensions of 4 billion rows; cells at the two far corners (a 65536 × 65536 grid).
    let mut dims = 0u32.to_le_bytes().to_vec();
    dims.extend(u32::MAX.to_le_bytes());
    dims.extend([0, 0, 0xFF, 0, 0, 0]);
    let mut wide = xls_header_and_row();
    wide.push(record(0x0200, &dims));
    let mut far = xls_header_and_row();
    far.push(label(0xFFFF, 0xFFFF, "尾"));
    let refused = "无法读取表格文件：工作表声称的范围或单元格远超文件本身（可能是构造的文件），已拒绝读取；请在 Excel 或 WPS 中另存为 .xlsx 再导入\n";
    // One shared string of 4000 characters, copied into 3000 cells (LabelSst).
    let mut sst = 1u32.to_le_bytes().to_vec();
    sst.extend(1u32.to_le_bytes());
    sst.extend(4000u16.to_le_bytes());
    sst.push(1);
    sst.extend("长".repeat(4000).encode_utf16().flat_map(|u| u.to_le_bytes()));
    let mut copies = xls_header_and_row();
    for row in 2..3002u16 {
        let mut d = row.to_le_bytes().to_vec();
        d.extend([3, 0, 0, 0]);
        d.extend(0u32.to_le_bytes());
        copies.push(record(0x00FD, &d));
    }
    let shared = xls_with(&[record(0x00FC, &sst)], &copies, None);
    for (name, book) in
        [("维度.xls", xls(&wide, None)), ("远.xls", xls(&far, None)), ("共享.xls", shared)]
    {
        let test = workspace().bytes(name, &book);
        let (run, peak) = import(&test, name, &[]);
        assert_eq!(run.status, 2, "{}", run.stderr);
        assert_eq!(run.stderr, format!("错误: 无法读取表格 `{name}`：{refused}"));
        assert_memory(peak, 100);
    }
}

/// An `.ods` of one table "登记" with the given rows (`table:table-row` elements).
fn ods(rows: &str) -> Vec<u8> {
    ods_named("登记", rows)
}

fn ods_named(name: &str, rows: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="{name}">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    zip(&[
        ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
        ("content.xml", content.as_bytes()),
    ])
}

fn ods_row(cells: &[&str]) -> String {
    let cells: String = cells
        .iter()
        .map(|c| format!(r#"<table:table-cell office:value-type="string"><text:p>{c}</text:p></table:table-cell>"#))
        .collect();
    format!("<table:table-row>{cells}</table:table-row>")
}

#[test]
fn an_ods_is_read_and_its_repeats_are_bounded() {
    let good = format!(
        "{}<table:table-row table:number-rows-repeated=\"1048570\"><table:table-cell table:number-columns-repeated=\"16384\"/></table:table-row>{}",
        ods_row(&["日期", "类别", "活动"]),
        ods_row(&["2021-03-02", "调研", "走访企业"]),
    );
    // The same value in 16384 columns of a million rows: 17 billion cells from 300 bytes.
    let repeated = format!(
        "{}<table:table-row table:number-rows-repeated=\"1048576\"><table:table-cell table:number-columns-repeated=\"16384\" office:value-type=\"string\"><text:p>x</text:p></table:table-cell></table:table-row>",
        ods_row(&["日期", "类别", "活动"]),
    );
    let spaces = format!(
        "{}<table:table-row><table:table-cell office:value-type=\"string\"><text:p><text:s text:c=\"999999999999\"/></text:p></table:table-cell></table:table-row>",
        ods_row(&["日期", "类别", "活动"]),
    );
    let test = workspace()
        .bytes("好.ods", &ods(&good))
        .bytes("重复.ods", &ods(&repeated))
        .bytes("空格.ods", &ods(&spaces));
    let (run, peak) = import(&test, "好.ods", &[]);
    assert_eq!(run.stdout, ONE_ACTIVITY, "{}", run.stderr);
    assert_eq!(run.stderr, "读取 1 行，新增 1 条，跳过 0 条（试运行，未写入 data/经济界.toml）\n");
    assert_memory(peak, 100);
    for name in ["重复.ods", "空格.ods"] {
        let (run, peak) = import(&test, name, &[]);
        assert_eq!(run.status, 2);
        assert_eq!(
            run.stderr,
            format!(
                "错误: 无法读取表格 `{name}`：无法读取表格文件：单元格内容展开后太大（文件很小，却声称有海量的重复单元格或共享文本），已拒绝读取\n"
            )
        );
        assert_memory(peak, 200);
    }
}

#[test]
fn csv_from_excel_for_mac_and_an_unclosed_quote() {
    let mac = "日期,类别,活动\r2021-03-02,调研,走访企业\r2021-03-05,座谈,座谈会\r";
    let quote = "日期,类别,活动\n2021-03-02,调研,\"走访企业\n2021-03-05,座谈,座谈会\n2021-03-09,调研,再访\n";
    let test = workspace().file("mac.csv", mac).file("quote.csv", quote);
    let (run, _) = import(&test, "mac.csv", &[]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "[[activity]]\ndate = 2021-03-02\nkind = \"调研\"\ntitle = \"走访企业\"\n\n\
         [[activity]]\ndate = 2021-03-05\nkind = \"座谈\"\ntitle = \"座谈会\"\n"
    );
    assert_eq!(run.stderr, "读取 2 行，新增 2 条，跳过 0 条（试运行，未写入 data/经济界.toml）\n");
    let (run, _) = import(&test, "quote.csv", &[]);
    assert_eq!(run.status, 2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "错误: 无法读取表格 `quote.csv`：CSV 第 2 行的引号没有闭合：从这里到文件末尾都会被读成一个单元格；请检查这一行的引号\n"
    );
    let (run, _) = import(&test, "quote.csv", &["--lang", "en"]);
    assert_eq!(
        run.stderr,
        "error: cannot read the spreadsheet `quote.csv`: line 2 of the CSV opens a quote that is never closed: the rest of the file would be one cell; check the quotes on that line\n"
    );
}

#[test]
fn control_characters_in_cells_and_headers_are_shown_escaped() {
    let csv = "日期,类别,活动,\x1b]0;标题\x07负责人\n\x1b[2J2021-13-02,调研,走访企业,张三\n";
    let test = workspace().file("控制.csv", csv);
    let (run, _) = import(&test, "控制.csv", &[]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(!run.stderr.contains('\x1b') && !run.stderr.contains('\x07'), "{:?}", run.stderr);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "警告: 未知的列「\\u{1b}]0;标题\\u{7}负责人」（控制.csv:D1），已忽略\n\
         错误[E013]: 「\\u{1b}[2J2021-13-02」不是可识别的日期\n  --> 控制.csv:A2\n   |\n\
         A2 | \\u{1b}[2J2021-13-02\n   | ^^^^^^^^^^^^^^^^^^^\n   = 帮助: 可用的写法：2021-03-02、\
         \"2021.3.2\"、\"2021年3月2日\"、\"2021-03\"、\"2021年3月\"、\"2021-Q2\"、\"2021年二季度\"、\
         \"2021-H1\"、\"2021年上半年\"、\"2021\"、\"2021年全年\"；运行 `jiebie explain E013` 查看详细说明\n\n\
         未写入：表格中有 1 个错误\n"
    );
}

#[test]
fn an_ods_as_libreoffice_writes_it() {
    // A merged title row (a spanned cell and covered cells), headers, a date cell, text in spans,
    // a comment on a cell, and the empty rows LibreOffice repeats to the end of the sheet.
    let rows = r#"<table:table-column table:style-name="co1" table:number-columns-repeated="4" table:default-cell-style-name="Default"/>
<table:table-row table:style-name="ro1"><table:table-cell table:number-columns-spanned="3" table:number-rows-spanned="1" office:value-type="string" calcext:value-type="string"><text:p>经济界2021年活动登记表</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated="2"/><table:table-cell/></table:table-row>
<table:table-row table:style-name="ro1"><table:table-cell office:value-type="string" calcext:value-type="string"><text:p>日期</text:p></table:table-cell><table:table-cell office:value-type="string" calcext:value-type="string"><text:p>类别</text:p></table:table-cell><table:table-cell office:value-type="string" calcext:value-type="string"><text:p>活动</text:p></table:table-cell><table:table-cell office:value-type="string" calcext:value-type="string"><text:p>备注</text:p></table:table-cell></table:table-row>
<table:table-row table:style-name="ro1"><table:table-cell table:style-name="ce1" office:value-type="date" office:date-value="2021-03-12" calcext:value-type="date"><text:p>2021年3月12日</text:p></table:table-cell><table:table-cell office:value-type="string" calcext:value-type="string"><text:p>调研</text:p></table:table-cell><table:table-cell office:value-type="string" calcext:value-type="string"><text:p>长三角<text:span text:style-name="T1">营商环境</text:span>调研</text:p></table:table-cell><table:table-cell office:value-type="string" calcext:value-type="string"><office:annotation><dc:creator>秘书</dc:creator><text:p>批注不导入</text:p></office:annotation><text:p>与浙江省政协联合&amp;<text:s/>共办</text:p></table:table-cell></table:table-row>
<table:table-row table:style-name="ro1" table:number-rows-repeated="1048573"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#;
    let test = workspace().bytes("登记.ods", &ods(rows));
    let (run, peak) = import(&test, "登记.ods", &[]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "[[activity]]\ndate = 2021-03-12\nkind = \"调研\"\ntitle = \"长三角营商环境调研\"\nnote = \"与浙江省政协联合& 共办\"\n"
    );
    assert_eq!(
        run.stderr,
        "提示: 跳过了表头上方的 1 行（「登记」第 1 行）\n读取 1 行，新增 1 条，跳过 0 条（试运行，未写入 data/经济界.toml）\n"
    );
    assert_memory(peak, 100);
}

#[test]
fn a_sheet_name_with_escapes_is_shown_escaped() {
    let rows = format!(
        "{}{}",
        ods_row(&["日期", "类别", "活动"]),
        ods_row(&["2021-13-02", "调研", "走访"])
    );
    let test = workspace().bytes("名.ods", &ods_named("\x1b[31m红\x07", &rows));
    let (run, _) = import(&test, "名.ods", &[]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(!run.stderr.contains('\x1b') && !run.stderr.contains('\x07'), "{:?}", run.stderr);
    assert!(
        run.stderr.starts_with(
            "错误[E013]: 日期「2021-13-02」不存在\n  --> 名.ods:\\u{1b}[31m红\\u{7}!A2\n"
        ),
        "{}",
        run.stderr
    );
    let (run, _) = import(&test, "名.ods", &["--sheet", "其他"]);
    assert_eq!(run.status, 2);
    assert_eq!(run.stderr, "错误: 没有名为「其他」的工作表；表格中有：\\u{1b}[31m红\\u{7}\n");
}

#[test]
fn many_sheets_pointing_to_one_large_part_are_refused() {
    // 500 sheets, all the same 8 MB part (of spaces): 4 GB of XML to parse, from a small file.
    let sheets: String = (0..500)
        .map(|i| format!(r#"<sheet name="S{i}" sheetId="{}" r:id="rId1"/>"#, i + 1))
        .collect();
    let workbook = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{sheets}</sheets></workbook>"#
    );
    let part = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{}</sheetData></worksheet>"#,
        " ".repeat(8 << 20)
    );
    let book = zip(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("xl/workbook.xml", workbook.as_bytes()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes()),
        ("xl/worksheets/sheet1.xml", part.as_bytes()),
    ]);
    let test = workspace().bytes("多表.xlsx", &book);
    let started = std::time::Instant::now();
    let (run, _) = import(&test, "多表.xlsx", &[]);
    assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "错误: 无法读取表格 `多表.xlsx`：无法读取表格文件：多个工作表指向同一份内容，要读的量远超文件本身，已拒绝读取\n"
    );
}

#[cfg(unix)]
#[test]
fn a_device_or_a_pipe_is_not_read() {
    let test = workspace();
    std::os::unix::fs::symlink("/dev/zero", test.path("零.csv")).unwrap();
    let status = std::process::Command::new("mkfifo").arg(test.path("管道.xlsx")).status();
    let mut names = vec!["零.csv"];
    if status.is_ok_and(|s| s.success()) {
        names.push("管道.xlsx");
    }
    for name in names {
        let run = test.run(&["import", name, "--sector", "经济界", "data", "--dry-run"]);
        assert_eq!(run.status, 2);
        assert_eq!(
            run.stderr,
            format!(
                "错误: 无法读取表格 `{name}`：无法读取表格文件：它不是普通文件（管道或设备）\n"
            )
        );
    }
}

#[test]
fn an_xls_whose_sheets_overlap_is_refused() {
    // 2000 BoundSheet8 records, all at one sheet of 1000 cells: calamine would read that sheet
    // 2000 times over (and build its grid each time).
    let name: Vec<u8> = "登".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    let mut cells = xls_header_and_row();
    for row in 2..1002u16 {
        cells.push(label(row, 0, "x"));
    }
    // Each BoundSheet8 here is 14 bytes; the sheet starts after the globals: BOF (20), the
    // helper's own BoundSheet8 for "登记" (16), these, and EOF (4).
    let position = (20 + 16 + 2000 * 14 + 4) as u32;
    let mut bound = Vec::new();
    for _ in 0..2000 {
        let mut d = position.to_le_bytes().to_vec();
        d.extend([0, 0, 1, 1]);
        d.extend(&name);
        bound.push(record(0x0085, &d));
    }
    let book = xls_with(&bound, &cells, None);
    let test = workspace().bytes("重叠.xls", &book);
    let started = std::time::Instant::now();
    let (run, _) = import(&test, "重叠.xls", &[]);
    assert!(started.elapsed().as_secs() < 30, "{:?}", started.elapsed());
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "错误: 无法读取表格 `重叠.xls`：无法读取表格文件：工作表声称的范围或单元格远超文件本身（可能是构造的文件），已拒绝读取；请在 Excel 或 WPS 中另存为 .xlsx 再导入\n"
    );
}

#[test]
fn pictures_are_left_packed_and_do_not_count() {
    // A workbook with a 300 MB picture (zeros, deflated): not unpacked, not a bomb.
    let sheet = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:C2"/><sheetData>{HEADER_AND_ROW}</sheetData></worksheet>"#
    );
    let items: String = STRINGS.iter().map(|s| format!("<si><t>{s}</t></si>")).collect();
    let sst = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{items}</sst>"#
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9));
    for (name, data) in [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", RELS),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        ("xl/worksheets/sheet1.xml", &sheet),
        ("xl/sharedStrings.xml", &sst),
    ] {
        zip.start_file(name, options).unwrap();
        zip.write_all(data.as_bytes()).unwrap();
    }
    zip.start_file("xl/media/image1.png", options).unwrap();
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..300 {
        zip.write_all(&zeros).unwrap();
    }
    let book = zip.finish().unwrap().into_inner();
    let test = workspace().bytes("图片.xlsx", &book);
    let (run, peak) = import(&test, "图片.xlsx", &[]);
    assert_eq!((run.status, run.stdout.as_str()), (0, ONE_ACTIVITY), "{}", run.stderr);
    assert_memory(peak, 100);
}
