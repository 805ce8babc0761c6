"""Measuring the detector (``provenance eval ...``): a report scored against annotations beside a
plain lexical baseline, and the public benchmarks.

- ``scoring``: the matching rules (sentence labels, added spans, quotations, verdicts, decisions);
- ``baseline``: the lexical baseline the system is measured beside;
- ``datasets``: readers of the annotation file and of the datasets, which fail with InputError;
- ``runs``: read, compare, score — one function per ``provenance eval`` subcommand;
- ``output``: the figures as text or JSON.

Research models fitted on a dataset (the Clough & Stevenson four levels) live in ``tools/``.
"""

from provenance.evaluate.output import format_result
from provenance.evaluate.runs import evaluate_clough, evaluate_gold, evaluate_mrpc, evaluate_paws, evaluate_xsumfaith

__all__ = ["evaluate_clough", "evaluate_gold", "evaluate_mrpc", "evaluate_paws", "evaluate_xsumfaith", "format_result"]
