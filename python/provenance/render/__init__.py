"""Renderers for a finished :class:`~provenance.report.Report`: terminal text, self-contained HTML,
and the JSON Schema that ``Report.to_dict()`` follows."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from provenance.render.html import render_html
from provenance.render.text import render_text

SCHEMA_RESOURCE = ("schema", "report-v1.schema.json")

__all__ = ["render_html", "render_text", "report_schema"]


@cache
def _schema_text() -> str:
    resource = resources.files("provenance")
    for part in SCHEMA_RESOURCE:
        resource = resource.joinpath(part)
    return resource.read_text(encoding="utf-8")


def report_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``Report.to_dict()``, schema version 1; a fresh copy each call."""
    schema: dict[str, Any] = json.loads(_schema_text())
    return schema
