//! The `bounce-decoder` command: decodes bounce files (or stdin) for people or as JSON
//! lines, and explains codes from the knowledge base.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use bounce_decoder::knowledge::{self, Lang};
use bounce_decoder::{decode_bytes, Explanation, Options, Report};

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
    /// Print one JSON object per input file instead of text for people.
    #[arg(long)]
    jsonl: bool,
    /// With --jsonl: include the full explanation of every code found.
    #[arg(long)]
    explanations: bool,
    /// Bounce files to decode (.eml, mbox, text); standard input when none.
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

fn run_decode(args: &DecodeArgs) -> ExitCode {
    let options = Options {
        lang: args.lang,
        explanations: !args.jsonl || args.explanations,
        ..Options::default()
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    let inputs: Vec<Option<PathBuf>> = if args.files.is_empty() {
        vec![None]
    } else {
        args.files.iter().cloned().map(Some).collect()
    };
    for path in inputs {
        let name = path
            .as_ref()
            .map_or_else(|| "-".to_string(), |p| p.display().to_string());
        let bytes = match &path {
            Some(p) => std::fs::read(p),
            None => {
                let mut buf = Vec::new();
                std::io::stdin().read_to_end(&mut buf).map(|_| buf)
            }
        };
        let bytes = match bytes {
            Ok(b) => b,
            Err(e) => {
                eprintln!("bounce-decoder: cannot read {name}: {e}");
                failed = true;
                continue;
            }
        };
        // one bad input must not take a batch down
        let report = std::panic::catch_unwind(|| decode_bytes(&bytes, &options));
        let report: Report = match report {
            Ok(r) => r,
            Err(_) => {
                eprintln!("bounce-decoder: internal error while decoding {name}; please report it with the file");
                failed = true;
                continue;
            }
        };
        let written = if args.jsonl {
            write_jsonl(&mut out, &name, &report)
        } else {
            text_output::write_report(&mut out, &name, &report, args.lang)
        };
        if written.is_err() {
            // stdout closed (for example piped into `head`): stop quietly
            return if failed {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            };
        }
    }
    let _ = out.flush();
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn write_jsonl(out: &mut impl Write, name: &str, report: &Report) -> std::io::Result<()> {
    let mut value = serde_json::to_value(report).map_err(std::io::Error::other)?;
    if let Some(obj) = value.as_object_mut() {
        obj.insert(
            "file".to_string(),
            serde_json::Value::String(name.to_string()),
        );
    }
    serde_json::to_writer(&mut *out, &value).map_err(std::io::Error::other)?;
    writeln!(out)
}
