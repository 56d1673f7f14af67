from typing import Any

from django.core.management.base import BaseCommand

from bonavi.jobs.services import postings_expire


class Command(BaseCommand):
    help = "掲載期限を過ぎた求人を「掲載期限切れ」にします（定期実行用）。"

    def handle(self, *args: Any, **opts: Any) -> None:
        self.stdout.write(f"{postings_expire()} 件の求人を掲載期限切れにしました。")
