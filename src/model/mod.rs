//! The model: the files of a workspace merged into sectors (`workspace`) and checked across
//! entries and files (`validate`).

pub mod validate;
pub mod workspace;
