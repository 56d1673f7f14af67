"""Stored documents and interview answers. Both belong to one seeker and are read only through selectors.py.

A DocumentVersion keeps its content as a JSON Resume document (with our extensions, without the photo), so the
editor, the API, the CLI and export all go through one reader (`jsonresume.resume_from_json`) and one set of
review rules. The photo is kept apart as processed JPEG bytes.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from bonavi.jobs.models import JobPosting


class DocumentVersion(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="document_versions"
    )
    title = models.CharField("書類の名前", max_length=100)
    data = models.JSONField("内容（JSON Resume）", default=dict)
    photo = models.BinaryField("写真（JPEG）", null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "応募書類"
        verbose_name_plural = "応募書類"
        ordering = ["-updated_at", "-id"]

    def __str__(self) -> str:
        return self.title


class InterviewAnswer(models.Model):
    """A practice answer. Private: only its owner ever reads it (no admin, no agent view)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interview_answers"
    )
    family = models.CharField("職種", max_length=32, blank=True)
    question_id = models.CharField(max_length=40, blank=True)
    question = models.CharField("質問", max_length=300)
    posting = models.ForeignKey(
        JobPosting, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer = models.TextField("回答")
    feedback = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "面接練習の回答"
        verbose_name_plural = "面接練習の回答"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.question[:40]


class ProfileResume(models.Model):
    """What a seeker's imported JSON Resume holds beyond the profile's own fields.

    The seekers profile keeps names, contact, birth date, 学歴・職歴 rows and qualifications; everything else a
    JSON Resume carries (職務要約, per-company 事業内容・従業員数・実績, skills, 自己PR, 志望動機 …) is kept here so
    that import → export gives the document back. Export merges the two with the profile winning where both
    have a value (the seeker may have edited the profile since).
    """

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile_resume"
    )
    data = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "プロフィールの職務経歴（JSON Resume）"
        verbose_name_plural = "プロフィールの職務経歴（JSON Resume）"

    def __str__(self) -> str:
        return f"{self.owner_id}"


class DocumentComment(models.Model):
    """A reviewer's comment on one field of a document version (添削 by a career adviser).

    Who may comment is decided by the caller (the agents app lets only the candidate's assigned advisers and the
    office's 職業紹介責任者 comment on versions the candidate shared); this app only stores the comment, shows it
    beside its field in the owner's editor and lets the owner mark it resolved. `path` is a JSON Resume path
    ("basics.summary", "work[0].summary"), the same addressing the automatic review hints use.
    """

    version = models.ForeignKey(DocumentVersion, on_delete=models.CASCADE, related_name="comments")
    path = models.CharField("項目（JSONパス）", max_length=80)
    field_label = models.CharField("項目名", max_length=60)
    quoted = models.CharField("コメント時の記載（抜粋）", max_length=300, blank=True)
    body = models.TextField("コメント")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_label = models.CharField("コメントした人", max_length=200)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField("解決済みにした日時", null=True, blank=True)

    class Meta:
        verbose_name = "添削コメント"
        verbose_name_plural = "添削コメント"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.field_label}: {self.body[:30]}"
