//! Finding and reading the files of a workspace: discovery (sorted, hidden entries skipped,
//! links to directories not followed), decoding, and parsing on every core. A bad file never
//! stops the others from being read.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::diagnostic::source::{Decoded, Source, decode};
use crate::diagnostic::{Diagnostic, Encoding, Kind, LookAlike, Place};
use crate::error::Error;
use crate::read::parse;
use crate::read::schema::{Config, SectorFile};
use crate::terms::vocabulary::Kinds;

pub const CONFIG_NAME: &str = "jiebie.toml";

/// Everything read from disk, before the sectors are merged.
pub struct Loaded {
    /// Every file read: the sector files in path order, then `jiebie.toml` when there is one.
    pub sources: Vec<Source>,
    pub config: Config,
    pub kinds: Kinds,
    /// The usable sector files, each with its index in `sources`; boxed, so that a file's
    /// memory is freed as soon as it is merged into its sector (a `SectorFile` is 368 bytes
    /// before its entries: 37 MB held to the end of the merge for 100,000 small files).
    pub files: Vec<(usize, Box<SectorFile>)>,
    pub diagnostics: Vec<Diagnostic>,
    /// How many sector files were found.
    pub file_count: usize,
}

/// Where the configuration comes from: `--config`, else `jiebie.toml` in the first directory
/// among the paths (the current directory when no path is given; none when only files are).
pub fn config_path(paths: &[PathBuf], explicit: Option<&Path>) -> Result<Option<PathBuf>, Error> {
    if let Some(path) = explicit {
        if !path.is_file() {
            return Err(Error::ConfigNotFound { path: path.to_path_buf() });
        }
        return Ok(Some(path.to_path_buf()));
    }
    let dir = if paths.is_empty() {
        Some(Path::new("."))
    } else {
        paths.iter().map(PathBuf::as_path).find(|p| p.is_dir())
    };
    let candidate = dir.map(|dir| dir.join(CONFIG_NAME));
    Ok(candidate.filter(|c| c.is_file()))
}

/// The sector files under the paths, in sorted path order; an E001 for each directory that
/// cannot be read (its sectors would otherwise vanish without a word), and a W110 for each
/// file that looks like a sector file but is not read.
pub fn discover(paths: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<Diagnostic>), Error> {
    let mut found = Vec::new();
    let mut unreadable = Vec::new();
    let mut linked = false;
    for path in paths {
        let meta =
            std::fs::metadata(path).map_err(|_| Error::PathNotFound { path: path.clone() })?;
        if meta.is_file() {
            if !is_config(path) {
                found.push(path.clone());
            }
            continue;
        }
        // An explicit stack rather than recursion: a very deep tree cannot overflow it.
        let mut stack = vec![path.clone()];
        while let Some(dir) = stack.pop() {
            let entries = match std::fs::read_dir(&dir) {
                Ok(entries) => entries,
                Err(error) => {
                    let kind = Kind::ReadDirFailed {
                        path: dir.display().to_string(),
                        zh: crate::error::io_reason(&error, crate::lang::Lang::Zh),
                        en: crate::error::io_reason(&error, crate::lang::Lang::En),
                    };
                    unreadable.push(Diagnostic { place: None, kind });
                    continue;
                }
            };
            for entry in entries.flatten() {
                let name = entry.file_name();
                if name.to_string_lossy().starts_with('.') {
                    continue;
                }
                let Ok(kind) = entry.file_type() else { continue };
                let path = entry.path();
                if kind.is_dir() {
                    stack.push(path);
                } else if let Some(why) = look_alike(&path, kind) {
                    let path = path.display().to_string();
                    unreadable
                        .push(Diagnostic { place: None, kind: Kind::LookAlike { path, why } });
                } else if is_toml(&path) && !is_config(&path) {
                    // A link is followed only to a file, never to a directory.
                    if kind.is_file() {
                        found.push(path);
                    } else if kind.is_symlink() && path.is_file() {
                        linked = true;
                        found.push(path);
                    }
                }
            }
        }
    }
    found.sort();
    // The same file reached twice (`data` and `./data/x.toml`, or a link) is read once. One
    // directory walked without links cannot reach a file twice: no need to ask the system.
    if paths.len() > 1 || linked {
        let mut seen = std::collections::HashSet::new();
        found.retain(|path| seen.insert(path.canonicalize().unwrap_or_else(|_| path.clone())));
    }
    Ok((found, unreadable))
}

/// Why a file that looks like a sector file is not one (SPEC §5 W110), if it looks like one.
fn look_alike(path: &Path, kind: std::fs::FileType) -> Option<LookAlike> {
    let name = path.file_name()?.to_str()?;
    let lower = name.to_lowercase();
    if name.starts_with("~$") && lower.ends_with(".toml") {
        return Some(LookAlike::Temporary);
    }
    if is_toml(path) {
        return if kind.is_symlink() && std::fs::metadata(path).is_err() {
            Some(LookAlike::DanglingLink)
        } else if !kind.is_file() && !kind.is_symlink() && !kind.is_dir() {
            Some(LookAlike::NotAFile)
        } else {
            None
        };
    }
    if lower.ends_with(".toml~") || lower.ends_with(".toml.bak") {
        return Some(LookAlike::Backup);
    }
    let stem_len = if lower.ends_with(".toml.txt") {
        name.len() - ".toml.txt".len()
    } else if lower.ends_with(".toml") {
        name.len() - ".toml".len()
    } else {
        return None;
    };
    if name[..stem_len] == *CONFIG_NAME.trim_end_matches(".toml") {
        return None;
    }
    Some(LookAlike::Renamed(format!("{}.toml", &name[..stem_len])))
}

fn is_toml(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "toml")
}

fn is_config(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == CONFIG_NAME)
}

/// New contents for one file, used instead of what is on disk (`jiebie add` validates the
/// workspace with the new entry in place before it writes anything). The bytes are taken: they
/// become the file's source without a copy (20 MB of imported entries, issue 22).
pub type Replacement<'a> = Option<(&'a Path, Vec<u8>)>;

/// How a file's bytes are obtained: from disk, or (tests, fuzzing, `add`) from memory.
pub type Reader<'a> = &'a (dyn Fn(&Path) -> std::io::Result<Vec<u8>> + Sync);

/// The files whose text must stay in memory (those not read from disk): any other file that
/// parses cleanly sets its text aside (`Source::set_aside`).
pub type Keep<'a> = &'a (dyn Fn(&Path) -> bool + Sync);

/// Reads a file as text, or reports E001/E002 against it.
pub fn read_source(
    path: &Path,
    file: usize,
    diags: &mut Vec<Diagnostic>,
    read: Reader<'_>,
) -> Source {
    match read(path) {
        Err(error) => {
            let kind = Kind::ReadFailed {
                zh: crate::error::io_reason(&error, crate::lang::Lang::Zh),
                en: crate::error::io_reason(&error, crate::lang::Lang::En),
            };
            diags.push(Diagnostic { place: Some(Place::File(file)), kind });
            Source::new(path.to_path_buf(), String::new())
        }
        Ok(bytes) => match decode(bytes) {
            Decoded::Text(text) => Source::new(path.to_path_buf(), text),
            Decoded::NotUtf8 { text, at, encoding } => {
                // The span covers the replacement character that stands for the bad bytes, or
                // the GBK word they spell.
                let rest = text.get(at..).unwrap_or_default();
                let word = match encoding {
                    Encoding::Gbk => rest.find(|c: char| c.is_ascii()).unwrap_or(rest.len()).max(1),
                    _ => rest.chars().next().map_or(0, char::len_utf8),
                };
                let end = (at + word).min(text.len());
                let end = (end..=text.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(end);
                diags.push(Diagnostic::new(Place::at(file, at..end), Kind::NotUtf8 { encoding }));
                // Nothing else of the file is checked: its text is not what the author sees.
                Source::new(path.to_path_buf(), text)
            }
        },
    }
}

/// Loads the configuration and every sector file; parses the files on all cores.
pub fn load(
    paths: &[PathBuf],
    config: Option<&Path>,
    replace: Replacement<'_>,
) -> Result<Loaded, Error> {
    let config_path = config_path(paths, config)?;
    let (files, unreadable) = discover(paths)?;
    let origin = paths.first().map_or_else(|| ".".to_string(), |p| p.display().to_string());
    let replaced = replace.as_ref().map(|(path, _)| *path);
    // Read once, on whichever thread parses the file.
    let bytes = std::sync::Mutex::new(replace.map(|(_, bytes)| bytes));
    let read = |path: &Path| match bytes.lock() {
        Ok(mut bytes) if replaced == Some(path) => Ok(bytes.take().unwrap_or_default()),
        _ => std::fs::read(path),
    };
    let keep = |path: &Path| replaced == Some(path);
    let mut loaded = load_files(files, config_path, origin, &read, &keep);
    loaded.diagnostics.extend(unreadable);
    Ok(loaded)
}

/// Loads the given sector files (in this order) and configuration through `read`; `origin`
/// names the place searched, for E004; `keep` names the files not on disk.
pub fn load_files(
    files: Vec<PathBuf>,
    config_path: Option<PathBuf>,
    origin: String,
    read: Reader<'_>,
    keep: Keep<'_>,
) -> Loaded {
    let count = files.len();
    let mut diagnostics = Vec::new();
    let mut kinds = Kinds::default();
    let mut config_source = None;
    let mut config = Config::default();
    if let Some(path) = &config_path {
        let source = read_source(path, count, &mut diagnostics, read);
        if diagnostics.is_empty() {
            config =
                crate::read::config::config(count, source.text(), &mut kinds, &mut diagnostics);
        }
        config_source = Some(source);
    }
    if files.is_empty() {
        diagnostics.push(Diagnostic { place: None, kind: Kind::NoFiles { path: origin } });
    }

    let results = parse_all(&files, &kinds, read, keep);
    // The sources are taken from the threads' slots in place (a `Vec` collected from its own
    // `into_iter` keeps its memory): a copy of all results, or vectors grown by doubling, were
    // a third of the memory of a workspace of many small files.
    let mut parsed = Vec::with_capacity(count);
    let mut sources: Vec<Source> = results
        .into_iter()
        .enumerate()
        .map(|(index, slot)| {
            let (source, file, diags) = slot.into_inner().ok().flatten().unwrap_or_else(|| {
                (Source::new(files[index].clone(), String::new()), None, Vec::new())
            });
            diagnostics.extend(diags);
            if let Some(file) = file {
                parsed.push((index, file));
            }
            source
        })
        .collect();
    sources.extend(config_source);
    Loaded { sources, config, kinds, files: parsed, diagnostics, file_count: count }
}

type Parsed = (Source, Option<Box<SectorFile>>, Vec<Diagnostic>);

/// Reads and parses every file, on as many threads as there are cores; a slot a file, in path
/// order.
fn parse_all(
    files: &[PathBuf],
    kinds: &Kinds,
    read: Reader<'_>,
    keep: Keep<'_>,
) -> Vec<Mutex<Option<Parsed>>> {
    let threads =
        std::thread::available_parallelism().map_or(1, |n| n.get()).min(files.len()).max(1);
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<Parsed>>> = files.iter().map(|_| Mutex::new(None)).collect();
    let work = || {
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(path) = files.get(index) else { break };
            let result = parse_one(path, index, kinds, read, keep);
            if let Ok(mut slot) = slots[index].lock() {
                *slot = Some(result);
            }
        }
    };
    // This thread works too: the memory it freed just before (an imported workbook) is used
    // again at once, where mimalloc would keep it for a thread that only waits (issue 22).
    std::thread::scope(|scope| {
        for _ in 1..threads {
            scope.spawn(work);
        }
        work();
    });
    slots
}

fn parse_one(path: &Path, index: usize, kinds: &Kinds, read: Reader<'_>, keep: Keep<'_>) -> Parsed {
    let mut diags = Vec::new();
    let source = read_source(path, index, &mut diags, read);
    if !diags.is_empty() {
        return (source, None, diags);
    }
    let file = parse::sector_file(index, source.text(), kinds, &mut diags).map(Box::new);
    let mut source = source;
    if diags.is_empty() && !keep(path) {
        source.set_aside();
    }
    (source, file, diags)
}
