"""What `provenance corpus` loads: the corpus commands start without the comparison pipeline
(numpy, the text analysis, the sentence model's loader, the report renderers), and `import
provenance` still gives the whole public API."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import provenance

HEAVY = ("numpy", "provenance.api", "provenance.align", "provenance.text", "charset_normalizer", "rich", "provenance.render.html")


def test_corpus_command_loads_no_comparison_pipeline(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    words = " ".join(f"w{i}" for i in range(80))
    corpus.write_text("".join(json.dumps({"id": str(i), "text": words}) + "\n" for i in range(3)), encoding="utf-8")
    script = (
        "import sys\n"
        "from provenance.cli import main\n"
        "try:\n"
        f"    main([{'corpus'!r}, {str(corpus)!r}, '-o', {str(tmp_path / 'pairs.jsonl')!r}])\n"
        "except SystemExit as end:\n"
        "    assert not end.code, end.code\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"
    assert '"type": "duplicates"' in (tmp_path / "pairs.jsonl").read_text(encoding="utf-8")


def test_public_api_resolves_on_first_use() -> None:
    for name in provenance.__all__:
        assert getattr(provenance, name) is not None
        assert name in dir(provenance)
    from provenance import Report, compare

    assert compare.__module__ == "provenance.api"
    assert Report.__module__ == "provenance.report"


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        provenance.no_such_name  # noqa: B018
