//! Reading: files found on disk (`loader`), TOML parsed into spanned tables (`toml_tree`) and
//! checked into the file format's types (`parse` for sector files, `config` for `jiebie.toml`,
//! each table by `entry`, into `schema`), TOML syntax errors explained
//! (`syntax`), and spreadsheets read into rows of text (`sheet`). Every problem becomes a
//! `crate::diagnostic::Diagnostic`.

pub mod config;
pub mod entry;
pub mod loader;
pub mod parse;
pub mod schema;
pub mod sheet;
pub mod syntax;
pub mod toml_tree;
