"""Every select of the site opens on 「選んでください」 (core.forms.CHOOSE), never on Django's 「---------」, which a model
field's choices bring and which the posting form, the seeker's profile and the 定着確認 showed."""

from __future__ import annotations

import importlib
import inspect
import re
from typing import Any

import pytest
from django import forms
from django.apps import apps
from django.test import Client
from django.urls import reverse

from bonavi.accounts.models import User
from bonavi.core.forms import CHOOSE

DASH = "---------"


def _first_options(html: str) -> dict[str, str]:
    """Each select's name → the text of its first option."""
    return {
        name: re.sub(r"<[^>]+>", "", first).strip()
        for name, first in re.findall(
            r'<select[^>]*name="([^"]+)"[^>]*>\s*(<option[^>]*>[^<]*</option>)', html
        )
    }


def test_the_posting_form_opens_its_selects_on_the_sites_words(client: Client, employer: User) -> None:
    client.force_login(employer)
    html = client.get(reverse("jobs:employer_create")).content.decode()
    assert DASH not in html
    first = _first_options(html)
    for name in ("subrole", "employment_type", "prefecture", "renewal", "holiday_pattern", "wage_unit"):
        assert first[name] == CHOOSE, (name, first[name])
    assert first["smoking_measure"] == first["age_exception"] == CHOOSE


def test_the_profile_opens_its_selects_on_the_sites_words(client: Client, seeker: User) -> None:
    client.force_login(seeker)
    html = client.get(reverse("seekers:profile")).content.decode()
    assert DASH not in html
    first = _first_options(html)
    assert first["situation"] == first["desired_pay_unit"] == CHOOSE


@pytest.mark.django_db
def test_no_form_of_the_site_offers_the_dashes() -> None:
    """Every form class of the project's apps that can be made without arguments (ModelChoiceFields too)."""
    seen = 0
    for config in apps.get_app_configs():
        if not config.name.startswith("bonavi."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for cls in vars(module).values():
            if not (
                inspect.isclass(cls) and issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__
            ):
                continue
            try:
                form = cls()
            except TypeError:  # needs its context (a user, a list of documents…)
                continue
            seen += 1
            for name, field in form.fields.items():
                if isinstance(field, forms.ModelChoiceField):
                    assert field.empty_label != DASH, (cls.__name__, name)
                elif isinstance(field, forms.ChoiceField):
                    choices: Any = field.choices  # normalised to (value, label) pairs by ChoiceField
                    labels = [label for _, label in choices]
                    assert DASH not in labels, (cls.__name__, name)
    assert seen > 30
