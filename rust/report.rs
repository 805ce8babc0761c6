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
/// an exponent.
fn push_score(out: &mut String, x: f64) {
    let rounded: f64 = format!("{x:.4}")
        .parse()
        .expect("a formatted number reads back");
    let start = out.len();
    let _ = write!(out, "{rounded}");
    if !out[start..].contains('.') {
        out.push_str(".0");
    }
}

fn push_span(out: &mut String, (start, end): (usize, usize)) {
    let _ = write!(out, "[{start}, {end}]");
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
    let _ = write!(
        out,
        ", \"identical\": {}, \"matched_words\": {}, \"prose_words\": {}, \"passages\": ",
        p.identical, p.matched, p.prose
    );
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
        let _ = write!(
            out,
            "{{\"type\": \"cluster\", \"cluster\": {i}, \"documents\": "
        );
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
}
