"""Text many documents of a collection share (a footer, a pledge, an assignment's prompt): with
`--exclude FILE` it links no documents and is not prose; text above `--max-df` is not prose in a
pair linked by something else either; the library, the core's JSON-lines path and the directory
path agree, and a passage that alone links many pairs is named on stderr. The Spark engine's
agreement is in test_spark.py."""

from __future__ import annotations

import json
import random
from pathlib import Path

from cli_run import one_line_error, run
from provenance import _core
from provenance.collection import Record
from provenance.corpus import DocumentFacts, IndexOptions, find_reuse, judge_pair

FOOTER = (
    "This story was produced by the Riverside Gazette newsroom. Read more local news, sport and weather"
    " on our website and follow us on social media for updates every day."
)
FOOTER_WORDS = 29
# Two short phrases (each fewer words than a link needs) that two documents share far apart.
PHRASES = (
    "the council said the bridge would reopen after the repairs",
    "residents were asked to use the temporary crossing instead",
)


def words(rng: random.Random, n: int) -> list[str]:
    return [f"{rng.choice('bcdfghklmnprstvz')}{rng.choice('aeiou')}{rng.randrange(10_000)}" for _ in range(n)]


def collection(documents: int = 12, seed: int = 5) -> list[Record]:
    """`documents` texts of 200 own words and the footer. Planted: doc01 copies 60 words of doc00's
    body; doc03 copies doc02's last 60 words, which run into the footer; doc04 and doc05 share
    only the two short phrases, 120 words apart, and the footer."""
    rng = random.Random(seed)
    bodies = [words(rng, 200) for _ in range(documents)]
    bodies[1][50:110] = bodies[0][20:80]
    bodies[3][140:200] = bodies[2][140:200]
    for body in bodies[4:6]:
        body[30:40] = PHRASES[0].split()
        body[160:169] = PHRASES[1].split()
    return [Record(f"doc{i:02d}", " ".join(body) + ".\n\n" + FOOTER + "\n") for i, body in enumerate(bodies)]


PLANTED = {("doc00", "doc01"), ("doc02", "doc03")}


def linked(pairs: list[tuple[str, str, int]]) -> dict[tuple[str, str], int]:
    """Prose words by pair, each pair's documents in name order."""
    return {(min(a, b), max(a, b)): prose for a, b, prose in pairs}


def found(records: list[Record], max_df: int = _core.DEFAULT_MAX_DF, exclude: tuple[str, ...] = ()) -> dict[tuple[str, str], int]:
    reuse = find_reuse(records, index_options=IndexOptions(max_df=max_df), exclude=exclude)
    return linked([(p.candidate, p.source, p.prose_words) for p in reuse.pairs])


def jsonl_pairs(path: Path) -> dict[tuple[str, str], int]:
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    name = lambda doc: doc.removesuffix(".txt")  # noqa: E731 (a directory's documents are its file names)
    return linked([(name(x["candidate"]), name(x["source"]), x["prose_words"]) for x in lines if x["type"] == "pair"])


def write_collection(folder: Path, records: list[Record]) -> tuple[Path, Path]:
    """The collection as a directory of texts and as JSON lines."""
    texts = folder / "texts"
    texts.mkdir()
    for r in records:
        (texts / f"{r.id}.txt").write_text(r.text, encoding="utf-8")
    jsonl = folder / "corpus.jsonl"
    jsonl.write_text("".join(json.dumps({"id": r.id, "text": r.text}) + "\n" for r in records), encoding="utf-8")
    return texts, jsonl


def test_a_footer_every_document_has_links_them_all_unless_excluded(tmp_path: Path) -> None:
    records = collection()
    every_pair = found(records)
    assert len(every_pair) == 12 * 11 // 2
    assert every_pair[("doc06", "doc07")] == FOOTER_WORDS
    excluded = found(records, exclude=(FOOTER,))
    assert excluded == {("doc00", "doc01"): 60, ("doc02", "doc03"): 60}

    texts, jsonl = write_collection(tmp_path, records)
    footer = tmp_path / "footer.txt"
    footer.write_text(FOOTER + "\n", encoding="utf-8")
    for corpus in (texts, jsonl):  # the Python reader's path and the core's
        out = tmp_path / f"{corpus.name}.pairs.jsonl"
        result = run("corpus", str(corpus), "--exclude", str(footer), "-o", str(out))
        assert result.returncode == 0, result.stderr.decode()
        assert jsonl_pairs(out) == excluded


def test_a_footer_above_max_df_is_not_prose_in_a_pair(tmp_path: Path) -> None:
    """With max_df 5 the footer in 12 documents chooses no candidates; doc04 and doc05 are aligned
    for their two phrases, and the footer in their passages was their only stretch of 15 words."""
    records = collection()
    got = found(records, max_df=5)
    # The copies keep the words they copied, the footer after doc02's last 60 words included.
    assert got == {("doc00", "doc01"): 60, ("doc02", "doc03"): 60}
    assert found(records, max_df=5, exclude=(FOOTER,)) == got
    _, jsonl = write_collection(tmp_path, records)
    out = tmp_path / "pairs.jsonl"
    result = run("corpus", str(jsonl), "--max-df", "5", "-o", str(out))
    assert result.returncode == 0, result.stderr.decode()
    assert jsonl_pairs(out) == got


def test_a_passage_alone_linking_many_pairs_is_named_on_stderr(tmp_path: Path) -> None:
    """The footer is the only passage of 63 of the 66 pairs (the planted two and doc04/doc05 have
    more): one line says so; excluded, nothing is said. The output is the run's as ever."""
    texts, jsonl = write_collection(tmp_path, collection())
    for corpus in (texts, jsonl):
        out = tmp_path / f"{corpus.name}.pairs.jsonl"
        result = run("corpus", str(corpus), "-o", str(out))
        assert result.returncode == 0
        assert result.stderr.decode().splitlines() == [
            "provenance: warning: 63 pairs of 12 documents are linked only by the same passage, "
            '"This story was produced by the Riverside Gazette newsroom. …": if it is boilerplate '
            "(a footer, a template), give it with --exclude FILE, or --max-df below 12"
        ]
        assert len(jsonl_pairs(out)) == 66
    footer = tmp_path / "footer.txt"
    footer.write_text(FOOTER, encoding="utf-8")
    result = run("corpus", str(jsonl), "--exclude", str(footer), "-o", str(tmp_path / "excluded.jsonl"))
    assert (result.returncode, result.stderr) == (0, b"")


def test_judging_leaves_boilerplate_out_of_prose() -> None:
    first, second = Record("a", ""), Record("b", "")
    passage = _core.Passage((0, 1), (0, 1), (10, 40), (100, 130), 30, 1.0, True)
    free = DocumentFacts(None, 200, ())
    footer = DocumentFacts(None, 200, (), ((30, 50),))
    for a, b, prose in [(free, free, 30), (footer, free, 20), (free, DocumentFacts(None, 200, (), ((90, 105),)), 25)]:
        pair = judge_pair(first, a, second, b, [passage], min_prose_words=1)
        assert pair is not None and pair.prose_words == prose


def test_an_unreadable_exclude_file_is_one_line_and_no_output(tmp_path: Path) -> None:
    _, jsonl = write_collection(tmp_path, collection(4))
    out = tmp_path / "pairs.jsonl"
    binary = tmp_path / "footer.bin"
    binary.write_bytes(b"\x00\x01\x02\xff" * 64)
    for exclude, problem in [
        (tmp_path / "missing.txt", "missing.txt: no such file"),
        (tmp_path, "is a directory"),
        (binary, "footer.bin"),
    ]:
        one_line_error(run("corpus", str(jsonl), "--exclude", str(exclude), "-o", str(out)), problem)
        assert not out.exists()
    one_line_error(run("corpus", "-", "--exclude", "-"), "only one input can be read from standard input")
