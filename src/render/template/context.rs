//! The context of a template (SPEC §11): the JSON report as minijinja values, made as they are
//! read. `Value::from(Serde(document))` copied every activity into a map of its own (about 790
//! bytes each, most of the memory of a report of 200k activities, SPEC §7); here the document
//! is recorded once as a compact tape of its serde calls (about 60 bytes an activity), and
//! its structs and lists are objects over that tape that make each value when asked for it.
//!
//! What a template sees is the same, by construction: a struct behaves as minijinja's own map
//! of a serialised struct (its keys in order, a skipped field missing), a list as its `Vec`,
//! and everything else is made by replaying the recorded calls into minijinja's serializer.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use minijinja::Value;
use minijinja::value::{Enumerator, Object, ObjectRepr, Serde};
use serde::ser::{self, Serialize, SerializeMap as _, SerializeStruct as _, SerializeTuple as _};

/// The template's view of a value of the model, built lazily over a recording of it.
pub fn lazy(value: &impl Serialize) -> Value {
    let mut recorder = Recorder { tape: Tape::default(), shapes: HashMap::new() };
    match value.serialize(&mut recorder) {
        Ok(()) => {
            recorder.tape.bytes.shrink_to_fit();
            make(&Arc::new(recorder.tape), 0)
        }
        // A tape beyond 4 GiB, or a value that fails to serialise: made as minijinja makes it.
        Err(_) => Value::from(Serde(value)),
    }
}

/// The recorded serde calls: one tag a value, then its payload; a list, a map and a struct
/// start with the length of their body (so that a reader can step over them) and their count
/// of items, or the struct's shape: the keys it serialised, in order.
#[derive(Debug, Default)]
struct Tape {
    bytes: Vec<u8>,
    shapes: Vec<Box<[&'static str]>>,
}

const NONE: u8 = 0;
const FALSE: u8 = 1;
const TRUE: u8 = 2;
const U64: u8 = 3;
const I64: u8 = 4;
const F64: u8 = 5;
const U128: u8 = 6;
const I128: u8 = 7;
const CHAR: u8 = 8;
const STR: u8 = 9;
const BYTES: u8 = 10;
const SEQ: u8 = 11;
const TUPLE: u8 = 12;
const MAP: u8 = 13;
const STRUCT: u8 = 14;

/// The value recorded at `at`: a struct or a list as an object over the tape, anything else
/// made whole.
fn make(tape: &Arc<Tape>, at: usize) -> Value {
    match tape.bytes[at] {
        STRUCT => Value::from_object(Struct { tape: tape.clone(), at }),
        SEQ => Value::from_object(Seq { tape: tape.clone(), at, items: OnceLock::new() }),
        _ => Value::from(Serde(Replay { tape, at })),
    }
}

impl Tape {
    /// An unsigned LEB128 number at `at`, and where the next thing starts.
    fn number(&self, mut at: usize) -> (u64, usize) {
        let (mut value, mut shift) = (0u64, 0);
        loop {
            let byte = self.bytes[at];
            at += 1;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return (value, at);
            }
            shift += 7;
        }
    }

    /// `n` raw bytes at `at`.
    fn raw<const N: usize>(&self, at: usize) -> [u8; N] {
        let mut out = [0; N];
        out.copy_from_slice(&self.bytes[at..at + N]);
        out
    }

    /// A container's head at `at` (its tag first): its count of items (a struct: its shape),
    /// where its items start and where it ends.
    fn head(&self, at: usize) -> (usize, usize, usize) {
        let (length, body) = self.number(at + 1);
        let (count, items) = self.number(body);
        (count as usize, items, body + length as usize)
    }

    /// The number of items of a container at `at`.
    fn count(&self, at: usize) -> usize {
        let count = self.head(at).0;
        if self.bytes[at] == STRUCT { self.shapes[count].len() } else { count }
    }

    /// Where the value at `at` ends.
    fn end(&self, at: usize) -> usize {
        match self.bytes[at] {
            U64 => self.number(at + 1).1,
            I64 | F64 => at + 9,
            U128 | I128 => at + 17,
            CHAR => at + 5,
            STR | BYTES => {
                let (length, start) = self.number(at + 1);
                start + length as usize
            }
            SEQ | TUPLE | MAP | STRUCT => self.head(at).2,
            _ => at + 1,
        }
    }

    /// The text of a string at `at`.
    fn text(&self, at: usize) -> &str {
        let (length, start) = self.number(at + 1);
        // Recorded from a `&str`.
        std::str::from_utf8(&self.bytes[start..start + length as usize]).unwrap_or_default()
    }

    /// The items of a container at `at`, where each starts.
    fn items(&self, at: usize) -> impl Iterator<Item = usize> + '_ {
        let (count, mut next) = (self.count(at), self.head(at).1);
        (0..count).map(move |_| {
            let item = next;
            next = self.end(item);
            item
        })
    }
}

/// A recorded struct: a map of its serialised fields, as minijinja's map of a struct.
#[derive(Debug)]
struct Struct {
    tape: Arc<Tape>,
    at: usize,
}

impl Struct {
    fn keys(&self) -> &[&'static str] {
        &self.tape.shapes[self.tape.head(self.at).0]
    }
}

impl Object for Struct {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.get_value_by_str(key.as_str()?)
    }

    fn get_value_by_str(self: &Arc<Self>, key: &str) -> Option<Value> {
        let mut fields = self.keys().iter().zip(self.tape.items(self.at));
        let (_, at) = fields.find(|(name, _)| **name == key)?;
        Some(make(&self.tape, at))
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Values(self.keys().iter().map(|key| Value::from(*key)).collect())
    }

    fn enumerator_len(self: &Arc<Self>) -> Option<usize> {
        Some(self.keys().len())
    }
}

/// A recorded list, as minijinja's `Vec` of values; where its items start is found the first
/// time one is asked for.
#[derive(Debug)]
struct Seq {
    tape: Arc<Tape>,
    at: usize,
    items: OnceLock<Vec<u32>>,
}

impl Object for Seq {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let items = self.items.get_or_init(|| {
            // The tape is shorter than 4 GiB (`Recorder::close`).
            self.tape.items(self.at).map(|at| at as u32).collect()
        });
        Some(make(&self.tape, *items.get(key.as_usize()?)? as usize))
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.tape.count(self.at))
    }
}

/// A recorded value replayed into a serializer: the calls it was recorded from, but for
/// those that serialise alike (an `Option` or a newtype as its content, a unit as none, an
/// enum's variant as a map of it).
struct Replay<'t> {
    tape: &'t Tape,
    at: usize,
}

impl Serialize for Replay<'_> {
    fn serialize<S: ser::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (tape, at) = (self.tape, self.at);
        let item = |at| Replay { tape, at };
        match tape.bytes[at] {
            FALSE => serializer.serialize_bool(false),
            TRUE => serializer.serialize_bool(true),
            U64 => serializer.serialize_u64(tape.number(at + 1).0),
            I64 => serializer.serialize_i64(i64::from_le_bytes(tape.raw(at + 1))),
            F64 => serializer.serialize_f64(f64::from_le_bytes(tape.raw(at + 1))),
            U128 => serializer.serialize_u128(u128::from_le_bytes(tape.raw(at + 1))),
            I128 => serializer.serialize_i128(i128::from_le_bytes(tape.raw(at + 1))),
            CHAR => {
                let code = u32::from_le_bytes(tape.raw(at + 1));
                serializer.serialize_char(char::from_u32(code).unwrap_or_default())
            }
            STR => serializer.serialize_str(tape.text(at)),
            BYTES => {
                let (length, start) = tape.number(at + 1);
                serializer.serialize_bytes(&tape.bytes[start..start + length as usize])
            }
            SEQ => serializer.collect_seq(tape.items(at).map(item)),
            TUPLE => {
                let mut tuple = serializer.serialize_tuple(tape.count(at))?;
                for at in tape.items(at) {
                    tuple.serialize_element(&item(at))?;
                }
                tuple.end()
            }
            MAP => {
                let mut map = serializer.serialize_map(Some(tape.count(at) / 2))?;
                let mut items = tape.items(at);
                while let (Some(key), Some(value)) = (items.next(), items.next()) {
                    map.serialize_entry(&item(key), &item(value))?;
                }
                map.end()
            }
            STRUCT => {
                let keys = &tape.shapes[tape.head(at).0];
                let mut fields = serializer.serialize_struct("", keys.len())?;
                for (key, at) in keys.iter().zip(tape.items(at)) {
                    fields.serialize_field(key, &item(at))?;
                }
                fields.end()
            }
            _ => serializer.serialize_none(),
        }
    }
}

/// Records a value's serde calls on a tape; the shapes of its structs are kept once each.
struct Recorder {
    tape: Tape,
    shapes: HashMap<Vec<&'static str>, usize>,
}

/// A tape beyond 4 GiB (whose places a list keeps as `u32`).
#[derive(Debug)]
struct TooLarge;

impl std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the template's context is larger than 4 GiB")
    }
}

impl std::error::Error for TooLarge {}

impl ser::Error for TooLarge {
    fn custom<T: std::fmt::Display>(_: T) -> TooLarge {
        TooLarge
    }
}

impl Recorder {
    fn number(&mut self, value: u64) {
        leb128(value, &mut self.tape.bytes);
    }

    fn tagged(&mut self, tag: u8, payload: &[u8]) {
        self.tape.bytes.push(tag);
        self.tape.bytes.extend_from_slice(payload);
    }

    fn text(&mut self, tag: u8, bytes: &[u8]) {
        self.tape.bytes.push(tag);
        self.number(bytes.len() as u64);
        self.tape.bytes.extend_from_slice(bytes);
    }

    /// Starts a container: its tag, then its body, whose head `close` writes before it.
    fn open(&mut self, tag: u8) -> Open {
        self.tape.bytes.push(tag);
        Open { start: self.tape.bytes.len(), count: 0, keys: Vec::new() }
    }

    /// Ends a container: writes its head (the length of its body and its count of items, or
    /// its shape) before its items, moving them in place.
    fn close(&mut self, open: Open, count: usize) -> Result<(), TooLarge> {
        let items = self.tape.bytes.len() - open.start;
        let mut count_bytes = Vec::new();
        leb128(count as u64, &mut count_bytes);
        leb128((count_bytes.len() + items) as u64, &mut self.tape.bytes);
        self.tape.bytes.extend_from_slice(&count_bytes);
        let head = self.tape.bytes.len() - open.start - items;
        self.tape.bytes[open.start..].rotate_right(head);
        if self.tape.bytes.len() > u32::MAX as usize {
            return Err(TooLarge);
        }
        Ok(())
    }
}

/// Appends an unsigned LEB128 number.
fn leb128(mut value: u64, out: &mut Vec<u8>) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// A container being recorded: where its body starts, its count of items (a map's keys and
/// values counted apart) and, for a struct, its keys.
struct Open {
    start: usize,
    count: usize,
    keys: Vec<&'static str>,
}

/// A container being recorded, with the recorder.
struct Container<'r> {
    recorder: &'r mut Recorder,
    open: Open,
    /// Made a map of one entry, the variant's name to this (an enum's tuple or struct
    /// variant, as minijinja and JSON see it).
    variant: Option<Open>,
}

impl<'r> Container<'r> {
    fn new(recorder: &'r mut Recorder, tag: u8) -> Container<'r> {
        let open = recorder.open(tag);
        Container { recorder, open, variant: None }
    }

    /// A variant's map of one entry holding the container.
    fn variant(recorder: &'r mut Recorder, variant: &str, tag: u8) -> Container<'r> {
        let outer = recorder.open(MAP);
        recorder.text(STR, variant.as_bytes());
        let open = recorder.open(tag);
        Container { recorder, open, variant: Some(outer) }
    }

    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TooLarge> {
        self.open.count += 1;
        value.serialize(&mut *self.recorder)
    }

    fn end(self) -> Result<(), TooLarge> {
        let Container { recorder, open, variant } = self;
        let count = if recorder.tape.bytes[open.start - 1] == STRUCT {
            let next = recorder.shapes.len();
            let shape = *recorder.shapes.entry(open.keys.clone()).or_insert(next);
            if shape == next {
                recorder.tape.shapes.push(open.keys.clone().into_boxed_slice());
            }
            shape
        } else {
            open.count
        };
        recorder.close(open, count)?;
        match variant {
            Some(outer) => recorder.close(outer, 2),
            None => Ok(()),
        }
    }
}

impl<'r> ser::Serializer for &'r mut Recorder {
    type Ok = ();
    type Error = TooLarge;
    type SerializeSeq = Container<'r>;
    type SerializeTuple = Container<'r>;
    type SerializeTupleStruct = Container<'r>;
    type SerializeTupleVariant = Container<'r>;
    type SerializeMap = Container<'r>;
    type SerializeStruct = Container<'r>;
    type SerializeStructVariant = Container<'r>;

    fn serialize_bool(self, v: bool) -> Result<(), TooLarge> {
        self.tape.bytes.push(if v { TRUE } else { FALSE });
        Ok(())
    }

    fn serialize_i8(self, v: i8) -> Result<(), TooLarge> {
        self.serialize_i64(v.into())
    }

    fn serialize_i16(self, v: i16) -> Result<(), TooLarge> {
        self.serialize_i64(v.into())
    }

    fn serialize_i32(self, v: i32) -> Result<(), TooLarge> {
        self.serialize_i64(v.into())
    }

    fn serialize_i64(self, v: i64) -> Result<(), TooLarge> {
        self.tagged(I64, &v.to_le_bytes());
        Ok(())
    }

    fn serialize_i128(self, v: i128) -> Result<(), TooLarge> {
        self.tagged(I128, &v.to_le_bytes());
        Ok(())
    }

    fn serialize_u8(self, v: u8) -> Result<(), TooLarge> {
        self.serialize_u64(v.into())
    }

    fn serialize_u16(self, v: u16) -> Result<(), TooLarge> {
        self.serialize_u64(v.into())
    }

    fn serialize_u32(self, v: u32) -> Result<(), TooLarge> {
        self.serialize_u64(v.into())
    }

    fn serialize_u64(self, v: u64) -> Result<(), TooLarge> {
        self.tape.bytes.push(U64);
        self.number(v);
        Ok(())
    }

    fn serialize_u128(self, v: u128) -> Result<(), TooLarge> {
        self.tagged(U128, &v.to_le_bytes());
        Ok(())
    }

    fn serialize_f32(self, v: f32) -> Result<(), TooLarge> {
        self.serialize_f64(v.into())
    }

    fn serialize_f64(self, v: f64) -> Result<(), TooLarge> {
        self.tagged(F64, &v.to_le_bytes());
        Ok(())
    }

    fn serialize_char(self, v: char) -> Result<(), TooLarge> {
        self.tagged(CHAR, &u32::from(v).to_le_bytes());
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result<(), TooLarge> {
        self.text(STR, v.as_bytes());
        Ok(())
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<(), TooLarge> {
        self.text(BYTES, v);
        Ok(())
    }

    fn serialize_none(self) -> Result<(), TooLarge> {
        self.tape.bytes.push(NONE);
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), TooLarge> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), TooLarge> {
        self.serialize_none()
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), TooLarge> {
        self.serialize_none()
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        v: &'static str,
    ) -> Result<(), TooLarge> {
        self.serialize_str(v)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), TooLarge> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), TooLarge> {
        let mut map = Container::new(self, MAP);
        map.serialize_entry(variant, value)?;
        ser::SerializeMap::end(map)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Container<'r>, TooLarge> {
        Ok(Container::new(self, SEQ))
    }

    fn serialize_tuple(self, _: usize) -> Result<Container<'r>, TooLarge> {
        Ok(Container::new(self, TUPLE))
    }

    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Container<'r>, TooLarge> {
        Ok(Container::new(self, SEQ))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Container<'r>, TooLarge> {
        Ok(Container::variant(self, variant, SEQ))
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Container<'r>, TooLarge> {
        Ok(Container::new(self, MAP))
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Container<'r>, TooLarge> {
        Ok(Container::new(self, STRUCT))
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Container<'r>, TooLarge> {
        Ok(Container::variant(self, variant, MAP))
    }
}

impl ser::SerializeSeq for Container<'_> {
    type Ok = ();
    type Error = TooLarge;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TooLarge> {
        self.item(value)
    }

    fn end(self) -> Result<(), TooLarge> {
        Container::end(self)
    }
}

impl ser::SerializeTuple for Container<'_> {
    type Ok = ();
    type Error = TooLarge;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TooLarge> {
        self.item(value)
    }

    fn end(self) -> Result<(), TooLarge> {
        Container::end(self)
    }
}

impl ser::SerializeTupleStruct for Container<'_> {
    type Ok = ();
    type Error = TooLarge;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TooLarge> {
        self.item(value)
    }

    fn end(self) -> Result<(), TooLarge> {
        Container::end(self)
    }
}

impl ser::SerializeTupleVariant for Container<'_> {
    type Ok = ();
    type Error = TooLarge;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TooLarge> {
        self.item(value)
    }

    fn end(self) -> Result<(), TooLarge> {
        Container::end(self)
    }
}

impl ser::SerializeMap for Container<'_> {
    type Ok = ();
    type Error = TooLarge;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), TooLarge> {
        self.item(key)
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TooLarge> {
        self.item(value)
    }

    fn end(self) -> Result<(), TooLarge> {
        Container::end(self)
    }
}

impl ser::SerializeStruct for Container<'_> {
    type Ok = ();
    type Error = TooLarge;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), TooLarge> {
        self.open.keys.push(key);
        self.item(value)
    }

    fn end(self) -> Result<(), TooLarge> {
        Container::end(self)
    }
}

impl ser::SerializeStructVariant for Container<'_> {
    type Ok = ();
    type Error = TooLarge;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), TooLarge> {
        self.item(key)?;
        self.item(value)
    }

    fn end(self) -> Result<(), TooLarge> {
        Container::end(self)
    }
}
