//! `jiebie import FILE --sector NAME`: reads a spreadsheet (`read::sheet`) and the workspace;
//! the `import` stage turns the sheets into new entries, appended to the sector's file through
//! the one append of `add` (validated with them in place, atomic), or printed (`--dry-run`).

use std::path::PathBuf;

use crate::cli::ImportArgs;
use crate::command::{Context, EXIT_INVALID, paths_or_here};
use crate::diagnostic::Severity;
use crate::error::Error;
use crate::import::columns::Mapping;
use crate::import::{self, Options};
use crate::lang::Lang;
use crate::model::workspace::Workspace;
use crate::read::sheet::{self, TextEncoding};
use crate::write::entry as add;
use crate::write::output;

pub fn run(cx: &Context, args: ImportArgs) -> Result<i32, Error> {
    let paths = paths_or_here(&args.paths);
    let config = cx.config.as_deref();
    let sheet_path = args.sheet_file.clone();
    if !sheet_path.exists() {
        return Err(Error::PathNotFound { path: sheet_path });
    }
    let book = sheet::read(&sheet_path).map_err(|e| Error::ReadSheet {
        path: sheet_path.clone(),
        zh: e.zh,
        en: e.en,
    })?;
    let before = Workspace::load(&paths, config, cx.today)?;
    let sector = add::sector_to_write(&before, &args.sector, &paths)?;
    let shown_path = sheet_path.display().to_string();
    let mut notes: Vec<String> = Vec::new();
    if book.encoding == Some(TextEncoding::Gbk) {
        notes.push(match cx.lang {
            Lang::Zh => format!("提示: `{shown_path}` 是 GBK/GB18030 编码，已按 GBK 读取"),
            Lang::En => format!("note: `{shown_path}` is encoded in GBK/GB18030; read as such"),
        });
    }

    let columns = match &args.columns {
        Some(text) => Mapping::parse(text).map_err(|part| Error::BadArgument {
            flag: "--columns",
            value: part,
            reason: cx
                .lang
                .pick("应写作「列=字段」，例如 活动类型=类别", "write COLUMN=FIELD, e.g. Type=Kind")
                .to_string(),
        })?,
        None => Mapping::default(),
    };
    let options =
        Options { sheet: args.sheet.as_deref(), year: args.year, columns: &columns, lang: cx.lang };
    let imported = import::read(book, &shown_path, &before, sector, &options)?;
    let import::Imported {
        sheets,
        entries,
        origins,
        years,
        mut diagnostics,
        notes: found,
        mut counts,
    } = imported;
    notes.extend(found);
    if !cx.quiet {
        let text: String = notes.iter().map(|n| format!("{n}\n")).collect();
        // Notes quote headers and sheet names: escaped like every message.
        eprint!("{}", crate::text::escaped_lines(&text));
    }

    // The file: `--file`, else the one the entries' years choose (SPEC §3.6).
    let mut files: Vec<PathBuf> = Vec::new();
    for year in years.iter().copied().chain(years.is_empty().then_some(None)) {
        let file = add::choose_file(&before, sector, args.file.as_deref(), year)?;
        if !files.contains(&file) {
            files.push(file);
        }
    }
    if files.len() > 1 {
        return Err(Error::AmbiguousFile {
            name: sector.name.clone(),
            files: sector.files.iter().map(|&f| before.sources[f].path.clone()).collect(),
        });
    }
    let file = files.remove(0);
    let several_files = entries.is_empty() && sector.files.len() > 1;

    let own_errors = diagnostics.iter().any(|(_, d)| d.severity() == Severity::Error);
    let locked = add::sector_files(&before, &file);
    // The workspace is read again under the sector's lock (`entry::append`).
    drop(before);
    let at = add::Workplace {
        paths: &paths,
        config,
        today: cx.today,
        sector: &locked,
        lang: cx.lang,
        quiet: cx.quiet,
    };
    counts.added = entries.len();
    let appended = add::append(&at, &file, entries, args.dry_run || own_errors)?;
    let mapped = import::place_in_cells(&appended, &origins, &sheets);
    diagnostics.extend(mapped);
    diagnostics.sort_by_cached_key(|(sheet, d)| {
        let (row, column) = d.position(&appended.sources).unwrap_or((0, 0));
        (*sheet, row, column, d.code())
    });
    let errors = diagnostics.iter().filter(|(_, d)| d.severity() == Severity::Error).count();
    let mut text = cx.report(diagnostics.iter().map(|(_, d)| d), &appended.sources, false);
    if errors > 0 {
        text.push_str(&match cx.lang {
            Lang::Zh => format!("未写入：表格中有 {errors} 个错误\n"),
            Lang::En => format!("nothing written: the sheet has {errors} error(s)\n"),
        });
        eprint!("{text}");
        return Ok(EXIT_INVALID);
    }
    eprint!("{text}");
    let count = import::count_line(cx.lang, &counts);
    // The file's name is data too (found by the loader): escaped like every message.
    let file_shown = crate::text::escaped(&file.display().to_string()).into_owned();
    if args.dry_run {
        output::print(appended.text().trim_start_matches(['\r', '\n']).as_bytes())?;
        eprintln!(
            "{count}{}",
            match cx.lang {
                Lang::Zh => format!("（试运行，未写入 {file_shown}）"),
                Lang::En => format!(" (dry run: {file_shown} not written)"),
            }
        );
        return Ok(0);
    }
    let done = match (cx.lang, appended.written) {
        (Lang::Zh, true) => format!("已导入到 {file_shown}\n{count}\n"),
        (Lang::En, true) => format!("imported into {file_shown}\n{count}\n"),
        // Nothing new for a sector of several files chose no file: name none of them.
        (Lang::Zh, false) if several_files => format!("没有新的记录，没有改动任何文件\n{count}\n"),
        (Lang::En, false) if several_files => format!("nothing new: no file changed\n{count}\n"),
        (Lang::Zh, false) => format!("没有新的记录，{file_shown} 未改动\n{count}\n"),
        (Lang::En, false) => format!("nothing new: {file_shown} unchanged\n{count}\n"),
    };
    output::print(done.as_bytes())?;
    Ok(0)
}
