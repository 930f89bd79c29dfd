"""PyYAML's problems in the user's words: a syntax error as one `Problem` at the line and column
to fix (an unclosed quote or bracket where it opened), PyYAML's and libyaml's fixed texts looked up
in the i18n tables. Used by `yamlio`, the reader."""

from __future__ import annotations

from typing import Any

import yaml

from hoinhap_cli.words.problems import Problem, Words, words

# PyYAML's and libyaml's own words for what went wrong (their fixed problem and context texts),
# each with the key of its wording in the user's language; a text not listed is shown as it is
_SAID = {
    "mapping values are not allowed in this context": "yaml.said.mapping_here",
    "mapping values are not allowed here": "yaml.said.mapping_here",
    "block sequence entries are not allowed in this context": "yaml.said.item_here",
    "block sequence entries are not allowed here": "yaml.said.item_here",
    "did not find expected key": "yaml.said.no_key",
    "could not find expected ':'": "yaml.said.no_colon",
    "did not find expected node content": "yaml.said.no_value",
    "did not find expected '-' indicator": "yaml.said.no_dash",
    "did not find expected ',' or ']'": "yaml.said.no_close_list",
    "did not find expected ',' or '}'": "yaml.said.no_close_map",
    "did not find expected <document start>": "yaml.said.no_start",
    "found character that cannot start any token": "yaml.said.bad_start",
    "found unexpected end of stream": "yaml.said.end",
    "found unknown escape character": "yaml.said.escape",
    "found unexpected ':'": "yaml.said.colon",
    "found a tab character that violates indentation": "yaml.said.tab",
    "found a tab character where an indentation space is expected": "yaml.said.tab",
    "found unexpected document indicator": "yaml.said.document",
    "found unexpected document separator": "yaml.said.document",
    "but found another document": "yaml.said.another_document",
    "expected a single document in the stream": "yaml.said.one_document",
    "while parsing a block mapping": "yaml.said.in_mapping",
    "while parsing a block collection": "yaml.said.in_list",
    "while parsing a flow sequence": "yaml.said.in_flow_list",
    "while parsing a flow mapping": "yaml.said.in_flow_map",
    "while parsing a block node": "yaml.said.in_value",
    "while parsing a flow node": "yaml.said.in_value",
    "while parsing a node": "yaml.said.in_value",
    "while parsing a quoted scalar": "yaml.said.in_quoted",
    "while scanning a quoted scalar": "yaml.said.in_quoted",
    "while scanning a simple key": "yaml.said.in_key",
    "while scanning a plain scalar": "yaml.said.in_value",
    "while scanning a block scalar": "yaml.said.in_block_text",
    "while scanning for the next token": "yaml.said.in_token",
    "while scanning an anchor": "yaml.said.in_anchor",
    "while scanning an alias": "yaml.said.in_anchor",
    "while scanning a tag": "yaml.said.in_tag",
    "while scanning a directive": "yaml.said.in_directive",
    "while parsing a flow mapping or sequence": "yaml.said.in_flow_list",
    "did not find expected comment or line break": "yaml.said.line_end",
    "did not find expected whitespace or line break": "yaml.said.line_end",
    "found extra tokens at the end of the line": "yaml.said.line_end",
    "mapping keys are not allowed in this context": "yaml.said.key_here",
    "mapping keys are not allowed here": "yaml.said.key_here",
    "found an indentation indicator equal to 0": "yaml.said.indicator",
    "did not find expected alphabetic or numeric character": "yaml.said.name",
    "did not find expected hexdecimal number": "yaml.said.escape",
    "found invalid Unicode character escape code": "yaml.said.escape",
    "found undefined tag handle": "yaml.said.in_tag",
    "while parsing a tag": "yaml.said.in_tag",
    "while scanning a %YAML directive": "yaml.said.in_directive",
    "while scanning a %TAG directive": "yaml.said.in_directive",
    "special characters are not allowed": "yaml.said.special",
    "control characters are not allowed": "yaml.said.special",
    "invalid leading UTF-8 octet": "yaml.said.utf8",
    "invalid trailing UTF-8 octet": "yaml.said.utf8",
    "incomplete UTF-8 octet sequence": "yaml.said.utf8",
}


def said(text: str | None) -> str | Words | None:
    """PyYAML's problem or context text in the user's words (by its fixed text), else as it is."""
    if text is None:
        return None
    key = _SAID.get(text.strip())
    if key is None and text.startswith("expected <block end>, but found"):
        key = "yaml.said.block_end"
    return words(key) if key else text


def syntax_problem(err: yaml.MarkedYAMLError, text: str, file: str, fast: bool) -> Problem:
    """A syntax error as one problem at the line and column to fix, in the user's words (`fast`:
    libyaml's scanner is there to look for a runaway quote)."""
    mark = err.problem_mark or err.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, None)
    if (err.problem or "").startswith("found undefined alias"):  # *x with no &x: still an alias
        return Problem(file, line, col, words("yaml.anchors"))
    problem, context = said(err.problem), said(err.context)
    what: str | Words = problem or context or words("yaml.said.invalid")
    if context and problem:
        what = words("yaml.said.both", problem=problem, context=context)
    began = err.context_mark
    if err.context == "while scanning a quoted scalar" and began is not None:
        # the quote never closes: the line to fix is where it opened, not the end of the file
        return Problem(file, began.line + 1, began.column + 1, words("yaml.quote_open"))
    flow = {"while parsing a flow sequence": "]", "while parsing a flow mapping": "}"}.get(err.context or "")
    if flow and began is not None and mark is not None and began.line != mark.line:
        # a bracket left open: the parser notices only on a later line; the fix is where it opened
        return Problem(file, began.line + 1, began.column + 1,
                       words("yaml.bracket_open", problem=problem, line=line, col=col, flow=flow))
    runaway = _runaway_quote(text, mark, fast)
    if runaway is not None:
        start, end = runaway
        return Problem(file, start.line + 1, start.column + 1,
                       words("yaml.runaway", end=end.line + 1, problem=problem or what, line=line, col=col))
    if began is not None and mark is not None and began.line != mark.line:
        return Problem(file, line, col, words("yaml.syntax.began", what=what, line=began.line + 1,
                                              col=began.column + 1))
    return Problem(file, line, col, words("yaml.syntax", what=what))


def _runaway_quote(text: str, mark: Any, fast: bool) -> tuple[Any, Any] | None:
    """A quoted scalar that spans lines and ends where the syntax error is: a missing close quote.

    An unclosed quote swallows the lines after it up to the next quote character, and the
    parser only fails there; hand-written plans never need a quoted text across lines.
    """
    if mark is None:
        return None
    scanner = (yaml.CLoader if fast else yaml.Loader)(text)
    last = None
    try:
        while scanner.check_token():
            token = scanner.get_token()
            assert token is not None  # check_token() said there is one
            if (token.start_mark.line, token.start_mark.column) >= (mark.line, mark.column):
                break
            if isinstance(token, yaml.ScalarToken):
                last = token
    except yaml.YAMLError:
        pass
    finally:
        scanner.dispose()
    if (last is not None and last.style in ('"', "'") and last.start_mark.line < last.end_mark.line
            and last.end_mark.line == mark.line):
        return last.start_mark, last.end_mark
    return None
