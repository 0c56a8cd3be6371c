//! The `jiebie` executable: everything happens in `jiebie::run`.

fn main() {
    std::process::exit(jiebie::run());
}
