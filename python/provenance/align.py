"""The align stage: reused passages from the Rust core (``passages``, re-exported here), and the
source sentences that support each candidate sentence, with the evidence for them."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from provenance.passages import AlignOptions as AlignOptions
from provenance.passages import find_passages as find_passages
from provenance.passages import to_passage as to_passage
from provenance.progress import Progress, no_progress
from provenance.report import Passage
from provenance.spans import SpanSet
from provenance.text import AnalysedText, Sentence, is_boilerplate
from provenance.thresholds import COPIED_MIN, MERGE_GAIN, MODEL_CONTAINMENT_MIN

# ---------------------------------------------------------------------------------------------
# Sentences: every candidate sentence, the source sentences that best support it, and the evidence.
#
# * containment: the share of the candidate sentence's content words found in the source sentence,
#   each word weighted by its rarity among the source's sentences (inverse sentence frequency), so
#   that the topic words every sentence shares say little and a rare fact word says a lot;
# * similarity: the cosine of the two sentences' embeddings, when the model is there;
# * copied share: the share of the candidate sentence covered by the core's passages;
# * specificity: containment again, each word also weighted by its rarity among the candidate's
#   own sentences. A rewrite carries the source sentence's particular words along; an independent
#   account of the same topic shares the topic words and brings particulars of its own.
#
# Containment is summed over an inverted index (content word -> source sentences), in numpy, so a
# candidate sentence costs the postings of its own words, not a Python pass over every source sentence.


@dataclass(frozen=True)
class SentenceEvidence:
    """One candidate sentence, the source sentence(s) that support it best, and how well."""

    sentence: Sentence
    sources: tuple[Sentence, ...]
    similarity: float
    containment: float
    copied_share: float
    specificity: float

    @property
    def support(self) -> float:
        return self.similarity + self.containment


class _Rarity:
    """Inverse sentence frequency of content words over one text: log(1 + N / df). A word the text
    never uses weighs as much as its rarest word: it is new content."""

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        self.count = max(1, len(sentences))
        self.frequency = Counter(k for sentence in sentences for k in sentence.keys)

    def weight(self, word: str) -> float:
        return math.log(1.0 + self.count / max(self.frequency.get(word, 1), 1))


def _containment(words: Sequence[str], weights: dict[str, float], within: frozenset[str]) -> float:
    total = sum(weights[w] for w in words)
    return sum(weights[w] for w in words if w in within) / total if total else 0.0


# Rows of cosines (candidate sentences x every source sentence) for the candidate sentences given
# by index: the sentence model, asked only about the sentences it can decide.
Similarity = Callable[[Sequence[int]], NDArray[np.float32]]


def needs_model(found: SentenceEvidence) -> bool:
    """Whether the sentence model can change this sentence's label. Headings, boilerplate and
    copies are labelled without it; below MODEL_CONTAINMENT_MIN it almost never lifts a sentence
    to a paraphrase (see thresholds), so it is not asked."""
    sentence = found.sentence
    return (
        sentence.kind != "heading"
        and found.copied_share < COPIED_MIN
        and found.containment >= MODEL_CONTAINMENT_MIN
        and not is_boilerplate(sentence.text)
    )


def align_sentences(
    candidate: AnalysedText,
    source: AnalysedText,
    passages: Sequence[Passage],
    similarity: Similarity | None = None,
    progress: Progress = no_progress,
) -> list[SentenceEvidence]:
    """The evidence for every candidate sentence: lexical first, then, when ``similarity`` is given,
    the sentence model's cosines for the sentences whose label lexical evidence leaves open (so a
    long candidate is encoded only where it matters). A sentence the model was not asked about
    counts as similarity 1 when it is a copy and 0 otherwise."""
    aligner = _SentenceAligner(candidate, source, passages)
    found = [aligner.evidence(sentence, None) for sentence in progress(candidate.sentences, "matching sentences")]
    if similarity is None or not source.sentences:
        return found
    open_sentences = [e.sentence.index for e in found if needs_model(e)]
    measured = set(open_sentences)
    if open_sentences:
        for index, cosines in zip(open_sentences, similarity(open_sentences)):
            found[index] = aligner.evidence(candidate.sentences[index], cosines)
    return [
        e if e.sentence.index in measured else replace(e, similarity=1.0 if e.copied_share >= COPIED_MIN else 0.0) for e in found
    ]


class _SentenceAligner:
    """What every candidate sentence is matched against: the source's inverted index and word
    rarities, the candidate's own rarities, and the copied passages."""

    def __init__(self, candidate: AnalysedText, source: AnalysedText, passages: Sequence[Passage]) -> None:
        self.targets = source.sentences
        self.rarity = _Rarity(self.targets)
        self.own_rarity = _Rarity(candidate.sentences)
        index: dict[str, list[int]] = defaultdict(list)
        for target in self.targets:
            for word in target.keys:
                index[word].append(target.index)
        self.postings = {word: np.array(sentences, dtype=np.intp) for word, sentences in index.items()}
        self.copied = SpanSet(p.candidate for p in passages)

    def evidence(self, sentence: Sentence, cosines: NDArray[np.float32] | None) -> SentenceEvidence:
        targets = self.targets
        weights = {w: self.rarity.weight(w) for w in sentence.key_list}
        sources: tuple[Sentence, ...] = ()
        best_similarity = best_containment = specificity = 0.0
        if targets:
            contained = _containment_in_each(sentence.key_list, weights, self.postings, len(targets))
            evidence = contained if cosines is None else cosines + contained
            best = int(np.argmax(evidence))
            sources = (targets[best],)
            best_similarity = 0.0 if cosines is None else float(cosines[best])
            best_containment = float(contained[best])
            # A merged sentence: a runner-up source sentence adds words the best one lacks.
            for other in np.argsort(-evidence)[1:3]:
                merged = _containment(sentence.key_list, weights, targets[best].keys | targets[int(other)].keys)
                if merged - best_containment >= MERGE_GAIN:
                    sources = tuple(sorted((targets[best], targets[int(other)]), key=lambda s: s.index))
                    best_containment = merged
                    break
            specific = {w: weights[w] * self.own_rarity.weight(w) for w in sentence.key_list}
            specificity = _containment(sentence.key_list, specific, frozenset().union(*(s.keys for s in sources)))
        share = self.copied.covered(sentence.span) / max(1, sentence.end - sentence.start)
        return SentenceEvidence(sentence, sources, best_similarity, best_containment, share, specificity)


def _containment_in_each(
    words: Sequence[str], weights: dict[str, float], postings: dict[str, NDArray[np.intp]], count: int
) -> NDArray[np.float64]:
    """The weighted containment of ``words`` in every source sentence at once: each word's weight
    (times its count) added to the sentences of its postings, in one ``bincount``."""
    counts = Counter(words)
    total = sum(weights[w] * n for w, n in counts.items())
    shared = [w for w in counts if w in postings]
    if not shared or not total:
        return np.zeros(count)
    sentences = np.concatenate([postings[w] for w in shared])
    amounts = np.repeat([weights[w] * counts[w] / total for w in shared], [len(postings[w]) for w in shared])
    return np.bincount(sentences, weights=amounts, minlength=count).astype(np.float64)
