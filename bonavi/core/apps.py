from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "bonavi.core"
    label = "core"
    verbose_name = "共通"

    def ready(self) -> None:
        from django.contrib import admin
        from django.core.validators import ProhibitNullCharactersValidator

        # The operators' screen (postings, complaints, agencies): named for the service, not "Django 管理サイト".
        from . import mail  # noqa: F401  (registers its system check)

        admin.site.site_header = "BOナビ 運営管理"
        admin.site.site_title = "BOナビ 運営管理"
        admin.site.index_title = "運営の管理メニュー"

        # Django's Japanese catalogue renders "Null characters are not allowed." as 「何か文字を入力してください。」
        # (enter some text), which sends a person who pasted text with a NUL looking for an empty field. Every form
        # CharField carries this validator, so its message is set once here rather than per form.
        ProhibitNullCharactersValidator.message = (
            "使えない制御文字（NUL）が含まれています。文字をコピーし直すか、打ち直してください。"
        )

        # 「このフィールドは必須です。」 names no field: every form's empty required field says its own name and
        # what to do instead (core.forms.name_required_fields; ADR 0134).
        from .forms import install_required_messages

        install_required_messages()

        # No 「:」 after the admin's Japanese labels (「タイトル:」「操作:」): core.admin_labels, ADR 0161.
        from .admin_labels import install_admin_label_suffix

        install_admin_label_suffix()
