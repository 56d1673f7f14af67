"""JSON API for postings: public reads, and employer writes (token or session)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpRequest
from ninja import Field, File, Query, Router, Schema, Status
from ninja.decorators import decorate_view
from ninja.errors import HttpError
from ninja.files import UploadedFile

from bonavi.core.api_auth import optional_user
from bonavi.core.api_errors import ErrorOut
from bonavi.core.api_input import StrictIn
from bonavi.core.pagination import PAGE_PARAM, PAGE_SIZE_PARAM, PageOut, paginate
from bonavi.core.uploads import upload_limit
from bonavi.core.validators import reject_markup

from . import bulk_import, selectors, services
from .forms import JobFilterForm
from .models import OWN_WORDS_MAX, REFERENCE_MAX, JobPosting, PostingStatus, reference_normal

jobs_router = Router(tags=["求人"])
employer_router = Router(tags=["採用担当"])

_TEXT_FIELDS = (models.CharField, models.TextField)


class PostingOut(Schema):
    id: int
    title: str
    status: str
    visibility: str
    family: str
    subrole: str
    mhlw_code: str
    employment_type: str
    is_dispatch: bool
    employer_name: str
    duties: str
    duties_change_scope: str
    appeal: str = Field(description="仕事の魅力・職場の様子（採用企業の言葉・任意。空文字なら無し）")
    ideal_candidate: str = Field(description="求める人物像（採用企業の言葉・任意。空文字なら無し）")
    prefecture: str
    prefecture_name: str
    municipality: str
    address: str
    telework: str
    work_place_change_scope: str
    fixed_term: bool
    contract_months: int | None
    contract_days: int | None = Field(
        None, description="契約期間（日）。1か月未満の契約のときだけ（contract_months は null）"
    )
    renewal: str
    renewal_criteria: str
    renewal_cap: str
    has_probation: bool
    probation_months: int | None
    probation_conditions: str
    start_time: dt.time | None
    end_time: dt.time | None
    hours_note: str
    break_minutes: int | None
    overtime_exists: bool
    overtime_monthly_hours: int | None
    holiday_pattern: str
    annual_holidays: int | None
    holidays_note: str
    wage_unit: str
    wage_min: int
    wage_max: int | None
    allowances: str
    fixed_overtime: bool
    fixed_overtime_amount: int | None
    fixed_overtime_hours: int | None
    fixed_overtime_excess_paid: bool
    raise_info: str
    bonus_info: str
    insurances: list[str]
    smoking_measure: str
    required_qualifications: str
    preferred_qualifications: str
    required_experience: str
    inexperienced_welcome: bool
    education_not_required: bool
    selection_process: str
    date_posted: dt.datetime | None
    updated_at: dt.datetime
    valid_through: dt.date | None
    accepts_applications: bool = Field(
        description=(
            "BOナビから応募できる求人か。false なら応募を受け付けていません（企業に有効な採用担当がいないため。"
            "応募は employer_name の企業に直接問い合わせます。ADR 0143）"
        )
    )

    @staticmethod
    def resolve_accepts_applications(obj: JobPosting) -> bool:
        # The lists annotate it for the whole page (selectors.with_takes_applications); one posting asks once.
        return obj.takes_applications


class PostingPage(PageOut):
    results: list[PostingOut]


class EmployerPostingOut(PostingOut):
    """A posting as its own employer sees it: with the 社内管理番号, which PostingOut (the public API, shared with
    seekers and aggregators) never carries (ADR 0085)."""

    reference: str = Field(description="社内管理番号（空文字なら無し。求職者には表示されない）")
    # status says 募集終了 for a stopped posting too (the stop closed it): these say why it cannot be published
    # again by the company (ADR 0153 addendum). The employer's own, so not on PostingOut.
    stopped: bool = Field(
        description=(
            "BOナビ運営が掲載を停止した求人か（status は closed など）。true の求人は企業からは公開・再開できません"
            "（publish は 422。再公開は運営が行います。ADR 0153）"
        )
    )
    stop_reason: str = Field(description="運営が掲載を停止した理由（停止されていなければ空文字）")

    @staticmethod
    def resolve_stopped(obj: JobPosting) -> bool:
        return obj.stopped_at is not None


class EmployerPostingPage(PageOut):
    results: list[EmployerPostingOut]


class PostingIn(StrictIn):
    """Fields an employer may set. Omitted fields keep their value on update."""

    # The GET answer sent back as it is (id, status, updated_at …) is not refused: those names are ignored.
    echo_of = (EmployerPostingOut,)

    title: str | None = Field(None, max_length=120)
    subrole: str | None = None
    employment_type: str | None = None
    is_dispatch: bool | None = None
    visibility: str | None = None
    duties: str | None = None
    duties_change_scope: str | None = None
    appeal: str | None = Field(
        None,
        description=(
            f"仕事の魅力・職場の様子（任意・{OWN_WORDS_MAX:,}文字まで）。公開前のチェックが業務内容と同じく読み、"
            "性別・年齢などの表現は公開を断られます（errors.appeal）"
        ),
    )
    ideal_candidate: str | None = Field(
        None,
        description=(
            f"求める人物像（任意・{OWN_WORDS_MAX:,}文字まで）。公開前のチェックが業務内容と同じく読みます"
            "（errors.ideal_candidate）"
        ),
    )
    prefecture: str | None = None
    municipality: str | None = None
    address: str | None = None
    nearest_station: str | None = None
    telework: str | None = None
    work_place_change_scope: str | None = None
    fixed_term: bool | None = None
    contract_months: int | None = None
    contract_days: int | None = Field(
        None,
        description="契約期間（日・1〜30）。1か月未満の契約だけ日数で送り、contract_months は null にします",
    )
    renewal: str | None = None
    renewal_criteria: str | None = None
    renewal_cap: str | None = None
    has_probation: bool | None = None
    probation_months: int | None = None
    probation_conditions: str | None = None
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    hours_note: str | None = None
    break_minutes: int | None = None
    overtime_exists: bool | None = None
    overtime_monthly_hours: int | None = None
    holiday_pattern: str | None = None
    annual_holidays: int | None = None
    holidays_note: str | None = None
    scheduled_monthly_hours: float | None = None
    wage_unit: str | None = None
    wage_min: int | None = None
    wage_max: int | None = None
    allowances: str | None = None
    fixed_overtime: bool | None = None
    fixed_overtime_amount: int | None = None
    fixed_overtime_hours: int | None = None
    fixed_overtime_excess_paid: bool | None = None
    raise_info: str | None = None
    bonus_info: str | None = None
    wage_note: str | None = None
    insurance_employment: bool | None = None
    insurance_accident: bool | None = None
    insurance_health: bool | None = None
    insurance_pension: bool | None = None
    smoking_measure: str | None = None
    smoking_note: str | None = None
    employer_name: str | None = None
    employer_address: str | None = None
    employer_contact: str | None = None
    required_qualifications: str | None = None
    preferred_qualifications: str | None = None
    required_experience: str | None = None
    inexperienced_welcome: bool | None = None
    education_not_required: bool | None = None
    age_limit: bool | None = None
    age_min: int | None = None
    age_max: int | None = None
    age_exception: str | None = None
    age_reason: str | None = None
    selection_process: str | None = None
    valid_through: dt.date | None = None
    reference: str | None = Field(
        None,
        description=(
            f"社内管理番号（任意・{REFERENCE_MAX}文字まで・自社の求人で重複不可。全角英数字は半角として保存。"
            "求職者には表示されない。一括登録で同じ番号の行はこの求人の更新になる）"
        ),
    )


def _clean_input(payload: PostingIn) -> dict[str, Any]:
    """Only the fields the client sent; null means "empty" for text and "no" for a yes/no item."""
    data = payload.dict(exclude_unset=True)
    errors: dict[str, list[str]] = {}
    for key, value in list(data.items()):
        field = JobPosting._meta.get_field(key)
        if isinstance(value, str):
            try:
                reject_markup(value)
            except ValidationError as exc:
                errors.setdefault(key, []).extend(exc.messages)
        elif value is None and isinstance(field, _TEXT_FIELDS):
            data[key] = ""
        elif value is None and isinstance(field, models.BooleanField):
            data[key] = False
    if "reference" in data:
        # Stored as the form and the import store it, so 「Ａ－００１」 here is the import's 「A-001」; its length,
        # one line and uniqueness in the organisation are the gate's checks (posting_gate), with the form's words.
        data["reference"] = reference_normal(data["reference"])
    if errors:
        raise services.PostingInvalid(errors)
    return data


def _user(request: HttpRequest) -> Any:
    """The authenticated user Ninja put on the request."""
    return getattr(request, "auth", None)


def _employer(request: HttpRequest) -> Any:
    """The employer calling; anyone else is refused as by the other employer endpoints (a seeker's or an agent's
    token got 200 and an empty list here, which reads as "no postings")."""
    user = _user(request)
    if not getattr(user, "is_employer", False):
        raise HttpError(403, "採用担当のアカウントでご利用ください。")
    return user


def _invalid(exc: services.PostingInvalid) -> Status[dict[str, Any]]:
    return Status(422, {"detail": "入力内容に問題があります。", "errors": exc.errors})


@jobs_router.get("", response={200: PostingPage, 422: ErrorOut}, summary="公開求人の一覧（新着順）")
def list_postings(
    request: HttpRequest,
    page: int = PAGE_PARAM,
    page_size: int = PAGE_SIZE_PARAM,
    prefecture: str = "",
    family: str = "",
) -> Any:
    # An unknown code would silently match nothing: say which value is wrong, as the search API does. The list
    # page's form checks them, so the page and the API refuse the same values with the same words.
    form = JobFilterForm({"prefecture": prefecture, "family": family})
    if not form.is_valid():
        errors = {name: list(messages) for name, messages in form.errors.items()}
        return Status(422, {"detail": "入力内容に問題があります。", "errors": errors})
    user = optional_user(request)
    qs = selectors.postings_visible_to(user).filter(status=PostingStatus.PUBLISHED)
    if form.cleaned_data["prefecture"]:
        qs = qs.filter(prefecture=form.cleaned_data["prefecture"])
    if form.cleaned_data["family"]:
        qs = qs.filter(family=form.cleaned_data["family"])
    qs = selectors.with_takes_applications(qs.select_related("organization"))
    return paginate(qs.order_by("-date_posted", "-id"), page, page_size)


@jobs_router.get("/{int:posting_id}", response={200: PostingOut, 404: ErrorOut}, summary="求人の詳細")
def get_posting(request: HttpRequest, posting_id: int) -> Any:
    posting = selectors.posting_get_visible(user=optional_user(request), pk=posting_id)
    if posting is None:
        return Status(404, {"detail": "求人が見つかりません。"})
    return posting


# 求人管理's 状況, said to API clients: a stopped posting's status stays closed (or draft), so `stopped` is its own.
MANAGE_STATUS_HELP = "・".join(f"{value}（{label}）" for value, label in selectors.MANAGE_STATUSES)


@employer_router.get(
    "/postings",
    response={200: EmployerPostingPage, 403: ErrorOut, 422: ErrorOut},
    summary="自社の求人一覧（更新日の新しい順）",
)
def employer_list(
    request: HttpRequest,
    status: str = Query(
        "",
        description=(
            f"状況で絞り込み：{MANAGE_STATUS_HELP}。運営が掲載を停止した求人（stopped が true）は stopped でだけ"
            "絞り込まれ、closed などには含まれません（求人管理の画面と同じ。ADR 0153）"
        ),
    ),
    page: int = PAGE_PARAM,
    page_size: int = PAGE_SIZE_PARAM,
) -> Any:
    user = _employer(request)
    if status and status not in dict(selectors.MANAGE_STATUSES):
        msg = f"状況（status）は次のどれかを指定してください：{MANAGE_STATUS_HELP}。"
        return Status(422, {"detail": msg, "errors": {"status": [msg]}})
    # Paged like the public list: an employer with thousands of postings must not get them in one answer.
    qs = selectors.of_manage_status(selectors.employer_postings(user=user), status).order_by(
        "-updated_at", "-id"
    )
    qs = selectors.with_takes_applications(qs)
    return paginate(qs, page, page_size)


@employer_router.post(
    "/postings",
    response={201: EmployerPostingOut, 403: ErrorOut, 422: ErrorOut},
    summary="求人の作成（下書き）",
)
def employer_create(request: HttpRequest, payload: PostingIn) -> Any:
    try:
        posting = services.posting_create(user=_user(request), data=_clean_input(payload))
    except PermissionDenied as exc:
        return Status(403, {"detail": str(exc)})
    except services.PostingInvalid as exc:
        return _invalid(exc)
    return Status(201, posting)


class ImportProblemOut(Schema):
    column: str
    message: str
    level: str


class ImportRowOut(Schema):
    row: int
    title: str
    reference: str = Field("", description="社内管理番号（空欄なら無し）")
    status: str = Field(
        description="ok（新規）・update（更新）・unchanged（変更なし）・error・duplicate（登録済み）"
    )
    status_label: str
    publishable: bool
    changes: list[str] = Field(default_factory=list, description="update の行で変わる列の見出し")
    problems: list[ImportProblemOut]


class ImportReportOut(Schema):
    dry_run: bool
    created: int
    updated: int
    published: int
    ids: list[int]
    updated_ids: list[int]
    sheet: str
    total: int
    ok: int
    updates: int
    unchanged: int
    errors: int
    duplicates: int
    publishable: int
    notes: list[str]
    rows: list[ImportRowOut]


@employer_router.post(
    "/postings/import",
    response={200: ImportReportOut, 403: ErrorOut, 409: ErrorOut, 422: ErrorOut, 503: ErrorOut},
    summary="求人の一括登録（CSV・Excel）",
    description=(
        f"multipart の file（.csv または .xlsx、{bulk_import.LIMITS_TEXT}）を読み、行ごとの確認結果を返す。"
        "dry_run=true なら登録しない。false なら問題のない行をまとめて下書きとして登録する（1件でも保存に失敗"
        "すれば何も登録しない）。publish=true なら公開の条件を満たす行は公開する。"
        "社内管理番号が登録済みの求人と同じ行はその求人を更新する（公開状態は変えない。公開中の求人は公開の"
        "条件を満たす変更だけ）。sheet で .xlsx の読み込むシートを選べる。"
    ),
)
@decorate_view(
    upload_limit(bulk_import.TOO_LARGE)
)  # a file past the site's cap is told the import's own limit
def employer_import(
    request: HttpRequest,
    file: UploadedFile = File(..., description="CSV（UTF-8・Shift_JIS）または Excel（.xlsx）"),  # noqa: B008
    dry_run: bool = Query(False, description="true なら確認だけで登録しない"),
    publish: bool = Query(False, description="true なら公開の条件を満たす行を公開する"),
    sheet: str = Query(
        "", max_length=31, description="読み込む .xlsx のシート名（空なら見出しのある最初のシート）"
    ),
) -> Any:
    user = _employer(request)
    data = file.read(bulk_import.MAX_BYTES + 1)
    try:
        outcome = bulk_import.import_run(
            user=user, filename=file.name or "", data=data, dry_run=dry_run, publish=publish, sheet=sheet
        )
    except PermissionDenied as exc:
        return Status(403, {"detail": str(exc)})
    except bulk_import.ImportFileInvalid as exc:
        return Status(422, {"detail": str(exc)})
    except bulk_import.ImportConflict as exc:
        return Status(409, {"detail": str(exc)})
    except bulk_import.ImportSaveFailed as exc:
        return Status(503, {"detail": str(exc)})
    report = outcome.report
    return {
        **{
            k: report[k]
            for k in ("sheet", "total", "ok", "updates", "unchanged", "errors", "duplicates", "publishable")
        },
        "notes": report["notes"],
        "rows": report["rows"],
        "dry_run": dry_run,
        "created": outcome.created,
        "updated": outcome.updated,
        "published": outcome.published,
        "ids": outcome.ids,
        "updated_ids": outcome.updated_ids,
    }


def _own(request: HttpRequest, posting_id: int) -> JobPosting:
    posting = selectors.employer_posting_get(user=_employer(request), pk=posting_id)
    if posting is None:
        raise HttpError(404, "求人が見つかりません。")
    return posting


@employer_router.get(
    "/postings/{int:posting_id}",
    response={200: EmployerPostingOut, 403: ErrorOut, 404: ErrorOut},
    summary="自社の求人の詳細（下書き・終了も含む）",
)
def employer_detail(request: HttpRequest, posting_id: int) -> Any:
    return _own(request, posting_id)


@employer_router.patch(
    "/postings/{int:posting_id}",
    response={200: EmployerPostingOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="求人の更新",
)
def employer_update(request: HttpRequest, posting_id: int, payload: PostingIn) -> Any:
    posting = _own(request, posting_id)
    try:
        return services.posting_update(user=_user(request), posting=posting, data=_clean_input(payload))
    except services.PostingInvalid as exc:
        return _invalid(exc)


@employer_router.post(
    "/postings/{int:posting_id}/publish",
    response={200: EmployerPostingOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="求人の公開",
    description=(
        "下書きを公開する。募集終了・掲載期限切れの求人は同じ求人のまま募集を再開し、掲載期限を今日から60日後"
        "（それより後の日付が入っていればその日）にする。どちらも公開時と同じチェックを通る（ADR 0146）。"
    ),
)
def employer_publish(request: HttpRequest, posting_id: int) -> Any:
    posting = _own(request, posting_id)
    try:
        return services.posting_publish(user=_user(request), posting=posting)
    except services.PostingInvalid as exc:
        return Status(
            422, {"detail": "公開できません。不足・違反している項目があります。", "errors": exc.errors}
        )


@employer_router.post(
    "/postings/{int:posting_id}/close",
    response={200: EmployerPostingOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="募集終了",
    description="公開中の求人だけを終了できます（下書き・終了済みは422）。",
)
def employer_close(request: HttpRequest, posting_id: int) -> Any:
    try:
        return services.posting_close(user=_user(request), posting=_own(request, posting_id))
    except services.PostingInvalid as exc:
        return Status(422, {"detail": "募集を終了できません。", "errors": exc.errors})
