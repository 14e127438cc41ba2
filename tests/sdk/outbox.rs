use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use kgen::{Config, CreateSession, ErrorKind, OutboxCall, OutboxEvent};

use crate::support::Env;

/// An outbox directory of the test's own, removed when the test ends (declared before
/// the clients that use it, so it outlives them).
struct OutboxDir(PathBuf);

impl OutboxDir {
    fn new(name: &str) -> OutboxDir {
        let dir = std::env::temp_dir().join(format!("kgen-rs-outbox-{name}-{}", uuid_like()));
        std::fs::create_dir_all(&dir).unwrap();
        OutboxDir(dir)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for OutboxDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn uuid_like() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn queued_calls_are_delivered_in_order_and_reported_once() {
    let env = Env::demo().await;
    let uid = env.admin.tournament("STARTED", 0, 10).await;
    let dir = OutboxDir::new("order");
    let client = kgen::Client::new(env.config().with_outbox(dir.path())).unwrap();
    let outbox = client.outbox().expect("configured");
    let events = Arc::new(Mutex::new(Vec::new()));
    let seen = events.clone();
    outbox.set_event_handler(Some(Arc::new(move |e| seen.lock().unwrap().push(e))));
    let delivery = tokio::spawn(outbox.clone().deliver());

    let player = client
        .create_session(CreateSession::new("rs-outbox"))
        .await
        .unwrap()
        .data;
    let join = outbox
        .enqueue(
            &player,
            OutboxCall::JoinTournament {
                tournament_uid: uid.clone(),
                joining_stake: 0,
            },
        )
        .unwrap();
    let score = outbox
        .enqueue(
            &player,
            OutboxCall::SubmitScore {
                tournament_uid: uid.clone(),
                score: 88,
            },
        )
        .unwrap();
    assert!(score > join);
    let flushed = tokio::task::spawn_blocking({
        let outbox = outbox.clone();
        move || outbox.flush(Duration::from_secs(20))
    })
    .await
    .unwrap();
    assert!(flushed);
    let events = std::mem::take(&mut *events.lock().unwrap());
    let ids: Vec<u64> = events
        .iter()
        .map(|e| match e {
            OutboxEvent::Delivered { entry, .. } => entry.id,
            other => panic!("not delivered: {other:?} (all: {events:?})"),
        })
        .collect();
    assert_eq!(ids, vec![join, score]);
    let board = env
        .admin
        .get(&format!("/sandbox/tournaments/{uid}/scores"))
        .await;
    assert_eq!(board["submissions"].as_array().unwrap().len(), 1);
    assert_eq!(outbox.status().pending, 0);
    delivery.abort();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn flush_returns_only_after_the_last_delivery_was_reported() {
    let env = Env::demo().await;
    let uid = env.admin.tournament("STARTED", 0, 10).await;
    let dir = OutboxDir::new("flush");
    let client = kgen::Client::new(env.config().with_outbox(dir.path())).unwrap();
    let outbox = client.outbox().expect("configured");
    let reported = Arc::new(Mutex::new(0));
    let count = reported.clone();
    // A slow handler: the entry has left the journal well before its event is out.
    outbox.set_event_handler(Some(Arc::new(move |_| {
        std::thread::sleep(Duration::from_millis(300));
        *count.lock().unwrap() += 1;
    })));
    let player = client
        .create_session(CreateSession::new("rs-flush"))
        .await
        .unwrap()
        .data;
    let call = OutboxCall::JoinTournament {
        tournament_uid: uid,
        joining_stake: 0,
    };
    outbox.enqueue(&player, call).unwrap();
    let delivery = tokio::spawn(outbox.clone().deliver());
    let flushed = tokio::task::spawn_blocking({
        let outbox = outbox.clone();
        move || {
            // Starts while the handler is busy with the event.
            while outbox.status().pending > 0 {
                std::thread::sleep(Duration::from_millis(5));
            }
            outbox.flush(Duration::from_secs(20))
        }
    })
    .await
    .unwrap();
    assert!(flushed);
    assert_eq!(
        *reported.lock().unwrap(),
        1,
        "reported before flush returned"
    );
    delivery.abort();
}

#[tokio::test]
async fn one_client_owns_an_outbox_and_arguments_are_checked_before_storing() {
    let env = Env::demo().await;
    let dir = OutboxDir::new("lock");
    let path = dir.path();
    let first = kgen::Client::new(env.config().with_outbox(path)).unwrap();
    let Err(second) = kgen::Client::new(env.config().with_outbox(path)) else {
        panic!("a second owner must be refused")
    };
    assert_eq!(second.kind(), ErrorKind::OutboxLocked);
    let player = first
        .create_session(CreateSession::new("rs-outbox-lock"))
        .await
        .unwrap()
        .data;
    let bad = first.outbox().unwrap().enqueue(
        &player,
        OutboxCall::LeaveTournament {
            tournament_uid: "..".into(),
        },
    );
    assert_eq!(bad.unwrap_err().kind(), ErrorKind::InvalidArgument);
    assert_eq!(first.outbox().unwrap().status().pending, 0);
    drop((first, player)); // a session keeps its client, and so the outbox
                           // The lock goes with the client.
    assert!(kgen::Client::new(env.config().with_outbox(path)).is_ok());
    assert!(Config::default().outbox.is_none());
}

#[tokio::test]
async fn the_journal_is_compacted_and_reads_back_the_same_entries() {
    let env = Env::demo().await;
    let dir = OutboxDir::new("compact");
    let path = dir.path();
    let client = kgen::Client::new(env.config().with_outbox(path)).unwrap();
    let outbox = client.outbox().unwrap();
    let player = client
        .create_session(CreateSession::new("rs-outbox-compact"))
        .await
        .unwrap()
        .data;
    let call = |n| OutboxCall::SubmitScore {
        tournament_uid: "t".into(),
        score: n,
    };
    for n in 0..1500 {
        outbox.enqueue(&player, call(n)).unwrap();
    }
    // Ending 1,495 of them (discarding is an end) leaves a journal worth rewriting.
    assert_eq!(outbox.discard_player("rs-outbox-compact").unwrap(), 1500);
    for n in 0..5 {
        outbox.enqueue(&player, call(n)).unwrap();
    }
    // 3,005 records (about 110 bytes each) were written; the rewrite at the 1,024th
    // end dropped 2,048 of them.
    let size = std::fs::metadata(path.join("outbox.log")).unwrap().len();
    assert!(size < 150_000, "the journal was compacted: {size} bytes");
    drop((outbox, player, client));
    let again = kgen::Client::new(env.config().with_outbox(path)).unwrap();
    assert_eq!(again.outbox().unwrap().status().pending, 5);
}
