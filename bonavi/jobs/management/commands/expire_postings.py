from typing import Any

from bonavi.core.commands import BonaviCommand
from bonavi.jobs.services import postings_expire


class Command(BonaviCommand):
    help = "掲載期限を過ぎた求人を「掲載期限切れ」にします（定期実行用）。"

    def handle(self, *args: Any, **opts: Any) -> None:
        self.stdout.write(f"{postings_expire()} 件の求人を掲載期限切れにしました。")
