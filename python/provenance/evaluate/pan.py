"""PAN 2013 text alignment (``provenance eval pan``): the corpus read, the aligner run on each pair
(candidate = the suspicious document), and the PAN measures.

The measures are those of Potthast, Stein, Barrón-Cedeño and Rosso (COLING 2010) as the official
``pan13-text-alignment-perfmeasures.py`` computes them:

- a case and a detection are each a set of characters: the suspicious side's and the source side's
  (so a case of 300 suspicious and 500 source characters has 800);
- a detection *detects* a case when the two overlap on both sides, in the same pair of documents;
- recall: the mean over cases of the share of the case's characters inside the detections that
  detect it; precision: the mean over detections of the share of the detection's characters
  inside the cases it detects (macro averages, cases and detections pooled over the pairs scored);
- with neither cases nor detections, both are 1; with one and not the other, both are 0;
- granularity: the mean number of detections per detected case (1 when no case is detected);
- plagdet = F1(recall, precision) / log2(1 + granularity).

Offsets are characters of each file decoded as UTF-8, as the corpus defines them. The documents are
decoded here, strictly, not with ``provenance.read``: that reader replaces invalid bytes and refuses
a text dense with NUL characters, and the truth's offsets need each file exactly as UTF-8 decodes it.
"""

from __future__ import annotations

import json
import math
import random
import statistics
import time
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from provenance import _core, compare
from provenance.align import AlignOptions
from provenance.cases import CASE_WORD_OPTIONS, CaseOptions, find_reuse_cases
from provenance.evaluate.scoring import overlap
from provenance.progress import Progress, no_progress
from provenance.read import InputError
from provenance.spans import Span, SpanSet


@dataclass(frozen=True)
class Setting:
    """What is scored: word passages with these options, and sentence seeds joined to them
    (``provenance.cases``) unless ``sentences`` is None."""

    words: AlignOptions
    sentences: CaseOptions | None = None

    def options(self) -> dict[str, Any]:
        return {**vars(self.words), **(vars(self.sentences) if self.sentences else {})}


# Reuse cases as ``provenance.cases`` finds them (and ``Report.cases`` reports them).
REUSE_CASES = Setting(CASE_WORD_OPTIONS, CaseOptions())
# The settings before: the word passages alone, merged into cases (the first step of issue #11),
# and the comparison's plain passages (the only setting before it).
WORD_CASES = Setting(CASE_WORD_OPTIONS)
PLAIN_PASSAGES = Setting(AlignOptions())

# The class folders of the corpus, and the name each class goes by in the figures.
CLASS_FOLDERS = {
    "01-no-plagiarism": "no-plagiarism",
    "02-no-obfuscation": "none",
    "03-random-obfuscation": "random",
    "04-translation-obfuscation": "translation",
    "05-summary-obfuscation": "summary",
}


@dataclass(frozen=True)
class Alignment:
    """A reuse case or a detection: a stretch of the suspicious document and one of the source."""

    this: Span
    source: Span


@dataclass(frozen=True)
class PanPair:
    """One suspicious-source pair of the corpus, its class and its reuse cases."""

    suspicious: str
    source: str
    obfuscation: str
    cases: tuple[Alignment, ...]

    @property
    def name(self) -> str:
        return f"{Path(self.suspicious).stem}-{Path(self.source).stem}"


# ---------------------------------------------------------------------------------------------
# The measures.


def _length(span: Span) -> int:
    return max(0, span[1] - span[0])


def detects(detection: Alignment, case: Alignment) -> bool:
    """The detection overlaps the case on both sides (the pair of documents is the same)."""
    return overlap(detection.this, case.this) > 0 and overlap(detection.source, case.source) > 0


def _covered_share(target: Alignment, others: Sequence[Alignment]) -> float:
    """The share of the target's characters (both sides) inside the others that overlap it."""
    touching = [o for o in others if detects(o, target)]
    inside = SpanSet(o.this for o in touching).covered(target.this) + SpanSet(o.source for o in touching).covered(target.source)
    size = _length(target.this) + _length(target.source)
    return inside / size if size else 0.0


@dataclass
class PanTally:
    """Per-case and per-detection figures summed over pairs; `figures` gives the PAN measures."""

    cases: int = 0
    detections: int = 0
    recall_sum: float = 0.0
    precision_sum: float = 0.0
    detected_cases: int = 0
    detections_on_detected: int = 0
    pairs: int = 0
    pairs_with_detection: int = 0

    def add_pair(self, cases: Sequence[Alignment], detections: Sequence[Alignment]) -> None:
        self.pairs += 1
        self.pairs_with_detection += bool(detections)
        self.cases += len(cases)
        self.detections += len(detections)
        for case in cases:
            self.recall_sum += _covered_share(case, detections)
            hits = sum(1 for d in detections if detects(d, case))
            if hits:
                self.detected_cases += 1
                self.detections_on_detected += hits
        for detection in detections:
            self.precision_sum += _covered_share(detection, cases)

    def figures(self) -> dict[str, Any]:
        if not self.cases and not self.detections:
            recall = precision = 1.0
        elif not self.cases or not self.detections:
            recall = precision = 0.0
        else:
            recall, precision = self.recall_sum / self.cases, self.precision_sum / self.detections
        granularity = self.detections_on_detected / self.detected_cases if self.detected_cases else 1.0
        f1 = 2 * recall * precision / (recall + precision) if recall + precision else 0.0
        return {
            "plagdet": f1 / math.log2(1 + granularity),
            "recall": recall,
            "precision": precision,
            "granularity": granularity,
            "cases": self.cases,
            "detections": self.detections,
            "pairs": self.pairs,
            "pairs_with_detection": self.pairs_with_detection,
        }


# ---------------------------------------------------------------------------------------------
# The corpus.


def read_document(path: Path) -> str:
    """A corpus document as the truth's offsets count it: the file's bytes decoded as UTF-8."""
    try:
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise InputError(str(path), "no such file (a document the pairs file names)") from None
    except UnicodeDecodeError as err:
        raise InputError(str(path), f"is not valid UTF-8 (byte {err.start})") from None


def _truth(path: Path) -> tuple[Alignment, ...]:
    try:
        root = ElementTree.parse(path).getroot()
    except FileNotFoundError:
        raise InputError(str(path), "no such file (the truth of a listed pair)") from None
    except ElementTree.ParseError as err:
        raise InputError(str(path), f"not valid XML ({err})") from None
    cases = []
    for feature in root.iter("feature"):
        if feature.get("name") != "plagiarism":
            continue
        try:
            this, this_length = int(feature.get("this_offset", "")), int(feature.get("this_length", ""))
            source, source_length = int(feature.get("source_offset", "")), int(feature.get("source_length", ""))
        except ValueError:
            raise InputError(str(path), "a plagiarism feature without whole-number offsets and lengths") from None
        cases.append(Alignment((this, this + this_length), (source, source + source_length)))
    return tuple(sorted(cases, key=lambda c: c.this))


def read_pan(folder: Path) -> list[PanPair]:
    """Every pair of the class folders' `pairs` files, with its reuse cases, in corpus order."""
    if not folder.is_dir():
        raise InputError(str(folder), "no such directory (the PAN 2013 text alignment corpus)")
    pairs: list[PanPair] = []
    for class_folder, obfuscation in CLASS_FOLDERS.items():
        listing = folder / class_folder / "pairs"
        if not listing.is_file():
            raise InputError(str(listing), "no such file (each class folder lists its pairs)")
        for number, line in enumerate(listing.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            names = line.split()
            if len(names) != 2:
                raise InputError(str(listing), f"line {number}: expected a suspicious and a source document name")
            suspicious, source = names
            pair = PanPair(suspicious, source, obfuscation, ())
            pairs.append(PanPair(suspicious, source, obfuscation, _truth(folder / class_folder / f"{pair.name}.xml")))
    return pairs


def stratified_sample(pairs: Sequence[PanPair], per_class: int, seed: int) -> list[PanPair]:
    """`per_class` pairs drawn at random from each class (all of a smaller class), in corpus order."""
    rng = random.Random(seed)
    chosen: set[int] = set()
    for obfuscation in CLASS_FOLDERS.values():
        members = [i for i, p in enumerate(pairs) if p.obfuscation == obfuscation]
        chosen.update(rng.sample(members, min(per_class, len(members))))
    return [p for i, p in enumerate(pairs) if i in chosen]


def detections_xml(pair: PanPair, detections: Sequence[Alignment]) -> str:
    """Detections in PAN's output format (one file per pair, named as the truth file is)."""
    lines = [f"<document reference={quoteattr(pair.suspicious)}>"]
    for d in detections:
        lines.append(
            f'<feature name="detected-plagiarism" this_offset="{d.this[0]}" this_length="{_length(d.this)}"'
            f' source_reference={quoteattr(pair.source)} source_offset="{d.source[0]}"'
            f' source_length="{_length(d.source)}"/>'
        )
    lines.append("</document>")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# The run.

Detector = Callable[[str, str], list[Alignment]]


def passage_detector(setting: Setting) -> Detector:
    """The passages or cases alone, without the rest of a comparison."""
    params = setting.words.to_core()
    sentences = setting.sentences

    def detect(suspicious: str, source: str) -> list[Alignment]:
        if sentences is not None:
            return [Alignment(c.candidate, c.source) for c in find_reuse_cases(suspicious, source, setting.words, sentences)]
        return [Alignment(p.candidate, p.source) for p in _core.align(suspicious, source, params=params)]

    return detect


def compare_detector(setting: Setting, semantic: bool) -> Detector:
    """What a full comparison (``provenance.compare``: sentences, claims and all) reports: its
    cases for the reuse-case setting (the comparison's own), else its passages with ``words``."""
    if setting.sentences is not None and setting != REUSE_CASES:
        raise ValueError("a comparison reports reuse cases with the default settings only")

    def detect(suspicious: str, source: str) -> list[Alignment]:
        if setting.sentences is not None:
            report = compare(suspicious, source, semantic=semantic)
            return [Alignment(c.candidate, c.source) for c in report.cases]
        report = compare(suspicious, source, semantic=semantic, **vars(setting.words))
        return [Alignment(p.candidate, p.source) for p in report.passages]

    return detect


@dataclass
class _Run:
    overall: PanTally = field(default_factory=PanTally)
    by_class: dict[str, PanTally] = field(default_factory=dict)
    seconds: list[float] = field(default_factory=list)

    def figures(self) -> dict[str, Any]:
        clean = self.by_class.get("no-plagiarism")
        return {
            "overall": _rounded(self.overall.figures()),
            **{name: _rounded(tally.figures()) for name, tally in self.by_class.items()},
            "no_plagiarism_pairs_without_passage": (1 - clean.pairs_with_detection / clean.pairs) if clean else None,
            "seconds_per_pair": {
                "median": statistics.median(self.seconds) if self.seconds else 0.0,
                "p90": _percentile(self.seconds, 0.9),
                "total": sum(self.seconds),
            },
        }


def _rounded(figures: dict[str, Any]) -> dict[str, Any]:
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in figures.items()}


def _percentile(values: Sequence[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def evaluate_pan(
    folder: Path,
    semantic: bool = True,
    progress: Progress = no_progress,
    *,
    sample: int | None = None,
    seed: int = 0,
    passages_only: bool = False,
    xml_dir: Path | None = None,
    variants: dict[str, Setting] | None = None,
) -> dict[str, Any]:
    """PAN measures per obfuscation class and overall, for each setting in `variants` (default:
    the reuse cases, REUSE_CASES); the first setting's detections go to `xml_dir`."""
    pairs = read_pan(folder)
    if sample is not None:
        pairs = stratified_sample(pairs, sample, seed)
    settings = variants or {"reuse cases": REUSE_CASES}
    detectors = {
        name: passage_detector(options) if passages_only else compare_detector(options, semantic)
        for name, options in settings.items()
    }
    runs = {name: _Run() for name in settings}
    if xml_dir is not None:
        xml_dir.mkdir(parents=True, exist_ok=True)
    documents = folder
    for pair in progress(pairs, "pairs"):
        suspicious = read_document(documents / "susp" / pair.suspicious)
        source = read_document(documents / "src" / pair.source)
        for number, (name, detect) in enumerate(detectors.items()):
            started = time.perf_counter()
            detections = detect(suspicious, source)
            run = runs[name]
            run.seconds.append(time.perf_counter() - started)
            run.overall.add_pair(pair.cases, detections)
            run.by_class.setdefault(pair.obfuscation, PanTally()).add_pair(pair.cases, detections)
            if xml_dir is not None and number == 0:
                (xml_dir / f"{pair.name}.xml").write_text(detections_xml(pair, detections), encoding="utf-8")
    mode = (
        "cases or passages alone, no full comparison"
        if passages_only
        else "provenance.compare" + ("" if semantic else ", lexical")
    )
    result: dict[str, Any] = {
        "pairs": len(pairs),
        "sample": f"{sample} a class, seed {seed}" if sample is not None else "whole corpus",
        "mode": mode,
    }
    for name, run in runs.items():
        result[name] = {"options": settings[name].options(), **run.figures()}
    return result


def format_pan(result: dict[str, Any], as_json: bool) -> str:
    """The figures as JSON, or a table per setting for a reader."""
    if as_json:
        return json.dumps(result, indent=2) + "\n"
    lines = [f"{result['pairs']} pairs ({result['sample']}), {result['mode']}"]
    for name, run in result.items():
        if not isinstance(run, dict):
            continue
        options = ", ".join(f"{k} {v}" for k, v in run["options"].items())
        lines += [
            "",
            f"{name} ({options})",
            f"  {'class':<14} {'plagdet':>8} {'recall':>8} {'precision':>9} {'granularity':>11} {'cases':>6}",
        ]
        for cls in ("overall", *CLASS_FOLDERS.values()):
            if cls in run:
                f = run[cls]
                lines.append(
                    f"  {cls:<14} {f['plagdet']:>8.3f} {f['recall']:>8.3f} {f['precision']:>9.3f}"
                    f" {f['granularity']:>11.3f} {f['cases']:>6}"
                )
        clean = run["no_plagiarism_pairs_without_passage"]
        if clean is not None:
            lines.append(f"  no-plagiarism pairs without a passage: {clean:.3f}")
        t = run["seconds_per_pair"]
        lines.append(f"  seconds a pair: median {t['median']:.4f}, 90th percentile {t['p90']:.4f}, total {t['total']:.1f}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# Verdicts (``provenance eval pan --verdicts``): does a comparison call a pair with a reuse case
# derived, and a pair without one not derived?

# A case covering less than this share of the suspicious document is partial reuse: the METER
# corpus's partially derived (the same share the verdict's ``whole`` needs of the prose).
PARTIAL_CASE_SHARE = 0.5


def _verdict_group(pair: PanPair) -> str:
    """The class, with the summary class split: most of its pairs carry no case (unrelated news)."""
    if pair.obfuscation == "summary" and not pair.cases:
        return "summary, no case"
    return pair.obfuscation


VERDICT_GROUPS = ("none", "random", "translation", "summary", "no-plagiarism", "summary, no case")


def verdict_sample(pairs: Sequence[PanPair], per_group: int, seed: int) -> list[PanPair]:
    """`per_group` pairs drawn at random from each verdict group (all of a smaller one), in corpus order."""
    rng = random.Random(seed)
    chosen: set[int] = set()
    for group in VERDICT_GROUPS:
        members = [i for i, p in enumerate(pairs) if _verdict_group(p) == group]
        chosen.update(rng.sample(members, min(per_group, len(members))))
    return [p for i, p in enumerate(pairs) if i in chosen]


def case_share(pair: PanPair, suspicious: str) -> float:
    """The share of the suspicious document's characters inside its reuse cases."""
    return SpanSet(c.this for c in pair.cases).covered() / len(suspicious) if suspicious else 0.0


def evaluate_pan_verdicts(
    folder: Path,
    semantic: bool = True,
    progress: Progress = no_progress,
    *,
    sample: int | None = None,
    seed: int = 0,
) -> dict[str, Any]:
    """The verdict of a plain comparison (``provenance compare``'s settings) on each pair: the share
    of pairs with a case called derived, partial where the case is a small share of the suspicious
    document, and the share of pairs without a case not called derived. ``before`` is the verdict
    without the partial-reuse rules (copied prose above ``MIN_PROSE_WORDS``, a reworded case of
    ``REWORDED_MIN_WORDS``), from the same run."""
    from dataclasses import replace

    from provenance.api import compare_with_evidence
    from provenance.judge import decide

    pairs = read_pan(folder)
    if sample is not None:
        pairs = verdict_sample(pairs, sample, seed)
    rows: list[dict[str, Any]] = []
    for pair in progress(pairs, "pairs"):
        suspicious = read_document(folder / "susp" / pair.suspicious)
        source = read_document(folder / "src" / pair.source)
        report, evidence = compare_with_evidence(suspicious, source, semantic=semantic)
        before = decide(replace(evidence, reused_words=0, reused_passages=0, reworded_words=0))
        rows.append(
            {
                "pair": pair.name,
                "group": _verdict_group(pair),
                "case": bool(pair.cases),
                "case_share": round(case_share(pair, suspicious), 4),
                "relation": report.verdict.relation,
                "extent": report.verdict.extent,
                "before": before.relation,
                "reused_words": evidence.reused_words,
                "supported_prose": round(evidence.supported_prose, 4),
            }
        )
    groups: dict[str, Any] = {}
    for group in VERDICT_GROUPS:
        members = [r for r in rows if r["group"] == group]
        if members:
            groups[group] = _verdict_figures(members)
    return {
        "pairs": len(rows),
        "sample": f"{sample} a group, seed {seed}" if sample is not None else "whole corpus",
        "mode": "provenance.compare, default settings" + ("" if semantic else ", lexical"),
        "with_case": _verdict_figures([r for r in rows if r["case"]]),
        "without_case": _verdict_figures([r for r in rows if not r["case"]]),
        "groups": groups,
        "wrong": [r for r in rows if (r["relation"] == "derived") != r["case"]],
    }


def _verdict_figures(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    def share(count: int, total: int) -> float | None:
        return round(count / total, 4) if total else None

    derived = [r for r in rows if r["relation"] == "derived"]
    small = [r for r in derived if r["case"] and r["case_share"] < PARTIAL_CASE_SHARE]
    return {
        "pairs": len(rows),
        "derived": share(len(derived), len(rows)),
        "derived_before": share(sum(1 for r in rows if r["before"] == "derived"), len(rows)),
        "independent": share(sum(1 for r in rows if r["relation"] == "independent"), len(rows)),
        "unrelated": share(sum(1 for r in rows if r["relation"] == "unrelated"), len(rows)),
        "partial_where_case_small": share(sum(1 for r in small if r["extent"] == "partial"), len(small)),
    }


def format_pan_verdicts(result: dict[str, Any], as_json: bool) -> str:
    if as_json:
        return json.dumps(result, indent=2) + "\n"

    def pct(value: float | None) -> str:
        return f"{value:.3f}" if value is not None else "-"

    lines = [
        f"{result['pairs']} pairs ({result['sample']}), {result['mode']}",
        "",
        f"  {'pairs':<18} {'n':>5} {'derived':>8} {'before':>8} {'independent':>12} {'unrelated':>10} {'partial*':>9}",
    ]
    named = [("with a case", result["with_case"]), ("without a case", result["without_case"]), *result["groups"].items()]
    for name, f in named:
        if not f["pairs"]:
            continue
        lines.append(
            f"  {name:<18} {f['pairs']:>5} {pct(f['derived']):>8} {pct(f['derived_before']):>8}"
            f" {pct(f['independent']):>12} {pct(f['unrelated']):>10} {pct(f['partial_where_case_small']):>9}"
        )
    lines += [
        "",
        "  derived: share called derived; before: the same without the partial-reuse rules;",
        f"  partial*: share called partial of the derived pairs whose case is under {PARTIAL_CASE_SHARE:.0%} of the document",
        f"  wrong: {len(result['wrong'])} pairs (--json lists them)",
    ]
    return "\n".join(lines) + "\n"
