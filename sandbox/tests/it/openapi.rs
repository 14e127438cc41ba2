//! `openapi.yaml` describes exactly the routes the server serves, and the session the
//! way the server answers it. (scripts/test-contract.sh checks every answer against it.)

use std::collections::BTreeSet;

use crate::support::Env;

fn openapi() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/openapi.yaml")).unwrap()
}

/// `(METHOD, path)` pairs of the `paths:` section (two-space path keys, four-space methods).
fn documented() -> BTreeSet<(String, String)> {
    let yaml = openapi();
    let mut pairs = BTreeSet::new();
    let mut in_paths = false;
    let mut path = None;
    for line in yaml.lines() {
        if !line.starts_with(' ') && !line.trim().is_empty() {
            in_paths = line.trim_end() == "paths:";
            continue;
        }
        if !in_paths {
            continue;
        }
        if let Some(key) = line.strip_prefix("  ").and_then(|l| l.strip_suffix(':')) {
            if key.starts_with('/') {
                path = Some(key.trim_matches(|c| c == '"' || c == '\'').to_string());
                continue;
            }
        }
        if let (Some(path), Some(key)) = (
            &path,
            line.strip_prefix("    ").and_then(|l| l.strip_suffix(':')),
        ) {
            if ["get", "post", "put", "patch", "delete"].contains(&key) {
                pairs.insert((key.to_uppercase(), path.clone()));
            }
        }
    }
    pairs
}

#[test]
fn openapi_lists_every_route_and_nothing_else() {
    let served: BTreeSet<(String, String)> = kgen_sandbox::route_list()
        .into_iter()
        .map(|(method, path)| (method, path.to_string()))
        .collect();
    let documented = documented();
    let undocumented: Vec<_> = served.difference(&documented).collect();
    let unserved: Vec<_> = documented.difference(&served).collect();
    assert!(
        undocumented.is_empty() && unserved.is_empty(),
        "undocumented: {undocumented:?}\nnot served: {unserved:?}"
    );
}

/// The property names of the schema of the response `name` of `components: responses:`
/// (four-space response keys, fourteen-space property keys).
fn response_properties(name: &str) -> BTreeSet<String> {
    let yaml = openapi();
    let start = yaml
        .find("\n  responses:\n")
        .and_then(|responses| {
            yaml[responses..]
                .find(&format!("\n    {name}:\n"))
                .map(|at| responses + at)
        })
        .unwrap_or_else(|| panic!("no response {name}"));
    yaml[start + 1..]
        .lines()
        .skip(1)
        .take_while(|line| line.starts_with("     "))
        .filter_map(|line| line.strip_prefix("              "))
        .filter(|line| !line.starts_with(' '))
        .filter_map(|line| line.split_once(':').map(|(key, _)| key.to_string()))
        .collect()
}

#[tokio::test]
async fn the_session_schema_lists_every_field_the_server_sends() {
    let env = Env::start().await;
    let session = env.session("p1").await.session;
    let sent: BTreeSet<String> = session.as_object().unwrap().keys().cloned().collect();
    let documented = response_properties("Session");
    assert_eq!(sent, documented);
    // The 20 echoed profile fields are among them.
    for field in [
        "name",
        "username",
        "email",
        "device_id",
        "phonenumber",
        "level",
        "rank",
        "date_joined",
        "playertag",
        "location",
        "location_name",
        "device_model",
        "screen_height",
        "screen_width",
        "os_name",
        "os_version",
        "browser_name",
        "fb_login",
        "google_login",
        "app_version",
    ] {
        assert!(documented.contains(field), "{field}");
    }
}
