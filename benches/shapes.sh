#!/usr/bin/env bash
# Peak memory of jiebie on the workspace shapes of issue 25 (SPEC §7: under 6× the workspace's
# bytes plus 50 MB for every shape and format).
#
#   JIEBIE=target/release/jiebie bash benches/shapes.sh [DIR]
#   SIZE=issue JIEBIE=target/release/jiebie bash benches/shapes.sh [DIR]
#
# Shapes, written under DIR (default /tmp/jiebie-shapes, or /tmp/jiebie-shapes-issue):
#   short/  one file of short activities: 210,000 (18 MB); SIZE=issue: 100 MiB (1,180,051)
#   many/   small sector files of one review and one activity each: 20,000 (3.3 MB);
#           SIZE=issue: 100,000 (17 MB)
#   twin/   small sector files of 2020 and 2021, for `diff`: 20,000 (5.6 MB); SIZE=issue: 100,000
#   nul/    one sparse file of NUL bytes: 100 MiB; SIZE=issue: 2 GiB (takes a minute or two)
# The small shapes are the default: the machine is shared; the issue's sizes take some minutes.
set -euo pipefail
JIEBIE=${JIEBIE:-target/release/jiebie}
JIEBIE=$(realpath "$JIEBIE")
SIZE=${SIZE:-small}
if [ "$SIZE" = issue ]; then
  DIR=${1:-/tmp/jiebie-shapes-issue}
  SHORT_BYTES=$((100 * 1024 * 1024)) FILES=100000 NUL=2G
else
  DIR=${1:-/tmp/jiebie-shapes}
  SHORT_BYTES=0 FILES=20000 NUL=100M
fi
mkdir -p "$DIR"
cd "$DIR"
export SHORT_BYTES FILES

if [ ! -d short ]; then
  python3 - <<'EOF'
import os
os.makedirs('short', exist_ok=True)
limit = int(os.environ['SHORT_BYTES'])
with open('short/侨联.toml', 'w') as f:
    head = '[sector]\nname = "侨联"\n\n[[review]]\nyear = 2021\nsummary = "概要"\n'
    f.write(head)
    size, i = len(head.encode()), 0
    while (limit == 0 and i < 210000) or (limit > 0 and size < limit - 100):
        text = (f'\n[[activity]]\ndate = 2021-{i % 12 + 1:02d}-02\nkind = "调研"\n'
                f'title = "走访{i}"\nparticipants = {i % 50}\n')
        size += len(text.encode())
        if limit > 0 and size > limit:
            break
        f.write(text)
        i += 1
EOF
fi
if [ ! -d many ]; then
  python3 - <<'EOF'
import os
os.makedirs('many', exist_ok=True)
for i in range(int(os.environ['FILES'])):
    with open(f'many/界别{i:06d}.toml', 'w') as f:
        f.write(f'[sector]\nname = "界别{i:06d}"\n\n[[review]]\nyear = 2021\nsummary = "概要"\n\n'
                '[[activity]]\ndate = 2021-03-02\nkind = "调研"\ntitle = "走访"\n')
EOF
fi
if [ ! -d twin ]; then
  python3 - <<'EOF'
import os
os.makedirs('twin', exist_ok=True)
for i in range(int(os.environ['FILES'])):
    with open(f'twin/界别{i:06d}.toml', 'w') as f:
        f.write(f'[sector]\nname = "界别{i:06d}"\n')
        for year in (2020, 2021):
            f.write(f'\n[[review]]\nyear = {year}\nsummary = "概要"\n\n'
                    f'[[activity]]\ndate = {year}-03-02\nkind = "调研"\ntitle = "走访"\n')
EOF
fi
if [ ! -d nul ]; then
  mkdir nul
  truncate -s "$NUL" nul/零.toml
fi

peak() { # shape, label, command…
  local shape=$1 label=$2
  shift 2
  local bytes kb code
  bytes=$(du -sb --apparent-size "$shape" | cut -f1)
  code=0
  (cd "$shape" && COLUMNS=120 /usr/bin/time -f '%M' "$@" >/dev/null 2>/tmp/shapes-err) || code=$?
  kb=$(tail -1 /tmp/shapes-err)
  local bound=$(( (6 * bytes + 50 * 1000 * 1000) / 1024 ))
  printf '| %s | %.1f MB | %s | %d | %d MB | %d MB | %s |\n' "$shape" "$(echo "$bytes / 1000000" | bc -l)" \
    "$label" "$code" "$((kb / 1024))" "$((bound / 1024))" "$([ "$kb" -le "$bound" ] && echo yes || echo no)"
}

echo '| shape | size | command | exit | peak RSS | bound | within |'
echo '|---|---|---|---|---|---|---|'
peak nul validate "$JIEBIE" validate -q
for shape in short many; do
  peak "$shape" validate "$JIEBIE" validate -q
  peak "$shape" 'summarize (table)' "$JIEBIE" -q summarize --format table
  peak "$shape" 'summarize --view activities (table)' "$JIEBIE" -q summarize --view activities --format table
  peak "$shape" 'summarize --view activities --format csv' "$JIEBIE" -q summarize --view activities --format csv
  peak "$shape" 'summarize --format markdown' "$JIEBIE" -q summarize --format markdown
  peak "$shape" 'summarize --format json' "$JIEBIE" -q summarize --format json
  peak "$shape" 'summarize -o x.docx' "$JIEBIE" -q summarize -o "$DIR/x.docx"
  peak "$shape" 'summarize -o x.xlsx' "$JIEBIE" -q summarize -o "$DIR/x.xlsx"
done
peak short 'diff 2020 2021 --format markdown' "$JIEBIE" -q diff 2020 2021 --format markdown
for format in table csv markdown json; do
  peak many "diff 2020 2021 --format $format" "$JIEBIE" -q diff 2020 2021 --format "$format"
  peak twin "diff 2020 2021 --format $format" "$JIEBIE" -q diff 2020 2021 --format "$format"
done
peak twin 'diff 2020 2021 -o x.docx' "$JIEBIE" -q diff 2020 2021 -o "$DIR/x.docx"
peak twin 'diff 2020 2021 -o x.xlsx' "$JIEBIE" -q diff 2020 2021 -o "$DIR/x.xlsx"
rm -f "$DIR/x.docx" "$DIR/x.xlsx"
