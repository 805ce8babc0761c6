"""How strongly a sentence states a relation: none, a correlation, a conditional cause, a cause
(the levels of Sumner et al. 2014 and Yu et al. 2019; cue words in ``lexicons/causal-language.txt``).

A rewrite that states a cause where its source states a correlation ("improves" for "was
associated with an improvement"), or states as certain what its source makes conditional
("reduces" for "may reduce"), exaggerates the source's finding: press releases and news do it to
papers (Sumner et al. found it in a third of press releases).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum

from provenance.lexicon import phrase_sections, sections
from provenance.spans import Span
from provenance.text import Word

_CUES = sections("causal-language")
_CORRELATION = _CUES["correlation"]
# Each phrase by its first word.
_CORRELATION_PHRASES: dict[str, list[tuple[str, ...]]] = {}
for _phrase in phrase_sections("causal-language")["correlation phrases"]:
    _CORRELATION_PHRASES.setdefault(_phrase[0], []).append(_phrase)
_CAUSE = _CUES["cause"]
_CONDITIONAL = _CUES["conditional"]
# Cue words that state a cause only before their particle ("led to", not "a study led by").
_PARTICLE = {
    form: particle
    for particle, forms in (("to", "lead leads led leading"), ("in", "result resulted resulting"), ("by", "determined"))
    for form in forms.split()
}
_DENIAL = _CUES["denial"]
# Words before a comparison ("lower levels") that make its first word a verb, and articles before a
# cause word that make it an adjective ("a lower risk").
_VERB_BEFORE = _CONDITIONAL | {"to", "will", "would", "should", "must"}
_ARTICLES = frozenset({"a", "an", "the"})
# A denial this many words before a cue denies the relation ("was not associated with"); a modal
# this near makes the cue's phrase ("may well reduce").
_CUE_REACH = 4


class Strength(IntEnum):
    NONE = 0
    CORRELATION = 1
    CONDITIONAL_CAUSE = 2
    CAUSE = 3


@dataclass(frozen=True)
class Claim:
    """A sentence's strength and the words that state it (None when it states no relation)."""

    strength: Strength
    cue: Span | None


def claim_strength(words: Sequence[Word]) -> Claim:
    """The strength of the relation ``words`` (one sentence's) state: a denied relation states
    none; a correlation stands even beside a verb's form ("an increased risk"); a cause is
    conditional when a modal ("may", "can") goes with it. The cue spans the phrase that states it
    ("associated with", "may reduce")."""
    forms = [w[2] for w in words]
    correlation = _first_correlation(forms)
    cause = next((i for i, f in enumerate(forms) if _is_cause(forms, i)), None)
    first, last = correlation if correlation is not None else (cause, cause) if cause is not None else (None, None)
    if first is None or last is None:
        return Claim(Strength.NONE, None)
    if any(f in _DENIAL for f in forms[max(0, first - _CUE_REACH) : first]):
        return Claim(Strength.NONE, (words[first][0], words[last][1]))
    if correlation is not None:
        return Claim(Strength.CORRELATION, (words[first][0], words[last][1]))
    modal = next((i for i in range(first - 1, max(-1, first - 1 - _CUE_REACH), -1) if forms[i] in _CONDITIONAL), None)
    if modal is not None:
        return Claim(Strength.CONDITIONAL_CAUSE, (words[modal][0], words[last][1]))
    return Claim(Strength.CAUSE, (words[first][0], words[last][1]))


def _first_correlation(forms: Sequence[str]) -> tuple[int, int] | None:
    """The first and last word of the first correlation cue. A comparison after a modal, "to" or a
    cause word is a verb's ("can help lower levels", "to reduce risk"): it states a cause."""
    for i, form in enumerate(forms):
        if form in _CORRELATION:
            return i, i
        for phrase in _CORRELATION_PHRASES.get(form, ()):
            if tuple(forms[i : i + len(phrase)]) == phrase and not (
                form in _CAUSE and i > 0 and (forms[i - 1] in _VERB_BEFORE or forms[i - 1] in _CAUSE)
            ):
                return i, i + len(phrase) - 1
    return None


def _is_cause(forms: Sequence[str], i: int) -> bool:
    """A cause word acting as one: not the sentence's first word nor after an article, where it
    describes ("Lower cholesterol prevents…", "a reduced dose")."""
    form = forms[i]
    if form not in _CAUSE or i == 0 or forms[i - 1] in _ARTICLES:
        return False
    particle = _PARTICLE.get(form)
    return particle is None or (i + 1 < len(forms) and forms[i + 1] == particle)
