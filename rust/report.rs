//! A collection run's reuse as JSON lines, the one writer of the format: a line per pair, then
//! per cluster, then per duplicate group, each as Python's `json` (`ensure_ascii=False`) writes
//! the same object. The command's run comes judged by the core (`PairLine::judged`); the
//! library's `CorpusReuse`, with its pairs' reuse cases when asked for, comes named from Python.

use std::borrow::Cow;
use std::fmt::Write;

use crate::align::Passage;
use crate::reuse::JudgedPair;

const DUPLICATES_NOTE: &str = "the same words (after normalisation): each document is a copy of every other; pairs link each to the first, and the first's reuse holds for all";

/// `value` as a JSON string, escaped as Python's `json` escapes it without `ensure_ascii`:
/// quotation mark, backslash and the control characters only.
fn push_string(out: &mut String, value: &str) {
    out.push('"');
    let mut plain = 0;
    for (i, c) in value.char_indices() {
        let escaped = match c {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\u{8}' => "\\b",
            '\u{c}' => "\\f",
            c if c < ' ' => "",
            _ => continue,
        };
        out.push_str(&value[plain..i]);
        if escaped.is_empty() {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push_str(escaped);
        }
        plain = i + c.len_utf8();
    }
    out.push_str(&value[plain..]);
    out.push('"');
}

/// `round(x, 4)` as Python's `repr` writes it: the nearest number of four decimals (ties to
/// even on the exact binary value, as both languages round), in the fewest digits that read
/// back as it, and a `.0` for a whole number. Scores lie in [0, 1], where `repr` never turns to
/// an exponent; they are rounded in integers (`score_ten_thousandths`) and their digits written
/// out, a fifth of the time of formatting, reading back and formatting again, which any other
/// number still takes.
fn push_score(out: &mut String, x: f64) {
    if let Some(k) = score_ten_thousandths(x) {
        push_number(out, k / 10_000);
        out.push('.');
        // The four decimals without their trailing zeros, one digit at least.
        let f = k % 10_000;
        let decimals = [f / 1000, f / 100 % 10, f / 10 % 10, f % 10].map(|d| b'0' + d as u8);
        let written = decimals
            .iter()
            .rposition(|&d| d != b'0')
            .map_or(1, |last| last + 1);
        out.extend(decimals[..written].iter().map(|&d| char::from(d)));
        return;
    }
    let rounded: f64 = format!("{x:.4}")
        .parse()
        .expect("a formatted number reads back");
    let start = out.len();
    let _ = write!(out, "{rounded}");
    if !out[start..].contains('.') {
        out.push_str(".0");
    }
}

/// `x` in ten-thousandths, rounded half to even on its exact binary value, for `x` in [0, 1]
/// (not -0.0); None for any other number. The nearest double to `k / 10_000` there is written
/// as those four decimals: doubles that near are far closer together than 0.0001.
fn score_ten_thousandths(x: f64) -> Option<usize> {
    if !(x.is_sign_positive() && x <= 1.0) {
        return None;
    }
    // x = mantissa * 2^-shift exactly (shift >= 52 up to 1.0); subnormals have no implicit bit
    // and the least exponent.
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as u32;
    let fraction = bits & ((1 << 52) - 1);
    let (mantissa, shift) = if exponent == 0 {
        (fraction, 1074)
    } else {
        (fraction | (1 << 52), 1075 - exponent)
    };
    if shift >= 128 {
        return Some(0); // below 2^-75: far under half a ten-thousandth
    }
    let scaled = u128::from(mantissa) * 10_000;
    let whole = scaled >> shift;
    let rest = scaled - (whole << shift);
    let half = 1u128 << (shift - 1);
    let up = rest > half || (rest == half && whole % 2 == 1);
    Some((whole + u128::from(up)) as usize)
}

/// `n` in decimal digits: `write!` through the formatting machinery took half of the writer's
/// time, as a line holds a dozen numbers.
fn push_number(out: &mut String, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[start..].iter().map(|&d| char::from(d)));
}

fn push_span(out: &mut String, (start, end): (usize, usize)) {
    out.push('[');
    push_number(out, start);
    out.push_str(", ");
    push_number(out, end);
    out.push(']');
}

/// A passage as a line lists it: a pair's passage or one of its reuse cases.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PassageLine<'a> {
    pub kind: &'a str,
    pub candidate: (usize, usize),
    pub source: (usize, usize),
    pub score: f64,
}

impl From<&Passage> for PassageLine<'static> {
    fn from(p: &Passage) -> Self {
        Self {
            kind: if p.is_verbatim() {
                "verbatim"
            } else {
                "near_verbatim"
            },
            candidate: p.candidate,
            source: p.source,
            score: p.score,
        }
    }
}

/// A pair as its line gives it, the documents named.
#[derive(Debug, Clone, PartialEq)]
pub struct PairLine<'a> {
    pub candidate: &'a str,
    pub source: &'a str,
    pub direction: Option<Cow<'a, str>>,
    pub identical: bool,
    pub matched: usize,
    pub prose: usize,
    pub passages: Vec<PassageLine<'a>>,
    /// The pair's reuse cases when the run looked for them: only then has the line `"cases"`.
    pub cases: Option<Vec<PassageLine<'a>>>,
}

impl<'a> PairLine<'a> {
    /// A pair judged by the core, its documents named by `ids`.
    pub fn judged(pair: &JudgedPair, ids: &[&'a str]) -> Self {
        let (candidate, source) = (ids[pair.candidate as usize], ids[pair.source as usize]);
        Self {
            candidate,
            source,
            direction: pair
                .direction
                .map(|d| Cow::Owned(d.describe(candidate, source))),
            identical: pair.identical,
            matched: pair.matched,
            prose: pair.prose,
            passages: pair.passages.iter().map(PassageLine::from).collect(),
            cases: None,
        }
    }
}

fn push_passages(out: &mut String, passages: &[PassageLine<'_>]) {
    out.push('[');
    for (i, p) in passages.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str("{\"kind\": ");
        push_string(out, p.kind);
        out.push_str(", \"candidate\": ");
        push_span(out, p.candidate);
        out.push_str(", \"source\": ");
        push_span(out, p.source);
        out.push_str(", \"score\": ");
        push_score(out, p.score);
        out.push('}');
    }
    out.push(']');
}

fn push_pair(out: &mut String, p: &PairLine<'_>) {
    out.push_str("{\"type\": \"pair\", \"candidate\": ");
    push_string(out, p.candidate);
    out.push_str(", \"source\": ");
    push_string(out, p.source);
    out.push_str(", \"direction\": ");
    match &p.direction {
        Some(d) => push_string(out, d),
        None => out.push_str("null"),
    }
    out.push_str(if p.identical {
        ", \"identical\": true, \"matched_words\": "
    } else {
        ", \"identical\": false, \"matched_words\": "
    });
    push_number(out, p.matched);
    out.push_str(", \"prose_words\": ");
    push_number(out, p.prose);
    out.push_str(", \"passages\": ");
    push_passages(out, &p.passages);
    if let Some(cases) = &p.cases {
        out.push_str(", \"cases\": ");
        push_passages(out, cases);
    }
    out.push_str("}\n");
}

fn push_documents(out: &mut String, docs: &[impl AsRef<str>]) {
    out.push('[');
    for (i, doc) in docs.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        push_string(out, doc.as_ref());
    }
    out.push(']');
}

/// The run's JSON lines: its pairs, its clusters (as `reuse::clusters` gives them) and its
/// duplicate groups, the documents named.
pub fn to_jsonl<'a, D: AsRef<str>>(
    pairs: impl IntoIterator<Item = PairLine<'a>>,
    clusters: &[Vec<D>],
    duplicates: &[Vec<D>],
) -> String {
    let mut out = String::new();
    for pair in pairs {
        push_pair(&mut out, &pair);
    }
    for (i, cluster) in clusters.iter().enumerate() {
        out.push_str("{\"type\": \"cluster\", \"cluster\": ");
        push_number(&mut out, i);
        out.push_str(", \"documents\": ");
        push_documents(&mut out, cluster);
        out.push_str("}\n");
    }
    for group in duplicates {
        out.push_str("{\"type\": \"duplicates\", \"documents\": ");
        push_documents(&mut out, group);
        out.push_str(", \"note\": ");
        push_string(&mut out, DUPLICATES_NOTE);
        out.push_str("}\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_as_python_escapes_them() {
        let mut out = String::new();
        push_string(&mut out, "a\"b\\c\n\r\t\u{8}\u{c}\u{1}\u{1f}\u{7f}é日");
        assert_eq!(out, "\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u001f\u{7f}é日\"");
    }

    #[test]
    fn a_pair_line_lists_its_cases_only_when_the_run_looked_for_them() {
        let copied = PassageLine {
            kind: "verbatim",
            candidate: (0, 40),
            source: (10, 50),
            score: 1.0,
        };
        let reworded = PassageLine {
            kind: "paraphrase",
            candidate: (60, 90),
            source: (70, 95),
            score: 0.712_34,
        };
        let pair = PairLine {
            candidate: "b",
            source: "a\"",
            direction: Some(Cow::Borrowed("dates")),
            identical: false,
            matched: 7,
            prose: 6,
            passages: vec![copied],
            cases: None,
        };
        let plain = to_jsonl([pair.clone()], &[vec!["a\"", "b"]], &[] as &[Vec<&str>]);
        assert_eq!(
            plain,
            "{\"type\": \"pair\", \"candidate\": \"b\", \"source\": \"a\\\"\", \"direction\": \"dates\", \
             \"identical\": false, \"matched_words\": 7, \"prose_words\": 6, \"passages\": \
             [{\"kind\": \"verbatim\", \"candidate\": [0, 40], \"source\": [10, 50], \"score\": 1.0}]}\n\
             {\"type\": \"cluster\", \"cluster\": 0, \"documents\": [\"a\\\"\", \"b\"]}\n"
        );
        let with_cases = PairLine {
            direction: None,
            cases: Some(vec![copied, reworded]),
            ..pair
        };
        let line = to_jsonl([with_cases], &[] as &[Vec<&str>], &[vec!["a", "b"]]);
        assert!(line.contains(
            "\"direction\": null, \"identical\": false, \"matched_words\": 7, \"prose_words\": 6, \
             \"passages\": [{\"kind\": \"verbatim\", \"candidate\": [0, 40], \"source\": [10, 50], \"score\": 1.0}], \
             \"cases\": [{\"kind\": \"verbatim\", \"candidate\": [0, 40], \"source\": [10, 50], \"score\": 1.0}, \
             {\"kind\": \"paraphrase\", \"candidate\": [60, 90], \"source\": [70, 95], \"score\": 0.7123}]}\n"
        ));
        assert!(line.ends_with(
            "{\"type\": \"duplicates\", \"documents\": [\"a\", \"b\"], \"note\": \"the same words (after normalisation): \
             each document is a copy of every other; pairs link each to the first, and the first's reuse holds for all\"}\n"
        ));
    }

    #[test]
    fn scores_are_written_as_python_writes_round_4() {
        let written = |x: f64| {
            let mut out = String::new();
            push_score(&mut out, x);
            out
        };
        // Python: [repr(round(x, 4)) for x in ...]
        for (x, python) in [
            (1.0, "1.0"),
            (0.0, "0.0"),
            (0.5, "0.5"),
            (0.123_456, "0.1235"),
            (0.999_96, "1.0"),
            (0.000_04, "0.0"),
            (0.000_05, "0.0001"),
            (0.031_25, "0.0312"),
            (0.093_75, "0.0938"),
            (2.0 / 3.0, "0.6667"),
            (0.1 + 0.2, "0.3"),
        ] {
            assert_eq!(written(x), python, "{x}");
        }
    }

    #[test]
    fn scores_rounded_in_integers_are_written_as_formatting_writes_them() {
        // The way any number is written: Rust's exact formatting to four decimals, read back
        // and written in the fewest digits, as Python's repr(round(x, 4)).
        let formatted = |x: f64| {
            let rounded: f64 = format!("{x:.4}").parse().unwrap();
            let written = rounded.to_string();
            if written.contains('.') {
                written
            } else {
                written + ".0"
            }
        };
        let written = |x: f64| {
            let mut out = String::new();
            push_score(&mut out, x);
            out
        };
        let mut numbers = vec![
            0.0,
            1.0,
            f64::MIN_POSITIVE,
            5e-324,
            4.9999e-5,
            5e-5,
            5.0001e-5,
        ];
        for k in 0..=20_000u32 {
            // each ten-thousandth and each tie between two, and the doubles beside them
            let x = f64::from(k) / 20_000.0;
            numbers.extend([
                x,
                f64::from_bits(x.to_bits() + 1),
                f64::from_bits(x.to_bits().saturating_sub(1)),
            ]);
        }
        for k in 0..=32u32 {
            numbers.push(f64::from(k) / 32.0); // exact ties: odd multiples of 1/32
        }
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..100_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            numbers.push((state >> 11) as f64 / (1u64 << 53) as f64);
        }
        for x in numbers.into_iter().filter(|x| (0.0..=1.0).contains(x)) {
            assert!(score_ten_thousandths(x).is_some(), "{x}");
            assert_eq!(written(x), formatted(x), "{x:e}");
        }
        for x in [
            -0.0,
            -1e-9,
            1.000_000_000_1,
            12.345_67,
            f64::NAN,
            f64::INFINITY,
        ] {
            assert_eq!(score_ten_thousandths(x), None, "{x}");
            assert_eq!(written(x), formatted(x), "{x}");
        }
    }
}
