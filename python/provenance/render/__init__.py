"""Renderers for a finished :class:`~provenance.report.Report`: terminal text, self-contained HTML,
and the JSON Schema that ``Report.to_dict()`` follows."""

from __future__ import annotations

import json
from functools import cache
from typing import TYPE_CHECKING, Any

from provenance._lazy import lazy_attributes

if TYPE_CHECKING:
    from provenance.render.html import render_html, render_sources_html
    from provenance.render.text import render_sources_text, render_text

# The report renderers (rich, the HTML page) load on first use: the corpus formats, in this
# package too, need neither.
_LAZY = {
    "render_html": "provenance.render.html",
    "render_sources_html": "provenance.render.html",
    "render_sources_text": "provenance.render.text",
    "render_text": "provenance.render.text",
}


__getattr__, __dir__ = lazy_attributes(__name__, _LAZY)


__all__ = [
    "plural",
    "render_html",
    "render_sources_html",
    "render_sources_text",
    "render_text",
    "report_schema",
    "sources_schema",
]


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """``1 passage``, ``2 passages`` (``nouns`` for an irregular plural). Here, not with the
    headline, so that the corpus commands count in words without loading the report module."""
    return f"{count:,} {noun if count == 1 else nouns or noun + 's'}"


@cache
def _schema_text(name: str) -> str:
    # Imported here: importlib.resources loads tempfile, shutil and random, which the corpus
    # formats in this package never need.
    from importlib import resources

    return resources.files("provenance").joinpath("schema", name).read_text(encoding="utf-8")


def report_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``Report.to_dict()``, schema version 2 (version 1,
    without texts, excerpts and line numbers, is superseded); a fresh copy each call."""
    schema: dict[str, Any] = json.loads(_schema_text("report-v2.schema.json"))
    return schema


def sources_schema() -> dict[str, Any]:
    """The JSON Schema of ``MultiSourceReport.to_dict()``, schema version 2. It refers to the
    report schema by its ``$id`` (``urn:provenance:schema:report:v2``)."""
    schema: dict[str, Any] = json.loads(_schema_text("sources-v2.schema.json"))
    return schema
