//! `jiebie init SECTOR`: reads nothing; writes a commented template of a sector file that
//! validates as it is (never over an existing file), and `jiebie.schema.json` beside it,
//! creating `--dir` when it does not exist.

use std::path::{Path, PathBuf};

use crate::command::Context;
use crate::error::Error;
use crate::lang::Lang;
use crate::read::schema::json_text;
use crate::write::{new_sector, output};

/// The schema file next to the template, named by its `#:schema` line.
pub const SCHEMA_FILE: &str = "jiebie.schema.json";

pub fn run(cx: &Context, sector: &str, dir: &Path, year: Option<u16>) -> Result<i32, Error> {
    let path = target(dir, sector)?;
    let year = year.unwrap_or_else(|| chrono::Datelike::year(&cx.today) as u16);
    output::write_new(&path, new_sector::template(sector.trim(), year, cx.lang).as_bytes())?;
    let mut created = vec![path];
    // The template's `#:schema` line names this file: write it unless it is there.
    let schema = dir.join(SCHEMA_FILE);
    if !schema.exists() {
        output::write_new(&schema, json_text(false).as_bytes())?;
        created.push(schema);
    }
    let done: String = created
        .iter()
        .map(|p| match cx.lang {
            Lang::Zh => format!("已创建 {}\n", p.display()),
            Lang::En => format!("created {}\n", p.display()),
        })
        .collect();
    output::print(done.as_bytes())?;
    Ok(0)
}

/// Where `init` writes: `DIR/<sector>.toml`; a name that is no plain file name is refused.
pub fn target(dir: &Path, sector: &str) -> Result<PathBuf, Error> {
    let name = sector.trim();
    // A plain file name that is no configuration file and can stand in a TOML comment.
    let bad = name.is_empty()
        || name.starts_with('.')
        || name == "jiebie"
        || name.chars().any(char::is_control)
        || name.contains(['/', '\\', ':', '*', '?', '"', '<', '>', '|']);
    if bad {
        let reason = "界别名称不能为空，也不能含有 / \\ : * ? \" < > | / a sector name must be a plain file name".to_string();
        return Err(Error::BadArgument { flag: "SECTOR", value: sector.to_string(), reason });
    }
    // A missing directory (and its parents) is created, as a new user expects of a first step.
    if !dir.is_dir() {
        std::fs::create_dir_all(dir)
            .map_err(|source| Error::WriteOutput { path: dir.to_path_buf(), source })?;
    }
    Ok(dir.join(format!("{name}.toml")))
}
