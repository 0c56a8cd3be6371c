//! The `jiebie` executable: everything happens in `jiebie::run`.

/// mimalloc instead of the system allocator: a large workspace is a few hundred thousand small
/// strings and vectors made on two threads and kept to the end; mimalloc makes and touches
/// that memory in larger pieces (about 15 % off `validate` and 20 % off `summarize` at 100k
/// activities; BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    purge_at_once();
    std::process::exit(jiebie::run());
}

/// `mi_option_purge_delay` in mimalloc v2's `mimalloc.h` (not a constant of the bindings).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Memory freed is given back to the system at once rather than after 10 ms. `summarize`
/// drops the workspace and the report before the document is made; with the delay, mimalloc
/// still held 10–25 MB of them while the Word document or the workbook of 100,000 sectors
/// was made, over the memory bound (SPEC §7). No slower (BENCHMARKS.md).
#[allow(unsafe_code, reason = "the one allocator option, set before any other thread exists")]
fn purge_at_once() {
    // SAFETY: `mi_option_set` is not thread-safe; it runs first thing in `main`, when this is
    // the only thread. It takes an option's number and a value, and touches nothing else.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 0) };
}
