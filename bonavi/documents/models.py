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
