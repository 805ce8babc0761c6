"""HTML report: structure, nesting of overlapping highlights, escaping of untrusted text, offline-ness.

Also home of ``sample_report``, the hand-built report the other render tests use.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections import Counter
from dataclasses import replace
from html import escape, unescape
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.render import render_html
from provenance.render.html import Mark, embed_json, findings, highlight, report_marks
from provenance.report import (
    AddedClaim,
    Coverage,
    Document,
    Omission,
    Passage,
    QuoteFinding,
    Report,
    SentenceFinding,
    Span,
    Verdict,
    WordDiff,
)

SCRIPT_PAYLOAD = "</script><script>window.__pwned = 1; alert(1)</script>"
ATTRIBUTE_PAYLOAD = '"><img src=x onerror="window.__pwned = 2; alert(2)">'
FILLER = "A spokesperson for the ministry declined to comment on the schedule, citing ongoing work number {n}."


def _span(text: str, piece: str, after: int = 0) -> Span:
    start = text.index(piece, after)
    return (start, start + len(piece))


def sample_report(*, hostile: bool = False, filler: int = 0) -> Report:
    """A realistic report of a spun rewrite, built by hand.

    ``hostile`` puts script and attribute injections into the candidate text, its name and the reasons;
    ``filler`` inserts that many unused sentences into the source, pushing later passages out of view.
    """
    padding = "".join(FILLER.format(n=n) + "\n\n" for n in range(filler))
    source_text = (
        "Prime Minister Mark Carney met President Donald Trump at the White House on Tuesday.\n\n"
        "The two leaders discussed tariffs on steel and aluminium, which have strained relations since March.\n\n"
        "“We are not going to solve this in one meeting,” Carney told reporters after the talks.\n\n"
        + padding
        + "Trump said the meeting was friendly but that Canada would have to pay for access to the American market.\n\n"
        "Officials said a working group would meet again in June.\n\n"
        "Carney later flew back to Ottawa for a cabinet meeting.\n"
    )
    injected = f"Readers wrote in: {SCRIPT_PAYLOAD} and {ATTRIBUTE_PAYLOAD}\n\n" if hostile else ""
    candidate_text = (
        "Carney and Trump: A Historic Reset\n\n"
        "Prime Minister Mark Carney met President Donald Trump at the White House on Tuesday.\n\n"
        "The two leaders talked about steel and aluminium tariffs, which have badly strained relations since March.\n\n"
        "“We are not going to solve this in a single meeting,” Carney told reporters.\n\n"
        "“Canada will pay, believe me,” Trump declared.\n\n"
        + injected
        + "Insiders expect a deal worth $40 billion by the end of the summer.\n\n"
        "Subscribe to our newsletter for more updates.\n"
    )
    c, s = candidate_text, source_text

    def sentence(text: str, start_piece: str) -> Span:
        start = text.index(start_piece)
        end = text.index("\n", start)
        return (start, end)

    heading = sentence(c, "Carney and Trump")
    c_meeting, s_meeting = sentence(c, "Prime Minister"), sentence(s, "Prime Minister")
    c_tariffs, s_tariffs = sentence(c, "The two leaders"), sentence(s, "The two leaders")
    c_quote_sentence, s_quote_sentence = sentence(c, "“We are"), sentence(s, "“We are")
    c_pay, s_pay = sentence(c, "“Canada will"), sentence(s, "Trump said")
    c_deal = sentence(c, "Insiders expect")
    c_footer = sentence(c, "Subscribe")
    c_quote = _span(c, "“We are not going to solve this in a single meeting,”")
    s_quote = _span(s, "“We are not going to solve this in one meeting,”")
    sentences = [
        SentenceFinding(heading, "heading", [], 0.0),
        SentenceFinding(c_meeting, "copied", [s_meeting], 1.0),
        SentenceFinding(c_tariffs, "paraphrase", [s_tariffs], 0.81),
        SentenceFinding(c_quote_sentence, "copied", [s_quote_sentence], 0.9),
        SentenceFinding(c_pay, "paraphrase", [s_pay], 0.55),
        SentenceFinding(c_deal, "added", [], 0.1),
        SentenceFinding(c_footer, "boilerplate", [], 0.0),
    ]
    reason_tail = f" ({ATTRIBUTE_PAYLOAD})" if hostile else ""
    added = [
        AddedClaim(_span(c, "badly"), "exaggeration", "badly", "intensifier absent from the source" + reason_tail),
        AddedClaim(_span(c, "$40 billion"), "number", "$40 billion", "no figure appears in the source"),
        AddedClaim(_span(c, "by the end of the summer"), "date", "by the end of the summer", "the source gives no deadline"),
        AddedClaim(_span(c, "Insiders expect"), "attribution", "Insiders expect", "the source cites no insiders"),
    ]
    if hostile:
        added.append(AddedClaim(_span(c, SCRIPT_PAYLOAD), "other", SCRIPT_PAYLOAD, f"not in the source {SCRIPT_PAYLOAD}"))
    quotes = [
        QuoteFinding(
            c_quote,
            "altered",
            s_quote,
            "words changed inside quotation marks",
            [
                WordDiff("equal", "“We are not going to solve this in", "“We are not going to solve this in"),
                WordDiff("replace", "one", "a single"),
                WordDiff("equal", "meeting,”", "meeting,”"),
            ],
        ),
        QuoteFinding(
            _span(c, "“Canada will pay, believe me,”"),
            "fabricated",
            _span(s, "Canada would have to pay for access to the American market"),
            "the source reports this only as indirect speech",
        ),
    ]
    passages = [
        Passage("verbatim", c_meeting, s_meeting, 1.0),
        Passage("near_verbatim", c_tariffs, s_tariffs, 0.81),
        Passage("near_verbatim", c_quote_sentence, s_quote_sentence, 0.9),
        Passage("near_verbatim", c_pay, s_pay, 0.55),
    ]
    omitted = [Omission(sentence(s, "Officials said")), Omission(sentence(s, "Carney later"))]
    omitted += [Omission(_span(s, FILLER.format(n=n))) for n in range(filler)]
    covered = sum(e - b for b, e in (c_meeting, c_quote_sentence))
    paraphrased = sum(e - b for b, e in (c_tariffs, c_pay))
    return Report(
        candidate=Document(f"rewrite{ATTRIBUTE_PAYLOAD}.txt" if hostile else "rewrite.txt", candidate_text),
        source=Document("wire-story.txt", source_text),
        verdict=Verdict(
            "derived",
            0.93,
            ["2 of 6 body sentences copied nearly verbatim", "1 altered and 1 fabricated quotation"]
            + ([f"hostile reason {SCRIPT_PAYLOAD}"] if hostile else []),
        ),
        coverage=Coverage(copied=covered / len(c), paraphrase=paraphrased / len(c), added=(c_deal[1] - c_deal[0]) / len(c)),
        passages=passages,
        sentences=sentences,
        added=added,
        quotes=quotes,
        omitted=omitted,
        semantic_model=None,
    )


def with_cases(report: Report) -> Report:
    """``report`` (a ``sample_report``) with one reuse case of each kind: a copy, a near copy and a
    paraphrase over its copied and reworded sentences, and a summary of the candidate's last
    paragraphs whose source side runs from the quotation to the end of the source, over the near
    copy's source side (so that two bars share lines)."""
    c, s = report.candidate.text, report.source.text

    def between(text: str, first: str, last: str) -> Span:
        start = text.index(first)
        return (start, text.index(last, start) + len(last))

    cases = [
        Passage("verbatim", between(c, "Prime Minister", "on Tuesday."), between(s, "Prime Minister", "on Tuesday."), 1.0),
        Passage("paraphrase", between(c, "The two leaders", "since March."), between(s, "The two leaders", "since March."), 0.62),
        Passage("near_verbatim", between(c, "“We are", "reporters."), between(s, "“We are", "the talks."), 0.81),
        Passage("summary", between(c, "“Canada will", "summer."), between(s, "“We are", "cabinet meeting."), 0.47),
    ]
    return replace(report, cases=cases)


def expected_kind_counts(report: Report) -> tuple[Counter[str], Counter[str]]:
    """Highlights each pane must show, counted straight from the report's findings."""
    candidate: Counter[str] = Counter()
    source: Counter[str] = Counter()
    for passage in report.passages:
        candidate[passage.kind] += 1
        source[passage.kind] += 1
    for quote in report.quotes:
        candidate[f"quote-{quote.status}"] += 1
        if quote.source is not None:
            source[f"quote-{quote.status}"] += 1
    candidate["added"] += len(report.added)
    for finding in report.sentences:
        if finding.label in ("added", "heading", "boilerplate"):
            candidate[f"sentence-{finding.label}"] += 1
        elif finding.label == "paraphrase" and finding.source:
            candidate["paraphrase"] += 1
            source["paraphrase"] += len(finding.source)
    source["omitted"] += len(report.omitted)
    for case in report.cases:
        candidate[f"case-{case.kind}"] += 1
        source[f"case-{case.kind}"] += 1
    return candidate, source


class _Tree(HTMLParser):
    """Records highlight elements per pane, checks every tag closes in order, and collects pane text."""

    VOID = frozenset({"meta", "br", "img", "input", "link", "hr", "col", "source", "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.pane: str | None = None
        self.pane_depth = 0
        self.text: dict[str, list[str]] = {"candidate": [], "source": []}
        self.ids: dict[str, Counter[str]] = {"candidate": Counter(), "source": Counter()}
        self.fragments: dict[str, list[str]] = {}
        self.open_keys: list[str | None] = []
        self.tags: Counter[str] = Counter()
        self.script_bodies: list[str] = []
        self._in_script = False
        self.all_ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags[tag] += 1
        if attributes.get("id"):
            self.all_ids.append(str(attributes["id"]))
        if tag in self.VOID:
            return
        self.stack.append(tag)
        self._in_script = tag == "script"
        if attributes.get("id") in ("candidate-text", "source-text"):
            self.pane = str(attributes["id"]).removesuffix("-text")
            self.pane_depth = len(self.stack)
        key = attributes.get("data-span")
        self.open_keys.append(key)
        if self.pane and key:
            self.fragments.setdefault(key, [])
            if attributes.get("id"):
                assert attributes["id"] == key
                self.ids[self.pane][str(attributes["data-kind"])] += 1

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()
        self.open_keys.pop()
        self._in_script = False
        if self.pane and len(self.stack) < self.pane_depth:
            self.pane = None

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.script_bodies.append(data)
        if self.pane:
            self.text[self.pane].append(data)
            for key in set(self.open_keys):
                if key:
                    self.fragments[key].append(data)


def parse(page: str) -> _Tree:
    tree = _Tree()
    tree.feed(page)
    tree.close()
    assert not tree.stack, f"unclosed: {tree.stack}"
    return tree


@pytest.mark.parametrize("cased", [False, True])
def test_every_finding_is_highlighted_once_per_pane(cased: bool) -> None:
    report = with_cases(sample_report(filler=2)) if cased else sample_report(filler=2)
    tree = parse(render_html(report))
    candidate, source = expected_kind_counts(report)
    assert tree.ids["candidate"] == candidate
    assert tree.ids["source"] == source
    assert len(tree.all_ids) == len(set(tree.all_ids)), "ids must be unique"


@pytest.mark.parametrize("cased", [False, True])
def test_panes_round_trip_the_texts_and_spans(cased: bool) -> None:
    report = with_cases(sample_report(hostile=True)) if cased else sample_report(hostile=True)
    tree = parse(render_html(report))
    assert "".join(tree.text["candidate"]) == report.candidate.text
    assert "".join(tree.text["source"]) == report.source.text
    candidate_marks, source_marks = report_marks(report)
    for mark in candidate_marks:
        assert "".join(tree.fragments[mark.key]) == report.candidate.text[mark.start : mark.end]
    for mark in source_marks:
        assert "".join(tree.fragments[mark.key]) == report.source.text[mark.start : mark.end]


def test_overlapping_spans_nest() -> None:
    text = "He said “we will never agree” and left."
    quote = (text.index("“"), text.index("”") + 1)
    marks = [
        Mark("outer", 0, len(text), "paraphrase", 1, "p"),
        Mark("quote", *quote, "quote-altered", 2, "q"),
        Mark("word", text.index("never"), text.index("never") + 5, "added", 3, "a"),
    ]
    markup = highlight(text, marks)
    # Contained spans become nested elements, each in one piece.
    assert markup.count("<span") == 3
    assert markup.index('data-span="outer"') < markup.index('data-span="quote"') < markup.index('data-span="word"')
    assert re.sub(r"<[^>]+>", "", markup) == text


def test_crossing_spans_are_split_into_fragments() -> None:
    text = "abcdefghij"
    marks = [Mark("left", 0, 6, "verbatim", 1, "l"), Mark("right", 4, 10, "added", 3, "r")]
    markup = highlight(text, marks)
    assert markup.count('id="left"') == 1 and markup.count('id="right"') == 1
    assert markup.count('data-span="right"') == 2, "the crossing span continues in a second fragment"
    tree = parse(f'<div id="candidate-text">{markup}</div>')
    assert "".join(tree.fragments["left"]) == "abcdef"
    assert "".join(tree.fragments["right"]) == "efghij"


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(alphabet="ab <>&\"'“”\n", min_size=1, max_size=40),
    raw_spans=st.lists(st.tuples(st.integers(0, 45), st.integers(0, 45), st.sampled_from([0, 1, 2, 3])), max_size=8),
)
def test_any_spans_give_well_formed_markup(text: str, raw_spans: list[tuple[int, int, int]]) -> None:
    marks = [Mark(f"m{i}", a, b, "paraphrase", rank, "t") for i, (a, b, rank) in enumerate(raw_spans)]
    tree = parse(f'<div id="candidate-text">{highlight(text, marks)}</div>')
    assert "".join(tree.text["candidate"]) == text
    for mark in marks:
        if 0 <= mark.start < mark.end <= len(text):
            assert "".join(tree.fragments[mark.key]) == text[mark.start : mark.end]
            assert tree.ids["candidate"]["paraphrase"] >= 1
        else:
            assert mark.key not in tree.fragments, "empty or out-of-range spans are left out"


def test_untrusted_text_cannot_open_tags_or_scripts() -> None:
    report = sample_report(hostile=True)
    page = render_html(report)
    tree = parse(page)
    assert tree.tags["img"] == 0
    assert tree.tags["script"] == 2, "only the JSON data block and the page's own script"
    own_script = tree.script_bodies[-1]
    assert "__pwned" not in own_script
    data = page.split('<script type="application/json" id="report-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data and ">" not in data and "&" not in data
    assert json.loads(data) == report.to_dict()
    assert unescape(page).count(ATTRIBUTE_PAYLOAD) >= 2, "the payload is still shown, as text"


def test_embedded_json_escapes_markup_characters() -> None:
    embedded = embed_json({"text": "</script><!-- & -->"})
    assert embedded == '{"text": "\\u003c/script\\u003e\\u003c!-- \\u0026 --\\u003e"}'
    assert json.loads(embedded) == {"text": "</script><!-- & -->"}


def test_page_loads_nothing_from_the_network() -> None:
    page = render_html(sample_report())
    assert not re.search(r"\b(src|href)\s*=|@import|url\(|<link\b|<iframe\b|<object\b", page, re.IGNORECASE)
    assert "default-src 'none'" in unescape(page)
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", page)


def test_summary_legend_and_findings_are_present() -> None:
    report = sample_report()
    page = render_html(report)
    assert "Derived from the source" in page and "confidence 93%" in page
    for reason in report.verdict.reasons:
        assert reason in page
    for label in (
        "Verbatim copy",
        "Near-verbatim copy",
        "Paraphrase",
        "Added claim",
        "Altered quotation",
        "Fabricated quotation",
    ):
        assert f"</span>{label}</li>" in page, f"legend lacks {label}"
    paraphrases = sum(1 for s in report.sentences if s.label == "paraphrase" and s.source)
    listed = 2 + len(report.added) + len(report.passages) + paraphrases
    assert page.count('class="finding"') == listed + len(report.omitted)
    assert "<del>one</del> <ins>a single</ins>" in page
    assert "@media print" in page


def test_unsourced_quotations_are_counted_and_listed_with_the_suspect_ones() -> None:
    from provenance import compare

    source = 'The council met on Monday. "We cannot keep the pool open all winter," said Jane Smith.'
    candidate = '"We cannot keep the pool open all summer," said Jane Smith. "Nobody asked the swimmers," said Anna Wolf.'
    page = render_html(compare(candidate, source, semantic=False))
    assert "<b>1</b> quotation not in the source</li>" in page
    listed = page[page.index('id="findings"') :]
    assert listed.index("</span> altered</span>") < listed.index("</span> not in the source</span>")
    assert "attributed to Anna Wolf, but the source never names Anna Wolf" in listed


def _with_changed_facts(report: Report) -> Report:
    """``report`` plus a changed fact (with its source side) and a contradiction, listed last."""
    c, s = report.candidate.text, report.source.text
    changed = AddedClaim(_span(c, "talked about"), "changed", "talked about", "the source has 'discussed'", _span(s, "discussed"))
    contradiction = AddedClaim(_span(c, "Tuesday"), "contradiction", "Tuesday", "'Tuesday' where the source has Monday")
    return replace(report, added=[*report.added, changed, contradiction])


def test_claim_chips_count_as_the_findings_filters_do() -> None:
    """Changed facts and contradictions have a chip of their own, not counted again as added claims,
    so each chip agrees with its filter's count in the findings list."""
    report = _with_changed_facts(sample_report())
    page = render_html(report)
    assert '<li class="fact f-changed"><b>2</b> changed facts</li>' in page
    assert f'<li class="fact f-added"><b>{len(report.added) - 2}</b> added claims</li>' in page
    assert f"Added claims ({len(report.added) - 2})</label>" in page and "Changed facts and contradictions (2)</label>" in page
    assert 'class="fact f-changed"' not in render_html(sample_report()), "no chip for what the report does not have"


def test_a_filter_shows_the_letters_its_findings_carry() -> None:
    """The suspect-quotation filter showed 'A' (altered) above a list whose only suspect quotation
    was 'U', not in the source; it now shows the letters of the findings it hides."""

    def filter_letter(page: str, group: str) -> str:
        found = re.search(rf'value="{group}" checked> <span class="badge b-{group}"><span class="letter">(.*?)</span>', page)
        assert found, group
        return found.group(1)

    report = sample_report()
    assert filter_letter(render_html(report), "quote") == "FA"
    unsourced = [replace(q, status="unsourced", source=None) for q in report.quotes[:1]]
    assert filter_letter(render_html(replace(report, quotes=unsourced)), "quote") == "U"
    assert filter_letter(render_html(_with_changed_facts(report)), "changed") == "C"


def test_overall_similarity_comes_first() -> None:
    report = sample_report()
    page = render_html(report)
    similar = round((report.coverage.copied + report.coverage.paraphrase) * 100)
    assert f'<b class="figure">{similar}%</b>' in page
    assert f'<b class="copied">{round(report.coverage.copied * 100)}%</b> copied' in page
    assert page.index('id="similarity"') < page.index('id="verdict"') < page.index('id="candidate-text"')


def test_findings_are_ordered_by_severity() -> None:
    report = _with_changed_facts(sample_report())
    listed = findings(report)
    assert [f.severity for f in listed] == sorted(f.severity for f in listed)
    groups = [f.group for f in listed]
    assert groups[:2] == ["quote", "quote"] and [f.label for f in listed[:2]] == ["fabricated", "altered"]
    assert groups[2:4] == ["changed", "changed"], "changed facts and contradictions follow the quotations"
    assert set(groups[4 : 4 + len(report.added) - 2]) == {"added"}
    assert groups.index("verbatim") > len(report.added) + 1
    page = render_html(report)
    in_page = re.findall(r'<li class="finding" data-link="([^"]+)" data-group="([^"]+)"', page)
    assert in_page == [(f.link, f.group) for f in listed]
    for link, group in in_page:
        tag = re.search(rf'<span id="{link}"[^>]*>', page)
        assert tag and f'data-group="{group}"' in tag.group(), "a finding and its highlight filter together"


def test_filters_are_in_the_page_and_the_script_is_admitted_by_hash() -> None:
    report = sample_report()
    page = render_html(report)
    filters = page[page.index('<form class="filters"') : page.index("</form>")]
    assert 'name="noquotes"' in filters and 'name="minwords"' in filters
    kinds = re.findall(r'name="kind" value="([^"]+)" checked', filters)
    assert kinds == ["quote", "added", "verbatim", "near_verbatim", "paraphrase"]
    script = parse(page).script_bodies[-1]
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    assert f"script-src 'sha256-{digest}'" in unescape(page)
    # Pane highlights carry what the filters test: a group, and a length for matches.
    tags = re.findall(r'<span id="c-p\d+"[^>]*>', page)
    assert tags and all('data-group="' in tag and re.search(r'data-words="\d+"', tag) for tag in tags)


def test_letter_badges_are_drawn_only_in_the_candidate_pane() -> None:
    page = render_html(sample_report())
    style = page.split("<style>", 1)[1].split("</style>", 1)[0]
    style = re.sub(r"/\*.*?\*/", "", style, flags=re.DOTALL)
    selectors = [s.strip() for rule in style.split("}") for s in rule.split("{", 1)[0].split(",")]
    badges = [s for s in selectors if ".hl" in s and "::before" in s]
    assert len(badges) >= 9
    assert all(s.startswith(".doc-candidate ") for s in badges), badges
    assert re.findall(r'<div class="doc doc-(\w+)" id="(\w+)-text">', page) == [("candidate", "candidate"), ("source", "source")]


def test_highlights_end_on_their_words() -> None:
    report = sample_report()
    c = report.candidate.text
    start, end = _span(c, "badly")
    # A span that swallows the space and the next word's lead-in space is cut back to "badly".
    loose = replace(report, added=[AddedClaim((start - 1, end + 1), "exaggeration", "badly", "intensifier")])
    candidate, _ = report_marks(loose)
    mark = next(m for m in candidate if m.key == "c-a0")
    assert c[mark.start : mark.end] == "badly"
    for m in candidate:
        piece = c[m.start : m.end]
        assert piece == piece.strip(), f"{m.key} {piece!r}"


def test_both_panes_number_their_lines() -> None:
    report = sample_report(filler=2)
    page = render_html(report)
    for side, document in (("candidate", report.candidate), ("source", report.source)):
        pane = page.split(f'id="{side}-text">', 1)[1].split("</div>", 1)[0]
        numbers = [int(n) for n in re.findall(r'<span class="ln" data-n="(\d+)" aria-hidden="true"></span>', pane)]
        lines = document.text.rstrip("\n").count("\n") + 1
        assert numbers == list(range(1, lines + 1))
        assert document.line(document.text.rindex("\n", 0, len(document.text) - 1) + 1) == lines
    listed = findings(report)
    first = listed[0]
    assert f"candidate l.{report.candidate.line(first.candidate[0])}</span>" in page


def test_hostile_text_in_findings_is_escaped() -> None:
    report = sample_report(hostile=True)
    page = render_html(report)
    listed = page[page.index('id="findings"') :]
    assert SCRIPT_PAYLOAD not in listed and ATTRIBUTE_PAYLOAD not in listed
    assert escape(SCRIPT_PAYLOAD) in listed
    assert parse(page).tags["img"] == 0


def _cases_list(page: str) -> list[tuple[str, str, str]]:
    """(link, group, text) of each item of the reuse cases list."""
    listed = page[page.index('id="cases"') :].split("</section>", 1)[0]
    items = re.findall(r'<li class="finding" data-link="([^"]+)" data-group="([^"]+)"[^>]*>(.*?)</li>', listed)
    return [(link, group, unescape(re.sub(r"<[^>]+>", " ", text))) for link, group, text in items]


def test_a_real_paraphrase_is_listed_counted_and_marked_on_both_sides() -> None:
    import test_cases
    from provenance import compare

    # The reworded harbour story of the reuse cases' own tests, between unrelated sentences.
    reworded, passage = test_cases.REWORDED, test_cases.SOURCE_PASSAGE
    report = compare(
        test_cases.FILLER + reworded + test_cases.FILLER, test_cases.OTHER + passage + test_cases.OTHER, semantic=False
    )
    assert [c.kind for c in report.cases] == ["paraphrase"]
    case = report.cases[0]
    page = render_html(report)
    assert '<li class="fact f-cases"><b>1</b> reuse case: 1 paraphrase</li>' in page
    assert "Reuse case: paraphrase</li>" in page, "the legend shows the paraphrase bar"
    assert re.findall(r'<div class="doc doc-(\w+) cased"', page) == ["candidate", "source"]
    [(link, group, text)] = _cases_list(page)
    assert (link, group) == ("c-c0", "case-paraphrase")
    assert re.search(r"paraphrase +score 0\.\d\d", text)
    line = report.candidate.line(case.candidate[0])
    assert f"candidate l.{line}" in text and f"source l.{report.source.line(case.source[0])}" in text
    assert " ".join(reworded.split())[:100] in text and " ".join(passage.split())[:100] in text
    # The case's extent, on each side, is one element linked to the other, around the highlights inside it.
    tree = parse(page)
    assert "".join(tree.fragments["c-c0"]) == reworded.strip()
    assert "".join(tree.fragments["s-c0"]) == passage.strip()
    assert re.search(r'<span id="c-c0" class="hl k-case-paraphrase"[^>]* data-link="s-c0"', page)
    assert re.search(r'<span id="s-c0" class="hl k-case-paraphrase"[^>]* data-link="c-c0"', page)
    assert "".join(tree.text["candidate"]) == report.candidate.text


def test_each_case_kind_has_its_words_letter_bar_style_and_filter() -> None:
    report = with_cases(sample_report())
    page = render_html(report)
    listed = _cases_list(page)
    assert [link for link, _, _ in listed] == ["c-c0", "c-c1", "c-c2", "c-c3"], "in the candidate's order"
    words = {group: text.split("score")[0].split(maxsplit=1)[1].strip() for _, group, text in listed}
    assert words == {
        "case-verbatim": "copy",
        "case-paraphrase": "paraphrase",
        "case-near_verbatim": "near copy",
        "case-summary": "summary of a longer stretch",
    }
    summary = next(text for _, group, text in listed if group == "case-summary")
    lines = f"source l.{report.source.line(report.cases[3].source[0])}–{report.source.line(report.cases[3].source[1] - 1)}"
    assert lines in summary, "a case over several lines gives its first and last"
    assert "<b>4</b> reuse cases: 1 copy, 1 near copy, 1 paraphrase, 1 summary of a longer stretch</li>" in page
    # Each kind draws its bar with its own line style, so that it reads in grey-scale too.
    style = page.split("<style>", 1)[1].split("</style>", 1)[0]
    styles = re.findall(r"\.k-case-(\w+), \.b-case-\w+ \{ --case: \S+ (\w+) ", style)
    assert dict(styles) == {"verbatim": "solid", "near_verbatim": "dashed", "paraphrase": "dotted", "summary": "double"}
    for kind in styles:
        assert f'<span class="case-sample k-case-{kind[0]}" aria-hidden="true"></span>' in page, "in the legend"
    filters = page[page.index('<form class="filters"') : page.index("</form>")]
    cases = filters[filters.index("<legend>Reuse cases</legend>") :]
    assert re.findall(r'name="kind" value="([^"]+)" checked', cases) == [
        f"case-{k}" for k in ("verbatim", "near_verbatim", "paraphrase", "summary")
    ]
    for link, group, _ in listed:
        tag = re.search(rf'<span id="{link}"[^>]*>', page)
        assert tag and f'data-group="{group}"' in tag.group() and "data-words=" in tag.group(), "list and bar filter together"


def test_cases_are_listed_with_their_filters_when_nothing_else_is() -> None:
    report = replace(with_cases(sample_report()), passages=[], sentences=[], added=[], quotes=[])
    page = render_html(report)
    assert 'id="findings"' not in page and page.index('id="cases"') < page.index('<form class="filters"')
    filters = page[page.index('<form class="filters"') : page.index("</form>")]
    assert "<legend>Kinds</legend>" not in filters and len(re.findall(r'name="kind"', filters)) == 4


def test_hostile_text_in_the_cases_list_is_escaped() -> None:
    page = render_html(with_cases(sample_report(hostile=True)))
    listed = page[page.index('id="cases"') :]
    assert escape(SCRIPT_PAYLOAD) in listed, "the summary's candidate side holds the injected line"
    assert SCRIPT_PAYLOAD not in listed and ATTRIBUTE_PAYLOAD not in listed
    assert parse(page).tags["img"] == 0


def test_a_saved_report_without_cases_renders_as_before() -> None:
    report = with_cases(sample_report())
    saved = report.to_dict()
    del saved["cases"]  # a report-v2 file written before reuse cases
    page = render_html(Report.from_dict(saved))
    assert page == render_html(Report.from_dict({**saved, "cases": []}))
    body = page.split("<body>", 1)[1].split("<script", 1)[0]
    assert 'id="cases"' not in body and "cased" not in body and "Reuse case" not in body and "c-c0" not in body
