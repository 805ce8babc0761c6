"""Texts for benchmarks: real English prose from ../shared/datasets when it is there, else
deterministic generated news-like text (no network, no data files needed)."""

from __future__ import annotations

import random
from pathlib import Path

PAN_SOURCES = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "pan13-text-alignment-partial" / "src"

SUBJECTS = [
    "The council",
    "The minister",
    "Officials",
    "The company",
    "Residents",
    "The report",
    "Analysts",
    "The committee",
    "Local traders",
    "The agency",
    "Engineers",
    "The mayor",
    "Negotiators",
    "Voters",
]
VERBS = [
    "approved",
    "rejected",
    "delayed",
    "announced",
    "reviewed",
    "criticised",
    "welcomed",
    "funded",
    "questioned",
    "expanded",
    "postponed",
    "defended",
    "outlined",
    "examined",
    "published",
]
OBJECTS = [
    "the budget",
    "a new bridge",
    "the trade agreement",
    "the tariff plan",
    "a housing project",
    "the annual report",
    "the water contract",
    "a school programme",
    "the port expansion",
    "the election timetable",
    "a rail link",
    "the energy subsidy",
    "the hospital review",
]
TAILS = [
    "on Monday",
    "after a long debate",
    "despite protests",
    "in a close vote",
    "for the third time",
    "before the summer",
    "without giving details",
    "at a press conference",
    "in a written statement",
    "by a wide margin",
    "late on Friday",
    "ahead of the deadline",
    "under pressure from donors",
]
NUMBERS = ["$4.2 million", "25%", "1,200 jobs", "eight months", "3.5 billion", "two years", "17 votes"]


def sentence(rng: random.Random) -> str:
    parts = [rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(TAILS)]
    if rng.random() < 0.4:
        parts.append(f"worth {rng.choice(NUMBERS)}")
    if rng.random() < 0.3:
        parts.append(f"and {rng.choice(VERBS)} {rng.choice(OBJECTS)}")
    return " ".join(parts) + "."


def document(rng: random.Random, words: int) -> str:
    sentences: list[str] = []
    count = 0
    while count < words:
        s = sentence(rng)
        sentences.append(s)
        count += len(s.split())
    paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]
    return "\n\n".join(paragraphs)


def rewrite(rng: random.Random, source: str) -> str:
    """A spun copy: paragraphs reordered, a word in twenty changed, new sentences added."""
    paragraphs = source.split("\n\n")
    rng.shuffle(paragraphs)
    out = []
    for paragraph in paragraphs:
        words = paragraph.split(" ")
        for i in range(len(words)):
            if rng.random() < 0.05:
                words[i] = rng.choice(["reportedly", "quickly", "new", "major", "local", "several"])
        if rng.random() < 0.3:
            words.append(sentence(rng))
        out.append(" ".join(words))
    return "\n\n".join(out)


def real_document(rng: random.Random, words: int) -> str | None:
    """About `words` words of real prose: PAN 2013 source documents, joined in paragraphs."""
    if not PAN_SOURCES.is_dir():
        return None
    files = sorted(PAN_SOURCES.glob("*.txt"))
    if not files:
        return None
    paragraphs: list[str] = []
    count = 0
    while count < words:
        text = rng.choice(files).read_text(encoding="utf-8", errors="replace")
        for paragraph in text.split("\n\n"):
            paragraph = " ".join(paragraph.split())
            if paragraph:
                paragraphs.append(paragraph)
                count += len(paragraph.split())
            if count >= words:
                break
    return "\n\n".join(paragraphs)


def pair(seed: int, words: int) -> tuple[str, str]:
    """(candidate, source): the candidate is a rewrite of the source."""
    rng = random.Random(seed)
    source = real_document(rng, words) or document(rng, words)
    return rewrite(rng, source), source


def text_origin() -> str:
    return "PAN 2013 source documents" if PAN_SOURCES.is_dir() else "generated news-like text"


def big_pair(seed: int, candidate_chars: int, source_chars: int = 50_000) -> tuple[str, str]:
    """(candidate, source) for size sweeps: a source of about `source_chars` characters and a much
    longer candidate of other prose in which every tenth paragraph is a rewritten source paragraph,
    so reuse is spread over the whole candidate."""
    rng = random.Random(seed)
    source_words = source_chars // 6
    source = real_document(rng, source_words) or document(rng, source_words)
    taken = rewrite(rng, source).split("\n\n")
    paragraphs: list[str] = []
    size = 0
    while size < candidate_chars:
        other = real_document(rng, 2_000) or document(rng, 2_000)
        for paragraph in other.split("\n\n"):
            if len(paragraphs) % 10 == 9:
                paragraph = taken[(len(paragraphs) // 10) % len(taken)]
            paragraphs.append(paragraph)
            size += len(paragraph) + 2
            if size >= candidate_chars:
                break
    return "\n\n".join(paragraphs)[:candidate_chars], source
