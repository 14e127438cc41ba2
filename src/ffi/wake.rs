//! Telling the caller that events are queued: the wake hook
//! (`kgen_client_options.wake`) and threads blocked in `kgen_client_wait`.
//!
//! A worker thread that queues an event does not signal at once: it owes the
//! signal until it runs out of work and parks, so the events of one burst of
//! network activity cost the polling thread one wake-up, not one each (each
//! wake-up is a thread switch on both sides). A worker that stays busy pays
//! what it owes after `OWED_AT_MOST` events. Elsewhere (driven dispatch inside
//! a poll, a client being destroyed) the signal is given at once.
//!
//! The hook is coalesced as well: after one call it is not called again until
//! a poll or pull begins taking events.

use std::cell::Cell;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::SeqCst};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use super::dispatch::{call_user, kgen_wake_fn, UserData};

/// Events a busy worker queues before it signals without parking.
const OWED_AT_MOST: usize = 32;

thread_local! {
    /// The `Wake` whose runtime this thread is a worker of (set when it parks).
    static WORKER_OF: Cell<*const Wake> = const { Cell::new(std::ptr::null()) };
}

pub(crate) struct Wake {
    hook: kgen_wake_fn,
    user_data: UserData,
    /// The hook was called, and no poll has begun taking events since.
    woken: AtomicBool,
    /// The client is being destroyed: waits end, the hook is not called any more.
    closed: AtomicBool,
    /// Events queued by workers since the last signal (0: nothing owed).
    owed: AtomicUsize,
    /// Threads in `wait` (how many, and what they sleep on).
    waiting: AtomicUsize,
    waiters: Mutex<()>,
    signalled: Condvar,
}

impl Wake {
    pub fn new(hook: kgen_wake_fn, user_data: UserData) -> Wake {
        Wake {
            hook,
            user_data,
            woken: AtomicBool::new(false),
            closed: AtomicBool::new(false),
            owed: AtomicUsize::new(0),
            waiting: AtomicUsize::new(0),
            waiters: Mutex::new(()),
            signalled: Condvar::new(),
        }
    }

    /// An event was queued.
    pub fn queued(&self) {
        if !self.is_worker() || self.owed.fetch_add(1, SeqCst) + 1 >= OWED_AT_MOST {
            self.signal();
        }
    }

    /// A worker thread of the client's runtime is about to park.
    pub fn worker_parks(&self) {
        WORKER_OF.with(|w| w.set(self));
        if self.owed.load(SeqCst) > 0 {
            self.signal();
        }
    }

    /// Whether this thread is a worker of this `Wake`'s runtime.
    pub fn is_worker(&self) -> bool {
        std::ptr::eq(WORKER_OF.with(|w| w.get()), self)
    }

    /// A poll or pull begins taking events: those queued from now on call the
    /// hook again.
    pub fn taking(&self) {
        self.woken.store(false, SeqCst);
    }

    /// Wakes the waiting threads, and calls the hook unless a call is outstanding.
    pub fn signal(&self) {
        self.owed.store(0, SeqCst);
        self.release_waiters();
        if let Some(hook) = self.hook {
            if !self.woken.swap(true, SeqCst) && !self.closed.load(SeqCst) {
                let user_data = self.user_data.0;
                call_user(|| unsafe { hook(user_data) });
            }
        }
    }

    /// The client is being destroyed: waiting threads wake, the hook is done
    /// (no worker still parking may call it once destroy returned).
    pub fn close(&self) {
        self.closed.store(true, SeqCst);
        self.release_waiters();
    }

    pub fn closed(&self) -> bool {
        self.closed.load(SeqCst)
    }

    /// Wakes the waiting threads (they check again what they wait for).
    fn release_waiters(&self) {
        if self.waiting.load(SeqCst) > 0 {
            // Taking the lock orders this after the check of a waiter between its
            // check and its sleep, so it is not missed; notifying once the lock is
            // released spares the woken waiter a second sleep, on the lock.
            drop(self.waiters.lock().unwrap_or_else(|e| e.into_inner()));
            self.signalled.notify_all();
        }
    }

    #[cfg(test)]
    pub fn waiters(&self) -> usize {
        self.waiting.load(SeqCst)
    }

    /// Blocks until `ready()` (checked at each signal) or `timeout`.
    pub fn wait(&self, ready: impl Fn() -> bool, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        self.waiting.fetch_add(1, SeqCst);
        let mut waiters = self.waiters.lock().unwrap_or_else(|e| e.into_inner());
        while !ready() {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            waiters = self
                .signalled
                .wait_timeout(waiters, left)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        drop(waiters);
        self.waiting.fetch_sub(1, SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::c_void;

    unsafe extern "C" fn count(user_data: *mut c_void) {
        unsafe { &*(user_data as *const AtomicUsize) }.fetch_add(1, SeqCst);
    }

    fn counted(calls: &AtomicUsize) -> Wake {
        Wake::new(Some(count), UserData(calls as *const _ as *mut c_void))
    }

    #[test]
    fn one_call_stands_for_every_event_until_a_poll_begins_taking() {
        let calls = AtomicUsize::new(0);
        let hook = counted(&calls);
        for _ in 0..3 {
            hook.queued();
        }
        assert_eq!(calls.load(SeqCst), 1);
        hook.taking();
        hook.queued();
        assert_eq!(
            calls.load(SeqCst),
            2,
            "an event queued after the poll began wakes"
        );
    }

    /// Runs `f` on a thread that is `hook`'s worker (it parked once, owing nothing).
    fn as_worker<R: Send>(hook: &Wake, f: impl FnOnce() -> R + Send) -> R {
        std::thread::scope(|s| {
            s.spawn(|| {
                hook.worker_parks();
                f()
            })
            .join()
            .unwrap()
        })
    }

    #[test]
    fn a_worker_owes_the_call_until_it_parks() {
        let calls = AtomicUsize::new(0);
        let hook = counted(&calls);
        let (before_parking, after) = as_worker(&hook, || {
            for _ in 0..5 {
                hook.queued();
            }
            let before_parking = calls.load(SeqCst);
            hook.worker_parks();
            (before_parking, calls.load(SeqCst))
        });
        assert_eq!((before_parking, after), (0, 1));
    }

    #[test]
    fn a_busy_worker_pays_after_a_bounded_number_of_events() {
        let calls = AtomicUsize::new(0);
        let hook = counted(&calls);
        let seen: Vec<usize> = as_worker(&hook, || {
            (0..OWED_AT_MOST)
                .map(|_| {
                    hook.queued();
                    calls.load(SeqCst)
                })
                .collect()
        });
        assert!(seen[..OWED_AT_MOST - 1].iter().all(|&c| c == 0));
        assert_eq!(seen[OWED_AT_MOST - 1], 1);
    }

    #[test]
    fn a_closed_hook_is_never_called_again() {
        let calls = AtomicUsize::new(0);
        let hook = counted(&calls);
        hook.close();
        hook.queued();
        hook.signal();
        assert_eq!(calls.load(SeqCst), 0);
    }

    #[test]
    fn another_clients_worker_calls_at_once() {
        let (mine, theirs) = (AtomicUsize::new(0), AtomicUsize::new(0));
        let (hook, other) = (counted(&mine), counted(&theirs));
        as_worker(&other, || hook.queued());
        assert_eq!(mine.load(SeqCst), 1);
    }
}
