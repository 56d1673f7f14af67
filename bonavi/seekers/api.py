"""JSON API for the signed-in seeker (/api/v1/me/...) and for employers' applicants (/api/v1/employer/applications).

Every endpoint reads through selectors scoped to `request.auth`; another person's data answers 404, exactly
like data that does not exist.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict
from typing import Annotated, Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, File, Form, Query, Router, Schema, Status, UploadedFile
from ninja.errors import HttpError
from pydantic import ConfigDict

from bonavi.accounts import services as account_services
from bonavi.core.api_errors import ErrorOut
from bonavi.core.api_input import StrictIn
from bonavi.core.downloads import attachment
from bonavi.core.interview_api import InterviewAnswerIn, InterviewIn, InterviewOut, interview_out
from bonavi.core.ratelimit import client_ip
from bonavi.jobs.selectors import posting_get_visible

from . import compare, message_files, mydata, offers, selectors, services
from .apply_notes import apply_notes
from .models import MESSAGE_MAX, PROFILE_FIELDS, Application, ApplicationStatus

me_router = Router(tags=["求職者"])
employer_applications_router = Router(tags=["採用担当：応募者"])


def _seeker(request: HttpRequest) -> Any:
    user = request.auth  # type: ignore[attr-defined]
    if not user.is_seeker:
        raise HttpError(403, "この機能は求職者のアカウントでご利用ください。")
    return user


def _invalid(exc: services.SeekerInvalid) -> Status:
    return Status(422, {"detail": "入力内容に問題があります。", "errors": exc.errors})


# Profile ---------------------------------------------------------------------------------------------------


class HistoryRow(Schema):
    kind: Literal["education", "work"]
    year: int
    month: int
    text: str = Field(..., max_length=200)


class QualificationRow(Schema):
    code: str = Field(
        "", max_length=32, description="資格の一覧のコード（一覧にない資格は空にして name を指定）"
    )
    name: str = Field("", max_length=100)
    acquired_year: int | None = None
    acquired_month: int | None = None
    score: int | None = None


class ProfileSchema(Schema):
    family_name: str = Field("", max_length=50)
    given_name: str = Field("", max_length=50)
    family_name_kana: str = Field("", max_length=50)
    given_name_kana: str = Field("", max_length=50)
    # Longer than the stored forms: 〒, full-width digits, spaces and +81 are folded by the profile's rule
    # (core.contact), which then says in Japanese what is wrong with a number.
    phone: str = Field("", max_length=30, description="例：090-1234-5678（ハイフンは省略可）")
    postal_code: str = Field("", max_length=10, description="例：150-0001")
    address: str = Field("", max_length=200)
    birth_date: dt.date | None = None
    gender: str = Field("", max_length=20, description="任意・自由記述")
    situation: Literal["", "employed", "unemployed", "student"] = ""
    desired_families: list[str] = []
    desired_prefectures: list[str] = []
    desired_employment_types: list[str] = []
    desired_pay_unit: Literal["", "hour", "day", "month", "year"] = ""
    desired_pay_min: int | None = Field(None, ge=0)
    desired_annual_income: int | None = Field(None, ge=0, description="万円")
    available_from: dt.date | None = None
    remote_preference: Literal["", "partial", "full", "office"] = ""
    pc_skills: dict[str, int] = Field({}, description="{スキルのコード: 0〜3}")
    experience: str = Field("", max_length=2000)


class ProfileOut(ProfileSchema):
    history: list[HistoryRow] = []
    qualifications: list[QualificationRow] = []


class HistoryRowIn(HistoryRow, StrictIn):
    pass


class QualificationRowIn(QualificationRow, StrictIn):
    pass


class ProfileIn(ProfileSchema, StrictIn):
    history: list[HistoryRowIn] | None = Field(
        None, description="指定すると学歴・職歴をこの内容で置き換えます"
    )
    qualifications: list[QualificationRowIn] | None = Field(
        None, description="指定すると資格をこの内容で置き換えます"
    )


def _profile_out(user: Any) -> dict[str, Any]:
    profile = selectors.profile_of(user=user)
    if profile is None:
        return ProfileOut.model_validate({}).model_dump()
    data = {name: getattr(profile, name) for name in PROFILE_FIELDS}
    data["history"] = [
        {"kind": h.kind, "year": h.year, "month": h.month, "text": h.text} for h in profile.history.all()
    ]
    data["qualifications"] = [q.as_dict() for q in profile.qualifications.all()]
    return data


@me_router.get("/profile", response={200: ProfileOut, 403: ErrorOut}, summary="自分のプロフィール")
def get_profile(request: HttpRequest) -> Any:
    return _profile_out(_seeker(request))


@me_router.put(
    "/profile", response={200: ProfileOut, 403: ErrorOut, 422: ErrorOut}, summary="プロフィールの更新"
)
def put_profile(request: HttpRequest, payload: ProfileIn) -> Any:
    user = _seeker(request)
    data = payload.dict(exclude={"history", "qualifications"})
    try:
        services.profile_update(
            user=user,
            data=data,
            history=[h.dict() for h in payload.history] if payload.history is not None else None,
            qualifications=[q.dict() for q in payload.qualifications]
            if payload.qualifications is not None
            else None,
        )
    except services.SeekerInvalid as exc:
        return _invalid(exc)
    return _profile_out(user)


# Favourites and compare ------------------------------------------------------------------------------------


class PostingBrief(Schema):
    id: int
    title: str
    employer_name: str
    prefecture_name: str
    municipality: str
    wage_display: str
    employment_type: str


class FavoriteOut(Schema):
    posting_id: int
    saved_at: dt.datetime
    available: bool = Field(
        ..., description="求人が現在も掲載中か（掲載終了・非公開になった求人は内容を返しません）"
    )
    posting: PostingBrief | None


@me_router.get("/favorites", response={200: list[FavoriteOut], 403: ErrorOut}, summary="お気に入りの一覧")
def list_favorites(request: HttpRequest) -> Any:
    user = _seeker(request)
    return [
        {
            "posting_id": f.posting_id,
            "saved_at": f.created_at,
            "available": ok,
            "posting": f.posting if ok else None,
        }
        for f, ok in selectors.visible_favorites(user=user)
    ]


@me_router.put(
    "/favorites/{int:posting_id}",
    response={200: FavoriteOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="お気に入りに追加",
)
def add_favorite(request: HttpRequest, posting_id: int) -> Any:
    user = _seeker(request)
    try:
        fav = services.favorite_add(user=user, posting_id=posting_id)
    except services.SeekerInvalid as exc:
        if "posting_id" in exc.errors:
            return Status(404, {"detail": "求人が見つかりません。"})
        return _invalid(exc)
    return {
        "posting_id": fav.posting_id,
        "saved_at": fav.created_at,
        "available": True,
        "posting": fav.posting,
    }


@me_router.delete(
    "/favorites/{int:posting_id}",
    response={204: None, 403: ErrorOut, 404: ErrorOut},
    summary="お気に入りから外す",
)
def remove_favorite(request: HttpRequest, posting_id: int) -> Any:
    if not services.favorite_remove(user=_seeker(request), posting_id=posting_id):
        return Status(404, {"detail": "お気に入りにありません。"})
    return Status(204, None)


# 最近見た求人 (ADR 0087) -------------------------------------------------------------------------------------


class RecentViewOut(Schema):
    posting_id: int
    viewed_at: dt.datetime
    available: bool = Field(
        ..., description="求人を現在も見られるか（掲載終了・非公開になった求人は内容を返しません）"
    )
    posting: PostingBrief | None


class RecentViewsOut(Schema):
    recording: bool = Field(..., description="閲覧履歴を残す設定か（false のあいだは何も記録しません）")
    results: list[RecentViewOut] = Field(..., description="新しく見た順、最大50件")


class RecentViewsSettingIn(StrictIn):
    echo_of = (RecentViewsOut,)  # the GET answer, with recording changed, is accepted back
    recording: bool = Field(..., description="false にすると、これまでの履歴も削除します")


def _recent_out(user: Any) -> dict[str, Any]:
    return {
        "recording": selectors.recent_views_recording(user=user),
        "results": [
            {
                "posting_id": item.posting_id,
                "viewed_at": item.viewed_at,
                "available": item.posting is not None,
                "posting": item.posting,
            }
            for item in selectors.recent_views_of(user=user)
        ],
    }


@me_router.get("/recent-views", response={200: RecentViewsOut, 403: ErrorOut}, summary="最近見た求人")
def list_recent_views(request: HttpRequest) -> Any:
    return _recent_out(_seeker(request))


@me_router.delete(
    "/recent-views/{int:posting_id}",
    response={204: None, 403: ErrorOut, 404: ErrorOut},
    summary="最近見た求人から1件削除",
)
def delete_recent_view(request: HttpRequest, posting_id: int) -> Any:
    if not services.recent_view_delete(user=_seeker(request), posting_id=posting_id):
        return Status(404, {"detail": "最近見た求人にありません。"})
    return Status(204, None)


@me_router.delete("/recent-views", response={204: None, 403: ErrorOut}, summary="最近見た求人をすべて削除")
def clear_recent_views(request: HttpRequest) -> Any:
    services.recent_views_clear(user=_seeker(request))
    return Status(204, None)


@me_router.put(
    "/recent-views/setting",
    response={200: RecentViewsOut, 403: ErrorOut, 422: ErrorOut},
    summary="閲覧履歴を残すかどうか",
)
def set_recent_views_recording(request: HttpRequest, payload: RecentViewsSettingIn) -> Any:
    user = _seeker(request)
    services.recent_views_set_recording(user=user, on=payload.recording)
    return _recent_out(user)


class CompareRowOut(Schema):
    label: str
    values: list[str]
    best: list[bool]
    differs: bool
    note: str


class CompareOut(Schema):
    pay_unit: str
    postings: list[PostingBrief]
    rows: list[CompareRowOut]


@me_router.get(
    "/compare", response={200: CompareOut, 403: ErrorOut, 422: ErrorOut}, summary="求人の比較（2〜4件）"
)
def compare_postings(
    request: HttpRequest, ids: str = Query(..., description="求人IDをカンマ区切りで（例：12,15,20）")
) -> Any:
    user = _seeker(request)
    wanted = [int(part) for part in ids.split(",") if part.strip().isdigit()]
    if len(set(wanted)) > selectors.MAX_COMPARE:
        return Status(
            422,
            {
                "detail": "比較できるのは4件までです。",
                "errors": {"ids": ["4件以内で指定してください。"]},
            },
        )
    postings = selectors.compare_postings(user=user, ids=wanted)
    if len(postings) < 2:
        return Status(
            422,
            {
                "detail": "比較するには見られる求人を2件以上指定してください。",
                "errors": {"ids": ["2〜4件の求人IDを指定してください。"]},
            },
        )
    unit, rows = compare.compare_rows(postings)
    return {
        "pay_unit": unit,
        "postings": postings,
        "rows": [
            {
                "label": r.label,
                "values": [c.text for c in r.cells],
                "best": [c.best for c in r.cells],
                "differs": r.differs,
                "note": r.note,
            }
            for r in rows
        ],
    }


# Applications ----------------------------------------------------------------------------------------------


# What came with a 内定 (ADR 0129), in her application and in the company's applicant alike: described once.
OfferAnswerBy = Annotated[
    dt.date | None, Field(description="内定の回答期限（企業が内定のときに指定。指定がなければ null）")
]
OfferStartOn = Annotated[
    dt.date | None, Field(description="入社予定日（企業が内定のときに指定。なければ null）")
]
OfferTerms = Annotated[
    str, Field(description="内定の条件（提示月給・配属先など、企業が内定のときに書いた文章。なければ空）")
]
# A change of the 入社予定日・内定の条件 before her answer (ADR 0130), on both sides' objects alike.
OfferVersion = Annotated[
    int,
    Field(
        description="内定の内容（入社予定日・内定の条件）の版。企業が変更するたびに1増えます。"
        "承諾（POST /me/applications/{id}/offer/accept）に offer_version として送ると、その後に変更されていれば 422"
    ),
]
OfferChangedAt = Annotated[
    dt.datetime | None, Field(description="企業が内定の内容を最後に変更した日時（変更がなければ null）")
]
OfferStartProposed = Annotated[
    dt.date | None,
    Field(
        description="承諾のあとに提案された新しい入社予定日（offer_start_proposed_by の相手の回答待ち。なければ null）。"
        "相手が同意するまで offer_start_on は変わりません"
    ),
]
# Either side proposes after her 承諾 (ADR 0135): who made the pending proposal.
OfferStartProposedBy = Annotated[
    Literal["seeker", "employer"] | None,
    Field(
        description="offer_start_proposed を提案した側（seeker＝応募者、employer＝企業。提案がなければ null）。"
        "回答できるのは相手の側、取り下げられるのは提案した側だけです"
    ),
]
# Its maker's optional 理由 (ADR 0155), kept and cleared with it.
OfferStartProposedReason = Annotated[
    str,
    Field(
        description="offer_start_proposed を提案した側が添えた理由（任意。提案がないか理由がなければ空）。"
        "提案が回答・取り下げ・選考の終了でなくなると空になります"
    ),
]


class OfferHistoryOut(Schema):
    item: Literal["start_on", "offer_terms"] = Field(
        description="変更された項目（start_on＝入社予定日、offer_terms＝内定の条件）"
    )
    was: str | None = Field(
        description="変更される前の値（start_on は YYYY-MM-DD、指定なしだったときは null。offer_terms は文章、なかったときは空）"
    )
    until: dt.datetime | None = Field(description="この値が変更された日時（記録のない古い変更は null）")


OfferHistory = Annotated[
    list[OfferHistoryOut],
    Field(
        description="内定の内容の変更の履歴：企業の変更と同意された入社日の提案で置き換えられた値を、古い順にすべて。"
        "offer_previous は各項目の最後の変更前の値で、ここでは各項目の最後の要素です。変更がなければ []。"
        "日時の記録がない古い変更（until が null）は先頭に並びます"
    ),
]
OfferPrevious = Annotated[
    dict[str, str | None],
    Field(
        description="変更された項目の、最後の変更の前の値。変更された項目だけにキーがあります："
        "start_on（YYYY-MM-DD、または指定なしだったときは null）、offer_terms（文章。なかったときは空）。変更がなければ {}"
    ),
]


class TimelineEventOut(Schema):
    status: str
    status_label: str
    at: dt.datetime
    by: str
    note: str


class ApplicationOut(Schema):
    id: int
    posting: PostingBrief
    status: str
    status_label: str
    message: str
    applied_at: dt.datetime
    timeline: list[TimelineEventOut]
    unread_messages: int = Field(description="採用担当からのメッセージのうち、まだ開いていない件数")
    document: str = Field("", description="一緒に送った履歴書・職務経歴書（送らなかった場合は空）")
    interview: InterviewOut | None = Field(None, description="面接の日程（設定されていなければ null）")
    offer_accepted_at: dt.datetime | None = Field(
        None, description="内定を承諾した日時（承諾していなければ null）。状況は「内定」のままです"
    )
    offer_answer_by: OfferAnswerBy = None
    offer_start_on: OfferStartOn = None
    offer_terms: OfferTerms = ""
    offer_version: OfferVersion = 1
    offer_changed_at: OfferChangedAt = None
    offer_previous: OfferPrevious = Field(default_factory=dict)
    offer_history: OfferHistory = Field(default_factory=list)
    offer_start_proposed: OfferStartProposed = None
    offer_start_proposed_by: OfferStartProposedBy = None
    offer_start_proposed_reason: OfferStartProposedReason = ""


def _timeline(a: Application) -> list[dict[str, Any]]:
    """An application's status changes, for both sides' answers."""
    return [
        {
            "status": e.to_status,
            "status_label": e.get_to_status_display(),
            "at": e.created_at,
            "by": e.get_actor_role_display(),
            "note": e.note,
        }
        for e in a.events.all()
    ]


def _application_out(a: Application) -> dict[str, Any]:
    return {
        "id": a.pk,
        "posting": a.posting,
        "status": a.status,
        "status_label": a.get_status_display(),
        "message": a.message,
        "applied_at": a.created_at,
        "unread_messages": a.seeker_unread,
        "timeline": _timeline(a),
        "document": a.document_label,
        "interview": _interview_out(a, "seekers:application_interview_ics"),
        "offer_accepted_at": a.offer_accepted_at,
        **_offer_out(a),
    }


def _offer_out(a: Application) -> dict[str, Any]:
    """What the company gave with the 内定 (ADR 0129), as both sides' objects carry it."""
    return {
        "offer_answer_by": a.offer_answer_by,
        "offer_start_on": a.offer_start_on,
        "offer_terms": a.offer_terms,
        "offer_version": a.offer_version,
        "offer_changed_at": a.offer_changed_at,
        # Kept for clients that read it (docs/api.md): each item's last entry of the history, the one record.
        "offer_previous": offers.latest_was(a.offer_history),
        "offer_history": _offer_history(a),
        "offer_start_proposed": a.offer_start_proposed,
        "offer_start_proposed_by": a.offer_start_proposed_by or None,
        "offer_start_proposed_reason": a.offer_start_proposed_reason,
    }


def _offer_history(a: Application) -> list[dict[str, Any]]:
    return offers.history_rows(a.offer_before)


def _interview_out(a: Application, url_name: str) -> dict[str, Any] | None:
    # select_related by the timeline selectors; a reverse one-to-one with no row raises an AttributeError.
    return interview_out(getattr(a, "interview", None), ics=reverse(url_name, args=[a.pk]))


class ApplyIn(StrictIn):
    posting_id: int
    message: str = Field("", max_length=2000)
    document_id: int | None = Field(
        None,
        description="一緒に送る履歴書・職務経歴書（/api/v1/documents/versions の id）。"
        "応募した時点の内容が企業に届きます。省略すると送りません",
    )


@me_router.get(
    "/applications", response={200: list[ApplicationOut], 403: ErrorOut}, summary="応募の一覧と経過"
)
def list_applications(request: HttpRequest) -> Any:
    applications = selectors.applications_of_seeker(user=_seeker(request), with_timeline=True)
    return [_application_out(a) for a in applications]


@me_router.post(
    "/applications", response={201: ApplicationOut, 403: ErrorOut, 422: ErrorOut}, summary="求人に応募する"
)
def create_application(request: HttpRequest, payload: ApplyIn) -> Any:
    user = _seeker(request)
    try:
        application = services.application_create(
            user=user, posting_id=payload.posting_id, message=payload.message, document_id=payload.document_id
        )
    except services.SeekerInvalid as exc:
        return _invalid(exc)
    found = selectors.application_of_seeker(user=user, pk=application.pk)
    assert found is not None
    return Status(201, _application_out(found))


class ApplyNoteOut(Schema):
    text: str = Field(..., description="応募ページと同じ文（提案を承諾済み、推薦済み、回答待ちの提案 など）")
    short: str = Field(..., description="求人ページの「応募する」の位置に出す一行")
    refuses: bool = Field(
        ..., description="true：この求人には直接応募できません（POST /me/applications は 422）"
    )
    url: str = Field(..., description="ご本人の提案のページ（なければ空）")
    link_label: str = Field(..., description="リンクの文言（「提案を見る」）")


class ApplyCheckOut(Schema):
    posting_id: int
    application_id: int | None = Field(
        ..., description="この求人への直接応募があればそのID（そのとき apply_note は null）"
    )
    accepts_applications: bool = Field(..., description="BOナビからの応募を受け付けている求人か")
    apply_note: ApplyNoteOut | None = Field(
        ..., description="紹介会社からのご本人への提案についての断り・お知らせ（なければ null）"
    )


@me_router.get(
    "/postings/{int:posting_id}/apply",
    response={200: ApplyCheckOut, 403: ErrorOut, 404: ErrorOut},
    summary="求人に直接応募する前の確認（ご本人への紹介会社の提案）",
)
def apply_check(request: HttpRequest, posting_id: int) -> Any:
    """What the posting's page and the apply page say to her beside 「応募する」 (ADR 0148, addendum s19). Here, not on
    the public `GET /jobs/{id}`: jobs comes before seekers and cannot ask `apply_notes`, and that answer is the same
    for everyone — a note about her agency's proposal to her is hers alone. Asked, as the page's tag asks, only while
    the button would be there (the posting takes 応募, she has not applied)."""
    user = _seeker(request)
    posting = posting_get_visible(user=user, pk=posting_id)
    if posting is None:
        return Status(404, {"detail": "求人が見つかりません。"})
    mine = selectors.applications_of_seeker(user=user).filter(posting_id=posting.pk).first()
    note = None
    if mine is None and posting.takes_applications:
        notes = apply_notes(user, posting.pk)
        note = notes[0] if notes else None
    return {
        "posting_id": posting.pk,
        "application_id": mine.pk if mine is not None else None,
        "accepts_applications": posting.takes_applications,
        "apply_note": None
        if note is None
        else {
            "text": note.text,
            "short": note.line,
            "refuses": note.refuses,
            "url": note.url,
            "link_label": note.link_label,
        },
    }


def _own_application(request: HttpRequest, pk: int) -> Application:
    application = selectors.application_of_seeker(user=_seeker(request), pk=pk)
    if application is None:
        raise HttpError(404, "応募が見つかりません。")
    return application


@me_router.get(
    "/applications/{int:application_id}",
    response={200: ApplicationOut, 403: ErrorOut, 404: ErrorOut},
    summary="応募の経過",
)
def get_application(request: HttpRequest, application_id: int) -> Any:
    return _application_out(_own_application(request, application_id))


def _seeker_change(
    request: HttpRequest, application_id: int, change: Callable[[Any, Application], Any]
) -> Any:
    """One answer for her changes of her own application (辞退, 承諾, a 入社日 proposal and its answer or withdrawal,
    her answer to an interview date): her own application or 404, the service's refusal as 422, else the
    application read again as changed (the twin of `_employer_change`)."""
    application = _own_application(request, application_id)
    try:
        change(request.auth, application)  # type: ignore[attr-defined]
    except services.SeekerInvalid as exc:
        return _invalid(exc)
    return _application_out(_own_application(request, application_id))


class ApplicationWithdrawIn(StrictIn):
    reason: str = Field(
        "",
        description=f"辞退の理由（任意、{offers.START_REASON_MAX}文字まで。タグなどのマークアップは不可）。双方の経過に"
        "残り、企業へのメールには理由があることだけを書きます。長すぎるなどの場合は 422（errors.reason）で、何も"
        "変わりません。本文なしでも呼べます",
    )


@me_router.post(
    "/applications/{int:application_id}/withdraw",
    response={200: ApplicationOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="応募を辞退する",
)
def withdraw_application(
    request: HttpRequest, application_id: int, payload: ApplicationWithdrawIn | None = None
) -> Any:
    # The body is optional: the endpoint was called with none before the reason existed, and still may be.
    reason = payload.reason if payload is not None else ""
    return _seeker_change(
        request,
        application_id,
        lambda user, application: services.application_withdraw(
            user=user, application=application, reason=reason
        ),
    )


@me_router.post(
    "/applications/{int:application_id}/offer/accept",
    response={200: ApplicationOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="内定を承諾する（企業にメールで通知。2回目は何もしません）",
)
def accept_offer(
    request: HttpRequest,
    application_id: int,
    # A query parameter, not a body: the endpoint has always been called with no body, and still may be.
    offer_version: int | None = Query(
        None,
        description="承諾する内定の内容の版（応募の offer_version）。付けると、企業がその後に入社予定日・内定の条件を"
        "変更していれば 422（errors.__all__）で断ります。省略できるのは内定が一度も変更されていないとき"
        "（offer_version が 1）だけで、変更されていれば省略した承諾も 422 です。付けることを勧めます",
    ),
) -> Any:
    return _seeker_change(
        request,
        application_id,
        lambda user, application: services.application_offer_accept(
            user=user,
            application=application,
            version=offer_version,
        ),
    )


class StartAnswerIn(StrictIn):
    agree: bool = Field(description="true＝入社日の変更に同意する、false＝同意しない")
    start_on: dt.date = Field(
        description="回答する提案の日付（応募の offer_start_proposed）。その後に別の日付が提案されていれば 422"
    )


@me_router.post(
    "/applications/{int:application_id}/offer/start-proposal",
    response={200: ApplicationOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="企業が提案した入社予定日の変更に回答する（企業にメールで通知）",
)
def answer_start_proposal(request: HttpRequest, application_id: int, payload: StartAnswerIn) -> Any:
    return _seeker_change(
        request,
        application_id,
        lambda user, application: services.application_start_answer(
            user=user,
            application=application,
            agree=payload.agree,
            proposed=payload.start_on,
        ),
    )


class StartProposalIn(StrictIn):
    start_on: dt.date = Field(
        description="提案する入社予定日（YYYY-MM-DD、明日以降・1年以内）。相手が同意するまで入社予定日は変わりません。"
        "回答待ちの提案があれば、どちらの提案でもこの提案に代わります"
    )
    reason: str = Field(
        "",
        description=f"提案の理由（任意、{offers.START_REASON_MAX}文字まで。タグなどのマークアップは不可）。"
        "相手の画面と経過に表示されます（企業の提案の理由は、応募者へのメールにも載ります）。"
        "長すぎるなどの場合は 422（errors.reason）で、何も変わりません",
    )


class StartWithdrawIn(StrictIn):
    start_on: dt.date = Field(
        description="取り下げる提案の日付（応募の offer_start_proposed）。自分の提案でない・その後に変わった・"
        "回答済みなら 422"
    )


class StartReasonIn(StrictIn):
    start_on: dt.date = Field(
        description="理由を修正する提案の日付（応募の offer_start_proposed）。自分の提案でない・その後に変わった・"
        "回答済みなら 422（errors.__all__）"
    )
    reason: str = Field(
        description=f"新しい理由（{offers.START_REASON_MAX}文字まで。タグなどのマークアップは不可。空文字で理由を削除）。"
        "提案の日付は変わりません。長すぎる・いまの理由と同じなどの場合は 422（errors.reason）で、何も変わりません",
    )


@me_router.post(
    "/applications/{int:application_id}/offer/start-proposal/propose",
    response={200: ApplicationOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="承諾した内定の入社予定日の変更を提案する（企業にメールで通知。企業の同意で変わります）",
)
def propose_start(request: HttpRequest, application_id: int, payload: StartProposalIn) -> Any:
    return _seeker_change(
        request,
        application_id,
        lambda user, application: services.application_start_propose_by_seeker(
            user=user,
            application=application,
            start_on=payload.start_on,
            reason=payload.reason,
        ),
    )


@me_router.post(
    "/applications/{int:application_id}/offer/start-proposal/withdraw",
    response={200: ApplicationOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="自分が出した入社予定日の変更の提案を取り下げる（企業にメールで通知）",
)
def withdraw_start_proposal(request: HttpRequest, application_id: int, payload: StartWithdrawIn) -> Any:
    return _seeker_change(
        request,
        application_id,
        lambda user, application: services.application_start_withdraw(
            user=user,
            application=application,
            proposed=payload.start_on,
        ),
    )


@me_router.post(
    "/applications/{int:application_id}/offer/start-proposal/reason",
    response={200: ApplicationOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="自分が出した入社予定日の変更の提案の理由だけを修正する（企業には修正したことだけをメールで通知）",
)
def edit_start_reason(request: HttpRequest, application_id: int, payload: StartReasonIn) -> Any:
    return _seeker_change(
        request,
        application_id,
        lambda user, application: services.application_start_reason_edit(
            user=user, application=application, proposed=payload.start_on, reason=payload.reason
        ),
    )


@me_router.post(
    "/applications/{int:application_id}/interview/answer",
    response={200: ApplicationOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="面接の日程に回答する：この日程で参加します／日程の変更をお願いする（企業にメールで通知）",
)
def answer_interview(request: HttpRequest, application_id: int, payload: InterviewAnswerIn) -> Any:
    """ADR 0140: the page's two buttons, with the same rules and words (422 with errors.__all__ or errors.text)."""
    return _seeker_change(
        request,
        application_id,
        lambda user, application: services.interview_answer(
            user=user,
            application=application,
            answer=payload.answer,
            text=payload.text,
            sequence=payload.sequence,
            starts_at=payload.starts_at,
        ),
    )


# 応募後のメッセージ (ADR 0090): the same two endpoints for both sides --------------------------------------------


class AttachmentOut(Schema):
    name: str = Field(description="ファイル名（送った側の名前を安全な形にしたもの。拡張子は中身の形式）")
    content_type: Literal["application/pdf", "image/jpeg", "image/png"]
    size: int = Field(description="バイト数")
    url: str = Field(description="ダウンロードするURL（この応募の応募者と採用担当だけが取得できます）")


class MessageOut(Schema):
    side: Literal["seeker", "employer"] = Field(description="seeker＝応募者、employer＝採用担当")
    sender_label: str = Field(description="「応募者」または「採用担当（会社名）」")
    body: str = Field(description="本文（ファイルだけのメッセージでは空）")
    sent_at: dt.datetime
    mine: bool = Field(description="読んでいる側が送ったメッセージか")
    attachment: AttachmentOut | None = Field(description="添付ファイル（ないときは null）")


class ThreadOut(Schema):
    application_id: int
    writable: bool = Field(description="メッセージを送れるか（不採用・辞退・退会で終わった応募は読むだけ）")
    closed_reason: str = Field(description="送れない理由（送れるときは空）")
    messages: list[MessageOut] = Field(description="古い順（最新が最後）")


class MessageIn(StrictIn):
    # The exact limit (MESSAGE_MAX, counted after trimming) is the service's, with a Japanese message.
    body: str = Field(
        ..., max_length=MESSAGE_MAX * 4, description=f"本文（{MESSAGE_MAX}文字まで、書式なしの文章）"
    )


def _message_out(m: selectors.ThreadMessage, application: Application, side: str) -> dict[str, Any]:
    out = asdict(m)
    if m.attachment is not None:
        name = "api:message_file" if side == "seeker" else "api:employer_message_file"
        out["attachment"] = {
            "name": m.attachment.name,
            "content_type": m.attachment.content_type,
            "size": m.attachment.size,
            "url": reverse(
                name, kwargs={"application_id": application.pk, "message_id": m.attachment.message_id}
            ),
        }
    return out


def _thread_out(user: Any, application: Application) -> dict[str, Any]:
    thread = selectors.thread_of(user=user, application=application)
    if thread is None:
        raise HttpError(404, "応募が見つかりません。")
    services.thread_mark_read(user=user, application=application)
    return {
        "application_id": application.pk,
        "writable": not thread.closed_reason,
        "closed_reason": thread.closed_reason,
        "messages": [_message_out(m, application, thread.side) for m in thread.messages],
    }


def _message_post(user: Any, application: Application, body: str, file: UploadedFile | None = None) -> Any:
    # A file over the cap never gets here (core.uploads drops it as it arrives and the API answers 413); reading one
    # byte past it is enough for the service to refuse any other.
    try:
        message = services.message_post(
            user=user,
            application=application,
            body=body,
            file_name=(file.name or "") if file is not None else "",
            file_data=file.read(message_files.MAX_BYTES + 1) if file is not None else None,
        )
    except services.MessageLimited as exc:
        return Status(429, {"detail": exc.errors["__all__"][0]})
    except services.SeekerInvalid as exc:
        return _invalid(exc)
    except PermissionDenied as exc:
        return Status(403, {"detail": str(exc)})
    side = selectors.thread_side(user=user, application=application) or ""
    shown = selectors.as_thread_message(message, application=application, side=side)
    return Status(201, _message_out(shown, application, side))


def _file_answer(user: Any, application: Application, message_id: int) -> Any:
    file = selectors.message_attachment(user=user, application_id=application.pk, message_id=message_id)
    if file is None:
        raise HttpError(404, "ファイルが見つかりません。")
    return message_files.download(file)


_FILE_ANSWER: dict[str, Any] = {
    "responses": {
        200: {
            "description": "添付ファイル（Content-Disposition: attachment）",
            "content": {t: {} for t in message_files.KINDS},
        }
    }
}
MESSAGE_FILE_FORM = (
    f"multipart/form-data で body（本文、任意）と file（{message_files.WHAT}、{message_files.MAX_LABEL}まで。"
    "形式は中身で判定）を送ります。"
)


@me_router.get(
    "/applications/{int:application_id}/messages",
    response={200: ThreadOut, 403: ErrorOut, 404: ErrorOut},
    summary="応募先とのメッセージ（開くと既読）",
)
def list_messages(request: HttpRequest, application_id: int) -> Any:
    return _thread_out(request.auth, _own_application(request, application_id))  # type: ignore[attr-defined]


@me_router.post(
    "/applications/{int:application_id}/messages",
    response={201: MessageOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="応募先の採用担当にメッセージを送る（採用担当にメールで通知）",
)
def post_message(request: HttpRequest, application_id: int, payload: MessageIn) -> Any:
    application = _own_application(request, application_id)
    return _message_post(request.auth, application, payload.body)  # type: ignore[attr-defined]


@me_router.post(
    "/applications/{int:application_id}/messages/with-file",
    response={201: MessageOut, 403: ErrorOut, 404: ErrorOut, 413: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="ファイルを添付してメッセージを送る（採用担当にメールで通知）",
    description=MESSAGE_FILE_FORM,
)
def post_message_with_file(
    request: HttpRequest,
    application_id: int,
    file: File[UploadedFile],
    body: Form[str] = "",
) -> Any:
    application = _own_application(request, application_id)
    return _message_post(request.auth, application, body, file)  # type: ignore[attr-defined]


@me_router.get(
    "/applications/{int:application_id}/messages/{int:message_id}/file",
    url_name="message_file",
    response={403: ErrorOut, 404: ErrorOut},
    openapi_extra=_FILE_ANSWER,
    summary="メッセージの添付ファイルをダウンロードする",
)
def message_file(request: HttpRequest, application_id: int, message_id: int) -> Any:
    return _file_answer(request.auth, _own_application(request, application_id), message_id)  # type: ignore[attr-defined]


# Privacy ---------------------------------------------------------------------------------------------------


class ProfileReadOut(Schema):
    by: str
    purpose: str
    via: str
    at: dt.datetime


@me_router.get(
    "/profile-reads", response={200: list[ProfileReadOut], 403: ErrorOut}, summary="プロフィールの閲覧記録"
)
def list_profile_reads(request: HttpRequest) -> Any:
    return [
        {"by": r.viewer_label, "purpose": r.purpose, "via": r.channel, "at": r.created_at}
        for r in selectors.profile_reads_of(user=_seeker(request))[:1000]
    ]


class MyAccountOut(Schema):
    email: str
    display_name: str
    role: str
    date_joined: str
    last_login: str | None


class MyFavoriteOut(Schema):
    posting_id: int
    posting_title: str
    saved_at: str


class MyTimelineOut(Schema):
    status: str
    at: str
    by: str
    note: str


class MyAttachmentOut(Schema):
    name: str
    type: str
    size: int = Field(description="バイト数")
    sha256: str = Field(description="保存しているファイルのSHA-256（ダウンロードしたファイルと照合できます）")
    download_url: str = Field(description="ログインした状態でファイルを取得するURL")


class MyMessageOut(Schema):
    by: str
    at: str
    body: str
    attachment: MyAttachmentOut | None = Field(None, description="添付ファイル（ないときは null）")


class MyApplicationOut(Schema):
    id: int
    posting_id: int
    posting_title: str
    employer: str
    status: str
    applied_at: str
    message: str
    submitted_profile: dict[str, Any] = Field(description="応募のときに企業へ送ったプロフィール")
    offer_accepted_at: str | None = Field(None, description="内定を承諾した日時（承諾していなければ null）")
    offer_answer_by: str | None = Field(None, description="内定の回答期限（指定がなければ null）")
    offer_start_on: str | None = Field(None, description="入社予定日（内定のときの指定。なければ null）")
    offer_terms: str = Field("", description="内定の条件（企業が内定のときに書いた文章。なければ空）")
    offer_changed_at: str | None = Field(
        None, description="企業が内定の内容を最後に変更した日時（なければ null）"
    )
    offer_previous: dict[str, str | None] = Field(
        default_factory=dict,
        description="変更された項目（start_on・offer_terms）の変更前の値。変更がなければ {}",
    )
    offer_history: list[dict[str, str | None]] = Field(
        default_factory=list,
        description="内定の内容の変更の履歴（古い順）：item（入社予定日・内定の条件）、was（変更前の内容）、"
        "until（変更日時）。変更がなければ []",
    )
    offer_start_proposed: str | None = Field(
        None, description="承諾のあとに提案された新しい入社予定日（相手の回答待ち。なければ null）"
    )
    offer_start_proposed_by: Literal["seeker", "employer"] | None = Field(
        None, description="offer_start_proposed を提案した側（seeker＝あなた、employer＝企業。なければ null）"
    )
    offer_start_proposed_reason: str = Field(
        "", description="offer_start_proposed に添えられた理由（任意。なければ空）"
    )
    submitted_document: dict[str, Any] | None = Field(
        None,
        description="応募のときに企業へ送った履歴書・職務経歴書（送った時点の内容）。送らなかった場合は null",
    )
    timeline: list[MyTimelineOut]
    messages: list[MyMessageOut] = Field(description="応募後のメッセージ（双方の分、古い順）")


class MyConsentOut(Schema):
    version: str
    purposes: list[str]
    accepted_at: str


class MyProfileReadOut(Schema):
    by: str
    purpose: str
    via: str
    at: str


class MyTokenOut(Schema):
    name: str
    created_at: str
    last_used_at: str | None


class MyFailedLoginOut(Schema):
    ip: str | None
    at: str


class MyRecentViewOut(Schema):
    posting_id: int
    posting_title: str | None = Field(description="いま見られない求人（掲載終了・非公開）は null")
    viewed_at: str


class MyRecentViewsOut(Schema):
    recording: bool = Field(description="閲覧履歴を残す設定か")
    off_since: str | None = Field(description="残さない設定にした日時")
    postings: list[MyRecentViewOut] = Field(description="最近見た求人（新しい順）")


class MyDataOut(Schema):
    """The sections this app writes are typed; the other apps add their own sections (saved_searches, emails,
    career_assessments, document_comments, … and other_data) through seekers.mydata.register_export, so those are
    documented as free-form objects: the set grows with the apps and is not fixed here."""

    model_config = ConfigDict(extra="allow")

    format: str
    format_version: int
    exported_at: str = Field(description="書き出した日時（ISO 8601）")
    account: MyAccountOut
    profile: dict[str, Any] | None = Field(description="プロフィール（未作成なら null）")
    favorites: list[MyFavoriteOut]
    applications: list[MyApplicationOut]
    recent_views: MyRecentViewsOut
    consents: list[MyConsentOut]
    profile_reads: list[MyProfileReadOut] = Field(description="プロフィールを見た記録（誰が・目的・経路）")
    api_tokens: list[MyTokenOut]
    failed_logins: list[MyFailedLoginOut]
    other_data: dict[str, list[dict[str, Any]]] = Field(
        description="その他の記録（モデルごと、項目そのまま）"
    )


@me_router.get(
    "/mydata",
    response={200: MyDataOut, 403: ErrorOut},
    summary="マイデータ（保存しているすべての情報）",
    description="このアプリの項目は型つき。ほかの機能の項目（saved_searches、emails、career_assessments など）は"
    "機能ごとに追加される自由な形のオブジェクトです。",
)
def export_mydata(request: HttpRequest) -> Any:
    return mydata.mydata_export(user=_seeker(request))


class ConsentOut(Schema):
    version: str
    purposes: list[str]
    accepted_at: dt.datetime


@me_router.get("/consents", response={200: list[ConsentOut], 403: ErrorOut}, summary="利用目的への同意の記録")
def list_consents(request: HttpRequest) -> Any:
    return list(_seeker(request).consents.all())


@me_router.post("/consents", response={201: ConsentOut, 403: ErrorOut}, summary="最新の利用目的に同意する")
def accept_consent(request: HttpRequest) -> Any:
    return Status(201, services.consent_record(user=_seeker(request)))


class DeleteIn(StrictIn):
    password: str
    confirm: Literal[True] = Field(..., description="true を指定してください（元に戻せません）")


@me_router.post(
    "/delete",
    response={204: None, 403: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="退会（データの削除）",
)
def delete_account(request: HttpRequest, payload: DeleteIn) -> Any:
    user = _seeker(request)
    verdict = account_services.password_confirm(user=user, password=payload.password, ip=client_ip(request))
    if verdict == "throttled":
        return Status(429, {"detail": account_services.THROTTLED_MESSAGE})
    if verdict == "wrong":
        return Status(
            422,
            {
                "detail": "パスワードが正しくありません。",
                "errors": {"password": ["パスワードが正しくありません。"]},
            },
        )
    mydata.account_delete(user=user)
    return Status(204, None)


# Employer: applicants --------------------------------------------------------------------------------------


class ApplicantOut(Schema):
    id: int
    posting_id: int
    posting_title: str
    applicant_name: str
    status: str
    status_label: str
    applied_at: dt.datetime
    unread_messages: int = Field(
        description="応募者からのメッセージのうち、自社の採用担当がまだ開いていない件数"
    )
    offer_accepted_at: dt.datetime | None = Field(
        None, description="応募者が内定を承諾した日時（承諾していなければ null）。状況は「内定」のままです"
    )
    offer_answer_by: OfferAnswerBy = None
    offer_start_on: OfferStartOn = None
    offer_terms: OfferTerms = ""
    offer_version: OfferVersion = 1
    offer_changed_at: OfferChangedAt = None
    offer_previous: OfferPrevious = Field(default_factory=dict)
    offer_history: OfferHistory = Field(default_factory=list)
    offer_start_proposed: OfferStartProposed = None
    offer_start_proposed_by: OfferStartProposedBy = None
    offer_start_proposed_reason: OfferStartProposedReason = ""


class SentSectionOut(Schema):
    heading: str
    rows: list[tuple[str, str]]


class SentDocumentOut(Schema):
    label: str
    sections: list[SentSectionOut]
    pdf: dict[str, str] = Field(description="書類の種類 → PDF を返す API のパス")


class ApplicantDetailOut(ApplicantOut):
    message: str
    profile: dict[str, Any]
    timeline: list[TimelineEventOut]
    interview: InterviewOut | None = Field(None, description="面接の日程（設定されていなければ null）")
    document: SentDocumentOut | None = Field(
        None,
        description="応募者が一緒に送った履歴書・職務経歴書（応募した時点の内容）。送らなかった場合は null",
    )


class MoveIn(StrictIn):
    status: Literal["screening", "interview", "offer", "hired", "rejected", "withdrawn"] = Field(
        description="withdrawn（辞退）は内定から：応募者から電話などで受けた辞退の連絡を、採用担当の操作として記録します"
    )
    note: str = Field("", max_length=500)
    interview: InterviewIn | None = Field(
        None,
        description="面接に進めるときの面接の日程（任意）。ほかの状況へ進めるときに指定すると、"
        "日程を落とさずに 422（errors.interview）で断ります",
    )
    # ADR 0129: given only with offer; with another status each is refused (422), never dropped.
    answer_by: dt.date | None = Field(
        None,
        description=f"内定に進めるときの回答期限（任意・今日から{offers.ANSWER_BY_MAX_DAYS}日以内）。"
        "省略すると期限なし。前日に応募者へリマインドメールが届きます",
    )
    start_on: dt.date | None = Field(None, description="内定に進めるときの入社予定日（任意・明日以降）")
    offer_terms: str = Field(
        "",
        description=f"内定の条件（任意・{offers.OFFER_TERMS_MAX:,}文字まで）。提示月給・配属先など。"
        "求人の文章と同じ表現のチェック（性別・年齢・本籍など）で断られることがあります（422、errors.offer_terms）",
    )


def _applicant_out(a: Application, *, detail: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": a.pk,
        "posting_id": a.posting_id,
        "posting_title": a.posting.title,
        "applicant_name": a.applicant_name,
        "status": a.status,
        "status_label": a.get_status_display(),
        "applied_at": a.created_at,
        "unread_messages": a.employer_unread,
        "offer_accepted_at": a.offer_accepted_at,
        **_offer_out(a),
    }
    if detail:  # the employer's side: its own unread count above, never the seeker's
        out.update(
            {
                "message": a.message,
                "profile": a.profile_snapshot,
                "timeline": _timeline(a),
                "interview": _interview_out(a, "applicants:interview_ics"),
            }
        )
    return out


def _sent_document_out(a: Application) -> dict[str, Any] | None:
    sent = selectors.sent_document_of(a)
    if sent is None:
        return None
    return {
        "label": a.document_label,
        "sections": [{"heading": h, "rows": rows} for h, rows in sent.sections],
        "pdf": {
            kind: reverse("api:employer_application_document", kwargs={"application_id": a.pk, "kind": kind})
            for kind, _ in sent.kinds
        },
    }


def _employer(request: HttpRequest) -> Any:
    user = request.auth  # type: ignore[attr-defined]
    if not user.is_employer:
        raise HttpError(403, "採用担当のアカウントでご利用ください。")
    return user


# Applicants per answer of the list API (newest first).
APPLICANTS_API_MAX = 1000


@employer_applications_router.get(
    "", response={200: list[ApplicantOut], 403: ErrorOut, 422: ErrorOut}, summary="自社求人への応募者一覧"
)
def employer_list_applications(
    request: HttpRequest,
    status: str = "",
    posting_id: int | None = None,
    page: int = Query(
        1,
        ge=1,
        le=100_000,
        description=f"ページ番号（1から、{APPLICANTS_API_MAX}件ずつ。最後より後は空のリスト）",
    ),
) -> Any:
    user = _employer(request)
    # An unknown status used to answer every applicant, as if it had filtered.
    if status and status not in ApplicationStatus.values:
        names = "、".join(ApplicationStatus.values)
        return Status(
            422,
            {
                "detail": "入力内容に問題があります。",
                "errors": {"status": [f"選考状況「{status[:20]}」はありません（{names}）。"]},
            },
        )
    qs = selectors.applications_for_employer(user=user)
    if status:
        qs = qs.filter(status=status)
    if posting_id:
        qs = qs.filter(posting_id=posting_id)
    # One answer stays bounded, and every applicant past the first page is still reachable (?page=2 …).
    start = (page - 1) * APPLICANTS_API_MAX
    return [_applicant_out(a) for a in qs[start : start + APPLICANTS_API_MAX]]


def _employer_application(user: Any, pk: int) -> Application:
    application = selectors.application_for_employer(user=user, pk=pk)
    if application is None:
        raise HttpError(404, "応募が見つかりません。")
    return application


@employer_applications_router.get(
    "/{int:application_id}",
    response={200: ApplicantDetailOut, 403: ErrorOut, 404: ErrorOut},
    summary="応募者の詳細（閲覧は応募者に記録・表示されます）",
)
def employer_get_application(request: HttpRequest, application_id: int) -> Any:
    user = _employer(request)
    application = _employer_application(user, application_id)
    if application.applicant_id is not None:
        services.profile_read_record(
            owner_id=application.applicant_id, viewer=user, application=application, channel="api"
        )
    return {**_applicant_out(application, detail=True), "document": _sent_document_out(application)}


@employer_applications_router.get(
    "/{int:application_id}/document/{kind}",
    url_name="employer_application_document",
    response={403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    openapi_extra={"responses": {200: {"description": "PDF", "content": {"application/pdf": {}}}}},
    summary="応募者が送った履歴書・職務経歴書の PDF（応募した時点の内容。閲覧は応募者に記録されます）",
)
def employer_application_document(request: HttpRequest, application_id: int, kind: str) -> Any:
    user = _employer(request)
    application = _employer_application(user, application_id)
    sent = selectors.sent_document_of(application)
    if sent is None:
        raise HttpError(404, "書類が見つかりません。")
    try:
        made = services.sent_document_pdf(viewer=user, application=application, kind=kind, channel="api")
    except ValueError:  # the renderer's message tells the document's owner what to fix, not the company
        return Status(
            422,
            {
                "detail": "この書類はPDFにできませんでした。内容は応募者の詳細の document.sections でご覧ください。",
                "errors": {},
            },
        )
    if made is None:
        kinds = "、".join(k for k, _ in sent.kinds)
        raise HttpError(404, f"書類の種類「{kind[:20]}」はありません（{kinds}）。")
    filename, body = made
    return attachment(body, filename=filename, content_type="application/pdf")


def _employer_change(
    request: HttpRequest, application_id: int, change: Callable[[Any, Application], Application]
) -> Any:
    """One answer for the company's changes of an application (a move, the 内定's 回答期限 or terms, a 入社日
    proposal): its own application or 404, the service's refusal as 422 (or 403), else the application as changed."""
    user = _employer(request)
    application = _employer_application(user, application_id)
    try:
        changed = change(user, application)
    except services.SeekerInvalid as exc:
        return _invalid(exc)
    except PermissionDenied as exc:
        return Status(403, {"detail": str(exc)})
    return _applicant_out(changed)


@employer_applications_router.post(
    "/{int:application_id}/status",
    response={200: ApplicantOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="選考状況を進める（応募者にメールで通知）",
)
def employer_move_application(request: HttpRequest, application_id: int, payload: MoveIn) -> Any:
    return _employer_change(
        request,
        application_id,
        lambda user, application: services.application_move(
            user=user,
            application=application,
            to_status=payload.status,
            note=payload.note,
            interview=payload.interview.model_dump() if payload.interview else None,
            answer_by=payload.answer_by,
            start_on=payload.start_on,
            offer_terms=payload.offer_terms,
        ),
    )


class AnswerByIn(StrictIn):
    # Required, even as null: a body without it ({}) must not remove her deadline by omission.
    answer_by: dt.date | None = Field(
        ...,
        description=f"新しい回答期限（YYYY-MM-DD、今日から{offers.ANSWER_BY_MAX_DAYS}日以内・入社予定日まで）。"
        "null で期限なし。いまと同じ値は 422（errors.answer_by）",
    )


@employer_applications_router.post(
    "/{int:application_id}/offer/deadline",
    response={200: ApplicantOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="内定の回答期限を変更する（内定で応募者が未回答のとき。応募者にメールで通知）",
)
def employer_change_offer_deadline(request: HttpRequest, application_id: int, payload: AnswerByIn) -> Any:
    return _employer_change(
        request,
        application_id,
        lambda user, application: services.application_offer_deadline_change(
            user=user, application=application, answer_by=payload.answer_by
        ),
    )


class OfferChangeIn(StrictIn):
    # Each optional: a key left out keeps what stands (so a client changing the date does not have to resend the
    # terms). At least one must differ from now.
    start_on: dt.date | None = Field(
        None,
        description="新しい入社予定日（YYYY-MM-DD、明日以降・1年以内・回答期限の日以降）。null で指定なし。"
        "省略するといまのまま",
    )
    offer_terms: str = Field(
        "",
        description=f"新しい内定の条件（{offers.OFFER_TERMS_MAX:,}文字まで。内定のときと同じ表現のチェック）。"
        "空文字で記載なし。省略するといまのまま",
    )


@employer_applications_router.post(
    "/{int:application_id}/offer/change",
    response={200: ApplicantOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="内定の入社予定日・内定の条件を変更する（内定で応募者が未回答のとき。応募者にメールで通知）",
)
def employer_change_offer(request: HttpRequest, application_id: int, payload: OfferChangeIn) -> Any:
    given = payload.model_fields_set
    return _employer_change(
        request,
        application_id,
        lambda user, application: services.application_offer_change(
            user=user,
            application=application,
            start_on=payload.start_on if "start_on" in given else application.offer_start_on,
            offer_terms=payload.offer_terms if "offer_terms" in given else application.offer_terms,
        ),
    )


@employer_applications_router.post(
    "/{int:application_id}/offer/start-proposal",
    response={200: ApplicantOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="承諾済みの内定の入社予定日の変更を提案する（応募者にメールで通知。同意で変わります）",
)
def employer_propose_start(request: HttpRequest, application_id: int, payload: StartProposalIn) -> Any:
    return _employer_change(
        request,
        application_id,
        lambda user, application: services.application_start_propose(
            user=user, application=application, start_on=payload.start_on, reason=payload.reason
        ),
    )


@employer_applications_router.post(
    "/{int:application_id}/offer/start-proposal/answer",
    response={200: ApplicantOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="応募者が提案した入社予定日の変更に回答する（応募者にメールで通知）",
)
def employer_answer_start_proposal(request: HttpRequest, application_id: int, payload: StartAnswerIn) -> Any:
    return _employer_change(
        request,
        application_id,
        lambda user, application: services.application_start_answer_by_employer(
            user=user, application=application, agree=payload.agree, proposed=payload.start_on
        ),
    )


@employer_applications_router.post(
    "/{int:application_id}/offer/start-proposal/withdraw",
    response={200: ApplicantOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="自社が出した入社予定日の変更の提案を取り下げる（応募者にメールで通知）",
)
def employer_withdraw_start_proposal(
    request: HttpRequest, application_id: int, payload: StartWithdrawIn
) -> Any:
    return _employer_change(
        request,
        application_id,
        lambda user, application: services.application_start_withdraw(
            user=user, application=application, proposed=payload.start_on
        ),
    )


@employer_applications_router.post(
    "/{int:application_id}/offer/start-proposal/reason",
    response={200: ApplicantOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="自社が出した入社予定日の変更の提案の理由だけを修正する（応募者にメールで通知）",
)
def employer_edit_start_reason(request: HttpRequest, application_id: int, payload: StartReasonIn) -> Any:
    return _employer_change(
        request,
        application_id,
        lambda user, application: services.application_start_reason_edit(
            user=user, application=application, proposed=payload.start_on, reason=payload.reason
        ),
    )


@employer_applications_router.put(
    "/{int:application_id}/interview",
    response={200: InterviewOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="面接の日程を設定・変更する（変更があれば応募者にメールで通知）",
)
def employer_set_interview(request: HttpRequest, application_id: int, payload: InterviewIn) -> Any:
    user = _employer(request)
    application = _employer_application(user, application_id)
    try:
        interview = services.interview_set(user=user, application=application, values=payload.model_dump())
    except services.SeekerInvalid as exc:
        return _invalid(exc)
    # The interview alone: the applicant's profile is answered (and its reading recorded) by the detail endpoint.
    return interview_out(interview, ics=reverse("applicants:interview_ics", args=[application_id]))


@employer_applications_router.post(
    "/{int:application_id}/interview/cancel",
    response={200: InterviewOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="面接の日程を取り消す（応募者にメールで通知）",
)
def employer_cancel_interview(request: HttpRequest, application_id: int) -> Any:
    user = _employer(request)
    application = _employer_application(user, application_id)
    try:
        interview = services.interview_cancel(user=user, application=application)
    except services.SeekerInvalid as exc:
        return _invalid(exc)
    return interview_out(interview, ics=reverse("applicants:interview_ics", args=[application_id]))


@employer_applications_router.get(
    "/{int:application_id}/messages",
    response={200: ThreadOut, 403: ErrorOut, 404: ErrorOut},
    summary="応募者とのメッセージ（開くと既読）",
)
def employer_list_messages(request: HttpRequest, application_id: int) -> Any:
    user = _employer(request)
    return _thread_out(user, _employer_application(user, application_id))


@employer_applications_router.post(
    "/{int:application_id}/messages",
    response={201: MessageOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="応募者にメッセージを送る（応募者にメールで通知）",
)
def employer_post_message(request: HttpRequest, application_id: int, payload: MessageIn) -> Any:
    user = _employer(request)
    return _message_post(user, _employer_application(user, application_id), payload.body)


@employer_applications_router.post(
    "/{int:application_id}/messages/with-file",
    response={201: MessageOut, 403: ErrorOut, 404: ErrorOut, 413: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="ファイルを添付して応募者にメッセージを送る（応募者にメールで通知）",
    description=MESSAGE_FILE_FORM,
)
def employer_post_message_with_file(
    request: HttpRequest,
    application_id: int,
    file: File[UploadedFile],
    body: Form[str] = "",
) -> Any:
    user = _employer(request)
    return _message_post(user, _employer_application(user, application_id), body, file)


@employer_applications_router.get(
    "/{int:application_id}/messages/{int:message_id}/file",
    url_name="employer_message_file",
    response={403: ErrorOut, 404: ErrorOut},
    openapi_extra=_FILE_ANSWER,
    summary="メッセージの添付ファイルをダウンロードする",
)
def employer_message_file(request: HttpRequest, application_id: int, message_id: int) -> Any:
    user = _employer(request)
    return _file_answer(user, _employer_application(user, application_id), message_id)
