//! Where a rendered output goes: standard output, or a file written atomically (a temporary
//! file in the same directory, then a rename), never over one of the data files.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::Error;

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
        Some(path) => {
            refuse_data_file(path, data_files, roots)?;
            write_atomic_with(path, write)
        }
    }
}

/// Refuses a target that is one of the data files, or would be read as one.
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
    let toml = path.extension().is_some_and(|e| e == "toml");
    if toml && roots.iter().filter(|r| r.is_dir()).any(|r| target.starts_with(canonical(r))) {
        return Err(Error::OutputInWorkspace { path: path.to_path_buf() });
    }
    Ok(())
}

/// The absolute, link-free form of a path that may not exist yet.
fn canonical(path: &Path) -> PathBuf {
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

/// What `write` writes, in a synced temporary file of `path`'s directory (the same file
/// system, so that the rename that follows is atomic), with the given permissions.
fn staged(
    path: &Path,
    write: Writing<'_>,
    permissions: Option<std::fs::Permissions>,
) -> Result<tempfile::NamedTempFile, Error> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let fail = |source: std::io::Error| Error::WriteOutput { path: path.to_path_buf(), source };
    let mut tmp = tempfile::Builder::new()
        .prefix(".jiebie-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(fail)?;
    let mut buffered = BufWriter::with_capacity(1 << 16, tmp.as_file_mut());
    write(&mut buffered).and_then(|()| buffered.flush()).map_err(fail)?;
    drop(buffered);
    tmp.as_file().sync_all().map_err(fail)?;
    if let Some(permissions) = permissions {
        tmp.as_file().set_permissions(permissions).map_err(fail)?;
    }
    Ok(tmp)
}

/// A temporary file in the target's directory, synced, then renamed over the target.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    write_atomic_with(path, &mut |out| out.write_all(bytes))
}

fn write_atomic_with(path: &Path, write: Writing<'_>) -> Result<(), Error> {
    // A temporary file is private (0600); the result gets the permissions of the file it
    // replaces, or the usual ones of a new file.
    let permissions = match std::fs::metadata(path) {
        Ok(meta) => Some(meta.permissions()),
        Err(_) => default_permissions(),
    };
    let tmp = staged(path, write, permissions)?;
    tmp.persist(path).map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::PermissionDenied && cfg!(windows) {
            Error::OutputLocked { path: path.to_path_buf() }
        } else {
            Error::WriteOutput { path: path.to_path_buf(), source: e.error }
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
    tmp.persist_noclobber(path).map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            Error::ExistingFile { path: path.to_path_buf() }
        } else {
            Error::WriteOutput { path: path.to_path_buf(), source: e.error }
        }
    })?;
    Ok(())
}
