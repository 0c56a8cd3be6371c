//! Reading: files found on disk (`loader`), TOML parsed into spanned tables (`toml_tree`) and
//! checked into the file format's types (`parse`, `schema`), TOML syntax errors explained
//! (`syntax`), and spreadsheets read into rows of text (`sheet`). Every problem becomes a
//! `crate::diagnostic::Diagnostic`.

pub mod loader;
pub mod parse;
pub mod schema;
pub mod sheet;
pub mod syntax;
pub mod toml_tree;
