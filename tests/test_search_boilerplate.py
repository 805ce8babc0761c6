"""`search` lists no source by its boilerplate (review 5 item 8): text that more than `max_df`
indexed documents hold (a newsroom's footer) or that an `--exclude` file gives finds no source
and counts in no score, as `corpus` leaves it out of a pair's prose; a source that shares a
story and its footer ranks and scores by the story."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_run import run
from provenance import _core
from provenance.corpus import search

# A footer as review 5's: one n-gram near its start is a fingerprint only of the documents whose
# words before it have larger hashes (3 of 12 here), so below max_df it found those documents.
FOOTER = (
    "Tonight's report was prepared by the Hillside Gazette news desk. Find more local stories, sport and "
    "weather on our website and follow us online for the latest updates."
)
FOOTER_WORDS = len(_core.tokenize(FOOTER))


def story(n: int, sentences: int = 8) -> str:
    """A text of its own words: sentences of twelve words no other story has."""
    return " ".join(" ".join(f"s{n}w{i}x{j}" for j in range(12)).capitalize() + "." for i in range(sentences))


def collection(tmp_path: Path, with_footer: int) -> Path:
    """Twelve stories, the first `with_footer` of them under the footer."""
    folder = tmp_path / "news"
    folder.mkdir()
    for n in range(12):
        text = story(n) + ("\n\n" + FOOTER if n < with_footer else "")
        (folder / f"{n:02}.txt").write_text(text + "\n", encoding="utf-8")
    return folder


def candidate(tmp_path: Path) -> tuple[Path, int]:
    """Half of story 0 copied, then the candidate's own words, then the footer."""
    copied = " ".join(story(0).split(". ")[:4]) + "."
    text = f"{copied}\n\n{story(99, 3)}\n\n{FOOTER}\n"
    path = tmp_path / "candidate.txt"
    path.write_text(text, encoding="utf-8")
    return path, len(_core.tokenize(copied))


def built(tmp_path: Path, folder: Path, max_df: int) -> Path:
    index = tmp_path / "news.idx"
    result = run("index", "build", str(folder), "-o", str(index), "--max-df", str(max_df))
    assert result.returncode == 0, result.stderr.decode()
    return index


def sources(*args: str) -> list[dict[str, object]]:
    result = run("search", *args, "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    found: list[dict[str, object]] = json.loads(result.stdout)["sources"]
    return found


def test_a_footer_in_more_than_max_df_documents_finds_no_source(tmp_path: Path) -> None:
    index = built(tmp_path, collection(tmp_path, with_footer=12), max_df=10)
    path, copied = candidate(tmp_path)
    words = len(_core.tokenize(path.read_text(encoding="utf-8")))
    [hit] = sources(str(path), "--index", str(index), "-k", "3")
    # The story's source only; its score is the share of the candidate's own words it holds.
    assert hit["id"] == "00.txt"
    assert hit["matched_words"] == copied
    assert hit["score"] == round(copied / (words - FOOTER_WORDS), 4)
    cases = hit["cases"]
    assert isinstance(cases, list) and cases
    assert all("Gazette" not in case["candidate_text"] for case in cases)
    text = run("search", str(path), "--index", str(index), "-k", "3").stdout.decode()
    assert ": 1 likely source in " in text.splitlines()[0]
    # With the footer in no more documents than --max-df, every story under it is a source again.
    again = sources(str(path), "--index", str(index), "-k", "3", "--max-df", "12")
    assert again[0]["id"] == "00.txt" and len(again) == 3
    assert again[0]["matched_words"] == copied + FOOTER_WORDS
    assert {h["matched_words"] for h in again[1:]} == {FOOTER_WORDS}


def test_an_excluded_footer_finds_no_source_in_few_documents(tmp_path: Path) -> None:
    index = built(tmp_path, collection(tmp_path, with_footer=3), max_df=10)
    path, copied = candidate(tmp_path)
    assert len(sources(str(path), "--index", str(index), "-k", "3")) == 3, "below max_df, the footer links"
    footer = tmp_path / "footer.txt"
    footer.write_text(FOOTER + "\n", encoding="utf-8")
    [hit] = sources(str(path), "--index", str(index), "-k", "3", "--exclude", str(footer))
    assert hit["id"] == "00.txt" and hit["matched_words"] == copied
    missing = run("search", str(path), "--index", str(index), "--exclude", str(tmp_path / "absent.txt"))
    assert missing.returncode == 2 and b"absent.txt" in missing.stderr and not missing.stdout


def test_the_library_and_the_core_take_the_same_boilerplate() -> None:
    index = _core.Index(max_df=10)
    index.add([(f"{n:02}", story(n) + " " + FOOTER, "{}") for n in range(12)])
    query = story(5, 2) + " " + story(98, 2) + " " + FOOTER
    query_words = len(_core.tokenize(query))
    assert index.boilerplate(query) == [(query_words - FOOTER_WORDS, query_words)]
    assert index.boilerplate(query, max_df=12) == []
    excluded = index.boilerplate(query, max_df=12, exclude=[FOOTER])
    assert excluded == [(query_words - FOOTER_WORDS, query_words)]
    assert [h.doc for h in index.search(query, k=3)] == [5]
    # In no more than max_df documents, the footer finds every story under it, unless given.
    assert len(index.search(query, k=3, max_df=12)) == 3
    assert [h.doc for h in index.search(query, k=3, max_df=12, boilerplate=excluded)] == [5]
    [hit] = search(index, query, k=3)
    assert hit.id == "05" and hit.matched == 24
    assert hit.score == 24 / (query_words - FOOTER_WORDS)
    assert len(search(index, query, k=3, max_df=12)) == 3
    with pytest.raises(ValueError, match="max_df"):
        index.boilerplate(query, max_df=1)
