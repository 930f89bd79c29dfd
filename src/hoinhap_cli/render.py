"""The one output sink: data to stdout in the format asked for, messages to stderr.

Commands build plain data (lists of dicts) and hand it here; no command formats by itself.
rich is imported only when a table is drawn.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence, TextIO

from hoinhap_cli.problems import Problem


@dataclass
class Output:
    lang: str = "vi"
    color: bool | None = None  # None: decide from the terminal and NO_COLOR
    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)

    # ------------------------------------------------------------ messages
    def message(self, text: str) -> None:
        print(text, file=self.err)

    def problems(self, problems: Iterable[Problem], stream: TextIO | None = None) -> None:
        for p in problems:
            print(str(p), file=stream or self.err)

    # ------------------------------------------------------------ data
    def json(self, data: Any) -> None:
        json.dump(data, self.out, ensure_ascii=False, indent=2)
        self.out.write("\n")

    def yaml(self, data: Any) -> None:
        from hoinhap_cli.yamlio import dump

        self.out.write(dump(data))

    def text(self, line: str = "") -> None:
        print(line, file=self.out)

    def use_color(self) -> bool:
        if self.color is not None:
            return self.color
        if os.environ.get("NO_COLOR"):
            return False
        return hasattr(self.out, "isatty") and self.out.isatty()

    def table(self, columns: Sequence[tuple[str, str]], rows: Sequence[dict[str, Any]],
              title: str | None = None) -> None:
        """columns: (key, heading) pairs; rows: dicts; cells are str or list[str]."""
        from rich.console import Console
        from rich.table import Table
        from rich import box

        console = Console(file=self.out, no_color=not self.use_color(), highlight=False,
                          force_terminal=self.use_color(), soft_wrap=False)
        table = Table(title=title, box=box.SIMPLE_HEAD, show_lines=False, expand=False)
        for _, heading in columns:
            table.add_column(heading, overflow="fold")
        for row in rows:
            table.add_row(*(_cell(row.get(key)) for key, _ in columns))
        console.print(table)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "\n".join(_cell(v) for v in value)
    return str(value)
