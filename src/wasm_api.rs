//! The WebAssembly binding: converts arguments, calls the core, converts results. No logic
//! lives here. Errors cross as real JavaScript `Error` objects; a panic is written to the
//! console by the panic hook and surfaces as a thrown `RuntimeError`, never silently.
//!
//! Values cross with serde-wasm-bindgen; their TypeScript declarations come from the
//! `tsify` derives on the core types, and the extern types below give every function a
//! typed signature in the generated .d.ts (the pattern of biome's wasm crate).

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::knowledge::{self, Lang};
use crate::report::{Explanation, Options};

#[wasm_bindgen]
extern "C" {
    /// A decoded report.
    #[wasm_bindgen(typescript_type = "Report")]
    pub type JsReport;
    /// Options for `decode`.
    #[wasm_bindgen(typescript_type = "Partial<Options>")]
    pub type JsOptions;
    /// One explanation.
    #[wasm_bindgen(typescript_type = "Explanation")]
    pub type JsExplanation;
    /// All explanations of a language.
    #[wasm_bindgen(typescript_type = "Explanation[]")]
    pub type JsExplanations;
    /// Translated labels.
    #[wasm_bindgen(typescript_type = "LabelTable")]
    pub type JsLabelTable;
}

/// Plain objects (not `Map`s) and `null` (not `undefined`) for missing values.
const SERIALIZER: serde_wasm_bindgen::Serializer = serde_wasm_bindgen::Serializer::new()
    .serialize_missing_as_null(true)
    .serialize_maps_as_objects(true);

fn into_error<E: std::fmt::Display>(err: E) -> js_sys::Error {
    js_sys::Error::new(&err.to_string())
}

fn to_js<T: Serialize, J: JsCast>(value: &T) -> Result<J, js_sys::Error> {
    value
        .serialize(&SERIALIZER)
        .map(JsCast::unchecked_into)
        .map_err(into_error)
}

/// Reads `{ lang, explanations, max_recipients }` field by field rather than with serde: a
/// serde deserializer for three fields brought in its error messages' number formatting,
/// ~14 KB of the wasm (twiggy). A field left out, `undefined` or `null` keeps its default;
/// other fields are ignored, as serde's `#[serde(default)]` did.
fn read_options(options: Option<JsOptions>) -> Result<Options, js_sys::Error> {
    let mut read = Options::default();
    let options: JsValue = match options {
        Some(o) if !o.is_undefined() && !o.is_null() => o.into(),
        _ => return Ok(read),
    };
    if !options.is_object() {
        return Err(into_error("invalid options: expected an object"));
    }
    let field = |name: &str| -> Result<Option<JsValue>, js_sys::Error> {
        let value = js_sys::Reflect::get(&options, &JsValue::from_str(name))
            .map_err(|_| into_error(format!("invalid options: {name} cannot be read")))?;
        Ok((!value.is_undefined() && !value.is_null()).then_some(value))
    };
    if let Some(lang) = field("lang")? {
        let tag = lang
            .as_string()
            .ok_or_else(|| into_error("invalid options: lang must be a string"))?;
        read.lang = parse_lang(Some(tag))?;
    }
    if let Some(explanations) = field("explanations")? {
        read.explanations = explanations
            .as_bool()
            .ok_or_else(|| into_error("invalid options: explanations must be true or false"))?;
    }
    if let Some(max) = field("max_recipients")? {
        read.max_recipients = max
            .as_f64()
            .filter(|n| n.fract() == 0.0 && (0.0..=u32::MAX as f64).contains(n))
            .map(|n| n as usize)
            .ok_or_else(|| {
                into_error("invalid options: max_recipients must be a whole number from 0")
            })?;
    }
    Ok(read)
}

fn parse_lang(lang: Option<String>) -> Result<Lang, js_sys::Error> {
    match lang {
        None => Ok(Lang::En),
        Some(tag) => Lang::parse(&tag).ok_or_else(|| {
            into_error(format!(
                "unsupported language '{tag}': use \"en\" or \"de\""
            ))
        }),
    }
}

/// Installs the panic hook once, when the module is instantiated.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// Decodes a bounce, reply line, log line or code.
#[wasm_bindgen]
pub fn decode(input: &str, options: Option<JsOptions>) -> Result<JsReport, js_sys::Error> {
    to_js(&crate::decode(input, &read_options(options)?))
}

/// Decodes raw bytes (an .eml file as read from disk, in any charset).
#[wasm_bindgen(js_name = decodeBytes)]
pub fn decode_bytes(input: &[u8], options: Option<JsOptions>) -> Result<JsReport, js_sys::Error> {
    to_js(&crate::decode_bytes(input, &read_options(options)?))
}

/// Explains a code (`5.1.1`, `550`, `5.1.x`, `S3150`) in `lang` ("en" by default).
/// Returns `undefined` for a code the knowledge base does not have; throws for an unknown
/// language.
#[wasm_bindgen]
pub fn explain(code: &str, lang: Option<String>) -> Result<Option<JsExplanation>, js_sys::Error> {
    let lang = parse_lang(lang)?;
    knowledge::explain(code, lang)
        .map(|e| to_js(&Explanation::from(e)))
        .transpose()
}

/// Every entry of the knowledge base in `lang`.
#[wasm_bindgen(js_name = explainAll)]
pub fn explain_all(lang: Option<String>) -> Result<JsExplanations, js_sys::Error> {
    let lang = parse_lang(lang)?;
    let all: Vec<Explanation> = knowledge::entries(lang)
        .iter()
        .map(Explanation::from)
        .collect();
    to_js(&all)
}

/// Translated labels for reasons, actions, bounce types and message kinds, each group an
/// object keyed by the value a report carries: `labels("de").reasons.user_unknown.label`.
#[wasm_bindgen]
pub fn labels(lang: Option<String>) -> Result<JsLabelTable, js_sys::Error> {
    to_js(&knowledge::label_table(parse_lang(lang)?))
}
