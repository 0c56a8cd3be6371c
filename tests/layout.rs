//! The code's layout (docs/development.md, "How the code is organised"): each top-level module
//! or folder imports only the ones above it in the pipeline, so data flows down and nothing is
//! circular; inside a folder, no two files import each other, directly or around a circle.

use std::path::Path;

/// Top-level modules and folders of `src/`, in pipeline order.
const ORDER: &[&str] = &[
    "lang",
    "text",
    "error",
    "terms",
    "diagnostic",
    "read",
    "model",
    "numbers",
    "render",
    "write",
    "import",
    "usage",
    "cli",
    "command",
];

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_module_imports_one_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let rank = |name: &str| ORDER.iter().position(|m| *m == name);
    let mut upward = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(&src).unwrap();
        let top = relative.components().next().unwrap().as_os_str().to_string_lossy();
        let top = top.trim_end_matches(".rs");
        if matches!(top, "lib" | "main") {
            continue;
        }
        let Some(own) = rank(top) else {
            panic!(
                "src/{top} is not in the layout's order: add it to ORDER and docs/development.md"
            );
        };
        let text = std::fs::read_to_string(file).unwrap();
        for (i, _) in text.match_indices("crate::") {
            let name: String = text[i + 7..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if rank(&name).is_some_and(|other| other > own) {
                upward.push(format!("{} uses crate::{name}", relative.display()));
            }
        }
    }
    assert_eq!(upward, Vec::<String>::new());
}

/// The module path of a source file: `src/read/parse.rs` → `read::parse`, `src/render/docx/mod.rs`
/// → `render::docx`.
fn module_of(relative: &Path) -> String {
    let mut parts: Vec<String> =
        relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    let last = parts.pop().unwrap();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" {
        parts.push(stem.to_string());
    }
    parts.join("::")
}

#[test]
fn no_import_circle_inside_a_folder() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let modules: Vec<String> =
        files.iter().map(|f| module_of(f.strip_prefix(&src).unwrap())).collect();
    // Edges between sibling modules: `a::b` uses `crate::a::c` (or anything inside it).
    let mut edges: Vec<(usize, usize)> = Vec::new();
    for (from, file) in files.iter().enumerate() {
        let text = std::fs::read_to_string(file).unwrap();
        let own = &modules[from];
        for (i, _) in text.match_indices("crate::") {
            let path: String = text[i + 7..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            // The longest module that the path names, other than the file's own.
            let target = modules
                .iter()
                .enumerate()
                .filter(|(_, m)| path == **m || path.starts_with(&format!("{m}::")))
                .max_by_key(|(_, m)| m.len());
            let Some((to, target)) = target else { continue };
            let parent = |m: &str| m.rsplit_once("::").map_or(String::new(), |(p, _)| p.into());
            // Siblings only: the same parent folder, neither inside the other.
            if to != from && parent(target) == parent(own) && !own.starts_with(target.as_str()) {
                edges.push((from, to));
            }
        }
    }
    edges.sort_unstable();
    edges.dedup();
    // Depth-first search for a circle.
    let n = files.len();
    let mut state = vec![0u8; n];
    let mut circles = Vec::new();
    fn visit(
        at: usize,
        edges: &[(usize, usize)],
        state: &mut [u8],
        stack: &mut Vec<usize>,
        circles: &mut Vec<Vec<usize>>,
    ) {
        state[at] = 1;
        stack.push(at);
        for &(_, to) in edges.iter().filter(|(from, _)| *from == at) {
            match state[to] {
                0 => visit(to, edges, state, stack, circles),
                1 => {
                    let start = stack.iter().position(|&m| m == to).unwrap();
                    circles.push(stack[start..].to_vec());
                }
                _ => {}
            }
        }
        stack.pop();
        state[at] = 2;
    }
    for start in 0..n {
        if state[start] == 0 {
            visit(start, &edges, &mut state, &mut Vec::new(), &mut circles);
        }
    }
    let named: Vec<String> = circles
        .iter()
        .map(|c| c.iter().map(|&m| modules[m].as_str()).collect::<Vec<_>>().join(" → "))
        .collect();
    assert_eq!(named, Vec::<String>::new());
}
