//! Reuse cases that survive rewording: sentence pairs as seeds, clustered into passages on both
//! sides at once, then joined with the word-level passages of `align`.
//!
//! The method follows Sanchez-Perez, Sidorov and Gelbukh (PAN 2014, the best published text
//! alignment system): a candidate sentence and a source sentence seed a case when both the cosine
//! of their tf-isf vectors and the Dice coefficient of their term sets pass a threshold; seeds are
//! clustered by splitting wherever consecutive seeds lie more than `max_gap` sentences apart, on
//! the candidate side and the source side in turn, until no cluster splits; a cluster is kept when
//! its two stretches are similar as wholes, and otherwise clustered again with a smaller gap. A
//! summary spreads its seeds over a long source stretch: the clustering runs a second time with a
//! wide source-side gap, and its cases are taken when their source stretches are much longer than
//! their candidate ones.
//!
//! Terms are the caller's: ids of stemmed content words, one list per sentence, so the language
//! rules (sentence splitting, stemming, stop words) stay where the rest of the pipeline has them.

use std::collections::{BTreeMap, HashMap};

use crate::align::{MAX_GAP_RANGE, ParamError, range_error};

/// One sentence: its character span and the ids of its content terms, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub start: usize,
    pub end: usize,
    pub terms: Vec<u32>,
}

/// Settings of case detection; `DEFAULT_CASE_PARAMS` says where each value comes from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CaseParams {
    /// Cosine of two sentences' tf-isf vectors above which they may seed a case.
    pub min_cosine: f64,
    /// Dice coefficient of two sentences' term sets above which they may seed a case.
    pub min_dice: f64,
    /// Sentences between two seeds of one case, on either side.
    pub max_gap: usize,
    /// Source-side gap of the summary clustering.
    pub summary_gap: usize,
    /// Seed thresholds of the summary clustering (cosine, Dice). Lower ones find more of a
    /// summary's reworded sentences but let the wide gap swallow translated cases
    /// (docs/alignment.md); each candidate sentence seeds a summary at its closest source
    /// sentence only, which allows a little lower than the plain clustering's.
    pub summary_min_cosine: f64,
    pub summary_min_dice: f64,
    /// Share of the source's extent above which a summary's source stretch is the whole source:
    /// a summary condenses a text, not the sentences its seeds happen to fall on.
    pub summary_whole: f64,
    /// Cosine of a case's two stretches, as wholes, that it needs to be kept.
    pub min_similarity: f64,
    /// Cosine of the sentence pair next to a plain case above which the case grows by it: a
    /// translated edge sentence often shares too few words to seed; next to a case, fewer do.
    pub neighbour_min_cosine: f64,
    /// Source chars per candidate char above which the summary clustering's cases are taken.
    pub summary_ratio: f64,
    /// Candidate characters a sentence case needs.
    pub min_chars: usize,
    /// Word passages with at least this score are copies whose extent the words give exactly;
    /// a sentence pair sharing this share of its terms (Dice) is a copied sentence.
    pub copy_score: f64,
    /// Share of a sentence case's candidate stretch that copies must cover for the case to be
    /// left to them.
    pub copy_cover: f64,
}

/// Chosen on the PAN 2013 text alignment training corpus, cross-validated by suspicious document
/// (docs/alignment.md). The seed and similarity thresholds sit near the published 0.33-0.34.
pub const DEFAULT_CASE_PARAMS: CaseParams = CaseParams {
    min_cosine: 0.4,
    min_dice: 0.4,
    max_gap: 4,
    summary_gap: 80,
    summary_min_cosine: 0.35,
    summary_min_dice: 0.35,
    summary_whole: 0.5,
    min_similarity: 0.34,
    neighbour_min_cosine: 0.25,
    summary_ratio: 3.0,
    min_chars: 150,
    copy_score: 0.9,
    copy_cover: 0.5,
};

impl CaseParams {
    /// The settings, or the first one out of its range (NaN is out of every range).
    pub fn validate(self) -> Result<Self, ParamError> {
        for (name, value) in [
            ("min_cosine", self.min_cosine),
            ("min_dice", self.min_dice),
            ("summary_min_cosine", self.summary_min_cosine),
            ("summary_min_dice", self.summary_min_dice),
            ("summary_whole", self.summary_whole),
            ("min_similarity", self.min_similarity),
            ("neighbour_min_cosine", self.neighbour_min_cosine),
            ("copy_score", self.copy_score),
            ("copy_cover", self.copy_cover),
        ] {
            if !(0.0..=1.0).contains(&value) {
                return Err(ParamError(format!(
                    "{name} must be between 0 and 1, not {value}"
                )));
            }
        }
        if !(0.0..=MAX_SUMMARY_RATIO).contains(&self.summary_ratio) {
            return Err(ParamError(format!(
                "summary_ratio must be between 0 and {MAX_SUMMARY_RATIO}, not {}",
                self.summary_ratio
            )));
        }
        for (name, value) in [("max_gap", self.max_gap), ("summary_gap", self.summary_gap)] {
            if !MAX_GAP_RANGE.contains(&value) {
                return Err(ParamError(range_error(name, &MAX_GAP_RANGE, value)));
            }
        }
        Ok(self)
    }
}

const MAX_SUMMARY_RATIO: f64 = 1000.0;

/// Sentences with fewer content terms are joined to the next: too short to seed on their own.
const MIN_UNIT_TERMS: usize = 3;

/// A case from sentence seeds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SentenceCase {
    pub candidate: (usize, usize),
    pub source: (usize, usize),
    /// Cosine of the two stretches as wholes.
    pub similarity: f64,
    /// Found by the summary clustering.
    pub summary: bool,
}

/// A word-level passage as `align` found it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WordPassage {
    pub candidate: (usize, usize),
    pub source: (usize, usize),
    pub score: f64,
}

/// A reuse case: word passages and sentence cases that overlap on both sides, joined.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    pub candidate: (usize, usize),
    pub source: (usize, usize),
    /// Indices of the word passages it holds.
    pub passages: Vec<usize>,
    /// The best similarity of the sentence cases it holds (0 when it holds none).
    pub similarity: f64,
    pub summary: bool,
}

fn joined_short(units: &[Unit]) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::with_capacity(units.len());
    let mut carry: Option<Unit> = None;
    for unit in units {
        let unit = match carry.take() {
            Some(mut held) => {
                held.end = unit.end;
                held.terms.extend_from_slice(&unit.terms);
                held
            }
            None => unit.clone(),
        };
        if unit.terms.len() < MIN_UNIT_TERMS {
            carry = Some(unit);
        } else {
            out.push(unit);
        }
    }
    if let Some(held) = carry {
        match out.last_mut() {
            Some(last) => {
                last.end = held.end;
                last.terms.extend_from_slice(&held.terms);
            }
            None => out.push(held),
        }
    }
    out
}

/// A sparse tf-isf vector: (term, weight) sorted by term, and its norm.
struct Vector {
    weights: Vec<(u32, f64)>,
    norm: f64,
}

impl Vector {
    fn new(terms: impl Iterator<Item = u32>, idf: &HashMap<u32, f64>) -> Self {
        let mut counts: BTreeMap<u32, f64> = BTreeMap::new();
        for term in terms {
            *counts.entry(term).or_default() += 1.0;
        }
        let weights: Vec<(u32, f64)> = counts
            .into_iter()
            .map(|(t, n)| (t, n * idf.get(&t).copied().unwrap_or(0.0)))
            .collect();
        let norm = weights.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
        Self { weights, norm }
    }

    /// Dice coefficient of the two term sets: the share of terms they have in common.
    fn dice(&self, other: &Self) -> f64 {
        let total = self.weights.len() + other.weights.len();
        if total == 0 {
            return 0.0;
        }
        let (mut i, mut j, mut shared) = (0, 0, 0);
        while i < self.weights.len() && j < other.weights.len() {
            match self.weights[i].0.cmp(&other.weights[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        2.0 * f64::from(shared) / total as f64
    }

    fn cosine(&self, other: &Self) -> f64 {
        if self.norm == 0.0 || other.norm == 0.0 {
            return 0.0;
        }
        let (mut i, mut j, mut dot) = (0, 0, 0.0);
        while i < self.weights.len() && j < other.weights.len() {
            let (a, b) = (self.weights[i], other.weights[j]);
            match a.0.cmp(&b.0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    dot += a.1 * b.1;
                    i += 1;
                    j += 1;
                }
            }
        }
        // At most 1: rounding can push the cosine of two equal vectors just above it.
        (dot / (self.norm * other.norm)).min(1.0)
    }
}

/// A sentence pair `(candidate unit, source unit)` that may seed a case.
struct Seed {
    pair: (usize, usize),
    cosine: f64,
    dice: f64,
}

struct Side {
    units: Vec<Unit>,
    vectors: Vec<Vector>,
}

/// Seed sentence pairs `(candidate unit, source unit)`: the source sentences sharing a term are
/// found through an inverted index, so a candidate sentence costs its terms' postings.
/// Each comes with its cosine and Dice; `(min_cosine, min_dice)` are the lowest kept.
fn seeds(candidate: &Side, source: &Side, min_cosine: f64, min_dice: f64) -> Vec<Seed> {
    let mut postings: HashMap<u32, Vec<(usize, f64)>> = HashMap::new();
    for (j, vector) in source.vectors.iter().enumerate() {
        for &(term, weight) in &vector.weights {
            postings.entry(term).or_default().push((j, weight));
        }
    }
    let mut dot = vec![0.0; source.units.len()];
    let mut shared = vec![0usize; source.units.len()];
    let mut touched: Vec<usize> = Vec::new();
    let mut found = Vec::new();
    for (i, vector) in candidate.vectors.iter().enumerate() {
        for &(term, weight) in &vector.weights {
            for &(j, other) in postings.get(&term).map_or(&[][..], Vec::as_slice) {
                if shared[j] == 0 {
                    touched.push(j);
                }
                shared[j] += 1;
                dot[j] += weight * other;
            }
        }
        for &j in &touched {
            let other = &source.vectors[j];
            let dice = 2.0 * shared[j] as f64 / (vector.weights.len() + other.weights.len()) as f64;
            let norms = vector.norm * other.norm;
            let cosine = if norms > 0.0 {
                (dot[j] / norms).min(1.0)
            } else {
                0.0
            };
            if dice > min_dice && cosine > min_cosine {
                found.push(Seed {
                    pair: (i, j),
                    cosine,
                    dice,
                });
            }
            dot[j] = 0.0;
            shared[j] = 0;
        }
        touched.clear();
    }
    found
}

/// Split `group` wherever consecutive seeds, ordered on `side`, lie more than `gap` apart.
fn split(
    mut group: Vec<(usize, usize)>,
    candidate_side: bool,
    gap: usize,
    out: &mut Vec<Vec<(usize, usize)>>,
) {
    let at = |s: &(usize, usize)| if candidate_side { s.0 } else { s.1 };
    group.sort_unstable_by_key(|s| (at(s), if candidate_side { s.1 } else { s.0 }));
    let mut current: Vec<(usize, usize)> = Vec::new();
    for seed in group {
        if let Some(last) = current.last()
            && at(&seed) - at(last) > gap
        {
            out.push(std::mem::take(&mut current));
        }
        current.push(seed);
    }
    if !current.is_empty() {
        out.push(current);
    }
}

fn cluster(
    seeds: Vec<(usize, usize)>,
    candidate_gap: usize,
    source_gap: usize,
) -> Vec<Vec<(usize, usize)>> {
    let mut groups = vec![seeds];
    let mut candidate_side = true;
    // Stable once a pass over each side has split nothing.
    let mut quiet_passes = 0;
    while quiet_passes < 2 {
        let before = groups.len();
        let mut next = Vec::with_capacity(before);
        let gap = if candidate_side {
            candidate_gap
        } else {
            source_gap
        };
        for group in groups {
            split(group, candidate_side, gap, &mut next);
        }
        quiet_passes = if next.len() == before {
            quiet_passes + 1
        } else {
            0
        };
        groups = next;
        candidate_side = !candidate_side;
    }
    groups
}

struct Detector<'a> {
    candidate: &'a Side,
    source: &'a Side,
    idf: &'a HashMap<u32, f64>,
    params: &'a CaseParams,
}

impl Detector<'_> {
    fn stretch(&self, side: &Side, first: usize, last: usize) -> Vector {
        Vector::new(
            side.units[first..=last]
                .iter()
                .flat_map(|u| u.terms.iter().copied()),
            self.idf,
        )
    }

    /// A plain case's stretches grown by the sentence pairs next to them, before and after, as
    /// long as the two sentences of a pair are similar (`neighbour_min_cosine`): a translated edge
    /// sentence often shares too few words to seed; next to a case, fewer are enough.
    fn extended(
        &self,
        mut i0: usize,
        mut j0: usize,
        mut i1: usize,
        mut j1: usize,
    ) -> (usize, usize, usize, usize) {
        let similar = |i: usize, j: usize| {
            self.candidate.vectors[i].cosine(&self.source.vectors[j])
                > self.params.neighbour_min_cosine
        };
        while i0 > 0 && j0 > 0 && similar(i0 - 1, j0 - 1) {
            (i0, j0) = (i0 - 1, j0 - 1);
        }
        while i1 + 1 < self.candidate.units.len()
            && j1 + 1 < self.source.units.len()
            && similar(i1 + 1, j1 + 1)
        {
            (i1, j1) = (i1 + 1, j1 + 1);
        }
        (i0, j0, i1, j1)
    }

    /// Keep `group` as a case when its two stretches are similar as wholes; otherwise cluster it
    /// again with gaps one smaller, down to zero.
    fn validate(
        &self,
        group: Vec<(usize, usize)>,
        candidate_gap: usize,
        source_gap: usize,
        summary: bool,
        out: &mut Vec<SentenceCase>,
    ) {
        let (mut i0, mut i1, mut j0, mut j1) = (usize::MAX, 0, usize::MAX, 0);
        for &(i, j) in &group {
            (i0, i1, j0, j1) = (i0.min(i), i1.max(i), j0.min(j), j1.max(j));
        }
        // A summary takes a few sentences from a long stretch: its candidate stretch is compared
        // with the source sentences it seeds on, not with everything between them. Most of its
        // sentences condense some of the source: a stretch with a seed on half of its sentences
        // or fewer (a caption that names the same people) shares a topic. Consecutive sentences
        // copied from consecutive ones count once: a pasted paragraph is one act of reuse, and
        // pasted paragraphs with the writer's own sentences between them are copies, not a summary.
        let source = if summary {
            let distinct = |side: fn(&(usize, usize)) -> usize| {
                let mut units: Vec<usize> = group.iter().map(side).collect();
                units.sort_unstable();
                units.dedup();
                units
            };
            let mut copied_pairs: Vec<(usize, usize)> = group
                .iter()
                .copied()
                .filter(|&(i, j)| {
                    self.candidate.vectors[i].dice(&self.source.vectors[j])
                        >= self.params.copy_score
                })
                .collect();
            copied_pairs.sort_unstable();
            copied_pairs.dedup();
            // Sentences copied from the source sentence after the one the previous sentence was.
            let mut continuing: Vec<usize> = copied_pairs
                .iter()
                .filter(|&&(i, j)| {
                    i > 0 && j > 0 && copied_pairs.binary_search(&(i - 1, j - 1)).is_ok()
                })
                .map(|pair| pair.0)
                .collect();
            continuing.dedup();
            let continued = continuing.len();
            if 2 * (distinct(|s| s.0).len() - continued) <= i1 - i0 + 1 - continued {
                return;
            }
            Vector::new(
                distinct(|s| s.1)
                    .iter()
                    .flat_map(|&j| self.source.units[j].terms.iter().copied()),
                self.idf,
            )
        } else {
            self.stretch(self.source, j0, j1)
        };
        let similarity = self.stretch(self.candidate, i0, i1).cosine(&source);
        if similarity > self.params.min_similarity {
            if !summary {
                (i0, j0, i1, j1) = self.extended(i0, j0, i1, j1);
            }
            out.push(SentenceCase {
                candidate: (self.candidate.units[i0].start, self.candidate.units[i1].end),
                source: (self.source.units[j0].start, self.source.units[j1].end),
                similarity,
                summary,
            });
        } else if candidate_gap > 0 || source_gap > 0 {
            let (cg, sg) = (
                candidate_gap.saturating_sub(1),
                source_gap.saturating_sub(1),
            );
            for smaller in cluster(group, cg, sg) {
                self.validate(smaller, cg, sg, summary, out);
            }
        }
    }

    fn cases(
        &self,
        seeds: &[(usize, usize)],
        source_gap: usize,
        summary: bool,
    ) -> Vec<SentenceCase> {
        let mut out = Vec::new();
        if !seeds.is_empty() {
            for group in cluster(seeds.to_vec(), self.params.max_gap, source_gap) {
                self.validate(group, self.params.max_gap, source_gap, summary, &mut out);
            }
        }
        out
    }
}

fn side(units: &[Unit], idf: &HashMap<u32, f64>) -> Side {
    let vectors = units
        .iter()
        .map(|u| Vector::new(u.terms.iter().copied(), idf))
        .collect();
    Side {
        units: units.to_vec(),
        vectors,
    }
}

/// Cases found from sentence seeds alone: the plain clustering's, and the summary clustering's
/// whose source stretch is `summary_ratio` times longer than their candidate one (they may overlap).
#[derive(Debug, Default)]
pub struct SentenceCases {
    pub plain: Vec<SentenceCase>,
    pub summaries: Vec<SentenceCase>,
}

/// The unit holding character `at` (the last one if `at` lies past them all).
fn unit_at(units: &[Unit], at: usize) -> usize {
    units.partition_point(|u| u.end <= at).min(units.len() - 1)
}

/// Sentence cases of `candidate` and `source`; the sentences of `passages`, the word passages,
/// seed the summary clustering too.
pub fn sentence_cases(
    candidate: &[Unit],
    source: &[Unit],
    passages: &[WordPassage],
    params: &CaseParams,
) -> SentenceCases {
    let (candidate, source) = (joined_short(candidate), joined_short(source));
    if candidate.is_empty() || source.is_empty() {
        return SentenceCases::default();
    }
    // Inverse sentence frequency over the sentences of both texts.
    let mut frequency: HashMap<u32, usize> = HashMap::new();
    for unit in candidate.iter().chain(&source) {
        let mut terms = unit.terms.clone();
        terms.sort_unstable();
        terms.dedup();
        for term in terms {
            *frequency.entry(term).or_default() += 1;
        }
    }
    let sentences = (candidate.len() + source.len()) as f64;
    let idf: HashMap<u32, f64> = frequency
        .into_iter()
        .map(|(t, n)| (t, (sentences / n as f64).ln()))
        .collect();
    let (candidate, source) = (side(&candidate, &idf), side(&source, &idf));
    let detector = Detector {
        candidate: &candidate,
        source: &source,
        idf: &idf,
        params,
    };
    let all = seeds(
        &candidate,
        &source,
        params.min_cosine.min(params.summary_min_cosine),
        params.min_dice.min(params.summary_min_dice),
    );
    let passing = |min_cosine: f64, min_dice: f64| -> Vec<(usize, usize)> {
        all.iter()
            .filter(|s| s.cosine > min_cosine && s.dice > min_dice)
            .map(|s| s.pair)
            .collect()
    };
    let mut plain = detector.cases(
        &passing(params.min_cosine, params.min_dice),
        params.max_gap,
        false,
    );
    // Each candidate sentence seeds a summary at its closest source sentence only: the wide
    // source gap would otherwise join a case to stray matches of its sentences far away. A summary
    // keeps some sentences nearly whole: the word passages' sentences seed it too.
    let mut summary_seeds: Vec<(usize, usize)> = Vec::new();
    let mut best: Option<&Seed> = None;
    for seed in all
        .iter()
        .filter(|s| s.cosine > params.summary_min_cosine && s.dice > params.summary_min_dice)
    {
        match best {
            Some(b) if b.pair.0 == seed.pair.0 => {
                if seed.cosine > b.cosine {
                    best = Some(seed);
                }
            }
            _ => {
                summary_seeds.extend(best.map(|b| b.pair));
                best = Some(seed);
            }
        }
    }
    summary_seeds.extend(best.map(|b| b.pair));
    for p in passages {
        for (c, s) in [
            (p.candidate.0, p.source.0),
            (
                p.candidate.1.saturating_sub(1),
                p.source.1.saturating_sub(1),
            ),
        ] {
            summary_seeds.push((unit_at(&candidate.units, c), unit_at(&source.units, s)));
        }
    }
    summary_seeds.sort_unstable();
    summary_seeds.dedup();
    let mut summaries = detector.cases(&summary_seeds, params.summary_gap, true);
    // A summary case's source stretch is much longer than its candidate one.
    summaries.retain(|c| {
        (c.source.1 - c.source.0) as f64
            > params.summary_ratio * (c.candidate.1 - c.candidate.0) as f64
    });
    if !summaries.is_empty() {
        let extent = (
            source.units[0].start,
            source.units[source.units.len() - 1].end,
        );
        for case in &mut summaries {
            if (case.source.1 - case.source.0) as f64
                >= params.summary_whole * (extent.1 - extent.0) as f64
            {
                case.source = extent;
            }
        }
    }
    let long_enough = |c: &SentenceCase| c.candidate.1 - c.candidate.0 >= params.min_chars;
    // Reuse keeps or condenses a text: a candidate stretch many times longer than its source one
    // (a sentence matched to a heading or title) shares a topic, not a text.
    plain.retain(|c| {
        long_enough(c)
            && (c.candidate.1 - c.candidate.0) as f64
                <= params.summary_ratio * (c.source.1 - c.source.0) as f64
    });
    summaries.retain(long_enough);
    SentenceCases { plain, summaries }
}

const fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// The spans merged where they overlap, in order: disjoint, so a binary search finds the one a
/// span may overlap.
fn disjoint_union(spans: impl Iterator<Item = (usize, usize)>) -> Vec<(usize, usize)> {
    let mut sorted: Vec<(usize, usize)> = spans.collect();
    sorted.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(sorted.len());
    for span in sorted {
        match merged.last_mut() {
            Some(last) if span.0 < last.1 => last.1 = last.1.max(span.1),
            _ => merged.push(span),
        }
    }
    merged
}

/// Word passages and sentence cases joined into reuse cases: a sentence case mostly covered by
/// copies is left to them (their ends are exact, a sentence's are not), unless it is a summary,
/// whose long source stretch the copies would lose; what overlaps on both
/// sides is joined; of cases overlapping on the candidate side, the longest is kept.
pub fn reuse_cases(
    candidate: &[Unit],
    source: &[Unit],
    passages: &[WordPassage],
    params: &CaseParams,
) -> Vec<Case> {
    let mut ordered: Vec<&WordPassage> = passages.iter().collect();
    ordered.sort_unstable_by_key(|p| p.candidate);
    // The candidate characters of `span` inside each copy (a passage scoring `copy_score` or
    // more). The passages are disjoint on the candidate side: the ones overlapping `span` are a run.
    let copied = |span: (usize, usize)| {
        let first = ordered.partition_point(|p| p.candidate.1 <= span.0);
        ordered[first..]
            .iter()
            .take_while(move |p| p.candidate.0 < span.1)
            .filter(|p| p.score >= params.copy_score)
            .map(move |p| p.candidate.1.min(span.1) - p.candidate.0.max(span.0))
    };
    let covered = |chars: usize, span: (usize, usize)| {
        chars as f64 >= params.copy_cover * (span.1 - span.0) as f64
    };
    let SentenceCases {
        mut plain,
        mut summaries,
    } = sentence_cases(candidate, source, passages, params);
    // A stretch mostly inside one copy is that copy, not a summary, however far its other seeds
    // spread (a summary's copied sentences come from all over the source); a summary stands in
    // for the plain cases it overlaps; a plain case mostly inside copies is left to them, wherever
    // in the source they lie (their ends are exact, a sentence's are not).
    summaries.retain(|s| !covered(copied(s.candidate).max().unwrap_or(0), s.candidate));
    let summarised = disjoint_union(summaries.iter().map(|s| s.candidate));
    plain.retain(|c| {
        let next = summarised.partition_point(|span| span.1 <= c.candidate.0);
        !summarised
            .get(next)
            .is_some_and(|span| overlaps(*span, c.candidate))
            && !covered(copied(c.candidate).sum(), c.candidate)
    });
    let mut cases: Vec<Case> = passages
        .iter()
        .enumerate()
        .map(|(index, p)| Case {
            candidate: p.candidate,
            source: p.source,
            passages: vec![index],
            similarity: 0.0,
            summary: false,
        })
        .chain(plain.into_iter().chain(summaries).map(|c| Case {
            candidate: c.candidate,
            source: c.source,
            passages: Vec::new(),
            similarity: c.similarity,
            summary: c.summary,
        }))
        .collect();
    cases.sort_unstable_by_key(|c| c.candidate);

    // Join cases overlapping on both sides; `open` holds the joined cases the sweep may still reach.
    let mut joined: Vec<Case> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for case in cases {
        open.retain(|&k| joined[k].candidate.1 > case.candidate.0);
        if let Some(&k) = open
            .iter()
            .find(|&&k| overlaps(joined[k].source, case.source))
        {
            let into = &mut joined[k];
            into.candidate = (
                into.candidate.0.min(case.candidate.0),
                into.candidate.1.max(case.candidate.1),
            );
            into.source = (
                into.source.0.min(case.source.0),
                into.source.1.max(case.source.1),
            );
            into.passages.extend(case.passages);
            into.similarity = into.similarity.max(case.similarity);
            into.summary |= case.summary;
        } else {
            open.push(joined.len());
            joined.push(case);
        }
    }

    // Longest first; a case overlapping a kept one on the candidate side is dropped.
    joined.sort_by_key(|c| std::cmp::Reverse(c.candidate.1 - c.candidate.0));
    let mut kept_spans: BTreeMap<usize, usize> = BTreeMap::new();
    let mut kept = Vec::new();
    for case in joined {
        let (start, end) = case.candidate;
        let before = kept_spans
            .range(..end)
            .next_back()
            .is_some_and(|(_, &e)| e > start);
        if !before {
            kept_spans.insert(start, end);
            kept.push(case);
        }
    }
    kept.sort_unstable_by_key(|c| c.candidate);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(sentences: &[(usize, &[u32])]) -> Vec<Unit> {
        let mut at = 0;
        sentences
            .iter()
            .map(|&(len, terms)| {
                let unit = Unit {
                    start: at,
                    end: at + len,
                    terms: terms.to_vec(),
                };
                at += len + 1;
                unit
            })
            .collect()
    }

    #[test]
    fn reworded_sentences_seed_one_case() {
        let params = CaseParams {
            min_chars: 0,
            ..DEFAULT_CASE_PARAMS
        };
        // Three candidate sentences share most terms with three source sentences, reordered words.
        let candidate = units(&[
            (80, &[1, 2, 3, 4]),
            (80, &[5, 6, 7, 8]),
            (80, &[9, 10, 11, 12]),
            (80, &[40, 41, 42]),
        ]);
        let source = units(&[
            (60, &[50, 51, 52]),
            (90, &[4, 3, 2, 1, 20]),
            (90, &[8, 7, 6, 5]),
            (90, &[12, 11, 10, 9, 21]),
        ]);
        let found = sentence_cases(&candidate, &source, &[], &params).plain;
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].candidate, (0, 242));
        assert_eq!(found[0].source, (61, 333));
        assert!(!found[0].summary);
    }

    #[test]
    fn unrelated_sentences_seed_nothing() {
        let candidate = units(&[(200, &[1, 2, 3, 4]), (200, &[5, 6, 7, 8])]);
        let source = units(&[(200, &[11, 12, 13, 14]), (200, &[15, 16, 17, 18])]);
        let found = sentence_cases(&candidate, &source, &[], &DEFAULT_CASE_PARAMS);
        assert!(found.plain.is_empty() && found.summaries.is_empty());
    }

    #[test]
    fn a_summary_takes_a_long_source_stretch() {
        let params = CaseParams {
            min_chars: 0,
            ..DEFAULT_CASE_PARAMS
        };
        // Candidate sentences match source sentences ten apart: only the wide gap joins them.
        let candidate = units(&[
            (50, &[1, 2, 3, 4]),
            (50, &[5, 6, 7, 8]),
            (50, &[9, 10, 11, 12]),
        ]);
        let mut source_sentences: Vec<(usize, Vec<u32>)> = (0..30)
            .map(|k| (50, vec![100 + 3 * k, 101 + 3 * k, 102 + 3 * k]))
            .collect();
        source_sentences[0].1 = vec![1, 2, 3, 4];
        source_sentences[10].1 = vec![5, 6, 7, 8];
        source_sentences[20].1 = vec![9, 10, 11, 12];
        let borrowed: Vec<(usize, &[u32])> = source_sentences
            .iter()
            .map(|(l, t)| (*l, t.as_slice()))
            .collect();
        let source = units(&borrowed);
        let found = sentence_cases(
            &candidate,
            &source,
            &[],
            &CaseParams {
                summary_whole: 1.0,
                ..params
            },
        )
        .summaries;
        assert_eq!(found.len(), 1);
        assert!(found[0].summary);
        assert_eq!(found[0].source, (0, 20 * 51 + 50));
        // Its seeds span more than half of the source: the summary is of the whole source.
        let whole = sentence_cases(
            &candidate,
            &source,
            &[],
            &CaseParams {
                summary_whole: 0.5,
                ..params
            },
        )
        .summaries;
        assert_eq!(whole[0].source, (0, 29 * 51 + 50));
    }

    /// Sentences of 50 characters, each with three terms of its own, except those `placed`.
    fn source_with(count: usize, placed: &[(usize, &[u32])]) -> Vec<Unit> {
        let mut sentences: Vec<(usize, Vec<u32>)> = (0..count)
            .map(|k| {
                let k = u32::try_from(k).unwrap();
                (50, vec![1000 + 3 * k, 1001 + 3 * k, 1002 + 3 * k])
            })
            .collect();
        for &(at, terms) in placed {
            sentences[at].1 = terms.to_vec();
        }
        let borrowed: Vec<(usize, &[u32])> =
            sentences.iter().map(|(l, t)| (*l, t.as_slice())).collect();
        units(&borrowed)
    }

    #[test]
    fn copies_spread_over_the_source_make_a_summary() {
        let params = CaseParams {
            min_chars: 0,
            // No sentence seeds: the copies alone must find the summary.
            min_cosine: 1.0,
            summary_min_cosine: 1.0,
            ..DEFAULT_CASE_PARAMS
        };
        let candidate = units(&[(50, &[1, 2, 3]), (50, &[4, 5, 6]), (50, &[7, 8, 9])]);
        let source = source_with(41, &[(0, &[1, 2, 3]), (20, &[4, 5, 6]), (40, &[7, 8, 9])]);
        let copy = |k: usize, at: usize| WordPassage {
            candidate: (k * 51, k * 51 + 50),
            source: (at * 51, at * 51 + 50),
            score: 1.0,
        };
        let passages = [copy(0, 0), copy(1, 20), copy(2, 40)];
        let found = reuse_cases(&candidate, &source, &passages, &params);
        assert_eq!(found.len(), 1);
        assert!(found[0].summary);
        assert_eq!(found[0].candidate, (0, 152));
        assert_eq!(found[0].source, (0, 40 * 51 + 50));
        assert_eq!(found[0].passages, vec![0, 1, 2]);
    }

    #[test]
    fn pasted_paragraphs_far_apart_are_copies_not_a_summary() {
        let params = CaseParams {
            min_chars: 0,
            ..DEFAULT_CASE_PARAMS
        };
        // Two paragraphs of three sentences pasted from far apart in a long source, two of the
        // writer's own sentences between them: seeds on six of eight sentences, but two acts of
        // reuse against the writer's two sentences.
        let candidate = units(&[
            (50, &[1, 2, 3]),
            (50, &[4, 5, 6]),
            (50, &[7, 8, 9]),
            (50, &[50, 51, 52]),
            (50, &[53, 54, 55]),
            (50, &[11, 12, 13]),
            (50, &[14, 15, 16]),
            (50, &[17, 18, 19]),
        ]);
        let source = source_with(
            41,
            &[
                (5, &[1, 2, 3]),
                (6, &[4, 5, 6]),
                (7, &[7, 8, 9]),
                (30, &[11, 12, 13]),
                (31, &[14, 15, 16]),
                (32, &[17, 18, 19]),
            ],
        );
        let copy = |first: usize, at: usize| WordPassage {
            candidate: (first * 51, first * 51 + 152),
            source: (at * 51, at * 51 + 152),
            score: 1.0,
        };
        let passages = [copy(0, 5), copy(5, 30)];
        let found = reuse_cases(&candidate, &source, &passages, &params);
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|c| !c.summary));
        assert_eq!(found[0].passages, vec![0]);
        assert_eq!(found[1].passages, vec![1]);
    }

    #[test]
    fn a_sentence_case_over_a_copy_from_elsewhere_is_left_to_the_copy() {
        let params = CaseParams {
            min_chars: 0,
            ..DEFAULT_CASE_PARAMS
        };
        // The candidate sentence matches the source's first sentence by its terms, and is copied
        // word for word from the tenth: the copy, whose ends are exact, is the case.
        let candidate = units(&[(102, &[1, 2, 3, 4])]);
        let source = source_with(10, &[(0, &[1, 2, 3, 4]), (9, &[1, 2, 3, 4, 5])]);
        let passages = [WordPassage {
            candidate: (1, 101),
            source: (9 * 51, 9 * 51 + 50),
            score: 1.0,
        }];
        let found = reuse_cases(&candidate, &source, &passages, &params);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].passages, vec![0]);
        assert_eq!(found[0].candidate, (1, 101));
    }

    #[test]
    fn a_stray_match_far_away_does_not_make_a_summary() {
        let params = CaseParams {
            min_chars: 0,
            summary_gap: 80,
            ..DEFAULT_CASE_PARAMS
        };
        // Three sentences reworded in order; the last also shares three of its four terms with a
        // sentence far away (within the summary gap), less closely than with its own.
        let candidate = units(&[
            (50, &[1, 2, 3, 4]),
            (50, &[5, 6, 7, 8]),
            (50, &[9, 10, 11, 12]),
        ]);
        let source = source_with(
            41,
            &[
                (0, &[1, 2, 3, 4]),
                (1, &[5, 6, 7, 8]),
                (2, &[9, 10, 11, 12]),
                (40, &[9, 10, 11, 99]),
            ],
        );
        let found = sentence_cases(&candidate, &source, &[], &params);
        assert!(found.summaries.is_empty());
        assert!(
            found
                .plain
                .iter()
                .any(|c| c.candidate == (0, 152) && c.source == (0, 152))
        );
    }

    #[test]
    fn a_summary_needs_seeds_on_most_of_its_sentences() {
        let params = CaseParams {
            min_chars: 0,
            ..DEFAULT_CASE_PARAMS
        };
        // Two of four candidate sentences match sentences far apart (a caption naming the same
        // people, say): a shared topic, not a summary.
        let candidate = units(&[
            (50, &[1, 2, 3, 4]),
            (50, &[50, 51, 52]),
            (50, &[53, 54, 55]),
            (50, &[9, 10, 11, 12]),
        ]);
        let source = source_with(41, &[(0, &[1, 2, 3, 4]), (40, &[9, 10, 11, 12])]);
        assert!(
            sentence_cases(&candidate, &source, &[], &params)
                .summaries
                .is_empty()
        );
        // With a third sentence matched, most are: a summary.
        let candidate = units(&[
            (50, &[1, 2, 3, 4]),
            (50, &[5, 6, 7, 8]),
            (50, &[53, 54, 55]),
            (50, &[9, 10, 11, 12]),
        ]);
        let source = source_with(
            41,
            &[
                (0, &[1, 2, 3, 4]),
                (20, &[5, 6, 7, 8]),
                (40, &[9, 10, 11, 12]),
            ],
        );
        assert_eq!(
            sentence_cases(&candidate, &source, &[], &params)
                .summaries
                .len(),
            1
        );
    }

    #[test]
    fn a_case_grows_by_the_similar_sentences_next_to_it() {
        let params = CaseParams {
            min_chars: 0,
            ..DEFAULT_CASE_PARAMS
        };
        // The first pair shares one term, three times over: similar (cosine about 0.6), but with a
        // Dice of 0.29 no seed. The last pair shares nothing.
        let candidate = units(&[
            (50, &[20, 20, 20, 21, 22]),
            (50, &[1, 2, 3, 4]),
            (50, &[5, 6, 7, 8]),
            (50, &[30, 31, 32]),
        ]);
        let source = units(&[
            (50, &[20, 20, 20, 23, 24, 25]),
            (50, &[1, 2, 3, 4]),
            (50, &[5, 6, 7, 8]),
            (50, &[33, 34, 35]),
        ]);
        let found = sentence_cases(&candidate, &source, &[], &params).plain;
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].candidate, found[0].source), ((0, 152), (0, 152)));
    }

    #[test]
    fn a_long_sentence_matched_to_a_heading_is_no_case() {
        let params = CaseParams {
            min_chars: 0,
            ..DEFAULT_CASE_PARAMS
        };
        let candidate = units(&[(300, &[1, 2, 3, 4, 5])]);
        let source = units(&[(40, &[1, 2, 3, 4]), (60, &[10, 11, 12])]);
        assert!(
            sentence_cases(&candidate, &source, &[], &params)
                .plain
                .is_empty()
        );
        // The same sentence matched to one of its own length is a case.
        let source = units(&[(280, &[1, 2, 3, 4]), (60, &[10, 11, 12])]);
        assert_eq!(
            sentence_cases(&candidate, &source, &[], &params)
                .plain
                .len(),
            1
        );
    }

    #[test]
    fn overlapping_spans_merge_into_disjoint_ones() {
        let spans = [(10, 20), (0, 5), (15, 30), (30, 40), (4, 8)];
        assert_eq!(
            disjoint_union(spans.into_iter()),
            vec![(0, 8), (10, 30), (30, 40)]
        );
    }

    #[test]
    fn short_sentences_join_the_next() {
        let joined = joined_short(&units(&[(10, &[1]), (10, &[2, 3, 4]), (10, &[5, 6])]));
        assert_eq!(joined.len(), 1);
        assert_eq!((joined[0].start, joined[0].end), (0, 32));
        assert_eq!(joined[0].terms, vec![1, 2, 3, 4, 5, 6]);
    }

    #[test]
    fn overlapping_cases_join_and_the_longest_wins() {
        let params = CaseParams {
            min_chars: 0,
            ..DEFAULT_CASE_PARAMS
        };
        let passages = [
            WordPassage {
                candidate: (0, 50),
                source: (100, 150),
                score: 0.6,
            },
            WordPassage {
                candidate: (40, 90),
                source: (140, 190),
                score: 0.6,
            },
            // Overlaps the joined case on the candidate side only: the shorter, it is dropped.
            WordPassage {
                candidate: (80, 100),
                source: (500, 520),
                score: 0.6,
            },
            WordPassage {
                candidate: (200, 260),
                source: (0, 60),
                score: 1.0,
            },
        ];
        let found = reuse_cases(&[], &[], &passages, &params);
        assert_eq!(found.len(), 2);
        assert_eq!(
            (
                found[0].candidate,
                found[0].source,
                found[0].passages.clone()
            ),
            ((0, 90), (100, 190), vec![0, 1])
        );
        assert_eq!(found[1].passages, vec![3]);
    }
}
