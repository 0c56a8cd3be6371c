//! The `jiebie` executable: everything happens in `jiebie::run`.

/// mimalloc instead of the system allocator: a large workspace is a few hundred thousand small
/// strings and vectors made on two threads and kept to the end; mimalloc makes and touches
/// that memory in larger pieces (about 15 % off `validate` and 20 % off `summarize` at 100k
/// activities; BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    jiebie::set_give_back(give_back);
    std::process::exit(jiebie::run());
}

/// `mi_option_purge_delay` in mimalloc v2's `mimalloc.h` (not a constant of the bindings).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Gives the memory freed so far back to the system, and from here on what is freed at once
/// (mimalloc keeps it 10 ms, to use it again). `summarize` calls it before it makes a document
/// or a workbook, `diff` before it compares: they were made beside 10–25 MB of freed memory,
/// over the bound for 100,000 sector files (SPEC §7). Not for every command from the start:
/// purging at every free made `validate` and the JSON of 100,000 activities a quarter slower;
/// the documents and the comparison take the same time.
#[allow(unsafe_code, reason = "the allocator's own functions, with no pointer to get wrong")]
fn give_back() {
    // SAFETY: `mi_option_set` is not thread-safe: it is called where the command runs on this
    // one thread (its parsing threads have ended, the workbook's have not started). Both take
    // plain values and touch only the allocator's own state.
    unsafe {
        libmimalloc_sys::mi_option_set(PURGE_DELAY, 0);
        libmimalloc_sys::mi_collect(true);
    }
}
