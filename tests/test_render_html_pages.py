"""HTML pages of several comparisons: one candidate against several sources (a tab per source), and a
collection's overview (pair list, similarity histogram, clusters, each pair side by side)."""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter
from dataclasses import replace
from html import escape, unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from provenance.cli import main
from provenance.collection import Record
from provenance.corpus import find_reuse
from provenance.render import corpus_html, render_sources_html
from provenance.render.corpus_html import render_corpus_html
from provenance.report import AttributedPassage, AttributedSentence, MultiSourceReport
from test_render_html import ATTRIBUTE_PAYLOAD, SCRIPT_PAYLOAD, sample_report, with_cases


class _Page(HTMLParser):
    """Ids, links, the text of every pane (by its id), and which views are hidden."""

    VOID = frozenset({"meta", "br", "img", "input", "link", "hr", "col", "source", "wbr", "rect", "line"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.links: list[str] = []
        self.views: dict[str, bool] = {}
        self.panes: dict[str, list[str]] = {}
        self.stack: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        ident = attributes.get("id")
        if ident:
            self.ids.append(ident)
        if attributes.get("data-link"):
            self.links.append(str(attributes["data-link"]))
        if "view" in (attributes.get("class") or "").split() and ident:
            self.views[ident] = "hidden" in attributes
        if tag in self.VOID:
            return
        pane = ident if ident and ident.endswith("-text") else None
        if pane:
            self.panes[pane] = []
        self.stack.append(pane)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        for pane in self.stack:
            if pane:
                self.panes[pane].append(data)

    def text(self, pane: str) -> str:
        return "".join(self.panes[pane])


def parse(page: str) -> _Page:
    parsed = _Page()
    parsed.feed(page)
    parsed.close()
    return parsed


def two_sources(hostile: bool = False) -> MultiSourceReport:
    """The sample report's candidate against its source and a second source; the passages and
    sentences split between them, one copied sentence overlapping a passage of the other source."""
    first = sample_report(hostile=hostile)
    second = replace(first, source=replace(first.source, name=f"second{SCRIPT_PAYLOAD}.txt" if hostile else "second.txt"))
    copied = [s for s in first.sentences if s.label == "copied"]
    paraphrased = [s for s in first.sentences if s.label == "paraphrase"]
    passages = [AttributedPassage(0, first.passages[0]), AttributedPassage(1, first.passages[2])]
    sentences = [AttributedSentence(1, copied[0]), AttributedSentence(0, paraphrased[0]), AttributedSentence(1, copied[1])]
    return MultiSourceReport(first.candidate, [first, second], passages, sentences)


def _expected_shares(multi: MultiSourceReport) -> list[float]:
    """Each character of the candidate given to the source of its passage, else of its sentence."""
    owner: dict[int, int] = {}
    for sentence in multi.sentences:
        owner.update(dict.fromkeys(range(*sentence.sentence.candidate), sentence.source_index))
    for passage in multi.passages:
        owner.update(dict.fromkeys(range(*passage.passage.candidate), passage.source_index))
    counts = Counter(owner.values())
    return [counts[i] / len(multi.candidate.text) for i in range(len(multi.reports))]


def test_source_shares_count_each_character_once() -> None:
    multi = two_sources()
    shares = multi.source_shares
    assert shares == _expected_shares(multi)
    assert all(share > 0 for share in shares)


def test_sources_page_gives_the_overall_figure_then_each_source() -> None:
    multi = two_sources()
    page = render_sources_html(multi)
    shares = multi.source_shares
    assert f'<b class="figure">{round(sum(shares) * 100)}%</b> of the candidate' in page
    tabs = re.findall(r'role="tab"[^>]*aria-selected="(\w+)">.*?</span> (.*?) <b>(\d+)%</b></button>', page)
    assert tabs == [("true", "wire-story.txt", str(round(shares[0] * 100))), ("false", "second.txt", str(round(shares[1] * 100)))]
    assert page.index('id="similarity"') < page.index('id="sources"') < page.index('role="tablist"') < page.index('id="view-1"')
    rows = page[page.index('id="sources"') : page.index("</table>")]
    assert [unescape(name) for name in re.findall(r'data-view="view-\d">(.*?)</button>', rows)] == [
        "wire-story.txt",
        "second.txt",
    ]


def test_sources_page_holds_each_comparison_once_with_one_stylesheet_and_script() -> None:
    multi = two_sources()
    page = render_sources_html(multi)
    parsed = parse(page)
    assert Counter(parsed.ids).most_common(1)[0][1] == 1, "ids are unique across the views"
    assert set(parsed.links) <= set(parsed.ids), "every link has its target in the page"
    assert parsed.views == {"view-1": False, "view-2": True}, "the first source is shown, the others hidden"
    for i, report in enumerate(multi.reports, start=1):
        assert parsed.text(f"s{i}-candidate-text") == multi.candidate.text
        assert parsed.text(f"s{i}-source-text") == report.source.text
        links = [link for link in parsed.links if link.startswith(f"s{i}-")]
        assert len(links) >= len(report.passages) * 2, "each view's findings link within the view"
    assert page.count("<style>") == 1 and page.count("<script>") == 1
    assert page.count('<script type="application/json" id="report-data">') == 1
    script = page.split("<script>", 1)[1].split("</script>", 1)[0]
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    assert f"script-src 'sha256-{digest}'" in unescape(page)
    assert page.count("<h1>") == 1


def test_sources_page_shows_each_comparisons_reuse_cases_in_its_view() -> None:
    multi = two_sources()
    multi = replace(multi, reports=[with_cases(multi.reports[0]), multi.reports[1]])
    page = render_sources_html(multi)
    parsed = parse(page)
    assert Counter(parsed.ids).most_common(1)[0][1] == 1 and set(parsed.links) <= set(parsed.ids)
    cases = {f"s1-{side}-c{i}" for side in "cs" for i in range(4)}
    assert cases <= set(parsed.ids) and not any(re.fullmatch(r"s2-[cs]-c\d+", i) for i in parsed.ids)
    first, second = page.split('id="view-2"', 1)
    first = first[first.index('id="view-1"') :]
    assert 'id="s1-cases"' in first and "<b>4</b> reuse cases" in first and 'class="doc doc-source cased"' in first
    assert "reuse case" not in second and "cased" not in second.split("<script", 1)[0]
    assert parsed.text("s1-source-text") == multi.reports[0].source.text


def test_sources_page_escapes_names_and_texts() -> None:
    page = render_sources_html(two_sources(hostile=True))
    assert SCRIPT_PAYLOAD not in page and ATTRIBUTE_PAYLOAD not in page
    assert escape(f"second{SCRIPT_PAYLOAD}.txt") in page
    assert "<img" not in page


def small_collection(tmp_path: Path) -> tuple[Path, list[Record]]:
    def words(start: int, stop: int) -> str:
        return " ".join(f"w{i}" for i in range(start, stop)) + "."

    texts = {
        "a.txt": words(0, 300),
        "b.txt": words(1000, 1100) + " " + words(100, 180),
        "c.txt": words(2000, 2300),
        "d.txt": words(2100, 2200) + " " + words(3000, 3400),
        "e.txt": words(5000, 5100),
    }
    root = tmp_path / "docs"
    root.mkdir()
    for name, text in texts.items():
        (root / name).write_text(text, encoding="utf-8")
    return root, [Record(name, text) for name, text in texts.items()]


def test_corpus_page_lists_pairs_histogram_clusters_and_views(tmp_path: Path) -> None:
    _, records = small_collection(tmp_path)
    texts = {r.id: r.text for r in records}
    reuse = find_reuse(records)
    assert len(reuse.pairs) == 2
    page = render_corpus_html(reuse, texts)
    parsed = parse(page)
    rows = re.findall(
        r'<tr id="row-(\d+)" data-cluster="(\d+)"><td class="number">\d+</td><td>([^<]*)</td><td>([^<]*)</td>'
        r'<td class="number" data-value="([\d.]+)">',
        page,
    )
    assert [int(r[0]) for r in rows] == [1, 2]
    similarities = [float(r[4]) for r in rows]
    assert similarities == sorted(similarities, reverse=True), "most similar first"
    # c and d share 100 of c's 300 words and of d's 500: the larger share, about a third, is c's.
    cd = next(r for r in rows if {r[2], r[3]} == {"c.txt", "d.txt"})
    assert abs(float(cd[4]) - 1 / 3) < 0.02
    bins = [int(n) for n in re.findall(r"<title>\d+–\d+%: (\d+) pairs?</title>", page)]
    tenths = Counter(min(9, int(similarity * 10)) for similarity in similarities)
    assert bins == [tenths[i] for i in range(10)] and sum(bins) == 2
    clusters = page[page.index('id="clusters"') : page.index('id="pairs"')]
    listed = re.findall(r'<li><button type="button" class="open" data-cluster="(\d)".*?</li>', clusters)
    items = [re.sub("<[^>]+>", "", item) for item in re.findall(r"<li>.*?</li>", clusters)]
    assert listed == ["1", "2"] and items == ["Cluster 1 (2 documents): a.txt, b.txt", "Cluster 2 (2 documents): c.txt, d.txt"]
    assert {(r[1], r[2]) for r in rows} == {("1", "a.txt"), ("2", "c.txt")}, "each pair row names its cluster"
    assert "e.txt" not in clusters, "a document without reuse is in no cluster"
    # Every pair's view: both texts, the passages highlighted on both sides and linked.
    for number in (1, 2):
        pair = next(p for p in reuse.pairs if (p.candidate, p.source) == rows[number - 1][2:4])
        assert f'data-view="pair-{number}"' in page
        assert parsed.text(f"p{number}-candidate-text") == texts[pair.candidate]
        assert parsed.text(f"p{number}-source-text") == texts[pair.source]
        assert {f"p{number}-c-p{i}" for i in range(len(pair.passages))} <= set(parsed.ids)
    assert parsed.views == {"pair-1": True, "pair-2": True}, "no pair is open at first"
    assert set(parsed.links) <= set(parsed.ids)
    assert "Added claim" not in page, "a collection's pair has passages only"
    assert "<title>" in page and page.count("<script>") == 1 and "report-data" not in page


def test_corpus_page_caps_the_views_and_says_so(tmp_path: Path) -> None:
    _, records = small_collection(tmp_path)
    texts = {r.id: r.text for r in records}
    reuse = find_reuse(records)
    page = render_corpus_html(reuse, texts, max_views=1)
    assert page.count("<template id=") == 1 and 'data-view="pair-1"' in page and 'data-view="pair-2"' not in page
    assert "for the 1 most similar pairs of 2" in page and "not embedded" in page
    small = render_corpus_html(reuse, texts, max_chars=len(texts["a.txt"]))
    assert small.count("<template id=") == 0 and "for the 0 most similar pairs of 2" in small
    whole = render_corpus_html(reuse, texts)
    assert whole.count("<template id=") == 2 and "not embedded" not in whole


def test_corpus_page_lists_the_first_rows_and_has_the_others_ready(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, records = small_collection(tmp_path)
    reuse = find_reuse(records)
    monkeypatch.setattr(corpus_html, "PAIR_ROWS_SHOWN", 1)
    page = corpus_html.render_corpus_html(reuse, {r.id: r.text for r in records})
    assert re.findall(r'<tr id="row-(\d)" data-cluster="\d"( hidden)?>', page) == [("1", ""), ("2", " hidden")]
    assert 'The first <span class="shown">1</span> of <span class="total">2</span> pairs' in page and 'data-more="1"' in page
    assert 'data-shown="1"' in page and 'id="rows-notice"' not in page
    monkeypatch.setattr(corpus_html, "MAX_PAIR_ROWS", 1)
    cut = corpus_html.render_corpus_html(reuse, {r.id: r.text for r in records})
    assert re.findall(r'<tr id="row-(\d)"', cut) == ["1"]
    assert "lists the 1 most similar pairs of 2" in cut
    bins = [int(n) for n in re.findall(r"<title>\d+–\d+%: (\d+) pairs?</title>", cut)]
    assert sum(bins) == 2, "the histogram counts every pair"


def test_corpus_page_escapes_document_ids() -> None:
    hostile = f"x{SCRIPT_PAYLOAD}{ATTRIBUTE_PAYLOAD}.txt"
    text = " ".join(f"w{i}" for i in range(200)) + "."
    records = [Record(hostile, text), Record("copy.txt", "Intro words here. " + text)]
    reuse = find_reuse(records)
    page = render_corpus_html(reuse, {r.id: r.text for r in records})
    assert SCRIPT_PAYLOAD not in page and ATTRIBUTE_PAYLOAD not in page and "<img" not in page
    assert escape(hostile) in page


def test_cli_corpus_html(tmp_path: Path) -> None:
    root, _ = small_collection(tmp_path)
    out = tmp_path / "overview.html"
    result = CliRunner().invoke(main, ["corpus", str(root), "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.count("<template id=") == 2
    to_stdout = CliRunner().invoke(main, ["corpus", str(root), "--format", "html", "-o", "-"])
    assert to_stdout.exit_code == 0 and to_stdout.stdout == page
    refused = CliRunner().invoke(main, ["corpus", str(root), "--format", "html", "-o", str(tmp_path)])
    assert refused.exit_code == 2 and refused.stderr.count("\n") == 1 and "is a directory" in refused.stderr


def test_sources_json_gives_the_figures_the_page_opens_with() -> None:
    """A reader of the JSON gets the share any source explains, each source's share and the share
    no source supports, as the page and the text give them; a report saved before has none and
    still reads."""
    from test_sources import sources_validator

    multi = two_sources()
    data = multi.to_dict()
    sources_validator().validate(data)
    shares = multi.source_shares
    assert data["coverage"] == {
        "any": round(sum(shares), 4),
        "by_source": [round(share, 4) for share in shares],
        "unsupported": round(multi.unsupported, 4),
    }
    older = {key: value for key, value in data.items() if key != "coverage"}
    sources_validator().validate(older)
    assert MultiSourceReport.from_dict(older).to_dict() == data
