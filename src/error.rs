//! The tool's own failures (not problems in the data): bad arguments, paths that do not
//! exist, outputs that cannot be written (exit code 2); and a template that fails (exit 1).

use std::fmt;
use std::path::PathBuf;

use crate::lang::Lang;

#[derive(Debug)]
pub enum Error {
    PathNotFound {
        path: PathBuf,
    },
    ConfigNotFound {
        path: PathBuf,
    },
    UnknownSector {
        name: String,
        suggestion: Option<String>,
    },
    /// `init` of a name one character from a known sector (W115), without `--force`.
    NearSector {
        name: String,
        suggestion: String,
    },
    UnknownCode {
        code: String,
    },
    SameYears {
        year: u16,
    },
    NoYear,
    FullCsv,
    /// `-o` names a file whose extension says no format jiebie writes (and no `--format`).
    UnknownExtension {
        path: PathBuf,
        /// The extensions jiebie writes, for the message.
        known: &'static [&'static str],
    },
    /// A view has more rows than a sheet holds.
    SheetTooLarge {
        sheet: String,
        rows: usize,
    },
    /// The workbook library refused the workbook (not expected with valid data).
    Workbook {
        reason: String,
    },
    OutputIsData {
        path: PathBuf,
    },
    OutputInWorkspace {
        path: PathBuf,
    },
    /// `-o` onto an existing `.toml` file (another workspace's sector file, say).
    OutputIsToml {
        path: PathBuf,
    },
    WriteOutput {
        path: PathBuf,
        source: std::io::Error,
    },
    OutputLocked {
        path: PathBuf,
    },
    Stdout {
        source: std::io::Error,
    },
    ExistingFile {
        path: PathBuf,
    },
    NoSectorFile {
        name: String,
        /// The folder given for the data, when it is not the current one: `init` needs `--dir`.
        dir: Option<PathBuf>,
    },
    DataHasErrors {
        name: String,
    },
    AmbiguousFile {
        name: String,
        files: Vec<PathBuf>,
    },
    FileNotOfSector {
        path: PathBuf,
        name: String,
    },
    BadArgument {
        flag: &'static str,
        value: String,
        reason: String,
    },
    ReadFile {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A template that cannot be read.
    ReadTemplate {
        path: PathBuf,
        source: std::io::Error,
    },
    /// `--template` with an output that is not a document.
    TemplateFormat,
    /// A template that cannot be rendered: a diagnostic of its own (exit 1), as text after
    /// the `错误: ` label.
    Template(String),
    /// Another writer holds the lock of a data file (`holder`: `user@host pid N`, when known).
    Locked {
        path: PathBuf,
        holder: Option<String>,
    },
    /// A data file kept changing under a writer: the other change is kept, this one dropped.
    FileChanged {
        path: PathBuf,
    },
    ReadSheet {
        path: PathBuf,
        zh: String,
        en: String,
    },
    NoSuchSheet {
        name: String,
        sheets: Vec<String>,
    },
    NoSheetToImport {
        path: PathBuf,
    },
}

impl Error {
    /// Exit code of a tool failure: a usage error (SPEC §3.1), except a template that fails.
    pub fn exit_code(&self) -> i32 {
        match self {
            // Like invalid data: the template is the user's input (SPEC §11).
            Error::Template(_) => 1,
            _ => 2,
        }
    }

    /// The same failure, told of `path` (the path the user gave, not the file a link led to).
    pub fn for_path(self, path: &std::path::Path) -> Error {
        let path = path.to_path_buf();
        match self {
            Error::WriteOutput { source, .. } => Error::WriteOutput { path, source },
            Error::OutputLocked { .. } => Error::OutputLocked { path },
            Error::Locked { holder, .. } => Error::Locked { path, holder },
            other => other,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let p = |path: &PathBuf| path.display().to_string();
        match self {
            Error::PathNotFound { path } => {
                if zh {
                    format!("路径 `{}` 不存在", p(path))
                } else {
                    format!("path `{}` does not exist", p(path))
                }
            }
            Error::ConfigNotFound { path } => {
                if zh {
                    format!("配置文件 `{}` 不存在或不是文件", p(path))
                } else {
                    format!("configuration file `{}` does not exist or is no file", p(path))
                }
            }
            Error::UnknownSector { name, suggestion } => {
                let hint = match (suggestion, zh) {
                    (Some(s), true) => format!("；是否想写「{s}」？"),
                    (Some(s), false) => format!("; did you mean `{s}`?"),
                    (None, _) => String::new(),
                };
                if zh {
                    format!("未知的界别「{name}」{hint}")
                } else {
                    format!("unknown sector `{name}`{hint}")
                }
            }
            Error::NearSector { name, suggestion } => {
                if zh {
                    format!(
                        "界别「{name}」与已知的界别「{suggestion}」只差一个字；是否想写「{suggestion}」？确是这个名称时加 --force"
                    )
                } else {
                    format!(
                        "sector `{name}` is one character away from the known sector `{suggestion}`; did you mean `{suggestion}`? add --force if the name is right"
                    )
                }
            }
            Error::UnknownCode { code } => {
                if zh {
                    format!("未知的诊断代码 `{code}`；代码形如 E020、W101")
                } else {
                    format!("unknown diagnostic code `{code}`; codes look like E020 or W101")
                }
            }
            Error::SameYears { year } => {
                if zh {
                    format!("比较的两个年份相同（{year}）")
                } else {
                    format!("the two years to compare are the same ({year})")
                }
            }
            Error::NoYear => {
                if zh {
                    "数据中没有任何年度的活动、工作概要或指标；请用 --year 指定年份".into()
                } else {
                    "the data has no activity, review or metric in any year; give --year".into()
                }
            }
            Error::FullCsv => {
                if zh {
                    "CSV 格式不支持 full 视图，请用 --view 选一个视图".into()
                } else {
                    "the csv format has no `full` view; choose one with --view".into()
                }
            }
            Error::UnknownExtension { path, known } => {
                let list = known.join(" ");
                if zh {
                    format!(
                        "无法从文件名 `{}` 判断输出格式：jiebie 能写的扩展名有 {list}；或用 --format 指定",
                        p(path)
                    )
                } else {
                    format!(
                        "cannot tell the format of `{}` from its extension: jiebie writes {list}; or give --format",
                        p(path)
                    )
                }
            }
            Error::SheetTooLarge { sheet, rows } => {
                if zh {
                    format!(
                        "工作表「{sheet}」有 {rows} 行，超出 Excel 每个工作表 1048576 行的上限；请用 --sector 分批导出，或改用 CSV"
                    )
                } else {
                    format!(
                        "sheet `{sheet}` would have {rows} rows, more than Excel's 1048576 a sheet; export a few sectors at a time (--sector) or use CSV"
                    )
                }
            }
            Error::Workbook { reason } => {
                if zh {
                    format!("无法生成 Excel 工作簿：{reason}")
                } else {
                    format!("cannot build the Excel workbook: {reason}")
                }
            }
            Error::OutputIsData { path } => {
                if zh {
                    format!("输出文件 `{}` 是数据文件，不能覆盖", p(path))
                } else {
                    format!(
                        "output `{}` is one of the data files and would be overwritten",
                        p(path)
                    )
                }
            }
            Error::OutputIsToml { path } => {
                if zh {
                    format!(
                        "输出文件 `{}` 是已有的 .toml 文件，jiebie 不会覆盖 .toml 文件",
                        p(path)
                    )
                } else {
                    format!(
                        "output `{}` is an existing .toml file; jiebie never replaces a .toml file",
                        p(path)
                    )
                }
            }
            Error::OutputInWorkspace { path } => {
                if zh {
                    format!(
                        "输出文件 `{}` 位于数据目录中且以 .toml 结尾，会被当作界别文件读取",
                        p(path)
                    )
                } else {
                    format!(
                        "output `{}` lies among the data and ends in .toml: it would be read as a sector file",
                        p(path)
                    )
                }
            }
            Error::WriteOutput { path, source } => {
                if zh {
                    format!("无法写入 `{}`：{}", p(path), io_reason(source, lang))
                } else {
                    format!("cannot write `{}`: {}", p(path), io_reason(source, lang))
                }
            }
            Error::OutputLocked { path } => {
                if zh {
                    format!(
                        "无法替换 `{}`：文件可能正在 Excel 或 WPS 中打开，请先关闭它再重试",
                        p(path)
                    )
                } else {
                    format!(
                        "cannot replace `{}`: it may be open in Excel or WPS; close it and try again",
                        p(path)
                    )
                }
            }
            Error::Stdout { source } => {
                if zh {
                    format!("无法写到标准输出：{}", io_reason(source, lang))
                } else {
                    format!("cannot write to standard output: {}", io_reason(source, lang))
                }
            }
            Error::ExistingFile { path } => {
                if zh {
                    format!("`{}` 已存在，不会覆盖", p(path))
                } else {
                    format!("`{}` already exists and is never overwritten", p(path))
                }
            }
            Error::NoSectorFile { name, dir } => {
                let dir = dir.as_ref().map(|d| format!(" --dir {}", p(d))).unwrap_or_default();
                if zh {
                    format!("没有界别「{name}」的文件；先用 `jiebie init {name}{dir}` 建立")
                } else {
                    format!("no file of sector `{name}`; create one with `jiebie init {name}{dir}`")
                }
            }
            Error::DataHasErrors { name } => {
                if zh {
                    format!(
                        "找不到界别「{name}」的可用文件：数据中有错误，请先运行 `jiebie validate` 修正"
                    )
                } else {
                    format!(
                        "no usable file of sector `{name}`: the data has errors; run `jiebie validate` and fix them first"
                    )
                }
            }
            Error::AmbiguousFile { name, files } => {
                let list: Vec<String> = files.iter().map(p).collect();
                if zh {
                    format!("界别「{name}」有多个文件，请用 --file 指定其一：{}", list.join("、"))
                } else {
                    format!(
                        "sector `{name}` has several files; choose one with --file: {}",
                        list.join(", ")
                    )
                }
            }
            Error::FileNotOfSector { path, name } => {
                if zh {
                    format!("`{}` 不是界别「{name}」的文件", p(path))
                } else {
                    format!("`{}` is not a file of sector `{name}`", p(path))
                }
            }
            Error::BadArgument { flag, value, reason } => {
                if zh {
                    format!("{flag} 的值「{value}」无效：{reason}")
                } else {
                    format!("invalid value `{value}` for {flag}: {reason}")
                }
            }
            Error::ReadTemplate { path, source } => {
                if zh {
                    format!("无法读取模板 `{}`：{}", p(path), io_reason(source, lang))
                } else {
                    format!("cannot read the template `{}`: {}", p(path), io_reason(source, lang))
                }
            }
            Error::TemplateFormat => {
                if zh {
                    "--template 生成 Markdown 或 Word 文档：只能与 --format markdown/docx（或 -o 文件.md、-o 文件.docx）一起使用，且视图为 full".into()
                } else {
                    "--template makes a Markdown or Word document: use it with --format markdown or docx (or -o FILE.md, -o FILE.docx) and the full view".into()
                }
            }
            Error::Template(body) => body.clone(),
            Error::ReadSheet { path, zh: why, en } => {
                if zh {
                    format!("无法读取表格 `{}`：{why}", p(path))
                } else {
                    format!("cannot read the spreadsheet `{}`: {en}", p(path))
                }
            }
            Error::NoSuchSheet { name, sheets } => {
                if zh {
                    format!("没有名为「{name}」的工作表；表格中有：{}", sheets.join("、"))
                } else {
                    format!("no sheet named `{name}`; the workbook has: {}", sheets.join(", "))
                }
            }
            Error::NoSheetToImport { path } => {
                if zh {
                    format!(
                        "`{}` 中没有可导入的工作表：第一行应是列名，如 日期、类别、活动（工作设想：年度、编号、设想；指标：指标、数值）",
                        p(path)
                    )
                } else {
                    format!(
                        "`{}` has no sheet to import: the first row must name the columns, e.g. Date, Kind, Title (plans: Year, ID, Plan; metrics: Metric, Value)",
                        p(path)
                    )
                }
            }
            Error::Locked { path, holder } => match (holder, zh) {
                (Some(who), true) => format!(
                    "`{}` 正被另一个 jiebie 进程修改（{who}），等待 10 秒后仍未结束；请稍后重试",
                    p(path)
                ),
                (None, true) => format!(
                    "`{}` 正被另一个 jiebie 进程修改，等待 10 秒后仍未结束；请稍后重试",
                    p(path)
                ),
                (Some(who), false) => format!(
                    "`{}` is being changed by another jiebie ({who}); still locked after 10 s, try again later",
                    p(path)
                ),
                (None, false) => format!(
                    "`{}` is being changed by another jiebie; still locked after 10 s, try again later",
                    p(path)
                ),
            },
            Error::FileChanged { path } => {
                if zh {
                    format!(
                        "`{}` 在写入期间被其他程序反复修改，未写入（对方的修改已保留）；请稍后重试",
                        p(path)
                    )
                } else {
                    format!(
                        "`{}` kept being changed by another program while writing; nothing written (its changes are kept), try again",
                        p(path)
                    )
                }
            }
            Error::ReadFile { path, source } => {
                if zh {
                    format!("无法读取 `{}`：{}", p(path), io_reason(source, lang))
                } else {
                    format!("cannot read `{}`: {}", p(path), io_reason(source, lang))
                }
            }
        }
    }
}

/// Why an input or output failed, in words for the user (no OS error numbers, no paths of
/// temporary files).
pub fn io_reason(error: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    let (zh, en) = match error.kind() {
        K::NotFound => ("文件或目录不存在", "no such file or directory"),
        K::PermissionDenied => ("没有权限", "permission denied"),
        K::AlreadyExists => ("文件已存在", "the file already exists"),
        K::IsADirectory => ("这是一个目录", "it is a directory"),
        K::NotADirectory => ("路径中有一段不是目录", "a part of the path is not a directory"),
        K::StorageFull => ("磁盘已满", "the disk is full"),
        K::ReadOnlyFilesystem => ("文件系统只读", "the file system is read-only"),
        K::InvalidData => ("内容无法读取", "the content cannot be read"),
        K::Unsupported => ("不是普通文件", "not a regular file"),
        K::FileTooLarge => ("文件太大", "the file is too large"),
        _ => {
            let text = error.to_string();
            let text = text.split(" (os error").next().unwrap_or(&text);
            return text.split(" at path ").next().unwrap_or(text).to_string();
        }
    };
    lang.pick(zh, en).to_string()
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for Error {}
