"""The HTML report in a real headless Chromium: highlights, click-through, no script injection, print view.

Driven by Selenium with Debian's ``chromium`` and ``chromium-driver`` (scripts/install-browser.sh):
Debian ships the driver built from the same source as the browser, so their versions always match,
and nothing is downloaded at run time. Screenshots go to a temp dir, and also to
``$PROVENANCE_SCREENSHOT_DIR`` when it is set.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from provenance.api import compare_files, compare_files_sources
from provenance.collection import Record, read_corpus
from provenance.corpus import find_reuse
from provenance.render import corpus_html, render_html, render_sources_html
from provenance.report import (
    AddedClaim,
    Coverage,
    Document,
    Passage,
    QuoteFinding,
    Report,
    SentenceFinding,
    Verdict,
)
from test_render_html import ATTRIBUTE_PAYLOAD, FILLER, SCRIPT_PAYLOAD, expected_kind_counts, sample_report, with_cases
from test_render_html_pages import small_collection, two_sources

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
if CHROMIUM is None or CHROMEDRIVER is None:
    pytest.skip(
        "headless Chromium absent: needs Debian's chromium and chromium-driver (scripts/install-browser.sh)",
        allow_module_level=True,
    )
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install selenium)")
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.actions.action_builder import ActionBuilder  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.remote.webdriver import WebDriver  # noqa: E402
from selenium.webdriver.remote.webelement import WebElement  # noqa: E402
from selenium.webdriver.support.wait import WebDriverWait  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared"
WINDOW = (1280, 900)
# True when the element's box lies inside both the viewport and its scrolling pane.
IN_VIEW_JS = """
const el = arguments[0], pane = el.closest('.doc');
const r = el.getBoundingClientRect(), p = pane.getBoundingClientRect();
return r.top >= Math.max(0, p.top) - 1 && r.bottom <= Math.min(window.innerHeight, p.bottom) + 1;
"""
# True when the first line of the element lies inside both the viewport and its scrolling pane.
START_IN_VIEW_JS = """
const el = arguments[0], pane = el.closest('.doc');
const r = el.getClientRects()[0], p = pane.getBoundingClientRect();
return r.top >= Math.max(0, p.top) - 1 && r.bottom <= Math.min(window.innerHeight, p.bottom) + 1;
"""
# Each case bar: its case, lane, how far its top and bottom lie from its case's first and last
# line, and whether it sits in the margin (right of the line numbers, left of the text).
BARS_JS = """
return Array.from(document.querySelectorAll('.case-bar'), (bar) => {
  const doc = bar.closest('.doc'), b = bar.getBoundingClientRect();
  const parts = doc.querySelectorAll('[data-span="' + bar.dataset.bar + '"]');
  const rects = Array.from(parts, (p) => Array.from(p.getClientRects())).flat();
  const text = doc.getBoundingClientRect().left + parseFloat(getComputedStyle(doc).paddingLeft);
  const numbers = doc.querySelector('.ln').getBoundingClientRect().right;
  return [bar.dataset.bar, getComputedStyle(bar).getPropertyValue('--lane').trim(),
    b.top - Math.min(...rects.map((r) => r.top)), b.bottom - Math.max(...rects.map((r) => r.bottom)),
    b.left >= numbers && b.right <= text && b.width >= 4, b.height > 0 && getComputedStyle(bar).display !== 'none'];
});
"""
FRAMES_JS = "return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));"

# Viewport centre of the last three visible characters of an element, after scrolling it into view.
END_POINT_JS = """
const el = arguments[0];
el.scrollIntoView({block: 'center'});
const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
let last = null;
while (walker.nextNode()) if (walker.currentNode.data.trim()) last = walker.currentNode;
const end = last.data.trimEnd().length, range = document.createRange();
range.setStart(last, Math.max(0, end - 3));
range.setEnd(last, end);
const r = range.getBoundingClientRect();
return [r.left + r.width / 2, r.top + r.height / 2];
"""


@pytest.fixture(scope="module")
def driver() -> Iterator[WebDriver]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        f"--window-size={WINDOW[0]},{WINDOW[1]}",
        "--force-device-scale-factor=1",
    ):
        options.add_argument(argument)
    # Console messages are kept so that tests can see the page's own errors (CSP refusals included).
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    browser = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
    try:
        yield browser
    finally:
        browser.quit()


@pytest.fixture()
def report() -> Report:
    return sample_report(hostile=True, filler=12)


@pytest.fixture()
def page(driver: WebDriver, report: Report, tmp_path: Path) -> WebDriver:
    path = tmp_path / "report.html"
    path.write_text(render_html(report), encoding="utf-8")
    driver.get(path.as_uri())
    return driver


def _kind_counts(driver: WebDriver, pane: str) -> Counter[str]:
    kinds: list[str] = driver.execute_script(
        f"return Array.from(document.querySelectorAll('#{pane}-text [data-kind][id]'), e => e.dataset.kind);"
    )
    return Counter(kinds)


def _screenshot(driver: WebDriver, tmp_path: Path, name: str) -> Path:
    """A full-page PNG through the DevTools protocol, saved to tmp_path and $PROVENANCE_SCREENSHOT_DIR."""
    shot: dict[str, Any] = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
    png = base64.b64decode(shot["data"])
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000
    path = tmp_path / name
    path.write_bytes(png)
    extra = os.environ.get("PROVENANCE_SCREENSHOT_DIR")
    if extra:
        Path(extra).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, Path(extra) / name)
    return path


def test_highlights_per_kind_match_the_report(page: WebDriver, report: Report) -> None:
    candidate, source = expected_kind_counts(report)
    assert _kind_counts(page, "candidate") == candidate
    assert _kind_counts(page, "source") == source


def _click_end_of(driver: WebDriver, element: WebElement) -> None:
    """A real mouse click on the last characters of ``element``, clear of the quotation nested at its start."""
    x, y = driver.execute_script(END_POINT_JS, element)
    actions = ActionBuilder(driver)
    actions.pointer_action.move_to_location(int(x), int(y)).click()
    actions.perform()


def test_clicking_a_passage_shows_and_highlights_its_counterpart(page: WebDriver, tmp_path: Path) -> None:
    # The last passage's source side sits below a dozen unused sentences, out of view at first.
    origin: WebElement = page.find_element("id", "c-p3")
    target: WebElement = page.find_element("id", "s-p3")
    assert not page.execute_script(IN_VIEW_JS, target)
    _click_end_of(page, origin)
    assert "active" in target.get_attribute("class").split()
    assert page.execute_script(IN_VIEW_JS, target)
    assert page.execute_script("return getComputedStyle(arguments[0]).backgroundColor", target) != page.execute_script(
        "return getComputedStyle(arguments[0]).backgroundColor", page.find_element("id", "s-p0")
    )
    _screenshot(page, tmp_path, "report-after-click.png")
    # And back: a source passage brings its candidate side into view.
    page.execute_script("document.getElementById('candidate-text').scrollTop = 1e6")
    back = page.find_element("id", "c-p0")
    page.find_element("id", "s-p0").click()
    assert "active" in back.get_attribute("class").split()
    assert "active" not in target.get_attribute("class").split(), "one pair is lit at a time"
    assert page.execute_script(IN_VIEW_JS, back)


def test_clicking_a_nested_quotation_shows_the_quotation_source(page: WebDriver, report: Report) -> None:
    fabricated = next(i for i, q in enumerate(report.quotes) if q.status == "fabricated")
    page.find_element("id", f"c-q{fabricated}").click()
    assert "active" in page.find_element("id", f"s-q{fabricated}").get_attribute("class").split()
    assert page.execute_script(IN_VIEW_JS, page.find_element("id", f"s-q{fabricated}"))
    assert "active" not in page.find_element("id", "s-p3").get_attribute("class").split()


def assert_nothing_ran(driver: WebDriver) -> None:
    """Markup hidden in the texts opened no dialog, ran no script and loaded no image."""
    try:
        alert_text = driver.switch_to.alert.text
    except NoAlertPresentException:
        alert_text = None
    assert alert_text is None, f"an injected dialog opened: {alert_text}"
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    assert driver.execute_script("return document.images.length") == 0


def test_injected_markup_shows_as_text_and_runs_nothing(page: WebDriver, report: Report, tmp_path: Path) -> None:
    assert_nothing_ran(page)
    assert page.execute_script("return document.scripts.length") == 2
    assert page.execute_script("return document.getElementById('candidate-text').textContent") == report.candidate.text
    assert page.execute_script("return document.getElementById('source-text').textContent") == report.source.text
    assert report.candidate.name in page.find_element("css selector", ".pane-candidate h2").text
    embedded = page.execute_script("return JSON.parse(document.getElementById('report-data').textContent)")
    assert embedded == json.loads(report.to_json())
    _screenshot(page, tmp_path, "report.png")


def test_hover_titles_give_the_reason(page: WebDriver, report: Report) -> None:
    fabricated = next(i for i, q in enumerate(report.quotes) if q.status == "fabricated")
    title = page.find_element("id", f"c-q{fabricated}").get_attribute("title")
    assert title == f"Fabricated quotation: {report.quotes[fabricated].reason}"
    assert report.added[0].reason in page.find_element("id", "c-a0").get_attribute("title")


def test_print_view_shows_whole_texts(page: WebDriver, tmp_path: Path) -> None:
    page.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        for pane in ("candidate", "source"):
            clipped = page.execute_script(
                f"const d = document.getElementById('{pane}-text'); return d.scrollHeight - d.clientHeight;"
            )
            assert clipped <= 1, f"{pane} text is cut off in print"
        assert page.execute_script("return getComputedStyle(document.querySelector('.doc')).overflowY") == "visible"
        _screenshot(page, tmp_path, "report-print.png")
        pdf = base64.b64decode(page.execute_cdp_cmd("Page.printToPDF", {"printBackground": True})["data"])
        assert pdf.startswith(b"%PDF")
    finally:
        page.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def _gold_report(case: dict[str, Any]) -> Report:
    """A report made from the hand annotation of a real rewrite, to see the page on real text."""
    seeds = SHARED / "seeds"
    candidate = (seeds / case["candidate"]).read_text(encoding="utf-8")
    source = (seeds / case["source"]).read_text(encoding="utf-8")
    sentences, passages, added = [], [], []
    for gold in case["sentences"]:
        span, sources = tuple(gold["cand_span"]), [tuple(s) for s in gold["src_spans"]]
        sentences.append(SentenceFinding(span, gold["label"], sources, 1.0))
        if gold["label"] == "copied" and sources:
            passages.append(Passage("near_verbatim", span, sources[0], 1.0))
        for extra in gold.get("added_spans", []):
            added.append(AddedClaim(tuple(extra["span"]), extra["type"], extra["text"], f"annotated as added {extra['type']}"))
    quotes = [
        QuoteFinding(tuple(q["cand_span"]), q["status"], tuple(q["src_span"]) if q["src_span"] else None, "annotated")
        for q in case["quotes"]
    ]
    share = {
        label: sum(s.candidate[1] - s.candidate[0] for s in sentences if s.label == label) / len(candidate)
        for label in ("copied", "paraphrase", "added")
    }
    return Report(
        candidate=Document(case["candidate"], candidate),
        source=Document(case["source"], source),
        verdict=Verdict("derived", 1.0, [f"hand annotation: {case['relation']}"]),
        coverage=Coverage(share["copied"], share["paraphrase"], share["added"]),
        passages=passages,
        sentences=sentences,
        added=added,
        quotes=quotes,
    )


@pytest.mark.shared
def test_real_rewrite_renders_every_annotation(driver: WebDriver, tmp_path: Path) -> None:
    gold = SHARED / "eval" / "seed_gold_dev.json"
    if not gold.is_file():
        pytest.skip(f"{gold} is absent (needs ../shared beside the repo)")
    report = _gold_report(json.loads(gold.read_text(encoding="utf-8"))[0])
    path = tmp_path / "seed-report.html"
    path.write_text(render_html(report), encoding="utf-8")
    driver.get(path.as_uri())
    candidate, source = expected_kind_counts(report)
    assert _kind_counts(driver, "candidate") == candidate
    assert _kind_counts(driver, "source") == source
    assert driver.execute_script("return document.getElementById('candidate-text').textContent") == report.candidate.text
    _screenshot(driver, tmp_path, "seed-report.png")


def _console_errors(driver: WebDriver) -> list[str]:
    """The page's console errors since the last call (reading the log empties it)."""
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def _shown(driver: WebDriver, group: str) -> list[bool]:
    shown: list[bool] = driver.execute_script(
        "return Array.from(document.querySelectorAll('.finding[data-group=\"' + arguments[0] + '\"]'), e => !e.hidden"
        " && e.getBoundingClientRect().height > 0);",
        group,
    )
    return shown


def test_filters_hide_findings_and_their_highlights(page: WebDriver, report: Report, tmp_path: Path) -> None:
    _console_errors(page)
    assert all(_shown(page, "added")) and _shown(page, "added")
    page.find_element("css selector", 'input[name="kind"][value="added"]').click()
    assert not any(_shown(page, "added")), "unticking a kind hides its findings"
    assert "off" in page.find_element("id", "c-a0").get_attribute("class").split()
    assert all(_shown(page, "quote")) and all(_shown(page, "verbatim"))
    page.find_element("css selector", 'input[name="kind"][value="added"]').click()
    assert all(_shown(page, "added"))
    longest = max(len(report.candidate.text[p.candidate[0] : p.candidate[1]].split()) for p in report.passages)
    page.find_element("css selector", 'input[name="minwords"]').send_keys(str(longest + 1))
    for group in ("verbatim", "near_verbatim", "paraphrase"):
        assert not any(_shown(page, group)), f"{group} matches shorter than the minimum stay shown"
    assert "off" in page.find_element("id", "s-p0").get_attribute("class").split(), "the source side goes too"
    assert all(_shown(page, "quote")) and all(_shown(page, "added")), "the minimum length is for matches only"
    page.find_element("css selector", 'input[name="noquotes"]').click()
    assert not any(_shown(page, "quote"))
    assert "off" in page.find_element("id", "c-q0").get_attribute("class").split()
    _screenshot(page, tmp_path, "report-filtered.png")
    assert _console_errors(page) == []


def test_n_and_p_step_through_the_findings_in_order(page: WebDriver) -> None:
    links: list[str] = page.execute_script(
        "return Array.from(document.querySelectorAll('.finding[data-group]'), e => e.dataset.link);"
    )
    body = page.find_element("css selector", "body")
    current = "return document.querySelector('.finding.current').dataset.link"
    body.send_keys("n")
    assert page.execute_script(current) == links[0]
    assert "active" in page.find_element("id", links[0]).get_attribute("class").split()
    body.send_keys("n")
    assert page.execute_script(current) == links[1]
    body.send_keys("p")
    body.send_keys("p")
    assert page.execute_script(current) == links[-1], "p from the first wraps to the last"
    assert _console_errors(page) == []


def test_panes_scroll_together(driver: WebDriver, tmp_path: Path) -> None:
    report = sample_report(filler=30)
    longer = "".join(FILLER.format(n=n) + "\n\n" for n in range(40))
    report = replace(report, candidate=Document(report.candidate.name, report.candidate.text + "\n" + longer))
    path = tmp_path / "long.html"
    path.write_text(render_html(report), encoding="utf-8")
    driver.get(path.as_uri())
    share = """
    const d = document.getElementById(arguments[0]);
    return d.scrollTop / (d.scrollHeight - d.clientHeight);
    """
    # Scroll events arrive with the next frames, later on a loaded machine: wait for the mirror.
    settled = WebDriverWait(driver, 5, poll_frequency=0.05)
    driver.execute_script(
        "const d = document.getElementById('candidate-text'); d.scrollTop = (d.scrollHeight - d.clientHeight) / 2;"
    )
    settled.until(lambda d: abs(d.execute_script(share, "source-text") - 0.5) < 0.02)
    driver.execute_script("const d = document.getElementById('source-text'); d.scrollTop = d.scrollHeight;")
    settled.until(lambda d: d.execute_script(share, "candidate-text") > 0.98)
    assert _console_errors(driver) == []


def _displayed(driver: WebDriver, element_id: str) -> bool:
    element = driver.find_elements("id", element_id)
    return bool(element) and element[0].is_displayed()


def test_source_tabs_show_one_comparison_at_a_time(driver: WebDriver, tmp_path: Path) -> None:
    multi = two_sources()
    path = tmp_path / "sources.html"
    path.write_text(render_sources_html(multi), encoding="utf-8")
    driver.get(path.as_uri())
    _console_errors(driver)
    assert _displayed(driver, "view-1") and not _displayed(driver, "view-2")
    assert driver.find_element("id", "similarity").is_displayed()
    driver.find_element("id", "tab-2").click()
    assert _displayed(driver, "view-2") and not _displayed(driver, "view-1")
    assert driver.find_element("id", "tab-2").get_attribute("aria-selected") == "true"
    assert driver.find_element("id", "tab-1").get_attribute("aria-selected") == "false"
    assert driver.execute_script("return document.getElementById('s2-source-text').textContent") == multi.reports[1].source.text
    # A passage of the second comparison shows its counterpart in the second comparison's source pane.
    origin = driver.find_element("id", "s2-c-p3")
    _click_end_of(driver, origin)
    target = driver.find_element("id", "s2-s-p3")
    assert "active" in target.get_attribute("class").split() and driver.execute_script(IN_VIEW_JS, target)
    # Filters and n / p act on the comparison shown.
    driver.find_element("css selector", '#view-2 input[name="kind"][value="added"]').click()
    hidden_added = "return Array.from(document.querySelectorAll(arguments[0] + ' .finding[data-group=added]'), e => e.hidden);"
    assert all(driver.execute_script(hidden_added, "#view-2")) and not any(driver.execute_script(hidden_added, "#view-1"))
    driver.find_element("css selector", "body").send_keys("n")
    current = driver.find_element("css selector", ".finding.current")
    assert current.get_attribute("data-link").startswith("s2-") and current.is_displayed()
    driver.execute_script("window.scrollTo(0, 0)")
    _screenshot(driver, tmp_path, "sources-second-tab.png")
    # The arrow keys move between the tabs.
    driver.find_element("id", "tab-2").send_keys(Keys.ARROW_RIGHT)
    assert _displayed(driver, "view-1") and not _displayed(driver, "view-2")
    assert driver.switch_to.active_element.get_attribute("id") == "tab-1"
    driver.find_element("id", "tab-1").send_keys(Keys.ARROW_LEFT)
    assert _displayed(driver, "view-2")
    # The source list opens a comparison too.
    driver.find_element("css selector", '#sources button[data-view="view-1"]').click()
    assert _displayed(driver, "view-1") and not _displayed(driver, "view-2")
    # Printed, the page holds every comparison.
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert _displayed(driver, "view-1") and _displayed(driver, "view-2")
        assert not driver.find_element("css selector", ".tabs").is_displayed()
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert _console_errors(driver) == []


def test_corpus_overview_sorts_pairs_and_opens_one_side_by_side(
    driver: WebDriver, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, records = small_collection(tmp_path)
    texts = {r.id: r.text for r in records}
    reuse = find_reuse(records)
    path = tmp_path / "corpus.html"
    monkeypatch.setattr(corpus_html, "PAIR_ROWS_SHOWN", 1)
    path.write_text(corpus_html.render_corpus_html(reuse, texts), encoding="utf-8")
    driver.get(path.as_uri())
    _console_errors(driver)
    column = "return Array.from(document.querySelectorAll('table.pairs tbody tr'), r => r.cells[arguments[0]].textContent);"
    numbers = [int(n) for n in driver.execute_script(column, 0)]
    assert numbers == sorted(numbers)
    driver.find_element("xpath", "//th/button[text()='Similarity']").click()
    assert driver.execute_script("return document.querySelector('th[aria-sort]').textContent") == "Similarity"
    ascending = [float(s.rstrip("%")) for s in driver.execute_script(column, 3)]
    assert ascending == sorted(ascending) and [int(n) for n in driver.execute_script(column, 0)] == numbers[::-1]
    driver.find_element("xpath", "//th/button[text()='Candidate']").click()
    names = driver.execute_script(column, 1)
    assert names == sorted(names)
    # One row is listed at a time here: the first in the order chosen, then one more on request.
    shown = "return Array.from(document.querySelectorAll('table.pairs tbody tr'), r => r.getBoundingClientRect().height > 0);"
    assert driver.execute_script(shown) == [True, False]
    driver.find_element("css selector", "button[data-more]").click()
    assert driver.execute_script(shown) == [True, True]
    assert not driver.find_element("id", "more-rows").is_displayed()
    # A cluster lists its own pairs only, until every pair is asked for again.
    assert not driver.find_element("id", "cluster-filter").is_displayed()
    driver.find_element("css selector", '#clusters button[data-cluster="2"]').click()
    clusters = "return Array.from(document.querySelectorAll('table.pairs tbody tr'), r => r.cells[9].textContent);"
    assert [c for c, on in zip(driver.execute_script(clusters), driver.execute_script(shown)) if on] == ["2"]
    assert driver.find_element("id", "cluster-filter").is_displayed()
    driver.find_element("css selector", '#cluster-filter button[data-cluster=""]').click()
    assert driver.execute_script(shown) == [True, True] and not driver.find_element("id", "cluster-filter").is_displayed()
    _screenshot(driver, tmp_path, "corpus-overview.png")
    assert not _displayed(driver, "pair-1")
    driver.find_element("css selector", 'button[data-view="pair-1"]').click()
    assert _displayed(driver, "pair-1")
    pair = reuse.pairs[0] if reuse.pairs[0].candidate in driver.find_element("id", "pair-1").text else reuse.pairs[1]
    assert driver.execute_script("return document.getElementById('p1-candidate-text').textContent") == texts[pair.candidate]
    assert driver.execute_script("return document.getElementById('p1-source-text').getBoundingClientRect().top") < WINDOW[1]
    driver.find_element("id", "p1-c-p0").click()
    assert "active" in driver.find_element("id", "p1-s-p0").get_attribute("class").split()
    _screenshot(driver, tmp_path, "corpus-pair.png")
    driver.find_element("css selector", "#pair-1 .pair-head a").click()
    assert driver.execute_script("return document.getElementById('pairs').getBoundingClientRect().top") < 1
    driver.find_element("css selector", 'button[data-view="pair-2"]').click()
    assert _displayed(driver, "pair-2") and not _displayed(driver, "pair-1")
    assert _console_errors(driver) == []


@pytest.mark.shared
def test_real_collection_and_sources_pages(driver: WebDriver, tmp_path: Path) -> None:
    """The Clough & Stevenson answers as a collection, and a seed rewrite against three seed
    articles, to look at the pages on real text."""
    clough = SHARED / "datasets" / "clough-stevenson-short-answers" / "data"
    seeds = SHARED / "seeds"
    if not clough.is_dir() or not seeds.is_dir():
        pytest.skip(f"{clough} or {seeds} is absent (needs ../shared beside the repo)")
    records = [r for r in read_corpus(clough) if r.id.endswith(".txt")]
    reuse = find_reuse(records)
    path = tmp_path / "clough.html"
    path.write_text(corpus_html.render_corpus_html(reuse, {r.id: r.text for r in records}), encoding="utf-8")
    driver.get(path.as_uri())
    _console_errors(driver)
    first = driver.find_element("css selector", "#row-1 td:nth-child(2)").text
    driver.find_element("css selector", 'button[data-view="pair-1"]').click()
    assert driver.execute_script("return document.getElementById('p1-candidate-text').textContent") == next(
        r.text for r in records if r.id == first
    )
    top = "return document.getElementById('pair-1').getBoundingClientRect().top"
    assert -1 <= driver.execute_script(top) < WINDOW[1] / 2, "the pair's view is brought into view"
    _screenshot(driver, tmp_path, "clough-pair.png")
    driver.execute_script("window.scrollTo(0, 0)")
    _screenshot(driver, tmp_path, "clough-overview.png")
    assert _console_errors(driver) == []

    names = sorted(p.name for p in seeds.glob("*.txt"))
    candidate, sources = seeds / names[1], [seeds / names[0], seeds / names[2], seeds / names[3]]
    multi = compare_files_sources(candidate, sources, semantic=False)
    path = tmp_path / "seed-sources.html"
    path.write_text(render_sources_html(multi), encoding="utf-8")
    driver.get(path.as_uri())
    shares = multi.source_shares
    assert shares[0] == max(shares), "the article the rewrite came from explains most of it"
    driver.find_element("id", "tab-2").click()
    assert _displayed(driver, "view-2") and not _displayed(driver, "view-1")
    driver.find_element("id", "tab-1").click()
    _screenshot(driver, tmp_path, "seed-sources.png")
    assert _console_errors(driver) == []


def test_injected_markup_in_a_collection_runs_nothing(driver: WebDriver, tmp_path: Path) -> None:
    text = " ".join(f"w{i}" for i in range(200)) + "."
    hostile = f"x{SCRIPT_PAYLOAD}{ATTRIBUTE_PAYLOAD}.txt"
    records = [Record(hostile, f"{SCRIPT_PAYLOAD} {text}"), Record("copy.txt", f"{ATTRIBUTE_PAYLOAD} {text}")]
    path = tmp_path / "hostile-corpus.html"
    path.write_text(corpus_html.render_corpus_html(find_reuse(records), {r.id: r.text for r in records}), encoding="utf-8")
    driver.get(path.as_uri())
    driver.find_element("css selector", 'button[data-view="pair-1"]').click()
    assert_nothing_ran(driver)
    panes = driver.execute_script(
        "return [document.getElementById('p1-candidate-text').textContent, document.getElementById('p1-source-text').textContent]"
    )
    assert sorted(panes) == sorted(r.text for r in records)
    assert hostile in driver.find_element("id", "pair-1").text


def _bars(driver: WebDriver) -> dict[str, tuple[str, float, float, bool, bool]]:
    driver.execute_script(FRAMES_JS)
    return {key: tuple(rest) for key, *rest in driver.execute_script(BARS_JS)}


def test_reuse_cases_are_bars_beside_their_lines_and_a_click_shows_both_starts(driver: WebDriver, tmp_path: Path) -> None:
    report = with_cases(sample_report(filler=12))
    path = tmp_path / "cases.html"
    path.write_text(render_html(report), encoding="utf-8")
    driver.get(path.as_uri())
    _console_errors(driver)
    assert _kind_counts(driver, "candidate") == expected_kind_counts(report)[0]
    bars = _bars(driver)
    assert set(bars) == {f"{side}-c{i}" for side in "cs" for i in range(len(report.cases))}, "one bar per case and side"
    for key, (_, top, bottom, in_margin, shown) in bars.items():
        assert abs(top) < 1 and abs(bottom) < 1, f"{key} runs from its first line to its last"
        assert in_margin and shown, key
    assert bars["s-c2"][0] != bars["s-c3"][0], "the summary's source side shares lines with the near copy's: another lane"
    # The summary (the last case) takes a source stretch taller than the pane: a click shows where it starts.
    summary = report.cases.index(next(c for c in report.cases if c.kind == "summary"))
    target = driver.find_element("id", f"s-c{summary}")
    taller = "return arguments[0].getBoundingClientRect().height > arguments[0].closest('.doc').clientHeight"
    assert driver.execute_script(taller, target)
    for pane in ("candidate", "source"):
        driver.execute_script(f"document.getElementById('{pane}-text').scrollTop = 1e6")
    driver.execute_script(FRAMES_JS)
    assert not driver.execute_script(START_IN_VIEW_JS, target)
    item = driver.find_element("css selector", f'#cases li[data-link="c-c{summary}"]')
    item.click()
    for key in (f"c-c{summary}", f"s-c{summary}"):
        head = driver.find_element("id", key)
        assert driver.execute_script(START_IN_VIEW_JS, head), f"{key} starts in view"
        assert "active" in head.get_attribute("class").split()
        assert "active" in driver.find_element("css selector", f'.case-bar[data-bar="{key}"]').get_attribute("class").split()
    assert "origin" in item.get_attribute("class").split()
    _screenshot(driver, tmp_path, "report-cases.png")
    # A bar is a way in too: the copy's bar in the candidate pane shows its source side.
    driver.execute_script("document.getElementById('source-text').scrollTop = 1e6")
    driver.find_element("css selector", '.case-bar[data-bar="c-c0"]').click()
    assert driver.execute_script(START_IN_VIEW_JS, driver.find_element("id", "s-c0"))
    assert "active" not in target.get_attribute("class").split(), "one case is lit at a time"
    # Unticking a case kind hides its cases and their bars, and the other bars follow the text.
    driver.find_element("css selector", 'input[name="kind"][value="case-summary"]').click()
    assert not item.is_displayed()
    bars = _bars(driver)
    assert not bars[f"c-c{summary}"][4] and not bars[f"s-c{summary}"][4]
    assert all(shown and abs(top) < 1 for key, (_, top, _, _, shown) in bars.items() if not key.endswith(f"c{summary}"))
    assert _console_errors(driver) == []


@pytest.mark.shared
def test_real_paraphrase_cases_show_on_both_sides(driver: WebDriver, tmp_path: Path) -> None:
    seeds = SHARED / "seeds"
    names = sorted(p.name for p in seeds.glob("*.txt")) if seeds.is_dir() else []
    if len(names) < 2:
        pytest.skip(f"{seeds} is absent (needs ../shared beside the repo)")
    report = compare_files(seeds / names[1], seeds / names[0], semantic=False)
    paraphrases = [i for i, case in enumerate(report.cases) if case.kind == "paraphrase"]
    assert paraphrases, "the rewrite rewords its source"
    path = tmp_path / "seed-cases.html"
    path.write_text(render_html(report), encoding="utf-8")
    driver.get(path.as_uri())
    _console_errors(driver)
    assert len(_bars(driver)) == 2 * len(report.cases)
    last = paraphrases[-1]
    driver.find_element("css selector", f'#cases li[data-link="c-c{last}"]').click()
    for key in (f"c-c{last}", f"s-c{last}"):
        assert driver.execute_script(START_IN_VIEW_JS, driver.find_element("id", key)), key
    _screenshot(driver, tmp_path, "seed-cases.png")
    assert _console_errors(driver) == []
