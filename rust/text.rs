//! Tokenisation with code-point offsets, and the normalisation that makes typography and
//! evasion tricks invisible to matching.
//!
//! A token is a Unicode word (UAX #29 word boundaries) holding at least one letter or digit.
//! Offsets count code points, as Python indexes `str`, so `text[start:end]` in Python is the
//! token as written. The normalised form is what matching compares: two words that a reader
//! would see as the same word get the same form.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use unicode_security::confusable_detection::skeleton;
use unicode_segmentation::UnicodeSegmentation;
use xxhash_rust::xxh3::xxh3_64;

/// A word of the text: `[start, end)` in code points, its normalised form and that form's hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub norm: String,
    pub hash: u64,
}

/// Characters that render as nothing: zero-width spaces and joiners, soft hyphens, direction
/// marks, variation selectors, tag characters. Plagiarists insert them inside words to break
/// exact matching; they never carry meaning for us.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E0FFF}')
}

thread_local! {
    static CONFUSABLE_CACHE: RefCell<HashMap<char, Option<char>>> = RefCell::new(HashMap::new());
}

/// The ASCII letter or digit a non-ASCII character is made to look like (Cyrillic `а`, Greek
/// `ο`, ...), after UTS #39 confusable skeletons. Only one-to-one mappings onto ASCII
/// alphanumerics are taken: they are the ones used to disguise a copy, and mapping onto ASCII
/// alone keeps genuine ASCII words (`l` vs `1`, `rn` vs `m`) apart.
fn ascii_lookalike(c: char) -> Option<char> {
    CONFUSABLE_CACHE.with(|cache| {
        *cache.borrow_mut().entry(c).or_insert_with(|| {
            let mut buf = [0u8; 4];
            let mut mapped = skeleton(c.encode_utf8(&mut buf));
            match (mapped.next(), mapped.next()) {
                (Some(m), None) if m.is_ascii_alphanumeric() => Some(m.to_ascii_lowercase()),
                _ => None,
            }
        })
    })
}

/// The matching form of one word: compatibility-decomposed (full-width letters, ligatures),
/// accents and invisible characters dropped, look-alike letters folded to ASCII, lower-cased,
/// and punctuation inside the word removed (`Carney’s` = `Carney's` = `carneys`, `U.S.` = `us`).
/// A point between two digits is kept so that `3.5` and `35` stay different numbers.
pub fn normalize_word(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    normalize_word_into(word, &mut out);
    out
}

/// `normalize_word` appending to `out`, so that a scan can reuse one buffer for every word.
pub fn normalize_word_into(word: &str, out: &mut String) {
    if word.is_ascii() {
        normalize_ascii_word(word, out);
    } else {
        normalize_unicode_word(word, out);
    }
}

/// `normalize_word_into` by the general path, for any word.
pub(crate) fn normalize_unicode_word(word: &str, out: &mut String) {
    let mut chars = word
        .nfkd()
        .filter(|&c| !is_combining_mark(c) && !is_invisible(c))
        .peekable();
    let mut previous_was_digit = false;
    while let Some(c) = chars.next() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
            previous_was_digit = c.is_ascii_digit();
        } else if c.is_alphanumeric() {
            match ascii_lookalike(c) {
                Some(m) => out.push(m),
                None => out.extend(c.to_lowercase()),
            }
            previous_was_digit = c.is_numeric();
        } else if c == '.' && previous_was_digit && chars.peek().is_some_and(char::is_ascii_digit) {
            out.push('.');
            previous_was_digit = false;
        }
    }
}

/// For each ASCII byte, its lower-case form if it is a letter or digit, else 0.
const ASCII_FOLD: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            table[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// `normalize_ascii_word` into a byte buffer, in one table-driven pass: the scan's hot loop.
fn normalize_ascii_bytes(bytes: &[u8], out: &mut Vec<u8>) {
    out.reserve(bytes.len());
    for (i, &b) in bytes.iter().enumerate() {
        let folded = ASCII_FOLD[usize::from(b & 0x7f)];
        if folded != 0 {
            out.push(folded);
        } else if b == b'.'
            && i > 0
            && bytes[i - 1].is_ascii_digit()
            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
        {
            out.push(b'.');
        }
    }
}

/// `normalize_word` for ASCII, where there is nothing to decompose or fold: most words of most
/// texts, and a table look-up a byte is much cheaper than the Unicode path.
fn normalize_ascii_word(word: &str, out: &mut String) {
    let bytes = word.as_bytes();
    if bytes.iter().all(u8::is_ascii_alphanumeric) {
        let start = out.len();
        out.push_str(word);
        out[start..].make_ascii_lowercase();
        return;
    }
    for (i, &b) in bytes.iter().enumerate() {
        if b.is_ascii_alphanumeric() {
            out.push(char::from(b.to_ascii_lowercase()));
        } else if b == b'.'
            && i > 0
            && bytes[i - 1].is_ascii_digit()
            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
        {
            out.push('.');
        }
    }
}

/// A word's code-point span and the hash of its normalised form: what alignment needs, without
/// the form itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordHash {
    pub start: usize,
    pub end: usize,
    pub hash: u64,
}

/// What the aligner reads of a word: its span and its hash.
pub trait Word {
    fn span(&self) -> (usize, usize);
    fn hash(&self) -> u64;
}

impl Word for Token {
    fn span(&self) -> (usize, usize) {
        (self.start, self.end)
    }
    fn hash(&self) -> u64 {
        self.hash
    }
}

impl Word for WordHash {
    fn span(&self) -> (usize, usize) {
        (self.start, self.end)
    }
    fn hash(&self) -> u64 {
        self.hash
    }
}

/// Calls `visit(start, end, normalised, hash)` for every word of `text`, in order, with
/// code-point offsets and the xxh3 hash of the normalised form (UTF-8 bytes, in a buffer reused
/// from word to word).
///
/// The text is read 64 bytes at a time (`Scan::ascii_block`): a block of ASCII is classified
/// with bit masks, one bit a byte, and its words found from the masks, with no branch a byte.
/// Where a block holds a non-ASCII byte, the text is read run by run (`Scan::runs`): no word
/// spans ASCII white space, so the text is cut there into runs; an all-ASCII run is segmented
/// byte by byte with look-up tables, a run with a non-ASCII byte takes the general Unicode path
/// (`scan_unicode_run`). Code-point offsets are byte offsets less the bytes of the multi-byte
/// characters before.
pub fn scan_words(text: &str, visit: impl FnMut(usize, usize, &[u8], u64)) {
    let mut scan = Scan {
        text,
        norm: Vec::with_capacity(32),
        unicode_norm: String::new(),
        extra_bytes: 0,
        visit,
    };
    let mut at = 0;
    while at < text.len() {
        let next = scan.ascii_block(at);
        // No block left, a non-ASCII byte, or a word as long as a block: whole runs.
        at = if next > at {
            next
        } else {
            scan.runs(at, at + BLOCK)
        };
    }
}

/// Bytes classified at once by `Scan::ascii_block`.
const BLOCK: usize = 64;

struct Scan<'a, V> {
    text: &'a str,
    norm: Vec<u8>,
    unicode_norm: String,
    /// Bytes before the current position that do not start a code point.
    extra_bytes: usize,
    visit: V,
}

impl<V: FnMut(usize, usize, &[u8], u64)> Scan<'_, V> {
    /// The words of the 64 bytes from `at`, a position no word runs through (the text's start,
    /// the start of a word, or a byte that is not part of one), if they are all ASCII; returns
    /// where the next block starts: the start of a word that may go on past this block, else
    /// its 62nd byte. A word is taken only when the two bytes after it are in the block, as
    /// UAX #29 joins across a point or an apostrophe by the letters on both sides (`e.g`), and
    /// those bytes being ASCII, no mark or invisible character after the block can extend it.
    /// Returns `at` when there is no such block or no word ends in it.
    fn ascii_block(&mut self, at: usize) -> usize {
        let bytes = self.text.as_bytes();
        let Some(block) = bytes.get(at..at + BLOCK) else {
            return at;
        };
        let c = BlockClasses::of(block.try_into().expect("a block"));
        if c.non_ascii != 0 {
            return at;
        }
        // WB6-7 and WB11-12: a point, apostrophe or colon between two letters, a point,
        // apostrophe, comma or semicolon between two digits. The byte before the block is
        // not a letter or digit of a word, and a joiner in the last byte is not known.
        let joiners = (c.mid_letter & (c.letters << 1) & (c.letters >> 1))
            | (c.mid_num & (c.digits << 1) & (c.digits >> 1));
        let alphanumeric = c.letters | c.digits;
        let word = alphanumeric | c.underscores | joiners;
        let joined = c.underscores | joiners;
        let mut starts = word & !(word << 1);
        let mut ends = word & !(word >> 1);
        while starts != 0 {
            let first = starts.trailing_zeros() as usize;
            let last = ends.trailing_zeros() as usize;
            if last >= BLOCK - 2 {
                return at + first;
            }
            let span = (u64::MAX << first) & (u64::MAX >> (BLOCK - 1 - last));
            // A word of underscores alone is no word.
            if alphanumeric & span != 0 {
                self.ascii_word(at + first, at + last + 1, joined & span != 0);
            }
            starts &= starts - 1;
            ends &= ends - 1;
        }
        at + BLOCK - 2
    }

    /// The words of the runs of text from `from` (a position no word runs through), whole
    /// runs, until one starts at `until` or later; returns where it starts.
    fn runs(&mut self, from: usize, until: usize) -> usize {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut run_start = from;
        while run_start < bytes.len() && run_start < until {
            if byte_class(bytes[run_start]) & SPACE != 0 {
                run_start += 1;
                continue;
            }
            let (run_end, ascii) = run_end(bytes, run_start);
            let run = &text[run_start..run_end];
            if ascii {
                ascii_words(bytes, run_start..run_end, |start, end, joined| {
                    self.ascii_word(start, end, joined);
                });
            } else {
                let chars_before = run_start - self.extra_bytes;
                let chars =
                    scan_unicode_run(run, chars_before, &mut self.unicode_norm, &mut self.visit);
                self.extra_bytes += run.len() - chars;
            }
            run_start = run_end;
        }
        run_start
    }

    /// Visits the ASCII word `start..end` (byte offsets); `joined`: it holds more than letters
    /// and digits.
    #[inline]
    fn ascii_word(&mut self, start: usize, end: usize, joined: bool) {
        let bytes = self.text.as_bytes();
        let (from, to) = (start - self.extra_bytes, end - self.extra_bytes);
        // Letters and digits only: setting bit 5 lower-cases a letter and leaves a digit as it
        // is, for 16 bytes at once when the word fits. One 16-byte store lets the hash read its
        // 4- and 8-byte pieces back without the stall that bytes stored one at a time cause.
        if !joined && end - start <= 16 && start + 16 <= bytes.len() {
            let window: [u8; 16] = bytes[start..start + 16].try_into().unwrap();
            let lowered = (u128::from_le_bytes(window) | LOWER_16).to_le_bytes();
            let word = &lowered[..end - start];
            (self.visit)(from, to, word, xxh3_64(word));
            return;
        }
        let word = &bytes[start..end];
        self.norm.clear();
        if joined {
            normalize_ascii_bytes(word, &mut self.norm);
        } else {
            self.norm.extend(word.iter().map(|&b| b | 0x20));
        }
        (self.visit)(from, to, &self.norm, xxh3_64(&self.norm));
    }
}

/// Classes of the 64 bytes of a block, one bit a byte (bit `i` for byte `i`).
#[derive(Default)]
struct BlockClasses {
    letters: u64,
    digits: u64,
    underscores: u64,
    /// `:` `.` `'`, which join two letters.
    mid_letter: u64,
    /// `,` `;` `.` `'`, which join two digits.
    mid_num: u64,
    non_ascii: u64,
}

impl BlockClasses {
    /// SSE2 (every x86-64 processor has it): 16 bytes compared at once.
    #[cfg(target_arch = "x86_64")]
    #[inline]
    // `_mm_loadu_si128` reads unaligned memory.
    #[allow(clippy::cast_ptr_alignment)]
    fn of(block: &[u8; BLOCK]) -> Self {
        use std::arch::x86_64::{
            __m128i, _mm_add_epi8, _mm_cmpeq_epi8, _mm_cmplt_epi8, _mm_loadu_si128,
            _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
        };
        let mut c = Self::default();
        for (k, lane) in block.chunks_exact(16).enumerate() {
            // SAFETY: SSE2 is part of x86-64; the load reads the 16 bytes of `lane`.
            let bits = unsafe {
                let v = _mm_loadu_si128(lane.as_ptr().cast::<__m128i>());
                let splat = |b: u8| _mm_set1_epi8(i8::from_ne_bytes([b]));
                let is = |b: u8| _mm_cmpeq_epi8(v, splat(b));
                let mask = |m| u64::from(_mm_movemask_epi8(m) as u16);
                // A range [lo, lo + n) by one signed comparison: lo moves to -128.
                let in_range = |x, lo: u8, n: u8| {
                    _mm_cmplt_epi8(
                        _mm_add_epi8(x, splat(0x80u8.wrapping_sub(lo))),
                        splat(0x80 + n),
                    )
                };
                let (point, apostrophe) = (is(b'.'), is(b'\''));
                let both = _mm_or_si128(point, apostrophe);
                [
                    mask(in_range(_mm_or_si128(v, splat(0x20)), b'a', 26)),
                    mask(in_range(v, b'0', 10)),
                    mask(is(b'_')),
                    mask(_mm_or_si128(both, is(b':'))),
                    mask(_mm_or_si128(both, _mm_or_si128(is(b','), is(b';')))),
                    mask(v),
                ]
            };
            let shift = 16 * k;
            c.letters |= bits[0] << shift;
            c.digits |= bits[1] << shift;
            c.underscores |= bits[2] << shift;
            c.mid_letter |= bits[3] << shift;
            c.mid_num |= bits[4] << shift;
            c.non_ascii |= bits[5] << shift;
        }
        c
    }

    /// Elsewhere, from the byte classes, a byte at a time.
    #[cfg(not(target_arch = "x86_64"))]
    fn of(block: &[u8; BLOCK]) -> Self {
        let mut c = Self::default();
        for (i, &b) in block.iter().enumerate() {
            let class = byte_class(b);
            let bit = |set: bool| u64::from(set) << i;
            c.letters |= bit(class & LETTER != 0);
            c.digits |= bit(class & DIGIT != 0);
            c.underscores |= bit(class & CONNECTOR != 0);
            c.mid_letter |= bit(class & MID_LETTER != 0);
            c.mid_num |= bit(class & MID_NUM != 0);
            c.non_ascii |= bit(class & NON_ASCII != 0);
        }
        c
    }
}

/// Where the run of text from `start` ends (the next ASCII white space, or the text's end), and
/// whether the run is all ASCII. Eight bytes are examined at once: runs are short, and a loop
/// a byte would mispredict its exit at every run.
fn run_end(bytes: &[u8], start: usize) -> (usize, bool) {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut non_ascii = 0u64;
    let mut i = start;
    while let Some(group) = bytes.get(i..i + 8) {
        let v = u64::from_le_bytes(group.try_into().unwrap());
        let high = v & HIGH;
        // ASCII bytes below `!` (white space and other control bytes) get their high bit set:
        // adding 0x5f carries into bit 7 from 0x21 up, and never out of a byte.
        let mut low = !((v & !HIGH) + 0x5f5f_5f5f_5f5f_5f5f) & !high & HIGH;
        while low != 0 {
            let at = low.trailing_zeros() as usize / 8;
            if byte_class(group[at]) & SPACE != 0 {
                let before = (1u64 << (8 * at)) - 1;
                return (i + at, (non_ascii | (high & before)) == 0);
            }
            low &= low - 1;
        }
        non_ascii |= high;
        i += 8;
    }
    let mut ascii = non_ascii == 0;
    while i < bytes.len() && byte_class(bytes[i]) & SPACE == 0 {
        ascii &= bytes[i].is_ascii();
        i += 1;
    }
    (i, ascii)
}

/// The general path of `scan_words` for one run of text between white space, `chars_before`
/// code points into the text: UAX #29 words, joined again where only invisible characters
/// separate them (UAX #29 breaks at a zero-width space, which is exactly how a copy is
/// disguised), normalised by `normalize_word_into`. Returns the run's length in code points.
fn scan_unicode_run(
    run: &str,
    chars_before: usize,
    norm: &mut String,
    visit: &mut impl FnMut(usize, usize, &[u8], u64),
) -> usize {
    // Byte offsets are turned into code-point offsets by walking forward.
    let mut byte_cursor = 0usize;
    let mut char_cursor = chars_before;
    let mut visit_word = |byte_start: usize, byte_end: usize| {
        char_cursor += count_chars(&run[byte_cursor..byte_start]);
        let start = char_cursor;
        let word = &run[byte_start..byte_end];
        char_cursor += count_chars(word);
        byte_cursor = byte_end;
        norm.clear();
        normalize_word_into(word, norm);
        if !norm.is_empty() {
            visit(
                start,
                char_cursor,
                norm.as_bytes(),
                xxh3_64(norm.as_bytes()),
            );
        }
    };
    // A word is visited once the next one shows it is not continued past invisible characters.
    let mut pending: Option<(usize, usize)> = None;
    for (start, word) in run.unicode_word_indices() {
        let end = start + word.len();
        if let Some((pending_start, pending_end)) = pending {
            // Invisible characters are not ASCII: a gap opening with an ASCII byte is visible.
            let gap = &run[pending_end..start];
            if !gap.is_empty() && !gap.as_bytes()[0].is_ascii() && gap.chars().all(is_invisible) {
                pending = Some((pending_start, end));
                continue;
            }
            visit_word(pending_start, pending_end);
        }
        pending = Some((start, end));
    }
    if let Some((start, end)) = pending {
        visit_word(start, end);
    }
    char_cursor + count_chars(&run[byte_cursor..]) - chars_before
}

fn count_chars(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// Spans and hashes of the words of `text`: `tokenize` without the normalised strings.
pub fn hash_words(text: &str) -> Vec<WordHash> {
    let mut words = Vec::with_capacity(text.len() / 6);
    scan_words(text, |start, end, _, hash| {
        words.push(WordHash { start, end, hash });
    });
    words
}

/// The hash of each word of `text`, without spans or normalised strings: fingerprinting and
/// seeding need nothing else, and a collection spends most of its time here.
pub fn token_hashes(text: &str) -> Vec<u64> {
    let mut out = Vec::with_capacity(text.len() / 6);
    scan_words(text, |_, _, _, hash| out.push(hash));
    out
}

/// The words of `text` with code-point offsets and normalised forms.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 6);
    scan_words(text, |start, end, norm, hash| {
        let norm = std::str::from_utf8(norm).expect("normalised words are UTF-8");
        tokens.push(Token {
            start,
            end,
            norm: norm.to_owned(),
            hash,
        });
    });
    tokens
}

/// UAX #29 word boundaries for ASCII text, keeping only words with a letter or digit as
/// `unicode_word_indices` does: letters and digits join (WB5, WB8-10), `_` joins anything
/// (WB13a-b), `:` `.` `'` join two letters (WB6-7), `,` `;` `.` `'` join two digits (WB11-12).
/// The words of `bytes[run]`, by position in `bytes`; `emit` also learns whether a word holds
/// more than letters and digits (a `_` or a separator).
fn ascii_words(bytes: &[u8], run: Range<usize>, mut emit: impl FnMut(usize, usize, bool)) {
    let class = |i: usize| byte_class(bytes[i]);
    let mut i = run.start;
    while i < run.end {
        if class(i) & WORD == 0 {
            i += 1;
            continue;
        }
        let start = i;
        let (mut alphanumeric, mut joined) = (false, false);
        loop {
            let letters_end = alphanumeric_end(bytes, i).min(run.end);
            alphanumeric |= letters_end > i;
            i = letters_end;
            if i < run.end && class(i) & CONNECTOR != 0 {
                joined = true;
                i += 1;
                continue;
            }
            let joins = i + 1 < run.end && {
                let (before, mid, after) = (class(i - 1), class(i), class(i + 1));
                (before & after & LETTER != 0 && mid & MID_LETTER != 0)
                    || (before & after & DIGIT != 0 && mid & MID_NUM != 0)
            };
            if !joins {
                break;
            }
            joined = true;
            i += 1;
        }
        if alphanumeric {
            emit(start, i, joined);
        }
    }
}

/// The end of the run of ASCII letters and digits from `i`, eight bytes at a time: most words
/// end within their first eight bytes, where a loop a byte mispredicts its exit.
fn alphanumeric_end(bytes: &[u8], mut i: usize) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Bit 7 of each byte of `v + n * ONES` is set where the byte is at least 0x80 - n (for
    // bytes below 0x80, which never carry into the next).
    const ONES: u64 = 0x0101_0101_0101_0101;
    let at_least = |v: u64, c: u64| v.wrapping_add((0x80 - c) * ONES);
    while let Some(group) = bytes.get(i..i + 8) {
        let v = u64::from_le_bytes(group.try_into().unwrap());
        let seven = v & !HIGH;
        let folded = seven | 0x2020_2020_2020_2020;
        let letters = at_least(folded, u64::from(b'a')) & !at_least(folded, u64::from(b'z') + 1);
        let digits = at_least(seven, u64::from(b'0')) & !at_least(seven, u64::from(b'9') + 1);
        // Neither a letter nor a digit, or not ASCII.
        let others = (!(letters | digits) | v) & HIGH;
        if others != 0 {
            return i + others.trailing_zeros() as usize / 8;
        }
        i += 8;
    }
    while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
        i += 1;
    }
    i
}

// Classes of bytes, as bits, for `scan_words` and `ascii_words`.
const LETTER: u8 = 1;
const DIGIT: u8 = 2;
const WORD: u8 = 4; // letters, digits and `_`: the bytes a word is made of
const MID_LETTER: u8 = 8; // `:` `.` `'` join two letters
const MID_NUM: u8 = 16; // `,` `;` `.` `'` join two digits
const CONNECTOR: u8 = 32; // `_`
const SPACE: u8 = 64; // ASCII white space, as `u8::is_ascii_whitespace`
const NON_ASCII: u8 = 128; // any byte of a multi-byte character
/// Bit 5 of 16 bytes: set, it lower-cases ASCII letters and leaves digits as they are.
const LOWER_16: u128 = u128::from_ne_bytes([0x20; 16]);
const BYTE_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = if !c.is_ascii() {
            NON_ASCII
        } else if c.is_ascii_whitespace() {
            SPACE
        } else if c.is_ascii_alphabetic() {
            LETTER | WORD
        } else if c.is_ascii_digit() {
            DIGIT | WORD
        } else {
            match c {
                b'_' => WORD | CONNECTOR,
                b':' => MID_LETTER,
                b'.' | b'\'' => MID_LETTER | MID_NUM,
                b',' | b';' => MID_NUM,
                _ => 0,
            }
        };
        b += 1;
    }
    table
};

fn byte_class(b: u8) -> u8 {
    BYTE_CLASS[usize::from(b)]
}

/// The normalised words of `text` joined by single spaces: a matching key for short strings
/// such as quotations.
pub fn normalize_text(text: &str) -> String {
    let words: Vec<String> = tokenize(text).into_iter().map(|t| t.norm).collect();
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.norm).collect()
    }

    #[test]
    fn token_hashes_agree_with_tokenize() {
        for sample in [
            "Carney’s “deal” — U.S. $1.5 billion, 3.5% and 35; don't 4.2.1 x.1 A1b2 foo_bar a:b 1,000",
            "Tr\u{0430}de t\u{0435}nsi\u{03BF}n pla\u{200B}gia\u{00AD}rism ﬁnal ＡＢＣ Café 東京 😀",
            " … — !!! \u{200B} ",
            "",
        ] {
            let expected: Vec<u64> = tokenize(sample).into_iter().map(|t| t.hash).collect();
            assert_eq!(token_hashes(sample), expected, "{sample}");
        }
    }

    #[test]
    fn offsets_are_code_points() {
        let text = "Café “naïve” 😀 résumé 東京";
        let chars: Vec<char> = text.chars().collect();
        for t in tokenize(text) {
            let slice: String = chars[t.start..t.end].iter().collect();
            assert!(!slice.is_empty());
            assert_eq!(normalize_word(&slice), t.norm);
        }
        assert_eq!(norms(text), ["cafe", "naive", "resume", "東", "京"]);
    }

    #[test]
    fn typography_does_not_matter() {
        assert_eq!(
            norms("Carney’s “deal” — U.S."),
            norms("carney's \"DEAL\" - u.s")
        );
        assert_eq!(norms("ﬁnal ＡＢＣ"), ["final", "abc"]);
    }

    #[test]
    fn evasion_tricks_are_undone() {
        // Cyrillic а and е, Greek ο, a zero-width space and a soft hyphen inside words.
        let disguised = "Tr\u{0430}de t\u{0435}nsi\u{03BF}n pla\u{200B}gia\u{00AD}rism";
        assert_eq!(norms(disguised), ["trade", "tension", "plagiarism"]);
    }

    #[test]
    fn ascii_lookalikes_stay_apart() {
        assert_ne!(normalize_word("l1"), normalize_word("ll"));
        assert_ne!(normalize_word("burn"), normalize_word("bum"));
    }

    #[test]
    fn numbers_keep_their_decimal_point() {
        assert_eq!(
            norms("$1.5 billion, 25% and 35"),
            ["1.5", "billion", "25", "and", "35"]
        );
    }

    #[test]
    fn ascii_fast_path_agrees_with_the_general_path() {
        for word in [
            "U.S.", "3.5", "it's", "x.1", "1.x", "A1b2", "..", "don't", "4.2.1",
        ] {
            let general: String = word
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase();
            let mut fast = String::new();
            normalize_ascii_word(word, &mut fast);
            // Only a point between two digits may differ from plain filtering.
            assert_eq!(fast.replace('.', ""), general, "{word}");
        }
        assert_eq!(normalize_word("4.2.1"), "4.2.1");
        assert_eq!(normalize_word("U.S."), "us");
    }

    #[test]
    fn ascii_segmentation_is_uax29() {
        // Random ASCII strings over the characters the rules treat specially.
        let alphabet = b"aZ09_.:,;' -\"\n!x";
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..5000 {
            let len = (state % 24) as usize;
            let text: String = (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    char::from(alphabet[(state % alphabet.len() as u64) as usize])
                })
                .collect();
            let expected: Vec<(usize, usize)> = text
                .unicode_word_indices()
                .map(|(s, w)| (s, s + w.len()))
                .collect();
            let mut got = Vec::new();
            ascii_words(text.as_bytes(), 0..text.len(), |s, e, _| got.push((s, e)));
            assert_eq!(got, expected, "{text:?}");
        }
    }

    #[test]
    fn hash_words_agree_with_tokenize() {
        let text = "Tr\u{0430}de “talks” — U.S. 3.5% café 東京 pla\u{200B}giarism";
        let tokens = tokenize(text);
        let hashed = hash_words(text);
        assert_eq!(tokens.len(), hashed.len());
        for (t, h) in tokens.iter().zip(&hashed) {
            assert_eq!((t.start, t.end, t.hash), (h.start, h.end, h.hash));
        }
    }

    #[test]
    fn empty_and_punctuation_only() {
        assert!(tokenize("").is_empty());
        assert!(tokenize(" … — !!! \u{200B} ").is_empty());
    }
}
