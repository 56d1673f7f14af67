"""JSON API for the career tools at /api/v1/careers: 適職診断, the experience translator, roadmaps.

Everything here works without signing in (saving results is a web-page action for signed-in seekers). Every
answer built from jobtag data carries its attribution in `attribution`.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from bonavi.core.api_errors import ErrorOut
from bonavi.core.api_input import StrictIn

from . import assessment, gaps, roadmaps
from .families import FAMILY_MEMBERS, FAMILY_OF
from .reference import get_reference
from .textcheck import TextRejected
from .translator import UnknownOccupation, translate

careers_router = Router(tags=["キャリア"])


class ItemOut(Schema):
    id: str
    scale: str
    text: str


class ItemsOut(Schema):
    items: list[ItemOut]


class AssessmentIn(StrictIn):
    answers: dict[str, Any]
    scope: str = "all"


class TranslateIn(StrictIn):
    text: Any = None
    target: int | None = None


class OccupationFitOut(Schema):
    jobtag_id: int
    title: str
    fit: float
    fit_label: str
    why: str
    back_office: bool
    family: str | None
    experience_not_required: float | None
    search_url: str | None


class FamilyFitOut(Schema):
    family: str
    name: str
    fit: float
    fit_label: str
    why: str
    search_url: str


class AssessmentOut(Schema):
    status: str  # "ok" or "undifferentiated"
    interests: dict[str, float]
    values: dict[str, float]
    differentiation: float
    occupations: list[OccupationFitOut]
    families: list[FamilyFitOut]
    values_used: bool
    note: str
    message: str | None = None
    next_steps: list[str] | None = None
    constants_version: str
    attribution: str


class FamilyScoreOut(Schema):
    family: str
    name: str
    score: float
    why: str


class EvidenceOut(Schema):
    span: str = Field(
        description="根拠として引用した部分。送られた text の text[start:end] そのもの（半角カナも送られたまま）"
    )
    skill: str
    skill_label: str
    family: str
    family_name: str
    start: int = Field(description="送られた text での開始位置（文字単位、0始まり）")
    end: int = Field(description="送られた text での終了位置（この位置の文字は含まない）")


class AppealOut(Schema):
    text: str
    family: str = Field(
        description="根拠の職種。目標があるとき、目標に向けない経験をまとめた最後の一行では空"
    )
    evidence: list[str]
    skills: list[str]
    secondary: bool = Field(
        False, description="目標の職業に向けない経験をまとめた「ほかに、…もあります」の一行"
    )


class QualificationRef(Schema):
    key: str
    name: str


class GapOut(Schema):
    key: str
    label: str
    block: str
    target_level: float
    average: float
    weight: float
    qualifications: list[QualificationRef]


class SkillToBuildOut(Schema):
    key: str
    label: str
    block: str
    target_level: float
    qualifications: list[QualificationRef]


class SkillsToBuildOut(Schema):
    key_total: int = Field(
        description="jobtagで目標の職業に特に求められるスキル・知識の数（各ブロックの上位）"
    )
    covered: list[str] = Field(description="そのうち、根拠が見つかったもの")
    rows: list[SkillToBuildOut] = Field(description="根拠がなく、gaps にも挙げていないもの")
    family: str | None
    family_name: str
    first_qualifications: list[QualificationRef] = Field(
        description="職種のロードマップで最初に挙げている資格"
    )


class TargetOut(Schema):
    jobtag_id: int
    title: str


class TranslateOut(Schema):
    status: str  # "ok" or "no_signal"
    message: str
    families: list[FamilyScoreOut]
    evidence: list[EvidenceOut]
    appeal_points: list[AppealOut]
    gaps: list[GapOut]
    skills_to_build: SkillsToBuildOut | None = Field(
        None, description="根拠が目標の主なスキルの半分に満たないとき、伸ばすスキルと最初の資格"
    )
    next_steps: list[str]
    target: TargetOut | None
    attribution: str
    note: str


class OccupationRef(Schema):
    jobtag_id: int
    title: str


class OccupationPayOut(Schema):
    salary_man_yen: float | None = Field(description="年収（万円、賃金構造基本統計調査）")
    recruit_wage_man_yen: float | None = Field(description="求人賃金（万円、ハローワーク）")
    recruit_ratio: float | None = Field(description="有効求人倍率")
    workers: int | None = Field(description="就業者数")
    shared_with: list[int] = Field(description="年収が同じ調査グループの他の職業（jobtag ID）")
    note: str
    recruit_shared_with: list[int] = Field(description="求人賃金・倍率が同じグループの他の職業（jobtag ID）")
    recruit_note: str


class OccupationOut(Schema):
    jobtag_id: int
    title: str
    aliases: list[str]
    summary: str
    url: str
    family: str | None
    roadmap: str | None = Field(description="この職業を載せているロードマップの職種（/roadmaps/{family}）")
    related_qualifications: list[str]
    pay: OccupationPayOut
    attribution: str


class RoadmapStepOut(Schema):
    title: str
    duties: str
    level: int | None
    level_text: str
    occupation: OccupationRef | None


class PassRateOut(Schema):
    label: str
    rate: float | None
    year: str = Field(description="合格率の試験年度・日付（公表のまま）")


class RoadmapQualificationOut(Schema):
    key: str
    name: str
    body: str
    format: str
    eligibility: str
    pass_rates: list[PassRateOut]
    official_url: str
    source_url: str
    as_of: str = Field(description="情報を確認した日（YYYY-MM-DD）")
    verified: bool
    note: str


class PayRowOut(Schema):
    jobtag_id: int
    title: str
    salary: float | None
    salary_pct: float
    recruit_wage: float | None
    recruit_pct: float
    recruit_ratio: float | None
    workers: int | None
    group: str
    recruit_group: str


class PayNoteOut(Schema):
    mark: str
    text: str


class RoadmapPayOut(Schema):
    rows: list[PayRowOut]
    group_notes: list[PayNoteOut]
    recruit_notes: list[PayNoteOut]


class RoadmapOut(Schema):
    family: str
    name: str
    intro: str
    note: str
    ladder: list[RoadmapStepOut]
    management: list[RoadmapStepOut]
    specialist: list[RoadmapStepOut]
    qualification_path: list[list[RoadmapQualificationOut]] = Field(description="段階ごとの資格")
    pay: RoadmapPayOut
    level_source: str
    level_source_url: str
    attribution: str


class TransferableOut(Schema):
    key: str
    label: str
    source_level: float
    target_level: float


class TransferGapOut(TransferableOut):
    difference: float
    weight: float
    qualifications: list[QualificationRef]


class TransferTargetOut(OccupationRef):
    family: str | None


class TransferOut(Schema):
    source: OccupationRef
    target: TransferTargetOut
    transferable: list[TransferableOut]
    gaps: list[TransferGapOut]
    has_data: bool
    attribution: str


def _invalid(errors: dict[str, str]) -> Status[dict[str, Any]]:
    return Status(
        422, {"detail": "入力内容に問題があります。", "errors": {k: [v] for k, v in errors.items()}}
    )


@careers_router.get("/assessment", response=ItemsOut, summary="適職診断の質問項目（0〜4で回答）")
def assessment_items(request: HttpRequest) -> dict[str, Any]:
    return {"items": assessment.item_list()}


@careers_router.post(
    "/assessment",
    response={200: AssessmentOut, 422: ErrorOut},
    summary="適職診断の結果（探索用。選考には使えません）",
)
def assessment_result(request: HttpRequest, payload: AssessmentIn) -> Any:
    if payload.scope not in ("all", "back_office"):
        return _invalid({"scope": "scope は all か back_office を指定してください。"})
    try:
        answers = assessment.validate_answers(payload.answers)
    except assessment.AnswerError as exc:
        return _invalid(exc.errors)
    return assessment.assess(answers, scope=payload.scope)


@careers_router.post(
    "/translate",
    response={200: TranslateOut, 422: ErrorOut},
    summary="経験の文章から職種・根拠・自己PR・足りないスキルを読み取る",
    description=(
        "半角カナ（ﾚｼﾞ締め）は全角（レジ締め）に直してから読み取ります。evidence の start・end と span は"
        "直す前の、送られた text を指します（ｶﾞ→ガ のように文字数が変わっても text[start:end] == span）。"
        "families の why と appeal_points の文は全角に直した言葉で書きます。"
    ),
)
def translate_text(request: HttpRequest, payload: TranslateIn) -> Any:
    try:
        return translate(payload.text, target=payload.target)
    except TextRejected as exc:
        return _invalid({"text": exc.message})
    except UnknownOccupation as exc:
        return _invalid({"target": exc.message})


@careers_router.get(
    "/occupations/{int:jobtag_id}",
    response={200: OccupationOut, 404: ErrorOut},
    summary="職業（jobtag）の概要・賃金・関連する職種",
)
def occupation_detail(request: HttpRequest, jobtag_id: int) -> dict[str, Any]:
    ref = get_reference()
    occ = ref.get(jobtag_id)
    if occ is None:
        raise HttpError(404, "職業が見つかりません。")
    pay = roadmaps.pay_rows([jobtag_id], ref)
    return {
        "jobtag_id": occ.jobtag_id,
        "title": occ.title,
        "aliases": occ.aliases,
        "summary": occ.summary,
        "url": occ.url,
        "family": FAMILY_OF.get(jobtag_id),
        "roadmap": roadmaps.roadmap_for_occupation(jobtag_id),
        "related_qualifications": occ.related_certs,
        "pay": {
            "salary_man_yen": occ.salary_man_yen,
            "recruit_wage_man_yen": occ.recruit_wage_man_yen,
            "recruit_ratio": occ.recruit_ratio,
            "workers": occ.workers,
            "shared_with": [r for r in occ.pay_group if r != jobtag_id],
            "note": pay["group_notes"][0]["text"] if pay["group_notes"] else "",
            "recruit_shared_with": [r for r in roadmaps.recruit_group(occ, ref) if r != jobtag_id],
            "recruit_note": pay["recruit_notes"][0]["text"] if pay["recruit_notes"] else "",
        },
        "attribution": ref.attribution,
    }


@careers_router.get(
    "/roadmaps/{family}",
    response={200: RoadmapOut, 404: ErrorOut},
    summary="職種のロードマップ（レベル、管理職・専門職の道、資格、賃金）",
)
def roadmap_detail(request: HttpRequest, family: str) -> dict[str, Any]:
    if family not in FAMILY_MEMBERS:
        raise HttpError(404, "職種が見つかりません。")
    return roadmaps.roadmap_context(family, get_reference())


@careers_router.get(
    "/transfer",
    response={200: TransferOut, 422: ErrorOut},
    summary="職業から職業へ：活かせるスキルと足りないスキル",
)
def transfer(request: HttpRequest, source: int, target: int) -> Any:
    ref = get_reference()
    errors = {}
    src, tgt = ref.get(source), ref.get(target)
    if src is None:
        errors["source"] = f"jobtag ID {source} の職業はありません。"
    if tgt is None:
        errors["target"] = f"jobtag ID {target} の職業はありません。"
    if errors or src is None or tgt is None:
        return _invalid(errors)
    return gaps.transfer(src, tgt, ref)
