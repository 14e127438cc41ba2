//! The SDK's log output: one re-settable sink, silent until one is set.
//!
//! The SDK writes one `Debug` line per HTTP attempt (method, path without query, status,
//! milliseconds, attempt, request id), `Info` lines for retries and session renewals, and
//! `Warn` lines for trouble it recovered from. No line ever contains a secret, token,
//! OTP or password: lines are built only from values that are not secret.

use std::cell::Cell;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use arc_swap::ArcSwapOption;

/// Severity of a log line; a sink set with `max_level` receives lines up to and including it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum LogLevel {
    /// Failures the caller will also see as errors.
    Error = 1,
    /// Trouble the SDK recovered from.
    Warn = 2,
    /// Retries, renewals.
    Info = 3,
    /// One line per HTTP attempt.
    Debug = 4,
    /// Everything else.
    Trace = 5,
}

/// A function that receives log lines. It may be called from any thread.
pub type LogSink = Arc<dyn Fn(LogLevel, &str) + Send + Sync>;

// The level is kept apart from the sink so a disabled level costs one atomic load.
static MAX_LEVEL: AtomicU8 = AtomicU8::new(0);
// Read without a lock: a thread that keeps replacing the sink cannot hold back the
// threads that log. Each delivery holds a clone of the Arc, which is how a setter
// knows when the sink it replaced has finished.
static SINK: ArcSwapOption<Installed> = ArcSwapOption::const_empty();
// Orders setters among themselves (readers never take it).
static SETTING: Mutex<()> = Mutex::new(());

struct Installed(LogSink);

thread_local! {
    static IN_SINK: Cell<bool> = const { Cell::new(false) };
}

/// Installs (or with `None`, removes) the process-wide sink. Can be called any number of
/// times. When it returns, the sink it replaced is not running and will not be called
/// again (its deliveries in progress have ended) — except when called from inside that
/// sink, which cannot wait for itself.
pub fn set_sink(max_level: LogLevel, sink: Option<LogSink>) {
    let level = if sink.is_some() { max_level as u8 } else { 0 };
    let old = {
        let _setting = SETTING
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        MAX_LEVEL.store(level, Ordering::Release);
        SINK.swap(sink.map(|s| Arc::new(Installed(s))))
    };
    if let Some(old) = old {
        if !IN_SINK.with(Cell::get) {
            wait_until_unused(old);
        }
    }
}

/// Waits until no delivery holds `sink` any more (each holds a clone of the Arc).
fn wait_until_unused(sink: Arc<Installed>) {
    let mut waited = 0u32;
    while Arc::strong_count(&sink) > 1 {
        if waited < 64 {
            std::thread::yield_now();
        } else {
            std::thread::sleep(Duration::from_micros(50));
        }
        waited = waited.saturating_add(1);
    }
}

/// `true` when a line of `level` would reach a sink.
pub(crate) fn enabled(level: LogLevel) -> bool {
    (level as u8) <= MAX_LEVEL.load(Ordering::Acquire)
}

/// Sends one line, built only if a sink wants it.
pub(crate) fn emit(level: LogLevel, line: impl FnOnce() -> String) {
    if !enabled(level) {
        return;
    }
    if let Some(sink) = SINK.load_full() {
        let line = line();
        let outer = IN_SINK.with(|s| s.replace(true));
        (sink.0)(level, &line);
        IN_SINK.with(|s| s.set(outer));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[test]
    fn lines_above_the_level_are_not_built_and_removing_the_sink_silences() {
        let lines = Arc::new(Mutex::new(Vec::new()));
        let sink_lines = lines.clone();
        set_sink(
            LogLevel::Info,
            Some(Arc::new(move |level, line: &str| {
                sink_lines.lock().unwrap().push((level, line.to_owned()));
            })),
        );
        emit(LogLevel::Debug, || panic!("must not be built"));
        emit(LogLevel::Info, || "kept".to_owned());
        set_sink(LogLevel::Trace, None);
        emit(LogLevel::Error, || panic!("no sink, nothing built"));
        assert_eq!(
            *lines.lock().unwrap(),
            vec![(LogLevel::Info, "kept".to_owned())]
        );
    }
}
