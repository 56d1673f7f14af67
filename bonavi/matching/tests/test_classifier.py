"""The occupation classifier on the committed index: ranking, evidence, CLI contract."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from django.core.management import call_command

from bonavi.matching.classifier import default_classifier, quantise

ACCOUNTING = "請求書の発行と入金確認、会計ソフトへの仕訳入力を担当しました。月次決算の補助、経費精算のチェックも行いました。"
HELPDESK = "社員からのパソコンやネットワークのトラブルの問い合わせに電話で対応し、アカウント発行やパスワードの再設定を行った。"


def test_accounting_text_ranks_accounting_clerk_first_with_its_words_as_evidence() -> None:
    result = default_classifier().classify(ACCOUNTING)
    assert result[0].title == "経理事務"
    assert result[0].mhlw_code == "06-038-03"
    words = result[0].why[0]
    assert words.startswith("一致した語：") and "会計" in words
    # the semantic evidence quotes a jobtag row of that occupation
    assert any("「" in w and "類似度" in w for w in result[0].why)
    assert sum(o.score for o in result) <= 1.0001


def test_helpdesk_text_ranks_it_support_in_top_three() -> None:
    titles = [o.title for o in default_classifier().classify(HELPDESK, top=3)]
    assert "ヘルプデスク（IT）" in titles


def test_lexical_only_mode_needs_no_embedder() -> None:
    result = default_classifier().classify(ACCOUNTING, semantic=False)
    assert "経理事務" in [o.title for o in result[:2]]
    assert all("類似度" not in w for o in result for w in o.why)


def test_empty_text_gives_no_occupations() -> None:
    assert default_classifier().classify("   ") == []


def test_int8_quantisation_keeps_cosines() -> None:
    rng = np.random.default_rng(1)
    emb = rng.normal(size=(50, 384)).astype(np.float32)
    emb /= np.linalg.norm(emb, axis=1, keepdims=True)
    q, scale = quantise(emb)
    back = q.astype(np.float32) * scale[:, None]
    cos = (back * emb).sum(1) / np.linalg.norm(back, axis=1)
    assert cos.min() > 0.99


def test_cli_json_lists_each_file_with_ranked_occupations(tmp_path: Path, capsys) -> None:
    a = tmp_path / "a.txt"
    a.write_text(ACCOUNTING, encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text(HELPDESK, encoding="utf-8")
    call_command("classify_occupation", str(a), str(b), "--format", "json")
    out = json.loads(capsys.readouterr().out)
    assert [r["file"] for r in out] == [str(a), str(b)]
    first = out[0]["occupations"][0]
    assert set(first) >= {"jobtag_id", "title", "score", "why"}
    assert first["jobtag_id"] == 430 and isinstance(first["why"], list)


def test_cli_refuses_unreadable_file_in_japanese(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00bad")
    proc = subprocess.run(
        [sys.executable, "-m", "bonavi", "classify_occupation", "--lexical-only", str(bad)],
        capture_output=True,
        text=True,
        env={"DJANGO_SETTINGS_MODULE": "config.settings.test", "PATH": "/usr/bin"},
        cwd=Path(__file__).resolve().parents[3],
        check=False,
    )
    assert proc.returncode == 1
    assert "読み込めません" in proc.stderr


@pytest.mark.parametrize("path", ["occupation_index.json.gz", "occupation_index.e5.npz"])
def test_index_files_are_committed_and_small(path: str) -> None:
    p = Path(__file__).resolve().parents[1] / "data" / path
    assert p.exists() and p.stat().st_size < 8_000_000
