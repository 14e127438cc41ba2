//! The outbox's store: an append-only journal of checksummed records in one file,
//! guarded by a lock file so that one process owns it at a time.
//!
//! ```text
//! outbox.log   "KGENOBX1", then records: [u32 LE length][u32 LE CRC-32][JSON payload]
//! outbox.lock  held with flock(2) (Windows: opened without sharing) while a client owns it
//! ```
//!
//! A record is acknowledged only once it is written whole and `fdatasync`ed, so a
//! process killed at any instruction leaves at worst a torn last record, which was never
//! acknowledged and is cut off when the journal is opened again. Anything else that does
//! not read back — a bad checksum followed by more data, a file that is not a journal —
//! is damage: the file is kept beside the journal as `outbox.log.damaged-<unix ms>`, the
//! readable prefix is used, and the loss is reported, never ignored.

use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::{Entry, Record};
use crate::{Error, ErrorKind};

const MAGIC: &[u8; 8] = b"KGENOBX1";
const HEADER: usize = 8;
/// Larger records are damage (an entry is a few hundred bytes).
const MAX_RECORD: usize = 64 * 1024;
/// Rewrite the journal once this many ended records are in it and they outnumber the live ones.
const COMPACT_AFTER: usize = 1024;

/// An open journal: the live entries and the file they were read from.
pub(crate) struct Journal {
    dir: PathBuf,
    file: File,
    /// Held for the journal's lifetime: the single-owner lock.
    _lock: File,
    ended_records: usize,
}

/// What opening found besides the live entries.
#[derive(Debug, Default)]
pub(crate) struct Recovery {
    /// Bytes of a torn last record cut off (never acknowledged).
    pub torn_bytes: u64,
    /// Damage kept aside: (where the damaged file was kept, bytes that could not be read).
    pub damaged: Option<(PathBuf, u64)>,
}

impl Journal {
    /// Opens (or creates) the journal in `dir` and takes the lock; the live entries by id.
    pub fn open(dir: &Path) -> Result<(Journal, BTreeMap<u64, Entry>, Recovery), Error> {
        fs::create_dir_all(dir).map_err(|e| io_error("create the outbox directory", dir, e))?;
        let lock_path = dir.join("outbox.lock");
        let lock = lock_exclusive(&lock_path)?;
        let path = dir.join("outbox.log");
        let mut file = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(&path)
            .map_err(|e| io_error("open the outbox journal", &path, e))?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)
            .map_err(|e| io_error("read the outbox journal", &path, e))?;

        let mut recovery = Recovery::default();
        let mut live = BTreeMap::new();
        let mut ended_records = 0;
        // Empty, or not a journal at all (then everything is damage): nothing good.
        let good = if bytes.len() < HEADER || &bytes[..HEADER] != MAGIC {
            0
        } else {
            let (end, ended) = replay(&bytes, &mut live);
            ended_records = ended;
            end
        };
        let rest = (bytes.len() - good) as u64;
        // A journal whose first write was cut short is as torn as a record.
        let torn_start = good == 0 && bytes.len() < HEADER && MAGIC.starts_with(&bytes);
        if rest > 0 {
            if torn_start || (good > 0 && is_torn_tail(&bytes[good..])) {
                recovery.torn_bytes = rest;
            } else {
                let kept = dir.join(format!("outbox.log.damaged-{}", super::unix_ms()));
                fs::write(&kept, &bytes)
                    .map_err(|e| io_error("keep the damaged journal", &kept, e))?;
                recovery.damaged = Some((kept, rest));
            }
        }
        if good == 0 {
            file.set_len(0)
                .and_then(|()| file.write_all(MAGIC))
                .and_then(|()| file.sync_all())
                .map_err(|e| io_error("start the outbox journal", &path, e))?;
            live.clear();
        } else if rest > 0 {
            file.set_len(good as u64)
                .and_then(|()| file.sync_all())
                .map_err(|e| io_error("cut the outbox journal", &path, e))?;
        }
        file.seek(SeekFrom::End(0))
            .map_err(|e| io_error("open the outbox journal", &path, e))?;
        let journal = Journal {
            dir: dir.to_owned(),
            file,
            _lock: lock,
            ended_records,
        };
        Ok((journal, live, recovery))
    }

    /// Appends a record and waits until it is on stable storage.
    pub fn append(&mut self, record: &Record) -> Result<(), Error> {
        self.file
            .write_all(&frame(record))
            .and_then(|()| self.file.sync_data())
            .map_err(|e| io_error("write the outbox journal", &self.dir.join("outbox.log"), e))?;
        if matches!(record, Record::End { .. }) {
            self.ended_records += 1;
        }
        Ok(())
    }

    /// Rewrites the journal with just the live entries when ended records dominate it:
    /// written to a new file, synced, then renamed over the old one (atomic).
    pub fn compact_if_due<'a>(
        &mut self,
        live: impl ExactSizeIterator<Item = &'a Entry>,
    ) -> Result<(), Error> {
        if self.ended_records < COMPACT_AFTER || self.ended_records < 2 * live.len() {
            return Ok(());
        }
        let path = self.dir.join("outbox.log");
        let fresh = self.dir.join("outbox.log.new");
        let mut bytes = MAGIC.to_vec();
        for entry in live {
            bytes.extend(frame(&Record::Add(entry.clone())));
        }
        let write = || -> io::Result<File> {
            let mut file = File::create(&fresh)?;
            file.write_all(&bytes)?;
            file.sync_all()?;
            fs::rename(&fresh, &path)?;
            sync_dir(&self.dir)?;
            OpenOptions::new().append(true).open(&path)
        };
        self.file = write().map_err(|e| io_error("compact the outbox journal", &path, e))?;
        self.ended_records = 0;
        Ok(())
    }
}

/// Applies the records after the magic; returns where the readable prefix ends and how
/// many end records it holds.
fn replay(bytes: &[u8], live: &mut BTreeMap<u64, Entry>) -> (usize, usize) {
    let mut at = HEADER;
    let mut ended = 0;
    while let Some((record, next)) = read_record(bytes, at) {
        match record {
            Record::Add(entry) => {
                live.insert(entry.id, entry);
            }
            Record::End { id } => {
                live.remove(&id);
                ended += 1;
            }
        }
        at = next;
    }
    (at, ended)
}

fn read_record(bytes: &[u8], at: usize) -> Option<(Record, usize)> {
    let header = bytes.get(at..at + 8)?;
    let len = u32::from_le_bytes(header[..4].try_into().ok()?) as usize;
    let crc = u32::from_le_bytes(header[4..].try_into().ok()?);
    if len > MAX_RECORD {
        return None;
    }
    let payload = bytes.get(at + 8..at + 8 + len)?;
    if crc32(payload) != crc {
        return None;
    }
    let record = serde_json::from_slice(payload).ok()?;
    Some((record, at + 8 + len))
}

/// Whether what follows the readable prefix is one record cut short by a write that
/// never finished (the record it announces runs past the end of the file).
fn is_torn_tail(rest: &[u8]) -> bool {
    match rest.get(..4) {
        None => true,
        Some(len) => {
            let len = u32::from_le_bytes(len.try_into().unwrap_or_default()) as usize;
            len <= MAX_RECORD && rest.len() < 8 + len
        }
    }
}

fn frame(record: &Record) -> Vec<u8> {
    let payload = serde_json::to_vec(record).unwrap_or_default();
    let mut out = Vec::with_capacity(8 + payload.len());
    out.extend((payload.len() as u32).to_le_bytes());
    out.extend(crc32(&payload).to_le_bytes());
    out.extend(payload);
    out
}

/// CRC-32 (IEEE), bitwise: records are small and written once.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

#[cfg(unix)]
fn lock_exclusive(path: &Path) -> Result<File, Error> {
    use std::os::fd::AsRawFd;
    let file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map_err(|e| io_error("open the outbox lock", path, e))?;
    // SAFETY: flock on a descriptor this function owns.
    if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } != 0 {
        let e = io::Error::last_os_error();
        return Err(if e.kind() == io::ErrorKind::WouldBlock {
            locked(path)
        } else {
            io_error("lock the outbox", path, e)
        });
    }
    Ok(file)
}

#[cfg(windows)]
fn lock_exclusive(path: &Path) -> Result<File, Error> {
    use std::os::windows::fs::OpenOptionsExt;
    const ERROR_SHARING_VIOLATION: i32 = 32;
    OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .share_mode(0)
        .open(path)
        .map_err(|e| match e.raw_os_error() {
            Some(ERROR_SHARING_VIOLATION) => locked(path),
            _ => io_error("lock the outbox", path, e),
        })
}

fn locked(path: &Path) -> Error {
    Error::new(
        ErrorKind::OutboxLocked,
        format!(
            "the outbox {} is in use by another client (one process, one client at a time)",
            path.parent().unwrap_or(path).display()
        ),
    )
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

fn io_error(what: &str, path: &Path, e: io::Error) -> Error {
    Error::new(
        ErrorKind::OutboxStorage,
        format!("could not {what} ({}): {e}", path.display()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }
}
