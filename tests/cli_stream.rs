//! The CLI reads an mbox message by message: a large one gives every message, in order,
//! as decoding the whole input at once does, and its memory stays bounded (well below the
//! mbox's size). Threads do not change the output.

use std::process::{Command, Stdio};
use std::time::Duration;

use bounce_decoder::{decode_all, Options};

/// An mbox of `count` bounces, each carrying `padding` bytes of quoted original text.
fn mbox(count: usize, padding: usize) -> Vec<u8> {
    let line = "> the original message said something long enough to fill a line of text\n";
    let quoted = line.repeat(padding / line.len() + 1);
    let mut out = Vec::new();
    for i in 0..count {
        out.extend_from_slice(
            format!(
                "From MAILER-DAEMON Mon Jan  1 00:00:00 2024\nFrom: MAILER-DAEMON@mx.example.net\nSubject: Undelivered Mail Returned to Sender\n\n<user{i}@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1 User unknown\n\n--- Below this line is a copy of the message.\n\n{quoted}\n"
            )
            .as_bytes(),
        );
    }
    out
}

fn file(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!("bd-stream-{name}-{}", std::process::id()));
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Runs the CLI and returns its stdout and its peak resident memory (VmHWM, read from
/// /proc while it runs, where there is one).
fn run(args: &[&std::ffi::OsStr]) -> (Vec<u8>, Option<u64>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bounce-decoder"))
        .args(args)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let status = format!("/proc/{}/status", child.id());
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        std::io::Read::read_to_end(&mut { stdout }, &mut out).unwrap();
        out
    });
    let mut peak = None;
    while child.try_wait().unwrap().is_none() {
        if let Ok(s) = std::fs::read_to_string(&status) {
            let kb = s
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok());
            peak = kb.map(|k| k * 1024).or(peak);
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    (reader.join().unwrap(), peak)
}

#[test]
fn a_large_mbox_is_streamed_in_order_with_bounded_memory() {
    // 48 MB: more than the CLI holds at once (a group of 8 MB of messages)
    let bytes = mbox(2400, 20_000);
    let path = file("large.mbox", &bytes);
    let (out, peak) = run(&["--jsonl".as_ref(), path.as_os_str()]);
    let lines: Vec<serde_json::Value> = out
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2400);
    // as decoding the whole input at once gives it, message by message
    let options = Options {
        explanations: false,
        ..Options::default()
    };
    let whole = decode_all(&bytes, &options);
    for (k, (line, report)) in lines.iter().zip(&whole).enumerate() {
        assert_eq!(line["message_index"], k + 1);
        let mut want = serde_json::to_value(report).unwrap();
        let want = want.as_object_mut().unwrap();
        want.insert("file".into(), path.display().to_string().into());
        want.insert("message_index".into(), (k + 1).into());
        assert_eq!(
            line,
            &serde_json::Value::Object(want.clone()),
            "message {}",
            k + 1
        );
    }
    if let Some(peak) = peak {
        println!(
            "peak memory {} MB for an mbox of {} MB",
            peak >> 20,
            bytes.len() >> 20
        );
        assert!(
            peak < (bytes.len() as u64) * 3 / 4,
            "peak memory {peak} bytes"
        );
    }
    std::fs::remove_file(path).unwrap();
}

#[test]
fn one_thread_and_every_core_give_the_same_output() {
    let bytes = mbox(300, 2_000);
    let path = file("threads.mbox", &bytes);
    let one = run(&["--threads".as_ref(), "1".as_ref(), path.as_os_str()]).0;
    let all = run(&[path.as_os_str()]).0;
    assert!(!one.is_empty());
    assert_eq!(one, all);
    std::fs::remove_file(path).unwrap();
}
