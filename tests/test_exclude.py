"""--exclude: template or boilerplate text both texts carry (an assignment's instructions, a site's
standard paragraph) is not reported as reuse; what is copied besides it still is."""

from __future__ import annotations

from pathlib import Path

from cli_run import one_line_error, run
from provenance import compare

INSTRUCTIONS = (
    "Assignment three. Write an essay of about five hundred words on the causes of the industrial "
    "revolution in Britain, citing at least two sources, and submit it through the course portal "
    "before the end of the second week of term."
)
ESSAY_A = (
    "Coal lay close to the surface in the north of England, and canals made it cheap to move. "
    "Cheap fuel let mill owners run steam engines day and night, which changed where people worked. "
    "Banks in London lent to inventors who could show a working machine."
)
ESSAY_B = (
    "Britain had a large colonial market that bought cotton cloth in quantities no workshop could supply. "
    "Patent law protected those who improved spinning and weaving, so tinkering paid. "
    "A growing population moved to towns where the new factories needed hands."
)


def test_shared_instructions_are_not_reuse() -> None:
    candidate, source = f"{INSTRUCTIONS}\n\n{ESSAY_B}", f"{INSTRUCTIONS}\n\n{ESSAY_A}"
    plain = compare(candidate, source, semantic=False)
    assert plain.passages and plain.verdict.relation == "derived", "the instructions alone look copied"
    excluded = compare(candidate, source, semantic=False, exclude=[INSTRUCTIONS])
    assert not excluded.passages
    assert excluded.verdict.relation != "derived"
    labels = {s.label for s in excluded.sentences if s.candidate[1] <= len(INSTRUCTIONS)}
    assert labels == {"boilerplate"}


def test_copying_beside_the_template_is_still_found() -> None:
    candidate, source = f"{INSTRUCTIONS}\n\n{ESSAY_A}", f"{INSTRUCTIONS}\n\n{ESSAY_A}\n\nA closing remark of its own."
    report = compare(candidate, source, semantic=False, exclude=[INSTRUCTIONS])
    assert report.verdict.relation == "derived"
    assert all(p.candidate[0] >= len(INSTRUCTIONS) for p in report.passages)


def test_exclude_at_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "template.txt").write_text(INSTRUCTIONS, encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"{INSTRUCTIONS}\n\n{ESSAY_B}", encoding="utf-8")
    (tmp_path / "a.txt").write_text(f"{INSTRUCTIONS}\n\n{ESSAY_A}", encoding="utf-8")
    names = [str(tmp_path / n) for n in ("b.txt", "a.txt")]
    result = run("compare", "--lexical", "--summary", "--exclude", str(tmp_path / "template.txt"), *names)
    assert result.returncode == 0, result.stderr.decode()
    assert b"DERIVED" not in result.stdout
    one_line_error(run("compare", "--exclude", str(tmp_path / "missing.txt"), *names), "missing.txt", "no such file")
