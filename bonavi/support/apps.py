from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "bonavi.support"
    label = "support"
    verbose_name = "苦情・お問い合わせ"

    def ready(self) -> None:
        from bonavi.notifications.retention import EVERY_SECONDS as RETENTION_EVERY_SECONDS
        from bonavi.notifications.worker import register_duty
        from bonavi.seekers.mydata import register_export, register_kept_after_deletion

        from . import mydata, services

        # After KEEP_YEARS a complaint keeps no reply address, name or text (ADR 0080), on the outbox's
        # retention beat.
        register_duty("support_retention", every=RETENTION_EVERY_SECONDS)(services.complaints_anonymise)
        # Said on the 退会 page and in its mail: a reporter's complaints stay, as the record of a 苦情処理, for
        # KEEP_YEARS, read each time it is said, so services.KEEP_YEARS stays the one definition of the figure.
        register_export(
            "support.Complaint",
            key="complaints",
            export=mydata.complaints_export,
            page=("運営への苦情・お問い合わせ", "support/mydata_section.html"),
        )
        register_kept_after_deletion(
            "support.complaints",
            lambda: (
                "運営に苦情・お問い合わせを送っていた場合、その記録（連絡先・内容・対応）は対応の記録として"
                f"受付から{services.KEEP_YEARS}年間保存し、その後匿名化します。"
            ),
        )
