//! Writing: outputs to standard output or a file (`output`), and new entries appended to a
//! sector file (`entry`).

pub mod entry;
pub mod output;
