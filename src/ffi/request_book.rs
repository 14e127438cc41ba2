//! The bookkeeping behind "every request completes exactly once, and no callback runs
//! after destroy returns": which requests are in flight, which were asked to cancel,
//! and how many are accepted but not yet delivered. The dispatcher
//! ([`super::dispatch`]) drives it; the tests below check it with loom under every
//! interleaving of completion, cancel and shutdown (`scripts/loom.sh`).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

#[cfg(kgen_loom)]
use loom::sync::{Condvar, Mutex, MutexGuard};
#[cfg(not(kgen_loom))]
use std::sync::{Condvar, Mutex, MutexGuard};

/// How a request in flight is told to stop.
pub(crate) trait Cancel {
    fn cancel(self);
}

impl Cancel for tokio::sync::oneshot::Sender<()> {
    fn cancel(self) {
        let _ = self.send(());
    }
}

/// Hashes the book's ids, which the SDK counts up itself (no caller chooses them, so
/// SipHash's defence against chosen keys buys nothing). Multiplied by an odd 2^64/φ:
/// consecutive ids keep distinct low bits (the bucket) and get mixed high bits (the
/// tag the table compares first).
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn write(&mut self, _: &[u8]) {
        unreachable!("only u64 ids are hashed");
    }

    fn write_u64(&mut self, id: u64) {
        self.0 = id.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

struct Book<C> {
    accepting: bool,
    next_id: u64,
    /// In flight; `None` once cancellation was requested.
    in_flight: HashMap<u64, Option<C>, BuildHasherDefault<IdHasher>>,
    /// Accepted and not yet delivered (or queued).
    outstanding: usize,
}

/// The request book of one client.
pub(crate) struct RequestBook<C> {
    book: Mutex<Book<C>>,
    all_delivered: Condvar,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // User code never runs under this lock; recover rather than propagate.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl<C: Cancel> Default for RequestBook<C> {
    fn default() -> Self {
        RequestBook {
            book: Mutex::new(Book {
                accepting: true,
                next_id: 1,
                in_flight: HashMap::default(),
                outstanding: 0,
            }),
            all_delivered: Condvar::new(),
        }
    }
}

impl<C: Cancel> RequestBook<C> {
    /// Accepts a request and returns its id; `None` once shutdown began.
    pub(crate) fn accept(&self, cancel: C) -> Option<u64> {
        let mut b = lock(&self.book);
        if !b.accepting {
            return None;
        }
        let id = b.next_id;
        b.next_id += 1;
        b.in_flight.insert(id, Some(cancel));
        b.outstanding += 1;
        Some(id)
    }

    /// Asks a request in flight to stop; `false` when it is not in flight.
    pub(crate) fn cancel(&self, id: u64) -> bool {
        let mut b = lock(&self.book);
        match b.in_flight.get_mut(&id) {
            Some(slot) => {
                if let Some(cancel) = slot.take() {
                    cancel.cancel();
                }
                true
            }
            None => false,
        }
    }

    /// The request ends: returns whether it must report the cancellation (one was asked
    /// for before this point) rather than its result. Called once per accepted id.
    pub(crate) fn finish(&self, id: u64) -> bool {
        matches!(lock(&self.book).in_flight.remove(&id), Some(None))
    }

    /// The request's event was delivered (or queued): shutdown may return once all are.
    pub(crate) fn delivered(&self) {
        let mut b = lock(&self.book);
        b.outstanding -= 1;
        // Only a shutdown waits, and only once it stopped accepting: a client that merely
        // runs out of work makes no system call here.
        if b.outstanding == 0 && !b.accepting {
            self.all_delivered.notify_all();
        }
    }

    /// Refuses new requests and cancels those in flight.
    pub(crate) fn close(&self) {
        let mut b = lock(&self.book);
        b.accepting = false;
        for slot in b.in_flight.values_mut() {
            if let Some(cancel) = slot.take() {
                cancel.cancel();
            }
        }
    }

    /// Waits until every accepted request was delivered; only after `close`.
    pub(crate) fn wait_all_delivered(&self) {
        let mut b = lock(&self.book);
        debug_assert!(!b.accepting, "wait_all_delivered before close");
        while b.outstanding > 0 {
            b = self
                .all_delivered
                .wait(b)
                .unwrap_or_else(|e| e.into_inner());
        }
    }
}

/// Every interleaving of one request's completion with a cancel and a shutdown (the
/// destroy path): the request is delivered exactly once, shutdown returns only after it
/// was, and it reports the cancellation exactly when a cancel reached it first.
#[cfg(all(test, kgen_loom))]
mod loom_tests {
    use super::*;
    use loom::sync::atomic::{AtomicBool, AtomicUsize, Ordering::SeqCst};
    use loom::sync::Arc;
    use loom::thread;

    /// A cancel signal the "task" can observe (a oneshot in the dispatcher).
    #[derive(Clone)]
    struct Flag(Arc<AtomicBool>);

    impl Cancel for Flag {
        fn cancel(self) {
            self.0.store(true, SeqCst);
        }
    }

    struct World {
        book: RequestBook<Flag>,
        deliveries: AtomicUsize,
        destroy_returned: AtomicBool,
        late_delivery: AtomicBool,
    }

    /// What the task and its completion do (`Pending::complete`): decide, deliver, count.
    fn complete(world: &World, id: u64) -> bool {
        let cancelled = world.book.finish(id);
        if world.destroy_returned.load(SeqCst) {
            world.late_delivery.store(true, SeqCst);
        }
        world.deliveries.fetch_add(1, SeqCst);
        world.book.delivered();
        cancelled
    }

    #[test]
    fn completion_cancel_and_destroy_deliver_exactly_once_and_never_after_destroy() {
        loom::model(|| {
            let world = Arc::new(World {
                book: RequestBook::default(),
                deliveries: AtomicUsize::new(0),
                destroy_returned: AtomicBool::new(false),
                late_delivery: AtomicBool::new(false),
            });
            let signal = Flag(Arc::new(AtomicBool::new(false)));
            let id = world.book.accept(signal.clone()).expect("accepting");

            let task = {
                let world = world.clone();
                thread::spawn(move || complete(&world, id))
            };
            let canceller = {
                let world = world.clone();
                thread::spawn(move || world.book.cancel(id))
            };
            world.book.close();
            world.book.wait_all_delivered();
            world.destroy_returned.store(true, SeqCst);
            assert_eq!(
                world.deliveries.load(SeqCst),
                1,
                "delivered before destroy returned"
            );
            assert!(
                world.book.accept(signal.clone()).is_none(),
                "no work after destroy"
            );

            let reported_cancel = task.join().unwrap();
            let cancel_found_it = canceller.join().unwrap();
            assert_eq!(world.deliveries.load(SeqCst), 1, "exactly once");
            assert!(
                !world.late_delivery.load(SeqCst),
                "no delivery after destroy returned"
            );
            // It reports the cancellation exactly when a cancel (the caller's or destroy's)
            // reached it in flight; a cancel that came after it finished is refused.
            assert_eq!(reported_cancel, signal.0.load(SeqCst));
            assert!(reported_cancel || !cancel_found_it);
        });
    }

    #[test]
    fn a_cancel_after_the_finish_is_refused_and_a_cancel_before_it_is_reported() {
        loom::model(|| {
            let book = Arc::new(RequestBook::default());
            let signal = Flag(Arc::new(AtomicBool::new(false)));
            let id = book.accept(signal.clone()).unwrap();
            let canceller = {
                let book = book.clone();
                thread::spawn(move || book.cancel(id))
            };
            let reported_cancel = book.finish(id);
            book.delivered();
            let found = canceller.join().unwrap();
            // Exactly one of: the cancel found it in flight and the finish reports it, or
            // the finish came first and the cancel was refused.
            assert_eq!(found, reported_cancel);
            assert_eq!(signal.0.load(SeqCst), found);
        });
    }
}
