"""Roadmaps per family: the 職業能力評価基準 ladder (levels 1–4), the management and specialist tracks, the
qualifications in the order people usually take them, and pay on the path from jobtag's stats.

The level definitions follow 厚生労働省's 職業能力評価基準 (事務系 2004, revised 2008) as shown in jobtag's
職業能力チェック; the per-family wording is BOナビ's own summary. Occupation ids are jobtag's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from .families import FAMILY_MEMBERS, family_name
from .qualifications import QUALIFICATIONS
from .reference import Reference

LEVEL_SOURCE: Final = (
    "レベルの区分は厚生労働省「職業能力評価基準」（事務系職種。2004年策定、2008年改訂）によるもので、"
    "jobtagの「職業能力チェック」でも使われています。各レベルの説明はBOナビによる要約です。"
)
LEVEL_SOURCE_URL: Final = "https://shigoto.mhlw.go.jp/User/AbilityCheck"
LEVELS: Final = {
    1: "上司や先輩の指示・助言を受けながら、決められた手順で担当業務を進める",
    2: "一人前の担当者として、自分で判断し、改善を提案しながら業務を進める",
    3: "小さなチームのリーダー、または上級の担当者として、難しい業務を任される",
    4: "大きな組織の責任者、または社内外で認められる専門家として方針を決める",
}


@dataclass(frozen=True)
class Step:
    title: str
    duties: str
    occupation: int | None = None


@dataclass(frozen=True)
class Roadmap:
    family: str
    intro: str
    ladder: tuple[Step, Step, Step, Step]  # levels 1–4
    management: tuple[Step, ...]
    specialist: tuple[Step, ...]
    qualification_path: tuple[tuple[str, ...], ...]  # each stage: one or more alternatives
    pay_occupations: tuple[int, ...]
    note: str = ""


ROADMAPS: Final[dict[str, Roadmap]] = {
    r.family: r
    for r in [
        Roadmap(
            "accounting",
            "日々の伝票や経費精算から始まり、月次・年次の決算、税務や開示へと任される範囲が広がります。",
            (
                Step(
                    "経理事務（日次業務）", "伝票の起票、経費精算のチェック、請求書の発行、入出金の記録", 430
                ),
                Step("経理担当（月次決算）", "月次の締めと仕訳の判断を一人で進め、手順の改善を提案する", 430),
                Step("決算・税務のリーダー", "年次決算や税務申告、連結決算をまとめ、難しい論点を扱う", 430),
                Step("経理部門の責任者・財務の専門家", "予算と資金繰りを管理し、経営に数字で助言する", 538),
            ),
            (
                Step("経理担当", "日次・月次の担当"),
                Step("主任・リーダー", "決算チームのとりまとめ"),
                Step("経理課長", "経理部門の管理", 538),
            ),
            (
                Step("決算・開示のスペシャリスト", "連結・開示の実務を深める", 430),
                Step("内部監査人", "業務と内部統制を点検する", 469),
                Step("公認会計士・税理士", "国家資格を取り独立した専門家へ", 90),
            ),
            (("boki3",), ("boki2", "fass"), ("boki1",)),
            (430, 538, 469, 90),
        ),
        Roadmap(
            "hr_labor",
            "勤怠や入退社の手続きから始まり、給与計算・社会保険、採用や制度づくりへ広がります。",
            (
                Step("人事事務（定型業務）", "勤怠の集計、入退社書類の回収、給与計算の入力", 432),
                Step("人事・労務担当", "給与計算と社会保険の手続き、年末調整、採用の運営を一人で担う", 432),
                Step("人事・労務のリーダー", "制度の運用見直しや労務トラブルへの対応を任される", 432),
                Step("人事部門の責任者・労務の専門家", "人事制度と要員計画を決め、労使の調整をする", 537),
            ),
            (
                Step("人事担当", "定型業務と手続き"),
                Step("主任・リーダー", "給与・採用チームのとりまとめ"),
                Step("人事課長", "人事部門の管理", 537),
            ),
            (
                Step("労務のスペシャリスト", "社会保険・労働時間管理を深める", 432),
                Step("社会保険労務士", "国家資格を取り、独立開業もできる", 83),
                Step("人事コンサルタント", "社外から制度づくりを支援する", 364),
            ),
            (("kyuyo",), ("eisei",), ("sharoushi",)),
            (432, 537, 83, 364),
            note="衛生管理者は、常時50人以上の事業場で選任が必要なため、人事・総務の担当者が取ることが多い資格です。",
        ),
        Roadmap(
            "legal_general_affairs",
            "備品・文書・来客などの庶務から始まり、株主総会や規程、契約審査、コンプライアンスへ広がります。",
            (
                Step("総務事務（庶務）", "備品・郵便・来客・文書の管理、契約書の保管と期限の管理", 433),
                Step("総務・法務担当", "株主総会や防災の運営、社内規程の運用、契約書の一次チェック", 446),
                Step("総務・法務のリーダー", "規程の改定やコンプライアンスの取り組みを進める", 447),
                Step("総務部門の責任者・企業法務の専門家", "会社の仕組みとリスク管理を担う", 536),
            ),
            (
                Step("総務担当", "庶務と社内の仕組みの運用"),
                Step("主任・リーダー", "総務チームのとりまとめ"),
                Step("総務課長", "総務部門の管理", 536),
            ),
            (
                Step("企業法務担当", "契約審査や法令調査を深める", 446),
                Step("コンプライアンス推進担当", "社内のルールと教育を整える", 447),
                Step("秘書", "役員を支える専門職", 426),
            ),
            (("bijihou3", "hisho"), ("bijihou2", "eisei"), ("bijihou1",)),
            (433, 446, 447, 426, 536),
        ),
        Roadmap(
            "pr_ir",
            "リリースやSNSの下書きから始まり、メディア対応、広報の企画、IRの開示資料へと広がります。",
            (
                Step("広報アシスタント", "プレスリリースや社内報の下書き、SNS投稿、取材の日程調整", 444),
                Step("広報担当", "発信の計画に沿って一人で進め、メディアに対応する", 444),
                Step("広報・IRのリーダー", "広報の企画や危機対応、決算説明会と開示資料をまとめる", 445),
                Step("広報・IR部門の責任者・専門家", "会社の発信方針を決め、経営と投資家をつなぐ", 363),
            ),
            (
                Step("広報担当", "日々の発信"),
                Step("主任・リーダー", "広報チームのとりまとめ"),
                Step(
                    "広報・IRの責任者",
                    "jobtagには広報の管理職にあたる職業がないため、年収の比較には含めていません",
                ),
            ),
            (
                Step("IR広報担当", "投資家向けの開示と対話を深める", 445),
                Step("広報コンサルタント", "社外から広報を支援する", 363),
            ),
            (("prplanner",), ("cirp",)),
            (444, 445, 363),
        ),
        Roadmap(
            "it_support",
            "パソコンの準備や問い合わせ対応から始まり、社内システムの運用、基盤やセキュリティへ広がります。",
            (
                Step(
                    "キッティング・一次対応", "パソコンのセットアップ、アカウント発行、問い合わせの受付", 531
                ),
                Step("ヘルプデスク担当", "障害の切り分けと手順書づくりを一人で進める", 320),
                Step("社内システムの運用リーダー", "運用の管理、ベンダーとの調整、セキュリティ対策", 319),
                Step("情報システム部門の責任者・基盤の専門家", "社内のIT全体を設計し守る", 318),
            ),
            (
                Step("担当", "問い合わせと運用"),
                Step("主任・リーダー", "ヘルプデスクや運用チームのとりまとめ"),
                Step("情報システムの責任者", "jobtagには情報システムの管理職にあたる職業がありません"),
            ),
            (
                Step("運用・管理（IT）", "サーバやネットワークの運用を深める", 319),
                Step("システムエンジニア（基盤システム）", "基盤の設計・構築へ", 318),
                Step("セキュリティエキスパート", "セキュリティの監視と対応へ", 321),
            ),
            (("itpass",), ("fe",), ("ap",)),
            (531, 320, 319, 318, 321),
        ),
        Roadmap(
            "general_clerical",
            "入力や書類整理、電話・来客対応から始まり、受発注や請求を任され、経理や総務など専門の職種にも進めます。",
            (
                Step("データ入力・一般事務", "入力、書類の整理、電話・来客対応", 428),
                Step("営業事務・貿易事務", "受発注、請求、書類作成を一人で回す", 431),
                Step("事務チームのリーダー", "業務の割り振りや手順の見直し、新人の指導", 428),
                Step("事務部門の管理職・専門職", "管理職になるか、経理・総務などの専門職種に進む", 433),
            ),
            (
                Step("事務担当", "定型業務"),
                Step("リーダー", "チームのとりまとめ"),
                Step("総務課長などの管理職", "事務部門の管理", 536),
            ),
            (
                Step("経理事務へ", "簿記を学んで数字の仕事へ", 430),
                Step("総務事務へ", "会社全体を支える仕事へ", 433),
                Step("貿易事務", "英語と書類の専門性を深める", 439),
            ),
            (("mos", "hisho"), ("boki3",)),
            (429, 428, 431, 439, 430, 433),
        ),
    ]
}
assert set(ROADMAPS) == set(FAMILY_MEMBERS)


def pay_rows(ids: tuple[int, ...] | list[int], ref: Reference) -> dict[str, Any]:
    """Pay figures for a chart: bar widths relative to the highest value, and the shared survey groups."""
    occs = [ref.get(i) for i in ids]
    present = [o for o in occs if o is not None]
    max_salary = max((o.salary_man_yen or 0 for o in present), default=0) or 1
    max_recruit = max((o.recruit_wage_man_yen or 0 for o in present), default=0) or 1
    groups: dict[tuple[int, ...], str] = {}
    recruit_groups: dict[tuple[int, ...], str] = {}
    rows = []
    for occ in present:
        shared = [i for i in occ.pay_group if i != occ.jobtag_id]
        mark = ""
        if shared:
            key = tuple(occ.pay_group)
            mark = groups.setdefault(key, "ABCDEFGH"[len(groups) % 8])
        recruit_members = recruit_group(occ, ref)
        recruit_mark = ""
        if recruit_members:
            recruit_mark = recruit_groups.setdefault(recruit_members, str(len(recruit_groups) + 1))
        rows.append(
            {
                "jobtag_id": occ.jobtag_id,
                "title": occ.title,
                "salary": occ.salary_man_yen,
                "salary_pct": round(100 * (occ.salary_man_yen or 0) / max_salary, 1),
                "recruit_wage": occ.recruit_wage_man_yen,
                "recruit_pct": round(100 * (occ.recruit_wage_man_yen or 0) / max_recruit, 1),
                "recruit_ratio": occ.recruit_ratio,
                "workers": occ.workers,
                "group": mark,
                "recruit_group": recruit_mark,
            }
        )
    notes = []
    for members, mark in groups.items():
        notes.append(
            {
                "mark": mark,
                "text": f"{_names(members, ref)}は同じ賃金調査の職種グループで、年収は同じ値です。",
            }
        )
    recruit_notes = [
        {
            "mark": mark,
            "text": f"{_names(members, ref)}は求人データが同じグループで、求人賃金と有効求人倍率は同じ値です。",
        }
        for members, mark in recruit_groups.items()
    ]
    return {"rows": rows, "group_notes": notes, "recruit_notes": recruit_notes}


def _names(members: tuple[int, ...], ref: Reference) -> str:
    names = [o.title for i in members if (o := ref.get(i)) is not None]
    return "・".join(names[:6]) + (f"ほか{len(names) - 6}職業" if len(names) > 6 else "")


def recruit_group(occ: Any, ref: Reference) -> tuple[int, ...]:
    """Every occupation with the same posted wage and 有効求人倍率 (jobtag shows one Hello Work group for them),
    or () when the occupation has its own figures."""
    return ref.recruit_groups.get(occ.jobtag_id, ())  # built with the reference (reference.py _build)


def roadmap_context(family: str, ref: Reference) -> dict[str, Any]:
    road = ROADMAPS[family]

    def step(s: Step, level: int | None = None) -> dict[str, Any]:
        occ = ref.get(s.occupation) if s.occupation else None
        return {
            "title": s.title,
            "duties": s.duties,
            "level": level,
            "level_text": LEVELS.get(level or 0, ""),
            "occupation": {"jobtag_id": occ.jobtag_id, "title": occ.title} if occ else None,
        }

    path = [[_qualification_dict(QUALIFICATIONS[k]) for k in stage] for stage in road.qualification_path]
    return {
        "family": family,
        "name": family_name(family),
        "intro": road.intro,
        "note": road.note,
        "ladder": [step(s, i + 1) for i, s in enumerate(road.ladder)],
        "management": [step(s) for s in road.management],
        "specialist": [step(s) for s in road.specialist],
        "qualification_path": path,
        "pay": pay_rows(road.pay_occupations, ref),
        "level_source": LEVEL_SOURCE,
        "level_source_url": LEVEL_SOURCE_URL,
        "attribution": ref.attribution,
    }


def _qualification_dict(q: Any) -> dict[str, Any]:
    return {
        "key": q.key,
        "name": q.name,
        "body": q.body,
        "format": q.format,
        "eligibility": q.eligibility,
        "pass_rates": [{"label": p.label, "rate": p.rate, "year": p.year} for p in q.pass_rates],
        "official_url": q.official_url,
        "source_url": q.source_url,
        "as_of": q.as_of.isoformat(),
        "verified": q.verified,
        "note": q.note,
    }


def roadmap_for_occupation(jobtag_id: int) -> str | None:
    """The family whose roadmap shows this occupation (as a member or a step), if any."""
    for family, members in FAMILY_MEMBERS.items():
        if jobtag_id in (*members.core, *members.related):
            return family
    for family, road in ROADMAPS.items():
        if jobtag_id in road.pay_occupations:
            return family
    return None
