"""No 「:」 after the operators' Japanese labels (ADR 0161).

Django's admin ends every field's label with the translated ":" — 「タイトル:」「所在地:」, its action select with
「操作:」 and a date-and-time field's halves with 「日付:」「時刻:」. A Japanese form puts no colon after a label that
stands above or beside its box (the site's own forms have none). Set once for every admin form from core's ready(),
as install_required_messages is, so that no ModelAdmin has to remember it: a change form, its inlines, the user's
password form and the admin's login.
"""

from __future__ import annotations

from typing import Any

# Django's own labels that carry the colon in their words, not as a suffix: said without it.
_TRAILING: tuple[str, ...] = (":", "：")


def _bare(label: Any) -> str:
    text = str(label)
    for colon in _TRAILING:
        text = text.removesuffix(colon)
    return text


def install_admin_label_suffix() -> None:
    from django import forms
    from django.contrib import admin
    from django.contrib.admin import forms as admin_forms
    from django.contrib.admin import helpers, widgets

    init = helpers.AdminForm.__init__
    if getattr(init, "drops_label_suffix", False):
        return

    # Every change form, inline row (InlineAdminForm is an AdminForm) and the user's password form is wrapped in an
    # AdminForm before it is drawn: its labels, and the read-only fields' (AdminReadonlyField reads the form's).
    def no_suffix_init(
        self: helpers.AdminForm, form: forms.ModelForm[Any], *args: Any, **kwargs: Any
    ) -> None:
        form.label_suffix = ""
        init(self, form, *args, **kwargs)

    no_suffix_init.drops_label_suffix = True  # type: ignore[attr-defined]
    helpers.AdminForm.__init__ = no_suffix_init  # type: ignore[method-assign]

    class ActionForm(helpers.ActionForm):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.fields["action"].label = _bare(self.fields["action"].label)  # 「操作」

    admin.ModelAdmin.action_form = ActionForm

    class LoginForm(admin_forms.AdminAuthenticationForm):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("label_suffix", "")
            super().__init__(*args, **kwargs)

    admin.site.login_form = LoginForm

    split_context = widgets.AdminSplitDateTime.get_context

    def bare_split_context(self: widgets.AdminSplitDateTime, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = split_context(self, *args, **kwargs)
        context["date_label"], context["time_label"] = (
            _bare(context["date_label"]),
            _bare(context["time_label"]),
        )
        return context

    widgets.AdminSplitDateTime.get_context = bare_split_context  # type: ignore[method-assign]
