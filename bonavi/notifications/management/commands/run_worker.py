from __future__ import annotations

import signal
import threading
from typing import Any

from django.core.management.base import CommandParser

from bonavi.core.commands import BonaviCommand
from bonavi.notifications.worker import run_worker


class Command(BonaviCommand):
    help = (
        "バックグラウンドワーカーを起動します：送信待ちメールの送信と、新着求人メールの作成（5分ごと）。"
        "PostgreSQL では複数台で同時に動かせます。Ctrl+C または SIGTERM で、処理中の作業を終えてから止まります。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tick", type=float, default=5.0, help="送信待ちメールを確認する間隔（秒）")

    def handle(self, *args: Any, **opts: Any) -> None:
        stop = threading.Event()

        def _stop(signum: int, frame: Any) -> None:
            self.stdout.write("停止します…")
            stop.set()

        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGINT, _stop)
        self.stdout.write("ワーカーを起動しました。")

        def report(name: str, result: object) -> None:
            if opts["verbosity"] > 1:
                self.stdout.write(f"{name}: {result}")

        run_worker(stop=stop, tick=opts["tick"], report=report)
