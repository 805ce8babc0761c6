//! Text that is no evidence of reuse between two documents of a collection: template text the
//! user excludes (every word n-gram of it), and text many documents share (a newspaper's
//! footer, a school's pledge), found from the fingerprints pruned as in more than `max_df`
//! documents. Its n-grams choose no candidates and its words (for shared text, a run long enough
//! to be sure of a fingerprint) are not prose when a pair is judged.

use std::convert::Infallible;

use rayon::prelude::*;

use crate::index::IndexParams;
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

/// N-grams of one text within `window - 1` n-grams of an occurrence of a `frequent` one, each
/// once. Winnowing keeps a fingerprint in every window of `window` n-grams, so the n-grams of a
/// text many documents share lie between its frequent fingerprints, or at most `window - 1`
/// n-grams before the first or after the last.
pub fn near_frequent(text: &str, frequent: &NgramSet, params: &IndexParams) -> Vec<u64> {
    let grams = ngram_hashes(&token_hashes(text), params.ngram);
    let reach = params.window.saturating_sub(1);
    let mut near = Vec::new();
    let mut covered_to = 0;
    for (i, &gram) in grams.iter().enumerate() {
        if frequent.contains(gram) {
            let from = i.saturating_sub(reach).max(covered_to);
            covered_to = (i + reach + 1).min(grams.len());
            near.extend_from_slice(&grams[from..covered_to]);
        }
    }
    near.sort_unstable();
    near.dedup();
    near
}

/// The n-grams near the `frequent` fingerprints (`near_frequent`) of the documents `docs` of
/// `texts` that are themselves in more than `max_df` of those documents: the text those
/// fingerprints were chosen from.
pub fn frequent_ngrams<S: AsRef<str> + Sync>(
    texts: &[S],
    docs: &[u32],
    frequent: &NgramSet,
    params: &IndexParams,
) -> NgramSet {
    let read = |doc: u32| Ok::<_, Infallible>(texts[doc as usize].as_ref());
    match read_frequent_ngrams(docs, read, frequent, params) {
        Ok(set) => set,
        Err(never) => match never {},
    }
}

/// `frequent_ngrams` of documents read by `text_of` (an index's texts, read from its file), each
/// text dropped once its n-grams near the `frequent` ones are taken.
pub fn read_frequent_ngrams<T, E, F>(
    docs: &[u32],
    text_of: F,
    frequent: &NgramSet,
    params: &IndexParams,
) -> Result<NgramSet, E>
where
    T: AsRef<str>,
    E: Send,
    F: Fn(u32) -> Result<T, E> + Sync,
{
    if frequent.is_empty() {
        return Ok(NgramSet::default());
    }
    let near: Vec<Vec<u64>> = docs
        .par_iter()
        .map(|&d| Ok(near_frequent(text_of(d)?.as_ref(), frequent, params)))
        .collect::<Result<_, E>>()?;
    let mut all = near.concat();
    all.par_sort_unstable();
    Ok(NgramSet(
        all.chunk_by(|a, b| a == b)
            .filter(|run| run.len() > params.max_df)
            .map(|run| run[0])
            .collect(),
    ))
}

/// A document's boilerplate, word ranges in order and apart: the words `excluded` n-grams cover,
/// and the runs of `frequent` ones at least `window + ngram - 1` words long, the shortest run
/// winnowing is sure to give a fingerprint. A shorter run is a stock phrase ("as well as the",
/// "one of the most" are in more than 100 of PAN 2013's 3,124 documents), which a copy keeps
/// as prose: its fingerprint chooses no candidates, but the stretches judging counts keep such
/// phrases scattered over two texts from adding up.
pub fn boilerplate_words(
    words: &[WordHash],
    excluded: &NgramSet,
    frequent: &NgramSet,
    params: &IndexParams,
) -> Vec<(usize, usize)> {
    let shortest = params.window + params.ngram - 1;
    let mut ranges = covered_words(words, excluded, params.ngram);
    ranges.extend(
        covered_words(words, frequent, params.ngram)
            .into_iter()
            .filter(|&(start, end)| end - start >= shortest),
    );
    merge_ranges(ranges)
}

/// Word ranges in any order, overlapping or touching ones merged: in order and apart.
pub fn merge_ranges(mut ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    ranges.retain(|&(start, end)| end > start);
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (start, end) in ranges {
        match merged.last_mut() {
            Some(last) if last.1 >= start => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

/// Words of `[start, end)` inside `ranges` (in order and apart).
pub fn words_within(ranges: &[(usize, usize)], (start, end): (usize, usize)) -> usize {
    let first = ranges.partition_point(|r| r.1 <= start);
    ranges[first..]
        .iter()
        .take_while(|r| r.0 < end)
        .map(|r| r.1.min(end) - r.0.max(start))
        .sum()
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

    #[test]
    fn shared_text_is_found_from_its_frequent_fingerprints() {
        let footer = text(9000..9027);
        // Twelve documents with the footer, two with half of it; max_df 10.
        let mut texts: Vec<String> = (0..12u32)
            .map(|i| format!("{} {footer}", text(i * 1000..i * 1000 + 100)))
            .collect();
        texts.push(format!("{} {}", text(50_000..50_100), text(9000..9013)));
        texts.push(format!("{} {}", text(60_000..60_100), text(9013..9027)));
        let params = IndexParams {
            max_df: 10,
            ..IndexParams::default()
        };
        let footer_prints: Vec<u64> =
            crate::index::fingerprints(&token_hashes(&footer), params.ngram, params.window)
                .into_iter()
                .map(|f| f.0)
                .collect();
        let docs: Vec<u32> = (0..14).collect();
        let found = frequent_ngrams(&texts, &docs, &NgramSet::new(footer_prints), &params);
        // Every n-gram of the footer, however each document's winnowing chose among them.
        assert_eq!(found, NgramSet::of_texts(&[footer.as_str()], 4));
        let words = hash_words(&texts[3]);
        assert_eq!(covered_words(&words, &found, 4), [(100, 127)]);
        // A stock phrase of 6 words in more than max_df documents stays prose; the footer's
        // words, and any excluded text however short, do not.
        let doc = format!("{} {} {}", text(9000..9006), text(70_000..70_020), footer);
        let excluded = NgramSet::of_texts(&[text(70_005..70_009)], 4);
        assert_eq!(
            boilerplate_words(&hash_words(&doc), &excluded, &found, &params),
            [(11, 15), (26, 53)]
        );
        // In ten documents only: not above max_df.
        let few: Vec<u32> = (0..10).collect();
        let prints = NgramSet::of_texts(&[footer.as_str()], 4);
        assert!(frequent_ngrams(&texts, &few, &prints, &params).is_empty());
    }
}
