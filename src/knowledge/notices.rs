//! Warnings about an input and notes about one result, in each language
//! (`data/<lang>/notices.toml`), with their placeholders filled in.

use crate::model::report::Notice;
use crate::model::{Lang, WarningCode};

/// The texts of one language: (code, text with `{placeholders}`).
pub(crate) struct Notices {
    pub warnings: &'static [(&'static str, &'static str)],
    pub notes: &'static [(&'static str, &'static str)],
}

fn notices(lang: Lang) -> &'static Notices {
    match lang {
        Lang::En => &super::NOTICES_EN,
        Lang::De => &super::NOTICES_DE,
    }
}

fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut text = template.to_string();
    for (name, value) in values {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

fn lookup(table: &[(&str, &'static str)], code: &str) -> &'static str {
    table
        .iter()
        .find(|(c, _)| *c == code)
        .map_or("", |(_, text)| text)
}

/// A warning about the input; `arg` fills `{arg}`.
pub(crate) fn warning(code: WarningCode, lang: Lang, arg: &str) -> Notice {
    let template = lookup(notices(lang).warnings, code.name());
    Notice {
        code: code.name().to_string(),
        message: fill(template, &[("arg", arg)]),
    }
}

/// A note about one recipient's result, with its named values filled in.
pub(crate) fn note(code: &str, lang: Lang, values: &[(&str, &str)]) -> Notice {
    Notice {
        code: code.to_string(),
        message: fill(lookup(notices(lang).notes, code), values),
    }
}

/// Every warning and note code of a language, for the completeness test.
#[cfg(test)]
pub(crate) fn codes(lang: Lang) -> Vec<&'static str> {
    let n = notices(lang);
    n.warnings.iter().chain(n.notes).map(|(c, _)| *c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_warning_has_a_text_in_both_languages() {
        for code in WarningCode::ALL {
            for lang in [Lang::En, Lang::De] {
                let w = warning(code, lang, "7");
                assert!(w.message.len() > 20, "{} in {lang:?}", code.name());
                assert!(!w.message.contains('{'), "{}: {}", code.name(), w.message);
            }
        }
        assert_eq!(codes(Lang::En), codes(Lang::De));
        let n = note(
            "status_mismatch",
            Lang::De,
            &[("field", "5.0.0"), ("scanned", "5.1.1")],
        );
        assert!(n.message.contains("5.0.0") && n.message.contains("5.1.1"));
    }
}
