"""Wording rules: age, sex, indirect discrimination, personal data and sign-up money (JAPAN-RULES §3, §4, §7, §10).

They read the posting's free texts. Each pattern is written to catch a *demand* or *preference* and to leave
statements of fact alone: 「20代歓迎」 is a violation, 「20代〜50代が活躍中」 is not; 「女性限定」 is, 「女性活躍中」
is not; 「本籍地を記入」 is, 「本籍地の記入は不要です」 is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .context import Context
from .findings import Finding
from .scan import Hit

# --------------------------------------------------------------------------------------------------------
# Age (労働施策総合推進法9条, 施行規則1条の3第1項)

_AGE = r"(?:歳|才)"
# The nouns that name a person: after an age or sex word (「20代の経理スタッフ」「女性の方」, ADR 0120) and after 「若い」
_PERSON_NOUN = r"スタッフ|社員|職員|事務員|人材|メンバー|担当者|担当|アシスタント|オペレーター|パート|アルバイト|仲間|女性|男性|方々|方|人"
AGE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("range", re.compile(rf"(?<![\d.,])(?:満)?(?P<lo>\d{{2}})\s*{_AGE}?\s*(?:~|-|から|以上)\s*(?:満)?(?P<hi>\d{{2}})\s*{_AGE}"
                         rf"(?P<q>まで|以下|未満|迄|位まで|くらいまで)?")),
    ("upper", re.compile(rf"(?<![\d.,~\-])(?:満)?(?P<hi>\d{{2}})\s*{_AGE}\s*(?P<q>まで|以下|未満|迄|位まで|くらいまで|ぐらいまで|程度まで|"
                         rf"前後まで|を上限|が上限|を超えない|以内|に満たない)")),
    ("upper", re.compile(rf"(?:年齢|対象)[^\n。\d]{{0,6}}?(?:~|-)\s*(?P<hi>\d{{2}})\s*{_AGE}(?!\s*(?:以上|~))")),
    ("lower", re.compile(rf"(?<![\d.,~\-])(?:満)?(?P<lo>\d{{2}})\s*{_AGE}\s*(?P<q>以上|超|から|を超える|より上)(?!\s*\d)")),
    ("around", re.compile(rf"(?<![\d.,~\-])(?P<n>\d{{2}})\s*{_AGE}\s*(?:前後|位|くらい|ぐらい|程度)(?!まで)")),
    ("birth", re.compile(r"(?:(?:19|20)\d{2}\s*年|(?:昭和|平成)\s*\d{1,2}\s*年)\s*(?:\d{1,2}\s*月\s*(?:\d{1,2}\s*日)?)?\s*"
                         r"(?:以降|以後|以前|より後|より前)\s*(?:に)?(?:お)?生まれ")),
    ("decade", re.compile(r"(?P<d1>[1-9]0)\s*(?:代)?\s*(?:~|-|から)\s*(?P<d2>[1-9]0)\s*代(?:\s*(?P<half>前半|後半|半ば|中盤))?"
                          r"|(?P<d3>[1-9]0)\s*代(?:\s*(?:・|、|と|や|または|又は|もしくは|,)\s*(?P<d4>[1-9]0)\s*代)?"
                          r"(?:\s*(?P<half2>前半|後半|半ば|中盤))?")),
    # 「若い」 + a person, whatever noun names her (「若い女性」「若い経理スタッフ」「若い子」), not a listed few: the walk of
    # session 15 found 「若い女性が活躍中」 passing while 「若い方が活躍中」 warned. The noun may carry a short job
    # word before it; 「若いうちから」「若い会社」「平均年齢が若い職場」 name no person.
    # 「若くて元気な方」「若々しい方」 say the same with an adjective between (hiragana allowed there: 「元気な」); 「若くても」
    # (even if young) welcomes, and is left.
    ("young", re.compile(r"若い(?P<person>[一-龥ァ-ヶー]{0,6}(?:" + _PERSON_NOUN + r")|世代|力|仲間|女の子|男の子|子(?!供|ども|育))"
                         r"|(?:若くて(?!も)|若々しい)(?P<person2>[一-龥ぁ-んァ-ヶー]{0,6}?(?:" + _PERSON_NOUN + r"))"
                         r"|若年(?:者|層)|ヤング(?!ミドル)")),
    ("soft", re.compile(r"若手|ミドル(?:層|世代)?|中高年|ヤングミドル|アラサー|アラフォー|アラフィフ|アラカン")),
)  # fmt: skip
_FACT_AFTER = re.compile(
    r"^(?:の|が|も|は|・)?\s*(?:方|人|スタッフ|社員|メンバー|先輩|女性|男性|従業員|職員|世代)?\s*(?:が|も|を中心に|中心に|は)?\s*"
    r"(?:多数|多く|幅広く|幅広い)?\s*(?:が)?\s*(?:活躍|在籍|働|勤務|中心|多い|多数|います|所属|占め|構成|勤め)"
)
_FACT_LATER = re.compile(r"^[^。\n]{0,16}?(?:活躍|在籍|所属|働いて|勤務して|勤めて|います|多数|中心の職場)")
# 「18歳未満の深夜業は禁止」: a sentence about the law, not a limit on applicants
_LAW_STATEMENT_AFTER = re.compile(
    r"^(?:の(?:方|者|年少者)?)?(?:は|が|の)?[^\n。]{0,12}?(?:禁止|できません|できない|就けない|不可|就業制限|従事させ)"
)
_LIMIT_AFTER = re.compile(
    r"^(?:の方|の人|の方々)?\s*(?:まで|以下|限定|のみ|に限る|に限ります|に限定|を対象|が対象|対象)"
)
_PREF_AFTER = re.compile(
    r"^(?:の方|の人|の若手|のスタッフ|の社員|の仲間|の皆さん|の人材|層|の?(?:女性|男性|女子|男子))?\s*(?:を|が|も)?\s*(?:歓迎|大歓迎|優遇|優先|希望|募集|向け|向き|"
    r"望ましい|求む|求めて|採用|中心に募集|を想定|想定|歓迎します|活躍できる|積極採用|大募集|ウェルカム|OK|応援)"
)
_OLDER_TOO = re.compile(
    r"シニア|高齢|中高年|ミドル|ベテラン|(?<!\d)[4-9]0\s*代|幅広|年齢を問わ|年代を問わ|さまざまな年代|様々な年代|各年代|全年代"
)
_REQUIREMENT_LINE = re.compile(r"応募資格|対象|求める|年齢|条件|要件|募集|方\s*$|の方")
_SKIP_BEFORE = re.compile(
    r"再雇用|継続雇用|雇用延長|勤務延長|定年後|嘱託|平均年齢|平均|お子|子ども|子供|小学|中学|高校生以下|育児|介護|勤続"
)
_NEGATED = re.compile(r"不問|問いません|問わ|関係なく|制限なし|制限はありません")

# --------------------------------------------------------------------------------------------------------
# Whom an age or sex word names: the person the ad wants, or people already there (ADR 0120)
#
# A wish right after the word (「20代歓迎」「女性限定」) is read by each rule's own patterns. Without one, the
# phrase the word heads — the word and the person noun it is attached to (「20代の経理スタッフ」「女性の方」) — is
# read by what follows it: a phrase standing alone (a title, a bracket, a line or a sentence of its own) is the
# person the ad asks for, which is how ads write 求める人物像; its own fact verb (「が活躍中」「が在籍」) or a count
# states who works there; any other particle makes it a part of someone else's sentence (「20代の先輩が教えます」
# 「女性の方も安心」); 「向け」 and customer words make them customers.

# The person noun after the word: 「の経理スタッフ」「の方」「スタッフ」; never the start of a longer word (「方向け」
# 「人事」), hence the look-ahead.
# 「女性事務員の方」: a polite 「の方」 after the noun is the same person (else 「の方を募集」 read as another clause).
# 「20代の若手の方」: 若手 is no person noun of its own (ADR 0120 reads 「若手社員」 as a rank at work), but after an age
# band it heads the person as a noun would (ADR 0152), so the band is read as naming that person.
_PERSON_PHRASE = re.compile(
    rf"(?:の)?(?:[一-龥ァ-ヶーA-Za-z]{{0,8}}?(?:{_PERSON_NOUN})|若手)(?![一-龥ァ-ヶー])(?:の(?:方々|方|人)(?![一-龥ァ-ヶー]))?"
)
_ROLE_WISH = re.compile(
    r"^\s*(?:の(?:ご)?応募|からの(?:ご)?応募|のエントリー)?\s*(?:を|が|も)?\s*(?:大?歓迎|優遇|優先|希望|大?募集|求む|求めて|"
    r"お待ち|待って|積極採用|採用します|が望ましい|望ましい|が理想|理想|が好ましい|好ましい|にぴったり|に最適|向けの(?:お)?仕事|"
    r"向きの(?:お)?仕事|限定|のみ|に限る|に限ります|"
    # 「男性向き」「20代向きです」 ending its phrase: whom the job suits, the wish (ADR 0152); 「女性向きのデザイン」 is
    # read before this as customers (_ROLE_AUDIENCE_AFTER)
    r"向き(?=\s*(?:$|[。!?！？、,)）]|です|だと)))"
)
_ROLE_FACT = re.compile(
    r"^\s*(?:が|も|は)?\s*(?:多数|多く|幅広く|たくさん)?\s*(?:活躍|在籍|働いて|勤務して|勤めて|中心|多い|多数|います|所属|占め|構成)"
)
_ROLE_COUNT = re.compile(r"^\s*\d+\s*(?:名|人)")
_ROLE_ALONE = re.compile(r"^\s*(?:$|[。!?！？)）】」』/／|｜\[(（【「]|です|でしょう)")
_ROLE_LIST = re.compile(r"^\s*[、,・]")
# The other items of a list up to its end: short phrases of persons (「、30代の方」「・シニアの方」), nothing that
# starts a clause of its own.
_LIST_END = re.compile(rf"^(?:\s*[、,・]\s*[^、,・。!?！？\n]{{0,12}}?(?:{_PERSON_NOUN}|代|層|者))+")
# 「（就業者 30代）」「（社員・20代）」「山田さん（女性・30代）」: whose words these are, not whom the ad wants.
_VOICE_BEFORE = re.compile(
    r"(?:[(（]\s*(?:就業者|社員|従業員|スタッフ|先輩|代表(?:取締役)?|店長|所長|部長|課長|係長|主任|入社\d+年目|[一-龥ァ-ヶー]{1,8}(?:担当|職))"
    r"|(?:さん|氏|\d+\s*年目)\s*[(（])\s*[・、/,\s]?\s*(?:(?:女性|男性)\s*[・、/,\s]?\s*)?$"
)
# 「20代の女性向け商品」「女性の方向けのサービス」 (the person noun, if any, runs into 向け)
_ROLE_AUDIENCE_AFTER = re.compile(
    r"^(?:の)?[^\s。、\n]{0,10}?(?:向け|向き)(?:の)?\s*(?!(?:お)?仕事|求人|職|ポジション|募集|案件)[一-龥ァ-ヶーA-Za-z]"
)
_CUSTOMERS = re.compile(
    r"顧客|お客|利用者|ユーザー|会員|読者|視聴者|受講|患者|入居者|生徒|来店|購入者|ターゲット|利用客|客層|消費者|ファン"
)
# 「配属先：20代の経理スタッフ2名」「チームは20代の社員」: the team described, right before the phrase.
_TEAM_BEFORE = re.compile(
    r"(?:(?:配属先?|構成|チーム|部署|職場|メンバー|先輩|上司|担当者?|教育係|指導係|トレーナー|内訳|在籍者?|社員数|従業員数|スタッフ)"
    r"\s*(?:[:：】]|は|には|に|の)"
    r"|(?:スタッフ|社員|先輩|メンバー)(?:紹介|の声|インタビュー)\s*[:：】]?)\s*\S{0,10}$"
)
# Qualities of character are what an ad asks of applicants: 「明るく元気な女性の方、若い方が活躍中」 wants a woman
# even though the sentence goes on to a fact.
_QUALITIES_BEFORE = re.compile(
    r"(?:明る|元気|素直|真面目|まじめ|誠実|優し|やさし|笑顔|丁寧|責任感|意欲|やる気|前向き|ハキハキ|はきはき|気配り|気が利|"
    r"几帳面|協調性|向上心|明朗|快活|活発|かわい|可愛|きれい|綺麗|美人|爽やか|さわやか)[^、。\n]{0,8}$"
)


@dataclass(frozen=True)
class _Role:
    kind: str  # "wanted" (alone or with a wish), "fact", "customers", or "other" (a part of another sentence)
    end: int  # in Scan.text: the end of the person phrase (or of the wish that follows it)


def _sentence_before(hit: Hit, n: int = 30) -> str:
    before = hit.before(n)
    return re.split(r"[。!?！？]", before)[-1]


def _group_role(hit: Hit, pos: int | None = None) -> _Role:
    """Whom the age or sex word at `hit` (ending at `pos`, by default the match's end) names, read from the words
    after it and the words of its sentence before it."""
    scan = hit.scan
    end = hit.match.end() if pos is None else pos
    before = _sentence_before(hit)
    rest = scan.line_rest(end, 60)
    if _ROLE_AUDIENCE_AFTER.match(rest) or _CUSTOMERS.search(before):
        return _Role("customers", end)
    phrase = _PERSON_PHRASE.match(rest)
    if phrase:
        end += phrase.end()
        rest = rest[phrase.end() :]
    wish = _ROLE_WISH.match(rest)
    if wish:
        return _Role("wanted", end + wish.end())
    if _ROLE_FACT.match(rest) or _ROLE_COUNT.match(rest):
        return _Role("fact", end)
    bracket = re.match(r"^\s*[(（][^()（）\n]{0,30}[)）]", rest)
    if bracket:
        # 「女性スタッフ（20代〜40代）が活躍中」: what follows the bracket says whom the phrase names
        after = rest[bracket.end() :]
        if _ROLE_FACT.match(after) or _ROLE_COUNT.match(after):
            return _Role("fact", end)
        if re.match(r"^\s*(?:が|は|も|と|に|で|の|を|から|より|へ)", after):
            return _Role("other", end)
    if _ROLE_ALONE.match(rest):
        described = _TEAM_BEFORE.search(before) or _VOICE_BEFORE.search(before)
        return _Role("fact" if described else "wanted", end)
    if _ROLE_LIST.match(rest):
        # One predicate at the end of a list is said of every item: 「女性の方、シニアの方が活躍中」 is a fact,
        # 「20代の方、30代の方を募集」 a wish; the qualities of a person make her the wanted one whatever follows.
        if _QUALITIES_BEFORE.search(before):
            return _Role("wanted", end)
        tail = _LIST_END.match(rest)
        if tail and _ROLE_WISH.match(rest[tail.end() :]):
            return _Role("wanted", end)
        return _Role("other", end)
    return _Role("other", end)


# 求める人物像 is, by what the field is for, the person the employer wants (ADR 0138): an age word heading a person
# there (「若手の方」「20代の方で」「若手で意欲のある方」) is that wish even with no 歓迎/募集 after it and when the
# sentence goes on (「若手の方、…を求める方」). Its own fact verb (「が活躍中」), a team or a voice still describe
# people there; another noun with another particle (「若手社員と協力できる方」「20代の先輩が教えます」) names someone
# the applicant will work with, not the applicant. 「若手でも」 (even if young) welcomes and is left.
IDEAL_CANDIDATE = "ideal_candidate"
_IDEAL_POLITE_PERSON = re.compile(r"(?:方々|方|人)$")
_IDEAL_WANTED_AFTER = re.compile(r"^\s*(?:で(?!も|す|き|は)|であれば|なら|[、,・])")
# 「若手の方と一緒に」「20代の方を指導できる方」: the people the applicant will work with
_IDEAL_COLLEAGUES_AFTER = re.compile(r"^\s*(?:と|を|から|より)")
# 「若手、中堅、ベテランが在籍」: a list that ends in a fact describes the staff, in this field too
_IDEAL_LIST_FACT = re.compile(r"活躍中|活躍して|在籍|所属|働いて|勤務して|が多い|が中心")


def in_ideal_candidate(ctx: Context, hit: Hit) -> bool:
    """The hit stands in 求める人物像: the posting's field, or a pasted ad's 【求める人物像】 section (ADR 0152)."""
    if hit.field == IDEAL_CANDIDATE:
        return True
    return any(key == hit.field and a <= hit.start < b for key, a, b in ctx.facts.ideal_candidate_spans)


def _wanted_role(ctx: Context, hit: Hit, pos: int | None = None) -> _Role:
    """Whom the age or sex word at `hit` (ending at `pos`) names (`_group_role`), and in 求める人物像 the wanted
    person whenever it heads one: ADR 0138 for age words, ADR 0152 for sex words — 「女性の方で、…」 there is the
    wish that 「明るい女性の方」 is elsewhere, while 「女性が活躍中」 stays the fact it is in the body."""
    role = _group_role(hit, pos)
    if role.kind != "other" or not in_ideal_candidate(ctx, hit):
        return role
    phrase = hit.scan.text[(hit.match.end() if pos is None else pos) : role.end]
    rest = hit.scan.line_rest(role.end, 40)
    if _IDEAL_COLLEAGUES_AFTER.match(rest):
        return role
    if re.match(r"^\s*[、,・]", rest) and _IDEAL_LIST_FACT.search(re.split(r"[。!?！？]", rest)[0]):
        return role
    if _IDEAL_POLITE_PERSON.search(phrase) or _IDEAL_WANTED_AFTER.match(rest):
        return _Role("wanted", role.end)
    return role


# 「20代の若手が中心」「若手が中心の職場」: the staff's make-up said as one narrow age group (ADR 0138). Written as a
# fact, and facts about who works there are accepted (JAPAN-RULES §3: 「20代〜50代が活躍中」); but one narrow group as
# the centre is the indirect age signal a seeker reads as the age the job is for. A warning, whose fix is to say no
# age or the real breadth. The words between may only name people (「の若手社員が」), so 「若手社員の育成を中心に」
# (the work) is not it, and a customer word before it (「お客様は20代が中心」) names customers.
_WORKFORCE_CENTER = re.compile(
    rf"^(?:の)?(?:[一-龥ァ-ヶー]{{0,6}}?(?:{_PERSON_NOUN}|若手|世代|層|年代))?\s*(?:が|を|は)?\s*中心(?!地|部|街|駅|的)"
)
# Other ages said beside it make the sentence one of breadth (「20代を中心に幅広い年代が活躍」「若手からベテランまで」)
_OTHER_AGES = re.compile(
    r"シニア|高齢|中高年|ミドル|ベテラン|(?<!\d)[1-9]0\s*代|幅広|年齢を問わ|年代を問わ|さまざまな年代|様々な年代|各年代|全年代"
)


def _workforce_center(ctx: Context, hit: Hit, kind: str) -> Finding | None:
    """The age word at `hit` said of the staff's centre (「20代の若手が中心」): the warning, or None."""
    center = _WORKFORCE_CENTER.match(hit.after(24))
    if center is None:
        return None
    if kind == "decade":
        low = hit.match.group("d1") or hit.match.group("d3")
        high = hit.match.group("d2") or hit.match.group("d4") or low
        if abs(int(high) - int(low)) > 10:
            return None  # 「20代〜50代が中心」: a breadth of ages, the lawful fact
    if _CUSTOMERS.search(_sentence_before(hit)):
        return None
    span = hit.scan.span_hit(hit.match.start(), hit.match.end() + center.end())
    sentence = hit.sentence().replace(span.match.group(0), "", 1)
    if _OTHER_AGES.search(sentence):
        return None
    return ctx.finding(
        "age-preference",
        f"「{span.evidence}」は職場の事実の紹介の形ですが、今いる人を狭い年齢層で示すと、その年齢の人を求める募集と"
        "受け取られるおそれがあります（労働施策総合推進法9条）。警告です（公開はできます）が、書き直してください。",
        severity="warning",
        hit=span,
        item="年齢",
        suggestion="「年齢を問わず活躍できる職場です」のように年齢に触れずに書くか、"
        "「20代〜50代のスタッフが活躍中」のように実際の年齢層を幅広く書いてください。",
    )


_EXCEPTION_MARKERS: dict[str, re.Pattern[str]] = {
    "1": re.compile(r"1号|定年"),
    "2": re.compile(
        r"2号|法令|法律|労働基準法|労基法|条例|深夜|年少者|危険有害|警備業法|酒類|たばこ|喫煙|未成年|法により|法の規定|道路交通法"
    ),
    "3i": re.compile(
        r"3号イ|キャリア形成|長期勤続|(?:職務)?経験(?:は)?不問|経験を問わ|未経験(?:者)?(?:可|歓迎|OK)|新卒|若年者等"
    ),
    "3ro": re.compile(r"3号ロ|少な|手薄|年齢構成|偏り|不足|空洞|年齢層が"),
    "3ha": re.compile(r"3号ハ|芸術|芸能|表現の真実性|役柄|子役"),
    "3ni": re.compile(r"3号ニ|国の施策|就職氷河期|雇用施策|特定の年齢層の雇用|高年齢者|雇用促進"),
}
_EXPERIENCE_DEMAND = re.compile(
    r"経験者(?!優遇|歓迎|尚可|優先)|経験\s*\d+\s*年以上|実務経験(?:が|の)?(?:ある|必須|必要)|経験必須|経験のある方|経験をお持ちの方"
)
_EXCEPTION_NAMES = {
    "1": "1号（定年年齢を上限）", "2": "2号（法令による制限）", "3i": "3号イ（若年者の長期キャリア形成）",
    "3ro": "3号ロ（特定の年齢層が少ない職種）", "3ha": "3号ハ（芸術・芸能の表現の真実性）", "3ni": "3号ニ（60歳以上・国の施策）",
}  # fmt: skip


# 3号ハ lets a role's age be cast truthfully (an actor, a model). Every posting here is a back-office job, and
# the public check is for such postings too, so no reason makes it fit: refused whatever the reason says. The
# one authority for this: the posting form and the API (jobs.validation), the JSON import, the CLI and /check/
# (through exception_problem) all ask it, so they cannot answer differently.
_NEVER_FOR_BACK_OFFICE: dict[str, str] = {
    "3ha": "3号ハ（芸術・芸能の表現の真実性）は俳優・モデルなどの役柄のための例外で、事務職の求人には使えません。",
}


def age_exception_refusal(code: str) -> str | None:
    """Why the exception `code` can never cover a posting on this (back-office) job board, or None."""
    return _NEVER_FOR_BACK_OFFICE.get(code)


@dataclass(frozen=True)
class AgeBounds:
    lo: int | None  # inclusive
    hi: int | None  # inclusive


def exception_problem(ctx: Context, bounds: AgeBounds, code: str, reason: str) -> str | None:
    """Why the exception `code` does not cover these bounds, or None when it does (JAPAN-RULES §3)."""
    refusal = age_exception_refusal(code)
    if refusal is not None:
        return refusal
    f = ctx.facts
    lo, hi = bounds.lo, bounds.hi
    fixed = f.fixed_term is True
    if code == "1":
        retirement = f.retirement_age
        m = re.search(r"定年(?:制)?[^\d\n。]{0,8}?(\d{2})\s*(?:歳|才)", reason)
        if m:
            retirement = int(m.group(1))
        if hi is None or lo is not None:
            return "1号は定年年齢を上限とする場合だけに使えます。"
        if fixed:
            return "1号は期間の定めのない労働契約の場合だけに使えます。"
        if retirement is None:
            return "1号を使うには定年年齢（例：定年60歳）を明記してください。"
        if hi != retirement - 1:
            return f"1号の上限は定年年齢（{retirement}歳）未満、つまり「{retirement}歳未満」にしてください。"
        return None
    if code == "2":
        if lo is None or hi is not None:
            return "2号は法令で一定年齢未満の就業が禁止されている場合の下限にだけ使えます。"
        return None
    if code == "3i":
        if hi is None:
            return "3号イは上限年齢を設ける場合の例外です。"
        if lo is not None and lo > 18:
            return "3号イでは下限年齢を設けられません。"
        if fixed:
            return "3号イは期間の定めのない労働契約の場合だけに使えます。"
        if f.experience_required is True or _EXPERIENCE_DEMAND.search(reason):
            return "3号イは職務経験を問わない募集だけに使えます（経験者を求める募集では使えません）。"
        return None
    if code == "3ro":
        if lo is None or hi is None:
            return "3号ロは30〜49歳の範囲で上限と下限を設ける場合の例外です。"
        if lo < 30 or hi > 49:
            return "3号ロの年齢幅は30歳〜49歳の中に収める必要があります。"
        if not 5 <= hi - lo + 1 <= 10:
            return "3号ロの年齢幅は5〜10歳にする必要があります。"
        if fixed:
            return "3号ロは期間の定めのない労働契約の場合だけに使えます。"
        return None
    if code == "3ni":
        if (lo is not None and lo >= 60 and hi is None) or re.search(
            r"国の施策|就職氷河期|雇用施策|雇用促進", reason
        ):
            return None
        return "3号ニは60歳以上の方を対象とする場合か、国の施策の対象となる年齢層に限る場合の例外です。"
    return "不明な例外事由です。"


def _exception_ok(
    ctx: Context, bounds: AgeBounds, reason: str, declared: str | None = None
) -> tuple[bool, str]:
    """(covered, explanation). 60歳以上 is always lawful (3号ニ); otherwise a stated exception must fit."""
    if bounds.lo is not None and bounds.lo >= 60 and bounds.hi is None:
        return True, ""
    codes = [declared] if declared else [c for c, pat in _EXCEPTION_MARKERS.items() if pat.search(reason)]
    if not codes:
        return False, "法令上の例外事由（施行規則1条の3第1項）とその理由が示されていません。"
    problems = []
    for code in codes:
        problem = exception_problem(ctx, bounds, code, reason)
        if problem is None:
            return True, ""
        problems.append(f"{_EXCEPTION_NAMES[code]}：{problem}")
    return False, " ".join(problems)


def _bounds(kind: str, m: re.Match[str]) -> AgeBounds | None:
    g = m.groupdict()
    q = g.get("q") or ""
    if kind == "range":
        lo, hi = int(g["lo"]), int(g["hi"])
        if hi <= lo:
            return None
        return AgeBounds(lo, hi - 1 if q == "未満" else hi)
    if kind == "upper":
        hi = int(g["hi"])
        return AgeBounds(None, hi - 1 if q in ("未満", "に満たない") else hi)
    if kind == "lower":
        lo = int(g["lo"])
        return AgeBounds(lo + 1 if q in ("超", "を超える", "より上") else lo, None)
    if kind == "decade":
        d1 = g.get("d1") or g.get("d3")
        d2 = g.get("d2") or g.get("d4")
        half = g.get("half") or g.get("half2") or ""
        if not d1:
            return None
        low, high = int(d1), int(d2 or d1) + 9
        if half == "前半":
            high -= 5
        if half == "後半" and not d2:
            low += 5
        return AgeBounds(low, high)
    return None


def rule_age(ctx: Context) -> Iterator[Finding]:
    f = ctx.facts
    # Structured age limit (our form, the JSON import)
    if f.age_min is not None or f.age_max is not None:
        bounds = AgeBounds(f.age_min, f.age_max)
        shown = "".join(
            [f"{f.age_min}歳以上" if f.age_min else "", f"{f.age_max}歳以下" if f.age_max else ""]
        )
        reason = f.age_reason or ""
        field = "age_max" if f.age_max is not None else "age_min"
        if not f.age_exception and not (bounds.lo is not None and bounds.lo >= 60 and bounds.hi is None):
            yield ctx.finding(
                "age-limit",
                f"年齢制限（{shown}）に法令上の例外事由が選ばれていません。",
                item="年齢制限",
                field="age_exception",
                suggestion="年齢制限をやめるか、該当する例外事由（1号〜3号ニ）を選び、理由を記入してください。",
            )
        elif f.age_exception:
            ok, why = _exception_ok(ctx, bounds, reason, f.age_exception)
            if not ok:
                yield ctx.finding(
                    "age-limit",
                    f"年齢制限（{shown}）は選んだ例外事由の条件を満たしていません。{why}",
                    item="年齢制限",
                    field=field,
                    suggestion="条件を満たさない場合は年齢制限を外してください。",
                )
            elif not reason.strip():
                yield ctx.finding(
                    "age-limit",
                    f"年齢制限（{shown}）の理由が書かれていません。",
                    item="年齢制限の理由",
                    field="age_reason",
                    suggestion="例：「定年が60歳のため（期間の定めのない雇用）」",
                )
    if not ctx.scan:
        return
    seen: set[tuple[str, int]] = set()
    for kind, pattern in AGE_PATTERNS:
        for hit in ctx.scan.hits(pattern):
            key = (hit.field, hit.start)
            if key in seen:
                continue
            finding = _age_hit(ctx, kind, hit)
            seen.add(key)
            if finding is not None:
                # one finding per place: a range also matches as an upper limit
                seen.update((hit.field, p) for p in range(hit.start, hit.end))
                yield finding


def _title_age_fact(ctx: Context, hit: Hit, fact_end: int) -> Finding:
    """「経理事務（20代の女性活躍中）」: in the body 「20代が活躍中」 states who works there (ADR 0120), but the 求人タイトル
    is the line that says whom the job is for, so an age band there reads as the age wanted, whatever verb follows
    (ADR 0128, addendum s16). A warning: it is written as a fact, and a person must judge it."""
    end = hit.match.end() + fact_end
    tail = re.match(r"中|しています|しております", hit.scan.line_rest(end, 8))  # 「活躍」+「中」
    hit = hit.scan.span_hit(hit.match.start(), end + (tail.end() if tail else 0))
    sex = re.search(r"女性|男性", hit.evidence)
    return ctx.finding(
        "age-preference",
        f"求人タイトルの「{hit.evidence}」は事実の紹介の形ですが、タイトルは誰を募集するかを示す行なので、"
        "その年齢層を求める募集と受け取られるおそれがあります（労働施策総合推進法9条）。"
        + (
            f"「{sex.group(0)}」も添えられており、その年齢の{sex.group(0)}を求める募集と読まれやすくなります。"
            if sex
            else ""
        ),
        hit=hit,
        item="年齢",
        severity="warning",
        suggestion="タイトルから年齢や性別を外し、仕事の内容や条件（「未経験歓迎」「残業月10時間」など）で書いて"
        "ください。職場の様子は「仕事の魅力・職場の様子」に「20代〜50代のスタッフが活躍中」のように書けます。",
    )


def _soft_unwished(ctx: Context, hit: Hit) -> Finding | None:
    """「若手」「ミドル」 with no wish word after it: the person the ad asks for (「明るく元気な若手の方」 standing alone, in a
    list led by qualities of character, or anywhere in 求める人物像) is the same warning as 「若手歓迎」; said of the
    staff's centre (「若手が中心」), the workforce warning. 「若手社員が活躍中」「若手社員の育成」 pass (a rank at work,
    ADR 0120)."""
    role = _wanted_role(ctx, hit)
    if role.kind == "wanted":
        span = hit.scan.span_hit(hit.match.start(), role.end)
        return ctx.finding(
            "age-preference",
            f"「{span.evidence}」は求める人を年齢層で示しています。「{hit.evidence}歓迎」と同じく、求人メディアでは"
            "年齢差別として掲載を断られる表現です（労働施策総合推進法9条）。",
            severity="warning",
            hit=span,
            item="年齢",
            suggestion="「年齢を問わず、未経験から挑戦したい方」のように、年齢ではなく経験や意欲で書いてください。",
        )
    if role.kind == "customers":
        return None
    return _workforce_center(ctx, hit, "soft")


def _age_hit(ctx: Context, kind: str, hit: Hit) -> Finding | None:
    before = hit.before(14)
    after = hit.after(24)
    line = hit.line()
    if _SKIP_BEFORE.search(before) or (
        _NEGATED.search(hit.sentence()) and kind not in ("range", "upper", "lower")
    ):
        return None
    words = hit.evidence
    if kind in ("range", "upper", "lower", "around", "decade"):
        m = hit.match
        numbers = [int(x) for x in re.findall(r"\d{2}", m.group(0))]
        if numbers and min(numbers) < 15:
            return None  # children's ages (子育て支援 etc.), not the applicant's
    if kind == "decade":
        is_pref = bool(_PREF_AFTER.match(after))
        rest = hit.scan.line_rest(hit.match.end(), 40)
        fact = None if is_pref else (_FACT_AFTER.match(after) or _FACT_LATER.search(rest))
        if fact is not None and _in_title(ctx, hit):
            return _title_age_fact(ctx, hit, fact.end())
        center = None if is_pref else _workforce_center(ctx, hit, kind)
        if center is not None:
            return center
        if fact is not None:
            return None  # 「20代〜50代が活躍中」「20代から60代まで幅広く在籍」: a statement of fact
        role = _wanted_role(ctx, hit)
        if role.kind == "customers":
            return None  # 「20代の女性向け商品」「主なお客様は20代の方」: the customers, not the applicants
        is_limit = bool(_LIMIT_AFTER.match(after))
        wanted = role.kind == "wanted"  # 「20代の経理スタッフ」 as a title, 「20代の経理スタッフを募集」
        is_pref = (
            is_pref
            or wanted
            or (
                bool(re.match(r"^(?:の方|の人)?\s*(?:$|[。、!！)）]|\s)", after))
                and bool(_REQUIREMENT_LINE.search(line))
            )
        )
        if not (is_limit or is_pref):
            return None
        bounds = _bounds(kind, hit.match)
        reason = hit.lines_around(0, 1) + "\n" + (ctx.facts.age_reason or "")
        if bounds and _exception_ok(ctx, bounds, reason)[0]:
            return None
        rule = "age-limit" if is_limit else "age-preference"
        tail = _PREF_AFTER.match(after) or _LIMIT_AFTER.match(after)
        if tail:
            hit = hit.scan.span_hit(hit.match.start(), hit.match.end() + tail.end())
        elif wanted:
            hit = hit.scan.span_hit(hit.match.start(), role.end)
        words = hit.evidence
        return ctx.finding(
            rule,
            f"「{words}」は特定の年齢層に限る・優先する表現です（労働施策総合推進法9条）。",
            hit=hit,
            item="年齢",
            suggestion="年齢の記載を削除し、求める経験や能力で書いてください。"
            "事実として書くなら「20代〜50代のスタッフが活躍中」のような表現にします。",
        )
    if kind == "young":
        role = _wanted_role(ctx, hit)
        if role.kind == "customers":
            return None  # 「若い方向けのアプリ」
        wish = re.match(
            r"^[^\n。]{0,4}?(?:歓迎|募集|求|優遇|希望|限定|のみ|大歓迎|向け|向き|採用|積極|望まし|理想|好まし|限る|限ります|中心)",
            after,
        )
        if wish and not _FACT_AFTER.match(after):
            return ctx.finding(
                "age-preference",
                f"「{words}{wish.group(0)}」のように若い人を求める表現は年齢による差別にあたります。",
                hit=hit,
                item="年齢",
                suggestion="年齢に触れず「未経験歓迎」「職務経験不問」など仕事に即した表現にしてください。",
            )
        if role.kind == "wanted":  # 「明るく元気な若い方」: the person the ad asks for
            return ctx.finding(
                "age-preference",
                f"「{words}」は若い人を求める表現で、年齢による差別にあたります（労働施策総合推進法9条）。",
                hit=hit,
                item="年齢",
                suggestion="年齢に触れず「未経験歓迎」「職務経験不問」など仕事に即した表現にしてください。",
            )
        fact = _FACT_AFTER.match(after)
        if fact is None or _OLDER_TOO.search(hit.sentence()):
            return None  # 「シニアも若い世代も活躍中」: the breadth of ages is the fact
        # 「若い方が活躍中」 states a fact, but unlike 「20代〜50代が活躍中」 it names no ages anyone could check:
        # what it says is that young is what fits here. A person must judge it (ADR 0120).
        # 「若い女性が活躍中」: the sex half alone is a lawful fact (「女性が活躍中」, 均等法 guidance) and the sex rule
        # leaves it; the age half is this warning, which says so, lest the employer think the sex was the fault.
        sex = re.search(r"女性|男性", hit.match.group("person") or hit.match.group("person2") or "")
        hit = hit.scan.span_hit(hit.match.start(), hit.match.end() + fact.end())
        return ctx.finding(
            "age-preference",
            f"「{hit.evidence}」は事実の紹介の形ですが、年齢を示さずに若さだけを打ち出しており、"
            "若い人を求める募集と受け取られるおそれがあります。"
            + (
                f"「{sex.group(0)}が活躍中」だけなら職場の事実の紹介ですが、「若い」を添えると若い{sex.group(0)}を"
                "求める募集と受け取られやすくなります。"
                if sex
                else ""
            ),
            severity="warning",
            hit=hit,
            item="年齢",
            suggestion="職場を紹介するなら「20代〜50代のスタッフが活躍中」のように実際の年齢層を幅広く書くか、"
            "仕事の内容や働き方で表してください。",
        )
    if kind == "soft":
        pref = _PREF_AFTER.match(after)
        if pref is None or _FACT_AFTER.match(after):
            return _soft_unwished(ctx, hit)
        return ctx.finding(
            "age-preference",
            f"「{words}{pref.group(0).strip()}」は年齢層を示す表現で、求人メディアでは年齢差別として掲載を断られます。",
            severity="warning",
            hit=hit,
            item="年齢",
            suggestion="「未経験歓迎」「ブランクのある方歓迎」など、経験や状況で表してください。",
        )
    if kind == "birth":
        return ctx.finding(
            "age-limit",
            f"「{words}」は生年で応募者を限っており、年齢制限にあたります。",
            hit=hit,
            item="年齢制限",
            suggestion="生年による条件を削除してください。",
        )
    if kind == "around":
        if _FACT_AFTER.match(after):
            return None
        return ctx.finding(
            "age-preference",
            f"「{words}」は特定の年齢の人を想定した表現です（労働施策総合推進法9条）。",
            hit=hit,
            item="年齢",
            suggestion="年齢の目安を削除し、求める経験や能力で書いてください。",
        )
    bounds = _bounds(kind, hit.match)
    if bounds is None:
        return None
    if _NEGATED.search(after[:6]) or _LAW_STATEMENT_AFTER.match(after):
        return None
    reason = hit.lines_around(0, 1) + "\n" + (ctx.facts.age_reason or "")
    ok, why = _exception_ok(ctx, bounds, reason)
    if ok:
        return None
    return ctx.finding(
        "age-limit",
        f"「{words}」は年齢制限です。{why}",
        hit=hit,
        item="年齢制限",
        suggestion="年齢条件を削除してください。例外に当たる場合は「60歳未満（定年が60歳のため。"
        "期間の定めのない雇用）」「35歳未満（長期勤続によるキャリア形成のため。職務経験不問）」のように事由と理由を明記します。",
    )


# --------------------------------------------------------------------------------------------------------
# Sex (男女雇用機会均等法5条, 7条)

_GENDER_WORD = r"(?<![男女])(?P<sex>男性|女性|男子|女子|婦人)"
# What may follow the sex word and still name the same people (「女性の方」「女性スタッフ」「女子大生」); longest first,
# because `_SEX_WORD` has nothing after it to make the regex try a longer one.
_PERSON_SUFFIX = r"(?:の方々|の方|の人|のスタッフ|の社員|スタッフ|社員|従業員|大学生|大生|学生|高生|の)?"
_RESTRICT = re.compile(
    _GENDER_WORD + _PERSON_SUFFIX + r"\s*(?:を|が)?\s*"
    r"(?P<w>のみ|限定|に限る|に限ります|に限定|歓迎|大歓迎|優遇|優先|希望|募集|が望ましい|が理想|求む|積極採用|を積極的に採用|が好ましい|だけ|"
    r"が対象|を対象|向きの仕事|向けの仕事|向きのお仕事|向けのお仕事|向きの職種|向けの求人|の採用)"
)
_RESTRICT_FACT = re.compile(r"^(?:の職場|の部署|のチーム|の会社|で構成|が在籍|の環境|の社員で|スタッフ|社員)")
# A person the ad asks for, named by sex (「明るい女性の方」): a preference like 歓迎, which positive action with its
# stated basis may excuse for women.
_WANTED = "求める人物"
_WELCOME_WORDS = ("歓迎", "大歓迎", "優遇", "優先", "積極採用", "を積極的に採用", "希望", _WANTED)
_POSITIVE_ACTION_BASIS = re.compile(
    r"(?:女性|女子)[^\n。]{0,30}?(?:4割|40\s*%|40\s*パーセント|四割)[^\n。]{0,8}?(?:未満|を下回|に満たな|以下)|"
    r"(?:4割|40\s*%|四割)[^\n。]{0,6}?(?:未満|を下回|に満たな)[^\n。]{0,30}?女性|女性(?:労働者|社員|従業員)?が(?:男性と比べて)?相当程度少な"
)
_POSITIVE_ACTION_NAMED = re.compile(
    r"ポジティブ[・\s]?アクション|均等法\s*(?:第)?\s*8\s*条|男女雇用機会均等法\s*(?:第)?\s*8\s*条"
)
# The groups a posting may not single out when it welcomes people, each with the words that make the welcome
# cover both sexes. Only the bare word: what follows it (a wish word, or a list ending in one) is read by
# `_welcomed`, so 「主婦歓迎」 and 「主婦・ママさん歓迎」 are judged by one rule.
_HOUSEWIFE = re.compile(r"主婦(?!\s*\(\s*夫\s*\)|夫)(?:の方|さん|層|の皆さん)?")
_PARENT = re.compile(r"(?<!パパ)(?<!ママ)(?:働く)?(?P<p>ママ|パパ)(?:さん)?(?!ママ|パパ)")
_SEX_WORD = re.compile(_GENDER_WORD + _PERSON_SUFFIX)
# The words that name one sex, and the word that names both: a list holding a word of the other sex (or 男女)
# prefers neither, whichever kind of word (性別・主婦・親) each item is — 「主婦・男性歓迎」「女性・パパ歓迎」.
_SEX_NAMES = {
    "女": re.compile(r"女性|女子|婦人|主婦|ママ|母親|男女"),
    "男": re.compile(r"男性|男子|主夫|パパ|父親|男女"),
}
_GROUP_WISH = r"(?:歓迎|大歓迎|優遇|優先|限定|のみ|向け|向き|募集|OK|積極採用|に人気|応援|活躍できる)"
# One wish word at the end of a list is said of every item: 「主婦・ママさん歓迎」 welcomes 主婦 as much as
# ママさん, 「女性・シニア歓迎」 welcomes women; and a list that names both sexes (「男性・女性歓迎」「ママ・学生・パパ
# 歓迎」) prefers neither. Items are short and hold no particle that would make them a phrase (「女性と一緒に働く仲間を
# 募集」 is not a list), nor brackets (the list in 「一般事務（主婦・ママさん歓迎）」 ends at them).
_LIST_SEP = r"\s*(?:・|、|,|/|&|や|と|および|及び|または|又は)\s*"
_LIST_ITEM = r"[^・、,/&\s。\n()「」!?:をがにではもへと]{1,10}"
_LIST_TAIL = re.compile(
    rf"^(?P<items>(?:{_LIST_SEP}{_LIST_ITEM}?)*?)(?:の方|の皆さん|さん)?\s*(?:を|が|も)?\s*(?P<w>{_GROUP_WISH})"
)
_LIST_HEAD = re.compile(rf"(?:{_LIST_ITEM}{_LIST_SEP})+$")


@dataclass(frozen=True)
class _Welcome:
    hit: Hit  # from the group word to the wish word
    wish: str
    listed: bool  # the wish word ends a list the word is in, rather than following it
    whole: str  # the whole list, normalised: read for the words that name the other sex


def _welcomed(word: Hit) -> _Welcome | None:
    """The welcome said of the group word at `word`: a wish word right after it, or at the end of its list."""
    tail = _LIST_TAIL.match(word.after(60))
    if tail is None:
        return None
    head = _LIST_HEAD.search(word.before(40))
    return _Welcome(
        hit=word.scan.span_hit(word.match.start(), word.match.end() + tail.end()),
        wish=tail.group("w"),
        listed=bool(tail.group("items")),
        whole=(head.group(0) if head else "") + word.match.group(0) + tail.group(0),
    )


def _names_other_sex(welcome: _Welcome, word: Hit, sex: str) -> bool:
    """The list also names the other sex (or both), so its wish prefers neither. `sex` is the word's: 男 or 女.
    The word itself is left out, so 「主婦」 does not count as naming 「主夫」's other half."""
    rest = welcome.whole.replace(word.match.group(0), "", 1)
    return bool(_SEX_NAMES["女" if sex == "男" else "男"].search(rest))


def _names_other_sex_in(word: Hit, role: _Role, sex: str) -> bool:
    """The sentence around a wanted person also names the other sex (「女性の方、男性の方ともに歓迎」)."""
    around = _sentence_before(word) + word.scan.text[word.match.end() : role.end]
    rest = re.split(r"[。!?！？\n]", word.scan.line_rest(role.end, 40))[0]
    # 「明るい男性の方（当社の事務職は女性が4割未満のため）」: the basis of positive action names no one wanted
    said = _POSITIVE_ACTION_BASIS.sub("", around + rest)
    return bool(_SEX_NAMES["女" if sex == "男" else "男"].search(said))


def _wanted_in_ideal(ctx: Context, word: Hit, sex: str) -> Hit | None:
    """In 求める人物像, the span from a group word (主婦) to the end of the person it heads, when that person is the
    one wanted (`_wanted_role`) and the sentence names no one of the other sex; else None."""
    if not in_ideal_candidate(ctx, word):
        return None
    role = _wanted_role(ctx, word)
    if role.kind != "wanted" or _names_other_sex_in(word, role, sex):
        return None
    return ctx.scan.span_hit(word.match.start(), role.end)


def _in_list(word: Hit, welcome: _Welcome) -> str:
    """「の『主婦』」 when the word is one item of a longer list, so the message says which item is at fault."""
    return f"の「{word.evidence}」" if welcome.listed else ""


_GENDERED_TRAIT = re.compile(
    r"女性らしい|男性らしい|男らしい|女らしい|女子力|男気のある|女性ならでは|男性ならでは|女性特有の|男性特有の"
)
_NUMBERS_PER_SEX = re.compile(
    r"(?:男性|男子|男)\s*\d+\s*(?:名|人)[^\n。]{0,12}?(?:女性|女子|女)\s*\d+\s*(?:名|人)|"
    r"(?:女性|女子|女)\s*\d+\s*(?:名|人)[^\n。]{0,12}?(?:男性|男子|男)\s*\d+\s*(?:名|人)|"
    r"(?:男性|女性)[^\n。]{0,6}?\d[\d,]*\s*円[^\n。]{0,12}?(?:女性|男性)[^\n。]{0,6}?\d[\d,]*\s*円"
)
_SEX_FIELD = re.compile(
    r"性別\s*[:：]?\s*(?:男性|女性|男|女)(?!性?\s*(?:・|問わ|不問|いずれ|どちら))(?:のみ|限定)?"
)

_TITLE_WORDS: dict[str, str] = {
    "営業マン": "営業職", "セールスマン": "営業職・販売スタッフ", "営業ウーマン": "営業職", "ビジネスマン": "ビジネスパーソン",
    "カメラマン": "カメラマン（男女）・フォトグラファー", "ドアマン": "ドアスタッフ", "ガードマン": "警備スタッフ",
    "ベルボーイ": "ベルスタッフ", "ウェイトレス": "ホールスタッフ", "ウエイトレス": "ホールスタッフ", "ウェイター": "ホールスタッフ",
    "ウエイター": "ホールスタッフ", "スチュワーデス": "客室乗務員", "看護婦": "看護師", "保母": "保育士", "保父": "保育士",
    "保健婦": "保健師", "助産婦": "助産師", "家政婦": "家事代行スタッフ", "受付嬢": "受付スタッフ", "案内嬢": "案内スタッフ",
    "サービスマン": "サービススタッフ", "配達マン": "配達スタッフ", "営業レディ": "営業職", "キャンペーンガール": "キャンペーンスタッフ",
    "女中": "家事スタッフ", "OL": "事務職", "メッセンジャーボーイ": "メッセンジャー", "ボーイ": "ホールスタッフ",
    "レースクイーン": "イベントスタッフ", "事務員さん": "事務スタッフ",
}  # fmt: skip
_TITLE_WORD = re.compile(
    r"(?<![A-Za-z])(?:"
    + "|".join(sorted((re.escape(w) for w in _TITLE_WORDS if w != "OL"), key=len, reverse=True))
    + r"|OL(?![A-Za-z]))"
    r"|(?P<lady>[ァ-ヶー一-龥]{1,8})レディ(?!ー?ス|ネス|メイド)|(?P<girl>[ァ-ヶー]{2,8})ガール(?!ズ)"
)
_NEUTRAL_AFTER = re.compile(r"^\s*[(（]\s*(?:男女|男・女|男性・女性|女性・男性|性別不問)")
_SEXED_JOB = re.compile(
    r"(?<![男女])(?P<sex>女性|男性|女子|男子)(?:の)?(?P<job>秘書|事務員|事務スタッフ|一般事務|事務職|事務|受付|受付係|営業|営業職|営業スタッフ|経理|総務|"
    r"人事|スタッフ|社員|職員|アシスタント|オペレーター|販売員|店員|ドライバー|作業員|エンジニア|SE|パート|アルバイト|バイト|"
    r"コンシェルジュ|秘書室)"
)
_SEXED_JOB_ANYWHERE = ("秘書", "事務員", "受付", "受付係", "秘書室", "事務スタッフ", "事務職", "一般事務")


def _in_title(ctx: Context, hit: Hit) -> bool:
    f = ctx.facts
    if "title" in f.texts:
        return hit.field == "title"
    if not f.title or "title" not in f.sources:
        return False
    key, start, end = f.sources["title"]
    return hit.field == key and start <= hit.start < end


def _sexed_job_reported(ctx: Context, hit: Hit) -> bool:
    """rule_gendered_title reports this 「女性○○」 (a _SEXED_JOB hit): any of them in the title; elsewhere one of
    _SEXED_JOB_ANYWHERE, unless a fact (「女性事務員が活躍中」) or a particle (「女性事務員の方」) follows — then
    whom it names is for rule_gender_restriction to judge. The one test both rules ask, so a phrase is reported
    by exactly one of them."""
    if _in_title(ctx, hit):
        return True
    if hit.match.group("job") not in _SEXED_JOB_ANYWHERE:
        return False
    return not (_FACT_AFTER.match(hit.after(12)) or re.match(r"^\s*(?:が|も|は|の)", hit.after(3)))


def _gendered_title_covers(ctx: Context, word: Hit) -> bool:
    """The sex word begins a job name that rule_gendered_title reports."""
    m = _SEXED_JOB.match(ctx.scan.text, word.match.start())
    return m is not None and _sexed_job_reported(ctx, ctx.scan.hit(m))


def _title_hits(ctx: Context, pattern: re.Pattern[str]) -> Iterator[Hit]:
    """Hits inside the posting's title: the `title` field, or the title line of a pasted ad."""
    f = ctx.facts
    if "title" in f.texts:
        yield from ctx.scan.hits(pattern, fields=("title",))
        return
    if not f.title or "title" not in f.sources:
        return
    key, start, end = f.sources["title"]
    for hit in ctx.scan.hits(pattern, fields=(key,)):
        if start <= hit.start < end:
            yield hit


def rule_gendered_title(ctx: Context) -> Iterator[Finding]:
    if not ctx.scan:
        return
    seen: set[tuple[str, int]] = set()
    for hit in ctx.scan.hits(_TITLE_WORD):
        if _NEUTRAL_AFTER.match(hit.after(12)):
            continue
        word = hit.match.group(0)
        if hit.match.group("lady"):
            better = hit.match.group("lady") + "スタッフ"
        elif hit.match.group("girl"):
            better = hit.match.group("girl") + "スタッフ"
        else:
            better = _TITLE_WORDS.get(word, "")
        if word == "ボーイ" and re.search(r"[ァ-ヶ]$", hit.before(1)):
            continue  # part of a longer word (カウボーイ etc.)
        seen.add((hit.field, hit.start))
        yield ctx.finding(
            "gendered-title",
            f"「{hit.evidence}」は一方の性を表す職種名です（男女雇用機会均等法5条）。",
            hit=hit,
            item="職種名",
            suggestion=f"「{better}」のような性別を限定しない名称にするか、「{word}（男女）」としてください。",
        )
    for hit in _title_hits(ctx, _SEXED_JOB):
        seen.add((hit.field, hit.start))
        job = hit.match.group("job")
        yield ctx.finding(
            "gendered-title",
            f"職種名「{hit.evidence}」が性別を限定しています（男女雇用機会均等法5条）。",
            hit=hit,
            item="職種名",
            suggestion=f"「{job}」のように性別を外した職種名にしてください。",
        )
    for hit in ctx.scan.hits(_SEXED_JOB):
        if (hit.field, hit.start) in seen or not _sexed_job_reported(ctx, hit):
            continue
        yield ctx.finding(
            "gendered-title",
            f"「{hit.evidence}」は性別を限定した職種名です（男女雇用機会均等法5条）。",
            hit=hit,
            item="職種名",
            suggestion=f"「{hit.match.group('job')}」のように性別を外してください。",
        )


def rule_gender_restriction(ctx: Context) -> Iterator[Finding]:
    if not ctx.scan:
        return
    all_text = ctx.scan.text
    basis = bool(_POSITIVE_ACTION_BASIS.search(all_text))
    named = bool(_POSITIVE_ACTION_NAMED.search(all_text))
    for word in ctx.scan.hits(_SEX_WORD):
        sex = word.match.group("sex")
        welcome = _welcomed(word)
        direct = _RESTRICT.match(ctx.scan.text, word.match.start())
        if direct is not None:
            hit, w = ctx.scan.hit(direct), direct.group("w")
            if w in ("のみ", "だけ") and _RESTRICT_FACT.match(hit.after(6)):
                continue
            if _NEGATED.search(hit.after(6)) or re.search(r"問わず|不問|男女", hit.before(4)):
                continue
        elif welcome is not None and welcome.listed:
            hit, w = welcome.hit, welcome.wish  # 「女性・シニア歓迎」
        else:
            # 「明るい女性の方」「女性の方をお待ちしています」: the person the ad asks for, named by sex
            if _gendered_title_covers(ctx, word):
                continue  # 「女性事務員」: gendered-title says it, once
            role = _wanted_role(ctx, word, word.match.end("sex"))
            if role.kind != "wanted" or _names_other_sex_in(word, role, "女" if sex[0] in "女婦" else "男"):
                continue
            if _NEGATED.search(ctx.scan.line_rest(role.end, 8)) or re.search(r"問わず|不問", word.before(4)):
                continue
            if re.search(r"性別\s*[:：]?\s*$", word.before(6)):
                continue  # 「性別：女性の方」: the sex field's finding says it
            hit, w = ctx.scan.span_hit(word.match.start(), role.end), _WANTED
        women = sex.startswith(("女", "婦"))
        if welcome is not None and _names_other_sex(welcome, word, "女" if women else "男"):
            continue  # 「男性・女性歓迎」 prefers neither
        if women and w in _WELCOME_WORDS and basis:
            continue  # positive action with its stated basis (均等法8条)
        if w == _WANTED:
            message = f"「{hit.evidence}」は、求める人を性別で示しています（男女雇用機会均等法5条）。"
        else:
            message = f"「{hit.evidence}」は性別を限定・優先する募集です（男女雇用機会均等法5条）。"
        if women and w in _WELCOME_WORDS:
            message += (
                "女性を優遇できるのは、その職種の女性比率が4割を下回る場合のポジティブ・アクションとして、"
                "その旨を示したときだけです。"
                + (
                    "ポジティブ・アクションの記載はありますが、根拠（女性が4割未満であること）が示されていません。"
                    if named
                    else ""
                )
            )
        yield ctx.finding(
            "gender-restriction",
            message,
            hit=hit,
            item="性別",
            suggestion="性別に触れない表現にしてください（例：「性別不問」）。ポジティブ・アクションなら"
            "「当社の事務職は女性が4割未満のため、女性を積極的に採用しています（男女雇用機会均等法8条）」のように根拠を示します。",
        )
    for word in ctx.scan.hits(_HOUSEWIFE):
        welcome = _welcomed(word)
        if welcome is None:
            # 「主婦の方で、…」 in 求める人物像: the wanted person named as a woman, without 歓迎 (ADR 0152)
            wanted = _wanted_in_ideal(ctx, word, "女")
            if wanted is not None:
                yield ctx.finding(
                    "gender-restriction",
                    f"「{wanted.evidence}」は、求める人を女性だけを指す言葉で示しています（男女雇用機会均等法5条）。",
                    hit=wanted,
                    item="性別",
                    suggestion=f"「{word.evidence}」を「主婦（夫）」とするなど、男女どちらも対象にしてください。",
                )
            continue
        if _names_other_sex(welcome, word, "女"):
            continue
        hit = welcome.hit
        yield ctx.finding(
            "gender-restriction",
            f"「{hit.evidence}」{_in_list(word, welcome)}は女性だけを対象にした表現です。",
            hit=hit,
            item="性別",
            suggestion=f"「{word.evidence}」を「主婦（夫）」とするなど、男女どちらも対象にしてください。",
        )
    for word in ctx.scan.hits(_PARENT):
        p = word.match.group("p")
        welcome = _welcomed(word)
        if welcome is None or _names_other_sex(welcome, word, "女" if p == "ママ" else "男"):
            continue
        hit = welcome.hit
        other = "パパ" if p == "ママ" else "ママ"
        yield ctx.finding(
            "gender-restriction",
            f"「{hit.evidence}」{_in_list(word, welcome)}は一方の性の親だけを対象にした表現です。",
            hit=hit,
            item="性別",
            suggestion=f"「働く{p}・{other}歓迎」のように両方を対象にしてください。",
        )
    for hit in ctx.scan.hits(_GENDERED_TRAIT):
        yield ctx.finding(
            "gender-restriction",
            f"「{hit.evidence}」は性別による役割や適性を前提にした表現です。",
            hit=hit,
            item="性別",
            suggestion="「丁寧な対応ができる方」のように、求める行動や能力で書いてください。",
        )
    for hit in ctx.scan.hits(_NUMBERS_PER_SEX):
        yield ctx.finding(
            "gender-restriction",
            f"「{hit.evidence}」は男女で人数や条件を分けた募集です。",
            hit=hit,
            item="性別",
            suggestion="男女で分けずに募集人数・条件を示してください。",
        )
    for hit in ctx.scan.hits(_SEX_FIELD):
        yield ctx.finding(
            "gender-restriction",
            f"「{hit.evidence}」は応募者の性別を指定しています。",
            hit=hit,
            item="性別",
            suggestion="性別の指定を削除してください（「性別不問」）。",
        )


# --------------------------------------------------------------------------------------------------------
# Indirect discrimination (均等法7条): warnings, because a reasonable ground can justify them

_INDIRECT: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (
        re.compile(
            r"身長\s*(?:が)?\s*\d{2,3}(?:\.\d)?\s*(?:cm|センチ|㎝)?\s*(?:以上|以下|未満|まで|程度|超|前後)|身長(?:制限|の条件|要件|のある方|が高い方|の高い方|高め)"
        ),
        "身長の要件",
        "身長の条件を削除してください。制服のサイズなど業務上の理由がある場合も、身長で応募を制限しない方法を検討してください。",
    ),
    (
        re.compile(
            r"体重\s*(?:が)?\s*\d{2,3}\s*(?:kg|キロ|㎏)?\s*(?:以上|以下|未満|まで|程度)|体重(?:制限|の条件|要件)"
        ),
        "体重の要件",
        "体重の条件を削除してください。",
    ),
    (
        re.compile(
            r"\d{1,3}\s*(?:kg|キロ|㎏)\s*(?:以上|程度|前後|くらい|ほど)?\s*の?\s*(?:荷物|物|重量物|もの|商品|書類|段ボール|箱)?\s*を?\s*"
            r"(?:持て|持ち上げ|運べ|運搬でき|持つことができ|持ち運べ)|重(?:い|量)(?:荷物|物)?を?\s*(?:持て|運べ|持ち運べ|持ち上げられ)る|"
            r"体力(?:に自信のある|に自信がある|がある|必須|のある|が必要|に自信のある方|勝負)|腕力|体格(?:の良い|がいい|が良い|のいい|の大きい)"
        ),
        "体力の要件",
        "実際の作業内容（例：「10kg程度の書類箱を運ぶ作業が月数回あります」）を事実として書き、応募条件にはしないでください。",
    ),
    (
        re.compile(
            r"(?:転居を伴う|転居を要する|転居が必要な|全国への|全国|海外|国内外)?転勤(?:に|へ|も|が|は)?\s*(?:応じ(?:られ|る|て)|対応(?:でき|可能)|"
            r"可能な|できる|OK|を厭わない|をいとわない|が条件|が必須|前提|を前提|に抵抗のない|に抵抗がない)"
        ),
        "転勤の要件",
        "転勤に応じることを応募条件にせず、「転勤の可能性あり（全国の支店）」のように就業場所の変更の範囲として示してください。",
    ),
)


def rule_indirect(ctx: Context) -> Iterator[Finding]:
    if not ctx.scan:
        return
    for pattern, item, suggestion in _INDIRECT:
        for hit in ctx.scan.hits(pattern):
            if _NEGATED.search(hit.after(8)) or re.search(r"なし|ありません|不要", hit.after(4)):
                continue
            yield ctx.finding(
                "indirect-discrimination",
                f"「{hit.evidence}」は{item}です。合理的な理由がなければ間接差別にあたります（男女雇用機会均等法7条）。",
                hit=hit,
                item=item,
                suggestion=suggestion,
            )


# --------------------------------------------------------------------------------------------------------
# Personal data (職業安定法5条の5 and its 指針)

_PERSONAL_STRONG = re.compile(
    r"本籍(?:地)?|出生地|生まれた場所|戸籍謄本|戸籍抄本|戸籍|支持政党|支持する政党|政党支持|尊敬する人物|尊敬している人物|尊敬する人|"
    r"愛読書|購読新聞|購読している新聞|愛読している新聞|購読紙|スリーサイズ|身元調査|身元確認調査|部落|同和|住宅状況|住居の種類|"
    r"容姿|資産状況|(?:家族|ご家族|両親|ご両親|父母|親|保護者|配偶者)の(?:職業|勤務先|収入|資産|学歴|地位|年収|勤め先)"
)
_PERSONAL_WEAK = re.compile(
    r"宗教|信仰|信教|思想|信条|人生観|生活信条|労働組合|組合活動|組合加入|組合への加入|学生運動|社会運動|市民運動|家族構成|出身地|生活環境|"
    r"家庭環境|持ち家|借家|血液型|既往歴|病歴|星座"
)
_COLLECT = re.compile(
    r"記入|記載|提出|添付|申告|教えて|お聞き|伺|確認|質問|回答|お書き|面接|書類|履歴書|エントリーシート|応募フォーム|アンケート|について|有無|"
    r"明記|欄|調査|審査|聞かせ|お知らせ|写し|証明|ご用意|持参|送付|郵送|必須|入力|記述|作文|添え|お尋ね|チェック"
)
_NOT_COLLECTED = re.compile(
    r"不要|不問|問いません|問わず|記入しない|必要ありません|必要はありません|聞きません|求めません|収集しません|尋ねません|お聞きしません|"
    r"いただきません|しないで|無関係|関係なく|しません|ございません|ではありません|欄はありません|削除"
)


def rule_personal_info(ctx: Context) -> Iterator[Finding]:
    if not ctx.scan:
        return
    for pattern, needs_context in ((_PERSONAL_STRONG, False), (_PERSONAL_WEAK, True)):
        for hit in ctx.scan.hits(pattern):
            sentence = hit.sentence()
            if _NOT_COLLECTED.search(sentence):
                continue
            if needs_context and not _COLLECT.search(sentence):
                continue
            if hit.match.group(0) in ("宗教", "思想") and re.match(r"^(?:法人|団体|史|学)", hit.after(3)):
                continue
            if hit.match.group(0) == "容姿" and re.match(r"^\s*(?:は|を)?\s*(?:問|不問)", hit.after(4)):
                continue
            yield ctx.finding(
                "prohibited-personal-info",
                f"「{hit.evidence}」は応募者から原則として集めてはいけない個人情報です（職業安定法5条の5・指針）。",
                hit=hit,
                item="個人情報",
                suggestion="この記入欄・質問・提出書類を削除してください。応募書類は厚生労働省の履歴書様式例に沿ったものにします。",
            )


# --------------------------------------------------------------------------------------------------------
# Cash for applying (2025-04)

_BONUS = re.compile(
    r"(?:就職|入社|採用|転職|応募|内定|就業)(?:お)?祝い?金|(?:就職|入社|採用|転職|応募|内定)[^\n。]{0,10}?(?:キャッシュバック|ギフト券|商品券|"
    r"ギフトカード|現金)\s*(?:を)?\s*(?:プレゼント|進呈|贈呈|支給|還元)?|お祝い金"
)


def rule_bonus(ctx: Context) -> Iterator[Finding]:
    if not ctx.scan:
        return
    for hit in ctx.scan.hits(_BONUS):
        if re.search(r"結婚|出産|慶弔|入学|勤続|永年|見舞", hit.before(6)):
            continue
        yield ctx.finding(
            "job-seeker-bonus",
            f"「{hit.evidence}」のように求職者へ金銭等を提供して応募を誘う表示は、2025年4月から職業紹介事業者・"
            "募集情報等提供事業者に禁止されています。",
            hit=hit,
            item="お祝い金",
            suggestion="お祝い金の記載を削除してください。採用企業自身が支給する手当なら、支給条件を賃金・手当として明示します。",
        )


WORDING_RULES = (
    rule_age,
    rule_gender_restriction,
    rule_gendered_title,
    rule_indirect,
    rule_personal_info,
    rule_bonus,
)
