#!/usr/bin/env bash
# Makes the Windows release: jiebie-{version}-windows-x64.zip, for people who have no Rust
# (SPEC §12). It holds the stripped jiebie.exe, the sample workspace as 示例 and 使用说明.txt;
# the stand-in DLL of scripts/wine/ (for tests under Wine) never goes in.
#
#   scripts/dist-windows.sh            # builds, then writes $CARGO_TARGET_DIR/dist/…zip
#
# Needs: rustup target add x86_64-pc-windows-gnu; apt-get install gcc-mingw-w64-x86-64; python3.
# The zip is deterministic: entries sorted, dates fixed, same bytes for the same tree and exe.
set -euo pipefail
cd "$(dirname "$0")/.."

target_dir=${CARGO_TARGET_DIR:-target}
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=${CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER:-x86_64-w64-mingw32-gcc}
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)

# The `dist` profile (Cargo.toml): release, without debug info, stripped.
cargo build --locked --profile dist --target x86_64-pc-windows-gnu
exe="$target_dir/x86_64-pc-windows-gnu/dist/jiebie.exe"

mkdir -p "$target_dir/dist"
zip="$target_dir/dist/jiebie-$version-windows-x64.zip"
python3 - "$exe" "$zip" <<'PY'
import os, sys, zipfile

exe, out = sys.argv[1], sys.argv[2]
entries = [("jiebie.exe", open(exe, "rb").read())]

# 使用说明.txt: CRLF and a UTF-8 byte order mark, so that Notepad of any Windows version shows it.
text = open("scripts/windows/使用说明.txt", encoding="utf-8").read()
entries.append(("使用说明.txt", b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")))

# The sample workspace: examples/ as 示例, without the Rust example programs kept there.
for root, dirs, files in os.walk("examples"):
    dirs.sort()
    for name in sorted(files):
        if name.endswith(".rs"):
            continue
        path = os.path.join(root, name)
        inside = "示例" + path[len("examples"):]
        entries.append((inside.replace(os.sep, "/"), open(path, "rb").read()))

entries.sort(key=lambda e: e[0].encode("utf-8"))
with zipfile.ZipFile(out, "w") as z:
    for name, data in entries:
        info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
        # Made on Unix, rw-r--r--: Info-ZIP's unzip then takes the names as the UTF-8 they are
        # flagged as (it reads a DOS archive's names as code page 437); Explorer and 7-Zip go
        # by the UTF-8 flag either way.
        info.create_system = 3
        info.external_attr = 0o100644 << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        # Non-ASCII names get the zip's UTF-8 flag (Python sets it), which Explorer honours.
        z.writestr(info, data, compresslevel=9)
PY

size=$(stat -c %s "$exe")
echo "$zip"
echo "jiebie.exe: $size bytes ($((size / 1024)) KiB); zip: $(stat -c %s "$zip") bytes"
