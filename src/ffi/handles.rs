//! Opaque handles. A handle is never a pointer to memory: its bits are a type
//! tag, a slot index and the slot's generation. Destroying a handle bumps the
//! generation, so a destroyed, double-destroyed, forged or wrongly typed handle
//! is recognised and answered with `KGEN_ERR_INVALID_HANDLE`, never dereferenced.

use std::marker::PhantomData;
use std::sync::{Arc, Mutex, MutexGuard};

use super::panic::{FfiError, FfiResult};
use super::status::{KGEN_ERR_INTERNAL, KGEN_ERR_INVALID_HANDLE, KGEN_ERR_NULL_ARGUMENT};

const TAG_BITS: u32 = 4;
// Half the word for the index (65,536 live objects per type on 32-bit
// targets), the rest for the generation.
const INDEX_BITS: u32 = usize::BITS / 2;
const GENERATION_BITS: u32 = usize::BITS - INDEX_BITS - TAG_BITS;
const INDEX_MASK: usize = (1 << INDEX_BITS) - 1;
const GENERATION_MASK: usize = (1 << GENERATION_BITS) - 1;

/// The type tags; non-zero, so no handle is ever NULL.
pub(crate) const TAG_CLIENT: usize = 0x5;
pub(crate) const TAG_SESSION: usize = 0xA;

struct Slot<T> {
    generation: usize,
    value: Option<Arc<T>>,
}

struct Slots<T> {
    slots: Vec<Slot<T>>,
    free: Vec<usize>,
}

/// All live objects of one handle type `H` (the opaque C type), holding `T`.
pub(crate) struct Registry<T, H> {
    tag: usize,
    name: &'static str,
    inner: Mutex<Slots<T>>,
    _handle: PhantomData<fn() -> H>,
}

impl<T, H> Registry<T, H> {
    pub const fn new(tag: usize, name: &'static str) -> Self {
        Registry {
            tag,
            name,
            inner: Mutex::new(Slots {
                slots: Vec::new(),
                free: Vec::new(),
            }),
            _handle: PhantomData,
        }
    }

    fn lock(&self) -> MutexGuard<'_, Slots<T>> {
        // No code panics while holding the lock; recover rather than propagate.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn encode(&self, index: usize, generation: usize) -> *mut H {
        let bits = (self.tag << (usize::BITS - TAG_BITS)) | (generation << INDEX_BITS) | index;
        bits as *mut H
    }

    /// Splits a handle into (index, generation) if its tag is ours.
    fn decode(&self, handle: *const H) -> FfiResult<(usize, usize)> {
        let bits = handle as usize;
        if bits == 0 {
            return Err(FfiError::new(
                KGEN_ERR_NULL_ARGUMENT,
                format!("{} is NULL", self.name),
            ));
        }
        if bits >> (usize::BITS - TAG_BITS) != self.tag {
            return Err(self.invalid());
        }
        Ok((bits & INDEX_MASK, (bits >> INDEX_BITS) & GENERATION_MASK))
    }

    fn invalid(&self) -> FfiError {
        FfiError::new(
            KGEN_ERR_INVALID_HANDLE,
            format!("{} handle is invalid or already destroyed", self.name),
        )
    }

    /// Registers a new object and returns its handle.
    pub fn insert(&self, value: Arc<T>) -> FfiResult<*mut H> {
        let mut s = self.lock();
        let index = match s.free.pop() {
            Some(index) => index,
            None if s.slots.len() <= INDEX_MASK => {
                s.slots.push(Slot {
                    generation: 0,
                    value: None,
                });
                s.slots.len() - 1
            }
            None => {
                return Err(FfiError::new(
                    KGEN_ERR_INTERNAL,
                    format!("too many live {} handles", self.name),
                ));
            }
        };
        let slot = &mut s.slots[index];
        slot.value = Some(value);
        Ok(self.encode(index, slot.generation))
    }

    /// The object behind a live handle.
    pub fn get(&self, handle: *const H) -> FfiResult<Arc<T>> {
        let (index, generation) = self.decode(handle)?;
        let s = self.lock();
        match s.slots.get(index) {
            Some(Slot {
                generation: g,
                value: Some(v),
            }) if *g == generation => Ok(v.clone()),
            _ => Err(self.invalid()),
        }
    }

    /// Unregisters a live handle; later uses of it are `KGEN_ERR_INVALID_HANDLE`.
    pub fn remove(&self, handle: *const H) -> FfiResult<Arc<T>> {
        let (index, generation) = self.decode(handle)?;
        let mut s = self.lock();
        let slot = match s.slots.get_mut(index) {
            Some(slot) if slot.generation == generation && slot.value.is_some() => slot,
            _ => return Err(self.invalid()),
        };
        let value = slot.value.take().expect("checked above");
        slot.generation += 1;
        // A slot whose generation would wrap is retired, so an old handle can
        // never become valid again.
        if slot.generation <= GENERATION_MASK {
            s.free.push(index);
        }
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ffi::status::*;

    struct A;
    struct B;
    static AS: Registry<u32, A> = Registry::new(0x3, "a");
    static BS: Registry<u32, B> = Registry::new(0x4, "b");

    #[test]
    fn destroyed_and_double_destroyed_handles_are_invalid() {
        let h = AS.insert(Arc::new(7)).unwrap();
        assert_eq!(*AS.get(h).unwrap(), 7);
        assert_eq!(*AS.remove(h).unwrap(), 7);
        assert_eq!(AS.get(h).unwrap_err().status, KGEN_ERR_INVALID_HANDLE);
        assert_eq!(AS.remove(h).unwrap_err().status, KGEN_ERR_INVALID_HANDLE);
        // The slot is reused with a new generation: the old handle stays dead.
        let h2 = AS.insert(Arc::new(8)).unwrap();
        assert_ne!(h, h2);
        assert_eq!(AS.get(h).unwrap_err().status, KGEN_ERR_INVALID_HANDLE);
        assert_eq!(*AS.get(h2).unwrap(), 8);
        AS.remove(h2).unwrap();
    }

    #[test]
    fn null_forged_and_foreign_handles_are_rejected() {
        assert_eq!(
            AS.get(std::ptr::null()).unwrap_err().status,
            KGEN_ERR_NULL_ARGUMENT
        );
        for forged in [1usize, 0xdead_beef, usize::MAX, 0x7 << (usize::BITS - 4)] {
            assert_eq!(
                AS.get(forged as *const A).unwrap_err().status,
                KGEN_ERR_INVALID_HANDLE
            );
        }
        let b = BS.insert(Arc::new(1)).unwrap();
        let as_a = b as usize as *const A;
        assert_eq!(AS.get(as_a).unwrap_err().status, KGEN_ERR_INVALID_HANDLE);
        BS.remove(b).unwrap();
    }
}
