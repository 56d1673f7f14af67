"""Options shared by the commands that read the raw jobtag folder (build and evaluate)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from bonavi.matching.profiles import shared_jobtag_dir


def add_jobtag_arguments(parser: CommandParser, *, lexical_help: str) -> None:
    parser.add_argument(
        "--jobtag", type=Path, default=None, help="jobtag フォルダ（既定：../shared/data/jobtag）"
    )
    parser.add_argument("--lexical-only", action="store_true", help=lexical_help)


def jobtag_folder_and_embedder(command: BaseCommand, opts: dict[str, Any]) -> tuple[Path, Any]:
    """The jobtag folder (exit 2 with a Japanese message if it is missing) and the embedder unless lexical-only."""
    folder: Path = opts["jobtag"] or shared_jobtag_dir()
    if not (folder / "occupations").is_dir():
        command.stderr.write(f"jobtag のフォルダが見つかりません: {folder}")
        sys.exit(2)
    if opts["lexical_only"]:
        return folder, None
    from bonavi.matching.embedder import default_embedder  # loads the model: only when it is used

    return folder, default_embedder()
