"""The occupation reference (a processed copy of jobtag) and the results seekers choose to keep.

jobtag rows are reference data: `import_jobtag` (raw folder) or the committed snapshot fill them, nothing else
writes them. Saved results belong to one user and store the computed answer as JSON, so a later import of a
newer jobtag release never rewrites what the person saw when they saved it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class JobtagRelease(models.Model):
    """One imported jobtag release. The newest row is the one in use; `digest` changes when the content does."""

    version = models.CharField("IPDバージョン", max_length=16)  # "7.00"
    retrieved_at = models.DateField("ダウンロード日")
    digest = models.CharField("内容のハッシュ", max_length=64)
    source = models.CharField("取り込み元", max_length=32)  # "raw" or "snapshot"
    # Means and SDs across occupations for every numeric dimension, used for z-scores. Stored with the release
    # so that a result can be reproduced from the constants it was computed with.
    constants = models.JSONField("標準化の定数", default=dict)
    imported_at = models.DateTimeField("取り込み日時", auto_now=True)

    class Meta:
        verbose_name = "jobtag取り込み"
        verbose_name_plural = "jobtag取り込み"

    def __str__(self) -> str:
        return f"jobtag IPD ver.{self.version}（{self.retrieved_at:%Y-%m-%d}）"


class DimensionLabel(models.Model):
    block = models.CharField("区分", max_length=24)  # interests, work_values, skills, knowledge
    key = models.CharField("キー", max_length=48)
    ja = models.CharField("名称", max_length=64)
    en = models.CharField("英語名", max_length=96, blank=True)

    class Meta:
        verbose_name = "jobtag指標名"
        verbose_name_plural = "jobtag指標名"
        constraints = [models.UniqueConstraint(fields=["block", "key"], name="careers_label_block_key")]

    def __str__(self) -> str:
        return f"{self.block}:{self.key} {self.ja}"


class Occupation(models.Model):
    """One jobtag occupation with the blocks BOナビ uses. A numeric block is either complete or empty ({})."""

    jobtag_id = models.PositiveIntegerField("jobtag ID", primary_key=True)
    title = models.CharField("職業名", max_length=80)
    aliases = models.JSONField("別名", default=list)
    mhlw_code = models.CharField("厚生労働省編職業分類", max_length=16, blank=True)
    url = models.URLField("jobtagのページ", blank=True)
    summary = models.TextField("概要", blank=True)
    description = models.TextField("仕事の内容", blank=True)
    how_to_become = models.TextField("なるには", blank=True)
    tasks_lead = models.TextField("タスクの要約", blank=True)
    tasks = models.JSONField("タスク", default=list)  # [{"text", "importance", "execution_rate"}]
    interests = models.JSONField("興味", default=dict)
    work_values = models.JSONField("仕事価値観", default=dict)
    skills = models.JSONField("スキル", default=dict)
    knowledge = models.JSONField("知識", default=dict)
    education = models.JSONField("学歴の分布", default=dict)
    experience = models.JSONField("入職前の実務経験", default=dict)
    training_pre = models.JSONField("入職前の訓練期間", default=dict)
    related_certs = models.JSONField("関連資格", default=list)
    # stats.json (jobtag's pages, April 2026). Several occupations share one survey group: `pay_group` holds
    # the ids of every occupation with the same (annual wage, workers) pair, so pages can say so.
    salary_man_yen = models.FloatField("年収（万円）", null=True, blank=True)
    workers = models.PositiveIntegerField("就業者数", null=True, blank=True)
    monthly_hours = models.PositiveIntegerField("月間労働時間", null=True, blank=True)
    average_age = models.FloatField("平均年齢", null=True, blank=True)
    recruit_wage_man_yen = models.FloatField("求人賃金（月額・万円）", null=True, blank=True)
    recruit_ratio = models.FloatField("有効求人倍率", null=True, blank=True)
    pay_group = models.JSONField("同じ賃金調査グループの職業", default=list)

    class Meta:
        verbose_name = "職業（jobtag）"
        verbose_name_plural = "職業（jobtag）"
        ordering = ["jobtag_id"]

    def __str__(self) -> str:
        return f"{self.jobtag_id} {self.title}"


class SavedAssessment(models.Model):
    """A 適職診断 result a signed-in seeker chose to keep (answers and the result as it was computed)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_assessments"
    )
    answers = models.JSONField("回答")
    result = models.JSONField("結果")
    constants_version = models.CharField("標準化定数の版", max_length=80)
    created_at = models.DateTimeField("保存日時", auto_now_add=True)

    class Meta:
        verbose_name = "保存した適職診断"
        verbose_name_plural = "保存した適職診断"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"適職診断 {self.user_id} {self.created_at:%Y-%m-%d}"


class SavedTranslation(models.Model):
    """An experience translation a signed-in seeker chose to keep: their own text and what was found in it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_translations"
    )
    text = models.TextField("経験の文章")
    target_jobtag_id = models.PositiveIntegerField("目標の職業", null=True, blank=True)
    result = models.JSONField("結果")
    created_at = models.DateTimeField("保存日時", auto_now_add=True)

    class Meta:
        verbose_name = "保存した経験の棚卸し"
        verbose_name_plural = "保存した経験の棚卸し"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"経験の棚卸し {self.user_id} {self.created_at:%Y-%m-%d}"
