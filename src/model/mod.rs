//! The model: the files of a workspace merged into `sector`s (`workspace`) and checked across
//! entries and files (`validate`).

pub mod sector;
pub mod validate;
pub mod workspace;
