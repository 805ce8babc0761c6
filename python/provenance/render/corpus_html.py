"""A collection's reuse as one self-contained HTML page, the first page of JPlag and copydetect:
the pair list (sortable), a histogram of pair similarity, the clusters, and each pair's two texts
side by side.

A pair's view is the single report's panes and findings list, showing the pair's passages. Views
are kept in ``<template>`` elements, parsed by the browser only when opened; the most similar pairs
get one until ``MAX_PAIR_VIEWS`` views or ``MAX_VIEW_CHARS`` characters of text, and the page says
when it stops short.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

from provenance.corpus import CorpusReuse, ReusePair
from provenance.render.html import comparison_html, html_page, report_marks
from provenance.report import AddedClaim, Document, Omission, Passage, QuoteFinding, SentenceFinding
from provenance.spans import SpanSet

# Views embedded at most: each holds both texts, so a page of every pair of a large collection
# would hold every document many times over.
MAX_PAIR_VIEWS = 100
MAX_VIEW_CHARS = 5_000_000
# Rows of the pair list shown at first and added by "show more": a browser lays out a table of
# thousands of rows for seconds; every row is in the page, and sorting sorts them all.
PAIR_ROWS_SHOWN = 500
# Rows in the page at most (about 500 bytes each): the counts and the histogram cover every pair,
# the CSV and JSON lines formats list them all.
MAX_PAIR_ROWS = 20_000
HISTOGRAM_BINS = 10


@dataclass(frozen=True)
class PairPassages:
    """A collection's pair as the panes show it: its two texts and its passages (a collection run
    finds nothing else)."""

    candidate: Document
    source: Document
    passages: Sequence[Passage]
    sentences: Sequence[SentenceFinding] = ()
    added: Sequence[AddedClaim] = ()
    quotes: Sequence[QuoteFinding] = ()
    omitted: Sequence[Omission] = ()
    cases: Sequence[Passage] = ()


@dataclass(frozen=True)
class _Row:
    number: int
    pair: ReusePair
    candidate_share: float
    source_share: float
    cluster: int

    @property
    def similarity(self) -> float:
        """The larger share: a short text copied whole into a long one is 100% similar (JPlag's maximum similarity)."""
        return max(self.candidate_share, self.source_share)


def _share(text: str, spans: Sequence[tuple[int, int]]) -> float:
    return SpanSet(spans).covered() / len(text) if text else 0.0


def render_corpus_html(
    reuse: CorpusReuse, texts: Mapping[str, str], *, max_views: int = MAX_PAIR_VIEWS, max_chars: int = MAX_VIEW_CHARS
) -> str:
    """The overview page of a collection run; `texts` maps each document id to its text."""
    cluster_of = {doc: i + 1 for i, cluster in enumerate(reuse.clusters) for doc in cluster}
    shares = [
        (
            _share(texts[pair.candidate], [p.candidate for p in pair.passages]),
            _share(texts[pair.source], [p.source for p in pair.passages]),
        )
        for pair in reuse.pairs
    ]
    order = sorted(range(len(reuse.pairs)), key=lambda i: (-max(shares[i]), -reuse.pairs[i].matched, i))
    rows = [_Row(n, reuse.pairs[i], *shares[i], cluster_of[reuse.pairs[i].candidate]) for n, i in enumerate(order, start=1)]
    viewed: list[_Row] = []
    chars = 0
    for row in rows:
        size = len(texts[row.pair.candidate]) + len(texts[row.pair.source])
        if len(viewed) >= max_views or chars + size > max_chars:
            break
        viewed.append(row)
        chars += size
    body = (
        _header_html(reuse, rows)
        + '<div class="overview">\n'
        + _histogram_html(rows)
        + _clusters_html(reuse)
        + _pairs_html(rows, len(viewed), max_views, max_chars)
        + "</div>\n"
        + '<section class="views" id="pair-views" aria-label="Pair side by side">'
        + "".join(_view_template(row, texts) for row in viewed)
        + "</section>\n"
        + "<footer>Similarity of a pair: the larger of the two documents' shares of characters inside the "
        "passages the pair shares.</footer>\n"
    )
    return html_page(f"Provenance: reuse in a collection of {reuse.documents:,} documents", body, None)


def _percent(share: float) -> str:
    return f"{share * 100:.0f}%"


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _header_html(reuse: CorpusReuse, rows: list[_Row]) -> str:
    high = sum(1 for row in rows if row.similarity >= 0.5)
    return (
        '<header class="top top-corpus">\n'
        '<div class="docs"><h1>Provenance: reuse in a collection</h1>'
        f'<p class="similarity" id="similarity"><b class="figure">{len(rows):,}</b> '
        f"{'pair reuses' if len(rows) == 1 else 'pairs reuse'} prose, "
        f"<b>{high:,}</b> of them at 50% similarity or more</p>"
        f"<p>{_plural(reuse.documents, 'document')}, {_plural(len(reuse.clusters), 'cluster')} of linked documents, "
        f"{_plural(reuse.candidate_pairs, 'candidate pair')} checked</p></div>\n"
        "</header>\n"
    )


def _histogram_html(rows: list[_Row]) -> str:
    """Pairs per tenth of similarity as an inline SVG bar chart, each bar with its count."""
    counts = [0] * HISTOGRAM_BINS
    for row in rows:
        counts[min(HISTOGRAM_BINS - 1, int(row.similarity * HISTOGRAM_BINS))] += 1
    width, height, top, bottom, left = 360, 170, 16, 22, 14
    bar = (width - 2 * left) / HISTOGRAM_BINS
    tallest = max(counts) or 1
    parts: list[str] = []
    for i, count in enumerate(counts):
        h = (height - top - bottom) * count / tallest
        x, y = left + i * bar, height - bottom - h
        low, high = i * 100 // HISTOGRAM_BINS, (i + 1) * 100 // HISTOGRAM_BINS
        parts.append(
            f'<rect class="bin" x="{x + 1:.1f}" y="{y:.1f}" width="{bar - 2:.1f}" height="{h:.1f}">'
            f"<title>{low}–{high}%: {_plural(count, 'pair')}</title></rect>"
            f'<text class="count" x="{x + bar / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle">{count}</text>'
        )
    for i in range(0, HISTOGRAM_BINS + 1, 2):
        parts.append(f'<text x="{left + i * bar:.1f}" y="{height - 6}" text-anchor="middle">{i * 100 // HISTOGRAM_BINS}%</text>')
    parts.append(f'<line x1="{left}" y1="{height - bottom}" x2="{width - left}" y2="{height - bottom}" stroke="#8c959f"/>')
    return (
        '<section class="list" id="histogram"><h2>Pairs by similarity</h2>'
        f'<svg class="histogram" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Histogram of pair similarity: {", ".join(str(c) for c in counts)} pairs per tenth">'
        + "".join(parts)
        + "</svg></section>\n"
    )


def _clusters_html(reuse: CorpusReuse) -> str:
    clusters = "".join(
        f'<li><button type="button" class="open" data-cluster="{i}" title="List its pairs">Cluster {i}</button> '
        f"({_plural(len(cluster), 'document')}): "
        + ", ".join(f'<span class="doc-id">{escape(doc)}</span>' for doc in cluster)
        + "</li>"
        for i, cluster in enumerate(reuse.clusters, start=1)
    )
    duplicates = "".join(f"<li>{', '.join(escape(doc) for doc in group)}</li>" for group in reuse.duplicates)
    return (
        f'<section class="list clusters" id="clusters"><h2>Clusters: documents linked by reuse ({len(reuse.clusters):,})</h2>'
        + (f"<ol>{clusters}</ol>" if clusters else "<p>No two documents share prose.</p>")
        + (f"<h2>Identical texts ({_plural(len(reuse.duplicates), 'group')})</h2><ul>{duplicates}</ul>" if duplicates else "")
        + "</section>\n"
    )


_COLUMNS = (
    ("#", "number"),
    ("Candidate", "text"),
    ("Source", "text"),
    ("Similarity", "number"),
    ("Candidate share", "number"),
    ("Source share", "number"),
    ("Matched words", "number"),
    ("Passages", "number"),
    ("Direction", "text"),
    ("Cluster", "number"),
)


def _pairs_html(rows: list[_Row], viewed: int, max_views: int, max_chars: int) -> str:
    # The rows come sorted by similarity, most similar first.
    head = "".join(
        ('<th aria-sort="descending">' if label == "Similarity" else "<th>")
        + f'<button type="button" data-sort="{kind}">{label}</button></th>'
        for label, kind in _COLUMNS
    )
    listed = rows[:MAX_PAIR_ROWS]
    body = "".join(_pair_row(row, row.number <= viewed, row.number > PAIR_ROWS_SHOWN) for row in listed)
    if viewed < len(rows):
        notice = (
            f"Side-by-side views are in this page for the {viewed:,} most similar pairs of {len(rows):,} "
            f"(at most {max_views:,} pairs and {max_chars:,} characters of text, to keep the page small). "
            "See another pair with <code>provenance compare CANDIDATE SOURCE --format html</code>."
        )
    else:
        notice = "Show a pair to see its two texts side by side, below."
    more = (
        f'<p class="more" id="more-rows">The first <span class="shown">{PAIR_ROWS_SHOWN:,}</span> of '
        f'<span class="total">{len(listed):,}</span> pairs '
        "are listed in the order chosen. "
        f'<button type="button" data-more="{PAIR_ROWS_SHOWN}">Show {PAIR_ROWS_SHOWN:,} more</button></p>'
        if len(listed) > PAIR_ROWS_SHOWN
        else ""
    )
    cut = (
        f'<p class="notice" id="rows-notice">This page lists the {len(listed):,} most similar pairs of {len(rows):,}; '
        "<code>--format csv</code> or <code>jsonl</code> lists every one.</p>"
        if len(listed) < len(rows)
        else ""
    )
    return (
        f'<section class="list wide" id="pairs"><h2>Pairs ({len(rows):,})</h2>'
        '<p class="notice" id="cluster-filter" hidden>The pairs of cluster <b></b> only. '
        '<button type="button" data-cluster="">Show every pair</button></p>'
        f'<table class="pairs" data-shown="{PAIR_ROWS_SHOWN}"><thead><tr>{head}<th>View</th></tr></thead>'
        f"<tbody>{body}</tbody></table>{more}{cut}"
        f'<p class="notice" id="views-notice">{notice}</p></section>\n'
    )


def _pair_row(row: _Row, viewed: bool, hidden: bool) -> str:
    pair = row.pair
    # The evidence ("quotations: 2 in A made from prose of B") is the view's; the list names its kind.
    evidence = "identical" if pair.identical else pair.direction or "unknown"
    direction = evidence.split(":", 1)[0]
    view = (
        f'<button type="button" class="open" data-view="pair-{row.number}">Show</button>'
        if viewed
        else '<span class="muted">not embedded</span>'
    )
    return (
        f'<tr id="row-{row.number}" data-cluster="{row.cluster}"{" hidden" if hidden else ""}>'
        f'<td class="number">{row.number}</td>'
        f"<td>{_breakable(pair.candidate)}</td><td>{_breakable(pair.source)}</td>"
        f'<td class="number" data-value="{row.similarity:.4f}">{_percent(row.similarity)}</td>'
        f'<td class="number" data-value="{row.candidate_share:.4f}">{_percent(row.candidate_share)}</td>'
        f'<td class="number" data-value="{row.source_share:.4f}">{_percent(row.source_share)}</td>'
        f'<td class="number">{pair.matched}</td><td class="number">{len(pair.passages)}</td>'
        f'<td title="{escape(evidence)}">{escape(direction)}</td><td class="number">{row.cluster}</td><td>{view}</td></tr>'
    )


def _breakable(name: str) -> str:
    """An escaped document id that a narrow column breaks after its slashes, not inside its words."""
    return "/<wbr>".join(escape(part) for part in name.split("/"))


def _view_template(row: _Row, texts: Mapping[str, str]) -> str:
    pair = row.pair
    candidate, source = Document(pair.candidate, texts[pair.candidate]), Document(pair.source, texts[pair.source])
    shown = PairPassages(candidate, source, pair.passages, cases=pair.cases or ())
    candidate_marks, source_marks = report_marks(shown)
    direction = (
        "the two texts are identical"
        if pair.identical
        else f"the source came first ({pair.direction})"
        if pair.direction
        else "which came first is not known"
    )
    return (
        f'<template id="template-pair-{row.number}"><section class="view" id="pair-{row.number}" hidden>'
        f'<div class="pair-head"><h2>Pair {row.number} <a href="#pairs">back to the pair list</a></h2>'
        f"<p><b>{_percent(row.similarity)}</b> similar: {_percent(row.candidate_share)} of candidate "
        f"<b>{escape(pair.candidate)}</b> and {_percent(row.source_share)} of source <b>{escape(pair.source)}</b> "
        f"are in {_plural(len(pair.passages), 'shared passage')} ({_plural(pair.matched, 'matched word')}); "
        f"{escape(direction)}.</p></div>\n"
        + comparison_html(shown, candidate_marks, source_marks, prefix=f"p{row.number}-", legend=("verbatim", "near_verbatim"))
        + "</section></template>\n"
    )
