//! A fingerprint index over a collection: winnowed word n-gram hashes with postings to
//! documents and token positions, candidate generation for one query and for all pairs, and a
//! compact single-file on-disk form.
//!
//! Fingerprints are the n-gram hashes of `seed::ngram_hashes` selected by robust winnowing
//! (Schleimer, Wilkerson & Aiken 2003): the minimum of every window of `window` consecutive
//! n-gram hashes. Any run of `window + ngram - 1` identical words in two texts therefore shares at
//! least one fingerprint, while only about `2 / (window + 1)` of the n-grams are stored.
//! `window = 1` stores every n-gram.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::ops::RangeInclusive;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use crate::align::range_error;
use crate::seed::{MAX_NGRAM, ngram_hashes};
use crate::text::token_hashes;

/// Four-word n-grams, as the aligner's seeds: the index finds what the aligner can then align.
pub const DEFAULT_INDEX_NGRAM: usize = 4;
/// Winnowing window, chosen by measurement on the synthetic corpus (`benches/synthetic.py`,
/// figures in `docs/corpus.md`): every copied run of 11 words is guaranteed a shared
/// fingerprint, and the index holds about a fifth of the n-grams.
pub const DEFAULT_WINDOW: usize = 8;
/// A fingerprint found in more documents than this marks boilerplate or a stock phrase, not a
/// source: it is skipped when candidates are generated (passim's default `--max-df` is 100, and
/// a fingerprint shared by `d` documents costs `d (d - 1) / 2` candidate pairs).
pub const DEFAULT_MAX_DF: usize = 100;

/// The index file: magic, then the format version.
const MAGIC: &[u8; 8] = b"PRVNIDX\0";
pub const FORMAT_VERSION: u32 = 1;
const HEADER_LEN: u64 = 8 + 4 + 8 + 8 + 8;
const POSTING_BYTES: usize = 16;
/// Documents are numbered with `u32`.
pub const MAX_DOCS: usize = u32::MAX as usize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexParams {
    pub ngram: usize,
    pub window: usize,
    pub max_df: usize,
}

impl Default for IndexParams {
    fn default() -> Self {
        Self {
            ngram: DEFAULT_INDEX_NGRAM,
            window: DEFAULT_WINDOW,
            max_df: DEFAULT_MAX_DF,
        }
    }
}

pub const INDEX_NGRAM_RANGE: RangeInclusive<usize> = 1..=MAX_NGRAM;
/// Wider windows would keep too few fingerprints to find copies of a sentence or two.
pub const WINDOW_RANGE: RangeInclusive<usize> = 1..=256;
/// The index file stores `max_df` in 32 bits, and no index holds more documents than that.
pub const MAX_DF_RANGE: RangeInclusive<usize> = 2..=MAX_DOCS;

impl IndexParams {
    pub fn validate(self) -> Result<Self, IndexError> {
        for (name, value, range) in [
            ("ngram", self.ngram, INDEX_NGRAM_RANGE),
            ("window", self.window, WINDOW_RANGE),
            ("max_df", self.max_df, MAX_DF_RANGE),
        ] {
            if !range.contains(&value) {
                return Err(IndexError::Params(range_error(name, &range, value)));
            }
        }
        Ok(self)
    }
}

#[derive(Debug)]
pub enum IndexError {
    Params(String),
    /// Not an index, a different format version, truncated or corrupted: one line for the user.
    Format(String),
    Io(std::io::Error),
}

impl std::fmt::Display for IndexError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Params(m) | Self::Format(m) => f.write_str(m),
            Self::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for IndexError {}

impl From<std::io::Error> for IndexError {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::UnexpectedEof {
            Self::Format("is truncated or corrupted (it ends too early)".into())
        } else {
            Self::Io(e)
        }
    }
}

/// Winnowed fingerprints of a token-hash sequence: `(hash, token position of the n-gram)`.
/// Robust winnowing: the rightmost minimum of each window, recorded once while it stays the
/// minimum. A text shorter than one window gives its single minimum.
pub fn fingerprints(token_hashes: &[u64], ngram: usize, window: usize) -> Vec<(u64, u32)> {
    let grams = ngram_hashes(token_hashes, ngram);
    if window <= 1 {
        return grams
            .into_iter()
            .enumerate()
            .map(|(i, h)| (h, i as u32))
            .collect();
    }
    let mut out = Vec::with_capacity(2 * grams.len() / (window + 1) + 1);
    if grams.is_empty() {
        return out;
    }
    let w = window.min(grams.len());
    // Rightmost minimum: ties move the selection forward, as the paper's robust variant.
    let rightmost_min = |range: std::ops::Range<usize>| {
        range.clone().skip(1).fold(
            range.start,
            |best, i| if grams[i] <= grams[best] { i } else { best },
        )
    };
    let mut best = rightmost_min(0..w);
    out.push((grams[best], best as u32));
    // Sliding by one word, the minimum changes only when the entering n-gram is no larger or
    // the minimum leaves the window: the window is scanned again only then (about every
    // `w / 2` words), not at every step.
    for end in w..grams.len() {
        let selected = if best + w <= end {
            rightmost_min(end + 1 - w..end + 1)
        } else if grams[end] <= grams[best] {
            end
        } else {
            best
        };
        if selected != best {
            best = selected;
            out.push((grams[best], best as u32));
        }
    }
    out
}

/// One occurrence of a fingerprint: document number and the token position of its n-gram.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Posting {
    pub key: u64,
    pub doc: u32,
    pub pos: u32,
}

/// One occurrence of a fingerprint without its position, which candidate pairs never read:
/// 12 bytes where a `Posting` takes 16 (the key in two halves keeps the alignment at 4). Ordered
/// by key, then document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct KeyDoc {
    key_high: u32,
    key_low: u32,
    doc: u32,
}

impl KeyDoc {
    pub fn new(key: u64, doc: u32) -> Self {
        Self {
            key_high: (key >> 32) as u32,
            key_low: key as u32,
            doc,
        }
    }
}

/// What candidate generation reads of an occurrence of a fingerprint.
pub trait Occurrence {
    fn key(&self) -> u64;
    fn doc(&self) -> u32;
}

impl Occurrence for Posting {
    fn key(&self) -> u64 {
        self.key
    }
    fn doc(&self) -> u32 {
        self.doc
    }
}

impl Occurrence for KeyDoc {
    fn key(&self) -> u64 {
        (u64::from(self.key_high) << 32) | u64::from(self.key_low)
    }
    fn doc(&self) -> u32 {
        self.doc
    }
}

/// Postings of a batch of texts, documents numbered from `first_doc`, sorted by key then
/// document then position. Fingerprinting runs in parallel.
pub fn postings_of<S: AsRef<str> + Sync>(
    texts: &[S],
    first_doc: u32,
    params: &IndexParams,
) -> Vec<Posting> {
    let prints: Vec<Vec<(u64, u32)>> = texts
        .par_iter()
        .map(|text| fingerprints(&token_hashes(text.as_ref()), params.ngram, params.window))
        .collect();
    sorted_postings(&prints, first_doc)
}

/// The postings of `prints[i]` as document `first_doc + i`, sorted by key, document, position.
pub fn sorted_postings(prints: &[Vec<(u64, u32)>], first_doc: u32) -> Vec<Posting> {
    let mut postings = Vec::with_capacity(prints.iter().map(Vec::len).sum());
    for (i, doc_prints) in prints.iter().enumerate() {
        let doc = first_doc + i as u32;
        postings.extend(
            doc_prints
                .iter()
                .map(|&(key, pos)| Posting { key, doc, pos }),
        );
    }
    sort_in_key_buckets(&mut postings);
    postings
}

/// Sorts occurrences in place. Each is first moved to the bucket of the top bits of its key
/// (hashes are uniform, so buckets are even) by swaps (American flag sort, no second array),
/// then the buckets are sorted on their own, in parallel, a few thousand occurrences each, in
/// cache (`sort_bucket`), where one sort of the whole array is several times slower.
pub fn sort_in_key_buckets<T: Occurrence + Ord + Copy + Send>(items: &mut [T]) {
    let bits = bucket_bits(items.len());
    let starts = partition_by_bucket(items, bits);
    let mut buckets: Vec<&mut [T]> = Vec::with_capacity(1 << bits);
    let mut rest = items;
    for w in starts.windows(2) {
        let (head, tail) = rest.split_at_mut(w[1] - w[0]);
        buckets.push(head);
        rest = tail;
    }
    buckets.par_iter_mut().for_each_init(
        || (Vec::new(), Vec::new()),
        |(scratch, groups), b| {
            sort_bucket(std::iter::once(&**b), bits, scratch, groups);
            b.copy_from_slice(scratch);
        },
    );
}

/// Top bits of the keys that number the buckets of `occurrences` occurrences: a few thousand
/// occurrences a bucket.
fn bucket_bits(occurrences: usize) -> u32 {
    (occurrences / 4096).max(1).ilog2().min(16)
}

/// Moves each occurrence to the bucket of the top `bits` bits of its key, in place, by swaps
/// (American flag sort); returns where each bucket starts, and the end.
fn partition_by_bucket<T: Occurrence>(items: &mut [T], bits: u32) -> Vec<usize> {
    let bucket = |key: u64| {
        if bits == 0 {
            0
        } else {
            (key >> (64 - bits)) as usize
        }
    };
    let mut starts = vec![0usize; (1 << bits) + 1];
    for item in items.iter() {
        starts[bucket(item.key()) + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    // `next[b]`: the first slot of bucket `b` not yet holding one of its own. An item out of
    // place is swapped into the next free slot of its bucket; every swap places one for good.
    let mut next = starts[..starts.len() - 1].to_vec();
    for b in 0..next.len() {
        while next[b] < starts[b + 1] {
            let i = next[b];
            let home = bucket(items[i].key());
            if home != b {
                items.swap(i, next[home]);
            }
            next[home] += 1;
        }
    }
    starts
}

/// Puts the occurrences of `pieces` in order into `scratch`; their keys share their top `known`
/// bits. They are counted into groups by the next bits of their keys, about one occurrence to
/// a group (the keys are uniform hashes), moved to `scratch` in group order, and each group
/// sorted on its own, by insertion when it is small. A group is large only for a key many
/// documents share; it is sorted by comparison.
fn sort_bucket<'a, T: Occurrence + Ord + Copy + 'a>(
    pieces: impl Iterator<Item = &'a [T]> + Clone,
    known: u32,
    scratch: &mut Vec<T>,
    group_ends: &mut Vec<u32>,
) {
    const SMALL: usize = 16;
    scratch.clear();
    let len: usize = pieces.clone().map(<[T]>::len).sum();
    if len <= SMALL {
        pieces.for_each(|piece| scratch.extend_from_slice(piece));
        insertion_sort(scratch);
        return;
    }
    let bits = len.ilog2().min(64 - known);
    let group = |key: u64| ((key << known) >> (64 - bits)) as usize;
    group_ends.clear();
    group_ends.resize((1 << bits) + 1, 0);
    for item in pieces.clone().flatten() {
        group_ends[group(item.key()) + 1] += 1;
    }
    for g in 1..group_ends.len() {
        group_ends[g] += group_ends[g - 1];
    }
    // Each group's next free slot, from its start; once all are placed, the group's end.
    let first = pieces.clone().flatten().next().copied();
    scratch.resize(len, first.expect("more than SMALL occurrences"));
    for &item in pieces.flatten() {
        let slot = &mut group_ends[group(item.key())];
        scratch[*slot as usize] = item;
        *slot += 1;
    }
    let mut start = 0;
    for &end in &group_ends[..group_ends.len() - 1] {
        let run = &mut scratch[start..end as usize];
        if run.len() <= SMALL {
            insertion_sort(run);
        } else {
            run.sort_unstable();
        }
        start = end as usize;
    }
}

fn insertion_sort<T: Ord + Copy>(items: &mut [T]) {
    for i in 1..items.len() {
        let item = items[i];
        let mut j = i;
        while j > 0 && items[j - 1] > item {
            items[j] = items[j - 1];
            j -= 1;
        }
        items[j] = item;
    }
}

/// The distinct documents of one key's occurrences (they are sorted by document).
fn distinct_docs<P: Occurrence>(run: &[P]) -> impl Iterator<Item = u32> + '_ {
    run.iter()
        .enumerate()
        .filter(|&(i, p)| i == 0 || run[i - 1].doc() != p.doc())
        .map(|(_, p)| p.doc())
}

/// Runs of equal keys in sorted occurrences.
fn key_runs<P: Occurrence>(postings: &[P]) -> impl Iterator<Item = &[P]> {
    postings.chunk_by(|a, b| a.key() == b.key())
}

/// Document pairs `(a, b)`, `a < b`, that share at least `min_shared` distinct fingerprints found
/// in at most `max_df` documents, with the number they share. Memory: one `u64` per shared
/// fingerprint occurrence between two documents, before counting.
pub fn candidate_pairs<P: Occurrence + Sync>(
    postings: &[P],
    max_df: usize,
    min_shared: usize,
) -> Vec<(u32, u32, u32)> {
    // Split at key boundaries so that each key's run is handled by one thread.
    let parts = rayon::current_num_threads().max(1) * 8;
    let mut bounds = vec![0usize];
    for k in 1..parts {
        let mut cut = postings.len() * k / parts;
        while cut > 0 && cut < postings.len() && postings[cut - 1].key() == postings[cut].key() {
            cut += 1;
        }
        if cut > *bounds.last().expect("bounds start at 0") {
            bounds.push(cut.min(postings.len()));
        }
    }
    bounds.push(postings.len());
    bounds.dedup();
    let pairs: Vec<u64> = bounds
        .par_windows(2)
        .flat_map_iter(|w| {
            let mut out = Vec::new();
            let mut pruned = Pruned::default();
            shared_pairs(
                &postings[w[0]..w[1]],
                max_df,
                &mut Vec::new(),
                &mut out,
                &mut pruned,
            );
            out
        })
        .collect();
    count_pairs(pairs, min_shared)
}

/// `candidate_pairs` of occurrences in any order, which are reordered in place: each thread
/// moves the occurrences of its own part of them to buckets by the top bits of their keys,
/// then, for each bucket, in parallel, the occurrences of keys found more than once in it are
/// picked out (`RepeatedKeys`: most keys are found once, and pair no documents), sorted
/// together in cache and their pairs taken; no pass over the whole array runs on one thread,
/// and no bucket is written back in order. Also returns the keys pruned as in more than
/// `max_df` documents, and those documents.
pub fn unsorted_candidate_pairs<P: Occurrence + Ord + Copy + Send + Sync>(
    occurrences: &mut [P],
    max_df: usize,
    min_shared: usize,
) -> (Vec<(u32, u32, u32)>, Pruned) {
    let bits = bucket_bits(occurrences.len());
    let part_len = occurrences
        .len()
        .div_ceil(rayon::current_num_threads())
        .max(1);
    let parts: Vec<(&[P], Vec<usize>)> = occurrences
        .par_chunks_mut(part_len)
        .map(|part| {
            let starts = partition_by_bucket(part, bits);
            (&*part, starts)
        })
        .collect();
    let pruned = Mutex::new(Pruned::default());
    let pairs: Vec<u64> = (0..1usize << bits)
        .into_par_iter()
        .map_init(
            || {
                (
                    RepeatedKeys::default(),
                    Vec::<P>::new(),
                    Vec::new(),
                    Vec::new(),
                    Vec::new(),
                    Pruned::default(),
                )
            },
            |(repeated, picked, sorted, groups, docs, bucket_pruned), bucket| {
                let pieces = parts
                    .iter()
                    .map(|(part, starts)| &part[starts[bucket]..starts[bucket + 1]]);
                repeated.count(pieces.clone());
                picked.clear();
                picked.extend(pieces.flatten().filter(|o| repeated.may_repeat(o.key())));
                sort_bucket(std::iter::once(&picked[..]), bits, sorted, groups);
                let mut out = Vec::new();
                shared_pairs(sorted, max_df, docs, &mut out, bucket_pruned);
                // Rare (boilerplate): the lock is taken only by a bucket that pruned a key.
                if !bucket_pruned.keys.is_empty() {
                    let mut all = pruned.lock().unwrap_or_else(PoisonError::into_inner);
                    all.keys.append(&mut bucket_pruned.keys);
                    all.docs.append(&mut bucket_pruned.docs);
                }
                out
            },
        )
        .flatten_iter()
        .collect();
    let mut pruned = pruned.into_inner().unwrap_or_else(PoisonError::into_inner);
    pruned.keys.sort_unstable();
    pruned.docs.par_sort_unstable();
    pruned.docs.dedup();
    (count_pairs(pairs, min_shared), pruned)
}

/// Fingerprints found in more than `max_df` documents, which choose no candidates (sorted),
/// and the documents that hold them (sorted, each once).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pruned {
    pub keys: Vec<u64>,
    pub docs: Vec<u32>,
}

/// Keys found more than once among some occurrences, as bits of a table numbered by the keys'
/// low bits (winnowing keeps the smallest hashes, so their top bits are far from uniform): a
/// key whose bit is clear was found once; a set bit may stand for other keys too.
#[derive(Default)]
struct RepeatedKeys {
    mask: u64,
    seen: Vec<u64>,
    twice: Vec<u64>,
}

impl RepeatedKeys {
    /// Counts the keys of `pieces` afresh. Eight bits a key or more keep the keys found once
    /// that share a bit with another to about one in eight.
    fn count<'a, P: Occurrence + 'a>(&mut self, pieces: impl Iterator<Item = &'a [P]> + Clone) {
        let keys: usize = pieces.clone().map(<[P]>::len).sum();
        let bits = (keys * 8).next_power_of_two().max(64);
        self.mask = bits as u64 - 1;
        for table in [&mut self.seen, &mut self.twice] {
            table.clear();
            table.resize(bits / 64, 0);
        }
        for o in pieces.flatten() {
            let (word, bit) = self.place(o.key());
            self.twice[word] |= self.seen[word] & bit;
            self.seen[word] |= bit;
        }
    }

    fn place(&self, key: u64) -> (usize, u64) {
        let at = key & self.mask;
        ((at / 64) as usize, 1 << (at % 64))
    }

    fn may_repeat(&self, key: u64) -> bool {
        let (word, bit) = self.place(key);
        self.twice[word] & bit != 0
    }
}

/// Appends to `out` the document pair `a << 32 | b` of each fingerprint two documents `a < b`
/// share among `postings` (sorted by key, then document), at most `max_df` sharing it; the keys
/// more share, and their documents, go to `pruned`.
fn shared_pairs<P: Occurrence>(
    postings: &[P],
    max_df: usize,
    docs: &mut Vec<u32>,
    out: &mut Vec<u64>,
    pruned: &mut Pruned,
) {
    for run in key_runs(postings) {
        if run.len() < 2 {
            continue;
        }
        docs.clear();
        docs.extend(distinct_docs(run));
        if docs.len() > max_df {
            pruned.keys.push(run[0].key());
            pruned.docs.extend_from_slice(docs);
            continue;
        }
        if docs.len() < 2 {
            continue;
        }
        for (i, &a) in docs.iter().enumerate() {
            out.extend(
                docs[i + 1..]
                    .iter()
                    .map(|&b| (u64::from(a) << 32) | u64::from(b)),
            );
        }
    }
}

/// The pairs found `min_shared` times or more, with their number.
fn count_pairs(mut pairs: Vec<u64>, min_shared: usize) -> Vec<(u32, u32, u32)> {
    pairs.par_sort_unstable();
    pairs
        .chunk_by(|a, b| a == b)
        .filter(|run| run.len() >= min_shared)
        .map(|run| ((run[0] >> 32) as u32, run[0] as u32, run.len() as u32))
        .collect()
}

/// A query's distinct n-grams looked up in the index (every n-gram of the query, not only its
/// winnowed ones, so a copied run found once in the index is found whatever the query's
/// winnowing would pick): where the postings of each lie, apart for those in more than `max_df`
/// documents (text many documents share, a footer or a stock phrase), which choose no candidates.
#[derive(Debug, Clone, Default)]
pub struct QueryLookup {
    found: Vec<(u64, std::ops::Range<usize>)>,
    above_max_df: Vec<(u64, std::ops::Range<usize>)>,
}

pub fn look_up_query(
    postings: &[Posting],
    query_hashes: &[u64],
    params: &IndexParams,
) -> QueryLookup {
    let mut grams = ngram_hashes(query_hashes, params.ngram);
    grams.sort_unstable();
    grams.dedup();
    let mut lookup = QueryLookup::default();
    for key in grams {
        let start = postings.partition_point(|p| p.key < key);
        let end = start + postings[start..].partition_point(|p| p.key == key);
        if start == end {
            continue;
        }
        if distinct_docs(&postings[start..end])
            .nth(params.max_df)
            .is_none()
        {
            lookup.found.push((key, start..end));
        } else {
            lookup.above_max_df.push((key, start..end));
        }
    }
    lookup
}

impl QueryLookup {
    /// Documents sharing the query's n-grams for which `counts` holds, with the number of
    /// distinct such n-grams they share, most first.
    pub fn candidates(
        &self,
        postings: &[Posting],
        counts: impl Fn(u64) -> bool,
    ) -> Vec<(u32, u32)> {
        let mut hits: Vec<u32> = Vec::new();
        for (key, range) in &self.found {
            if counts(*key) {
                hits.extend(distinct_docs(&postings[range.clone()]));
            }
        }
        hits.sort_unstable();
        let mut counted: Vec<(u32, u32)> = hits
            .chunk_by(|a, b| a == b)
            .map(|run| (run[0], run.len() as u32))
            .collect();
        counted.sort_by_key(|&(doc, n)| (std::cmp::Reverse(n), doc));
        counted
    }

    /// Whether no n-gram of the query is in more than `max_df` documents.
    pub fn prunes_none(&self) -> bool {
        self.above_max_df.is_empty()
    }

    /// The query's n-grams in more than `max_df` documents for which `keep` holds, and the
    /// documents that hold them.
    pub fn pruned(&self, postings: &[Posting], keep: impl Fn(u64) -> bool) -> Pruned {
        let mut pruned = Pruned::default();
        for (key, range) in &self.above_max_df {
            if keep(*key) {
                pruned.keys.push(*key);
                pruned.docs.extend(distinct_docs(&postings[range.clone()]));
            }
        }
        pruned.docs.sort_unstable();
        pruned.docs.dedup();
        pruned
    }
}

/// A document of the index: its id, opaque metadata (JSON from the caller), and where its
/// text lies in the text section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocEntry {
    pub id: String,
    pub meta: String,
    pub text_offset: u64,
    pub text_len: u64,
    pub text_hash: u64,
}

/// The texts: a section of the index file read on demand, then texts added since loading.
#[derive(Debug, Default)]
struct TextStore {
    file: Option<(File, u64, u64)>, // the file, where its text section starts, its length
    added: Vec<u8>,
}

impl TextStore {
    fn len(&self) -> u64 {
        self.file.as_ref().map_or(0, |f| f.2) + self.added.len() as u64
    }

    fn read(&self, offset: u64, len: u64) -> Result<Vec<u8>, IndexError> {
        let file_len = self.file.as_ref().map_or(0, |f| f.2);
        if offset >= file_len {
            let start = (offset - file_len) as usize;
            return Ok(self.added[start..start + len as usize].to_vec());
        }
        let (file, section, _) = self.file.as_ref().expect("offset inside the file section");
        let mut buf = vec![0u8; len as usize];
        file.read_exact_at(&mut buf, section + offset)?;
        Ok(buf)
    }

    fn copy_to(&self, out: &mut impl Write) -> Result<(), IndexError> {
        if let Some((file, section, len)) = &self.file {
            let mut buf = vec![0u8; 1 << 20];
            let mut done = 0u64;
            while done < *len {
                let n = buf.len().min((len - done) as usize);
                file.read_exact_at(&mut buf[..n], section + done)?;
                out.write_all(&buf[..n])?;
                done += n as u64;
            }
        }
        out.write_all(&self.added)?;
        Ok(())
    }
}

/// The fingerprint index of a collection.
#[derive(Debug, Default)]
pub struct Index {
    pub params: IndexParams,
    pub docs: Vec<DocEntry>,
    /// Sorted by key, document, position.
    pub postings: Vec<Posting>,
    texts: TextStore,
}

impl Index {
    pub fn new(params: IndexParams) -> Result<Self, IndexError> {
        Ok(Self {
            params: params.validate()?,
            ..Self::default()
        })
    }

    /// Adds documents `(id, text, meta)`; their numbers follow the existing ones.
    pub fn add<S: AsRef<str> + Sync>(&mut self, records: &[(S, S, S)]) -> Result<(), IndexError> {
        let first = self.docs.len();
        if first + records.len() > MAX_DOCS {
            return Err(IndexError::Params(
                "an index holds at most 2^32 - 1 documents".into(),
            ));
        }
        // Ids and metadata are stored with 32-bit lengths.
        if let Some((id, ..)) = records
            .iter()
            .find(|r| r.0.as_ref().len() > MAX_DOCS || r.2.as_ref().len() > MAX_DOCS)
        {
            return Err(IndexError::Params(format!(
                "the id or metadata of document {:?} is over 4 GiB",
                id.as_ref().chars().take(80).collect::<String>()
            )));
        }
        let texts: Vec<&str> = records.iter().map(|r| r.1.as_ref()).collect();
        let added = postings_of(&texts, first as u32, &self.params);
        for (id, text, meta) in records {
            let text = text.as_ref().as_bytes();
            self.docs.push(DocEntry {
                id: id.as_ref().to_owned(),
                meta: meta.as_ref().to_owned(),
                text_offset: self.texts.len(),
                text_len: text.len() as u64,
                text_hash: xxh3_64(text),
            });
            self.texts.added.extend_from_slice(text);
        }
        // New documents number after the old ones, so merging keeps (key, doc, pos) order.
        let mut merged = Vec::with_capacity(self.postings.len() + added.len());
        let (mut i, mut j) = (0, 0);
        while i < self.postings.len() && j < added.len() {
            if self.postings[i] <= added[j] {
                merged.push(self.postings[i]);
                i += 1;
            } else {
                merged.push(added[j]);
                j += 1;
            }
        }
        merged.extend_from_slice(&self.postings[i..]);
        merged.extend_from_slice(&added[j..]);
        self.postings = merged;
        Ok(())
    }

    /// The text of document `doc`, checked against its stored hash.
    pub fn text(&self, doc: usize) -> Result<String, IndexError> {
        let entry = &self.docs[doc];
        let bytes = self.texts.read(entry.text_offset, entry.text_len)?;
        if xxh3_64(&bytes) != entry.text_hash {
            return Err(IndexError::Format(format!(
                "is corrupted (the text of document {:?} does not match its checksum)",
                entry.id
            )));
        }
        String::from_utf8(bytes)
            .map_err(|_| IndexError::Format("is corrupted (a text is not UTF-8)".into()))
    }

    /// Bytes the index holds in memory (postings and document table; texts stay on disk once
    /// saved and loaded).
    pub fn memory_bytes(&self) -> usize {
        self.postings.capacity() * std::mem::size_of::<Posting>()
            + self
                .docs
                .iter()
                .map(|d| std::mem::size_of::<DocEntry>() + d.id.capacity() + d.meta.capacity())
                .sum::<usize>()
            + self.texts.added.capacity()
    }

    /// Writes the index to `path` atomically: a temporary file beside it, synced, renamed over.
    pub fn save(&self, path: &Path) -> Result<(), IndexError> {
        let tmp = temp_path(path);
        let result = self
            .write_to(&tmp)
            .and_then(|()| Ok(std::fs::rename(&tmp, path)?));
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result
    }

    fn write_to(&self, tmp: &Path) -> Result<(), IndexError> {
        let mut body: Vec<u8> = Vec::new();
        for v in [
            self.params.ngram,
            self.params.window,
            self.params.max_df,
            self.docs.len(),
        ] {
            // Validation and `add` keep each of these within 32 bits.
            let v = u32::try_from(v)
                .map_err(|_| IndexError::Params(format!("{v} does not fit the index file")))?;
            body.extend_from_slice(&v.to_le_bytes());
        }
        for d in &self.docs {
            put_str(&mut body, &d.id);
            put_str(&mut body, &d.meta);
            for v in [d.text_offset, d.text_len, d.text_hash] {
                body.extend_from_slice(&v.to_le_bytes());
            }
        }
        body.extend_from_slice(&(self.postings.len() as u64).to_le_bytes());
        let mut hasher = Xxh3::new();
        hasher.update(&body);
        let postings_len = (self.postings.len() * POSTING_BYTES) as u64;
        let mut chunk: Vec<u8> = Vec::with_capacity(1 << 20);
        for part in self.postings.chunks(1 << 16) {
            chunk.clear();
            for p in part {
                put_posting(&mut chunk, p);
            }
            hasher.update(&chunk);
        }
        let file = File::create(tmp)?;
        let mut out = BufWriter::with_capacity(1 << 20, file);
        out.write_all(MAGIC)?;
        out.write_all(&FORMAT_VERSION.to_le_bytes())?;
        out.write_all(&(body.len() as u64 + postings_len).to_le_bytes())?;
        out.write_all(&self.texts.len().to_le_bytes())?;
        out.write_all(&hasher.digest().to_le_bytes())?;
        out.write_all(&body)?;
        for part in self.postings.chunks(1 << 16) {
            chunk.clear();
            for p in part {
                put_posting(&mut chunk, p);
            }
            out.write_all(&chunk)?;
        }
        self.texts.copy_to(&mut out)?;
        let file = out
            .into_inner()
            .map_err(|e| IndexError::Io(e.into_error()))?;
        file.sync_all()?;
        Ok(())
    }

    /// Loads an index written by `save`. The postings and document table are read and checked
    /// against the stored checksum; texts are read on demand and checked one by one.
    pub fn load(path: &Path) -> Result<Self, IndexError> {
        let file = File::open(path)?;
        let file_len = file.metadata()?.len();
        let mut reader = BufReader::with_capacity(1 << 20, file.try_clone()?);
        let mut magic = [0u8; 8];
        if file_len < HEADER_LEN {
            return Err(not_an_index());
        }
        reader.read_exact(&mut magic)?;
        if &magic != MAGIC {
            return Err(not_an_index());
        }
        let version = get_u32(&mut reader)?;
        if version != FORMAT_VERSION {
            return Err(IndexError::Format(format!(
                "is an index of format version {version}; this provenance reads version {FORMAT_VERSION} (rebuild it with `provenance index build`)"
            )));
        }
        let body_len = get_u64(&mut reader)?;
        let texts_len = get_u64(&mut reader)?;
        let checksum = get_u64(&mut reader)?;
        if HEADER_LEN
            .checked_add(body_len)
            .and_then(|n| n.checked_add(texts_len))
            != Some(file_len)
        {
            return Err(IndexError::Format(format!(
                "is truncated or corrupted (its length is {file_len} bytes, its header says {})",
                HEADER_LEN
                    .saturating_add(body_len)
                    .saturating_add(texts_len)
            )));
        }
        let mut hashing = HashingReader {
            inner: reader,
            hasher: Xxh3::new(),
        };
        let params = IndexParams {
            ngram: get_u32(&mut hashing)? as usize,
            window: get_u32(&mut hashing)? as usize,
            max_df: get_u32(&mut hashing)? as usize,
        };
        let n_docs = get_u32(&mut hashing)? as usize;
        let mut docs = Vec::with_capacity(n_docs.min(body_len as usize / 28));
        for _ in 0..n_docs {
            let id = get_str(&mut hashing, body_len)?;
            let meta = get_str(&mut hashing, body_len)?;
            docs.push(DocEntry {
                id,
                meta,
                text_offset: get_u64(&mut hashing)?,
                text_len: get_u64(&mut hashing)?,
                text_hash: get_u64(&mut hashing)?,
            });
        }
        let n_postings = get_u64(&mut hashing)?;
        if n_postings > body_len / POSTING_BYTES as u64 {
            return Err(corrupted());
        }
        let mut postings = Vec::with_capacity(n_postings as usize);
        let mut chunk = vec![0u8; POSTING_BYTES << 16];
        let mut left = n_postings as usize;
        while left > 0 {
            let n = left.min(1 << 16);
            let bytes = &mut chunk[..n * POSTING_BYTES];
            hashing.read_exact(bytes)?;
            postings.extend(bytes.chunks_exact(POSTING_BYTES).map(|b| Posting {
                key: u64::from_le_bytes(b[..8].try_into().expect("8 bytes")),
                doc: u32::from_le_bytes(b[8..12].try_into().expect("4 bytes")),
                pos: u32::from_le_bytes(b[12..].try_into().expect("4 bytes")),
            }));
            left -= n;
        }
        if hashing.hasher.digest() != checksum {
            return Err(IndexError::Format(
                "is corrupted (checksum mismatch)".into(),
            ));
        }
        let consistent = params.validate().is_ok()
            && postings.iter().all(|p| (p.doc as usize) < n_docs)
            && docs.iter().all(|d| {
                d.text_offset
                    .checked_add(d.text_len)
                    .is_some_and(|e| e <= texts_len)
            });
        if !consistent {
            return Err(corrupted());
        }
        Ok(Self {
            params,
            docs,
            postings,
            texts: TextStore {
                file: Some((file, HEADER_LEN + body_len, texts_len)),
                added: Vec::new(),
            },
        })
    }
}

fn not_an_index() -> IndexError {
    IndexError::Format("is not a provenance index".into())
}

fn corrupted() -> IndexError {
    IndexError::Format("is corrupted (inconsistent contents)".into())
}

fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "index".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

struct HashingReader<R> {
    inner: R,
    hasher: Xxh3,
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u32).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

fn put_posting(out: &mut Vec<u8>, p: &Posting) {
    out.extend_from_slice(&p.key.to_le_bytes());
    out.extend_from_slice(&p.doc.to_le_bytes());
    out.extend_from_slice(&p.pos.to_le_bytes());
}

fn get_u32(r: &mut impl Read) -> Result<u32, IndexError> {
    let mut b = [0u8; 4];
    r.read_exact(&mut b)?;
    Ok(u32::from_le_bytes(b))
}

fn get_u64(r: &mut impl Read) -> Result<u64, IndexError> {
    let mut b = [0u8; 8];
    r.read_exact(&mut b)?;
    Ok(u64::from_le_bytes(b))
}

fn get_str(r: &mut impl Read, limit: u64) -> Result<String, IndexError> {
    let len = u64::from(get_u32(r)?);
    if len > limit {
        return Err(corrupted());
    }
    let mut b = vec![0u8; len as usize];
    r.read_exact(&mut b)?;
    String::from_utf8(b).map_err(|_| corrupted())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hashes(n: u64) -> Vec<u64> {
        (0..n).map(|i| xxh3_64(&i.to_le_bytes())).collect()
    }

    #[test]
    fn winnowing_guarantees_a_shared_fingerprint_per_long_run() {
        let (n, w) = (4, 8);
        let a = hashes(300);
        // b shares a[100..111] (w + n - 1 = 11 tokens) and nothing else.
        let mut b: Vec<u64> = (1000..1100)
            .map(|i: u64| xxh3_64(&i.to_le_bytes()))
            .collect();
        b.extend_from_slice(&a[100..111]);
        b.extend((2000..2100).map(|i: u64| xxh3_64(&i.to_le_bytes())));
        let fa: std::collections::HashSet<u64> =
            fingerprints(&a, n, w).into_iter().map(|f| f.0).collect();
        let shared = fingerprints(&b, n, w)
            .into_iter()
            .filter(|f| fa.contains(&f.0))
            .count();
        assert!(shared >= 1);
    }

    /// Robust winnowing by its definition: the rightmost minimum of every window, recorded
    /// when the selection moves.
    fn winnow_by_definition(hashes: &[u64], ngram: usize, window: usize) -> Vec<(u64, u32)> {
        let grams = ngram_hashes(hashes, ngram);
        let w = window.min(grams.len()).max(1);
        let mut out: Vec<(u64, u32)> = Vec::new();
        for start in 0..(grams.len() + 1).saturating_sub(w) {
            let best = (start..start + w)
                .rev()
                .min_by_key(|&i| grams[i])
                .expect("a window holds an n-gram");
            if out.last().is_none_or(|&(_, p)| p as usize != best) {
                out.push((grams[best], best as u32));
            }
        }
        out
    }

    #[test]
    fn sliding_winnowing_selects_as_the_definition() {
        // Small alphabets make ties and runs of equal hashes, where "rightmost" matters.
        for alphabet in [2u64, 3, 7, 1000] {
            for len in [0usize, 3, 4, 5, 11, 12, 40, 300] {
                let tokens: Vec<u64> = (0..len as u64)
                    .map(|i| xxh3_64(&(i * 31 + alphabet).to_le_bytes()) % alphabet)
                    .collect();
                for (ngram, window) in [(1, 2), (1, 8), (2, 3), (4, 8), (4, 12), (3, 1)] {
                    assert_eq!(
                        fingerprints(&tokens, ngram, window),
                        winnow_by_definition(&tokens, ngram, window),
                        "alphabet {alphabet}, {len} tokens, ngram {ngram}, window {window}"
                    );
                }
            }
        }
    }

    #[test]
    fn winnowing_density_is_about_two_over_window() {
        let fp = fingerprints(&hashes(10_000), 4, 8);
        let density = fp.len() as f64 / 10_000.0;
        assert!((0.18..0.27).contains(&density), "density {density}");
        assert!(fp.windows(2).all(|p| p[0].1 < p[1].1));
        assert_eq!(fingerprints(&hashes(100), 4, 1).len(), 97);
        assert_eq!(fingerprints(&hashes(5), 4, 8).len(), 1);
        assert!(fingerprints(&hashes(3), 4, 8).is_empty());
    }

    fn text(words: std::ops::Range<u32>) -> String {
        words.map(|i| format!("w{i}")).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn bucketed_postings_are_fully_sorted() {
        // Enough postings for many buckets, with keys shared across documents and repeated
        // within one, and small keys (all in the first bucket).
        let prints: Vec<Vec<(u64, u32)>> = (0..300u64)
            .map(|d| {
                (0..200u64)
                    .map(|i| {
                        let key = xxh3_64(&((d * 7 + i) % 500).to_le_bytes());
                        (if i % 50 == 0 { i } else { key }, (i as u32) % 150)
                    })
                    .collect()
            })
            .collect();
        for first in [0, 10] {
            assert_eq!(
                sorted_postings(&prints, first),
                fully_sorted(&prints, first)
            );
        }
        assert!(sorted_postings(&[], 0).is_empty());
        assert!(
            sorted_postings(&[vec![], vec![(5, 1)]], 0)
                == [Posting {
                    key: 5,
                    doc: 1,
                    pos: 1
                }]
        );
    }

    /// The postings of `prints` (documents numbered from `first`) in order, by a full sort.
    fn fully_sorted(prints: &[Vec<(u64, u32)>], first: u32) -> Vec<Posting> {
        let mut expected: Vec<Posting> = prints
            .iter()
            .enumerate()
            .flat_map(|(d, p)| {
                p.iter().map(move |&(key, pos)| Posting {
                    key,
                    doc: first + d as u32,
                    pos,
                })
            })
            .collect();
        expected.sort_unstable();
        expected
    }

    #[test]
    fn mostly_distinct_keys_sort_as_a_full_sort() {
        // Distinct keys (groups of about one in a bucket, put in order by insertion), with a
        // key now and then shared by a few documents, and positions out of order.
        let prints: Vec<Vec<(u64, u32)>> = (0..400u64)
            .map(|d| {
                (0..150u64)
                    .map(|i| {
                        let n = if i % 10 == 0 { i } else { d * 1000 + i };
                        (xxh3_64(&n.to_le_bytes()), (i * 7 % 150) as u32)
                    })
                    .collect()
            })
            .collect();
        assert_eq!(sorted_postings(&prints, 0), fully_sorted(&prints, 0));
    }

    #[test]
    fn positionless_occurrences_sort_and_pair_as_postings() {
        // Keys across the whole range (their top halves set), half of them repeated within and
        // across documents, half found once, and enough of them for many buckets.
        let prints: Vec<Vec<(u64, u32)>> = (0..300u64)
            .map(|d| {
                (0..200u64)
                    .map(|i| {
                        let value = if i % 2 == 0 {
                            (d * 7 + i) % 500
                        } else {
                            1000 + d * 200 + i
                        };
                        (xxh3_64(&value.to_le_bytes()), i as u32)
                    })
                    .collect()
            })
            .collect();
        let postings = sorted_postings(&prints, 0);
        let mut occurrences: Vec<KeyDoc> = prints
            .iter()
            .enumerate()
            .flat_map(|(d, p)| p.iter().map(move |&(key, _)| KeyDoc::new(key, d as u32)))
            .collect();
        sort_in_key_buckets(&mut occurrences);
        let key_doc = |p: &dyn Occurrence| (p.key(), p.doc());
        assert!(
            postings
                .iter()
                .map(|p| key_doc(p))
                .eq(occurrences.iter().map(|p| key_doc(p)))
        );
        for (max_df, min_shared) in [(100, 2), (5, 1), (300, 3)] {
            let expected = candidate_pairs(&postings, max_df, min_shared);
            assert_eq!(expected, candidate_pairs(&occurrences, max_df, min_shared));
            let mut unsorted: Vec<KeyDoc> = prints
                .iter()
                .enumerate()
                .flat_map(|(d, p)| p.iter().map(move |&(key, _)| KeyDoc::new(key, d as u32)))
                .collect();
            let (found, pruned) = unsorted_candidate_pairs(&mut unsorted, max_df, min_shared);
            assert_eq!(expected, found);
            // Pruned: the keys in more than max_df documents, and those documents.
            let mut by_key = std::collections::BTreeMap::<u64, Vec<u32>>::new();
            for p in &postings {
                by_key.entry(p.key).or_default().push(p.doc);
            }
            let mut frequent_docs = Vec::new();
            let mut frequent_keys = Vec::new();
            for (key, mut docs) in by_key {
                docs.dedup();
                if docs.len() > max_df {
                    frequent_keys.push(key);
                    frequent_docs.extend(docs);
                }
            }
            frequent_docs.sort_unstable();
            frequent_docs.dedup();
            assert_eq!((pruned.keys, pruned.docs), (frequent_keys, frequent_docs));
        }
    }

    #[test]
    fn pairs_need_shared_fingerprints_and_skip_common_ones() {
        let base = text(0..200);
        let copy = format!("{} {}", text(500..600), text(50..120));
        let other = text(1000..1200);
        let params = IndexParams::default();
        let postings = postings_of(&[base.as_str(), copy.as_str(), other.as_str()], 0, &params);
        let pairs = candidate_pairs(&postings, params.max_df, 2);
        assert_eq!(pairs.len(), 1);
        assert_eq!((pairs[0].0, pairs[0].1), (0, 1));
        assert!(pairs[0].2 >= 5);
        // The same fingerprints in more documents than max_df count for nothing.
        let many: Vec<String> = (0..5).map(|_| base.clone()).collect();
        let postings = postings_of(&many, 0, &params);
        assert_eq!(candidate_pairs(&postings, 5, 1).len(), 10);
        assert!(candidate_pairs(&postings, 4, 1).is_empty());
    }

    #[test]
    fn query_ranks_the_source_first() {
        let params = IndexParams::default();
        let texts = [text(0..300), text(300..600), text(600..900)];
        let postings = postings_of(&texts, 0, &params);
        let query = format!("{} {}", text(2000..2050), text(320..400));
        let lookup = look_up_query(&postings, &token_hashes(&query), &params);
        let found = lookup.candidates(&postings, |_| true);
        assert_eq!(found[0].0, 1);
        assert_eq!(found.len(), 1);
        assert_eq!(lookup.pruned(&postings, |_| true), Pruned::default());
        // Only the n-grams asked about count.
        assert!(lookup.candidates(&postings, |_| false).is_empty());
    }

    fn temp_file(name: &str) -> PathBuf {
        std::env::temp_dir().join(format!("provenance-test-{}-{name}", std::process::id()))
    }

    #[test]
    fn save_load_add_round_trip() {
        let path = temp_file("roundtrip.idx");
        let mut index = Index::new(IndexParams::default()).unwrap();
        index
            .add(&[
                ("a", text(0..100).as_str(), "{}"),
                ("b", "Café ünïcode 東京", "{\"date\":\"2020\"}"),
            ])
            .unwrap();
        index.save(&path).unwrap();
        let mut loaded = Index::load(&path).unwrap();
        assert_eq!(loaded.docs, index.docs);
        assert_eq!(loaded.postings, index.postings);
        assert_eq!(loaded.text(1).unwrap(), "Café ünïcode 東京");
        loaded.add(&[("c", text(50..150).as_str(), "{}")]).unwrap();
        assert_eq!(loaded.text(2).unwrap(), text(50..150));
        loaded.save(&path).unwrap();
        let again = Index::load(&path).unwrap();
        assert_eq!(again.docs.len(), 3);
        assert_eq!(again.text(0).unwrap(), text(0..100));
        assert_eq!(again.text(2).unwrap(), text(50..150));
        let mut fresh = Index::new(IndexParams::default()).unwrap();
        fresh
            .add(&[
                ("a", text(0..100).as_str(), "{}"),
                ("b", "Café ünïcode 東京", "{\"date\":\"2020\"}"),
                ("c", text(50..150).as_str(), "{}"),
            ])
            .unwrap();
        assert_eq!(again.postings, fresh.postings);
        std::fs::remove_file(&path).unwrap();
    }

    #[test]
    fn settings_round_trip_or_are_refused() {
        let path = temp_file("settings.idx");
        let params = IndexParams {
            max_df: MAX_DOCS,
            ..IndexParams::default()
        };
        Index::new(params).unwrap().save(&path).unwrap();
        assert_eq!(Index::load(&path).unwrap().params, params);
        std::fs::remove_file(&path).unwrap();
        let too_many = IndexParams {
            max_df: MAX_DOCS + 1,
            ..IndexParams::default()
        };
        assert!(Index::new(too_many).is_err());
        for window in [0, 257] {
            assert!(
                Index::new(IndexParams {
                    window,
                    ..IndexParams::default()
                })
                .is_err()
            );
        }
    }

    #[test]
    fn damage_is_reported() {
        let path = temp_file("damage.idx");
        let mut index = Index::new(IndexParams::default()).unwrap();
        index.add(&[("a", text(0..100).as_str(), "{}")]).unwrap();
        index.save(&path).unwrap();
        let good = std::fs::read(&path).unwrap();
        let message = |bytes: &[u8]| {
            std::fs::write(&path, bytes).unwrap();
            Index::load(&path).unwrap_err().to_string()
        };
        assert!(message(&good[..good.len() - 3]).contains("truncated"));
        assert!(
            message(b"hello world, not an index at all....").contains("not a provenance index")
        );
        let mut bad = good.clone();
        bad[8] = 9;
        assert!(message(&bad).contains("format version 9"));
        let mut bad = good.clone();
        bad[HEADER_LEN as usize + 30] ^= 1;
        assert!(message(&bad).contains("corrupted"));
        let mut bad = good.clone();
        let last = bad.len() - 1;
        bad[last] ^= 1;
        std::fs::write(&path, &bad).unwrap();
        assert!(
            Index::load(&path)
                .unwrap()
                .text(0)
                .unwrap_err()
                .to_string()
                .contains("checksum")
        );
        std::fs::remove_file(&path).unwrap();
    }

    #[test]
    fn a_stored_text_that_is_not_utf8_is_an_error_at_search_time() {
        let path = temp_file("not-utf8.idx");
        let mut index = Index::new(IndexParams::default()).unwrap();
        index.add(&[("a", text(0..100).as_str(), "{}")]).unwrap();
        // Bytes that are not UTF-8, under a checksum that matches them.
        let bad = vec![0xff_u8; index.texts.added.len()];
        index.docs[0].text_hash = xxh3_64(&bad);
        index.texts.added = bad;
        index.save(&path).unwrap();
        let loaded = Index::load(&path).unwrap();
        assert!(
            loaded
                .text(0)
                .unwrap_err()
                .to_string()
                .contains("not UTF-8")
        );
        let params = crate::align::Params::default();
        let found =
            crate::corpus::search(&loaded, &text(0..50), 5, 50, &params, &loaded.params, None);
        assert!(found.unwrap_err().to_string().contains("not UTF-8"));
        std::fs::remove_file(&path).unwrap();
    }
}
