//! The charts' cached values, written into the finished workbook. rust_xlsxwriter reads a
//! chart's cached values (what readers that never calculate show) from the cells its sheet
//! still holds when the workbook is saved, and has no way to give them apart; a low-memory
//! sheet holds only its last row by then. So the sheets with a chart are low-memory too, their
//! charts' values are kept as they are written, and the chart parts of the finished zip are
//! written again with them — as the library writes them from a standard sheet's cells, to the
//! byte.

use std::io::{Cursor, Read, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

/// A cell of a chart's range as the library caches it.
#[derive(Clone, Debug, PartialEq)]
pub enum Cached {
    Text(String),
    Number(f64),
    /// A day: its number, cached as a date.
    Date(f64),
    /// Nothing there, or a formula (its cached result is not read).
    Blank,
}

/// The cached values of a chart of one series: its categories and its values, each a range of
/// one row or one column.
#[derive(Clone, Debug, Default)]
pub struct ChartCache {
    pub categories: Vec<Cached>,
    pub values: Vec<Cached>,
}

/// The workbook with the `n`th chart's part (`xl/charts/chart{n}.xml`, from 1) carrying the
/// values of `caches[n - 1]` where it is given. The other entries are copied as they are
/// compressed.
pub fn with_caches(zip: &[u8], caches: &[Option<ChartCache>]) -> zip::result::ZipResult<Vec<u8>> {
    let mut archive = ZipArchive::new(Cursor::new(zip))?;
    let mut out = Vec::with_capacity(zip.len());
    let mut writer = ZipWriter::new_stream(&mut out);
    // The library's packager's options.
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(None)
        .unix_permissions(0o600)
        .last_modified_time(DateTime::default())
        .large_file(false);
    for i in 0..archive.len() {
        let name = archive.by_index_raw(i)?.name()?.to_string();
        let cache = name
            .strip_prefix("xl/charts/chart")
            .and_then(|rest| rest.strip_suffix(".xml"))
            .and_then(|n| n.parse::<usize>().ok())
            .and_then(|n| caches.get(n.checked_sub(1)?)?.as_ref());
        match cache {
            Some(cache) => {
                let mut xml = String::new();
                archive.by_index(i)?.read_to_string(&mut xml)?;
                let xml = cached(&xml, cache);
                writer.start_file(name, options)?;
                // In one write, as the library writes a part (the deflate stream depends on it).
                writer.write_all(xml.as_bytes())?;
            }
            None => writer.raw_copy_file(archive.by_index_raw(i)?)?,
        }
    }
    writer.finish()?;
    no_crc_before_data(&mut out);
    Ok(out)
}

/// Sets to 0 the CRC in the local header of every entry whose sizes and CRC follow its data
/// (as the library's streamed entries have it; a copied entry gets its CRC there too).
fn no_crc_before_data(zip: &mut [u8]) {
    const END: &[u8] = b"PK\x05\x06";
    const ENTRY: &[u8] = b"PK\x01\x02";
    const LOCAL: &[u8] = b"PK\x03\x04";
    let u16_at = |b: &[u8], i: usize| usize::from(u16::from_le_bytes([b[i], b[i + 1]]));
    let u32_at = |b: &[u8], i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
    let Some(end) = zip.windows(4).rposition(|w| w == END) else { return };
    if end + 20 > zip.len() {
        return;
    }
    let mut at = u32_at(zip, end + 16) as usize;
    while at + 46 <= end && &zip[at..at + 4] == ENTRY {
        let local = u32_at(zip, at + 42) as usize;
        if local + 18 <= zip.len()
            && &zip[local..local + 4] == LOCAL
            && u16_at(zip, local + 6) & 8 != 0
        {
            zip[local + 14..local + 18].fill(0);
        }
        at += 46 + u16_at(zip, at + 28) + u16_at(zip, at + 30) + u16_at(zip, at + 32);
    }
}

/// A chart's XML with the series' categories and values cached.
fn cached(xml: &str, cache: &ChartCache) -> String {
    let xml = replace_ref(xml, "c:cat", &cache.categories, false);
    replace_ref(&xml, "c:val", &cache.values, true)
}

/// The first `<tag>` element's reference written again, with its formula and these values.
fn replace_ref(xml: &str, tag: &str, values: &[Cached], numbers_only: bool) -> String {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    let Some(start) = xml.find(&open).map(|i| i + open.len()) else { return xml.to_string() };
    let Some(end) = xml[start..].find(&close).map(|i| start + i) else { return xml.to_string() };
    let element = &xml[start..end];
    let Some(formula) = element.split_once("<c:f>").and_then(|(_, f)| f.split_once("</c:f>"))
    else {
        return xml.to_string();
    };
    let mut out = String::with_capacity(xml.len() + values.len() * 32);
    out.push_str(&xml[..start]);
    reference(&mut out, formula.0, values, numbers_only);
    out.push_str(&xml[end..]);
    out
}

/// The library's kinds of cache: text, numbers, dates or none, from what a range holds.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    None,
    Text,
    Number,
    Date,
}

/// A `<c:strRef>` or `<c:numRef>` with its cache, as rust_xlsxwriter 0.102 writes it from a
/// sheet's cells (`Worksheet::get_cache_data`, `ChartXml::write_cache_ref`): any text makes
/// a range text, unless it holds values, which are numbers (text counting as 0).
fn reference(out: &mut String, formula: &str, values: &[Cached], numbers_only: bool) {
    let mut kind = Kind::None;
    for value in values {
        kind = match (value, kind) {
            (Cached::Text(_), _) => Kind::Text,
            (Cached::Number(_), k) if k != Kind::Text => Kind::Number,
            (Cached::Date(_), k) if k != Kind::Text => Kind::Date,
            (_, k) => k,
        };
    }
    let data: Vec<String> = values
        .iter()
        .map(|value| match value {
            Cached::Text(text) => text.clone(),
            Cached::Number(n) | Cached::Date(n) => n.to_string(),
            Cached::Blank => String::new(),
        })
        .collect();
    let pt = |out: &mut String, i: usize, v: &str| {
        out.push_str(&format!("<c:pt idx=\"{i}\"><c:v>{}</c:v></c:pt>", escape(v)));
    };
    let count = format!("<c:ptCount val=\"{}\"/>", data.len());
    if kind == Kind::Text && !numbers_only {
        out.push_str(&format!("<c:strRef><c:f>{formula}</c:f>"));
        if !data.is_empty() {
            out.push_str("<c:strCache>");
            out.push_str(&count);
            for (i, v) in data.iter().enumerate() {
                pt(out, i, v);
            }
            out.push_str("</c:strCache>");
        }
        out.push_str("</c:strRef>");
        return;
    }
    out.push_str(&format!("<c:numRef><c:f>{formula}</c:f>"));
    if !data.is_empty() {
        let code = if kind == Kind::Date { "dd/mm/yyyy" } else { "General" };
        out.push_str(&format!("<c:numCache><c:formatCode>{code}</c:formatCode>"));
        out.push_str(&count);
        for (i, v) in data.iter().enumerate().filter(|(_, v)| !v.is_empty()) {
            pt(out, i, if v.parse::<f64>().is_ok() { v } else { "0" });
        }
        out.push_str("</c:numCache>");
    }
    out.push_str("</c:numRef>");
}

/// Text escaped as the library escapes an element's data: `&`, `<`, `>`, and the control
/// characters other than tab and newline as `_xHHHH_`.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\t' | '\n' => out.push(c),
            '\x00'..='\x1f' | '\u{fffe}' | '\u{ffff}' => {
                out.push_str(&format!("_x{:04X}_", u32::from(c)));
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{Cached, reference};

    #[test]
    fn text_categories_and_numeric_values_as_the_library_writes_them() {
        let mut out = String::new();
        let names = [Cached::Text("a&b".into()), Cached::Blank];
        reference(&mut out, "S!$A$3:$A$4", &names, false);
        assert_eq!(
            out,
            "<c:strRef><c:f>S!$A$3:$A$4</c:f><c:strCache><c:ptCount val=\"2\"/><c:pt idx=\"0\">\
             <c:v>a&amp;b</c:v></c:pt><c:pt idx=\"1\"><c:v></c:v></c:pt></c:strCache></c:strRef>"
        );
        out.clear();
        reference(&mut out, "S!$B$3:$B$5", &[Cached::Number(1.5), Cached::Blank], true);
        assert_eq!(
            out,
            "<c:numRef><c:f>S!$B$3:$B$5</c:f><c:numCache><c:formatCode>General</c:formatCode>\
             <c:ptCount val=\"2\"/><c:pt idx=\"0\"><c:v>1.5</c:v></c:pt></c:numCache></c:numRef>"
        );
    }
}
