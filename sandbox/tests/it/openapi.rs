//! `openapi.yaml` describes exactly the routes the server serves.

use std::collections::BTreeSet;

/// `(METHOD, path)` pairs of the `paths:` section (two-space path keys, four-space methods).
fn documented() -> BTreeSet<(String, String)> {
    let yaml =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/openapi.yaml")).unwrap();
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
