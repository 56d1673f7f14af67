"""JSON API at /api/v1/documents: review and render any JSON Resume, the seeker's stored versions, photo upload,
interview questions and private practice answers. Another person's version or answer answers 404."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, File, Router, Schema, Status
from ninja.decorators import decorate_view
from ninja.errors import HttpError
from ninja.files import UploadedFile
from pydantic import BaseModel, ConfigDict

from bonavi.core.api_errors import ErrorOut
from bonavi.core.api_input import StrictIn
from bonavi.core.downloads import attachment
from bonavi.core.postal import NOT_FOUND, lookup_postal_code
from bonavi.core.uploads import upload_limit
from bonavi.jobs.catalog import FAMILIES

from . import selectors, services
from .forms import PHOTO_TOO_LARGE
from .interview.bank import QUESTION_BY_ID, Question, questions_for
from .interview.posting import from_posting, posting_questions
from .jsonresume import ResumeInputError, resume_from_json, resume_to_json
from .render.base import Kind, Paper, RenderedDocument, RenderError, default_renderer
from .review import review

documents_router = Router(tags=["応募書類・面接練習"])


class JsonResume(BaseModel):
    """A JSON Resume document with BOナビ's Japanese extensions (see ADR 0050)."""

    model_config = ConfigDict(extra="allow")


class HintOut(Schema):
    rule: str
    severity: str
    path: str
    message: str
    fix: str


class VersionOut(Schema):
    id: int
    title: str
    updated_at: dt.datetime


class VersionDetail(VersionOut):
    resume: dict[str, Any]
    has_photo: bool
    hints: list[HintOut]


class VersionIn(StrictIn):
    title: str = Field("", max_length=100)
    resume: dict[str, Any] | None = Field(None, description="JSON Resume（省略すると白紙）")

    echo_of = (VersionDetail,)  # the GET answer, edited and sent back, is not refused


class QuestionOut(Schema):
    id: str
    theme: str
    text: str
    frame: str
    points: list[str]


class AnswerIn(StrictIn):
    question_id: str = Field("", max_length=40)
    question: str = Field("", max_length=300, description="一覧にない質問のとき")
    answer: str = Field(..., max_length=3000)
    family: str = Field("", max_length=32)
    posting_id: int | None = None


class AnswerOut(Schema):
    id: int
    question: str
    answer: str
    feedback: dict[str, Any]
    created_at: dt.datetime


def _errors(messages: list[str]) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    for m in messages:
        path, sep, text = m.partition(": ")
        errors.setdefault(path if sep else "resume", []).append(text if sep else m)
    return {"detail": "入力内容に問題があります。何も保存していません。", "errors": errors}


def _seeker(request: HttpRequest) -> Any:
    user = request.auth  # type: ignore[attr-defined]
    if not getattr(user, "is_seeker", False):
        raise HttpError(403, "応募書類と面接練習は求職者のアカウントでご利用ください。")
    return user


def _pdf(doc: RenderedDocument) -> HttpResponse:
    return attachment(doc.pdf, filename=doc.filename, content_type="application/pdf")


# The PDF is an HttpResponse of its own, which Ninja does not document: a generated client must know it is binary.
_PDF_ANSWER: dict[str, Any] = {
    "responses": {
        200: {
            "description": "PDF（Content-Disposition: attachment）",
            "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


def _detail(version: Any) -> dict[str, Any]:
    resume = services.resume_of(version)
    return {
        "id": version.pk,
        "title": version.title,
        "updated_at": version.updated_at,
        "resume": resume_to_json(resume, include_photo=False),
        "has_photo": bool(version.photo),
        "hints": [h.as_dict() for h in review(resume)],
    }


@documents_router.post(
    "/review", response={200: list[HintOut], 422: ErrorOut}, summary="JSON Resume を添削する"
)
def review_document(request: HttpRequest, body: JsonResume) -> Any:
    try:
        resume = resume_from_json(body.model_dump())
    except ResumeInputError as exc:
        return Status(422, _errors(exc.messages))
    return [h.as_dict() for h in review(resume)]


@documents_router.post(
    "/render", response={422: ErrorOut}, openapi_extra=_PDF_ANSWER, summary="JSON Resume から PDF を作る"
)
def render_document(request: HttpRequest, body: JsonResume, kind: Kind, paper: Paper = Paper.A4) -> Any:
    try:
        doc = default_renderer().render(resume_from_json(body.model_dump()), kind=kind, paper=paper)
    except ResumeInputError as exc:
        return Status(422, _errors(exc.messages))
    except RenderError as exc:
        return Status(422, {"detail": str(exc), "errors": {}})
    return _pdf(doc)


@documents_router.get("/versions", response=list[VersionOut], summary="自分の応募書類の一覧")
def list_versions(request: HttpRequest) -> Any:
    return list(selectors.versions_of(_seeker(request)))


@documents_router.post("/versions", response={201: VersionDetail, 422: ErrorOut}, summary="応募書類を作る")
def create_version(request: HttpRequest, body: VersionIn) -> Any:
    try:
        version = services.version_create(owner=_seeker(request), title=body.title, data=body.resume)
    except services.DocumentError as exc:
        return Status(422, _errors(exc.messages))
    return Status(201, _detail(version))


def _own(request: HttpRequest, pk: int) -> Any:
    version = selectors.version_get(user=_seeker(request), pk=pk)
    if version is None:
        raise HttpError(404, "書類が見つかりません。")
    return version


@documents_router.get("/versions/{int:pk}", response=VersionDetail, summary="応募書類と添削")
def get_version(request: HttpRequest, pk: int) -> Any:
    return _detail(_own(request, pk))


@documents_router.put(
    "/versions/{int:pk}", response={200: VersionDetail, 422: ErrorOut}, summary="応募書類を更新する"
)
def update_version(request: HttpRequest, pk: int, body: VersionIn) -> Any:
    version = _own(request, pk)
    try:
        services.version_update(version=version, data=body.resume or {}, title=body.title or None)
    except services.DocumentError as exc:
        return Status(422, _errors(exc.messages))
    return _detail(version)


@documents_router.delete("/versions/{int:pk}", response={204: None}, summary="応募書類を削除する")
def delete_version(request: HttpRequest, pk: int) -> Any:
    services.version_delete(version=_own(request, pk))
    return Status(204, None)


@documents_router.get(
    "/versions/{int:pk}/pdf", response={422: ErrorOut}, openapi_extra=_PDF_ANSWER, summary="応募書類の PDF"
)
def version_pdf(request: HttpRequest, pk: int, kind: Kind, paper: Paper = Paper.A4) -> Any:
    version = _own(request, pk)
    try:
        doc = default_renderer().render(services.resume_of(version), kind=kind, paper=paper)
    except RenderError as exc:
        return Status(422, {"detail": str(exc), "errors": {}})
    return _pdf(doc)


@documents_router.post(
    "/versions/{int:pk}/photo", response={200: VersionDetail, 422: ErrorOut}, summary="写真を登録する"
)
@decorate_view(
    upload_limit(PHOTO_TOO_LARGE)
)  # a file past the site's cap is told the photo's own limit (413)
def version_photo(request: HttpRequest, pk: int, photo: File[UploadedFile]) -> Any:
    version = _own(request, pk)
    try:  # the photo's limit is checked by the service (photo.process_photo), as for the page
        services.version_set_photo(version=version, raw=photo.read())
    except services.DocumentError as exc:
        return Status(422, {"detail": exc.messages[0], "errors": {"photo": exc.messages}})
    return _detail(version)


def _question(q: Question) -> dict[str, Any]:
    return {"id": q.id, "theme": q.theme, "text": q.text, "frame": q.frame, "points": list(q.points)}


@documents_router.get("/interview/questions", response=list[QuestionOut], summary="面接練習の質問")
def interview_questions(
    request: HttpRequest,
    family: str = "general_clerical",
    posting_id: int | None = None,
    inexperienced: bool = False,
) -> Any:
    if posting_id is not None:
        posting = selectors.practice_posting(user=request.auth, pk=posting_id)  # type: ignore[attr-defined]
        if posting is None:
            raise HttpError(404, "求人が見つかりません。")
        return [
            _question(q) for q in posting_questions(from_posting(posting)) + questions_for(posting.family)
        ]
    if family not in FAMILIES:
        raise HttpError(422, f"family は {', '.join(FAMILIES)} のどれかを指定してください。")
    return [_question(q) for q in questions_for(family, inexperienced=inexperienced)]


@documents_router.post(
    "/interview/answers",
    response={201: AnswerOut, 422: ErrorOut},
    summary="回答を保存してフィードバックを得る",
)
def interview_answer(request: HttpRequest, body: AnswerIn) -> Any:
    user = _seeker(request)
    q = QUESTION_BY_ID.get(body.question_id)
    posting = selectors.practice_posting(user=user, pk=body.posting_id) if body.posting_id else None
    family = body.family if body.family in FAMILIES else (posting.family if posting else "")
    try:
        saved = services.interview_answer_save(
            owner=user,
            question=q.text if q else body.question,
            answer=body.answer,
            family=family,
            question_id=body.question_id,
            frame=q.frame if q else "STAR",
            posting=posting,
        )
    except services.DocumentError as exc:
        return Status(422, {"detail": exc.messages[0], "errors": {"answer": exc.messages}})
    return Status(201, saved)


@documents_router.get(
    "/interview/answers", response=list[AnswerOut], summary="自分の回答（本人だけが読めます）"
)
def interview_answers(request: HttpRequest) -> Any:
    return list(selectors.answers_of(_seeker(request))[:100])


class PostalOut(Schema):
    # Named as in JSON Resume's location object, which the editor fills from this answer.
    postalCode: str = Field(description="例：150-0001")
    region: str = Field(description="都道府県")
    city: str = Field(description="市区町村")
    address: str = Field(description="町域（ないときは空）")
    furigana: str = Field(description="読み（ひらがな）")


@documents_router.get("/postal/{code}", response={200: PostalOut, 404: ErrorOut}, summary="郵便番号から住所")
def postal(request: HttpRequest, code: str) -> Any:
    found = lookup_postal_code(code)
    if found is None:
        return Status(404, {"detail": NOT_FOUND, "errors": {}})
    return found
