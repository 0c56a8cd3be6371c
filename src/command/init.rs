//! `jiebie init SECTOR`: reads nothing; writes a commented template of a sector file that
//! validates as it is (never over an existing file), and `jiebie.schema.json` beside it,
//! creating `--dir` when it does not exist.

use std::path::{Path, PathBuf};

use crate::command::Context;
use crate::error::Error;
use crate::lang::Lang;
use crate::read::schema::json_text;
use crate::terms::vocabulary::{Kinds, Registry};
use crate::write::{new_sector, output};

/// The schema file next to the template, named by its `#:schema` line.
pub const SCHEMA_FILE: &str = "jiebie.schema.json";

pub fn run(
    cx: &Context,
    sector: &str,
    dir: &Path,
    year: Option<u16>,
    force: bool,
) -> Result<i32, Error> {
    if !force && let Some(suggestion) = registry(cx, dir).near_miss(sector) {
        return Err(Error::NearSector { name: sector.trim().to_string(), suggestion });
    }
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

/// The sectors a new file's name is compared with (W115): those of `--config` or of the
/// directory's `jiebie.toml`, else the national conference's.
fn registry(cx: &Context, dir: &Path) -> Registry {
    let path = cx.config.clone().or_else(|| {
        let own = dir.join(crate::read::loader::CONFIG_NAME);
        own.is_file().then_some(own)
    });
    let text = path.and_then(|p| std::fs::read_to_string(p).ok()).unwrap_or_default();
    let config = crate::read::config::config(0, &text, &mut Kinds::default(), &mut Vec::new());
    let configured = config.sectors.iter().map(|s| s.value.trim().to_string()).collect();
    let aliases =
        config.aliases.iter().map(|(a, t)| (a.value.trim().to_string(), t.trim().to_string()));
    Registry::new(configured, aliases.collect())
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
