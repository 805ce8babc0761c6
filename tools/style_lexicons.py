"""Build ``lexicons/intensifiers.txt`` and ``lexicons/evaluative-words.txt`` from two published
lexicons, so that what the added-claims check calls loaded language is decided by data made for
that purpose, not by words someone thought of:

* **VADER** (Hutto and Gilbert, ICWSM 2014; ``vaderSentiment`` 3.3.2, MIT licence): its booster
  words (``BOOSTER_DICT``: degree words that raise the intensity of what follows, "extremely",
  "hugely") and its lexicon of 7,500 words rated by ten people for valence from -4 to +4;
* **Pattern's subjectivity lexicon** (De Smedt and Daelemans, JMLR 2012; ``en-sentiment.xml`` as
  the ``textblob`` 0.20.1 wheel ships it, PDDL): 2,900 senses of 1,500 adjectives, each with a
  polarity, a subjectivity from 0 (objective) to 1 (subjective) and an intensity (above 1 for
  degree words).

The selection, fixed before any evaluation text was looked at:

* **intensifiers**: VADER's booster words that raise intensity, Pattern's words of intensity
  above 1, and the adjectives and adverbs VADER rates at 2.5 or more in either direction (a
  plain report says "damaging", an intensified one "devastating");
* **evaluative words**: the adjectives and adverbs Pattern rates subjective (mean subjectivity of
  their senses at least 0.8, mean absolute polarity at least 0.3) or VADER rates at 1.5 to 2.5 in
  either direction, and not already intensifiers.

Every word is a word of Princeton WordNet 3.0 that is an adjective or an adverb and neither a
noun nor a verb there (its index files): VADER rates the nouns and verbs of events too ("killed"
-3.5, "war" -2.9), which report facts rather than judge them, and its boosters include slang
("frackin") that is a different word in the news. A verb's participle that WordNet also lists as
an adjective ("murdered", "injured") reports an event as well, and is kept only when Pattern,
whose raters judged the adjective's senses, rates it subjective ("devastating", "shocking").
Function words (``lexicons/stopwords.txt``: "more", "most", "very") carry no content of their
own and are left out, as are multi-word and non-alphabetic entries (emoticons, "kind of").

Run (the two packages in any environment beside the project's, as they are not its dependencies,
and WordNet as Debian's ``wordnet-base`` installs it):
``pip install vaderSentiment==3.3.2 textblob==0.20.1`` then
``.venv/bin/python tools/style_lexicons.py SITE_PACKAGES_OF_THAT_ENVIRONMENT [/usr/share/wordnet]``.
"""

from __future__ import annotations

import ast
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path
from statistics import mean

from provenance.lexicon import STOPWORDS

LEXICONS = Path(__file__).resolve().parent.parent / "python" / "provenance" / "lexicons"

BOOSTER_MIN = 0  # VADER's boosters: B_INCR (0.293) raises intensity, B_DECR lowers it
INTENSE_VALENCE = 2.5
EVALUATIVE_VALENCE = 1.5
SUBJECTIVE_MIN = 0.8
POLARITY_MIN = 0.3


def _boosters(vader: Path) -> set[str]:
    """VADER's BOOSTER_DICT read from its module's source (importing it needs its other files)."""
    tree = ast.parse((vader / "vaderSentiment.py").read_text(encoding="utf-8"))
    constants = {
        target.id: ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign) and isinstance(node.value, (ast.Constant, ast.UnaryOp))
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "BOOSTER_DICT" for t in node.targets):
            assert isinstance(node.value, ast.Dict)
            return {
                k.value
                for k, v in zip(node.value.keys, node.value.values)
                if isinstance(k, ast.Constant) and isinstance(v, ast.Name) and constants[v.id] > BOOSTER_MIN
            }
    raise SystemExit(f"{vader}: no BOOSTER_DICT in vaderSentiment.py")


def _valences(vader: Path) -> dict[str, float]:
    valences = {}
    for line in (vader / "vader_lexicon.txt").read_text(encoding="utf-8").splitlines():
        word, valence, *_ = line.split("\t")
        valences[word] = float(valence)
    return valences


def _pattern(textblob: Path) -> tuple[dict[str, tuple[float, float]], set[str]]:
    """Each adjective's mean subjectivity and mean absolute polarity over its senses, and the
    words of intensity above 1."""
    senses: dict[str, list[tuple[float, float]]] = {}
    intense = set()
    for word in ET.parse(textblob / "en" / "en-sentiment.xml").getroot().iter("word"):
        form = word.get("form", "")
        senses.setdefault(form, []).append((float(word.get("subjectivity", 0)), abs(float(word.get("polarity", 0)))))
        if float(word.get("intensity", 1)) > 1:
            intense.add(form)
    rated = {form: (mean(s for s, _ in v), mean(p for _, p in v)) for form, v in senses.items()}
    return rated, intense


def _modifiers(wordnet: Path) -> set[str]:
    """The one-word lemmas WordNet has as adjectives or adverbs and not as nouns or verbs."""

    def lemmas(part: str) -> set[str]:
        lines = (wordnet / f"index.{part}").read_text(encoding="utf-8").splitlines()
        return {line.split(" ", 1)[0] for line in lines if not line.startswith(" ")}

    return (lemmas("adj") | lemmas("adv")) - lemmas("noun") - lemmas("verb")


# WordNet's morphy rules for verbs (the detachments that turn an inflected form into a lemma).
_VERB_ENDINGS = (("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""))


def _participles(wordnet: Path, modifiers: set[str]) -> set[str]:
    """Inflected forms of WordNet's verbs among `modifiers` (its adjective and adverb lemmas): by
    morphy's detachment rules, a doubled final consonant ("stunned"), and ``verb.exc``."""
    verbs = {line.split(" ", 1)[0] for line in (wordnet / "index.verb").read_text(encoding="utf-8").splitlines()}
    irregular = {line.split()[0] for line in (wordnet / "verb.exc").read_text(encoding="utf-8").splitlines()}

    def of_verb(word: str) -> bool:
        for ending, replacement in _VERB_ENDINGS:
            if word.endswith(ending):
                base = word[: -len(ending)]
                if base + replacement in verbs or (len(base) > 2 and base[-1] == base[-2] and base[:-1] in verbs):
                    return True
        return word in irregular

    return {w for w in modifiers if of_verb(w)}


def build(site_packages: Path, wordnet: Path) -> tuple[set[str], set[str]]:
    vader, textblob = site_packages / "vaderSentiment", site_packages / "textblob"
    valences = _valences(vader)
    subjective, intense = _pattern(textblob)
    rated_subjective = {w for w, (subj, _) in subjective.items() if subj >= SUBJECTIVE_MIN}
    modifiers = _modifiers(wordnet)
    allowed = {w for w in modifiers if w.isalpha() and w.islower()} - STOPWORDS
    allowed -= _participles(wordnet, modifiers) - rated_subjective
    intensifiers = (_boosters(vader) | intense) & allowed
    intensifiers |= {w for w, v in valences.items() if abs(v) >= INTENSE_VALENCE} & allowed
    evaluative = {w for w, (subj, polarity) in subjective.items() if subj >= SUBJECTIVE_MIN and polarity >= POLARITY_MIN}
    evaluative |= {w for w, v in valences.items() if abs(v) >= EVALUATIVE_VALENCE}
    return intensifiers, (evaluative & allowed) - intensifiers


def _write(name: str, header: str, words: set[str]) -> None:
    body = textwrap.fill(" ".join(sorted(words)), width=100, break_long_words=False, break_on_hyphens=False)
    (LEXICONS / f"{name}.txt").write_text(header + body + "\n", encoding="utf-8")


_SOURCES = """\
# Built by tools/style_lexicons.py (its docstring states the rule) from VADER (Hutto and Gilbert
# 2014, vaderSentiment 3.3.2, MIT licence, Copyright (c) 2016 C.J. Hutto) and Pattern's
# subjectivity lexicon (De Smedt and Daelemans 2012, en-sentiment.xml of textblob 0.20.1, PDDL),
# adjectives and adverbs of WordNet 3.0 (neither nouns nor verbs there). Do not edit by hand.
"""


def main() -> None:
    if len(sys.argv) not in (2, 3):
        raise SystemExit(__doc__)
    intensifiers, evaluative = build(Path(sys.argv[1]), Path(sys.argv[2] if len(sys.argv) == 3 else "/usr/share/wordnet"))
    _write(
        "intensifiers",
        "# Intensifying words: degree words that raise what follows, and adjectives and adverbs\n"
        "# rated very strongly positive or negative (|valence| >= 2.5 of 4).\n" + _SOURCES,
        intensifiers,
    )
    _write(
        "evaluative-words",
        "# Judging words: adjectives and adverbs rated subjective (Pattern) or clearly positive or\n"
        "# negative (VADER |valence| 1.5 to 2.5 of 4), the intensifiers aside.\n" + _SOURCES,
        evaluative,
    )
    print(f"{len(intensifiers)} intensifiers, {len(evaluative)} evaluative words written to {LEXICONS}")


if __name__ == "__main__":
    main()
