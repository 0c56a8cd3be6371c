//! `.ods` sheets, read from `content.xml` as a stream. calamine 0.38 builds a dense grid for an
//! ODS sheet and repeats cells as `table:number-columns-repeated` / `number-rows-repeated` say
//! (up to 100 million cells from a few bytes) and spaces as `text:s text:c` says; here an empty
//! cell or row repeated costs nothing, and what a repeat copies is charged to the budget.

use xml::Reader;
use xml::events::{BytesStart, Event};

use super::{Budget, Cell, Row, Sheet, SheetError, Value, iso_day};

fn bad(e: impl std::fmt::Display) -> SheetError {
    let e = crate::text::escaped(&e.to_string()).into_owned();
    SheetError::new(
        format!("无法读取表格文件（{e}）"),
        format!("the spreadsheet cannot be read ({e})"),
    )
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    let mut attrs = e.attributes();
    attrs.with_checks(false);
    for a in attrs.flatten() {
        if a.key.as_ref() == name {
            let raw = a.value.to_string();
            return Some(match xml::escape::unescape(&raw) {
                Ok(text) => text.into_owned(),
                Err(_) => raw,
            });
        }
    }
    None
}

fn repeats(e: &BytesStart, name: &str) -> u64 {
    attr(e, name).and_then(|v| v.trim().parse::<u64>().ok()).unwrap_or(1).max(1)
}

/// The sheets of an ODS `content.xml`.
pub fn read(content: &[u8], budget: &mut Budget) -> Result<Vec<Sheet>, SheetError> {
    let mut reader = Reader::from_reader(content);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.expand_empty_elements = false;
    let mut sheets = Vec::new();
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf).map_err(bad)? {
            Event::Start(e) if e.name().as_ref() == "table:table" => {
                let name = attr(&e, "table:name").unwrap_or_default();
                let rows = read_table(&mut reader, budget)?;
                sheets.push(Sheet { name: Some(name), rows });
            }
            Event::Empty(e) if e.name().as_ref() == "table:table" => {
                let name = attr(&e, "table:name").unwrap_or_default();
                sheets.push(Sheet { name: Some(name), rows: Vec::new() });
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(sheets)
}

fn read_table(reader: &mut Reader<&[u8]>, budget: &mut Budget) -> Result<Vec<Row>, SheetError> {
    let mut rows: Vec<Row> = Vec::new();
    let mut row = 0u64; // 0-based index of the next row
    let mut buf = Vec::new();
    let mut depth = 0usize; // tables inside this one (in cells) are read as text only
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf).map_err(bad)? {
            Event::Start(e) if e.name().as_ref() == "table:table-row" => {
                let times = repeats(&e, "table:number-rows-repeated");
                let cells = read_row(reader, budget)?;
                if !cells.is_empty() {
                    let cost: u64 = cells.iter().map(Budget::cost).sum::<u64>()
                        + std::mem::size_of::<Row>() as u64;
                    let copies = times.min(u64::from(u32::MAX));
                    budget.take(cost.saturating_mul(copies.saturating_sub(1)))?;
                    for k in 0..copies {
                        let number = row.saturating_add(k).saturating_add(1);
                        let number = u32::try_from(number).unwrap_or(u32::MAX);
                        if rows.last().is_some_and(|r| r.number == number) {
                            break;
                        }
                        rows.push(Row { number, cells: cells.clone() });
                    }
                }
                row = row.saturating_add(times);
            }
            Event::Empty(e) if e.name().as_ref() == "table:table-row" => {
                row = row.saturating_add(repeats(&e, "table:number-rows-repeated"));
            }
            Event::Start(e) if e.name().as_ref() == "table:table" => depth += 1,
            Event::End(e) if e.name().as_ref() == "table:table" => {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            }
            Event::Eof => return Err(bad("content.xml ends inside a table")),
            _ => {}
        }
    }
    Ok(rows)
}

fn is_cell(name: &str) -> bool {
    name == "table:table-cell" || name == "table:covered-table-cell"
}

fn read_row(reader: &mut Reader<&[u8]>, budget: &mut Budget) -> Result<Vec<Cell>, SheetError> {
    let mut cells = Vec::new();
    let mut column = 0u64;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf).map_err(bad)? {
            Event::Start(e) if is_cell(e.name().as_ref()) => {
                let times = repeats(&e, "table:number-columns-repeated");
                let typed = typed_value(&e);
                let text = read_text(reader, budget)?;
                push(&mut cells, column, times, cell_value(typed, text), budget)?;
                column = column.saturating_add(times);
            }
            Event::Empty(e) if is_cell(e.name().as_ref()) => {
                let times = repeats(&e, "table:number-columns-repeated");
                push(&mut cells, column, times, cell_value(typed_value(&e), None), budget)?;
                column = column.saturating_add(times);
            }
            Event::End(e) if e.name().as_ref() == "table:table-row" => break,
            Event::Eof => return Err(bad("content.xml ends inside a row")),
            _ => {}
        }
    }
    Ok(cells)
}

fn push(
    cells: &mut Vec<Cell>,
    column: u64,
    times: u64,
    value: Option<Value>,
    budget: &mut Budget,
) -> Result<(), SheetError> {
    let Some(value) = value else { return Ok(()) };
    // Columns past the last a sheet can have (u32) are dropped.
    let end = column.saturating_add(times).min(u64::from(u32::MAX));
    for c in column..end {
        let cell = Cell { column: c as u32, value: value.clone() };
        budget.take(Budget::cost(&cell))?;
        cells.push(cell);
    }
    Ok(())
}

/// The value a cell's attributes give (`office:value-type` and its value), if any.
fn typed_value(e: &BytesStart) -> Option<Value> {
    let kind = attr(e, "office:value-type")?;
    match kind.as_str() {
        "float" | "percentage" | "currency" => {
            let v: f64 = attr(e, "office:value")?.trim().parse().ok()?;
            Some(Value::Float(v))
        }
        "date" => {
            let text = attr(e, "office:date-value")?;
            Some(match iso_day(&text) {
                Some((year, month, day)) => Value::Day { year, month, day },
                None => Value::Text(text),
            })
        }
        "time" => attr(e, "office:time-value").map(Value::Text),
        "boolean" => {
            let v = attr(e, "office:boolean-value")?;
            Some(Value::Bool(v == "true" || v == "TRUE"))
        }
        "string" => attr(e, "office:string-value").map(Value::Text),
        _ => None,
    }
}

fn cell_value(typed: Option<Value>, text: Option<String>) -> Option<Value> {
    match (typed, text) {
        (Some(Value::Text(t)), _) if t.trim().is_empty() => None,
        (Some(v), _) => Some(v),
        (None, Some(t)) if !t.trim().is_empty() => Some(Value::Text(t)),
        _ => None,
    }
}

/// The text of a cell (its paragraphs, one a line), up to the end of the cell. Annotations
/// (comments) are left out.
fn read_text(
    reader: &mut Reader<&[u8]>,
    budget: &mut Budget,
) -> Result<Option<String>, SheetError> {
    let mut text = String::new();
    let mut paragraphs = 0usize;
    let mut depth = 0usize;
    let mut note = 0usize;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let event = reader.read_event_into(&mut buf).map_err(bad)?;
        match &event {
            Event::Start(e) if is_cell(e.name().as_ref()) => depth += 1,
            Event::End(e) if is_cell(e.name().as_ref()) => {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            }
            Event::Start(e) if e.name().as_ref() == "office:annotation" => note += 1,
            Event::End(e) if e.name().as_ref() == "office:annotation" => {
                note = note.saturating_sub(1)
            }
            Event::Eof => return Err(bad("content.xml ends inside a cell")),
            _ if note > 0 => {}
            Event::Start(e) if e.name().as_ref() == "text:p" => {
                if paragraphs > 0 {
                    text.push('\n');
                }
                paragraphs += 1;
            }
            Event::Empty(e) | Event::Start(e) if e.name().as_ref() == "text:s" => {
                let n = repeats(e, "text:c");
                // Spaces cost their bytes: a count beyond the budget is an error.
                budget.take(n)?;
                text.extend(std::iter::repeat_n(' ', n as usize));
            }
            Event::Empty(e) | Event::Start(e) if e.name().as_ref() == "text:tab" => text.push('\t'),
            Event::Empty(e) | Event::Start(e) if e.name().as_ref() == "text:line-break" => {
                text.push('\n')
            }
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::CData(t) => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let name: &str = r.as_ref();
                match xml::escape::unescape(&format!("&{name};")) {
                    Ok(s) => text.push_str(&s),
                    Err(_) => {
                        if let Ok(Some(c)) = r.resolve_char_ref() {
                            text.push(c);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    Ok((paragraphs > 0 || !text.is_empty()).then_some(text))
}
