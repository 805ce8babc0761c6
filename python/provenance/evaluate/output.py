"""The figures of an evaluation run as a reader or a program wants them."""

from __future__ import annotations

import json
from typing import Any


def format_result(result: dict[str, Any], as_json: bool) -> str:
    """Figures as JSON, or as indented lines for a reader."""
    if as_json:
        return json.dumps(result, indent=2) + "\n"
    lines: list[str] = []
    for name, value in result.items():
        if isinstance(value, dict) and name in ("system", "baseline"):
            lines.append(f"{name}:")
            for metric, figure in value.items():
                if metric == "sentence_f1":
                    for label, scores in figure.items():
                        lines.append(f"  f1[{label}] = {scores['f1']:.3f} (n={scores['support']})")
                else:
                    lines.append(f"  {metric} = {figure:.3f}" if isinstance(figure, float) else f"  {metric} = {figure}")
        elif isinstance(value, dict):
            lines.append(f"{name}:")
            lines.extend(f"  {key}: {_plain(item)}" for key, item in value.items())
        elif isinstance(value, list) and not all(isinstance(item, float) for item in value):
            lines.append(f"{name}:")
            lines.extend(f"  {_plain(item)}" for item in value)
        else:
            lines.append(f"{name}: {_plain(value)}")
    return "\n".join(lines) + "\n"


def _plain(value: Any) -> str:
    """A figure for a reader: floats to 3 decimals, a list of floats as a range, a dict on one line."""
    if isinstance(value, float):
        return f"{value:.3f}"
    if isinstance(value, list) and value and all(isinstance(item, float) for item in value):
        return "-".join(f"{item:.3f}" for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{k} {_plain(v)}" for k, v in value.items())
    return str(value)
