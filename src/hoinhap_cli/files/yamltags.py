"""Explicit YAML tags, refused: docs/guarantees.md says any tag is.

The composer refuses tags it cannot build (`!!python/…`, `!!binary`, `!!set`, `!foo`); the
ones it would take as they read (`!!str 12`, `!!int '1'`, `!<tag:yaml.org,2002:str>`, a `%TAG`
directive's handles) leave no trace in the node tree, so they are found here, in the event
stream. Run only on a text that holds '!' and composed without problems.
"""

from __future__ import annotations

import yaml

from hoinhap_cli.words.problems import Problem, words

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def first_tag(text: str, file: str) -> Problem | None:
    """Where the first explicit tag or %TAG directive of `text` is, and what to do; or None."""
    for event in yaml.parse(text, Loader=_Loader):
        mark = event.start_mark
        if mark is None:  # pragma: no cover - the parser marks every event
            continue
        if isinstance(event, yaml.DocumentStartEvent) and event.tags:
            return Problem(file, mark.line + 1, mark.column + 1,
                           words("yaml.tag_directive"))
        tag = getattr(event, "tag", None)
        if tag is not None:
            short = "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag
            return Problem(file, mark.line + 1, mark.column + 1,
                           words("yaml.tag", tag=short))
    return None
