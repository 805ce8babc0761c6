//! Passage alignment: seeds chained into passages that survive small edits and reordering.
//!
//! Seeds (shared word n-grams) are chained in candidate order; a seed joins the chain whose end
//! it follows within `max_gap` tokens on both sides, so an inserted, deleted or substituted
//! word breaks no passage, while a sentence moved elsewhere starts a chain of its own. Each
//! chain is a list of exact blocks (diagonal runs of identical tokens); the words between two
//! blocks are aligned exactly (a small LCS), which gives the share of identical tokens.

use std::ops::RangeInclusive;

use crate::seed::{MAX_NGRAM, Seed, ngram_hashes, seeds};
use crate::text::{Word, hash_words};

/// Alignment settings; `DEFAULT_*` say why the defaults are what they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Params {
    /// Words per seed n-gram.
    pub ngram: usize,
    /// Unmatched words tolerated between two seeds of one passage, on either side.
    pub max_gap: usize,
    /// Identical words a passage needs to be reported.
    pub min_matched: usize,
    /// Occurrences in the source above which an n-gram seeds nothing.
    pub max_postings: usize,
    /// Words between two passages, on both sides, up to which they are one reuse case (0: no
    /// merging); `min_matched` then applies to the merged passage.
    pub merge_gap: usize,
}

// The defaults come from the sweep in `benches/tune_alignment.py`; its output and the figures
// behind each reason below are in docs/alignment.md. Every setting of the sweep finds the same
// share of the development pair's copied sentences, so the choice rests on the other columns.
/// Four-word seeds. Three-word ones find slightly more of a lightly edited copy but make
/// alignment slower and join lightly edited sentences into near-verbatim passages that are
/// paraphrases to a reader; five-word ones find hardly more (docs/alignment.md).
pub const DEFAULT_NGRAM: usize = 4;
/// Six: three misses words of edited copies, nine starts to join separate sentences
/// (docs/alignment.md).
pub const DEFAULT_MAX_GAP: usize = 6;
/// Six identical words: four lets stock phrases of independent reports through, eight loses
/// short copied quotations ("called Carney a very nice man") and light revisions
/// (docs/alignment.md).
pub const DEFAULT_MIN_MATCHED: usize = 6;
pub const DEFAULT_MAX_POSTINGS: usize = 32;
/// No merging by default: a comparison reports the copied stretches themselves, so that a
/// paraphrased sentence between two copied ones is not counted as copied (the sentence labels
/// of the development pair rest on that). Reuse-case detection (PAN text alignment) sets it.
pub const DEFAULT_MERGE_GAP: usize = 0;
/// Fragments with fewer identical words take no part in merging. With the short seeds that
/// reuse-case detection uses (two or three words), stock phrases ("one of the", "as well as")
/// lie near every case on both sides and would stretch it past its ends; five loses a tenth of
/// the obfuscated cases' recall (PAN 2013 sample, docs/alignment.md).
pub const MERGE_FRAGMENT_MIN: usize = 4;

impl Default for Params {
    fn default() -> Self {
        Self {
            ngram: DEFAULT_NGRAM,
            max_gap: DEFAULT_MAX_GAP,
            min_matched: DEFAULT_MIN_MATCHED,
            max_postings: DEFAULT_MAX_POSTINGS,
            merge_gap: DEFAULT_MERGE_GAP,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamError(pub String);

impl std::fmt::Display for ParamError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ParamError {}

// The ranges each setting is checked against, and why their upper ends are where they are.
pub const NGRAM_RANGE: RangeInclusive<usize> = 1..=MAX_NGRAM;
/// The extension step tries every pair of skips up to the gap, a number that grows with its
/// square, and a thousand changed words make two passages, not one copy.
pub const MAX_GAP_RANGE: RangeInclusive<usize> = 0..=1000;
/// Token positions are `u32`, so no passage holds more words.
pub const MIN_MATCHED_RANGE: RangeInclusive<usize> = 1..=u32::MAX as usize;
/// Seeds are at most this many per candidate n-gram, so that the seed list of a repetitive
/// text stays a small multiple of its length.
pub const MAX_POSTINGS_RANGE: RangeInclusive<usize> = 1..=1024;
/// A reuse case spans a document section, not a document: ten thousand words between two
/// fragments make two cases.
pub const MERGE_GAP_RANGE: RangeInclusive<usize> = 0..=10_000;

/// The message for a setting outside its range.
pub fn range_error(
    name: &str,
    range: &RangeInclusive<usize>,
    value: impl std::fmt::Display,
) -> String {
    format!(
        "{name} must be between {} and {}, not {value}",
        range.start(),
        range.end()
    )
}

impl Params {
    pub fn validate(self) -> Result<Self, ParamError> {
        for (name, value, range) in [
            ("ngram", self.ngram, NGRAM_RANGE),
            ("max_gap", self.max_gap, MAX_GAP_RANGE),
            ("min_matched", self.min_matched, MIN_MATCHED_RANGE),
            ("max_postings", self.max_postings, MAX_POSTINGS_RANGE),
            ("merge_gap", self.merge_gap, MERGE_GAP_RANGE),
        ] {
            if !range.contains(&value) {
                return Err(ParamError(range_error(name, &range, value)));
            }
        }
        Ok(self)
    }
}

/// A reused passage. Token ranges index the token lists; spans are code points into the texts.
#[derive(Debug, Clone, PartialEq)]
pub struct Passage {
    pub candidate_tokens: (usize, usize),
    pub source_tokens: (usize, usize),
    pub candidate: (usize, usize),
    pub source: (usize, usize),
    /// Identical tokens under the best alignment of the two ranges.
    pub matched: usize,
    /// Dice share of identical tokens: `2 * matched / (candidate words + source words)`.
    pub score: f64,
}

impl Passage {
    /// The passage over token ranges `c_range` of `candidate` and `s_range` of `source` (both
    /// non-empty) with `matched` identical words: character spans and Dice score follow.
    fn over<W: Word>(
        candidate: &[W],
        source: &[W],
        c_range: (usize, usize),
        s_range: (usize, usize),
        matched: usize,
    ) -> Self {
        let words = (c_range.1 - c_range.0) + (s_range.1 - s_range.0);
        Passage {
            candidate_tokens: c_range,
            source_tokens: s_range,
            candidate: (
                candidate[c_range.0].span().0,
                candidate[c_range.1 - 1].span().1,
            ),
            source: (source[s_range.0].span().0, source[s_range.1 - 1].span().1),
            matched,
            score: 2.0 * matched as f64 / words as f64,
        }
    }

    /// Every word of both sides is identical (after normalisation).
    pub fn is_verbatim(&self) -> bool {
        let c = self.candidate_tokens.1 - self.candidate_tokens.0;
        let s = self.source_tokens.1 - self.source_tokens.0;
        self.matched == c && self.matched == s
    }
}

/// A diagonal run of identical tokens: candidate `c..c+len` equals source `s..s+len`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Block {
    c: usize,
    s: usize,
    len: usize,
}

impl Block {
    fn c_end(self) -> usize {
        self.c + self.len
    }
    fn s_end(self) -> usize {
        self.s + self.len
    }
}

struct Chain {
    blocks: Vec<Block>,
    last_seed: Seed,
}

impl Chain {
    fn end(&self) -> (usize, usize) {
        let last = self.blocks.last().expect("a chain has a block");
        (last.c_end(), last.s_end())
    }

    /// Adds an n-gram seed, keeping only the part that extends past the chain's end.
    fn push(&mut self, seed: Seed, n: usize) {
        let (c, s) = (seed.candidate as usize, seed.source as usize);
        let (c_end, s_end) = self.end();
        let skip = c_end.saturating_sub(c).max(s_end.saturating_sub(s));
        self.last_seed = seed;
        if skip >= n {
            return;
        }
        let block = Block {
            c: c + skip,
            s: s + skip,
            len: n - skip,
        };
        let last = self.blocks.last_mut().expect("a chain has a block");
        if last.c_end() == block.c && last.s_end() == block.s {
            last.len += block.len;
        } else {
            self.blocks.push(block);
        }
    }
}

/// Aligns two texts: tokenises both and returns their reused passages.
pub fn align(candidate: &str, source: &str, params: &Params) -> Vec<Passage> {
    // The two texts are read side by side: on a long pair, reading is most of the work.
    let (candidate_words, source_words) =
        rayon::join(|| hash_words(candidate), || hash_words(source));
    align_tokens(&candidate_words, &source_words, params)
}

/// Reused passages between two token lists, in candidate order, not overlapping on the
/// candidate side.
pub fn align_tokens<W: Word>(candidate: &[W], source: &[W], params: &Params) -> Vec<Passage> {
    let n = params.ngram;
    let c_hashes: Vec<u64> = candidate.iter().map(Word::hash).collect();
    let s_hashes: Vec<u64> = source.iter().map(Word::hash).collect();
    // Two texts of the same words are one copy, whatever seeds would find: a text that repeats
    // one n-gram throughout ("word word word ...") has only refrains, which seed nothing.
    if c_hashes == s_hashes && !c_hashes.is_empty() {
        return if c_hashes.len() >= params.min_matched {
            vec![whole(candidate, source)]
        } else {
            Vec::new()
        };
    }
    let found = seeds(
        &ngram_hashes(&c_hashes, n),
        &ngram_hashes(&s_hashes, n),
        params.max_postings,
    );
    let chains = chain_seeds(&found, params);

    // Strongest passages claim their candidate words first; weaker ones keep what is left.
    let mut candidates: Vec<Vec<Block>> = chains
        .into_iter()
        .map(|chain| extend(chain.blocks, &c_hashes, &s_hashes, params.max_gap))
        .collect();
    candidates.sort_by_key(|blocks| std::cmp::Reverse(blocks.iter().map(|b| b.len).sum::<usize>()));
    let mut claimed: Vec<(usize, usize)> = Vec::new();
    let mut passages = Vec::new();
    // When merging, fragments are kept for now: `min_matched` applies to the merged case.
    let floor = if params.merge_gap > 0 {
        MERGE_FRAGMENT_MIN
    } else {
        params.min_matched
    };
    for blocks in candidates {
        let free = subtract_claimed(&blocks, &claimed);
        let runs = split_at_claimed(free, &claimed);
        for piece in runs
            .into_iter()
            .flat_map(|run| split_at_gaps(run, params.max_gap))
        {
            let passage = measure(&piece, candidate, source, &c_hashes, &s_hashes);
            if passage.matched >= floor {
                claimed.push(passage.candidate_tokens);
                passages.push(passage);
            }
        }
    }
    if params.merge_gap > 0 {
        passages = merge_close(passages, candidate, source, params.merge_gap);
        passages.retain(|p| p.matched >= params.min_matched);
        passages = without_overlaps(passages);
    }
    passages.sort_by_key(|p| p.candidate_tokens);
    passages
}

/// The passage of two texts with the same (non-empty) words: all of both.
fn whole<W: Word>(candidate: &[W], source: &[W]) -> Passage {
    let n = candidate.len();
    Passage::over(candidate, source, (0, n), (0, n), n)
}

/// Words between two ranges (0 when they touch or overlap).
fn range_gap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.0.max(b.0).saturating_sub(a.1.min(b.1))
}

/// Passages close on both sides joined into one, until no two are: at most `merge_gap` words
/// between them on the candidate and on the source (overlapping counts as no gap, so fragments
/// of a copy whose words were shuffled join too). The joined passage spans both on each side;
/// its identical words are the two counts added (at most the words of either side).
fn merge_close<W: Word>(
    mut passages: Vec<Passage>,
    candidate: &[W],
    source: &[W],
    merge_gap: usize,
) -> Vec<Passage> {
    loop {
        passages.sort_by_key(|p| p.candidate_tokens);
        let mut joined = false;
        let mut i = 0;
        while i < passages.len() {
            let mut j = i + 1;
            // In candidate order, a passage starting further on than the gap cannot join.
            while j < passages.len()
                && passages[j].candidate_tokens.0 <= passages[i].candidate_tokens.1 + merge_gap
            {
                let (a, b) = (&passages[i], &passages[j]);
                if range_gap(a.source_tokens, b.source_tokens) <= merge_gap {
                    let b = passages.remove(j);
                    passages[i] = join(&passages[i], &b, candidate, source);
                    joined = true;
                } else {
                    j += 1;
                }
            }
            i += 1;
        }
        if !joined {
            return passages;
        }
    }
}

fn join<W: Word>(a: &Passage, b: &Passage, candidate: &[W], source: &[W]) -> Passage {
    let hull = |x: (usize, usize), y: (usize, usize)| (x.0.min(y.0), x.1.max(y.1));
    let c_range = hull(a.candidate_tokens, b.candidate_tokens);
    let s_range = hull(a.source_tokens, b.source_tokens);
    let (c_words, s_words) = (c_range.1 - c_range.0, s_range.1 - s_range.0);
    let matched = (a.matched + b.matched).min(c_words).min(s_words);
    Passage::over(candidate, source, c_range, s_range, matched)
}

/// Merged passages that overlap on the candidate (one stretch joined to two places of the
/// source): the one with more identical words stays.
fn without_overlaps(mut passages: Vec<Passage>) -> Vec<Passage> {
    passages.sort_by_key(|p| std::cmp::Reverse(p.matched));
    let mut kept: Vec<Passage> = Vec::with_capacity(passages.len());
    for p in passages {
        let (start, end) = p.candidate_tokens;
        if kept
            .iter()
            .all(|k| k.candidate_tokens.1 <= start || end <= k.candidate_tokens.0)
        {
            kept.push(p);
        }
    }
    kept
}

fn chain_seeds(found: &[Seed], params: &Params) -> Vec<Chain> {
    let n = params.ngram;
    let gap = params.max_gap;
    let mut active: Vec<Chain> = Vec::new();
    let mut done: Vec<Chain> = Vec::new();
    let mut pruned_at = None;
    let mut previous: Option<usize> = None;
    for &seed in found {
        let (c, s) = (seed.candidate as usize, seed.source as usize);
        // Chains the candidate has moved past can take no more seeds.
        if pruned_at != Some(c) {
            pruned_at = Some(c);
            let mut i = 0;
            while i < active.len() {
                if active[i].end().0 + gap < c {
                    done.push(active.swap_remove(i));
                    previous = None;
                } else {
                    i += 1;
                }
            }
        }
        // Inside a copy each seed follows the previous one on its diagonal: that chain is the
        // best there is (no gap, no drift), and no search is needed.
        let continues = |chain: &Chain| {
            c > 0
                && s > 0
                && chain.last_seed
                    == Seed {
                        candidate: seed.candidate - 1,
                        source: seed.source - 1,
                    }
        };
        if let Some(index) = previous.filter(|&i| continues(&active[i])) {
            active[index].push(seed, n);
            continue;
        }

        let best = active
            .iter()
            .enumerate()
            .filter(|(_, chain)| {
                let (c_end, s_end) = chain.end();
                chain.last_seed.candidate < seed.candidate
                    && chain.last_seed.source < seed.source
                    && c <= c_end + gap
                    && s <= s_end + gap
            })
            .min_by_key(|(_, chain)| {
                let (c_end, s_end) = chain.end();
                let last = chain.blocks.last().expect("a chain has a block");
                // Moving off the chain's diagonal costs as much as a gap.
                let drift = (c + last.s).abs_diff(s + last.c);
                c.saturating_sub(c_end) + s.saturating_sub(s_end) + drift
            })
            .map(|(index, _)| index);
        if let Some(index) = best {
            active[index].push(seed, n);
            previous = Some(index);
        } else {
            active.push(Chain {
                blocks: vec![Block { c, s, len: n }],
                last_seed: seed,
            });
            previous = Some(active.len() - 1);
        }
    }
    done.extend(active);
    done
}

/// Grows a chain past its first and last seed: a copy whose edge falls within `ngram` words of
/// an edit ("... for U.S. goods and services" against "... for American goods and services")
/// has matching words there that no whole n-gram covers. A run found within `max_gap` words is
/// taken when it is longer than the gap before it, so that stray one-word matches ("the",
/// "and") between unrelated words never walk a passage onwards.
fn extend(
    mut blocks: Vec<Block>,
    c_hashes: &[u64],
    s_hashes: &[u64],
    max_gap: usize,
) -> Vec<Block> {
    // The (candidate, source) skips are tried nearest first: the first run found is the one
    // taken. A run longer than its skip must fit on both sides, so skips of as many words as
    // either side has left are not tried.
    let steps_within = |c_room: usize, s_room: usize| {
        extension_steps(max_gap.saturating_add(1).min(c_room).min(s_room))
    };
    let run_after = |c: usize, s: usize| {
        c_hashes[c.min(c_hashes.len())..]
            .iter()
            .zip(&s_hashes[s.min(s_hashes.len())..])
            .take_while(|(a, b)| a == b)
            .count()
    };
    while let Some((skip_c, skip_s, run)) = {
        let last = *blocks.last().expect("a chain has a block");
        let room = |end: usize, len: usize| len.saturating_sub(end);
        steps_within(
            room(last.c_end(), c_hashes.len()),
            room(last.s_end(), s_hashes.len()),
        )
        .find_map(|(dc, ds)| {
            let (c, s) = (last.c_end() + dc, last.s_end() + ds);
            // Most steps fail on their first word: test it before counting a run.
            if c >= c_hashes.len() || s >= s_hashes.len() || c_hashes[c] != s_hashes[s] {
                return None;
            }
            let run = run_after(c, s);
            (dc.max(ds) < run).then_some((dc, ds, run))
        })
    } {
        let last = blocks.last_mut().expect("a chain has a block");
        if skip_c == 0 && skip_s == 0 {
            last.len += run;
        } else {
            let block = Block {
                c: last.c_end() + skip_c,
                s: last.s_end() + skip_s,
                len: run,
            };
            blocks.push(block);
        }
    }
    let run_before = |c: usize, s: usize| {
        c_hashes[..c]
            .iter()
            .rev()
            .zip(s_hashes[..s].iter().rev())
            .take_while(|(a, b)| a == b)
            .count()
    };
    while let Some((skip_c, skip_s, run)) = {
        let first = blocks[0];
        steps_within(first.c, first.s).find_map(|(dc, ds)| {
            let (c, s) = (first.c - dc, first.s - ds);
            if c == 0 || s == 0 || c_hashes[c - 1] != s_hashes[s - 1] {
                return None;
            }
            let run = run_before(c, s);
            (dc.max(ds) < run).then_some((dc, ds, run))
        })
    } {
        let first = blocks[0];
        let (c_end, s_end) = (first.c - skip_c, first.s - skip_s);
        let block = Block {
            c: c_end - run,
            s: s_end - run,
            len: run,
        };
        if skip_c == 0 && skip_s == 0 {
            blocks[0] = Block {
                len: run + first.len,
                ..block
            };
        } else {
            blocks.insert(0, block);
        }
    }
    blocks
}

/// Every (candidate, source) skip whose larger part is under `below`, ordered by that larger
/// part, then by the sum, then candidate skip first: the order in which `extend` looks for the
/// next run. Generated as needed: most searches stop at the first few, and a table would hold
/// the square of the gap.
fn extension_steps(below: usize) -> impl Iterator<Item = (usize, usize)> {
    (0..below).flat_map(|larger| {
        (0..=larger).flat_map(move |smaller| {
            let both = [(smaller, larger), (larger, smaller)];
            both.into_iter().take(if smaller == larger { 1 } else { 2 })
        })
    })
}

/// The parts of `blocks` whose candidate words no stronger passage has claimed.
fn subtract_claimed(blocks: &[Block], claimed: &[(usize, usize)]) -> Vec<Block> {
    let mut pieces: Vec<Block> = blocks.to_vec();
    for &(start, end) in claimed {
        let mut next = Vec::with_capacity(pieces.len());
        for b in pieces {
            if b.c_end() <= start || b.c >= end {
                next.push(b);
                continue;
            }
            if b.c < start {
                next.push(Block {
                    c: b.c,
                    s: b.s,
                    len: start - b.c,
                });
            }
            if b.c_end() > end {
                let cut = end - b.c;
                next.push(Block {
                    c: end,
                    s: b.s + cut,
                    len: b.len - cut,
                });
            }
        }
        pieces = next;
    }
    pieces
}

/// Splits what is left of a chain wherever words claimed by a stronger passage lie between two
/// of its blocks: joined across them, the two passages would overlap on the candidate.
fn split_at_claimed(blocks: Vec<Block>, claimed: &[(usize, usize)]) -> Vec<Vec<Block>> {
    let mut out: Vec<Vec<Block>> = Vec::new();
    for b in blocks {
        let joins = out.last().and_then(|run| run.last()).is_some_and(|p| {
            !claimed
                .iter()
                .any(|&(start, end)| start < b.c && end > p.c_end())
        });
        if joins {
            out.last_mut().expect("a run to join").push(b);
        } else {
            out.push(vec![b]);
        }
    }
    out
}

/// Splits a chain where the words between two blocks are too many to call the passage one
/// copy: more than `max_gap`, or more than the shorter of the two blocks around them. The second
/// rule keeps two stock phrases with a different clause between them ("Prime Minister Mark
/// Carney [is set to meet Donald Trump] in the Oval Office on Tuesday") from passing as a
/// near-verbatim copy, while a copy with a word changed every few words stays whole.
fn split_at_gaps(blocks: Vec<Block>, max_gap: usize) -> Vec<Vec<Block>> {
    let mut out: Vec<Vec<Block>> = Vec::new();
    for b in blocks {
        let joins = out.last().and_then(|piece| piece.last()).is_some_and(|p| {
            if b.c < p.c_end() || b.s < p.s_end() {
                return false;
            }
            let gap = (b.c - p.c_end()).max(b.s - p.s_end());
            gap <= max_gap && gap <= p.len.min(b.len)
        });
        match out.last_mut() {
            Some(piece) if joins => piece.push(b),
            _ => out.push(vec![b]),
        }
    }
    out
}

fn measure<W: Word>(
    blocks: &[Block],
    candidate: &[W],
    source: &[W],
    c_hashes: &[u64],
    s_hashes: &[u64],
) -> Passage {
    let first = blocks[0];
    let last = blocks[blocks.len() - 1];
    let mut matched: usize = blocks.iter().map(|b| b.len).sum();
    for pair in blocks.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        matched += lcs_len(&c_hashes[a.c_end()..b.c], &s_hashes[a.s_end()..b.s]);
    }
    Passage::over(
        candidate,
        source,
        (first.c, last.c_end()),
        (first.s, last.s_end()),
        matched,
    )
}

/// Length of the longest common subsequence; the inputs are gaps of at most `max_gap` words.
fn lcs_len(a: &[u64], b: &[u64]) -> usize {
    if a.is_empty() || b.is_empty() {
        return 0;
    }
    let mut row = vec![0usize; b.len() + 1];
    for &x in a {
        let mut diagonal = 0;
        for (j, &y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y {
                diagonal + 1
            } else {
                above.max(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = "Carney said the talks would be difficult yet constructive. \
        Canada is the largest export market for U.S. goods and services. \
        The three countries are due to review the agreement next year.";

    fn words(text: &str, span: (usize, usize)) -> String {
        text.chars().skip(span.0).take(span.1 - span.0).collect()
    }

    #[test]
    fn verbatim_copy_is_one_passage() {
        let found = align(SOURCE, SOURCE, &Params::default());
        assert_eq!(found.len(), 1);
        assert!(found[0].is_verbatim());
        assert!((found[0].score - 1.0).abs() < 1e-12);
        // Spans run from the first word to the last: the final full stop is not a word.
        assert_eq!(
            words(SOURCE, found[0].candidate),
            SOURCE.trim_end_matches('.')
        );
    }

    #[test]
    fn small_edits_keep_the_passage_whole() {
        let candidate = "Carney said the talks would be hard yet constructive. \
            Canada is the largest export market for American goods and services.";
        let found = align(candidate, SOURCE, &Params::default());
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(!found[0].is_verbatim());
        assert!(
            found[0].score > 0.85 && found[0].score < 1.0,
            "{}",
            found[0].score
        );
    }

    #[test]
    fn reordered_sentences_are_separate_passages() {
        let candidate = "The three countries are due to review the agreement next year. \
            Carney said the talks would be difficult yet constructive.";
        let found = align(candidate, SOURCE, &Params::default());
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].source.0 > found[1].source.0);
        assert!(found.iter().all(Passage::is_verbatim));
    }

    #[test]
    fn a_repetitive_text_is_a_copy_of_itself() {
        for text in ["word ".repeat(500), "The cat sat on the mat. ".repeat(200)] {
            let found = align(&text, &text.to_uppercase(), &Params::default());
            assert_eq!(found.len(), 1);
            assert!(found[0].is_verbatim());
            assert_eq!(
                found[0].candidate,
                (0, text.trim_end_matches([' ', '.']).len())
            );
        }
        assert!(align("one two", "one two", &Params::default()).is_empty());
        assert!(align("", "", &Params::default()).is_empty());
    }

    #[test]
    fn unrelated_texts_share_nothing() {
        let other =
            "The recipe calls for two cups of flour and a pinch of salt, baked for an hour.";
        assert!(align(other, SOURCE, &Params::default()).is_empty());
    }

    #[test]
    fn short_shared_phrases_are_not_passages() {
        let candidate = "Officials said the talks would be held in private on Monday.";
        assert!(align(candidate, SOURCE, &Params::default()).is_empty());
    }

    #[test]
    fn disguised_copy_is_found_with_original_offsets() {
        let disguised = SOURCE
            .replace('a', "\u{0430}")
            .replace("talks", "ta\u{200B}lks");
        let found = align(&disguised, SOURCE, &Params::default());
        assert_eq!(found.len(), 1);
        assert!(found[0].is_verbatim());
        // The passage ends with the last word, before the closing full stop.
        assert_eq!(found[0].candidate.1, disguised.chars().count() - 1);
    }

    #[test]
    fn passages_do_not_overlap_on_the_candidate() {
        let doubled = format!("{SOURCE} {SOURCE}");
        let found = align(&doubled, SOURCE, &Params::default());
        assert_eq!(found.len(), 2);
        assert!(found[0].candidate_tokens.1 <= found[1].candidate_tokens.0);
    }

    /// A copy with a word changed every few words: fragments without merging, one passage with.
    const LONG_SOURCE: &str = "The committee met on Monday to review the annual budget and the \
        plans for the new library building, which has been delayed twice since the council \
        approved it. Members said that rising construction costs and a shortage of skilled \
        workers had pushed the opening back by at least another year, and several asked the \
        architects to present cheaper designs before the summer recess.";
    const OBFUSCATED: &str = "Our committee gathered on Monday to examine the yearly budget and the \
        plans for the new library structure, a project the mayor once called the pride of the \
        town and which has been postponed twice since the council endorsed it. Members claimed \
        that rising construction expenses and a lack of skilled labourers had pushed the opening \
        back by at least one more year, and several asked the designers to show cheaper designs \
        before the summer break.";

    fn merging(merge_gap: usize) -> Params {
        Params {
            ngram: 2,
            merge_gap,
            min_matched: 15,
            ..Params::default()
        }
    }

    #[test]
    fn merging_makes_an_obfuscated_copy_one_passage() {
        let fragments = align(OBFUSCATED, LONG_SOURCE, &Params::default());
        assert!(fragments.len() >= 2, "{fragments:?}");
        let merged = align(OBFUSCATED, LONG_SOURCE, &merging(50));
        assert_eq!(merged.len(), 1, "{merged:?}");
        let p = &merged[0];
        assert!(p.candidate.0 <= fragments[0].candidate.0);
        assert!(p.candidate.1 >= fragments[fragments.len() - 1].candidate.1);
        assert!(
            !p.is_verbatim() && p.score > 0.5 && p.score < 1.0,
            "{}",
            p.score
        );
    }

    #[test]
    fn merging_keeps_distant_cases_apart_and_drops_short_ones() {
        let rain = "Rain fell over the hills while farmers waited for news of the harvest. ";
        let port = "Ships left the harbour at dawn, their holds full of timber and grain. ";
        let candidate = format!("{OBFUSCATED} {} {SOURCE}", rain.repeat(12));
        let source = format!("{LONG_SOURCE} {} {SOURCE}", port.repeat(12));
        let found = align(&candidate, &source, &merging(20));
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].candidate_tokens.1 <= found[1].candidate_tokens.0);
        let short = "Officials said the talks would be difficult yet constructive, a pundit wrote.";
        assert!(align(short, SOURCE, &merging(50)).is_empty());
    }

    #[test]
    fn lcs_counts_common_subsequence() {
        assert_eq!(lcs_len(&[1, 2, 3, 4], &[1, 3, 4, 9]), 3);
        assert_eq!(lcs_len(&[], &[1]), 0);
    }

    #[test]
    fn invalid_params_are_rejected() {
        let with = |change: fn(&mut Params)| {
            let mut p = Params::default();
            change(&mut p);
            p.validate()
        };
        assert!(Params::default().validate().is_ok());
        assert!(with(|p| p.ngram = 0).is_err());
        assert!(with(|p| p.ngram = MAX_NGRAM + 1).is_err());
        assert!(with(|p| p.max_gap = *MAX_GAP_RANGE.end()).is_ok());
        assert!(with(|p| p.max_gap = 1 << 60).is_err());
        assert!(with(|p| p.max_gap = usize::MAX).is_err());
        assert!(with(|p| p.min_matched = 0).is_err());
        assert!(with(|p| p.max_postings = 0).is_err());
        assert!(with(|p| p.max_postings = 1 << 62).is_err());
        assert!(with(|p| p.merge_gap = *MERGE_GAP_RANGE.end()).is_ok());
        assert!(with(|p| p.merge_gap = 10_001).is_err());
        let message = with(|p| p.max_gap = 20_000).unwrap_err().to_string();
        assert_eq!(message, "max_gap must be between 0 and 1000, not 20000");
    }

    #[test]
    fn extension_steps_are_ordered_nearest_first() {
        let mut table: Vec<(usize, usize)> = (0..=3)
            .flat_map(|dc| (0..=3).map(move |ds| (dc, ds)))
            .collect();
        table.sort_by_key(|&(dc, ds)| (dc.max(ds), dc + ds, dc));
        assert_eq!(extension_steps(4).collect::<Vec<_>>(), table);
        assert_eq!(extension_steps(0).count(), 0);
    }

    #[test]
    fn the_largest_gap_aligns_without_a_table() {
        let params = Params {
            max_gap: *MAX_GAP_RANGE.end(),
            ..Params::default()
        };
        let found = align(SOURCE, SOURCE, &params);
        assert_eq!(found.len(), 1);
        assert!(found[0].is_verbatim());
    }
}
