"""What a first-time user of compare and render meets on new texts (review 2): options that would
be silently ignored, and reasons a reader must be able to check."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import tempfile
from contextlib import suppress
from dataclasses import replace
from pathlib import Path

import pytest

from cli_run import PROVENANCE, one_line_error, run
from provenance import compare
from provenance.render import render_html, render_sources_html, render_sources_text, render_text
from provenance.report import (
    AttributedClaim,
    Coverage,
    Document,
    MultiSourceReport,
    Passage,
    QuoteFinding,
    Report,
    Verdict,
)
from test_render_html import _span, _with_changed_facts, sample_report


@pytest.mark.parametrize("output_format", ["json", "html"])
def test_summary_with_a_whole_report_format_is_refused(
    example_pair: tuple[Path, Path], tmp_path: Path, output_format: str
) -> None:
    # --summary shortens the text report only; with JSON or HTML it was ignored without a word.
    out = tmp_path / "report.out"
    result = run("compare", *map(str, example_pair), "--summary", "--format", output_format, "-o", str(out))
    one_line_error(result, "--summary", f"--format {output_format}")
    assert not out.exists()


def test_render_refuses_summary_with_html_too(example_pair: tuple[Path, Path], tmp_path: Path) -> None:
    saved = tmp_path / "report.json"
    assert run("compare", *map(str, example_pair), "--lexical", "--format", "json", "-o", str(saved)).returncode == 0
    one_line_error(run("render", str(saved), "--summary", "--format", "html"), "--summary")
    assert run("render", str(saved), "--summary").returncode == 0


def _finding(page: str, link: str) -> str:
    found = re.search(rf'<li class="finding" data-link="{link}"[^>]*>(.*?)</li>', page)
    assert found, link
    return found.group(1)


def test_a_claim_without_source_words_shows_where_its_sentence_comes_from() -> None:
    """A reason such as "'430' where the supporting source sentence has 340", or "the number '47'
    does not appear in the source" beside "$0.47", showed no source at all: it could not be checked
    without searching the source. Now the source sentence the claim's sentence comes from is shown,
    in the text report as its line; a claim in a sentence the source does not support shows none."""
    report = _with_changed_facts(sample_report())
    page = render_html(report)
    tuesday = report.added.index(next(c for c in report.added if c.text == "Tuesday"))
    row = _finding(page, f"c-a{tuesday}")
    assert '<span class="side">source l.1</span>Prime Minister Mark Carney met President Donald Trump' in row
    deal = report.added.index(next(c for c in report.added if c.text == "$40 billion"))
    assert "source l." not in _finding(page, f"c-a{deal}"), "its sentence is one the source does not support"
    text = render_text(report, color=False, width=None)
    assert "  Tuesday  line 3 (source line 1): 'Tuesday' where the source has Monday" in text


def test_a_paraphrase_of_two_source_sentences_shows_both() -> None:
    """A paraphrase drawing on two source sentences listed the first alone: the figure it took
    from the second ("340 enterprise customers") was nowhere beside it."""
    report = sample_report()
    s = report.source.text
    officials = _span(s, "Officials said a working group would meet again in June.")
    index, pay = next((i, x) for i, x in enumerate(report.sentences) if x.label == "paraphrase" and x.score == 0.55)
    sentences = list(report.sentences)
    sentences[index] = replace(pay, source=[*pay.source, officials])
    row = _finding(render_html(replace(report, sentences=sentences)), f"c-s{index}")
    assert "Trump said the meeting was friendly" in row and "Officials said a working group would meet again in June." in row


def test_html_excerpts_mark_paragraph_breaks_as_the_text_report_does() -> None:
    """A reuse case from the headline on: the page showed "Ex-councillor jailed over housing grant
    fraud A former Lowbridge councillor ...", the heading run into the sentence; the text report
    marks the break with ¶, and so does the page now."""
    report = sample_report()
    c, s = report.candidate.text, report.source.text
    meeting = "at the White House on Tuesday."
    case = Passage("near_verbatim", (0, c.index(meeting) + len(meeting)), (0, s.index(meeting) + len(meeting)), 0.9)
    page = render_html(replace(report, cases=[case]))
    assert "Carney and Trump: A Historic Reset ¶ Prime Minister Mark Carney" in page
    assert "Carney and Trump: A Historic Reset Prime Minister" not in page
    assert "Carney and Trump: A Historic Reset ¶ " in render_text(replace(report, cases=[case]), color=False, width=None)


def test_summary_qualifies_a_copy_made_of_shared_quotations() -> None:
    """Two reports of one storm sharing the harbourmaster's words: `--summary` read "INDEPENDENT"
    then "copied 13%" with nothing to reconcile them (the full report says it on a line of its own);
    the summary's coverage line now says it in place, and stays one of four lines."""
    from test_review_render import CANDIDATE, SOURCE

    report = compare(CANDIDATE, SOURCE, semantic=False)
    assert report.verdict.relation == "independent"
    lines = render_text(report, color=False, summary=True, width=None).strip().splitlines()
    assert len(lines) == 4
    assert lines[2].startswith("Coverage of the candidate: copied ")
    assert "(all of it inside quotations of the source) · paraphrased" in lines[2]


def test_counts_are_written_as_the_headline_writes_them() -> None:
    """A long comparison's counts line read "1136 source sentences omitted" under a headline of
    "960 of 1,120 sentences": every count now has its thousands separated, on the page too."""
    report = sample_report(filler=1000)
    assert len(report.omitted) == 1002
    summary = render_text(report, color=False, summary=True, width=None)
    assert "· 1,002 source sentences omitted" in summary
    full = render_text(report, color=False, width=None)
    assert "Omitted from the source: 1,002 sentences" in full and "… and 1,002" not in full
    page = render_html(report)
    assert "<b>1,002</b> omitted source sentences" in page and "Omitted from the source (1,002)" in page


def test_the_added_claims_table_says_where_to_check_a_claim() -> None:
    """The text report's added claims gave the candidate's line alone; a claim in a sentence the
    source supports now names that sentence's source line too, as the page shows it."""
    lines = render_text(sample_report(), color=False, width=None).splitlines()
    badly = next(line for line in lines if line.startswith("exaggeration") and " badly " in line)
    assert badly.rstrip().endswith("line 5 (source line 3)")
    deal = next(line for line in lines if line.startswith("number") and "$40 billion" in line)
    assert deal.rstrip().endswith("line 11"), "its sentence is one the source does not support"


def test_the_candidate_among_several_sources_is_left_out(tmp_path: Path) -> None:
    """'compare essay.txt *.txt' in the essay's folder: the essay, as a source, explained all of
    itself and left the real source at 0%. It is left out now, with a warning; a single source is
    still compared as asked."""
    source = tmp_path / "source.txt"
    source.write_text(
        "When Martin Luther posted his ninety-five theses in 1517, printing with movable type had existed in Europe "
        "for about seventy years. Within weeks, copies of the theses had been printed in several German cities.\n",
        encoding="utf-8",
    )
    essay = tmp_path / "essay.txt"
    essay.write_text(
        "My essay. When Martin Luther posted his ninety-five theses in 1517, printing with movable type had existed "
        "in Europe for about seventy years. I think that printing mattered a great deal.\n",
        encoding="utf-8",
    )
    result = run("compare", "--lexical", "--summary", str(essay), str(essay), str(source), cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stderr.decode() == f"provenance: warning: {essay}: is the candidate itself; left out of the sources\n"
    out = result.stdout.decode()
    assert f"vs  source {source} (" in out, "compared with the one real source"
    alone = run("compare", "--lexical", "--summary", str(essay), str(essay))
    assert alone.returncode == 0 and alone.stderr == b"" and "DERIVED (whole)" in alone.stdout.decode()


def test_search_says_when_a_hit_is_the_candidates_own_text(tmp_path: Path) -> None:
    """A teacher indexes the class's folder and searches each essay in it: the first hit, score
    1.000, was the essay itself with nothing to say so (and a document handed in twice looks the
    same). The line says it is the same text as the candidate; other hits say nothing."""
    examples = Path(__file__).resolve().parents[1] / "examples"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("original.txt", "rewrite.txt"):
        (corpus / name).write_text((examples / name).read_text(encoding="utf-8"), encoding="utf-8")
    index = tmp_path / "c.idx"
    assert run("index", "build", str(corpus), "-o", str(index)).returncode == 0
    result = run("search", str(corpus / "rewrite.txt"), "--index", str(index))
    assert result.returncode == 0, result.stderr.decode()
    ranked = [line for line in result.stdout.decode().splitlines() if re.match(r"\s+\d+\. ", line)]
    assert len(ranked) == 2
    own = next(line for line in ranked if "rewrite.txt" in line)
    other = next(line for line in ranked if "original.txt" in line)
    assert own.endswith("  the same text as the candidate") and "same text" not in other


def _on_a_terminal(*args: str) -> tuple[int, bytes, bytes]:
    """Run the command line with its standard output on a pseudo-terminal: exit code, what the
    terminal showed, standard error."""
    try:
        controller, terminal = pty.openpty()
    except OSError as err:  # a container without /dev/ptmx
        pytest.skip(f"no pseudo-terminal: {err}")
    with tempfile.TemporaryFile() as err:
        try:
            process = subprocess.Popen([*PROVENANCE, *args], stdout=terminal, stderr=err)
            os.close(terminal)
            # Read while it writes (a terminal holds a few kilobytes); EIO once its end is closed.
            shown = b""
            with suppress(OSError):
                while chunk := os.read(controller, 65536):
                    shown += chunk
            code = process.wait(timeout=120)
        finally:
            os.close(controller)
        err.seek(0)
        return code, shown, err.read()


def test_a_page_is_not_printed_on_a_terminal(example_pair: tuple[Path, Path], tmp_path: Path) -> None:
    """'compare A B --format html' on a terminal filled it with markup; it now asks for a file
    before doing the work, and '-o -' or a pipe still print the page."""
    code, shown, err = _on_a_terminal("compare", "--lexical", *map(str, example_pair), "--format", "html")
    assert code == 2 and shown == b""
    assert err.decode() == "provenance: error: --format html writes a web page: give -o FILE.html (or -o - to print it here)\n"
    code, shown, _ = _on_a_terminal("compare", "--lexical", *map(str, example_pair), "--format", "html", "-o", "-")
    assert code == 0 and shown.startswith(b"<!DOCTYPE html>")
    code, shown, _ = _on_a_terminal("compare", "--lexical", *map(str, example_pair), "--format", "json")
    assert code == 0 and shown.lstrip().startswith(b"{"), "JSON on a terminal is readable"
    piped = run("compare", "--lexical", *map(str, example_pair), "--format", "html")
    assert piped.returncode == 0 and piped.stdout.startswith(b"<!DOCTYPE html>")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in example_pair:
        (corpus / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    code, shown, err = _on_a_terminal("corpus", str(corpus), "--format", "html")
    assert code == 2 and shown == b"" and b"-o FILE.html" in err


def test_several_sources_show_where_to_check_a_claim_beyond_them() -> None:
    """The several-sources list of what the candidate adds beyond them gave a claim without source
    words no source side; it shows the sentence of the source its sentence comes from, on the page
    and as a line in the text report."""
    report = _with_changed_facts(sample_report())
    tuesday = next(c for c in report.added if c.text == "Tuesday")
    multi = MultiSourceReport(report.candidate, [report], added=[AttributedClaim(0, tuesday)])
    page = render_sources_html(multi)
    beyond = page[page.index('id="added-beyond"') : page.index("</section>", page.index('id="added-beyond"'))]
    assert '<span class="side">source l.1</span>Prime Minister Mark Carney met President Donald Trump' in beyond
    text = render_sources_text(multi, color=False, width=None)
    assert any("Tuesday" in line and line.rstrip().endswith("line 3 (source line 1)") for line in text.splitlines())


def test_an_independent_headline_does_not_call_a_fabricated_quotation_one_in_common() -> None:
    """An essay quoting two phrases the source has as its own prose: the verdict line read
    "INDEPENDENT · 2 quotations in common" beside "2 fabricated" in the counts. A quotation in
    common is one the source has as a quotation too; a fabricated one is said as such."""
    from provenance.render.headline import details

    source = "Print gave the reform movement a speed and reach that earlier dissenters never had."
    candidate = 'The historian says print offered "a speed and reach" that earlier critics lacked. I disagree.'
    quote = _span(candidate, '"a speed and reach"')
    report = Report(
        candidate=Document("essay.txt", candidate),
        source=Document("reading.txt", source),
        verdict=Verdict("independent", 0.6, []),
        coverage=Coverage(),
        quotes=[QuoteFinding(quote, "fabricated", _span(source, "a speed and reach"), "only outside quotation marks")],
    )
    assert details(report) == "1 fabricated quotation, too little copied prose to be derived"
    exact = replace(report, quotes=[replace(report.quotes[0], status="exact")])
    assert details(exact) == "1 quotation in common, too little copied prose to be derived"


@pytest.mark.parametrize("color", [False, True])
def test_no_line_of_the_text_report_ends_in_table_padding(color: bool) -> None:
    """Written to a file or a pipe, the added claims table padded its lines to the widest cell:
    trailing spaces on a line of every row, in grep's and diff's way; none now, coloured or not."""
    report = _with_changed_facts(sample_report())
    for width in (None, 80):
        output = render_text(report, color=color, width=width)
        padded = [line for line in output.splitlines() if re.search(r" (?:\x1b\[[0-9;]*m)*$", line)]
        assert not padded, padded
    assert "Added claims" in output and "exaggeration" in output
