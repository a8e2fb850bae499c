//! The CLI's text for people: a summary line per recipient, then the codes explained.

use std::io::{self, Write};

use bounce_decoder::knowledge::{self, Lang};
use bounce_decoder::{Explanation, Report};

struct Words {
    recipient: &'static str,
    no_address: &'static str,
    status: &'static str,
    reply: &'static str,
    reason: &'static str,
    action: &'static str,
    unknown: &'static str,
    inferred: &'static str,
    diagnostic: &'static str,
    decided_by: &'static str,
    provider: &'static str,
    sources: &'static str,
    causes: &'static str,
    marketers: &'static str,
    developers: &'static str,
    counterpart: &'static str,
    examples: &'static str,
    providers: &'static str,
    practices: &'static str,
    investigation: &'static str,
    original: &'static str,
}

const EN: Words = Words {
    recipient: "Recipient",
    no_address: "(no address in the input)",
    status: "Status",
    reply: "Reply code",
    reason: "Reason",
    action: "Action",
    unknown: "unknown",
    inferred: "inferred",
    diagnostic: "Server said",
    decided_by: "Decided by",
    provider: "Provider",
    sources: "Sources",
    causes: "Likely causes",
    marketers: "For email marketers",
    developers: "For developers",
    counterpart: "Temporary vs. permanent",
    examples: "Examples",
    providers: "What providers say",
    practices: "Best practices",
    investigation: "How to investigate",
    original: "Original message",
};

const DE: Words = Words {
    recipient: "Empfänger",
    no_address: "(keine Adresse in der Eingabe)",
    status: "Status",
    reply: "Antwortcode",
    reason: "Grund",
    action: "Maßnahme",
    unknown: "unbekannt",
    inferred: "abgeleitet",
    diagnostic: "Server-Antwort",
    decided_by: "Entschieden durch",
    provider: "Anbieter",
    sources: "Quellen",
    causes: "Mögliche Ursachen",
    marketers: "Für E-Mail-Marketer",
    developers: "Für Entwickler",
    counterpart: "Vorübergehend oder dauerhaft",
    examples: "Beispiele",
    providers: "Was Anbieter schreiben",
    practices: "Bewährte Vorgehensweisen",
    investigation: "So gehen Sie der Sache nach",
    original: "Ursprüngliche Nachricht",
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &EN,
        Lang::De => &DE,
    }
}

/// Writes a decoded report for people.
pub fn write_report(
    out: &mut impl Write,
    name: &str,
    report: &Report,
    lang: Lang,
) -> io::Result<()> {
    let w = words(lang);
    let kind =
        knowledge::kind_label(report.kind.name(), lang).map_or(report.kind.name(), |l| l.label);
    writeln!(out, "== {name}: {kind}")?;
    for warning in &report.warnings {
        writeln!(out, "   ! {}", warning.message)?;
    }
    if let Some(o) = &report.original {
        let subject = o.subject.as_deref().unwrap_or("");
        let id = o.message_id.as_deref().unwrap_or("");
        writeln!(out, "   {}: {subject} {id}", w.original)?;
    }
    for r in &report.recipients {
        let outcome =
            knowledge::outcome_label(r.outcome, lang).map_or(r.outcome.name(), |l| l.label);
        let bounce = knowledge::bounce_type_label(r.bounce_type, lang)
            .map_or(r.bounce_type.name(), |l| l.label);
        let reason = r
            .reason
            .and_then(|x| knowledge::reason_label(x, lang))
            .map_or(w.unknown, |l| l.label);
        let action = knowledge::action_label(r.action, lang).map_or(r.action.name(), |l| l.label);
        writeln!(
            out,
            "-- {}: {}",
            w.recipient,
            r.address.as_deref().unwrap_or(w.no_address)
        )?;
        writeln!(
            out,
            "   [{outcome}] {}: {reason} | {}: {action} | {bounce}",
            w.reason, w.action
        )?;
        let status = match (&r.status, r.status_inferred) {
            (Some(s), true) => format!("{s} ({})", w.inferred),
            (Some(s), false) => s.clone(),
            (None, _) => "-".into(),
        };
        let reply = r.reply_code.map_or("-".to_string(), |c| c.to_string());
        writeln!(out, "   {}: {status}   {}: {reply}", w.status, w.reply)?;
        if let Some(p) = &r.provider {
            writeln!(out, "   {}: {} {}", w.provider, p.name, p.tokens.join(" "))?;
            if let Some(advice) = &p.advice {
                writeln!(out, "      {advice}")?;
                if !p.sources.is_empty() {
                    writeln!(out, "      {}: {}", w.sources, p.sources.join(" · "))?;
                }
            }
        }
        if let Some(d) = &r.diagnostic {
            writeln!(out, "   {}: {d}", w.diagnostic)?;
        }
        if let Some(rule) = &r.decided_by {
            writeln!(out, "   {}: {rule}", w.decided_by)?;
        }
        for note in &r.notes {
            writeln!(out, "   ! {}", note.message)?;
        }
    }
    for e in &report.explanations {
        writeln!(out)?;
        write_explanation(out, e, lang)?;
    }
    writeln!(out)
}

/// Writes one explanation for people.
pub fn write_explanation(out: &mut impl Write, e: &Explanation, lang: Lang) -> io::Result<()> {
    let w = words(lang);
    writeln!(out, "## {} — {}", e.code, e.title)?;
    writeln!(out, "{}", e.summary)?;
    for part in &e.breakdown {
        writeln!(out, "  {} = {}", part.value, part.meaning)?;
    }
    let outcome = knowledge::outcome_label(e.outcome, lang).map_or(e.outcome.name(), |l| l.label);
    let bounce =
        knowledge::bounce_type_label(e.bounce_type, lang).map_or(e.bounce_type.name(), |l| l.label);
    writeln!(
        out,
        "  [{outcome}] {} — {} ({bounce})",
        e.category, e.action
    )?;
    let lists: [(&str, &Vec<String>); 7] = [
        (w.causes, &e.causes),
        (w.marketers, &e.resolution_marketers),
        (w.developers, &e.resolution_developers),
        (w.examples, &e.examples),
        (w.providers, &e.provider_responses),
        (w.practices, &e.best_practices),
        (w.investigation, &e.investigation),
    ];
    for (title, items) in lists {
        if items.is_empty() {
            continue;
        }
        writeln!(out, "{title}:")?;
        for item in items {
            writeln!(out, "  - {item}")?;
        }
    }
    if !e.counterpart.is_empty() {
        writeln!(out, "{}: {}", w.counterpart, e.counterpart)?;
    }
    Ok(())
}
