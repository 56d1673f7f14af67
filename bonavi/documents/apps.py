from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "bonavi.documents"
    verbose_name = "履歴書・職務経歴書"

    def ready(self) -> None:
        from bonavi.seekers.attachments import register_document_source
        from bonavi.seekers.mydata import register_export

        from . import mydata
        from .comments import comments_export
        from .sent import SOURCE

        # Advisers' comments point at the document, not at its owner, so the generic export would miss them.
        register_export(
            "documents.DocumentComment",
            key="document_comments",
            export=comments_export,
            page=("書類へのコメント（添削）", "documents/mydata_comments.html"),
        )
        mydata.register()  # her 応募書類, interview-practice answers and the profile's JSON Resume
        # A direct application may carry one of the seeker's versions, as it was then (ADR 0091).
        register_document_source(SOURCE)
