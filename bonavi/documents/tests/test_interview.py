"""Question bank size and content, posting-drawn questions, and the offline answer feedback."""

from bonavi.documents.interview.bank import FAMILY_BANK, REVERSE_QUESTIONS, questions_for
from bonavi.documents.interview.feedback import analyse
from bonavi.documents.interview.posting import PostingText, posting_questions
from bonavi.jobs.catalog import FAMILIES


def test_every_family_has_at_least_25_distinct_questions():
    assert set(FAMILY_BANK) == set(FAMILIES)
    for family, questions in FAMILY_BANK.items():
        assert len(questions) >= 25, family
        assert len({q.text for q in questions}) == len(questions)
        themes = {q.theme for q in questions}
        assert {"経験", "志望動機", "転職理由", "強み・弱み", "未経験", "職種別"} <= themes
        assert all(q.frame in ("STAR", "PREP") for q in questions)
    assert any("月次決算" in q.text for q in FAMILY_BANK["accounting"])
    assert any("給与計算" in q.text for q in FAMILY_BANK["hr_labor"])
    assert len(REVERSE_QUESTIONS) >= 5


def test_inexperienced_questions_come_first_when_asked():
    assert questions_for("accounting", inexperienced=True)[0].theme == "未経験"


def test_questions_from_a_posting():
    p = PostingText(
        pk=7,
        title="経理スタッフ",
        family="accounting",
        duties="・仕訳入力と月次決算の補助\n・支払業務（月200件）\n・その他付随業務",
        required_experience="経理実務1年以上",
        required_qualifications="日商簿記2級",
        preferred_qualifications="FASS検定",
        inexperienced_welcome=False,
    )
    texts = [q.text for q in posting_questions(p)]
    assert any("仕訳入力と月次決算の補助" in t for t in texts)
    assert any("支払業務（月200件）" in t for t in texts)
    assert any("経理実務1年以上" in t for t in texts)
    assert any("日商簿記2級" in t for t in texts) and any("FASS検定" in t for t in texts)
    assert texts[-1].startswith("「経理スタッフ」に応募した理由")


def test_feedback_on_a_structured_answer():
    answer = (
        "前職では営業事務として月150件の請求書を担当していました。当時、締め日に入力ミスが多く発生していたことが課題でした。"
        "そこで私は入力後のダブルチェック表を作成し、チームで共有しました。その結果、ミスは月10件から2件に減りました。"
    )
    fb = analyse(answer, frame="STAR", family="accounting")
    assert fb.parts_missing == []
    assert fb.length_verdict == "短め" and fb.seconds == round(fb.chars / 300 * 60)
    assert "請求書" in fb.terms_used
    assert fb.vague == []


def test_feedback_flags_vague_repetitive_long_answers():
    answer = "色々な仕事を頑張りました。仕事では仕事の仕事を大切にしました。" * 20
    fb = analyse(answer, frame="PREP", family="hr_labor")
    assert fb.length_verdict == "長め"
    assert {w for w, _ in fb.vague} >= {"色々", "頑張"}
    assert fb.top_words[0][0] == "仕事"
    assert fb.terms_used == [] and fb.terms_suggested
    assert any("何度も" in a for a in fb.advice)
