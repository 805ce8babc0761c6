"""The HTML report in headless Chromium (review 4): a finding's long excerpt wraps under its own
text, not under its label ("SOURCE L.5"), so the label column stays clear."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance import compare
from provenance.render import render_html
from test_browser import WebDriver, driver  # noqa: F401 (the shared browser, and the skip without one)

pytestmark = pytest.mark.browser

SOURCE = (
    "Methods: We randomly assigned 212 adults aged 65 to 80 years with no diagnosis of dementia to a 12-month programme "
    "of supervised brisk walking three times a week or to a stretching control programme, and measured their memory "
    "with a composite score at the start and at the end of the year.\n"
)

# For each excerpt of the findings and cases lists that wraps: its label's right edge and the left
# edge of each line of its text.
LINES_JS = """
return Array.from(document.querySelectorAll('.list p.quoted, .list p.diff'), (p) => {
  const label = p.querySelector('.side');
  const range = document.createRange();
  range.setStartAfter(label);
  range.setEnd(p, p.childNodes.length);
  const lefts = new Map();
  for (const r of range.getClientRects()) {
    if (r.width === 0) continue;
    const top = Math.round(r.top);
    lefts.set(top, Math.min(lefts.has(top) ? lefts.get(top) : Infinity, r.left));
  }
  return [label.getBoundingClientRect().right, Array.from(lefts.values())];
}).filter(([, lefts]) => lefts.length > 1);
"""


def test_a_long_excerpt_wraps_under_its_text(driver: WebDriver, tmp_path: Path) -> None:  # noqa: F811
    report = compare(SOURCE.replace("212 adults", "250 adults"), SOURCE, semantic=False)
    path = tmp_path / "report.html"
    path.write_text(render_html(report), encoding="utf-8")
    driver.set_window_size(1280, 900)
    driver.get(path.as_uri())
    wrapped = driver.execute_script(LINES_JS)
    assert wrapped, "some excerpt wraps at this width"
    for label_right, lefts in wrapped:
        # Was: the second line at the paragraph's left edge, under the label.
        assert min(lefts) >= label_right - 1 and max(lefts) - min(lefts) < 1, (label_right, lefts)
