//! The core's own thread pool: its size from the environment, and a way to start afresh in a
//! forked child, where the threads of the parent's pool do not exist.
//!
//! rayon's global pool cannot be replaced once built, and after `fork` its state says its
//! workers are alive when none is: a job sent there waits forever. So every parallel call runs
//! inside `pool()`, a pool the core owns and can abandon.

use std::sync::atomic::{AtomicPtr, Ordering};

use rayon::{ThreadPool, ThreadPoolBuildError, ThreadPoolBuilder};

/// The pool in use, leaked so that references to it stay valid; null until first used and
/// after a fork.
static POOL: AtomicPtr<ThreadPool> = AtomicPtr::new(std::ptr::null_mut());

/// Threads the pool runs: `PROVENANCE_NUM_THREADS`, else `RAYON_NUM_THREADS`, else the number of
/// CPUs. A variable that is not a positive integer counts as unset, as rayon treats its own.
pub fn configured_threads() -> usize {
    ["PROVENANCE_NUM_THREADS", "RAYON_NUM_THREADS"]
        .iter()
        .find_map(|name| {
            std::env::var(name)
                .ok()?
                .trim()
                .parse::<usize>()
                .ok()
                .filter(|&n| n > 0)
        })
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
}

/// The core's thread pool, built on first use with `configured_threads()` threads.
pub fn pool() -> Result<&'static ThreadPool, ThreadPoolBuildError> {
    let current = POOL.load(Ordering::Acquire);
    if !current.is_null() {
        // SAFETY: a non-null pointer in POOL comes from `Box::leak` and is never freed.
        return Ok(unsafe { &*current });
    }
    let built = Box::into_raw(Box::new(
        ThreadPoolBuilder::new()
            .num_threads(configured_threads())
            .thread_name(|i| format!("provenance-{i}"))
            .build()?,
    ));
    match POOL.compare_exchange(
        std::ptr::null_mut(),
        built,
        Ordering::AcqRel,
        Ordering::Acquire,
    ) {
        // SAFETY: `built` was just leaked from a Box and is now shared, never freed.
        Ok(_) => Ok(unsafe { &*built }),
        Err(winner) => {
            // Another thread built one first: ours has run nothing and can be dropped.
            // SAFETY: `built` came from `Box::into_raw` above and was never shared.
            drop(unsafe { Box::from_raw(built) });
            // SAFETY: as for `current` above.
            Ok(unsafe { &*winner })
        }
    }
}

/// To be called in a child process right after `fork`: the next parallel call builds a fresh
/// pool. The parent's pool is abandoned, not dropped: dropping it would signal threads that
/// were not copied into the child, under locks they may have held.
pub fn forget_pool_after_fork() {
    POOL.store(std::ptr::null_mut(), Ordering::Release);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pool_is_built_once_and_rebuilt_after_a_fork() {
        let first = pool().unwrap();
        assert!(std::ptr::eq(first, pool().unwrap()));
        assert!(first.current_num_threads() >= 1);
        assert_eq!(first.install(|| 6 * 7), 42);
        forget_pool_after_fork();
        let fresh = pool().unwrap();
        assert!(!std::ptr::eq(first, fresh));
        assert_eq!(
            fresh.install(rayon::current_num_threads),
            configured_threads()
        );
    }
}
