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
    assert_eq!(r["reason"], "user_unknown");
    assert_eq!(r["action"], "suppress");
}

#[test]
fn text_output_speaks_german() {
    let (out, _, _) = run_stdin(&["--lang", "de"], "452 4.2.2 mailbox full");
    assert!(
        out.contains("Soft Bounce") || out.contains("Grund"),
        "{out}"
    );
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
