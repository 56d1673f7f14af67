"""Putting a service's refusal onto the form the person filled in."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django import forms


def add_errors(form: forms.BaseForm, errors: Mapping[str, Iterable[str]]) -> None:
    """Each message beside the field it names, or above the form when the form has no such field (a service
    judges the whole record; a form shows only part of it)."""
    for field, messages in errors.items():
        for message in messages:
            form.add_error(field if field in form.fields else None, message)
