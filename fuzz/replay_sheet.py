#!/usr/bin/env python3
"""Replays a `sheet` fuzz corpus through the real `jiebie import` (release build): each input
becomes the file the fuzz target would read (the first byte chooses CSV, .xls, .xlsx, .ods, or
an .xlsx/.ods zipped from XML parts), and is imported with --dry-run into a one-sector workspace.
Prints the exit codes seen, the slowest run and the largest peak memory; fails on exit 101, a
"panicked" message, a signal, or a run over the time limit.

usage: fuzz/replay_sheet.py JIEBIE CORPUS_DIR [LIMIT_SECONDS]
"""
import io, os, subprocess, sys, tempfile, time, zipfile, resource, collections

CT = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>'
RELS = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
WR = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
WB = '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'


def zipped(parts):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        for name, data in parts:
            z.writestr(name, data)
    return out.getvalue()


def as_file(data):
    choice, rest = data[0] % 6, data[1:]
    if choice < 4:
        return rest, ["csv", "xls", "xlsx", "ods"][choice]
    if choice == 4:
        pieces = rest.split(b"\xff", 2) + [b"", b""]
        workbook = pieces[2] or WB.encode()
        return zipped([("[Content_Types].xml", CT), ("_rels/.rels", RELS), ("xl/workbook.xml", workbook),
                       ("xl/_rels/workbook.xml.rels", WR), ("xl/worksheets/sheet1.xml", pieces[0]),
                       ("xl/sharedStrings.xml", pieces[1])]), "xlsx"
    return zipped([("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", rest)]), "ods"


def main():
    jiebie, corpus = sys.argv[1], sys.argv[2]
    limit = float(sys.argv[3]) if len(sys.argv) > 3 else 10.0
    codes, bad = collections.Counter(), []
    slowest, largest = (0.0, ""), (0, "")
    with tempfile.TemporaryDirectory() as work:
        os.makedirs(os.path.join(work, "data"))
        with open(os.path.join(work, "data", "s.toml"), "w") as f:
            f.write('[sector]\nname = "经济界"\n')
        for name in sorted(os.listdir(corpus)):
            data = open(os.path.join(corpus, name), "rb").read()
            if not data:
                continue
            body, ext = as_file(data)
            path = os.path.join(work, "in." + ext)
            open(path, "wb").write(body)
            start = time.monotonic()
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            try:
                run = subprocess.run([jiebie, "import", path, "--sector", "经济界", "data", "--dry-run"],
                                     cwd=work, capture_output=True, timeout=limit,
                                     env={**os.environ, "JIEBIE_TODAY": "2026-11-24"})
            except subprocess.TimeoutExpired:
                bad.append((name, "timeout"))
                continue
            took = time.monotonic() - start
            rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            codes[run.returncode] += 1
            slowest = max(slowest, (took, name))
            if rss > before:
                largest = max(largest, (rss, name))
            if run.returncode == 101 or run.returncode < 0 or b"panicked" in run.stderr:
                bad.append((name, run.returncode, run.stderr[-300:]))
    print(f"inputs: {sum(codes.values())}, exit codes: {dict(sorted(codes.items()))}")
    print(f"slowest: {slowest[0]:.2f} s ({slowest[1]}), largest peak RSS so far: {largest[0] // 1024} MB ({largest[1]})")
    for b in bad:
        print("BAD", b)
    sys.exit(1 if bad else 0)


main()
