//! Writing: outputs to standard output or a file (`output`), temporary files named after their
//! target and removed on Ctrl-C (`temp`), the lock of a data file (`lock`), and changes of a
//! sector file that lose no other change (`entry`: `commit`, and the entries `add` appends).

pub mod entry;
pub mod lock;
pub mod output;
pub mod temp;
