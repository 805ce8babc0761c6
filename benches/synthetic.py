"""A synthetic news-length corpus with planted reuse of known extent, and its truth.

Documents are generated (no network, no dataset): sentences of pseudo-words drawn from a
Zipf-Mandelbrot distribution over a fixed vocabulary, so that frequent function-like words
recur as in prose while two unrelated documents share no passage by construction. Into some
documents a passage of another is planted:

* ``verbatim``: a run of the source's words, as they are;
* ``near``: the same with word edits (about one word in ``EDIT_EVERY`` substituted, deleted or
  a word inserted);
* ``reordered``: consecutive source sentences, shuffled.

The truth lists every planted passage with its source, target, kind, length in words and its
``[start, end)`` code-point span in the target text. Usage::

    python benches/synthetic.py N OUTDIR [--seed S]   # writes OUTDIR/corpus.jsonl, OUTDIR/truth.json
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

VOCABULARY = 30_000
ZIPF_SHIFT = 2.7  # Mandelbrot's shift: the top words are frequent, but not overwhelmingly so
DOC_WORDS = (400, 900)  # news-length
SENTENCE_WORDS = (8, 30)
EDIT_EVERY = 10
REUSE_SHARE = 0.2  # share of documents that receive a planted passage
PASSAGE_WORDS = (20, 200)
KINDS = ("verbatim", "near", "reordered")

_ONSETS = ["b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "st", "tr", "pl", "gr", "ch", "sh"]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "ou"]
_CODAS = ["", "", "n", "r", "s", "t", "l", "nd", "st"]


@dataclass(frozen=True)
class Planted:
    source: str
    target: str
    kind: str
    words: int
    target_span: tuple[int, int]


@dataclass(frozen=True)
class SyntheticCorpus:
    ids: list[str]
    texts: list[str]
    truth: list[Planted]


def vocabulary(rng: np.random.Generator, size: int = VOCABULARY) -> list[str]:
    """Distinct pronounceable pseudo-words, short ones more frequent as in real languages."""
    words: set[str] = set()
    ordered: list[str] = []
    while len(ordered) < size:
        syllables = 1 + min(int(rng.exponential(1.0)), 4) + (len(ordered) > 200)
        word = "".join(
            _ONSETS[rng.integers(len(_ONSETS))] + _VOWELS[rng.integers(len(_VOWELS))] + _CODAS[rng.integers(len(_CODAS))]
            for _ in range(syllables)
        )
        if word not in words:
            words.add(word)
            ordered.append(word)
    return ordered


def _sentences(rng: np.random.Generator, vocab: np.ndarray, cdf: np.ndarray, n_words: int) -> list[list[str]]:
    drawn = vocab[np.searchsorted(cdf, rng.random(n_words), side="right").clip(0, len(vocab) - 1)].tolist()
    out: list[list[str]] = []
    i = 0
    while i < n_words:
        length = int(rng.integers(*SENTENCE_WORDS))
        out.append(drawn[i : i + length])
        i += length
    return out


def _render(sentences: list[list[str]]) -> str:
    return " ".join(" ".join([s[0].capitalize(), *s[1:]]) + "." for s in sentences if s)


def _edit(rng: np.random.Generator, words: list[str], vocab: np.ndarray, probs: np.ndarray) -> list[str]:
    out: list[str] = []
    for w in words:
        if rng.random() < 1 / EDIT_EVERY:
            op = rng.integers(3)
            replacement = str(vocab[rng.choice(len(vocab), p=probs)])
            if op == 0:
                out.append(replacement)
            elif op == 1:
                out.extend([w, replacement])
            # op == 2: the word is deleted
        else:
            out.append(w)
    return out


def generate(n_docs: int, seed: int = 0) -> SyntheticCorpus:
    """`n_docs` documents; about `REUSE_SHARE` of them carry one planted passage from another."""
    rng = np.random.default_rng(seed)
    vocab = np.array(vocabulary(rng))
    ranks = np.arange(1, len(vocab) + 1, dtype=np.float64)
    probs = 1.0 / (ranks + ZIPF_SHIFT)
    probs /= probs.sum()
    cdf = np.cumsum(probs)
    ids = [f"doc{i:06d}" for i in range(n_docs)]
    docs = [_sentences(rng, vocab, cdf, int(rng.integers(*DOC_WORDS))) for _ in range(n_docs)]
    n_planted = int(n_docs * REUSE_SHARE)
    targets = rng.choice(n_docs, size=n_planted, replace=False) if n_docs > 1 else []
    plans: dict[int, tuple[int, str, list[list[str]]]] = {}
    for target in targets:
        source = int(rng.integers(n_docs - 1))
        source += source >= target
        kind = KINDS[int(rng.integers(len(KINDS)))]
        want = int(rng.integers(*PASSAGE_WORDS))
        sentences = docs[source]
        first = int(rng.integers(len(sentences)))
        if kind == "reordered":
            taken: list[list[str]] = []
            for s in sentences[first:] + sentences[:first]:
                if sum(map(len, taken)) >= want:
                    break
                taken.append(list(s))
            if len(taken) < 2:
                continue
            order = list(range(len(taken)))
            while order == sorted(order):
                rng.shuffle(order)
            passage = [taken[i] for i in order]
        else:
            flat = [w for s in sentences[first:] + sentences[:first] for w in s][:want]
            if kind == "near":
                flat = _edit(rng, flat, vocab, probs)
            passage = [flat]
        plans[int(target)] = (source, kind, passage)

    texts: list[str] = []
    truth: list[Planted] = []
    for i, sentences in enumerate(docs):
        if i not in plans:
            texts.append(_render(sentences))
            continue
        source, kind, passage = plans[i]
        cut = int(rng.integers(len(sentences) + 1))
        before, after = _render(sentences[:cut]), _render(sentences[cut:])
        planted = _render(passage)
        prefix = before + " " if before else ""
        text = prefix + planted + (" " + after if after else "")
        texts.append(text)
        truth.append(Planted(ids[source], ids[i], kind, sum(map(len, passage)), (len(prefix), len(prefix) + len(planted))))
    return SyntheticCorpus(ids, texts, truth)


def write(corpus: SyntheticCorpus, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with (out / "corpus.jsonl").open("w", encoding="utf-8") as f:
        for doc_id, text in zip(corpus.ids, corpus.texts, strict=True):
            f.write(json.dumps({"id": doc_id, "text": text}) + "\n")
    (out / "truth.json").write_text(json.dumps([asdict(p) for p in corpus.truth], indent=1), encoding="utf-8")


@dataclass(frozen=True)
class Score:
    planted: int
    found: int
    recall: float
    predicted_pairs: int
    true_pairs: int  # predicted pairs that are planted or share a document they copied from
    precision: float


def score(
    truth: list[Planted], found: dict[tuple[str, str], list[tuple[int, int]]], min_words: int = 50, min_cover: float = 0.5
) -> Score:
    """Recall of planted passages of `min_words` words or more, and pair precision.

    `found` maps an unordered pair of ids (sorted) to the target-side spans reported for it, as
    `{(a, b): [(start, end), ...]}` keyed by each document: spans are looked up under
    `(target, source)` order-free. A planted passage is found when the reported spans in its
    target cover at least `min_cover` of it.
    """
    planted = [p for p in truth if p.words >= min_words]
    hit = 0
    for p in planted:
        spans = found.get((p.target, p.source), [])
        start, end = p.target_span
        covered = sum(max(0, min(end, e) - max(start, s)) for s, e in spans)
        hit += covered >= min_cover * (end - start)
    predicted = {frozenset(k) for k in found}
    correct = len(predicted & related_pairs(truth))
    return Score(
        planted=len(planted),
        found=hit,
        recall=hit / len(planted) if planted else 1.0,
        predicted_pairs=len(predicted),
        true_pairs=correct,
        precision=correct / len(predicted) if predicted else 1.0,
    )


def related_pairs(truth: list[Planted]) -> set[frozenset[str]]:
    """Planted pairs, and pairs of documents that both took text from (or gave text to) one
    document: two copies of overlapping parts of one source share that text too."""
    neighbours: dict[str, set[str]] = {}
    for p in truth:
        neighbours.setdefault(p.source, set()).add(p.target)
        neighbours.setdefault(p.target, set()).add(p.source)
    related = {frozenset((p.source, p.target)) for p in truth}
    for linked in neighbours.values():
        related.update(frozenset((a, b)) for a in linked for b in linked if a < b)
    return related


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    write(generate(args.n, args.seed), args.out)


if __name__ == "__main__":
    main()
