"""The seeker's documents, practice answers, saved results and searches: a fixed number of queries per page,
however many rows (rows made directly with the ORM, to stay fast)."""

from __future__ import annotations

import pytest

from bonavi.careers.models import SavedAssessment, SavedTranslation
from bonavi.core.tests.querycount import assert_flat
from bonavi.documents.models import DocumentComment, DocumentVersion, InterviewAnswer
from bonavi.documents.tests.conftest import load
from bonavi.jobs.tests.factories import make_posting
from bonavi.notifications.models import SavedSearch

pytestmark = pytest.mark.django_db


def test_seeker_documents_and_saved_things(client, seeker, employer):
    doc = load("clean.json")
    version = DocumentVersion.objects.create(owner=seeker, title="職務経歴書", data=doc)
    posting = make_posting(employer.organization)
    client.force_login(seeker)
    n = iter(range(1000))

    def grow() -> None:
        for _ in range(4):
            k = next(n)
            DocumentVersion.objects.create(owner=seeker, title=f"職務経歴書 {k}", data=doc)
            DocumentComment.objects.create(
                version=version,
                path="basics.summary",
                field_label="自己PR",
                body="具体的な数字を",
                author_label="担当",
            )
            InterviewAnswer.objects.create(
                owner=seeker,
                question="志望動機は",
                answer="経理の経験を活かしたい",
                feedback={},
                posting=posting,
            )
            SavedAssessment.objects.create(user=seeker, answers={}, result={}, constants_version="test")
            SavedTranslation.objects.create(user=seeker, text="売上集計を担当", result={})
            SavedSearch.objects.create(user=seeker, name=f"経理 {k}", query=f"q=経理{k}")

    for url in (
        "/documents/",
        f"/documents/{version.pk}/",
        "/api/v1/documents/versions",
        f"/api/v1/documents/versions/{version.pk}",
        "/documents/interview/",
        "/api/v1/documents/interview/answers",
        "/careers/saved/",
        "/me/alerts/",
        "/api/v1/me/saved-searches",
    ):
        assert_flat(client, url, grow)
