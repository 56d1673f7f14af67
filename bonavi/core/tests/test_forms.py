from __future__ import annotations

from django import forms

from bonavi.core.forms import add_errors


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
