"""translate_experience and evaluate_translator."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from bonavi.careers.models import SavedTranslation

from .conftest import DEV_SET

pytestmark = pytest.mark.django_db


def test_translate_experience_json(tmp_path, ref):
    a = tmp_path / "a.txt"
    a.write_text(
        "市民マラソンの実行委員会で会計補佐をしました。参加費の入金をスプレッドシートで管理し、"
        "予算に対する支出を毎月報告しました。",
        encoding="utf-8",
    )
    b = tmp_path / "b.txt"
    b.write_text("サークルでSNSの告知を担当し、イベントの記事を書いていました。", encoding="utf-8")
    out = StringIO()
    call_command("translate_experience", "--format", "json", str(a), str(b), stdout=out)
    results = json.loads(out.getvalue())
    assert [r["file"] for r in results] == [str(a), str(b)]
    first = results[0]
    assert set(first) >= {"file", "families", "evidence", "appeal_points", "gaps"}
    assert first["families"][0]["family"] == "accounting"
    assert set(first["families"][0]) == {"family", "score", "why"}
    assert all(set(e) == {"span", "skill", "family"} for e in first["evidence"])
    assert all(e["span"] in a.read_text(encoding="utf-8") for e in first["evidence"])
    assert results[1]["families"][0]["family"] == "pr_ir"
    assert first["attribution"].startswith("出典：独立行政法人労働政策研究・研修機構")
    assert not SavedTranslation.objects.exists()


def test_translate_experience_text_and_unreadable_files(tmp_path, ref):
    good = tmp_path / "good.txt"
    good.write_text(
        "派遣で経理部の経費精算チェックをしました。領収書の金額を確認しました。", encoding="utf-8"
    )
    binary = tmp_path / "photo.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    english = tmp_path / "en.txt"
    english.write_text("I did the bookkeeping for a club.", encoding="utf-8")
    out = StringIO()
    with pytest.raises(CommandError) as exc:
        call_command(
            "translate_experience",
            "--format",
            "text",
            str(good),
            str(binary),
            str(english),
            str(tmp_path / "missing.txt"),
            stdout=out,
        )
    assert exc.value.returncode == 1
    text = out.getvalue()
    assert "「領収書の金額を確認しました」" in text or "領収書" in text
    assert (
        "バイナリ" in text and "日本語の文章が見つかりません" in text and "ファイルが見つかりません" in text
    )


def test_evaluate_translator_prints_the_figures(ref):
    out = StringIO()
    call_command("evaluate_translator", str(DEV_SET), stdout=out)
    text = out.getvalue()
    for label in ("職種 top-1", "職種 top-2", "根拠の逐語率", "正解スパンの再現率", "スパンの適合率"):
        assert label in text
    out = StringIO()
    call_command("evaluate_translator", str(DEV_SET), "--json", stdout=out)
    report = json.loads(out.getvalue())
    assert report["cases"] == 25 and report["evidence_verbatim"] == 1.0


def test_evaluate_translator_reports_a_broken_file(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(CommandError, match="JSON"):
        call_command("evaluate_translator", str(bad))
