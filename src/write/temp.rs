//! Temporary files beside their target: named after it (`.报告.md.jiebie-a1B2c3.tmp`, so that a
//! leftover of `kill -9` says what it was), and removed when the run is interrupted (Ctrl-C,
//! SIGTERM, and on Windows the console's Ctrl-C, Ctrl-Break and close: the files still being
//! written are deleted, then the process exits 130 or 143).

use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The temporary files being written, removed by the signal handler.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// A new, empty temporary file in `target`'s directory (the same file system, so that the
/// rename that follows is atomic), named after `target`, removed if the run is interrupted.
pub fn beside(target: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    install_cleanup();
    let dir = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = target.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    // The list is held while the file is made, so that a signal arriving in between still
    // finds the file listed (the handler waits for the list).
    let mut live = LIVE.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}.jiebie-"))
        .suffix(".tmp")
        .tempfile_in(dir)?;
    live.push(tmp.path().to_path_buf());
    Ok(tmp)
}

/// `tmp` is no longer this run's to remove: it was renamed onto its target, or dropped.
pub fn forget(tmp: &Path) {
    if let Ok(mut live) = LIVE.lock()
        && let Some(i) = live.iter().position(|p| p == tmp)
    {
        live.swap_remove(i);
    }
}

/// Renames `tmp` onto `target` and forgets it; on failure the temporary file is removed.
///
/// On Windows a file cannot be replaced while any process has it open, even for a moment:
/// another jiebie reading the workspace, a virus scanner, the search indexer, a sync client.
/// There a refused rename is tried again for about a second before it counts (a file that
/// Excel or WPS keeps open is still refused, a second later).
pub fn persist(mut tmp: tempfile::NamedTempFile, target: &Path) -> std::io::Result<()> {
    let path = tmp.path().to_path_buf();
    let mut pause = std::time::Duration::from_millis(5);
    let result = loop {
        match tmp.persist(target) {
            Ok(_) => break Ok(()),
            Err(e)
                if cfg!(windows)
                    && e.error.kind() == std::io::ErrorKind::PermissionDenied
                    && pause < std::time::Duration::from_millis(700) =>
            {
                tmp = e.file;
                std::thread::sleep(pause);
                pause *= 2;
            }
            Err(e) => break Err(e.error),
        }
    };
    forget(&path);
    result
}

/// Like `persist`, but never replaces an existing file.
pub fn persist_new(tmp: tempfile::NamedTempFile, target: &Path) -> std::io::Result<()> {
    let path = tmp.path().to_path_buf();
    let result = tmp.persist_noclobber(target).map(drop).map_err(|e| e.error);
    forget(&path);
    result
}

/// The test hook `JIEBIE_TEST_PAUSE_BEFORE_RENAME_MS`: waits that long before a staged file
/// is checked and renamed (data files) or renamed (outputs), so that tests can change the file
/// or send a signal meanwhile. It only delays; nothing else depends on it.
pub fn pause_for_tests() {
    if let Some(ms) = std::env::var("JIEBIE_TEST_PAUSE_BEFORE_RENAME_MS")
        .ok()
        .and_then(|ms| ms.trim().parse::<u64>().ok())
    {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
}

#[cfg(unix)]
fn install_cleanup() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                // The list is held only to make, list or forget a file, never while writing.
                let live = LIVE.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                for path in live.iter() {
                    let _ = std::fs::remove_file(path);
                }
                std::process::exit(128 + signal);
            }
        });
    });
}

/// Windows: a console control handler (Ctrl-C, Ctrl-Break, the window closed) does what the
/// Unix signals do; the exit code is 130 too, so scripts see the same on both. The `ctrlc`
/// crate is the handler: `unsafe` is forbidden here, and it is `SetConsoleCtrlHandler` and a
/// semaphore over the `windows-sys` the build already has.
#[cfg(windows)]
fn install_cleanup() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        let _ = ctrlc::set_handler(|| {
            let live = LIVE.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            for path in live.iter() {
                let _ = std::fs::remove_file(path);
            }
            std::process::exit(130);
        });
    });
}

#[cfg(not(any(unix, windows)))]
fn install_cleanup() {}
