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
    """`html` has exactly one focus target, and it is the field `name`: its box, or the fieldset / role=group that
    holds its boxes (a list of checkboxes or radios). Every tag is read, not only the first one named `name`, so
    autofocus copied onto every box of a list, or left on a second field, is seen."""
    targets = list(re.finditer(r"<[a-z]+\b[^>]*\sautofocus(?=[\s>/=])[^>]*>", html))
    if len(targets) != 1:
        return False
    tag = targets[0]
    if re.search(rf'\bname="{re.escape(name)}"', tag.group(0)):
        return True
    if not (tag.group(0).startswith("<fieldset") or 'role="group"' in tag.group(0)):
        return False
    following = re.search(r'<(?:input|select|textarea)\b[^>]*\bname="([^"]*)"', html[tag.end() :])
    return bool(following) and following.group(1) == name
