from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "bonavi.documents"
    verbose_name = "履歴書・職務経歴書"
