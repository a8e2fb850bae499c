//! Decoding real inputs: reply lines, multi-line replies, DSN fields, log lines, codes,
//! text with no code, and hostile input.

use bounce_decoder::model::{EvidenceKind, SmtpCommand};
use bounce_decoder::report::{InputKind, MessageKind};
use bounce_decoder::{decode, decode_bytes, Action, BounceType, Lang, Options, Reason};

fn en() -> Options {
    Options::default()
}

#[test]
fn a_postfix_reply_line_is_a_hard_user_unknown_to_suppress() {
    let r = decode("550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown in virtual mailbox table", &en());
    assert_eq!(r.recipients.len(), 1);
    let rec = &r.recipients[0];
    assert_eq!(rec.address.as_deref(), Some("bob@example.com"));
    assert_eq!(rec.status.as_deref(), Some("5.1.1"));
    assert_eq!(rec.reply_code, Some(550));
    assert_eq!(rec.bounce_type, BounceType::Hard);
    assert_eq!(rec.reason, Some(Reason::UserUnknown));
    assert_eq!(rec.action, Action::Suppress);
    assert!(r.explanations.iter().any(|e| e.code == "5.1.1"));
    assert!(r.explanations.iter().any(|e| e.code == "550"));
    // the evidence points into the input
    let ev = rec
        .evidence
        .iter()
        .find(|e| e.about == EvidenceKind::Address)
        .unwrap();
    assert_eq!(ev.start, Some(11));
}

#[test]
fn the_same_in_german() {
    let r = decode(
        "550 5.1.1 <bob@example.com>: User unknown",
        &Options {
            lang: Lang::De,
            ..Options::default()
        },
    );
    let e = r.explanations.iter().find(|e| e.code == "5.1.1").unwrap();
    assert!(
        e.title.contains("Empfänger") || e.title.contains("Postfach"),
        "{}",
        e.title
    );
}

#[test]
fn a_multi_line_gmail_reply_is_read_as_one() {
    let r = decode("550-5.1.1 The email account that you tried to reach does not exist. Please try\n550-5.1.1 double-checking the recipient's email address for typos or\n550 5.1.1 unnecessary spaces. https://support.google.com/mail/?p=NoSuchUser a1si123 - gsmtp", &en());
    assert_eq!(r.recipients.len(), 1);
    assert_eq!(r.recipients[0].reason, Some(Reason::UserUnknown));
    assert_eq!(
        r.recipients[0].provider.as_ref().map(|p| p.name.as_str()),
        Some("Google")
    );
}

#[test]
fn a_sender_block_is_not_a_bad_address() {
    for line in [
        "550 5.7.1 Unfortunately, messages from [192.0.2.1] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150).",
        "550-5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy.",
        "554 IP=192.0.2.1 - None/bad reputation. Contact tobr@rx.t-online.de for reset. (NOWL)",
        "421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints",
    ] {
        let r = decode(line, &en());
        let rec = &r.recipients[0];
        assert_ne!(rec.action, Action::Suppress, "{line}");
        assert_ne!(rec.reason, Some(Reason::UserUnknown), "{line}");
    }
}

#[test]
fn microsoft_access_denied_at_rcpt_is_a_recipient_problem() {
    let r = decode("550 5.4.1 Recipient address rejected: Access denied. AS(201806281) [DM6NAM11FT012.eop-nam11.prod.protection.outlook.com]", &en());
    assert_eq!(r.recipients[0].reason, Some(Reason::UserUnknown));
    assert_eq!(r.recipients[0].action, Action::Suppress);
}

#[test]
fn a_deferral_is_soft_and_retried() {
    let r = decode(
        "452 4.2.2 The email account that you tried to reach is over quota.",
        &en(),
    );
    assert_eq!(r.recipients[0].bounce_type, BounceType::Soft);
    assert_eq!(r.recipients[0].reason, Some(Reason::MailboxFull));
    assert_eq!(r.recipients[0].action, Action::Retry);
}

#[test]
fn success_is_not_a_failure() {
    let r = decode("250 2.0.0 OK queued as 4F3A", &en());
    assert_eq!(r.recipients[0].bounce_type, BounceType::None);
    assert_eq!(r.recipients[0].action, Action::None);
}

#[test]
fn bare_codes_are_explained() {
    let r = decode("5.3.0", &en());
    assert_eq!(r.input, InputKind::Code);
    assert_eq!(r.recipients[0].bounce_type, BounceType::Hard);
    assert!(r.explanations.iter().any(|e| e.code == "5.3.0"));
    let r = decode("550", &en());
    assert_eq!(r.recipients[0].reply_code, Some(550));
    // 550 alone does not say whether the address or the sender is at fault: the reason
    // is named undefined, and a warning says it was not guessed
    assert_eq!(r.recipients[0].reason, Some(Reason::Undefined));
    assert_eq!(r.recipients[0].action, Action::Review);
    assert!(r.warnings.iter().any(|w| w.code == "reason_unknown"));
    // a provider's code as its reply writes it, and Spectrum's four digits alone: no reply
    // code of 1310
    for typed in ["AUP#In-1310", "1310"] {
        let r = decode(typed, &en());
        assert_eq!(r.input, InputKind::Code, "{typed}");
        let rcpt = &r.recipients[0];
        assert_eq!(rcpt.reply_code, None, "{typed}");
        assert_eq!(rcpt.reason, Some(Reason::TooManyConn), "{typed}");
        assert_eq!(
            rcpt.provider.as_ref().map(|p| p.tokens.clone()),
            Some(vec!["1310".to_string()]),
            "{typed}"
        );
    }
}

#[test]
fn disagreeing_classes_are_reported() {
    let r = decode("550 4.2.2 mailbox full", &en());
    assert!(r.recipients[0]
        .notes
        .iter()
        .any(|n| n.code == "class_mismatch"));
}

#[test]
fn dsn_fields_pasted_as_text() {
    let r = decode("Final-Recipient: rfc822; a@example.com\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 user unknown\n\nFinal-Recipient: rfc822; b@example.net\nAction: delayed\nStatus: 4.4.7\n", &en());
    assert_eq!(r.recipients.len(), 2);
    assert_eq!(r.recipients[1].bounce_type, BounceType::Soft);
    assert_eq!(r.recipients[1].dsn_action.as_deref(), Some("delayed"));
}

#[test]
fn postfix_and_exim_log_lines() {
    let r = decode("Jan 10 12:00:00 mx postfix/smtp[123]: 4F3A: to=<bob@example.com>, relay=mx.example.com[192.0.2.1]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=5.1.1, status=bounced (host mx.example.com[192.0.2.1] said: 550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown (in reply to RCPT TO command))", &en());
    assert_eq!(r.input, InputKind::Log);
    assert_eq!(r.recipients[0].status.as_deref(), Some("5.1.1"));
    assert_eq!(r.recipients[0].smtp_command, Some(SmtpCommand::Rcpt));
    let r = decode("2024-01-10 12:00:00 1rABCD-000123-AB ** carol@example.org R=dnslookup T=remote_smtp H=mx.example.org [192.0.2.7]: SMTP error from remote mail server after RCPT TO:<carol@example.org>: 550 5.1.1 User unknown", &en());
    assert_eq!(
        r.recipients[0].address.as_deref(),
        Some("carol@example.org")
    );
    assert_eq!(r.recipients[0].reason, Some(Reason::UserUnknown));
}

#[test]
fn ip_addresses_dates_and_versions_are_not_codes() {
    let r = decode(
        "Connected to 192.0.2.5 on 4.5.2023 running version 5.1.1, call +49 551 1234567",
        &en(),
    );
    // no code anywhere: nothing to report, and the report says so
    assert!(r.recipients.is_empty(), "{:?}", r.recipients);
    assert_eq!(r.warnings[0].code, "no_bounce_found");
}

#[test]
fn text_without_a_code_gets_an_honest_unknown() {
    let r = decode(
        "Hello, I never got your email. Can you send it again?",
        &en(),
    );
    assert!(r.recipients.is_empty());
    assert!(r.warnings.iter().any(|w| w.code == "no_bounce_found"));
}

#[test]
fn hostile_inputs_give_a_result_not_a_panic() {
    let binary: Vec<u8> = (0..200_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let _ = decode_bytes(&binary, &en());
    let huge = "550 5.1.1 <x@example.com> user unknown\n".repeat(300_000);
    let r = decode(&huge, &en());
    assert!(!r.recipients.is_empty());
    let r = decode_bytes(&vec![b'a'; bounce_decoder::MAX_INPUT_BYTES + 10], &en());
    assert!(r.warnings.iter().any(|w| w.code == "input_truncated"));
    for truncated in ["From: a@b\nSubject: x\nContent-Type: multipart/report; boundary=\"b\"\n\n--b\nContent-Type: message/delivery-status\n\nFinal-Recipient: rfc822; q", "Content-Type: multipart/mixed; boundary=x\n\n--x\n--x--\n", "From: \u{0}\u{1}\nSubject: =?utf-8?B?////?=\n\n\u{ffff}"] {
        let _ = decode(truncated, &en());
    }
    let many: String = (0..10_000)
        .map(|i| {
            format!("Final-Recipient: rfc822; u{i}@example.com\nAction: failed\nStatus: 5.1.1\n\n")
        })
        .collect();
    let r = decode(&many, &en());
    assert_eq!(r.recipients.len(), 10_000);
}

#[test]
fn a_whole_dsn_email_with_original_message() {
    let eml = "From: MAILER-DAEMON@mx.example.net\r\nTo: sender@example.org\r\nSubject: Undelivered Mail Returned to Sender\r\nMIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nI'm sorry to have to inform you that your message could not be delivered.\r\n\r\n--B\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.net\r\n\r\nFinal-Recipient: rfc822; gone@example.com\r\nAction: failed\r\nStatus: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 <gone@example.com>: User unknown\r\n\r\nFinal-Recipient: rfc822; full@example.com\r\nAction: delayed\r\nStatus: 4.2.2\r\nDiagnostic-Code: smtp; 452 4.2.2 Mailbox full\r\n\r\n--B\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: sender@example.org\r\nTo: gone@example.com, quoted@example.com\r\nSubject: Hello\r\nMessage-ID: <abc@example.org>\r\n\r\n--B--\r\n";
    let r = decode(eml, &en());
    assert_eq!(r.input, InputKind::Email);
    assert_eq!(r.kind, MessageKind::Bounce);
    let addrs: Vec<_> = r
        .recipients
        .iter()
        .map(|x| x.address.clone().unwrap())
        .collect();
    assert_eq!(addrs, ["gone@example.com", "full@example.com"]);
    assert_eq!(r.recipients[1].bounce_type, BounceType::Soft);
    assert_eq!(
        r.original.as_ref().and_then(|o| o.message_id.as_deref()),
        Some("abc@example.org")
    );
    assert_eq!(r.message.reporting_mta.as_deref(), Some("mx.example.net"));
}

#[test]
fn evidence_offsets_point_into_the_raw_bytes_of_a_latin1_bounce() {
    let mut raw =
        b"From: MAILER-DAEMON@example.org\nSubject: Undelivered Mail\n\nGr\xfc\xdfe \xe4\xf6\xfc\n"
            .to_vec();
    raw.extend_from_slice(b"<bob@example.com>: host mx said: 550 5.1.1 User Unknown\n");
    let report = decode_bytes(&raw, &en());
    let r = &report.recipients[0];
    let mut checked = 0;
    for e in &r.evidence {
        if let (Some(s), Some(t)) = (e.start, e.end) {
            assert_eq!(&raw[s..t], e.text.as_bytes(), "{:?}", e.about);
            checked += 1;
        }
    }
    assert!(checked >= 3, "{:?}", r.evidence);
}

/// A bounce email around a report text, as a Sendmail or an unnamed MTA writes it.
fn bounce_email(subject: &str, report: &str) -> String {
    format!(
        "From: Mail Delivery Subsystem <MAILER-DAEMON@relay.example.com>\nTo: sender@example.jp\nSubject: {subject}\nDate: Thu, 29 Apr 1999 23:34:45 +0900\n\n{report}"
    )
}

/// The result for one address of a report.
/// The recipients' addresses in the report's order ("" for one without an address).
fn addresses_of(report: &bounce_decoder::Report) -> Vec<&str> {
    report
        .recipients
        .iter()
        .map(|r| r.address.as_deref().unwrap_or(""))
        .collect()
}

fn recipient<'a>(
    report: &'a bounce_decoder::Report,
    address: &str,
) -> &'a bounce_decoder::Recipient {
    report
        .recipients
        .iter()
        .find(|x| x.address.as_deref() == Some(address))
        .unwrap_or_else(|| panic!("no result for {address}: {:?}", report.recipients))
}

#[test]
fn a_sendmail_summary_line_takes_the_servers_reply_from_its_section() {
    let email = bounce_email(
        "Returned mail: see transcript for details",
        "   ----- Transcript of session follows -----\n\
         While talking to mx.example.org:\n\
         >>> MAIL From:<sender@example.jp>\n\
         <<< 501 <sender@example.jp>... no access from mail server [192.0.2.55] which is an open relay.\n\
         554 <ann@example.org>... Remote protocol error\n\
         550 example.net (smtp)... 550 Host unknown\n\
         554 <bob@example.net>... 550 Host unknown (Authoritative answer from name server)\n",
    );
    let r = decode(&email, &en());
    let ann = recipient(&r, "ann@example.org");
    // the server refused our MAIL FROM: the sending host is blocked, the address is fine
    assert_eq!(ann.reply_code, Some(501));
    assert_eq!(ann.smtp_command, Some(SmtpCommand::Mail));
    assert_eq!(ann.reason, Some(Reason::Blocked));
    assert!(ann.diagnostic.as_deref().unwrap().contains("open relay"));
    // a summary that quotes its own reply keeps it
    let bob = recipient(&r, "bob@example.net");
    assert_eq!(bob.reply_code, Some(550));
    assert_eq!(bob.reason, Some(Reason::HostUnknown));
}

#[test]
fn a_recipients_own_line_outweighs_the_words_about_the_whole_message() {
    let email = bounce_email(
        "mail failed, returning to sender",
        "|------------------------- Message log follows: -------------------------|\n\
          no valid recipients were found for this message\n\
         |------------------------- Failed addresses follow: ---------------------|\n\
          ann@mail.example.org ... unknown host\n",
    );
    let r = decode(&email, &en());
    assert_eq!(r.recipients.len(), 1);
    assert_eq!(r.recipients[0].reason, Some(Reason::HostUnknown));
}

#[test]
fn a_report_that_gave_up_on_a_time_out_says_the_message_expired() {
    let dsn = |action: &str, status: &str, diagnostic: &str| {
        decode(
            &format!("Final-Recipient: rfc822; ann@example.org\nAction: {action}\nStatus: {status}\nDiagnostic-Code: X-Postfix; {diagnostic}\n"),
            &en(),
        )
        .recipients
        .remove(0)
    };
    let timed_out = "connect to mx.example.org[192.0.2.1]:25: Connection timed out";
    assert_eq!(
        dsn("failed", "4.4.1", timed_out).reason,
        Some(Reason::Expired)
    );
    // still being retried: the time-out is the reason
    assert_eq!(
        dsn("delayed", "4.4.1", timed_out).reason,
        Some(Reason::NetworkError)
    );
    // a cause other than time is kept when the report gives up
    let lookup = "Host or domain name not found. Name service error for name=example.org type=MX: host name lookup failure";
    assert_ne!(dsn("failed", "4.4.3", lookup).reason, Some(Reason::Expired));
}

#[test]
fn a_forwarded_bounce_is_read_from_the_report_it_carries() {
    let inner = "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>\r\n\
To: sender@example.jp\r\n\
Subject: Returned mail: User unknown\r\n\
MIME-Version: 1.0\r\n\
Content-Type: multipart/report; report-type=delivery-status; boundary=\"in\"\r\n\
\r\n\
--in\r\n\
Content-Type: text/plain\r\n\
\r\n\
   ----- The following addresses had permanent delivery errors -----\r\n\
ann@example.org\r\n\
--in\r\n\
Content-Type: message/delivery-status\r\n\
\r\n\
Reporting-MTA: dns; mx.example.net\r\n\
\r\n\
Final-Recipient: rfc822; ann@example.org\r\n\
Action: failed\r\n\
Status: 5.1.1\r\n\
Diagnostic-Code: smtp; 550 5.1.1 User unknown\r\n\
--in--\r\n";
    let outer = format!(
        "From: Mail Delivery Subsystem <MAILER-DAEMON@gateway.example.jp>\r\n\
To: sender@example.jp\r\n\
Subject: Returned mail: User unknown\r\n\
MIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=\"out\"\r\n\
\r\n\
--out\r\n\
Content-Type: text/plain\r\n\
\r\n\
----- The following addresses had permanent delivery errors -----\r\n\
--out\r\n\
Content-Type: message/rfc822\r\n\
\r\n\
{inner}--out--\r\n"
    );
    let r = decode(&outer, &en());
    assert_eq!(r.recipients.len(), 1, "{:?}", r.recipients);
    let ann = &r.recipients[0];
    assert_eq!(ann.address.as_deref(), Some("ann@example.org"));
    assert_eq!(ann.status.as_deref(), Some("5.1.1"));
    assert_eq!(ann.reason, Some(Reason::UserUnknown));
    assert!(r.warnings.iter().any(|w| w.code == "nested_report"));
    // the recipient's evidence points into the forwarded report
    let ev = ann
        .evidence
        .iter()
        .find(|e| e.about == EvidenceKind::Status)
        .unwrap();
    assert_eq!(&outer[ev.start.unwrap()..ev.end.unwrap()], "5.1.1");
}

#[test]
fn an_address_used_as_a_display_name_is_not_a_recipient() {
    let email = bounce_email(
        "Mail failure - malformed recipient address",
        "A message that you sent contained one or more recipient addresses that were\n\
         incorrectly constructed:\n\n  \
         ann@example.com <bob@example.net>: malformed address: <bob@example.net> may not follow ann@example.com\n",
    );
    let r = decode(&email, &en());
    let addresses: Vec<_> = r
        .recipients
        .iter()
        .filter_map(|x| x.address.as_deref())
        .collect();
    assert_eq!(addresses, ["bob@example.net"]);
}

#[test]
fn a_mailing_lists_command_address_is_not_a_recipient() {
    let email = "From: list-admin@example.org\n\
To: sender@example.jp\n\
Subject: You are not a member (cats ML)\n\
List-Subscribe: <mailto:cats-ctl@example.org?body=subscribe>\n\
\n\
You are not a member of this mailing list <cats@example.org>.\n\
To read the guide, send mail with the body \"guide\" to the address\n\
\tcats-ctl@example.org\n";
    let r = decode(email, &en());
    // the list itself is the one that refused; its command address never is
    let addresses: Vec<_> = r
        .recipients
        .iter()
        .filter_map(|x| x.address.as_deref())
        .collect();
    assert_eq!(addresses, ["cats@example.org"]);
}

#[test]
fn a_programs_exit_status_takes_the_transcripts_reply_and_stays_a_mailer_error() {
    let email = "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.jp>\n\
To: sender@example.org\n\
Subject: Postmaster notify: see transcript for details\n\
MIME-Version: 1.0\n\
Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n\
\n\
--b\n\
Content-Type: text/plain\n\
\n\
   ----- The following addresses had permanent fatal errors -----\n\
\"|/home/ann/mail/catch.pl\"\n\
    (reason: 255)\n\
    (expanded from: <ann@example.jp>)\n\
   ----- Transcript of session follows -----\n\
DBI connect failed: FATAL:  sorry, too many clients already\n\
554 5.3.0 unknown mailer error 255\n\
--b\n\
Content-Type: message/delivery-status\n\
\n\
Reporting-MTA: dns; mx.example.jp\n\
\n\
Final-Recipient: RFC822; ann@example.jp\n\
X-Actual-Recipient: X-Unix; |/home/ann/mail/catch.pl\n\
Action: failed\n\
Status: 5.0.0\n\
Diagnostic-Code: X-Unix; 255\n\
--b--\n";
    let r = decode(email, &en());
    assert_eq!(r.recipients.len(), 1);
    let ann = &r.recipients[0];
    // the reply in the transcript, not the number that only looks like one
    assert_eq!(ann.reply_code, Some(554));
    assert_eq!(ann.status.as_deref(), Some("5.3.0"));
    assert_eq!(ann.reason, Some(Reason::MailerError));
}

#[test]
fn the_receiving_servers_own_reply_outweighs_the_reporters_summary_status() {
    // a relay gave up (5.4.7) on a server that kept answering with a time-out
    let dsn = "Final-Recipient: rfc822; ann@example.org\n\
Action: failed\n\
Status: 5.4.7\n\
Diagnostic-Code: smtp; 421 4.4.2 mx.example.org Error: timeout exceeded\n";
    let r = decode(dsn, &en());
    let ann = &r.recipients[0];
    assert_eq!(ann.status.as_deref(), Some("4.4.2"));
    assert_eq!(ann.reply_code, Some(421));
    assert_eq!(ann.bounce_type, BounceType::Soft);
    assert_ne!(ann.action, Action::Suppress);
    assert!(
        ann.notes.iter().any(|n| n.code == "status_mismatch"),
        "{:?}",
        ann.notes
    );
}

#[test]
fn an_ordinary_message_in_a_bounce_mailbox_is_no_bounce() {
    for (subject, body) in [
        (
            "Re: your order",
            "Hi, thanks. Please send the invoice to anna.accounts@friend.example as well.\n\nAnna\n",
        ),
        (
            "Unser Dezember-Angebot",
            "Guten Tag, schreiben Sie Fragen an service@laden.example.\nViele Grüße\n",
        ),
    ] {
        let email = format!(
            "From: Anna <anna@friend.example>\nTo: bounces@sender.example\nSubject: {subject}\n\
Date: Tue, 1 Dec 2026 10:00:00 +0000\nMessage-ID: <2@friend.example>\n\n{body}"
        );
        let r = decode(&email, &en());
        assert_eq!(r.kind, bounce_decoder::report::MessageKind::NotABounce, "{subject}");
        assert!(r.recipients.is_empty(), "{subject}: {:?}", r.recipients);
    }
    // a newsletter about bounces, with a bounce word in its subject and codes in its text
    let newsletter = "From: Mail Tips <tips@news.example>\nTo: bounces@sender.example\n\
Subject: Why your bounce rate rises\nList-Unsubscribe: <https://news.example/u?id=7>\n\
Date: Tue, 1 Dec 2026 10:00:00 +0000\nMessage-ID: <3@news.example>\n\n\
This week: a 550 5.1.1 user unknown is not the same as a 421 4.7.0 deferral.\n";
    let r = decode(newsletter, &en());
    assert_eq!(r.kind, bounce_decoder::report::MessageKind::NotABounce);
    assert!(r.recipients.is_empty(), "{:?}", r.recipients);
}

#[test]
fn recipients_named_on_one_line_share_the_reply_that_follows() {
    let r = decode(
        "Your message could not be delivered to ann@example.org, bob@example.net\n550 5.1.1 mailbox unavailable\n",
        &en(),
    );
    assert_eq!(r.recipients.len(), 2);
    for x in &r.recipients {
        assert_eq!(
            (x.status.as_deref(), x.reply_code),
            (Some("5.1.1"), Some(550)),
            "{:?}",
            x.address
        );
    }
}

#[test]
fn evidence_offsets_of_an_mbox_count_from_the_start_of_the_whole_input() {
    let mbox = "From MAILER-DAEMON Mon Jan  1 00:00:00 2024\n\
From: MAILER-DAEMON@mx.example.net\nSubject: Undelivered Mail\n\n\
<ann@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1 User unknown\n\n\
From MAILER-DAEMON Mon Jan  1 00:00:01 2024\n\
From: MAILER-DAEMON@mx.example.net\nSubject: Undelivered Mail\n\n\
<bob@example.net>: host mx.example.net[192.0.2.2] said: 552 5.2.2 Mailbox full\n";
    for report in [
        vec![decode(mbox, &en())],
        bounce_decoder::decode_all(mbox.as_bytes(), &en()),
    ] {
        let recipients: Vec<_> = report.iter().flat_map(|r| &r.recipients).collect();
        assert_eq!(recipients.len(), 2);
        for r in recipients {
            let placed: Vec<_> = r.evidence.iter().filter(|e| e.start.is_some()).collect();
            assert!(!placed.is_empty(), "{:?}", r.address);
            for e in placed {
                assert_eq!(
                    &mbox[e.start.unwrap()..e.end.unwrap()],
                    e.text,
                    "{:?}",
                    e.about
                );
            }
        }
    }
}

/// The reason and action of a single reply line.
fn reason_of(line: &str) -> (Option<Reason>, Action) {
    let report = decode(line, &Options::default());
    let r = &report.recipients[0];
    (r.reason, r.action)
}

#[test]
fn generic_wording_does_not_overrule_the_code_or_the_phrase_it_sits_in() {
    // "recipient address rejected" is a prefix: the words after it and the 5.7 subject of
    // the code say what happened, and it is not about the address
    for line in [
        "551 5.7.1 <ann@example.org>: Recipient address rejected: Delivery not authorized",
        "554 5.7.1 <ann@example.org>: Recipient address rejected: Access denied",
        "550 5.7.511 Access denied, banned sender",
        // the words "invalid recipient" inside a complaint about the sender's list
        "550 5.7.1 Too many invalid recipients",
    ] {
        let (reason, action) = reason_of(line);
        assert_ne!(reason, Some(Reason::UserUnknown), "{line}");
        assert_eq!(action, Action::FixSending, "{line}");
    }
    // specific words still mean what they say, whatever the prefix or the code
    for line in [
        "550 5.1.1 <ann@example.org>: Recipient address rejected: User unknown in virtual mailbox table",
        "554 5.7.1 <ann@example.org>: Recipient address rejected: user ann@example.org does not exist",
        // Microsoft's own 5.4.1: the recipient is not in the tenant's directory
        "550 5.4.1 Recipient address rejected: Access denied. [AM6PEPF00012345.eurprd04.prod.outlook.com]",
    ] {
        assert_eq!(reason_of(line), (Some(Reason::UserUnknown), Action::Suppress), "{line}");
    }
    // a prefix followed by an explanation that no rule knows proves nothing by itself:
    // the code decides, or the reason stays open
    assert_eq!(
        reason_of("550 <ann@example.org>: Recipient address rejected: Greylisted, come back later"),
        (Some(Reason::Undefined), Action::Review)
    );
    assert_eq!(
        reason_of("550 5.1.1 <ann@example.org>: Recipient address rejected: undeliverable"),
        (Some(Reason::UserUnknown), Action::Suppress)
    );
    // without an explanation after it, the prefix still hints at the address
    assert_eq!(
        reason_of("550 <ann@example.org>: Recipient address rejected"),
        (Some(Reason::UserUnknown), Action::Suppress)
    );
}

/// A multipart/report around a text part and a DSN part.
fn dsn_email(text: &str, dsn: &str) -> String {
    format!(
        "From: MAILER-DAEMON@relay.example.com\nTo: sender@example.com\nSubject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n--B\nContent-Type: text/plain\n\n{text}\n--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; relay.example.com\n\n{dsn}\n--B--\n"
    )
}

#[test]
fn the_receiving_servers_quoted_reply_wins_over_the_relays_summary() {
    let email = dsn_email(
        "<bob@example.net>: host mx.example.net[192.0.2.8] said: 421 4.4.2 example.net Error: timeout exceeded\n",
        "Final-Recipient: rfc822; bob@example.net\nAction: failed\nStatus: 5.0.0\nDiagnostic-Code: smtp; 554 5.0.0 Service unavailable\n",
    );
    let report = decode(&email, &Options::default());
    let r = recipient(&report, "bob@example.net");
    assert_eq!(
        (r.reply_code, r.status.as_deref()),
        (Some(421), Some("4.4.2"))
    );
    assert_eq!(r.action, Action::Retry);
    // a summary that says as much as the text keeps its own codes
    let email = dsn_email(
        "<bob@example.net>: host mx.example.net[192.0.2.8] said: 550 5.1.1 no such user\n",
        "Final-Recipient: rfc822; bob@example.net\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 <bob@example.net>: no such user\n",
    );
    let r = recipient(&decode(&email, &Options::default()), "bob@example.net").clone();
    assert_eq!(
        (r.reply_code, r.reason),
        (Some(550), Some(Reason::UserUnknown))
    );
}

#[test]
fn postfix_pausing_delivery_to_a_host_is_a_network_problem_not_a_suspended_mailbox() {
    let email = dsn_email(
        "<ann@example.net>: delivery temporarily suspended: connect to\n    mx.example.net[192.0.2.7]:25: Connection refused\n",
        "Final-Recipient: rfc822; ann@example.net\nAction: delayed\nStatus: 4.4.1\nDiagnostic-Code: X-Postfix; delivery temporarily suspended: connect to\n    mx.example.net[192.0.2.7]:25: Connection refused\n",
    );
    let report = decode(&email, &Options::default());
    let r = recipient(&report, "ann@example.net");
    assert_eq!(r.reason, Some(Reason::NetworkError));
    assert_eq!(r.action, Action::Retry);
    // a server's own refusal in words stays a block
    let (reason, _) = reason_of("554 5.7.1 Connection refused: your IP is on our block list");
    assert_ne!(reason, Some(Reason::NetworkError));
}

#[test]
fn recipients_listed_under_a_sentence_share_the_reply_after_the_list() {
    let email = bounce_email(
        "Undeliverable Message",
        "Delivery to the following recipients failed.\n\n       olga@example.net\n       paul@example.net\n\nRemote server said: 550 5.1.1 No such user here\n",
    );
    let report = decode(&email, &Options::default());
    assert_eq!(report.recipients.len(), 2, "{:?}", report.recipients);
    for address in ["olga@example.net", "paul@example.net"] {
        let r = recipient(&report, address);
        assert_eq!(
            (r.reply_code, r.reason),
            (Some(550), Some(Reason::UserUnknown))
        );
    }
    // a recipient with a reply of its own keeps it
    let email = bounce_email(
        "Returned mail: see transcript for details",
        "   ----- The following addresses had permanent fatal errors -----\n<kim@example.com>\n    (reason: 550 5.1.1 <kim@example.com>... User unknown)\n<lee@example.com>\n    (reason: 552 5.2.2 Mailbox full)\n",
    );
    let report = decode(&email, &Options::default());
    assert_eq!(recipient(&report, "kim@example.com").reply_code, Some(550));
    assert_eq!(
        recipient(&report, "lee@example.com").reason,
        Some(Reason::MailboxFull)
    );
}

#[test]
fn exchanges_hash_prefixed_diagnostic_gives_its_reply_code() {
    let email = "From: postmaster@corp.example.com\nTo: sender@example.com\nSubject: Undeliverable: Meeting\n\nDelivery has failed to these recipients or groups:\n\nerik@corp.example.com\nThe e-mail address you entered couldn't be found.\n\nDiagnostic information for administrators:\n\nGenerating server: EX01.corp.example.com\n\nerik@corp.example.com\n#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##\n";
    let report = decode(email, &Options::default());
    let r = recipient(&report, "erik@corp.example.com");
    assert_eq!(
        (r.reply_code, r.status.as_deref()),
        (Some(550), Some("5.1.1"))
    );
}

#[test]
fn a_persons_answer_that_quotes_a_bounce_is_not_one_but_a_forwarded_bounce_is() {
    let answer = |subject: &str| {
        format!(
            "From: Bernd Kunde <bernd@kunde.example>\nTo: bounces@sender.example\nSubject: {subject}\n\nGot your mail, please write to bernd.neu@kunde.example from now on.\n\n> This is the mail system at host mail.sender.example.\n> <carla@kunde.example>: host mx.kunde.example said: 550 5.1.1 User unknown\n"
        )
    };
    for subject in [
        "Re: Undelivered Mail Returned to Sender",
        "AW: Undelivered Mail Returned to Sender",
    ] {
        let report = decode(&answer(subject), &Options::default());
        assert_eq!(
            report.kind,
            MessageKind::NotABounce,
            "{subject}: {:?}",
            report.recipients
        );
        assert!(report.recipients.is_empty());
    }
    let forwarded = "From: Agent <agent@helpdesk.example>\nTo: support@sender.example\nSubject: Fwd: Undelivered Mail Returned to Sender\n\n---------- Forwarded message ---------\nFrom: MAILER-DAEMON@mail.sender.example\n\n<carla@kunde.example>: host mx.kunde.example said: 550 5.1.1 User unknown\n";
    let report = decode(forwarded, &Options::default());
    assert_eq!(
        recipient(&report, "carla@kunde.example").reason,
        Some(Reason::UserUnknown)
    );
}

#[test]
fn gmails_full_and_inactive_inbox_is_an_abandoned_account_while_a_full_one_is_kept() {
    let inactive = "552-5.2.2 The recipient's inbox is out of storage space and inactive. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaPerm";
    assert_eq!(
        reason_of(inactive),
        (Some(Reason::Suspend), Action::Suppress)
    );
    let full = "452-4.2.2 The recipient's inbox is out of storage space. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaTemp";
    assert_eq!(reason_of(full), (Some(Reason::MailboxFull), Action::Retry));
}

#[test]
fn content_rejected_is_spam_only_when_the_reply_says_so() {
    let (reason, _) = reason_of("550 5.7.1 Message content rejected, UBE, id=12345-01");
    assert_eq!(reason, Some(Reason::SpamDetected));
    let (reason, _) = reason_of("500 5.6.1 Message content rejected");
    assert_eq!(reason, Some(Reason::ContentError));
}

#[test]
fn a_pasted_delay_warning_without_codes_is_temporary() {
    let text = "** Delivery incomplete **\n\nThere was a temporary problem delivering your message to rb@example.com. Gmail will retry for 46 more hours. You'll be notified if the delivery fails permanently.\n";
    let report = decode(text, &Options::default());
    let r = recipient(&report, "rb@example.com");
    assert_eq!(r.bounce_type, BounceType::Soft);
    assert_ne!(r.action, Action::Suppress);
}

#[test]
fn exchanges_reply_for_administrators_wins_over_a_status_named_in_passing() {
    let text = "Delivery has failed to these recipients or groups:\n\ncion@lin.example<mailto:cion@lin.example>\nYour message couldn't be delivered because you don't have permission to send to it.\n\nFor more information, see DSN 5.7.129 Errors in Exchange Online\n\nDiagnostic information for administrators:\n\nGenerating server: EV2MR07MI7830.eurprd06.prod.outlook.com\n\ncion@lin.example\nRemote server returned '550 5.7.129 RESOLVER.RST.RestrictedToRecipientsPermission; not authorized to send to recipient'\n";
    let report = decode(text, &Options::default());
    let r = recipient(&report, "cion@lin.example");
    assert_eq!(
        (r.reply_code, r.status.as_deref()),
        (Some(550), Some("5.7.129"))
    );
}

#[test]
fn wording_of_the_classic_parsers_phrase_lists_is_known() {
    // replies in the words that Sisimai's phrase lists hold and that were read as
    // "undefined" before; none of them is a corpus sample
    for (line, reason) in [
        (
            "552 ann@example.org user has exceeded quota, bouncing mail",
            Reason::MailboxFull,
        ),
        (
            "550 Recipient domain must exist in DNS",
            Reason::HostUnknown,
        ),
        (
            "550 5.7.1 Message rejected because of unacceptable content",
            Reason::SpamDetected,
        ),
        ("550 5.7.1 Mailbox currently suspended", Reason::Suspend),
        (
            "553 sorry, you don't authenticate or the domain isn't in my list of allowed rcpthosts",
            Reason::SecurityError,
        ),
        ("550 BATV failed to verify", Reason::Rejected),
        // and in Sisimai's tables of a gateway's own wording (Mimecast)
        (
            "550 SPF Sender Invalid - envelope rejected",
            Reason::AuthFailure,
        ),
        ("554 Maximum email size exceeded", Reason::MesgTooBig),
        // a typographic dash reads as the phrase's hyphen
        ("550 Envelope blocked \u{2013} User Entry", Reason::Filtered),
        (
            "553 This route requires TLS version 1.2 or greater",
            Reason::FailedStarttls,
        ),
    ] {
        assert_eq!(reason_of(line).0, Some(reason), "{line}");
    }
}

#[test]
fn exchange_2003_names_the_reason_by_its_msexch_code() {
    let text = "Your message\n\n  Subject: hello\n\ndid not reach the following recipient(s):\n\nann@example.org on Mon, 1 Jan 2024 10:00:00 +0000\n    The e-mail account does not exist at the organization this message was sent to.\n    <mx.example.org #5.0.0 smtp;550 no mailbox>\n    MSEXCH:IMS:EXAMPLE:ORG:MX 0 (000C05A6) Unknown Recipient\n";
    let report = decode(text, &Options::default());
    assert_eq!(
        recipient(&report, "ann@example.org").reason,
        Some(Reason::UserUnknown)
    );
    let ambiguous = text.replace(
        "(000C05A6) Unknown Recipient",
        "(000C0595) Ambiguous Recipient",
    );
    let ambiguous = ambiguous.replace(
        "The e-mail account does not exist at the organization this message was sent to.",
        "The recipient could not be identified.",
    );
    let ambiguous = ambiguous.replace("smtp;550 no mailbox", "smtp;550 recipient not identified");
    let report = decode(&ambiguous, &Options::default());
    assert_eq!(
        recipient(&report, "ann@example.org").reason,
        Some(Reason::Filtered)
    );
}

#[test]
fn an_address_the_server_echoes_in_its_reply_is_no_second_recipient() {
    let text = "This is the mail system at host relay.example.net.\n\nI'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients.\n\n<ann@example.org>: host mx.example.org[192.0.2.1] said: 550\n    5.1.1 <ann.lee@example.org>... Addressee unknown (in\n    reply to RCPT TO command)\n\n<bob@example.net>: host mx.example.net[192.0.2.2] said: 552 5.2.2\n    <bob@example.net>: Mailbox full (in reply to RCPT TO command)\n";
    let report = decode(text, &Options::default());
    assert_eq!(
        addresses_of(&report),
        ["ann@example.org", "bob@example.net"]
    );
    assert_eq!(
        recipient(&report, "ann@example.org").reason,
        Some(Reason::UserUnknown)
    );
    assert_eq!(
        recipient(&report, "bob@example.net").reason,
        Some(Reason::MailboxFull)
    );
}

#[test]
fn a_providers_own_code_decides_before_the_words() {
    for (line, reason) in [
        (
            "550 mwinf5c04 ME Adresse IP source bloquee pour incident de spam. Client host blocked for spamming issues. OFR006_102 Ref",
            Reason::Blocked,
        ),
        (
            "421 mwinf5c77 ME Service refuse. Veuillez essayer plus tard. Service refused, please try later. OFR005_505 [505]",
            Reason::SystemError,
        ),
        (
            "550 5.5.0 Boite du destinataire archivee. Archived recipient. LPN007_420",
            Reason::Suspend,
        ),
        (
            "554 5.7.1 192.0.2.9 rejected by cox: IP address blocked. AUP#CXBL",
            Reason::Blocked,
        ),
        (
            "552 This message has been rejected due to content judged to be spam by the Internet community. IB212",
            Reason::SpamDetected,
        ),
        // Spectrum's four digits after AUP#In-, AUP#Out- or AUP#: "sender rejected" in the
        // same reply does not decide
        (
            "550 5.1.0 <bounces@example.com> sender rejected. Please see https://www.spectrum.net/support/internet/understanding-email-error-codes for more information. AUP#In-1310",
            Reason::TooManyConn,
        ),
        (
            "550 5.1.0 <bounces@example.com> sender rejected. Please see https://www.spectrum.net/support/internet/understanding-email-error-codes for more information. AUP#Out-1530",
            Reason::MesgTooBig,
        ),
        (
            "550 5.1.0 <bounces@example.com> sender rejected. AUP#1230",
            Reason::Blocked,
        ),
    ] {
        let report = decode(line, &Options::default());
        let r = &report.recipients[0];
        assert_eq!(r.reason, Some(reason), "{line}");
        assert!(
            r.decided_by.as_deref().is_some_and(|d| d.starts_with("codes.toml: ")),
            "{line}: {:?}",
            r.decided_by
        );
    }
}

#[test]
fn a_quoted_local_part_keeps_its_quotes() {
    let email = dsn_email(
        "<\"j..doe\"@example.com>: host mx.example.com[192.0.2.4] said: 550 5.1.1 no such\n    mailbox (in reply to RCPT TO command)\n",
        "Final-Recipient: rfc822; \"j..doe\"@example.com\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 no such mailbox\n",
    );
    let report = decode(&email, &Options::default());
    assert_eq!(addresses_of(&report), ["\"j..doe\"@example.com"]);
    assert_eq!(report.recipients[0].reason, Some(Reason::UserUnknown));
}

#[test]
fn the_senders_address_in_a_transcript_or_a_reason_line_is_no_recipient() {
    // a pasted Sendmail report: the server refused the envelope sender
    let text = "   ----- The following addresses had permanent fatal errors -----\n<kai@example.com>\n    (reason: 550 5.7.1 <news@shop.example>... Sender address rejected: not owned by user)\n\n   ----- Transcript of session follows -----\n... while talking to mx.example.com.:\n>>> MAIL From:<news@shop.example> SIZE=4100\n<<< 550 5.7.1 <news@shop.example>... Sender address rejected: not owned by user\n";
    let report = decode(text, &Options::default());
    assert_eq!(addresses_of(&report), ["kai@example.com"]);
    let r = &report.recipients[0];
    assert_eq!(
        (r.reply_code, r.status.as_deref()),
        (Some(550), Some("5.7.1"))
    );
    assert_eq!(r.action, Action::FixSending);
}

#[test]
fn an_address_in_the_reply_under_an_exim_recipient_is_part_of_its_reply() {
    let text = "This message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of its\nrecipients. This is a permanent error. The following address(es) failed:\n\n  lena@example.org\n    host mx.example.org [192.0.2.8]\n    SMTP error from remote mail server after RCPT TO:<lena@example.org>:\n    550 5.7.1 Service unavailable, client host blocked using a DNS blocklist. To request removal from this list please forward this message to delist@example.org.\n";
    let report = decode(text, &Options::default());
    assert_eq!(addresses_of(&report), ["lena@example.org"]);
    let r = &report.recipients[0];
    assert_eq!(
        (r.reply_code, r.status.as_deref()),
        (Some(550), Some("5.7.1"))
    );
    assert_eq!(r.reason, Some(Reason::Blocked));
}

#[test]
fn a_message_id_in_a_transcript_line_is_no_recipient() {
    let email = bounce_email(
        "Permanent Delivery Failure",
        "The attached message had PERMANENT fatal delivery errors!\n\n--- Session Transcript ---\n Tue 2011-03-01 09:00:01: *  Message-ID: <5C11AB.7020304@shop.example>\n Tue 2011-03-01 09:00:01: Attempting SMTP connection to [192.0.2.80 : 25]\n Tue 2011-03-01 09:00:02: <-- 220 mx.example.org ESMTP ready\n Tue 2011-03-01 09:00:02: --> EHLO mail.shop.example\n Tue 2011-03-01 09:00:02: <-- 250 mx.example.org\n Tue 2011-03-01 09:00:02: --> RCPT To:<otto@example.org>\n Tue 2011-03-01 09:00:02: <-- 550 5.1.1 <otto@example.org>: Recipient address rejected: User unknown in local recipient table\n--- End Transcript ---\n",
    );
    let report = decode(&email, &Options::default());
    assert_eq!(addresses_of(&report), ["otto@example.org"]);
    assert_eq!(report.recipients[0].reason, Some(Reason::UserUnknown));
}

#[test]
fn gmx_names_the_refused_command_in_its_own_words() {
    let email = bounce_email(
        "Mail delivery failed: returning message to sender",
        "This message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of\nits recipients. This is a permanent error. The following address\nfailed:\n\n\"eva@example.com\":\nSMTP error from remote server for MAIL FROM command, host: mx.example.com (192.0.2.30) reason: 554 IP=198.51.100.4 - A problem occurred.\n",
    );
    let report = decode(&email, &Options::default());
    let r = recipient(&report, "eva@example.com");
    assert_eq!(r.smtp_command, Some(SmtpCommand::Mail));
    assert_eq!(r.action, Action::FixSending);
    // a sender's own sending quota is a limit of the sender, not of the address
    let (reason, action) = reason_of("550 5.4.5 Daily user sending limit exceeded. - gsmtp");
    assert_eq!(
        (reason, action),
        (Some(Reason::Speeding), Action::FixSending)
    );
}

#[test]
fn microsofts_domain_not_found_is_an_unknown_domain_in_a_whole_report() {
    let email = dsn_email(
        "Delivery has failed to these recipients or groups:\n\nnoor@example.test\nYour message couldn't be delivered because the recipient's domain does not exist.\n",
        "Final-Recipient: rfc822; noor@example.test\nAction: failed\nStatus: 5.4.310\nDiagnostic-Code: smtp; 550 5.4.310 DNS domain example.test does not exist [Message=InfoDomainNonexistent]\n",
    );
    let report = decode(&email, &Options::default());
    let r = recipient(&report, "noor@example.test");
    assert_eq!(
        (r.reason, r.action),
        (Some(Reason::HostUnknown), Action::Suppress)
    );
}
