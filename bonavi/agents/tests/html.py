"""Reading a refused form in a response: the field's tag, and the message its aria-describedby points to."""

from __future__ import annotations

import re


def field_tag(html: str, name: str) -> str:
    """The opening tag of the first <input>, <select> or <textarea> named `name` in `html`."""
    found = re.search(rf'<(?:input|select|textarea)\b[^>]*\bname="{re.escape(name)}"[^>]*>', html)
    assert found, f"no field named {name}"
    return found.group(0)


def error_beside(html: str, name: str) -> str:
    """The text of the error list the field `name` is described by ("" when it is not marked invalid)."""
    tag = field_tag(html, name)
    if 'aria-invalid="true"' not in tag:
        return ""
    described = re.search(r'aria-describedby="([^"]*)"', tag)
    assert described, f"{name} is invalid but described by nothing"
    for ref in described.group(1).split():
        listed = re.search(rf'<ul class="errorlist" id="{re.escape(ref)}">(.*?)</ul>', html, re.S)
        if listed:
            return re.sub(r"<[^>]+>", "", listed.group(1))
    return ""


def focused(html: str, name: str) -> bool:
    return " autofocus" in field_tag(html, name)
