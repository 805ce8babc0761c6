//! Where the quotations of a text are, and what judging a reuse pair needs of one document.
//!
//! Quotation marks are paired paragraph by paragraph: a mark left open stops at the paragraph's
//! end (or at the next mark that can only open), so a stray mark never swallows the rest of a
//! document. Offsets are code points, as Python indexes `str`. Each step visits the text once,
//! or its quotation marks with look-ups by binary search, so the cost grows with its length.

use crate::text::{WordHash, hash_words};

/// A quotation: `[start, end)` includes the marks, `[inner_start, inner_end)` only the words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quotation {
    pub start: usize,
    pub end: usize,
    pub inner_start: usize,
    pub inner_end: usize,
}

/// Median line length at or under which a text counts as hard-wrapped: quotations may then run
/// over a line break, and paragraphs end at blank lines and at short lines ending a sentence
/// (python/provenance/thresholds.py, `WRAPPED_LINE_MAX`).
pub const WRAPPED_LINE_MAX: usize = 100;

/// Marks that can only open: meeting one inside an open quotation means that one was never closed.
const STRICT_OPENERS: [char; 2] = ['“', '«'];
const ELISIONS: [&str; 6] = ["'n'", "'em", "'til", "'cause", "'tis", "'twas"];

/// Opening double mark -> the marks that close it (`”` opens only in texts that use it both ways).
fn double_closers(mark: char) -> Option<&'static [char]> {
    match mark {
        '“' | '"' => Some(if mark == '“' {
            &['”', '"']
        } else {
            &['"', '”']
        }),
        '„' => Some(&['“', '”', '"']),
        '«' => Some(&['»']),
        '”' => Some(&['”', '"']),
        _ => None,
    }
}

fn is_double_mark(c: char) -> bool {
    matches!(c, '“' | '„' | '«' | '"' | '”' | '»')
}

/// Python's `str.isspace`: Unicode white space and the information separators.
fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\x0b'
            | '\x0c'
            | '\x1c'
            | '\x1d'
            | '\x1e'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// `(start, end)` of each line break (`\r\n` is one).
fn line_breaks(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '\r' && chars.get(i + 1) == Some(&'\n') {
            out.push((i, i + 2));
            i += 2;
        } else {
            if is_line_break(chars[i]) {
                out.push((i, i + 1));
            }
            i += 1;
        }
    }
    out
}

/// `(start, end)` of each blank line: a line feed (or carriage return), blanks, and another.
fn blank_lines(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' || c == '\r' {
            let mut j = i + 1;
            while j < chars.len()
                && matches!(chars[j], ' ' | '\t' | '\x0c' | '\x0b')
                    | (c == '\n' && chars.get(j) == Some(&'\r'))
            {
                j += 1;
            }
            if chars.get(j) == Some(&c) {
                out.push((i, j + 1));
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// The pieces of the text between separators.
fn between(len: usize, separators: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut spans = Vec::with_capacity(separators.len() + 1);
    let mut position = 0;
    for &(start, end) in separators {
        spans.push((position, start));
        position = end;
    }
    spans.push((position, len));
    spans
}

fn blank(chars: &[char]) -> bool {
    chars.iter().all(|&c| is_space(c))
}

/// Hard-wrapped: three or more non-blank lines whose median length is short.
fn hard_wrapped(chars: &[char], breaks: &[(usize, usize)]) -> bool {
    let mut lengths: Vec<usize> = between(chars.len(), breaks)
        .into_iter()
        .filter(|&(s, e)| !blank(&chars[s..e]))
        .map(|(s, e)| e - s)
        .collect();
    if lengths.len() < 3 {
        return false;
    }
    lengths.sort_unstable();
    lengths[lengths.len() / 2] <= WRAPPED_LINE_MAX
}

/// A paragraph's last line in hard-wrapped text: it ends a sentence (or a quotation) well short
/// of the wrap width, taken as the 90th percentile of the line lengths.
const LAST_LINE_MAX_SHARE: usize = 60; // per cent of the wrap width

/// The line breaks that end a paragraph of hard-wrapped text without a blank line after it, so
/// that an unclosed mark in a text with no blank lines stops at its paragraph, not at the end.
fn paragraph_ends(chars: &[char], breaks: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let lines = between(chars.len(), breaks);
    let ends: Vec<usize> = lines.iter().map(|&(s, e)| rstrip(chars, s, e)).collect();
    let mut lengths: Vec<usize> = lines
        .iter()
        .zip(&ends)
        .map(|(&(s, _), &e)| e - s)
        .filter(|&n| n > 0)
        .collect();
    if lengths.is_empty() {
        return Vec::new();
    }
    lengths.sort_unstable();
    let width = lengths[lengths.len() * 9 / 10];
    breaks
        .iter()
        .zip(lines.iter().zip(&ends))
        .filter(|&(_, (&(s, _), &e))| {
            e > s
                && (e - s) * 100 <= width * LAST_LINE_MAX_SHARE
                && matches!(chars[e - 1], '.' | '!' | '?' | '"' | '”' | '’')
        })
        .map(|(&b, _)| b)
        .collect()
}

/// Paragraph spans: blocks between blank lines, and single lines too unless the text is
/// hard-wrapped (short lines throughout), where a quotation may run over a line break but not
/// past a paragraph's short last line.
fn paragraphs(chars: &[char]) -> Vec<(usize, usize)> {
    let breaks = line_breaks(chars);
    let separators = if hard_wrapped(chars, &breaks) {
        let mut separators = blank_lines(chars);
        separators.extend(paragraph_ends(chars, &breaks));
        // A blank line holds the break that ends its paragraph's last line: the blank line,
        // the longer of the two, sorts first and is kept.
        separators.sort_unstable_by_key(|&(start, end)| (start, std::cmp::Reverse(end)));
        let mut kept: Vec<(usize, usize)> = Vec::with_capacity(separators.len());
        for separator in separators {
            match kept.last() {
                Some(&(_, end)) if separator.0 < end => {}
                _ => kept.push(separator),
            }
        }
        kept
    } else {
        breaks
    };
    between(chars.len(), &separators)
        .into_iter()
        .filter(|&(s, e)| !blank(&chars[s..e]))
        .collect()
}

/// Every top-level quotation of `text`, in order.
///
/// Double marks (straight, curly, « », „ “) are paired within a paragraph; a mark left open
/// stops at the paragraph end (or at the next mark that can only open). Single quotes nested
/// inside a double quotation belong to it; top-level single quotes count only when balanced, so
/// that apostrophes (it's, Carney’s, the ’90s) are never taken for quotes. An attribution
/// between two quoted stretches makes them two quotations.
pub fn quotations(text: &str) -> Vec<Quotation> {
    // Every quotation mark's UTF-8 encoding holds one of these bytes: most texts without a mark
    // are passed over at memory speed. A block is tested whole, without stopping at its first
    // match, so that the comparisons are vectorised (byte by byte, the test ran at 0.3 GB/s).
    let is_mark = |b: u8| matches!(b, b'"' | b'\'' | 0x98 | 0x99 | 0x9c..=0x9e | 0xab | 0xbb);
    if !text
        .as_bytes()
        .chunks(64)
        .any(|block| block.iter().fold(false, |seen, &b| seen | is_mark(b)))
    {
        return Vec::new();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    for (start, end) in paragraphs(&chars) {
        let doubles = double_quotations(&chars, start, end);
        let closers: Vec<usize> = (start..end)
            .filter(|&i| single_closer(&chars, i, end))
            .collect();
        let mut outside = start;
        for q in doubles.iter().map(|q| (q.start, q.end)).chain([(end, end)]) {
            single_quotations(&chars, outside, q.0, &closers, &mut found);
            outside = q.1;
        }
        found.extend(doubles);
    }
    found.sort_by_key(|q| q.start);
    found
}

/// A closing single mark: after a non-space, before a character that is not a letter or digit.
fn single_closer(chars: &[char], i: usize, end: usize) -> bool {
    matches!(chars[i], '’' | '\'')
        && i > 0
        && !is_space(chars[i - 1])
        && !(i + 1 < end && chars[i + 1].is_alphanumeric())
}

fn double_quotations(chars: &[char], start: usize, end: usize) -> Vec<Quotation> {
    let mut found = Vec::new();
    let marks: Vec<usize> = (start..end).filter(|&i| is_double_mark(chars[i])).collect();
    let last_closer = marks
        .iter()
        .rev()
        .find(|&&i| matches!(chars[i], '"' | '”'))
        .copied();
    let mut open_at: Option<usize> = None;
    for &i in &marks {
        let mark = chars[i];
        match open_at {
            None => {
                if double_closers(mark).is_some() && can_open(chars, i, start, end) {
                    open_at = Some(i);
                }
            }
            Some(open) => {
                let closers = double_closers(chars[open]).unwrap_or(&[]);
                if closers.contains(&mark) && !inch_mark(chars, i, end, last_closer) {
                    found.extend(quotation(chars, open, i + 1, Some(i), 1));
                    open_at = None;
                } else if STRICT_OPENERS.contains(&mark) {
                    found.extend(quotation(chars, open, rstrip(chars, open, i), None, 1));
                    open_at = Some(i);
                }
            }
        }
    }
    if let Some(open) = open_at {
        found.extend(quotation(chars, open, rstrip(chars, open, end), None, 1));
    }
    found
}

fn can_open(chars: &[char], i: usize, start: usize, end: usize) -> bool {
    let mark = chars[i];
    let before = if i > start { chars[i - 1] } else { ' ' };
    let after = if i + 1 < end { chars[i + 1] } else { ' ' };
    if is_space(after) && mark != '«' {
        return false; // a stray closing mark
    }
    match mark {
        '"' => !before.is_alphanumeric(), // 12" is an inch mark
        '”' => is_space(before) || i == start,
        _ => true,
    }
}

/// A straight or curly double mark right after a digit that measures something (`65" TV`): a
/// word follows it and a later mark in the paragraph can close the quotation instead.
fn inch_mark(chars: &[char], i: usize, end: usize, last_closer: Option<usize>) -> bool {
    if i == 0 || !chars[i - 1].is_numeric() {
        return false;
    }
    let word_after = i + 2 < end
        && chars[i + 1] == ' '
        && (chars[i + 2].is_alphanumeric() || chars[i + 2] == '_');
    word_after && last_closer.is_some_and(|last| last > i)
}

/// Balanced single-quoted stretches of `[start, end)`; `closers` are the positions of the
/// paragraph's marks that can close one.
fn single_quotations(
    chars: &[char],
    start: usize,
    end: usize,
    closers: &[usize],
    found: &mut Vec<Quotation>,
) {
    let mut i = start;
    while let Some(offset) = chars[i.min(end)..end]
        .iter()
        .position(|&c| c == '‘' || c == '\'')
    {
        i += offset;
        if single_can_open(chars, i, start, end) {
            let k = closers.partition_point(|&c| c < i + 1);
            if k < closers.len() && closers[k] < end {
                let close = closers[k];
                found.extend(quotation(chars, i, close + 1, Some(close), 2));
                i = close + 1;
                continue;
            }
        }
        i += 1;
    }
}

fn single_can_open(chars: &[char], i: usize, start: usize, end: usize) -> bool {
    let before = if i > start { chars[i - 1] } else { ' ' };
    let after = if i + 1 < end { chars[i + 1] } else { ' ' };
    if !(is_space(before) || "([{—–-/".contains(before)) || !after.is_alphabetic() {
        return false; // it's, Carney’s, ’90s
    }
    let head: String = chars[i..(i + 5).min(chars.len())]
        .iter()
        .map(|&c| if c == '’' || c == '‘' { '\'' } else { c })
        .collect::<String>()
        .to_lowercase();
    !ELISIONS.iter().any(|e| head.starts_with(e))
}

fn rstrip(chars: &[char], start: usize, mut end: usize) -> usize {
    while end > start && is_space(chars[end - 1]) {
        end -= 1;
    }
    end
}

/// The quotation over `[start, end)` if it holds a word.
fn quotation(
    chars: &[char],
    start: usize,
    end: usize,
    close_at: Option<usize>,
    min_inner: usize,
) -> Option<Quotation> {
    let mut inner_end = close_at.unwrap_or(end);
    let mut inner_start = start + 1;
    while inner_start < inner_end && !chars[inner_start].is_alphanumeric() {
        inner_start += 1;
    }
    while inner_end > inner_start && !chars[inner_end - 1].is_alphanumeric() {
        inner_end -= 1;
    }
    (inner_end - inner_start >= min_inner).then_some(Quotation {
        start,
        end,
        inner_start,
        inner_end,
    })
}

/// What judging a reuse pair needs of one document: its number of words (the tokeniser's, as
/// passages count them), the word ranges `[start, end)` of its quotations, marks included, and
/// those of its boilerplate (`boilerplate::covered_words`), each in order and apart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    pub words: usize,
    pub quotations: Vec<(usize, usize)>,
    pub boilerplate: Vec<(usize, usize)>,
}

/// The facts of one text: one scan for its words, one for its quotation marks.
pub fn facts(text: &str) -> Facts {
    facts_with_words(text, &hash_words(text))
}

/// The facts of a text whose words are already known (the aligner's, when it reads the text).
pub fn facts_with_words(text: &str, words: &[WordHash]) -> Facts {
    let quotations = quotations(text)
        .into_iter()
        .map(|q| {
            (
                words.partition_point(|w| w.start < q.start),
                words.partition_point(|w| w.start < q.end),
            )
        })
        .filter(|(lo, hi)| hi > lo)
        .collect();
    Facts {
        words: words.len(),
        quotations,
        boilerplate: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inner(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        quotations(text)
            .iter()
            .map(|q| chars[q.inner_start..q.inner_end].iter().collect())
            .collect()
    }

    #[test]
    fn double_single_and_stray_marks() {
        assert_eq!(
            inner("He said \"we are ready.\" She said “not yet,” and left."),
            ["we are ready", "not yet"]
        );
        assert_eq!(
            inner("a 12\" pipe and a 65\" TV, \"fine\" he said"),
            ["fine"]
        );
        assert_eq!(
            inner("It's Carney’s ’90s. He said 'go now' twice."),
            ["go now"]
        );
    }

    #[test]
    fn an_unclosed_mark_in_wrapped_text_stops_at_a_short_last_line() {
        let line = "these words fill a wrapped line of text to its usual width here";
        let text = format!(
            "\"{line}\n{line}\n{line}\nand the paragraph ends.\n{line}\n{line}\nnot quoted at all.\n{line}"
        );
        let quoted = inner(&text);
        assert_eq!(quoted.len(), 1);
        assert!(quoted[0].ends_with("and the paragraph ends"), "{quoted:?}");
        // Blank lines still end paragraphs, and a long line ending a sentence does not.
        let text = format!("\"{line}.\n{line}\n{line}\n\n{line}\n{line}");
        assert!(inner(&text)[0].ends_with(&format!("{line}\n{line}")));
    }

    #[test]
    fn an_unclosed_mark_stops_at_its_paragraph() {
        let text = "He said \"we will go.\nNothing after this line is quoted.";
        assert_eq!(inner(text), ["we will go"]);
        let f = facts(text);
        assert_eq!(f.words, 11);
        assert_eq!(f.quotations, [(2, 5)]);
    }
}
