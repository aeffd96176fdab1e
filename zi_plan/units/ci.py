"""The CI pipeline of a parent's repository: `zi units ci --gitlab|--github`.

The pipeline runs on an engine the agency already has (its own GitLab, or
GitHub): on every push it validates the units whose files changed, and on
the default branch it publishes the roll-up dashboard and workbook as the
pipeline's pages and artifact. It installs zi with pip, pinned to the
version that wrote it (``ZI_PACKAGE`` in the file). The templates are in
``zi_plan/documents/templates/ci/``.
"""

from __future__ import annotations

from pathlib import Path

from zi_plan import __version__
from zi_plan.documents.pages import render_page
from zi_plan.errors import ZiError
from zi_plan.fs.files import atomic_write
from zi_plan.fs.fsguard import write_error
from zi_plan.i18n import _
from zi_plan.units.register import REGISTER_NAME, load_register

PIPELINES = {
    "gitlab": (".gitlab-ci.yml", "ci/gitlab-ci.yml"),
    "github": (".github/workflows/zi.yml", "ci/github-zi.yml"),
}


def pipeline_text(kind: str, organisation: str | None) -> str:
    """The pipeline file for ``kind`` ('gitlab' or 'github')."""

    # Into a YAML comment: one line, whatever the register holds.
    name = " ".join((organisation or _("the parent organisation")).split())
    return render_page(PIPELINES[kind][1], organisation=name, version=__version__)


def write_pipelines(root: Path, *, gitlab: bool, github: bool, force: bool) -> list[Path]:
    """Write the chosen pipeline files under ``root`` (the repository's top, where units.yaml is)."""

    kinds = [k for k, wanted in (("gitlab", gitlab), ("github", github)) if wanted]
    if not kinds:
        raise ZiError(_("say which CI: --gitlab (.gitlab-ci.yml) or --github (.github/workflows/zi.yml), or both"), exit_code=2)
    organisation = load_register(root / REGISTER_NAME).organisation
    targets = [(kind, root / PIPELINES[kind][0]) for kind in kinds]
    for _kind, target in targets:
        if target.exists() and not force:
            raise ZiError(_("{path} exists already; add --force to replace it (your changes to it would be lost)").format(path=target))
    written = []
    for kind, target in targets:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(target, pipeline_text(kind, organisation).encode("utf-8"))
        except OSError as exc:
            raise write_error(target, exc) from None
        written.append(target)
    return written
