#!/usr/bin/env python3
"""Writes the spreadsheets of the import benchmark (BENCHMARKS.md, issue 22): N activities
(100,000 by default) with 日期 / 类别 / 活动 / 地点 / 参加人数 / 备注, as a UTF-8 CSV and as an
.xlsx (dates as serials with a date format, text as shared strings, numbers as numbers); a
"read only" CSV and .xlsx of the same rows under headers jiebie does not know (import stops
after reading the sheet); and a workspace `data/` whose sector file holds a review only.
Deterministic: the same N gives the same bytes. Standard library only.

    python3 benches/import_rows.py /tmp/imp [N]
    /usr/bin/time -f '%e s %M KB' target/release/jiebie import /tmp/imp/100k.csv \
        --sector 经济界 /tmp/imp/data --dry-run > /dev/null
"""

import csv
import datetime
import os
import sys
import zipfile
from xml.sax.saxutils import escape

KINDS = ["调研", "座谈", "协商", "学习", "视察", "会议", "培训", "界别活动"]
PLACES = ["市政协", "浦东新区", "黄浦区", "徐汇区", "静安区", "闵行区", "嘉定区", "松江区"]
TOPICS = ["营商环境", "科技创新", "中小企业融资", "数字经济", "绿色金融", "消费升级", "自贸区建设", "乡村振兴"]
HEADER = ["日期", "类别", "活动", "地点", "参加人数", "备注"]
UNKNOWN = ["甲", "乙", "丙", "丁", "戊", "己"]


def rows(n):
    start = datetime.date(2021, 1, 1)
    for i in range(n):
        day = start + datetime.timedelta(days=i % 365)
        kind = KINDS[i % len(KINDS)]
        place = PLACES[(i // 3) % len(PLACES)]
        topic = TOPICS[(i // 7) % len(TOPICS)]
        title = f"围绕{topic}开展专题{kind}（第{i + 1}次）"
        count = 5 + (i * 7919) % 60
        note = f"由经济委员会组织，第{i % 12 + 1}组委员参加"
        yield day, kind, title, place, count, note


def write_csv(path, header, n):
    with open(path, "w", encoding="utf-8", newline="") as out:
        w = csv.writer(out, lineterminator="\n")
        w.writerow(header)
        for day, kind, title, place, count, note in rows(n):
            w.writerow([day.isoformat(), kind, title, place, count, note])


def write_xlsx(path, header, n):
    strings, index = [], {}

    def s(text):
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return index[text]

    epoch = datetime.date(1899, 12, 30)
    parts = []
    cols = "ABCDEF"
    cells = "".join(f'<c r="{c}1" t="s"><v>{s(h)}</v></c>' for c, h in zip(cols, header))
    parts.append(f'<row r="1">{cells}</row>')
    for r, (day, kind, title, place, count, note) in enumerate(rows(n), start=2):
        parts.append(
            f'<row r="{r}">'
            f'<c r="A{r}" s="1"><v>{(day - epoch).days}</v></c>'
            f'<c r="B{r}" t="s"><v>{s(kind)}</v></c>'
            f'<c r="C{r}" t="s"><v>{s(title)}</v></c>'
            f'<c r="D{r}" t="s"><v>{s(place)}</v></c>'
            f'<c r="E{r}"><v>{count}</v></c>'
            f'<c r="F{r}" t="s"><v>{s(note)}</v></c>'
            "</row>"
        )
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet {ns}>'
        f'<dimension ref="A1:F{n + 1}"/><sheetData>{"".join(parts)}</sheetData></worksheet>'
    )
    sst = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<sst {ns} count="{len(strings)}" uniqueCount="{len(strings)}">'
        + "".join(f"<si><t>{escape(t)}</t></si>" for t in strings)
        + "</sst>"
    )
    styles = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet {ns}>'
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
        '<borders count="1"><border/></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        "</cellXfs></styleSheet>"
    )
    workbook = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook {ns} {rel}>'
        '<sheets><sheet name="活动" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    pkg = "http://schemas.openxmlformats.org/package/2006"
    doc = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    files = {
        "[Content_Types].xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Types xmlns="{pkg}/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{ct}.worksheet+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{ct}.sharedStrings+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{ct}.styles+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{pkg}/relationships">'
            f'<Relationship Id="rId1" Type="{doc}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": workbook,
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{pkg}/relationships">'
            f'<Relationship Id="rId1" Type="{doc}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{doc}/sharedStrings" Target="sharedStrings.xml"/>'
            f'<Relationship Id="rId3" Type="{doc}/styles" Target="styles.xml"/>'
            "</Relationships>"
        ),
        "xl/worksheets/sheet1.xml": sheet,
        "xl/sharedStrings.xml": sst,
        "xl/styles.xml": styles,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=(2021, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))


SECTOR = """format = 1

[sector]
name = "经济界"

[[review]]
year = 2021
title = "围绕中心工作建言献策"
summary = "全年开展调研、座谈和协商活动。"
"""


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    name = f"{n // 1000}k" if n % 1000 == 0 else str(n)
    os.makedirs(os.path.join(out, "data"), exist_ok=True)
    write_csv(os.path.join(out, f"{name}.csv"), HEADER, n)
    write_xlsx(os.path.join(out, f"{name}.xlsx"), HEADER, n)
    write_csv(os.path.join(out, f"{name}-read-only.csv"), UNKNOWN, n)
    write_xlsx(os.path.join(out, f"{name}-read-only.xlsx"), UNKNOWN, n)
    with open(os.path.join(out, "data", "经济界.toml"), "w", encoding="utf-8") as f:
        f.write(SECTOR)


if __name__ == "__main__":
    main()
