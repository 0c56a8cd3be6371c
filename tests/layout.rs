//! The code's layout (README, "How the code is organised"): each top-level module or folder
//! imports only the ones above it in the pipeline, so data flows down and nothing is circular.

use std::path::Path;

/// Top-level modules and folders of `src/`, in pipeline order.
const ORDER: &[&str] = &[
    "lang", "text", "error", "terms", "read", "model", "numbers", "render", "write", "explain",
    "usage", "cli", "command",
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
            panic!("src/{top} is not in the layout's order: add it to ORDER and the README");
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
