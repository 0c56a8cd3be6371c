//! `jiebie template [summary|diff]`: reads nothing; prints the built-in document template, the
//! one that makes the default Markdown document, for the user to copy and change.

use crate::cli::TemplateKind;
use crate::error::Error;
use crate::render::template;
use crate::write::output;

pub fn run(which: TemplateKind) -> Result<i32, Error> {
    let text = match which {
        TemplateKind::Summary => template::SUMMARY,
        TemplateKind::Diff => template::DIFF,
    };
    output::print(text.as_bytes())?;
    Ok(0)
}
