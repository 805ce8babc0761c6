"""The corpus command's run in the core on JSON lines (``corpus.judged_jsonl``): the same report,
byte for byte, as the library's ``find_reuse`` on what the Python reader reads, every file it
cannot read whole left to that reader; and the one JSON-lines writer (``rust/report.rs``) both
write with."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from provenance import _core, thresholds
from provenance.cli import main
from provenance.collection import read_corpus
from provenance.corpus import CorpusReuse, find_reuse, judged_jsonl, reuse_of
from provenance.read import InputError
from provenance.render.corpus import RENDERERS
from provenance.report import Passage


def documents(seed: int = 5) -> list[dict[str, object]]:
    """Pseudo-word documents with quotations, stray marks, planted passages (verbatim, edited,
    quoted on one side or both), copies, dates (some equal, some empty) and ids to escape."""
    rng = random.Random(seed)
    vocabulary = [f"v{i}" for i in range(2000)] + ["café", "naïve", "日本"]

    def paragraph(n: int) -> str:
        out: list[str] = []
        while len(out) < n:
            out.append(rng.choice(vocabulary))
            roll = rng.random()
            if roll < 0.01:
                out.append(rng.choice(['12"', '"', "it's"]))
            elif roll < 0.03:
                out.append("“" + " ".join(rng.choices(vocabulary, k=rng.randint(3, 12))) + ",” he said")
        return " ".join(out)

    docs = [[paragraph(rng.randint(40, 100)) for _ in range(rng.randint(2, 5))] for _ in range(80)]
    for target in rng.sample(range(len(docs)), 40):
        source = rng.choice([i for i in range(len(docs)) if i != target])
        taken = " ".join(docs[source]).split()
        start = rng.randrange(max(1, len(taken) - 150))
        passage = taken[start : start + rng.randint(10, 150)]
        if rng.random() < 0.3:  # edited: a near-verbatim passage, a score below 1
            passage = [w if rng.random() > 0.1 else "changed" for w in passage]
        before, after = rng.choice([("", ""), ("“", "”"), ('"', '"'), ("“", "")])
        docs[target].insert(rng.randint(0, len(docs[target])), before + " ".join(passage) + after)
    texts = ["\n".join(d) for d in docs]
    texts += [texts[3], texts[5].upper(), texts[5]]
    ids: list[object] = [f"d{i}" for i in range(len(texts))]
    # The copies are always in a pair: they carry the ids to escape.
    ids[1], ids[-3], ids[-2], ids[-1] = 1, 'quote " back\\slash', "tab\tcontrol\x01", "é日"
    out: list[dict[str, object]] = []
    for doc_id, text in zip(ids, texts, strict=True):
        record: dict[str, object] = {"id": doc_id, "text": text}
        roll = rng.random()
        if roll < 0.6:
            record["date"] = rng.choice(["2024-01-01", "2024-02-01", "2024-03-01", ""])
        elif roll < 0.65:
            record["date"] = None
        out.append(record)
    return out


def write(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=i % 2 == 0) + "\n" for i, r in enumerate(records)), encoding="utf-8")
    return path


def written(reuse: CorpusReuse) -> list[dict[str, object]]:
    """The JSON lines of `reuse` as objects: what each line must hold."""

    def listed(passages: list[Passage]) -> list[dict[str, object]]:
        return [
            {"kind": p.kind, "candidate": list(p.candidate), "source": list(p.source), "score": round(p.score, 4)}
            for p in passages
        ]

    lines: list[dict[str, object]] = []
    for p in reuse.pairs:
        line = {
            "type": "pair",
            "candidate": p.candidate,
            "source": p.source,
            "direction": p.direction,
            "identical": p.identical,
            "matched_words": p.matched,
            "prose_words": p.prose_words,
            "passages": listed(p.passages),
        }
        lines.append(line if p.cases is None else {**line, "cases": listed(p.cases)})
    lines += [{"type": "cluster", "cluster": i, "documents": c} for i, c in enumerate(reuse.clusters)]
    note = (
        "the same words (after normalisation): each document is a copy of every other; "
        "pairs link each to the first, and the first's reuse holds for all"
    )
    return lines + [{"type": "duplicates", "documents": d, "note": note} for d in reuse.duplicates]


def test_the_run_is_written_as_json_lines(tmp_path: Path) -> None:
    path = write(tmp_path / "c.jsonl", documents())
    read: list[int] = []
    run = judged_jsonl(path, on_read=read.append)
    assert run is not None and read == [83]
    reuse = find_reuse(read_corpus(path))
    assert reuse_of(run) == reuse
    rendered = run.to_jsonl()
    for jsonl in (rendered, reuse.to_jsonl(), RENDERERS["jsonl"](reuse)):
        assert [json.loads(line) for line in jsonl.splitlines()] == written(reuse)
    # The corpus holds what the lines must write: both kinds of direction, copies and their
    # group, edited passages, ids with characters JSON escapes, as Python's json escapes them.
    assert reuse.duplicates and reuse.clusters
    for expected in ['"dates"', "made from prose", '"identical": true', "near_verbatim", "\\u0001", '\\"', "é日", "\\\\slash"]:
        assert expected in rendered, expected


def test_reuse_cases_are_written_with_their_pairs(tmp_path: Path) -> None:
    records = read_corpus(write(tmp_path / "c.jsonl", documents()))
    reuse = find_reuse(records, cases=True)
    assert reuse.with_cases and all(p.cases is not None for p in reuse.pairs)
    assert any(p.cases for p in reuse.pairs)
    jsonl = reuse.to_jsonl()
    assert [json.loads(line) for line in jsonl.splitlines()] == written(reuse)
    result = CliRunner().invoke(main, ["corpus", str(tmp_path / "c.jsonl"), "--cases"])
    assert result.exit_code == 0 and result.stdout == jsonl


def test_a_score_json_cannot_write_is_refused() -> None:
    passage = ("verbatim", (0, 5), (0, 5), float("nan"))
    with pytest.raises(ValueError, match="finite"):
        _core.reuse_jsonl([("a", "b", None, False, 1, 1, [passage], None)], [["a", "b"]], [])


def test_the_command_writes_the_core_report(tmp_path: Path) -> None:
    path = write(tmp_path / "c.jsonl", documents(seed=6))
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())  # a byte-order mark is no part of line 1
    expected = find_reuse(read_corpus(path)).to_jsonl()
    out = tmp_path / "pairs.jsonl"
    result = CliRunner().invoke(main, ["corpus", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == expected
    assert CliRunner().invoke(main, ["corpus", str(path)]).stdout == expected


@pytest.mark.parametrize("output_format", ["csv", "dot", "graphml"])
def test_the_other_formats_are_written_from_the_core_run_alike(tmp_path: Path, output_format: str) -> None:
    path = write(tmp_path / "c.jsonl", documents(seed=7))
    expected = RENDERERS[output_format](find_reuse(read_corpus(path)))
    result = CliRunner().invoke(main, ["corpus", str(path), "--format", output_format])
    assert result.exit_code == 0 and result.stdout == expected


@pytest.mark.parametrize(
    "line",
    [
        '{"id": "d0", "text": "a second d0"}',  # an id twice: named by the Python reader
        '{"id": "x", "text": " "}',  # no text
        '{"id": "x", "text": "t", "date": 2024}',  # a date that is not a string
        '{"id": "x", "text": "t", "n": NaN}',  # what Python's json reads and the reader refuses
        '{"id": "x", "text": "t", "n": 1e999}',
        '{"id": "x", "text": "t", "s": "\\ud800"}',
        '{"id": "x", "text": "t", "deep": ' + "[" * 200 + "]" * 200 + "}",  # deeper than the core reads
        "{oops",
    ],
)
def test_lines_the_core_does_not_read_are_left_to_the_python_reader(tmp_path: Path, line: str) -> None:
    path = write(tmp_path / "c.jsonl", documents()[:10])
    path.write_text(path.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    assert judged_jsonl(path, on_read=lambda _: None) is None
    result = CliRunner().invoke(main, ["corpus", str(path)])
    try:
        read_corpus(path)
    except InputError as err:  # the reader's one line, as before
        assert result.exit_code == 2 and str(err) in result.stderr
    else:  # nesting the core refuses and Python reads
        assert result.exit_code == 0 and result.stdout == find_reuse(read_corpus(path)).to_jsonl()


def test_nothing_to_read_is_left_to_the_python_reader(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(b"")
    assert judged_jsonl(path, on_read=lambda _: None) is None
    assert judged_jsonl(tmp_path / "missing.jsonl", on_read=lambda _: None) is None


def test_metadata_is_read_and_left_out_by_the_core(tmp_path: Path) -> None:
    records = documents()
    plain = write(tmp_path / "plain.jsonl", records)
    with_meta = write(tmp_path / "meta.jsonl", [{**r, "lang": "en", "n": [1, 2.5, {"k": None}], "s": "é\n"} for r in records])
    run = judged_jsonl(with_meta, on_read=lambda _: None)
    plain_run = judged_jsonl(plain, on_read=lambda _: None)
    assert run is not None and plain_run is not None
    assert run.to_jsonl() == plain_run.to_jsonl() == find_reuse(read_corpus(with_meta)).to_jsonl()


def test_the_core_judges_with_the_documented_thresholds() -> None:
    assert _core.REUSE_GAP_WORDS == thresholds.REUSE_GAP_WORDS
    assert _core.FABRICATED_MIN == thresholds.FABRICATED_MIN
    assert _core.QUOTE_FROM_PROSE_MIN_WORDS == thresholds.QUOTE_FROM_PROSE_MIN_WORDS
