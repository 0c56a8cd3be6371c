//! Writing: outputs to standard output or a file (`output`), temporary files named after their
//! target and removed on Ctrl-C (`temp`), the lock of a data file (`lock`), and changes of a
//! sector file that lose no other change (`entry`: `commit`, and the entries `add` appends);
//! and the text of a new sector file (`new_sector`, for `init`).

pub mod entry;
pub mod lock;
pub mod new_sector;
pub mod output;
pub mod temp;
