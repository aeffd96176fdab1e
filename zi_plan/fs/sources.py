"""What may be named as evidence: checks on a source before it is copied.

- A link typed without its scheme (``drive.google.com/file/d/...``) is not a
  missing file: zi says which link was probably meant.
- The kernel's files (``/proc``, ``/sys``) and devices are not evidence:
  ``/proc/self/environ`` is a "regular file" to ``stat``, and would put the
  user's environment (tokens, passwords) into the evaluators' pack.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from zi_plan.i18n import _

# host.domain[.tld...][/path]: a web address without http(s)://
_HOST_PATH = re.compile(r"^(?:www\.)?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}(?::\d+)?(?:[/?#]\S*)?$", re.IGNORECASE)
# File name endings that are files, not top-level domains: 'laporan.pdf' is a missing file.
_FILE_ENDINGS = {"pdf", "jpg", "jpeg", "png", "gif", "doc", "docx", "xls", "xlsx", "csv", "txt", "ppt", "pptx", "zip", "rar",
                 "mp4", "mov", "heic", "odt", "ods", "rtf", "html", "htm", "yaml", "yml", "json", "md"}  # fmt: skip
_SYSTEM_FOLDERS = ("/proc", "/sys", "/dev")


def meant_link(value: str) -> str | None:
    """'https://VALUE' when VALUE reads as a web address typed without its scheme."""
    text = value.strip()
    if not _HOST_PATH.match(text) or os.sep == "\\" and "\\" in text:
        return None
    host = re.split(r"[/?#:]", text, maxsplit=1)[0]
    if "/" not in text and host.rsplit(".", 1)[-1].lower() in _FILE_ENDINGS:
        return None
    return "https://" + text


def system_file_problem(path: Path) -> str | None:
    """Why ``path`` (which exists) is the system's, not a document: None for an ordinary file."""
    try:
        real = os.path.realpath(path)
        mode = os.stat(real).st_mode
        device = os.stat(real).st_dev
    except OSError:
        return None
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("it is a device, not a document")
    for folder in _SYSTEM_FOLDERS:
        try:
            same_device = os.stat(folder).st_dev == device and folder != "/dev"
        except OSError:
            same_device = False
        if real == folder or real.startswith(folder + "/") or same_device:
            return _("it is one of the system's files ({folder}), not a document").format(folder=folder)
    return None
