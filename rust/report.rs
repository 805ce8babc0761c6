//! A judged collection run written as JSON lines, byte for byte as the Python renderer
//! (`render/corpus.py`, `json.JSONEncoder(ensure_ascii=False)`) writes the same run: a line per
//! pair, then per cluster, then per duplicate group.

use std::fmt::Write;

use crate::align::Passage;
use crate::reuse::JudgedReuse;

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

fn push_passage(out: &mut String, p: &Passage) {
    out.push_str("{\"kind\": ");
    out.push_str(if p.is_verbatim() {
        "\"verbatim\""
    } else {
        "\"near_verbatim\""
    });
    out.push_str(", \"candidate\": ");
    push_span(out, p.candidate);
    out.push_str(", \"source\": ");
    push_span(out, p.source);
    out.push_str(", \"score\": ");
    push_score(out, p.score);
    out.push('}');
}

fn push_documents(out: &mut String, docs: &[u32], ids: &[&str]) {
    out.push('[');
    for (i, &doc) in docs.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        push_string(out, ids[doc as usize]);
    }
    out.push(']');
}

/// The run's JSON lines: documents named by `ids`, the clusters as `reuse::clusters` gives them.
pub fn to_jsonl(reuse: &JudgedReuse, clusters: &[Vec<u32>], ids: &[&str]) -> String {
    let mut out = String::new();
    for p in &reuse.pairs {
        let (candidate, source) = (ids[p.candidate as usize], ids[p.source as usize]);
        out.push_str("{\"type\": \"pair\", \"candidate\": ");
        push_string(&mut out, candidate);
        out.push_str(", \"source\": ");
        push_string(&mut out, source);
        out.push_str(", \"direction\": ");
        match p.direction {
            Some(d) => push_string(&mut out, &d.describe(candidate, source)),
            None => out.push_str("null"),
        }
        let _ = write!(
            out,
            ", \"identical\": {}, \"matched_words\": {}, \"prose_words\": {}, \"passages\": [",
            p.identical, p.matched, p.prose
        );
        for (i, passage) in p.passages.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            push_passage(&mut out, passage);
        }
        out.push_str("]}\n");
    }
    for (i, cluster) in clusters.iter().enumerate() {
        let _ = write!(
            out,
            "{{\"type\": \"cluster\", \"cluster\": {i}, \"documents\": "
        );
        push_documents(&mut out, cluster, ids);
        out.push_str("}\n");
    }
    for group in &reuse.duplicates {
        out.push_str("{\"type\": \"duplicates\", \"documents\": ");
        push_documents(&mut out, group, ids);
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
