//! The client: options, create/destroy, event delivery (poll, pull form) and
//! request cancellation; plus how every operation export starts its request.

use std::collections::HashMap;
use std::ffi::{c_char, c_void};
use std::future::Future;
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use super::data::kgen_data;
use super::dispatch::{
    kgen_wake_fn, refuse_inside_callback, Dispatcher, Finish, Mode, Request, UserData,
};
use super::handles::{Registry, TAG_CLIENT};
use super::panic::{guard, FfiError, FfiResult};
use super::pointers::{opt_str_in, out, write_opt};
use super::session::{self, kgen_session};
use super::status::*;
use super::types::{
    completion, kgen_callback, kgen_event, kgen_operation, kgen_request_id, EventBuilder,
};

/// A client (opaque): configuration, connection pool, worker threads and the
/// event queue for any number of player sessions. Create with
/// `kgen_client_new`, destroy with `kgen_client_destroy`.
pub struct kgen_client {
    _private: [u8; 0],
}

/// How completions are delivered; see the reading guide at the top.
pub type kgen_dispatch = i32;
/// Completions run inside `kgen_client_poll` on the caller's thread (default).
pub const KGEN_DISPATCH_MANUAL: kgen_dispatch = 0;
/// Completions run on the SDK's worker threads as soon as requests end.
pub const KGEN_DISPATCH_IMMEDIATE: kgen_dispatch = 1;
/// Like manual, and the client has no worker thread: requests advance only
/// inside `kgen_client_poll`, `kgen_client_wait` and `kgen_client_next_event`.
pub const KGEN_DISPATCH_DRIVEN: kgen_dispatch = 2;

/// Options of `kgen_client_new`. Set `struct_size = sizeof(kgen_client_options)`;
/// zero (or NULL) in any other field means its default. Strings are copied
/// during the call. Fields are only ever appended: a program built with an
/// older kgen.h passes its smaller size, and the fields it does not know keep
/// their defaults.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct kgen_client_options {
    pub struct_size: u32,
    /// KGeN ESports Protocol API base URL; default the production host.
    pub base_url: *const c_char,
    /// Account-session (`/v3`) API base URL; default `https://api.i3d.net`,
    /// whatever `base_url` is, so the `/v3` API key and account passwords never
    /// go to a KGeN host by default. Set it for a local sandbox (which serves
    /// both API families).
    pub account_base_url: *const c_char,
    /// Server-to-server credentials (game servers only; never ship a secret in
    /// a game client). Needed by `kgen_session_create`.
    pub client_id: *const c_char,
    pub client_secret: *const c_char,
    /// API key sent as `PRIVATE-TOKEN` to the `/v3` account API, which requires
    /// it on every call: without it each `kgen_account_*` call returns
    /// `KGEN_ERR_INVALID_ARGUMENT` (nothing is sent).
    pub private_token: *const c_char,
    /// Appended to the User-Agent, e.g. "MyGame/1.2".
    pub user_agent_suffix: *const c_char,
    /// Proxy URL (`http://` or `https://`); default a direct connection
    /// (proxy environment variables are ignored).
    pub proxy: *const c_char,
    /// Connect timeout; default 10,000 ms.
    pub connect_timeout_ms: u32,
    /// Deadline of one call including retries and backoff; default 30,000 ms.
    pub request_timeout_ms: u32,
    /// Largest accepted response body; default 8 MiB.
    pub max_response_bytes: u32,
    /// Attempts per call including the first (1 = no retries); default 4.
    pub retry_max_attempts: u32,
    /// Backoff base; default 200 ms (full jitter, exponential).
    pub retry_base_delay_ms: u32,
    /// Backoff cap; default 5,000 ms.
    pub retry_max_delay_ms: u32,
    /// Renew (server flow) or report expiry (client flow) this long before the
    /// token expires; default 300 s.
    pub renew_before_secs: u32,
    /// 1 allows plain `http://` to hosts other than loopback (never in production).
    pub allow_insecure_http: i32,
    /// `KGEN_DISPATCH_MANUAL` (default), `KGEN_DISPATCH_IMMEDIATE` or
    /// `KGEN_DISPATCH_DRIVEN`.
    pub dispatch: kgen_dispatch,
    /// Worker threads of the client's runtime; default 1, at most 64. With
    /// `KGEN_DISPATCH_IMMEDIATE` and more than one worker, callbacks of one
    /// client can run on several threads at once: guard shared state. Not
    /// used by `KGEN_DISPATCH_DRIVEN`, which has none.
    pub worker_threads: u32,
    /// Called from any thread when events are queued, so that a loop calls
    /// `kgen_client_poll` (or `kgen_client_next_event` until it has none).
    /// Optional. Calls are coalesced: after one, the hook is not called again
    /// until a poll or pull begins taking events, and a poll with `max` 0
    /// delivers every event queued before it began; a poll that leaves events
    /// queued (its `max`) calls the hook again. A worker thread calls it when
    /// it runs out of work (or after 32 events), so a burst of completions
    /// wakes the loop once. In manual mode every completion and notification
    /// is queued (in driven mode too, and the hook is called from inside a
    /// poll or wait); in immediate mode only events without a callback (pull
    /// form, and session-expired notices when `session_expired` is NULL) are
    /// queued, so only those wake.
    pub wake: kgen_wake_fn,
    pub wake_user_data: *mut c_void,
    /// Receives `KGEN_EVENT_SESSION_EXPIRED` events, delivered like
    /// completions. Optional: when NULL they are queued for
    /// `kgen_client_next_event` (and discarded by `kgen_client_poll`).
    pub session_expired: kgen_callback,
    pub session_expired_user_data: *mut c_void,
    /// Longest wait for one attempt's complete answer; default 15,000 ms (never
    /// beyond the call's deadline). A stalled attempt of a read or of
    /// `kgen_session_create` is retried within `request_timeout_ms`; one of a
    /// call that changes state is not (it may have been applied) and the call
    /// completes with `KGEN_ERR_TIMEOUT`. Keep `connect_timeout_ms` below it, so
    /// that a connection that cannot be made is retried for every call.
    pub attempt_timeout_ms: u32,
    /// `KGEN_VERSION_NUMBER` of the kgen.h the program was built with (set by
    /// `KGEN_CLIENT_OPTIONS_INIT`). `kgen_client_new` refuses with
    /// `KGEN_ERR_INCOMPATIBLE_VERSION` when it names another version line
    /// (major version; 0.MINOR before 1.0) than this library's. 0 states no
    /// version and skips the check. Keeps this offset in every later version.
    pub header_version: u32,
    /// A directory for the client's outbox (see `kgen_outbox_enqueue`); NULL
    /// or "": no outbox. Created if missing; one client of one process owns it
    /// at a time (`KGEN_ERR_OUTBOX_LOCKED` for a second). With an outbox,
    /// `kgen_tournaments_submit_score` always goes through it.
    pub outbox_path: *const c_char,
    /// Entries kept at most; default 10,000. Beyond it enqueuing fails with
    /// `KGEN_ERR_OUTBOX_FULL` (nothing is dropped to make room).
    pub outbox_max_entries: u32,
    /// An entry undelivered this long after it was made ends as expired;
    /// default 86,400 (24 hours).
    pub outbox_max_age_secs: u32,
    /// Receives `KGEN_EVENT_OUTBOX` events, delivered like completions.
    /// Optional: when NULL they are queued for `kgen_client_next_event` (and
    /// discarded by `kgen_client_poll`).
    pub outbox_event: kgen_callback,
    pub outbox_event_user_data: *mut c_void,
}

/// The size of `kgen_client_options` before `attempt_timeout_ms` was appended:
/// callers built against that header pass it as `struct_size`.
const OPTIONS_SIZE_V1: usize = std::mem::offset_of!(kgen_client_options, attempt_timeout_ms);

/// What the SDK keeps per client handle.
pub(crate) struct ClientEntry {
    pub core: crate::Client,
    dispatch: Arc<Dispatcher>,
    /// The client's session handles; `None` once the client is destroyed.
    sessions: Mutex<Option<SessionHandles>>,
    session_expired: kgen_callback,
    session_expired_user_data: UserData,
    outbox_event: kgen_callback,
    outbox_event_user_data: UserData,
}

static CLIENTS: Registry<ClientEntry, kgen_client> = Registry::new(TAG_CLIENT, "client");

pub(crate) fn client(handle: *mut kgen_client) -> FfiResult<Arc<ClientEntry>> {
    CLIENTS.get(handle)
}

/// A client's session handles, found from the session they hold in constant
/// time: a server holding many players pays nothing per notice for the others.
#[derive(Default)]
struct SessionHandles {
    /// Handle -> the key of the session it holds.
    by_handle: HashMap<usize, usize>,
    /// Session key -> the handles holding it.
    by_session: HashMap<usize, Vec<usize>>,
}

impl SessionHandles {
    fn insert(&mut self, handle: usize, session: usize) {
        self.by_handle.insert(handle, session);
        self.by_session.entry(session).or_default().push(handle);
    }

    fn remove(&mut self, handle: usize) {
        let Some(session) = self.by_handle.remove(&handle) else {
            return;
        };
        if let Some(handles) = self.by_session.get_mut(&session) {
            handles.retain(|h| *h != handle);
            if handles.is_empty() {
                self.by_session.remove(&session);
            }
        }
    }
}

impl ClientEntry {
    /// Records a new session handle holding the session `Session::key` names;
    /// refused once the client is being destroyed.
    pub fn adopt_session(&self, handle: *mut kgen_session, session_key: usize) -> FfiResult<()> {
        match &mut *self.sessions.lock().unwrap_or_else(|e| e.into_inner()) {
            Some(sessions) => {
                sessions.insert(handle as usize, session_key);
                Ok(())
            }
            None => Err(FfiError::new(
                KGEN_ERR_SHUTTING_DOWN,
                "the client is being destroyed",
            )),
        }
    }

    pub fn forget_session(&self, handle: *mut kgen_session) {
        if let Some(sessions) = &mut *self.sessions.lock().unwrap_or_else(|e| e.into_inner()) {
            sessions.remove(handle as usize);
        }
    }

    fn handles_of(&self, session: &crate::Session) -> Vec<usize> {
        let sessions = self.sessions.lock().unwrap_or_else(|e| e.into_inner());
        sessions
            .as_ref()
            .and_then(|s| s.by_session.get(&session.key()))
            .cloned()
            .unwrap_or_default()
    }

    /// Routes the core's session-expired hook through dispatch, once per handle
    /// holding that session.
    fn session_expired(&self, expired: &crate::Session) {
        for handle in self.handles_of(expired) {
            let handle = handle as *mut kgen_session;
            // The handle may have been destroyed since the lookup.
            if session::is(handle, expired) {
                let mut b = EventBuilder::default();
                b.session = Some(handle);
                let result = super::types::kgen_result::without_answer(
                    &mut b,
                    KGEN_ERR_SESSION_EXPIRED,
                    "the session's token expires soon or was refused; pass a new one to kgen_session_update_tokens",
                );
                let mut event = b.finish(
                    super::types::kgen_event_kind::KGEN_EVENT_SESSION_EXPIRED,
                    result,
                    kgen_data::NONE,
                );
                event.view_mut().user_data = self.session_expired_user_data.0;
                self.dispatch.notify(event, self.session_expired);
            }
        }
    }

    /// Delivers an outbox event like a completion. The outbox reports from the
    /// runtime's threads only, so it is delivered (or queued) at once: by the
    /// time `kgen_outbox_flush` returns, the events of what it waited for are.
    pub(crate) fn outbox_event(&self, mut event: super::types::OwnedEvent) {
        event.view_mut().user_data = self.outbox_event_user_data.0;
        self.dispatch.deliver(event, self.outbox_event);
    }

    /// Runs a call that blocks until the client's runtime did something (see
    /// `Dispatcher::blocking`).
    pub(crate) fn blocking<R: Send>(&self, work: impl FnOnce() -> R + Send) -> R {
        self.dispatch.blocking(work)
    }

    /// Runs background work of the client on its runtime until it is destroyed.
    pub(crate) fn spawn(&self, work: impl Future<Output = ()> + Send + 'static) {
        self.dispatch.spawn(work);
    }

    /// Starts one operation; `call` makes the call's future on the client's
    /// runtime, `convert` runs only if its result is delivered (not cancelled).
    pub fn start<T, Fut>(
        &self,
        request: Request,
        out_request: *mut kgen_request_id,
        call: impl FnOnce() -> Fut + Send + 'static,
        convert: impl FnOnce(&T, &mut EventBuilder) -> kgen_data + Send + 'static,
    ) -> FfiResult<()>
    where
        T: Send + 'static,
        Fut: Future<Output = Result<crate::Response<T>, crate::Error>> + Send + 'static,
    {
        let accepted = |id| unsafe { write_opt(out_request, id) };
        // The call's state machine (kilobytes) is built when the task first runs: the
        // runtime's thread allocates, uses and frees it, even for a request started on
        // a polling thread. Until then the task carries only the call's arguments.
        let work = async move {
            let result = Box::pin(call()).await;
            Box::new(move || completion(result, convert)) as Finish
        };
        self.dispatch.start(request, accepted, work)
    }
}

/// Starts an operation of the client itself (the `/v3` account API).
///
/// # Safety
/// `out_request` is NULL or valid for a write.
pub(crate) unsafe fn start_for_client<T, Fut>(
    client_handle: *mut kgen_client,
    operation: kgen_operation,
    callback: kgen_callback,
    user_data: *mut c_void,
    out_request: *mut kgen_request_id,
    call: impl FnOnce(crate::Client) -> Fut + Send + 'static,
    convert: impl FnOnce(&T, &mut EventBuilder) -> kgen_data + Send + 'static,
) -> FfiResult<()>
where
    T: Send + 'static,
    Fut: Future<Output = Result<crate::Response<T>, crate::Error>> + Send + 'static,
{
    let entry = client(client_handle)?;
    let request = Request {
        operation,
        session: std::ptr::null_mut(),
        callback,
        user_data: UserData(user_data),
    };
    let core = entry.core.clone();
    entry.start(request, out_request, move || call(core), convert)
}

/// Starts an operation of one player's session.
///
/// # Safety
/// `out_request` is NULL or valid for a write.
#[allow(clippy::too_many_arguments)]
pub(crate) unsafe fn start_for_session<T, Fut>(
    client_handle: *mut kgen_client,
    session_handle: *mut kgen_session,
    operation: kgen_operation,
    callback: kgen_callback,
    user_data: *mut c_void,
    out_request: *mut kgen_request_id,
    call: impl FnOnce(crate::Session) -> Fut + Send + 'static,
    convert: impl FnOnce(&T, &mut EventBuilder) -> kgen_data + Send + 'static,
) -> FfiResult<()>
where
    T: Send + 'static,
    Fut: Future<Output = Result<crate::Response<T>, crate::Error>> + Send + 'static,
{
    let entry = client(client_handle)?;
    let player = session::of_client(client_handle, session_handle)?;
    let request = Request {
        operation,
        session: session_handle,
        callback,
        user_data: UserData(user_data),
    };
    entry.start(request, out_request, move || call(player), convert)
}

/// Reads an options struct of a known version: `struct_size` (its first field)
/// must lie between `min_size` (the first published layout) and the current
/// size; fields beyond `struct_size` keep their zero default.
///
/// # Safety
/// `options` is NULL or valid for `struct_size` bytes; `T` is a repr(C) struct
/// starting with `u32 struct_size` whose all-zero value is valid.
pub(crate) unsafe fn read_versioned<T: Copy>(
    options: *const T,
    min_size: usize,
    what: &str,
) -> FfiResult<T> {
    let first = unsafe { super::pointers::ref_in(options.cast::<u32>(), what) }?;
    let size = *first as usize;
    if size < min_size || size > std::mem::size_of::<T>() {
        return Err(FfiError::new(
            KGEN_ERR_INCOMPATIBLE_VERSION,
            format!(
                "{what}.struct_size is {size}; this library accepts {min_size}..={}",
                std::mem::size_of::<T>()
            ),
        ));
    }
    let mut value = std::mem::MaybeUninit::<T>::zeroed();
    unsafe {
        std::ptr::copy_nonoverlapping(options.cast::<u8>(), value.as_mut_ptr().cast::<u8>(), size);
        Ok(value.assume_init())
    }
}

fn millis(value: u32, default: Duration) -> Duration {
    if value == 0 {
        default
    } else {
        Duration::from_millis(u64::from(value))
    }
}

fn owned(value: Option<&str>) -> Option<String> {
    value.map(str::to_owned)
}

/// The Rust configuration for C options.
unsafe fn config(o: &kgen_client_options) -> FfiResult<crate::Config> {
    let mut c = crate::Config::default();
    if let Some(url) = unsafe { opt_str_in(o.base_url, "base_url") }? {
        c = crate::Config::new(url);
    }
    if let Some(url) = unsafe { opt_str_in(o.account_base_url, "account_base_url") }? {
        c.account_base_url = url.to_owned();
    }
    c.client_id = owned(unsafe { opt_str_in(o.client_id, "client_id") }?);
    c.client_secret =
        unsafe { opt_str_in(o.client_secret, "client_secret") }?.map(crate::Secret::new);
    c.private_token =
        unsafe { opt_str_in(o.private_token, "private_token") }?.map(crate::Secret::new);
    c.user_agent_suffix = owned(unsafe { opt_str_in(o.user_agent_suffix, "user_agent_suffix") }?);
    c.proxy = owned(unsafe { opt_str_in(o.proxy, "proxy") }?);
    c.connect_timeout = millis(o.connect_timeout_ms, c.connect_timeout);
    c.request_timeout = millis(o.request_timeout_ms, c.request_timeout);
    if o.max_response_bytes != 0 {
        c.max_response_bytes = o.max_response_bytes as usize;
    }
    if o.retry_max_attempts != 0 {
        c.retry.max_attempts = o.retry_max_attempts;
    }
    c.retry.base_delay = millis(o.retry_base_delay_ms, c.retry.base_delay);
    c.retry.max_delay = millis(o.retry_max_delay_ms, c.retry.max_delay);
    c.retry.attempt_timeout = millis(o.attempt_timeout_ms, c.retry.attempt_timeout);
    if o.renew_before_secs != 0 {
        c.renew_before = Duration::from_secs(u64::from(o.renew_before_secs));
    }
    c.allow_insecure_http = o.allow_insecure_http != 0;
    c.outbox = unsafe { super::outbox::config(o) }?;
    Ok(c)
}

fn dispatch_mode(o: &kgen_client_options) -> FfiResult<(Mode, usize)> {
    let mode = match o.dispatch {
        KGEN_DISPATCH_MANUAL => Mode::Manual,
        KGEN_DISPATCH_IMMEDIATE => Mode::Immediate,
        KGEN_DISPATCH_DRIVEN => Mode::Driven,
        other => {
            return Err(FfiError::new(
                KGEN_ERR_INVALID_ARGUMENT,
                format!("dispatch {other} is not a kgen_dispatch value"),
            ))
        }
    };
    let threads = match o.worker_threads {
        0 => 1,
        n @ 1..=64 => n as usize,
        n => {
            return Err(FfiError::new(
                KGEN_ERR_INVALID_ARGUMENT,
                format!("worker_threads {n} is above 64"),
            ))
        }
    };
    Ok((mode, threads))
}

/// Creates a client. `options` is borrowed for the call (strings are copied);
/// on success `*out_client` receives a handle that the caller owns and frees
/// with `kgen_client_destroy`. No network traffic happens here. Fails with
/// `KGEN_ERR_INVALID_ARGUMENT` for unusable options (see
/// `kgen_last_error_message`), `KGEN_ERR_INCOMPATIBLE_VERSION` for an unknown
/// `struct_size` or a `header_version` of another version line.
#[no_mangle]
pub unsafe extern "C" fn kgen_client_new(
    options: *const kgen_client_options,
    out_client: *mut *mut kgen_client,
) -> kgen_status {
    guard(|| {
        let slot = unsafe { out(out_client, "out_client") }?;
        *slot = std::ptr::null_mut();
        let o = unsafe { read_versioned(options, OPTIONS_SIZE_V1, "options") }?;
        super::version::check_header_version(o.header_version)?;
        let (mode, threads) = dispatch_mode(&o)?;
        let core = crate::Client::new(unsafe { config(&o) }?)?;
        let dispatch = Dispatcher::new(mode, threads, o.wake, UserData(o.wake_user_data))?;
        let entry = Arc::new(ClientEntry {
            core,
            dispatch: Arc::new(dispatch),
            sessions: Mutex::new(Some(SessionHandles::default())),
            session_expired: o.session_expired,
            session_expired_user_data: UserData(o.session_expired_user_data),
            outbox_event: o.outbox_event,
            outbox_event_user_data: UserData(o.outbox_event_user_data),
        });
        // Weak: the core client owns the hook, and the entry owns the core client.
        let weak: Weak<ClientEntry> = Arc::downgrade(&entry);
        entry
            .core
            .set_session_expired_handler(Some(Arc::new(move |s: &crate::Session| {
                if let Some(entry) = weak.upgrade() {
                    entry.session_expired(s);
                }
            })));
        match CLIENTS.insert(entry.clone()) {
            Ok(handle) => {
                super::outbox::start(&entry);
                *slot = handle;
                Ok(())
            }
            Err(e) => {
                entry.dispatch.shutdown();
                Err(e)
            }
        }
    })
}

/// Destroys a client: refuses new requests, cancels those in flight, delivers
/// every outstanding completion (manual and driven dispatch: on the calling
/// thread, before this returns; immediate: on the workers), stops the client's
/// threads and destroys its sessions. After it returns no callback of this client runs
/// (also none started by a `kgen_client_poll` on another thread), user data
/// may be freed, and the handle, its sessions and any event taken with
/// `kgen_client_next_event` are invalid. Returns
/// `KGEN_ERR_REENTRANT` inside any kgen callback, `KGEN_ERR_INVALID_HANDLE` for
/// a destroyed handle.
#[no_mangle]
pub unsafe extern "C" fn kgen_client_destroy(client: *mut kgen_client) -> kgen_status {
    guard(|| {
        refuse_inside_callback("kgen_client_destroy")?;
        let entry = CLIENTS.remove(client)?;
        entry.dispatch.shutdown();
        entry.core.set_session_expired_handler(None);
        let handles = entry
            .sessions
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        for handle in handles.into_iter().flat_map(|h| h.by_handle.into_keys()) {
            session::release(handle as *mut kgen_session);
        }
        Ok(())
    })
}

/// Delivers queued events on the calling thread: calls the callback of up to
/// `max_events` of them (0: all that are queued when the call starts); events
/// whose callback is NULL are discarded (take them with
/// `kgen_client_next_event` instead). `*out_delivered` (may be NULL) receives
/// how many events left the queue. Returns `KGEN_ERR_REENTRANT` inside a
/// callback. Callbacks may start new requests; their completions wait for the
/// next poll. Driven dispatch: the call also does the client's network work
/// that is ready, without blocking — sends what was started, reads what
/// arrived — before the callbacks, and sends what they started after them.
#[no_mangle]
pub unsafe extern "C" fn kgen_client_poll(
    client: *mut kgen_client,
    max_events: u32,
    out_delivered: *mut u32,
) -> kgen_status {
    guard(|| {
        refuse_inside_callback("kgen_client_poll")?;
        let delivered = CLIENTS.get(client)?.dispatch.poll(max_events as usize);
        unsafe { write_opt(out_delivered, u32::try_from(delivered).unwrap_or(u32::MAX)) };
        Ok(())
    })
}

/// The pull form: takes the next queued event without calling its callback.
/// Returns `KGEN_OK` with `*out_event` set, or `KGEN_NO_EVENT` with NULL. The
/// event stays valid until the next `kgen_client_next_event` on this client or
/// its destruction; the SDK frees it. Pull from one thread at a time per
/// client. Returns `KGEN_ERR_REENTRANT` inside a callback. Driven dispatch:
/// when nothing is queued the call first does the network work that is ready,
/// without blocking.
#[no_mangle]
pub unsafe extern "C" fn kgen_client_next_event(
    client: *mut kgen_client,
    out_event: *mut *const kgen_event,
) -> kgen_status {
    guard(|| {
        let slot = unsafe { out(out_event, "out_event") }?;
        *slot = std::ptr::null();
        refuse_inside_callback("kgen_client_next_event")?;
        match CLIENTS.get(client)?.dispatch.next_event() {
            Some(event) => {
                *slot = event;
                Ok(())
            }
            None => Err(KGEN_NO_EVENT.into()),
        }
    })
}

/// Blocks the calling thread until an event is queued or `timeout_ms` passed
/// (0: only checks): `KGEN_OK` when one is queued (deliver it with
/// `kgen_client_poll` or take it with `kgen_client_next_event`), `KGEN_NO_EVENT`
/// when none is. For a server's loop without a wake hook:
///     while (running) { kgen_client_wait(c, 100); kgen_client_poll(c, 0, NULL); }
/// A worker thread wakes the waiting thread as it wakes the hook: once it runs
/// out of work (or queued 32 events), so a burst of completions ends one wait.
/// Driven dispatch: the waiting thread does the client's network work
/// meanwhile, so this is how such a client makes progress between polls. A
/// client being destroyed on another thread ends the wait. In immediate
/// dispatch only events without a callback are queued. Returns
/// `KGEN_ERR_REENTRANT` inside a callback.
#[no_mangle]
pub unsafe extern "C" fn kgen_client_wait(
    client: *mut kgen_client,
    timeout_ms: u32,
) -> kgen_status {
    guard(|| {
        refuse_inside_callback("kgen_client_wait")?;
        let timeout = Duration::from_millis(u64::from(timeout_ms));
        if CLIENTS.get(client)?.dispatch.wait(timeout) {
            Ok(())
        } else {
            Err(KGEN_NO_EVENT.into())
        }
    })
}

/// Cancels a request in flight. Returns `KGEN_OK` when the request will
/// complete with `KGEN_ERR_CANCELLED` (through the normal delivery), or
/// `KGEN_ERR_UNKNOWN_REQUEST` when it already completed (its completion, maybe
/// still queued, is unchanged) or never existed. Safe inside callbacks.
#[no_mangle]
pub unsafe extern "C" fn kgen_request_cancel(
    client: *mut kgen_client,
    request: kgen_request_id,
) -> kgen_status {
    guard(|| CLIENTS.get(client)?.dispatch.cancel(request))
}
