//! The domain's words: dates of any precision, activity kinds and sector names.

pub mod date;
pub mod fields;
pub mod vocabulary;
