//! The `jiebie` executable: everything happens in `jiebie::run`.

/// mimalloc instead of the system allocator: a large workspace is a few hundred thousand small
/// strings and vectors made on two threads and kept to the end; mimalloc makes and touches
/// that memory in larger pieces (about 15 % off `validate` and 20 % off `summarize` at 100k
/// activities; BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(jiebie::run());
}
