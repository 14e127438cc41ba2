//! The parsed form of a response body that the models read: a JSON tree that borrows its
//! strings from the body.
//!
//! `serde_json::Value` allocates every key and string and files each object in a
//! `BTreeMap`; building and dropping it was most of a small answer's decode. Here a string
//! without escapes is a slice of the body, and an object is its fields in the order sent,
//! searched from the end (a repeated key reads as its last value, as `serde_json::Map`
//! keeps it). Objects in answers have a few dozen fields at most, so a scan costs less
//! than a tree.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, Serializer};
use serde_json::Number;

/// One JSON value; strings and keys borrow from the text it was parsed from.
#[derive(Debug, PartialEq)]
pub(crate) enum Json<'a> {
    Null,
    Bool(bool),
    Number(Number),
    String(Cow<'a, str>),
    Array(Vec<Json<'a>>),
    Object(Vec<Field<'a>>),
}

/// One field of an object: its key and its value.
pub(crate) type Field<'a> = (Cow<'a, str>, Json<'a>);

/// What a missing field reads as.
pub(crate) static NULL: Json<'static> = Json::Null;

/// The value of `key` among an object's fields (the last one sent if it is repeated).
pub(crate) fn field<'a>(fields: &'a [Field<'a>], key: &str) -> Option<&'a Json<'a>> {
    fields.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
}

impl<'a> Json<'a> {
    /// Parses `text` (the depth limit is serde_json's: 128).
    pub(crate) fn parse(text: &'a str) -> Result<Json<'a>, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// Like [`Json::parse`], for bytes that should be UTF-8 JSON.
    pub(crate) fn parse_slice(bytes: &'a [u8]) -> Result<Json<'a>, serde_json::Error> {
        serde_json::from_slice(bytes)
    }

    pub(crate) fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    pub(crate) fn as_array(&self) -> Option<&[Json<'a>]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    /// Compact JSON text, objects with their keys sorted and repeated keys once, as
    /// `serde_json::Value` writes them: a pass-through field's text does not depend on
    /// the order in which the server sent its keys.
    pub(crate) fn to_text(&self) -> String {
        serde_json::to_value(self)
            .map(|value| value.to_string())
            .unwrap_or_default()
    }
}

impl<'de> Deserialize<'de> for Json<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E>(self) -> Result<Json<'de>, E> {
        Ok(Json::Null)
    }

    fn visit_bool<E>(self, b: bool) -> Result<Json<'de>, E> {
        Ok(Json::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Json<'de>, E> {
        Ok(Json::Number(n.into()))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Json<'de>, E> {
        Ok(Json::Number(n.into()))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Json<'de>, E> {
        Ok(Number::from_f64(n).map_or(Json::Null, Json::Number))
    }

    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Json<'de>, E> {
        Ok(Json::String(Cow::Borrowed(s)))
    }

    fn visit_str<E>(self, s: &str) -> Result<Json<'de>, E> {
        Ok(Json::String(Cow::Owned(s.to_owned())))
    }

    fn visit_string<E>(self, s: String) -> Result<Json<'de>, E> {
        Ok(Json::String(Cow::Owned(s)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json<'de>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json<'de>, A::Error> {
        // serde_json gives no hint; room for 16 fields is one allocation for most objects
        // an answer holds, where growing from empty took three.
        let mut fields = Vec::with_capacity(map.size_hint().unwrap_or(16));
        while let Some(Key(key)) = map.next_key()? {
            fields.push((key, map.next_value()?));
        }
        Ok(Json::Object(fields))
    }
}

/// An object key, borrowed when it has no escapes (serde's own `Cow` always copies).
struct Key<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object key")
            }

            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(s)))
            }

            fn visit_str<E>(self, s: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s.to_owned())))
            }

            fn visit_string<E>(self, s: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

impl Serialize for Json<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Null => serializer.serialize_unit(),
            Json::Bool(b) => serializer.serialize_bool(*b),
            Json::Number(n) => n.serialize(serializer),
            Json::String(s) => serializer.serialize_str(s),
            Json::Array(items) => serializer.collect_seq(items),
            Json::Object(fields) => serializer.collect_map(fields.iter().map(|(k, v)| (k, v))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_and_keys_without_escapes_borrow_from_the_text() {
        let text = r#"{"plain": "abc", "esc\"aped": "a\nb"}"#;
        let Json::Object(fields) = Json::parse(text).unwrap() else {
            panic!("not an object")
        };
        assert!(matches!(&fields[0].0, Cow::Borrowed("plain")));
        assert!(matches!(&fields[0].1, Json::String(Cow::Borrowed("abc"))));
        assert_eq!(fields[1].0, "esc\"aped");
        assert_eq!(fields[1].1.as_str(), Some("a\nb"));
    }

    #[test]
    fn a_repeated_key_reads_as_its_last_value() {
        let Json::Object(fields) = Json::parse(r#"{"a": 1, "b": 2, "a": 3}"#).unwrap() else {
            panic!("not an object")
        };
        assert_eq!(field(&fields, "a"), Some(&Json::Number(3.into())));
        assert_eq!(field(&fields, "missing"), None);
    }

    #[test]
    fn reads_every_kind_of_value() {
        let v = Json::parse(r#"[null, true, -5, 18446744073709551615, 2.5, "s", [], {}]"#).unwrap();
        assert_eq!(
            v,
            Json::Array(vec![
                Json::Null,
                Json::Bool(true),
                Json::Number((-5).into()),
                Json::Number(u64::MAX.into()),
                Json::Number(Number::from_f64(2.5).unwrap()),
                Json::String("s".into()),
                Json::Array(vec![]),
                Json::Object(vec![]),
            ])
        );
        assert!(Json::parse("{").is_err());
        assert!(Json::parse(&"[".repeat(200)).is_err(), "deeper than 128");
    }

    #[test]
    fn text_is_what_serde_json_value_writes() {
        for text in [
            r#"{"sk": "b", "pk": {"S": "a\"1"}, "n": 1.0, "l": [1, null, true]}"#,
            r#"{"k": 1, "k": 2}"#,
            r#""é\u0000""#,
        ] {
            let expected = serde_json::from_str::<serde_json::Value>(text)
                .unwrap()
                .to_string();
            assert_eq!(Json::parse(text).unwrap().to_text(), expected);
        }
    }
}
