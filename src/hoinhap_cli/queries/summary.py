"""The periodic review (Article 4: 6-monthly and yearly; section III: quarterly): the plan as a
whole over one period, not only what fell due in it.

`summarise()` returns one value, `Summary`, whose sections are plain data (a docx writer or any
other drawing reads the same fields):

- `tasks`: every task active in the period — a dated milestone whose window overlaps it (or
  which fell due earlier and was still open when it began), a recurring one with an occurrence
  in it (or an earlier occurrence still open), an ongoing or undated one, any milestone with an
  entry dated in the period (3.1.3 worked on in 2009 though due "2010"); not the reporting row,
  nor a task closed before the period — with the status of all its milestones at the period's
  end (`judged_on`: the period's last day, or the as-of date if sooner), by
  `responsibility.combine_states`: done only when every milestone is;
- `late`: every milestone due by the period's end, open on `judged_on` and due before the as-of
  date — on the period's last day, the rows of `overdue` (a review on 1 January counts the
  year's milestones late); `blocked`: the task rows blocked, with their reasons; `dropped`: each
  dropped milestone of an active task, with its reason; `changes`: the entries dated in the
  period (evidence too); `due_ahead`: open milestones due after the period, before its year ends;
- `counts`: the task figures, each the length of one of those lists (`TaskCounts`);
  `milestones`: the plan's milestones on `judged_on` (`deadlines.Counts`), the one completion
  rate, which every command prints; and `reports`: the reports ledger of the period
  (`reporting.report_ledger`), its own figures;
- `amendments`: what the caller found changed in the plan during the period (git history).

Drawn by `summaryview` (`summaryview.Drawn`); no I/O here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hoinhap_cli.judgement import responsibility
from hoinhap_cli.judgement.responsibility import combine_states
from hoinhap_cli.ledger.ledger import Ledger
from hoinhap_cli.queries.review import obligation_record
from hoinhap_cli.rules import reporting
from hoinhap_cli.rules.deadlines import SHARE_OF, Counts, Obligation, count, milestone_obligations, obligations
from hoinhap_cli.rules.reporting import ReportLedger
from hoinhap_cli.words.i18n import t
from hoinhap_cli.words.periods import Kind, Period
from hoinhap_cli.words.problems import UsageError
from hoinhap_cli.words.vocab import Status

if TYPE_CHECKING:
    from hoinhap_cli.queries.plandiff import Change

_STATE_OF = {Status.DONE: "done", Status.IN_PROGRESS: "in_progress", Status.BLOCKED: "blocked",
             Status.NOT_STARTED: "not_started", Status.DROPPED: "dropped"}


@dataclass(frozen=True)
class TaskRow:
    """One active task at the period's end."""

    task: str
    program: str
    title: str
    leads: tuple[str, ...]
    due: tuple[str, ...]  # the active milestones' deadlines, as the plan writes them
    status: Status
    late: bool  # a milestone late on the day judged
    last_entry: date | None  # the latest entry by the day judged
    reason: str | None  # that entry's reason (blocked, dropped)

    def record(self) -> dict[str, Any]:
        return {"task": self.task, "program": self.program, "title": self.title, "lead": list(self.leads),
                "due": list(self.due), "status": self.status.value, "late": self.late,
                "last_entry": self.last_entry.isoformat() if self.last_entry else None, "reason": self.reason}


@dataclass(frozen=True)
class ChangeRow:
    """An entry recorded in the period."""

    date: date
    unit: str
    task: str
    milestone: int | None
    status: Status
    note: str | None
    reason: str | None
    evidence: str | None

    def record(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "unit": self.unit, "task": self.task, "milestone": self.milestone,
                "status": self.status.value, "note": self.note, "reason": self.reason, "evidence": self.evidence}


@dataclass(frozen=True)
class Amendment:
    """A change to the plan made during the period (a commit of plan.yaml)."""

    revision: str
    date: date
    subject: str
    changes: tuple[Change, ...] = ()  # what changed in substance (worded by changewords, as `diff` words it)

    def record(self) -> dict[str, Any]:
        return {"revision": self.revision, "date": self.date.isoformat(), "subject": self.subject,
                "changes": [c.as_dict() for c in self.changes]}


@dataclass
class Tally:
    """Active tasks of one programme or lead unit, by status at the period's end."""

    key: str
    name: str
    active: int = 0
    done: int = 0
    in_progress: int = 0
    blocked: int = 0
    not_started: int = 0
    dropped: int = 0
    late: int = 0
    milestones: Counts = Counts()  # its task milestones as of the day judged: the completion rate

    def add(self, row: TaskRow) -> None:
        self.active += 1
        setattr(self, _STATE_OF[row.status], getattr(self, _STATE_OF[row.status]) + 1)
        self.late += row.late

    @property
    def share_done(self) -> float | None:
        """The completion rate: milestones done over those that can be finished (deadlines.Counts)."""
        return self.milestones.share_done

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.key, "name": self.name, "active": self.active, "done": self.done,
                "in_progress": self.in_progress, "blocked": self.blocked, "not_started": self.not_started,
                "dropped": self.dropped, "late": self.late, "milestones": self.milestones.as_dict(),
                "share_done": self.share_done, "share_of": SHARE_OF}


@dataclass(frozen=True)
class TaskCounts:
    """The review's task figures; each is the number of rows of one of its lists. The completion
    rate is not a task figure: it is `Summary.milestones.share_done`."""

    active: int  # len(tasks)
    done: int
    in_progress: int
    blocked: int  # len(blocked)
    not_started: int
    dropped: int  # tasks every milestone of which is dropped
    late: int  # tasks with a late milestone (their milestones: len(late_milestones))
    late_milestones: int  # len(late)
    changes: int  # len(changes)
    due_ahead: int  # len(due_ahead)
    dropped_milestones: int  # len(dropped)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class Summary:
    ledger: Ledger
    period: Period
    as_of: date
    judged_on: date  # the period's last day, or the as-of date if sooner
    tasks: list[TaskRow]
    late: list[Obligation]  # due by the period's end and before `as_of`, open on `judged_on`; oldest first
    blocked: list[TaskRow]
    dropped: list[TaskRow]  # each dropped milestone of the active tasks, with its reason
    changes: list[ChangeRow]
    due_ahead: list[Obligation]  # open, due after the period and by the end of its year
    programs: list[Tally]
    units: list[Tally]
    counts: TaskCounts
    reports: ReportLedger
    milestones: Counts  # the plan's task milestones judged on `judged_on`: the late count and the completion rate
    amendments: list[Amendment] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # e.g. the plan is today's, not as it stood

    def record(self) -> dict[str, Any]:
        """The review as docs/json-contract.md ("summary") describes it."""
        p, ledger = self.period, self.ledger
        return {"period": p.label, "start": p.start.isoformat(), "end": p.end.isoformat(),
                "as_of": self.as_of.isoformat(), "judged_on": self.judged_on.isoformat(),
                "counts": {"tasks": self.counts.as_dict(),
                           "milestones": self.milestones.as_dict(),
                           "reports": self.reports.counts.as_dict()},
                "tasks": [r.record() for r in self.tasks],
                "late": [obligation_record(ledger, o, self.judged_on) for o in self.late],
                "blocked": [r.record() for r in self.blocked], "dropped": [r.record() for r in self.dropped],
                "changes": [c.record() for c in self.changes],
                "due_ahead": [obligation_record(ledger, o, self.judged_on) for o in self.due_ahead],
                "programs": [x.as_dict() for x in self.programs], "units": [x.as_dict() for x in self.units],
                "reports": self.reports.record(), "amendments": [a.record() for a in self.amendments],
                "warnings": list(self.warnings)}

# ------------------------------------------------------------ what is active


def _active(ledger: Ledger, o: Obligation, period: Period) -> bool:
    """A milestone is active in the period when it is due or worked on in it, or still open when it
    began (see the module's rules; an entry in the period: `task_rows`)."""
    if o.kind in (Kind.ONGOING, Kind.NONE):
        return not _closed_before(ledger, o, period.start)
    if o.period is not None:  # recurring: an occurrence in the period, or an earlier one still open
        if o.period.start <= period.end and o.period.end >= period.start:
            return True
        return o.period.end < period.start and not _closed_before(ledger, o, period.start)
    if o.due_date is None:  # awaiting an event
        return False
    start = o.start_date or ledger.period.start
    if start <= period.end and o.due_date >= period.start:
        return not _closed_before(ledger, o, period.start)
    return o.due_date < period.start and not _closed_before(ledger, o, period.start)  # carried over, still open


def _closed_before(ledger: Ledger, o: Obligation, day: date) -> bool:
    """Closed the day before `day`: a recurring occurrence by its own rule (deadlines), else the milestone."""
    before = day - timedelta(days=1)
    if o.period is not None:
        return any(x.period == o.period and x.status.closed
                   for x in milestone_obligations(ledger, o.task, o.index, before))
    return responsibility.milestone_status(ledger, o.task.id, o.index, before).status.closed


def _worked_on(ledger: Ledger, period: Period, day: date) -> set[tuple[str, int | None]]:
    """(task, milestone) of every entry dated in the period by `day` (None: the whole task)."""
    return {(e.task, e.milestone) for _, e in ledger.entries() if period.start <= e.date <= min(period.end, day)}


def task_rows(ledger: Ledger, period: Period, day: date, as_of: date,
              judged: list[Obligation]) -> tuple[list[TaskRow], list[Obligation], list[TaskRow]]:
    """Every task active in the period with its status on `day` (`judged`: the obligations as of
    `day`): the status of all its milestones (a task is done when every milestone is); the late
    milestones (due by the period's end and before the as-of date, not closed on `day`: the rows
    of `overdue` on that day); and each dropped milestone of those tasks, as a row of its own."""
    worked = _worked_on(ledger, period, day)
    all_of: dict[str, list[Obligation]] = {}
    by_task: dict[str, list[Obligation]] = {}
    for o in judged:
        all_of.setdefault(o.task.id, []).append(o)
        touched = ((o.task.id, None) in worked or (o.task.id, o.milestone) in worked) and (
            o.period is None or o.period.start <= period.end)  # a recurring duty: not its later years
        if (_active(ledger, o, period) or touched
                or (o.due_date is not None and o.due_date <= period.end and o.late(as_of))):
            by_task.setdefault(o.task.id, []).append(o)
    rows, late, dropped = [], [], []
    for tid, obs in by_task.items():
        task = ledger.tasks[tid]
        latest = responsibility.task_status(ledger, tid, day).entry
        status = combine_states([o.status for o in all_of[tid]])
        reason = next((o.reason for o in all_of[tid] if o.status is status and o.reason), None)
        mine = [replace(o, as_of=as_of, is_late=True, late_days=o.days_late(as_of))  # as late on as_of
                for o in obs if o.due_date is not None and o.due_date <= period.end and o.late(as_of)]
        rows.append(TaskRow(tid, task.program, task.title, tuple(task.lead or ()),
                            tuple(dict.fromkeys(str(task.milestones[o.index].due) for o in obs)), status,
                            bool(mine), latest.date if latest else None, reason or (latest.reason if latest else None)))
        late += mine
        gone = {o.index: o for o in all_of[tid] if o.status is Status.DROPPED}
        dropped += [TaskRow(tid, task.program, task.title, tuple(task.lead or ()),
                            (str(task.milestones[i].due),), Status.DROPPED, False,
                            o.entry.date if o.entry else None, o.reason) for i, o in gone.items()]
    late.sort(key=lambda o: (o.due_date or date.max, o.order))
    return rows, late, dropped


def as_it_stood(ledger: Ledger, period: Period, lang: str,
                max_bytes: int) -> tuple[Ledger, list[Amendment], list[str]]:
    """The ledger with the plan as it stood at the period's end, and the plan's commits during
    the period, when the data folder is in a git repository; else as it is, with a warning.
    A past plan is read within `max_bytes` as the plan on disk is (DataError beyond it)."""
    plan_file = Path(ledger.data.plan_file)
    if not any((folder / ".git").exists() for folder in plan_file.resolve().parents):
        return ledger, [], [t("summary.no_git", lang, file=plan_file.name)]
    # reason: reading a past plan loads pydantic and git; a folder outside git never needs them
    from hoinhap_cli.queries import revisions

    try:
        repo = revisions.repo_of(plan_file)
    except UsageError:
        return ledger, [], [t("summary.no_git", lang, file=plan_file.name)]
    amendments = [Amendment(sha, day, subject, tuple(changes))
                  for sha, day, subject, changes in revisions.amendments(repo, period.start, period.end, max_bytes)]
    then = revisions.plan_as_of(repo, period.end)
    now = revisions.plan_as_of(repo, date.max)
    if then is not None and then != now:  # amended since the period's end: judge with the plan then
        old, _ = revisions.plan_at(repo, then, ledger.data.display(plan_file), max_bytes)
        ledger = Ledger.of(ledger.data, old, ledger.reports, ledger.warnings)
    return ledger, amendments, []


def summarise(ledger: Ledger, period: Period, as_of: date, amendments: Sequence[Amendment] = (),
              warnings: Sequence[str] = ()) -> Summary:
    """The review of a period as of a date (see the module's rules)."""
    day = min(period.end, as_of)
    judged = obligations(ledger, day)  # once: the rows and what falls due ahead both read them
    rows, late, dropped = task_rows(ledger, period, day, as_of, judged)
    year_end = date(period.end.year, 12, 31)
    ahead = [o for o in judged if o.open and o.due_date is not None
             and period.end < o.due_date <= year_end]
    ahead.sort(key=lambda o: (o.due_date, o.order))
    changes = [ChangeRow(e.date, report.content.unit, e.task, e.milestone, e.status, e.note, e.reason, e.evidence)
               for report, e in ledger.entries() if e.date in period and e.date <= as_of]
    by_program: dict[str, list[Obligation]] = {}
    by_lead: dict[str, list[Obligation]] = {}  # one pass, not one per unit over every obligation
    for o in judged:
        by_program.setdefault(o.task.program, []).append(o)
        for uid in dict.fromkeys(o.leads):
            by_lead.setdefault(uid, []).append(o)
    programs = {p.id: Tally(p.id, p.appendix_title or p.title, milestones=count(by_program.get(p.id, []), day))
                for p in ledger.plan.programs}
    units = {u.id: Tally(u.id, u.name, milestones=count(by_lead.get(u.id, []), day)) for u in ledger.units.values()}
    for row in rows:
        programs[row.program].add(row)
        for uid in row.leads:
            units[uid].add(row)
    blocked = [r for r in rows if r.status is Status.BLOCKED]
    n = {s: sum(r.status is s for r in rows) for s in Status}
    counts = TaskCounts(len(rows), n[Status.DONE], n[Status.IN_PROGRESS], len(blocked), n[Status.NOT_STARTED],
                        n[Status.DROPPED], sum(r.late for r in rows), len(late), len(changes), len(ahead),
                        len(dropped))
    return Summary(ledger, period, as_of, day, rows, late, blocked, dropped, changes, ahead,
                   [x for x in programs.values() if x.active], [x for x in units.values() if x.active], counts,
                   reporting.report_ledger(ledger, as_of, period),
                   replace(count(judged, day), late=len(late)), list(amendments),
                   list(warnings))
