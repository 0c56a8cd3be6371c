//! The document blocks — title, headings, paragraphs, tables of formatted runs — that the
//! Word writer takes, and their reading from Markdown.
//!
//! The Word file is made from the Markdown document (`--format markdown`, the built-in template
//! or a user's `--template`), so the two can never drift. [`from_markdown`] reads CommonMark
//! with GitHub pipe tables and maps it as follows — the contract with template authors:
//!
//! | Markdown | document |
//! |---|---|
//! | `# text` | the title ([`Block::Title`]): 2号 方正小标宋简体, centred |
//! | `## text` | heading level 1 (黑体; Word style "heading 1", outline level 0) |
//! | `### text` | heading level 2 (楷体_GB2312; "heading 2", outline level 1) |
//! | `#### text` | heading level 3 (仿宋_GB2312 bold; "heading 3", outline level 2) |
//! | `##### text`, `###### text` | heading level 4 (仿宋; "heading 4", outline level 3) |
//! | a paragraph | a body paragraph: 3号 仿宋_GB2312, first line indented two characters |
//! | `**x**` / `*x*` | a bold / an italic run |
//! | a soft line break | nothing between two CJK characters, a space otherwise |
//! | a hard line break (two spaces or `\` at the end of a line) | a line break in the paragraph |
//! | `\*`, `\|`, `&amp;` … | the character itself (escapes and entities are resolved) |
//! | `- item`, `* item` | a body paragraph holding the item, with no bullet: official documents number their items in words ("一是……") |
//! | `1. item` | a body paragraph beginning with its number, "1." ("（1）" in a nested list) |
//! | `> quote` | its paragraphs, as body paragraphs |
//! | a code block | one body paragraph per line of code |
//! | a pipe table | a table: the header row bold and repeated on every page; a `---:` column right-aligned, `:---:` centred; a row whose every non-empty cell is bold (`**合计**`) is the total row, all bold |
//! | `` `code` ``, `[text](url)`, `![alt](src)` | the text, the alt text |
//! | raw HTML, `---` | left out |
//!
//! Internal ids or anything else the Markdown holds are carried as they are: what the document
//! shows is decided by whoever writes the Markdown.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{Alignment, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// A document as blocks, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Blocks {
    pub blocks: Vec<Block>,
}

/// One block of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// The document's title (Markdown `#`).
    Title(Vec<Span>),
    /// A heading of level 1 to 4 (Markdown `##` to `#####`).
    Heading(u8, Vec<Span>),
    /// A body paragraph.
    Paragraph(Vec<Span>),
    /// A table, boxed: a document of 100,000 sectors has half a million blocks, and a table
    /// inline made each of them 104 bytes instead of 32 (SPEC §7).
    Table(Box<Table>),
}

/// A run of text with one formatting. A `'\n'` in `text` is a line break.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

/// A run of text with one formatting, borrowed: a paragraph's [`Span`] or a run of a table
/// cell, as the Word writer reads both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run<'a> {
    pub text: &'a str,
    pub bold: bool,
    pub italic: bool,
}

/// The horizontal alignment of a table column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// A table: a header row, body rows, an alignment per column. Every row has as many cells
/// as `align` has columns; read it with [`Table::head`] and [`Table::rows`].
///
/// The overview, kinds and months tables have a row per sector, and a workspace can have
/// 100,000 sectors: millions of cells. A cell as a `Vec` of spans, each with a `String` of its
/// own, took some 70 bytes besides its text, and the document of 100,000 small sector files
/// went over its memory (SPEC §7). So a table keeps the text of all its cells in one string,
/// one after another, and each cell in 16 bytes: where its text ends (it starts where the
/// cell before it ends) and its formatting — its one run's or, for the rare cell of several
/// runs (`甲 **乙**`), where those runs are in a list of their own.
#[derive(Clone, PartialEq, Eq)]
pub struct Table {
    pub align: Vec<Align>,
    /// The text of every cell: the header's, then each row's, left to right.
    text: String,
    /// Every cell, in the order of `text`: `align.len()` cells a row, the header first.
    cells: Vec<CellEnd>,
    /// The runs of the cells of several runs, each such cell's one after another.
    runs: Vec<RunEnd>,
}

/// A table cell as a [`Table`] keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct CellEnd {
    /// Where the cell's text ends in the table's text.
    end: usize,
    format: CellFormat,
}

/// How a cell's text is formatted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CellFormat {
    /// One run (or none, for an empty cell) of this formatting.
    One { bold: bool, italic: bool },
    /// Several runs: the first is at this index in the table's `runs`, and they go on until
    /// one ends where the cell does. A `u32`, so that a cell takes 16 bytes: more runs would
    /// take a Markdown document of more than 12 GiB (each run is text and its `*` or `**`).
    Runs(u32),
}

/// A run of a cell of several runs: where its text ends in the table's text, its formatting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct RunEnd {
    end: usize,
    bold: bool,
    italic: bool,
}

/// A row of a table (or its header): its cells, left to right.
#[derive(Clone, Copy)]
pub struct Row<'t> {
    table: &'t Table,
    /// The index of the row's first cell in the table's cells.
    first: usize,
}

/// A cell of a table: its text and the runs of formatting it is made of.
#[derive(Clone, Copy)]
pub struct CellRef<'t> {
    table: &'t Table,
    /// The index of the cell in the table's cells.
    index: usize,
}

impl Span {
    pub fn plain(text: impl Into<String>) -> Span {
        Span { text: text.into(), bold: false, italic: false }
    }

    /// The span as a borrowed run, as a table cell's runs are read.
    pub fn run(&self) -> Run<'_> {
        Run { text: &self.text, bold: self.bold, italic: self.italic }
    }
}

/// The text of a sequence of spans, without formatting.
pub fn text(spans: &[Span]) -> String {
    spans.iter().map(|s| s.text.as_str()).collect()
}

/// Whether runs are all bold: at least one has text, and every one that has text is bold
/// throughout (a total row, Markdown `| **合计** | **46** |`, or a paragraph `**年度指标**`).
pub fn all_bold<'a>(runs: impl IntoIterator<Item = Run<'a>>) -> bool {
    let mut any = false;
    for run in runs {
        if run.text.trim().is_empty() {
            continue;
        }
        if !run.bold {
            return false;
        }
        any = true;
    }
    any
}

impl Table {
    /// A table of these columns with no rows yet, not even the header.
    fn new(align: Vec<Align>) -> Table {
        Table { align, text: String::new(), cells: Vec::new(), runs: Vec::new() }
    }

    /// The number of columns, and of cells in every row.
    pub fn columns(&self) -> usize {
        self.align.len()
    }

    /// The header row.
    pub fn head(&self) -> Row<'_> {
        Row { table: self, first: 0 }
    }

    /// The body rows, in order.
    pub fn rows(&self) -> impl ExactSizeIterator<Item = Row<'_>> {
        let columns = self.columns();
        let rows = self.cells.len().checked_div(columns).unwrap_or(0).saturating_sub(1);
        (1..rows + 1).map(move |r| Row { table: self, first: r * columns })
    }

    /// Adds a cell of these spans at the end of the row being read.
    fn push_cell(&mut self, spans: &[Span]) {
        let format = match spans {
            [] => CellFormat::One { bold: false, italic: false },
            [span] => {
                self.text.push_str(&span.text);
                CellFormat::One { bold: span.bold, italic: span.italic }
            }
            spans => {
                let first = u32::try_from(self.runs.len()).expect("fewer than 2^32 runs");
                for span in spans {
                    self.text.push_str(&span.text);
                    let end = self.text.len();
                    self.runs.push(RunEnd { end, bold: span.bold, italic: span.italic });
                }
                CellFormat::Runs(first)
            }
        };
        self.cells.push(CellEnd { end: self.text.len(), format });
    }

    /// Frees the room grown for rows that never came.
    fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.cells.shrink_to_fit();
        self.runs.shrink_to_fit();
    }
}

impl<'t> Row<'t> {
    /// The row's cells, each as its runs.
    fn runs(self) -> Vec<Vec<Run<'t>>> {
        self.cells().map(|cell| cell.runs().collect()).collect()
    }

    /// The row's cells, left to right.
    pub fn cells(self) -> impl ExactSizeIterator<Item = CellRef<'t>> {
        let table = self.table;
        (self.first..self.first + table.columns()).map(move |index| CellRef { table, index })
    }

    /// The cell of column `i` (counted from 0), if the table has that many columns.
    pub fn cell(self, i: usize) -> Option<CellRef<'t>> {
        (i < self.table.columns()).then_some(CellRef { table: self.table, index: self.first + i })
    }

    /// Whether the row is a total row: at least one cell has text, and every cell that has text
    /// is bold throughout (Markdown `| **合计** | **46** |`).
    pub fn is_total(self) -> bool {
        all_bold(self.cells().flat_map(CellRef::runs))
    }
}

impl<'t> CellRef<'t> {
    /// Where the cell's text starts in the table's text.
    fn start(self) -> usize {
        match self.index {
            0 => 0,
            i => self.table.cells[i - 1].end,
        }
    }

    /// The cell's text, without formatting.
    pub fn text(self) -> &'t str {
        &self.table.text[self.start()..self.table.cells[self.index].end]
    }

    /// The runs the cell's text is made of, in order; none for an empty cell.
    pub fn runs(self) -> impl Iterator<Item = Run<'t>> {
        let Table { text, cells, runs, .. } = self.table;
        let (mut start, end) = (self.start(), cells[self.index].end);
        // One run, or where the several begin in `runs`.
        let (one, many) = match cells[self.index].format {
            CellFormat::One { bold, italic } => {
                let text = &text[start..end];
                (Some(Run { text, bold, italic }).filter(|_| !text.is_empty()), &runs[..0])
            }
            CellFormat::Runs(first) => (None, &runs[first as usize..]),
        };
        let many = many.iter().map_while(move |run| {
            (start < end).then(|| {
                let text = &text[start..run.end];
                start = run.end;
                Run { text, bold: run.bold, italic: run.italic }
            })
        });
        one.into_iter().chain(many)
    }
}

/// A table shows as its header and rows of cells, each cell as its runs.
impl std::fmt::Debug for Table {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Table")
            .field("align", &self.align)
            .field("head", &self.head().runs())
            .field("rows", &self.rows().map(Row::runs).collect::<Vec<_>>())
            .finish()
    }
}

impl Blocks {
    /// The text of the first title, if any.
    pub fn title(&self) -> Option<String> {
        self.blocks.iter().find_map(|b| match b {
            Block::Title(spans) => Some(text(spans)),
            _ => None,
        })
    }
}

/// Reads a Markdown document (CommonMark with pipe tables) into blocks, with the
/// mapping of the module documentation.
pub fn from_markdown(markdown: &str) -> Blocks {
    let mut reader = Reader::default();
    for Piece { text, head } in pieces(markdown) {
        let text = match head {
            Some(head) => {
                reader.continues = true;
                Cow::Owned([&markdown[head], &markdown[text]].concat())
            }
            None => Cow::Borrowed(&markdown[text]),
        };
        for event in Parser::new_ext(&text, Options::ENABLE_TABLES) {
            reader.event(event);
        }
    }
    reader.finish()
}

/// A piece of the Markdown, and for a piece that goes on with a table cut before it, the
/// table's header and delimiter rows, read again before the piece.
#[derive(Debug, PartialEq, Eq)]
struct Piece {
    text: Range<usize>,
    head: Option<Range<usize>>,
}

/// The Markdown in pieces of about 64 KiB that read alone as they read together, so that the
/// parser's tree of the whole (some twenty times the Markdown: 90 MB for the document of
/// 20,000 sectors, SPEC §7) is never held. A piece ends before a heading (`#` opening a line
/// after a blank line): there every block has ended, as nothing but a fenced code block or
/// an HTML block outlives a blank line and an unindented line. A long table is cut between
/// two of its rows, the next piece opening with the table's header and delimiter rows again
/// (a table after a blank line whose rows all open with `|`: no other block starts on such a
/// line, and each row is read alone against the header). The document is one piece when it
/// may hold a fenced code block or an HTML block, or a link reference definition (`]:`),
/// which links of other pieces may use.
fn pieces(markdown: &str) -> Vec<Piece> {
    const PIECE: usize = 64 << 10;
    let whole = vec![Piece { text: 0..markdown.len(), head: None }];
    if markdown.contains("]:") || markdown.contains("```") || markdown.contains("~~~") {
        return whole;
    }
    let (mut pieces, mut start, mut at, mut blank) = (Vec::new(), 0, 0, false);
    // The header and delimiter rows of the table being read, and of the piece's first one
    // when the piece goes on with a table; the rows of the table read so far.
    let (mut table, mut head, mut rows) = (None::<Range<usize>>, None, 0);
    for line in markdown.split_inclusive('\n') {
        if line.trim_start_matches(' ').starts_with('<') {
            return whole;
        }
        let hashes = line.len() - line.trim_start_matches('#').len();
        let heading = (1..=6).contains(&hashes)
            && (line.len() == hashes || line[hashes..].starts_with([' ', '\t', '\r', '\n']));
        if blank && heading && at - start >= PIECE {
            pieces.push(Piece { text: start..at, head: head.take() });
            start = at;
        }
        if !line.starts_with('|') {
            (table, rows) = (None, 0);
        } else if blank || at == 0 {
            (table, rows) = (Some(at..at + line.len()), 1);
        } else if rows == 1 {
            // The header's line and this one make a table, or the lines are no table.
            let header = table.take().map(|t| t.start..at + line.len());
            table = header.filter(|h| opens_table(&markdown[h.clone()]));
            rows = 2;
        } else if rows > 1 && table.is_some() && at - start >= PIECE {
            pieces.push(Piece { text: start..at, head: head.take() });
            (start, head) = (at, table.clone());
        }
        blank = line.trim_matches([' ', '\t', '\r', '\n']).is_empty();
        at += line.len();
    }
    pieces.push(Piece { text: start..markdown.len(), head });
    pieces
}

/// Whether a header and a delimiter row make a table.
fn opens_table(rows: &str) -> bool {
    let mut events = Parser::new_ext(rows, Options::ENABLE_TABLES);
    matches!(events.next(), Some(Event::Start(Tag::Table(_))))
}

/// What the spans being collected will become.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Paragraph,
    Title,
    Heading(u8),
}

#[derive(Default)]
struct Reader {
    blocks: Vec<Block>,
    /// The spans of the paragraph, heading or cell being read.
    spans: Vec<Span>,
    target: Option<Target>,
    bold: usize,
    italic: usize,
    /// A soft line break was read and is resolved by the next text.
    soft_break: bool,
    /// Open lists: the next number of an ordered list, `None` for a bullet list.
    lists: Vec<Option<u64>>,
    /// The marker of the item whose first paragraph has not started yet.
    pending_marker: Option<String>,
    /// The table being read (the last one taken back when the piece goes on with it).
    table: Option<Table>,
    /// The cells of the table row being read so far.
    row: usize,
    /// The header row being read is one read again, of a table that goes on: left out.
    skip_head: bool,
    /// The piece being read goes on with the last table: its first table's rows are that
    /// table's.
    continues: bool,
    in_code_block: bool,
    /// Inside an image: its alt text is read as text.
    image: usize,
}

impl Reader {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => {
                if self.in_code_block {
                    self.code_text(&text);
                } else {
                    self.text(&text);
                }
            }
            Event::Code(text) => self.text(&text),
            Event::SoftBreak => {
                if !self.spans.is_empty() {
                    self.soft_break = true;
                }
            }
            Event::HardBreak => {
                self.soft_break = false;
                self.push_text("\n");
            }
            Event::InlineMath(text) | Event::DisplayMath(text) => self.text(&text),
            Event::Html(_)
            | Event::InlineHtml(_)
            | Event::FootnoteReference(_)
            | Event::Rule
            | Event::TaskListMarker(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => self.begin(Target::Paragraph),
            Tag::Heading { level, .. } => {
                let target = match level {
                    HeadingLevel::H1 => Target::Title,
                    HeadingLevel::H2 => Target::Heading(1),
                    HeadingLevel::H3 => Target::Heading(2),
                    HeadingLevel::H4 => Target::Heading(3),
                    HeadingLevel::H5 | HeadingLevel::H6 => Target::Heading(4),
                };
                self.begin(target);
            }
            Tag::CodeBlock(_) => {
                self.flush();
                self.in_code_block = true;
                self.begin(Target::Paragraph);
            }
            Tag::List(first) => {
                // A list inside an item's text: the item's text so far is a paragraph.
                self.flush();
                self.lists.push(first);
            }
            Tag::Item => {
                self.flush();
                let depth = self.lists.len();
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let m = if depth > 1 { format!("（{n}）") } else { format!("{n}.") };
                        *n += 1;
                        Some(m)
                    }
                    _ => None,
                };
                self.pending_marker = marker;
                // A tight list's item holds its text without a paragraph.
                self.begin(Target::Paragraph);
            }
            Tag::Table(align) => {
                self.flush();
                let align = align
                    .iter()
                    .map(|a| match a {
                        Alignment::Right => Align::Right,
                        Alignment::Center => Align::Center,
                        Alignment::None | Alignment::Left => Align::Left,
                    })
                    .collect();
                // The first table of a piece that goes on with the last one: its rows are added
                // to that one, and its header, read again, is left out.
                if std::mem::take(&mut self.continues)
                    && matches!(self.blocks.last(), Some(Block::Table(_)))
                    && let Some(Block::Table(last)) = self.blocks.pop()
                {
                    self.table = Some(*last);
                    self.skip_head = true;
                } else {
                    self.table = Some(Table::new(align));
                }
            }
            Tag::TableHead | Tag::TableRow => self.row = 0,
            Tag::TableCell => {
                self.spans.clear();
                self.soft_break = false;
            }
            Tag::Emphasis => self.italic += 1,
            Tag::Strong => self.bold += 1,
            Tag::Image { .. } => self.image += 1,
            Tag::BlockQuote(_)
            | Tag::HtmlBlock
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::MetadataBlock(_) => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item => self.flush(),
            TagEnd::CodeBlock => {
                self.flush();
                self.in_code_block = false;
            }
            TagEnd::List(_) => {
                self.flush();
                self.lists.pop();
            }
            TagEnd::TableCell => {
                // A cell beyond the table's columns is left out.
                if let Some(table) = &mut self.table
                    && self.row < table.columns()
                    && !self.skip_head
                {
                    table.push_cell(&self.spans);
                }
                self.row += 1;
                self.spans.clear();
                self.soft_break = false;
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                // A short row is filled with empty cells.
                if let Some(table) = &mut self.table
                    && !std::mem::take(&mut self.skip_head)
                {
                    for _ in self.row..table.columns() {
                        table.push_cell(&[]);
                    }
                }
            }
            TagEnd::Table => {
                if let Some(table) = self.table.take() {
                    self.push(Block::Table(Box::new(table)));
                }
            }
            TagEnd::Emphasis => self.italic = self.italic.saturating_sub(1),
            TagEnd::Strong => self.bold = self.bold.saturating_sub(1),
            TagEnd::Image => self.image = self.image.saturating_sub(1),
            _ => {}
        }
    }

    /// Starts collecting a paragraph or heading, unless one is open (a loose list item's
    /// paragraph continues the item).
    fn begin(&mut self, target: Target) {
        if self.table.is_some() {
            return;
        }
        if self.target.is_some() && !self.spans.is_empty() {
            self.flush();
        }
        if self.target.is_none() || self.spans.is_empty() {
            self.target = Some(target);
        }
    }

    /// Ends the open paragraph or heading and adds it to the blocks (an empty one is left out).
    fn flush(&mut self) {
        if self.table.is_some() {
            return;
        }
        let target = self.target.take();
        self.soft_break = false;
        let mut spans = std::mem::take(&mut self.spans);
        // Trailing line breaks and spaces show nothing.
        while let Some(last) = spans.last_mut() {
            let trimmed = last.text.trim_end_matches(['\n', ' ']).len();
            last.text.truncate(trimmed);
            if last.text.is_empty() {
                spans.pop();
            } else {
                break;
            }
        }
        if spans.is_empty() {
            return;
        }
        spans.shrink_to_fit();
        let block = match target.unwrap_or(Target::Paragraph) {
            Target::Paragraph => Block::Paragraph(spans),
            Target::Title => Block::Title(spans),
            Target::Heading(level) => Block::Heading(level, spans),
        };
        self.push(block);
    }

    /// Adds a block after the last. A table before it is whole (a piece goes on only with
    /// the last block): the room its text and cells grew for rows that never came is freed.
    fn push(&mut self, block: Block) {
        if let Some(Block::Table(table)) = self.blocks.last_mut() {
            table.shrink_to_fit();
        }
        self.blocks.push(block);
    }

    /// The blocks read, the open paragraph or heading ended.
    fn finish(mut self) -> Blocks {
        self.flush();
        if let Some(Block::Table(table)) = self.blocks.last_mut() {
            table.shrink_to_fit();
        }
        Blocks { blocks: self.blocks }
    }

    fn text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        if self.target.is_none() && self.table.is_none() {
            self.target = Some(Target::Paragraph);
        }
        if let Some(marker) = self.pending_marker.take() {
            self.spans.push(Span::plain(marker));
        }
        if std::mem::take(&mut self.soft_break) {
            let before = self.spans.last().and_then(|s| s.text.chars().last());
            let after = text.chars().next();
            let join = matches!((before, after), (Some(b), Some(a)) if is_cjk(b) && is_cjk(a));
            if !join && before.is_some_and(|b| b != ' ' && b != '\n') {
                self.push_text(" ");
            }
        }
        self.push_text(text);
    }

    /// A code block: each line its own paragraph.
    fn code_text(&mut self, text: &str) {
        let mut lines = text.split('\n').peekable();
        while let Some(line) = lines.next() {
            self.text(line);
            if lines.peek().is_some() {
                self.flush();
                self.target = Some(Target::Paragraph);
            }
        }
    }

    /// Appends text in the current formatting, merging it into the last span when the
    /// formatting is the same.
    fn push_text(&mut self, text: &str) {
        let bold = self.bold > 0;
        let italic = self.italic > 0;
        match self.spans.last_mut() {
            Some(last) if last.bold == bold && last.italic == italic => last.text.push_str(text),
            _ => self.spans.push(Span { text: text.to_owned(), bold, italic }),
        }
    }
}

/// Whether a character is Chinese, Japanese or Korean script or punctuation, between which a
/// line break is no space.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{9FFF}'      // radicals, CJK punctuation, kana, CJK ideographs
        | '\u{A960}'..='\u{A97F}'
        | '\u{AC00}'..='\u{D7FF}'    // Hangul
        | '\u{F900}'..='\u{FAFF}'    // compatibility ideographs
        | '\u{FE30}'..='\u{FE4F}'    // vertical forms
        | '\u{FF00}'..='\u{FFEF}'    // full-width forms: ，：；（）
        | '\u{20000}'..='\u{3FFFF}'  // extension B onwards
        | '\u{2014}' | '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}' | '\u{2026}' | '\u{00B7}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str) -> Block {
        Block::Paragraph(vec![Span::plain(text)])
    }

    #[test]
    fn headings_map_to_title_and_levels() {
        let doc = from_markdown("# 标题\n\n## 一\n\n### 二\n\n#### 三\n\n##### 四\n\n###### 六\n");
        assert_eq!(
            doc.blocks,
            vec![
                Block::Title(vec![Span::plain("标题")]),
                Block::Heading(1, vec![Span::plain("一")]),
                Block::Heading(2, vec![Span::plain("二")]),
                Block::Heading(3, vec![Span::plain("三")]),
                Block::Heading(4, vec![Span::plain("四")]),
                Block::Heading(4, vec![Span::plain("六")]),
            ]
        );
        assert_eq!(doc.title().as_deref(), Some("标题"));
    }

    #[test]
    fn soft_breaks_join_cjk_and_space_latin() {
        let doc = from_markdown("中文\n续行，\n“引号”\nand\nmore\n中文\n");
        assert_eq!(doc.blocks, vec![para("中文续行，“引号” and more 中文")]);
    }

    #[test]
    fn bold_italic_escapes_and_entities() {
        let doc = from_markdown("a **粗体** *斜* \\*x\\* &amp; 1\\|2");
        let Block::Paragraph(spans) = &doc.blocks[0] else { panic!() };
        assert_eq!(
            spans,
            &vec![
                Span::plain("a "),
                Span { text: "粗体".into(), bold: true, italic: false },
                Span::plain(" "),
                Span { text: "斜".into(), bold: false, italic: true },
                Span::plain(" *x* & 1|2"),
            ]
        );
    }

    #[test]
    fn hard_break_is_a_newline() {
        let doc = from_markdown("一行  \n二行\\\n三行");
        assert_eq!(doc.blocks, vec![para("一行\n二行\n三行")]);
    }

    #[test]
    fn lists_become_paragraphs() {
        let doc = from_markdown("- 一是甲。\n- 二是乙。\n\n1. 第一\n2. 第二\n   1. 子项\n\n正文");
        assert_eq!(
            doc.blocks,
            vec![
                para("一是甲。"),
                para("二是乙。"),
                Block::Paragraph(vec![Span::plain("1.第一")]),
                Block::Paragraph(vec![Span::plain("2.第二")]),
                Block::Paragraph(vec![Span::plain("（1）子项")]),
                para("正文"),
            ]
        );
    }

    #[test]
    fn loose_list_items_and_ordered_start() {
        let doc = from_markdown("3. 甲\n\n   续段\n\n4. 乙\n");
        assert_eq!(
            doc.blocks,
            vec![
                Block::Paragraph(vec![Span::plain("3.甲")]),
                para("续段"),
                Block::Paragraph(vec![Span::plain("4.乙")]),
            ]
        );
    }

    /// The text of a row's cells.
    fn texts(row: Row<'_>) -> Vec<&str> {
        row.cells().map(CellRef::text).collect()
    }

    #[test]
    fn tables_with_alignment_and_total_row() {
        let md = "| 界别 | 日期 | 活动数 |\n| --- | :---: | ---: |\n| 台联 | 2021\\-05\\-18 | 5 |\n| 短 |\n| **合计** |  | **46** |\n| 多 | 1 | 2 | 3 |\n";
        let doc = from_markdown(md);
        let Block::Table(t) = &doc.blocks[0] else { panic!("{:?}", doc.blocks) };
        assert_eq!(t.align, vec![Align::Left, Align::Center, Align::Right]);
        assert_eq!(texts(t.head()), ["界别", "日期", "活动数"]);
        // A short row is padded, a long one's extra cells left out.
        assert_eq!(
            t.rows().map(texts).collect::<Vec<_>>(),
            [["台联", "2021-05-18", "5"], ["短", "", ""], ["合计", "", "46"], ["多", "1", "2"]]
        );
        assert_eq!(t.rows().map(Row::is_total).collect::<Vec<_>>(), [false, false, true, false]);
    }

    #[test]
    fn table_cells_keep_their_runs() {
        let md = "| a | b |\n| --- | --- |\n| 甲 **乙** *丙* | **丁** |\n|  | x\\|y  \n";
        let doc = from_markdown(md);
        let Block::Table(t) = &doc.blocks[0] else { panic!("{:?}", doc.blocks) };
        let run = |text, bold, italic| Run { text, bold, italic };
        assert_eq!(
            t.rows().map(Row::runs).collect::<Vec<_>>(),
            [
                vec![
                    vec![
                        run("甲 ", false, false),
                        run("乙", true, false),
                        run(" ", false, false),
                        run("丙", false, true),
                    ],
                    vec![run("丁", true, false)],
                ],
                vec![vec![], vec![run("x|y", false, false)]],
            ]
        );
        assert_eq!(t.head().cell(1).map(CellRef::text), Some("b"));
        assert!(t.head().cell(2).is_none());
    }

    /// The point of the table's form: a cell takes 16 bytes besides its text (SPEC §7).
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn a_cell_takes_sixteen_bytes() {
        assert_eq!(std::mem::size_of::<CellEnd>(), 16);
    }

    /// The blocks of a Markdown text read in one piece.
    fn read_whole(md: &str) -> Vec<Block> {
        let mut whole = Reader::default();
        for event in Parser::new_ext(md, Options::ENABLE_TABLES) {
            whole.event(event);
        }
        whole.finish().blocks
    }

    #[test]
    fn pieces_read_as_the_whole() {
        let section =
            "## 标题\n\n- 一\n- 二\n\n| a | b |\n| --- | ---: |\n| x | 1 |\n\n正文\n续行\n\n";
        let md = section.repeat(2000);
        assert!(pieces(&md).len() > 1);
        assert_eq!(from_markdown(&md).blocks, read_whole(&md));
        // A long table is cut between its rows (cells of several runs among them); rows that
        // make no table are not.
        let rows: String = (0..20_000).map(|i| format!("| **{i}** | `|` \\| *{i}* |\n")).collect();
        for md in [
            format!("# 表\n\n| a | b |\n| :---: | ---: |\n{rows}| x |\n\n正文\n\n{rows}"),
            format!("| a | b |\n| --- |\n{rows}\n| a |\n|---|\n{rows}\n"),
        ] {
            assert!(pieces(&md).len() > 1);
            assert_eq!(from_markdown(&md).blocks, read_whole(&md));
        }
        assert_eq!(pieces(&format!("[a]: /u\n\n{md}")).len(), 1);
        assert_eq!(pieces(&format!("```\n\n{md}```\n")).len(), 1);
        assert_eq!(pieces(&format!("<div>\n\n{md}")).len(), 1);
    }

    #[test]
    fn html_and_rules_are_left_out_code_kept() {
        let doc = from_markdown(
            "<div>x</div>\n\n---\n\n```\n甲\n乙\n```\n\n`c` [链接](http://x) ![图](a.png)\n",
        );
        assert_eq!(doc.blocks, vec![para("甲"), para("乙"), para("c 链接 图")]);
    }
}
