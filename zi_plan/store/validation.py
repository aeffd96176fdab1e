"""`zi validate` of an office's files: a plan and its journal, or a journal against the plan beside it.

A journal is checked against its plan (records name the plan's actions and
months, LKE answers its worksheet's questions), so a journal given alone is
checked with the plan of the same name in its folder, and a plan's journal
only once the plan itself is valid.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from zi_plan.errors import InvalidFile, Problem
from zi_plan.i18n import _
from zi_plan.model.plan import LoadedPlan
from zi_plan.store.plans import check_file
from zi_plan.store.workspace import journal_paths

Results = list[tuple[str, list[Problem]]]  # (path, its problems) per file

JOURNAL_SUFFIXES = (".progress.yaml", ".progress.yml")


def check_paths(paths: Sequence[Path]) -> tuple[Results, Results]:
    """(problems, warnings) per file named: plans, and journals against the plans beside them."""
    results: Results = []
    warnings: Results = []
    for path in paths:
        if path.name.endswith(JOURNAL_SUFFIXES):
            results.append(check_journal_file(path))
            continue
        checked = check_file(path)
        results.append((checked.path, checked.problems))
        if checked.warnings:
            warnings.append((checked.path, checked.warnings))
    return results, warnings


def check_office(plan_path: Path, bundled: bool) -> tuple[Results, Results]:
    """The office's plan and, once the plan is valid, its journal (when it has one)."""
    checked = check_file(plan_path)
    results: Results = [(checked.path, checked.problems)]
    if checked.plan is not None:
        checked.plan.bundled = bundled
        journal = check_journal(checked.plan)
        if journal is not None:
            results.append(journal)
    return results, [(checked.path, checked.warnings)] if checked.warnings else []


def check_journal(plan: LoadedPlan) -> tuple[str, list[Problem]] | None:
    """The problems of the (valid) plan's journal; None when it has no journal yet."""
    from zi_plan.schema import yamlio  # PyYAML: `zi validate` only
    from zi_plan.schema.journal_checks import checked_data  # checking: `zi validate` only

    path, _evidence = journal_paths(plan)
    if not path.exists():
        return None
    try:
        checked_data(path, yamlio.read_text(path), plan)
    except yamlio.YamlError as exc:
        return str(path), [exc.problem(str(path))]
    except InvalidFile as exc:
        return str(path), exc.problems
    return str(path), []


def check_journal_file(path: Path) -> tuple[str, list[Problem]]:
    """A journal given by its path, checked against the plan of the same name beside it."""
    stem = path.name
    for suffix in JOURNAL_SUFFIXES:
        stem = stem.removesuffix(suffix)
    plans = [p for p in (path.with_name(f"{stem}.yaml"), path.with_name(f"{stem}.yml")) if p.is_file()]
    if not plans:
        message = _("a journal is checked against its plan, and there is no {plan} beside it; give the plan's path instead").format(plan=f"{stem}.yaml")
        return str(path), [Problem(str(path), None, None, message)]
    checked = check_file(plans[0])
    if checked.plan is None:
        message = _("its plan {plan} is not valid; run 'zi validate {plan}' and fix that first").format(plan=plans[0])
        return str(path), [Problem(str(path), None, None, message)]
    journal = check_journal(checked.plan)
    if journal is None or Path(journal[0]).resolve() != path.resolve():
        return str(path), [Problem(str(path), None, None, _("file not found"))]
    return str(path), journal[1]
