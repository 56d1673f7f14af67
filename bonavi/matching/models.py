"""What matching keeps in the database: the expensive part of a posting's features (ADR 0106)."""

from __future__ import annotations

from django.db import models

from bonavi.jobs.models import JobPosting


class PostingFeatures(models.Model):
    """The classified part of `services.job_facts` for one posting, so that a new process (every deploy, every
    worker) reads it instead of classifying the posting again. A row is used only while it is fresh: stamped with
    the posting's updated_at and the fingerprint of the classifier data and feature code it was computed with
    (`features_store.fingerprint()`); otherwise it is recomputed and overwritten. The cheap fields (place, pay,
    employment type …) are always read from the posting itself."""

    posting = models.OneToOneField(
        JobPosting,
        on_delete=models.CASCADE,  # a deleted posting takes its features with it
        primary_key=True,
        related_name="matching_features",
        verbose_name="求人",
    )
    posting_updated_at = models.DateTimeField("計算した時点の求人の更新日時")
    fingerprint = models.CharField("職業インデックスの指紋", max_length=16)
    occupations = models.JSONField("職業（jobtag ID と重み）", default=list)
    terms = models.JSONField("内容語", default=list)
    key_occupation = models.IntegerField("主な職業（jobtag ID）", null=True, blank=True)
    key_title = models.CharField("主な職業の名称", max_length=200, blank=True)
    computed_at = models.DateTimeField("計算日時", auto_now=True)

    class Meta:
        verbose_name = "求人のマッチング特徴量"
        verbose_name_plural = "求人のマッチング特徴量"

    def __str__(self) -> str:
        return f"求人 {self.posting_id} の特徴量"
