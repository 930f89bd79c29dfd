"""`hoinhap record`: append one progress entry to a unit's quarterly report."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date as Date
from typing import Annotated, Optional

import typer

from hoinhap_cli.cli.common import DATE, DataOpt, LangOpt, cache, max_bytes, output, status_word, today
from hoinhap_cli.cli.complete import complete_event, complete_task, complete_unit
from hoinhap_cli.cli.event import EvidenceOpt, NoteOpt, record_event
from hoinhap_cli.judgement import responsibility
from hoinhap_cli.judgement.responsibility import closed_for
from hoinhap_cli.ledger.ledger import Ledger
from hoinhap_cli.render.render import Output
from hoinhap_cli.rules import progress
from hoinhap_cli.words.i18n import t
from hoinhap_cli.words.problems import UsageError, words
from hoinhap_cli.words.vocab import Status


def record(
    task: Annotated[Optional[str], typer.Argument(metavar="TASK_ID", autocompletion=complete_task,
                                                  help="The task, e.g. 2.10 (2,10 works too).")] = None,
    status: Annotated[Optional[str], typer.Option(
        "--status", "-s", help="not-started, in-progress, done, blocked, dropped — or chưa thực hiện, "
                               "đang thực hiện, hoàn thành, vướng mắc, hủy bỏ (diacritics optional).")] = None,
    milestone: Annotated[Optional[int], typer.Option("--milestone", "-m", help=(
        "Milestone number (from 1); default: the earliest dated milestone still open for the unit "
        "(said on stderr), the whole task when it has one milestone."))] = None,
    date: Annotated[Optional[Date], typer.Option("--date", click_type=DATE,
                                                 help="YYYY-MM-DD (default: today).")] = None,
    unit: Annotated[Optional[str], typer.Option("--unit", "-u", autocompletion=complete_unit,
                                                help="Unit id, name or alias (default: the task's first lead unit).")]
    = None,
    note: NoteOpt = None,
    reason: Annotated[Optional[str], typer.Option("--reason", help="Why: required for blocked and dropped.")] = None,
    evidence: EvidenceOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Accept a unit that neither leads nor supports the "
                                                        "task; the entry says forced: true.")] = False,
    event: Annotated[Optional[str], typer.Option("--event", metavar="EVENT_ID", autocompletion=complete_event,
                                                 help="Record an awaited event instead (same as `hoinhap event`).")]
    = None,
    data: DataOpt = None,
    lang: LangOpt = None,
) -> int:
    """Record progress on a task: one entry appended to reports/<quarter>/<unit>.yaml.

    \b
    Example: hoinhap record 2.10 --status "đang thực hiện" --note "Đã khảo sát 3 chợ"
    Example: hoinhap record 3.2.2 --status "vướng mắc" --reason "Chờ Thành phố duyệt vốn" --unit "Phòng QLĐT"
    """
    # reason: the writer loads pydantic, which completing these arguments on <TAB> must not
    from hoinhap_cli.cli.writing import append_entry, ledger_of, lock_timeout, open_for_writing, update

    if event is not None:
        _only_event((("TASK_ID", task), ("--status", status), ("--milestone", milestone), ("--unit", unit),
                     ("--reason", reason), ("--force", force)))
        return record_event(event, date, note, evidence, data, lang)
    if task is None or status is None:
        missing = " + ".join(n for n, v in (("TASK_ID", task), ("--status", status)) if v is None)
        raise UsageError(words("cli.record.missing", missing=missing),
                         [words("cli.record.missing.hint"), words("cli.record.event.hint")])
    out = output(lang)
    where, plan = open_for_writing(data, out)
    now, known = today(), cache(out)
    done = progress.build_entry(plan, task=task, status=status, today=now, milestone=milestone, day=date,
                                unit=unit, note=note, reason=reason, evidence=evidence, force=force)
    done, notes = _which_milestone(done, lambda: ledger_of(where, plan, now, known), out.lang)
    written = update(where, plan, done.unit.id, done.period, now, append_entry(done.entry),
                     timeout=lock_timeout(), max_bytes=max_bytes(), cache=known)
    _confirm(out, done, [t("record.reformatted", out.lang, file=written.file)] * written.reformatted + notes,
             written.file)
    return 0


def _confirm(out: Output, done: progress.Recorded, notes: list[str], file: str) -> None:
    """What was written, said once it is (a refusal before stays one line)."""
    if done.unit_defaulted:
        notes.append(t("record.default_unit", out.lang, unit=done.unit.id, name=done.unit.name))
    if done.forced:
        notes.append(t("record.forced", out.lang, unit=done.unit.id, task=done.task.id))
    for line in notes:
        out.message(line)
    where_ms = t("record.milestone", out.lang, n=done.entry.milestone) if done.entry.milestone else ""
    out.message(t("record.ok", out.lang, task=done.task.id, milestone=where_ms,
                  status=status_word(done.entry.status, out.lang), date=done.entry.date.isoformat(),
                  unit=done.unit.id, file=file))


def _which_milestone(done: progress.Recorded, ledger: Callable[[], Ledger],
                     lang: str) -> tuple[progress.Recorded, list[str]]:
    """The milestone an entry counts for (named, else progress.choose_milestone, asking the ledger
    only then), and what to say of it and of an entry dated after its due date (done late)."""
    entry, task, ms = done.entry, done.task, done.task.milestones
    index, notes = (entry.milestone - 1 if entry.milestone else None), []
    if index is None and len(ms) > 1:
        now = ledger()  # the statuses so far: which milestone is still open for the unit
        closed = [closed_for(responsibility.milestone_status(now, task.id, i), done.unit.id) for i in range(len(ms))]
        index = progress.choose_milestone(task.id, done.unit.id, [m.due.kind.value for m in ms],
                                          [str(m.due) for m in ms], closed)
        if index is not None:
            entry, notes = entry.model_copy(update={"milestone": index + 1}), [
                t("record.chosen", lang, n=index + 1, due=ms[index].due, unit=done.unit.id)]
    due = ms[index].due.due if index is not None else None
    if due is not None and index is not None and entry.date > due:
        how = t("record.after_due.done" if entry.status is Status.DONE else "record.after_due.other", lang)
        notes.append(t("record.after_due", lang, n=index + 1, due=due.isoformat(), date=entry.date.isoformat(),
                       days=(entry.date - due).days, how=how, quarter=done.period))
    return replace(done, entry=entry), notes


def _only_event(given: tuple[tuple[str, object], ...]) -> None:
    """`record --event` records an event: none of the task-progress arguments may come with it."""
    extra = [name for name, value in given if value]
    if extra:
        raise UsageError(words("cli.record.event_only", extra=", ".join(extra)), [words("cli.record.event.usage")])
