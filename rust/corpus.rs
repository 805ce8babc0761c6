//! Reuse across a collection: candidate pairs from shared fingerprints, then the alignment core
//! on the candidates only. Each step is a batch function over numbered texts, so that another
//! engine can run the same steps over partitions.

use rayon::prelude::*;

use std::borrow::Cow;

use crate::align::{Params, Passage, align_tokens};
use crate::boilerplate::{
    NgramSet, boilerplate_words, merge_ranges, read_frequent_ngrams, words_within,
};
use crate::index::{
    Index, IndexError, IndexParams, KeyDoc, MAX_DOCS, Occurrence, QueryLookup, candidate_pairs,
    fingerprints, look_up_query, unsorted_candidate_pairs,
};
use crate::seed::ngram_hashes;
use crate::text::{WordHash, hash_words, token_hashes};

/// Documents fingerprinted at a time: each group's per-document fingerprints are appended to
/// the collection's one array and freed before the next group, so they are held once.
const SCAN_GROUP: usize = 4096;

/// Every text hashed once, in parallel: the occurrences of its fingerprints (document numbered
/// by position in `texts`) in one array, in document order, and `extra(word hashes)` per text.
/// Fingerprints of `excluded` text (template text the user gives) are left out.
/// The words are not kept for the aligner: hashing the documents of the candidate pairs again
/// costs less than the memory of every document's words (16 bytes a word, new memory in a new
/// process).
pub fn scan_texts<S, T, F>(
    texts: &[S],
    params: &IndexParams,
    excluded: &NgramSet,
    extra: F,
) -> (Vec<KeyDoc>, Vec<T>)
where
    S: AsRef<str> + Sync,
    T: Send,
    F: Fn(&[u64]) -> T + Sync,
{
    let mut occurrences = Vec::new();
    let mut extras = Vec::with_capacity(texts.len());
    for (group, group_texts) in texts.chunks(SCAN_GROUP).enumerate() {
        let first = group * SCAN_GROUP;
        let scanned: Vec<(Vec<KeyDoc>, T)> = group_texts
            .par_iter()
            .enumerate()
            .map(|(i, text)| {
                let doc = (first + i) as u32;
                let hashes = token_hashes(text.as_ref());
                let mut prints: Vec<KeyDoc> = fingerprints(&hashes, params.ngram, params.window)
                    .into_iter()
                    .map(|(key, _)| KeyDoc::new(key, doc))
                    .collect();
                // Apart from the collect, which a filter would make grow its vector as it goes.
                if !excluded.is_empty() {
                    prints.retain(|p| !excluded.contains(p.key()));
                }
                (prints, extra(&hashes))
            })
            .collect();
        let (prints, group_extras): (Vec<_>, Vec<_>) = scanned.into_iter().unzip();
        append_in_parallel(&mut occurrences, &prints);
        extras.extend(group_extras);
    }
    (occurrences, extras)
}

/// Appends the items of `pieces`, in order, to `all`, the pieces copied in parallel.
fn append_in_parallel<T: Copy + Send + Sync>(all: &mut Vec<T>, pieces: &[Vec<T>]) {
    let added: usize = pieces.iter().map(Vec::len).sum();
    all.reserve(added);
    let mut free = &mut all.spare_capacity_mut()[..added];
    let mut targets = Vec::with_capacity(pieces.len());
    for piece in pieces {
        let (target, rest) = free.split_at_mut(piece.len());
        targets.push(target);
        free = rest;
    }
    targets
        .into_par_iter()
        .zip(pieces)
        .for_each(|(target, piece)| {
            for (slot, &item) in target.iter_mut().zip(piece) {
                slot.write(item);
            }
        });
    // SAFETY: the `added` slots past the length were all written just above.
    unsafe { all.set_len(all.len() + added) };
}

/// Reuse between documents `a` and `b` (`a < b`): `a` is the alignment's candidate side.
#[derive(Debug, Clone, PartialEq)]
pub struct PairReuse {
    pub a: u32,
    pub b: u32,
    /// Distinct fingerprints the two share.
    pub shared: u32,
    pub passages: Vec<Passage>,
}

/// What an all-pairs run found, with the sizes that bound its memory.
#[derive(Debug, Clone, PartialEq)]
pub struct AllPairs {
    pub pairs: Vec<PairReuse>,
    pub postings: usize,
    pub candidate_pairs: usize,
}

/// Aligns candidate pairs `(a, b, shared)` sorted by `a`; pairs without a passage are dropped.
/// Each document is read and hashed once: `a` once for all its partners, and a document that
/// several groups need once up front, kept until the end. The others are not kept, so memory
/// holds only the words of documents that reuse or are reused more than once.
pub fn align_pairs<F>(
    pairs: &[(u32, u32, u32)],
    words_of: F,
    params: &Params,
) -> Result<Vec<PairReuse>, IndexError>
where
    F: Fn(u32) -> Result<Vec<WordHash>, IndexError> + Sync,
{
    let groups: Vec<&[(u32, u32, u32)]> = pairs.chunk_by(|x, y| x.0 == y.0).collect();
    let mut reads: Vec<u32> = groups
        .iter()
        .map(|group| group[0].0)
        .chain(pairs.iter().map(|p| p.1))
        .collect();
    reads.par_sort_unstable();
    let reread: Vec<u32> = reads
        .chunk_by(|x, y| x == y)
        .filter(|run| run.len() > 1)
        .map(|run| run[0])
        .collect();
    drop(reads);
    let kept: Vec<Vec<WordHash>> = reread
        .par_iter()
        .map(|&doc| words_of(doc))
        .collect::<Result<_, _>>()?;
    let words = |doc: u32| -> Result<Cow<'_, [WordHash]>, IndexError> {
        match reread.binary_search(&doc) {
            Ok(i) => Ok(Cow::Borrowed(&kept[i])),
            Err(_) => Ok(Cow::Owned(words_of(doc)?)),
        }
    };
    let found: Result<Vec<Vec<PairReuse>>, IndexError> = groups
        .par_iter()
        .map(|group| {
            let a_words = words(group[0].0)?;
            let mut out = Vec::new();
            for &(a, b, shared) in *group {
                let passages = align_tokens(&a_words, &words(b)?, params);
                if !passages.is_empty() {
                    out.push(PairReuse {
                        a,
                        b,
                        shared,
                        passages,
                    });
                }
            }
            Ok(out)
        })
        .collect();
    Ok(found?.into_iter().flatten().collect())
}

/// Every pair of `texts` that reuses text, numbered by position in `texts`.
pub fn all_pairs<S: AsRef<str> + Sync>(
    texts: &[S],
    index_params: &IndexParams,
    min_shared: usize,
    params: &Params,
) -> Result<AllPairs, IndexError> {
    if texts.len() > MAX_DOCS {
        return Err(IndexError::Params(format!(
            "at most {MAX_DOCS} documents can be compared at once"
        )));
    }
    let (mut postings, _) = scan_texts(texts, index_params, &NgramSet::default(), |_| ());
    let (candidates, _) = unsorted_candidate_pairs(&mut postings, index_params.max_df, min_shared);
    let n_postings = postings.len();
    drop(postings);
    let pairs = align_pairs(
        &candidates,
        |i| Ok(hash_words(texts[i as usize].as_ref())),
        params,
    )?;
    Ok(AllPairs {
        pairs,
        postings: n_postings,
        candidate_pairs: candidates.len(),
    })
}

/// Every pair of an index's documents that reuses text.
pub fn index_all_pairs(
    index: &Index,
    min_shared: usize,
    params: &Params,
) -> Result<AllPairs, IndexError> {
    let candidates = candidate_pairs(&index.postings, index.params.max_df, min_shared);
    let pairs = align_pairs(
        &candidates,
        |i| Ok(hash_words(&index.text(i as usize)?)),
        params,
    )?;
    Ok(AllPairs {
        pairs,
        postings: index.postings.len(),
        candidate_pairs: candidates.len(),
    })
}

/// A likely source of a query.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub doc: u32,
    /// Distinct n-grams of the query outside its boilerplate found among the document's
    /// fingerprints.
    pub shared: u32,
    /// Identical words in the passages the query takes from the document, its boilerplate left
    /// out.
    pub matched: usize,
    pub passages: Vec<Passage>,
}

/// The boilerplate of a query (word ranges, `boilerplate::boilerplate_words`): the words
/// `excluded` n-grams cover, and runs of text in more than `index_params.max_df` of the index's
/// documents, found as a collection's are (`reuse::collection_reuse`): the documents holding the
/// query's n-grams above `max_df` are read and the n-grams near those counted.
pub fn query_boilerplate(
    index: &Index,
    query_words: &[WordHash],
    index_params: &IndexParams,
    excluded: &NgramSet,
) -> Result<Vec<(usize, usize)>, IndexError> {
    let hashes: Vec<u64> = query_words.iter().map(|w| w.hash).collect();
    let lookup = look_up_query(&index.postings, &hashes, index_params);
    boilerplate_of(index, query_words, &lookup, index_params, excluded)
}

fn boilerplate_of(
    index: &Index,
    query_words: &[WordHash],
    lookup: &QueryLookup,
    index_params: &IndexParams,
    excluded: &NgramSet,
) -> Result<Vec<(usize, usize)>, IndexError> {
    let frequent = if lookup.prunes_none() {
        NgramSet::default()
    } else {
        frequent_near_pruned(index, query_words, lookup, index_params)?
    };
    Ok(boilerplate_words(
        query_words,
        excluded,
        &frequent,
        index_params,
    ))
}

/// The query's n-grams in more than `max_df` documents' text (`read_frequent_ngrams`), read
/// from the documents holding its n-grams above `max_df`. A run of words that more than `max_df`
/// documents share gives each of them the minimum of every window of its n-grams as a
/// fingerprint, and the query too: an n-gram above `max_df` that is none of the query's
/// fingerprints (most stock phrases, "as well as the") lies in no such run, and the documents
/// holding it are not read.
fn frequent_near_pruned(
    index: &Index,
    query_words: &[WordHash],
    lookup: &QueryLookup,
    index_params: &IndexParams,
) -> Result<NgramSet, IndexError> {
    let hashes: Vec<u64> = query_words.iter().map(|w| w.hash).collect();
    let query_prints = NgramSet::new(
        fingerprints(&hashes, index_params.ngram, index_params.window)
            .into_iter()
            .map(|(key, _)| key)
            .collect(),
    );
    let pruned = lookup.pruned(&index.postings, |key| query_prints.contains(key));
    read_frequent_ngrams(
        &pruned.docs,
        |doc| index.text(doc as usize),
        &NgramSet::new(pruned.keys),
        index_params,
    )
}

/// The `k` likeliest sources of `query`: the `candidates` documents sharing most n-grams with it
/// are aligned, and ranked by words in aligned passages, then by n-grams shared (so that a
/// heavily rewritten source the aligner cannot follow still ranks by its fingerprints).
/// `index_params` are the index's, `max_df` may differ. The query's `boilerplate` (word ranges;
/// `query_boilerplate`, which finds the text in more than `max_df` documents when it is None) is
/// no evidence of a source: its n-grams choose no candidates, and its words count in no passage,
/// so a document whose only match is a footer that hundreds share is not listed; a passage left
/// with fewer than `min_matched` words outside it is dropped, as the aligner drops a passage that
/// short.
pub fn search(
    index: &Index,
    query: &str,
    k: usize,
    candidates: usize,
    params: &Params,
    index_params: &IndexParams,
    boilerplate: Option<Vec<(usize, usize)>>,
) -> Result<Vec<Hit>, IndexError> {
    let query_words = hash_words(query);
    let hashes: Vec<u64> = query_words.iter().map(|w| w.hash).collect();
    let lookup = look_up_query(&index.postings, &hashes, index_params);
    let boilerplate = match boilerplate {
        Some(given) => merge_ranges(given),
        None => boilerplate_of(
            index,
            &query_words,
            &lookup,
            index_params,
            &NgramSet::default(),
        )?,
    };
    let mut found = if boilerplate.is_empty() {
        lookup.candidates(&index.postings, |_| true)
    } else {
        let evidence = NgramSet::new(
            ngram_hashes(&hashes, index_params.ngram)
                .into_iter()
                .enumerate()
                .filter(|&(i, _)| words_within(&boilerplate, (i, i + index_params.ngram)) == 0)
                .map(|(_, key)| key)
                .collect(),
        );
        lookup.candidates(&index.postings, |key| evidence.contains(key))
    };
    found.truncate(candidates.max(k));
    let hits: Result<Vec<Hit>, IndexError> = found
        .par_iter()
        .map(|&(doc, shared)| {
            let mut passages = align_tokens(
                &query_words,
                &hash_words(&index.text(doc as usize)?),
                params,
            );
            let mut matched = 0;
            if boilerplate.is_empty() {
                matched = passages.iter().map(|p| p.matched).sum();
            } else {
                passages.retain(|p| {
                    let words = p
                        .matched
                        .saturating_sub(words_within(&boilerplate, p.candidate_tokens));
                    let kept = words >= params.min_matched;
                    if kept {
                        matched += words;
                    }
                    kept
                });
            }
            Ok(Hit {
                doc,
                shared,
                matched,
                passages,
            })
        })
        .collect();
    let mut hits = hits?;
    hits.sort_by_key(|h| {
        (
            std::cmp::Reverse(h.matched),
            std::cmp::Reverse(h.shared),
            h.doc,
        )
    });
    hits.truncate(k);
    Ok(hits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(words: std::ops::Range<u32>) -> String {
        words.map(|i| format!("w{i}")).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn planted_reuse_is_found_and_nothing_else() {
        let texts = [
            text(0..300),
            format!(
                "{} {} {}",
                text(1000..1100),
                text(100..160),
                text(1100..1200)
            ),
            text(2000..2300),
            // Near-verbatim: one word in six changed.
            (2100..2200)
                .map(|i| {
                    if i % 6 == 0 {
                        "changed".to_string()
                    } else {
                        format!("w{i}")
                    }
                })
                .collect::<Vec<_>>()
                .join(" "),
        ];
        let found = all_pairs(&texts, &IndexParams::default(), 2, &Params::default()).unwrap();
        let pairs: Vec<(u32, u32)> = found.pairs.iter().map(|p| (p.a, p.b)).collect();
        assert_eq!(pairs, [(0, 1), (2, 3)]);
        let copied = &found.pairs[0].passages;
        assert_eq!(copied.len(), 1);
        assert_eq!(copied[0].matched, 60);
        assert!(
            found.pairs[1]
                .passages
                .iter()
                .map(|p| p.matched)
                .sum::<usize>()
                >= 80
        );
    }

    #[test]
    fn each_document_is_read_once_per_run() {
        let reads: Vec<std::sync::atomic::AtomicUsize> = (0..4).map(|_| 0.into()).collect();
        let docs = [text(0..100), text(0..100), text(0..100), text(0..100)];
        let pairs = [(0, 1, 3), (0, 2, 3), (1, 2, 3), (1, 3, 3)];
        let found = align_pairs(
            &pairs,
            |doc| {
                reads[doc as usize].fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                Ok(hash_words(&docs[doc as usize]))
            },
            &Params::default(),
        )
        .unwrap();
        assert_eq!(found.len(), 4);
        assert!(
            reads
                .iter()
                .all(|n| n.load(std::sync::atomic::Ordering::Relaxed) == 1)
        );
    }

    #[test]
    fn search_ranks_by_aligned_words() {
        let mut index = Index::new(IndexParams::default()).unwrap();
        let docs = [text(0..300), text(300..600), text(600..900)];
        let records: Vec<(String, String, String)> = docs
            .iter()
            .enumerate()
            .map(|(i, t)| (format!("d{i}"), t.clone(), "{}".into()))
            .collect();
        index.add(&records).unwrap();
        let query = format!("{} {} {}", text(610..640), text(5000..5100), text(320..420));
        let hits = search(
            &index,
            &query,
            10,
            50,
            &Params::default(),
            &index.params,
            None,
        )
        .unwrap();
        assert_eq!(hits.iter().map(|h| h.doc).collect::<Vec<_>>(), [1, 2]);
        assert_eq!(hits[0].matched, 100);
        assert_eq!(hits[1].matched, 30);
        let all = index_all_pairs(&index, 1, &Params::default()).unwrap();
        assert!(all.pairs.is_empty());
    }

    #[test]
    fn search_lists_no_source_by_its_boilerplate() {
        // Twelve documents with one footer, the first with a copied passage too; max_df 10.
        let footer = text(9000..9027);
        let records: Vec<(String, String, String)> = (0..12u32)
            .map(|i| {
                let own = text(i * 1000..i * 1000 + 100);
                (format!("d{i}"), format!("{own} {footer}"), "{}".into())
            })
            .collect();
        let index_params = IndexParams {
            max_df: 10,
            ..IndexParams::default()
        };
        let mut index = Index::new(index_params).unwrap();
        index.add(&records).unwrap();
        let query = format!("{} {} {footer}", text(20..60), text(50_000..50_100));
        let query_words = hash_words(&query);
        let boilerplate =
            query_boilerplate(&index, &query_words, &index_params, &NgramSet::default()).unwrap();
        assert_eq!(boilerplate, [(140, 167)]);
        let params = Params::default();
        let hits = search(&index, &query, 10, 50, &params, &index_params, None).unwrap();
        assert_eq!(hits.len(), 1);
        assert_eq!((hits[0].doc, hits[0].matched), (0, 40));
        // With the footer in at most max_df documents, every document holding it is a source.
        let all_count = IndexParams {
            max_df: 12,
            ..index_params
        };
        let hits = search(&index, &query, 20, 50, &params, &all_count, None).unwrap();
        assert_eq!(hits.len(), 12);
        assert_eq!((hits[0].doc, hits[0].matched), (0, 67));
        // Excluded text the caller gives is boilerplate too, however few documents hold it.
        let excluded = NgramSet::of_texts(&[footer.as_str()], index_params.ngram);
        let given = query_boilerplate(&index, &query_words, &all_count, &excluded).unwrap();
        assert_eq!(given, [(140, 167)]);
        let hits = search(&index, &query, 20, 50, &params, &all_count, Some(given)).unwrap();
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].passages.len(), 1);
    }
}
