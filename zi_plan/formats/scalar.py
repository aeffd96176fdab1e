"""A text as a YAML scalar, written so that it reads back the same: shared by every YAML writer."""

from __future__ import annotations

import json

import yaml


def scalar(text: object) -> str:
    """``text`` as a YAML scalar: plain when that reads back the same, else quoted."""
    if not isinstance(text, str):
        return str(text)
    if text and text == text.strip() and "\n" not in text and not text.startswith(("'", '"', "#", "- ", "*", "&", "!", "%", "@", "`", "|", ">", "{", "[")):
        try:
            if yaml.safe_load(f"k: {text}") == {"k": text}:
                return text
        except yaml.YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar
