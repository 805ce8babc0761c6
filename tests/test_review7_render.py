"""Review 7: what the reports list for a candidate partly derived from its source (item 18)."""

from __future__ import annotations

import json
import re
from dataclasses import replace

from provenance.render import render_html, render_text
from provenance.report import AddedClaim, Coverage, Document, Passage, Report, SentenceFinding, Verdict

OWN = [
    "Harbour towns on this coast grew around fishing long before the railway came.",
    "Their boats were small and their crews were often members of one family.",
    "Winter storms kept them ashore for weeks, and debts grew while they waited.",
    "Markets inland paid more for smoked fish, which kept through the journey.",
    "Curing sheds therefore stood beside almost every quay.",
    "By the end of the century most of those sheds had closed.",
]
# The source's paragraph, pasted with one word added and its year changed.
PASTED = [
    "Life on the island was hard.",
    "The keepers trimmed the wicks every four hours.",
    "In 1908 a fire destroyed the store.",
]
COPIED = ["Life on the island was very hard.", PASTED[1], "In 1918 a fire destroyed the store."]
LEAD_IN = "The lighthouse keepers lived differently."
AFTER = "Their children rowed to school in summer."
MORE_OWN = [
    "Tourism replaced fishing as the main trade after the second war.",
    "Hotels opened on the front and the old sheds became cafes.",
    "Visitors came for the beaches and stayed for the castles.",
    "Few of them knew how hard the old work had been.",
    "Museums now keep the nets and the curing tools.",
    "Some of the families still live in the same streets.",
]
CANDIDATE = " ".join(OWN) + "\n\n" + " ".join([LEAD_IN, *COPIED, AFTER]) + "\n\n" + " ".join(MORE_OWN) + "\n"
SOURCE = "The island light\n\n" + " ".join(PASTED) + " A new store was built.\n"


def _span(text: str, piece: str) -> tuple[int, int]:
    start = text.index(piece)
    return start, start + len(piece)


def essay_report(extent: str = "partial") -> Report:
    """An essay of its own around one pasted paragraph, built by hand: every sentence of its own is an
    added claim ("no source sentence supports this sentence"), as the comparison reports it."""
    sentences: list[SentenceFinding] = []
    added: list[AddedClaim] = []
    for text in [*OWN, LEAD_IN, *COPIED, AFTER, *MORE_OWN]:
        span = _span(CANDIDATE, text)
        if text in COPIED:
            source = _span(SOURCE, PASTED[COPIED.index(text)])
            sentences.append(SentenceFinding(span, "copied", [source], 0.95))
        else:
            sentences.append(SentenceFinding(span, "added", [], 0.1))
            added.append(AddedClaim(span, "other", text, "no source sentence supports this sentence"))
    added.append(AddedClaim(_span(CANDIDATE, "very hard"), "exaggeration", "very hard", "an intensifier the source does not use"))
    year = _span(CANDIDATE, "1918")
    added.append(AddedClaim(year, "changed", "1918", "a changed number", _span(SOURCE, "1908")))
    copy = _span(CANDIDATE, COPIED[0])[0], _span(CANDIDATE, COPIED[-1])[1]
    passage = Passage("near_verbatim", copy, (_span(SOURCE, PASTED[0])[0], _span(SOURCE, PASTED[-1])[1]), 0.95)
    return Report(
        candidate=Document("essay.txt", CANDIDATE),
        source=Document("history.txt", SOURCE),
        verdict=Verdict("derived", 0.95, ["a pasted paragraph"], extent),  # type: ignore[arg-type]
        coverage=Coverage(copied=0.2, paraphrase=0.0, added=0.8),
        passages=[passage],
        sentences=sorted(sentences, key=lambda s: s.candidate),
        added=sorted(added, key=lambda a: a.candidate),
        cases=[passage],
    )


def test_a_partly_derived_essay_lists_the_claims_in_and_beside_the_reuse() -> None:
    report = essay_report()
    text = render_text(report, color=False, width=None)
    section = text[text.index("── Added claims:") : text.index("── Reuse cases")]
    # The intensifier inside the copy and the sentences just before and after it are listed...
    assert "── Added claims: 3 ──" in section
    for listed in ("very hard", LEAD_IN.rstrip("."), AFTER.rstrip(".")):
        assert listed in section
    # ...the essay's own sentences away from it are counted in one line, not listed.
    assert not any(own.rstrip(".") in section for own in OWN + MORE_OWN)
    assert (
        "Not listed, as the candidate is only partly derived: 12 sentences of its own, away from what it reuses, "
        "that no source sentence supports (the JSON report has them)"
    ) in section
    # The counts stay whole: 15 added claims counted, the changed year listed as a changed fact.
    assert "1 changed fact · 15 added claims" in text and "1908 → 1918" in text
    # The JSON report keeps every claim.
    assert len(json.loads(report.to_json())["added"]) == 16


def test_a_partly_derived_essay_in_html() -> None:
    page = render_html(essay_report())
    assert "<b>15</b> added claims" in page
    note = page[page.index('id="findings-note"') :]
    assert note.index("only partly derived: 12 sentences of its own") < note.index("</p>")
    findings = re.findall(r'<li class="finding"[^>]* data-group="added"[^>]*>.*?</li>', page, re.DOTALL)
    assert len(findings) == 3 and LEAD_IN in findings[0] and AFTER in findings[-1]


def test_a_wholly_derived_report_lists_every_claim() -> None:
    report = essay_report("whole")
    text = render_text(report, color=False, width=None)
    assert "── Added claims: 15 ──" in text and "partly derived:" not in text
    assert all(own.rstrip(".") in text for own in OWN + MORE_OWN)
    unrelated = replace(report, verdict=Verdict("independent", 0.9, []))
    assert "partly derived:" not in render_text(unrelated, color=False, width=None)
