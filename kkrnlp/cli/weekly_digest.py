"""``digest``: the weekly briefing for politicians, with its period and area checks.

The period (--week or --from/--to) and the areas are checked before any model
loads, so a typo costs no waiting.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from kkrnlp.cli.files import (
    _all_failed,
    _check_summarizer,
    _check_tagger,
    _inputs,
    _meetings,
    _out,
)
from kkrnlp.cli.guard import _guard
from kkrnlp.cli.options import (
    DigestFormat,
    ModelOption,
    Paths,
    SummarizerOption,
    output_format,
)
from kkrnlp.errors import KkrnlpError

log = logging.getLogger(__name__)


def _parse_date(value: str | None, option: str):
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise KkrnlpError(f"{option} {value!r} is not a date like 2026-06-15") from None


def _check_period(week: str | None, date_from: str | None, date_to: str | None):
    """--week, --from and --to checked before any model loads; returns (start, end)."""
    from kkrnlp.digest import parse_week

    start, end = _parse_date(date_from, "--from"), _parse_date(date_to, "--to")
    if week is not None:
        if start is not None or end is not None:
            raise KkrnlpError("give either --week or --from/--to, not both")
        parse_week(week)
    if start is not None and end is not None and start > end:
        raise KkrnlpError(f"--from {start} is after --to {end}")
    return start, end


def _in_period(day: str | None, first: Any, last: Any) -> bool:
    from datetime import date

    try:
        return bool(day) and first <= date.fromisoformat(str(day)) <= last
    except ValueError:
        return False


def _say_where_the_meetings_are(meetings: list[Any], first: Any, last: Any) -> None:
    """No meeting read falls in the period: say which dates they have, so a forgotten
    --week (the default is this week) is seen at once."""
    from datetime import date

    days = []
    for meeting in meetings:
        try:
            days.append(date.fromisoformat(str(meeting.date)))
        except ValueError:
            continue
    if days:
        span = f"{min(days)}" if min(days) == max(days) else f"{min(days)} to {max(days)}"
        typer.echo(
            f"warning: no meeting falls in {first} to {last} (the {len(days)} dated: {span}); "
            "choose the period with --week or --from/--to",
            err=True,
        )


def _file_dates(files: list[Path]) -> dict[str, Any]:
    """The day each agenda file was last changed, by the name its records carry.

    Two files of one name in two folders: the later day, so neither is taken as old.
    """
    from datetime import date

    days: dict[str, date] = {}
    for path in files:
        if str(path) == "-":
            continue
        try:
            day = date.fromtimestamp(Path(path).expanduser().stat().st_mtime)
        except (OSError, ValueError, OverflowError):
            continue
        days[path.name] = max(day, days.get(path.name, day))
    return days


def _digest_to_stdout(result: Any, fmt: str) -> None:
    import tempfile

    from kkrnlp.digest import write_digest
    from kkrnlp.io import write_stdout

    with tempfile.TemporaryDirectory() as scratch:
        path = write_digest(result, Path(scratch) / f"digest.{fmt}", fmt)
        write_stdout(path.read_bytes())


def digest(
    paths: Paths,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", help="The digest file (md, html, docx); default or -: stdout (not docx)."
        ),
    ] = None,
    week: Annotated[
        str | None, typer.Option("--week", help="ISO week, e.g. 2021-W16 (default: this week).")
    ] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="First day, YYYY-MM-DD.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last day, YYYY-MM-DD.")] = None,
    area: Annotated[
        str | None,
        typer.Option(
            "--area",
            help="Only these policy areas, comma-separated, any case: social,sundhed or Social.",
        ),
    ] = None,
    fmt: Annotated[
        DigestFormat | None,
        typer.Option("--format", "-f", help="Default: from --out's suffix, else md."),
    ] = None,
    model: ModelOption = None,
    summarizer: SummarizerOption = None,
) -> None:
    """The weekly digest for politicians: the week at a glance, then each meeting's items.

    Example: kkrnlp digest dagsordener/ --week 2026-W48 --out uge48.html
    """
    from kkrnlp.digest import build_digest, digest_period, resolve_areas, write_digest
    from kkrnlp.pipeline import load
    from kkrnlp.taxonomy import load_taxonomy

    def run() -> int:
        from tqdm.auto import tqdm

        files, empty_folders = _inputs(paths, out)
        target = _out(out, model, summarizer, agendas=files)
        _check_tagger(model)
        _check_summarizer(summarizer)
        form = output_format(fmt, out, [f.value for f in DigestFormat], "md")
        if form == "docx" and out is None:
            raise KkrnlpError("--format docx writes a Word file: give --out FILE.docx or - ")
        start, end = _check_period(week, date_from, date_to)
        areas = [a.strip() for a in area.split(",") if a.strip()] if area else None
        if areas:
            # checked against the label file alone, before any model is loaded
            labels = Path(model) / "labels.toml" if model is not None else None
            taxonomy = load_taxonomy(labels if labels and labels.is_file() else None)
            areas = resolve_areas(areas, taxonomy.policy_area_names)
        nlp = load(model, summarizer)
        meetings, failures = _meetings(files)
        failures += empty_folders
        if _all_failed(meetings, failures, target):
            return failures
        # only the period's meetings are tagged and summarized: a folder that keeps the
        # older agendas costs no more each week (the others are needed only for their dates)
        first, last = digest_period(week, start, end)
        current = [m for m in meetings if _in_period(m.date, first, last)]
        chosen = {id(m) for m in current}
        records = [r for m in meetings if id(m) not in chosen for r in m.item_records()]
        progress = tqdm(current, desc="tagging and summarizing", unit="file", file=sys.stderr,
                        disable=len(current) < 2 or not sys.stderr.isatty())  # fmt: skip
        for meeting in progress:
            records.extend(nlp.annotate(meeting).item_records())
        result = build_digest(
            records, week=week, date_from=start, date_to=end, areas=areas,
            valid_areas=nlp.tagger.taxonomy.policy_area_names, file_dates=_file_dates(files),
        )  # fmt: skip
        for reason in result.skipped:
            typer.echo(f"warning: not in the digest: {reason}", err=True)
        if not current:
            _say_where_the_meetings_are(meetings, first, last)
        if result.n_old_undated:
            log.info(
                "%d undated file(s) older than the period left out and not listed",
                result.n_old_undated,
            )
        if target is None:
            _digest_to_stdout(result, form)
        else:
            write_digest(result, target, form)
            typer.echo(f"wrote {target}", err=True)
        return failures

    _guard(run)
