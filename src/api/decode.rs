//! Tolerant decoding, written once for every area.
//!
//! Real servers send `null` where a string belongs, numbers as floats or strings, several
//! spellings of one field (sometimes two at once, which a derived serde decoder rejects as
//! a duplicate), and `""` for "no date". Models therefore read the parsed body (a [`Json`]
//! tree that borrows from it) through [`Obj`], whose accessors take every accepted
//! spelling of a field, first present wins: missing, `null` and `""` give the type's
//! empty value (and let a later spelling speak: `{"access_token": "", "token": "…"}`
//! reads the legacy `token`); a value of an unusable type is a decode error naming the
//! field.

use std::fmt::{self, Display};

pub(crate) use super::json::Json;
use super::json::{field, Field, NULL};
use super::Timestamp;
use crate::Error;

/// A model that can be read from a JSON value.
pub(crate) trait FromJson: Sized {
    fn from_json(value: &Json<'_>) -> Result<Self, Error>;

    /// Reads a whole response body; models that accept non-JSON bodies override it.
    fn from_body(body: &str) -> Result<Self, Error> {
        let value = Json::parse(body)
            .map_err(|e| Error::decode(format!("response is not valid JSON: {e}")))?;
        Self::from_json(&value)
    }
}

/// Operations answered with `204 No Content` (or a body nobody needs).
impl FromJson for () {
    fn from_json(_: &Json<'_>) -> Result<Self, Error> {
        Ok(())
    }

    fn from_body(_: &str) -> Result<Self, Error> {
        Ok(())
    }
}

/// Decodes a JSON array (`null` is an empty one).
pub(crate) fn list<T: FromJson>(value: &Json<'_>, what: impl Display) -> Result<Vec<T>, Error> {
    match value {
        Json::Null => Ok(Vec::new()),
        Json::Array(items) => items.iter().map(T::from_json).collect(),
        other => Err(mismatch(what, "an array", other)),
    }
}

impl FromJson for String {
    fn from_json(value: &Json<'_>) -> Result<Self, Error> {
        text(value, "array item")
    }
}

/// A read-only view of one JSON object.
#[derive(Clone, Copy)]
pub(crate) struct Obj<'a> {
    fields: &'a [Field<'a>],
    what: &'a str,
}

impl<'a> Obj<'a> {
    /// The object in `value`; `what` names it in error messages.
    pub(crate) fn new(value: &'a Json<'a>, what: &'a str) -> Result<Obj<'a>, Error> {
        match value {
            Json::Object(fields) => Ok(Obj { fields, what }),
            other => Err(mismatch(what, "an object", other)),
        }
    }

    /// The object in `value`, or an empty one for `null`.
    fn new_or_empty(value: &'a Json<'a>, what: &'a str) -> Result<Obj<'a>, Error> {
        match value {
            Json::Null => Ok(Obj { fields: &[], what }),
            other => Obj::new(other, what),
        }
    }

    /// The first of `keys` present with a value other than `null` and `""`.
    pub(crate) fn get(&self, keys: &[&str]) -> Option<&'a Json<'a>> {
        keys.iter()
            .filter_map(|key| field(self.fields, key))
            .find(|v| !v.is_null() && v.as_str() != Some(""))
    }

    /// The field's value (`null` when absent) and its name for messages, written out
    /// only when a message needs it.
    fn field(&self, keys: &[&'a str]) -> (&'a Json<'a>, FieldName<'a>) {
        let name = FieldName {
            what: self.what,
            key: keys.first().copied().unwrap_or("?"),
        };
        (self.get(keys).unwrap_or(&NULL), name)
    }

    /// Text; numbers and booleans are written out; `null`/missing is `""`.
    pub(crate) fn string(&self, keys: &[&str]) -> Result<String, Error> {
        let (value, name) = self.field(keys);
        text(value, name)
    }

    /// Text, `None` when missing, `null` or empty.
    pub(crate) fn opt_string(&self, keys: &[&str]) -> Result<Option<String>, Error> {
        let s = self.string(keys)?;
        Ok((!s.is_empty()).then_some(s))
    }

    /// An integer from an integer, a float (rounded) or a numeric string; `null`/missing/`""` is 0.
    pub(crate) fn i64(&self, keys: &[&str]) -> Result<i64, Error> {
        Ok(self.opt_i64(keys)?.unwrap_or(0))
    }

    /// Like [`Obj::i64`], `None` when missing, `null` or `""`.
    pub(crate) fn opt_i64(&self, keys: &[&str]) -> Result<Option<i64>, Error> {
        let (value, name) = self.field(keys);
        Ok(number(value, name)?.map(|n| n.round() as i64))
    }

    /// A number from a number or a numeric string; `null`/missing/`""` is 0.
    pub(crate) fn f64(&self, keys: &[&str]) -> Result<f64, Error> {
        let (value, name) = self.field(keys);
        Ok(number(value, name)?.unwrap_or(0.0))
    }

    /// A flag from a boolean, 0/1, or `"true"`/`"false"`/`"1"`/`"0"`; `null`/missing is false.
    pub(crate) fn bool(&self, keys: &[&str]) -> Result<bool, Error> {
        let (value, name) = self.field(keys);
        match value {
            Json::Null => Ok(false),
            Json::Bool(b) => Ok(*b),
            Json::Number(n) => Ok(n.as_f64() != Some(0.0)),
            Json::String(s) => match s.trim().to_ascii_lowercase().as_str() {
                "true" | "1" | "yes" => Ok(true),
                "false" | "0" | "no" | "" => Ok(false),
                _ => Err(mismatch(name, "a boolean", value)),
            },
            other => Err(mismatch(name, "a boolean", other)),
        }
    }

    /// A timestamp from text or Unix seconds; `null`/missing/`""` is `None`.
    pub(crate) fn timestamp(&self, keys: &[&str]) -> Result<Option<Timestamp>, Error> {
        let (value, name) = self.field(keys);
        match value {
            Json::Number(_) => {
                Ok(number(value, name)?.map(|n| Timestamp::from_unix_secs(n as i64)))
            }
            Json::String(s) => Ok(Timestamp::parse(s)),
            other => Ok(Timestamp::parse(&text(other, name)?)),
        }
    }

    /// A list of models (`null`/missing is empty).
    pub(crate) fn list<T: FromJson>(&self, keys: &[&str]) -> Result<Vec<T>, Error> {
        let (value, name) = self.field(keys);
        list(value, name)
    }

    /// A nested object (`null`/missing reads as an empty one).
    pub(crate) fn object(&self, keys: &[&str], what: &'a str) -> Result<Obj<'a>, Error> {
        Obj::new_or_empty(self.get(keys).unwrap_or(&NULL), what)
    }

    /// A nested value as compact JSON text (`""` when missing or `null`).
    pub(crate) fn json_text(&self, keys: &[&str]) -> String {
        self.get(keys).map(Json::to_text).unwrap_or_default()
    }
}

/// `what.key`, the name of a field in decode errors.
#[derive(Clone, Copy)]
struct FieldName<'a> {
    what: &'a str,
    key: &'a str,
}

impl Display for FieldName<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.what, self.key)
    }
}

fn text(value: &Json<'_>, name: impl Display) -> Result<String, Error> {
    match value {
        Json::Null => Ok(String::new()),
        Json::String(s) => Ok(s.as_ref().to_owned()),
        Json::Number(n) => Ok(n.to_string()),
        Json::Bool(b) => Ok(b.to_string()),
        other => Err(mismatch(name, "a string", other)),
    }
}

fn number(value: &Json<'_>, name: impl Display) -> Result<Option<f64>, Error> {
    match value {
        Json::Null => Ok(None),
        Json::Number(n) => Ok(n.as_f64()),
        Json::String(s) if s.trim().is_empty() => Ok(None),
        Json::String(s) => s
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .map(Some)
            .ok_or_else(|| mismatch(name, "a number", value)),
        Json::Bool(b) => Ok(Some(f64::from(u8::from(*b)))),
        other => Err(mismatch(name, "a number", other)),
    }
}

fn mismatch(name: impl Display, expected: &str, got: &Json<'_>) -> Error {
    let got = match got {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "an array",
        Json::Object(_) => "an object",
    };
    Error::decode(format!("{name}: expected {expected}, got {got}"))
}

/// Reads a model from a `json!` value, as it would be read from that value's text.
#[cfg(test)]
pub(crate) fn read<T: FromJson>(value: serde_json::Value) -> Result<T, Error> {
    T::from_json(&Json::parse(&value.to_string()).unwrap())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn with<R>(value: Value, f: impl FnOnce(Obj<'_>) -> R) -> R {
        let text = value.to_string();
        f(Obj::new(&Json::parse(&text).unwrap(), "t").unwrap())
    }

    #[test]
    fn strings_accept_null_numbers_and_booleans() {
        with(json!({"a": null, "b": 5, "c": true, "d": "x"}), |o| {
            assert_eq!(o.string(&["a"]).unwrap(), "");
            assert_eq!(o.string(&["b"]).unwrap(), "5");
            assert_eq!(o.string(&["c"]).unwrap(), "true");
            assert_eq!(o.string(&["missing"]).unwrap(), "");
            assert_eq!(o.opt_string(&["a"]).unwrap(), None);
            assert_eq!(o.opt_string(&["d"]).unwrap(), Some("x".into()));
        });
    }

    #[test]
    fn numbers_accept_floats_strings_and_nulls() {
        with(
            json!({"i": 10, "f": 10.0, "r": 9.6, "s": " 12 ", "e": "", "n": null, "x": "abc"}),
            |o| {
                assert_eq!(o.i64(&["i"]).unwrap(), 10);
                assert_eq!(o.i64(&["f"]).unwrap(), 10);
                assert_eq!(o.i64(&["r"]).unwrap(), 10);
                assert_eq!(o.i64(&["s"]).unwrap(), 12);
                assert_eq!(o.i64(&["e"]).unwrap(), 0);
                assert_eq!(o.opt_i64(&["n"]).unwrap(), None);
                assert_eq!(o.f64(&["s"]).unwrap(), 12.0);
                let err = o.i64(&["x"]).unwrap_err();
                assert_eq!(err.kind(), crate::ErrorKind::Decode);
                assert!(err.message().contains("t.x"), "{}", err.message());
            },
        );
    }

    #[test]
    fn first_present_alias_wins_even_when_both_are_sent() {
        with(json!({"token": "old", "access_token": "new"}), |o| {
            assert_eq!(o.string(&["access_token", "token"]).unwrap(), "new");
        });
        with(json!({"token": "old", "access_token": null}), |o| {
            assert_eq!(o.string(&["access_token", "token"]).unwrap(), "old");
        });
    }

    #[test]
    fn an_empty_string_is_absent_so_the_next_spelling_speaks() {
        with(
            json!({"access_token": "", "token": "legacy", "n": "", "m": 5, "l": "", "o": ""}),
            |o| {
                assert_eq!(o.string(&["access_token", "token"]).unwrap(), "legacy");
                assert_eq!(o.opt_i64(&["n", "m"]).unwrap(), Some(5));
                assert!(o.list::<String>(&["l"]).unwrap().is_empty());
                assert_eq!(o.object(&["o"], "o").unwrap().string(&["x"]).unwrap(), "");
                assert_eq!(o.json_text(&["o"]), "");
            },
        );
    }

    #[test]
    fn flags_accept_booleans_bits_and_words() {
        with(
            json!({"t": true, "one": 1, "zero": 0, "s": "true", "b": "1", "bad": "maybe"}),
            |o| {
                assert!(o.bool(&["t"]).unwrap());
                assert!(o.bool(&["one"]).unwrap());
                assert!(!o.bool(&["zero"]).unwrap());
                assert!(o.bool(&["s"]).unwrap());
                assert!(o.bool(&["b"]).unwrap());
                assert!(!o.bool(&["missing"]).unwrap());
                assert!(o.bool(&["bad"]).is_err());
            },
        );
    }

    #[test]
    fn timestamps_accept_text_unix_seconds_and_empty() {
        with(
            json!({"a": "", "b": null, "c": 1700000000, "d": "2023-11-14T22:13:20Z"}),
            |o| {
                assert_eq!(o.timestamp(&["a"]).unwrap(), None);
                assert_eq!(o.timestamp(&["b"]).unwrap(), None);
                assert_eq!(
                    o.timestamp(&["c"]).unwrap().unwrap().unix_ms,
                    Some(1_700_000_000_000)
                );
                assert_eq!(
                    o.timestamp(&["d"]).unwrap().unwrap().unix_ms,
                    Some(1_700_000_000_000)
                );
            },
        );
    }

    #[test]
    fn lists_and_objects_accept_null() {
        with(json!({"l": null, "o": null, "bad": 3}), |o| {
            assert!(o.list::<String>(&["l"]).unwrap().is_empty());
            assert_eq!(o.object(&["o"], "o").unwrap().string(&["x"]).unwrap(), "");
            assert!(o.list::<String>(&["bad"]).is_err());
        });
    }
}
