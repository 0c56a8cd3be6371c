# Sourced, not run: `. scripts/wine/setup.sh` prepares Wine to run jiebie.exe and its tests.
#
# - WINEDEBUG=-all: Wine's own messages would mix with jiebie's standard error.
# - WINEPREFIX: a fresh temporary prefix unless one is given; the first start (wineboot) makes
#   it, which takes a while (about 10 to 30 s here), later starts reuse it.
# - The stand-in bcryptprimitives.dll (bcryptprimitives.c beside this file) is built with mingw
#   and put into the prefix's system32: Wine 8 lacks it, and every Rust program since 1.78
#   imports ProcessPrng from it. It is for tests only and never goes into the release zip.
# - CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER / _RUNNER: so that `cargo build|test --target
#   x86_64-pc-windows-gnu` links with mingw and runs the tests under Wine.
export WINEDEBUG=-all
export WINEPREFIX=${WINEPREFIX:-$(mktemp -d /tmp/jiebie-wine.XXXXXX)}
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=${CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER:-x86_64-w64-mingw32-gcc}
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=${CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER:-wine}

jiebie_wine_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [ ! -f "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" ]; then
  wineboot --init >/dev/null 2>&1 || true
  wineserver --wait || true
  x86_64-w64-mingw32-gcc -shared -O2 -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
    "$jiebie_wine_dir/bcryptprimitives.c" -ladvapi32
fi
unset jiebie_wine_dir
