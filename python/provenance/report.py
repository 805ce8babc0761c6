"""The report stage: typed findings of one comparison, and their JSON form (schema version 2).

Every span is ``(start, end)``, a half-open range of code points into the text as
``open(path, encoding=...).read()`` returns it, so ``text[start:end]`` is the passage itself. In
the JSON every finding also carries its excerpt (``candidate_text``, ``source_text``) and the
1-based line its span starts on (``candidate_line``, ``source_line``), and each side its full text,
so a saved report loads back (``Report.from_json``) and renders again.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, Literal, get_args

# The passage types live with the core's passages, so that corpus work loads them without the rest.
from provenance.passages import DiffOp as DiffOp
from provenance.passages import DiffStep as DiffStep
from provenance.passages import Passage as Passage
from provenance.passages import PassageKind as PassageKind
from provenance.quotations import closed
from provenance.spans import Span, SpanSet
from provenance.text import content_keys

SCHEMA_VERSION = 2

Relation = Literal["derived", "independent", "unrelated"]
# How much of a derived candidate comes from the source (the METER corpus's wholly and partially
# derived): ``whole`` when most of its prose is copied or paraphrased from it, ``partial`` when the
# reused prose is a smaller share of it.
Extent = Literal["whole", "partial"]
SentenceLabel = Literal["copied", "paraphrase", "added", "heading", "boilerplate"]
QuoteStatus = Literal["exact", "altered", "fabricated", "unsourced"]
ClaimType = Literal["number", "date", "entity", "attribution", "opinion", "exaggeration", "contradiction", "changed", "other"]


@dataclass(frozen=True)
class Document:
    """One side of a comparison: its display name and full text."""

    name: str
    text: str = field(repr=False)

    @property
    def length(self) -> int:
        return len(self.text)

    def excerpt(self, span: Span) -> str:
        return self.text[span[0] : span[1]]

    def line(self, offset: int) -> int:
        """The 1-based line the character at `offset` is on."""
        return self._lines.of(offset)

    def where(self, span: Span) -> str:
        """Where a span is, as MOSS and JPlag say it: ``line 12`` or ``lines 12–14``."""
        first, last = self.line(span[0]), self.line(max(span[0], span[1] - 1))
        return f"line {first}" if first == last else f"lines {first}–{last}"

    def where_each(self, spans: Sequence[Span]) -> str:
        """Where several spans are, each stretch of lines once: ``line 9``, ``lines 1, 9``,
        ``lines 3–5, 9``. Spans with only white space between them (paragraphs in a row) make one
        stretch; one range over spans apart ("lines 1–9" for lines 1 and 9) would send a reader
        through lines none of them is on."""
        stretches: list[list[int]] = []  # [first line, last line, end offset]
        for start, end in sorted(spans):
            first, last = self.line(start), self.line(max(start, end - 1))
            # (two sentences of one line with another between them are one line too: "line 7", not "lines 7, 7")
            if stretches and (not self.text[stretches[-1][2] : start].strip() or first <= stretches[-1][1]):
                stretches[-1][1:] = [max(stretches[-1][1], last), max(stretches[-1][2], end)]
            else:
                stretches.append([first, last, end])
        if len(stretches) == 1 and stretches[0][0] == stretches[0][1]:
            return f"line {stretches[0][0]}"
        return "lines " + ", ".join(f"{first}" if first == last else f"{first}–{last}" for first, last, _ in stretches)

    @cached_property
    def _lines(self) -> _Lines:
        return _Lines(self.text)


# Said by the verdict's first reason when a text does not read as English prose ("the candidate
# does not read as English prose (4% of its words ..."): the reports keep it in view.
NOT_ENGLISH_PROSE = "as English prose ("


@dataclass(frozen=True)
class Verdict:
    relation: Relation
    confidence: float
    reasons: list[str] = field(default_factory=list)
    extent: Extent | None = None
    """``whole`` or ``partial`` for a derived candidate, None otherwise."""

    @property
    def language_caveat(self) -> str | None:
        """The first reason when it says a text does not read as English prose, else None: the
        analysis is English throughout, so its paraphrases and added claims are then not to be trusted."""
        first = self.reasons[0] if self.reasons else ""
        return first if NOT_ENGLISH_PROSE in first else None


@dataclass(frozen=True)
class Coverage:
    """Shares of the candidate's characters (0..1) covered by each kind of finding."""

    copied: float = 0.0
    paraphrase: float = 0.0
    added: float = 0.0


@dataclass(frozen=True)
class SentenceFinding:
    """One candidate sentence, its label, and the source sentences that support it."""

    candidate: Span
    label: SentenceLabel
    source: list[Span]
    score: float
    diff: list[DiffStep] = field(default_factory=list)
    """The word diff against the source sentences, for a copied or paraphrased sentence."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "candidate": list(self.candidate),
            "label": self.label,
            "source": [list(span) for span in self.source],
            "score": round(self.score, 4),
            "diff": [step.to_dict() for step in self.diff],
        }


@dataclass(frozen=True)
class AddedClaim:
    """Content of the candidate the source does not support, with a reason a reader can check."""

    candidate: Span
    type: str
    text: str
    reason: str
    source: Span | None = None
    """For a ``changed`` claim, the source's wording that the candidate changes."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "candidate": list(self.candidate),
            "type": self.type,
            "reason": self.reason,
            "source": list(self.source) if self.source is not None else None,
        }


@dataclass(frozen=True)
class WordDiff:
    """One step of a word-level diff from the source quotation to the candidate's."""

    op: DiffOp
    source: str
    candidate: str

    def to_dict(self) -> dict[str, Any]:
        return {"op": self.op, "source": self.source, "candidate": self.candidate}


@dataclass(frozen=True)
class QuoteFinding:
    candidate: Span
    status: QuoteStatus
    source: Span | None
    reason: str = ""
    diff: list[WordDiff] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "candidate": list(self.candidate),
            "status": self.status,
            "source": list(self.source) if self.source is not None else None,
            "reason": self.reason,
            "diff": [d.to_dict() for d in self.diff],
        }


def set_aside(candidate_text: str, quotes: Sequence[QuoteFinding]) -> list[QuoteFinding]:
    """The candidate's quotations whose words are no prose: exact or altered (the source quotes
    them, or they quote the source's own words), and closed (a mark left open may run over pasted
    prose)."""
    return [q for q in quotes if q.status in ("exact", "altered") and closed(candidate_text, q.candidate)]


@dataclass(frozen=True)
class Omission:
    """A source sentence the candidate does not use."""

    source: Span

    def to_dict(self) -> dict[str, Any]:
        return {"source": list(self.source)}


@dataclass(frozen=True)
class Report:
    candidate: Document
    source: Document
    verdict: Verdict
    coverage: Coverage
    passages: list[Passage] = field(default_factory=list)
    sentences: list[SentenceFinding] = field(default_factory=list)
    added: list[AddedClaim] = field(default_factory=list)
    quotes: list[QuoteFinding] = field(default_factory=list)
    omitted: list[Omission] = field(default_factory=list)
    semantic_model: str | None = None
    """Name of the sentence-embedding model used, or None when the analysis was lexical only."""
    cases: list[Passage] = field(default_factory=list)
    """Reuse cases, one passage per case of reuse (``provenance.cases``): copies joined with the
    reworded text around them, paraphrased and summarised stretches; ``passages`` are the copies."""

    @property
    def headline(self) -> str:
        """The verdict in plain words, as the text report's verdict line says it: "DERIVED (whole) ·
        7 of 8 sentences copied or paraphrased; ..." (``verdict.headline`` in the JSON). Derived
        from the findings, so a report read back from its JSON says it again."""
        # Imported here: the renderers import this module.
        from provenance.render.headline import verdict_headline

        return verdict_headline(self)

    def to_dict(self) -> dict[str, Any]:
        where = _Where(self.candidate, self.source)
        return {
            "schema_version": SCHEMA_VERSION,
            "candidate": _document_dict(self.candidate),
            "source": _document_dict(self.source),
            "verdict": {
                "relation": self.verdict.relation,
                "confidence": round(self.verdict.confidence, 4),
                "reasons": list(self.verdict.reasons),
                "extent": self.verdict.extent,
                "headline": self.headline,
            },
            "coverage": {
                "copied": round(self.coverage.copied, 4),
                "paraphrase": round(self.coverage.paraphrase, 4),
                "added": round(self.coverage.added, 4),
            },
            "passages": [{**p.to_dict(), **where.candidate(p.candidate), **where.source(p.source)} for p in self.passages],
            "cases": [{**c.to_dict(), **where.candidate(c.candidate), **where.source(c.source)} for c in self.cases],
            "sentences": [{**s.to_dict(), **where.candidate(s.candidate), **where.sources(s.source)} for s in self.sentences],
            "added": [{**a.to_dict(), **where.candidate(a.candidate), **where.source(a.source)} for a in self.added],
            "quotes": [{**q.to_dict(), **where.candidate(q.candidate), **where.source(q.source)} for q in self.quotes],
            "omitted": [{**o.to_dict(), **where.source(o.source)} for o in self.omitted],
            "semantic_model": self.semantic_model,
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Report:
        """A report from its JSON form (schema version 2). ReportFormatError names what is wrong."""
        with _reading_report():
            _check_version(data)
            if "sources" in data and "verdict" not in data:
                raise ReportFormatError("is a report of several sources: read it with provenance.load_report")
            verdict, coverage = data["verdict"], data["coverage"]
            report = cls(
                candidate=_document(data["candidate"]),
                source=_document(data["source"]),
                verdict=Verdict(
                    _one_of(verdict["relation"], Relation, "relation"),
                    float(verdict["confidence"]),
                    _strings(verdict["reasons"], "reasons"),
                    None if verdict.get("extent") is None else _one_of(verdict["extent"], Extent, "extent"),
                ),
                coverage=Coverage(float(coverage["copied"]), float(coverage["paraphrase"]), float(coverage["added"])),
                passages=[_passage(p) for p in data["passages"]],
                sentences=[_sentence(s) for s in data["sentences"]],
                added=[_claim(a) for a in data["added"]],
                quotes=[_quote(q) for q in data["quotes"]],
                omitted=[Omission(_span(o["source"])) for o in data["omitted"]],
                semantic_model=None if data["semantic_model"] is None else _string(data["semantic_model"], "semantic_model"),
                cases=[_passage(c) for c in data.get("cases", [])],  # absent from reports saved before it
            )
            _check_spans(report.candidate, report.source, report.passages + report.cases, report.sentences, report.added)
            _check_spans(report.candidate, report.source, report.quotes, report.omitted)
            return report

    @classmethod
    def from_json(cls, text: str) -> Report:
        return cls.from_dict(_json_object(text))


class ReportFormatError(ValueError):
    """A JSON document that is not a provenance report of this schema version."""


def _json_object(text: str) -> Mapping[str, Any]:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as err:
        raise ReportFormatError(f"is not JSON ({err})") from None
    if not isinstance(data, dict):
        raise ReportFormatError("is not a provenance report (not a JSON object)")
    return data


def _check_version(data: Mapping[str, Any]) -> None:
    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        if version == 1:
            raise ReportFormatError("is a schema version 1 report, which holds no texts to render: compare the files again")
        raise ReportFormatError(f"is not a provenance report of schema version {SCHEMA_VERSION} (schema_version {version!r})")


@contextmanager
def _reading_report() -> Iterator[None]:
    """Turns a missing field or a value of the wrong type into one ReportFormatError."""
    try:
        yield
    except ReportFormatError:
        raise
    except KeyError as err:
        raise ReportFormatError(f"is not a provenance report (no {err.args[0]!r} field)") from None
    except (TypeError, ValueError, AttributeError, IndexError) as err:
        raise ReportFormatError(f"is not a provenance report ({err})") from None


def _document(data: Mapping[str, Any]) -> Document:
    text = data["text"]
    if not isinstance(text, str) or not isinstance(data["name"], str):
        raise TypeError("a document's name and text must be strings")
    return Document(data["name"], text)


def _one_of(value: Any, kind: Any, what: str) -> Any:
    """`value` when it is one of the Literal type `kind`'s values (a kind, label or status the
    renderers know), else a ValueError naming it."""
    if value not in get_args(kind):
        raise ValueError(f"{what} {value!r} is none of {', '.join(get_args(kind))}")
    return value


def _string(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what} {value!r} is not a string")
    return value


def _strings(value: Any, what: str) -> list[str]:
    if not isinstance(value, list):
        raise TypeError(f"{what} {value!r} is not a list")
    return [_string(item, what) for item in value]


_Finding = Passage | SentenceFinding | AddedClaim | QuoteFinding | Omission


def _check_spans(candidate: Document, source: Document, *findings: Sequence[_Finding], source_label: str = "source") -> None:
    """Refuses a report whose findings point outside its texts (a text edited after saving, a
    report put together by hand): rendering it would show the wrong words or fail half-way."""
    for group in findings:
        for finding in group:
            on_candidate, on_source = _finding_spans(finding)
            for document, label, spans in ((candidate, "candidate", on_candidate), (source, source_label, on_source)):
                for start, end in spans:
                    if end > document.length:
                        raise ReportFormatError(
                            f"is not a consistent report: a span [{start}, {end}) lies beyond the "
                            f"{document.length:,} characters of the {label}'s text"
                        )


def _finding_spans(finding: _Finding) -> tuple[list[Span], list[Span]]:
    """A finding's spans into the candidate and into the source, its diff's included."""
    if isinstance(finding, Omission):
        return [], [finding.source]
    on_source = finding.source if isinstance(finding, SentenceFinding) else [] if finding.source is None else [finding.source]
    steps = finding.diff if isinstance(finding, Passage | SentenceFinding) else []
    return [finding.candidate, *(s.candidate for s in steps)], [*on_source, *(s.source for s in steps)]


def _span(value: Any) -> Span:
    start, end = value
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end):
        raise ValueError(f"{value!r} is not a span")
    return (start, end)


def _optional_span(value: Any) -> Span | None:
    return None if value is None else _span(value)


def _steps(data: list[Mapping[str, Any]]) -> list[DiffStep]:
    return [DiffStep(_one_of(d["op"], DiffOp, "diff op"), _span(d["candidate"]), _span(d["source"])) for d in data]


def _passage(data: Mapping[str, Any]) -> Passage:
    return Passage(
        _one_of(data["kind"], PassageKind, "kind"),
        _span(data["candidate"]),
        _span(data["source"]),
        float(data["score"]),
        _steps(data["diff"]),
    )


def _sentence(data: Mapping[str, Any]) -> SentenceFinding:
    return SentenceFinding(
        _span(data["candidate"]),
        _one_of(data["label"], SentenceLabel, "label"),
        [_span(s) for s in data["source"]],
        float(data["score"]),
        _steps(data["diff"]),
    )


def _claim(data: Mapping[str, Any]) -> AddedClaim:
    return AddedClaim(
        _span(data["candidate"]),
        _one_of(data["type"], ClaimType, "claim type"),
        _string(data["candidate_text"], "candidate_text"),
        _string(data["reason"], "reason"),
        _optional_span(data["source"]),
    )


def _quote(data: Mapping[str, Any]) -> QuoteFinding:
    words = [
        WordDiff(_one_of(d["op"], DiffOp, "diff op"), _string(d["source"], "word"), _string(d["candidate"], "word"))
        for d in data["diff"]
    ]
    return QuoteFinding(
        _span(data["candidate"]),
        _one_of(data["status"], QuoteStatus, "quotation status"),
        _optional_span(data["source"]),
        _string(data["reason"], "reason"),
        words,
    )


def _document_dict(document: Document) -> dict[str, Any]:
    return {"name": document.name, "length": document.length, "text": document.text}


_NEWLINE = re.compile("\n")


class _Lines:
    """1-based line numbers of offsets into one text, by bisection over its line starts."""

    def __init__(self, text: str) -> None:
        self.starts = [m.end() for m in _NEWLINE.finditer(text)]

    def of(self, offset: int) -> int:
        return bisect_right(self.starts, offset) + 1


class _Where:
    """A finding's excerpts and line numbers on either side, for the JSON form."""

    def __init__(self, candidate: Document, source: Document) -> None:
        self._candidate = candidate
        self._source = source

    def candidate(self, span: Span) -> dict[str, Any]:
        return {"candidate_text": self._candidate.excerpt(span), "candidate_line": self._candidate.line(span[0])}

    def source(self, span: Span | None) -> dict[str, Any]:
        if span is None:
            return {"source_text": None, "source_line": None}
        return {"source_text": self._source.excerpt(span), "source_line": self._source.line(span[0])}

    def sources(self, spans: list[Span]) -> dict[str, Any]:
        located = [self.source(span) for span in spans]
        return {"source_text": [x["source_text"] for x in located], "source_line": [x["source_line"] for x in located]}


@dataclass(frozen=True)
class AttributedPassage:
    """A copied passage of the candidate and the source, among several, it was taken from."""

    source_index: int
    passage: Passage


@dataclass(frozen=True)
class AttributedSentence:
    """A copied or paraphrased candidate sentence and the source that supports it best."""

    source_index: int
    sentence: SentenceFinding


@dataclass(frozen=True)
class AttributedClaim:
    """An added claim of a candidate read against several sources: ``source_index`` names the
    source whose copied or paraphrased sentence it changes, None when no source supports the
    sentence it is in."""

    source_index: int | None
    claim: AddedClaim


def added_beyond_sources(reports: list[Report], sentences: list[AttributedSentence]) -> list[AttributedClaim]:
    """The added claims of the candidate against all the sources at once, in text order.

    A claim inside a sentence attributed to source j (``sentences``, sorted and disjoint) is a
    change against the text that sentence comes from: it is kept from report j alone, and what
    the other reports say of that sentence (that no sentence of theirs supports it) is dropped. So
    is a claim in a heading that report matched to a heading of its source ('CAUSE' where that
    heading says 'linked to'): headings are attributed to no source, their wording being free. Such
    a claim is dropped too when another source supports it (`_supports`). A claim in a sentence no
    source supports is kept once, its reason said of all the sources."""
    starts = [a.sentence.candidate[0] for a in sentences]

    def owner(offset: int) -> int | None:
        i = bisect_right(starts, offset) - 1
        return sentences[i].source_index if i >= 0 and offset < sentences[i].sentence.candidate[1] else None

    kept: list[AttributedClaim] = []
    unsupported: dict[Span, AddedClaim] = {}
    supported_by = [_supports(report) for report in reports]
    for index, report in enumerate(reports):
        in_matched_heading = _in_matched_heading(report.sentences)
        for claim in report.added:
            source_index = owner(claim.candidate[0])
            if source_index == index or (source_index is None and in_matched_heading(claim.candidate[0])):
                if not any(supports(claim) for other, supports in enumerate(supported_by) if other != index):
                    kept.append(AttributedClaim(index, claim))
            elif source_index is None and claim.candidate not in unsupported:
                # Each report's reason names the closest sentence of its own source alone; what it
                # says after that ("; a vague attribution: 'Critics say'") holds for all of them.
                _, _, more = claim.reason.partition("; ")
                reason = f"no sentence of the {len(reports)} sources supports this sentence" + (f"; {more}" if more else "")
                unsupported[claim.candidate] = replace(claim, reason=reason)
    kept += [AttributedClaim(None, claim) for claim in unsupported.values()]
    kept.sort(key=lambda a: (a.claim.candidate, -1 if a.source_index is None else a.source_index))
    return kept


# The claim types that say the source lacks the claim's words ("never uses 'council'", "the number
# 'eight' does not appear", a new name or date): another source that has them all supports them.
_ABSENT_WORD_TYPES = frozenset({"number", "date", "entity", "other"})


def _supports(report: Report) -> Callable[[AddedClaim], bool]:
    """Whether ``report``'s source supports a claim another source's comparison made inside a
    sentence: for a claim of words the other source lacks, when this source has every content word
    of it; for any claim, when this comparison finds the sentence copied or paraphrased from its
    source and makes no claim of its own on the claim's words ('fourth floor' said to contradict
    one source's 'fifth floor' is this one's 'on the fourth floor' word for word)."""
    words = set(content_keys(report.source.text))
    own_claims = SpanSet(claim.candidate for claim in report.added)
    reused = sorted(s.candidate for s in report.sentences if s.label in ("copied", "paraphrase"))
    starts = [start for start, _ in reused]

    def supports(claim: AddedClaim) -> bool:
        claimed = content_keys(claim.text)
        if claim.type in _ABSENT_WORD_TYPES and claimed and words.issuperset(claimed):
            return True
        i = bisect_right(starts, claim.candidate[0]) - 1
        return i >= 0 and claim.candidate[1] <= reused[i][1] and not own_claims.overlaps(claim.candidate)

    return supports


def _in_matched_heading(sentences: Sequence[SentenceFinding]) -> Callable[[int], bool]:
    """Whether an offset of the candidate lies in a heading matched to a source heading; the
    headings sorted once, each offset found by a binary search."""
    headings = sorted(s.candidate for s in sentences if s.label == "heading" and s.source)
    starts = [start for start, _ in headings]

    def inside(offset: int) -> bool:
        i = bisect_right(starts, offset) - 1
        return i >= 0 and offset < headings[i][1]

    return inside


@dataclass(frozen=True)
class MultiSourceReport:
    """One candidate against several sources: each stretch attributed to the source it came
    from, the claims the candidate adds beyond all of them, and the full comparison with each
    source (whose added claims are read against that source alone)."""

    candidate: Document
    reports: list[Report]
    passages: list[AttributedPassage] = field(default_factory=list)
    sentences: list[AttributedSentence] = field(default_factory=list)
    added: list[AttributedClaim] = field(default_factory=list)

    @property
    def unsupported(self) -> float:
        """The share of the candidate's characters in sentences no source supports."""
        if not self.candidate.text:
            return 0.0
        attributed = {a.sentence.candidate for a in self.sentences}
        spans = SpanSet(
            s.candidate for r in self.reports for s in r.sentences if s.label == "added" and s.candidate not in attributed
        )
        return spans.covered() / len(self.candidate.text)

    @property
    def source_shares(self) -> list[float]:
        """Each source's share of the candidate's characters: the passages and the copied or
        paraphrased sentences attributed to it, each character counted once (for a passage before a
        sentence), so that the shares add up to the share matched by any source."""
        length = len(self.candidate.text)
        passages = SpanSet(a.passage.candidate for a in self.passages)
        chars = [0] * len(self.reports)
        for passage in self.passages:
            start, end = passage.passage.candidate
            chars[passage.source_index] += end - start
        for sentence in self.sentences:
            span = sentence.sentence.candidate
            chars[sentence.source_index] += span[1] - span[0] - passages.covered(span)
        return [c / length if length else 0.0 for c in chars]

    def to_dict(self) -> dict[str, Any]:
        where = [_Where(self.candidate, report.source) for report in self.reports]
        shares = self.source_shares
        on_candidate = _Where(self.candidate, self.candidate)
        return {
            "schema_version": SCHEMA_VERSION,
            "candidate": _document_dict(self.candidate),
            "coverage": {
                "any": round(min(1.0, sum(shares)), 4),
                "by_source": [round(share, 4) for share in shares],
                "unsupported": round(self.unsupported, 4),
            },
            "passages": [
                {
                    "source_index": a.source_index,
                    **a.passage.to_dict(),
                    **where[a.source_index].candidate(a.passage.candidate),
                    **where[a.source_index].source(a.passage.source),
                }
                for a in self.passages
            ],
            "sentences": [
                {
                    "source_index": a.source_index,
                    **a.sentence.to_dict(),
                    **where[a.source_index].candidate(a.sentence.candidate),
                    **where[a.source_index].sources(a.sentence.source),
                }
                for a in self.sentences
            ],
            "added": [
                {
                    "source_index": a.source_index,
                    **a.claim.to_dict(),
                    **on_candidate.candidate(a.claim.candidate),
                    **(on_candidate.source(None) if a.source_index is None else where[a.source_index].source(a.claim.source)),
                }
                for a in self.added
            ],
            "sources": [report.to_dict() for report in self.reports],
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> MultiSourceReport:
        """A multi-source report from its JSON form; one saved before ``added`` gets it derived
        from its comparisons."""
        with _reading_report():
            _check_version(data)
            reports = [Report.from_dict(r) for r in data["sources"]]
            passages = [AttributedPassage(int(p["source_index"]), _passage(p)) for p in data["passages"]]
            sentences = [AttributedSentence(int(s["source_index"]), _sentence(s)) for s in data["sentences"]]
            if "added" in data:
                added = [AttributedClaim(_optional_index(a["source_index"]), _claim(a)) for a in data["added"]]
            else:
                added = added_beyond_sources(reports, sentences)
            if any(a.source_index is None and a.claim.source is not None for a in added):
                raise ValueError("a claim with a source span names no source")
            indices = [a.source_index for a in passages] + [a.source_index for a in sentences]
            indices += [a.source_index for a in added if a.source_index is not None]
            if any(not 0 <= i < len(reports) for i in indices):
                raise ValueError("a source_index names no source")
            candidate = _document(data["candidate"])
            for index, report in enumerate(reports):
                _check_spans(
                    candidate,
                    report.source,
                    [a.passage for a in passages if a.source_index == index],
                    [a.sentence for a in sentences if a.source_index == index],
                    [a.claim for a in added if a.source_index == index],
                    source_label=f"source [{index + 1}]",
                )
            _check_spans(candidate, candidate, [a.claim for a in added if a.source_index is None])
            return cls(candidate, reports, passages, sentences, added)


def _optional_index(value: Any) -> int | None:
    return None if value is None else int(value)


def load_report(text: str) -> Report | MultiSourceReport:
    """A saved report of either kind (one source, or several: it has ``sources``)."""
    data = _json_object(text)
    return MultiSourceReport.from_dict(data) if "sources" in data else Report.from_dict(data)
