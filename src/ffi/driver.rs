//! Driven dispatch (`KGEN_DISPATCH_DRIVEN`): the client's runtime has no thread
//! of its own. Its tasks and its network I/O advance only inside the caller's
//! `kgen_client_poll`, `kgen_client_next_event` and `kgen_client_wait` (and
//! calls that block, such as `kgen_outbox_flush`) — libcurl multi's model. No
//! event crosses threads, so a request costs no thread wake-ups.
//!
//! The runtime is tokio's current-thread scheduler, entered with `block_on` on
//! the caller's thread. Callbacks run inside it, so requests they start are
//! queued locally (no wake-up of a parked driver) and sent before the poll
//! returns.

use std::time::Duration;

use tokio::runtime::Runtime;
use tokio::sync::Notify;

pub(crate) fn build() -> std::io::Result<Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .max_blocking_threads(2)
        .thread_name("kgen-blocking")
        .enable_all()
        .build()
}

/// One pass: the runtime's ready tasks run, then the network and the timers are
/// checked without blocking and the tasks they make ready are queued.
async fn pass() {
    tokio::task::yield_now().await;
}

/// Whether this thread is inside a tokio runtime, where `block_on` would panic.
/// C callers never are: the only runtimes on their threads are kgen's own, and
/// there every driving call is refused as re-entry.
fn inside_a_runtime() -> bool {
    tokio::runtime::Handle::try_current().is_ok()
}

/// Runs `work` inside the runtime on this thread: two passes before it (what
/// was started gets sent, what arrived gets read), one after (what `work`
/// started gets sent).
pub(crate) fn around<R>(runtime: &Runtime, work: impl FnOnce() -> R) -> R {
    if inside_a_runtime() {
        return work();
    }
    runtime.block_on(async {
        pass().await;
        pass().await;
        let result = work();
        pass().await;
        result
    })
}

/// Drives the runtime on this thread until `ready()` holds (checked whenever
/// `changed` is notified) or `timeout` passes.
pub(crate) fn until(
    runtime: &Runtime,
    changed: &Notify,
    ready: impl Fn() -> bool,
    timeout: Duration,
) {
    if inside_a_runtime() {
        return;
    }
    runtime.block_on(async {
        if timeout.is_zero() {
            pass().await;
            pass().await;
            return;
        }
        // The scheduler runs the ready tasks (up to 61) before it polls this
        // future again, so `ready()` sees what a batch of network events completed.
        let timer = tokio::time::sleep(timeout);
        tokio::pin!(timer);
        loop {
            let notified = changed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if ready() {
                return;
            }
            tokio::select! {
                _ = notified => {}
                _ = &mut timer => return,
            }
        }
    })
}

/// Runs a blocking `work` on a helper thread while this thread drives the
/// runtime, so what `work` waits for can happen.
pub(crate) fn during<R: Send>(runtime: &Runtime, work: impl FnOnce() -> R + Send) -> R {
    if inside_a_runtime() {
        return work();
    }
    std::thread::scope(|s| {
        // `ended` resolves when the helper drops its sender: on return or panic.
        let (tx, ended) = tokio::sync::oneshot::channel::<()>();
        let helper = s.spawn(move || {
            let _sender = tx;
            work()
        });
        let _ = runtime.block_on(ended);
        helper
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}
