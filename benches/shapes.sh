#!/usr/bin/env bash
# Peak memory of jiebie on the workspace shapes of issue 25 (SPEC §7: under 6× the workspace's
# bytes plus 50 MB for every shape and format). Small on purpose: a shared 2-core machine.
#
#   JIEBIE=target/release/jiebie bash benches/shapes.sh [DIR]
#
# Shapes, written under DIR (default /tmp/jiebie-shapes):
#   short/  one file of 210,000 short activities (18 MB)
#   many/   20,000 small sector files of one review and one activity each (3.3 MB)
#   nul/    one sparse file of 100 MiB of NUL bytes
#   twin/   20,000 small sector files of 2020 and 2021, for `diff` (5.6 MB)
set -euo pipefail
JIEBIE=${JIEBIE:-target/release/jiebie}
JIEBIE=$(realpath "$JIEBIE")
DIR=${1:-/tmp/jiebie-shapes}
mkdir -p "$DIR"
cd "$DIR"

if [ ! -d short ]; then
  python3 - <<'EOF'
import os
os.makedirs('short', exist_ok=True)
with open('short/侨联.toml', 'w') as f:
    f.write('[sector]\nname = "侨联"\n\n[[review]]\nyear = 2021\nsummary = "概要"\n')
    for i in range(210000):
        f.write(f'\n[[activity]]\ndate = 2021-{i % 12 + 1:02d}-02\nkind = "调研"\n'
                f'title = "走访{i}"\nparticipants = {i % 50}\n')
os.makedirs('many', exist_ok=True)
for i in range(20000):
    with open(f'many/界别{i:05d}.toml', 'w') as f:
        f.write(f'[sector]\nname = "界别{i:05d}"\n\n[[review]]\nyear = 2021\nsummary = "概要"\n\n'
                '[[activity]]\ndate = 2021-03-02\nkind = "调研"\ntitle = "走访"\n')
EOF
fi
if [ ! -d twin ]; then
  python3 - <<'EOF'
import os
os.makedirs('twin', exist_ok=True)
for i in range(20000):
    with open(f'twin/界别{i:05d}.toml', 'w') as f:
        f.write(f'[sector]\nname = "界别{i:05d}"\n')
        for year in (2020, 2021):
            f.write(f'\n[[review]]\nyear = {year}\nsummary = "概要"\n\n'
                    f'[[activity]]\ndate = {year}-03-02\nkind = "调研"\ntitle = "走访"\n')
EOF
fi
if [ ! -d nul ]; then
  mkdir nul
  truncate -s 100M nul/零.toml
fi

peak() { # shape, label, command…
  local shape=$1 label=$2
  shift 2
  local bytes kb
  bytes=$(du -sb --apparent-size "$shape" | cut -f1)
  kb=$( (cd "$shape" && COLUMNS=120 /usr/bin/time -f '%M' "$@" >/dev/null 2>/tmp/shapes-err || true); tail -1 /tmp/shapes-err)
  local bound=$(( (6 * bytes + 50 * 1000 * 1000) / 1024 ))
  printf '| %s | %.1f MB | %s | %d MB | %d MB | %s |\n' "$shape" "$(echo "$bytes / 1000000" | bc -l)" \
    "$label" "$((kb / 1024))" "$((bound / 1024))" "$([ "$kb" -le "$bound" ] && echo yes || echo no)"
}

echo '| shape | size | command | peak RSS | bound | within |'
echo '|---|---|---|---|---|---|'
peak nul validate "$JIEBIE" validate -q
peak short validate "$JIEBIE" validate -q
peak short 'summarize --view activities (table)' "$JIEBIE" summarize --view activities --format table
peak short 'summarize --format markdown' "$JIEBIE" summarize --format markdown
peak short 'summarize --format json' "$JIEBIE" summarize --format json
peak short 'diff 2020 2021 --format markdown' "$JIEBIE" -q diff 2020 2021 --format markdown
peak many validate "$JIEBIE" validate -q
peak many 'summarize (table)' "$JIEBIE" -q summarize --format table
peak many 'summarize --format markdown' "$JIEBIE" -q summarize --format markdown
peak many 'summarize -o x.docx' "$JIEBIE" -q summarize -o "$DIR/x.docx"
for format in table csv markdown json; do
  peak many "diff 2020 2021 --format $format" "$JIEBIE" -q diff 2020 2021 --format "$format"
  peak twin "diff 2020 2021 --format $format" "$JIEBIE" -q diff 2020 2021 --format "$format"
done
