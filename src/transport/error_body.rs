//! Finding the error code and message in an error response, whatever its shape.
//!
//! The KGeN API documents codes but not the JSON that carries them, so the code is looked
//! for in `error`, `error.code`, `code`, `message`, `msg`, or a plain-text body. A value
//! counts as a code only when it looks like one (`UPPER_SNAKE_CASE`), so that
//! `{"error": "Not Found"}` gives a message, not a code. The `/v3` API sends
//! `{"errorCode": int, "errorMessage": str, "errors": [{"property", "message"}]}`.

use crate::api::decode::{Json, Obj};
use crate::{ApiErrorCode, FieldError};

/// What an error body says.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct ErrorBody {
    pub code: Option<ApiErrorCode>,
    /// The `/v3` numeric code.
    pub numeric_code: Option<i64>,
    pub message: Option<String>,
    pub field_errors: Vec<FieldError>,
}

fn looks_like_code(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && s.len() <= 64
        && s.starts_with(|c: char| c.is_ascii_uppercase())
        && s.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

fn as_text(value: Option<&Json<'_>>) -> Option<String> {
    match value? {
        Json::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Json::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

pub(crate) fn parse(body: &str) -> ErrorBody {
    let trimmed = body.trim();
    let Ok(value) = Json::parse(trimmed) else {
        return plain_text(trimmed);
    };
    let Ok(obj) = Obj::new(&value, "error") else {
        return match &value {
            Json::String(s) => plain_text(s),
            _ => ErrorBody::default(),
        };
    };
    if obj.get(&["errorCode"]).is_some() {
        return v3(obj);
    }
    let nested = obj.get(&["error"]).and_then(|e| Obj::new(e, "error").ok());
    let candidates = [
        as_text(obj.get(&["error"])),
        nested.and_then(|n| as_text(n.get(&["code"]))),
        as_text(obj.get(&["code"])),
        as_text(obj.get(&["message"])),
        as_text(obj.get(&["msg"])),
    ];
    let code = candidates.iter().flatten().find(|c| looks_like_code(c));
    let message_candidates = [
        as_text(obj.get(&["message"])),
        as_text(obj.get(&["msg"])),
        nested.and_then(|n| as_text(n.get(&["message"]))),
        as_text(obj.get(&["error_description"])),
        as_text(obj.get(&["error"])),
    ];
    let message = message_candidates
        .into_iter()
        .flatten()
        .find(|m| Some(m) != code);
    ErrorBody {
        code: code.map(|c| ApiErrorCode::from_wire(c)),
        message: message.or_else(|| code.cloned()),
        ..ErrorBody::default()
    }
}

fn plain_text(text: &str) -> ErrorBody {
    let text = text.trim();
    if looks_like_code(text) {
        return ErrorBody {
            code: Some(ApiErrorCode::from_wire(text)),
            message: Some(text.to_owned()),
            ..ErrorBody::default()
        };
    }
    ErrorBody {
        // Long HTML error pages are useless as a message; the raw body keeps them.
        message: (!text.is_empty()).then(|| text.chars().take(200).collect()),
        ..ErrorBody::default()
    }
}

fn v3(obj: Obj<'_>) -> ErrorBody {
    let field_errors = obj
        .get(&["errors"])
        .and_then(Json::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|item| Obj::new(item, "errors[]").ok())
                .map(|e| FieldError {
                    property: e.string(&["property"]).unwrap_or_default(),
                    message: e.string(&["message"]).unwrap_or_default(),
                })
                .collect()
        })
        .unwrap_or_default();
    ErrorBody {
        // A gateway (or the sandbox) may name its own code beside the /v3 fields.
        code: as_text(obj.get(&["error"]))
            .filter(|c| looks_like_code(c))
            .map(|c| ApiErrorCode::from_wire(&c)),
        numeric_code: obj.opt_i64(&["errorCode"]).ok().flatten(),
        message: as_text(obj.get(&["errorMessage", "message"])),
        field_errors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(body: &str) -> Option<String> {
        parse(body).code.map(|c| c.as_str().to_owned())
    }

    #[test]
    fn finds_the_code_in_every_documented_shape() {
        let expect = Some("TOURNAMENT_NOT_FOUND".to_owned());
        assert_eq!(
            code(r#"{"error":"TOURNAMENT_NOT_FOUND","message":"no such tournament"}"#),
            expect
        );
        assert_eq!(code(r#"{"code":"TOURNAMENT_NOT_FOUND"}"#), expect);
        assert_eq!(code(r#"{"message":"TOURNAMENT_NOT_FOUND"}"#), expect);
        assert_eq!(code(r#"{"msg":"TOURNAMENT_NOT_FOUND"}"#), expect);
        assert_eq!(
            code(r#"{"error":{"code":"TOURNAMENT_NOT_FOUND","message":"x"}}"#),
            expect
        );
        assert_eq!(code("TOURNAMENT_NOT_FOUND"), expect);
        assert_eq!(code("TOURNAMENT_NOT_FOUND\n"), expect);
        assert_eq!(code(r#""TOURNAMENT_NOT_FOUND""#), expect);
    }

    #[test]
    fn keeps_the_human_message_apart_from_the_code() {
        let b = parse(r#"{"error":"TOURNAMENT_IS_FULL","message":"tournament is full"}"#);
        assert_eq!(b.code, Some(ApiErrorCode::TournamentIsFull));
        assert_eq!(b.message.as_deref(), Some("tournament is full"));
        let b = parse(r#"{"error":{"code":"X_Y","message":"nested text"}}"#);
        assert_eq!(b.message.as_deref(), Some("nested text"));
        let b = parse(r#"{"code":"UN_AUTHORIZED"}"#);
        assert_eq!(b.message.as_deref(), Some("UN_AUTHORIZED"));
    }

    #[test]
    fn prose_is_a_message_not_a_code() {
        let b = parse(r#"{"error":"Not Found"}"#);
        assert_eq!((b.code, b.message.as_deref()), (None, Some("Not Found")));
        let b = parse("<html><body>Bad Gateway</body></html>");
        assert_eq!(b.code, None);
        assert!(b.message.unwrap().contains("Bad Gateway"));
        assert_eq!(parse(""), ErrorBody::default());
        assert_eq!(parse("[1,2]"), ErrorBody::default());
    }

    #[test]
    fn reads_the_v3_error_object() {
        let b = parse(
            r#"{"errorCode":400,"errorMessage":"Validation failed","errors":[{"property":"userName","message":"is required"}]}"#,
        );
        assert_eq!(b.numeric_code, Some(400));
        assert_eq!(b.message.as_deref(), Some("Validation failed"));
        assert_eq!(
            b.field_errors,
            vec![FieldError {
                property: "userName".into(),
                message: "is required".into()
            }]
        );
        let b = parse(r#"{"errorCode":"404","errorMessage":"Not logged in","errors":null}"#);
        assert_eq!(
            (b.numeric_code, b.field_errors.len(), b.code),
            (Some(404), 0, None)
        );
        let b = parse(
            r#"{"errorCode":429,"errorMessage":"slow down","errors":[],"error":"RATE_LIMITED"}"#,
        );
        assert_eq!(
            (b.numeric_code, b.code),
            (Some(429), Some(ApiErrorCode::RateLimited))
        );
    }
}
