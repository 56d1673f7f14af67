"""マイデータ as spreadsheets: the JSON export (mydata_export) written again as a ZIP of CSV files for Excel.

Built from the very dict the JSON download answers, never from a second query path, so a section a later app
registers (register_export) is in the ZIP as soon as it is in the JSON, and nothing can be in one and not the other.
Each top-level section is one CSV; a list of records inside a record (an application's 経過 and メッセージ, an
agency registration's 提案) is a child CSV whose first column is the parent's row number; a record inside a
record becomes columns 「親：子」; a list of plain values is one cell joined with 「、」.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps

from bonavi.core import clock
from bonavi.core.downloads import excel_csv, excel_safe

from .mydata import registered_sections

# Excel reads a CSV as UTF-8 only when it starts with the byte order mark; without it, Japanese is mojibake.
BOM = "\ufeff"
_ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$")

# The sections the seekers app writes itself, in the order of the on-screen page, with the page's titles.
SECTIONS: list[tuple[str, str]] = [
    ("account", "アカウント"),
    ("profile", "プロフィール"),
    ("favorites", "お気に入り"),
    ("recent_views", "最近見た求人"),
    ("saved_searches", "保存した検索条件"),
    ("applications", "応募"),
    ("emails", "送信したメール"),
    ("consents", "同意の記録"),
    ("profile_reads", "プロフィールの閲覧記録"),
    ("api_tokens", "APIトークン"),
    ("failed_logins", "ログイン失敗の記録"),
]
# What each file holds, for README.txt (a registered section is described by its page title).
DESCRIPTIONS: dict[str, str] = {
    "account": "ログインに使うメールアドレス・表示名・登録日時などアカウントの情報",
    "profile": "プロフィール（氏名・連絡先・希望条件など）",
    "favorites": "お気に入りに保存した求人",
    "recent_views": "最近見た求人の設定",
    "saved_searches": "保存した検索条件と新着メールの頻度",
    "applications": "応募した求人、状況、内定の条件、面接の日程",
    "emails": "BOナビがあなたに送ったメール",
    "consents": "利用目的に同意した記録",
    "profile_reads": "あなたのプロフィールを見た企業・担当者の記録",
    "api_tokens": "発行したAPIトークン（トークンそのものは含みません）",
    "failed_logins": "あなたのメールアドレスでログインに失敗した記録",
}

# Column headers: the labels the page (and the forms) use. A key met in more than one place means the same there.
LABELS: dict[str, str] = {
    # account / profile
    "email": "メールアドレス",
    "display_name": "表示名",
    "role": "利用区分",
    "date_joined": "登録日時",
    "last_login": "最終ログイン日時",
    "family_name": "姓",
    "given_name": "名",
    "family_name_kana": "姓（かな）",
    "given_name_kana": "名（かな）",
    "phone": "電話番号",
    "postal_code": "郵便番号",
    "address": "住所",
    "birth_date": "生年月日",
    "gender": "性別",
    "situation": "現在の状況",
    "desired": "希望条件",
    "families": "職種",
    "prefectures": "勤務地",
    "employment_types": "雇用形態",
    "pay_unit": "給与の単位",
    "pay_min": "希望給与（下限）",
    "annual_income_man_yen": "希望年収（万円）",
    "available_from": "入社可能日",
    "remote": "リモートワーク",
    "education": "学歴",
    "work_history": "職歴",
    "qualifications": "資格",
    "pc_skills": "PCスキル",
    "experience": "経験",
    "year": "年",
    "month": "月",
    "text": "内容",
    "code": "コード",
    "name": "名称",
    "acquired_year": "取得年",
    "acquired_month": "取得月",
    "score": "点数",
    # favourites, recent views, saved searches, mail
    "posting_id": "求人番号",
    "posting_title": "求人",
    "saved_at": "保存日時",
    "recording": "閲覧履歴を残す",
    "off_since": "閲覧履歴を残さない設定にした日時",
    "postings": "閲覧した求人",
    "viewed_at": "閲覧日時",
    "id": "番号",
    "query": "検索条件",
    "frequency": "頻度（コード）",
    "frequency_label": "新着メールの頻度",
    "created_at": "作成日時",
    "last_sent_at": "最後に送った日時",
    "kind": "種類（コード）",
    "kind_label": "種類",
    "to": "宛先",
    "subject": "件名",
    "sent_at": "送信日時",
    "digest_sections": "新着メールの内訳",
    "search": "検索条件の名前",
    "total": "件数",
    "posting_ids": "求人番号",
    # applications
    "employer": "応募先",
    "status": "状況",
    "applied_at": "応募日時",
    "message": "メッセージ",
    "submitted_profile": "応募時のプロフィール",
    "offer_accepted_at": "内定承諾",
    "offer_answer_by": "内定の回答期限",
    "offer_start_on": "入社予定日",
    "offer_terms": "内定の条件",
    "offer_changed_at": "内定の条件の変更日時",
    "offer_previous": "変更前の内定の条件",
    "offer_history": "内定の内容の変更の履歴",
    "item": "項目",
    "was": "変更前の内容",
    "until": "変更日時",
    "offer_start_proposed": "提案された入社日",
    "offer_start_proposed_by": "入社日を提案した側",
    "offer_start_proposed_reason": "入社日の提案の理由",
    "submitted_document": "応募書類",
    "label": "書類",
    "content": "内容",
    "interview": "面接",
    "starts_at": "開始日時",
    "ends_at": "終了日時",
    "format": "形式",
    "place": "場所",
    "url": "URL",
    "notes": "備考",
    "cancelled_at": "取り消し日時",
    "answer": "回答",
    "answer_text": "回答の内容",
    "answered_at": "回答日時",
    "timeline": "経過",
    "messages": "メッセージ",
    "at": "日時",
    "by": "記入者",
    "note": "メモ",
    "body": "本文",
    "attachment": "添付",
    "type": "ファイルの種類",
    "size": "サイズ（バイト）",
    "sha256": "SHA-256",
    "download_url": "ダウンロードURL",
    # consents, reads, tokens, logins
    "version": "版",
    "purposes": "利用目的",
    "accepted_at": "同意日時",
    "purpose": "目的",
    "via": "経路",
    "last_used_at": "最終使用日時",
    "ip": "IPアドレス",
    # later apps' sections (agents, documents, careers, events, support)
    "agency": "紹介会社",
    "office": "事業所",
    "consented_at": "同意日時",
    "consent_version": "同意した版",
    "consent_purposes": "同意した利用目的",
    "consent_withdrawn_at": "同意の撤回日時",
    "contact": "連絡先・連絡方法",
    "channel": "連絡手段",
    "cadence": "連絡の頻度",
    "quiet_from": "連絡しない時間（から）",
    "quiet_until": "連絡しない時間（まで）",
    "job_request_at": "求職の申込み日時",
    "book": "求職管理簿",
    "hearing": "ヒアリング",
    "reasons": "転職の理由",
    "desired_occupations": "希望職種",
    "desired_prefectures": "希望勤務地",
    "pay_floor": "希望給与（下限）",
    "skills": "スキル",
    "in_words": "記載内容",
    "proposals": "提案",
    "proposed_at": "提案日時",
    "conditions_as_proposed": "提案時の条件",
    "request_on": "応募の依頼日",
    "request_channel": "依頼の方法",
    "request_note": "依頼のメモ",
    "interviews": "面接",
    "stage": "段階",
    "access_log": "アクセス記録",
    "who": "操作者",
    "what": "操作",
    "detail": "詳細",
    "applied_on": "受付年月日",
    "valid_until": "有効期間",
    "kept_until": "保存期間",
    "received_at": "受付日時",
    "from_name": "申出者の氏名",
    "wants_in_person": "面談を希望",
    "interview_on": "面談日",
    "resolution": "対応の結果",
    "reply": "申出者への回答",
    "replied_at": "回答日時",
    "reply_corrected_at": "回答の訂正日時",
    "resolved_at": "対応完了日時",
    "title": "タイトル",
    "updated_at": "更新日時",
    "has_photo": "写真あり",
    "question": "質問",
    "family": "職種",
    "feedback": "フィードバック",
    "answers": "回答",
    "result": "結果",
    "constants_version": "計算の版",
    "target_jobtag_id": "目標の職業番号",
    "event_id": "説明会番号",
    "event_title": "説明会",
    "organizer": "主催者",
    "shared_with_organizer": "主催者に伝えた情報",
    "registered_at": "申込み日時",
    "promoted_from_waiting_at": "キャンセル待ちから繰り上がった日時",
    "waiting_ended_at": "キャンセル待ちが終わった日時",
    "reminder_sent_at": "リマインダーの送信日時",
    "reference": "受付番号",
    "category": "種類",
    "reply_email": "返信先メールアドレス",
    "response": "運営の対応",
    # careers' saved results (適職診断, 経験の言い換え) and documents' comments: computed data stored as it was shown.
    "why": "理由",
    "evidence": "根拠",
    "span": "該当箇所",
    "parts": "該当箇所（分割）",
    "skill": "スキル（コード）",
    "skill_label": "スキル",
    "start": "開始位置",
    "end": "終了位置",
    "appeal_points": "アピールポイント",
    "gaps": "足りないスキル",
    "key": "キー",
    "key_total": "キーの合計",
    "block": "分類",
    "target_level": "目標の水準",
    "average": "平均",
    "weight": "重み",
    "document": "書類",
    "field": "項目",
    "comment": "コメント",
    "as_of": "時点",
    "attribution": "出典の表示",
    "covered": "対応済み",
    "difference": "差",
    "differentiation": "差別化",
    "duties": "仕事内容",
    "eligibility": "受験資格",
    "experience_not_required": "未経験可",
    "first_qualifications": "最初に取る資格",
    "fit": "適合度",
    "fit_label": "適合度（言葉）",
    "group": "グループ",
    "has_data": "データあり",
    "interests": "興味",
    "intro": "紹介文",
    "jobtag_id": "職業番号",
    "ladder": "ステップ",
    "level": "水準",
    "level_source": "水準の出典",
    "level_source_url": "水準の出典URL",
    "level_text": "水準（言葉）",
    "mark": "印",
    "next_steps": "次の一歩",
    "occupation": "職業",
    "occupations": "職業",
    "official_url": "公式サイト",
    "pass_rates": "合格率",
    "pay": "給与",
    "qualification_path": "資格の道筋",
    "recruit_group": "求人の区分",
    "recruit_pct": "求人の割合",
    "recruit_ratio": "求人倍率",
    "recruit_wage": "求人の賃金",
    "rows": "行",
    "salary": "賃金",
    "salary_pct": "賃金の割合",
    "search_url": "検索URL",
    "secondary": "次点",
    "skills_to_build": "伸ばすスキル",
    "source": "出典",
    "source_level": "出典の水準",
    "source_url": "出典URL",
    "target": "目標",
    "transferable": "活かせるスキル",
    "values": "価値観",
    "values_used": "使った価値観",
    "verified": "確認済み",
    "workers": "就業者数",
}
# A key that means something else in one section than LABELS says (careers' 「family_name」 is a 職種, not a 姓).
SECTION_LABELS: dict[str, dict[str, str]] = {
    "applications": {"message": "応募時のメッセージ"},
    "agency_registrations": {"name": "氏名"},
    "career_assessments": {"family_name": "職種名", "status": "状態", "note": "注記"},
    "career_translations": {"family_name": "職種名", "status": "状態", "note": "注記"},
}
PARENT = "親の行番号"
ROW = "行番号"


def cell(value: Any) -> str:
    """One value as Excel should show it: JST 「2026-11-27 14:03」 for a moment, はい／いいえ, empty for none, and a
    leading 「'」 before text Excel would run as a formula (CSV injection: a company's message or a posting title
    is text someone else typed)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "はい" if value else "いいえ"
    if isinstance(value, dt.datetime):
        return value.astimezone(clock.JST).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if isinstance(value, str) and _ISO_MOMENT.match(text):
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        if moment.tzinfo is not None:
            return moment.astimezone(clock.JST).strftime("%Y-%m-%d %H:%M")
        return moment.strftime("%Y-%m-%d %H:%M")
    # Every string here is typed text (numbers arrive as int), so a 「-1」 she typed is defused too.
    return excel_safe(text, numbers=False) if isinstance(value, str) else text


def _plain(value: Any) -> str:
    """A list item that is not a record, as text: a pair 「氏名：山田」, a nested list the same way."""
    if isinstance(value, list | tuple):
        return "：".join(_plain(v) for v in value)
    if isinstance(value, dict):
        return "、".join(f"{_label(k)}：{_plain(v)}" for k, v in value.items())
    return cell(value) if not isinstance(value, str) else value


def _label(key: Any, section: str = "") -> str:
    """The header for `key`: the section's own meaning of it first, then the common one; a key with no label (a
    choice code used as a key, a name typed by her) as it is, which reads beside its Japanese parent label."""
    return SECTION_LABELS.get(section, {}).get(str(key)) or LABELS.get(str(key), str(key))


@dataclass
class Table:
    """One CSV: its file name (without .csv), its columns by key path and its rows (cells by key path)."""

    name: str
    columns: dict[tuple[str, ...], str] = field(default_factory=dict)
    rows: list[dict[tuple[str, ...], Any]] = field(default_factory=list)
    # For README.txt: what a section's file holds; for a child file, its parent file and its label there.
    what: str = ""
    parent: str = ""
    label: str = ""
    numbered_parent: bool = False
    single: bool = False

    def count(self) -> str:
        return "" if self.single else f"（{len(self.rows)}件）"

    def description(self) -> str:
        if self.what:
            return self.what
        where = f"（「親の行番号」は{self.parent}.csvの「行番号」）" if self.numbered_parent else ""
        return f"{self.parent}.csvの「{self.label}」{where}"


class _Writer:
    def __init__(self) -> None:
        self.tables: dict[str, Table] = {}
        # The top-level key being written, for SECTION_LABELS.
        self.section = ""

    def table(self, name: str) -> Table:
        return self.tables.setdefault(name, Table(name=name))

    def child(self, parent: Table, label: str, records: list[Any], *, row: int | None) -> str:
        """Records inside a record: their own file, each row naming the parent's row (`row`) when it has one."""
        name = f"{parent.name}_{label}"
        table = self.table(name)
        table.parent, table.label, table.numbered_parent = parent.name, label, row is not None
        self.records(name, records, parent=row)
        return f"{len(records)}件（{name}.csv）"

    def records(self, name: str, records: list[Any], *, parent: int | None = None) -> None:
        """`records` (dicts) as rows of the table `name`, numbered so a child table can point at them."""
        table = self.table(name)
        if parent is not None:
            table.columns.setdefault(("__parent",), PARENT)
        table.columns.setdefault(("__row",), ROW)
        for record in records:
            row: dict[tuple[str, ...], Any] = {("__row",): len(table.rows) + 1}
            if parent is not None:
                row[("__parent",)] = parent
            table.rows.append(row)
            if not isinstance(record, dict):
                record = {"value": record}
                table.columns.setdefault(("value",), "内容")
            self._fill(table, row, record, (), "")

    def _fill(
        self,
        table: Table,
        row: dict[tuple[str, ...], Any],
        record: dict[str, Any],
        path: tuple[str, ...],
        prefix: str,
    ) -> None:
        for key, value in record.items():
            here = (*path, str(key))
            label = f"{prefix}{_label(key, self.section)}"
            if isinstance(value, dict):
                self._fill(table, row, value, here, f"{label}：")
            elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
                table.columns.setdefault(here, label)
                row[here] = self.child(table, label, value, row=row[("__row",)])
            elif isinstance(value, list):
                table.columns.setdefault(here, label)
                row[here] = "、".join(_plain(v) for v in value)
            else:
                table.columns.setdefault(here, label)
                row[here] = value

    def single(self, name: str, record: dict[str, Any]) -> None:
        """One record (the account, the profile) as 項目・内容 rows, which reads better than one very wide row; its
        lists of records still go to child files."""
        table = self.table(name)
        table.columns = {("item",): "項目", ("value",): "内容"}
        table.single = True

        def walk(obj: dict[str, Any], prefix: str) -> None:
            for key, value in obj.items():
                label = f"{prefix}{_label(key, self.section)}"
                if isinstance(value, dict):
                    walk(value, f"{label}：")
                elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
                    table.rows.append(
                        {("item",): label, ("value",): self.child(table, label, value, row=None)}
                    )
                elif isinstance(value, list):
                    table.rows.append({("item",): label, ("value",): "、".join(_plain(v) for v in value)})
                else:
                    table.rows.append({("item",): label, ("value",): value})

        walk(record, "")


def _other_tables(writer: _Writer, other: dict[str, list[dict[str, Any]]]) -> None:
    """`other_data` (a model no app wrote a section for): one file per model under its Japanese name, each field
    under its label, a choice by its words."""
    for model_label, rows in other.items():
        if not rows:
            continue
        model = apps.get_model(model_label)
        title = str(model._meta.verbose_name_plural)
        table = writer.table(title)
        # As the page shows them (other_data_for_page): labelled fields, no ids or links to other rows; the JSON
        # keeps every field as stored.
        fields = [
            f
            for f in model._meta.concrete_fields
            if not f.is_relation and not f.primary_key and str(f.verbose_name) != f.name.replace("_", " ")
        ]
        table.columns = {(f.attname,): str(f.verbose_name) for f in fields}
        for row in rows:
            table.rows.append(
                {
                    (f.attname,): dict(f.choices).get(row.get(f.attname), row.get(f.attname))
                    if f.choices
                    else row.get(f.attname)
                    for f in fields
                }
            )
        table.what = f"{title}（その他の保存データ）"


def _csv_bytes(table: Table) -> bytes:
    keys = list(table.columns)
    # cell() has made each value safe already (a date or number is never a formula).
    rows = [[cell(table.columns[k]) for k in keys], *([cell(row.get(k)) for k in keys] for row in table.rows)]
    return excel_csv(rows, safe=False).encode("utf-8")


def _readme(data: dict[str, Any], tables: list[Table]) -> bytes:
    lines = [
        "BOナビ マイデータ（CSV・Excel用）",
        "",
        f"作成日時：{cell(data.get('exported_at'))}（日本時間）",
        "",
        "このZIPには、BOナビが保存しているあなたのデータが、項目ごとのCSVファイルで入っています。",
        "内容は「JSONでダウンロード」と同じです。どのファイルもUTF-8（BOM付き）で、Excelでそのまま開けます。",
        "",
        "■ ファイルの一覧",
        *[f"・{t.name}.csv{t.count()}：{t.description()}" for t in tables],
        "",
        "■ 読み方",
        "・日時は日本時間で「2026-11-27 14:03」の形、日付は「2026-11-27」の形です。",
        "・ひとつの項目に複数の値があるときは「、」で区切っています。",
        "・応募ごとの経過やメッセージのように、ひとつの行に複数の記録があるものは別のファイル"
        "（例：応募_経過.csv）に入れ、「親の行番号」で元のファイルの「行番号」を示しています。",
        "・「=」「+」「-」「@」で始まる値は、Excelが数式として実行しないよう先頭に「'」を付けています。",
        "  元の値は、先頭の「'」を除いたものです。",
        "・応募メッセージの添付ファイルそのものは含みません。ファイル名とダウンロードURLを記載しています"
        "（ログインした状態で開けます）。",
    ]
    return (BOM + "\r\n".join(lines) + "\r\n").encode("utf-8")


def mydata_zip(data: dict[str, Any]) -> bytes:
    """The export `data` (mydata_export's answer) as the bytes of a ZIP: one CSV per section and a README.txt."""
    writer = _Writer()

    def add(key: str, title: str, what: str) -> None:
        value = data.get(key)
        writer.section = key
        writer.table(title).what = what
        if isinstance(value, dict):
            writer.single(title, value)
        else:
            writer.records(title, list(value or []))

    for key, title in SECTIONS:
        add(key, title, DESCRIPTIONS[key])
    for key, title in registered_sections():
        add(key, title, title)
    _other_tables(writer, data.get("other_data") or {})

    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        # Japanese names are stored with the ZIP's UTF-8 flag (zipfile sets it), which Windows' and macOS'
        # built-in extractors read.
        zf.writestr("README.txt", _readme(data, list(writer.tables.values())))
        for table in writer.tables.values():
            zf.writestr(f"{table.name}.csv", _csv_bytes(table))
    return archive.getvalue()
