"""One language per run (issue 16): every `--help` and every message exists in Vietnamese and
English and follows --lang / HOINHAP_LANG (default Vietnamese); a missing or mixed one fails."""

from __future__ import annotations

import inspect
import re
import shutil
import string
from pathlib import Path

import pytest
from typer.main import get_command

from conftest import ROOT, SHIPPED, hoinhap
from hoinhap_cli.cli import app
from hoinhap_cli.cli.commands import COMMANDS
from hoinhap_cli.words import helptext
from hoinhap_cli.words.i18n import MESSAGES

# words of running English that a Vietnamese sentence never holds (names and option values aside)
ENGLISH = re.compile(r"\b(the|is|are|not|with|from|must|should|when|which|this|that|does|was|were|cannot|"
                     r"missing|unknown|expected|allowed|before|after|file|folder|task|unit|write|give)\b")
NEUTRAL = re.compile(r"\{[^}]*\}|`[^`]*`|'[^']*'|\"[^\"]*\"|--[\w-]+|\$?[A-Z_]{3,}\b|\S+\.(yaml|json|md|html)\b|"
                     r"https?://\S+|\b(hoinhap|record|event|submit|check|table|json|csv|md|yaml|text|plan|report|"
                     r"lead|support|any|none|id|name|due|forced|true|false|reason|unit|task|entries|period|"
                     r"submitted|milestone|status|aliases|units_from|not-started|in-progress|done|blocked|"
                     r"dropped|HEAD|EVENT_ID|TASK_ID|DATE|DIR|FILE|MiB)\b")


def english_words(text: str) -> list[str]:
    """Running English left in `text` once names, placeholders, options and quoted values are out."""
    return ENGLISH.findall(NEUTRAL.sub(" ", text))


def help_texts() -> dict[str, list[str]]:
    """Every English text `--help` shows, per command ("" for hoinhap itself)."""
    group = get_command(app)
    ctx = group.make_context("hoinhap", ["--help"], resilient_parsing=True)
    found = {"": [p.help or "" for p in group.params] + [group.help or ""]}
    for name, (_, summary) in COMMANDS.items():
        command = group.get_command(ctx, name)
        assert command is not None
        paragraphs = inspect.cleandoc(command.help or "").split("\n\n")
        found[name] = [summary, *(p.help or "" for p in command.params if hasattr(p, "help")),
                       *(p for p in paragraphs if not p.startswith("\b"))]
    return {name: [" ".join(t.split()) for t in texts if t.strip()] for name, texts in found.items()}


@pytest.mark.parametrize("name", ["", *COMMANDS])
def test_every_help_text_has_its_vietnamese(name: str) -> None:
    missing = [t for t in help_texts()[name] if t not in helptext.VI and t not in helptext.FRAME]
    assert missing == [], f"add to helptext.VI: {missing}"


@pytest.mark.parametrize("name", ["", *COMMANDS])
def test_help_speaks_one_language(name: str) -> None:
    """Vietnamese help holds no English text of the catalogue; English help no Vietnamese one;
    the default is Vietnamese, and --lang wins over HOINHAP_LANG."""
    argv = [name, "--help"] if name else ["--help"]
    default = hoinhap(*argv, columns=200).stdout
    vi = " ".join(hoinhap(*argv, env={"HOINHAP_LANG": "vi"}, columns=200).stdout.split())
    en = " ".join(hoinhap(*argv, env={"HOINHAP_LANG": "en"}, columns=200).stdout.split())
    assert " ".join(default.split()) == vi
    assert vi.startswith("Cách dùng:") and en.startswith("Usage:")
    for english in help_texts()[name]:
        worded = helptext.VI.get(english) or helptext.FRAME.get(english, "")
        if worded != english:
            assert english not in vi, english
            assert worded not in en, worded
    for frame in ("Options:", "Show this message and exit.", "[default:", "Example:"):
        assert frame not in vi, frame


def test_the_catalogue_is_vietnamese() -> None:
    """Each Vietnamese help text reads as Vietnamese: no running English left in it."""
    bad = {en: english_words(vi) for en, vi in {**helptext.VI, **helptext.FRAME}.items() if english_words(vi)}
    assert bad == {}


def fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_in_both_languages(key: str) -> None:
    """Both wordings exist, take the same values, and the Vietnamese one has no running English."""
    vi, en = MESSAGES[key]
    assert vi.strip() and en.strip(), key
    assert fields(vi) == fields(en), key
    assert english_words(vi) == [], (key, english_words(vi))


def test_no_english_refusal_below_the_messages() -> None:
    """A refusal is raised with an i18n key (`words(…)`), never an English f-string."""
    from conftest import ROOT

    offenders = [f"{path.relative_to(ROOT)}:{n}" for path in (ROOT / "src").rglob("*.py")
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if re.search(r"UsageError\(f?\"", line)]
    assert offenders == []


def test_lang_option_wins_over_the_environment() -> None:
    assert hoinhap("overdue", "--help", "--lang", "vi", env={"HOINHAP_LANG": "en"}).stdout.startswith("Cách dùng:")
    assert hoinhap("overdue", "--lang", "en", "--help").stdout.startswith("Usage:")


@pytest.mark.parametrize(("argv", "vi", "en"), [
    (["tasks", "--unit", "khong-co-dau"], "không có đơn vị nào", "no unit"),
    (["show", "9.9"], "không có nhiệm vụ", "no task"),
    (["log", "--task", "9.9"], "không có nhiệm vụ", "no task"),
    (["submit", "phong-kinh-te", "--period", "2009-Q1/.."], "không phải là quý, nửa năm hay năm",
     "is not a quarter, a half or a year"),  # 2009 alone is a year now: it was written into the repo's data/
    (["tasks", "--no-such-option"], "Lỗi: không có tùy chọn --no-such-option", "No such option"),
    (["overdu"], "không có lệnh 'overdu'. Có phải 'overdue'?", "Did you mean"),
    (["tasks", "--format", "xx"], "'xx' không thuộc", "is not one of"),
])
def test_a_refusal_follows_the_language(argv: list[str], vi: str, en: str, tmp_path: Path) -> None:
    data = tmp_path / "data"  # a copy: a refusal that is not one must not write into the repository
    shutil.copytree(SHIPPED, data)
    said_vi = hoinhap(*argv, data=data).stderr
    said_en = hoinhap(*argv, "--lang", "en", data=data).stderr
    assert vi in said_vi and en not in said_vi, said_vi
    assert en.lower() in said_en.lower() and vi not in said_en, said_en
    assert "Usage:" not in said_vi and "Try '" not in said_vi


def test_a_file_problem_follows_the_language(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The same broken report, checked twice (the second answer from the cache): each run in its language."""
    import shutil

    from conftest import SHIPPED

    data = tmp_path / "data"
    shutil.copytree(SHIPPED, data)
    bad = data / "reports" / "2009-Q1" / "phong-kinh-te.yaml"
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_text("unit: phong-kinh-te\nperiod: 2009-Q1\nsubmitted: 2009-07-02\nentries:\n  - task: '9.9'\n"
                   "    status: done\n    date: 2009-02-01\n", encoding="utf-8")  # a warning: submitted after today
    en = hoinhap("check", "--lang", "en", data=data, env={"HOINHAP_TODAY": "2009-06-30"})
    vi = hoinhap("check", data=data, env={"HOINHAP_TODAY": "2009-06-30"})
    assert en.exit_code == vi.exit_code == 1
    assert "unknown task '9.9'" in en.stdout and "không có nhiệm vụ '9.9'" in vi.stdout
    assert "warning:" in en.stdout and "cảnh báo:" in vi.stdout and "warning:" not in vi.stdout


def test_every_key_the_code_names_has_its_words() -> None:
    """A key written in the code (`t("…", …)`, `words("…", …)`) that no message holds would fail only
    when that path runs: found here for every literal key in src/."""
    import ast  # reason: only this test parses the source

    missing = []
    for path in sorted((ROOT / "src" / "hoinhap_cli").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in ("t", "words") \
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                if node.args[0].value not in MESSAGES:
                    missing.append(f"{path.name}:{node.lineno}: {node.args[0].value}")
    assert missing == []
