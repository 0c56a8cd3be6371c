//! Reading: files found on disk (`loader`), their text and encoding (`source`), TOML parsed
//! into spanned tables (`document`) and checked into the file format's types (`parse`,
//! `schema`), with every problem as a `diagnostic`.

pub mod diagnostic;
pub mod document;
pub mod loader;
pub mod parse;
pub mod schema;
pub mod sheet;
pub mod source;
pub mod syntax;
