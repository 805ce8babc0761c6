"""Word lists, read from the data files in ``lexicons/``. Each file says in its header where its
words come from; the words are general English, never taken from a text the tool is evaluated on."""

from __future__ import annotations

from functools import cache
from importlib import resources


def _lines(name: str) -> list[str]:
    content = resources.files("provenance").joinpath("lexicons", f"{name}.txt").read_text(encoding="utf-8")
    return content.splitlines()


@cache
def words(name: str) -> frozenset[str]:
    """The words of ``lexicons/<name>.txt``: whitespace-separated, ``#`` starts a comment line."""
    return frozenset(w for line in _lines(name) if not line.startswith("#") for w in line.split())


def sections(name: str) -> dict[str, frozenset[str]]:
    """The words of each section of ``lexicons/<name>.txt``, a section starting at a ``## name`` line."""
    found: dict[str, set[str]] = {}
    current: set[str] | None = None
    for line in _lines(name):
        if line.startswith("## "):
            current = found.setdefault(line[3:].strip(), set())
        elif not line.startswith("#") and current is not None:
            current.update(line.split())
    return {section: frozenset(members) for section, members in found.items()}


def phrase_sections(name: str) -> dict[str, frozenset[tuple[str, ...]]]:
    """The phrases of each section of ``lexicons/<name>.txt``, one phrase per line."""
    found: dict[str, set[tuple[str, ...]]] = {}
    current: set[tuple[str, ...]] | None = None
    for line in _lines(name):
        if line.startswith("## "):
            current = found.setdefault(line[3:].strip(), set())
        elif line.strip() and not line.startswith("#") and current is not None:
            current.add(tuple(line.split()))
    return {section: frozenset(members) for section, members in found.items()}


STOPWORDS = words("stopwords")
FUNCTION_WORDS = words("function-words")
ABBREVIATIONS_BEFORE_NAMES = words("abbreviations-before-names")
ABBREVIATIONS_BEFORE_NUMBERS = words("abbreviations-before-numbers")
ABBREVIATIONS_MAY_END = words("abbreviations-may-end")
SENTENCE_OPENERS = words("sentence-openers")
CONTINUING_WORDS = words("continuing-words")
OFFICE_TITLES = words("office-titles")
STATUS_WORDS = words("status-words")
LOADED_REPORTING_VERBS = words("loaded-reporting-verbs")
INTENSIFIERS = words("intensifiers")
EVALUATIVE_WORDS = words("evaluative-words")
VAGUE_ATTRIBUTIONS = sections("vague-attributions")
SYMBOL_WORDS = sections("symbol-words")
NUMBER_BOUNDS = phrase_sections("number-bounds")
HEDGES = words("hedges")
DEONTIC_STRENGTH = sections("deontic-strength")
LEGAL_STAGES = sections("legal-stages")
SEVERITY = sections("severity")
IMPLICIT_NEGATION = words("implicit-negation")
PREVENTION_VERBS = words("prevention-verbs")
NON_HUMAN_SUBJECTS = words("non-human-subjects")
GENERAL_PERSON_NOUNS = words("general-person-nouns")
# Each preposition of opposite meaning to another ("for": "against") in both directions.
OPPOSITE_PREPOSITIONS = {
    a: b
    for line in _lines("opposite-prepositions")
    if not line.startswith("#") and line.strip()
    for a, b in (line.split(), line.split()[::-1])
}
# A British spelling to the American one ("organisation": "organization").
AMERICAN_SPELLINGS = dict(line.split() for line in _lines("british-american") if not line.startswith("#"))
# Each abbreviation of a month or a day, and each full name, to the full name.
CALENDAR_NAMES = {
    form: line.split()[0] for line in _lines("calendar-abbreviations") if not line.startswith("#") for form in line.split()
}


def _title_forms() -> dict[str, frozenset[str]]:
    """Each title and each of its abbreviations (lexicons/title-abbreviations.txt) to all its
    forms: "cllr" to {"councillor", "cllr"}."""
    found: dict[str, frozenset[str]] = {}
    for line in _lines("title-abbreviations"):
        if line.strip() and not line.startswith("#"):
            title, _, short = line.partition("|")
            forms = frozenset({title.strip(), *short.split()})
            for form in forms:
                found[form] = found.get(form, frozenset()) | forms
    return found


TITLE_FORMS = _title_forms()
QUANTIFIERS = sections("quantifiers")
CHANGE_DIRECTIONS = sections("change-directions")
