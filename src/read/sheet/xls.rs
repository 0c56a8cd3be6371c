//! A look at an `.xls` file before calamine reads it. calamine 0.38 reads a whole `.xls`
//! workbook when it opens it: it follows the compound file's sector chains (a chain that loops
//! back on itself never ends), reserves cells for each sheet's declared dimensions, and builds a
//! dense grid over the positions of the cells it finds (one cell at row 65536, column 65536
//! makes 4 billion). None of this can be stopped from outside, so the same walk is done here
//! first, on the bytes, without building anything: the chains (calamine's `cfb.rs`, MIT, with
//! each chain bounded by the sectors the file has) and the sheets' records, adding up the bytes
//! calamine would allocate. A file whose sum is beyond the bound is refused before calamine sees
//! it.

const RESERVED_SECTORS: u32 = 0xFFFF_FFFA;
const DIFSECT: u32 = 0xFFFF_FFFC;
const ENDOFCHAIN: u32 = 0xFFFF_FFFE;

/// Why a file was refused before its cost is known: its sector chains are broken (calamine
/// would loop, or read past the file).
#[derive(Debug, PartialEq)]
pub enum Refusal {
    Broken,
}

/// The bytes calamine would allocate for the workbook in `data`, or why it must not try.
/// An `Ok` whose bytes are within the caller's bound means calamine may read the file.
pub fn cost(data: &[u8]) -> Result<u64, Refusal> {
    let stream = match workbook_stream(data) {
        Ok(Some(stream)) => stream,
        // No workbook stream, or a header calamine rejects: calamine says so itself.
        Ok(None) => return Ok(0),
        Err(refusal) => return Err(refusal),
    };
    // The stream, and its strings (at most 3 bytes of UTF-8 for each byte they take).
    let mut total = 4 * stream.len() as u64;
    let mut records = Records { stream: &stream };
    let mut positions = Vec::new();
    let mut strings = Vec::new();
    while let Some((typ, record, continues)) = records.next_with_continues() {
        match typ {
            // BoundSheet8: the stream position of a sheet.
            0x0085 if record.len() >= 4 => {
                positions.push(u32::from_le_bytes([record[0], record[1], record[2], record[3]]))
            }
            0x00FC => strings = string_sizes(record, &continues),
            0x000A => break,
            _ => {}
        }
    }
    // calamine reads each sheet's records from its position to its end: sheets that overlap
    // (many BoundSheet8 records at one position) make that quadratic. Reading the stream more
    // than twice over (and a megabyte) costs everything.
    let mut work = Work { done: 0, most: 2 * stream.len() as u64 + (1 << 20) };
    for position in positions {
        total = total.saturating_add(sheet_cost(&stream, position as usize, &strings, &mut work));
    }
    Ok(total)
}

/// The most bytes of UTF-8 each string of an SST record (and its CONTINUE records) can take
/// once calamine has decoded it: each string is copied into every cell that refers to it.
/// Walked as calamine's `read_rich_extended_string` walks it; where calamine would fail, the
/// strings so far.
fn string_sizes(record: &[u8], continues: &[&[u8]]) -> Vec<u64> {
    let mut sizes = Vec::new();
    let Some(mut data) = record.get(8..) else { return sizes };
    let mut next = continues.iter();
    loop {
        if data.is_empty() {
            match next.next() {
                Some(d) => data = d,
                None => break,
            }
            continue;
        }
        if data.len() < 3 {
            break;
        }
        let mut left = usize::from(u16::from_le_bytes([data[0], data[1]]));
        let flags = data[2];
        data = &data[3..];
        let mut high = flags & 1 != 0;
        let mut runs = 0usize;
        let mut ext = 0usize;
        if flags & 0x8 != 0 {
            let Some(b) = data.get(..2) else { break };
            runs = usize::from(u16::from_le_bytes([b[0], b[1]])) * 4;
            data = &data[2..];
        }
        if flags & 0x4 != 0 {
            let Some(b) = data.get(..4) else { break };
            ext = i32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize;
            data = &data[4..];
        }
        let mut size = 0u64;
        let mut ok = true;
        while left > 0 {
            let width = if high { 2 } else { 1 };
            let n = left.min(data.len() / width);
            size += 3 * n as u64;
            data = &data[n * width..];
            left -= n;
            if left > 0 {
                match next.next() {
                    Some(d) if !d.is_empty() => {
                        high = d[0] & 1 != 0;
                        data = &d[1..];
                    }
                    _ => {
                        ok = false;
                        break;
                    }
                }
            }
        }
        if !ok {
            break;
        }
        sizes.push(size);
        let mut skip = runs.saturating_add(ext);
        while skip > 0 {
            if data.is_empty() {
                match next.next() {
                    Some(d) => data = d,
                    None => return sizes,
                }
            }
            let n = skip.min(data.len());
            data = &data[n..];
            skip -= n;
        }
    }
    sizes
}

/// A record's type and data, and the data of the CONTINUE records after it.
type WithContinues<'a> = (u16, &'a [u8], Vec<&'a [u8]>);

/// The records of a BIFF stream as calamine's `RecordIter` cuts them (a CONTINUE record after a
/// record belongs to it; calamine stops at the first record that does not fit).
struct Records<'a> {
    stream: &'a [u8],
}

impl<'a> Records<'a> {
    /// The next record and its CONTINUE records; false when a CONTINUE record does not fit
    /// (the stream ends there).
    fn record(&mut self) -> Option<(WithContinues<'a>, bool)> {
        if self.stream.len() < 4 {
            return None;
        }
        let typ = u16::from_le_bytes([self.stream[0], self.stream[1]]);
        let len = usize::from(u16::from_le_bytes([self.stream[2], self.stream[3]]));
        if self.stream.len() < len + 4 {
            self.stream = &[];
            return None;
        }
        let (record, next) = self.stream.split_at(len + 4);
        self.stream = next;
        let mut continues = Vec::new();
        while self.stream.len() > 4 && u16::from_le_bytes([self.stream[0], self.stream[1]]) == 0x3C
        {
            let len = usize::from(u16::from_le_bytes([self.stream[2], self.stream[3]]));
            if self.stream.len() < len + 4 {
                self.stream = &[];
                return Some(((typ, &record[4..], continues), false));
            }
            continues.push(&self.stream[4..len + 4]);
            self.stream = &self.stream[len + 4..];
        }
        Some(((typ, &record[4..], continues), true))
    }

    /// The next record with its CONTINUE records; none once one does not fit.
    fn next_with_continues(&mut self) -> Option<WithContinues<'a>> {
        let (record, whole) = self.record()?;
        whole.then_some(record)
    }
}

impl<'a> Iterator for Records<'a> {
    type Item = (u16, &'a [u8]);
    fn next(&mut self) -> Option<Self::Item> {
        self.record().map(|((typ, data, _), _)| (typ, data))
    }
}

/// A box around positions, as calamine's `Range::from_sparse` sizes its grid.
#[derive(Default)]
struct Bounds {
    rows: Option<(u32, u32)>,
    columns: (u32, u32),
    count: u64,
}

impl Bounds {
    fn add(&mut self, row: u32, column: u32) {
        self.count += 1;
        match &mut self.rows {
            None => {
                self.rows = Some((row, row));
                self.columns = (column, column);
            }
            Some((low, high)) => {
                *low = (*low).min(row);
                *high = (*high).max(row);
                self.columns = (self.columns.0.min(column), self.columns.1.max(column));
            }
        }
    }

    /// Cells in the dense grid over the box.
    fn cells(&self) -> u64 {
        match self.rows {
            None => 0,
            Some((low, high)) => {
                u64::from(high - low + 1) * u64::from(self.columns.1 - self.columns.0 + 1)
            }
        }
    }
}

/// What calamine allocates for the sheet whose records start at `position`: the reserve for its
/// declared dimensions, its cells and the two dense grids (values, formulas).
/// The bytes of records read so far for all sheets, and the most that may be.
struct Work {
    done: u64,
    most: u64,
}

fn sheet_cost(stream: &[u8], position: usize, strings: &[u64], work: &mut Work) -> u64 {
    const CELL: u64 = 40; // calamine's Cell<Data>
    const DATA: u64 = 32; // calamine's Data
    const TEXT: u64 = 24; // a String
    let Some(records) = stream.get(position..) else { return 0 };
    let (mut values, mut formulas) = (Bounds::default(), Bounds::default());
    let (mut reserved, mut text) = (0u64, 0u64);
    let mut formula_at = (0u32, 0u32);
    let (mut seen_bof, mut depth) = (false, 0usize);
    let at = |r: &[u8]| {
        (u32::from(u16::from_le_bytes([r[0], r[1]])), u32::from(u16::from_le_bytes([r[2], r[3]])))
    };
    for (typ, r) in (Records { stream: records }) {
        work.done += r.len() as u64 + 4;
        if work.done > work.most {
            return u64::MAX;
        }
        if depth > 0 {
            match typ {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        match typ {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x0200 => {
                let Some((start, end)) = dimensions(r) else { continue };
                // calamine: ((end - start + 1) as usize) for rows and columns, wrapping.
                let rows = u64::from(end.0.wrapping_sub(start.0).wrapping_add(1));
                let columns = u64::from(end.1.wrapping_sub(start.1).wrapping_add(1));
                reserved =
                    reserved.saturating_add(rows.saturating_mul(columns).saturating_mul(CELL));
            }
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD if r.len() >= 4 => {
                let (row, column) = at(r);
                values.add(row, column);
                text = text.saturating_add(r.len() as u64 * 3);
                // LabelSst: a copy of the shared string.
                if typ == 0x00FD && r.len() >= 10 {
                    let index = u32::from_le_bytes([r[6], r[7], r[8], r[9]]) as usize;
                    text = text.saturating_add(strings.get(index).copied().unwrap_or(0));
                }
            }
            0x0207 => {
                values.add(formula_at.0, formula_at.1);
                text = text.saturating_add(r.len() as u64 * 3);
            }
            0x00BD if r.len() >= 6 => {
                let (row, first) = at(r);
                let last = u32::from(u16::from_le_bytes([r[r.len() - 2], r[r.len() - 1]]));
                for column in first..=last.min(first + 0xFFFF) {
                    values.add(row, column);
                }
            }
            0x0006 if r.len() >= 20 => {
                formula_at = at(r);
                values.add(formula_at.0, formula_at.1);
                formulas.add(formula_at.0, formula_at.1);
                text = text.saturating_add(r.len() as u64 * 8);
            }
            0x000A => break,
            _ => {}
        }
    }
    let cells = (values.count + formulas.count).saturating_mul(2 * CELL);
    reserved
        .saturating_add(cells)
        .saturating_add(text)
        .saturating_add(values.cells().saturating_mul(DATA))
        .saturating_add(formulas.cells().saturating_mul(TEXT))
}

/// A Dimensions record as calamine's `parse_dimensions` reads it: (start, end), 0-based.
fn dimensions(r: &[u8]) -> Option<((u32, u32), (u32, u32))> {
    let u16_at = |i: usize| u32::from(u16::from_le_bytes([r[i], r[i + 1]]));
    let u32_at = |i: usize| u32::from_le_bytes([r[i], r[i + 1], r[i + 2], r[i + 3]]);
    let (rf, rl, mut cf, cl) = match r.len() {
        10 => (u16_at(0), u16_at(2), u16_at(4), u16_at(6)),
        14 | 16 => (u32_at(0), u32_at(4), u16_at(8), u16_at(10)),
        _ => return None,
    };
    if 0xFF < cf || cl < cf {
        cf = 0;
    }
    if 1 <= rl && 1 <= cl { Some(((rf, cf), (rl - 1, cl - 1))) } else { Some(((rf, cf), (rf, cf))) }
}

/// The compound file's "Workbook" (else "Book") stream, following calamine's `Cfb`: `None` when
/// calamine would stop with an error of its own, `Broken` when it would loop or run away.
fn workbook_stream(data: &[u8]) -> Result<Option<Vec<u8>>, Refusal> {
    if data.len() < 512 || data[..8] != *b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" {
        return Ok(None);
    }
    let u16_at = |i: usize| u16::from_le_bytes([data[i], data[i + 1]]);
    let u32_at = |i: usize| u32::from_le_bytes([data[i], data[i + 1], data[i + 2], data[i + 3]]);
    let version = u16_at(26);
    let sector_size = match u16_at(30) {
        0x0009 => 512usize,
        0x000C if data.len() >= 4096 => 4096,
        _ => return Ok(None),
    };
    if u16_at(32) != 0x0006 {
        return Ok(None);
    }
    let dir_start = u32_at(48);
    let mini_fat_start = u32_at(60);
    let mini_fat_len = u32_at(64) as usize;
    let difat_start = u32_at(68);
    // calamine keeps the header out of its sector buffer: sector i starts at
    // (i + 1) × sector size in the file (the header fills the first sector).
    let base = sector_size;
    let max_id = data.len() / sector_size;
    let sector = |id: u32| -> Result<&[u8], Refusal> {
        if id as usize > max_id {
            return Err(Refusal::Broken);
        }
        let start = base + id as usize * sector_size;
        let end = start + sector_size;
        Ok(data.get(start.min(data.len())..end.min(data.len())).unwrap_or(&[]))
    };
    let words = |bytes: &[u8]| -> Vec<u32> {
        bytes.chunks_exact(4).map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]])).collect()
    };
    let mut difat = words(&data[76..512]);
    let mut id = difat_start;
    let mut steps = 0usize;
    while id < RESERVED_SECTORS {
        steps += 1;
        if steps > max_id + 1 {
            return Err(Refusal::Broken);
        }
        let s = sector(id)?;
        if s.len() % 4 != 0 {
            return Err(Refusal::Broken);
        }
        difat.extend(words(s));
        id = difat.pop().ok_or(Refusal::Broken)?;
    }
    let mut fats = Vec::new();
    for id in difat.into_iter().filter(|id| *id < DIFSECT) {
        let s = sector(id)?;
        if s.len() % 4 != 0 {
            return Err(Refusal::Broken);
        }
        fats.extend(words(s));
    }
    // A chain, at most `len` bytes, never more sectors than the file has.
    let chain = |mut id: u32,
                 len: usize,
                 size: usize,
                 get: &dyn Fn(u32) -> Result<Vec<u8>, Refusal>,
                 fats: &[u32]|
     -> Result<Vec<u8>, Refusal> {
        let mut out = Vec::new();
        let mut steps = 0usize;
        let limit = data.len() / size.max(1) + 2;
        while id != ENDOFCHAIN {
            steps += 1;
            if steps > limit {
                return Err(Refusal::Broken);
            }
            let s = get(id)?;
            let take = s.len().min(len - out.len());
            out.extend_from_slice(&s[..take]);
            if out.len() >= len {
                break;
            }
            id = *fats.get(id as usize).ok_or(Refusal::Broken)?;
        }
        // A chain shorter than its stream: calamine would fill it from whatever the file has
        // next, which this look did not see. Damaged; refused.
        if len != usize::MAX && out.len() < len {
            return Err(Refusal::Broken);
        }
        Ok(out)
    };
    let big = |id: u32| sector(id).map(<[u8]>::to_vec);
    let dirs = chain(dir_start, usize::MAX, sector_size, &big, &fats)?;
    let entries: Vec<(String, u32, u64)> = dirs
        .chunks_exact(128)
        .map(|d| {
            let units: Vec<u16> =
                d[..64].chunks_exact(2).map(|u| u16::from_le_bytes([u[0], u[1]])).collect();
            let name: String = char::decode_utf16(units)
                .map(|c| c.unwrap_or('\u{fffd}'))
                .take_while(|&c| c != '\0')
                .collect();
            let start = u32::from_le_bytes([d[116], d[117], d[118], d[119]]);
            let len = if sector_size == 512 {
                u64::from(u32::from_le_bytes([d[120], d[121], d[122], d[123]]))
            } else {
                u64::from_le_bytes([d[120], d[121], d[122], d[123], d[124], d[125], d[126], d[127]])
            };
            (name, start, len)
        })
        .collect();
    let Some(root) = entries.first() else { return Ok(None) };
    if version != 3 && root.1 == ENDOFCHAIN {
        return Ok(None);
    }
    let as_len = |len: u64| usize::try_from(len).unwrap_or(usize::MAX);
    let (mini_fats, mini_stream) = if mini_fat_len > 0 {
        let stream = chain(root.1, as_len(root.2), sector_size, &big, &fats)?;
        let fat = chain(
            mini_fat_start,
            mini_fat_len.saturating_mul(sector_size),
            sector_size,
            &big,
            &fats,
        )?;
        (words(&fat[..fat.len() / 4 * 4]), stream)
    } else {
        (Vec::new(), Vec::new())
    };
    let mini_max = (max_id * 8) as u64;
    let mini = |id: u32| -> Result<Vec<u8>, Refusal> {
        if u64::from(id) > mini_max {
            return Err(Refusal::Broken);
        }
        let start = id as usize * 64;
        // calamine reads past the mini stream from the file itself; those bytes are not the
        // stream's, and a stream made of them is at most the file's length.
        Ok(mini_stream
            .get(start.min(mini_stream.len())..(start + 64).min(mini_stream.len()))
            .unwrap_or(&[])
            .to_vec())
    };
    for name in ["Workbook", "Book"] {
        if let Some((_, start, len)) = entries.iter().find(|e| e.0.eq_ignore_ascii_case(name)) {
            let len = as_len(*len);
            let stream = if len < 4096 {
                chain(*start, len, 64, &mini, &mini_fats)?
            } else {
                chain(*start, len, sector_size, &big, &fats)?
            };
            return Ok(Some(stream));
        }
    }
    Ok(None)
}
