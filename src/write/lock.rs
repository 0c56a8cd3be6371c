//! The sector's lock while one of its files is being changed (`add`, `import`): every file of
//! the sector is locked, in one order (so that two writers cannot wait for each other), with
//! the operating system's advisory file lock (`flock` on Unix, `LockFileEx` on Windows).
//!
//! The lock is not taken on the data files themselves (on Windows a locked range cannot be
//! read, and the rename that replaces a file would leave the lock on the old one) nor beside
//! them (a lock file in the workspace is a stray file to the secretaries, and an untracked one
//! in git): each data file has a lock file in the lock folder, `JIEBIE_LOCK_DIR` or the
//! system's temporary folder's `jiebie-locks`, named after the file and a hash of its
//! canonical path (`侨联.toml-3f2a….lock`), holding `user@host pid N` of its holder so that a
//! writer who waits can say whom it waits for. Lock files are never deleted (deleting one while
//! another writer waits on it would let a third lock a new file of the same name); they are
//! emptied when released, and the operating system releases the lock of a process that dies,
//! so a killed writer's lock is taken over at once.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::Error;
use crate::lang::Lang;

/// How long a second writer waits for the lock (SPEC §7).
const WAIT: Duration = Duration::from_secs(10);

/// The locks of a sector's files, held together; released when dropped.
pub struct Lock {
    /// Released (emptied, unlocked) when dropped.
    _held: Vec<Held>,
}

/// One locked lock file; `ours` when it is verified to be a plain file that the holder text
/// may be written into (never through a link someone put in a shared folder).
struct Held {
    file: File,
    ours: bool,
}

/// The folder of the lock files: `JIEBIE_LOCK_DIR`, else `jiebie-locks` in the system's
/// temporary folder.
pub fn lock_dir() -> PathBuf {
    match std::env::var_os("JIEBIE_LOCK_DIR").filter(|d| !d.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => std::env::temp_dir().join("jiebie-locks"),
    }
}

/// The lock file of a data file: its name and a hash of its canonical path (the same for every
/// path that leads to it, links included).
pub fn lock_path(file: &Path) -> PathBuf {
    let real = crate::write::output::resolved(file);
    let name = real.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    lock_dir().join(format!("{name}-{:016x}.lock", fnv1a(&path_bytes(&real))))
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> Vec<u8> {
    std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()).to_vec()
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> Vec<u8> {
    // Windows paths compare without case.
    path.to_string_lossy().to_lowercase().into_bytes()
}

/// FNV-1a, 64 bits: stable across runs and builds (the std hashers are seeded).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

impl Lock {
    /// Locks every file of `files` (a sector's files, as the user's paths), waiting up to 10 s
    /// in all for other writers; `waiting` is told once, of the first file held by another.
    /// After the wait, `Error::Locked` names the file and its holder.
    pub fn acquire(
        files: &[PathBuf],
        waiting: &mut dyn FnMut(&Path, Option<&str>),
    ) -> Result<Lock, Error> {
        let mut keyed: Vec<(PathBuf, &Path)> =
            files.iter().map(|f| (lock_path(f), f.as_path())).collect();
        keyed.sort();
        keyed.dedup_by(|a, b| a.0 == b.0);
        let deadline = Instant::now() + wait();
        let mut told = false;
        let mut held = Vec::with_capacity(keyed.len());
        for (path, file) in keyed {
            let fail = |source| Error::WriteOutput { path: path.clone(), source };
            let (lock, ours) = open(&path).map_err(fail)?;
            loop {
                match lock.try_lock() {
                    Ok(()) => break,
                    Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                        if !told {
                            told = true;
                            waiting(file, holder(&path).as_deref());
                        }
                        std::thread::sleep(Duration::from_millis(20));
                    }
                    Err(TryLockError::WouldBlock) => {
                        return Err(Error::Locked {
                            path: file.to_path_buf(),
                            holder: holder(&path),
                        });
                    }
                    Err(TryLockError::Error(source)) => return Err(fail(source)),
                }
            }
            let mut lock = Held { file: lock, ours };
            if lock.ours {
                // Who holds it, for the writers who wait; a failure only makes that unknown.
                let _ = lock.file.set_len(0);
                let _ = lock.file.rewind();
                let _ = write!(lock.file, "{} pid {}", whoami(), std::process::id());
                let _ = lock.file.flush();
            }
            held.push(lock);
        }
        Ok(Lock { _held: held })
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        if self.ours {
            let _ = self.file.set_len(0);
        }
        let _ = self.file.unlock();
    }
}

/// Opens (or creates) a lock file; whether it may be written (a plain file, not a link).
fn open(path: &Path) -> std::io::Result<(File, bool)> {
    if let Some(dir) = path.parent() {
        make_dir(dir)?;
    }
    let file =
        match OpenOptions::new().read(true).write(true).create(true).truncate(false).open(path) {
            Ok(file) => file,
            // Another user's lock file in a shared folder: locking needs no write access.
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                return File::open(path).map(|f| (f, false));
            }
            Err(e) => return Err(e),
        };
    let link = std::fs::symlink_metadata(path).map_or(true, |m| !m.file_type().is_file());
    let ours = !link && same_file(&file, path);
    #[cfg(unix)]
    if ours {
        // Every user may lock the same file: the folder is shared like /tmp.
        use std::os::unix::fs::PermissionsExt;
        let _ = file.set_permissions(std::fs::Permissions::from_mode(0o666));
    }
    Ok((file, ours))
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(file: &File, _path: &Path) -> bool {
    file.metadata().is_ok_and(|m| m.is_file())
}

/// The lock folder, made if missing; on Unix open to every user with the sticky bit, like
/// /tmp, so that two users of one machine share their locks.
fn make_dir(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    std::fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o1777));
    }
    Ok(())
}

/// The notice of a writer that waits: which file, held by whom.
pub fn waiting_notice(lang: Lang, file: &Path, holder: Option<&str>) -> String {
    let file = crate::text::escaped(&file.display().to_string()).into_owned();
    match (lang, holder) {
        (Lang::Zh, Some(who)) => {
            format!("`{file}` 正被另一个 jiebie 进程修改（{who}），等待它结束（最多 10 秒）…")
        }
        (Lang::Zh, None) => {
            format!("`{file}` 正被另一个 jiebie 进程修改，等待它结束（最多 10 秒）…")
        }
        (Lang::En, Some(who)) => format!(
            "`{file}` is being changed by another jiebie ({who}); waiting for it (up to 10 s)…"
        ),
        (Lang::En, None) => {
            format!("`{file}` is being changed by another jiebie; waiting for it (up to 10 s)…")
        }
    }
}

/// The test hook `JIEBIE_TEST_LOCK_WAIT_MS` shortens (or lengthens) the 10 s wait, so that a
/// test of the timeout need not take 10 s.
fn wait() -> Duration {
    std::env::var("JIEBIE_TEST_LOCK_WAIT_MS")
        .ok()
        .and_then(|ms| ms.trim().parse().ok())
        .map_or(WAIT, Duration::from_millis)
}

/// What the lock file says of its holder (on Windows a locked file cannot be read: unknown).
fn holder(path: &Path) -> Option<String> {
    let mut text = String::new();
    File::open(path).ok()?.take(4096).read_to_string(&mut text).ok()?;
    let text = crate::text::escaped(text.trim()).into_owned();
    (!text.is_empty()).then_some(text)
}

/// `user@host`, from the environment (no system call needs `unsafe`).
fn whoami() -> String {
    let var = |names: &[&str]| {
        names.iter().find_map(|n| std::env::var(n).ok().filter(|v| !v.trim().is_empty()))
    };
    let user = var(&["USER", "USERNAME", "LOGNAME"]).unwrap_or_else(|| "?".into());
    let host = var(&["HOSTNAME", "COMPUTERNAME"])
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok().map(|h| h.trim().to_string()))
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "?".into());
    format!("{user}@{host}")
}
