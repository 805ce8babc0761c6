//! Word diff: the shortest edit script between two word sequences (Myers 1986, O((N + M) D) for
//! D edits). Common ends are matched first; past `limit` edits the middle is cut in halves diffed
//! apart, so no input costs more than O((N + M) limit). `python/provenance/changes.py` turns the
//! moves into diff steps over text offsets; `tests/test_changes.py` checks them against a
//! pure-Python reference.

/// One move of an edit script from `a` to `b`, with the positions it is at in each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    /// `a[i] == b[j]`, kept.
    Equal(usize, usize),
    /// `a[i]` dropped (before `b[j]`).
    Delete(usize, usize),
    /// `b[j]` added (before `a[i]`).
    Insert(usize, usize),
}

/// The edit script from `a` to `b`: common ends, then Myers on the middle, halves past `limit`
/// (at least 2: then each half is smaller, so the halving ends).
pub fn moves<T: PartialEq>(a: &[T], b: &[T], limit: usize) -> Vec<Move> {
    let head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (mid_a, mid_b) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    let mut out: Vec<Move> = (0..head).map(|i| Move::Equal(i, i)).collect();
    let middle = shortest(mid_a, mid_b, limit).unwrap_or_else(|| {
        let (half_a, half_b) = (mid_a.len() / 2, mid_b.len() / 2);
        let mut both = moves(&mid_a[..half_a], &mid_b[..half_b], limit);
        both.extend(
            moves(&mid_a[half_a..], &mid_b[half_b..], limit)
                .into_iter()
                .map(|m| shift(m, half_a, half_b)),
        );
        both
    });
    out.extend(middle.into_iter().map(|m| shift(m, head, head)));
    out.extend((0..tail).map(|t| Move::Equal(a.len() - tail + t, b.len() - tail + t)));
    out
}

fn shift(m: Move, di: usize, dj: usize) -> Move {
    match m {
        Move::Equal(i, j) => Move::Equal(i + di, j + dj),
        Move::Delete(i, j) => Move::Delete(i + di, j + dj),
        Move::Insert(i, j) => Move::Insert(i + di, j + dj),
    }
}

/// Myers' greedy shortest edit script, or None when it needs more than `limit` edits. Before
/// each depth d the frontier of diagonals -(d+1)..=d+1 is kept for the backtrack (O(D²) space).
/// The names are the paper's (x, y on the two sequences, k the diagonal, d the depth); a slice's
/// length never exceeds `isize::MAX`, so the signed casts cannot wrap.
#[allow(clippy::many_single_char_names, clippy::cast_possible_wrap)]
fn shortest<T: PartialEq>(a: &[T], b: &[T], limit: usize) -> Option<Vec<Move>> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    let offset = limit as isize + 1;
    let mut v = vec![0isize; 2 * limit + 3];
    let mut trace: Vec<Vec<isize>> = Vec::new();
    for d in 0..=limit as isize {
        let lo = (offset - d - 1) as usize;
        trace.push(v[lo..=(offset + d + 1) as usize].to_vec());
        for k in (-d..=d).step_by(2) {
            let i = (offset + k) as usize;
            let mut x = if k == -d || (k != d && v[i - 1] < v[i + 1]) {
                v[i + 1]
            } else {
                v[i - 1] + 1
            };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            v[i] = x;
            if x >= n && y >= m {
                return Some(backtrack(&trace, n, m, d));
            }
        }
    }
    None
}

#[allow(clippy::many_single_char_names)] // the paper's names, as in `shortest`
fn backtrack(trace: &[Vec<isize>], n: isize, m: isize, d: isize) -> Vec<Move> {
    let mut out = Vec::new();
    let (mut x, mut y) = (n, m);
    for depth in (1..=d).rev() {
        // trace[depth] holds diagonals -(depth+1)..=depth+1.
        let at = |k: isize| trace[depth as usize][(k + depth + 1) as usize];
        let k = x - y;
        let prev_k = if k == -depth || (k != depth && at(k - 1) < at(k + 1)) {
            k + 1
        } else {
            k - 1
        };
        let prev_x = at(prev_k);
        let prev_y = prev_x - prev_k;
        while x > prev_x && y > prev_y {
            x -= 1;
            y -= 1;
            out.push(Move::Equal(x as usize, y as usize));
        }
        if x == prev_x {
            out.push(Move::Insert(x as usize, prev_y as usize));
        } else {
            out.push(Move::Delete(prev_x as usize, y as usize));
        }
        (x, y) = (prev_x, prev_y);
    }
    while x > 0 && y > 0 {
        x -= 1;
        y -= 1;
        out.push(Move::Equal(x as usize, y as usize));
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        s.split_whitespace().collect()
    }

    /// Replays the script: the kept and added words give `b`, the kept and dropped ones `a`.
    fn replay<'a>(a: &[&'a str], b: &[&'a str], script: &[Move]) -> (Vec<&'a str>, Vec<&'a str>) {
        let (mut from, mut to) = (Vec::new(), Vec::new());
        for m in script {
            match *m {
                Move::Equal(i, j) => {
                    assert_eq!(a[i], b[j]);
                    from.push(a[i]);
                    to.push(b[j]);
                }
                Move::Delete(i, _) => from.push(a[i]),
                Move::Insert(_, j) => to.push(b[j]),
            }
        }
        (from, to)
    }

    #[test]
    fn a_changed_word_is_one_delete_and_one_insert() {
        let (a, b) = (
            words("we patched it for thirty years"),
            words("we patched it for forty years"),
        );
        let script = moves(&a, &b, 256);
        let edits = script
            .iter()
            .filter(|m| !matches!(m, Move::Equal(..)))
            .count();
        assert_eq!(edits, 2);
        assert_eq!(replay(&a, &b, &script), (a.clone(), b.clone()));
    }

    #[test]
    fn past_the_limit_the_halves_still_give_both_sequences() {
        let a: Vec<String> = (0..600).map(|i| format!("a{i}")).collect();
        let b: Vec<String> = (0..500).map(|i| format!("b{i}")).collect();
        let (a, b): (Vec<&str>, Vec<&str>) = (
            a.iter().map(String::as_str).collect(),
            b.iter().map(String::as_str).collect(),
        );
        let script = moves(&a, &b, 16);
        assert_eq!(replay(&a, &b, &script), (a.clone(), b.clone()));
        assert!(shortest(&a, &b, 16).is_none());
    }

    #[test]
    fn empty_and_identical_sequences() {
        let empty: Vec<&str> = Vec::new();
        assert!(moves(&empty, &empty, 4).is_empty());
        let a = words("one two three");
        assert_eq!(
            moves(&a, &a, 4),
            vec![Move::Equal(0, 0), Move::Equal(1, 1), Move::Equal(2, 2)]
        );
        assert_eq!(moves(&a, &empty, 4).len(), 3);
    }
}
