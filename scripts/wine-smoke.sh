#!/usr/bin/env bash
# Runs the same commands with the Linux build and, under Wine, with the Windows build, in two
# copies of the same workspace, and compares exit codes, standard output, standard error and
# every file left in the workspace byte for byte (SPEC §12); then checks that Ctrl-C leaves no
# temporary file. One difference is allowed: Windows shows paths with `\` (`示例\经济界.toml`,
# in JSON `示例\\经济界.toml`); those separators are turned into `/` before comparing, and
# nothing else is.
#
#   scripts/wine-smoke.sh target/debug/jiebie target/x86_64-pc-windows-gnu/dist/jiebie.exe
#
# Needs wine (Debian's wine and wine64) and mingw for the stand-in DLL (scripts/wine/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
linux=$(realpath "$1")
windows=$(realpath "$2")
# shellcheck source=scripts/wine/setup.sh
. scripts/wine/setup.sh

work=$(mktemp -d /tmp/jiebie-smoke.XXXXXX)
trap '[ -n "${JIEBIE_SMOKE_KEEP:-}" ] || rm -rf "$work"' EXIT  # JIEBIE_SMOKE_KEEP=1 keeps it to look at
for side in linux windows; do
  mkdir -p "$work/$side"
  cp -r examples "$work/$side/示例"
  rm -f "$work/$side/示例/"*.rs
  # A workspace with mistakes, for validate: a date that does not exist, a TOML syntax error,
  # an unknown kind and a negative number.
  mkdir -p "$work/$side/有错"
  cp examples/jiebie.toml examples/经济界.toml "$work/$side/有错/"
  printf '[sector]\nname = "侨联"\n\n[[activity]]\ndate = 2021-02-30\nkind = "调研考察"\ntitle = "走访"\n' \
    >"$work/$side/有错/侨联.toml"
  printf '[sector]\nname = "农业界"\ntitle = "未闭合\n' >"$work/$side/有错/农业界.toml"
  printf '[sector]\nname = "教育界"\n\n[[activity]]\ndate = 2021-03-02\nkind = "调研考察"\ntitle = "走访学校"\nparticipants = -3\n' \
    >"$work/$side/有错/教育界.toml"
  # Something to import: a CSV of activities (CRLF, as Excel writes it) and the sample workbook.
  printf '日期,类别,活动,参与人次\r\n2021-06-01,调研,走访社区卫生服务中心,12\r\n2021-07-15,座谈,基层医疗座谈会,9\r\n' \
    >"$work/$side/活动.csv"
  cp examples/导入示例.xlsx "$work/$side/"
done

run() {  # run NAME ARGS...: both builds, each in its own copy; the results kept under NAME
  local name=$1 side status
  shift
  for side in linux windows; do
    status=0
    if [ "$side" = linux ]; then
      (cd "$work/$side" && "$linux" "$@" >"../$side.$name.out" 2>"../$side.$name.err") || status=$?
    else
      (cd "$work/$side" && wine "$windows" "$@" >"../$side.$name.out" 2>"../$side.$name.err") || status=$?
    fi
    echo "$status" >"$work/$side.$name.status"
  done
  echo "$name: exit $(cat "$work/linux.$name.status")"
}

export JIEBIE_TODAY=2026-11-24
for format in table json csv markdown; do
  run "summarize-$format" summarize 示例 --format "$format"
  run "summarize-$format-en" summarize 示例 --format "$format" --lang en --view overview
done
run summarize-docx summarize 示例 -o 报告.docx
run summarize-xlsx summarize 示例 -o 报告.xlsx
run summarize-sector-docx summarize 示例 --sector 侨联 --year 2020 -o 侨联.docx
run diff diff 2020 2021 示例
run validate validate 示例
run validate-errors validate 有错
run validate-errors-json validate 有错 --format json
run validate-errors-en validate 有错 --lang en
run add add activity --sector 经济界 --date 2021.3.2 --kind 调研 --title 走访企业 --participants 12 示例
run import-csv import 活动.csv --sector 医药卫生界 --year 2021 示例
run import-xlsx import 导入示例.xlsx --sector 农业界 示例
run summarize-after summarize 示例 --view overview
run usage summarize --no-such-option

# Ctrl-C: Wine turns SIGINT into the console's CTRL_C_EVENT. jiebie holds its temporary file a
# while (the test hook), is interrupted there, and must exit 130 and leave nothing behind.
cd "$work/windows"
JIEBIE_TEST_PAUSE_BEFORE_RENAME_MS=20000 wine "$windows" summarize 示例 -o 中断.docx >/dev/null 2>&1 &
pid=$!
for _ in $(seq 300); do
  ls -A | grep -q '^\.中断\.docx\.jiebie-' && break
  sleep 0.1
done
kill -INT "$pid"
status=0
wait "$pid" || status=$?
cd - >/dev/null
if [ "$status" != 130 ] || ls -A "$work/windows" | grep -q '中断'; then
  echo "DIFFERENT: Ctrl-C under Wine exited $status and left: $(ls -A "$work/windows" | grep '中断' || true)" >&2
  ctrl_c_failed=1
else
  echo "ctrl-c: exit 130, no temporary file left"
fi

# Windows' path separators in messages, and nothing else: `\` (or JSON's `\\`) between the
# workspace's folder names or after `.`, before a name.
portable() {
  sed -E 's#(^|[^[:alnum:]._-])(示例|有错|\.)\\{1,2}([^\\ |*])#\1\2/\3#g' "$1"
}

failed=${ctrl_c_failed:-0}
for status in "$work"/linux.*.status; do
  name=${status#"$work/linux."}
  name=${name%.status}
  for part in status out err; do
    if ! cmp -s "$work/linux.$name.$part" <(portable "$work/windows.$name.$part"); then
      echo "DIFFERENT: $name ($part)" >&2
      diff <(cat "$work/linux.$name.$part") <(portable "$work/windows.$name.$part") | head -n 20 >&2 || true
      failed=1
    fi
  done
done
# Every file the commands wrote or changed: reports, the added and imported records.
if ! diff -r "$work/linux" "$work/windows" >&2; then
  echo "DIFFERENT: the files in the workspace" >&2
  failed=1
fi
if [ "$failed" = 0 ]; then
  echo "wine smoke test: the Windows build matches the Linux build byte for byte"
fi
exit "$failed"
