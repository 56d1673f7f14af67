"""Every form of the project names its empty required fields (core.forms.name_required_fields, installed once in
core's ready(); ADR 0134). The session 16 walk found Django's 「このフィールドは必須です。」 on the login form (both
fields), the 退会 password and the agency 苦情 form: the words name no field, and in the list at the top of a refused
form or beside a box deep in a long one they say nothing of what to do."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from typing import Any

import pytest
from django import forms
from django.utils.html import strip_tags

import bonavi
from bonavi.core.forms import name_required_fields, required_message

pytestmark = pytest.mark.django_db

DJANGO_WORDS = "このフィールドは必須です"


def _project_forms() -> list[type[forms.BaseForm]]:
    """Every form class defined in the project's modules (tests and migrations aside)."""
    for info in pkgutil.walk_packages(bonavi.__path__, "bonavi."):
        if ".tests" in info.name or ".migrations" in info.name:
            continue
        importlib.import_module(info.name)
    found: dict[str, type[forms.BaseForm]] = {}
    todo: list[type[Any]] = [forms.BaseForm]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("bonavi.") and ".tests" not in sub.__module__:
                found[f"{sub.__module__}.{sub.__qualname__}"] = sub
    return [found[k] for k in sorted(found)]


def _empty_form(cls: type[forms.BaseForm]) -> forms.BaseForm:
    """The form posted empty. Built by its own constructor where that needs nothing but the data; otherwise by the
    base constructor (its declared and model fields, without what its __init__ adds). Its own clean() and
    clean_<field>() methods are left out: they need what the constructor would have been given, and the words of
    a required field are the field's, said before them."""
    try:
        form = cls(data={})
    except Exception:
        form = cls.__new__(cls)
        base = forms.BaseModelForm if issubclass(cls, forms.BaseModelForm) else forms.BaseForm
        base.__init__(form, data={})
        form.built_bare = True
    for attr in dir(cls):
        if attr.startswith("clean_") and callable(getattr(cls, attr)):
            setattr(form, attr, lambda: None)
    form.clean = lambda: form.cleaned_data  # type: ignore[method-assign]
    form._post_clean = lambda: None
    return form


def test_the_walk_finds_the_forms_the_walk_of_the_demo_refused() -> None:
    names = {f"{c.__module__}.{c.__qualname__}" for c in _project_forms()}
    assert {
        "bonavi.accounts.forms.LoginForm",
        "bonavi.seekers.forms.DeleteAccountForm",
        "bonavi.agents.forms.ComplaintForm",
    } <= names, sorted(names)
    assert len(names) > 50


def test_no_project_form_says_the_generic_required_message() -> None:
    generic: list[str] = []
    checked = 0
    for cls in _project_forms():
        if inspect.isabstract(cls):
            continue
        if issubclass(cls, forms.BaseModelForm) and cls._meta.model is None:
            continue  # an admin form: its ModelAdmin gives the model (and the rule applies there as well)
        form = _empty_form(cls)
        form.full_clean()
        for name, field in form.fields.items():
            if not field.required or field.disabled:
                continue
            for message in form.errors.get(name, []):
                checked += 1
                # (an empty message is only a fault where the form's own constructor built it: ConfirmForm's
                # refusal is given by its caller)
                if DJANGO_WORDS in message or (
                    not message.strip() and not getattr(form, "built_bare", False)
                ):
                    generic.append(f"{cls.__module__}.{cls.__qualname__}.{name}: {message!r}")
    assert not generic, "\n".join(generic)
    assert checked > 100


@pytest.mark.parametrize(
    ("field", "said"),
    [
        (forms.CharField(label="お名前"), "お名前を入力してください。"),
        (forms.ChoiceField(label="職種", choices=[("a", "A")]), "職種を選んでください。"),
        (forms.FileField(label="添付ファイル"), "添付ファイルを選んでください。"),
        (forms.BooleanField(label="規約に同意します"), "「規約に同意します」にチェックを入れてください。"),
    ],
    ids=["text", "choice", "file", "box"],
)
def test_the_words_name_the_field_and_the_act(field: forms.Field, said: str) -> None:
    assert required_message(field, str(field.label)) == said


def test_a_form_s_own_words_are_kept_and_the_class_is_not_changed() -> None:
    class Form(forms.Form):
        name = forms.CharField(label="<b>お名前</b>")
        kept = forms.CharField(label="電話", error_messages={"required": "電話番号を書いてください。"})
        optional = forms.CharField(label="備考", required=False)

    form = Form(data={})
    assert form.errors == {"name": ["お名前を入力してください。"], "kept": ["電話番号を書いてください。"]}
    assert form.errors.as_data()["name"][0].code == "required"
    assert DJANGO_WORDS in str(Form.base_fields["name"].error_messages["required"])
    again = Form(data={})
    name_required_fields(again)
    name_required_fields(again)  # said once, not wrapped twice
    assert again.fields["name"].error_messages["required"] == "お名前を入力してください。"
    assert strip_tags(str(again["name"].label)) == "お名前"


def test_the_login_and_the_withdrawal_pages_name_their_empty_fields(client: Any, seeker: Any) -> None:
    """The walk's pages: the login form (both fields) and the 退会 password (`39_delete_error`)."""
    from django.urls import reverse

    login = client.post(reverse("accounts:login"), {"email": "", "password": ""}).content.decode()
    assert "メールアドレスを入力してください。" in login and "パスワードを入力してください。" in login
    assert DJANGO_WORDS not in login
    client.force_login(seeker)
    page = client.post(reverse("seekers:account_delete"), {"password": ""}).content.decode()
    assert "パスワードを入力してください。" in page and DJANGO_WORDS not in page
    assert "退会するには確認のチェックを入れてください。" in page  # its own words, kept
    seeker.refresh_from_db()
    assert seeker.is_active
