"""The command line: ``provenance compare CANDIDATE SOURCE``.

Exit codes: 0 the comparison ran (whatever it found); 2 bad input or bad usage. Errors are one
line on stderr naming the file and the problem.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import click

from provenance import _core
from provenance.align import AlignOptions
from provenance.read import InputError

EXIT_USAGE = 2
EPILOG = "Exit codes: 0 done (whatever was found), 2 bad input or usage."


def fail(message: str) -> NoReturn:
    click.echo(f"provenance: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


def write_atomically(path: Path, content: str) -> None:
    """Write `content` to `path` through a temporary file, so no reader sees half a report."""
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        fail(f"{path}: directory {directory} does not exist")
    try:
        fd, tmp_name = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as tmp:
            tmp.write(content)
        os.replace(tmp_name, path)
    except OSError as err:
        if "tmp_name" in locals() and os.path.exists(tmp_name):
            os.unlink(tmp_name)
        fail(f"{path}: cannot be written ({err.strerror or err})")


def use_color(flag: bool | None, output: Path | None) -> bool:
    if flag is not None:
        return flag
    if output is not None or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def version_text() -> str:
    from provenance.embedding import model_status

    return f"provenance {_core.__version__} ({_core.build_profile} build)\nsemantic model: {model_status()}"


def print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(version_text())
        ctx.exit()


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=EPILOG)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=print_version,
    help="Show the version and whether the semantic model is available.",
)
def main() -> None:
    """Find what a text copied, paraphrased, added and misquoted from its source."""


def alignment_options(command: Callable[..., Any]) -> Callable[..., Any]:
    defaults = AlignOptions()
    for option in reversed(
        [
            click.option("--ngram", type=click.IntRange(1, 16), default=defaults.ngram, show_default=True,
                         help="Words per matching seed."),
            click.option("--max-gap", type=click.IntRange(0), default=defaults.max_gap, show_default=True,
                         help="Changed words tolerated inside one copied passage."),
            click.option("--min-words", "min_matched", type=click.IntRange(1), default=defaults.min_matched,
                         show_default=True, help="Identical words a copied passage needs."),
        ]
    ):
        command = option(command)
    return command


@main.command(epilog=EPILOG)
@click.argument("candidate")
@click.argument("source")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "html"]), default="text",
              show_default=True, help="Report format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to this file instead of standard output.")
@click.option("--summary", is_flag=True, help="A few lines only (text format).")
@click.option("--color/--no-color", default=None, help="Colour the text report (default: when a terminal; NO_COLOR is honoured).")
@alignment_options
def compare(
    candidate: str,
    source: str,
    output_format: str,
    output: Path | None,
    summary: bool,
    color: bool | None,
    ngram: int,
    max_gap: int,
    min_matched: int,
) -> None:
    """Compare CANDIDATE with SOURCE (either may be - for standard input)."""
    from provenance.api import compare_files
    from provenance.render import render_html, render_text

    if candidate == "-" and source == "-":
        fail("only one of CANDIDATE and SOURCE can be read from standard input")
    try:
        report = compare_files(candidate, source, ngram=ngram, max_gap=max_gap, min_matched=min_matched)
    except InputError as err:
        fail(str(err))

    if output_format == "json":
        rendered = report.to_json() + "\n"
    elif output_format == "html":
        rendered = render_html(report)
    else:
        rendered = render_text(report, color=use_color(color, output), summary=summary)

    if output is not None:
        write_atomically(output, rendered)
        return
    try:
        # The renderer has already decided on colour; click must not strip it again.
        click.echo(rendered, nl=False, color=True)
    except BrokenPipeError:
        # A reader such as `head` closed the pipe: what it wanted was written.
        sys.stderr.close()


# --- provenance eval: measure the detector (python/provenance/evaluate.py) ---------------------
@main.command(
    "eval",
    context_settings={"ignore_unknown_options": True, "allow_interspersed_args": False},
    add_help_option=False,
)
@click.argument("arguments", nargs=-1, type=click.UNPROCESSED)
def evaluate_command(arguments: tuple[str, ...]) -> None:
    """Score against annotations (beside the lexical baseline) or run a public dataset.

    ARGUMENTS go to `python -m provenance.evaluate` (try `provenance eval --help`)."""
    from provenance.evaluate import run

    sys.exit(run(list(arguments)))
