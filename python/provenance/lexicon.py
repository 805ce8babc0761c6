"""Word lists, read from the data files in ``lexicons/``. Each file says in its header where its
words come from; the words are general English, never taken from a text the tool is evaluated on."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def words(name: str) -> frozenset[str]:
    """The words of ``lexicons/<name>.txt``: whitespace-separated, ``#`` starts a comment line."""
    content = resources.files("provenance").joinpath("lexicons", f"{name}.txt").read_text(encoding="utf-8")
    return frozenset(w for line in content.splitlines() if not line.startswith("#") for w in line.split())


STOPWORDS = words("stopwords")
FUNCTION_WORDS = words("function-words")
ABBREVIATIONS_BEFORE_NAMES = words("abbreviations-before-names")
ABBREVIATIONS_BEFORE_NUMBERS = words("abbreviations-before-numbers")
ABBREVIATIONS_MAY_END = words("abbreviations-may-end")
SENTENCE_OPENERS = words("sentence-openers")
CONTINUING_WORDS = words("continuing-words")
OFFICE_TITLES = words("office-titles")
LOADED_REPORTING_VERBS = words("loaded-reporting-verbs")
INTENSIFIERS = words("intensifiers")
EVALUATIVE_WORDS = words("evaluative-words")
