//! The exclusive lock on a data file while it is being changed (`add`, `import`): a sidecar
//! file `.侨联.toml.jiebie-lock` beside the real file, locked with the operating system's
//! advisory file lock (`flock` on Unix, `LockFileEx` on Windows) and holding `user@host pid N`
//! of its holder, so that a writer who waits can say who it waits for.
//!
//! The sidecar is never deleted: deleting it while another writer waits on it would let a third
//! lock a new file of the same name, and two writers would both think they hold the lock. It is
//! hidden (a leading dot) and the loader never reads it (it does not end in `.toml`).

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::Error;

/// How long a second writer waits for the lock (SPEC §7).
const WAIT: Duration = Duration::from_secs(10);

/// A held lock; released when dropped (the sidecar is emptied first).
pub struct Lock {
    file: File,
}

/// The sidecar lock file of a data file (already resolved to the real file).
pub fn lock_path(real: &Path) -> PathBuf {
    let name = real.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    real.with_file_name(format!(".{name}.jiebie-lock"))
}

impl Lock {
    /// Takes the lock of `real` (a data file resolved to the real file), waiting up to 10 s
    /// for another writer; after that, `Error::Locked` names the holder.
    pub fn acquire(real: &Path) -> Result<Lock, Error> {
        let path = lock_path(real);
        let fail = |source| Error::WriteOutput { path: real.to_path_buf(), source };
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(fail)?;
        let deadline = Instant::now() + wait();
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(Error::Locked { path: real.to_path_buf(), holder: holder(&path) });
                }
                Err(TryLockError::Error(source)) => return Err(fail(source)),
            }
        }
        let mut lock = Lock { file };
        // Who holds it, for the writers who wait; a failure here only makes that unknown.
        let _ = lock.file.set_len(0);
        let _ = lock.file.rewind();
        let _ = write!(lock.file, "{} pid {}", whoami(), std::process::id());
        let _ = lock.file.flush();
        Ok(lock)
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = self.file.set_len(0);
        let _ = self.file.unlock();
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

/// What the sidecar says of its holder (on Windows a locked file cannot be read: unknown).
fn holder(path: &Path) -> Option<String> {
    let mut text = String::new();
    File::open(path).ok()?.read_to_string(&mut text).ok()?;
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
