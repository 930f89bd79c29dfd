"""Hostile input, round three: a hand edit saved while `record` writes, shared folders, control
characters in the plan and in everything printed, `diff`'s reading limits, a FIFO named like a
report. Each refusal is one line naming the file, a documented exit code, nothing changed on disk."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import hoinhap
from hoinhap_cli.files import files
from hoinhap_cli.ledger import store
from hostile_data import ENTRY, QUARTER, RECORD, REPORT, TODAY, make_data, run

HAND_EDIT = '  - task: "2.10"\n    status: in-progress\n    date: 2009-04-20\n    note: "sửa tay trong lúc ghi"\n'


def _edit_during_write(monkeypatch: pytest.MonkeyPatch, report: Path, times: int) -> list[int]:
    """Append HAND_EDIT to `report` on disk after `record` has made its new bytes and before it
    replaces the file — the window an editor or `git pull` saves in — the first `times` writes."""
    real = files.write_atomic
    edits: list[int] = []

    def editing(path: Path, text: str | bytes, **kwargs: Any) -> None:
        if path == report and len(edits) < times:
            with open(report, "a", encoding="utf-8") as handle:
                handle.write(HAND_EDIT)
            edits.append(1)
        real(path, text, **kwargs)

    monkeypatch.setattr(store, "write_atomic", editing)
    return edits


@pytest.mark.parametrize("cache", ["warm", "none"])
def test_a_hand_edit_saved_during_a_write_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  cache: str) -> None:
    data = make_data(tmp_path)
    env = {"HOINHAP_TODAY": TODAY, **({"HOINHAP_NO_CACHE": "1"} if cache == "none" else {})}
    if cache == "warm":  # the cache knows the file: record appends without parsing it
        assert hoinhap("tasks", data=data, env=env).exit_code == 0
    edits = _edit_during_write(monkeypatch, (data / REPORT).resolve(), times=1)
    result = hoinhap(*RECORD, data=data, env=env)
    assert result.exit_code == 0, result.output
    assert edits == [1]
    text = (data / REPORT).read_text(encoding="utf-8")
    assert "sửa tay trong lúc ghi" in text  # the hand edit survives …
    assert "status: done" in text and "2009-05-02" in text  # … and the entry recorded is there too
    assert text.startswith(ENTRY + HAND_EDIT)  # read again: the new entry follows the hand edit
    assert hoinhap("check", data=data, env=env).exit_code == 0


def test_a_file_that_keeps_changing_is_refused_and_left_as_saved(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    data = make_data(tmp_path)
    edits = _edit_during_write(monkeypatch, (data / REPORT).resolve(), times=100)
    result = hoinhap(*RECORD, "--lang", "en", data=data, env={"HOINHAP_TODAY": TODAY})
    assert result.exit_code == 2, result.output
    assert len(edits) == store.WRITE_TRIES
    assert (data / REPORT).read_text(encoding="utf-8") == ENTRY + HAND_EDIT * store.WRITE_TRIES  # nothing lost
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "phong-kinh-te.yaml" in lines[0] and "kept changing" in lines[0], lines
    leftovers = [p.name for p in (data / REPORT).parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


# ------------------------------------------------------------ 7. a ledger shared by a group


@pytest.mark.parametrize("shared", [True, False])
def test_a_new_quarter_in_a_group_folder_is_group_writable(tmp_path: Path, shared: bool) -> None:
    """reports/ 2775: the first writer of a quarter makes its folder, report and lock group-
    writable (setgid kept), so the next member can write. reports/ 0755: nothing is widened."""
    data = make_data(tmp_path, report=None)
    (data / REPORT).parent.rmdir()
    os.chmod(data / "reports", 0o2775 if shared else 0o755)
    old = os.umask(0o022)
    try:
        result = hoinhap(*RECORD, data=data, env={"HOINHAP_TODAY": TODAY})
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    quarter = stat.S_IMODE((data / REPORT).parent.stat().st_mode)
    report = stat.S_IMODE((data / REPORT).stat().st_mode)
    lock = stat.S_IMODE((data / f"{REPORT}.lock").stat().st_mode)
    if shared:
        assert quarter & stat.S_IWGRP and quarter & stat.S_ISGID, oct(quarter)
        assert report & stat.S_IWGRP and lock & stat.S_IWGRP, (oct(report), oct(lock))
    else:
        assert (quarter, report, lock) == (0o755, 0o644, 0o644), (oct(quarter), oct(report), oct(lock))


# ------------------------------------------------------------ 11. check names a FIFO like a link


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
@pytest.mark.parametrize("name", ["phong-kinh-te.yaml", "phong-tu-phap.YAML"])
def test_check_names_a_fifo_named_like_a_report(tmp_path: Path, name: str) -> None:
    data = make_data(tmp_path, report=None)
    os.mkfifo((data / REPORT).with_name(name))
    env = {**os.environ, "HOINHAP_TODAY": TODAY, "HOINHAP_LANG": "en", "HOINHAP_NO_CACHE": "1"}
    # the timeout only stops a run that would block opening the FIFO; the test asserts no time
    done = subprocess.run([sys.executable, "-m", "hoinhap_cli", "check", "--data", str(data)],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"reports/{QUARTER}/{name}: is not a regular file (a FIFO (named pipe))" in done.stdout, done.stdout
    assert stat.S_ISFIFO((data / REPORT).parent.joinpath(name).lstat().st_mode)


# ------------------------------------------------------------ 10. diff reads within the limits


def _diff(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`hoinhap diff` in a child process: the timeout only stops a run that blocks on a FIFO or
    reads /dev/zero for ever (the test asserts no time)."""
    full = {**os.environ, "HOINHAP_TODAY": TODAY, "HOINHAP_LANG": "en", "HOINHAP_NO_CACHE": "1", **(env or {})}
    return subprocess.run([sys.executable, "-m", "hoinhap_cli", "diff", *args], capture_output=True, text=True,
                          env=full, cwd=cwd, timeout=120)


def _one_line(done: subprocess.CompletedProcess[str], *wanted: str) -> None:
    assert done.returncode == 2, done.stdout + done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and all(w in lines[0] for w in wanted), lines
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="POSIX devices")
def test_diff_refuses_a_device(tmp_path: Path) -> None:
    data = make_data(tmp_path)
    _one_line(_diff(["--files", "/dev/zero", str(data / "plan.yaml")], tmp_path),
              "/dev/zero: not a regular file (a device)")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_diff_refuses_a_fifo_without_blocking(tmp_path: Path) -> None:
    data = make_data(tmp_path)
    os.mkfifo(tmp_path / "old.yaml")
    _one_line(_diff(["--files", str(tmp_path / "old.yaml"), str(data / "plan.yaml")], tmp_path),
              "old.yaml: not a regular file (a FIFO (named pipe))")
    assert stat.S_ISFIFO((tmp_path / "old.yaml").lstat().st_mode)


def _padded_plan(data: Path, mib: float) -> None:
    """The shipped plan made `mib` MiB big by a comment at its end: a valid plan, too big."""
    plan = data / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text + "# " + "x" * int(mib * 2**20 - len(text.encode("utf-8"))) + "\n", encoding="utf-8")


def test_diff_refuses_a_file_over_the_limit(tmp_path: Path) -> None:
    data = make_data(tmp_path)
    _padded_plan(data, 1.2)
    env = {"HOINHAP_MAX_MB": "1"}
    assert hoinhap("check", data=data, env={"HOINHAP_TODAY": TODAY, **env}).exit_code == 1  # check refuses it too
    _one_line(_diff(["--files", str(data / "plan.yaml"), str(data / "plan.yaml")], tmp_path, env),
              "plan.yaml:1: the file is 1.2 MiB, over the 1 MiB limit")


def test_diff_refuses_a_revision_over_the_limit(tmp_path: Path) -> None:
    data = make_data(tmp_path, report=None)
    _padded_plan(data, 1.2)
    for args in (["init", "-q"], ["add", "-A"], ["-c", "user.name=T", "-c", "user.email=t@example.org",
                                                  "-c", "commit.gpgsign=false", "commit", "-q", "-m", "plan"]):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)
    done = _diff(["HEAD", "HEAD", "--data", str(data)], tmp_path, {"HOINHAP_MAX_MB": "1"})
    _one_line(done, "HEAD:data/plan.yaml:1: the file is 1.2 MiB, over the 1 MiB limit")


# ------------------------------------------------------------ 6. control characters in the plan


TITLE_210 = '  - id: "2.10"\n    program: "2"\n    title: >-\n      - Triển khai'


def _plan_with(data: Path, escape: str) -> int:
    """Task 2.10's title rewritten in double quotes holding `escape` (a YAML escape such as \\e);
    returns the title's line."""
    plan = data / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    assert TITLE_210 in text
    head, tail = text.split(TITLE_210, 1)
    rest = tail.split("\n", 1)[1]
    while rest.startswith("      "):  # the rest of the folded title
        rest = rest.split("\n", 1)[1]
    title = f'    title: "{escape}Triển khai đề án cụm công nghiệp"\n'
    plan.write_text(head + '  - id: "2.10"\n    program: "2"\n' + title + rest, encoding="utf-8")
    return head.count("\n") + 3


@pytest.mark.parametrize(("escape", "char"), [("\\e[31m", "U+001B (ESCAPE)"), ("\\f", "U+000C"),
                                              ("\\0", "U+0000 (NUL)"), ("\\uFFFE", "U+FFFE"),
                                              ("\\x85", "U+0085 (NEXT LINE)"), ("\\r", "U+000D")])
def test_check_refuses_control_characters_in_the_plan(tmp_path: Path, escape: str, char: str) -> None:
    data = make_data(tmp_path)
    line = _plan_with(data, escape)
    result = run(["check", "--data", str(data), "--lang", "en"], tmp_path, 1)
    assert f"plan.yaml:{line}:12: the text contains {char}" in result.stdout, result.stdout
    for argv in (["show", "2.10"], ["tasks"], ["timeline"], ["forms", "-p", QUARTER, "-o", str(tmp_path / "nv")],
                 ["summary", "--period", QUARTER, "--format", "docx", "--out", str(tmp_path / "review.docx")]):
        done = run([*argv, "--data", str(data), "--lang", "en"], tmp_path, 2)
        assert "\x1b" not in done.stdout + done.stderr and "internal error" not in done.stderr
        assert f"plan.yaml:{line}:12: the text contains {char}" in done.stderr, (argv, done.stderr)


def test_tabs_and_line_breaks_in_plan_text_are_still_accepted(tmp_path: Path) -> None:
    data = make_data(tmp_path)
    _plan_with(data, "Dòng một\\nDòng hai\\t")
    run(["check", "--data", str(data)], tmp_path, 0)


# ------------------------------------------------------------ 6, 8. everything printed is escaped

RLO = "\u202e"


def _plan_title_with_rlo(data: Path) -> None:
    plan = data / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace(TITLE_210, TITLE_210.replace("Triển khai", f"Triển {RLO}khai"), 1), encoding="utf-8")


@pytest.mark.parametrize("argv", [["tasks", "-f", "csv"], ["tasks", "-f", "md"], ["tasks", "--full"],
                                  ["show", "2.10"], ["timeline", "--program", "2"]])
def test_a_bidi_control_in_plan_text_is_printed_escaped(tmp_path: Path, argv: list[str]) -> None:
    data = make_data(tmp_path)
    _plan_title_with_rlo(data)
    result = hoinhap(*argv, data=data, env={"HOINHAP_TODAY": TODAY, "COLUMNS": "400"})
    assert result.exit_code in (0, 1), result.output
    output = result.stdout + result.stderr
    assert RLO not in output
    assert "<U+202E>" in output


def _odd_name(tmp_path: Path) -> Path:
    """An attachment named to attack the terminal: OSC (retitle the window), BEL, ESC [2J (clear
    the screen) and a line break that forges a line of its own."""
    name = "bao-cao\x1b]0;pwned\x07\x1b[2J\u202e\nfake line: everything recorded.xlsx"
    path = tmp_path / name
    path.write_bytes(b"not a workbook")
    return path


def test_a_hostile_file_name_is_escaped_in_every_message(tmp_path: Path) -> None:
    data = make_data(tmp_path)
    form = _odd_name(tmp_path)
    result = run(["collect", str(form), "--data", str(data), "--lang", "en"], tmp_path, 2)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert not any(ch in result.stderr for ch in "\x1b\x07\u202e")
    assert "bao-cao<U+001B>]0;pwned<U+0007><U+001B>[2J<U+202E><U+000A>fake line" in lines[0]


def test_a_hostile_argument_is_escaped_in_a_refusal(tmp_path: Path) -> None:
    data = make_data(tmp_path)
    result = run(["show", "2.10\x1b[2J\nfake", "--data", str(data), "--lang", "en"], tmp_path, 2)
    assert "\x1b" not in result.stderr and "<U+001B>[2J<U+000A>fake" in result.stderr
    assert not any(line.startswith("fake") for line in result.stderr.splitlines())


def test_a_bidi_control_in_a_form_note_is_escaped_in_the_dry_run(tmp_path: Path) -> None:
    from test_forms import KT, Q2, fill

    data = make_data(tmp_path, report=None)
    sent = tmp_path / "forms"
    done = hoinhap("forms", "--period", Q2, "--out", str(sent), "--unit", KT, data=data,
                   env={"HOINHAP_TODAY": "2009-07-05"})
    assert done.exit_code == 0, done.output
    form = fill(sent / f"{KT}-{Q2}.xlsx", tmp_path / "kt.xlsx",
                {("1.2", None): {"H": "đang thực hiện", "I": "30/06/2009", "J": f"ghi chú {RLO}đảo chiều"}})
    result = hoinhap("collect", "--dry-run", str(form), data=data, env={"HOINHAP_TODAY": "2009-07-05"})
    assert result.exit_code == 0, result.output
    assert RLO not in result.stdout + result.stderr
    assert f"ghi chú <U+202E>đảo chiều" in result.stdout


def test_the_one_escape() -> None:
    from hoinhap_cli.words.text import shown

    assert shown("Triển khai\tđề án\nquận 2") == "Triển khai\tđề án\nquận 2"  # Vietnamese, tab, line break kept
    assert shown("a\tb\nc", one_line=True) == "a<U+0009>b<U+000A>c"
    assert shown("\x1b[31m\x00\x7f\x85\u202e\u2066\ufffe\udce9") == \
        "<U+001B>[31m<U+0000><U+007F><U+0085><U+202E><U+2066><U+FFFE><U+DCE9>"


@pytest.mark.parametrize("argv", [["show", "2.10", "-f", "json"], ["export", "--format", "yaml"]])
def test_json_and_yaml_carry_a_bidi_control_as_their_own_escape(tmp_path: Path, argv: list[str]) -> None:
    """JSON and YAML are data: U+202E is written \\u202e — nothing raw reaches the terminal, and
    the decoded title is the plan's, character for character."""
    import json

    import yaml

    data = make_data(tmp_path)
    _plan_title_with_rlo(data)
    result = hoinhap(*argv, data=data, env={"HOINHAP_TODAY": TODAY})
    assert result.exit_code == 0, result.output
    assert RLO not in result.stdout and "\\u202e" in result.stdout
    if argv[0] == "show":
        title = json.loads(result.stdout)["title"]
    else:
        title = next(t["title"] for t in yaml.safe_load(result.stdout)["tasks"] if t["id"] == "2.10")
    assert f"Triển {RLO}khai" in title


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
@pytest.mark.parametrize("what", ["fifo plan", "device data"])
def test_a_plan_that_is_not_a_regular_file_is_named(tmp_path: Path, what: str) -> None:
    """A plan.yaml that is a FIFO, or `--data /dev/zero`: one line saying what it is (not "no
    plan here", not a hang)."""
    if what == "fifo plan":
        data = make_data(tmp_path, report=None)
        (data / "plan.yaml").unlink()
        os.mkfifo(data / "plan.yaml")
        target, said = str(data), "plan.yaml: is not a regular file (a FIFO (named pipe))"
    else:
        target, said = "/dev/zero", "/dev/zero: is not a regular file (a device)"
    env = {**os.environ, "HOINHAP_TODAY": TODAY, "HOINHAP_LANG": "en", "HOINHAP_NO_CACHE": "1"}
    for command in ("check", "tasks"):
        done = subprocess.run([sys.executable, "-m", "hoinhap_cli", command, "--data", target],
                              capture_output=True, text=True, env=env, timeout=120)  # stops a hang only
        assert done.returncode == 2, done.stderr
        assert said in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr


@pytest.mark.parametrize("shared", [True, False])
def test_init_in_a_group_folder_makes_a_shared_ledger(tmp_path: Path, shared: bool) -> None:
    """`init` under a group-writable folder: the ledger's folders group-writable and setgid, its
    files group-writable, so every member can record and edit the plan; elsewhere the umask's."""
    os.chmod(tmp_path, 0o2775 if shared else 0o755)
    old = os.umask(0o022)
    try:
        result = hoinhap("init", str(tmp_path / "so-theo-doi"))
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    root = tmp_path / "so-theo-doi"
    for folder in (root, root / "data", root / "data" / "reports"):
        mode = stat.S_IMODE(folder.stat().st_mode)
        assert mode == (0o2775 if shared else 0o755), (folder, oct(mode))
    mode = stat.S_IMODE((root / "data" / "plan.yaml").stat().st_mode)
    assert mode == (0o664 if shared else 0o644), oct(mode)


# ------------------------------------------------------------ 10. every reader of a file the user names


def _sent_form(tmp_path: Path, data: Path) -> Path:
    """The form `forms` sends to phong-kinh-te for 2009-Q2, as the office received it."""
    from test_forms import KT, Q2

    sent = tmp_path / "forms"
    done = hoinhap("forms", "--period", Q2, "--out", str(sent), "--unit", KT, data=data,
                   env={"HOINHAP_TODAY": "2009-07-05"})
    assert done.exit_code == 0, done.output
    return sent / f"{KT}-{Q2}.xlsx"


def _collect(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`hoinhap collect` in a child process: the timeout only stops a run that blocks on a FIFO
    (the test asserts no time)."""
    full = {**os.environ, "HOINHAP_TODAY": "2009-07-05", "HOINHAP_LANG": "en", "HOINHAP_NO_CACHE": "1", **(env or {})}
    return subprocess.run([sys.executable, "-m", "hoinhap_cli", "collect", *args], capture_output=True, text=True,
                          env=full, cwd=cwd, timeout=120)


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not os.path.exists("/dev/zero"), reason="POSIX FIFOs and devices")
@pytest.mark.parametrize("what", ["fifo", "device"])
def test_collect_names_a_fifo_or_a_device_given_as_a_form(tmp_path: Path, what: str) -> None:
    """A FIFO or a device named as a form: the special-file line every reader says, not "no such
    file"; a FIFO is opened without waiting for a writer and left as it is."""
    data = make_data(tmp_path, report=None)
    if what == "fifo":
        form, kind = tmp_path / "phong-kinh-te-2009-Q2.xlsx", "a FIFO (named pipe)"
        os.mkfifo(form)
    else:
        form, kind = Path("/dev/zero"), "a device"
    done = _collect([str(form), "--data", str(data)], tmp_path)
    _one_line(done, f"{form}: not a regular file ({kind}): hoinhap reads regular files only")
    if what == "fifo":
        assert stat.S_ISFIFO(form.lstat().st_mode)


def test_a_form_over_the_run_s_size_limit_is_refused(tmp_path: Path) -> None:
    """HOINHAP_MAX_MB below the form limit (8 MiB) is the limit a form is held to: a 1.5 MiB
    workbook (a sound form with a picture in it) is refused under HOINHAP_MAX_MB=1, read without."""
    import zipfile

    data = make_data(tmp_path, report=None)
    form = _sent_form(tmp_path, data)
    with zipfile.ZipFile(form, "a", compression=zipfile.ZIP_STORED) as book:
        book.writestr("xl/media/image1.bin", os.urandom(3 * 2**19))
    done = _collect([str(form), "--data", str(data)], tmp_path, {"HOINHAP_MAX_MB": "1"})
    _one_line(done, f"{form}: the file is 1.5 MiB, over the 1 MiB limit (HOINHAP_MAX_MB)")
    assert not (data / "reports" / "2009-Q2" / "phong-kinh-te.yaml").exists()
    assert _collect([str(form), "--data", str(data), "--dry-run"], tmp_path).returncode == 0  # the default: 8 MiB


def test_a_past_plan_in_the_summary_is_read_within_the_size_limit(tmp_path: Path) -> None:
    """`summary` looks back at the plan as it stood at the period's end (a git revision): that
    plan is held to HOINHAP_MAX_MB as the plan on disk is, and the refusal names the revision."""
    data = make_data(tmp_path, report=None)
    plan = data / "plan.yaml"
    shipped = plan.read_bytes()
    _padded_plan(data, 1.2)
    def commit(day: str, *args: str) -> None:
        at = {"GIT_AUTHOR_DATE": f"{day}T10:00:00", "GIT_COMMITTER_DATE": f"{day}T10:00:00"}
        subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false",
                        *args], cwd=tmp_path, check=True, capture_output=True, env={**os.environ, **at})

    commit("2009-01-02", "init", "-q")
    commit("2009-01-02", "add", "-A")
    commit("2009-01-02", "commit", "-q", "-m", "kế hoạch")  # the plan that stood at the end of 2009-Q1
    plan.write_bytes(shipped)  # the plan today: under the limit
    commit("2009-05-04", "commit", "-q", "-am", "bỏ chú thích")
    env = {**os.environ, "HOINHAP_TODAY": "2009-06-01", "HOINHAP_LANG": "en", "HOINHAP_NO_CACHE": "1",
           "HOINHAP_MAX_MB": "1", "COLUMNS": "200"}
    done = subprocess.run([sys.executable, "-m", "hoinhap_cli", "summary", "--period", "2009-Q1", "--data", str(data)],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert done.returncode != 0 and len(lines) == 1, done.stdout + done.stderr
    assert ":data/plan.yaml:1: the file is 1.2 MiB, over the 1 MiB limit" in lines[0]


def test_a_line_break_in_a_form_note_stays_on_its_line_in_the_dry_run(tmp_path: Path) -> None:
    """The dry run's listing is one tab-separated line per entry: a note typed with Alt+Enter (a
    line break) or holding a tab is escaped in it, not a forged line or column."""
    from test_forms import fill

    data = make_data(tmp_path, report=None)
    form = fill(_sent_form(tmp_path, data), tmp_path / "kt.xlsx",
                {("1.2", None): {"H": "đang thực hiện", "I": "30/06/2009", "J": "dòng một\ndòng hai\tcột"}})
    result = hoinhap("collect", "--dry-run", str(form), data=data, env={"HOINHAP_TODAY": "2009-07-05"})
    assert result.exit_code == 0, result.output
    listed = [line for line in result.stdout.splitlines() if line.startswith("1.2\t")]
    assert len(listed) == 1 and listed[0].split("\t")[-1] == "dòng một<U+000A>dòng hai<U+0009>cột", result.stdout
    assert not any(line.startswith("dòng hai") for line in result.stdout.splitlines())
