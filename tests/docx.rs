//! The Word document (SPEC §8): the real binary writes `-o x.docx` from the sample workspace
//! (`examples/`); the tests unzip it, parse every part (which proves it well-formed) and check
//! the exact values of GB/T 9704-2012: page, margins, fonts, outline levels, repeated header
//! rows, page-number fields, landscape sections, every activity in the text, same bytes twice.

mod harness;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use harness::{Test, copy_dir};
use quick_xml::events::Event;

/// An XML element: its name, attributes in order, and children.
#[derive(Debug, Clone)]
struct Element {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Node>,
}

#[derive(Debug, Clone)]
enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|c| match c {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first child of that name.
    fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// The child at the end of a path of names.
    fn at(&self, path: &[&str]) -> Option<&Element> {
        path.iter().try_fold(self, |e, name| e.child(name))
    }

    fn names(&self) -> Vec<&str> {
        self.elements().map(|e| e.name.as_str()).collect()
    }

    /// Every element of that name below this one, in document order.
    fn descendants<'a>(&'a self, name: &str, out: &mut Vec<&'a Element>) {
        for child in self.elements() {
            if child.name == name {
                out.push(child);
            }
            child.descendants(name, out);
        }
    }

    fn all(&self, name: &str) -> Vec<&Element> {
        let mut out = Vec::new();
        self.descendants(name, &mut out);
        out
    }

    /// The text of the `w:t` elements below.
    fn text(&self) -> String {
        let mut out = String::new();
        for t in self.all("w:t") {
            for c in &t.children {
                if let Node::Text(s) = c {
                    out.push_str(s);
                }
            }
        }
        out
    }
}

/// Parses an XML part into elements, failing on anything that is not well-formed: mismatched
/// or unclosed tags, duplicate attributes, unknown entities, characters XML 1.0 forbids, more
/// or less than one root.
fn parse(name: &str, xml: &str) -> Element {
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Element> =
        vec![Element { name: "#document".into(), attrs: vec![], children: vec![] }];
    let check = |s: &str| {
        for c in s.chars() {
            let ok = matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..);
            assert!(ok, "{name}: forbidden character {c:?}");
        }
    };
    let open = |e: &quick_xml::events::BytesStart| {
        let mut attrs = Vec::new();
        for a in e.attributes().with_checks(true) {
            let a = a.unwrap_or_else(|err| panic!("{name}: bad attribute: {err}"));
            let value = a.unescape_value().unwrap_or_else(|err| panic!("{name}: {err}"));
            check(&value);
            attrs.push((String::from_utf8(a.key.as_ref().to_vec()).unwrap(), value.into_owned()));
        }
        let tag = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
        Element { name: tag, attrs, children: vec![] }
    };
    let push_text = |stack: &mut Vec<Element>, s: &str| {
        let top = stack.last_mut().unwrap();
        if let Some(Node::Text(t)) = top.children.last_mut() {
            t.push_str(s);
        } else {
            top.children.push(Node::Text(s.to_owned()));
        }
    };
    loop {
        match reader.read_event().unwrap_or_else(|e| panic!("{name}: not well-formed: {e}")) {
            Event::Start(e) => stack.push(open(&e)),
            Event::Empty(e) => {
                let element = open(&e);
                stack.last_mut().unwrap().children.push(Node::Element(element));
            }
            Event::End(_) => {
                let element = stack.pop().unwrap();
                assert!(!stack.is_empty(), "{name}: end tag without start");
                stack.last_mut().unwrap().children.push(Node::Element(element));
            }
            Event::Text(t) => {
                let text = t.decode().unwrap();
                check(&text);
                push_text(&mut stack, &text);
            }
            Event::GeneralRef(r) => {
                let text = match r.resolve_char_ref().unwrap() {
                    Some(c) => c.to_string(),
                    None => match r.decode().unwrap().as_ref() {
                        "amp" => "&".into(),
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "quot" => "\"".into(),
                        "apos" => "'".into(),
                        other => panic!("{name}: unknown entity &{other};"),
                    },
                };
                check(&text);
                push_text(&mut stack, &text);
            }
            Event::CData(_) | Event::Comment(_) | Event::PI(_) | Event::DocType(_) => {
                panic!("{name}: jiebie writes no CDATA, comment, PI or DOCTYPE")
            }
            Event::Decl(_) => {}
            Event::Eof => break,
        }
    }
    assert_eq!(stack.len(), 1, "{name}: unclosed element {:?}", stack.last().map(|e| &e.name));
    let document = stack.pop().unwrap();
    let roots: Vec<&Element> = document.elements().collect();
    assert_eq!(roots.len(), 1, "{name}: one root element");
    assert!(
        document
            .children
            .iter()
            .all(|c| matches!(c, Node::Element(_))
                || matches!(c, Node::Text(t) if t.trim().is_empty())),
        "{name}: text outside the root"
    );
    roots[0].clone()
}

/// A .docx unzipped: every part parsed.
struct Docx {
    bytes: Vec<u8>,
    parts: BTreeMap<String, Element>,
}

impl Docx {
    fn open(bytes: Vec<u8>) -> Docx {
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
        let mut parts = BTreeMap::new();
        for i in 0..archive.len() {
            let mut file = archive.by_index(i).unwrap();
            let name = file.name().unwrap().into_owned();
            // Fixed timestamps: the bytes never depend on the time of the run.
            let time = file.last_modified().unwrap();
            assert_eq!((time.year(), time.month(), time.day()), (1980, 1, 1), "{name}");
            let mut text = String::new();
            file.read_to_string(&mut text).unwrap();
            parts.insert(name.clone(), parse(&name, &text));
        }
        Docx { bytes, parts }
    }

    fn part(&self, name: &str) -> &Element {
        self.parts.get(name).unwrap_or_else(|| panic!("no part {name}"))
    }

    fn body(&self) -> &Element {
        self.part("word/document.xml").child("w:body").unwrap()
    }

    /// The style of that id in styles.xml.
    fn style(&self, id: &str) -> &Element {
        self.part("word/styles.xml")
            .elements()
            .find(|s| s.name == "w:style" && s.attr("w:styleId") == Some(id))
            .unwrap_or_else(|| panic!("no style {id}"))
    }

    /// The text of every paragraph of the body, tables included.
    fn paragraphs(&self) -> Vec<String> {
        self.body().all("w:p").iter().map(|p| p.text()).collect()
    }

    /// The body's sections in order: the blocks of each and its `w:sectPr`.
    fn sections(&self) -> Vec<(Vec<&Element>, &Element)> {
        let mut sections = Vec::new();
        let mut blocks = Vec::new();
        for block in self.body().elements() {
            if block.name == "w:sectPr" {
                sections.push((std::mem::take(&mut blocks), block));
                continue;
            }
            blocks.push(block);
            if let Some(sect) = block.at(&["w:pPr", "w:sectPr"]) {
                sections.push((std::mem::take(&mut blocks), sect));
            }
        }
        assert!(blocks.is_empty(), "the body ends with its sectPr");
        sections
    }
}

fn examples() -> Test {
    let test = Test::new();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples"), &test.path("ex"));
    test
}

fn docx(test: &Test, args: &[&str]) -> Docx {
    let mut all = args.to_vec();
    all.extend(["-o", "out.docx"]);
    test.run(&all).success();
    Docx::open(test.read("out.docx"))
}

fn attrs<'a>(e: &'a Element, names: &[&str]) -> Vec<Option<&'a str>> {
    names.iter().map(|n| e.attr(n)).collect()
}

const PORTRAIT: [Option<&str>; 3] = [Some("11906"), Some("16838"), None];
const LANDSCAPE: [Option<&str>; 3] = [Some("16838"), Some("11906"), Some("landscape")];

fn page(sect: &Element) -> Vec<Option<&str>> {
    attrs(sect.child("w:pgSz").unwrap(), &["w:w", "w:h", "w:orient"])
}

fn margins(sect: &Element) -> Vec<Option<&str>> {
    attrs(sect.child("w:pgMar").unwrap(), &["w:top", "w:bottom", "w:left", "w:right"])
}

#[test]
fn page_is_a4_with_the_margins_of_gb_t_9704() {
    let test = examples();
    let doc = docx(&test, &["summarize", "ex"]);
    let sections = doc.sections();
    let (_, last) = sections.last().unwrap();
    assert_eq!(page(last), PORTRAIT);
    assert_eq!(margins(last), [Some("2098"), Some("1984"), Some("1587"), Some("1474")]);
    for (_, sect) in &sections {
        let landscape = sect.at(&["w:pgSz"]).unwrap().attr("w:orient").is_some();
        let expected = if landscape {
            [Some("1587"), Some("1474"), Some("1984"), Some("2098")]
        } else {
            [Some("2098"), Some("1984"), Some("1587"), Some("1474")]
        };
        assert_eq!(margins(sect), expected);
        // Both footers in every section, in schema order before the page size.
        let refs: Vec<Vec<Option<&str>>> = sect
            .elements()
            .filter(|e| e.name == "w:footerReference")
            .map(|e| attrs(e, &["w:type", "r:id"]))
            .collect();
        assert_eq!(refs, [[Some("even"), Some("rId5")], [Some("default"), Some("rId4")]]);
        assert_eq!(
            sect.names(),
            [
                "w:footerReference",
                "w:footerReference",
                "w:type",
                "w:pgSz",
                "w:pgMar",
                "w:cols",
                "w:docGrid"
            ]
        );
        // 22 lines of 28 characters (GB/T 9704) on a portrait page; lines only on a turned one.
        let grid = sect.at(&["w:docGrid"]).unwrap();
        let expected = if landscape {
            [Some("lines"), Some("579"), None]
        } else {
            [Some("linesAndChars"), Some("579"), Some("-849")]
        };
        assert_eq!(attrs(grid, &["w:type", "w:linePitch", "w:charSpace"]), expected);
    }
    let rels = doc.part("word/_rels/document.xml.rels");
    let target = |id: &str| {
        rels.elements().find(|r| r.attr("Id") == Some(id)).and_then(|r| r.attr("Target"))
    };
    assert_eq!(target("rId4"), Some("footer1.xml"));
    assert_eq!(target("rId5"), Some("footer2.xml"));
}

/// (East Asian font, half-points, bold) of a paragraph style, and its Latin font.
fn style_font(doc: &Docx, id: &str) -> (String, String, String, bool) {
    let rpr = doc.style(id).child("w:rPr").unwrap();
    let fonts = rpr.child("w:rFonts").unwrap();
    (
        fonts.attr("w:eastAsia").unwrap().to_owned(),
        fonts.attr("w:ascii").unwrap().to_owned(),
        rpr.child("w:sz").unwrap().attr("w:val").unwrap().to_owned(),
        rpr.child("w:b").is_some(),
    )
}

#[test]
fn styles_name_the_east_asian_fonts_and_sizes() {
    let test = examples();
    let doc = docx(&test, &["summarize", "ex"]);
    let tnr = "Times New Roman".to_string();
    let f = |e: &str, sz: &str, b: bool| (e.to_string(), tnr.clone(), sz.to_string(), b);
    assert_eq!(style_font(&doc, "Normal"), f("仿宋_GB2312", "32", false));
    assert_eq!(style_font(&doc, "Title"), f("方正小标宋简体", "44", false));
    assert_eq!(style_font(&doc, "Heading1"), f("黑体", "32", false));
    assert_eq!(style_font(&doc, "Heading2"), f("楷体_GB2312", "32", false));
    assert_eq!(style_font(&doc, "Heading3"), f("仿宋_GB2312", "32", true));
    assert_eq!(style_font(&doc, "Heading4"), f("仿宋", "32", false));
    assert_eq!(style_font(&doc, "TableText"), f("仿宋_GB2312", "21", false));
    assert_eq!(style_font(&doc, "Footer"), f("宋体", "28", false));

    let normal = doc.style("Normal");
    assert_eq!(normal.attr("w:default"), Some("1"));
    let spacing = normal.at(&["w:pPr", "w:spacing"]).unwrap();
    assert_eq!(attrs(spacing, &["w:line", "w:lineRule"]), [Some("579"), Some("exact")]);
    assert_eq!(normal.at(&["w:pPr", "w:ind"]).unwrap().attr("w:firstLine"), Some("640"));
    assert_eq!(doc.style("Title").at(&["w:pPr", "w:jc"]).unwrap().attr("w:val"), Some("center"));

    // Real heading styles with outline levels, for the navigation pane.
    for level in 1..=4 {
        let style = doc.style(&format!("Heading{level}"));
        assert_eq!(
            style.at(&["w:name"]).unwrap().attr("w:val"),
            Some(format!("heading {level}").as_str())
        );
        let outline = style.at(&["w:pPr", "w:outlineLvl"]).unwrap().attr("w:val");
        assert_eq!(outline, Some((level - 1).to_string().as_str()));
    }

    let defaults =
        doc.part("word/styles.xml").at(&["w:docDefaults", "w:rPrDefault", "w:rPr"]).unwrap();
    assert_eq!(defaults.child("w:rFonts").unwrap().attr("w:eastAsia"), Some("仿宋_GB2312"));
    assert_eq!(defaults.child("w:lang").unwrap().attr("w:eastAsia"), Some("zh-CN"));
    assert_eq!(
        defaults.child("w:lang").unwrap().attr("w:val"),
        Some("zh-CN"),
        "the document language"
    );

    // Windows fallbacks in the font table.
    let fonts = doc.part("word/fontTable.xml");
    let alt = |name: &str| {
        fonts
            .elements()
            .find(|f| f.attr("w:name") == Some(name))
            .and_then(|f| f.child("w:altName"))
            .and_then(|a| a.attr("w:val"))
    };
    assert_eq!(alt("仿宋_GB2312"), Some("仿宋"));
    assert_eq!(alt("楷体_GB2312"), Some("楷体"));
    assert_eq!(alt("方正小标宋简体"), Some("宋体"));
    assert_eq!(alt("黑体"), Some("SimHei"));
}

#[test]
fn every_run_names_its_latin_and_east_asian_font() {
    let test = examples();
    let doc = docx(&test, &["summarize", "ex"]);
    for part in ["word/document.xml", "word/footer1.xml", "word/footer2.xml"] {
        let runs = doc.part(part).all("w:r");
        assert!(!runs.is_empty());
        for run in runs {
            let rpr = run.child("w:rPr").unwrap_or_else(|| panic!("{part}: a run without rPr"));
            assert_eq!(rpr.names().first(), Some(&"w:rFonts"), "rFonts first in rPr");
            let fonts = rpr.child("w:rFonts").unwrap();
            assert_eq!(fonts.attr("w:ascii"), Some("Times New Roman"));
            assert_eq!(fonts.attr("w:hAnsi"), Some("Times New Roman"));
            assert!(fonts.attr("w:eastAsia").is_some_and(|f| !f.is_empty()));
        }
    }
    // pPr children in schema order: pStyle first, sectPr last.
    for ppr in doc.body().all("w:pPr") {
        let names = ppr.names();
        if let Some(i) = names.iter().position(|n| *n == "w:pStyle") {
            assert_eq!(i, 0);
        }
        if let Some(i) = names.iter().position(|n| *n == "w:sectPr") {
            assert_eq!(i, names.len() - 1);
        }
    }
}

#[test]
fn the_title_and_headings_are_styled_paragraphs() {
    let test = examples();
    let doc = docx(&test, &["summarize", "ex", "--year", "2020"]);
    let first = doc.body().child("w:p").unwrap();
    assert_eq!(first.at(&["w:pPr", "w:pStyle"]).unwrap().attr("w:val"), Some("Title"));
    assert_eq!(first.text(), "上海市政协2020年界别工作概要与2021年工作设想");
    let core = doc.part("docProps/core.xml");
    assert_eq!(core.child("dc:title").unwrap().children.len(), 1);
    // Every heading of the Markdown is a heading paragraph of the same level and text.
    let markdown = test.run(&["summarize", "ex", "--year", "2020", "--format", "markdown"]);
    let headings: Vec<(String, String)> = markdown
        .success()
        .stdout
        .lines()
        .filter_map(|line| {
            let hashes = line.len() - line.trim_start_matches('#').len();
            (2..=5).contains(&hashes).then(|| {
                (format!("Heading{}", hashes - 1), line[hashes..].trim().replace('\\', ""))
            })
        })
        .collect();
    let styled: Vec<(String, String)> = doc
        .body()
        .elements()
        .filter(|p| p.name == "w:p")
        .filter_map(|p| {
            let style = p.at(&["w:pPr", "w:pStyle"])?.attr("w:val")?;
            style.starts_with("Heading").then(|| (style.to_owned(), p.text()))
        })
        .collect();
    assert!(!headings.is_empty());
    assert_eq!(styled, headings);
}

/// Checks every table of a document: fixed layout, single borders, columns that fill the text
/// width of their section, the header row bold and repeated, cell widths the grid's. Returns
/// how many tables there are.
fn check_tables(doc: &Docx) -> usize {
    let mut tables = 0;
    for (blocks, sect) in &doc.sections() {
        let width = if page(sect) == LANDSCAPE { 16838 - 2098 - 1984 } else { 11906 - 1587 - 1474 };
        for table in blocks.iter().filter(|b| b.name == "w:tbl") {
            tables += 1;
            let tblpr = table.child("w:tblPr").unwrap();
            assert_eq!(tblpr.child("w:tblLayout").unwrap().attr("w:type"), Some("fixed"));
            let borders = tblpr.child("w:tblBorders").unwrap();
            assert_eq!(
                borders.names(),
                ["w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"]
            );
            assert!(borders.elements().all(|b| b.attr("w:val") == Some("single")));
            let grid: Vec<u32> = table
                .child("w:tblGrid")
                .unwrap()
                .elements()
                .map(|c| c.attr("w:w").unwrap().parse().unwrap())
                .collect();
            assert_eq!(grid.iter().sum::<u32>(), width, "columns fill the text width");
            let rows: Vec<&Element> = table.elements().filter(|e| e.name == "w:tr").collect();
            let header = rows[0];
            assert!(header.at(&["w:trPr", "w:tblHeader"]).is_some());
            assert!(rows[1..].iter().all(|r| r.at(&["w:trPr", "w:tblHeader"]).is_none()));
            for cell in header.elements().filter(|e| e.name == "w:tc") {
                assert!(cell.all("w:r").iter().all(|r| r.at(&["w:rPr", "w:b"]).is_some()));
            }
            // Cell widths are the grid's.
            for row in &rows {
                let widths: Vec<u32> = row
                    .elements()
                    .filter(|e| e.name == "w:tc")
                    .map(|c| {
                        c.at(&["w:tcPr", "w:tcW"]).unwrap().attr("w:w").unwrap().parse().unwrap()
                    })
                    .collect();
                assert_eq!(widths, grid);
            }
        }
    }
    tables
}

/// The text of each cell of each row of a table.
fn cell_texts(table: &Element) -> Vec<Vec<String>> {
    table
        .elements()
        .filter(|e| e.name == "w:tr")
        .map(|r| r.elements().filter(|e| e.name == "w:tc").map(|c| c.text()).collect())
        .collect()
}

#[test]
fn tables_repeat_their_header_and_fit_the_page() {
    let test = examples();
    let doc = docx(&test, &["summarize", "ex"]);
    // The overview, then the appendix: 附表1 kinds, 附表2 months, 附表3 metrics.
    assert_eq!(check_tables(&doc), 4);
    let firsts: Vec<String> =
        doc.body().all("w:tbl").iter().map(|t| cell_texts(t)[0][..2].join("|")).collect();
    assert_eq!(firsts, ["界别|活动数", "界别|学习", "界别|1月", "界别|指标"]);

    // The overview: 合计 row bold throughout, numbers right-aligned.
    let overview = doc.body().child("w:tbl").unwrap();
    let rows: Vec<&Element> = overview.elements().filter(|e| e.name == "w:tr").collect();
    let total = rows.last().unwrap();
    let cells: Vec<&Element> = total.elements().filter(|e| e.name == "w:tc").collect();
    assert_eq!(cells[0].text(), "合计");
    assert_eq!(cells[1].text(), "46");
    assert!(total.all("w:r").iter().all(|r| r.at(&["w:rPr", "w:b"]).is_some()));
    let second_row_cells: Vec<&Element> = rows[1].elements().filter(|e| e.name == "w:tc").collect();
    let jc = |c: &Element| {
        c.at(&["w:p", "w:pPr", "w:jc"]).and_then(|j| j.attr("w:val")).map(str::to_owned)
    };
    assert_eq!(jc(second_row_cells[0]), None, "text columns keep the style's left alignment");
    assert_eq!(jc(second_row_cells[1]).as_deref(), Some("right"));

    // A date never breaks: in the activities view's document, the dates column is at least as
    // wide as its longest date at 10.5 pt (210 twips an em; in Times New Roman a digit is 0.5
    // em, a hyphen 0.333, a capital about 0.722) and the cell margins.
    let needed = |date: &str| -> usize {
        date.chars()
            .map(|c| match c {
                '0'..='9' => 105,
                '-' => 70,
                'A'..='Z' => 152,
                _ => 210,
            })
            .sum::<usize>()
            + 2 * 85
    };
    let doc = docx(&test, &["summarize", "ex", "--view", "activities"]);
    assert_eq!(check_tables(&doc), 1);
    let table = doc.body().child("w:tbl").unwrap();
    let rows = cell_texts(table);
    assert_eq!(rows.len(), 1 + 46, "the header and every activity of 2021");
    let i = rows[0].iter().position(|h| h == "日期").unwrap();
    let longest = rows[1..].iter().map(|r| needed(&r[i])).max().unwrap();
    assert_eq!(longest, needed("2021-05-18"));
    let grid = table.child("w:tblGrid").unwrap().elements().nth(i).unwrap();
    let width: usize = grid.attr("w:w").unwrap().parse().unwrap();
    assert!(width >= longest, "{width} for {longest}");
}

#[test]
fn the_months_table_gets_a_landscape_section() {
    let test = examples();
    let doc = docx(&test, &["summarize", "ex"]);
    let sections = doc.sections();
    let months = sections
        .iter()
        .find(|(blocks, _)| {
            blocks.iter().any(|b| b.name == "w:tbl" && b.text().contains("月份不详"))
        })
        .expect("a section holds the months table");
    // The document's months table leaves out February and August, which have no activity:
    // its 13 columns fit a portrait page, so it shares the portrait section of the appendix.
    assert_eq!(page(months.1), PORTRAIT);
    let table = months.0.iter().find(|b| b.name == "w:tbl" && b.text().contains("月份不详"));
    let head = &cell_texts(table.unwrap())[0];
    assert!(!head.contains(&"2月".to_string()) && head.contains(&"3月".to_string()), "{head:?}");
    assert_eq!(page(sections[0].1), PORTRAIT);
    assert_eq!(page(sections.last().unwrap().1), PORTRAIT);

    // The months view alone: one landscape section, the title on the page of the table (not
    // alone on a portrait page before it).
    let doc = docx(&test, &["summarize", "ex", "--view", "months"]);
    let sections = doc.sections();
    let pages: Vec<Vec<Option<&str>>> = sections.iter().map(|(_, s)| page(s)).collect();
    assert_eq!(pages, [LANDSCAPE.to_vec()]);
    let blocks: Vec<(&str, Option<&str>, String)> = sections[0]
        .0
        .iter()
        .map(|b| {
            (b.name.as_str(), b.at(&["w:pPr", "w:pStyle"]).and_then(|s| s.attr("w:val")), b.text())
        })
        .collect();
    assert_eq!(blocks.len(), 4);
    assert_eq!(blocks[0].1, Some("Title"));
    assert_eq!((blocks[1].1, blocks[1].2.as_str()), (Some("Heading1"), "各月活动"));
    assert_eq!(blocks[2].0, "w:tbl");
    assert_eq!((blocks[3].0, blocks[3].2.as_str()), ("w:p", ""));
}

#[test]
fn footers_hold_the_page_number_on_the_outer_corners() {
    let test = examples();
    let doc = docx(&test, &["summarize", "ex"]);
    for (part, side) in [("word/footer1.xml", "right"), ("word/footer2.xml", "left")] {
        let p = doc.part(part).child("w:p").unwrap();
        assert_eq!(p.at(&["w:pPr", "w:pStyle"]).unwrap().attr("w:val"), Some("Footer"));
        assert_eq!(p.at(&["w:pPr", "w:jc"]).unwrap().attr("w:val"), Some(side));
        assert_eq!(p.at(&["w:pPr", "w:ind"]).unwrap().attr(&format!("w:{side}")), Some("280"));
        let pieces: Vec<String> = p
            .elements()
            .filter(|e| e.name == "w:r")
            .map(|r| {
                let inner = r.elements().find(|e| e.name != "w:rPr").unwrap();
                match inner.name.as_str() {
                    "w:fldChar" => format!("fld:{}", inner.attr("w:fldCharType").unwrap()),
                    "w:instrText" => match &inner.children[..] {
                        [Node::Text(t)] => format!("instr:{t}"),
                        _ => panic!(),
                    },
                    _ => format!("text:{}", r.text()),
                }
            })
            .collect();
        assert_eq!(
            pieces,
            [
                "text:— ",
                "fld:begin",
                "instr: PAGE ",
                "fld:separate",
                "text:1",
                "fld:end",
                "text: —"
            ]
        );
    }
    let settings = doc.part("word/settings.xml");
    assert!(settings.child("w:evenAndOddHeaders").is_some());
}

/// The activity titles of a year, from the JSON of the activities view.
fn titles(test: &Test, year: &str) -> Vec<String> {
    let run =
        test.run(&["summarize", "ex", "--year", year, "--format", "json", "--view", "activities"]);
    let json: serde_json::Value = serde_json::from_str(&run.success().stdout).unwrap();
    json["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["title"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn every_activity_of_the_year_is_in_the_text() {
    let test = examples();
    for (year, count) in [("2020", 37), ("2021", 46)] {
        let titles = titles(&test, year);
        assert_eq!(titles.len(), count, "{year}");
        let doc = docx(&test, &["summarize", "ex", "--year", year]);
        let paragraphs = doc.paragraphs();
        for title in &titles {
            assert!(
                paragraphs.iter().any(|p| p.contains(title.as_str())),
                "{year}: {title} missing"
            );
        }
        // Markdown escapes resolved: no backslash reaches the document.
        assert!(paragraphs.iter().all(|p| !p.contains('\\')));
    }
}

/// Every id (of activities and of plans, wherever they appear) and every line of every
/// activity's title, summary and outcomes in the JSON report of a year.
fn ids_and_texts(test: &Test, year: &str) -> (Vec<String>, Vec<String>) {
    let run = test.run(&["summarize", "ex", "--year", year, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.success().stdout).unwrap();
    let mut ids = Vec::new();
    let mut texts = Vec::new();
    let mut lines = |text: &str| {
        texts.extend(text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned))
    };
    for sector in json["sectors"].as_array().unwrap() {
        for a in sector["activities"].as_array().unwrap() {
            ids.push(a["id"].as_str().unwrap().to_owned());
            ids.extend(a["plan"].as_str().map(str::to_owned));
            lines(a["title"].as_str().unwrap());
            lines(a["summary"].as_str().unwrap_or(""));
            for outcome in a["outcomes"].as_array().unwrap() {
                lines(outcome.as_str().unwrap());
            }
        }
        for plan in sector["plans_next"].as_array().unwrap() {
            ids.push(plan["id"].as_str().unwrap().to_owned());
        }
    }
    (ids, texts)
}

#[test]
fn every_title_summary_and_outcome_is_in_the_text_and_no_id() {
    let test = examples();
    for (year, id_count, text_count) in [("2020", 64, 50), ("2021", 88, 60)] {
        let (ids, texts) = ids_and_texts(&test, year);
        assert_eq!((ids.len(), texts.len()), (id_count, text_count), "{year}");
        let doc = docx(&test, &["summarize", "ex", "--year", year]);
        let body = doc.body().text();
        for text in &texts {
            assert!(body.contains(text.as_str()), "{year}: {text} missing");
        }
        for id in &ids {
            assert!(!body.contains(id.as_str()), "{year}: the id {id} is in the document");
        }
        // Nor in any other part: properties, footers, styles.
        for (name, part) in &doc.parts {
            assert!(ids.iter().all(|id| !part.text().contains(id.as_str())), "{name}");
        }
    }
}

/// The (style, text) of every heading and of the title, in document order.
fn outline(doc: &Docx) -> Vec<(String, String)> {
    doc.body()
        .elements()
        .filter(|p| p.name == "w:p")
        .filter_map(|p| {
            let style = p.at(&["w:pPr", "w:pStyle"])?.attr("w:val")?;
            (style.starts_with("Heading") || style == "Title").then(|| (style.to_owned(), p.text()))
        })
        .collect()
}

/// The (style, text) of every heading of a Markdown document: `#` the title, `##` heading 1.
fn markdown_outline(markdown: &str) -> Vec<(String, String)> {
    markdown
        .lines()
        .filter_map(|line| {
            let hashes = line.len() - line.trim_start_matches('#').len();
            let text = line[hashes..].strip_prefix(' ')?.trim().replace('\\', "");
            match hashes {
                1 => Some(("Title".to_owned(), text)),
                2..=5 => Some((format!("Heading{}", hashes - 1), text)),
                6 => Some(("Heading4".to_owned(), text)),
                _ => None,
            }
        })
        .collect()
}

#[test]
fn a_template_gives_a_word_file_with_its_headings() {
    let test = examples();
    let cases = [
        (
            "ex/templates/半年工作总结.md.j2",
            "2021",
            24,
            "上海市政协2021年上半年界别工作总结和下半年工作打算",
        ),
        ("ex/templates/界别简报.md.j2", "2020", 11, "上海市政协2020年界别工作简报"),
    ];
    for (template, year, headings, title) in cases {
        let args = ["summarize", "ex", "--year", year, "--template", template];
        let doc = docx(&test, &args);
        let mut md_args = args.to_vec();
        md_args.extend(["-o", "out.md"]);
        test.run(&md_args).success();
        let markdown = String::from_utf8(test.read("out.md")).unwrap();
        let expected = markdown_outline(&markdown);
        assert_eq!(expected.len(), headings, "{template}");
        assert_eq!(expected[0], ("Title".to_owned(), title.to_owned()));
        assert_eq!(outline(&doc), expected, "{template}");
        // The same official style as the built-in document: page, fonts, outline levels.
        assert_eq!(page(doc.sections().last().unwrap().1), PORTRAIT);
        assert_eq!(style_font(&doc, "Normal").0, "仿宋_GB2312");
        assert_eq!(style_font(&doc, "Heading1").0, "黑体");
        for level in 1..=4 {
            let style = doc.style(&format!("Heading{level}"));
            let outline = style.at(&["w:pPr", "w:outlineLvl"]).unwrap().attr("w:val");
            assert_eq!(outline, Some((level - 1).to_string().as_str()));
        }
        // No Markdown syntax reaches the text.
        for p in doc.paragraphs() {
            assert!(!p.contains("**") && !p.contains('\\') && !p.starts_with('#'), "{p}");
        }
        let again = docx(&test, &args);
        assert_eq!(again.bytes, doc.bytes, "{template}: same bytes twice");
    }
}

#[test]
fn diff_tables_repeat_their_header_and_bold_the_totals() {
    let test = examples();
    let doc = docx(&test, &["diff", "2020", "2021", "ex"]);
    let tables = doc.body().all("w:tbl");
    assert_eq!(check_tables(&doc), tables.len());
    assert_eq!(tables.len(), 5, "sectors, kinds, metrics, plans, brands");
    // The sector names of five characters ("文化艺术界") keep to one line in the twelve
    // columns of the sectors table: 5 em of 10.5 pt and the cell margins.
    let first_column: u32 = tables[0]
        .at(&["w:tblGrid", "w:gridCol"])
        .and_then(|c| c.attr("w:w"))
        .unwrap()
        .parse()
        .unwrap();
    assert!(first_column >= 5 * 210 + 2 * 85, "{first_column}");
    let markdown = test.run(&["diff", "2020", "2021", "ex", "--format", "markdown"]);
    let markdown = markdown.success().stdout.clone();
    // The total rows of the Markdown, cell by cell, are the bold last rows of two tables.
    let totals: Vec<Vec<String>> = markdown
        .lines()
        .filter(|l| l.starts_with("| **合计**"))
        .map(|l| {
            l.trim_matches('|').split(" | ").map(|c| c.trim().replace(['*', '\\'], "")).collect()
        })
        .collect();
    assert_eq!(totals.len(), 2);
    assert_eq!(totals[1], ["合计", "37", "46", "+9"]);
    let mut bold_rows = Vec::new();
    for table in &tables {
        let rows: Vec<&Element> = table.elements().filter(|e| e.name == "w:tr").collect();
        for row in &rows[1..] {
            let runs = row.all("w:r");
            if runs.iter().all(|r| r.at(&["w:rPr", "w:b"]).is_some()) {
                let cells: Vec<String> =
                    row.elements().filter(|e| e.name == "w:tc").map(|c| c.text()).collect();
                bold_rows.push(cells);
            }
        }
        let last = rows.last().unwrap();
        let first_cell = last.child("w:tc").unwrap().text();
        if first_cell == "合计" {
            assert!(last.all("w:r").iter().all(|r| r.at(&["w:rPr", "w:b"]).is_some()));
        }
    }
    assert_eq!(bold_rows, totals, "the total rows and only they are bold");
}

#[test]
fn same_input_same_bytes_to_a_file_or_standard_output() {
    let test = examples();
    let a = docx(&test, &["summarize", "ex"]);
    let b = docx(&test, &["summarize", "ex"]);
    assert_eq!(a.bytes, b.bytes);
    let stdout = test.run(&["summarize", "ex", "--format", "docx"]);
    assert_eq!(stdout.success().bytes, a.bytes);
    let names: Vec<&str> = a.parts.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/app.xml",
            "docProps/core.xml",
            "word/_rels/document.xml.rels",
            "word/charts/chart1.xml",
            "word/document.xml",
            "word/fontTable.xml",
            "word/footer1.xml",
            "word/footer2.xml",
            "word/settings.xml",
            "word/styles.xml",
            "word/theme/theme1.xml",
            "word/webSettings.xml",
        ]
    );
    // Every part but the relationships and content types is declared in [Content_Types].xml.
    let overrides: Vec<&str> =
        a.part("[Content_Types].xml").elements().filter_map(|e| e.attr("PartName")).collect();
    for name in names.iter().filter(|n| !n.ends_with(".rels") && !n.starts_with('[')) {
        assert!(overrides.contains(&format!("/{name}").as_str()), "{name}");
    }
}

#[test]
fn one_view_gives_a_document_with_its_table() {
    let test = examples();
    let doc = docx(&test, &["summarize", "ex", "--view", "overview"]);
    let tables = doc.body().all("w:tbl");
    assert_eq!(tables.len(), 1);
    let header: Vec<String> = tables[0]
        .child("w:tr")
        .unwrap()
        .elements()
        .filter(|e| e.name == "w:tc")
        .map(|c| c.text())
        .collect();
    // The labels of the view, as every other format writes them.
    let csv = test.run(&["summarize", "ex", "--format", "csv", "--view", "overview"]);
    let labels: Vec<&str> = csv.success().stdout.lines().next().unwrap().split(',').collect();
    assert_eq!(header, labels);
    assert_eq!(header[..3], ["界别", "活动数", "参与人次"]);
    // The total row of the Markdown table is the bold last row.
    let rows: Vec<&Element> = tables[0].elements().filter(|e| e.name == "w:tr").collect();
    assert_eq!(rows.len(), 1 + 10 + 1, "header, ten sectors, total");
    assert!(rows[11].text().starts_with("合计"));
}

#[test]
fn diff_writes_its_tables_in_the_same_style() {
    let test = examples();
    let doc = docx(&test, &["diff", "2020", "2021", "ex"]);
    let first = doc.body().child("w:p").unwrap();
    assert_eq!(first.text(), "上海市政协2020年与2021年界别工作对比");
    assert!(doc.body().all("w:tbl").len() >= 3);
    assert_eq!(style_font(&doc, "Normal").0, "仿宋_GB2312");
    // The format follows the extension; --format docx says the same to standard output.
    let stdout = test.run(&["diff", "2020", "2021", "ex", "--format", "docx"]);
    assert_eq!(stdout.success().bytes, doc.bytes);
}

#[test]
fn document_table_of_jiebie_toml_overrides_fonts_and_sizes() {
    let test = examples();
    let config = test.path("ex/jiebie.toml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str(
        "\n[document]\nbody_font = \"宋体\"\nbody_size = 14\ntitle_font = \"黑体\"\ntitle_size = 20\nheading2_font = \"楷体\"\ntable_size = 12\n",
    );
    std::fs::write(&config, text).unwrap();
    let doc = docx(&test, &["summarize", "ex"]);
    let tnr = "Times New Roman".to_string();
    let f = |e: &str, sz: &str, b: bool| (e.to_string(), tnr.clone(), sz.to_string(), b);
    assert_eq!(style_font(&doc, "Normal"), f("宋体", "28", false));
    assert_eq!(style_font(&doc, "Title"), f("黑体", "40", false));
    assert_eq!(style_font(&doc, "Heading1"), f("黑体", "28", false));
    assert_eq!(style_font(&doc, "Heading2"), f("楷体", "28", false));
    assert_eq!(style_font(&doc, "TableText"), f("仿宋_GB2312", "24", false));
    // Two characters of 14 pt.
    let indent = doc.style("Normal").at(&["w:pPr", "w:ind"]).unwrap().attr("w:firstLine");
    assert_eq!(indent, Some("560"));
    let runs = doc.body().all("w:r");
    let body_run = runs
        .iter()
        .find(|r| r.text().starts_with("2021年，10个界别共开展活动46项"))
        .and_then(|r| r.at(&["w:rPr", "w:rFonts"]))
        .and_then(|f| f.attr("w:eastAsia"));
    assert_eq!(body_run, Some("宋体"));
}

#[test]
fn the_commented_document_example_of_the_sample_config_works_when_uncommented() {
    let test = examples();
    let config = test.path("ex/jiebie.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    // Only the [document] table and its keys: the explanations stay comments.
    let mut uncommented = 0;
    let text: String = text
        .lines()
        .map(|line| match line.strip_prefix("# ") {
            Some(rest) if rest == "[document]" || rest.contains(" = ") && !rest.contains('：') => {
                uncommented += 1;
                format!("{rest}\n")
            }
            _ => format!("{line}\n"),
        })
        .collect();
    assert_eq!(uncommented, 7, "[document] and six keys");
    std::fs::write(&config, text).unwrap();
    let run = test.run(&["validate", "ex"]);
    assert_eq!(run.success().stderr, "");
    let doc = docx(&test, &["summarize", "ex"]);
    let tnr = "Times New Roman".to_string();
    let f = |e: &str, sz: &str, b: bool| (e.to_string(), tnr.clone(), sz.to_string(), b);
    assert_eq!(style_font(&doc, "Title"), f("宋体", "44", false));
    assert_eq!(style_font(&doc, "Normal"), f("仿宋", "32", false));
    assert_eq!(style_font(&doc, "Heading1"), f("黑体", "32", false));
    assert_eq!(style_font(&doc, "Heading2"), f("楷体", "32", false));
    assert_eq!(style_font(&doc, "Heading3"), f("仿宋", "32", true));
    assert_eq!(style_font(&doc, "TableText"), f("仿宋", "24", false));
}

#[test]
fn document_table_is_validated_like_every_other_key() {
    let test = examples();
    let config = test.path("ex/jiebie.toml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    let line = text.lines().count() + 3;
    text.push_str("\n[document]\nbody_size = 100\nbdy_font = \"x\"\ntitle_font = \" \"\n");
    std::fs::write(&config, text).unwrap();
    let diagnostics = test.diagnostics(&["ex"]);
    let file = diagnostics[0].1.clone();
    assert!(file.ends_with("jiebie.toml"), "{file}");
    assert_eq!(
        diagnostics,
        [
            ("E013".to_string(), file.clone(), line, 13),
            ("E011".to_string(), file.clone(), line + 1, 1),
            ("E013".to_string(), file.clone(), line + 2, 14),
        ]
    );
    let run = test.run(&["summarize", "ex", "-o", "out.docx"]);
    assert_eq!(run.status, 1);
    assert!(run.stderr.contains("字号 100 不在 5–72 磅之间"), "{}", run.stderr);
    assert!(!test.path("out.docx").exists());
}

#[test]
fn the_overview_carries_a_native_chart_of_activities_per_sector() {
    let test = examples();
    let doc = docx(&test, &["summarize", "ex"]);
    // The chart part, its relationship and content type; its bars are the overview's rows.
    let chart = doc.part("word/charts/chart1.xml");
    assert_eq!(chart.name, "c:chartSpace");
    let bar = chart.at(&["c:chart", "c:plotArea", "c:barChart"]).expect("a bar chart");
    let ser = bar.child("c:ser").unwrap();
    let points = |path: &[&str]| -> Vec<String> {
        let value = |p: &Element| -> String {
            let v = p.child("c:v").unwrap();
            v.children
                .iter()
                .filter_map(|c| if let Node::Text(s) = c { Some(s.as_str()) } else { None })
                .collect()
        };
        ser.at(path).unwrap().elements().filter(|e| e.name == "c:pt").map(value).collect()
    };
    let labels = points(&["c:cat", "c:strRef", "c:strCache"]);
    let values = points(&["c:val", "c:numRef", "c:numCache"]);
    assert_eq!(labels.len(), 10);
    assert_eq!(labels[0], "台联");
    assert_eq!(values.iter().map(|v| v.parse::<u64>().unwrap()).sum::<u64>(), 46);
    let rels = doc.part("word/_rels/document.xml.rels");
    let target = |t: &str| rels.elements().find(|r| r.attr("Target") == Some(t)).is_some();
    assert!(target("charts/chart1.xml") && target("theme/theme1.xml") && target("webSettings.xml"));
    // The drawing follows the overview table, in the first chapter.
    let blocks: Vec<&Element> = doc.body().elements().collect();
    let at = blocks.iter().position(|b| !b.all("c:chart").is_empty()).expect("a chart drawing");
    // (A landscape overview, 13 columns with the rosters' participation, ends its section with
    // a paragraph first.)
    let before = &blocks[at - 1];
    let section_end = before.name == "w:p" && !before.all("w:sectPr").is_empty();
    assert_eq!(blocks[at - if section_end { 2 } else { 1 }].name, "w:tbl");
    // No made-up date in the properties.
    let core = doc.part("docProps/core.xml");
    assert!(core.elements().all(|e| !e.name.starts_with("dcterms:")));

    // `[document] chart = false` leaves it out.
    let config = test.path("ex/jiebie.toml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str("\n[document]\nchart = false\n");
    std::fs::write(&config, text).unwrap();
    let doc = docx(&test, &["summarize", "ex"]);
    assert!(!doc.parts.contains_key("word/charts/chart1.xml"));
    assert!(doc.body().all("c:chart").is_empty());
    // One sector: no chart, and no total row repeating the only row.
    let test = examples();
    let doc = docx(&test, &["summarize", "ex", "--sector", "对外友好界"]);
    assert!(!doc.parts.contains_key("word/charts/chart1.xml"));
    for table in doc.body().all("w:tbl") {
        let rows = cell_texts(table);
        assert!(rows.iter().all(|row| row[0] != "合计"), "{rows:?}");
    }
}
