//! The `bounce-decoder` command: decodes bounce files, directories of them and mbox files
//! (or stdin) for people, as JSON lines, as CSV or as counts, and explains codes from the
//! knowledge base.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use bounce_decoder::knowledge::{self, Lang};
use bounce_decoder::{decode_message, Explanation, Options, Recipient, Report};

mod text_output;

/// Explains email bounces: SMTP reply codes, enhanced status codes, DSNs and vendor formats.
#[derive(Parser)]
#[command(
    name = "bounce-decoder",
    version,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    decode: DecodeArgs,
}

#[derive(Args)]
struct DecodeArgs {
    /// Language of the explanations.
    #[arg(long, value_parser = parse_lang, default_value = "en")]
    lang: Lang,
    /// Print one JSON object per message (a file, or each message of an mbox) instead of
    /// text for people.
    #[arg(long, conflicts_with = "csv")]
    jsonl: bool,
    /// Print CSV, one row per recipient (a message without recipients gets one row too):
    /// file, message, kind, address, domain, status, reply_code, outcome, bounce_type,
    /// reason, action, provider, remote_mta, diagnostic, decided_by and the email services'
    /// classes.
    #[arg(long)]
    csv: bool,
    /// Print only the counts of recipients by reason, action and domain (as one JSON
    /// object with --jsonl).
    #[arg(long, conflicts_with = "csv")]
    summary: bool,
    /// With --jsonl: include the full explanation of every code found.
    #[arg(long)]
    explanations: bool,
    /// Decode on this many threads (0: one per core). A batch of files, or an mbox, is
    /// decoded in parallel; the output keeps the input's order.
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Bounce files, directories of them (read recursively) and mbox files to decode;
    /// standard input when none. An mbox is read message by message.
    files: Vec<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Explain a code (5.1.1, 550, 5.1.x, S3150...), or all codes with --all.
    Explain(ExplainArgs),
}

#[derive(Args)]
struct ExplainArgs {
    /// The code to explain.
    #[arg(required_unless_present = "all")]
    code: Option<String>,
    /// Every entry of the knowledge base.
    #[arg(long)]
    all: bool,
    /// Print JSON.
    #[arg(long)]
    json: bool,
    /// Language of the explanation.
    #[arg(long, value_parser = parse_lang, default_value = "en")]
    lang: Lang,
}

fn parse_lang(value: &str) -> Result<Lang, String> {
    Lang::parse(value).ok_or_else(|| format!("unknown language '{value}': use en or de"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Explain(args)) => run_explain(&args),
        None => run_decode(&cli.decode),
    }
}

fn run_explain(args: &ExplainArgs) -> ExitCode {
    let mut out = std::io::stdout().lock();
    if args.all {
        let all: Vec<Explanation> = knowledge::entries(args.lang)
            .iter()
            .map(Explanation::from)
            .collect();
        if args.json {
            let _ = serde_json::to_writer_pretty(&mut out, &all);
            let _ = writeln!(out);
        } else {
            for e in &all {
                let _ = writeln!(out, "{:<12} {}", e.code, e.title);
            }
        }
        return ExitCode::SUCCESS;
    }
    let code = args.code.as_deref().unwrap_or_default();
    match knowledge::explain(code, args.lang) {
        Some(entry) => {
            let e = Explanation::from(entry);
            if args.json {
                let _ = serde_json::to_writer_pretty(&mut out, &e);
                let _ = writeln!(out);
            } else {
                let _ = text_output::write_explanation(&mut out, &e, args.lang);
            }
            ExitCode::SUCCESS
        }
        None => {
            let message = match args.lang {
                Lang::En => format!("bounce-decoder: '{code}' is not a code in the knowledge base (try 5.1.1, 550, 5.1.x or S3150)"),
                Lang::De => format!("bounce-decoder: '{code}' ist kein Code der Wissensbasis (versuchen Sie 5.1.1, 550, 5.1.x oder S3150)"),
            };
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}

/// A batch of this many inputs or more shows a progress bar (when stderr is a terminal).
const PROGRESS_MIN_INPUTS: usize = 20;

/// The CSV columns, in order.
const CSV_HEADER: [&str; 21] = [
    "file",
    "message",
    "kind",
    "address",
    "domain",
    "status",
    "reply_code",
    "outcome",
    "bounce_type",
    "reason",
    "action",
    "provider",
    "remote_mta",
    "diagnostic",
    "decided_by",
    "sparkpost_class",
    "ses_bounce_type",
    "ses_bounce_subtype",
    "postmark_type",
    "sendgrid_classification",
    "mailgun_severity",
];

/// The inputs named on the command line: files as given, directories as the files in them
/// (recursively, in name order); stdin (`None`) when nothing is named. Unreadable
/// directories are reported and counted as failures.
fn collect_inputs(paths: &[PathBuf], failed: &mut bool) -> Vec<Option<PathBuf>> {
    if paths.is_empty() {
        return vec![None];
    }
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut out, failed);
        } else {
            out.push(Some(path.clone()));
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<Option<PathBuf>>, failed: &mut bool) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            eprintln!("bounce-decoder: cannot read {}: {e}", dir.display());
            *failed = true;
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            walk(&path, out, failed);
        } else if path.is_file() {
            out.push(Some(path));
        }
    }
}

/// Counts of recipients by outcome, reason, action and domain, for --summary.
#[derive(Default, serde::Serialize)]
struct Summary {
    messages: usize,
    recipients: usize,
    by_outcome: BTreeMap<String, usize>,
    by_reason: BTreeMap<String, usize>,
    by_action: BTreeMap<String, usize>,
    by_domain: BTreeMap<String, usize>,
}

impl Summary {
    fn add(&mut self, report: &Report) {
        self.messages += 1;
        for r in &report.recipients {
            self.recipients += 1;
            let reason = r.reason.map_or_else(|| "none".to_string(), |x| name_of(&x));
            *self.by_outcome.entry(name_of(&r.outcome)).or_default() += 1;
            *self.by_reason.entry(reason).or_default() += 1;
            *self.by_action.entry(name_of(&r.action)).or_default() += 1;
            let domain = domain_of(r).unwrap_or("(no address)").to_string();
            *self.by_domain.entry(domain).or_default() += 1;
        }
    }

    fn write_text(&self, out: &mut impl Write, lang: Lang) -> std::io::Result<()> {
        let (messages, recipients, outcome, reason, action, domain) = match lang {
            Lang::En => (
                "messages",
                "recipients",
                "By outcome",
                "By reason",
                "By action",
                "By domain",
            ),
            Lang::De => (
                "Nachrichten",
                "Empfänger",
                "Nach Ergebnis",
                "Nach Grund",
                "Nach Maßnahme",
                "Nach Domain",
            ),
        };
        writeln!(
            out,
            "{} {messages}, {} {recipients}",
            self.messages, self.recipients
        )?;
        for (title, counts) in [
            (outcome, &self.by_outcome),
            (reason, &self.by_reason),
            (action, &self.by_action),
            (domain, &self.by_domain),
        ] {
            writeln!(out, "\n{title}:")?;
            let mut sorted: Vec<(&String, &usize)> = counts.iter().collect();
            sorted.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            for (key, n) in sorted {
                writeln!(out, "  {n:>7}  {key}")?;
            }
        }
        Ok(())
    }
}

/// The snake_case name of a taxonomy value, as in the JSON.
fn name_of<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn domain_of(r: &Recipient) -> Option<&str> {
    let address = r.address.as_deref()?;
    address
        .rsplit_once('@')
        .map(|(_, d)| d)
        .filter(|d| !d.is_empty())
}

/// A progress bar on stderr for a long batch when stderr is a terminal; hidden otherwise.
fn progress_bar(inputs: usize) -> indicatif::ProgressBar {
    if inputs < PROGRESS_MIN_INPUTS || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(inputs as u64);
    let style = indicatif::ProgressStyle::with_template(
        "{bar:40} {pos}/{len} files, {per_sec}, {eta} left  {wide_msg}",
    )
    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}

/// One message to decode: a file, or one message of an mbox.
struct Job {
    name: std::sync::Arc<str>,
    /// Its number in an mbox of several messages (from 1); none for a single message.
    message: Option<usize>,
    /// Where it starts in its input (evidence offsets count from there).
    offset: usize,
    bytes: Vec<u8>,
}

/// What decoding a job gives: its output, or its report for the summary.
enum Done {
    Output(Vec<u8>),
    Report(Box<Report>),
    Panicked,
}

/// Jobs are decoded in groups of at most this many messages or bytes, each group on every
/// core, then written in input order: memory stays bounded on an mbox of any size.
const GROUP_MESSAGES: usize = 1024;
const GROUP_BYTES: usize = 8 * 1024 * 1024;

/// An input opened for reading: an mbox is read message by message; anything else is one
/// message, of which no more than the decoder reads (its input limit, and one byte to
/// know it was cut) is read.
enum Source {
    Mbox(bounce_decoder::MboxReader<Box<dyn std::io::BufRead>>),
    Whole(Vec<u8>),
}

fn open(path: Option<&Path>) -> std::io::Result<Source> {
    let mut reader: Box<dyn Read> = match path {
        Some(p) => Box::new(std::fs::File::open(p)?),
        None => Box::new(std::io::stdin()),
    };
    let mut head = Vec::with_capacity(5);
    reader.by_ref().take(5).read_to_end(&mut head)?;
    let rest = std::io::Cursor::new(head.clone()).chain(reader);
    if head.starts_with(b"From ") {
        let buffered: Box<dyn std::io::BufRead> =
            Box::new(std::io::BufReader::with_capacity(256 * 1024, rest));
        return Ok(Source::Mbox(bounce_decoder::MboxReader::new(buffered)));
    }
    let mut bytes = Vec::new();
    rest.take(bounce_decoder::MAX_INPUT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok(Source::Whole(bytes))
}

/// The output of one decoded job, as the chosen format writes it.
fn render(args: &DecodeArgs, job: &Job, report: Report) -> std::io::Result<Done> {
    if args.summary {
        return Ok(Done::Report(Box::new(report)));
    }
    let mut out = Vec::new();
    if args.csv {
        write_csv(&mut out, &job.name, job.message, &report)?;
    } else if args.jsonl {
        write_jsonl(&mut out, &job.name, job.message, &report)?;
    } else {
        let label = match job.message {
            Some(n) => format!("{} #{n}", job.name),
            None => job.name.to_string(),
        };
        text_output::write_report(&mut out, &label, &report, args.lang)?;
    }
    Ok(Done::Output(out))
}

/// Decodes a group of jobs on every core, in input order.
fn decode_group(args: &DecodeArgs, options: &Options, jobs: &[Job]) -> Vec<Done> {
    use rayon::prelude::*;
    jobs.par_iter()
        .map(|job| {
            // one bad input must not take a batch down
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let report = decode_message(&job.bytes, job.offset, options);
                render(args, job, report)
            }))
            .ok()
            .and_then(Result::ok)
            .unwrap_or(Done::Panicked)
        })
        .collect()
}

/// The state of a batch: the jobs waiting to be decoded, and what was written.
struct Batch<'a, W: Write> {
    args: &'a DecodeArgs,
    options: Options,
    jobs: Vec<Job>,
    bytes: usize,
    out: W,
    summary: Summary,
    failed: bool,
    /// Files whose internal error was reported already.
    reported: Option<std::sync::Arc<str>>,
}

impl<W: Write> Batch<'_, W> {
    /// Adds a job; decodes the group when it is full. Err when stdout is closed.
    fn push(&mut self, job: Job) -> std::io::Result<()> {
        self.bytes += job.bytes.len();
        self.jobs.push(job);
        if self.jobs.len() >= GROUP_MESSAGES || self.bytes >= GROUP_BYTES {
            self.flush()?;
        }
        Ok(())
    }

    /// Decodes and writes the waiting jobs.
    fn flush(&mut self) -> std::io::Result<()> {
        let jobs = std::mem::take(&mut self.jobs);
        self.bytes = 0;
        let done = decode_group(self.args, &self.options, &jobs);
        for (job, done) in jobs.iter().zip(done) {
            match done {
                Done::Output(bytes) => self.out.write_all(&bytes)?,
                Done::Report(report) => self.summary.add(&report),
                Done::Panicked => {
                    self.failed = true;
                    if self.reported.as_ref() != Some(&job.name) {
                        eprintln!("bounce-decoder: internal error while decoding {}; please report it with the file", job.name);
                        self.reported = Some(job.name.clone());
                    }
                }
            }
        }
        Ok(())
    }

    /// Reads one input into jobs: a whole file, or an mbox message by message.
    fn read(&mut self, name: std::sync::Arc<str>, source: Source) -> Result<(), ReadStop> {
        match source {
            Source::Whole(bytes) => self
                .push(Job {
                    name,
                    message: None,
                    offset: 0,
                    bytes,
                })
                .map_err(|_| ReadStop::Output),
            Source::Mbox(mut reader) => {
                let mut next = || reader.next_message().map_err(ReadStop::Input);
                let Some(first) = next()? else {
                    return Ok(());
                };
                // a single message is not numbered: look one message ahead
                let second = next()?;
                let numbered = second.is_some();
                let mut k = 0;
                let mut pending = Some(first);
                let mut ahead = second;
                while let Some((offset, bytes)) = pending.take() {
                    k += 1;
                    self.push(Job {
                        name: name.clone(),
                        message: numbered.then_some(k),
                        offset,
                        bytes,
                    })
                    .map_err(|_| ReadStop::Output)?;
                    pending = ahead.take();
                    if pending.is_some() {
                        ahead = next()?;
                    }
                }
                Ok(())
            }
        }
    }
}

/// Why reading an input stopped early.
enum ReadStop {
    /// It could not be read (any of it that was read is decoded).
    Input(std::io::Error),
    /// Stdout is closed.
    Output,
}

fn run_decode(args: &DecodeArgs) -> ExitCode {
    let options = Options {
        lang: args.lang,
        explanations: !(args.jsonl || args.csv || args.summary) || args.explanations,
        ..Options::default()
    };
    if args.threads > 0 {
        // the global pool can only be set once; this is the only place
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(args.threads)
            .build_global();
    }
    let stdout = std::io::stdout();
    let mut failed = false;
    let inputs = collect_inputs(&args.files, &mut failed);
    let bar = progress_bar(inputs.len());
    let mut batch = Batch {
        args,
        options,
        jobs: Vec::new(),
        bytes: 0,
        out: std::io::BufWriter::new(stdout.lock()),
        summary: Summary::default(),
        failed,
        reported: None,
    };
    if args.csv && write_csv_row(&mut batch.out, CSV_HEADER.iter().copied()).is_err() {
        return ExitCode::SUCCESS;
    }
    let exit = |failed: bool| {
        if failed {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        }
    };
    for path in inputs {
        let name: std::sync::Arc<str> = path
            .as_ref()
            .map_or_else(|| "-".to_string(), |p| p.display().to_string())
            .into();
        bar.set_message(name.to_string());
        let read = open(path.as_deref())
            .map_err(ReadStop::Input)
            .and_then(|source| batch.read(name.clone(), source));
        match read {
            Ok(()) => {}
            Err(ReadStop::Input(e)) => {
                // what came before it is written first
                if batch.flush().is_err() {
                    bar.finish_and_clear();
                    return exit(true);
                }
                bar.suspend(|| eprintln!("bounce-decoder: cannot read {name}: {e}"));
                batch.failed = true;
            }
            Err(ReadStop::Output) => {
                // stdout closed (for example piped into `head`): stop quietly
                bar.finish_and_clear();
                return exit(batch.failed);
            }
        }
        bar.inc(1);
    }
    if batch.flush().is_err() {
        bar.finish_and_clear();
        return exit(batch.failed);
    }
    bar.finish_and_clear();
    let mut out = batch.out;
    if args.summary {
        let _ = if args.jsonl {
            serde_json::to_writer(&mut out, &batch.summary)
                .map_err(std::io::Error::other)
                .and_then(|()| writeln!(out))
        } else {
            batch.summary.write_text(&mut out, args.lang)
        };
    }
    let _ = out.flush();
    exit(batch.failed)
}

fn write_jsonl(
    out: &mut impl Write,
    name: &str,
    message: Option<usize>,
    report: &Report,
) -> std::io::Result<()> {
    /// A report with the file it came from: written straight out (building a
    /// `serde_json::Value` first cost 40% of a 1 MB report's time).
    #[derive(serde::Serialize)]
    struct Line<'a> {
        file: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        message_index: Option<usize>,
        #[serde(flatten)]
        report: &'a Report,
    }
    let line = Line {
        file: name,
        message_index: message,
        report,
    };
    serde_json::to_writer(&mut *out, &line).map_err(std::io::Error::other)?;
    writeln!(out)
}

/// One field of a recipient's email-service equivalents, or empty.
fn esp(
    r: &bounce_decoder::Recipient,
    field: impl Fn(&bounce_decoder::report::EspEquivalents) -> Option<String>,
) -> String {
    r.esp.as_ref().and_then(field).unwrap_or_default()
}

/// One CSV row per recipient; a message without recipients gets one row with its kind.
fn write_csv(
    out: &mut impl Write,
    name: &str,
    message: Option<usize>,
    report: &Report,
) -> std::io::Result<()> {
    let message = message.map(|n| n.to_string()).unwrap_or_default();
    let kind = name_of(&report.kind);
    if report.recipients.is_empty() {
        let mut row = vec![name.to_string(), message, kind];
        row.resize(CSV_HEADER.len(), String::new());
        return write_csv_row(out, row.iter().map(String::as_str));
    }
    for r in &report.recipients {
        let row = [
            name.to_string(),
            message.clone(),
            kind.clone(),
            r.address.clone().unwrap_or_default(),
            domain_of(r).unwrap_or_default().to_string(),
            r.status.clone().unwrap_or_default(),
            r.reply_code.map(|c| c.to_string()).unwrap_or_default(),
            name_of(&r.outcome),
            name_of(&r.bounce_type),
            r.reason.map(|x| name_of(&x)).unwrap_or_default(),
            name_of(&r.action),
            r.provider
                .as_ref()
                .map(|p| p.name.clone())
                .unwrap_or_default(),
            r.remote_mta.clone().unwrap_or_default(),
            r.diagnostic.clone().unwrap_or_default(),
            r.decided_by.clone().unwrap_or_default(),
            esp(r, |e| e.sparkpost_class.map(|c| c.to_string())),
            esp(r, |e| e.ses_bounce_type.clone()),
            esp(r, |e| e.ses_bounce_subtype.clone()),
            esp(r, |e| e.postmark_type.clone()),
            esp(r, |e| e.sendgrid_classification.clone()),
            esp(r, |e| e.mailgun_severity.clone()),
        ];
        write_csv_row(out, row.iter().map(String::as_str))?;
    }
    Ok(())
}

/// Writes one RFC 4180 row (CRLF). A field that a spreadsheet would run as a formula
/// (starting with =, +, -, @, tab or CR) gets a leading apostrophe: bounce text is untrusted.
fn write_csv_row<'a>(
    out: &mut impl Write,
    fields: impl Iterator<Item = &'a str>,
) -> std::io::Result<()> {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        let risky = field.len() > 1
            && matches!(
                field.as_bytes()[0],
                b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r'
            );
        let field = if risky {
            format!("'{field}")
        } else {
            field.to_string()
        };
        if field.contains([',', '"', '\n', '\r']) {
            write!(out, "\"{}\"", field.replace('"', "\"\""))?;
        } else {
            out.write_all(field.as_bytes())?;
        }
    }
    out.write_all(b"\r\n")
}
