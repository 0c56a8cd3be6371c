//! A TOML document as `parse` reads it: tables as lists of keys and values, each with its span.
//!
//! Two ways lead here, with the same result:
//!
//! - the quick way builds the tables straight from the events of `toml_parser` (the parser
//!   under the `toml` crate), for the plain documents jiebie's files are: top-level keys,
//!   `[table]` and `[[array]]` headers of one key each, `key = value` lines, arrays;
//! - any other document — dotted keys, inline tables, and every broken one — goes through
//!   `toml::de::DeTable`, which knows all of TOML and explains every syntax error.
//!
//! The quick way gives up at the first thing it does not handle and leaves the document to the
//! full parse; it never accepts a document the full parse rejects. A property test and the
//! fuzz target check that both ways agree.

use std::borrow::Cow;

use toml::Spanned;
use toml::de::{DeTable, DeValue};
use toml_parser::decoder::{Encoding, ScalarKind};
use toml_parser::parser::{EventReceiver, RecursionGuard, ValidateWhitespace};
use toml_parser::{ErrorSink, ParseError, Source};

use crate::diagnostic::source::Span;
use crate::read::schema::Sp;

/// A table: its keys in document order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table<'i> {
    pub entries: Vec<(Sp<Cow<'i, str>>, Item<'i>)>,
}

/// A value and its span: a scalar's own text, an array from `[` to `]`, a table's header.
#[derive(Clone, Debug, PartialEq)]
pub struct Item<'i> {
    pub value: Value<'i>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value<'i> {
    String(Cow<'i, str>),
    /// The digits as written (underscores removed) and the radix.
    Integer(Cow<'i, str>, u32),
    Float(Cow<'i, str>),
    Boolean(bool),
    Datetime(toml::value::Datetime),
    Array(Vec<Item<'i>>),
    Table(Table<'i>),
}

impl<'i> Table<'i> {
    pub fn get(&self, key: &str) -> Option<&Item<'i>> {
        self.entries.iter().find(|(k, _)| k.value == key).map(|(_, item)| item)
    }
}

impl Value<'_> {
    /// The name of the type, as TOML calls it.
    pub fn type_str(&self) -> &'static str {
        match self {
            Value::String(_) => "string",
            Value::Integer(..) => "integer",
            Value::Float(_) => "float",
            Value::Boolean(_) => "boolean",
            Value::Datetime(_) => "datetime",
            Value::Array(_) => "array",
            Value::Table(_) => "table",
        }
    }
}

/// Parses a document: the quick way when it can, else the full parse. Err holds the syntax
/// errors of a broken document, as `toml` reports them.
pub fn parse(text: &str) -> Result<Table<'_>, Vec<toml::de::Error>> {
    parse_taking(text, None).map(|(table, _)| table)
}

/// The tables of one `[[key]]` array, handed to `take` with their headers one by one as the
/// quick way completes each, and left out of the tree (the key's array stays in it, empty): a
/// file's activities are read as they come, and the tables of all of them (four times the
/// text) never exist at once.
pub type Take<'i, 't> = Option<(&'t str, &'t mut dyn FnMut(Table<'i>, Span))>;

/// `parse`, handing the tables of `take`'s key to it on the quick way. The flag says whether
/// they were taken: when false (the full parse read the document) they are all in the tree,
/// and whatever `take` was given before the quick way gave up is to be forgotten.
pub fn parse_taking<'i>(
    text: &'i str,
    take: Take<'i, '_>,
) -> Result<(Table<'i>, bool), Vec<toml::de::Error>> {
    // Either parse of a file of NUL bytes takes about ten times its size (a token for every
    // few bytes of a file that has no line to cut it at): its errors are those of the text up
    // to the end of its first NUL line, NUL being forbidden everywhere in TOML.
    if let Some(prefix) = binary_prefix(text)
        && let Err(mut errors) = full(prefix)
    {
        // The prefix's end is no error of the file.
        errors.retain(|e| e.span().is_none_or(|s| s.start < prefix.len()));
        if !errors.is_empty() {
            return Err(errors);
        }
    }
    match quick_taking(text, PIECE, take) {
        Some(table) => Ok((table, true)),
        None => full(text).map(|table| (table, false)),
    }
}

/// How many NUL bytes make a file binary rather than text with stray NULs (and more than half
/// its bytes must be NUL: a damaged text file still has each of its errors reported).
const BINARY_NULS: usize = 4096;

/// The text up to the end of the first line with a NUL byte (at most 4 KiB past the NUL), for
/// a file that is mostly NUL bytes; None for any other.
fn binary_prefix(text: &str) -> Option<&str> {
    let nuls = text.bytes().filter(|&b| b == 0).count();
    if nuls < BINARY_NULS || nuls <= text.len() / 2 {
        return None;
    }
    let first = text.find('\0')?;
    let line_end = text[first..].find('\n').map_or(text.len(), |i| first + i);
    let mut end = line_end.min(first + 4096);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    Some(&text[..end.max(first + 1)])
}

/// The full parse, through `toml::de::DeTable`.
pub fn full(text: &str) -> Result<Table<'_>, Vec<toml::de::Error>> {
    let (table, errors) = DeTable::parse_recoverable(text);
    if errors.is_empty() { Ok(from_de_table(table.into_inner())) } else { Err(errors) }
}

/// `DeTable` keeps its keys sorted; their spans give back the document's order.
fn from_de_table<'i>(table: DeTable<'i>) -> Table<'i> {
    let mut entries: Vec<_> = table
        .into_iter()
        .map(|(key, value)| {
            let span = key.span();
            (Sp::new(key.into_inner(), span), from_de_value(value))
        })
        .collect();
    entries.sort_by_key(|(key, _)| key.span.start);
    Table { entries }
}

fn from_de_value<'i>(value: Spanned<DeValue<'i>>) -> Item<'i> {
    let span = value.span();
    let value = match value.into_inner() {
        DeValue::String(s) => Value::String(s),
        DeValue::Integer(i) => Value::Integer(Cow::Owned(i.as_str().to_string()), i.radix()),
        DeValue::Float(f) => Value::Float(Cow::Owned(f.as_str().to_string())),
        DeValue::Boolean(b) => Value::Boolean(b),
        DeValue::Datetime(d) => Value::Datetime(d),
        DeValue::Array(items) => Value::Array(items.into_iter().map(from_de_value).collect()),
        DeValue::Table(table) => Value::Table(from_de_table(table)),
    };
    Item { value, span }
}

/// The nesting limit of the full parse (`toml`'s own).
const DEPTH_LIMIT: u32 = 80;

/// The most keys a table may have on the quick way, which looks for a key given twice by
/// scanning the table: jiebie's tables have at most 17 keys, and a table of thousands (a
/// generated or damaged file) goes to the full parse, whose tables are search trees.
const QUICK_KEYS: usize = 64;

/// The quick way lexes and parses a document a piece of about this many bytes at a time, each
/// piece ending before a line that starts with `[`: the tokens of a whole file (24 bytes each,
/// about four times the text) never exist at once. The tokens of a piece of 1 MiB took 14 MB
/// at their peak (their vector grown by doubling), a sixth of `validate`'s peak heap on a file
/// of 210,000 short activities; a quarter of that is as fast.
const PIECE: usize = 1 << 18;

/// The quick way: None when the document needs the full parse.
pub fn quick(text: &str) -> Option<Table<'_>> {
    quick_in_pieces(text, PIECE)
}

/// The quick way, lexing and parsing pieces of at least `piece` bytes (public for the tests,
/// which cut documents into the smallest pieces). A piece ends where the next line starts
/// with `[`; one that ends inside a construct (a multi-line string or array whose line
/// starts with `[`) is an error or leaves something open, and the document goes to the full
/// parse.
pub fn quick_in_pieces(text: &str, piece: usize) -> Option<Table<'_>> {
    quick_taking(text, piece, None)
}

/// `quick_in_pieces`, handing the tables of `take`'s key to it.
fn quick_taking<'i>(text: &'i str, piece: usize, take: Take<'i, '_>) -> Option<Table<'i>> {
    let mut builder = Builder::new(Source::new(text), take);
    let mut start = 0;
    while start < text.len() {
        let end = piece_end(text, start, piece.max(1));
        let source = Source::new(&text[start..end]);
        let tokens = source.lex().into_vec();
        builder.source = source;
        builder.offset = start;
        let mut failed: Option<ParseError> = None;
        {
            let mut whitespace = ValidateWhitespace::new(&mut builder, source);
            let mut guard = RecursionGuard::new(&mut whitespace, DEPTH_LIMIT);
            toml_parser::parser::parse_document(&tokens, &mut guard, &mut failed);
        }
        if failed.is_some() || builder.gave_up || builder.is_inside() {
            return None;
        }
        start = end;
    }
    builder.finish()
}

/// Where the piece that starts at `start` ends: at the first line starting with `[` at least
/// `piece` bytes on, else at the end of the text.
fn piece_end(text: &str, start: usize, piece: usize) -> usize {
    let from = start + piece;
    if from >= text.len() {
        return text.len();
    }
    let bytes = text.as_bytes();
    // `\n` and `[` are ASCII: the position after the `\n` is a character boundary.
    bytes[from - 1..].windows(2).position(|w| w == b"\n[").map_or(text.len(), |i| from + i)
}

/// A `[table]` or `[[array]]` header.
struct Header<'i> {
    key: Option<Sp<Cow<'i, str>>>,
    span: Span,
    is_array: bool,
}

/// Builds the tables from the parser's events; gives up on anything beyond plain documents.
struct Builder<'i, 't> {
    /// The piece of the text being parsed, which starts `offset` bytes into the text: the
    /// parser's spans are in the piece, the tables' in the text.
    source: Source<'i>,
    offset: usize,
    gave_up: bool,
    root: Table<'i>,
    /// The header being read (between `[` and `]`).
    opening: Option<Header<'i>>,
    /// The header of the table being filled, and the table; no header: the root.
    header: Option<Header<'i>>,
    table: Table<'i>,
    /// The names of the `[[array]]` tables at the root.
    arrays: Vec<Cow<'i, str>>,
    /// The key waiting for its value.
    key: Option<Sp<Cow<'i, str>>>,
    /// The arrays open, innermost last, each with the start of its `[`.
    open: Vec<(Vec<Item<'i>>, usize)>,
    take: Take<'i, 't>,
}

impl<'i, 't> Builder<'i, 't> {
    fn new(source: Source<'i>, take: Take<'i, 't>) -> Self {
        Builder {
            source,
            offset: 0,
            gave_up: false,
            root: Table::default(),
            opening: None,
            header: None,
            table: Table::default(),
            arrays: Vec::new(),
            key: None,
            open: Vec::new(),
            take,
        }
    }

    fn give_up(&mut self) {
        self.gave_up = true;
    }

    /// Decodes the text of a key or scalar, given its encoding (how it is quoted), with
    /// `decode`; gives up on any error.
    fn decode<T>(
        &mut self,
        span: toml_parser::Span,
        encoding: Option<Encoding>,
        decode: impl FnOnce(&toml_parser::Raw<'i>, &mut Cow<'i, str>, &mut dyn ErrorSink) -> T,
    ) -> Option<(T, Cow<'i, str>)> {
        let Some(text) = self.source.input().get(span.start()..span.end()) else {
            self.give_up();
            return None;
        };
        let raw = toml_parser::Raw::new_unchecked(text, encoding, span);
        let mut decoded = Cow::Borrowed("");
        let mut error: Option<ParseError> = None;
        let result = decode(&raw, &mut decoded, &mut error);
        if error.is_some() {
            self.give_up();
            return None;
        }
        Some((result, decoded))
    }

    /// Puts the table being filled where its header says.
    fn close_table(&mut self) {
        let Some(header) = self.header.take() else { return };
        let table = std::mem::take(&mut self.table);
        let Some(key) = header.key else { return self.give_up() };
        if header.is_array {
            let taken = self.take.as_ref().is_some_and(|(taken, _)| *taken == key.value);
            let at = match self.root.entries.iter().position(|(k, _)| k.value == key.value) {
                Some(at) => at,
                None => {
                    let array = Item { value: Value::Array(Vec::new()), span: header.span.clone() };
                    self.root.entries.push((key, array));
                    self.root.entries.len() - 1
                }
            };
            let Value::Array(items) = &mut self.root.entries[at].1.value else {
                return self.give_up();
            };
            match &mut self.take {
                Some((_, take)) if taken => take(table, header.span),
                _ => items.push(Item { value: Value::Table(table), span: header.span }),
            }
        } else {
            let item = Item { value: Value::Table(table), span: header.span };
            self.root.entries.push((key, item));
        }
    }

    /// A header is read: checks it names a new table, or the same `[[array]]` again.
    fn open_table(&mut self, header: Header<'i>) {
        let Some(key) = &header.key else { return self.give_up() };
        if self.root.entries.len() >= QUICK_KEYS {
            return self.give_up();
        }
        let taken = self.root.get(&key.value).is_some();
        let array = self.arrays.contains(&key.value);
        if header.is_array {
            if taken && !array {
                return self.give_up();
            }
            if !array {
                self.arrays.push(key.value.clone());
            }
        } else if taken {
            return self.give_up();
        }
        self.header = Some(header);
    }

    /// A value is complete: into the array open, else into the table under the key waiting.
    fn value(&mut self, item: Item<'i>) {
        if let Some((items, _)) = self.open.last_mut() {
            items.push(item);
            return;
        }
        let Some(key) = self.key.take() else { return self.give_up() };
        let table = if self.header.is_some() { &mut self.table } else { &mut self.root };
        if table.entries.len() >= QUICK_KEYS || table.get(&key.value).is_some() {
            return self.give_up();
        }
        table.entries.push((key, item));
    }

    /// Whether a header, a key or an array is still open.
    fn is_inside(&self) -> bool {
        self.opening.is_some() || self.key.is_some() || !self.open.is_empty()
    }

    /// A span of the parser's, in the text.
    fn span(&self, at: toml_parser::Span) -> Span {
        self.offset + at.start()..self.offset + at.end()
    }

    fn finish(mut self) -> Option<Table<'i>> {
        if self.is_inside() {
            return None;
        }
        self.close_table();
        (!self.gave_up).then_some(self.root)
    }
}

impl<'i> EventReceiver for Builder<'i, '_> {
    fn std_table_open(&mut self, at: toml_parser::Span, _: &mut dyn ErrorSink) {
        self.table_open(at, false);
    }

    fn std_table_close(&mut self, at: toml_parser::Span, _: &mut dyn ErrorSink) {
        self.table_close(at);
    }

    fn array_table_open(&mut self, at: toml_parser::Span, _: &mut dyn ErrorSink) {
        self.table_open(at, true);
    }

    fn array_table_close(&mut self, at: toml_parser::Span, _: &mut dyn ErrorSink) {
        self.table_close(at);
    }

    fn inline_table_open(&mut self, _: toml_parser::Span, _: &mut dyn ErrorSink) -> bool {
        self.give_up();
        true
    }

    fn array_open(&mut self, at: toml_parser::Span, _: &mut dyn ErrorSink) -> bool {
        self.open.push((Vec::new(), self.offset + at.start()));
        true
    }

    fn array_close(&mut self, at: toml_parser::Span, _: &mut dyn ErrorSink) {
        let Some((items, start)) = self.open.pop() else { return self.give_up() };
        self.value(Item { value: Value::Array(items), span: start..self.offset + at.end() });
    }

    fn simple_key(
        &mut self,
        at: toml_parser::Span,
        encoding: Option<Encoding>,
        _: &mut dyn ErrorSink,
    ) {
        let Some(((), decoded)) = self.decode(at, encoding, |raw, out, error| {
            raw.decode_key(out, error);
        }) else {
            return;
        };
        let key = Sp::new(decoded, self.span(at));
        let slot = match &mut self.opening {
            Some(header) => &mut header.key,
            None => &mut self.key,
        };
        if slot.is_some() {
            return self.give_up();
        }
        *slot = Some(key);
    }

    fn key_sep(&mut self, _: toml_parser::Span, _: &mut dyn ErrorSink) {
        // A dotted key: the full parse knows how tables are made implicitly.
        self.give_up();
    }

    fn scalar(&mut self, at: toml_parser::Span, encoding: Option<Encoding>, _: &mut dyn ErrorSink) {
        let Some((kind, decoded)) =
            self.decode(at, encoding, |raw, out, error| raw.decode_scalar(out, error))
        else {
            return;
        };
        let value = match kind {
            ScalarKind::String => Value::String(decoded),
            ScalarKind::Boolean(b) => Value::Boolean(b),
            ScalarKind::DateTime => match decoded.parse::<toml::value::Datetime>() {
                Ok(datetime) => Value::Datetime(datetime),
                Err(_) => return self.give_up(),
            },
            ScalarKind::Float => Value::Float(decoded),
            ScalarKind::Integer(radix) => Value::Integer(decoded, radix.value()),
        };
        self.value(Item { value, span: self.span(at) });
    }

    fn error(&mut self, _: toml_parser::Span, _: &mut dyn ErrorSink) {
        self.give_up();
    }
}

impl Builder<'_, '_> {
    fn table_open(&mut self, at: toml_parser::Span, is_array: bool) {
        if self.opening.is_some() || self.key.is_some() || !self.open.is_empty() {
            return self.give_up();
        }
        self.close_table();
        self.opening = Some(Header { key: None, span: self.span(at), is_array });
    }

    fn table_close(&mut self, at: toml_parser::Span) {
        let Some(mut header) = self.opening.take() else { return self.give_up() };
        header.span = header.span.start..self.offset + at.end();
        self.open_table(header);
    }
}
