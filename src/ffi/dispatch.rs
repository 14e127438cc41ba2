//! Delivery of events: one tokio runtime per client, a queue drained by
//! `kgen_client_poll` / `kgen_client_next_event` (manual and driven dispatch)
//! or callbacks on the SDK's worker threads (immediate dispatch), waiting for
//! an event, request cancellation, and a shutdown that completes everything in
//! flight before it returns. Driven dispatch runs the runtime on the caller's
//! thread (`driver.rs`).
//!
//! Exactly once: a request's only completion is produced by `Pending`, either
//! when its task finishes or, should the task ever be dropped unfinished, by
//! `Pending`'s destructor. Whether it reports the result or the cancellation is
//! decided before the result is turned into an event, so a result that lost the
//! race against `kgen_request_cancel` has no effect (no session handle is made
//! for a cancelled `kgen_session_create`).

use std::cell::Cell;
use std::collections::VecDeque;
use std::ffi::c_void;
use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::Duration;

use tokio::sync::{oneshot, Notify};

use super::driver;
use super::wake::Wake;

use super::panic::{FfiError, FfiResult};
use super::request_book::RequestBook;
use super::session::kgen_session;
use super::status::*;
use super::types::{
    failure_event, kgen_callback, kgen_event, kgen_operation, kgen_request_id, OwnedEvent,
};

/// Called from any thread when events are queued (coalesced: one call for the
/// events queued until a poll begins; see `kgen_client_options.wake`), so a
/// server with its own event loop knows to call `kgen_client_poll` or
/// `kgen_client_next_event`. Must not call back into kgen's poll/destroy; it
/// should only signal.
pub type kgen_wake_fn = Option<unsafe extern "C" fn(user_data: *mut c_void)>;

thread_local! {
    static CALLBACK_DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// Runs user code (a callback, the wake hook, the log sink) marked as such, so
/// calls that must not happen inside it are refused with `KGEN_ERR_REENTRANT`.
pub(crate) fn call_user<R>(f: impl FnOnce() -> R) -> R {
    struct Depth;
    impl Drop for Depth {
        fn drop(&mut self) {
            CALLBACK_DEPTH.with(|d| d.set(d.get() - 1));
        }
    }
    CALLBACK_DEPTH.with(|d| d.set(d.get() + 1));
    let _depth = Depth;
    f()
}

pub(crate) fn refuse_inside_callback(what: &str) -> FfiResult<()> {
    if CALLBACK_DEPTH.with(|d| d.get()) > 0 {
        return Err(FfiError::new(
            KGEN_ERR_REENTRANT,
            format!("{what} cannot be called from inside a kgen callback"),
        ));
    }
    Ok(())
}

/// Where completions go.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Mode {
    Manual,
    Immediate,
    /// Manual, with the runtime driven by the polling thread instead of workers.
    Driven,
}

/// A caller's pointer, carried to the thread that delivers; never dereferenced.
#[derive(Clone, Copy)]
pub(crate) struct UserData(pub *mut c_void);
// SAFETY: the SDK only passes the value back to the caller's callback.
unsafe impl Send for UserData {}
unsafe impl Sync for UserData {}

struct Queued {
    event: OwnedEvent,
    callback: kgen_callback,
}

/// Delivered events waiting for a worker to free them, at most this many (beyond,
/// the polling thread frees them itself).
const RETIRED_AT_MOST: usize = 256;

#[derive(Default)]
struct Queue {
    events: VecDeque<Queued>,
    /// Events delivered on a polling thread, freed by the worker that next queues an
    /// event. A worker built them; glibc serves a thread's allocations from the blocks
    /// that thread freed without a lock or a search, and blocks freed on another thread
    /// would reach the worker only through its arena's bins, one search each.
    retired: Vec<OwnedEvent>,
}

/// Turns a finished request's result into its event; run only when the result
/// is the one delivered.
pub(crate) type Finish = Box<dyn FnOnce() -> OwnedEvent + Send>;

pub(crate) struct Dispatcher {
    mode: Mode,
    runtime: Mutex<Option<tokio::runtime::Runtime>>,
    handle: tokio::runtime::Handle,
    requests: RequestBook<oneshot::Sender<()>>,
    queue: Mutex<Queue>,
    /// Notified when an event is queued in driven dispatch, where the waiting
    /// thread drives the runtime (`wake` wakes the others).
    driven_queued: Notify,
    /// The event last handed out by `next_event`, alive until the next call.
    pulled: Mutex<Option<OwnedEvent>>,
    /// Held (shared) while `poll` takes and delivers its events, so `shutdown`
    /// can wait for callbacks running on other threads.
    delivering: RwLock<()>,
    wake: Arc<Wake>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // Poisoned only by a panic inside the SDK (callbacks cannot unwind into it,
    // also not under driven dispatch's runtime lock): recover rather than propagate.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// `None` while another thread holds the lock (in driven dispatch: drives).
fn try_lock<T>(m: &Mutex<T>) -> Option<MutexGuard<'_, T>> {
    match m.try_lock() {
        Ok(guard) => Some(guard),
        Err(std::sync::TryLockError::Poisoned(e)) => Some(e.into_inner()),
        Err(std::sync::TryLockError::WouldBlock) => None,
    }
}

impl Dispatcher {
    pub fn new(
        mode: Mode,
        worker_threads: usize,
        wake: kgen_wake_fn,
        wake_user_data: UserData,
    ) -> FfiResult<Dispatcher> {
        let wake = Arc::new(Wake::new(wake, wake_user_data));
        let parking = wake.clone();
        let runtime = match mode {
            Mode::Driven => driver::build(),
            Mode::Manual | Mode::Immediate => tokio::runtime::Builder::new_multi_thread()
                .worker_threads(worker_threads)
                .on_thread_park(move || parking.worker_parks())
                .max_blocking_threads(worker_threads.max(2))
                .thread_name("kgen-worker")
                .enable_all()
                .build(),
        }
        .map_err(|e| {
            FfiError::new(
                KGEN_ERR_INTERNAL,
                format!("cannot start the client's runtime: {e}"),
            )
        })?;
        Ok(Dispatcher {
            mode,
            handle: runtime.handle().clone(),
            runtime: Mutex::new(Some(runtime)),
            requests: RequestBook::default(),
            queue: Mutex::default(),
            driven_queued: Notify::new(),
            pulled: Mutex::new(None),
            delivering: RwLock::new(()),
            wake,
        })
    }

    /// Accepts a request: `work` runs on the SDK's runtime and its event is
    /// delivered exactly once, or `KGEN_ERR_CANCELLED` if cancelled first.
    /// `accepted` receives the id before the request can complete.
    pub fn start<F>(
        self: &Arc<Self>,
        request: Request,
        accepted: impl FnOnce(kgen_request_id),
        work: F,
    ) -> FfiResult<()>
    where
        F: Future<Output = Finish> + Send + 'static,
    {
        let (cancel_tx, cancel_rx) = oneshot::channel();
        let Some(id) = self.requests.accept(cancel_tx) else {
            return Err(FfiError::new(
                KGEN_ERR_SHUTTING_DOWN,
                "the client is being destroyed",
            ));
        };
        accepted(id);
        let mut pending = Pending {
            dispatcher: self.clone(),
            id,
            request,
            done: false,
        };
        self.handle.spawn(async move {
            let event = tokio::select! {
                biased;
                _ = cancel_rx => None,
                event = work => Some(event),
            };
            pending.complete(event);
        });
        Ok(())
    }

    /// Requests cancellation; the completion then reports `KGEN_ERR_CANCELLED`.
    pub fn cancel(&self, id: kgen_request_id) -> FfiResult<()> {
        if self.requests.cancel(id) {
            return Ok(());
        }
        Err(FfiError::new(
            KGEN_ERR_UNKNOWN_REQUEST,
            format!("request {id} is not in flight (completed, or never started)"),
        ))
    }

    /// Delivers an event now (immediate dispatch with a callback) or queues it.
    /// Only from the runtime's threads, never inside a caller's own call.
    pub(crate) fn deliver(&self, event: OwnedEvent, callback: kgen_callback) {
        match (self.mode, callback) {
            (Mode::Immediate, Some(cb)) => invoke(cb, &event),
            _ => {
                let retired = {
                    let mut queue = lock(&self.queue);
                    queue.events.push_back(Queued { event, callback });
                    std::mem::take(&mut queue.retired)
                };
                if self.mode == Mode::Driven {
                    self.driven_queued.notify_waiters();
                }
                self.wake.queued();
                drop(retired);
            }
        }
    }

    /// Runs background work on the runtime; it is dropped when the client is shut down.
    pub fn spawn(&self, work: impl Future<Output = ()> + Send + 'static) {
        self.handle.spawn(work);
    }

    /// Delivers a notification (not a request) from the runtime, never inside
    /// the caller's own call; dropped once the client is shut down.
    pub fn notify(self: &Arc<Self>, event: OwnedEvent, callback: kgen_callback) {
        let this = self.clone();
        self.handle
            .spawn(async move { this.deliver(event, callback) });
    }

    /// Calls the callbacks of up to `max` queued events (0: all queued now) on
    /// the calling thread; events without a callback are discarded. In driven
    /// dispatch the runtime advances around the delivery (unless another
    /// thread is driving it).
    pub fn poll(&self, max: usize) -> usize {
        if self.mode == Mode::Driven {
            if let Some(Some(runtime)) = try_lock(&self.runtime).as_deref() {
                return driver::around(runtime, || self.deliver_queued(max));
            }
        }
        self.deliver_queued(max)
    }

    fn deliver_queued(&self, max: usize) -> usize {
        self.wake.taking();
        // Held while the events are out of the queue, so `shutdown` never
        // misses one taken but not yet delivered.
        let _delivering = self.delivering.read().unwrap_or_else(|e| e.into_inner());
        let (taken, left) = {
            let mut queue = lock(&self.queue);
            let n = if max == 0 {
                queue.events.len()
            } else {
                max.min(queue.events.len())
            };
            (
                queue.events.drain(..n).collect::<Vec<_>>(),
                queue.events.len(),
            )
        };
        for Queued { event, callback } in &taken {
            if let Some(cb) = *callback {
                invoke(cb, event);
            }
        }
        if left > 0 {
            self.wake.signal(); // what this poll left still needs one
        }
        let n = taken.len();
        self.retire(taken.into_iter().map(|q| q.event));
        n
    }

    /// Hands delivered events to the workers to free (see `Queue::retired`). Driven
    /// dispatch has no workers: its events are freed here.
    fn retire(&self, events: impl Iterator<Item = OwnedEvent>) {
        let mut events = events;
        if self.mode != Mode::Driven {
            let mut queue = lock(&self.queue);
            let room = RETIRED_AT_MOST.saturating_sub(queue.retired.len());
            queue.retired.extend(events.by_ref().take(room));
        }
        events.for_each(drop);
    }

    /// Takes the next queued event without calling its callback; it stays
    /// valid until the next `next_event` or the shutdown.
    pub fn next_event(&self) -> Option<*const kgen_event> {
        if self.mode == Mode::Driven && lock(&self.queue).events.is_empty() {
            if let Some(Some(runtime)) = try_lock(&self.runtime).as_deref() {
                driver::around(runtime, || ());
            }
        }
        let mut pulled = lock(&self.pulled);
        self.retire(pulled.take().into_iter());
        self.wake.taking();
        let Queued { event, .. } = lock(&self.queue).events.pop_front()?;
        let view: *const kgen_event = event.view();
        *pulled = Some(event);
        Some(view)
    }

    /// Waits up to `timeout` until an event is queued; returns whether one is.
    /// In driven dispatch the runtime advances meanwhile on this thread.
    pub fn wait(&self, timeout: Duration) -> bool {
        let ready = || !lock(&self.queue).events.is_empty() || self.wake.closed();
        if self.mode != Mode::Driven {
            self.wake.wait(ready, timeout);
        } else if let Some(runtime) = lock(&self.runtime).as_ref() {
            driver::until(runtime, &self.driven_queued, ready, timeout);
        }
        !lock(&self.queue).events.is_empty()
    }

    /// Runs a call that blocks until the runtime did something (an outbox
    /// flush); in driven dispatch this thread drives the runtime meanwhile.
    pub fn blocking<R: Send>(&self, work: impl FnOnce() -> R + Send) -> R {
        if self.mode == Mode::Driven {
            if let Some(runtime) = lock(&self.runtime).as_ref() {
                return driver::during(runtime, work);
            }
        }
        work()
    }

    /// Refuses new requests, cancels those in flight, waits until every one was
    /// delivered (or queued), stops the runtime's threads, then delivers what is
    /// queued on the calling thread. Afterwards no callback can run.
    pub fn shutdown(&self) {
        self.wake.close();
        self.driven_queued.notify_waiters();
        self.requests.close();
        if self.mode != Mode::Driven {
            // The workers run the cancelled requests to their completions.
            self.requests.wait_all_delivered();
        }
        // In driven dispatch no thread runs them: dropping the runtime drops their
        // tasks, and each one's `Pending` delivers the cancellation.
        if let Some(runtime) = lock(&self.runtime).take() {
            drop_runtime(runtime);
        }
        self.requests.wait_all_delivered();
        self.deliver_queued(0);
        drop(self.delivering.write().unwrap_or_else(|e| e.into_inner()));
        *lock(&self.pulled) = None;
        lock(&self.queue).retired.clear(); // no worker is left to free them
    }
}

/// How long destroy waits for the runtime's blocking threads. Requests are all
/// delivered by then; a thread still blocked (in a system call nothing can
/// interrupt) is left to finish on its own rather than freeze the game thread.
const RUNTIME_SHUTDOWN_BOUND: std::time::Duration = std::time::Duration::from_millis(50);

/// Shutting a runtime down inside a runtime context panics; do it on a fresh thread then.
fn drop_runtime(runtime: tokio::runtime::Runtime) {
    let shut = move || runtime.shutdown_timeout(RUNTIME_SHUTDOWN_BOUND);
    if tokio::runtime::Handle::try_current().is_ok() {
        std::thread::scope(|s| {
            s.spawn(shut);
        });
    } else {
        shut();
    }
}

fn invoke(cb: unsafe extern "C" fn(*const kgen_event, *mut c_void), event: &OwnedEvent) {
    let view = event.view();
    call_user(|| unsafe { cb(view, view.user_data) });
}

/// What a request's completion carries besides its result.
pub(crate) struct Request {
    pub operation: kgen_operation,
    pub session: *mut kgen_session,
    pub callback: kgen_callback,
    pub user_data: UserData,
}
// SAFETY: `session` is an opaque handle value, never dereferenced.
unsafe impl Send for Request {}

/// An accepted request until its completion is delivered.
struct Pending {
    dispatcher: Arc<Dispatcher>,
    id: kgen_request_id,
    request: Request,
    done: bool,
}

impl Pending {
    /// Delivers `finish`'s event, or the cancellation when one was requested
    /// (then `finish` is dropped unrun).
    fn complete(&mut self, finish: Option<Finish>) {
        self.done = true;
        let d = self.dispatcher.clone();
        let cancelled = d.requests.finish(self.id);
        let mut event = match finish {
            // `done` is set: a panic here must still end in a completion.
            Some(finish) if !cancelled => {
                catch_unwind(AssertUnwindSafe(finish)).unwrap_or_else(|_| internal_failure())
            }
            _ => failure_event(KGEN_ERR_CANCELLED, "the request was cancelled"),
        };
        let view = event.view_mut();
        view.operation = self.request.operation;
        view.request = self.id;
        view.user_data = self.request.user_data.0;
        if !self.request.session.is_null() {
            view.session = self.request.session;
        }
        d.deliver(event, self.request.callback);
        d.requests.delivered();
    }
}

fn internal_failure() -> OwnedEvent {
    failure_event(KGEN_ERR_INTERNAL, "the request failed inside the SDK")
}

impl Drop for Pending {
    fn drop(&mut self) {
        // Only when the task ended without completing (a panic inside the SDK).
        if !self.done {
            self.complete(Some(Box::new(internal_failure)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ffi::types::{failure_event, kgen_operation::KGEN_OP_WALLET_BALANCE};
    use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
    use std::time::Instant;

    /// What a test callback saw: (request, status, thread name, was re-entry refused).
    #[derive(Default)]
    struct Seen(Mutex<Vec<(kgen_request_id, kgen_status, String, bool)>>);

    unsafe extern "C" fn record(event: *const kgen_event, user_data: *mut c_void) {
        let seen = unsafe { &*(user_data as *const Seen) };
        let event = unsafe { &*event };
        let thread = std::thread::current().name().unwrap_or("").to_owned();
        let refused = refuse_inside_callback("poll").is_err();
        lock(&seen.0).push((event.request, event.result.status, thread, refused));
    }

    fn request(seen: &Seen) -> Request {
        Request {
            operation: KGEN_OP_WALLET_BALANCE,
            session: std::ptr::null_mut(),
            callback: Some(record),
            user_data: UserData(seen as *const Seen as *mut c_void),
        }
    }

    fn dispatcher(mode: Mode) -> Arc<Dispatcher> {
        Arc::new(Dispatcher::new(mode, 1, None, UserData(std::ptr::null_mut())).unwrap())
    }

    unsafe extern "C" fn count_wake(user_data: *mut c_void) {
        unsafe { &*(user_data as *const AtomicUsize) }.fetch_add(1, SeqCst);
    }

    fn woken_dispatcher(wakes: &AtomicUsize) -> Arc<Dispatcher> {
        let user_data = UserData(wakes as *const AtomicUsize as *mut c_void);
        Arc::new(Dispatcher::new(Mode::Manual, 1, Some(count_wake), user_data).unwrap())
    }

    fn ok() -> Finish {
        Box::new(|| failure_event(KGEN_OK, ""))
    }

    fn wait_for(mut done: impl FnMut() -> bool) {
        for _ in 0..500 {
            if done() {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("condition not reached in 5 s");
    }

    #[test]
    fn manual_dispatch_delivers_only_inside_poll_on_the_polling_thread() {
        let seen = Seen::default();
        let d = dispatcher(Mode::Manual);
        let ids: Vec<_> = (0..3)
            .map(|_| {
                let mut id = 0;
                d.start(request(&seen), |i| id = i, async { ok() }).unwrap();
                id
            })
            .collect();
        wait_for(|| lock(&d.queue).events.len() == 3);
        assert!(lock(&seen.0).is_empty(), "nothing runs before poll");
        assert_eq!(d.poll(2), 2);
        assert_eq!(d.poll(0), 1);
        let seen_now = lock(&seen.0).clone();
        let mut got: Vec<_> = seen_now.iter().map(|s| s.0).collect();
        got.sort();
        assert_eq!(got, ids);
        let me = std::thread::current().name().unwrap_or("").to_owned();
        assert!(seen_now.iter().all(|s| s.1 == KGEN_OK && s.2 == me && s.3));
        d.shutdown();
    }

    #[test]
    fn delivered_events_wait_for_the_worker_to_free_them_and_never_more_than_the_bound() {
        let seen = Seen::default();
        let d = dispatcher(Mode::Manual);
        let n = RETIRED_AT_MOST + 44;
        for _ in 0..n {
            d.start(request(&seen), |_| {}, async { ok() }).unwrap();
        }
        wait_for(|| lock(&d.queue).events.len() == n);
        assert_eq!(d.poll(0), n);
        assert_eq!(
            lock(&d.queue).retired.len(),
            RETIRED_AT_MOST,
            "the rest is freed by the poll"
        );
        d.start(request(&seen), |_| {}, async { ok() }).unwrap();
        wait_for(|| lock(&d.queue).events.len() == 1);
        assert!(
            lock(&d.queue).retired.is_empty(),
            "the worker that queued the next event freed them"
        );
        d.shutdown();
        assert_eq!(lock(&seen.0).len(), n + 1);
    }

    #[test]
    fn one_wake_stands_for_what_the_next_poll_takes_and_a_poll_that_leaves_events_wakes_again() {
        let (wakes, seen) = (AtomicUsize::new(0), Seen::default());
        let d = woken_dispatcher(&wakes);
        for _ in 0..3 {
            d.start(request(&seen), |_| {}, async { ok() }).unwrap();
        }
        wait_for(|| lock(&d.queue).events.len() == 3 && wakes.load(SeqCst) == 1);
        std::thread::sleep(Duration::from_millis(50));
        assert_eq!(wakes.load(SeqCst), 1, "three events, one wake");
        assert_eq!(d.poll(1), 1);
        assert_eq!(wakes.load(SeqCst), 2, "the poll left two");
        assert_eq!(d.poll(0), 2);
        assert_eq!(wakes.load(SeqCst), 2);
        d.start(request(&seen), |_| {}, async { ok() }).unwrap();
        wait_for(|| wakes.load(SeqCst) == 3);
        assert_eq!(d.poll(0), 1);
        d.shutdown();
    }

    #[test]
    fn a_busy_worker_wakes_the_hook_and_waiting_threads_once_it_runs_out_of_work() {
        let wakes = AtomicUsize::new(0);
        let d = woken_dispatcher(&wakes);
        // The worker counts as one once it has parked (at start-up, when idle).
        let hook = d.wake.clone();
        wait_for(|| {
            let hook = hook.clone();
            d.handle
                .block_on(async { tokio::spawn(async move { hook.is_worker() }).await.unwrap() })
        });
        let waiter = {
            let d = d.clone();
            std::thread::spawn(move || d.wait(Duration::from_secs(10)).then(Instant::now))
        };
        wait_for(|| d.wake.waiters() == 1);
        let (release, busy) = std::sync::mpsc::channel::<()>();
        let this = d.clone();
        d.spawn(async move {
            this.deliver(failure_event(KGEN_OK, ""), None);
            this.deliver(failure_event(KGEN_OK, ""), None);
            busy.recv().ok(); // holds the worker: it does not park
        });
        wait_for(|| lock(&d.queue).events.len() == 2);
        std::thread::sleep(Duration::from_millis(100));
        assert_eq!(wakes.load(SeqCst), 0, "owed while the worker is busy");
        let released = Instant::now();
        release.send(()).unwrap();
        wait_for(|| wakes.load(SeqCst) == 1);
        let woken = waiter
            .join()
            .unwrap()
            .expect("the waiting thread saw the events");
        assert!(
            woken >= released,
            "the waiting thread slept while the worker was busy"
        );
        assert_eq!(d.poll(0), 2);
        d.shutdown();
    }

    #[test]
    fn driven_dispatch_runs_requests_only_while_the_caller_drives() {
        let seen = Seen::default();
        let d = dispatcher(Mode::Driven);
        let mut id = 0;
        let timed = async {
            tokio::time::sleep(Duration::from_millis(20)).await;
            ok()
        };
        d.start(request(&seen), |i| id = i, timed).unwrap();
        std::thread::sleep(Duration::from_millis(200));
        assert!(
            lock(&d.queue).events.is_empty(),
            "no thread ran the request"
        );
        assert!(
            d.wait(Duration::from_secs(5)),
            "the waiting thread drove it"
        );
        assert_eq!(d.poll(0), 1);
        let seen_now = lock(&seen.0).clone();
        let me = std::thread::current().name().unwrap_or("").to_owned();
        assert_eq!(seen_now.len(), 1);
        assert_eq!(
            (seen_now[0].0, seen_now[0].1, &seen_now[0].2),
            (id, KGEN_OK, &me)
        );
        d.shutdown();
    }

    #[test]
    fn a_blocking_call_in_driven_dispatch_drives_what_it_waits_for() {
        use std::sync::atomic::{AtomicBool, Ordering::SeqCst};
        let d = dispatcher(Mode::Driven);
        let done = Arc::new(AtomicBool::new(false));
        let flag = done.clone();
        d.spawn(async move {
            tokio::time::sleep(Duration::from_millis(20)).await;
            flag.store(true, SeqCst);
        });
        let seen_done = d.blocking(|| {
            let deadline = Instant::now() + Duration::from_secs(5);
            while !done.load(SeqCst) && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(1));
            }
            done.load(SeqCst)
        });
        assert!(seen_done);
        d.shutdown();
    }

    #[test]
    fn a_wait_ends_at_its_timeout_or_at_shutdown() {
        for mode in [Mode::Manual, Mode::Driven] {
            let d = dispatcher(mode);
            let started = Instant::now();
            assert!(!d.wait(Duration::from_millis(100)), "{mode:?}");
            assert!(started.elapsed() >= Duration::from_millis(100), "{mode:?}");
            let waiter = d.clone();
            let thread = std::thread::spawn(move || {
                let started = Instant::now();
                waiter.wait(Duration::from_secs(30));
                started.elapsed()
            });
            std::thread::sleep(Duration::from_millis(100));
            d.shutdown();
            assert!(thread.join().unwrap() < Duration::from_secs(5), "{mode:?}");
        }
    }

    #[test]
    fn immediate_dispatch_calls_back_on_a_worker_thread() {
        let seen = Seen::default();
        let d = dispatcher(Mode::Immediate);
        d.start(request(&seen), |_| (), async { ok() }).unwrap();
        wait_for(|| lock(&seen.0).len() == 1);
        assert_eq!(lock(&seen.0)[0].2, "kgen-worker");
        assert!(lock(&seen.0)[0].3, "re-entry refused inside the callback");
        d.shutdown();
    }

    #[test]
    fn cancel_ends_a_request_once_and_only_while_in_flight() {
        let seen = Seen::default();
        let d = dispatcher(Mode::Manual);
        let mut id = 0;
        d.start(request(&seen), |i| id = i, std::future::pending())
            .unwrap();
        d.cancel(id).unwrap();
        d.cancel(id).ok(); // a second request for the same cancellation is harmless
        wait_for(|| lock(&d.queue).events.len() == 1);
        assert_eq!(d.cancel(id).unwrap_err().status, KGEN_ERR_UNKNOWN_REQUEST);
        d.poll(0);
        assert_eq!(lock(&seen.0).len(), 1);
        assert_eq!(lock(&seen.0)[0].1, KGEN_ERR_CANCELLED);
        d.shutdown();
    }

    #[test]
    fn a_result_that_loses_the_race_against_cancel_is_never_converted() {
        use std::sync::atomic::{AtomicBool, Ordering::SeqCst};
        let seen = Seen::default();
        let d = dispatcher(Mode::Manual);
        // The request's work has ended, and its cancellation was requested
        // before the completion was decided.
        let (cancel, _signal) = oneshot::channel();
        let id = d.requests.accept(cancel).unwrap();
        assert!(d.requests.cancel(id));
        let converted = Arc::new(AtomicBool::new(false));
        let flag = converted.clone();
        let mut pending = Pending {
            dispatcher: d.clone(),
            id,
            request: request(&seen),
            done: false,
        };
        pending.complete(Some(Box::new(move || {
            flag.store(true, SeqCst); // e.g. registering a new session handle
            failure_event(KGEN_OK, "")
        })));
        d.poll(0);
        assert!(!converted.load(SeqCst), "a cancelled result has no effect");
        assert_eq!(lock(&seen.0).len(), 1);
        assert_eq!(lock(&seen.0)[0].1, KGEN_ERR_CANCELLED);
        drop(pending);
        assert_eq!(lock(&seen.0).len(), 1, "completed once");
        d.shutdown();
    }

    #[test]
    fn a_panicking_request_still_completes_once() {
        let seen = Seen::default();
        let d = dispatcher(Mode::Manual);
        d.start(request(&seen), |_| (), async { panic!("inside the SDK") })
            .unwrap();
        let panicking_conversion: Finish = Box::new(|| panic!("converting the result"));
        d.start(request(&seen), |_| (), async { panicking_conversion })
            .unwrap();
        wait_for(|| lock(&d.queue).events.len() == 2);
        d.poll(0);
        assert_eq!(lock(&seen.0).len(), 2);
        assert!(lock(&seen.0).iter().all(|s| s.1 == KGEN_ERR_INTERNAL));
        d.shutdown();
    }

    #[test]
    fn shutdown_delivers_every_request_in_flight_exactly_once() {
        for mode in [Mode::Manual, Mode::Immediate, Mode::Driven] {
            let seen = Seen::default();
            let d = dispatcher(mode);
            let mut ids: Vec<_> = (0..1000)
                .map(|_| {
                    let mut id = 0;
                    d.start(request(&seen), |i| id = i, std::future::pending())
                        .unwrap();
                    id
                })
                .collect();
            d.shutdown();
            let mut got: Vec<_> = lock(&seen.0).iter().map(|s| s.0).collect();
            got.sort();
            ids.sort();
            assert_eq!(got, ids, "{mode:?}");
            assert!(lock(&seen.0).iter().all(|s| s.1 == KGEN_ERR_CANCELLED));
            let refused = d.start(request(&seen), |_| (), async { ok() }).unwrap_err();
            assert_eq!(refused.status, KGEN_ERR_SHUTTING_DOWN);
        }
    }

    static SLOW_STARTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    static SLOW_FINISHED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

    unsafe extern "C" fn slow(_: *const kgen_event, _: *mut c_void) {
        use std::sync::atomic::Ordering::SeqCst;
        SLOW_STARTED.store(true, SeqCst);
        std::thread::sleep(Duration::from_millis(200));
        SLOW_FINISHED.store(true, SeqCst);
    }

    #[test]
    fn shutdown_waits_for_a_callback_running_in_another_threads_poll() {
        use std::sync::atomic::Ordering::SeqCst;
        let seen = Seen::default();
        let d = dispatcher(Mode::Manual);
        let mut r = request(&seen);
        r.callback = Some(slow);
        d.start(r, |_| (), async { ok() }).unwrap();
        wait_for(|| lock(&d.queue).events.len() == 1);
        let poller = d.clone();
        let thread = std::thread::spawn(move || poller.poll(0));
        wait_for(|| SLOW_STARTED.load(SeqCst));
        d.shutdown();
        assert!(
            SLOW_FINISHED.load(SeqCst),
            "shutdown returned while a callback ran"
        );
        thread.join().unwrap();
    }

    #[test]
    fn shutdown_works_on_a_thread_that_runs_another_runtime() {
        for mode in [Mode::Manual, Mode::Driven] {
            let seen = Seen::default();
            let d = dispatcher(mode);
            d.start(request(&seen), |_| (), std::future::pending())
                .unwrap();
            // Dropping a runtime inside a runtime context would panic.
            let outer = tokio::runtime::Builder::new_current_thread()
                .build()
                .unwrap();
            outer.block_on(async { d.shutdown() });
            assert_eq!(lock(&seen.0).len(), 1, "{mode:?}");
            assert_eq!(lock(&seen.0)[0].1, KGEN_ERR_CANCELLED, "{mode:?}");
        }
    }

    #[test]
    fn pulled_events_skip_their_callback() {
        let seen = Seen::default();
        let d = dispatcher(Mode::Immediate);
        let mut r = request(&seen);
        r.callback = None;
        let mut id = 0;
        d.start(r, |i| id = i, async { ok() }).unwrap();
        wait_for(|| lock(&d.queue).events.len() == 1);
        let event = d.next_event().expect("queued");
        assert_eq!(unsafe { (*event).request }, id);
        assert!(d.next_event().is_none());
        assert!(lock(&seen.0).is_empty());
        d.shutdown();
    }
}
