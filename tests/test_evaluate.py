"""The scoring rules of the evaluation on hand-made reports, the dataset readers on small files, and
`provenance eval` on missing and malformed inputs."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from conftest import DATASETS
from provenance import cli
from provenance.evaluate import evaluate_gold, evaluate_mrpc, evaluate_paws
from provenance.evaluate.baseline import baseline_report
from provenance.evaluate.scoring import Tally, spans_match
from provenance.report import AddedClaim, Coverage, Document, QuoteFinding, Report, SentenceFinding, Verdict


def test_span_matching_needs_half_of_the_shorter_span() -> None:
    assert spans_match((10, 20), (0, 40))
    assert spans_match((10, 20), (15, 40))
    assert not spans_match((10, 20), (16, 40))
    assert not spans_match((0, 0), (0, 10))


def report(labels: list[tuple[tuple[int, int], str]], added: list[tuple[int, int]], relation: str = "derived") -> Report:
    return Report(
        Document("c", "x" * 100),
        Document("s", "y"),
        Verdict(relation, 0.9),  # type: ignore[arg-type]
        Coverage(),
        sentences=[SentenceFinding(span, label, [], 1.0) for span, label in labels],  # type: ignore[arg-type]
        added=[AddedClaim(span, "other", "", "") for span in added],
        quotes=[QuoteFinding((0, 5), "exact", (0, 5))],
    )


def test_tally_figures() -> None:
    case = {
        "relation": "spun_rewrite",
        "sentences": [
            {"cand_span": [0, 10], "label": "copied", "text": "", "added_spans": []},
            {"cand_span": [11, 30], "label": "added", "text": "", "added_spans": [{"span": [11, 30], "type": "other"}]},
            {"cand_span": [31, 60], "label": "paraphrase", "text": "", "added_spans": [{"span": [40, 45], "type": "number"}]},
        ],
        "quotes": [{"cand_span": [0, 5], "status": "exact"}, {"cand_span": [70, 80], "status": "altered"}],
    }
    tally = Tally()
    tally.add_case(case, report([((0, 10), "copied"), ((11, 30), "added"), ((31, 60), "added")], [(11, 30), (50, 58)]), "x" * 100)
    figures = tally.figures()
    assert figures["sentence_f1"]["copied"]["f1"] == 1.0
    assert figures["sentence_f1"]["paraphrase"]["f1"] == 0.0
    assert abs(figures["sentence_f1"]["added"]["f1"] - 2 / 3) < 1e-9
    assert figures["added_recall"] == 0.5
    assert figures["added_precision"] == 0.5
    assert figures["quote_accuracy"] == 0.5
    assert figures["verdict_accuracy"] == 1.0


def test_baseline_labels_by_containment() -> None:
    source = "The council approved the budget on Monday. The mayor praised it."
    candidate = "The council approved the budget on Monday. Aliens landed in the park."
    assert [s.label for s in baseline_report(candidate, source, quotes=[]).sentences] == ["copied", "added"]


def write_gold(folder: Path, case: Any = None) -> Path:
    """A one-case annotation file with its two texts beside it; `case` replaces the case."""
    (folder / "c.txt").write_text("The council approved the budget on Monday. Aliens landed.", encoding="utf-8")
    (folder / "s.txt").write_text("The council approved the budget on Monday.", encoding="utf-8")
    default = {
        "candidate": "c.txt",
        "source": "s.txt",
        "relation": "light_edit_copy",
        "sentences": [{"cand_span": [0, 42], "label": "copied", "text": "", "added_spans": []}],
        "quotes": [],
    }
    (folder / "gold.json").write_text(json.dumps([default if case is None else case]), encoding="utf-8")
    return folder / "gold.json"


def test_evaluate_gold_reads_texts_beside_the_annotations(tmp_path: Path) -> None:
    result = evaluate_gold(write_gold(tmp_path), semantic=False)
    assert result["system"]["sentence_f1"]["copied"]["f1"] == 1.0
    assert result["system"]["verdict_accuracy"] == 1.0


def test_mrpc_reader_keeps_the_first_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    lines = [
        "1\t1\t2\tThe council approved the budget on Monday.\tOn Monday the council approved the budget.",
        "0\t3\t4\tThe mayor praised the plan.\tDragons landed in the harbour at dawn.",
    ]
    (data / "msr_paraphrase_test.txt").write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))
    result = evaluate_mrpc(tmp_path, semantic=False)
    assert result["pairs"] == 2
    assert result["accuracy"] == 1.0


def test_paws_counts_a_word_swap_as_another_meaning(tmp_path: Path) -> None:
    data = tmp_path / "data" / "final"
    data.mkdir(parents=True)
    lines = [
        "1\tFlights from New York to Florida were cancelled on Monday .\t"
        "Flights from Florida to New York were cancelled on Monday .\t0",
        "2\tThe museum opened in 1998 in the old harbour .\tThe museum opened in 1998 in the old harbour .\t1",
    ]
    (data / "test.tsv").write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    result = evaluate_paws(tmp_path, semantic=False)
    assert result["pairs"] == 2
    assert result["accuracy"] == 1.0
    # Without the contradiction checks both pairs pass as paraphrases.
    assert result["sentence_labels_alone"]["accuracy"] == 0.5


# --- provenance eval on bad input: one line on stderr naming the file and the problem, exit 2 ---


def run_eval(*args: str) -> Result:
    return CliRunner().invoke(cli.main, ["eval", *args])


def assert_one_line_error(result: Result, *needles: str) -> None:
    assert result.exit_code == 2, (result.output, result.exception)
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("gold", "absent.json"), "absent.json"),
        (("clough", "absent"), "absent"),
        (("mrpc", "absent"), "absent"),
        (("paws", "absent"), "absent"),
        (("xsumfaith", "absent", "absent-frank"), "absent"),
    ],
)
def test_eval_missing_input(tmp_path: Path, args: tuple[str, ...], needle: str) -> None:
    command, *paths = args
    assert_one_line_error(run_eval(command, *(str(tmp_path / p) for p in paths)), needle, "no such file")


@pytest.mark.parametrize(
    ("args", "expected_file"),
    [
        (("clough",), "file_information.csv"),
        (("mrpc",), "msr_paraphrase_test.txt"),
        (("paws", "--split", "dev"), "dev.tsv"),
        (("xsumfaith", "."), "hallucination_annotations_xsum_summaries.csv"),
    ],
)
def test_eval_folder_without_the_dataset_files(tmp_path: Path, args: tuple[str, ...], expected_file: str) -> None:
    command, *rest = args
    extra = [str(tmp_path) if a == "." else a for a in rest]
    assert_one_line_error(run_eval(command, str(tmp_path), *extra), expected_file, "no such file")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('[{"candidate": "c.txt"', "not valid JSON"),
        ('{"candidate": "c.txt"}', "not a JSON list"),
        ('[{"candidate": "c.txt"}]', "case 1: no 'source'"),
        (
            '[{"candidate": "c.txt", "source": "s.txt", "sentences": [{"cand_span": [0], "label": "copied"}]}]',
            "case 1: a sentence",
        ),
        ('[{"candidate": "c.txt", "source": "gone.txt"}]', "not found beside"),
    ],
)
def test_eval_gold_malformed_annotations(tmp_path: Path, content: str, problem: str) -> None:
    gold = write_gold(tmp_path)
    gold.write_text(content, encoding="utf-8")
    needle = "gone.txt" if "gone.txt" in content else "gold.json"
    assert_one_line_error(run_eval("gold", str(gold)), needle, problem)


def test_eval_gold_missing_texts_folder(tmp_path: Path) -> None:
    assert_one_line_error(
        run_eval("gold", str(write_gold(tmp_path)), "--texts", str(tmp_path / "nowhere")), "nowhere", "no such file"
    )


def test_eval_malformed_tsv_names_the_line(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "msr_paraphrase_test.txt").write_text("1\t1\t2\tOne.\tOne.\n1\t3\tonly three\n", encoding="utf-8")
    assert_one_line_error(run_eval("mrpc", str(tmp_path)), "msr_paraphrase_test.txt", "line 2", "expected 5")
    (tmp_path / "data" / "final").mkdir()
    (tmp_path / "data" / "final" / "test.tsv").write_text("1\tOne.\tOne.\tyes\n", encoding="utf-8")
    assert_one_line_error(run_eval("paws", str(tmp_path)), "test.tsv", "pair 1", "expected 0 or 1")


def test_eval_malformed_csv_names_the_missing_column(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "file_information.csv").write_text("File,Task\ng0pA_taska.txt,a\n", encoding="utf-8")
    assert_one_line_error(run_eval("clough", str(tmp_path)), "file_information.csv", "Category")
    frank = tmp_path / "frank" / "data" / "articles-wbertscore-json"
    frank.mkdir(parents=True)
    (tmp_path / "hallucination_annotations_xsum_summaries.csv").write_text("bbcid,system,summary\n1,x,y\n", encoding="utf-8")
    assert_one_line_error(
        run_eval("xsumfaith", str(tmp_path), str(tmp_path / "frank")), "hallucination_annotations", "hallucination_type"
    )


def test_eval_options_after_the_subcommand(tmp_path: Path) -> None:
    gold = write_gold(tmp_path)
    after = run_eval("gold", str(gold), "--json", "--lexical")
    assert after.exit_code == 0, after.output
    before = run_eval("--json", "--lexical", "gold", str(gold))
    assert json.loads(after.stdout) == json.loads(before.stdout)
    assert json.loads(after.stdout)["system"]["verdict_accuracy"] == 1.0
    assert not run_eval("gold", str(gold), "--lexical").stdout.lstrip().startswith("{")


def test_eval_progress_only_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gold = write_gold(tmp_path)
    shown: list[str] = []

    def track(items: Sequence[Any], description: str, **_: Any) -> Iterable[Any]:
        shown.append(description)
        return items

    monkeypatch.setattr("rich.progress.track", track)
    quiet = run_eval("gold", str(gold), "--lexical")
    assert quiet.exit_code == 0 and quiet.stderr == "" and shown == []
    monkeypatch.setattr(cli, "_on_terminal", lambda: True)
    assert run_eval("gold", str(gold), "--lexical").exit_code == 0
    assert shown == ["annotated pairs"]


XSUMFAITH, FRANK = DATASETS / "xsumfaith-hallucination-spans", DATASETS / "frank"


@pytest.mark.slow
@pytest.mark.skipif(not (XSUMFAITH.is_dir() and FRANK.is_dir()), reason="XSumFaith or FRANK not in ../shared/datasets")
def test_xsumfaith_floor() -> None:
    from provenance.evaluate.runs import evaluate_xsumfaith

    result = evaluate_xsumfaith(XSUMFAITH, FRANK, semantic=False)
    assert result["summaries"] == 1255
    # Measured lexically 0.700 / 0.778, the content claims alone 0.614 / 0.816 (docs/evaluation.md,
    # in-sample: rules were refined on these summaries' errors); the floors sit below with a margin.
    assert result["added_recall"] >= 0.65
    assert result["added_precision"] >= 0.75
    assert result["content_claims_recall"] >= 0.58
    assert result["content_claims_precision"] >= 0.79
