//! The SDK's log output: one re-settable sink, silent until one is set.
//!
//! The SDK writes one `Debug` line per HTTP attempt (method, path without query, status,
//! milliseconds, attempt, request id), `Info` lines for retries and session renewals, and
//! `Warn` lines for trouble it recovered from. No line ever contains a secret, token,
//! OTP or password: lines are built only from values that are not secret.

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, RwLock};

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
static SINK: RwLock<Option<LogSink>> = RwLock::new(None);

/// Installs (or with `None`, removes) the process-wide sink. Can be called any number of times.
pub fn set_sink(max_level: LogLevel, sink: Option<LogSink>) {
    let level = if sink.is_some() { max_level as u8 } else { 0 };
    let mut slot = SINK
        .write()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    *slot = sink;
    MAX_LEVEL.store(level, Ordering::Release);
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
    let sink = SINK
        .read()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .clone();
    if let Some(sink) = sink {
        sink(level, &line());
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Log capture for unit tests; the sink is global, so tests that use it take a lock.
    use super::*;
    use std::sync::Mutex;

    static EXCLUSIVE: Mutex<()> = Mutex::new(());

    /// Runs `f` with a capturing sink at `Trace`, returns the captured lines.
    pub(crate) fn capture(f: impl FnOnce()) -> Vec<(LogLevel, String)> {
        let _guard = EXCLUSIVE.lock().unwrap_or_else(|p| p.into_inner());
        let lines = Arc::new(Mutex::new(Vec::new()));
        let sink_lines = lines.clone();
        set_sink(
            LogLevel::Trace,
            Some(Arc::new(move |level, line: &str| {
                sink_lines
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .push((level, line.to_owned()));
            })),
        );
        f();
        set_sink(LogLevel::Trace, None);
        let captured = lines.lock().unwrap_or_else(|p| p.into_inner()).clone();
        captured
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_above_the_level_are_not_built() {
        let lines = testing::capture(|| {
            let current = SINK.read().unwrap().clone();
            set_sink(LogLevel::Info, current);
            emit(LogLevel::Debug, || panic!("must not be built"));
            emit(LogLevel::Info, || "kept".to_owned());
        });
        assert_eq!(lines, vec![(LogLevel::Info, "kept".to_owned())]);
    }
}
