//! `jiebie schema [--config]`: reads nothing; writes the JSON Schema of the sector file (or of
//! `jiebie.toml`) to standard output.

use crate::error::Error;
use crate::read::schema::json_text;
use crate::write::output;

pub fn run(of_config: bool) -> Result<i32, Error> {
    output::print(json_text(of_config).as_bytes())?;
    Ok(0)
}
