"""Which plan (and so which journal) a command works on, found the way git finds its repository.

Order: ``--plan PATH``, else ``$ZI_PLAN``, else the first folder, from the
current one upwards, that holds ``plans/*.yaml``, else the plan bundled with
zi. No marker file: the ``plans/`` folder that ``zi init`` and ``zi import``
write into is the marker, and it is what people already see in the office's
folder. When that folder holds several plans, zi names them and asks for
``--plan`` rather than guessing.

The bundled plan may be read from anywhere, but progress is written against
it only when asked for by name (``--plan bundled`` or ``ZI_PLAN=bundled``):
a coordinator who runs ``zi done`` from the wrong folder must not start a
second journal without knowing.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple

from zi_plan.errors import ZiError
from zi_plan.i18n import _

if TYPE_CHECKING:
    from zi_plan.model.plan import LoadedPlan

BUNDLED_NAME = "tambrauw-2023.yaml"
PACKAGE_DIR = Path(__file__).resolve().parent.parent  # zi_plan/

BUNDLED = "bundled"  # --plan bundled / ZI_PLAN=bundled: the plan shipped with zi, on purpose
FoundBy = Literal["option", "env", "folder", "bundled"]


class PlanChoice(NamedTuple):  # a NamedTuple: see zi_plan.model.plan's views
    path: Path
    found_by: FoundBy
    bundled: bool


def plans_in(folder: Path) -> list[Path]:
    """The plan files in a ``plans/`` folder: YAML files other than journals."""
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return []
    return [
        p for p in entries
        if p.suffix in (".yaml", ".yml") and not p.name.startswith(".")
        and not p.name.endswith((".progress.yaml", ".progress.yml")) and p.is_file()
    ]  # fmt: skip


def _named(value: str, found_by: FoundBy) -> PlanChoice:
    if value == BUNDLED and not Path(value).exists():
        return PlanChoice(bundled_plan_path(), found_by, True)
    return PlanChoice(Path(value), found_by, False)


def discover(explicit: str | os.PathLike[str] | None = None, start: Path | None = None) -> PlanChoice:
    """The plan to use, and how it was found."""

    if explicit:
        return _named(os.fspath(explicit), "option")
    env = os.environ.get("ZI_PLAN", "").strip()
    if env:
        return _named(env, "env")
    here = (start or Path.cwd()).absolute()
    for folder in (here, *here.parents):
        found = plans_in(folder / "plans")
        if len(found) == 1:
            return PlanChoice(_shown(found[0]), "folder", False)
        if found:
            names = "\n".join("  " + str(_shown(p)) for p in found)
            raise ZiError(
                _("{folder} holds several plans; say which one with --plan (or set ZI_PLAN):\n{names}").format(
                    folder=f"{_shown(folder / 'plans')}{os.sep}", names=names
                ),
                exit_code=2,
            )
    return PlanChoice(bundled_plan_path(), "bundled", True)


def shown(path: Path) -> Path:
    """A path as zi prints it: relative to the current folder when it lies below it, else absolute.

    Never ``../../plans/...``: a path that climbs out of the current folder
    breaks when copied into a terminal elsewhere, an absolute one does not.
    """
    full = Path(os.path.abspath(path))
    try:
        return full.relative_to(Path.cwd())
    except ValueError:
        return full


_shown = shown


def require_deliberate(found_by: str, plan: Path, journal: Path) -> None:
    """Refuse to write progress against the bundled plan that nobody asked for."""
    if found_by == "bundled":
        raise ZiError(
            _(
                "no plan found in this folder or above it (zi looks for a folder holding plans/*.yaml), "
                "so this would record against the plan bundled with zi, {plan}, in the journal {journal}. "
                "To record for your office's plan, run zi in its folder or name it with --plan PATH; "
                "to use the bundled plan on purpose, add --plan bundled (or set ZI_PLAN=bundled)"
            ).format(plan=plan.name, journal=journal)
        )


def heading(plan_path: Path, journal: Path, bundled: bool) -> str:
    """The first line of every command that reads progress: which plan, which journal."""
    plan = str(_shown(plan_path)) + (" " + _("(bundled with zi)") if bundled else "")
    return _("plan {plan} · journal {journal}").format(plan=plan, journal=_shown(journal))


def how_found(plan_path: Path) -> str:
    """What `zi init` says at the end: how later commands will find the new plan."""
    target = plan_path.absolute()
    if target.parent.name == "plans":
        others = [p for p in plans_in(target.parent) if p.resolve() != target.resolve()]
        if not others:
            home = _shown(target.parent.parent)
            return _("zi finds this plan by itself when run in {folder} or any folder below it").format(
                folder=_("this folder") if str(home) == "." else home
            )
        return _("{folder} holds other plans too, so name this one: zi --plan {path} ... (or set ZI_PLAN={path})").format(
            folder=f"{_shown(target.parent)}{os.sep}", path=_shown(plan_path)
        )
    return _("zi finds plans by itself only in a plans/ folder; name this one with --plan {path} (or set ZI_PLAN={path}), or move it into plans/").format(
        path=_shown(plan_path)
    )


def bundled_plan_path() -> Path:
    """The plan shipped with zi (in the wheel), or the repo's copy when run from source."""
    for candidate in (PACKAGE_DIR / "data" / BUNDLED_NAME, PACKAGE_DIR.parent / "plans" / BUNDLED_NAME):
        if candidate.is_file():
            return candidate
    raise ZiError(_("the bundled plan is missing from this installation: reinstall zi-plan, or name a plan with --plan"))


# ---------------------------------------------------------------- the journal beside it


def journal_file_name(plan_path: Path) -> str:
    """'tambrauw-2023.yaml' -> 'tambrauw-2023.progress.yaml'."""
    stem = plan_path.name.removesuffix(".yaml").removesuffix(".yml")
    return f"{stem}.progress.yaml"


def journal_paths(plan: LoadedPlan) -> tuple[Path, Path]:
    """(journal file, evidence folder) for a plan.

    Beside the plan, except for the copy bundled in the installed package:
    nothing is ever written inside the package, so that one goes to the
    user's data folder.
    """
    stem = journal_file_name(plan.path).removesuffix(".progress.yaml")
    if plan.bundled:
        import platformdirs  # platformdirs: only for the bundled plan's journal

        base = Path(platformdirs.user_data_dir("zi-plan", appauthor=False))
    else:
        base = plan.path.parent
    return base / f"{stem}.progress.yaml", base / f"{stem}.evidence"
