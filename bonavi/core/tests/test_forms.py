from __future__ import annotations

import pytest
from django import forms
from django.template.loader import render_to_string

from bonavi.core.forms import ConfirmField, ConfirmForm, add_errors


class _Form(forms.Form):
    title = forms.CharField(required=False)


def test_a_refusal_goes_beside_its_field_or_above_the_form() -> None:
    form = _Form({"title": "経理"})
    assert form.is_valid()
    add_errors(
        form,
        {"title": ["名前が長すぎます。"], "salary_min": ["最低賃金を下回っています。", "単位がありません。"]},
    )
    assert form.errors["title"] == ["名前が長すぎます。"]
    assert form.non_field_errors() == ["最低賃金を下回っています。", "単位がありません。"]


def _delete_form(data: dict[str, str] | None = None) -> ConfirmForm:
    return ConfirmForm(
        data,
        label="この書類を削除します（元に戻せません）",
        refusal="書類を削除する場合は、「この書類を削除します」にチェックを入れてください。",
        error_id="delete-error",
    )


def test_the_confirm_form_takes_only_a_ticked_box() -> None:
    assert not _delete_form().refused  # the page as first shown
    assert not _delete_form({"confirm": "on"}).refused
    for data in ({}, {"confirm": ""}, {"confirm": "off"}, {"confirm": "1"}, {"other": "on"}):
        refused = _delete_form(data)
        assert refused.refused, data
        assert refused.errors["confirm"] == [
            "書類を削除する場合は、「この書類を削除します」にチェックを入れてください。"
        ]


def _render(form: ConfirmForm, **extra: object) -> str:
    return render_to_string("includes/confirm_box.html", {"box": form, **extra})


def test_the_box_says_its_refusal_beside_it_and_takes_the_focus() -> None:
    shown = _render(_delete_form())
    assert '<input type="checkbox" name="confirm" required>' in shown
    assert "この書類を削除します（元に戻せません）</label>" in shown
    assert "errorlist" not in shown and "aria-invalid" not in shown
    refused = _render(_delete_form({}))
    assert (
        '<p class="errorlist" id="delete-error">書類を削除する場合は、「この書類を削除します」にチェックを入れてください。</p>'
        in refused
    )
    assert 'required autofocus aria-invalid="true" aria-describedby="delete-error">' in refused
    # A refusal said elsewhere on the page (a service's) marks the box without saying it twice.
    elsewhere = _render(_delete_form({"confirm": "on"}), invalid=True)
    assert "errorlist" not in elsewhere and 'aria-invalid="true" aria-describedby="delete-error"' in elsewhere


def test_a_name_in_the_label_is_escaped() -> None:
    form = ConfirmForm(None, label="「<b>経理</b>」を削除します", refusal="…", error_id="delete-1-error")
    assert "「&lt;b&gt;経理&lt;/b&gt;」を削除します" in _render(form)


def test_a_nul_character_is_named_in_japanese() -> None:
    # Django's own Japanese text for this refusal asks the person to "enter some text" (何か文字を入力してください).
    from django.core.exceptions import ValidationError
    from django.utils import translation

    with translation.override("ja"), pytest.raises(ValidationError) as refused:
        forms.CharField().clean("経理\x00事務")
    assert refused.value.messages == [
        "使えない制御文字（NUL）が含まれています。文字をコピーし直すか、打ち直してください。"
    ]


class _WithNote(forms.Form):
    note = forms.CharField(required=False)
    confirm = ConfirmField(label="辞退します", refusal="辞退する場合は、チェックを入れてください。")


def test_a_confirm_field_in_any_form_takes_only_a_ticked_box() -> None:
    assert _WithNote({"confirm": "on"}).is_valid()
    for data in ({}, {"confirm": "1"}, {"confirm": "yes"}, {"confirm": "true"}, {"confirm": "off"}):
        form = _WithNote(data)
        assert not form.is_valid(), data
        assert form.errors["confirm"] == ["辞退する場合は、チェックを入れてください。"]
    assert 'type="checkbox"' in str(_WithNote()["confirm"])


class _Three(forms.Form):
    name = forms.CharField()
    token = forms.CharField(widget=forms.HiddenInput)
    email = forms.EmailField()
    body = forms.CharField()


def test_every_refused_form_focuses_its_first_field_in_error_in_page_order() -> None:
    """settings.FORM_RENDERER: no view has to ask. The service's refusal added last on an earlier field still
    moves the focus there; a hidden field in error, a valid field and a form not yet sent get none."""
    form = _Three({"name": "山田", "email": "not-an-address", "body": ""})
    assert not form.is_valid()
    add_errors(form, {"name": ["この名前は使えません。"]})
    html = {name: str(form[name]) for name in ("name", "token", "email", "body")}
    assert "autofocus" in html["name"]
    assert all("autofocus" not in html[n] for n in ("token", "email", "body"))
    assert str(form).count("autofocus") == 1
    assert "autofocus" not in str(_Three())
    valid = _Three({"name": "山田", "token": "x", "email": "a@example.jp", "body": "本文"})
    assert valid.is_valid() and "autofocus" not in str(valid)


class _Groups(forms.Form):
    note = forms.CharField(required=False)
    places = forms.MultipleChoiceField(
        choices=[(str(n), f"県{n}") for n in range(1, 48)], widget=forms.CheckboxSelectMultiple
    )
    kind = forms.ChoiceField(choices=[("a", "甲"), ("b", "乙"), ("c", "丙")], widget=forms.RadioSelect)


@pytest.mark.parametrize(
    ("template", "extra"),
    [
        ("includes/field.html", {}),
        ("includes/checks_field.html", {}),
        ("includes/checks_field.html", {"fold": True}),
    ],
)
@pytest.mark.parametrize("first", ["places", "kind"])
def test_a_refused_list_of_boxes_has_one_focus_target_its_group(template, extra, first) -> None:
    """The widget copies its attrs to every option: a hearing sheet refused on 希望勤務地 had 47 autofocus boxes."""
    from bonavi.agents.tests.html import focused

    data = {"places": ["1", "99"], "kind": "z"} if first == "places" else {"places": ["1"], "kind": "z"}
    form = _Groups(data)
    assert not form.is_valid()
    html = "".join(
        render_to_string(template, {"field": form[name], **extra}) for name in ("note", "places", "kind")
    )
    assert html.count("autofocus") == 1
    assert focused(html, first)
    group = html.split(" autofocus", 1)[0].rsplit("<", 1)[1]
    assert group.startswith("fieldset") or 'role="group"' in group


def test_two_refused_forms_on_one_page_focus_only_the_first() -> None:
    from bonavi.core.forms import one_focus

    first, second = _Three({"name": "", "email": "x"}), _Three({"name": "", "email": "y"})
    assert not first.is_valid() and not second.is_valid()
    one_focus(first, second)
    assert str(first).count("autofocus") == 1 and "autofocus" not in str(second)
    one_focus(_Three(), second)  # the first not sent: the second keeps its own
    assert str(second).count("autofocus") == 1


def test_a_day_that_does_not_exist_is_named_and_typed_days_are_read() -> None:
    """A date box without a picker (or a script) sends what was typed: 2026/4/1 and full-width digits are days;
    2026-02-30 is refused as the day it is not, not with a request for the YYYY-MM-DD form it already has."""
    import datetime as dt

    from django import forms

    from bonavi.core.forms import DayField

    class F(forms.Form):
        day = DayField(label="入社日", required=False)

    for typed, day in [
        ("2026-04-01", dt.date(2026, 4, 1)),
        ("2026/4/1", dt.date(2026, 4, 1)),
        ("２０２６－０４－０１", dt.date(2026, 4, 1)),
        ("2024-02-29", dt.date(2024, 2, 29)),
        ("", None),
    ]:
        form = F({"day": typed})
        assert form.is_valid(), (typed, form.errors)
        assert form.cleaned_data["day"] == day
    for typed, message in [
        ("2026-02-30", "2026年2月30日はありません。"),
        ("2025-13-01", "2025年13月1日はありません。"),
        ("2025/2/29", "2025年2月29日はありません。"),
    ]:
        form = F({"day": typed})
        assert not form.is_valid() and form.errors["day"] == [message]
    assert F({"day": "来月"}).errors["day"] == ["日付を正しく入力してください。"]
    # Spaces only (full-width too) are an empty box: nothing on an optional field, 「必須」 on a required one.
    blank = F({"day": " 　"})
    assert blank.is_valid() and blank.cleaned_data["day"] is None

    class Required(forms.Form):
        day = DayField(label="入社日", error_messages={"required": "入社日を入力してください。"})

    assert Required({"day": "　"}).errors["day"] == ["入社日を入力してください。"]

    # 和暦 of any era, as a birth date is often written; an era day outside its era is named as typed.
    born = F({"day": "昭和60年4月1日"})
    assert born.is_valid() and born.cleaned_data["day"] == dt.date(1985, 4, 1)
    assert F({"day": "R1.1.1"}).errors["day"] == ["令和1年1月1日はありません。"]

    class Named(forms.Form):
        joined = DayField(label="入社日", named="入社日")

    assert Named({"joined": "2026-13-01"}).errors["joined"] == ["入社日：2026年13月1日はありません。"]


@pytest.mark.django_db
def test_every_date_box_says_which_day_does_not_exist() -> None:
    """The date boxes of the seeker profile, the posting form, the 履歴書 editor, the hearing sheet and the 求人原稿
    check each refuse 2001-02-29 by name (they said 「日付を正しく入力してください。」 or asked for YYYY-MM-DD)."""
    from bonavi.agents.forms import HearingForm
    from bonavi.compliance.forms import CheckForm
    from bonavi.documents.forms import BasicsForm
    from bonavi.jobs.forms import PostingForm
    from bonavi.seekers.forms import ProfileForm

    for form_class, name in [
        (ProfileForm, "birth_date"),
        (ProfileForm, "available_from"),
        (PostingForm, "valid_through"),
        (BasicsForm, "birth_date"),
        (HearingForm, "available_from"),
        (CheckForm, "date"),
    ]:
        form = form_class(data={name: "2001-02-29"})
        form.is_valid()
        assert form.errors.get(name) == ["2001年2月29日はありません。"], (form_class, form.errors.get(name))
