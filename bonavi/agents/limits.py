"""The longest texts the workbench keeps: one definition for the models, the web forms, the API and the services.

A longer text is refused with its limit named (「推薦文は4000文字以内で入力してください。」), never cut short without
a word: the person would not know that the end of what they wrote was lost.
"""

from __future__ import annotations

from typing import Final

from bonavi.core.text import too_long  # the wording all apps share

TEXT_MAX: Final = 4000  # 提案コメント・推薦文・面接対策・苦情の内容・対応結果
NOTE_MAX: Final = 500  # 連絡事項 of a stage move, the candidate's 一言
NAME_MAX: Final = 100  # 申出者の名前, 求人者の担当者
CONTACT_MAX: Final = 200  # 苦情の連絡先
ORDER_TITLE_MAX: Final = 120  # 求人タイトル (JobPosting.title)
INVITE_NOTE_MAX: Final = 200  # 求職者の招待のメモ (shown in her audit trail once she registers)


def length_problems(text: str, *, label: str, limit: int) -> list[str]:
    """The refusal of a text over `limit` characters ([] when it fits)."""
    return [too_long(label, limit)] if len(text or "") > limit else []
