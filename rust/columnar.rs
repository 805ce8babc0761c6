//! The all-pairs steps of `corpus::all_pairs` cut at the places a partitioned engine (Spark)
//! shuffles: content keys for identical documents, each document's distinct fingerprints, and
//! the candidate pairs of one bucket of fingerprints. Inputs and outputs are flat columns, so
//! a caller moves them as arrays, never as one object per posting.

use rayon::prelude::*;

use crate::boilerplate::{NgramSet, near_frequent};
use crate::index::{IndexParams, Posting, candidate_pairs, fingerprints};
use crate::reuse::content_key;
use crate::text::token_hashes;

/// A key per text equal for texts with the same normalised words (`reuse::content_key`, as the
/// single-machine duplicate groups use), `None` for a text without a word.
pub fn content_keys<S: AsRef<str> + Sync>(texts: &[S]) -> Vec<Option<u128>> {
    texts
        .par_iter()
        .map(|t| content_key(&token_hashes(t.as_ref())))
        .collect()
}

/// The distinct fingerprints of each text as two columns, `(text number, hash)`, in text
/// order, those of `excluded` text left out (as `corpus::scan_texts` does). A fingerprint
/// repeated within a text is listed once: candidate pairs count the documents a fingerprint is
/// in, not its occurrences (`index::candidate_pairs`).
pub fn distinct_fingerprints<S: AsRef<str> + Sync>(
    texts: &[S],
    params: &IndexParams,
    excluded: &NgramSet,
) -> (Vec<u32>, Vec<u64>) {
    let per_text: Vec<Vec<u64>> = texts
        .par_iter()
        .map(|t| {
            let mut hashes: Vec<u64> =
                fingerprints(&token_hashes(t.as_ref()), params.ngram, params.window)
                    .into_iter()
                    .map(|(hash, _)| hash)
                    .filter(|&hash| !excluded.contains(hash))
                    .collect();
            hashes.sort_unstable();
            hashes.dedup();
            hashes
        })
        .collect();
    columns(per_text)
}

/// The n-grams of each text near an occurrence of a `frequent` fingerprint
/// (`boilerplate::near_frequent`, each once a text) as two columns, `(text number, hash)`:
/// counted by document over the texts that hold a frequent fingerprint, those in more than
/// `max_df` are the text the fingerprints were chosen from (`boilerplate::frequent_ngrams`).
pub fn near_frequent_columns<S: AsRef<str> + Sync>(
    texts: &[S],
    frequent: &NgramSet,
    params: &IndexParams,
) -> (Vec<u32>, Vec<u64>) {
    columns(
        texts
            .par_iter()
            .map(|t| near_frequent(t.as_ref(), frequent, params))
            .collect(),
    )
}

/// Per-text hashes as two columns, `(text number, hash)`.
fn columns(per_text: Vec<Vec<u64>>) -> (Vec<u32>, Vec<u64>) {
    let total = per_text.iter().map(Vec::len).sum();
    let mut docs = Vec::with_capacity(total);
    let mut hashes = Vec::with_capacity(total);
    for (i, text_hashes) in per_text.into_iter().enumerate() {
        docs.extend(std::iter::repeat_n(i as u32, text_hashes.len()));
        hashes.extend(text_hashes);
    }
    (docs, hashes)
}

/// Document pairs `(a, b, shared)`, `a < b`, among the postings `(hash, doc)` of one bucket:
/// every hash of the bucket with all its postings, so `shared` counts the bucket's hashes the
/// two have in common (summed over buckets it is `candidate_pairs`' count). Hashes in more than
/// `max_df` documents pair nothing, as in `candidate_pairs`.
pub fn bucket_pairs(hashes: &[u64], docs: &[u32], max_df: usize) -> Vec<(u32, u32, u32)> {
    let mut postings: Vec<Posting> = hashes
        .iter()
        .zip(docs)
        .map(|(&key, &doc)| Posting { key, doc, pos: 0 })
        .collect();
    postings.par_sort_unstable();
    postings.dedup();
    candidate_pairs(&postings, max_df, 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::all_pairs;

    fn text(words: std::ops::Range<u32>) -> String {
        words.map(|i| format!("w{i}")).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn buckets_summed_give_all_pairs_candidates() {
        let footer = text(9000..9040);
        let texts: Vec<String> = (0..12u32)
            .map(|i| {
                let own = text(i * 1000..i * 1000 + 200);
                let shared = text((i % 3) * 100_000..(i % 3) * 100_000 + 60);
                format!("{own} {shared} {footer}")
            })
            .collect();
        let params = IndexParams {
            max_df: 5,
            ..IndexParams::default()
        };
        let (docs, hashes) = distinct_fingerprints(&texts, &params, &NgramSet::default());
        let mut counted = std::collections::BTreeMap::<(u32, u32), u32>::new();
        for bucket in 0..4u64 {
            let (h, d): (Vec<u64>, Vec<u32>) = hashes
                .iter()
                .zip(&docs)
                .filter(|(h, _)| *h % 4 == bucket)
                .map(|(&h, &d)| (h, d))
                .unzip();
            for (a, b, shared) in bucket_pairs(&h, &d, params.max_df) {
                *counted.entry((a, b)).or_default() += shared;
            }
        }
        let expected = all_pairs(&texts, &params, 2, &crate::align::Params::default()).unwrap();
        let kept: Vec<(u32, u32)> = counted
            .into_iter()
            .filter(|&(_, shared)| shared >= 2)
            .map(|(pair, _)| pair)
            .collect();
        let found: Vec<(u32, u32)> = expected.pairs.iter().map(|p| (p.a, p.b)).collect();
        assert_eq!(kept, found);
        // Three groups of four share a text; the footer in all twelve is above max_df.
        assert_eq!(kept.len(), 3 * 6);
    }

    #[test]
    fn columns_exclude_and_find_frequent_text_as_the_embedded_run() {
        let footer = text(9000..9027);
        let texts: Vec<String> = (0..12u32)
            .map(|i| format!("{} {footer}", text(i * 1000..i * 1000 + 200)))
            .collect();
        let params = IndexParams {
            max_df: 5,
            ..IndexParams::default()
        };
        let excluded = NgramSet::of_texts(&[footer.as_str()], params.ngram);
        let (_, all) = distinct_fingerprints(&texts, &params, &NgramSet::default());
        let (_, kept) = distinct_fingerprints(&texts, &params, &excluded);
        assert!(kept.len() < all.len());
        assert!(!kept.iter().any(|&h| excluded.contains(h)));
        // Hashes in more than max_df documents, then the n-grams near them counted by document.
        let mut counts = std::collections::HashMap::<u64, usize>::new();
        for h in all {
            *counts.entry(h).or_default() += 1;
        }
        let frequent = NgramSet::new(
            counts
                .into_iter()
                .filter(|&(_, n)| n > params.max_df)
                .map(|(h, _)| h)
                .collect(),
        );
        let (_, near) = near_frequent_columns(&texts, &frequent, &params);
        let mut counts = std::collections::HashMap::<u64, usize>::new();
        for h in near {
            *counts.entry(h).or_default() += 1;
        }
        let shared = NgramSet::new(
            counts
                .into_iter()
                .filter(|&(_, n)| n > params.max_df)
                .map(|(h, _)| h)
                .collect(),
        );
        let docs: Vec<u32> = (0..12).collect();
        assert_eq!(
            shared,
            crate::boilerplate::frequent_ngrams(&texts, &docs, &frequent, &params)
        );
        assert_eq!(shared, excluded);
    }

    #[test]
    fn identical_words_share_a_key() {
        let keys = content_keys(&["The  cat sat.", "the cat SAT", "a dog", "  ...  "]);
        assert_eq!(keys[0], keys[1]);
        assert_ne!(keys[0], keys[2]);
        assert_eq!(keys[3], None);
    }
}
