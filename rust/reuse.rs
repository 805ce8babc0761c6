//! A collection's reuse in one pass over its texts: each text is tokenised once for its
//! duplicate key (the hash of its normalised words) and its fingerprints, and again if the
//! aligner and the facts need its words; later copies of a text are left out of the postings (a hundred copies would push every fingerprint of it over
//! `max_df`), and the candidates are aligned as `corpus::all_pairs` aligns them.

use std::sync::Mutex;

use rayon::prelude::*;
use xxhash_rust::xxh3::Xxh3;

use std::collections::HashMap;

use crate::align::{Params, Passage, align};
use crate::boilerplate::{NgramSet, boilerplate_words, frequent_ngrams};
use crate::corpus::{AllPairs, align_pairs, scan_texts};
use crate::index::{IndexError, IndexParams, MAX_DOCS, Occurrence, unsorted_candidate_pairs};
use crate::judge::{Direction, Document, Verdict, judge_identical, judge_pair, swapped};
use crate::quotes::{Facts, facts_with_words};
use crate::text::{WordHash, hash_words, token_hashes};

/// The key of a text's normalised words (None for a text without a word): two texts with the
/// same words, whatever their case, spacing, typography or invisible characters, have one key.
pub fn content_key(hashes: &[u64]) -> Option<u128> {
    if hashes.is_empty() {
        return None;
    }
    // The hashes' bytes streamed through a small buffer, not copied whole: the same digest.
    let mut state = Xxh3::new();
    let mut buf = [0u8; 512];
    for chunk in hashes.chunks(buf.len() / 8) {
        for (out, h) in buf.chunks_exact_mut(8).zip(chunk) {
            out.copy_from_slice(&h.to_le_bytes());
        }
        state.update(&buf[..chunk.len() * 8]);
    }
    Some(state.digest128())
}

/// Groups of two or more documents with the same key, each in document order, the groups in
/// order of their first member.
pub fn duplicate_groups(keys: &[Option<u128>]) -> Vec<Vec<u32>> {
    let mut order: Vec<(u128, u32)> = keys
        .iter()
        .enumerate()
        .filter_map(|(i, k)| k.map(|k| (k, i as u32)))
        .collect();
    order.par_sort_unstable();
    let mut groups: Vec<Vec<u32>> = order
        .chunk_by(|x, y| x.0 == y.0)
        .filter(|run| run.len() > 1)
        .map(|run| run.iter().map(|&(_, doc)| doc).collect())
        .collect();
    groups.sort_unstable_by_key(|g| g[0]);
    groups
}

/// What a collection run found: its duplicate groups, the reuse between the other documents
/// (each group's first member stands for the group), numbered by position in the collection,
/// and the facts of every document in a pair or first of a group, by document number.
#[derive(Debug, Clone, PartialEq)]
pub struct CollectionReuse {
    pub duplicates: Vec<Vec<u32>>,
    pub found: AllPairs,
    pub facts: Vec<(u32, Facts)>,
}

/// Every pair of `texts` that reuses text, after grouping the documents with the same words.
/// Text of `excluded` (every n-gram of the user's template texts) chooses no candidates, and
/// it and the text of the fingerprints pruned as in more than `max_df` documents are the
/// documents' boilerplate (`Facts::boilerplate`), which judging does not count as prose.
pub fn collection_reuse<S: AsRef<str> + Sync>(
    texts: &[S],
    index_params: &IndexParams,
    min_shared: usize,
    params: &Params,
    excluded: &NgramSet,
) -> Result<CollectionReuse, IndexError> {
    if texts.len() > MAX_DOCS {
        return Err(IndexError::Params(format!(
            "at most {MAX_DOCS} documents can be compared at once"
        )));
    }
    let (mut postings, keys) = scan_texts(texts, index_params, excluded, content_key);
    let duplicates = duplicate_groups(&keys);
    // Without copies every posting stays: no pass over them (3 ms for 20,000 documents).
    if !duplicates.is_empty() {
        let mut later_copy = vec![false; texts.len()];
        for group in &duplicates {
            for &doc in &group[1..] {
                later_copy[doc as usize] = true;
            }
        }
        postings.retain(|p| !later_copy[p.doc() as usize]);
    }
    let (candidates, pruned) =
        unsorted_candidate_pairs(&mut postings, index_params.max_df, min_shared);
    let n_postings = postings.len();
    drop(postings);
    // Without pruned fingerprints (most collections) no document is read again here.
    let frequent = frequent_ngrams(
        texts,
        &pruned.docs,
        &NgramSet::new(pruned.keys),
        index_params,
    );
    let facts_of = |text: &str, words: &[WordHash]| Facts {
        boilerplate: boilerplate_words(words, excluded, &frequent, index_params),
        ..facts_with_words(text, words)
    };
    // The words a document of a pair is aligned with give its facts.
    let found_facts = Mutex::new(Vec::new());
    let pairs = align_pairs(
        &candidates,
        |i| {
            let text = texts[i as usize].as_ref();
            let words = hash_words(text);
            let f = facts_of(text, &words);
            found_facts
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push((i, f));
            Ok(words)
        },
        params,
    )?;
    let mut all_facts = found_facts
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    all_facts.sort_unstable_by_key(|f| f.0);
    all_facts.dedup_by_key(|f| f.0);
    let firsts: Vec<u32> = duplicates
        .iter()
        .map(|g| g[0])
        .filter(|d| all_facts.binary_search_by_key(d, |f| f.0).is_err())
        .collect();
    all_facts.par_extend(firsts.par_iter().map(|&d| {
        let text = texts[d as usize].as_ref();
        (d, facts_of(text, &hash_words(text)))
    }));
    all_facts.sort_unstable_by_key(|f| f.0);
    Ok(CollectionReuse {
        duplicates,
        found: AllPairs {
            pairs,
            postings: n_postings,
            candidate_pairs: candidates.len(),
        },
        facts: all_facts,
    })
}

/// A judged reuse pair of a collection, named as `compare` names its texts: the passages'
/// candidate spans are in `candidate`, their source spans in `source` (documents by number).
#[derive(Debug, Clone, PartialEq)]
pub struct JudgedPair {
    pub candidate: u32,
    pub source: u32,
    pub passages: Vec<Passage>,
    pub matched: usize,
    pub prose: usize,
    pub direction: Option<Direction>,
    /// The two have the same words: a later member of a duplicate group and its first.
    pub identical: bool,
}

/// What a judged collection run found: the pairs (each duplicate group's identical pairs
/// first, then the other pairs in the order the core aligned them), the duplicate groups and
/// the candidate pairs considered (a group's members count as candidates of its first).
#[derive(Debug, Clone, PartialEq)]
pub struct JudgedReuse {
    pub pairs: Vec<JudgedPair>,
    pub duplicates: Vec<Vec<u32>>,
    pub candidate_pairs: usize,
}

fn judged(a: u32, b: u32, passages: Vec<Passage>, verdict: Verdict, identical: bool) -> JudgedPair {
    let (candidate, source, passages) = if verdict.swapped {
        (b, a, passages.iter().map(swapped).collect())
    } else {
        (a, b, passages)
    };
    JudgedPair {
        candidate,
        source,
        matched: passages.iter().map(|p| p.matched).sum(),
        passages,
        prose: verdict.prose,
        direction: verdict.direction,
        identical,
    }
}

/// Every pair of `texts` (dated by `dates`) that reuses prose, judged: `collection_reuse` (with
/// the `excluded` template text), then each later member of a duplicate group aligned with the
/// group's first and judged as identical, and each aligned pair judged by its largest stretch of
/// prose (`judge::judge_pair`).
pub fn judged_reuse<S: AsRef<str> + Sync>(
    texts: &[S],
    dates: &[Option<&str>],
    min_prose_words: usize,
    index_params: &IndexParams,
    min_shared: usize,
    params: &Params,
    excluded: &NgramSet,
) -> Result<JudgedReuse, IndexError> {
    assert_eq!(texts.len(), dates.len(), "one date (or none) per text");
    let run = collection_reuse(texts, index_params, min_shared, params, excluded)?;
    let facts_of = |doc: u32| {
        let i = run
            .facts
            .binary_search_by_key(&doc, |f| f.0)
            .expect("the core found the facts of every document in a pair or first of a group");
        &run.facts[i].1
    };
    let document = |doc: u32| Document {
        date: dates[doc as usize],
        facts: facts_of(doc),
    };
    let members: Vec<(u32, u32)> = run
        .duplicates
        .iter()
        .flat_map(|g| g[1..].iter().map(|&m| (g[0], m)))
        .collect();
    let mut pairs: Vec<JudgedPair> = members
        .par_iter()
        .filter_map(|&(first, member)| {
            let passages = align(
                texts[first as usize].as_ref(),
                texts[member as usize].as_ref(),
                params,
            );
            // Empty when the texts have fewer words than a passage needs.
            (!passages.is_empty()).then(|| {
                // Both have the same words: the first's facts hold for the member's side too.
                let member_doc = Document {
                    date: dates[member as usize],
                    facts: facts_of(first),
                };
                let verdict = judge_identical(document(first), member_doc, &passages);
                judged(first, member, passages, verdict, true)
            })
        })
        .collect();
    pairs.par_extend(run.found.pairs.into_par_iter().filter_map(|p| {
        let verdict = judge_pair(document(p.a), document(p.b), &p.passages, min_prose_words)?;
        Some(judged(p.a, p.b, p.passages, verdict, false))
    }));
    Ok(JudgedReuse {
        pairs,
        candidate_pairs: run.found.candidate_pairs + members.len(),
        duplicates: run.duplicates,
    })
}

/// Pairs whose only passage is the same text, fewest for `shared_passages` to report them: a
/// footer or a template many documents carry, which `--exclude` or a lower `max_df` leaves out.
pub const SHARED_PASSAGE_MIN_PAIRS: usize = 20;

/// A text that is the only passage of many pairs: how many, among how many documents, and its
/// words as the first pair's candidate has them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedPassage {
    pub pairs: usize,
    pub documents: usize,
    pub text: String,
}

/// The characters `[start, end)` (code points, as passages' spans count them) of `text`.
fn char_slice(text: &str, (start, end): (usize, usize)) -> &str {
    if text.is_ascii() {
        return &text[start..end];
    }
    let byte = |n: usize| text.char_indices().nth(n).map_or(text.len(), |(i, _)| i);
    &text[byte(start)..byte(end)]
}

/// The texts that are the only passage of `SHARED_PASSAGE_MIN_PAIRS` pairs or more (identical
/// pairs aside), most pairs first. Pairs are grouped by their passage's length on both sides,
/// and only a group that large has its words read (the same words, after normalisation).
pub fn shared_passages<S: AsRef<str> + Sync>(
    texts: &[S],
    pairs: &[JudgedPair],
) -> Vec<SharedPassage> {
    let mut by_length: HashMap<(usize, usize), Vec<&JudgedPair>> = HashMap::new();
    for pair in pairs
        .iter()
        .filter(|p| !p.identical && p.passages.len() == 1)
    {
        let p = &pair.passages[0];
        let length = |(a, b): (usize, usize)| b - a;
        by_length
            .entry((length(p.candidate_tokens), length(p.source_tokens)))
            .or_default()
            .push(pair);
    }
    let text_of = |pair: &JudgedPair| {
        char_slice(
            texts[pair.candidate as usize].as_ref(),
            pair.passages[0].candidate,
        )
    };
    // Each candidate's words hashed once, however many pairs it is in.
    let mut words_of: HashMap<u32, Vec<u64>> = HashMap::new();
    let mut by_words: HashMap<u128, Vec<&JudgedPair>> = HashMap::new();
    for group in by_length
        .into_values()
        .filter(|g| g.len() >= SHARED_PASSAGE_MIN_PAIRS)
    {
        for pair in group {
            let words = words_of
                .entry(pair.candidate)
                .or_insert_with(|| token_hashes(texts[pair.candidate as usize].as_ref()));
            let (start, end) = pair.passages[0].candidate_tokens;
            if let Some(key) = content_key(&words[start..end]) {
                by_words.entry(key).or_default().push(pair);
            }
        }
    }
    let mut found: Vec<SharedPassage> = by_words
        .into_values()
        .filter(|g| g.len() >= SHARED_PASSAGE_MIN_PAIRS)
        .map(|group| {
            let mut documents: Vec<u32> =
                group.iter().flat_map(|p| [p.candidate, p.source]).collect();
            documents.sort_unstable();
            documents.dedup();
            let first = group
                .iter()
                .min_by_key(|p| (p.candidate, p.source))
                .expect("a group");
            SharedPassage {
                pairs: group.len(),
                documents: documents.len(),
                text: text_of(first)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
            }
        })
        .collect();
    found.sort_by(|a, b| b.pairs.cmp(&a.pairs).then_with(|| a.text.cmp(&b.text)));
    found
}

/// Connected groups of linked documents, each in the order `name` gives its members, largest
/// group first, then by the name of its first member.
pub fn clusters<'a>(
    links: impl Iterator<Item = (u32, u32)>,
    documents: usize,
    name: impl Fn(u32) -> &'a str,
) -> Vec<Vec<u32>> {
    let mut parent: Vec<u32> = (0..documents as u32).collect();
    let mut linked = vec![false; documents];
    let root = |parent: &mut Vec<u32>, mut x: u32| {
        while parent[x as usize] != x {
            parent[x as usize] = parent[parent[x as usize] as usize];
            x = parent[x as usize];
        }
        x
    };
    for (a, b) in links {
        linked[a as usize] = true;
        linked[b as usize] = true;
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        parent[ra as usize] = rb;
    }
    let mut by_root: HashMap<u32, Vec<u32>> = HashMap::new();
    for doc in (0..documents as u32).filter(|&d| linked[d as usize]) {
        by_root.entry(root(&mut parent, doc)).or_default().push(doc);
    }
    let mut groups: Vec<Vec<u32>> = by_root.into_values().collect();
    for g in &mut groups {
        g.sort_unstable_by(|&x, &y| name(x).cmp(name(y)));
    }
    groups.sort_unstable_by(|x, y| {
        y.len()
            .cmp(&x.len())
            .then_with(|| name(x[0]).cmp(name(y[0])))
    });
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_key_is_the_hash_of_the_word_hashes_bytes() {
        for n in [1u64, 63, 64, 65, 1000] {
            let hashes: Vec<u64> = (0..n)
                .map(|i| i.wrapping_mul(0x9e37_79b9_7f4a_7c15))
                .collect();
            let bytes: Vec<u8> = hashes.iter().flat_map(|h| h.to_le_bytes()).collect();
            assert_eq!(
                content_key(&hashes),
                Some(xxhash_rust::xxh3::xxh3_128(&bytes))
            );
        }
        assert_eq!(content_key(&[]), None);
    }

    fn text(words: std::ops::Range<u32>) -> String {
        words.map(|i| format!("w{i}")).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn a_passage_that_alone_links_many_pairs_is_reported() {
        let footer = text(9000..9030);
        // 11 documents with the footer (one in capitals, first), one of them copying 150 words of
        // another: every other pair of them is linked by the footer alone.
        let mut texts: Vec<String> = (0..10u32)
            .map(|i| format!("{} {footer}", text(i * 1000..i * 1000 + 200)))
            .collect();
        texts[9] = format!("{} {}", footer.to_uppercase(), text(20_000..20_100));
        texts.push(format!(
            "{} {} {footer}",
            text(0..150),
            text(50_000..50_050)
        ));
        let dates = vec![None; texts.len()];
        let run = judged_reuse(
            &texts,
            &dates,
            15,
            &IndexParams::default(),
            2,
            &Params::default(),
            &NgramSet::default(),
        )
        .unwrap();
        let shared = shared_passages(&texts, &run.pairs);
        assert_eq!(
            shared,
            [SharedPassage {
                pairs: 11 * 10 / 2 - 1,
                documents: 11,
                text: footer.clone()
            }]
        );
        assert!(shared_passages(&texts, &run.pairs[..10]).is_empty());
        // Code points, not bytes, as the spans count them.
        assert_eq!(char_slice("é a b", (2, 5)), "a b");
    }

    #[test]
    fn boilerplate_links_nothing_and_is_not_prose() {
        let footer = text(9000..9030);
        let mut texts: Vec<String> = (0..8u32)
            .map(|i| format!("{} {footer}", text(i * 1000..i * 1000 + 200)))
            .collect();
        // 1 copies the last 60 words of 0, which run into the footer; 2 and 3 share two runs of
        // 12 words, 100 words apart (too short to link them), and the footer.
        texts[1] = format!("{} {} {footer}", text(1000..1140), text(140..200));
        for (doc, own) in [(2u32, 2000u32), (3, 3000)] {
            texts[doc as usize] = format!(
                "{} {} {} {} {} {footer}",
                text(own..own + 30),
                text(50_000..50_012),
                text(own + 30..own + 130),
                text(60_000..60_012),
                text(own + 130..own + 150)
            );
        }
        let dates = vec![None; texts.len()];
        let prose_of = |max_df: usize, excluded: &[&str]| {
            let index_params = IndexParams {
                max_df,
                ..IndexParams::default()
            };
            let excluded = NgramSet::of_texts(excluded, index_params.ngram);
            let run = judged_reuse(
                &texts,
                &dates,
                15,
                &index_params,
                2,
                &Params::default(),
                &excluded,
            )
            .unwrap();
            let mut found: Vec<(u32, u32, usize)> = run
                .pairs
                .iter()
                .map(|p| {
                    (
                        p.candidate.min(p.source),
                        p.candidate.max(p.source),
                        p.prose,
                    )
                })
                .collect();
            found.sort_unstable();
            (found, run.candidate_pairs)
        };
        let (every, _) = prose_of(100, &[]);
        assert_eq!(every.len(), 28, "the footer links every two documents");
        assert!(every.contains(&(0, 1, 90)) && every.contains(&(4, 5, 30)));
        // Excluded, the footer chooses no candidates and is no prose.
        let (excluded, candidates) = prose_of(100, &[&footer]);
        assert_eq!(excluded, [(0, 1, 60)]);
        assert_eq!(candidates, 2);
        // Above max_df, it chooses none either, and is no prose in the two pairs aligned.
        assert_eq!(prose_of(5, &[]), (excluded, candidates));
    }

    #[test]
    fn copies_are_grouped_and_their_reuse_still_found() {
        let source = text(0..300);
        let copy = source.to_uppercase().replace(' ', "\n ");
        // Copies enough to push every fingerprint of the source over max_df if they counted.
        let mut texts = vec![source.clone(); 5];
        texts.push(copy);
        texts.push(format!("{} {}", text(1000..1100), text(100..160)));
        texts.push(String::from("  ... "));
        texts.push(String::from("-- "));
        let params = IndexParams {
            max_df: 3,
            ..IndexParams::default()
        };
        let run =
            collection_reuse(&texts, &params, 2, &Params::default(), &NgramSet::default()).unwrap();
        assert_eq!(run.duplicates, [vec![0, 1, 2, 3, 4, 5]]);
        let pairs: Vec<(u32, u32)> = run.found.pairs.iter().map(|p| (p.a, p.b)).collect();
        assert_eq!(pairs, [(0, 6)]);
        let with_facts: Vec<u32> = run.facts.iter().map(|f| f.0).collect();
        assert_eq!(
            with_facts,
            [0, 6],
            "the documents of pairs and the groups' first members"
        );
        assert_eq!(run.facts[1].1.words, 160);
    }
}
