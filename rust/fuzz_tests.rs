//! Fuzzing kept in the test run (issue #15): the tokenizer, the aligner and the index loader on
//! generated input, from a fixed-seed generator so that every run is the same and a failure can
//! be replayed. Bounded to a few seconds of `cargo test --release`;
//! `PROVENANCE_FUZZ_ROUNDS=10` runs ten times as many cases, `PROVENANCE_FUZZ_SEED` others.
//! Crashers found stay below as regression cases.

use std::path::PathBuf;

use xxhash_rust::xxh3::xxh3_64;

use crate::align::{self, Params};
use crate::corpus;
use crate::index::{Index, IndexParams};
use crate::text::{self, normalize_word};

/// xorshift64*: small, fast, good enough to choose test input.
struct Rng(u64);

impl Rng {
    fn new(stream: u64) -> Self {
        let seed = std::env::var("PROVENANCE_FUZZ_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0x5eed_u64);
        Self(xxh3_64(&[seed.to_le_bytes(), stream.to_le_bytes()].concat()) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// A character from the classes that break tokenisers: ASCII, white space and controls,
    /// combining marks, invisible characters, typographic punctuation, other scripts, emoji,
    /// and any scalar value at all.
    fn char(&mut self) -> char {
        const SPECIAL: &[char] = &[
            ' ',
            '\t',
            '\n',
            '\r',
            '\0',
            '\u{1b}',
            '\u{7f}',
            '\u{85}',
            '\u{a0}',
            '\u{ad}',
            '\u{200b}',
            '\u{200c}',
            '\u{200d}',
            '\u{2060}',
            '\u{feff}',
            '\u{202e}',
            '\u{fe0f}',
            '\u{301}',
            '\u{308}',
            '\u{2019}',
            '\u{201c}',
            '\u{2014}',
            '\'',
            '"',
            '.',
            ',',
            '-',
            '_',
            '@',
            '#',
            'é',
            'ß',
            'İ',
            'ﬁ',
            'Ω',
            'а',
            'е',
            'о',
            '東',
            '京',
            'ع',
            'ب',
            '한',
            '\u{fffd}',
            '😀',
            '👍',
            '\u{1f3fd}',
            '\u{e0041}',
            '\u{10ffff}',
            '²',
            '½',
            '٣',
        ];
        match self.below(10) {
            0..=3 => char::from(b'a' + self.below(26) as u8),
            4 => char::from(b'0' + self.below(10) as u8),
            5..=7 => self.pick(SPECIAL),
            8 => char::from(self.below(128) as u8),
            _ => loop {
                if let Some(c) = char::from_u32(self.below(0x11_0000) as u32) {
                    break c;
                }
            },
        }
    }

    fn string(&mut self, max_chars: usize) -> String {
        let n = self.below(max_chars + 1);
        (0..n).map(|_| self.char()).collect()
    }

    /// Words from a small vocabulary, so that two such texts share runs to align.
    fn words(&mut self, max_words: usize) -> String {
        const VOCAB: &[&str] = &[
            "the", "cat", "sat", "on", "mat", "The", "CAT", "dog", "ran", "far", "é", "東京",
            "word", "a", "b", "\u{200b}", "—", ".", "x\u{301}", "ﬁle",
        ];
        let n = self.below(max_words + 1);
        let mut out = String::new();
        for _ in 0..n {
            out.push_str(self.pick(VOCAB));
            out.push_str(self.pick(&[" ", " ", " ", "\n", ", ", "  ", "\u{a0}"]));
        }
        out
    }
}

impl Rng {
    /// Mostly ASCII text with the bytes UAX #29 treats specially (apostrophes, points, commas,
    /// colons, semicolons, hyphens, underscores, digits with separators), CRLF and control
    /// bytes, words longer than 16 bytes, and now and then a non-ASCII character: the
    /// scanner's ASCII path, its edges, and its fallback to the general path.
    fn mixed(&mut self, max_pieces: usize) -> String {
        const PIECES: &[&str] = &[
            "don't",
            "U.S.",
            "1,000",
            "3.5",
            "4.2.1",
            "1;2",
            "a:b",
            "foo_bar",
            "_x",
            "x-ray",
            "co--op",
            "A1b2",
            "12:30",
            "'tis",
            "rock'n'roll",
            "e.g.",
            "..",
            "\r\n",
            "\r",
            "\n",
            "\t",
            "\u{b}",
            "\u{c}",
            "\0",
            "\u{1}",
            "\u{7f}",
            "é",
            "\u{200b}",
            "\u{ad}",
            "’",
            "\u{301}",
            "—",
            "東",
            "\u{a0}",
            "\u{85}",
            "😀",
            "ﬁ",
            "а",
        ];
        const JOINERS: &[&str] = &["", "", " ", " ", ".", ",", "'", ":", ";", "-", "_", "\r\n"];
        let n = self.below(max_pieces + 1);
        let mut out = String::new();
        for _ in 0..n {
            match self.below(4) {
                0 => out.push_str(self.pick(PIECES)),
                1 => {
                    let len = 1 + self.below(24);
                    for _ in 0..len {
                        let c = self.pick(b"aZq07M");
                        out.push(char::from(c));
                    }
                }
                2 => out.push(char::from(self.below(128) as u8)),
                _ => out.push(self.char()),
            }
            out.push_str(self.pick(JOINERS));
        }
        out
    }
}

/// The words of `text` by the general path alone: UAX #29 over the whole text, words joined
/// again across invisible characters, each normalised by the Unicode path; code-point offsets.
fn general_path_words(text: &str) -> Vec<(usize, usize, String)> {
    use unicode_segmentation::UnicodeSegmentation;
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for (start, word) in text.unicode_word_indices() {
        let end = start + word.len();
        if let Some(last) = ranges.last_mut() {
            let gap = &text[last.1..start];
            if !gap.is_empty() && gap.chars().all(text::is_invisible) {
                last.1 = end;
                continue;
            }
        }
        ranges.push((start, end));
    }
    let chars = |bytes: usize| text[..bytes].chars().count();
    ranges
        .into_iter()
        .filter_map(|(start, end)| {
            let mut norm = String::new();
            text::normalize_unicode_word(&text[start..end], &mut norm);
            (!norm.is_empty()).then(|| (chars(start), chars(end), norm))
        })
        .collect()
}

fn rounds(base: usize) -> usize {
    base * std::env::var("PROVENANCE_FUZZ_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1)
}

/// Tokens in range, in order, not overlapping, on character boundaries, and each one's text
/// normalising to its recorded form; the hashes agree with `token_hashes`.
fn check_tokens(text: &str) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let tokens = text::tokenize(text);
    let mut last_end = 0;
    for t in &tokens {
        assert!(
            t.start < t.end && t.end <= chars.len(),
            "{t:?} out of range in {text:?}"
        );
        assert!(t.start >= last_end, "{t:?} overlaps in {text:?}");
        last_end = t.end;
        let byte = |i: usize| chars.get(i).map_or(text.len(), |c| c.0);
        let (from, to) = (byte(t.start), byte(t.end));
        assert!(text.is_char_boundary(from) && text.is_char_boundary(to));
        assert!(!t.norm.is_empty(), "empty form for {t:?} in {text:?}");
        assert_eq!(
            normalize_word(&text[from..to]),
            t.norm,
            "{t:?} does not round-trip in {text:?}"
        );
        assert_eq!(t.hash, xxh3_64(t.norm.as_bytes()));
    }
    let hashes: Vec<u64> = tokens.iter().map(|t| t.hash).collect();
    assert_eq!(text::token_hashes(text), hashes, "in {text:?}");
}

#[test]
fn fuzz_tokenizer() {
    let mut rng = Rng::new(1);
    for _ in 0..rounds(20_000) {
        let text = if rng.below(2) == 0 {
            rng.string(40)
        } else {
            rng.words(20)
        };
        check_tokens(&text);
    }
}

#[test]
fn fast_scanner_agrees_with_the_general_path() {
    let mut rng = Rng::new(7);
    for _ in 0..rounds(20_000) {
        // Long texts cross the scanner's 64-byte blocks many times.
        let text = match rng.below(4) {
            0 => rng.string(40),
            1 => rng.mixed(300),
            _ => rng.mixed(30),
        };
        let fast: Vec<(usize, usize, String)> = text::tokenize(&text)
            .into_iter()
            .map(|t| (t.start, t.end, t.norm))
            .collect();
        assert_eq!(fast, general_path_words(&text), "in {text:?}");
        check_tokens(&text);
    }
}

#[test]
fn words_across_block_edges_agree_with_the_general_path() {
    // Each snippet at every offset around the first two 64-byte blocks: joiners whose letters
    // lie in two blocks, marks and invisible characters just past a block, long words.
    const SNIPPETS: &[&str] = &[
        "e.g. U.S.",
        "1,000.5",
        "rock'n'roll",
        "a_b __ _",
        "é.x",
        "x.é",
        "cafe\u{301}",
        "ab\u{200b}cd",
        "word\u{a0}word",
        "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
        "x.\u{301}y",
        "12:30 a:b",
    ];
    for snippet in SNIPPETS {
        for offset in 0..140 {
            for filler in ["w", ".", " "] {
                let text = format!("{}{snippet} tail.end", filler.repeat(offset));
                let fast: Vec<(usize, usize, String)> = text::tokenize(&text)
                    .into_iter()
                    .map(|t| (t.start, t.end, t.norm))
                    .collect();
                assert_eq!(fast, general_path_words(&text), "in {text:?}");
            }
        }
    }
}

fn random_params(rng: &mut Rng) -> Params {
    let wide = |rng: &mut Rng, small: usize, max: usize| {
        if rng.below(8) == 0 {
            rng.below(max + 1)
        } else {
            rng.below(small + 1)
        }
    };
    Params {
        ngram: 1 + rng.below(align::NGRAM_RANGE.end().to_owned()),
        max_gap: wide(rng, 12, *align::MAX_GAP_RANGE.end()),
        min_matched: 1 + wide(rng, 12, 100_000),
        max_postings: 1 + wide(rng, 40, *align::MAX_POSTINGS_RANGE.end() - 1),
        merge_gap: wide(rng, 30, *align::MERGE_GAP_RANGE.end()),
    }
    .validate()
    .expect("generated within range")
}

/// Passages in range on both sides, ordered and not overlapping on the candidate, with counts
/// and scores that agree.
fn check_passages(candidate: &str, source: &str, params: &Params) {
    let (c_words, s_words) = (text::tokenize(candidate), text::tokenize(source));
    let (c_chars, s_chars) = (candidate.chars().count(), source.chars().count());
    let found = align::align(candidate, source, params);
    let mut last = 0;
    for p in &found {
        let (ct, st) = (p.candidate_tokens, p.source_tokens);
        assert!(ct.0 < ct.1 && ct.1 <= c_words.len(), "{p:?}");
        assert!(st.0 < st.1 && st.1 <= s_words.len(), "{p:?}");
        assert!(
            ct.0 >= last,
            "overlap: {found:?} in {candidate:?} / {source:?} with {params:?}"
        );
        last = ct.1;
        assert_eq!(p.candidate, (c_words[ct.0].start, c_words[ct.1 - 1].end));
        assert_eq!(p.source, (s_words[st.0].start, s_words[st.1 - 1].end));
        assert!(p.candidate.1 <= c_chars && p.source.1 <= s_chars);
        assert!(p.matched >= 1 && p.matched <= (ct.1 - ct.0).min(st.1 - st.0));
        assert!(p.matched >= params.min_matched, "{p:?} {params:?}");
        assert!((0.0..=1.0).contains(&p.score), "{p:?}");
    }
}

#[test]
fn fuzz_aligner() {
    let mut rng = Rng::new(2);
    for _ in 0..rounds(3_000) {
        let params = random_params(&mut rng);
        let source = rng.words(120);
        let candidate = match rng.below(4) {
            0 => rng.string(200),
            1 => rng.words(120),
            // A copy with edits: words dropped, added, changed.
            _ => {
                let mut out = String::new();
                for word in source.split(' ') {
                    match rng.below(10) {
                        0 => {}
                        1 => out.push_str(&rng.string(6)),
                        _ => out.push_str(word),
                    }
                    out.push(' ');
                }
                out
            }
        };
        check_passages(&candidate, &source, &params);
        check_passages(&source, &candidate, &params);
        check_passages(&source, &source, &params);
    }
}

fn temp_file(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("provenance-fuzz-{}-{name}", std::process::id()))
}

/// Loading `bytes` is an index or an error, never a panic; a loaded index can be read whole,
/// searched and paired without one either.
fn check_load(path: &PathBuf, bytes: &[u8], query: &str) {
    std::fs::write(path, bytes).unwrap();
    let Ok(index) = Index::load(path) else {
        return;
    };
    for doc in 0..index.docs.len() {
        let _ = index.text(doc);
    }
    let params = Params::default();
    let _ = corpus::search(&index, query, 5, 20, &params, &index.params, None);
    let _ = corpus::index_all_pairs(&index, 1, &params);
}

#[test]
fn fuzz_index_loader() {
    let mut rng = Rng::new(3);
    let path = temp_file("loader.idx");
    let mut index = Index::new(IndexParams::default()).unwrap();
    let texts: Vec<String> = (0..6).map(|_| rng.words(80)).collect();
    let records: Vec<(String, String, String)> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| (format!("d{i}"), t.clone(), format!("{{\"n\": {i}}}")))
        .collect();
    index.add(&records).unwrap();
    index.save(&path).unwrap();
    let good = std::fs::read(&path).unwrap();
    let query = format!("{} {}", texts[0], texts[3]);
    check_load(&path, &good, &query);
    for round in 0..rounds(3_000) {
        let mut bytes = good.clone();
        match round % 5 {
            // Random bytes, some with the right magic and version.
            0 => {
                bytes = (0..rng.below(200)).map(|_| rng.next() as u8).collect();
                if rng.below(2) == 0 && bytes.len() >= 12 {
                    bytes[..12].copy_from_slice(&good[..12]);
                }
            }
            // Flipped bytes.
            1 | 2 => {
                for _ in 0..=rng.below(4) {
                    let at = rng.below(bytes.len());
                    bytes[at] ^= 1 << rng.below(8);
                }
            }
            // Truncated, or grown.
            3 => {
                if rng.below(2) == 0 {
                    bytes.truncate(rng.below(bytes.len()));
                } else {
                    let at = rng.below(bytes.len());
                    bytes.insert(at, rng.next() as u8);
                }
            }
            // A header or table field overwritten with an extreme value.
            _ => {
                let at = rng.below(bytes.len().saturating_sub(8).min(200));
                let value = rng.pick(&[0, 1, u64::MAX, u64::from(u32::MAX), 1 << 40]);
                let width = if rng.below(2) == 0 { 4 } else { 8 };
                bytes[at..at + width].copy_from_slice(&value.to_le_bytes()[..width]);
            }
        }
        check_load(&path, &bytes, &query);
    }
    std::fs::remove_file(&path).unwrap();
}

/// Found by `fuzz_aligner` (seed 3): a chain's two blocks joined across a word that a
/// stronger chain had claimed in between, so two passages overlapped on the candidate.
#[test]
fn regression_passages_never_join_across_a_claimed_word() {
    let candidate = "CAT  — word 東京 ﬁle\nﬁle\n. The —\u{a0}The\nmat, sat\n— CAT far dog  b\nmat\u{a0}a far\u{a0}. .  東京, the ﬁle, sat the  dog a\non\u{a0}dog x\u{301} far\u{a0}. The .  CAT  ﬁle \u{200b} x\u{301}\na on x\u{301}\n. the\u{a0}\u{200b}, on  . far\u{a0}— é \u{200b} sat far é far\u{a0}mat\u{a0}CAT ran, dog, \u{200b} x\u{301}\u{a0}— b  x\u{301}  ﬁle ran\nb\u{a0}a\u{a0}mat ﬁle ran dog mat\n. \u{200b} a b  word .\u{a0}The\nb cat x\u{301} x\u{301} the  —\n";
    let source = "on  ., mat  the  ﬁle\n.\nsat  \u{200b}, . b\u{a0}dog  word cat cat\u{a0}— word\nsat  — —\nfar a\nb\u{a0}ran\n—  the\u{a0}mat ﬁle, dog\n東京\u{a0}on \u{200b} The  mat\u{a0}é, mat CAT ran, é The word\u{a0}a\non . b 東京 word\u{a0}dog \u{200b}\u{a0}— b ﬁle sat  word ﬁle, b  é, mat  é a .\u{a0}The far, — \u{200b}\u{a0}x\u{301}, b on\u{a0}x\u{301}\u{a0}The\nb The\u{a0}The 東京, CAT\nfar ., ﬁle\nword x\u{301}, CAT 東京 The\n";
    let params = Params {
        ngram: 1,
        max_gap: 555,
        min_matched: 1,
        max_postings: 31,
        merge_gap: 0,
    };
    check_passages(candidate, source, &params);
}
