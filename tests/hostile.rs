//! Hostile input: each shape that could freeze the page or crash the core decodes to a
//! report, with a warning where something was cut. (Sizes are the limits README names or
//! what a hostile paste could hold; the decoder's own limits keep them bounded.)

use std::time::Instant;

use bounce_decoder::{decode_bytes, Options, MAX_INPUT_BYTES};

fn plain() -> Options {
    Options {
        explanations: false,
        ..Options::default()
    }
}

/// Decodes and reports how long it took (printed, not asserted: timings flake).
fn decode_timed(what: &str, input: &[u8]) -> bounce_decoder::Report {
    let t = Instant::now();
    let report = decode_bytes(input, &plain());
    println!("{what}: {} bytes in {:?}", input.len(), t.elapsed());
    report
}

fn codes(report: &bounce_decoder::Report) -> Vec<&str> {
    report.warnings.iter().map(|w| w.code.as_str()).collect()
}

#[test]
fn an_input_over_the_limit_is_cut_with_a_warning() {
    let mut big = b"550 5.1.1 <a@b.example> User unknown ".to_vec();
    big.resize(MAX_INPUT_BYTES + 4096, b'x');
    let r = decode_timed("one long line over the limit", &big);
    assert!(codes(&r).contains(&"input_truncated"), "{:?}", codes(&r));
    assert_eq!(r.recipients[0].status.as_deref(), Some("5.1.1"));
}

#[test]
fn many_recipients_are_capped_with_a_warning() {
    let mut report = String::from("Reporting-MTA: dns; mx.example.net\n\n");
    for i in 0..12_000 {
        report.push_str(&format!(
            "Final-Recipient: rfc822; user{i}@example.org\nAction: failed\nStatus: 5.1.1\n\n"
        ));
    }
    let r = decode_timed("12,000 DSN recipients", report.as_bytes());
    assert_eq!(r.recipients.len(), plain().max_recipients);
    assert!(
        codes(&r).contains(&"too_many_recipients"),
        "{:?}",
        codes(&r)
    );
}

#[test]
fn deeply_nested_messages_do_not_overflow_the_stack() {
    let mut email = String::new();
    for i in 0..1000 {
        email.push_str(&format!(
            "From: MAILER-DAEMON@mx{i}.example\nSubject: Undelivered\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b{i}\"\n\n--b{i}\nContent-Type: message/rfc822\n\n"
        ));
    }
    email.push_str("Subject: the original\n\nhello\n");
    let r = decode_timed("message/rfc822 nested 1,000 deep", email.as_bytes());
    // no failure is stated anywhere: no invented recipient
    assert!(r.recipients.iter().all(|x| x.status.is_none()));
}

#[test]
fn broken_encodings_nul_bytes_and_mixed_line_ends_still_decode() {
    let email = b"From: MAILER-DAEMON@mx.example.net\r\nSubject: Undelivered Mail Returned to Sender\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=no-such-charset\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!not base64\x00\x00===\n\r<ann@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1 User\x00 unknown\r\n";
    let r = decode_timed("bad base64, NULs, mixed line ends", email);
    assert!(r.recipients.len() <= 1);
    let qp = b"From: MAILER-DAEMON@mx.example.net\nSubject: Undelivered\nContent-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\n\n<ann@example.org>: said: 550 5.1.1 =ZZ=4=\nUser unknown=\n";
    let r = decode_timed("bad quoted-printable", qp);
    assert_eq!(r.recipients[0].address.as_deref(), Some("ann@example.org"));
}

#[test]
fn every_charset_label_is_survived() {
    for label in [
        "utf-8",
        "iso-8859-1",
        "windows-1252",
        "iso-2022-jp",
        "shift_jis",
        "euc-kr",
        "gb2312",
        "big5",
        "koi8-r",
        "utf-7",
        "x-unknown",
        "",
        "\"",
        "utf-8\x00",
        "utf-16",
    ] {
        let email = format!(
            "From: MAILER-DAEMON@mx.example.net\nSubject: =?{label}?B?SGVsbG8=?=\nContent-Type: text/plain; charset=\"{label}\"\n\n<ann@example.org>: host mx said: 550 5.1.1 User unknown\n"
        );
        let r = decode_bytes(email.as_bytes(), &plain());
        if label == "utf-16" {
            // ASCII bytes read as UTF-16 are other text: no recipient, and no crash
            continue;
        }
        assert_eq!(r.recipients.len(), 1, "charset {label:?}");
    }
}

#[test]
fn an_mbox_of_ten_thousand_messages_decodes_each() {
    let mut mbox = String::new();
    for i in 0..10_000 {
        mbox.push_str(&format!(
            "From MAILER-DAEMON Mon Jan  1 00:00:00 2024\nFrom: MAILER-DAEMON@mx.example.net\nSubject: Undelivered Mail\n\n<u{i}@example.org>: host mx said: 550 5.1.1 User unknown\n\n"
        ));
    }
    let t = Instant::now();
    let reports = bounce_decoder::decode_all(mbox.as_bytes(), &plain());
    println!(
        "mbox of 10,000 messages: {} bytes in {:?}",
        mbox.len(),
        t.elapsed()
    );
    assert_eq!(reports.len(), 10_000);
    assert!(reports.iter().all(|r| r.recipients.len() == 1));
}
