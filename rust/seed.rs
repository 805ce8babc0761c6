//! Seeding: word n-grams that the candidate and the source share.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::xxh3;

/// The longest n-gram hashed; longer ones would only find fewer seeds.
pub const MAX_NGRAM: usize = 16;

/// Hashes of every run of `n` consecutive tokens, position `i` standing for tokens `i..i+n`.
/// Depends only on the tokens' normalised forms, so it is stable across runs and machines
/// (the corpus index stores these values).
pub fn ngram_hashes(token_hashes: &[u64], n: usize) -> Vec<u64> {
    assert!(
        (1..=MAX_NGRAM).contains(&n),
        "n-gram size must be 1..={MAX_NGRAM}"
    );
    if token_hashes.len() < n {
        return Vec::new();
    }
    if n == 4 {
        // The default n-gram: a window of known length, its hash computed without a loop.
        return token_hashes
            .windows(4)
            .map(|w| {
                let w: &[u64; 4] = w.try_into().expect("windows of 4");
                xxh3::words(w)
            })
            .collect();
    }
    token_hashes.windows(n).map(xxh3::words).collect()
}

/// N-gram hashes are already uniformly mixed: hashing them again would be wasted work.
#[derive(Default)]
pub struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub type HashKeyed<V> = HashMap<u64, V, BuildHasherDefault<IdentityHasher>>;

/// A shared n-gram: it starts at token `candidate` of the candidate and `source` of the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Seed {
    pub candidate: u32,
    pub source: u32,
}

/// Every pair of positions where the candidate's and the source's n-grams are equal, ordered by
/// candidate then source position. An n-gram that occurs more than `max_postings` times in the
/// source is a refrain of that text (a repeated slogan, a table row) and seeds nothing: it
/// would multiply seeds without telling where a passage came from.
pub fn seeds(candidate_ngrams: &[u64], source_ngrams: &[u64], max_postings: usize) -> Vec<Seed> {
    // Postings as linked lists through one array (`next`), so no n-gram needs a vector of its
    // own: `first[h]` is (first position, count), `next[p]` the following position of p's n-gram.
    const END: u32 = u32::MAX;
    let mut first: HashKeyed<(u32, u32)> =
        HashKeyed::with_capacity_and_hasher(source_ngrams.len(), BuildHasherDefault::default());
    let mut next = vec![END; source_ngrams.len()];
    for (position, &h) in source_ngrams.iter().enumerate().rev() {
        let entry = first.entry(h).or_insert((END, 0));
        next[position] = entry.0;
        *entry = (position as u32, entry.1 + 1);
    }
    let mut out = Vec::with_capacity(candidate_ngrams.len());
    for (position, h) in candidate_ngrams.iter().enumerate() {
        if let Some(&(mut source, count)) = first.get(h) {
            if count as usize <= max_postings {
                while source != END {
                    out.push(Seed {
                        candidate: position as u32,
                        source,
                    });
                    source = next[source as usize];
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_ngrams_are_found_in_order() {
        let a = ngram_hashes(&[1, 2, 3, 4, 5], 2);
        let b = ngram_hashes(&[9, 3, 4, 5, 1, 2], 2);
        let found = seeds(&a, &b, 8);
        let pairs: Vec<(u32, u32)> = found.iter().map(|s| (s.candidate, s.source)).collect();
        assert_eq!(pairs, [(0, 4), (2, 1), (3, 2)]);
    }

    #[test]
    fn refrains_seed_nothing() {
        let src = ngram_hashes(&[7, 7, 7, 7, 7], 2);
        let cand = ngram_hashes(&[7, 7], 2);
        assert_eq!(seeds(&cand, &src, 4).len(), 4);
        assert!(seeds(&cand, &src, 3).is_empty());
    }

    #[test]
    fn short_texts_have_no_ngrams() {
        assert!(ngram_hashes(&[1, 2], 3).is_empty());
        assert_eq!(ngram_hashes(&[1, 2, 3], 3).len(), 1);
    }
}
