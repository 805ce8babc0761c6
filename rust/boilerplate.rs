//! Text that is no evidence of reuse between two documents of a collection: template text the
//! user excludes (every word n-gram of it: a newspaper's footer, a school's pledge). Its n-grams
//! choose no candidates and its words are not prose when a pair is judged.

use rayon::prelude::*;

use crate::seed::ngram_hashes;
use crate::text::{WordHash, token_hashes};

/// A set of n-gram hashes, sorted: the few hundred or thousand of a template or a footer are
/// looked up by binary search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NgramSet(Vec<u64>);

impl NgramSet {
    /// The set of `hashes`, in any order, repeats allowed.
    pub fn new(mut hashes: Vec<u64>) -> Self {
        hashes.par_sort_unstable();
        hashes.dedup();
        Self(hashes)
    }

    /// Every n-gram of `texts` (not only the winnowed ones: a document's fingerprints of the
    /// text are wherever its own winnowing puts them).
    pub fn of_texts<S: AsRef<str> + Sync>(texts: &[S], ngram: usize) -> Self {
        Self::new(
            texts
                .par_iter()
                .flat_map_iter(|t| ngram_hashes(&token_hashes(t.as_ref()), ngram))
                .collect(),
        )
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn contains(&self, hash: u64) -> bool {
        self.0.binary_search(&hash).is_ok()
    }

    pub fn hashes(&self) -> &[u64] {
        &self.0
    }
}

/// Word ranges `[start, end)` of `words` covered by an n-gram of `set`, in order, apart.
pub fn covered_words(words: &[WordHash], set: &NgramSet, ngram: usize) -> Vec<(usize, usize)> {
    if set.is_empty() {
        return Vec::new();
    }
    let hashes: Vec<u64> = words.iter().map(|w| w.hash).collect();
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for (i, &gram) in ngram_hashes(&hashes, ngram).iter().enumerate() {
        if !set.contains(gram) {
            continue;
        }
        match ranges.last_mut() {
            Some(last) if last.1 >= i => last.1 = i + ngram,
            _ => ranges.push((i, i + ngram)),
        }
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::hash_words;

    fn text(words: std::ops::Range<u32>) -> String {
        words.map(|i| format!("w{i}")).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn an_excluded_text_covers_its_words_wherever_they_are() {
        let template = text(100..130);
        let set = NgramSet::of_texts(&[template.as_str()], 4);
        assert_eq!(set.hashes().len(), 27);
        let doc = format!("{} {} {}", text(0..10), text(100..130), text(200..210));
        assert_eq!(covered_words(&hash_words(&doc), &set, 4), [(10, 40)]);
        // Part of it, twice, in other words: each part's own words, not the words around it.
        let doc = format!(
            "{} x y {} {}",
            text(105..112),
            text(120..125),
            text(100..103)
        );
        assert_eq!(covered_words(&hash_words(&doc), &set, 4), [(0, 7), (9, 14)]);
        assert!(covered_words(&hash_words(&doc), &NgramSet::default(), 4).is_empty());
    }
}
