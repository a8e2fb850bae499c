//! The command-line tool as a user runs it.

use std::io::Write;
use std::process::{Command, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_bounce-decoder"))
}

fn run_stdin(args: &[&str], input: &str) -> (String, String, i32) {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn jsonl_has_the_fixed_field_names() {
    let (out, _, code) = run_stdin(&["--jsonl"], "550 5.1.1 <bob@example.com>: User unknown");
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["file"], "-");
    let r = &v["recipients"][0];
    assert_eq!(r["address"], "bob@example.com");
    assert_eq!(r["status"], "5.1.1");
    assert_eq!(r["reply_code"], 550);
    assert_eq!(r["bounce_type"], "hard");
    assert_eq!(r["outcome"], "bad_address");
    assert_eq!(r["reason"], "user_unknown");
    assert_eq!(r["action"], "suppress");
}

#[test]
fn the_first_line_of_a_recipient_says_what_happened_to_the_sender() {
    // a permanent block of the sender: refused sending, never a bad address or "hard bounce"
    let (out, _, _) = run_stdin(
        &[],
        "550 5.7.1 Unfortunately, messages from [192.0.2.10] weren't sent. Please contact your \
         Internet service provider since part of their network is on our block list (S3150).",
    );
    let line = out.lines().nth(2).unwrap_or_default();
    assert!(line.starts_with("   [Sending refused] "), "{out}");
    assert!(line.contains("Permanent failure"), "{out}");
    let summary = out.split("\n## ").next().unwrap_or_default();
    assert!(!summary.to_lowercase().contains("hard bounce"), "{out}");
    // a full mailbox behind a 5xx is kept: a temporary problem
    let (out, _, _) = run_stdin(&["--lang", "de"], "552 5.2.2 <a@example.org>: mailbox full");
    let line = out.lines().nth(2).unwrap_or_default();
    assert!(line.starts_with("   [Vorübergehendes Problem] "), "{out}");
    assert!(line.contains("Dauerhafter Fehler"), "{out}");
}

#[test]
fn text_output_speaks_german() {
    let (out, _, _) = run_stdin(&["--lang", "de"], "452 4.2.2 mailbox full");
    assert!(out.contains("Vorübergehender Fehler"), "{out}");
    assert!(out.contains("Grund: Postfach voll"), "{out}");
}

#[test]
fn explain_all_covers_every_entry_with_the_fixed_keys() {
    let out = bin()
        .args(["explain", "--all", "--json", "--lang", "de"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let all = v.as_array().unwrap();
    assert!(all.len() > 230);
    for key in [
        "code",
        "title",
        "breakdown",
        "bounce_type",
        "category",
        "action",
        "causes",
        "resolution_marketers",
        "resolution_developers",
        "counterpart",
        "examples",
        "provider_responses",
        "best_practices",
        "investigation",
    ] {
        assert!(all.iter().all(|e| e.get(key).is_some()), "key {key}");
    }
}

#[test]
fn explain_one_code_and_refuse_an_unknown_one() {
    let out = bin().args(["explain", "5.2.2"]).output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("5.2.2"));
    let out = bin().args(["explain", "9.9.9"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("9.9.9"));
}

#[test]
fn an_unreadable_file_fails_after_the_others_are_done() {
    let dir = std::env::temp_dir().join(format!("bd-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("good.txt");
    std::fs::write(&good, "550 5.1.1 <a@example.com> user unknown").unwrap();
    let none = dir.join("nobounce.txt");
    std::fs::write(&none, "just a note").unwrap();
    let missing = dir.join("missing.eml");
    let out = bin()
        .arg("--jsonl")
        .arg(&missing)
        .arg(&good)
        .arg(&none)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["recipients"].as_array().unwrap().len(), 0);
    assert!(!lines[1]["warnings"].as_array().unwrap().is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.eml"));
}

// ------------------------------------------------------------------ batches

const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/samples");

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(format!("{SAMPLES}/{name}")).unwrap()
}

/// A fresh, empty folder for one test.
fn scratch(test: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("bd-cli-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// An mbox of real bounces, each behind a `From ` separator line.
fn mbox_of(names: &[&str]) -> Vec<u8> {
    let mut out = Vec::new();
    for name in names {
        out.extend_from_slice(b"From MAILER-DAEMON Thu Jan  1 00:00:00 2024\n");
        out.extend_from_slice(&sample(name));
        out.extend_from_slice(b"\n\n");
    }
    out
}

fn jsonl(args: &[&std::ffi::OsStr]) -> Vec<serde_json::Value> {
    let out = bin().arg("--jsonl").args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn addresses(report: &serde_json::Value) -> Vec<String> {
    report["recipients"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["address"].as_str().unwrap_or("").to_string())
        .collect()
}

const MBOX_MESSAGES: [&str; 3] = ["lhost-gmail-19.eml", "lhost-gmx-01.eml", "lhost-gmx-04.eml"];
const DIR_FILES: [&str; 2] = ["lhost-exim-01.eml", "lhost-postfix-02.eml"];

/// A folder with two real bounces in a subfolder, and an mbox of three more.
fn batch_folder(test: &str) -> (std::path::PathBuf, std::path::PathBuf) {
    let dir = scratch(test);
    let sub = dir.join("inbox").join("bounces");
    std::fs::create_dir_all(&sub).unwrap();
    for name in DIR_FILES {
        std::fs::write(sub.join(name), sample(name)).unwrap();
    }
    let mbox = dir.join("returned.mbox");
    std::fs::write(&mbox, mbox_of(&MBOX_MESSAGES)).unwrap();
    (dir.join("inbox"), mbox)
}

#[test]
fn a_directory_and_an_mbox_give_one_result_per_message() {
    let (folder, mbox) = batch_folder("dir-mbox");
    let lines = jsonl(&[folder.as_os_str(), mbox.as_os_str()]);
    assert_eq!(lines.len(), DIR_FILES.len() + MBOX_MESSAGES.len());
    // the folder's files first, in name order, with their paths
    for (line, name) in lines.iter().zip(DIR_FILES) {
        assert!(
            line["file"].as_str().unwrap().ends_with(name),
            "{}",
            line["file"]
        );
        assert!(line.get("message_index").is_none());
    }
    // each message of the mbox alone, numbered from 1, as its sample gives it decoded alone
    for (k, name) in MBOX_MESSAGES.iter().enumerate() {
        let line = &lines[DIR_FILES.len() + k];
        assert_eq!(line["file"], mbox.display().to_string());
        assert_eq!(line["message_index"], k + 1);
        let alone = jsonl(&[std::path::Path::new(&format!("{SAMPLES}/{name}")).as_os_str()]);
        assert_eq!(addresses(line), addresses(&alone[0]), "{name}");
        assert!(!addresses(line).is_empty(), "{name} names a recipient");
        assert_eq!(
            line["recipients"][0]["reason"],
            alone[0]["recipients"][0]["reason"]
        );
        // no "holds 3 messages" warning: the messages are kept apart
        let warnings = line["warnings"].as_array().unwrap();
        assert!(
            warnings.iter().all(|w| w["code"] != "several_messages"),
            "{warnings:?}"
        );
    }
}

/// Splits CSV text (RFC 4180: quoted fields may hold commas, quotes and line breaks).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}

#[test]
fn csv_has_one_row_per_recipient_with_the_jsonl_values() {
    let (folder, mbox) = batch_folder("csv");
    let out = bin().arg("--csv").arg(&folder).arg(&mbox).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("\r\n"), "RFC 4180 line ends");
    let rows = parse_csv(&text);
    assert_eq!(
        rows[0],
        [
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
            "mailgun_severity"
        ]
    );
    let reports = jsonl(&[folder.as_os_str(), mbox.as_os_str()]);
    let expected: Vec<&serde_json::Value> = reports
        .iter()
        .flat_map(|r| r["recipients"].as_array().unwrap())
        .collect();
    assert_eq!(rows.len() - 1, expected.len());
    for (row, r) in rows[1..].iter().zip(&expected) {
        assert_eq!(row.len(), 21);
        let address = r["address"].as_str().unwrap_or("");
        assert_eq!(row[3], address);
        assert_eq!(row[4], address.rsplit_once('@').map_or("", |(_, d)| d));
        assert_eq!(row[5], r["status"].as_str().unwrap_or(""));
        assert_eq!(row[7], r["outcome"].as_str().unwrap());
        assert_eq!(row[8], r["bounce_type"].as_str().unwrap());
        assert_eq!(row[9], r["reason"].as_str().unwrap_or(""));
        assert_eq!(row[10], r["action"].as_str().unwrap());
        // the diagnostic survives the quoting (less a formula guard's apostrophe)
        let diagnostic = r["diagnostic"].as_str().unwrap_or("");
        assert!(row[13] == diagnostic || row[13] == format!("'{diagnostic}"));
        // the rule and what the email services would call it
        assert_eq!(row[14], r["decided_by"].as_str().unwrap_or(""));
        let esp = &r["esp"];
        assert_eq!(
            row[15],
            esp["sparkpost_class"]
                .as_u64()
                .map(|c| c.to_string())
                .unwrap_or_default()
        );
        assert_eq!(row[20], esp["mailgun_severity"].as_str().unwrap_or(""));
    }
    // the mbox's rows carry the message number
    let mbox_rows: Vec<&Vec<String>> = rows[1..]
        .iter()
        .filter(|row| row[0] == mbox.display().to_string())
        .collect();
    assert_eq!(mbox_rows.len(), MBOX_MESSAGES.len());
    assert_eq!(
        mbox_rows.iter().map(|r| r[1].as_str()).collect::<Vec<_>>(),
        ["1", "2", "3"]
    );
}

#[test]
fn csv_quotes_commas_and_defuses_formulas() {
    let (out, _, code) = run_stdin(
        &["--csv"],
        "550 5.1.1 <bob@example.com>: \"=HYPERLINK(x)\", user unknown",
    );
    assert_eq!(code, 0);
    let rows = parse_csv(&out);
    assert_eq!(rows.len(), 2, "{out}");
    assert_eq!(rows[1][0], "-");
    assert_eq!(rows[1][3], "bob@example.com");
    assert!(
        rows[1][13].contains("\"=HYPERLINK(x)\", user unknown"),
        "{out}"
    );
    // a message without a recipient still has its row
    let (out, _, _) = run_stdin(&["--csv"], "just a note, no bounce");
    let rows = parse_csv(&out);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1][3], "");
    // a field that a spreadsheet would run as a formula (here a file's name) is prefixed
    let dir = scratch("formula");
    std::fs::write(
        dir.join("=SUM(A1).txt"),
        "550 5.1.1 <a@example.com> user unknown",
    )
    .unwrap();
    let out = bin()
        .current_dir(&dir)
        .args(["--csv", "=SUM(A1).txt"])
        .output()
        .unwrap();
    let rows = parse_csv(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(rows[1][0], "'=SUM(A1).txt");
    assert_eq!(rows[1][3], "a@example.com");
}

#[test]
fn summary_counts_reasons_actions_and_domains_of_the_whole_batch() {
    let (folder, mbox) = batch_folder("summary");
    let reports = jsonl(&[folder.as_os_str(), mbox.as_os_str()]);
    let out = bin()
        .args(["--summary", "--jsonl"])
        .arg(&folder)
        .arg(&mbox)
        .output()
        .unwrap();
    assert!(out.status.success());
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["messages"], reports.len());
    let recipients: Vec<&serde_json::Value> = reports
        .iter()
        .flat_map(|r| r["recipients"].as_array().unwrap())
        .collect();
    assert_eq!(summary["recipients"], recipients.len());
    for (group, field) in [
        ("by_outcome", "outcome"),
        ("by_reason", "reason"),
        ("by_action", "action"),
    ] {
        let total: u64 = summary[group]
            .as_object()
            .unwrap()
            .values()
            .map(|v| v.as_u64().unwrap())
            .sum();
        assert_eq!(total as usize, recipients.len(), "{group}");
        let first = recipients[0][field].as_str().unwrap_or("none");
        let n = recipients
            .iter()
            .filter(|r| r[field].as_str().unwrap_or("none") == first)
            .count();
        assert_eq!(summary[group][first], n, "{group} {first}");
    }
    let gmx = recipients
        .iter()
        .filter(|r| r["address"].as_str().unwrap_or("").ends_with("@example.jp"))
        .count();
    assert!(gmx > 0);
    assert_eq!(summary["by_domain"]["example.jp"], gmx);

    // for people, in German too
    let out = bin()
        .args(["--summary", "--lang", "de"])
        .arg(&folder)
        .arg(&mbox)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with(&format!(
            "{} Nachrichten, {} Empfänger",
            reports.len(),
            recipients.len()
        )),
        "{text}"
    );
    assert!(
        text.contains("Nach Grund:") && text.contains("Nach Domain:"),
        "{text}"
    );
}

#[test]
fn a_long_batch_shows_progress_only_on_a_terminal() {
    let all = std::path::Path::new(SAMPLES);
    // not a terminal: stderr stays clean
    let out = bin().arg("--csv").arg(all).output().unwrap();
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let files = std::fs::read_dir(all).unwrap().count();
    // a terminal (util-linux `script` gives the command one): the bar counts the files
    let command = format!(
        "{} --csv {} > /dev/null",
        env!("CARGO_BIN_EXE_bounce-decoder"),
        all.display()
    );
    let out = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .output()
        .expect("util-linux script");
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains(&format!("/{files} files")), "{shown}");
}
