//! The WebAssembly boundary, run under Node with `wasm-pack test --node`: results are
//! plain JS objects, errors are real JS `Error`s.
#![cfg(target_arch = "wasm32")]

use bounce_decoder::wasm_api;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

#[wasm_bindgen_test]
fn decode_returns_a_plain_object_with_recipients() {
    let report: JsValue = wasm_api::decode("550 5.1.1 <bob@example.com>: User unknown", None)
        .unwrap()
        .into();
    assert!(report.is_object());
    let recipients = get(&report, "recipients");
    let first = js_sys::Array::from(&recipients).get(0);
    assert_eq!(get(&first, "status").as_string().as_deref(), Some("5.1.1"));
    assert_eq!(
        get(&first, "bounce_type").as_string().as_deref(),
        Some("hard")
    );
    assert_eq!(
        get(&first, "reason").as_string().as_deref(),
        Some("user_unknown")
    );
    // missing values are null, not undefined
    assert!(get(&first, "original_address").is_null());
}

#[wasm_bindgen_test]
fn options_select_german() {
    let options = js_sys::JSON::parse(r#"{"lang":"de"}"#).unwrap();
    let report: JsValue =
        wasm_api::decode("452 4.2.2 mailbox full", Some(options.unchecked_into()))
            .unwrap()
            .into();
    assert_eq!(get(&report, "lang").as_string().as_deref(), Some("de"));
}

#[wasm_bindgen_test]
fn bad_options_and_languages_throw_real_errors() {
    let options = js_sys::JSON::parse(r#"{"lang":"fr"}"#).unwrap();
    let err = wasm_api::decode("550", Some(options.unchecked_into()))
        .err()
        .unwrap();
    assert!(err.is_instance_of::<js_sys::Error>());
    let err = wasm_api::explain("5.1.1", Some("xx".into())).err().unwrap();
    assert!(err.is_instance_of::<js_sys::Error>());
    assert!(String::from(err.message()).contains("xx"));
}

#[wasm_bindgen_test]
fn options_are_read_field_by_field() {
    let decode = |options: &str, input: &str| {
        let options = js_sys::JSON::parse(options).unwrap();
        wasm_api::decode(input, Some(options.unchecked_into()))
    };
    let two = "550 5.1.1 <a@example.com>: User unknown\n550 5.1.1 <b@example.com>: User unknown";
    let report: JsValue = decode(
        r#"{"max_recipients":1,"explanations":false,"other":3}"#,
        two,
    )
    .unwrap()
    .into();
    let recipients: js_sys::Array = get(&report, "recipients").unchecked_into();
    assert_eq!(recipients.length(), 1);
    let explanations: js_sys::Array = get(&report, "explanations").unchecked_into();
    assert_eq!(explanations.length(), 0);
    // null and left-out fields keep their defaults: English, explanations on
    let report: JsValue = decode(r#"{"lang":null}"#, "550 5.1.1 User unknown")
        .unwrap()
        .into();
    assert_eq!(get(&report, "lang").as_string().as_deref(), Some("en"));
    let explanations: js_sys::Array = get(&report, "explanations").unchecked_into();
    assert!(explanations.length() > 0);
    for (options, names) in [
        (r#"{"explanations":"yes"}"#, "explanations"),
        (r#"{"max_recipients":-1}"#, "max_recipients"),
        (r#"{"max_recipients":1.5}"#, "max_recipients"),
        (r#"{"lang":7}"#, "lang"),
        ("5", "object"),
    ] {
        let err = decode(options, "550").err().unwrap();
        assert!(err.is_instance_of::<js_sys::Error>());
        let message = String::from(err.message());
        assert!(message.contains(names), "{options}: {message}");
    }
}

#[wasm_bindgen_test]
fn explain_finds_codes_and_returns_null_for_unknown_ones() {
    let e: JsValue = wasm_api::explain("5.3.0", Some("de".into()))
        .unwrap()
        .unwrap()
        .into();
    assert_eq!(get(&e, "code").as_string().as_deref(), Some("5.3.0"));
    assert!(wasm_api::explain("9.9.9", None).unwrap().is_none());
    let all: JsValue = wasm_api::explain_all(None).unwrap().into();
    assert!(js_sys::Array::from(&all).length() > 230);
}

/// The page's build (`--no-default-features`, as here): the facts of a code and the parts of
/// its breakdown, without the long texts, which the page loads from www/texts/.
#[cfg(not(feature = "texts"))]
#[wasm_bindgen_test]
fn without_the_texts_feature_explanations_carry_the_facts_only() {
    let e: JsValue = wasm_api::explain("5.1.1", None).unwrap().unwrap().into();
    assert_eq!(get(&e, "kind").as_string().as_deref(), Some("detail"));
    assert_eq!(
        get(&e, "reason").as_string().as_deref(),
        Some("user_unknown")
    );
    assert_eq!(get(&e, "title").as_string().as_deref(), Some(""));
    assert_eq!(js_sys::Array::from(&get(&e, "causes")).length(), 0);
    assert_eq!(js_sys::Array::from(&get(&e, "breakdown")).length(), 3);
}
