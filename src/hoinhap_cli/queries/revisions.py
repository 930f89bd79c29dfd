"""The plan as it was at a git revision, validated like the working copy.

git is always called with an argument list (never through a shell), so a revision or path
with spaces or shell characters is passed through as it is. Every failure is one line. A plan
is read within the size limit of every YAML read (`max_bytes`, HOINHAP_MAX_MB): a file only
when it is a regular file (`yamlio.read_bytes`), a revision's blob only after git says its size.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from hoinhap_cli.files import yamlio
from hoinhap_cli.ledger.reading import parse_plan
from hoinhap_cli.model.model import Plan
from hoinhap_cli.queries import plandiff
from hoinhap_cli.words.problems import DataError, Problem, UsageError, errors, words

WORKTREE = None  # the revision "None" means the file as it is on disk


@dataclass(frozen=True)
class Repo:
    root: Path
    plan: Path  # the plan file, relative to root (POSIX form for `git show REV:path`)

    @property
    def relpath(self) -> str:
        return self.plan.as_posix()


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise UsageError(words("git.missing")) from None


def repo_of(plan_file: Path) -> Repo:
    folder = plan_file.resolve().parent
    if not folder.is_dir():
        raise UsageError(words("git.no_folder", folder=folder))
    done = _git(folder, "rev-parse", "--show-toplevel")
    if done.returncode != 0:
        advice = git_refusal(done.stderr.decode("utf-8", "replace"))  # "dubious ownership": git's words
        if advice is not None:
            raise UsageError(advice)
        raise UsageError(words("git.no_repo", folder=folder))
    root = Path(done.stdout.decode("utf-8", "replace").strip()).resolve()
    return Repo(root, plan_file.resolve().relative_to(root))


def show(repo: Repo, rev: str, max_bytes: int) -> bytes:
    """The plan file's bytes at `rev`; DataError when the blob is over `max_bytes` (its size
    asked of git first, so a huge blob is never read)."""
    if rev.startswith("-"):
        raise UsageError(words("git.bad_revision", rev=rev))
    if _git(repo.root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").returncode:
        raise UsageError(words("git.unknown_revision", rev=rev, root=repo.root))
    sized = _git(repo.root, "cat-file", "-s", f"{rev}:{repo.relpath}")
    if sized.returncode != 0:
        raise UsageError(words("git.not_at_revision", path=repo.relpath, rev=rev))
    size = int(sized.stdout.strip() or 0)
    if size > max_bytes:
        raise DataError([_too_big(f"{rev}:{repo.relpath}", size, max_bytes)])
    done = _git(repo.root, "show", f"{rev}:{repo.relpath}")
    if done.returncode != 0:
        raise UsageError(words("git.not_at_revision", path=repo.relpath, rev=rev))
    return done.stdout


def revision(text: str) -> str:
    """A revision as given; an empty one refused."""
    if not text.strip():
        raise UsageError(words("refused.empty_revision"))
    return text


def git_refusal(stderr: str) -> str | None:
    """git's own advice when it refuses a repository owned by another user."""
    if "dubious ownership" not in stderr:
        return None
    return " ".join(line.strip() for line in stderr.strip().splitlines() if line.strip())


def plan_from(raw: bytes, name: str) -> Plan:
    """A validated plan, or DataError naming the first problem (name:line:col) and how many more."""
    plan, problems = parse_plan(raw, name)
    if plan is None:
        found = errors(problems) or problems
        first = found[0]
        if len(found) > 1:
            first = Problem(first.file, first.line, first.col,
                            words("problem.and_more", message=first.message, n=len(found) - 1), first.severity,
                            first.path)
        raise DataError([first])
    return plan


def _too_big(name: str, size: int, limit: int) -> Problem:
    return Problem(name, 1, None, words("yaml.too_big", size=f"{size / 2**20:.1f}", limit=f"{limit / 2**20:g}",
                                        env=yamlio.MAX_MB_ENV, raise_to=int(size / 2**20) + 1))


def plan_at(repo: Repo, rev: str | None, display: str, max_bytes: int) -> tuple[Plan, str]:
    """(plan, its name): at `rev`, or the working copy when rev is None."""
    if rev is WORKTREE:
        return plan_file(repo.root / repo.plan, display, max_bytes), display
    name = f"{rev}:{repo.relpath}"
    return plan_from(show(repo, rev, max_bytes), name), name


def plan_file(path: Path, display: str, max_bytes: int) -> Plan:
    """A plan file the user named, read as every YAML file is (a regular file, within `max_bytes`)."""
    raw, problems = yamlio.read_bytes(path, display, max_bytes)
    if raw is None:
        raise DataError(problems)
    return plan_from(raw, display)


def plan_commits(repo: Repo, since: date, until: date) -> list[tuple[str, date, str]]:
    """The commits that changed the plan file from `since` to `until` (commit dates, both
    included), oldest first: (hash, day, subject)."""
    done = _git(repo.root, "log", "--reverse", "--format=%H%x09%cs%x09%s", f"--since={since.isoformat()} 00:00",
                f"--until={until.isoformat()} 23:59:59", "--", repo.relpath)
    out = []
    for line in done.stdout.decode("utf-8", "replace").splitlines() if done.returncode == 0 else []:
        sha, day, subject = (line.split("\t", 2) + ["", ""])[:3]
        out.append((sha, date.fromisoformat(day), subject))
    return out


def plan_as_of(repo: Repo, day: date) -> str | None:
    """The last commit that changed the plan file on or before `day`, if any."""
    done = _git(repo.root, "log", "-1", "--format=%H", f"--until={day.isoformat()} 23:59:59", "--", repo.relpath)
    sha = done.stdout.decode("utf-8", "replace").strip() if done.returncode == 0 else ""
    return sha or None


def amendments(repo: Repo, since: date, until: date,
               max_bytes: int) -> list[tuple[str, date, str, list[plandiff.Change]]]:
    """The amendments of the plan from `since` to `until`: each commit that changed it in
    substance, with what it changed (plandiff). The commit that created the plan file is its
    first version, not an amendment; a commit that changed nothing in substance is none either."""
    out = []
    for sha, day, subject in plan_commits(repo, since, until):
        changes = changed_by(repo, sha, max_bytes)
        if changes:
            out.append((sha, day, subject, changes))
    return out


def changed_by(repo: Repo, sha: str, max_bytes: int) -> list[plandiff.Change]:
    """What a commit changed in the plan; nothing for the commit that created the file, nor for a
    version over `max_bytes`."""
    try:
        old, _ = plan_at(repo, f"{sha}^", "", max_bytes)
        new, _ = plan_at(repo, sha, "", max_bytes)
    except (UsageError, DataError):
        return []
    return plandiff.diff(old, new)
