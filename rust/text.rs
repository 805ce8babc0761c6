//! Tokenisation with code-point offsets, and the normalisation that makes typography and
//! evasion tricks invisible to matching.
//!
//! A token is a Unicode word (UAX #29 word boundaries) holding at least one letter or digit.
//! Offsets count code points, as Python indexes `str`, so `text[start:end]` in Python is the
//! token as written. The normalised form is what matching compares: two words that a reader
//! would see as the same word get the same form.

use std::cell::RefCell;
use std::collections::HashMap;

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
    out
}

/// The words of `text` with code-point offsets and normalised forms.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    // Byte offsets from the segmenter are turned into code-point offsets by walking forward.
    let mut byte_cursor = 0usize;
    let mut char_cursor = 0usize;
    for (byte_start, byte_end) in word_ranges(text) {
        char_cursor += text[byte_cursor..byte_start].chars().count();
        let start = char_cursor;
        let word = &text[byte_start..byte_end];
        let end = start + word.chars().count();
        byte_cursor = byte_end;
        char_cursor = end;
        let norm = normalize_word(word);
        if norm.is_empty() {
            continue;
        }
        let hash = xxh3_64(norm.as_bytes());
        tokens.push(Token {
            start,
            end,
            norm,
            hash,
        });
    }
    tokens
}

/// UAX #29 words as byte ranges, with words that only invisible characters separate joined
/// again: UAX #29 breaks at a zero-width space, which is exactly how a copy is disguised.
fn word_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for (start, word) in text.unicode_word_indices() {
        let end = start + word.len();
        if let Some(last) = ranges.last_mut() {
            let gap = &text[last.1..start];
            if !gap.is_empty() && gap.chars().all(is_invisible) {
                last.1 = end;
                continue;
            }
        }
        ranges.push((start, end));
    }
    ranges
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
    fn empty_and_punctuation_only() {
        assert!(tokenize("").is_empty());
        assert!(tokenize(" … — !!! \u{200B} ").is_empty());
    }
}
