//! In-process benchmark of the core (no process start, no output): `cargo run --release
//! --example bench -- corpus FILE...` decodes the files again and again for about two
//! seconds and prints messages/s and MB/s; `... -- scale` times generated inputs of 1 KB,
//! 100 KB, 1 MB and 10 MB in four shapes and prints a table. It prints figures; it asserts
//! nothing. `scripts/bench.sh` runs it.

use std::time::{Duration, Instant};

use bounce_decoder::{decode_all, Options};

fn options() -> Options {
    // as the CLI's --jsonl: no explanations of each code
    Options {
        explanations: false,
        ..Options::default()
    }
}

/// Runs `f` until at least `budget` has passed (and at least `min_runs` times); returns
/// the fastest single run and the number of runs.
fn time_runs(budget: Duration, min_runs: u32, mut f: impl FnMut()) -> (Duration, u32) {
    let start = Instant::now();
    let mut best = Duration::MAX;
    let mut runs = 0;
    while runs < min_runs || start.elapsed() < budget {
        let t = Instant::now();
        f();
        best = best.min(t.elapsed());
        runs += 1;
    }
    (best, runs)
}

fn corpus(files: &[String], seconds: f64) {
    let inputs: Vec<Vec<u8>> = files
        .iter()
        .map(|f| std::fs::read(f).unwrap_or_else(|e| panic!("{f}: {e}")))
        .collect();
    let bytes: usize = inputs.iter().map(Vec::len).sum();
    let options = options();
    let mut messages = 0usize;
    let pass = || -> usize {
        inputs
            .iter()
            .map(|input| std::hint::black_box(decode_all(input, &options)).len())
            .sum()
    };
    // warm-up
    messages += pass();
    let start = Instant::now();
    let mut passes = 0u32;
    while passes < 3 || start.elapsed().as_secs_f64() < seconds {
        messages += pass();
        passes += 1;
    }
    let elapsed = start.elapsed().as_secs_f64();
    let per_pass = messages / (passes as usize + 1);
    let msgs = (per_pass * passes as usize) as f64 / elapsed;
    let mbs = (bytes * passes as usize) as f64 / elapsed / 1e6;
    println!(
        "native in-process: {} files, {per_pass} messages, {:.2} MB, {passes} passes in {elapsed:.2} s: {msgs:.0} messages/s, {mbs:.1} MB/s",
        inputs.len(),
        bytes as f64 / 1e6
    );
}

/// One generated input of about `size` bytes in the given shape.
pub fn generate(shape: &str, size: usize) -> Vec<u8> {
    let mut s = String::with_capacity(size + 4096);
    match shape {
        "long-line" => {
            // a reply and its words on one line, with no line break
            s.push_str("<ann@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1 ");
            let words = [
                "the",
                "mailbox",
                "does",
                "not",
                "exist",
                "please",
                "check",
                "address",
                "and",
                "try",
                "again",
                "later",
                "recipient",
                "rejected",
            ];
            let mut i = 0;
            while s.len() < size {
                s.push_str(words[i % words.len()]);
                s.push(' ');
                i += 1;
            }
        }
        "postfix-log" => {
            let mut i = 0;
            while s.len() < size {
                s.push_str(&format!(
                    "Jan  1 00:00:{:02} mx postfix/smtp[{}]: {:010X}: to=<user{i}@example.org>, relay=mx.example.org[192.0.2.1]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=5.1.1, status=bounced (host mx.example.org[192.0.2.1] said: 550 5.1.1 <user{i}@example.org>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command))\n",
                    i % 60,
                    1000 + i % 9000,
                    i
                ));
                i += 1;
            }
        }
        "dsn-recipients" => {
            s.push_str("From: MAILER-DAEMON@mx.example.net\nTo: sender@example.com\nSubject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\n\n--b1\nContent-Type: text/plain\n\nThis is the mail system at host mx.example.net.\n\nI'm sorry to have to inform you that your message could not be delivered.\n\n--b1\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\nArrival-Date: Mon,  1 Jan 2024 00:00:00 +0000\n\n");
            let mut i = 0;
            while s.len() < size {
                s.push_str(&format!(
                    "Final-Recipient: rfc822; user{i}@example.org\nOriginal-Recipient: rfc822;user{i}@example.org\nAction: failed\nStatus: 5.1.1\nRemote-MTA: dns; mx.example.org\nDiagnostic-Code: smtp; 550 5.1.1 <user{i}@example.org>: Recipient address rejected: User unknown\n\n"
                ));
                i += 1;
            }
            s.push_str("--b1--\n");
        }
        "mime-nesting" => {
            // multipart/mixed parts nested inside each other, each with a short text part
            let mut depth = 0;
            let mut tail = String::new();
            s.push_str("From: MAILER-DAEMON@mx.example.net\nSubject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\n");
            while s.len() + tail.len() < size {
                s.push_str(&format!(
                    "Content-Type: multipart/mixed; boundary=\"b{depth}\"\n\n--b{depth}\nContent-Type: text/plain\n\n<u{depth}@example.org>: host mx said: 550 5.1.1 User unknown\n--b{depth}\n"
                ));
                tail = format!("\n--b{depth}--\n{tail}");
                depth += 1;
            }
            s.push_str("Content-Type: text/plain\n\nthe end\n");
            s.push_str(&tail);
        }
        other => panic!("unknown shape {other}"),
    }
    s.into_bytes()
}

const SHAPES: [&str; 4] = ["long-line", "postfix-log", "dsn-recipients", "mime-nesting"];
const SIZES: [(usize, &str); 4] = [
    (1_000, "1 KB"),
    (100_000, "100 KB"),
    (1_000_000, "1 MB"),
    (10_000_000, "10 MB"),
];

fn scale() {
    let options = options();
    println!("| input | {} |", SIZES.map(|(_, name)| name).join(" | "));
    println!("|---|{}", "---:|".repeat(SIZES.len()));
    for shape in SHAPES {
        let mut cells = Vec::new();
        for (size, _) in SIZES {
            let input = generate(shape, size);
            let budget = Duration::from_millis(if size >= 1_000_000 { 500 } else { 200 });
            let (best, _) = time_runs(budget, 2, || {
                std::hint::black_box(decode_all(&input, &options));
            });
            let ms = best.as_secs_f64() * 1e3;
            let mbs = input.len() as f64 / best.as_secs_f64() / 1e6;
            cells.push(format!("{ms:.3} ms, {mbs:.0} MB/s"));
        }
        println!("| {shape} | {} |", cells.join(" | "));
    }
    println!("(the fastest of repeated runs; inputs over 8 MB are cut to 8 MB with a warning)");
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("corpus") => {
            let seconds = std::env::var("BENCH_SECONDS")
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(2.0);
            corpus(&args[1..], seconds);
        }
        Some("scale") => scale(),
        Some("generate") => {
            // generate SHAPE SIZE: writes one generated input to stdout
            use std::io::Write;
            let size: usize = args[2].parse().expect("a size in bytes");
            let _ = std::io::stdout().write_all(&generate(&args[1], size));
        }
        _ => {
            eprintln!("usage: bench corpus FILE... | bench scale | bench generate SHAPE SIZE");
            std::process::exit(2);
        }
    }
}
