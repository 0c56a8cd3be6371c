//! A small harness: write files into a temporary directory, run the real `jiebie` binary
//! there, and compare its status, standard output and standard error.

#![allow(dead_code, reason = "each test binary uses a different part of the harness")]

use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Deserialize;

pub struct Test {
    pub dir: tempfile::TempDir,
    /// The lock folder of this test's runs (`JIEBIE_LOCK_DIR`), outside its workspace.
    pub locks: tempfile::TempDir,
    env: Vec<(String, String)>,
}

#[derive(Debug)]
pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
    pub bytes: Vec<u8>,
}

impl Test {
    pub fn new() -> Test {
        Test {
            dir: tempfile::tempdir().expect("temporary directory"),
            locks: tempfile::tempdir().expect("temporary directory"),
            env: Vec::new(),
        }
    }

    /// The lock file jiebie uses for a data file (README: the lock folder holds one per data
    /// file, named after it and a hash of its canonical path).
    #[cfg(unix)]
    pub fn lock_file(&self, relative: &str) -> PathBuf {
        use std::os::unix::ffi::OsStrExt;
        let real = self.path(relative).canonicalize().expect("the data file exists");
        let hash = real.as_os_str().as_bytes().iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        let name = real.file_name().unwrap().to_string_lossy().into_owned();
        self.locks.path().join(format!("{name}-{hash:016x}.lock"))
    }

    /// Holds the lock of a data file as another writer would, saying `holder`.
    #[cfg(unix)]
    pub fn hold_lock(&self, relative: &str, holder: &str) -> std::fs::File {
        let lock = std::fs::File::create(self.lock_file(relative)).unwrap();
        lock.lock().unwrap();
        std::io::Write::write_all(&mut &lock, holder.as_bytes()).unwrap();
        lock
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    pub fn file(self, relative: &str, contents: &str) -> Test {
        self.bytes(relative, contents.as_bytes())
    }

    pub fn bytes(self, relative: &str, contents: &[u8]) -> Test {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
        self
    }

    pub fn env(mut self, key: &str, value: &str) -> Test {
        self.env.push((key.into(), value.into()));
        self
    }

    pub fn read(&self, relative: &str) -> Vec<u8> {
        std::fs::read(self.path(relative)).unwrap()
    }

    pub fn run(&self, args: &[&str]) -> Run {
        let mut command = Command::new(env!("CARGO_BIN_EXE_jiebie"));
        command.args(args).current_dir(self.dir.path());
        command.env_remove("JIEBIE_LANG").env_remove("NO_COLOR").env("JIEBIE_TODAY", "2026-11-24");
        command.env("JIEBIE_LOCK_DIR", self.locks.path());
        for (key, value) in &self.env {
            command.env(key, value);
        }
        let output = command.output().expect("run jiebie");
        Run {
            status: output.status.code().unwrap_or(-1),
            stdout: self.portable(String::from_utf8_lossy(&output.stdout).into_owned()),
            stderr: self.portable(String::from_utf8_lossy(&output.stderr).into_owned()),
            bytes: output.stdout,
        }
    }

    /// The expected texts are written with `/`; Windows shows paths with `\` (SPEC §12). There,
    /// a `\` (or JSON's `\\`) that follows one of this test's folders (`data`, `data/sub`, the
    /// test directory itself, `.` or `..`) and comes before a name is turned back into `/`, and
    /// nothing else is changed: Markdown's escapes (`\|`, `4\.2`) and JSON's (`\n`) stay. On
    /// other systems the text is compared exactly as it is.
    pub fn portable(&self, text: String) -> String {
        if !cfg!(windows) || !text.contains('\\') {
            return text;
        }
        let mut folders: Vec<String> = vec![".".into(), "..".into()];
        let root = self.dir.path();
        for ancestor in root.ancestors() {
            folders.push(ancestor.display().to_string().replace('\\', "/"));
        }
        let mut stack = vec![root.to_path_buf()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                if entry.file_type().is_ok_and(|t| t.is_dir()) {
                    let path = entry.path();
                    let relative = path.strip_prefix(root).unwrap_or(&path).display().to_string();
                    folders.push(relative.replace('\\', "/"));
                    folders.push(path.display().to_string().replace('\\', "/"));
                    stack.push(path);
                }
            }
        }
        // `C:/` ends a drive's name as `C:`, before its `\\`.
        for f in &mut folders {
            if f.len() > 1 && f.ends_with('/') {
                f.pop();
            }
        }
        folders.retain(|f| !f.is_empty());
        let in_name = |c: char| c.is_alphanumeric() || "._-~$#@".contains(c);
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::with_capacity(text.len());
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let width = if chars.get(i + 1) == Some(&'\\') { 2 } else { 1 };
            let after_folder = || {
                folders.iter().any(|f| {
                    out.ends_with(f.as_str())
                        && !out[..out.len() - f.len()].chars().next_back().is_some_and(in_name)
                })
            };
            if c == '\\' && chars.get(i + width).is_some_and(|&n| in_name(n)) && after_folder() {
                out.push('/');
                i += width;
            } else {
                out.push(c);
                i += 1;
            }
        }
        out
    }

    /// The diagnostics of `validate --format json` as (code, file, line, column).
    pub fn diagnostics(&self, args: &[&str]) -> Vec<(String, String, usize, usize)> {
        let mut all = vec!["validate", "--format", "json"];
        all.extend(args);
        let run = self.run(&all);
        let report: Validation = serde_json::from_str(&run.stdout)
            .unwrap_or_else(|e| panic!("bad JSON ({e}): {}\n{}", run.stdout, run.stderr));
        report
            .diagnostics
            .into_iter()
            .map(|d| {
                (d.code, d.file.unwrap_or_default(), d.line.unwrap_or(0), d.column.unwrap_or(0))
            })
            .collect()
    }
}

impl Run {
    #[track_caller]
    pub fn success(&self) -> &Run {
        assert_eq!(self.status, 0, "stdout:\n{}\nstderr:\n{}", self.stdout, self.stderr);
        self
    }
}

/// `validate --format json`, SPEC §4.4: every key required, no other key allowed.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Validation {
    pub format: u32,
    pub kind: String,
    pub files: usize,
    pub sectors: usize,
    pub activities: usize,
    pub errors: usize,
    pub warnings: usize,
    pub diagnostics: Vec<JsonDiagnostic>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonDiagnostic {
    pub severity: String,
    pub code: String,
    pub message: String,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub end_line: Option<usize>,
    pub end_column: Option<usize>,
    pub help: String,
}

pub const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/small");

/// The small hand-worked fixture (`tests/fixtures/small`) copied into a fresh test directory,
/// as `data/`.
pub fn fixture() -> Test {
    let test = Test::new();
    copy_dir(Path::new(FIXTURE), &test.path("data"));
    test
}

/// Copies a directory tree into a test directory.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
