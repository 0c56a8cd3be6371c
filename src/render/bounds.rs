//! What bounds an untrusted template (SPEC §7, stated in the README): minijinja's fuel and a
//! cap on the rendered text, both grown with the report; and the files it reads, opened first
//! and then checked — a regular file, whose real path lies in the template's folder.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::lang::Lang;

/// The most a template file (or a file it includes) may hold.
pub const MAX_FILE: u64 = 16 << 20;

pub fn too_big() -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::FileTooLarge, "the file is larger than 16 MiB")
}

/// What a template may do (SPEC §7, stated in the README): minijinja's fuel (one unit per
/// instruction, and one per 64 bytes of text or list the template makes) and the size of the
/// rendered text. Both grow with the report, so that the built-in template renders any
/// workspace, and stop an endless loop or a string that doubles in seconds.
pub struct Limits {
    pub fuel: u64,
    pub output: usize,
}

impl Limits {
    /// Fuel: 2 million plus 1 per byte of the context as JSON; output: 16 MiB plus 2 bytes per
    /// byte of it. The built-in summary spends 0.15 fuel and writes about 0.5 bytes per byte
    /// of the context (measured on 100 and 10,001 sectors), so any workspace renders; 2 million
    /// fuel is a fraction of a second, and lets a template make at most 128 MB of text.
    pub fn for_context(context: &impl Serialize) -> Limits {
        let mut counter = Counter(0);
        let _ = serde_json::to_writer(&mut counter, context);
        let size = counter.0;
        Limits {
            fuel: 2_000_000u64.saturating_add(size),
            output: (16usize << 20)
                .saturating_add(usize::try_from(size).unwrap_or(usize::MAX).saturating_mul(2)),
        }
    }

    pub fn fuel_message(&self, lang: Lang) -> (String, String) {
        let fuel = self.fuel;
        match lang {
            Lang::Zh => (
                format!("模板的运算量超过上限（{fuel} 步）：可能是没有尽头的循环或不断变长的字符串"),
                "模板的运算量和输出都有上限（见 README）；检查循环（range、嵌套的 for）和在循环中拼接的字符串".into(),
            ),
            Lang::En => (
                format!("the template did more work than allowed ({fuel} steps): an endless loop or a string that keeps growing?"),
                "a template's work and output are bounded (see the README); check its loops (range, nested for) and strings joined in a loop".into(),
            ),
        }
    }

    pub fn output_message(&self, lang: Lang) -> (String, String) {
        let mib = self.output >> 20;
        match lang {
            Lang::Zh => (
                format!("模板的输出超过上限（{mib} MiB）"),
                "模板的运算量和输出都有上限（见 README）；检查输出重复内容的循环".into(),
            ),
            Lang::En => (
                format!("the template's output is larger than allowed ({mib} MiB)"),
                "a template's work and output are bounded (see the README); check loops that repeat text".into(),
            ),
        }
    }
}

/// Counts the bytes written to it.
struct Counter(u64);

impl std::io::Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The rendered text, refused beyond `cap` bytes (`hit` then says why the render failed).
pub struct Capped {
    pub bytes: Vec<u8>,
    pub cap: usize,
    pub hit: bool,
}

impl std::io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len().saturating_add(buf.len()) > self.cap {
            self.hit = true;
            return Err(std::io::Error::other("the template's output is too large"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Opens a file for reading only if it is a regular file: a FIFO is opened without waiting for
/// a writer (then refused), a device or a folder refused (`Unsupported`).
pub fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::new(std::io::ErrorKind::Unsupported, "not a regular file"));
    }
    Ok(file)
}

/// The canonical path of the file actually opened (not of the name, which may have been
/// swapped for a link since): on Linux what `/proc/self/fd` says; elsewhere the name's
/// canonical path, if it still leads to the same file.
pub fn opened_path(file: &std::fs::File, name: &Path) -> Option<PathBuf> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        if let Ok(path) = std::fs::read_link(format!("/proc/self/fd/{}", file.as_raw_fd())) {
            return Some(path);
        }
    }
    let path = name.canonicalize().ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let (a, b) = (file.metadata().ok()?, std::fs::metadata(&path).ok()?);
        if (a.dev(), a.ino()) != (b.dev(), b.ino()) {
            return None;
        }
    }
    #[cfg(not(unix))]
    let _ = file;
    Some(path)
}
