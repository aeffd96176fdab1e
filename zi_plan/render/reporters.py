"""How `zi validate` reports its findings: text, json or GitHub annotations.

The checker gathers every problem of every file first; a reporter only
formats them, so a new format never touches the checking.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TextIO

from zi_plan.errors import Problem
from zi_plan.i18n import _, ngettext
from zi_plan.inert import json_safe, visible

Results = list[tuple[str, list[Problem]]]  # (path, its problems) per file


def _summary(results: Results) -> str:
    bad = [path for path, problems in results if problems]
    count = sum(len(problems) for _path, problems in results)
    files = len(results)
    if not bad:
        return ngettext("ok: {files} file valid", "ok: {files} files valid", files).format(files=files)
    problems = ngettext("{count} problem", "{count} problems", count).format(count=count)
    where = ngettext("in {bad} of {files} file", "in {bad} of {files} files", files).format(bad=len(bad), files=files)
    return f"{problems} {where}"


def report_text(results: Results, out: TextIO, warnings: Results | None = None) -> None:
    for _path, problems in results:
        for problem in problems:
            # A value quoted from the file shows its control characters as \x1b.
            out.write(f"{visible(str(problem))}\n")
    for _path, found in warnings or []:
        out.writelines(f"{p.where()}: " + _("warning: {message}").format(message=visible(p.message)) + "\n" for p in found)
    out.write(_summary(results) + "\n")


def report_json(results: Results, out: TextIO, warnings: Results | None = None) -> None:
    warned = dict(warnings or [])
    data = {
        "valid": all(not problems for _path, problems in results),
        "files": [
            {
                "path": path,
                "valid": not problems,
                "problems": [{"line": p.line, "column": p.column, "message": p.message} for p in problems],
                "warnings": [{"line": p.line, "column": p.column, "message": p.message} for p in warned.get(path, [])],
            }
            for path, problems in results
        ],
    }
    out.write(json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def report_github(results: Results, out: TextIO, warnings: Results | None = None) -> None:
    """GitHub Actions workflow commands: each problem becomes an annotation."""
    for level, found in (("error", results), ("warning", warnings or [])):
        for _path, problems in found:
            for p in problems:
                props = f"file={_escape_property(p.path)}"
                if p.line is not None:
                    props += f",line={p.line},col={p.column or 1}"
                out.write(f"::{level} {props}::{_escape_data(visible(p.message))}\n")
    out.write(_summary(results) + "\n")


REPORTERS: dict[str, Callable[[Results, TextIO, Results | None], None]] = {
    "text": report_text,
    "json": report_json,
    "github": report_github,
}
