"""The occupation classifier on the committed index: ranking, evidence, CLI contract."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from django.core.management import call_command

from bonavi.matching.classifier import default_classifier, quantise, split_sentences
from bonavi.matching.terms import bigrams, content_terms

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


def test_a_long_line_without_sentence_breaks_is_cut_into_pieces() -> None:
    """A pasted page with no 。 or line break: the embedder's time grows with the text (minutes for 60,000
    characters), so it gets bounded pieces, as many as normal sentences."""
    from bonavi.matching.classifier import MAX_SENTENCE_CHARS, MAX_SENTENCES, split_sentences

    pieces = split_sentences("経理 " * 20_000)
    assert 1 < len(pieces) <= MAX_SENTENCES
    assert max(len(p) for p in pieces) <= MAX_SENTENCE_CHARS
    assert split_sentences(ACCOUNTING) == [
        "請求書の発行と入金確認、会計ソフトへの仕訳入力を担当しました。",
        "月次決算の補助、経費精算のチェックも行いました。",
    ]


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "空のファイルです"),
        (b" \n\t\n", "空のファイルです"),
        (bytes(range(256)) * 4, "UTF-8 のテキストではありません"),
        ("経理事務".encode("shift_jis"), "Shift_JIS"),
        (b"\x00" * 100, "UTF-8 のテキストではありません"),
        ("経理".encode() * 200_000, "1MB を超えています"),
        (None, "ファイルが見つかりません"),
        ("dir", "フォルダです"),
    ],
)
def test_cli_says_in_japanese_why_a_file_cannot_be_read(tmp_path: Path, capsys, content, message) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ACCOUNTING, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    if content == "dir":
        bad.mkdir()
    elif content is not None:
        bad.write_bytes(content)
    with pytest.raises(SystemExit) as exit_:
        call_command("classify_occupation", "--lexical-only", "--format", "json", str(bad), str(good))
    assert exit_.value.code == 1
    captured = capsys.readouterr()
    assert message in captured.err and "Error" not in captured.err
    assert [r["file"] for r in json.loads(captured.out)] == [str(good)]  # the good file is still classified


def test_the_lean_posting_path_gives_the_classifiers_own_numbers() -> None:
    clf = default_classifier()
    for text in ["経理事務。請求書の発行と入金消込", "社内ヘルプデスク。PCのキッティング", "", "。"]:
        assert clf.lexical_top(text, top=3) == [
            (o.jobtag_id, o.score) for o in clf.classify(text, top=3, semantic=False)
        ]


def test_the_array_scorer_sums_exactly_as_the_loop_did() -> None:
    lex = default_classifier().lexical
    for text in ["給与計算と社会保険の手続き、年末調整", "契約書の審査・作成、株主総会の運営"]:
        q = lex.query_vector([t for s in split_sentences(text) for t in content_terms(s)])
        expected = np.zeros(lex.n)
        for t, x in q.items():
            for i, w in lex.postings.get(t, ()):
                expected[i] += x * w
        assert np.array_equal(lex.scores(q), expected)


def test_only_the_word_index_keeps_its_term_arrays() -> None:
    """The posting features read the word index for every posting: its per-term arrays are kept. The bigram index
    (person profiles, the re-ranker) would keep megabytes of them per process: it keeps none, and sums the same."""
    clf = default_classifier()
    text = "給与計算と社会保険の手続き、年末調整"
    grams = clf.bigram.query_vector(bigrams(text))
    expected = np.zeros(clf.bigram.n)
    for t, x in grams.items():
        for i, w in clf.bigram.postings.get(t, ()):
            expected[i] += x * w
    assert np.array_equal(clf.bigram.scores(grams), expected)
    assert not clf.bigram._arrays
    clf.lexical.scores(clf.lexical.query_vector(content_terms(text)))
    assert clf.lexical._arrays
