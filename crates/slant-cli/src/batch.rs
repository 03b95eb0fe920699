//! `slant batch`: a corpus of articles, one JSON object per line, as tidy
//! tables (see `slant_tables`).
//!
//! This module owns the streaming: a reader thread, a pool of worker threads
//! that analyse and format, and the writer (the calling thread) that puts
//! each article's rows out whole and in input order. At most `window`
//! articles are in flight, so memory stays bounded however long the corpus.
//! It must not shape rows itself: that is `slant_tables`, shared with the
//! Python package.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, BufReader, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use lexopt::prelude::*;
use slant_core::Config;
use slant_tables::Table;

use crate::Failure;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Jsonl,
    Csv,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
        }
    }
}

/// Where the rows go: one table to standard output, or every table to a file in a directory.
#[derive(Clone, Debug, PartialEq)]
enum Sink {
    Stdout(Table),
    Dir(PathBuf),
}

/// What the workers share (read-only, behind one `Arc`): the model is loaded once for all.
struct Job {
    config: Config,
    /// Precise mode's model: the cells rows gain the model columns.
    model: Option<slant_model::Model>,
    format: Format,
    tables: Vec<Table>,
    max_bytes: usize,
    provenance: String,
}

/// A line of input, numbered from 1.
struct Line {
    seq: u64,
    number: u64,
    bytes: Vec<u8>,
    /// The line went past the read limit; `bytes` holds its start only.
    too_long: bool,
}

/// One article done: its rows per table, already formatted, or why it was skipped.
struct Done {
    seq: u64,
    bytes: usize,
    outcome: Result<Vec<String>, String>,
}

/// The most bytes of one input line kept in memory: a text at the cap,
/// escaped as JSON, fits.
fn line_limit(max_bytes: usize) -> usize {
    max_bytes.saturating_mul(3).saturating_add(64 * 1024)
}

pub fn run(parser: &mut lexopt::Parser) -> Result<String, Failure> {
    let mut file: Option<String> = None;
    let mut out_dir: Option<String> = None;
    let mut rows: Option<Table> = None;
    let mut format = Format::Jsonl;
    let mut threads: Option<usize> = None;
    let mut config = Config::default();
    let mut max_bytes: Option<usize> = None;
    let mut precise = false;
    let mut model_path: Option<String> = None;
    while let Some(arg) = parser.next()? {
        match arg {
            Value(v) if file.is_none() => file = Some(v.string()?),
            Long("out") => out_dir = Some(parser.value()?.string()?),
            Long("rows") => {
                let name = parser.value()?.string()?;
                rows = Some(Table::parse(&name).ok_or_else(|| {
                    Failure::new(format!(
                        "unknown table `{name}`: use cells, actors, evidence or relations"
                    ))
                })?);
            }
            Long("format") => {
                format = match parser.value()?.string()?.as_str() {
                    "jsonl" => Format::Jsonl,
                    "csv" => Format::Csv,
                    other => return Err(Failure::new(format!("unknown format `{other}`: use jsonl or csv"))),
                }
            }
            Long("threads") => {
                let n: usize = parser.value()?.parse()?;
                if n == 0 {
                    return Err(Failure::new("--threads must be at least 1"));
                }
                threads = Some(n);
            }
            Long("actors") => config.actors = crate::analyze::read_actors(&parser.value()?.string()?)?,
            Long("set") => crate::eval::set(&mut config, &parser.value()?.string()?).map_err(Failure::new)?,
            Long("max-bytes") => max_bytes = Some(parser.value()?.parse()?),
            Long("precise") => precise = true,
            Long("model") => model_path = Some(parser.value()?.string()?),
            other => return Err(other.unexpected().into()),
        }
    }
    if model_path.is_some() && !precise {
        return Err(Failure::new("--model is for precise mode: add --precise"));
    }
    let model = if precise {
        Some(crate::input::load_model(model_path.as_deref())?)
    } else {
        None
    };
    let sink = match (out_dir, rows) {
        (Some(_), Some(_)) => return Err(Failure::new("give --out DIR or --rows TABLE, not both")),
        (Some(dir), None) => Sink::Dir(PathBuf::from(dir)),
        (None, Some(table)) => Sink::Stdout(table),
        (None, None) => Sink::Stdout(Table::Cells),
    };
    let threads = threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from));
    // The cap skips longer texts; the engine then never needs to cut one.
    let max_bytes = max_bytes.unwrap_or(config.max_bytes);
    config.max_bytes = max_bytes;
    let file = file.unwrap_or_else(|| "-".to_string());
    let (input, total): (Box<dyn Read + Send>, Option<u64>) = if file == "-" {
        (Box::new(std::io::stdin()), None)
    } else {
        let f = File::open(&file).map_err(|e| Failure::new(format!("cannot read {file}: {e}")))?;
        let len = f.metadata().ok().map(|m| m.len());
        (Box::new(f), len)
    };
    let tables = match &sink {
        Sink::Stdout(t) => vec![*t],
        Sink::Dir(_) => Table::ALL.to_vec(),
    };
    let mut outputs = open_outputs(&sink, format, precise)?;
    let provenance = slant_tables::provenance_with(model.as_ref());
    let job = Arc::new(Job {
        config,
        model,
        format,
        tables,
        max_bytes,
        provenance,
    });

    let stop = Arc::new(AtomicBool::new(false));
    #[cfg(any(unix, windows))]
    {
        let stop = Arc::clone(&stop);
        // Fails only when a handler is already set (a second run in one process): keep that one.
        let _ = ctrlc::set_handler(move || stop.store(true, Ordering::SeqCst));
    }
    let progress = std::io::stderr().is_terminal();
    let summary = stream(input, total, threads, &job, &mut outputs, &stop, progress)?;
    let line = format!(
        "slant batch: {} articles done, {} skipped, {:.1} MB in {:.1} s ({})",
        summary.done,
        summary.skipped,
        summary.bytes as f64 / 1e6,
        summary.seconds,
        job.provenance
    );
    if summary.interrupted {
        eprintln!("{line}");
        return Err(Failure::new(
            "interrupted: the rows written are complete, up to the last article counted",
        ));
    }
    eprintln!("{line}");
    Ok(String::new())
}

/// The open output streams, one per table written, headers written for CSV.
fn open_outputs(sink: &Sink, format: Format, precise: bool) -> Result<Vec<Box<dyn Write>>, Failure> {
    let header = |table: Table| {
        let mut s = String::new();
        if format == Format::Csv {
            slant_tables::push_csv_header(&mut s, &table.columns_for(precise));
        }
        s
    };
    let mut outputs: Vec<Box<dyn Write>> = Vec::new();
    match sink {
        Sink::Stdout(table) => {
            let mut out = std::io::BufWriter::new(std::io::stdout());
            out.write_all(header(*table).as_bytes())
                .map_err(|e| Failure::new(format!("cannot write the output: {e}")))?;
            outputs.push(Box::new(out));
        }
        Sink::Dir(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| Failure::new(format!("cannot create {}: {e}", dir.display())))?;
            for table in Table::ALL {
                let path = dir.join(format!("{}.{}", table.name(), format.extension()));
                let f =
                    File::create(&path).map_err(|e| Failure::new(format!("cannot write {}: {e}", path.display())))?;
                let mut out = std::io::BufWriter::new(f);
                out.write_all(header(table).as_bytes())
                    .map_err(|e| Failure::new(format!("cannot write {}: {e}", path.display())))?;
                outputs.push(Box::new(out));
            }
        }
    }
    Ok(outputs)
}

#[derive(Debug, Default)]
struct Summary {
    done: u64,
    skipped: u64,
    bytes: u64,
    seconds: f64,
    interrupted: bool,
}

/// Reads, analyses and writes the whole input; returns the counts.
fn stream(
    input: Box<dyn Read + Send>,
    total: Option<u64>,
    threads: usize,
    job: &Arc<Job>,
    outputs: &mut [Box<dyn Write>],
    stop: &Arc<AtomicBool>,
    progress: bool,
) -> Result<Summary, Failure> {
    let start = Instant::now();
    let window = threads.saturating_mul(4).max(4);
    // Tokens bound the articles in flight: the reader takes one per line, the writer gives it back.
    let (token_tx, token_rx) = sync_channel::<()>(window);
    for _ in 0..window {
        let _ = token_tx.send(());
    }
    let (line_tx, line_rx) = sync_channel::<Line>(window);
    let (done_tx, done_rx) = sync_channel::<Done>(window);

    let reader = {
        let stop = Arc::clone(stop);
        let limit = line_limit(job.max_bytes);
        std::thread::spawn(move || read_lines(input, limit, &token_rx, &line_tx, &stop))
    };
    let line_rx = Arc::new(Mutex::new(line_rx));
    for _ in 0..threads {
        let line_rx = Arc::clone(&line_rx);
        let done_tx = done_tx.clone();
        let job = Arc::clone(job);
        std::thread::spawn(move || work(&job, &line_rx, &done_tx));
    }
    drop(done_tx);

    let mut summary = Summary::default();
    let mut pending: BTreeMap<u64, Done> = BTreeMap::new();
    let mut next = 0u64;
    let mut bar = Bar::new(progress, total, start);
    // The reader of standard output went away (`slant batch | head`).
    let mut closed = false;
    'receive: for done in done_rx.iter() {
        pending.insert(done.seq, done);
        while let Some(done) = pending.remove(&next) {
            next += 1;
            summary.bytes += done.bytes as u64;
            match done.outcome {
                Ok(parts) => {
                    for (out, part) in outputs.iter_mut().zip(&parts) {
                        let written = out.write_all(part.as_bytes()).and_then(|()| out.flush());
                        match written {
                            Ok(()) => {}
                            // A reader that stops early (`slant batch | head`) ends the run quietly.
                            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                                closed = true;
                                break 'receive;
                            }
                            Err(e) => return Err(Failure::new(format!("cannot write the rows: {e}"))),
                        }
                    }
                    summary.done += 1;
                }
                Err(message) => {
                    bar.clear();
                    eprintln!("slant batch: {message}; skipped");
                    summary.skipped += 1;
                }
            }
            let _ = token_tx.send(());
            bar.show(summary.done + summary.skipped, summary.bytes);
            if stop.load(Ordering::SeqCst) {
                summary.interrupted = true;
                break 'receive;
            }
        }
    }
    bar.clear();
    for out in outputs.iter_mut() {
        let _ = out.flush();
    }
    // Unblock the reader and the workers if the loop ended early: their sends and waits fail.
    drop(done_rx);
    drop(token_tx);
    if !summary.interrupted && !closed {
        summary.interrupted = stop.load(Ordering::SeqCst);
        if let Ok(Err(e)) = reader.join() {
            return Err(Failure::new(format!("cannot read the input: {e}")));
        }
    }
    summary.seconds = start.elapsed().as_secs_f64();
    Ok(summary)
}

/// Sends every non-blank line to the workers, one token per line.
fn read_lines(
    input: Box<dyn Read + Send>,
    limit: usize,
    tokens: &Receiver<()>,
    lines: &SyncSender<Line>,
    stop: &AtomicBool,
) -> std::io::Result<()> {
    let mut input = BufReader::with_capacity(256 * 1024, input);
    let mut seq = 0u64;
    let mut number = 0u64;
    loop {
        if stop.load(Ordering::SeqCst) {
            return Ok(());
        }
        let mut bytes = Vec::new();
        let Some(too_long) = read_line(&mut input, &mut bytes, limit)? else {
            return Ok(());
        };
        number += 1;
        if !too_long && bytes.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        if tokens.recv().is_err() {
            return Ok(());
        }
        let line = Line {
            seq,
            number,
            bytes,
            too_long,
        };
        if lines.send(line).is_err() {
            return Ok(());
        }
        seq += 1;
    }
}

/// Reads one line (without its line end) into `buf`, keeping at most
/// `limit` bytes. `None` at the end of input, else whether the line was longer.
fn read_line(input: &mut impl BufRead, buf: &mut Vec<u8>, limit: usize) -> std::io::Result<Option<bool>> {
    let mut too_long = false;
    let mut any = false;
    loop {
        let available = match input.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(any.then_some(too_long));
        }
        any = true;
        let (chunk, used, end) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (&available[..i], i + 1, true),
            None => (available, available.len(), false),
        };
        let room = limit.saturating_sub(buf.len());
        if chunk.len() > room {
            too_long = true;
        }
        buf.extend_from_slice(&chunk[..chunk.len().min(room)]);
        input.consume(used);
        if end {
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
            return Ok(Some(too_long));
        }
    }
}

/// A worker: takes lines until there are none, sends each article's rows.
fn work(job: &Job, lines: &Mutex<Receiver<Line>>, done: &SyncSender<Done>) {
    loop {
        let line = match lines.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok(line) = line else { return };
        let outcome = article_rows(job, &line);
        let message = Done {
            seq: line.seq,
            bytes: line.bytes.len() + 1,
            outcome,
        };
        if done.send(message).is_err() {
            return;
        }
    }
}

/// One line's rows, formatted per table, or the message that skips it.
fn article_rows(job: &Job, line: &Line) -> Result<Vec<String>, String> {
    let at = |id: Option<&str>| match id {
        Some(id) => format!("line {} (id {id})", line.number),
        None => format!("line {}", line.number),
    };
    if line.too_long {
        return Err(format!(
            "{}: the line is longer than {} bytes, over the size cap (--max-bytes {})",
            at(None),
            line_limit(job.max_bytes),
            job.max_bytes
        ));
    }
    let text = std::str::from_utf8(&line.bytes).map_err(|e| {
        format!(
            "{}: the line is not valid UTF-8 (first bad byte at offset {})",
            at(None),
            e.valid_up_to()
        )
    })?;
    let rows = slant_tables::analyze_record(
        line.number,
        text,
        &job.config,
        job.max_bytes,
        &job.provenance,
        job.model.as_ref(),
    )
    .map_err(|skip| {
        let reason = if skip.reason.starts_with("the text is") {
            format!("{} (--max-bytes)", skip.reason)
        } else {
            skip.reason
        };
        format!("{}: {reason}", at(skip.id.as_deref()))
    })?;
    Ok(job
        .tables
        .iter()
        .map(|&table| {
            let mut out = String::new();
            let columns = table.columns_for(job.model.is_some());
            for row in rows.get(table) {
                match job.format {
                    Format::Jsonl => slant_tables::push_jsonl(&mut out, &columns, row),
                    Format::Csv => slant_tables::push_csv(&mut out, row),
                }
            }
            out
        })
        .collect())
}

/// The progress bar on standard error, when it is a terminal.
struct Bar {
    on: bool,
    total: Option<u64>,
    start: Instant,
    last: Instant,
    shown: bool,
}

impl Bar {
    fn new(on: bool, total: Option<u64>, start: Instant) -> Bar {
        Bar {
            on,
            total,
            start,
            last: start,
            shown: false,
        }
    }

    fn show(&mut self, articles: u64, bytes: u64) {
        if !self.on || self.last.elapsed() < Duration::from_millis(200) {
            return;
        }
        self.last = Instant::now();
        let seconds = self.start.elapsed().as_secs_f64().max(1e-3);
        let rate = bytes as f64 / seconds;
        let mut line = format!(
            "{articles} articles, {:.1} MB, {:.0} articles/s, {:.2} MB/s",
            bytes as f64 / 1e6,
            articles as f64 / seconds,
            rate / 1e6
        );
        if let Some(total) = self.total.filter(|&t| t > 0) {
            let fraction = (bytes as f64 / total as f64).min(1.0);
            let filled = (fraction * 20.0) as usize;
            let left = (total.saturating_sub(bytes)) as f64 / rate.max(1.0);
            line = format!(
                "[{}{}] {:>3.0}%  {line}, {} left",
                "#".repeat(filled),
                " ".repeat(20 - filled),
                fraction * 100.0,
                clock(left)
            );
        }
        eprint!("\r\x1b[K{line}");
        self.shown = true;
    }

    fn clear(&mut self) {
        if self.shown {
            eprint!("\r\x1b[K");
            self.shown = false;
        }
    }
}

/// Seconds as `m:ss` or `h:mm:ss`.
fn clock(seconds: f64) -> String {
    let s = seconds.round() as u64;
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &str, limit: usize) -> Vec<(String, bool)> {
        let mut r = BufReader::with_capacity(4, input.as_bytes());
        let mut out = Vec::new();
        loop {
            let mut buf = Vec::new();
            match read_line(&mut r, &mut buf, limit).unwrap() {
                Some(long) => out.push((String::from_utf8(buf).unwrap(), long)),
                None => return out,
            }
        }
    }

    #[test]
    fn lines_are_split_and_capped() {
        assert_eq!(
            lines("ab\r\nxyz\n\né", 100),
            [
                ("ab".to_string(), false),
                ("xyz".to_string(), false),
                (String::new(), false),
                ("é".to_string(), false)
            ]
        );
        assert_eq!(
            lines("abcdefghij\nok\n", 3),
            [("abc".to_string(), true), ("ok".to_string(), false)]
        );
        assert!(lines("", 3).is_empty());
    }

    #[test]
    fn clock_reads_as_time() {
        assert_eq!(clock(5.2), "0:05");
        assert_eq!(clock(125.0), "2:05");
        assert_eq!(clock(3725.0), "1:02:05");
    }

    fn job(format: Format) -> Job {
        Job {
            config: Config::default(),
            model: None,
            format,
            tables: Table::ALL.to_vec(),
            max_bytes: 50,
            provenance: "p".into(),
        }
    }

    fn line(number: u64, text: &str) -> Line {
        Line {
            seq: 0,
            number,
            bytes: text.as_bytes().to_vec(),
            too_long: false,
        }
    }

    #[test]
    fn skipped_lines_name_line_and_id() {
        let job = job(Format::Jsonl);
        let err = article_rows(&job, &line(4, "{\"id\": \"a1\"}")).unwrap_err();
        assert_eq!(err, "line 4 (id a1): the record has no `text`");
        let err = article_rows(&job, &line(5, "{oops")).unwrap_err();
        assert!(err.starts_with("line 5: the line is not valid JSON"), "{err}");
        let long = format!("{{\"id\": 9, \"text\": \"{}\"}}", "é".repeat(30));
        let err = article_rows(&job, &line(6, &long)).unwrap_err();
        assert!(
            err.starts_with("line 6 (id 9): the text is 60 bytes, over the size cap of 50"),
            "{err}"
        );
        let mut bad = line(7, "");
        bad.bytes = b"{\"text\": \"caf\xe9\"}".to_vec();
        let err = article_rows(&job, &bad).unwrap_err();
        assert!(err.contains("not valid UTF-8"), "{err}");
    }

    #[test]
    fn rows_are_formatted_per_table() {
        let parts = article_rows(&job(Format::Csv), &line(1, "{\"text\": \"Russia attacked Ukraine.\"}")).unwrap();
        assert_eq!(parts.len(), 4);
        assert_eq!(parts[1].lines().count(), 2, "two actors: {}", parts[1]);
        assert!(parts[1].starts_with("p,1,,,,,,"), "{}", parts[1]);
    }
}
