"""Fixed lists the seeker profile offers: common back-office qualifications, PC skills and their levels.

Qualifications are stored by code with their official name (履歴書 wants the official name, e.g.
日本商工会議所簿記検定試験2級), and anything else can be typed in freely.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class Qualification:
    code: str
    name: str  # as people say it
    official: str  # as a 履歴書 should say it
    has_score: bool = False


QUALIFICATIONS: Final[list[Qualification]] = [
    Qualification("boki1", "日商簿記1級", "日本商工会議所簿記検定試験1級"),
    Qualification("boki2", "日商簿記2級", "日本商工会議所簿記検定試験2級"),
    Qualification("boki3", "日商簿記3級", "日本商工会議所簿記検定試験3級"),
    Qualification("kyuyo1", "給与計算実務能力検定1級", "給与計算実務能力検定試験1級"),
    Qualification("kyuyo2", "給与計算実務能力検定2級", "給与計算実務能力検定試験2級"),
    Qualification("sharoushi", "社会保険労務士", "社会保険労務士試験合格"),
    Qualification("eisei1", "第一種衛生管理者", "第一種衛生管理者免許"),
    Qualification("eisei2", "第二種衛生管理者", "第二種衛生管理者免許"),
    Qualification("bijiho1", "ビジネス実務法務検定1級", "ビジネス実務法務検定試験1級"),
    Qualification("bijiho2", "ビジネス実務法務検定2級", "ビジネス実務法務検定試験2級"),
    Qualification("bijiho3", "ビジネス実務法務検定3級", "ビジネス実務法務検定試験3級"),
    Qualification("hisho1", "秘書検定1級", "秘書技能検定1級"),
    Qualification("hisho_jun1", "秘書検定準1級", "秘書技能検定準1級"),
    Qualification("hisho2", "秘書検定2級", "秘書技能検定2級"),
    Qualification("hisho3", "秘書検定3級", "秘書技能検定3級"),
    Qualification("mos_excel", "MOS Excel", "Microsoft Office Specialist Excel"),
    Qualification("mos_excel_expert", "MOS Excel エキスパート", "Microsoft Office Specialist Excel Expert"),
    Qualification("mos_word", "MOS Word", "Microsoft Office Specialist Word"),
    Qualification("mos_ppt", "MOS PowerPoint", "Microsoft Office Specialist PowerPoint"),
    Qualification("itpass", "ITパスポート", "ITパスポート試験合格"),
    Qualification("fe", "基本情報技術者", "基本情報技術者試験合格"),
    Qualification("ap", "応用情報技術者", "応用情報技術者試験合格"),
    Qualification("toeic", "TOEIC", "TOEIC Listening & Reading Test", has_score=True),
    Qualification("eiken", "英検", "実用英語技能検定"),
    Qualification("fass", "FASS検定", "FASS検定"),
    Qualification("driver", "普通自動車運転免許", "普通自動車第一種運転免許"),
]
QUALIFICATION_BY_CODE: Final[dict[str, Qualification]] = {q.code: q for q in QUALIFICATIONS}
QUALIFICATION_CHOICES: Final[list[tuple[str, str]]] = [("", "（一覧にない資格は下に入力）")] + [
    (q.code, q.name) for q in QUALIFICATIONS
]

PC_SKILLS: Final[list[tuple[str, str]]] = [
    ("excel_functions", "Excel 関数（SUM・IF・VLOOKUP など）"),
    ("excel_pivot", "Excel ピボットテーブル"),
    ("excel_macro", "Excel マクロ・VBA"),
    ("spreadsheet", "Google スプレッドシート"),
    ("word", "Word 文書作成"),
    ("powerpoint", "PowerPoint 資料作成"),
    ("accounting_software", "会計ソフト（freee・弥生会計・勘定奉行など）"),
    ("payroll_software", "給与計算・勤怠管理ソフト"),
    ("typing", "タイピング"),
]
PC_SKILL_NAMES: Final[dict[str, str]] = dict(PC_SKILLS)
PC_LEVELS: Final[list[tuple[int, str]]] = [
    (0, "使ったことがない"),
    (1, "基本操作ができる"),
    (2, "実務で使える"),
    (3, "人に教えられる"),
]
PC_LEVEL_NAMES: Final[dict[int, str]] = dict(PC_LEVELS)
