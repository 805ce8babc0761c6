"""The command line: ``provenance compare CANDIDATE SOURCE``.

Exit codes: 0 the comparison ran (whatever it found); 2 bad input or bad usage. Errors are one
line on stderr naming the file and the problem.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from provenance import _core
from provenance.align import AlignOptions
from provenance.read import InputError

EXIT_USAGE = 2
# Loops shorter than this finish before a progress bar would be read.
PROGRESS_MIN_ITEMS = 200
T = TypeVar("T")
EPILOG = "Exit codes: 0 done (whatever was found), 2 bad input or usage."
# The core's ranges (rust/align.rs, rust/index.rs): a wider gap only slows alignment down, and
# counts are stored in 32 bits.
MAX_GAP = 1000
MAX_COUNT = 2**32 - 1


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


def emit(rendered: str, output: Path | None) -> None:
    """Write a finished report to `output`, or to standard output."""
    if output is not None:
        write_atomically(output, rendered)
        return
    try:
        # Renderers have already decided on colour; click must not strip it again.
        click.echo(rendered, nl=False, color=True)
    except BrokenPipeError:
        # A reader such as `head` closed the pipe: what it wanted was written.
        sys.stderr.close()


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
            click.option(
                "--ngram", type=click.IntRange(1, 16), default=defaults.ngram, show_default=True, help="Words per matching seed."
            ),
            click.option(
                "--max-gap",
                type=click.IntRange(0, MAX_GAP),
                default=defaults.max_gap,
                show_default=True,
                help="Changed words tolerated inside one copied passage.",
            ),
            click.option(
                "--min-words",
                "min_matched",
                type=click.IntRange(1, MAX_COUNT),
                default=defaults.min_matched,
                show_default=True,
                help="Identical words a copied passage needs.",
            ),
        ]
    ):
        command = option(command)
    return command


def index_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--window and --max-df: how a collection is fingerprinted."""
    with_window = click.option(
        "--window",
        type=click.IntRange(1, 256),
        default=_core.DEFAULT_WINDOW,
        show_default=True,
        help="Winnowing window (1 keeps every n-gram).",
    )
    with_max_df = click.option(
        "--max-df",
        type=click.IntRange(2, MAX_COUNT),
        default=_core.DEFAULT_MAX_DF,
        show_default=True,
        help="Fingerprints in more documents than this are boilerplate and ignored.",
    )
    return with_window(with_max_df(command))


@main.command(epilog=EPILOG)
@click.argument("candidate")
@click.argument("sources", metavar="SOURCE...", nargs=-1, required=True)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "html"]),
    default="text",
    show_default=True,
    help="Report format.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to this file instead of standard output.",
)
@click.option("--summary", is_flag=True, help="A few lines only (text format).")
@click.option("--color/--no-color", default=None, help="Colour the text report (default: when a terminal; NO_COLOR is honoured).")
@alignment_options
def compare(
    candidate: str,
    sources: tuple[str, ...],
    output_format: str,
    output: Path | None,
    summary: bool,
    color: bool | None,
    ngram: int,
    max_gap: int,
    min_matched: int,
) -> None:
    """Compare CANDIDATE with SOURCE, or with several sources, attributing each reused passage
    to the source it came from. Any one of them may be - for standard input."""
    from provenance.api import compare_files, compare_files_sources
    from provenance.render import render_html, render_sources_text, render_text

    if [candidate, *sources].count("-") > 1:
        fail("only one input can be read from standard input")
    if len(sources) > 1 and output_format == "html":
        fail("--format html shows one source at a time: give a single SOURCE, or use text or json")
    options = {"ngram": ngram, "max_gap": max_gap, "min_matched": min_matched}
    colored = use_color(color, output)
    try:
        if len(sources) > 1:
            multi = compare_files_sources(candidate, list(sources), **options)
            if output_format == "json":
                emit(multi.to_json() + "\n", output)
            else:
                emit(render_sources_text(multi, color=colored, summary=summary), output)
            return
        report = compare_files(candidate, sources[0], **options)
    except InputError as err:
        fail(str(err))

    if output_format == "json":
        rendered = report.to_json() + "\n"
    elif output_format == "html":
        rendered = render_html(report)
    else:
        rendered = render_text(report, color=colored, summary=summary)
    emit(rendered, output)


# --- provenance eval: measure the detector (python/provenance/evaluate/) -----------------------
JSON_HELP = "Print the figures as JSON."
LEXICAL_HELP = "Leave the sentence model out (lexical evidence only)."


@main.group("eval", epilog=EPILOG)
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@click.option("--lexical", is_flag=True, help=LEXICAL_HELP)
@click.pass_context
def evaluate_group(ctx: click.Context, as_json: bool, lexical: bool) -> None:
    """Score against annotations (beside the lexical baseline) or run a public dataset."""
    ctx.obj = {"json": as_json, "semantic": not lexical}


def eval_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--json and --lexical after the subcommand too (`eval gold FILE --json`), merged with the
    group's; the command gets them as `settings`."""

    def with_settings(group_settings: dict[str, bool], /, as_json: bool, lexical: bool, **kwargs: Any) -> Any:
        settings = {"json": group_settings["json"] or as_json, "semantic": group_settings["semantic"] and not lexical}
        return command(settings, **kwargs)

    with_settings.__name__, with_settings.__doc__ = command.__name__, command.__doc__  # click's name and help

    with_json = click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
    with_lexical = click.option("--lexical", is_flag=True, help=LEXICAL_HELP)
    return with_json(with_lexical(click.pass_obj(with_settings)))


def _run_eval(settings: dict[str, bool], run: Callable[..., dict[str, Any]], *args: Any, **kwargs: Any) -> None:
    """One evaluation run: a progress bar on a terminal, a bad input as one line and exit 2."""
    from provenance.evaluate import format_result

    try:
        result = run(*args, semantic=settings["semantic"], progress=_eval_progress, **kwargs)
    except InputError as err:
        fail(str(err))
    emit(format_result(result, settings["json"]), None)


def _eval_progress(items: Sequence[T], description: str) -> Iterable[T]:
    # Each item is a whole comparison: worth a bar however few there are.
    return _progress(items, description, min_items=1)


@evaluate_group.command("gold", epilog=EPILOG)
@click.argument("annotations", type=click.Path(path_type=Path))
@click.option("--texts", type=click.Path(path_type=Path), help="Folder of the annotated texts (default: found beside the file).")
@eval_options
def eval_gold(settings: dict[str, bool], annotations: Path, texts: Path | None) -> None:
    """Sentence labels, added spans, quotations and verdicts against ANNOTATIONS (JSON)."""
    from provenance.evaluate import evaluate_gold

    _run_eval(settings, evaluate_gold, annotations, texts)


@evaluate_group.command("clough", epilog=EPILOG)
@click.argument("folder", type=click.Path(path_type=Path))
@eval_options
def eval_clough(settings: dict[str, bool], folder: Path) -> None:
    """Clough & Stevenson short answers: plagiarised or not, by the verdict."""
    from provenance.evaluate import evaluate_clough

    _run_eval(settings, evaluate_clough, folder)


@evaluate_group.command("mrpc", epilog=EPILOG)
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--limit", type=click.IntRange(1), help="Only the first LIMIT pairs.")
@eval_options
def eval_mrpc(settings: dict[str, bool], folder: Path, limit: int | None) -> None:
    """MRPC test set: the paraphrase decision on sentence pairs."""
    from provenance.evaluate import evaluate_mrpc

    _run_eval(settings, evaluate_mrpc, folder, limit=limit)


@evaluate_group.command("paws", epilog=EPILOG)
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--split", type=click.Choice(["test", "dev"]), default="test", show_default=True)
@click.option("--limit", type=click.IntRange(1), help="Only the first LIMIT pairs.")
@eval_options
def eval_paws(settings: dict[str, bool], folder: Path, split: str, limit: int | None) -> None:
    """PAWS-Wiki: same words, other meaning, must not pass as a paraphrase."""
    from provenance.evaluate import evaluate_paws

    _run_eval(settings, evaluate_paws, folder, limit=limit, split=split)


@evaluate_group.command("xsumfaith", epilog=EPILOG)
@click.argument("folder", type=click.Path(path_type=Path))
@click.argument("frank", type=click.Path(path_type=Path))
@click.option("--limit", type=click.IntRange(1), help="Only the first LIMIT summaries.")
@eval_options
def eval_xsumfaith(settings: dict[str, bool], folder: Path, frank: Path, limit: int | None) -> None:
    """XSumFaith extrinsic (added-content) spans, with the articles FRANK ships."""
    from provenance.evaluate import evaluate_xsumfaith

    _run_eval(settings, evaluate_xsumfaith, folder, frank, limit=limit)


# --- corpus scale: index build / index add / search / corpus (python/provenance/corpus.py) ------
def _on_terminal() -> bool:
    return sys.stderr.isatty()


def _progress_note(message: str) -> None:
    """A status line on a terminal; nothing when stderr is redirected."""
    if _on_terminal():
        click.echo(f"provenance: {message}", err=True)


def _progress(items: Sequence[T], description: str, min_items: int = PROGRESS_MIN_ITEMS) -> Iterable[T]:
    """A progress bar on stderr for a long loop, when stderr is a terminal; quiet otherwise."""
    if not _on_terminal() or len(items) < min_items:
        return items
    from rich.console import Console
    from rich.progress import track

    return track(items, description=description, console=Console(stderr=True), transient=True)


def _read_corpus_or_fail(corpus: str) -> list[Any]:
    from provenance.collection import read_corpus

    try:
        return read_corpus(corpus, progress=_progress)
    except InputError as err:
        fail(str(err))


@main.group(epilog=EPILOG)
def index() -> None:
    """Build or extend an on-disk fingerprint index of a collection."""


@index.command("build", epilog=EPILOG)
@click.argument("corpus")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The index file to write (atomically)."
)
@index_options
def index_build(corpus: str, output: Path, window: int, max_df: int) -> None:
    """Index CORPUS: a directory (recursive), a .jsonl file, or - for paths on stdin."""
    from provenance.corpus import IndexOptions, build_index

    records = _read_corpus_or_fail(corpus)
    _progress_note(f"indexing {len(records)} documents ...")
    try:
        built = build_index(records, output, IndexOptions(window=window, max_df=max_df))
    except InputError as err:
        fail(str(err))
    click.echo(f"{output}: {len(built)} documents, {built.postings} fingerprints", err=True)


@index.command("add", epilog=EPILOG)
@click.argument("index_path", metavar="INDEX", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("corpus")
def index_add(index_path: Path, corpus: str) -> None:
    """Add the documents of CORPUS to INDEX."""
    from provenance.corpus import add_to_index

    records = _read_corpus_or_fail(corpus)
    try:
        extended = add_to_index(index_path, records)
    except InputError as err:
        fail(str(err))
    click.echo(f"{index_path}: {len(extended)} documents, {extended.postings} fingerprints", err=True)


@main.command("search", epilog=EPILOG)
@click.argument("candidate")
@click.option(
    "--index",
    "index_path",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="An index written by `provenance index build`.",
)
@click.option("-k", "k", type=click.IntRange(1), default=10, show_default=True, help="Sources to list.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the result to this file instead of standard output.",
)
@alignment_options
def search_command(
    candidate: str, index_path: Path, k: int, output_format: str, output: Path | None, ngram: int, max_gap: int, min_matched: int
) -> None:
    """The likely sources of CANDIDATE (- for standard input) in an index, ranked."""
    import json

    from provenance.corpus import load_index, search
    from provenance.read import read_text

    try:
        text = read_text(candidate)
        loaded = load_index(index_path)
        hits = search(loaded, text, k, AlignOptions(ngram=ngram, max_gap=max_gap, min_matched=min_matched))
    except InputError as err:
        fail(str(err))
    if output_format == "json":
        rendered = (
            json.dumps(
                {"candidate": candidate, "index": str(index_path), "sources": [h.to_dict() for h in hits]},
                ensure_ascii=False,
                indent=1,
            )
            + "\n"
        )
    else:
        lines = [f"{candidate}: {len(hits)} likely source(s) in {index_path}"]
        for rank, h in enumerate(hits, start=1):
            lines.append(
                f"{rank:>3}. {h.id}  score {h.score:.3f}  ({h.matched} words in {len(h.passages)} "
                f"passage(s), {h.shared} shared fingerprints)"
            )
            for p in h.passages[:5]:
                excerpt = " ".join(text[p.candidate[0] : p.candidate[1]].split())
                lines.append(f"       {p.kind} {p.candidate[0]}-{p.candidate[1]}: {excerpt[:100]}")
        rendered = "\n".join(lines) + "\n"
    emit(rendered, output)


@main.command("corpus", epilog=EPILOG)
@click.argument("corpus")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["jsonl", "csv", "dot", "graphml"]),
    default="jsonl",
    show_default=True,
    help="Pairs and clusters as JSON lines or CSV, or the reuse graph.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the result to this file instead of standard output.",
)
@click.option(
    "--min-prose-words",
    type=click.IntRange(1),
    default=None,
    help="Reused words outside quotations that link two documents.  [default: 15]",
)
@index_options
@alignment_options
def corpus_command(
    corpus: str,
    output_format: str,
    output: Path | None,
    min_prose_words: int | None,
    window: int,
    max_df: int,
    ngram: int,
    max_gap: int,
    min_matched: int,
) -> None:
    """Every reuse pair of CORPUS (a directory, a .jsonl file, or - for paths on stdin)."""
    from provenance.corpus import IndexOptions, find_reuse
    from provenance.render.corpus import RENDERERS
    from provenance.thresholds import MIN_PROSE_WORDS

    records = _read_corpus_or_fail(corpus)
    _progress_note(f"comparing {len(records)} documents ...")
    reuse = find_reuse(
        records,
        min_prose_words=min_prose_words or MIN_PROSE_WORDS,
        index_options=IndexOptions(window=window, max_df=max_df),
        options=AlignOptions(ngram=ngram, max_gap=max_gap, min_matched=min_matched),
        progress=_progress,
    )
    _progress_note(f"{len(reuse.pairs)} reuse pairs in {len(reuse.clusters)} clusters")
    emit(RENDERERS[output_format](reuse), output)
