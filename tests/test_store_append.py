"""Appending entries from the cache (store._appended): the same bytes, the same refusals, as the
full way that parses the whole file — on every layout a hand may leave, with an entry of the
cache that is gone, corrupt or wrong, and with a file that changed since it was cached."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from conftest import Cli
from hoinhap_cli.files import yamldump, yamlio
from hoinhap_cli.ledger import store
from hoinhap_cli.ledger.cache import Cache
from hoinhap_cli.model.reportfiles import Piece, Tail

REPORT = Path("reports") / "2009-Q2" / "phong-kinh-te.yaml"
HEAD = "unit: phong-kinh-te\nperiod: 2009-Q2\n"
ITEM = "  - task: '1.1'\n    status: in-progress\n    date: '2009-04-02'\n"
RECORD = ("record", "1.1", "-s", "in-progress", "--date", "2009-05-19", "--note", "Đã họp: 3 phường\nlần 2")

# Layouts the fast way takes: `entries` last, its last item on its dash's line, LF only.
FAST = {
    "standard": HEAD + "entries:\n" + ITEM,
    "comments": "# đầu tệp\n" + HEAD.replace("2009-Q2", "2009-Q2  # quý") + "entries:\n  # mục đầu\n"
                + ITEM.replace("'1.1'", "'1.1'   # nhiệm vụ") + "# cuối tệp\n",
    "indentless": HEAD + "entries:\n- task: \"1.1\"\n  status: in-progress\n  date: 2009-04-02\n",
    "wide": HEAD + "entries:\n    -   task: '1.1'\n        status: in-progress\n        date: 2009-04-02\n",
    "flow item": HEAD + "entries:\n  - {task: '1.1', status: in-progress, date: '2009-04-02'}\n",
    "multi-line note": HEAD + "entries:\n" + ITEM + "    note: |\n      dòng 1\n\n      dòng 3\n",
    "kept blank lines": HEAD + "entries:\n" + ITEM + "    note: |+\n      dòng 1\n\n\n",
    "blank lines at the end": HEAD + "entries:\n" + ITEM + "\n\n",
    "folded note": HEAD + "entries:\n" + ITEM + "    note: >-\n      một\n      hai\n",
    "quoted note on two lines": HEAD + "entries:\n" + ITEM + "    note: \"một\n      hai\"\n",
    "submitted before": HEAD + "submitted: 2009-05-01\nentries:\n" + ITEM,
    "two entries": HEAD + "entries:\n" + ITEM + ITEM.replace("04-02", "04-03"),
}
# Layouts it leaves to the full way (which splices, or rewrites the file).
FULL = {
    "entries not last": HEAD + "entries:\n" + ITEM + "submitted: 2009-05-01\n",
    "events after entries": HEAD + "entries:\n" + ITEM + "events:\n  - event: tp-duyet\n    date: 2009-04-10\n",
    "empty entries": HEAD + "entries: []\n",
    "no entries": HEAD,
    "flow list": HEAD + "entries: [{task: '1.1', status: in-progress, date: '2009-04-02'}]\n",
    "dash alone": HEAD + "entries:\n  -\n    task: '1.1'\n    status: in-progress\n    date: '2009-04-02'\n",
    "no final newline": HEAD + "entries:\n" + ITEM.rstrip("\n"),
    "crlf": (HEAD + "entries:\n" + ITEM).replace("\n", "\r\n"),
    "document end": HEAD + "entries:\n" + ITEM + "...\n",
    "indented root": "  " + (HEAD + "entries:\n" + ITEM).replace("\n", "\n  ").rstrip(" "),
}
NOTED = FAST["two entries"] + "    note: Đã xong\n"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOINHAP_TODAY", "2009-05-20")


@pytest.fixture
def full_reads(monkeypatch: pytest.MonkeyPatch) -> list[bytes | None]:
    """The files the writer parsed in full (store._read): none when it took the fast way."""
    seen: list[bytes | None] = []
    real = store._read

    def spy(raw: bytes | None, *args: object) -> object:
        seen.append(raw)
        return real(raw, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "_read", spy)
    return seen


def _folder(mini: Path, name: str, text: str) -> Path:
    data = mini.parent / name.replace(" ", "-")
    shutil.copytree(mini, data)
    (data / REPORT).parent.mkdir(parents=True, exist_ok=True)
    (data / REPORT).write_bytes(text.encode("utf-8"))
    return data


def _without_cache(cli: Cli, mini: Path, text: str, *argv: str) -> tuple[bytes, int, str]:
    """What the full way writes (and says): the same command with no cache at all."""
    data = _folder(mini, "nocache", text)
    result = cli(*argv, data=data, env={"HOINHAP_NO_CACHE": "1"})
    out = (data / REPORT).read_bytes()
    shutil.rmtree(data)
    return out, result.exit_code, result.stderr.replace(str(data), "DATA")


@pytest.mark.parametrize("layout", list(FAST))
def test_fast_way_writes_the_bytes_of_the_full_way(layout: str, mini: Path, cli: Cli,
                                                   full_reads: list[bytes | None]) -> None:
    text = FAST[layout]
    expected, code, _ = _without_cache(cli, mini, text, *RECORD)
    assert code == 0
    data = _folder(mini, layout, text)
    assert cli("check", data=data).exit_code == 0  # a read: the file's cache entry
    full_reads.clear()
    result = cli(*RECORD, data=data)
    assert result.exit_code == 0, result.output
    assert full_reads == []  # the fast way
    assert (data / REPORT).read_bytes() == expected
    assert expected.startswith(text.encode("utf-8"))  # only lines appended, as a splice does
    # The writer stored the new bytes' entry: the next write is fast too, and reads agree.
    again, _, _ = _without_cache(cli, mini, expected.decode("utf-8"), *RECORD)
    full_reads.clear()
    assert cli(*RECORD, data=data).exit_code == 0 and full_reads == []
    assert (data / REPORT).read_bytes() == again
    assert cli("check", data=data).exit_code == 0
    assert cli("check", data=data, env={"HOINHAP_NO_CACHE": "1"}).exit_code == 0


@pytest.mark.parametrize("layout", list(FULL))
def test_other_layouts_take_the_full_way(layout: str, mini: Path, cli: Cli, full_reads: list[bytes | None]) -> None:
    text = FULL[layout]
    expected, code, said = _without_cache(cli, mini, text, *RECORD)
    data = _folder(mini, layout, text)
    cli("check", data=data)
    full_reads.clear()
    result = cli(*RECORD, data=data)
    assert (result.exit_code, result.stderr.replace(str(data), "DATA")) == (code, said)
    assert full_reads == [text.encode("utf-8")]
    assert (data / REPORT).read_bytes() == expected


def _entry_file(cache_dir: Path, raw: bytes) -> Path:
    cache = Cache(cache_dir)
    return cache_dir / "v2" / cache.key_of("report", hashlib.sha256(raw).digest())


def test_a_corrupt_entry_is_not_trusted(mini: Path, cli: Cli, _private_cache: Path,
                                        full_reads: list[bytes | None]) -> None:
    text = FAST["multi-line note"]
    expected, _, _ = _without_cache(cli, mini, text, *RECORD)
    data = _folder(mini, "corrupt", text)
    cli("check", data=data)
    entry = _entry_file(_private_cache, text.encode("utf-8"))
    raw = entry.read_bytes()
    entry.write_bytes(raw[: len(raw) // 2])  # truncated
    assert cli(*RECORD, data=data).exit_code == 0
    assert full_reads and (data / REPORT).read_bytes() == expected


@pytest.mark.parametrize("tail", [Tail(0, 2), Tail(len(HEAD) + len("entries:\n") + 4, 2), Tail(len(HEAD), 0),
                                  Tail(len(NOTED.encode("utf-8")) - len("Đã xong\n".encode()) + 1, 2)],
                         ids=["file start", "inside the item", "the key's line", "inside a character"])
def test_a_tail_that_is_not_the_last_item_is_caught(tail: Tail, mini: Path, cli: Cli, _private_cache: Path,
                                                     full_reads: list[bytes | None]) -> None:
    """An entry of the right shape saying the wrong place (a bug, a tampered file): the new lines
    read back in its context are not the file's last entry and the new one, so the full way."""
    text = NOTED
    expected, _, _ = _without_cache(cli, mini, text, *RECORD)
    data = _folder(mini, "tail", text)
    cli("check", data=data)
    cache = Cache(_private_cache)
    key = cache.key_of("report", hashlib.sha256(text.encode("utf-8")).digest())
    header, views, right = cache.get(key, Piece)
    assert right == Tail(len(HEAD) + len("entries:\n") + len(ITEM), 2)
    cache.put(key, (header, views, tail))
    assert cli(*RECORD, data=data).exit_code == 0
    assert full_reads and (data / REPORT).read_bytes() == expected


def test_a_file_changed_since_it_was_cached(mini: Path, cli: Cli, full_reads: list[bytes | None]) -> None:
    """The entry found is the one of the bytes read under the lock: an edit since the last read
    (another entry, by hand) is written after, as without a cache."""
    data = _folder(mini, "edited", FAST["standard"])
    cli("check", data=data)
    edited = FAST["standard"] + ITEM.replace("04-02", "04-09")
    (data / REPORT).write_text(edited, encoding="utf-8")
    expected, _, _ = _without_cache(cli, mini, edited, *RECORD)
    full_reads.clear()
    assert cli(*RECORD, data=data).exit_code == 0
    assert full_reads == [edited.encode("utf-8")]  # no entry for these bytes: the full way
    assert (data / REPORT).read_bytes() == expected
    full_reads.clear()  # which stored the new bytes' entry: the next write is fast
    assert cli(*RECORD, data=data).exit_code == 0 and full_reads == []


@pytest.mark.parametrize("broken, where", [
    (FAST["standard"] + "  - task: '9.9'\n    status: in-progress\n    date: '2009-04-03'\n", ":7:11"),
    (FAST["standard"] + "  - task: '1.1'\n    status: done\n    date: '2009-07-03'\n", ":9:11"),
    (FAST["standard"] + "  - task: '1.1'\n   status: done\n", ":8:"),
], ids=["unknown task", "outside the quarter", "bad indentation"])
def test_a_broken_file_is_refused_with_its_place(broken: str, where: str, mini: Path, cli: Cli) -> None:
    """Cached or not (a file valid in itself but not against the plan has an entry), a file with
    an error is never written to, and the refusal names file:line:column as without a cache."""
    _, code, said = _without_cache(cli, mini, broken, *RECORD)
    data = _folder(mini, "broken", FAST["standard"])
    cli("check", data=data)  # the entry of the good version
    (data / REPORT).write_text(broken, encoding="utf-8")
    cli("check", data=data)  # and of the broken one, when it parses
    result = cli(*RECORD, data=data)
    assert (data / REPORT).read_text(encoding="utf-8") == broken
    assert code == 2 and result.exit_code == code
    assert result.stderr.replace(str(data), "DATA") == said
    assert f"{REPORT}{where}" in said


@pytest.mark.parametrize("layout", list(FAST) + list(FULL))
def test_tail_is_the_line_of_the_last_entry(layout: str) -> None:
    """Where the fast way appends: the line of the last item's dash, or nothing to say (the
    read back would catch a wrong place too; this says the place is right in the first place)."""
    raw = (FAST | FULL)[layout].encode("utf-8")
    doc, problems = yamlio.parse(raw, "x")
    assert doc is not None, problems
    found = yamldump.tail(doc, raw)
    if layout in FULL:
        assert found is None or layout == "document end"  # `...` ends the file: caught on reading back
        return
    assert found is not None
    start, column = found
    assert start == raw.rindex(b"\n" + b" " * column + b"-") + 1
    assert column == {"indentless": 0, "wide": 4}.get(layout, 2)


def test_an_entry_saying_other_content_is_not_carried_on(mini: Path, cli: Cli, _private_cache: Path,
                                                          full_reads: list[bytes | None]) -> None:
    """An entry of the right shape whose last entry is not the file's (tampered, or a bug): the
    read back of the new lines sees it, the full way writes, and reads answer from the file."""
    text = FAST["two entries"]
    data = _folder(mini, "tampered", text)
    cli("check", data=data)
    cache = Cache(_private_cache)
    key = cache.key_of("report", hashlib.sha256(text.encode("utf-8")).digest())
    header, views, tail = cache.get(key, Piece)
    cache.put(key, (header, (*views[:-1], views[-1]._replace(note="không có trong tệp")), tail))
    assert cli(*RECORD, data=data).exit_code == 0
    assert full_reads
    shown = cli("show", "1.1", data=data)
    assert "không có trong tệp" not in shown.stdout
    assert shown.stdout == cli("show", "1.1", data=data, env={"HOINHAP_NO_CACHE": "1"}).stdout


@pytest.mark.parametrize("layout, argv", [
    ("standard", RECORD), ("comments", RECORD), ("indentless", RECORD), ("events after entries", RECORD),
    ("no entries", RECORD), ("standard", ("event", "tp-duyet", "--date", "2009-05-02")),
])
@pytest.mark.parametrize("warm", [True, False], ids=["cached", "not cached"])
def test_the_entry_a_write_stores_is_the_one_a_read_would(layout: str, argv: tuple[str, ...], warm: bool,
                                                          mini: Path, cli: Cli, _private_cache: Path) -> None:
    """What the writer stores for the new bytes (either way) is what reading them would store:
    the same content, the same tail — so the answers of the next read are the file's."""
    data = _folder(mini, "stored", (FAST | FULL)[layout])
    if warm:
        cli("check", data=data)
    assert cli(*argv, data=data).exit_code == 0
    new = (data / REPORT).read_bytes()
    cache = Cache(_private_cache)
    key = cache.key_of("report", hashlib.sha256(new).digest())
    written = cache.get(key, Piece)
    assert written is not None
    cache.clear()
    assert cli("check", data=data).exit_code == 0
    assert cache.get(key, Piece) == written


def test_writes_in_a_row_keep_one_entry_of_the_file(mini: Path, cli: Cli, _private_cache: Path) -> None:
    """The entry of the bytes a write replaced goes, unless a snapshot needs it: ten records
    without a read between them leave the cache as big as one."""
    data = _folder(mini, "row", FAST["standard"])
    cli("check", data=data)
    entries = {p.name for p in (_private_cache / "v2").iterdir()}
    for day in range(1, 11):
        assert cli(*RECORD[:5], f"2009-05-{day:02d}", data=data).exit_code == 0
    now = {p.name for p in (_private_cache / "v2").iterdir()}
    new = Cache(_private_cache).key_of("report", hashlib.sha256((data / REPORT).read_bytes()).digest())
    assert now == entries | {new}  # the snapshot's entries (the first version's among them), and the last
    assert cli("check", data=data).exit_code == 0
