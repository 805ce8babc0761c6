"""The command line: ``provenance compare CANDIDATE SOURCE``.

Exit codes: 0 the comparison ran (whatever it found); 2 bad input or bad usage. Errors are one
line on stderr naming the file and the problem.
"""

from __future__ import annotations

import atexit
import gc
import math
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from functools import partial
from itertools import compress
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from provenance import _core
from provenance.passages import AlignOptions
from provenance.read import (
    DEFAULT_MAX_BYTES,
    InputError,
    format_size,
    input_name,
    input_size_limit,
    printable,
    special_file_kind,
)
from provenance.render import plural

if TYPE_CHECKING:
    from provenance.corpus import SourceHit
    from provenance.report import Document, MultiSourceReport, Report

EXIT_USAGE = 2
# Loops shorter than this finish before a progress bar would be read.
PROGRESS_MIN_ITEMS = 200
# `compare` shows its progress from this much input (about 2 s of lexical analysis).
PROGRESS_MIN_BYTES = 256 * 1024
T = TypeVar("T")
EPILOG = "Exit codes: 0 done (whatever was found), 2 bad input or usage."
# The core's ranges (rust/align.rs, rust/index.rs): a wider gap only slows alignment down, and
# counts are stored in 32 bits.
MAX_GAP = 1000
MAX_COUNT = 2**32 - 1
# --max-size takes bytes or a number with K, M or G (powers of 1024); a terabyte is beyond any text.
MAX_INPUT_SIZE = 2**40
_SIZE = re.compile(r"(\d{1,15})\s*([kmg]?)(?:i?b)?", re.IGNORECASE)


def fail(message: str) -> NoReturn:
    # Names and ids in the message come from the user's files: one line, no terminal controls.
    click.echo(f"provenance: error: {printable(message)}", err=True)
    sys.exit(EXIT_USAGE)


class OneLineUsage(click.Group):
    """Usage errors as one line (``provenance: error: ...``) and exit 2, like bad input, instead
    of click's usage block. Subcommands' errors reach the top group's invoke, so only it needs
    this class."""

    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra: Any
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as err:
            _usage_failure(err)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as err:
            _usage_failure(err)


def _usage_failure(err: click.UsageError) -> NoReturn:
    # A group run without a command shows its help, as before.
    if type(err).__name__ == "NoArgsIsHelpError":  # click 8.2 and later
        raise err
    where = f" (see '{err.ctx.command_path} --help')" if err.ctx is not None else ""
    fail(err.format_message().rstrip(".") + where)


def parse_size(text: str) -> int:
    """A size in bytes from 500000, 64M or 1G (K, M, G: powers of 1024)."""
    match = _SIZE.fullmatch(text.strip())
    if match is None:
        raise click.BadParameter(f"{text!r} is not a size such as 500000, 64M or 1G")
    size = int(match[1]) << 10 * " kmg".index(match[2].lower() or " ")
    if not 1 <= size <= MAX_INPUT_SIZE:
        raise click.BadParameter(f"{text} is not between 1 byte and {format_size(MAX_INPUT_SIZE)}")
    return size


def _limit_input_size(ctx: click.Context, _param: click.Parameter, value: str) -> None:
    ctx.with_resource(input_size_limit(parse_size(value)))


def max_size_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """--max-size: inputs larger than this are refused (a device or endless pipe stops there)."""
    return click.option(
        "--max-size",
        default=f"{DEFAULT_MAX_BYTES // 2**20}M",
        show_default=True,
        expose_value=False,
        callback=_limit_input_size,
        help="Refuse any input text larger than this (bytes, or with K, M, G).",
    )(command)


# ctx.meta key: -o - was given, standard output asked for by name (refuse_page_on_terminal).
STDOUT_ASKED = "provenance.stdout_asked"


def _stdout_for_dash(ctx: click.Context, _param: click.Parameter, value: Path | None) -> Path | None:
    output = None if value is not None and str(value) == "-" else value
    ctx.meta[STDOUT_ASKED] = value is not None and output is None
    # Python sets sys.stdout to None when file descriptor 1 is closed (`>&-`): click would drop
    # the report without a word and the command exit 0.
    if output is None and sys.stdout is None:
        fail("<stdout>: standard output is closed; write the report to a file with -o FILE")
    return output


def output_option(help_text: str, *, required: bool = False) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """-o/--output FILE; ``-o -`` is standard output unless an output file is `required`."""
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
        required=required,
        callback=None if required else _stdout_for_dash,
        help=help_text,
    )


def output_target(path: Path) -> Path:
    """The regular file a report at `path` is written to: `path` itself, or the file a symbolic
    link there points to (the link stays). Anything else (a device, a pipe, a directory) is
    refused: renaming over it would replace it."""
    target = Path(os.path.realpath(path))
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        if not target.parent.is_dir():
            fail(f"{path}: directory {target.parent} does not exist")
        return target
    except OSError as err:
        fail(f"{path}: cannot be written ({err.strerror or err})")
    if stat.S_ISDIR(mode):
        fail(f"{path}: is a directory")
    if (kind := special_file_kind(mode)) is not None:
        fail(f"{path}: is {kind}, not a regular file; not replaced (-o - writes to standard output)")
    return target


def refuse_overwriting_inputs(output: Path | None, inputs: Iterable[str | Path]) -> None:
    """A report written over one of its own inputs would lose it."""
    if output is None or not output.exists():
        return
    for name in inputs:
        with suppress(OSError):
            if str(name) != "-" and os.path.samefile(name, output):
                fail(f"{output}: is the input {name}; write the report elsewhere")


def write_atomically(path: Path, content: str | bytes) -> None:
    """Write `content` to `path` through a temporary file beside it, renamed over it once whole,
    so no reader sees half a report and a failed run leaves the old one. A new file gets the
    mode the umask gives, an existing one keeps its mode."""
    target = output_target(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        existing_mode: int | None = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        existing_mode = None
    tmp: Path | None = None
    try:
        fd, tmp = _create_beside(target)
        with os.fdopen(fd, "wb") as handle:
            if existing_mode is not None:
                os.fchmod(handle.fileno(), existing_mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except OSError as err:
        if tmp is not None:
            with suppress(FileNotFoundError):
                os.unlink(tmp)
        fail(f"{path}: cannot be written ({err.strerror or err})")


def _create_beside(target: Path) -> tuple[int, Path]:
    # os.open with 0o666 lets the umask decide the mode (mkstemp would force 0600).
    while True:
        tmp = target.with_name(f".{target.name}.{os.urandom(4).hex()}.tmp")  # not secrets: it loads hmac and hashlib
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), tmp
        except FileExistsError:
            continue


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


def text_width(output: Path | None) -> int | None:
    """The terminal's width when the text report goes to one; None (lines not wrapped, so grep
    sees a whole finding) for a pipe or a file."""
    if output is not None or not sys.stdout.isatty():
        return None
    import shutil  # here: it loads the compression modules, which only this needs of it

    return shutil.get_terminal_size().columns


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


@click.group(cls=OneLineUsage, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EPILOG)
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


def wait_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """--wait: how long a writer waits for another writing the same index."""
    from provenance.corpus import DEFAULT_LOCK_WAIT

    return click.option(
        "--wait",
        type=click.FloatRange(0, 86400),
        default=DEFAULT_LOCK_WAIT,
        show_default=True,
        help="Seconds to wait while another provenance process writes the index, then give up.",
    )(command)


def report_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """How a report is written (compare, render): --format, -o, --summary, --color."""
    options: list[Callable[[Callable[..., Any]], Callable[..., Any]]] = [
        click.option(
            "--format",
            "output_format",
            type=click.Choice(["text", "json", "html"]),
            default=None,
            help="Report format [default: text, or what -o's file name says: FILE.html, FILE.json].",
        ),
        output_option("Write the report to this file instead of standard output (- for standard output)."),
        click.option("--summary", is_flag=True, help="A few lines only (text format)."),
        click.option(
            "--color/--no-color", default=None, help="Colour the text report (default: when a terminal; NO_COLOR is honoured)."
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


# Report formats a file name given to -o asks for when --format is not given.
FORMAT_BY_SUFFIX = {".html": "html", ".htm": "html", ".json": "json"}


def report_format(output_format: str | None, output: Path | None, summary: bool) -> str:
    """The format asked for, else the one the output's file name says, else text: '-o report.html'
    wrote the text report into a file a browser shows as one block of plain text. --summary asks
    for text, whatever the file's name."""
    if output_format is not None:
        return output_format
    if summary or output is None:
        return "text"
    return FORMAT_BY_SUFFIX.get(output.suffix.lower(), "text")


def refuse_page_on_terminal(output_format: str, output: Path | None) -> None:
    """An HTML page printed on a terminal is a screenful of markup, never what was meant: ask for
    a file before any work is done (``-o -`` still prints it, for a pipe)."""
    if (
        output_format == "html"
        and output is None
        and sys.stdout.isatty()
        and not click.get_current_context().meta.get(STDOUT_ASKED)
    ):
        fail("--format html writes a web page: give -o FILE.html (or -o - to print it here)")


def refuse_summary_outside_text(summary: bool, output_format: str) -> None:
    """--summary shortens the text report only: with JSON or HTML it would be ignored and the
    whole report written, so say so before any work is done."""
    if summary and output_format != "text":
        fail(f"--summary is for the text report only; --format {output_format} writes the whole report")


def write_report(
    report: Report | MultiSourceReport, output_format: str, output: Path | None, summary: bool, color: bool | None
) -> None:
    """A report, or one candidate's reports against several sources, in the format asked for."""
    from provenance.render import render_html, render_sources_html, render_sources_text, render_text
    from provenance.report import MultiSourceReport

    if output_format == "json":
        rendered = report.to_json() + "\n"
    elif isinstance(report, MultiSourceReport):
        if output_format == "html":
            rendered = render_sources_html(report)
        else:
            rendered = render_sources_text(report, color=use_color(color, output), summary=summary, width=text_width(output))
    elif output_format == "html":
        rendered = render_html(report)
    else:
        rendered = render_text(report, color=use_color(color, output), summary=summary, width=text_width(output))
    emit(rendered, output)


@main.command(epilog=EPILOG)
@click.argument("candidate")
@click.argument("sources", metavar="SOURCE...", nargs=-1, required=True)
@report_options
@click.option("--lexical", is_flag=True, help="Leave the sentence model out (lexical evidence only; faster on long texts).")
@click.option(
    "--exclude",
    "excluded",
    metavar="FILE",
    multiple=True,
    help="Template or boilerplate text (instructions, a site's standard text) whose matches are not reuse; repeatable.",
)
@alignment_options
@max_size_option
def compare(
    candidate: str,
    sources: tuple[str, ...],
    output_format: str | None,
    output: Path | None,
    summary: bool,
    color: bool | None,
    lexical: bool,
    excluded: tuple[str, ...],
    ngram: int,
    max_gap: int,
    min_matched: int,
) -> None:
    """Compare CANDIDATE with SOURCE, or with several sources, attributing each reused passage
    to the source it came from. Any one of them may be - for standard input."""
    from provenance.api import compare_files, compare_files_sources
    from provenance.read import read_text

    output_format = report_format(output_format, output, summary)
    refuse_summary_outside_text(summary, output_format)
    refuse_page_on_terminal(output_format, output)
    if [candidate, *sources, *excluded].count("-") > 1:
        fail("only one input can be read from standard input")
    refuse_overwriting_inputs(output, [candidate, *sources, *excluded])
    sources = _without_the_candidate(candidate, sources)
    options: dict[str, Any] = {"ngram": ngram, "max_gap": max_gap, "min_matched": min_matched, "semantic": not lexical}
    try:
        options["exclude"] = [read_text(path) for path in excluded]
    except InputError as err:
        fail(str(err))
    if _input_bytes([candidate, *sources]) >= PROGRESS_MIN_BYTES:
        options["progress"] = partial(_progress, min_items=1)
    try:
        if len(sources) > 1:
            report: Report | MultiSourceReport = compare_files_sources(candidate, list(sources), **options)
        else:
            report = compare_files(candidate, sources[0], **options)
    except InputError as err:
        fail(str(err))
    write_report(report, output_format, output, summary, color)


def _without_the_candidate(candidate: str, sources: tuple[str, ...]) -> tuple[str, ...]:
    """Several sources without the candidate's own file ('compare essay.txt *.txt' in the essay's
    folder): as a source it explains the whole candidate and leaves the real sources 0%. Said on
    standard error; a single source is compared as asked."""
    itself = [_same_file(name, candidate) for name in sources]
    if len(sources) < 2 or all(itself):
        return sources
    for name in compress(sources, itself):
        click.echo(f"provenance: warning: {printable(name)}: is the candidate itself; left out of the sources", err=True)
    return tuple(name for name, same in zip(sources, itself, strict=True) if not same)


def _same_file(first: str, second: str) -> bool:
    with suppress(OSError):
        return "-" not in (first, second) and os.path.samefile(first, second)
    return False


@main.command("render", epilog=EPILOG)
@click.argument("report", metavar="REPORT.json")
@report_options
@max_size_option
def render(report: str, output_format: str | None, output: Path | None, summary: bool, color: bool | None) -> None:
    """Render a saved JSON report (compare --format json) again, as text, HTML or JSON; - reads
    it from standard input."""
    from provenance.read import read_text
    from provenance.report import ReportFormatError, load_report

    output_format = report_format(output_format, output, summary)
    refuse_summary_outside_text(summary, output_format)
    refuse_page_on_terminal(output_format, output)
    refuse_overwriting_inputs(output, [report])
    try:
        loaded = load_report(read_text(report))
    except InputError as err:
        fail(str(err))
    except ReportFormatError as err:
        fail(str(InputError(input_name(report), str(err))))
    write_report(loaded, output_format, output, summary, color)


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
    return max_size_option(with_json(with_lexical(click.pass_obj(with_settings))))


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
@click.option("--limit", type=click.IntRange(1, MAX_COUNT), help="Only the first LIMIT pairs.")
@eval_options
def eval_mrpc(settings: dict[str, bool], folder: Path, limit: int | None) -> None:
    """MRPC test set: the paraphrase decision on sentence pairs."""
    from provenance.evaluate import evaluate_mrpc

    _run_eval(settings, evaluate_mrpc, folder, limit=limit)


@evaluate_group.command("paws", epilog=EPILOG)
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--split", type=click.Choice(["test", "dev"]), default="test", show_default=True)
@click.option("--limit", type=click.IntRange(1, MAX_COUNT), help="Only the first LIMIT pairs.")
@eval_options
def eval_paws(settings: dict[str, bool], folder: Path, split: str, limit: int | None) -> None:
    """PAWS-Wiki: same words, other meaning, must not pass as a paraphrase."""
    from provenance.evaluate import evaluate_paws

    _run_eval(settings, evaluate_paws, folder, limit=limit, split=split)


@evaluate_group.command("xsumfaith", epilog=EPILOG)
@click.argument("folder", type=click.Path(path_type=Path))
@click.argument("frank", type=click.Path(path_type=Path))
@click.option("--limit", type=click.IntRange(1, MAX_COUNT), help="Only the first LIMIT summaries.")
@eval_options
def eval_xsumfaith(settings: dict[str, bool], folder: Path, frank: Path, limit: int | None) -> None:
    """XSumFaith extrinsic (added-content) spans, with the articles FRANK ships."""
    from provenance.evaluate import evaluate_xsumfaith

    _run_eval(settings, evaluate_xsumfaith, folder, frank, limit=limit)


@evaluate_group.command("summedits", epilog=EPILOG)
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--domain", "domains", multiple=True, help="Only this domain (news, podcast, ...); repeatable.")
@click.option("--limit", type=click.IntRange(1, MAX_COUNT), help="Only the first LIMIT pairs of each domain.")
@eval_options
def eval_summedits(settings: dict[str, bool], folder: Path, domains: tuple[str, ...], limit: int | None) -> None:
    """SummEdits: consistent or inconsistent summaries, balanced accuracy per domain."""
    from provenance.evaluate.summedits import evaluate_summedits

    _run_eval(settings, evaluate_summedits, folder, domains=domains, limit=limit)


@evaluate_group.command("exaggeration", epilog=EPILOG)
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--split", type=click.Choice(["test", "train"]), default="test", show_default=True, help="Which pairs.")
@eval_options
def eval_exaggeration(settings: dict[str, bool], folder: Path, split: str) -> None:
    """Press releases against their papers' abstracts: stronger, same or weaker claims."""
    from provenance.evaluate.exaggeration import evaluate_exaggeration

    _run_eval(settings, evaluate_exaggeration, folder, split=split)


@evaluate_group.command("pan", epilog=EPILOG)
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--sample", type=click.IntRange(1), help="Only SAMPLE pairs of each class, drawn at random.")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed of --sample.")
@click.option("--passages-only", is_flag=True, help="The reuse cases (or passages) alone, without the rest of a comparison.")
@click.option(
    "--before",
    is_flag=True,
    help="Also score, in the same run, the word passages alone (merged into cases) and the comparison's plain passages.",
)
@click.option("--xml-dir", type=click.Path(file_okay=False, path_type=Path), help="Write the detections as PAN XML here.")
@click.option(
    "--verdicts",
    is_flag=True,
    help="Score the comparison's verdicts instead: pairs with a case called derived (partial where the case is small), "
    "pairs without one not; --sample then draws from each class and from the summary class's pairs without a case.",
)
@eval_options
def eval_pan(
    settings: dict[str, bool],
    folder: Path,
    sample: int | None,
    seed: int,
    passages_only: bool,
    before: bool,
    xml_dir: Path | None,
    verdicts: bool,
) -> None:
    """PAN 2013 text alignment: plagdet, recall, precision, granularity per obfuscation class."""
    from provenance.evaluate.pan import (
        PLAIN_PASSAGES,
        REUSE_CASES,
        WORD_CASES,
        evaluate_pan,
        evaluate_pan_verdicts,
        format_pan,
        format_pan_verdicts,
    )

    if verdicts:
        try:
            found = evaluate_pan_verdicts(folder, settings["semantic"], _eval_progress, sample=sample, seed=seed)
        except InputError as err:
            fail(str(err))
        emit(format_pan_verdicts(found, settings["json"]), None)
        return
    before_settings = {"before: word passages alone": WORD_CASES, "before: plain passages": PLAIN_PASSAGES}
    variants = {"reuse cases": REUSE_CASES, **(before_settings if before else {})}
    try:
        result = evaluate_pan(
            folder,
            settings["semantic"],
            _eval_progress,
            sample=sample,
            seed=seed,
            passages_only=passages_only,
            xml_dir=xml_dir,
            variants=variants,
        )
    except InputError as err:
        fail(str(err))
    emit(format_pan(result, settings["json"]), None)


# --- corpus scale: index build / index add / search / corpus (python/provenance/corpus.py) ------
def _on_terminal() -> bool:
    return sys.stderr.isatty()


def _progress_note(message: str) -> None:
    """A status line on a terminal; nothing when stderr is redirected."""
    if _on_terminal():
        click.echo(f"provenance: {printable(message)}", err=True)


def _progress(items: Sequence[T], description: str, min_items: int = PROGRESS_MIN_ITEMS) -> Iterable[T]:
    """A progress bar on stderr for a long loop, when stderr is a terminal; quiet otherwise."""
    if not _on_terminal() or len(items) < min_items:
        return items
    from rich.console import Console
    from rich.progress import track

    return track(items, description=description, console=Console(stderr=True), transient=True)


def _input_bytes(paths: Sequence[str]) -> int:
    """The size of the inputs that are files (standard input is not known in advance)."""
    total = 0
    for path in paths:
        if path != "-":
            with suppress(OSError):  # reading it reports the problem
                total += os.stat(path).st_size
    return total


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off for a corpus run, as it was after. The run makes hundreds
    of thousands of objects (records, passages, pairs) and no reference cycles: the collector's
    passes over them took 30-45 ms of 20,000 documents' 1.1 s, to free the few hundred objects
    of the imports' cycles (400-860 in every format, with --cases too)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# How much of a JSON-lines file is read to tell it from a text.
_SNIFF_BYTES = 4096


def _refuse_a_text_as_a_collection(corpus: str) -> None:
    """A regular file is read as JSON lines; one whose first line is no JSON (a text given where a
    collection goes: `index add INDEX essay.txt`) is named as that, not as 'line 1: not JSON
    (Expecting value)'. A first line of JSON that is no record is left to the reader to name."""
    import json

    from provenance.collection import jsonl_file

    path = jsonl_file(corpus)
    if path is None:
        return
    try:
        with open(path, "rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError:
        return  # the reader names the problem
    first, newline, _ = head.removeprefix(b"\xef\xbb\xbf").lstrip().partition(b"\n")
    if not first:
        return
    if newline or len(head) < _SNIFF_BYTES:
        try:
            json.loads(first)
            return
        except ValueError:
            pass
    elif first.startswith((b"{", b"[", b'"')):
        return  # a first line longer than we look at, that may be JSON
    fail(
        f"{input_name(corpus)}: is not a collection: give a directory of texts, a .jsonl file "
        '(one {"id": ..., "text": ...} a line), a Parquet table (id and text columns), or - with one path a line on '
        "standard input"
    )


def _refuse_output_inside_collection(output: Path | None, corpus: str) -> None:
    """An output written inside a directory collection would be read as one of its documents by
    the next run: an index as a binary file, its lock as an empty one, which stop that run, and
    pairs or a page as one more text."""
    from provenance.collection import read_as_document

    if output is not None and read_as_document(corpus, output):
        fail(
            f"{output}: lies inside the collection {input_name(corpus)}, whose next run would read it as a "
            "document; write it outside"
        )


def _read_corpus_or_fail(corpus: str) -> list[Any]:
    from provenance.collection import read_corpus

    _refuse_a_text_as_a_collection(corpus)
    try:
        return read_corpus(corpus, progress=_progress)
    except InputError as err:
        fail(str(err))


@main.group(epilog=EPILOG)
def index() -> None:
    """Build or extend an on-disk fingerprint index of a collection."""


@index.command("build", epilog=EPILOG)
@click.argument("corpus")
@output_option("The index file to write (atomically).", required=True)
@index_options
@wait_option
@max_size_option
def index_build(corpus: str, output: Path, window: int, max_df: int, wait: float) -> None:
    """Index CORPUS: a directory (recursive), a .jsonl file, a Parquet table (id and text
    columns), or - for paths on stdin."""
    from provenance.corpus import IndexOptions, build_index

    output_target(output)
    refuse_overwriting_inputs(output, [corpus])
    _refuse_output_inside_collection(output, corpus)
    records = _read_corpus_or_fail(corpus)
    _progress_note(f"indexing {plural(len(records), 'document')} ...")
    try:
        built = build_index(records, output, IndexOptions(window=window, max_df=max_df), wait=wait)
    except InputError as err:
        fail(str(err))
    click.echo(f"{printable(str(output))}: {plural(len(built), 'document')}, {plural(built.postings, 'fingerprint')}", err=True)


@index.command("add", epilog=EPILOG)
@click.argument("index_path", metavar="INDEX", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("corpus")
@wait_option
@max_size_option
def index_add(index_path: Path, corpus: str, wait: float) -> None:
    """Add the documents of CORPUS to INDEX: a directory (recursive), a .jsonl file, a Parquet
    table (id and text columns), or - for paths on stdin."""
    from provenance.corpus import add_to_index

    output_target(index_path)
    refuse_overwriting_inputs(index_path, [corpus])
    _refuse_output_inside_collection(index_path, corpus)
    records = _read_corpus_or_fail(corpus)
    try:
        extended = add_to_index(index_path, records, wait=wait)
    except InputError as err:
        fail(str(err))
    click.echo(
        f"{printable(str(index_path))}: {plural(len(extended), 'document')}, {plural(extended.postings, 'fingerprint')}", err=True
    )


@main.command("search", epilog=EPILOG)
@click.argument("candidate")
@click.option(
    "--index",
    "index_path",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="An index written by `provenance index build`.",
)
@click.option("-k", "k", type=click.IntRange(1, MAX_COUNT), default=10, show_default=True, help="Sources to list.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@output_option("Write the result to this file instead of standard output (- for standard output).")
@click.option(
    "--max-df",
    type=click.IntRange(2, MAX_COUNT),
    default=None,
    help="Text in more indexed documents than this (a footer) is boilerplate: it finds no source and counts "
    "in no score.  [default: the index's, from index build --max-df]",
)
@click.option(
    "--exclude",
    "excluded",
    metavar="FILE",
    multiple=True,
    help="Template or boilerplate text (a footer, a pledge, an assignment's prompt) that finds no source and "
    "counts in no score; repeatable.",
)
@alignment_options
@max_size_option
def search_command(
    candidate: str,
    index_path: Path,
    k: int,
    output_format: str,
    output: Path | None,
    max_df: int | None,
    excluded: tuple[str, ...],
    ngram: int,
    max_gap: int,
    min_matched: int,
) -> None:
    """The likely sources of CANDIDATE (- for standard input) in an index, ranked."""
    import json

    from provenance.corpus import load_index, search
    from provenance.read import read_text

    if [candidate, *excluded].count("-") > 1:
        fail("only one input can be read from standard input")
    refuse_overwriting_inputs(output, [candidate, index_path, *excluded])
    exclude = _excluded_texts(excluded)
    try:
        text = read_text(candidate)
        loaded = load_index(index_path)
        options = AlignOptions(ngram=ngram, max_gap=max_gap, min_matched=min_matched)
        hits = search(loaded, text, k, options, input_name(index_path), exclude, max_df)
    except InputError as err:
        fail(str(err))
    from provenance.report import Document

    candidate_doc = Document(input_name(candidate), text)
    if output_format == "json":
        sources = [_located_hit(h, candidate_doc) for h in hits]
        result = {"candidate": input_name(candidate), "index": input_name(index_path), "sources": sources}
        rendered = json.dumps(_finite(result), ensure_ascii=False, indent=1, allow_nan=False) + "\n"
    else:
        from provenance.render.text import PASSAGE_LABEL, excerpt

        found = f"{plural(len(hits), 'likely source')} in {printable(input_name(index_path))}"
        lines = [f"{printable(input_name(candidate))}: {found}"]
        for rank, h in enumerate(hits, start=1):
            # A candidate searched in an index of its own folder finds itself first, and a document
            # submitted twice is the same text under another name: either way, say so.
            itself = "  the same text as the candidate" if h.text == text else ""
            lines.append(
                f"{rank:>3}. {printable(h.id)}  score {h.score:.3f}  ({plural(h.matched, 'word')} in "
                f"{plural(len(h.passages), 'passage')}, {plural(h.shared, 'shared fingerprint')}; "
                f"{plural(len(h.cases), 'reuse case')}){itself}"
            )
            for p in h.cases[:5]:
                lines.append(
                    f"       {PASSAGE_LABEL[p.kind]} {candidate_doc.where(p.candidate)} "
                    f"(source {Document(h.id, h.text).where(p.source)}): {excerpt(text, p.candidate, 100)}"
                )
            if len(h.cases) > 5:
                lines.append(f"       ... and {len(h.cases) - 5} more (--format json lists them all)")
        rendered = "\n".join(lines) + "\n"
    emit(rendered, output)


def _located_hit(hit: SourceHit, candidate: Document) -> dict[str, Any]:
    """A search hit's JSON with each passage's and case's excerpts and first lines on both sides,
    as compare's JSON has them: what the text output shows, and the source's words, which only the
    index holds."""
    from provenance.report import Document

    source = Document(hit.id, hit.text)
    located = hit.to_dict()
    for key, found in (("passages", hit.passages), ("cases", hit.cases)):
        located[key] = [
            {
                **item,
                "candidate_text": candidate.excerpt(p.candidate),
                "candidate_line": candidate.line(p.candidate[0]),
                "source_text": source.excerpt(p.source),
                "source_line": source.line(p.source[0]),
            }
            for item, p in zip(located[key], found)
        ]
    return located


def _finite(value: Any) -> Any:
    """`value` with NaN and infinities as null: JSON has no such numbers (an index written by
    another tool may hold them in its metadata)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_finite(item) for item in value]
    return value


@main.command("corpus", epilog=EPILOG)
@click.argument("corpus")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["jsonl", "csv", "dot", "graphml", "parquet", "html"]),
    default="jsonl",
    show_default=True,
    help="Pairs and clusters as JSON lines, CSV or Parquet (needs -o FILE), the reuse graph, "
    "or an HTML overview (pair list, similarity histogram, clusters, pairs side by side).",
)
@output_option("Write the result to this file instead of standard output (- for standard output).")
@click.option(
    "--min-prose-words",
    type=click.IntRange(1, MAX_COUNT),
    default=None,
    help="Reused words outside quotations that link two documents.  [default: 15]",
)
@index_options
@click.option(
    "--exclude",
    "excluded",
    metavar="FILE",
    multiple=True,
    help="Template or boilerplate text (a footer, a pledge, an assignment's prompt) whose matches link no "
    "documents and are not reuse; repeatable.",
)
@alignment_options
@max_size_option
@click.option(
    "--cases",
    is_flag=True,
    help="Each pair's reuse cases too, as compare reports them (copies with the rewording around them, "
    "paraphrases, summaries): about 10 ms a pair; not with --engine spark.",
)
@click.option(
    "--engine",
    type=click.Choice(["embedded", "spark"]),
    default="embedded",
    show_default=True,
    help="Where the job runs: in this process, or on Apache Spark (the spark extra and Java; "
    "writes a directory of Parquet files: --format parquet -o OUT_DIR; see docs/scale-out.md).",
)
@click.option(
    "--spark-master",
    default="local[*]",
    show_default=True,
    help="--engine spark: the Spark master (local[N], spark://HOST:PORT, yarn, k8s://...).",
)
@click.option(
    "--partitions",
    type=click.IntRange(1, MAX_COUNT),
    default=None,
    help="--engine spark: partitions of the documents and buckets of fingerprints and pairs.  [default: Spark's parallelism]",
)
def corpus_command(
    corpus: str,
    output_format: str,
    output: Path | None,
    min_prose_words: int | None,
    window: int,
    max_df: int,
    excluded: tuple[str, ...],
    ngram: int,
    max_gap: int,
    min_matched: int,
    cases: bool,
    engine: str,
    spark_master: str,
    partitions: int | None,
) -> None:
    """Every reuse pair of CORPUS (a directory, a .jsonl file, a Parquet table with id and text
    columns, or - for paths on stdin)."""
    from provenance.corpus import IndexOptions, find_reuse, reuse_of, run_parameters
    from provenance.thresholds import MIN_PROSE_WORDS

    # The interpreter's last collections walk every object the imports made, to free memory the
    # process gives back whole: 21 M of the 313 M instructions of a run on 200 documents. Frozen
    # at exit, they are passed over.
    atexit.register(gc.freeze)
    refuse_page_on_terminal(output_format, output)
    if engine == "spark" and cases:
        fail("--cases runs on one machine (the embedded engine); leave it out with --engine spark")
    _refuse_output_inside_collection(output, corpus)
    if [corpus, *excluded].count("-") > 1:
        fail("only one input can be read from standard input")
    exclude = _excluded_texts(excluded)
    if engine == "spark":
        _corpus_on_spark(
            corpus,
            output_format,
            output,
            spark_master,
            partitions,
            min_prose_words=min_prose_words or MIN_PROSE_WORDS,
            index_options=IndexOptions(window=window, max_df=max_df),
            options=AlignOptions(ngram=ngram, max_gap=max_gap, min_matched=min_matched),
            exclude=exclude,
        )
        return
    to_parquet = _parquet_writer(output) if output_format == "parquet" else None
    refuse_overwriting_inputs(output, [corpus, *excluded])
    settings: dict[str, Any] = {
        "min_prose_words": min_prose_words or MIN_PROSE_WORDS,
        "index_options": IndexOptions(window=window, max_df=max_df),
        "options": AlignOptions(ngram=ngram, max_gap=max_gap, min_matched=min_matched),
    }
    # Pairs and their summaries need no text in Python: a JSON-lines file is read by the core.
    _refuse_a_text_as_a_collection(corpus)
    run = _judged_in_core(corpus, settings, exclude) if output_format != "html" and not cases else None
    if run is not None and output_format == "jsonl":
        _progress_note(f"{plural(len(run), 'reuse pair')} in {plural(len(run.clusters), 'cluster')}")
        _warn_shared_passages(run.shared_passages)
        emit(run.to_jsonl(), output)
        return
    settings["cases"] = cases
    with _collector_paused():
        if run is not None:
            reuse = reuse_of(run)
            texts: dict[str, str] = {}  # read by the core: only the HTML page shows texts
        else:
            records = _read_corpus_or_fail(corpus)
            _progress_note(f"comparing {plural(len(records), 'document')} ...")
            reuse = find_reuse(records, **settings, exclude=exclude, progress=_progress)
            texts = {r.id: r.text for r in records}
        _progress_note(f"{plural(len(reuse.pairs), 'reuse pair')} in {plural(len(reuse.clusters), 'cluster')}")
        _warn_shared_passages(reuse.shared_passages)
        if to_parquet is not None and output is not None:
            write_atomically(output, to_parquet(reuse, run_parameters(**settings)))
        elif output_format == "html":
            from provenance.render.corpus_html import render_corpus_html

            emit(render_corpus_html(reuse, texts), output)
        else:
            from provenance.render.corpus import RENDERERS

            emit(RENDERERS[output_format](reuse), output)


# Characters of a shared passage a warning quotes.
SHARED_PASSAGE_QUOTED = 60


def _warn_shared_passages(shared: list[tuple[int, int, str]]) -> None:
    """One line on stderr when one text alone links many pairs (``JudgedRun.shared_passages``):
    a footer or template, which the output lists as reuse; the output itself is unchanged."""
    if not shared:
        return
    pairs, documents, text = shared[0]
    quoted = text if len(text) <= SHARED_PASSAGE_QUOTED else text[:SHARED_PASSAGE_QUOTED].rsplit(" ", 1)[0] + " …"
    others = f" (and {plural(len(shared) - 1, 'other such passage')})" if len(shared) > 1 else ""
    click.echo(
        f"provenance: warning: {plural(pairs, 'pair')} of {documents:,} documents are linked only by the same "
        f'passage, "{printable(quoted)}"{others}: if it is boilerplate (a footer, a template), give it with '
        f"--exclude FILE, or --max-df below {documents:,}",
        err=True,
    )


def _excluded_texts(paths: tuple[str, ...]) -> list[str]:
    """The texts of the --exclude files, read as compare reads them; one that cannot be read
    stops the run with one line naming it, before any work."""
    from provenance.read import read_text

    try:
        return [read_text(path) for path in paths]
    except InputError as err:
        fail(str(err))


def _judged_in_core(corpus: str, settings: dict[str, Any], exclude: list[str]) -> _core.JudgedRun | None:
    """The run on CORPUS when it is a JSON-lines file the core reads (``corpus.judged_jsonl``);
    None, nothing done, when the Python reader must read it."""
    from provenance.collection import jsonl_file
    from provenance.corpus import judged_jsonl

    path = jsonl_file(corpus)
    if path is None:
        return None
    return judged_jsonl(
        path,
        on_read=lambda documents: _progress_note(f"comparing {plural(documents, 'document')} ..."),
        exclude=exclude,
        **settings,
    )


def _corpus_on_spark(
    corpus: str, output_format: str, output: Path | None, master: str, partitions: int | None, **settings: Any
) -> None:
    """--engine spark: the job on Apache Spark (provenance.spark), a directory of Parquet files
    at OUTPUT, there only when the run succeeded."""
    if output_format != "parquet" or output is None:
        fail("--engine spark writes a directory of Parquet files: give --format parquet -o OUT_DIR")
    if corpus == "-":
        fail("--engine spark reads a directory, a .jsonl file or a Parquet table, not paths on standard input")
    refuse_overwriting_inputs(output, [corpus])
    from provenance import spark

    try:
        session = spark.session(master, partitions)
        _progress_note(f"running on Spark ({master}) ...")
        run = spark.find_reuse(session, corpus, output, partitions=partitions, **settings)
    except InputError as err:
        fail(str(err))
    _progress_note(
        f"{plural(run.documents, 'document')}, {plural(run.pairs, 'reuse pair')} in {plural(run.clusters, 'cluster')}, "
        f"written to {output}"
    )


def _parquet_writer(output: Path | None) -> Callable[..., bytes]:
    """The Parquet renderer, checked before any work: it needs pyarrow and an output file."""
    if output is None:
        fail("--format parquet needs an output file (-o FILE); Parquet is not written to standard output")
    try:
        from provenance.render.parquet import to_parquet
    except ImportError:
        fail("--format parquet needs pyarrow: install provenance-detector[parquet]")
    output_target(output)
    return to_parquet
