//! Invariants that hold for every input, checked on generated ones (proptest): decoding
//! never panics and is deterministic; every evidence span lies inside the input and holds
//! the text it claims; and the action is never the wrong kind of consequence: a
//! temporary failure or a problem on the sender's side never says "suppress", and a
//! permanent failure of the address itself always does.

#![cfg(not(target_arch = "wasm32"))]

use bounce_decoder::model::Party;
use bounce_decoder::{decode_bytes, Action, BounceType, Options, Reason};
use proptest::prelude::*;

/// Words of bounces, about the address, the sender, the path and nothing in particular.
const WORDS: &[&str] = &[
    "User unknown",
    "No such user",
    "mailbox unavailable",
    "Mailbox full",
    "quota exceeded",
    "account disabled",
    "Domain not found",
    "Relay access denied",
    "blocked using zen.spamhaus.org",
    "spam detected",
    "DMARC policy",
    "Connection timed out",
    "too many connections",
    "Recipient address rejected: Access denied",
    "delivery temporarily suspended",
    "Service unavailable",
    "message too large",
    "please try again later",
    "Hello world",
    "",
];

const COMMANDS: &[&str] = &[
    "",
    " (in reply to RCPT TO command)",
    " (in reply to MAIL FROM command)",
    " (in reply to end of DATA command)",
];

fn reply_line() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec![
            250u16, 421, 450, 451, 452, 454, 550, 551, 552, 553, 554,
        ]),
        prop::option::of((prop::sample::select(vec![2u8, 4, 5]), 0u8..8, 0u16..30)),
        prop::sample::select(WORDS),
        prop::sample::select(WORDS),
        prop::sample::select(COMMANDS),
        any::<bool>(),
    )
        .prop_map(|(reply, status, a, b, command, with_address)| {
            let status = status.map_or(String::new(), |(c, s, d)| format!(" {c}.{s}.{d}"));
            let address = if with_address {
                " <ann@example.org>:"
            } else {
                ""
            };
            format!("{reply}{status}{address} {a} {b}{command}")
        })
}

/// A bounce email around a reply line, or the line alone.
fn input() -> impl Strategy<Value = String> {
    (reply_line(), any::<bool>()).prop_map(|(line, as_email)| {
        if as_email {
            format!(
                "From: MAILER-DAEMON@mx.example.net\nTo: sender@example.com\nSubject: Undelivered Mail Returned to Sender\n\n<ann@example.org>: host mx.example.org[192.0.2.1] said: {line}\n"
            )
        } else {
            line
        }
    })
}

fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
    let options = Options {
        explanations: false,
        ..Options::default()
    };
    let report = decode_bytes(bytes, &options);
    prop_assert_eq!(&report, &decode_bytes(bytes, &options), "not deterministic");
    for r in &report.recipients {
        for e in &r.evidence {
            if let (Some(s), Some(t)) = (e.start, e.end) {
                prop_assert!(
                    s <= t && t <= bytes.len(),
                    "span {s}..{t} of {}",
                    bytes.len()
                );
                prop_assert_eq!(&bytes[s..t], e.text.as_bytes());
            }
        }
        if r.bounce_type == BounceType::Soft {
            prop_assert_ne!(r.action, Action::Suppress, "temporary, suppressed: {:?}", r);
        }
        if r.party == Some(Party::Sender) {
            prop_assert_ne!(
                r.action,
                Action::Suppress,
                "sender side, suppressed: {:?}",
                r
            );
        }
        let the_address_itself = matches!(
            r.reason,
            Some(Reason::UserUnknown | Reason::HostUnknown | Reason::HasMoved | Reason::Suspend)
        );
        if the_address_itself && r.bounce_type == BounceType::Hard {
            prop_assert_eq!(r.action, Action::Suppress, "{:?}", r);
        }
        // every verdict names its rule
        if r.reason.is_some() {
            prop_assert!(r.decided_by.is_some(), "{:?}", r);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn bounces_keep_the_invariants(text in input()) {
        check(text.as_bytes())?;
    }

    #[test]
    fn arbitrary_bytes_never_break_the_decoder(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        check(&bytes)?;
    }

    #[test]
    fn arbitrary_text_around_a_code_never_breaks_the_decoder(
        before in "[ -~\n]{0,80}",
        after in "[ -~\n\u{e4}\u{3042}]{0,80}",
    ) {
        check(format!("{before}550 5.1.1 <a@b.example> {after}").as_bytes())?;
    }
}
