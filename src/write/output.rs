//! Where a rendered output goes: standard output (no `-o`, or `-o -`), a file written atomically
//! (a temporary file in the same directory, then a rename; through a link, the file it points
//! to), or something that is no regular file (`/dev/null`, a FIFO) written into as it is;
//! never over one of the data files.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::write::temp;

/// Writes `bytes` to standard output. A reader that went away (`| head`) is no failure.
pub fn print(bytes: &[u8]) -> Result<(), Error> {
    to_stdout(&mut |out| out.write_all(bytes))
}

/// What `write` writes, to standard output through a buffer; a reader that went away is no
/// failure.
fn to_stdout(write: Writing<'_>) -> Result<(), Error> {
    let mut stdout = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    match write(&mut stdout).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Stdout { source: e }),
        _ => Ok(()),
    }
}

/// What writes an output, piece by piece.
pub type Writing<'a> = &'a mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>;

/// Writes a report to `target`, or to standard output when there is none; `write` writes it
/// piece by piece. `data_files` are the files read and `roots` the paths searched: the report
/// may replace none of those files, nor become a file the next run would read (a `.toml`
/// under a root, or a `jiebie.toml`).
pub fn emit(
    target: Option<&Path>,
    write: Writing<'_>,
    data_files: &[PathBuf],
    roots: &[PathBuf],
) -> Result<(), Error> {
    match target {
        None => to_stdout(write),
        Some(path) if path.as_os_str() == "-" => to_stdout(write),
        Some(path) => {
            refuse_data_file(path, data_files, roots)?;
            write_atomic_with(path, write)
        }
    }
}

/// Refuses a target that is one of the data files, would be read as one, or is any existing
/// `.toml` file.
pub fn refuse_data_file(
    path: &Path,
    data_files: &[PathBuf],
    roots: &[PathBuf],
) -> Result<(), Error> {
    let target = canonical(path);
    let is_data = data_files.iter().any(|f| canonical(f) == target)
        || path.file_name().is_some_and(|n| n == crate::read::loader::CONFIG_NAME);
    if is_data {
        return Err(Error::OutputIsData { path: path.to_path_buf() });
    }
    let toml = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    if toml && roots.iter().filter(|r| r.is_dir()).any(|r| target.starts_with(canonical(r))) {
        return Err(Error::OutputInWorkspace { path: path.to_path_buf() });
    }
    // Another workspace's sector file, a Cargo.toml: no report replaces a `.toml` file.
    if toml && std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return Err(Error::OutputIsToml { path: path.to_path_buf() });
    }
    Ok(())
}

/// The absolute, link-free form of a path that may not exist yet.
pub fn canonical(path: &Path) -> PathBuf {
    if let Ok(path) = path.canonicalize() {
        return path;
    }
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let parent = parent.canonicalize().unwrap_or_else(|_| parent.to_path_buf());
    match path.file_name() {
        Some(name) => parent.join(name),
        None => parent,
    }
}

/// What `write` writes, in a synced temporary file beside `path` (named after it, removed if
/// the run is interrupted), with the given permissions.
pub fn staged(
    path: &Path,
    write: Writing<'_>,
    permissions: Option<std::fs::Permissions>,
) -> Result<tempfile::NamedTempFile, Error> {
    let fail = |source: std::io::Error| Error::WriteOutput { path: path.to_path_buf(), source };
    let mut tmp = temp::beside(path).map_err(fail)?;
    let written = (|| {
        let mut buffered = BufWriter::with_capacity(1 << 16, tmp.as_file_mut());
        write(&mut buffered).and_then(|()| buffered.flush())?;
        drop(buffered);
        tmp.as_file().sync_all()?;
        if let Some(permissions) = permissions {
            tmp.as_file().set_permissions(permissions)?;
        }
        Ok(())
    })();
    if let Err(source) = written {
        temp::forget(tmp.path());
        return Err(fail(source));
    }
    Ok(tmp)
}

/// Renames a staged file onto `path` and makes the rename durable.
pub fn replace(tmp: tempfile::NamedTempFile, path: &Path) -> Result<(), Error> {
    temp::persist(tmp, path).map_err(|error| {
        if error.kind() == std::io::ErrorKind::PermissionDenied && cfg!(windows) {
            Error::OutputLocked { path: path.to_path_buf() }
        } else {
            Error::WriteOutput { path: path.to_path_buf(), source: error }
        }
    })?;
    #[cfg(unix)]
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && let Ok(dir) = std::fs::File::open(dir)
    {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// The permissions a rewritten file keeps: those of the file it replaces, or the usual ones
/// of a new file (a temporary file is private, 0600).
pub fn permissions_of(path: &Path) -> Option<std::fs::Permissions> {
    match std::fs::metadata(path) {
        Ok(meta) => Some(meta.permissions()),
        Err(_) => default_permissions(),
    }
}

/// Writes an output file. A link is followed: the file it points to is replaced, the link
/// stays. Something that is no regular file (`/dev/null`, a FIFO, a terminal) is written into,
/// never replaced; a regular file is replaced atomically (a temporary file, then a rename).
fn write_atomic_with(path: &Path, write: Writing<'_>) -> Result<(), Error> {
    let fail = |source: std::io::Error| Error::WriteOutput { path: path.to_path_buf(), source };
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {
            Err(fail(std::io::Error::from(std::io::ErrorKind::IsADirectory)))
        }
        Ok(meta) if !meta.is_file() => {
            let file = std::fs::OpenOptions::new().write(true).open(path).map_err(fail)?;
            let mut buffered = BufWriter::with_capacity(1 << 16, file);
            write(&mut buffered).and_then(|()| buffered.flush()).map_err(fail)
        }
        _ => {
            let real = resolved(path);
            let tmp = staged(&real, write, permissions_of(&real))?;
            temp::pause_for_tests();
            replace(tmp, &real)
        }
    }
}

/// The file a path names, through any links (a link whose target does not exist yet names
/// that target); the path itself when it is no link.
pub fn resolved(path: &Path) -> PathBuf {
    if let Ok(real) = std::fs::canonicalize(path) {
        return real;
    }
    let mut path = path.to_path_buf();
    // A dangling link: follow it by hand, a bounded number of times (a loop stays a loop).
    for _ in 0..40 {
        match std::fs::read_link(&path) {
            Ok(target) => {
                let base = path.parent().unwrap_or(Path::new(""));
                path = base.join(target);
            }
            Err(_) => break,
        }
    }
    path
}

#[cfg(unix)]
fn default_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions() -> Option<std::fs::Permissions> {
    None
}

/// Writes a new file atomically; an existing file is never replaced.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    if path.exists() {
        return Err(Error::ExistingFile { path: path.to_path_buf() });
    }
    let tmp = staged(path, &mut |out| out.write_all(bytes), default_permissions())?;
    temp::persist_new(tmp, path).map_err(|error| {
        if error.kind() == std::io::ErrorKind::AlreadyExists {
            Error::ExistingFile { path: path.to_path_buf() }
        } else {
            Error::WriteOutput { path: path.to_path_buf(), source: error }
        }
    })?;
    Ok(())
}
