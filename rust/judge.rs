//! Judging a reuse pair of a collection from its aligned passages and each document's facts:
//! how much prose its largest stretch of copying holds, and which document came first. The one
//! implementation: the embedded run, the Spark job and the library all judge pairs here.

use std::collections::HashMap;

use crate::align::Passage;
use crate::quotes::Facts;

/// Words between two passages of one stretch of copying, on either side (`thresholds.py`).
pub const REUSE_GAP_WORDS: i64 = 50;
/// Share of a quotation's words found as the other document's prose for it to count as made
/// from that prose (`thresholds.py`).
pub const FABRICATED_MIN: f64 = 0.65;
/// The shortest quotation (words) that can tell the direction (`thresholds.py`).
pub const QUOTE_FROM_PROSE_MIN_WORDS: i64 = 4;

/// What judging needs of one document of a pair: its date (ISO 8601, compared as text; an
/// empty one is no date) and its facts.
#[derive(Debug, Clone, Copy)]
pub struct Document<'a> {
    pub date: Option<&'a str>,
    pub facts: &'a Facts,
}

impl Document<'_> {
    fn dated(&self) -> Option<&str> {
        self.date.filter(|d| !d.is_empty())
    }
}

/// The evidence that the source came first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// The source's date is the earlier.
    Dates,
    /// This many quotations of the candidate were made from the source's prose.
    Quotations(usize),
}

impl Direction {
    /// The evidence as the reports write it.
    pub fn describe(self, candidate: &str, source: &str) -> String {
        match self {
            Direction::Dates => "dates".to_string(),
            Direction::Quotations(n) => {
                format!("quotations: {n} in {candidate} made from prose of {source}")
            }
        }
    }
}

/// A pair judged: `swapped` when the second document of the call is the candidate (the first
/// came first), the words of prose in its largest stretch, and the direction's evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    pub swapped: bool,
    pub prose: usize,
    pub direction: Option<Direction>,
}

/// A word number as a signed one: the stretch's gaps and the proportional map go negative.
fn signed(word: usize) -> i64 {
    i64::try_from(word).expect("a word number fits an i64")
}

/// A passage's word ranges in the document judged from (`own`) and in the other.
#[derive(Debug, Clone, Copy)]
struct Sides {
    own: (i64, i64),
    other: (i64, i64),
}

impl Sides {
    fn of(p: &Passage) -> Self {
        let wide = |(a, b): (usize, usize)| (signed(a), signed(b));
        Sides {
            own: wide(p.candidate_tokens),
            other: wide(p.source_tokens),
        }
    }

    /// The other side's word at the place of `own`'s `word` (exact for a verbatim passage;
    /// proportional, so off by the edits nearby, for a near-verbatim one).
    fn to_other(self, word: i64) -> i64 {
        let ((a0, a1), (b0, b1)) = (self.own, self.other);
        b0 + ((word - a0) * (b1 - b0)).div_euclid((a1 - a0).max(1))
    }

    fn swapped(self) -> Self {
        Sides {
            own: self.other,
            other: self.own,
        }
    }
}

/// The parts of `ranges` (word ranges in order and apart) within the words `[lo, hi)`.
fn within(ranges: &[(usize, usize)], lo: i64, hi: i64) -> impl Iterator<Item = (i64, i64)> + '_ {
    let key = |q: &(usize, usize)| (signed(q.0), signed(q.1));
    let mut i = ranges.partition_point(|q| key(q) <= (lo, lo));
    if i > 0 && key(&ranges[i - 1]).1 > lo {
        i -= 1;
    }
    ranges[i..]
        .iter()
        .map(key)
        .take_while(move |q| q.0 < hi)
        .map(move |q| (lo.max(q.0), hi.min(q.1)))
}

/// The parts of own's `[lo, hi)`, within the passage, that both documents quote (possibly
/// empty ones), in own's words.
fn quoted_on_both_parts<'a>(
    side: Sides,
    own: &'a Facts,
    other: &'a Facts,
    lo: i64,
    hi: i64,
) -> impl Iterator<Item = (i64, i64)> + 'a {
    let back = side.swapped();
    within(&own.quotations, lo, hi).flat_map(move |(start, end)| {
        within(&other.quotations, side.to_other(start), side.to_other(end)).map(
            // Back to own's words: the inverse of the proportional map.
            move |(o_start, o_end)| {
                (
                    start.max(back.to_other(o_start)),
                    end.min(back.to_other(o_end)),
                )
            },
        )
    })
}

/// Words of own's `[lo, hi)`, within the passage, that both documents quote.
fn quoted_on_both(side: Sides, own: &Facts, other: &Facts, lo: i64, hi: i64) -> i64 {
    if own.quotations.is_empty() || other.quotations.is_empty() {
        return 0;
    }
    quoted_on_both_parts(side, own, other, lo, hi)
        .map(|(start, end)| (end - start).max(0))
        .sum()
}

/// Words of own's `[lo, hi)`, within the passage, that are not prose: quoted by both documents,
/// or boilerplate in either (the other's placed on own's words as quotations are).
fn not_prose(side: Sides, own: &Facts, other: &Facts, lo: i64, hi: i64) -> i64 {
    if own.boilerplate.is_empty() && other.boilerplate.is_empty() {
        return quoted_on_both(side, own, other, lo, hi);
    }
    let back = side.swapped();
    let mut parts: Vec<(i64, i64)> = quoted_on_both_parts(side, own, other, lo, hi).collect();
    parts.extend(within(&own.boilerplate, lo, hi));
    parts.extend(
        within(&other.boilerplate, side.to_other(lo), side.to_other(hi))
            .map(|(start, end)| (back.to_other(start).max(lo), back.to_other(end).min(hi))),
    );
    union_length(parts)
}

/// Words in the union of word ranges (empty and overlapping ones allowed).
fn union_length(mut parts: Vec<(i64, i64)>) -> i64 {
    parts.sort_unstable();
    let (mut total, mut reached) = (0, i64::MIN);
    for (start, end) in parts {
        let start = start.max(reached);
        if end > start {
            total += end - start;
            reached = end;
        }
    }
    total
}

/// Words of prose in the largest stretch of copying: passages in the first's order, each within
/// `REUSE_GAP_WORDS` words of the last on both sides and not before it in the second, words both
/// documents quote and boilerplate left out. `sides` are sorted by `own`.
fn largest_stretch(sides: &[Sides], first: &Facts, second: &Facts) -> i64 {
    let both_quote = !first.quotations.is_empty() && !second.quotations.is_empty();
    let boilerplate = !first.boilerplate.is_empty() || !second.boilerplate.is_empty();
    let (mut best, mut current) = (0, 0);
    let mut last: Option<(i64, i64, i64)> = None; // own end, other start, other end
    for &side in sides {
        let ((own_start, own_end), (other_start, other_end)) = (side.own, side.other);
        let mut count = (own_end - own_start).min(other_end - other_start);
        if both_quote || boilerplate {
            count = (count - not_prose(side, first, second, own_start, own_end)).max(0);
        }
        let close = last.is_some_and(|(last_own_end, last_other_start, last_other_end)| {
            other_start >= last_other_start
                && own_start - last_own_end <= REUSE_GAP_WORDS
                && other_start - last_other_end <= REUSE_GAP_WORDS
        });
        current = if close { current + count } else { count };
        best = best.max(current);
        last = Some((own_end, other_start, other_end));
    }
    best
}

/// Quotations of `own` of `QUOTE_FROM_PROSE_MIN_WORDS` words or more whose words lie, for
/// `FABRICATED_MIN` of them or more, in passages where the other document has them outside
/// quotation marks.
fn quotations_from_prose(own: &Facts, other: &Facts, sides: &[Sides]) -> usize {
    if own.quotations.is_empty() {
        return 0;
    }
    let mut from_prose: HashMap<usize, i64> = HashMap::new();
    for &side in sides {
        for (start, end) in within(&own.quotations, side.own.0, side.own.1) {
            let quoted_there = quoted_on_both(side, own, other, start, end);
            // The quotation this part is of: the last one starting at or before it.
            let quote = own.quotations.partition_point(|q| signed(q.0) <= start) - 1;
            *from_prose.entry(quote).or_default() += (end - start) - quoted_there;
        }
    }
    from_prose
        .into_iter()
        .filter(|&(quote, words)| {
            let (lo, hi) = own.quotations[quote];
            let length = signed(hi - lo);
            length >= QUOTE_FROM_PROSE_MIN_WORDS && words as f64 >= FABRICATED_MIN * length as f64
        })
        .count()
}

/// Which of two linked documents came first (`true`: `a`), and the evidence: their dates when
/// both have different ones; otherwise their quotations, when one side quotes words the other
/// has only as prose (a rewrite that turned a report into a quotation). A quotation changed
/// from the other's quotation says nothing of the order: both sides differ from each other alike.
fn direction(a: Document<'_>, b: Document<'_>, sides: &[Sides]) -> Option<(bool, Direction)> {
    if let (Some(a_date), Some(b_date)) = (a.dated(), b.dated()) {
        if a_date != b_date {
            return Some((a_date < b_date, Direction::Dates));
        }
    }
    let a_made = quotations_from_prose(a.facts, b.facts, sides);
    let b_made = if b.facts.quotations.is_empty() {
        0
    } else {
        let swapped: Vec<Sides> = sides.iter().map(|s| s.swapped()).collect();
        quotations_from_prose(b.facts, a.facts, &swapped)
    };
    match a_made.cmp(&b_made) {
        std::cmp::Ordering::Greater => Some((false, Direction::Quotations(a_made))),
        std::cmp::Ordering::Less => Some((true, Direction::Quotations(b_made))),
        std::cmp::Ordering::Equal => None,
    }
}

/// One aligned pair judged (`first` is the passages' candidate side, `second` their source):
/// None when its largest stretch of copying holds fewer than `min_prose_words` words of prose.
///
/// Words count as prose unless both documents quote them: a quotation both report is the
/// reporters' material, while a stray or unclosed quotation mark in one document makes no shared
/// quotation of words the other has as prose, so it cannot hide a copied passage. Nor are words
/// either document has as boilerplate (`Facts::boilerplate`: template text, text in more than
/// `max_df` documents) prose. The cost is linear in the passages and the ranges they touch.
pub fn judge_pair(
    first: Document<'_>,
    second: Document<'_>,
    passages: &[Passage],
    min_prose_words: usize,
) -> Option<Verdict> {
    let mut sides: Vec<Sides> = passages.iter().map(Sides::of).collect();
    sides.sort_by_key(|s| s.own);
    let prose = largest_stretch(&sides, first.facts, second.facts).max(0) as usize;
    if prose < min_prose_words {
        return None;
    }
    let found = direction(first, second, &sides);
    Some(Verdict {
        swapped: found.is_some_and(|(first_came_first, _)| first_came_first),
        prose,
        direction: found.map(|(_, evidence)| evidence),
    })
}

/// Two documents with the same words (`first` the group's first, the passages' candidate side):
/// all of both, whatever the prose filter says; the earlier date as the source when both are
/// dated. Prose is every aligned word of the first outside its quotations and its boilerplate.
pub fn judge_identical(first: Document<'_>, second: Document<'_>, passages: &[Passage]) -> Verdict {
    let facts = first.facts;
    let prose = passages
        .iter()
        .map(|p| {
            let (lo, hi) = (signed(p.candidate_tokens.0), signed(p.candidate_tokens.1));
            let not_prose = within(&facts.quotations, lo, hi)
                .chain(within(&facts.boilerplate, lo, hi))
                .collect();
            (hi - lo) - union_length(not_prose)
        })
        .sum::<i64>()
        .max(0) as usize;
    let dates = match (first.dated(), second.dated()) {
        (Some(a), Some(b)) if a != b => Some(a < b),
        _ => None,
    };
    Verdict {
        swapped: dates == Some(true),
        prose,
        direction: dates.map(|_| Direction::Dates),
    }
}

/// `p` seen from the other text.
pub fn swapped(p: &Passage) -> Passage {
    Passage {
        candidate_tokens: p.source_tokens,
        source_tokens: p.candidate_tokens,
        candidate: p.source,
        source: p.candidate,
        matched: p.matched,
        score: p.score,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passage(own: (usize, usize), other: (usize, usize)) -> Passage {
        Passage {
            candidate_tokens: own,
            source_tokens: other,
            candidate: (own.0 * 3, own.1 * 3),
            source: (other.0 * 3, other.1 * 3),
            matched: (own.1 - own.0).min(other.1 - other.0),
            score: 1.0,
        }
    }

    fn facts(words: usize, quotations: &[(usize, usize)]) -> Facts {
        Facts {
            words,
            quotations: quotations.to_vec(),
            boilerplate: Vec::new(),
        }
    }

    fn with_boilerplate(facts: Facts, boilerplate: &[(usize, usize)]) -> Facts {
        Facts {
            boilerplate: boilerplate.to_vec(),
            ..facts
        }
    }

    fn doc<'a>(facts: &'a Facts, date: Option<&'a str>) -> Document<'a> {
        Document { date, facts }
    }

    #[test]
    fn prose_is_what_both_do_not_quote() {
        let passages = [passage((10, 40), (100, 130))];
        let free = facts(200, &[]);
        let quoted_first = facts(200, &[(10, 40)]);
        let quoted_second = facts(200, &[(95, 135)]);
        let partly = facts(200, &[(120, 160)]);
        for (a, b, prose) in [
            (&free, &free, 30),
            (&quoted_first, &free, 30),
            (&free, &quoted_second, 30),
            (&quoted_first, &quoted_second, 0),
            // The second quotes the passage's last 10 words, the first all of it.
            (&quoted_first, &partly, 20),
        ] {
            let found = judge_pair(doc(a, None), doc(b, None), &passages, 1);
            assert_eq!(found.map_or(0, |v| v.prose), prose);
        }
        assert_eq!(
            judge_pair(doc(&free, None), doc(&free, None), &passages, 31),
            None
        );
    }

    #[test]
    fn boilerplate_in_either_document_is_not_prose() {
        let passages = [passage((10, 40), (100, 130))];
        let free = facts(200, &[]);
        // The passage's last 10 words in the first, its first 5 in the second.
        let footer_first = with_boilerplate(facts(200, &[]), &[(30, 50)]);
        let footer_second = with_boilerplate(facts(200, &[]), &[(90, 105)]);
        // Quoted on both (words 25-35 of the first) and boilerplate from 30: counted once.
        let quoted_footer = with_boilerplate(facts(200, &[(25, 35)]), &[(30, 50)]);
        let quoted_second = facts(200, &[(115, 125)]);
        for (a, b, prose) in [
            (&free, &free, 30),
            (&footer_first, &free, 20),
            (&free, &footer_second, 25),
            (&footer_first, &footer_second, 15),
            (&quoted_footer, &quoted_second, 15),
            (&quoted_footer, &free, 20),
        ] {
            let found = judge_pair(doc(a, None), doc(b, None), &passages, 1);
            assert_eq!(found.map_or(0, |v| v.prose), prose);
        }
        // All of a passage boilerplate: nothing left to link the pair.
        let all = with_boilerplate(facts(200, &[]), &[(0, 200)]);
        assert_eq!(
            judge_pair(doc(&all, None), doc(&free, None), &passages, 1),
            None
        );
        // Identical documents: all of both, their boilerplate and quotations not prose.
        let whole = [passage((0, 100), (0, 100))];
        let first = with_boilerplate(facts(100, &[(10, 30)]), &[(20, 40)]);
        assert_eq!(
            judge_identical(doc(&first, None), doc(&first, None), &whole).prose,
            70
        );
    }

    #[test]
    fn the_largest_stretch_joins_close_passages_in_order() {
        let free = facts(1000, &[]);
        let prose = |passages: &[Passage]| {
            judge_pair(doc(&free, None), doc(&free, None), passages, 1).map(|v| v.prose)
        };
        // Given out of order: sorted by the first's words, the gap is 10 words on both sides.
        let close = [passage((60, 80), (160, 180)), passage((0, 50), (100, 150))];
        assert_eq!(prose(&close), Some(70));
        // 51 words apart in the second: two stretches, the larger counts.
        assert_eq!(
            prose(&[passage((0, 50), (100, 150)), passage((60, 80), (201, 221))]),
            Some(50)
        );
        // Back before the last passage in the second: a new stretch.
        assert_eq!(
            prose(&[passage((0, 50), (100, 150)), passage((60, 80), (90, 110))]),
            Some(50)
        );
    }

    #[test]
    fn dates_then_quotations_made_from_prose_give_the_direction() {
        let passages = [passage((10, 40), (100, 130))];
        let free = facts(200, &[]);
        // The first quotes 20 words the second has as prose: the first is the later.
        let quoting = facts(200, &[(15, 35)]);
        let v = judge_pair(doc(&quoting, None), doc(&free, None), &passages, 1).unwrap();
        assert_eq!(
            (v.swapped, v.direction),
            (false, Some(Direction::Quotations(1)))
        );
        assert_eq!(
            v.direction.unwrap().describe("a", "b"),
            "quotations: 1 in a made from prose of b"
        );
        let v = judge_pair(doc(&free, None), doc(&quoting_at(100), None), &passages, 1).unwrap();
        assert_eq!(
            (v.swapped, v.direction),
            (true, Some(Direction::Quotations(1)))
        );
        // Dates come first, whatever the quotations say; equal or empty dates say nothing.
        let v = judge_pair(
            doc(&quoting, Some("2024-01-02")),
            doc(&free, Some("2024-05-01")),
            &passages,
            1,
        )
        .unwrap();
        assert_eq!((v.swapped, v.direction), (true, Some(Direction::Dates)));
        let v = judge_pair(doc(&free, Some("")), doc(&free, Some("2024")), &passages, 1).unwrap();
        assert_eq!((v.swapped, v.direction), (false, None));
        // A quotation both make says nothing of the order; nor does one of three words.
        let both = facts(200, &[(95, 135)]);
        assert_eq!(
            judge_pair(doc(&quoting, None), doc(&both, None), &passages, 0)
                .unwrap()
                .direction,
            None
        );
        let short = facts(200, &[(15, 18)]);
        assert_eq!(
            judge_pair(doc(&short, None), doc(&free, None), &passages, 1)
                .unwrap()
                .direction,
            None
        );
    }

    fn quoting_at(start: usize) -> Facts {
        facts(200, &[(start + 5, start + 25)])
    }

    #[test]
    fn identical_documents_count_all_prose_and_go_by_dates() {
        let passages = [passage((0, 100), (0, 100))];
        let quoted = facts(100, &[(10, 30)]);
        let v = judge_identical(
            doc(&quoted, Some("2024-02")),
            doc(&quoted, Some("2023")),
            &passages,
        );
        assert_eq!(
            v,
            Verdict {
                swapped: false,
                prose: 80,
                direction: Some(Direction::Dates)
            }
        );
        let v = judge_identical(
            doc(&quoted, Some("2023")),
            doc(&quoted, Some("2024")),
            &passages,
        );
        assert!(v.swapped);
        let v = judge_identical(doc(&quoted, None), doc(&quoted, Some("2024")), &passages);
        assert_eq!((v.swapped, v.direction), (false, None));
    }

    #[test]
    fn a_swapped_passage_swaps_every_side() {
        let p = passage((1, 5), (7, 9));
        let s = swapped(&p);
        assert_eq!((s.candidate_tokens, s.source_tokens), ((7, 9), (1, 5)));
        assert_eq!((s.candidate, s.source), (p.source, p.candidate));
        assert_eq!(swapped(&s), p);
    }
}
