//! Property tests: no input makes the loader and validator panic or produce a diagnostic
//! without a valid place; the quick parse of plain documents agrees with the full parse;
//! generated valid workspaces validate clean and their report numbers match a simple
//! independent count.

use std::path::PathBuf;

use chrono::NaiveDate;
use jiebie::diagnostic::Diagnostic;
use jiebie::lang::Lang;
use jiebie::model::workspace::Workspace;
use jiebie::numbers::report::Report;
use jiebie::read::toml_tree::{self, Item, Value};
use proptest::prelude::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

/// Every diagnostic points into a file that exists, within its text, and renders.
fn check_places(workspace: &Workspace) {
    for diagnostic in &workspace.diagnostics {
        check_place(diagnostic, workspace);
        let text = diagnostic.render(&workspace.sources, Lang::Zh, false);
        assert!(text.contains(diagnostic.code().as_str()));
        let json = diagnostic.to_json(&workspace.sources, Lang::En);
        assert!(json.file.is_some(), "{text}");
    }
}

fn check_place(diagnostic: &Diagnostic, workspace: &Workspace) {
    let Some(place) = &diagnostic.place else {
        assert_eq!(diagnostic.code(), "E004");
        return;
    };
    let source = &workspace.sources[place.file().expect("a place in a loaded file")];
    if let Some(span) = place.span() {
        assert!(span.start <= span.end && span.end <= source.text().len(), "{diagnostic:?}");
        let (line, column) = source.position(span.start);
        assert!(line >= 1 && column >= 1);
        assert!(column <= source.line(line).chars().count() + 1, "{diagnostic:?}");
    } else {
        assert_eq!(diagnostic.code(), "E001");
    }
}

fn load(files: Vec<(&str, Vec<u8>)>) -> Workspace {
    let files: Vec<(PathBuf, Vec<u8>)> =
        files.into_iter().map(|(p, b)| (PathBuf::from(p), b)).collect();
    Workspace::from_memory(&files, today())
}

fn examples() -> Vec<String> {
    let mut texts = Vec::new();
    let mut stack = vec![PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/examples"))];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") {
                texts.push(std::fs::read_to_string(path).unwrap());
            }
        }
    }
    texts.sort();
    texts
}

/// The quick parse either leaves a document to the full parse or reads it exactly as the full
/// parse does: same keys in the same order, same values, same spans.
fn agree(text: &str) {
    if let Some(quick) = toml_tree::quick(text) {
        assert_eq!(Ok(quick), toml_tree::full(text).map_err(|e| e.len()), "{text}");
    }
    // Read a piece at a time, in the smallest pieces: never another result.
    for piece in [1, 7, 40] {
        if let Some(quick) = toml_tree::quick_in_pieces(text, piece) {
            assert_eq!(Ok(quick), toml_tree::full(text).map_err(|e| e.len()), "{piece}: {text}");
        }
    }
    // The tables taken from an array as they are read, put back into it, make the same tree.
    for key in ["a", "activity"] {
        let mut taken = Vec::new();
        let mut take = |table, span| taken.push(Item { value: Value::Table(table), span });
        let Ok((mut tree, true)) = toml_tree::parse_taking(text, Some((key, &mut take))) else {
            continue;
        };
        match tree.entries.iter_mut().find(|(k, _)| k.value == key) {
            Some((_, Item { value: Value::Array(items), .. })) => {
                assert!(items.is_empty(), "{key}: {text}");
                *items = taken;
            }
            _ => assert!(taken.is_empty(), "{key}: {text}"),
        }
        assert_eq!(Ok(tree), toml_tree::parse(text).map_err(|e| e.len()), "{key}: {text}");
    }
}

/// Lines of TOML that combine into plain documents, and into every way of defining a key or a
/// table twice, dotted keys, inline tables and broken values.
const LINES: [&str; 30] = [
    "[a]",
    "[[a]]",
    "[b]",
    "[[b]]",
    "[a.b]",
    "[[a.c]]",
    "[ a ]",
    "[\"a\"]",
    "[[ 'b' ]]",
    "a = 1",
    "b = \"x\"",
    "c = 'y'",
    "\"c\" = 2",
    "a.b = 1",
    "d = [1, \"x\", [2, [3]], ]",
    "d = [\n  \"p\", # note\n  \"q\"\n]",
    "e = {x = 1}",
    "f = 1979-05-27",
    "f = 1979-05-27T07:32:00Z",
    "g = 1_000",
    "g = 0x1F",
    "h = 1.5e3",
    "h = inf",
    "i = true",
    "j = \"\"\"\nmulti\r\nline\"\"\"",
    "k = \"esc\\u00e9\\t\"",
    "l = \"bad\\q\"",
    "# comment",
    "",
    "m = 2024-13-01",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn quick_parse_agrees_with_full_parse(
        lines in proptest::collection::vec(0..LINES.len(), 0..24),
        crlf in any::<bool>(),
    ) {
        let text = lines.iter().map(|&i| LINES[i]).collect::<Vec<_>>();
        agree(&text.join(if crlf { "\r\n" } else { "\n" }));
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        check_places(&load(vec![("a.toml", bytes.clone())]));
        check_places(&load(vec![("jiebie.toml", bytes), ("b.toml", b"[sector]\nname = \"x\"\n".to_vec())]));
    }

    #[test]
    fn arbitrary_text_never_panics(text in "[\\[\\]a-z=\"'{}\\n\\r ,.0-9#界别年月日调研\\-:TZ]{0,300}") {
        agree(&text);
        check_places(&load(vec![("a.toml", text.into_bytes())]));
    }

    #[test]
    fn mutated_examples_never_panic(
        which in 0usize..1000,
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0u8..4, any::<char>()), 1..8),
    ) {
        let texts = examples();
        let mut chars: Vec<char> = texts[which % texts.len()].chars().collect();
        for (at, op, c) in edits {
            if chars.is_empty() {
                break;
            }
            let i = at.index(chars.len());
            match op {
                0 => { chars.remove(i); }
                1 => chars.insert(i, c),
                2 => chars[i] = c,
                _ => { let j = (i + 40).min(chars.len()); chars.drain(i..j); }
            }
        }
        let text: String = chars.into_iter().collect();
        agree(&text);
        let workspace = load(vec![("a.toml", text.into_bytes())]);
        check_places(&workspace);
        for year in 2019..2023 {
            let report = Report::from_workspace(&workspace, year, &[]);
            prop_assert_eq!(report.year, year);
        }
    }
}

/// A generated activity.
#[derive(Debug, Clone)]
struct Act {
    year: u16,
    precision: u8,
    month: u8,
    day: u8,
    kind: usize,
    participants: Option<u16>,
    partners: u8,
    highlight: bool,
}

const SECTORS: [&str; 4] = ["经济界", "台联", "侨联", "民革"];
/// (word written, canonical kind)
const KINDS: [(&str, &str); 8] = [
    ("学习", "学习"),
    ("报告会", "学习"),
    ("调研", "调研"),
    ("走访", "调研"),
    ("提案", "提案"),
    ("集体提案", "提案"),
    ("社情民意信息", "社情民意"),
    ("座谈会", "座谈"),
];

fn act() -> impl Strategy<Value = Act> {
    (
        2019u16..2023,
        0u8..5,
        1u8..13,
        1u8..29,
        0..KINDS.len(),
        proptest::option::of(0u16..500),
        any::<u8>(),
        any::<bool>(),
    )
        .prop_map(|(year, precision, month, day, kind, participants, partners, highlight)| {
            Act { year, precision, month, day, kind, participants, partners, highlight }
        })
}

fn date(a: &Act) -> (String, Option<u8>) {
    let y = a.year;
    match a.precision {
        0 => (format!("\"{y}年全年\""), None),
        1 => (format!("\"{y}-H{}\"", if a.month <= 6 { 1 } else { 2 }), None),
        2 => (
            format!("\"{y}年第{}季度\"", ["一", "二", "三", "四"][usize::from((a.month - 1) / 3)]),
            None,
        ),
        3 => (format!("\"{y}年{}月\"", a.month), Some(a.month)),
        _ => (format!("{y}-{:02}-{:02}", a.month, a.day), Some(a.month)),
    }
}

/// The other sectors an activity names as partners.
fn partners(sector: usize, count: usize, mask: u8) -> Vec<usize> {
    (0..count).filter(|&i| i != sector && mask & (1 << i) != 0).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn generated_workspaces_validate_clean_and_count_right(
        sectors in proptest::collection::vec(proptest::collection::vec(act(), 0..12), 1..=4),
    ) {
        let n = sectors.len();
        let mut files = Vec::new();
        for (s, acts) in sectors.iter().enumerate() {
            let mut text = format!("[sector]\nname = \"{}\"\n", SECTORS[s]);
            let mut years: Vec<u16> = acts.iter().map(|a| a.year).collect();
            years.sort();
            years.dedup();
            for year in years {
                text.push_str(&format!("\n[[review]]\nyear = {year}\nsummary = \"{year}年概要\"\n"));
            }
            for (i, a) in acts.iter().enumerate() {
                let names: Vec<String> = partners(s, n, a.partners).iter().map(|&p| format!("\"{}\"", SECTORS[p])).collect();
                text.push_str(&format!(
                    "\n[[activity]]\ndate = {}\nkind = \"{}\"\ntitle = \"活动{i}\"\npartners = [{}]\nhighlight = {}\n",
                    date(a).0, KINDS[a.kind].0, names.join(", "), a.highlight
                ));
                if let Some(p) = a.participants {
                    text.push_str(&format!("participants = {p}\n"));
                }
            }
            files.push((format!("{}.toml", SECTORS[s]), text.into_bytes()));
        }
        let workspace = load(files.iter().map(|(p, b)| (p.as_str(), b.clone())).collect());
        let problems: Vec<String> = workspace.diagnostics.iter().map(|d| d.render(&workspace.sources, Lang::En, false)).collect();
        prop_assert!(problems.is_empty(), "{}", problems.join("\n"));

        for year in 2019..2023u16 {
            let report = Report::from_workspace(&workspace, year, &[]);
            for (s, acts) in sectors.iter().enumerate() {
                let of_year: Vec<&Act> = acts.iter().filter(|a| a.year == year).collect();
                let sector = report.sectors.iter().find(|r| r.name == SECTORS[s]).unwrap();
                let c = &sector.counts;
                prop_assert_eq!(c.activities, of_year.len() as u64);
                let unrecorded = of_year.iter().filter(|a| a.participants.is_none()).count() as u64;
                let sum = of_year.iter().map(|a| u64::from(a.participants.unwrap_or(0))).sum::<u64>();
                prop_assert_eq!(c.participants_unrecorded, unrecorded);
                // Unrecorded is not 0: a sector whose activities all leave it out has no sum.
                let all_unrecorded = !of_year.is_empty() && unrecorded == of_year.len() as u64;
                prop_assert_eq!(c.participants, (!all_unrecorded).then_some(u128::from(sum)));
                prop_assert_eq!(c.cross_sector, of_year.iter().filter(|a| !partners(s, n, a.partners).is_empty()).count() as u64);
                prop_assert_eq!(c.highlights, of_year.iter().filter(|a| a.highlight).count() as u64);
                prop_assert_eq!(c.proposals, of_year.iter().filter(|a| KINDS[a.kind].1 == "提案").count() as u64);
                prop_assert_eq!(c.opinions, of_year.iter().filter(|a| KINDS[a.kind].1 == "社情民意").count() as u64);
                let partnered = sectors
                    .iter()
                    .enumerate()
                    .filter(|(o, _)| *o != s)
                    .flat_map(|(o, acts)| acts.iter().filter(move |a| a.year == year && partners(o, n, a.partners).contains(&s)))
                    .count() as u64;
                prop_assert_eq!(c.partnered, partnered);
                let mut months = [0u64; 12];
                let mut none = 0;
                for a in &of_year {
                    match date(a).1 {
                        Some(m) => months[usize::from(m) - 1] += 1,
                        None => none += 1,
                    }
                }
                prop_assert_eq!(sector.by_month, months);
                prop_assert_eq!(sector.no_month, none);
                for (word, kind) in KINDS {
                    let expected = of_year.iter().filter(|a| KINDS[a.kind].1 == kind).count() as u64;
                    prop_assert_eq!(sector.by_kind.get(kind), expected, "{}", word);
                }
            }
            prop_assert_eq!(report.totals.activities, sectors.iter().flatten().filter(|a| a.year == year).count() as u64);
        }
    }
}

/// Every sample file takes the quick way (else the benchmark measures the wrong thing).
#[test]
fn sample_files_take_the_quick_parse() {
    for text in examples() {
        assert!(toml_tree::quick(&text).is_some(), "{text}");
        assert_eq!(toml_tree::quick_in_pieces(&text, 1), toml_tree::quick(&text), "{text}");
        agree(&text);
    }
}

/// A line starting with `[` inside a multi-line string or array is no place to cut a
/// document: read in pieces, it still reads as the full parse reads it, or goes to it.
#[test]
fn pieces_never_cut_a_string_or_an_array() {
    let texts = [
        "[sector]\nname = \"民革\"\n[[review]]\nyear = 2021\nsummary = \"\"\"概要\n[[activity]]\ntitle = \"x\"\n\"\"\"\n",
        "[sector]\nname = '''a\n[b]\n'''\n[[activity]]\ntags = [\n[\"x\"],\n[\"y\"]\n]\n",
        "a = [\n[1],\n[2]]\n[b]\nc = 1\n",
    ];
    for text in texts {
        assert!(toml_tree::full(text).is_ok(), "{text}");
        for piece in 1..text.len() {
            if let Some(quick) = toml_tree::quick_in_pieces(text, piece) {
                assert_eq!(
                    Ok(quick),
                    toml_tree::full(text).map_err(|e| e.len()),
                    "{piece}: {text}"
                );
            }
        }
    }
}
