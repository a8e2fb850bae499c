//! The knowledge base is complete: every registry code and reply code has an entry, every
//! entry has every field in English and German, and the German is really German.

use bounce_decoder::knowledge::{self, CodeKind, Lang};
use bounce_decoder::taxonomy::{Action, BounceType, Reason};

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    // the reference CSVs quote fields that contain commas
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let mut fields = Vec::new();
            let mut cur = String::new();
            let mut quoted = false;
            for c in line.chars() {
                match c {
                    '"' => quoted = !quoted,
                    ',' if !quoted => fields.push(std::mem::take(&mut cur)),
                    _ => cur.push(c),
                }
            }
            fields.push(cur);
            fields
        })
        .collect()
}

/// Every code the IANA registry (tests/data/enhanced-status-codes.csv) defines, for each
/// class it applies to, plus every reply code of tests/data/reply-codes.csv.
fn reference_codes() -> Vec<String> {
    let mut codes = Vec::new();
    for row in csv_rows(include_str!("data/enhanced-status-codes.csv")) {
        let (code, classes) = (&row[0], &row[3]);
        for class in classes.split(',').map(str::trim).filter(|c| !c.is_empty()) {
            codes.push(match row[4].as_str() {
                "class" => code.clone(),
                _ => format!("{class}{}", &code[1..]),
            });
        }
    }
    for row in csv_rows(include_str!("data/reply-codes.csv")) {
        codes.push(row[0].clone());
    }
    codes
}

#[test]
fn every_reference_code_has_an_entry_in_both_languages() {
    let codes = reference_codes();
    assert!(codes.len() > 190, "reference lists read: {}", codes.len());
    for lang in [Lang::En, Lang::De] {
        let missing: Vec<&String> = codes
            .iter()
            .filter(|c| knowledge::explain(c, lang).is_none())
            .collect();
        assert!(missing.is_empty(), "{lang:?}: no entry for {missing:?}");
    }
    assert_eq!(
        knowledge::explain("4.2.2", Lang::En).unwrap().bounce_type,
        BounceType::Soft
    );
    assert_eq!(
        knowledge::explain("5.2.2", Lang::En).unwrap().bounce_type,
        BounceType::Hard
    );
}

fn failure_entry(e: &knowledge::Entry) -> bool {
    !(e.code.starts_with('2') || e.code.starts_with('3'))
}

#[test]
fn every_entry_has_every_field_in_both_languages() {
    let mut problems = Vec::new();
    for lang in [Lang::En, Lang::De] {
        for e in knowledge::entries(lang) {
            let strings = [
                ("title", e.title),
                ("summary", e.summary),
                ("meaning", e.meaning),
                ("category", e.category),
                ("action", e.action),
            ];
            for (name, value) in strings {
                if value.trim().len() < 4 {
                    problems.push(format!("{lang:?} {} {name} empty", e.code));
                }
            }
            if e.examples.len() < 2 {
                problems.push(format!("{lang:?} {} needs 2 examples", e.code));
            }
            if failure_entry(e) {
                let lists = [
                    ("causes", e.causes, 3),
                    ("resolution_marketers", e.resolution_marketers, 2),
                    ("resolution_developers", e.resolution_developers, 2),
                    ("provider_responses", e.provider_responses, 2),
                    ("best_practices", e.best_practices, 2),
                    ("investigation", e.investigation, 3),
                ];
                for (name, items, min) in lists {
                    if items.iter().filter(|s| s.trim().len() > 10).count() < min {
                        problems.push(format!(
                            "{lang:?} {} {name}: {} items, want {min}",
                            e.code,
                            items.len()
                        ));
                    }
                }
                if e.counterpart.trim().len() < 10 {
                    problems.push(format!("{lang:?} {} counterpart empty", e.code));
                }
            }
            if e.breakdown().iter().any(|p| p.meaning.trim().is_empty()) {
                problems.push(format!("{lang:?} {} breakdown has an empty part", e.code));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

const GERMAN_WORDS: &[&str] = &[
    "der", "die", "das", "und", "nicht", "ist", "ein", "eine", "sie", "den", "mit", "von", "zu",
    "für", "auf", "wird", "oder", "des", "im", "bei", "sich", "wenn",
];
const ENGLISH_WORDS: &[&str] = &[
    "the", "and", "is", "not", "to", "of", "a", "for", "with", "this", "your", "that",
];

fn share(text: &str, words: &[&str]) -> f64 {
    let tokens: Vec<String> = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if tokens.is_empty() {
        return 0.0;
    }
    tokens
        .iter()
        .filter(|t| words.contains(&t.as_str()))
        .count() as f64
        / tokens.len() as f64
}

#[test]
fn german_texts_are_german_and_not_copies_of_english() {
    let en = knowledge::entries(Lang::En);
    let de = knowledge::entries(Lang::De);
    let mut problems = Vec::new();
    for (e, d) in en.iter().zip(de) {
        assert_eq!(e.code, d.code);
        let prose = |x: &knowledge::Entry| {
            let mut s = format!("{} {} {} {}", x.summary, x.meaning, x.action, x.counterpart);
            for c in x.causes {
                s.push(' ');
                s.push_str(c);
            }
            s
        };
        let (pe, pd) = (prose(e), prose(d));
        if pd == pe || d.title == e.title && d.summary == e.summary {
            problems.push(format!("{}: German equals English", d.code));
        }
        let (g, en_share) = (share(&pd, GERMAN_WORDS), share(&pd, ENGLISH_WORDS));
        if g < 0.08 || en_share > g {
            problems.push(format!(
                "{}: does not read as German (de {g:.2}, en {en_share:.2})",
                d.code
            ));
        }
        if share(&pe, ENGLISH_WORDS) < 0.08 {
            problems.push(format!("{}: English text does not read as English", e.code));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_provider_has_advice_in_english_and_german() {
    let en = knowledge::provider_advice(Lang::En);
    let de = knowledge::provider_advice(Lang::De);
    assert!(en.len() >= 15);
    let mut problems = Vec::new();
    for ((name, e), (_, d)) in en.iter().zip(&de) {
        if e.len() < 80 || d.len() < 80 {
            problems.push(format!("{name}: advice missing or too short"));
        } else if share(d, GERMAN_WORDS) < 0.08 || share(d, ENGLISH_WORDS) > share(d, GERMAN_WORDS)
        {
            problems.push(format!("{name}: German advice does not read as German"));
        } else if share(e, ENGLISH_WORDS) < 0.08 {
            problems.push(format!("{name}: English advice does not read as English"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// What is wrong with a provider's list of sources: none, an empty or untrimmed entry, a
/// link that is not a well-formed http(s) URL, or a file of the repository (the user
/// cannot open it).
fn source_problems(name: &str, sources: &[&str]) -> Vec<String> {
    let mut problems = Vec::new();
    if sources.is_empty() {
        problems.push(format!("{name}: no source"));
    }
    for s in sources {
        if s.trim().is_empty() || s.trim() != *s {
            problems.push(format!("{name}: empty or untrimmed source {s:?}"));
        } else if s.contains("://") {
            let host = s
                .strip_prefix("https://")
                .or_else(|| s.strip_prefix("http://"))
                .and_then(|rest| rest.split(['/', '?', '#']).next())
                .unwrap_or("");
            if !host.contains('.') || s.contains(char::is_whitespace) {
                problems.push(format!("{name}: malformed source URL {s}"));
            }
        } else if !files_named(s).is_empty() {
            problems.push(format!("{name}: source names a file, not a page: {s}"));
        }
    }
    problems
}

#[test]
fn the_provider_source_check_finds_a_missing_or_broken_source() {
    assert!(!source_problems("X", &[]).is_empty());
    assert!(!source_problems("X", &[" https://example.com/"]).is_empty());
    assert!(!source_problems("X", &["ftp://example.com/"]).is_empty());
    assert!(!source_problems("X", &["https://localhost/"]).is_empty());
    assert!(!source_problems("X", &["see shared/reference/provider-codes.md"]).is_empty());
    assert!(source_problems("X", &["https://postmaster.example.com/"]).is_empty());
    assert!(source_problems("X", &["RFC 5321, section 4.5.1"]).is_empty());
}

#[test]
fn every_provider_has_sources_and_advice_in_both_languages() {
    let sources = knowledge::provider_sources();
    let en = knowledge::provider_advice(Lang::En);
    let de = knowledge::provider_advice(Lang::De);
    assert!(sources.len() >= 45, "providers: {}", sources.len());
    assert_eq!(sources.len(), en.len());
    let mut problems = Vec::new();
    for (((name, list), (_, e)), (_, d)) in sources.iter().zip(&en).zip(&de) {
        problems.extend(source_problems(name, list));
        if e.trim().is_empty() {
            problems.push(format!("{name}: no English advice"));
        }
        if d.trim().is_empty() {
            problems.push(format!("{name}: no German advice"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_reason_action_and_bounce_type_has_labels_in_both_languages() {
    for lang in [Lang::En, Lang::De] {
        for reason in Reason::ALL {
            let l = knowledge::reason_label(*reason, lang)
                .unwrap_or_else(|| panic!("{lang:?}: no label for {reason:?}"));
            assert!(!l.label.is_empty() && !l.explanation.is_empty());
        }
        for action in [
            Action::Suppress,
            Action::Retry,
            Action::FixSending,
            Action::Review,
            Action::None,
        ] {
            assert!(
                knowledge::action_label(action, lang).is_some(),
                "{lang:?} {action:?}"
            );
        }
        for bt in [
            BounceType::Hard,
            BounceType::Soft,
            BounceType::None,
            BounceType::Unknown,
        ] {
            assert!(
                knowledge::bounce_type_label(bt, lang).is_some(),
                "{lang:?} {bt:?}"
            );
        }
        for kind in [
            "bounce",
            "delay",
            "delivered",
            "feedback",
            "auto_reply",
            "not_a_bounce",
            "unknown",
        ] {
            assert!(
                knowledge::kind_label(kind, lang).is_some(),
                "{lang:?} {kind}"
            );
        }
    }
    assert_ne!(
        knowledge::reason_label(Reason::UserUnknown, Lang::En),
        knowledge::reason_label(Reason::UserUnknown, Lang::De)
    );
}

#[test]
fn breakdown_follows_the_rfcs() {
    let e = knowledge::explain("5.1.1", Lang::En).unwrap();
    let parts = e.breakdown();
    assert_eq!(
        parts.iter().map(|p| p.value.as_str()).collect::<Vec<_>>(),
        ["5", "1", "1"]
    );
    assert!(parts[0].meaning.to_lowercase().contains("permanent"));
    assert!(parts[1].meaning.to_lowercase().contains("address"));
    let r = knowledge::explain("550", Lang::En).unwrap().breakdown();
    assert_eq!(r.len(), 3);
    // RFC 5321 4.2.1: second digit 5 = mail system
    assert!(
        r[1].meaning.to_lowercase().contains("mail system"),
        "{}",
        r[1].meaning
    );
    assert_eq!(
        knowledge::explain("550", Lang::En).unwrap().kind,
        CodeKind::Reply
    );
}

#[test]
fn lookups_accept_what_people_type() {
    for (typed, code) in [
        ("5.1.1", "5.1.1"),
        (" #5.1.1 ", "5.1.1"),
        ("5.1.x", "5.1.XXX"),
        ("5.1", "5.1.XXX"),
        ("5.x.x", "5.XXX.XXX"),
        ("(S3150)", "S3150"),
        ("tss04", "TSS04"),
        ("5.7.612", "5.7.606"),
        ("550", "550"),
        // a provider's code with the text its replies write before it
        ("AUP#In-1310", "1300"),
        ("AUP#Out-1520", "1500"),
        ("AUP#1000", "1000"),
        ("1310", "1300"),
        ("AUP#CXBL", "CXBL"),
        ("c=r0201", "r0201"),
    ] {
        assert_eq!(
            knowledge::explain(typed, Lang::En).map(|e| e.code),
            Some(code),
            "{typed}"
        );
    }
    for nonsense in [
        "",
        "hello",
        "9.9.9",
        "5.9.1",
        "999",
        "192.0.2.1",
        "AUP#In-1315",
        "AUP#",
    ] {
        assert!(
            knowledge::explain(nonsense, Lang::En).is_none(),
            "{nonsense}"
        );
    }
}

#[test]
fn sender_side_codes_never_suppress_the_recipient() {
    for code in [
        "5.7.26", "5.7.23", "5.7.25", "S3150", "TSS04", "NOWL", "5.7.606", "BL21", "CS01",
    ] {
        let e = knowledge::explain(code, Lang::En).unwrap();
        assert_ne!(e.recommended_action(), Action::Suppress, "{code}");
    }
    for code in ["5.1.1", "5.1.2", "5.2.1"] {
        assert_eq!(
            knowledge::explain(code, Lang::En)
                .unwrap()
                .recommended_action(),
            Action::Suppress,
            "{code}"
        );
    }
}

/// Every German prose string of the knowledge base: the entries' texts (not the example
/// lines, which quote servers in English), the labels and the provider advice.
fn german_prose() -> Vec<(String, &'static str)> {
    let mut all = Vec::new();
    for e in knowledge::entries(Lang::De) {
        for (field, text) in [
            ("title", e.title),
            ("summary", e.summary),
            ("meaning", e.meaning),
            ("category", e.category),
            ("action", e.action),
            ("counterpart", e.counterpart),
        ] {
            all.push((format!("{} {field}", e.code), text));
        }
        for (field, items) in [
            ("causes", e.causes),
            ("resolution_marketers", e.resolution_marketers),
            ("resolution_developers", e.resolution_developers),
            ("provider_responses", e.provider_responses),
            ("best_practices", e.best_practices),
            ("investigation", e.investigation),
        ] {
            for (i, text) in items.iter().enumerate() {
                all.push((format!("{} {field}[{i}]", e.code), *text));
            }
        }
    }
    for (name, advice) in knowledge::provider_advice(Lang::De) {
        all.push((format!("provider advice {name}"), advice));
    }
    for reason in Reason::ALL {
        if let Some(l) = knowledge::reason_label(*reason, Lang::De) {
            all.push((format!("label {reason:?}"), l.label));
            all.push((format!("label {reason:?} explanation"), l.explanation));
        }
    }
    all
}

/// Phrases in which "Tag" is the day, not a token: they are taken out before the check.
const DAY_PHRASES: &[&str] = &[
    "den ganzen Tag",
    "als einen Tag",
    "einen Tag später",
    "einen Tag lang",
];
/// Words that make a following "Tag" masculine (der Tag, the day) instead of das Tag.
const MASCULINE: &[&str] = &[
    "der", "den", "einen", "keinen", "jeden", "dieser", "diesen", "welcher", "welchen", "weiterer",
    "eigener", "anderer",
];
/// Words that stand for relaying being refused; "Weiterleiten" (forwarding) must not name it.
const RELAY_REFUSED: &[&str] = &[
    "verweiger",
    "relay access denied",
    "relaying denied",
    "relay not permitted",
    "relaying not allowed",
    "not allowed to relay",
    "allowed rcpthosts",
];

/// What the German glossary finds wrong in one text.
fn glossary_problems(text: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let lower = text.to_lowercase();
    // Zurückstellung (a deferral), never Rückstellung (an accounting provision)
    for (at, _) in lower.match_indices("rückstellung") {
        if !lower[..at].ends_with("zu") {
            problems.push("Rückstellung: write Zurückstellung".to_string());
        }
    }
    // das Tag (a token), never der Tag (the day)
    let mut rest = text.to_string();
    for day in DAY_PHRASES {
        rest = rest.replace(day, " ");
    }
    let words: Vec<&str> = rest.split_whitespace().collect();
    for (i, w) in words.iter().enumerate() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
        if w != "Tag" && !w.ends_with("-Tag") {
            continue;
        }
        let before = |n: usize| {
            i.checked_sub(n)
                .map(|j| words[j].to_lowercase())
                .unwrap_or_default()
        };
        let (b1, b2) = (before(1), before(2));
        // "der Tag", "ein weiterer Tag", "der verwandte Telekom-Tag"
        if MASCULINE.contains(&b1.as_str())
            || (MASCULINE.contains(&b2.as_str()) && b1.ends_with('e'))
        {
            problems.push(format!("\"{b2} {b1} {w}\": write das Tag (or die Kennung)"));
        }
    }
    // Relaying, not Weiterleiten, for relaying denied (sentence by sentence)
    for sentence in lower.split([';', '!', '?']).flat_map(|s| s.split(". ")) {
        if sentence.contains("weiterleit") && RELAY_REFUSED.iter().any(|r| sentence.contains(r)) {
            problems.push("Weiterleiten for refused relaying: write Relaying".to_string());
        }
    }
    // one spelling each
    for (wrong, right) in [
        ("Null MX", "Null-MX"),
        ("NullMX", "Null-MX"),
        ("Null-Mx", "Null-MX"),
        ("IANA Registry", "IANA-Registry"),
        ("IANA-Registrierung", "IANA-Registry"),
        ("Umschlagabsender", "Envelope-Absender"),
        ("Umschlag-Absender", "Envelope-Absender"),
        ("Envelope Absender", "Envelope-Absender"),
        ("Envelope-absender", "Envelope-Absender"),
        ("Envelope-Sender", "Envelope-Absender"),
    ] {
        if text.contains(wrong) {
            problems.push(format!("{wrong}: write {right}"));
        }
    }
    for (wrong, right) in [
        ("Absender-Domain", "Absenderdomain"),
        ("Empfänger-Domain", "Empfängerdomain"),
    ] {
        if text.contains(wrong) {
            problems.push(format!("{wrong}: write {right}"));
        }
    }
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    for (i, word) in words.iter().enumerate() {
        let word = *word;
        if word == "IANA-Register"
            || word == "IANA-Registers"
            || word == "Register"
            || word == "Registers"
        {
            problems.push(format!("{word}: write (IANA-)Registry"));
        }
        // Blockliste, the German word, as in the other hundred places
        if word == "Blocklist" || word == "Blocklists" {
            problems.push(format!("{word}: write Blockliste"));
        }
        // English verbs conjugated in German ("Postfix bounct mit 5.4.4")
        if matches!(
            word,
            "bounct" | "bouncen" | "bouncte" | "bouncten" | "gebounct" | "gebounced"
        ) {
            problems.push(format!(
                "{word}: write zurückschicken (or einen Bounce schicken)"
            ));
        }
        // der Reverse DNS (the PTR entry), never das: "kein gültiges Reverse DNS"
        if word == "Reverse" && words.get(i + 1) == Some(&"DNS") {
            let before = i.checked_sub(1).map(|j| words[j]).unwrap_or("");
            if before == "das"
                || (before.len() > 4
                    && before.ends_with("es")
                    && before.starts_with(char::is_lowercase))
            {
                problems.push(format!("\"{before} Reverse DNS\": write der Reverse DNS"));
            }
        }
    }
    // slips found in the texts once; they must not come back
    for slip in [
        "dort es ",
        "wegen vollem",
        "Standardverwandt",
        "nackte",
        "Kennzeichen [",
    ] {
        if text.contains(slip) {
            problems.push(format!("slip \"{slip}\""));
        }
    }
    problems
}

#[test]
fn the_glossary_check_finds_each_forbidden_form() {
    // the check itself must catch what it is meant to catch, so that a pass means something
    for bad in [
        "Die Rückstellung dauert an.",
        "Zählen Sie Netzwerkrückstellungen.",
        "S3150 ist der Tag, den Outlook.com anhängt.",
        "NOWL ist der verwandte Telekom-Tag für neue IPs.",
        "S3140 ist ein weiterer Tag des Filters.",
        "Das Weiterleiten wurde verweigert (Relay access denied).",
        "Die Domain hat einen Null MX.",
        "Der Code steht nicht im IANA-Register.",
        "Die IANA Registry kennt ihn nicht.",
        "Der Umschlagabsender ist falsch.",
        "Prüfen Sie die Absender-Domain.",
        "Die Empfänger-Domain existiert nicht.",
        "Die IP steht auf einer Blocklist.",
        "Postfix bounct mit 5.4.4.",
        "Manche Server bouncen später.",
        "Die IP hat kein gültiges Reverse DNS.",
        "Sie scheitert wegen vollem Postfach.",
        "Yahoo: 421 4.7.0 mit dem Kennzeichen [TSS04].",
    ] {
        assert!(!glossary_problems(bad).is_empty(), "not caught: {bad}");
    }
    for good in [
        "Die Zurückstellung dauert an.",
        "S3150 ist das Tag, das Outlook.com anhängt, mit dem Tag S3150.",
        "Dauern die Zurückstellungen länger als einen Tag, melden Sie sich.",
        "Das Relaying wurde verweigert; prüfen Sie die Weiterleitungsregeln später.",
        "Die Domain hat einen Null-MX; Postfix schreibt „(nullMX)“.",
        "Der Code steht nicht in der IANA-Registry.",
        "Der Envelope-Absender ist falsch.",
        "Prüfen Sie die Absenderdomain und die Empfängerdomain auf Blocklisten.",
        "Die IP steht auf einer Blockliste; Postfix schreibt „status=bounced“.",
        "Die IP hat keinen gültigen Reverse DNS, das Reverse-DNS-Ergebnis fehlt.",
        "Sie scheitert wegen eines vollen Postfachs.",
    ] {
        assert!(
            glossary_problems(good).is_empty(),
            "wrongly caught: {good}: {:?}",
            glossary_problems(good)
        );
    }
}

#[test]
fn german_texts_follow_the_glossary() {
    let prose = german_prose();
    assert!(prose.len() > 3000, "German strings read: {}", prose.len());
    let mut problems = Vec::new();
    for (place, text) in &prose {
        for p in glossary_problems(text) {
            problems.push(format!("{place}: {p}"));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    // the glossary's own terms are in use, so the texts really were read
    let all: String = prose.iter().map(|(_, t)| *t).collect::<Vec<_>>().join("\n");
    for (term, min) in [
        ("Zurückstellung", 20),
        ("Null-MX", 10),
        ("IANA-Registry", 10),
        ("Envelope-Absender", 10),
        ("Relaying", 5),
        ("das Tag", 3),
    ] {
        let n = all.matches(term).count();
        assert!(n >= min, "{term}: {n} uses, want at least {min}");
    }
    let relaying = knowledge::reason_label(Reason::NoRelaying, Lang::De).unwrap();
    assert!(relaying.label.contains("Relaying"), "{}", relaying.label);
}

/// The words of a reference that name a file (a path or a file name) rather than a URL, an
/// RFC or a document's title.
fn files_named(reference: &str) -> Vec<String> {
    const EXTENSIONS: &[&str] = &[
        ".md", ".txt", ".csv", ".toml", ".json", ".rs", ".eml", ".html", ".htm", ".pdf", ".yaml",
    ];
    reference
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| matches!(c, ',' | ';' | '(' | ')' | '"' | '\'')))
        .filter(|w| !w.contains("://"))
        .filter(|w| {
            let lower = w.to_ascii_lowercase();
            EXTENSIONS.iter().any(|x| lower.ends_with(x))
                || w.split('/').filter(|part| !part.is_empty()).count() > 1
        })
        .map(str::to_string)
        .collect()
}

/// The https URLs in a reference.
fn urls_in(reference: &str) -> Vec<&str> {
    reference
        .split_whitespace()
        .filter(|w| w.starts_with("https://"))
        .map(|w| w.trim_end_matches([',', ';', ')']))
        .collect()
}

#[test]
fn the_source_checks_find_a_missing_source() {
    assert_eq!(files_named("provider-codes.md"), ["provider-codes.md"]);
    assert_eq!(
        files_named("see reference/provider-codes (2026)"),
        ["reference/provider-codes"]
    );
    assert!(files_named("RFC 5321 s4.2.3 / s3.4; RFC 1870").is_empty());
    assert!(files_named("Yahoo: https://senders.yahooinc.com/smtp-error-codes/").is_empty());
    assert!(urls_in("provider-codes.md").is_empty());
    assert_eq!(
        urls_in("Apple, postmaster information: https://support.apple.com/en-us/102322"),
        ["https://support.apple.com/en-us/102322"]
    );
}

#[test]
fn every_provider_fact_has_a_source_the_user_can_open() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut problems = Vec::new();
    let mut providers = 0;
    for e in knowledge::entries(Lang::En) {
        // no reference, of any entry, points at a file the repository does not hold
        for file in files_named(e.reference) {
            if !root.join(&file).exists() {
                problems.push(format!(
                    "{}: reference names {file}, not in the repository",
                    e.code
                ));
            }
        }
        if e.kind != CodeKind::Provider {
            continue;
        }
        providers += 1;
        let urls = urls_in(e.reference);
        if urls.is_empty() {
            problems.push(format!("{}: no source URL in {:?}", e.code, e.reference));
        }
        for url in urls {
            let host = url["https://".len()..].split('/').next().unwrap_or("");
            if !host.contains('.') || url.contains(char::is_whitespace) {
                problems.push(format!("{}: malformed source URL {url}", e.code));
            }
        }
        if e.provider.is_none_or(|p| p.trim().is_empty()) {
            problems.push(format!("{}: provider entry names no provider", e.code));
        }
    }
    assert!(providers >= 30, "provider entries read: {providers}");
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_outlook_com_sender_support_form_is_linked_wherever_it_is_named() {
    const FORM: &str = "https://sendersupport.olc.protection.outlook.com/pm/";
    let mut named = 0;
    let mut problems = Vec::new();
    for (lang, name) in [
        (Lang::En, "Outlook.com sender support form"),
        (Lang::De, "Outlook.com-Formular für Absender-Support"),
    ] {
        for e in knowledge::entries(lang) {
            let lists = [
                e.causes,
                e.resolution_marketers,
                e.resolution_developers,
                e.provider_responses,
                e.best_practices,
                e.investigation,
            ];
            let texts = [e.summary, e.action, e.counterpart]
                .into_iter()
                .chain(lists.into_iter().flatten().copied());
            for text in texts {
                for (at, _) in text.match_indices(name) {
                    named += 1;
                    if !text[at..].starts_with(&format!("{name} ({FORM})")) {
                        problems.push(format!("{lang:?} {}: {name} without its link", e.code));
                    }
                }
            }
        }
    }
    assert!(named >= 20, "mentions found: {named}");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn refusals_that_can_be_aimed_at_the_sender_do_not_suppress_and_reputation_deferrals_are_fixed() {
    // 521 / 5.3.2: Postfix postscreen sends them to block-listed clients
    for code in ["521", "5.3.2", "5.7.515", "5.7.27"] {
        let e = knowledge::explain(code, Lang::En).unwrap();
        assert_ne!(e.recommended_action(), Action::Suppress, "{code}");
    }
    // a routing loop is not retried until it is fixed
    assert_ne!(
        knowledge::explain("5.4.6", Lang::En)
            .unwrap()
            .recommended_action(),
        Action::Retry
    );
    // the same kind of reputation deferral as TSS04, 4.7.650 and 4.7.0
    for code in ["4.7.28", "TSS04", "4.7.650"] {
        assert_eq!(
            knowledge::explain(code, Lang::En)
                .unwrap()
                .recommended_action(),
            Action::FixSending,
            "{code}"
        );
    }
}
