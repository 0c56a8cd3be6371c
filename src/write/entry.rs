//! Appending entries to a sector's file (`add`'s one, `import`'s many). Each entry is formatted
//! by toml_edit and appended after the file's last byte, so every byte already there stays as
//! it was (comments, order, spacing, a BOM, CRLF line ends). The workspace is validated with
//! the entries in place first; the file is written (atomically) only when that adds no error.

use std::ops::Range;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use toml_edit::{Array, DocumentMut, Item, Table, value};

use crate::diagnostic::{Code, Diagnostic, Kind, Place, Severity, Source};
use crate::error::Error;
use crate::model::sector::Sector;
use crate::model::workspace::Workspace;
use crate::terms::date::{Date, Period};

/// A new entry: its table name (`activity`, `plan`, `metric`), its year (unknown for an
/// activity whose date does not parse), and its keys.
pub struct Entry {
    pub table: &'static str,
    pub year: Option<u16>,
    pub keys: Table,
}

/// What a key's value is, for `Entry::set`.
#[derive(Clone, Debug)]
pub enum Field {
    Text(String),
    List(Vec<String>),
    Integer(i64),
    Float(f64),
    Bool(bool),
    /// A date as given on the command line: a day becomes a TOML date, the other precisions
    /// their canonical string; text that is no date is written as given (validation says why).
    Date(String),
}

impl Entry {
    pub fn new(table: &'static str, year: Option<u16>) -> Entry {
        Entry { table, year, keys: Table::new() }
    }

    pub fn set(&mut self, key: &str, field: Field) {
        let item = match field {
            Field::Text(text) => value(text),
            Field::List(items) if items.is_empty() => return,
            Field::List(items) => value(items.into_iter().collect::<Array>()),
            Field::Integer(i) => value(i),
            Field::Float(f) => value(f),
            Field::Bool(b) => value(b),
            Field::Date(text) => match Date::parse(&text) {
                Ok(Date { year, period: Period::Day(month, day) }) => value(toml_edit::Datetime {
                    date: Some(toml_edit::Date { year, month, day }),
                    time: None,
                    offset: None,
                }),
                Ok(date) => value(date.to_string()),
                Err(_) => value(text),
            },
        };
        self.keys.insert(key, item);
    }

    pub fn set_opt(&mut self, key: &str, field: Option<Field>) {
        if let Some(field) = field {
            self.set(key, field);
        }
    }

    /// `[[table]]` and its keys, as TOML text ending with a newline.
    fn to_toml(&self) -> String {
        let mut doc = DocumentMut::new();
        let mut array = toml_edit::ArrayOfTables::new();
        array.push(self.keys.clone());
        doc.insert(self.table, Item::ArrayOfTables(array));
        doc.to_string()
    }
}

/// New entries as they are appended: the TOML text of each (`Entry::to_toml`, `\n` line
/// ends), one after another. An entry is rendered as soon as it is made and only its text is
/// kept: 100,000 rows of a sheet are 20 MB of text, not 100,000 toml_edit tables (issue 22).
#[derive(Default)]
pub struct Entries {
    text: String,
    /// Where each entry ends in `text`.
    ends: Vec<usize>,
}

impl Entries {
    pub fn push(&mut self, entry: &Entry) {
        self.text.push_str(&entry.to_toml());
        self.ends.push(self.text.len());
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Gives back the room left over from growing by doubling (up to half of it).
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The entries back from bytes `appended` made of them (`ranges`; `crlf` when the file's
    /// line ends were CRLF: every `\n` became `\r\n`, so every `\r\n` is a `\n` again): to
    /// append them again to a file that changed meanwhile.
    fn recovered(bytes: &[u8], ranges: &[Range<usize>], crlf: bool) -> Entries {
        let mut entries = Entries::default();
        for range in ranges {
            let text = String::from_utf8_lossy(&bytes[range.clone()]);
            match crlf {
                true => entries.text.push_str(&text.replace("\r\n", "\n")),
                false => entries.text.push_str(&text),
            }
            entries.ends.push(entries.text.len());
        }
        entries
    }

    /// The text of each entry, in order.
    fn iter(&self) -> impl Iterator<Item = &str> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts.zip(&self.ends).map(|(start, &end)| &self.text[start..end])
    }
}

impl From<&Entry> for Entries {
    fn from(entry: &Entry) -> Entries {
        let mut entries = Entries::default();
        entries.push(entry);
        entries
    }
}

/// The year a date flag names, when it parses.
pub fn year_of(date: &str) -> Option<u16> {
    Date::parse(date).ok().map(|d| d.year)
}

/// The sector `add` or `import` writes into, or why there is none: a slip of the name gets
/// "did you mean", like `summarize --sector`; a sector without a file gets the `init` that
/// makes one (with `--dir` when the data is not in the current folder); data that does not
/// parse declares no sector, which is said rather than suggesting `init`.
pub fn sector_to_write<'w>(
    workspace: &'w Workspace,
    word: &str,
    paths: &[PathBuf],
) -> Result<&'w Sector, Error> {
    workspace.sector_named(word).map_err(|error| {
        if let Error::UnknownSector { suggestion: Some(_), .. } = &error
            && !workspace.registry.is_national(word)
        {
            return error;
        }
        // An empty folder (E004) is no error of the data: it only has no file yet.
        let broken = workspace
            .diagnostics
            .iter()
            .any(|d| d.severity() == Severity::Error && !matches!(d.kind, Kind::NoFiles { .. }));
        if broken {
            Error::DataHasErrors { name: word.to_string() }
        } else {
            let dir = paths.first().filter(|p| p.is_dir() && p.as_os_str() != ".").cloned();
            Error::NoSectorFile { name: word.to_string(), dir }
        }
    })
}

/// The file of the sector that receives the entry (SPEC §3.6).
pub fn choose_file(
    workspace: &Workspace,
    sector: &Sector,
    explicit: Option<&Path>,
    year: Option<u16>,
) -> Result<PathBuf, Error> {
    let files: Vec<&Path> =
        sector.files.iter().map(|&f| workspace.sources[f].path.as_path()).collect();
    if let Some(explicit) = explicit {
        if !explicit.exists() {
            return Err(Error::PathNotFound { path: explicit.to_path_buf() });
        }
        let wanted = explicit.canonicalize().ok();
        return files
            .iter()
            .find(|f| f.canonicalize().ok() == wanted && wanted.is_some())
            .map(|f| f.to_path_buf())
            .ok_or_else(|| Error::FileNotOfSector {
                path: explicit.to_path_buf(),
                name: sector.name.clone(),
            });
    }
    let Some(year) = year else {
        // The date is no date: validation refuses the entry whichever file it would go to.
        return Ok(files[0].to_path_buf());
    };
    if let [only] = files.as_slice() {
        return Ok(only.to_path_buf());
    }
    // The file that holds the year's activities and review is the year's file; plans and
    // metrics of the year only decide when no file has those (a 2020 file often carries the
    // plans for 2021).
    let holding = |of_year: &dyn Fn(usize) -> bool| -> Vec<usize> {
        sector.files.iter().copied().filter(|&file| of_year(file)).collect()
    };
    let narrative = holding(&|file| {
        sector.activities.iter().any(|a| a.file == file && a.date.value.year == year)
            || sector.reviews.iter().any(|r| r.file == file && r.year.value == year)
    });
    let figures = holding(&|file| {
        sector.plans.iter().any(|p| p.file == file && p.year.value == year)
            || sector.metrics.iter().any(|m| m.file == file && m.year.value == year)
    });
    match (narrative.as_slice(), figures.as_slice()) {
        ([only], _) | ([], [only]) => Ok(workspace.sources[*only].path.clone()),
        _ => Err(Error::AmbiguousFile {
            name: sector.name.clone(),
            files: files.iter().map(|f| f.to_path_buf()).collect(),
        }),
    }
}

/// The file's bytes with the entries appended, in the file's own line ends, each after a
/// blank line; and the byte range of each entry in them.
pub fn appended(original: &[u8], entries: &Entries) -> (Vec<u8>, Vec<Range<usize>>) {
    let crlf = original.windows(2).any(|w| w == b"\r\n");
    let newline = if crlf { "\r\n" } else { "\n" };
    // Reserved at once: 20 MB of entries are not grown by doubling (issue 22).
    let returns = if crlf { entries.text.bytes().filter(|&b| b == b'\n').count() } else { 0 };
    let separators = (entries.len() + 1) * 2 * newline.len();
    let mut bytes = Vec::with_capacity(original.len() + separators + entries.text.len() + returns);
    bytes.extend_from_slice(original);
    let mut ranges = Vec::with_capacity(entries.len());
    for entry in entries.iter() {
        if !bytes.is_empty() && !bytes.ends_with(b"\n") {
            bytes.extend_from_slice(newline.as_bytes());
        }
        if !bytes.is_empty() {
            bytes.extend_from_slice(newline.as_bytes());
        }
        let start = bytes.len();
        if crlf {
            bytes.extend_from_slice(entry.replace('\n', "\r\n").as_bytes());
        } else {
            bytes.extend_from_slice(entry.as_bytes());
        }
        ranges.push(start..bytes.len());
    }
    (bytes, ranges)
}

/// Where the workspace is read from, to read it again with new entries in place; the files
/// of the sector written to (all locked together), and how to tell a writer that waits.
pub struct Workplace<'a> {
    pub paths: &'a [PathBuf],
    pub config: Option<&'a Path>,
    pub today: NaiveDate,
    pub sector: &'a [PathBuf],
    pub lang: crate::lang::Lang,
    pub quiet: bool,
}

/// The files of the sector that `file` belongs to (the files locked while it is changed);
/// `file` alone when no sector has it.
pub fn sector_files(workspace: &Workspace, file: &Path) -> Vec<PathBuf> {
    let index = workspace.sources.iter().position(|s| s.path == file);
    let sector = workspace.sectors.iter().find(|s| index.is_some_and(|i| s.files.contains(&i)));
    let mut files: Vec<PathBuf> = sector
        .map(|s| s.files.iter().map(|&f| workspace.sources[f].path.clone()).collect())
        .unwrap_or_default();
    if !files.iter().any(|f| f == file) {
        files.push(file.to_path_buf());
    }
    files
}

impl Appended {
    /// The text appended (the file's own line ends).
    pub fn text(&self) -> &str {
        match (&self.appended, self.file_index) {
            (Some(text), _) => text,
            (None, Some(file)) => {
                self.sources[file].text().get(self.original_len..).unwrap_or_default()
            }
            (None, None) => "",
        }
    }
}

/// What appending entries to a sector file gave.
pub struct Appended {
    /// The sources of the workspace with the entries in place, which the diagnostics point
    /// into; the rest of that workspace is let go once its diagnostics are compared (issue 22).
    pub sources: Vec<Source>,
    /// The index of the file in `sources`.
    pub file_index: Option<usize>,
    /// The file's length before; everything from there on is new.
    pub original_len: usize,
    /// The byte range of each entry in the new bytes.
    pub ranges: Vec<Range<usize>>,
    /// The text appended, when the file's text in `sources` is not the bytes (a BOM, not UTF-8);
    /// otherwise the text is the end of that text (`text`), not held twice (issue 22).
    appended: Option<String>,
    /// Errors and warnings the entries would add.
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
    /// Whether the file was written: no new error, and not a dry run.
    pub written: bool,
}

/// The one way entries are added to a data file (`add` and `import`): under the sector's lock
/// (`commit`; a dry run takes none), the entries are appended after the file's last byte (every byte already there
/// stays as it was), the workspace is validated with them in place against the workspace as
/// the locked bytes make it, and only if that adds no error (and `dry_run` is off) is the file
/// replaced, never over a change made meanwhile.
///
/// The entries are taken: once in the new bytes, their text is let go, and the loader takes the
/// bytes, so that the new text is in memory once while the workspace is read with it; should
/// the file change before the rename, they are taken back from the bytes not written (issue 22).
pub fn append(
    at: &Workplace<'_>,
    file: &Path,
    entries: Entries,
    dry_run: bool,
) -> Result<Appended, Error> {
    let count = entries.len();
    let mut entries = Some(entries);
    let mut waiting = |path: &Path, holder: Option<&str>| {
        if !at.quiet {
            eprintln!("{}", crate::write::lock::waiting_notice(at.lang, path, holder));
        }
    };
    // The sector's files as the first read found them; should a file of the sector appear
    // before the lock is taken (copied in, or another file renamed to the sector), the lock
    // is taken again with it.
    let mut sector: Vec<PathBuf> = at.sector.to_vec();
    for _ in 0..ATTEMPTS {
        let mut grown: Option<Vec<PathBuf>> = None;
        let lock: &[PathBuf] = if dry_run { &[] } else { &sector };
        let done = commit(file, lock, &mut waiting, |original, unwritten: Unwritten| {
            // Only a write is handed back, and a write always carries what was appended.
            if let Some((bytes, Some(appended))) = unwritten {
                let crlf = bytes[..appended.original_len].windows(2).any(|w| w == b"\r\n");
                drop(appended.sources);
                entries = Some(Entries::recovered(&bytes, &appended.ranges, crlf));
            }
            let load = |bytes: Vec<u8>| {
                Workspace::load_replacing(at.paths, at.config, at.today, Some((file, bytes)))
            };
            let before = load(original.to_vec())?;
            let now = sector_files(&before, file);
            if !dry_run && now.iter().any(|f| !lock.contains(f)) {
                grown = Some(now);
                return Ok(Edit::Stop(None));
            }
            // The loader takes the new bytes as the file's text; when that text is the bytes
            // byte for byte (UTF-8, no BOM), they are taken back from it afterwards, not kept
            // beside it while the workspace is read (issue 22).
            let exact = !original.starts_with(b"\xEF\xBB\xBF")
                && std::str::from_utf8(original).is_ok()
                && before.sources.iter().any(|s| s.path == file);
            // Only what `before` says is kept: the two workspaces are never in memory at once.
            let old = Known::of(&before);
            drop(before);
            // Taken here, once an attempt: a retry takes them back from its unwritten bytes.
            let taken = entries.take().unwrap_or_default();
            let (bytes, ranges) = appended(original, &taken);
            drop(taken);
            let (after, kept) =
                if exact { (load(bytes)?, None) } else { (load(bytes.clone())?, Some(bytes)) };
            let errors: Vec<Diagnostic> = old.added(&after, Severity::Error).cloned().collect();
            let warnings: Vec<Diagnostic> = old.added(&after, Severity::Warning).cloned().collect();
            let write = errors.is_empty() && !dry_run && count > 0;
            let file_index = after.sources.iter().position(|s| s.path == file);
            let appended =
                kept.as_ref().map(|b| String::from_utf8_lossy(&b[original.len()..]).into_owned());
            // Only the sources are kept: the rest of the workspace (its sectors and activities)
            // is dropped here, with the temporary, before the bytes to write are made.
            let sources = { after }.sources;
            let result = Appended {
                sources,
                file_index,
                original_len: original.len(),
                ranges,
                appended,
                errors,
                warnings,
                written: write,
            };
            if !write {
                return Ok(Edit::Stop(Some(result)));
            }
            // The bytes to write, made again only now: a dry run never holds them.
            let bytes = kept.unwrap_or_else(|| {
                let text = file_index.map(|f| result.sources[f].text());
                text.unwrap_or_default().as_bytes().to_vec()
            });
            Ok(Edit::Write(bytes, Some(result)))
        })?;
        match (done, grown) {
            (Some(result), _) => return Ok(result),
            (None, Some(now)) => sector = now,
            (None, None) => break,
        }
    }
    Err(Error::FileChanged { path: file.to_path_buf() })
}

/// A diagnostic as compared between the workspace before the change and after: its code,
/// file, position and message (positions in other files are unchanged; in the edited file,
/// the old text keeps its positions since the entries come last).
type Key = (Code, Option<PathBuf>, Option<(usize, usize)>, String);

/// The errors and warnings of a workspace, as keys: what the change must not count as new.
struct Known(Vec<(Severity, Key)>);

impl Known {
    fn key(d: &Diagnostic, w: &Workspace) -> Key {
        let file = d.place.as_ref().and_then(Place::file).map(|f| w.sources[f].path.clone());
        (d.code(), file, d.position(&w.sources), d.message(crate::lang::Lang::En, &w.sources))
    }

    fn of(before: &Workspace) -> Known {
        Known(before.diagnostics.iter().map(|d| (d.severity(), Known::key(d, before))).collect())
    }

    /// The diagnostics of `after` of this severity that were not there before.
    fn added<'a>(
        &'a self,
        after: &'a Workspace,
        severity: Severity,
    ) -> impl Iterator<Item = &'a Diagnostic> {
        after.diagnostics.iter().filter(move |d| {
            d.severity() == severity && {
                let key = Known::key(d, after);
                !self.0.iter().any(|(s, k)| *s == severity && *k == key)
            }
        })
    }
}

/// The bytes and value an attempt of `append` gave, not written: the file changed meanwhile.
type Unwritten = Option<(Vec<u8>, Option<Appended>)>;

/// What a change of a data file decided, from the file's current bytes.
pub enum Edit<T> {
    /// Write these bytes in place of the file's, then return the value.
    Write(Vec<u8>, T),
    /// Write nothing (the change was refused, e.g. it would add errors); return the value.
    Stop(T),
}

/// How many times a change is made again from the new text when the file changed meanwhile.
const ATTEMPTS: usize = 3;

/// Changes a data file so that no other change is lost: the one way `add` and `import` write
/// to the user's files (SPEC §7).
///
/// 1. The file is resolved through links: the real file is written, a link stays a link.
/// 2. The sector's lock is taken (`lock::Lock` on every file of `lock`: waits up to 10 s for
///    another jiebie, telling `waiting`, then `Error::Locked` naming the holder), and held
///    until the rename is done; with no files to lock (a dry run), none is taken.
/// 3. The file is read and `change` computes the new bytes from the bytes read (it also
///    validates: `Edit::Stop` writes nothing).
/// 4. The new bytes go to a synced temporary file beside the real one (same permissions).
/// 5. Just before the rename the file is read again: if it is no longer the bytes `change`
///    saw (an editor that knows nothing of the lock saved it meanwhile), nothing is renamed and
///    the change is made again from the new text, up to 3 times; then `Error::FileChanged`.
///    The other change is never overwritten.
/// 6. The temporary file is renamed onto the real file, and the directory synced.
///
/// `change` may thus run more than once; it must not have effects of its own beyond its
/// return value. When it runs again, it is handed back the bytes and value it gave the time
/// before, which were not written. The test hook `JIEBIE_TEST_PAUSE_BEFORE_RENAME_MS` only waits that long
/// before step 5, so that a test can play the editor; it changes nothing else.
pub fn commit<T>(
    file: &Path,
    lock: &[PathBuf],
    waiting: &mut dyn FnMut(&Path, Option<&str>),
    mut change: impl FnMut(&[u8], Option<(Vec<u8>, T)>) -> Result<Edit<T>, Error>,
) -> Result<T, Error> {
    let real = crate::write::output::resolved(file);
    let _lock = if lock.is_empty() {
        None
    } else {
        Some(crate::write::lock::Lock::acquire(lock, waiting)?)
    };
    let read =
        || std::fs::read(&real).map_err(|source| Error::ReadFile { path: file.into(), source });
    let mut original = read()?;
    let mut unwritten = None;
    for _ in 0..ATTEMPTS {
        let (bytes, value) = match change(&original, unwritten.take())? {
            Edit::Stop(value) => return Ok(value),
            Edit::Write(bytes, value) => (bytes, value),
        };
        let permissions = crate::write::output::permissions_of(&real);
        let tmp = crate::write::output::staged(
            &real,
            &mut |out| std::io::Write::write_all(out, &bytes),
            permissions,
        )
        .map_err(|e| e.for_path(file))?;
        crate::write::temp::pause_for_tests();
        let now = read()?;
        if now != original {
            let path = tmp.path().to_path_buf();
            drop(tmp);
            crate::write::temp::forget(&path);
            original = now;
            unwritten = Some((bytes, value));
            continue;
        }
        crate::write::output::replace(tmp, &real).map_err(|e| e.for_path(file))?;
        return Ok(value);
    }
    Err(Error::FileChanged { path: file.to_path_buf() })
}

#[cfg(test)]
mod tests {
    use super::{Entries, Entry, Field, appended};

    /// Entries taken back from the bytes of an attempt not written are appended to the new
    /// text as they were the first time, in either line end (a retry, SPEC §7).
    #[test]
    fn entries_recovered_from_unwritten_bytes_append_alike() {
        let mut first = Entry::new("activity", Some(2021));
        first.set("date", Field::Date("2021-03-02".into()));
        first.set("title", Field::Text("两行\n标题 \"引号\" 和 \r 回车".into()));
        first.set("outcomes", Field::List(vec!["a".into(), "b\r\nc".into()]));
        let mut second = Entry::new("plan", Some(2021));
        second.set("id", Field::Text("p1".into()));
        second.set("target", Field::Float(1.5));
        let mut entries = Entries::default();
        entries.push(&first);
        entries.push(&second);
        let originals: [&[u8]; 4] = [b"", b"a = 1", b"a = 1\r\n# x\r\n", b"\xef\xbb\xbfa = 1\n"];
        for original in originals {
            let (bytes, ranges) = appended(original, &entries);
            let crlf = original.windows(2).any(|w| w == b"\r\n");
            let again = Entries::recovered(&bytes, &ranges, crlf);
            assert_eq!(again.text, entries.text);
            assert_eq!(again.ends, entries.ends);
            let edited = [original, b"# edited\n".as_slice()].concat();
            assert_eq!(appended(&edited, &again), appended(&edited, &entries));
        }
    }
}
