//! The terminal's text: tables laid out to the terminal's width.

pub mod layout;
pub mod table;
