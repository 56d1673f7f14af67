"""Realistic, lawful, varied synthetic postings for demos and benchmarks.

Every posting shows every item JAPAN-RULES §1 requires, pays at least the highest minimum wage we hold for its
prefecture (so it stays lawful whatever date it is checked on), and uses no discriminatory wording.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils import timezone

from bonavi.compliance.minimum_wage import highest_minimum_wage
from bonavi.core.clock import date_jst
from bonavi.core.prefectures import POPULATION_THOUSANDS

from .catalog import SUBROLE_BY_CODE, SUBROLES
from .models import (
    EmploymentType,
    HolidayPattern,
    JobPosting,
    PostingStatus,
    Renewal,
    SmokingMeasure,
    Telework,
    Visibility,
    WageUnit,
)

MUNICIPALITIES: dict[str, list[str]] = {
    "01": ["札幌市中央区", "札幌市北区", "旭川市", "函館市"], "04": ["仙台市青葉区", "仙台市宮城野区"],
    "11": ["さいたま市大宮区", "川口市", "川越市", "所沢市"], "12": ["千葉市中央区", "船橋市", "柏市", "松戸市"],
    "13": ["千代田区", "中央区", "港区", "新宿区", "渋谷区", "品川区", "豊島区", "八王子市", "立川市", "江東区"],
    "14": ["横浜市西区", "横浜市港北区", "川崎市川崎区", "相模原市中央区", "藤沢市"],
    "22": ["静岡市葵区", "浜松市中央区"], "23": ["名古屋市中村区", "名古屋市中区", "豊田市", "岡崎市"],
    "26": ["京都市下京区", "京都市中京区"], "27": ["大阪市北区", "大阪市中央区", "堺市堺区", "豊中市", "吹田市"],
    "28": ["神戸市中央区", "姫路市", "西宮市", "尼崎市"], "34": ["広島市中区", "福山市"],
    "40": ["福岡市博多区", "福岡市中央区", "北九州市小倉北区", "久留米市"],
}  # fmt: skip
# Where MUNICIPALITIES has no list, postings and companies sit in the prefecture's seat of government; deriving a
# city from the prefecture's name gave places that do not exist (群馬市, 香川市).
CAPITALS: dict[str, str] = {
    "01": "札幌市中央区", "02": "青森市", "03": "盛岡市", "04": "仙台市青葉区", "05": "秋田市", "06": "山形市",
    "07": "福島市", "08": "水戸市", "09": "宇都宮市", "10": "前橋市", "11": "さいたま市浦和区", "12": "千葉市中央区",
    "13": "新宿区", "14": "横浜市中区", "15": "新潟市中央区", "16": "富山市", "17": "金沢市", "18": "福井市",
    "19": "甲府市", "20": "長野市", "21": "岐阜市", "22": "静岡市葵区", "23": "名古屋市中区", "24": "津市",
    "25": "大津市", "26": "京都市中京区", "27": "大阪市中央区", "28": "神戸市中央区", "29": "奈良市",
    "30": "和歌山市", "31": "鳥取市", "32": "松江市", "33": "岡山市北区", "34": "広島市中区", "35": "山口市",
    "36": "徳島市", "37": "高松市", "38": "松山市", "39": "高知市", "40": "福岡市中央区", "41": "佐賀市",
    "42": "長崎市", "43": "熊本市中央区", "44": "大分市", "45": "宮崎市", "46": "鹿児島市", "47": "那覇市",
}  # fmt: skip
# Telephone area codes of those cities, so a company's number matches its address (all numbers are 10 digits).
AREA_CODES: dict[str, str] = {
    "01": "011", "02": "017", "03": "019", "04": "022", "05": "018", "06": "023", "07": "024", "08": "029",
    "09": "028", "10": "027", "11": "048", "12": "043", "13": "03", "14": "045", "15": "025", "16": "076",
    "17": "076", "18": "0776", "19": "055", "20": "026", "21": "058", "22": "054", "23": "052", "24": "059",
    "25": "077", "26": "075", "27": "06", "28": "078", "29": "0742", "30": "073", "31": "0857", "32": "0852",
    "33": "086", "34": "082", "35": "083", "36": "088", "37": "087", "38": "089", "39": "088", "40": "092",
    "41": "0952", "42": "095", "43": "096", "44": "097", "45": "0985", "46": "099", "47": "098",
}  # fmt: skip


# For every municipality `municipality()` can pick (test_demo_realism keeps the keys to exactly those), a few 町名 near a station, each as (町名, first 丁目, last 丁目 — 0 when the town
# has none, station): real places, so a demo address reads 「東京都中央区日本橋2丁目21-1」 and its access 「日本橋駅から
# 徒歩6分」 instead of 「東京都中央区6-21-1」 and 「最寄り駅から徒歩11分」. Only names and which station is near —
# the numbers after them are made up.
TOWNS: dict[str, list[tuple[str, int, int, str]]] = {
    "札幌市中央区": [("北4条西", 1, 7, "札幌駅"), ("南1条西", 1, 6, "大通駅")],
    "札幌市北区": [("北7条西", 1, 5, "札幌駅"), ("北24条西", 4, 6, "北24条駅")],
    "旭川市": [("宮下通", 7, 11, "旭川駅"), ("1条通", 7, 10, "旭川駅")],
    "函館市": [("若松町", 0, 0, "函館駅")],
    "青森市": [("新町", 1, 2, "青森駅")],
    "盛岡市": [("盛岡駅前通", 0, 0, "盛岡駅"), ("大通", 1, 3, "盛岡駅")],
    "仙台市青葉区": [("中央", 1, 4, "仙台駅"), ("一番町", 1, 4, "青葉通一番町駅")],
    "仙台市宮城野区": [("榴岡", 1, 3, "仙台駅")],
    "秋田市": [("中通", 2, 7, "秋田駅")],
    "山形市": [("香澄町", 1, 3, "山形駅")],
    "福島市": [("栄町", 0, 0, "福島駅"), ("大町", 0, 0, "福島駅")],
    "水戸市": [("宮町", 1, 3, "水戸駅"), ("南町", 1, 3, "水戸駅")],
    "宇都宮市": [("駅前通り", 1, 3, "宇都宮駅"), ("馬場通り", 1, 4, "東武宇都宮駅")],
    "前橋市": [("表町", 1, 2, "前橋駅"), ("本町", 1, 3, "中央前橋駅")],
    "さいたま市大宮区": [("桜木町", 1, 4, "大宮駅"), ("大門町", 1, 3, "大宮駅")],
    "川口市": [("栄町", 1, 3, "川口駅"), ("本町", 1, 4, "川口駅")],
    "川越市": [("脇田本町", 0, 0, "川越駅"), ("新富町", 1, 2, "本川越駅")],
    "所沢市": [("日吉町", 0, 0, "所沢駅"), ("くすのき台", 1, 3, "所沢駅")],
    "千葉市中央区": [("富士見", 1, 2, "千葉駅"), ("新町", 0, 0, "千葉駅")],
    "船橋市": [("本町", 1, 7, "船橋駅"), ("湊町", 1, 3, "船橋駅")],
    "柏市": [("柏", 1, 6, "柏駅"), ("末広町", 0, 0, "柏駅")],
    "松戸市": [("松戸", 0, 0, "松戸駅"), ("本町", 0, 0, "松戸駅")],
    "千代田区": [("丸の内", 1, 3, "東京駅"), ("九段南", 1, 4, "九段下駅"), ("神田須田町", 1, 2, "神田駅")],
    "中央区": [("日本橋", 1, 3, "日本橋駅"), ("八丁堀", 1, 4, "八丁堀駅"), ("銀座", 1, 8, "銀座駅")],
    "港区": [("新橋", 1, 6, "新橋駅"), ("芝浦", 1, 4, "田町駅"), ("虎ノ門", 1, 5, "虎ノ門駅")],
    "新宿区": [("西新宿", 1, 3, "新宿駅"), ("高田馬場", 1, 4, "高田馬場駅")],
    "渋谷区": [("渋谷", 1, 3, "渋谷駅"), ("代々木", 1, 3, "代々木駅")],
    "品川区": [("大崎", 1, 5, "大崎駅"), ("東五反田", 1, 5, "五反田駅")],
    "豊島区": [("南池袋", 1, 2, "池袋駅"), ("東池袋", 1, 1, "池袋駅")],
    "八王子市": [("旭町", 0, 0, "八王子駅"), ("明神町", 1, 4, "京王八王子駅")],
    "立川市": [("曙町", 1, 3, "立川駅"), ("柴崎町", 2, 3, "立川駅")],
    "江東区": [("豊洲", 3, 6, "豊洲駅"), ("亀戸", 1, 6, "亀戸駅")],
    "横浜市西区": [("北幸", 1, 2, "横浜駅"), ("みなとみらい", 2, 4, "みなとみらい駅")],
    "横浜市港北区": [("新横浜", 1, 3, "新横浜駅"), ("日吉", 2, 4, "日吉駅")],
    "川崎市川崎区": [("駅前本町", 0, 0, "川崎駅"), ("砂子", 1, 2, "京急川崎駅")],
    "相模原市中央区": [("相模原", 1, 6, "相模原駅")],
    "藤沢市": [("南藤沢", 0, 0, "藤沢駅"), ("鵠沼石上", 1, 3, "藤沢駅")],
    "新潟市中央区": [("東大通", 1, 2, "新潟駅"), ("万代", 1, 5, "新潟駅")],
    "富山市": [("桜町", 1, 2, "富山駅"), ("新富町", 1, 2, "富山駅")],
    "金沢市": [("本町", 1, 2, "金沢駅"), ("広岡", 1, 3, "金沢駅")],
    "福井市": [("中央", 1, 3, "福井駅"), ("大手", 1, 3, "福井駅")],
    "甲府市": [("丸の内", 1, 3, "甲府駅")],
    "長野市": [("南千歳", 1, 2, "長野駅")],
    "岐阜市": [("橋本町", 1, 3, "岐阜駅"), ("神田町", 6, 9, "名鉄岐阜駅")],
    "静岡市葵区": [("紺屋町", 0, 0, "静岡駅"), ("呉服町", 1, 2, "静岡駅")],
    "浜松市中央区": [("板屋町", 0, 0, "浜松駅"), ("砂山町", 0, 0, "浜松駅")],
    "名古屋市中村区": [("名駅", 1, 4, "名古屋駅"), ("名駅南", 1, 2, "名古屋駅")],
    "名古屋市中区": [("錦", 1, 3, "伏見駅"), ("丸の内", 1, 3, "丸の内駅"), ("栄", 3, 4, "栄駅")],
    "豊田市": [("若宮町", 1, 3, "豊田市駅"), ("西町", 1, 6, "豊田市駅")],
    "岡崎市": [("明大寺本町", 1, 4, "東岡崎駅")],
    "津市": [("羽所町", 0, 0, "津駅"), ("栄町", 1, 3, "津駅")],
    "大津市": [("春日町", 0, 0, "大津駅"), ("浜町", 0, 0, "びわ湖浜大津駅")],
    "京都市下京区": [("東塩小路町", 0, 0, "京都駅"), ("長刀鉾町", 0, 0, "四条駅")],
    "京都市中京区": [("西ノ京栂尾町", 0, 0, "二条駅")],
    "大阪市北区": [("梅田", 1, 3, "大阪駅"), ("曾根崎", 1, 2, "東梅田駅"), ("天神橋", 2, 3, "南森町駅")],
    "大阪市中央区": [("本町", 1, 4, "本町駅"), ("北浜", 1, 4, "北浜駅"), ("難波", 1, 5, "なんば駅")],
    "堺市堺区": [("中瓦町", 1, 2, "堺東駅"), ("南瓦町", 0, 0, "堺東駅")],
    "豊中市": [("本町", 1, 5, "豊中駅"), ("新千里東町", 1, 3, "千里中央駅")],
    "吹田市": [("江坂町", 1, 5, "江坂駅"), ("豊津町", 0, 0, "江坂駅")],
    "神戸市中央区": [("三宮町", 1, 3, "三ノ宮駅"), ("磯上通", 4, 8, "三ノ宮駅")],
    "姫路市": [("駅前町", 0, 0, "姫路駅"), ("南駅前町", 0, 0, "姫路駅")],
    "西宮市": [("高松町", 0, 0, "西宮北口駅"), ("六湛寺町", 0, 0, "西宮駅")],
    "尼崎市": [("潮江", 1, 5, "尼崎駅")],
    "奈良市": [("三条本町", 0, 0, "奈良駅"), ("大宮町", 1, 7, "新大宮駅")],
    "和歌山市": [("友田町", 2, 5, "和歌山駅"), ("美園町", 3, 5, "和歌山駅")],
    "鳥取市": [("富安", 1, 2, "鳥取駅"), ("末広温泉町", 0, 0, "鳥取駅")],
    "松江市": [("朝日町", 0, 0, "松江駅"), ("伊勢宮町", 0, 0, "松江駅")],
    "岡山市北区": [("駅前町", 1, 2, "岡山駅"), ("本町", 0, 0, "岡山駅")],
    "広島市中区": [("基町", 0, 0, "県庁前駅"), ("紙屋町", 1, 2, "県庁前駅")],
    "福山市": [("三之丸町", 0, 0, "福山駅"), ("霞町", 1, 4, "福山駅")],
    "山口市": [("惣太夫町", 0, 0, "山口駅"), ("駅通り", 1, 2, "山口駅")],
    "徳島市": [("寺島本町西", 1, 2, "徳島駅"), ("一番町", 1, 3, "徳島駅")],
    "高松市": [("浜ノ町", 0, 0, "高松駅"), ("寿町", 1, 2, "高松駅")],
    "松山市": [("湊町", 3, 5, "松山市駅"), ("千舟町", 4, 6, "松山市駅")],
    "高知市": [("北本町", 1, 4, "高知駅"), ("栄田町", 1, 3, "高知駅")],
    "福岡市博多区": [("博多駅前", 1, 4, "博多駅"), ("博多駅東", 1, 3, "博多駅")],
    "福岡市中央区": [("天神", 1, 4, "天神駅"), ("大名", 1, 2, "赤坂駅")],
    "北九州市小倉北区": [("浅野", 1, 3, "小倉駅"), ("京町", 1, 3, "小倉駅")],
    "久留米市": [("東町", 0, 0, "西鉄久留米駅"), ("六ツ門町", 0, 0, "西鉄久留米駅")],
    "佐賀市": [("駅前中央", 1, 3, "佐賀駅")],
    "長崎市": [("大黒町", 0, 0, "長崎駅"), ("五島町", 0, 0, "長崎駅")],
    "熊本市中央区": [("水前寺", 1, 3, "新水前寺駅")],
    "大分市": [("府内町", 1, 3, "大分駅"), ("中央町", 1, 4, "大分駅")],
    "宮崎市": [("錦町", 0, 0, "宮崎駅"), ("橘通東", 1, 4, "宮崎駅")],
    "鹿児島市": [("中央町", 0, 0, "鹿児島中央駅"), ("西田", 1, 3, "鹿児島中央駅")],
    "那覇市": [("久茂地", 1, 3, "県庁前駅"), ("泉崎", 1, 2, "旭橋駅")],
}  # fmt: skip


def municipality(rng: random.Random, pref: str) -> str:
    return rng.choice(MUNICIPALITIES.get(pref) or [CAPITALS[pref]])


def street_address(rng: random.Random, muni: str) -> tuple[str, str]:
    """(the address after the municipality, the station near it) in one of the municipality's towns:
    「日本橋2丁目21-1」, 「若松町118-3」 where the town has no 丁目."""
    town, first, last, station = rng.choice(TOWNS[muni])
    if last:
        return f"{town}{rng.randint(first, last)}丁目{rng.randint(1, 30)}-{rng.randint(1, 20)}", station
    return f"{town}{rng.randint(1, 300)}-{rng.randint(1, 20)}", station


def phone_number(rng: random.Random, pref: str) -> str:
    """A fixed-line number in the prefecture's capital: area code, then the local exchange and line (10 digits)."""
    area = AREA_CODES[pref]
    exchange = 6 - len(area)  # 03-XXXX, 011-XXX, 0776-XX
    return f"{area}-{rng.randint(10 ** (exchange - 1) * 2, 10**exchange - 1)}-{rng.randint(0, 9999):04d}"


COMPANY_STEMS = [
    "さくら",
    "みらい",
    "あおば",
    "ひかり",
    "東和",
    "中央",
    "大和",
    "日本",
    "北斗",
    "青葉",
    "ミナト",
    "ヤマト",
    "グリーン",
    "サンライズ",
    "こだま",
    "ときわ",
    "丸の内",
    "いろは",
    "富士",
    "瀬戸内",
]
COMPANY_KINDS = [
    "商事",
    "物産",
    "工業",
    "システムズ",
    "フーズ",
    "ホールディングス",
    "メディカル",
    "不動産",
    "電機",
    "ロジスティクス",
    "製薬",
    "建設",
    "出版",
    "会計事務所",
    "保険サービス",
]

DUTIES: dict[str, list[str]] = {
    "accounting_clerk": [
        "伝票の起票と会計ソフトへの入力",
        "請求書の発行と入金消込",
        "小口現金の管理",
        "月次決算の補助",
        "経費精算のチェック",
        "売掛金・買掛金の管理",
        "仕訳入力と帳簿の照合",
    ],
    "finance": [
        "資金繰り表の作成",
        "金融機関との窓口対応",
        "予算と実績の管理",
        "支払予定の管理",
        "月次・年次決算の資料作成",
    ],
    "internal_audit": [
        "業務監査の計画と実施",
        "内部統制の評価",
        "監査報告書の作成",
        "改善状況のフォローアップ",
    ],
    "accounting_manager": [
        "経理課の業務管理とメンバーの育成",
        "月次・年次決算の取りまとめ",
        "税理士・監査法人との調整",
        "予算編成への参画",
    ],
    "hr_clerk": [
        "入退社の手続き",
        "勤怠データの集計",
        "社員情報の管理",
        "研修の準備と運営サポート",
        "各種証明書の発行",
    ],
    "payroll": [
        "給与計算と賞与計算",
        "社会保険の資格取得・喪失手続き",
        "年末調整",
        "勤怠の締め処理",
        "住民税の更新",
    ],
    "recruiting": [
        "求人票の作成と掲載管理",
        "応募者との日程調整",
        "面接の同席と記録",
        "会社説明会の準備",
        "内定者フォロー",
    ],
    "hr_manager": [
        "人事制度の運用と見直し",
        "採用計画の立案",
        "労務課題への対応",
        "人事課メンバーのマネジメント",
    ],
    "general_affairs": [
        "備品・消耗品の管理と発注",
        "社内行事の企画と運営",
        "来客・電話の対応",
        "オフィスの設備管理",
        "社内規程の管理",
        "郵便物の仕分け",
    ],
    "legal": [
        "契約書の作成とリーガルチェック",
        "社内の法律相談への対応",
        "株主総会・取締役会の運営補助",
        "コンプライアンス研修の企画",
    ],
    "secretary": ["役員のスケジュール管理", "来客対応と会議室の手配", "出張の手配", "会議資料の作成"],
    "reception": ["来訪者の受付と案内", "電話の取次ぎ", "会議室の予約管理", "郵便物・宅配便の受け取り"],
    "ga_manager": ["総務課の業務管理", "株主総会の運営", "社内規程の整備", "ファシリティ管理の統括"],
    "pr": [
        "プレスリリースの作成と配信",
        "メディア対応",
        "社内報の制作",
        "SNS・Webサイトの更新",
        "取材の調整",
    ],
    "ir": ["決算説明資料の作成", "投資家からの問い合わせ対応", "IRサイトの更新", "統合報告書の制作補助"],
    "corporate_it": [
        "社内システムの運用・保守",
        "PC・ネットワークの管理",
        "アカウント管理",
        "ITベンダーとの調整",
        "業務システム導入の推進",
    ],
    "helpdesk": [
        "社員からのPC・システムに関する問い合わせ対応",
        "PCのキッティング",
        "ソフトウェアのインストール",
        "障害の一次切り分け",
    ],
    "office_clerk": [
        "書類の作成と整理",
        "データ入力",
        "電話・メール対応",
        "ファイリング",
        "来客対応",
        "備品の発注",
    ],
    "sales_assistant": [
        "見積書・請求書の作成",
        "受発注の管理",
        "納期の調整",
        "営業担当のサポート",
        "顧客からの電話対応",
    ],
    "trade_clerk": ["輸出入書類の作成", "通関業者・船会社との調整", "納期管理", "海外取引先とのメール対応"],
    "data_entry": [
        "顧客情報のデータ入力",
        "アンケート結果の集計",
        "入力データのチェック",
        "書類のスキャンと保存",
    ],
    "medical_clerk": ["受付と会計", "レセプト作成", "カルテの管理", "電話予約の対応"],
}
TITLE_PATTERNS = [
    "{role}",
    "{role}スタッフ",
    "{role}担当",
    "{role}（{perk}）",
    "【{perk}】{role}",
    "{role}／{perk}",
]
MANAGER_TITLE_PATTERNS = [p for p in TITLE_PATTERNS if "スタッフ" not in p and "担当" not in p]


def compose_title(pattern: str, *, role: str, perk: str) -> str:
    """The title `pattern` gives `role`, never doubling the word the pattern adds after it: 「{role}担当」 for
    採用担当 is 「採用担当」, not 「採用担当担当」 (demo walk, s15). The pattern is still drawn as before, so a seed
    gives the same postings in every other respect."""
    head, _, tail = pattern.partition("{role}")
    suffix = re.match(r"[^{（(【／/\s]*", tail)
    if suffix and suffix.group(0) and role.endswith(suffix.group(0)):
        tail = tail[suffix.end() :]
    return (head + "{role}" + tail).format(role=role, perk=perk)


PERKS = [
    "未経験歓迎",
    "土日祝休み",
    "残業少なめ",
    "駅チカ",
    "在宅勤務あり",
    "年間休日120日以上",
    "経験者優遇",
    "資格取得支援あり",
    "服装自由",
    "昇給あり",
]
QUALIFICATIONS = {
    "accounting": ["日商簿記検定2級", "日商簿記検定3級", "税理士科目合格"],
    "hr_labor": ["社会保険労務士", "衛生管理者", "ビジネス・キャリア検定（人事・人材開発）"],
    "legal_general_affairs": ["ビジネス実務法務検定2級", "秘書検定2級", "衛生管理者"],
    "pr_ir": ["TOEIC 700点以上", "PRプランナー"],
    "it_support": ["基本情報技術者", "ITパスポート", "CCNA"],
    "general_clerical": ["MOS Excel", "MOS Word", "秘書検定2級", "日商簿記検定3級"],
}


@dataclass(frozen=True)
class PayBand:
    """Where in the generator's pay range a post sits: × the minimum wage (an hour's, or a month's at the posting's
    hours), and the least a month's pay may be (drawn from a range, so managers are not all paid one figure)."""

    hourly: tuple[float, float]
    monthly: tuple[float, float]
    monthly_floor: tuple[int, int]


# Pay follows the post: a 課長 near the top of the range, an assistant's (営業事務, 受付, データ入力) near the bottom.
# One range for all (seed 2026) paid a 経理課長 as little as 月給180,000円 and a データ入力 as much as 335,000円. The
# bands stay inside the range the generator always had — × 1.0–1.45 the minimum wage an hour, a month's pay from
# 180,000円 to 340,000円 (× 1.6 of 東京都's at the longest hours), 年俸 5–7 million yen for half the managers — and
# the factors are never below 1.0, so every posting still pays at least the highest minimum wage of its prefecture.
PAY_BANDS: dict[str, PayBand] = {
    "assistant": PayBand(hourly=(1.0, 1.15), monthly=(1.05, 1.2), monthly_floor=(180_000, 190_000)),
    "staff": PayBand(hourly=(1.05, 1.3), monthly=(1.15, 1.4), monthly_floor=(180_000, 210_000)),
    "specialist": PayBand(hourly=(1.15, 1.45), monthly=(1.3, 1.5), monthly_floor=(220_000, 260_000)),
    "manager": PayBand(hourly=(1.3, 1.45), monthly=(1.45, 1.6), monthly_floor=(300_000, 340_000)),
}
SENIORITY: dict[str, str] = {
    "accounting_manager": "manager", "hr_manager": "manager", "ga_manager": "manager",
    "finance": "specialist", "internal_audit": "specialist", "legal": "specialist", "ir": "specialist",
    "corporate_it": "specialist",
    "office_clerk": "assistant", "sales_assistant": "assistant", "data_entry": "assistant",
    "reception": "assistant", "medical_clerk": "assistant",
}  # fmt: skip  # any other sub-role: "staff"


@dataclass
class Company:
    organization_id: int
    name: str
    address: str
    contact: str


def _weighted_prefectures(rng: random.Random, k: int) -> list[str]:
    codes = list(POPULATION_THOUSANDS)
    return rng.choices(codes, weights=[POPULATION_THOUSANDS[c] for c in codes], k=k)


def company_name(rng: random.Random) -> str:
    return f"株式会社{rng.choice(COMPANY_STEMS)}{rng.choice(COMPANY_KINDS)}"


def _round(value: float, step: int) -> int:
    return int(-(-value // step) * step)


def _work_place(telework: str, muni: str, *, haken: bool) -> str:
    """Where the work is done, in the words of 業務内容, as the テレワーク field says: 「フルリモート」 with 「本社での勤務で
    す」 beside it was a demo job contradicting itself."""
    place = f"{muni}の{'派遣先企業' if haken else '本社'}"
    if telework == Telework.FULL:
        return f"原則として在宅でのフルリモート勤務です（所属は{place}）。"
    if telework == Telework.PARTIAL:
        return f"{place}での勤務で、一部在宅勤務ができます。"
    return f"{place}での勤務です。"


def generate_postings(
    *,
    count: int,
    companies: list[Company],
    seed: int = 1,
    private_ratio: float = 0.05,
    now: dt.datetime | None = None,
) -> Iterator[JobPosting]:
    rng = random.Random(seed)
    now = now or timezone.now()
    prefs = _weighted_prefectures(rng, count)
    for i in range(count):
        company = rng.choice(companies)
        sub = rng.choice(SUBROLES)
        pref = prefs[i]
        muni = municipality(rng, pref)
        address, station = street_address(rng, muni)
        etype = rng.choices(
            [EmploymentType.SEISHAIN, EmploymentType.KEIYAKU, EmploymentType.HAKEN, EmploymentType.PART],
            weights=[50, 15, 15, 20],
        )[0]
        if sub.code.endswith("_manager"):
            etype = EmploymentType.SEISHAIN
        minimum = highest_minimum_wage(pref)
        start_h = rng.choice([8, 9, 9, 9, 10])
        start = dt.time(start_h, rng.choice([0, 0, 30]))
        work_h = rng.choice([4, 5, 6, 7, 8]) if etype == EmploymentType.PART else rng.choice([7, 8, 8])
        brk = 60 if work_h >= 7 else (45 if work_h > 6 else 0)
        end_total = start_h * 60 + start.minute + work_h * 60 + brk
        end = dt.time(end_total // 60, end_total % 60)
        holidays = rng.choice([105, 110, 115, 120, 120, 123, 125, 127])
        monthly_hours = round((365 - holidays) * work_h / 12, 1)
        fixed_overtime = False
        band = PAY_BANDS[SENIORITY.get(sub.code, "staff")]
        if etype == EmploymentType.PART or etype == EmploymentType.HAKEN:
            unit = WageUnit.HOUR
            wage_min = _round(minimum * rng.uniform(*band.hourly), 10)
            wage_max = wage_min + rng.choice([0, 0, 50, 100, 200])
        elif sub.code.endswith("_manager") and rng.random() < 0.5:
            unit = WageUnit.YEAR
            wage_min = _round(rng.uniform(5_000_000, 7_000_000), 100_000)
            wage_max = wage_min + rng.choice([1_000_000, 2_000_000])
        else:
            unit = WageUnit.MONTH
            floor = minimum * monthly_hours * rng.uniform(*band.monthly)
            wage_min = _round(max(floor, rng.uniform(*band.monthly_floor)), 5_000)
            wage_max = wage_min + rng.choice([0, 30_000, 50_000, 100_000])
            fixed_overtime = etype == EmploymentType.SEISHAIN and rng.random() < 0.15
        fixed_term = etype in (EmploymentType.KEIYAKU, EmploymentType.HAKEN) or (
            etype == EmploymentType.PART and rng.random() < 0.5
        )
        inexperienced = rng.random() < 0.45 and not sub.code.endswith("_manager")
        duties_pool = DUTIES[sub.code]
        duties_list = rng.sample(duties_pool, k=min(len(duties_pool), rng.randint(2, 4)))
        role = sub.name.replace("（管理職）", "")
        # A dispatched worker works at the client's premises: never full remote there.
        telework = rng.choices(
            [Telework.NONE, Telework.PARTIAL, Telework.FULL],
            weights=[60, 32, 0 if etype == EmploymentType.HAKEN else 8],
        )[0]
        # 「在宅勤務あり」 in the title only where the テレワーク field says so.
        perks = [p for p in PERKS if p != "未経験歓迎" and (telework != Telework.NONE or p != "在宅勤務あり")]
        perk = "未経験歓迎" if inexperienced else rng.choice(perks)
        # 「経理課長スタッフ」「人事課長担当」 are not titles anyone writes: a manager's post is named as it is.
        patterns = MANAGER_TITLE_PATTERNS if sub.code.endswith("_manager") else TITLE_PATTERNS
        title = compose_title(rng.choice(patterns), role=role, perk=perk)
        posted = now - dt.timedelta(minutes=rng.randint(0, 60 * 24 * 45))
        private = rng.random() < private_ratio
        # Fixed overtime pay only makes sense where there is overtime: 「残業なし」 with 固定残業代 contradicts itself.
        overtime = fixed_overtime or (rng.random() < 0.8 and etype != EmploymentType.PART)
        quals = QUALIFICATIONS[sub.family]
        fo_hours = rng.choice([10, 20, 30]) if fixed_overtime else None
        posting = JobPosting(
            organization_id=company.organization_id,
            status=PostingStatus.PUBLISHED,
            visibility=Visibility.PRIVATE if private else Visibility.PUBLIC,
            title=title,
            family=SUBROLE_BY_CODE[sub.code].family,
            subrole=sub.code,
            employment_type=etype,
            is_dispatch=etype == EmploymentType.HAKEN,
            duties="、".join(duties_list)
            + "などをお任せします。"
            + ("入社後は先輩社員が業務の流れから丁寧に教えます。" if inexperienced else "")
            + _work_place(telework, muni, haken=etype == EmploymentType.HAKEN),
            duties_change_scope=rng.choice(["会社の定める業務", "変更なし", "会社の定める事務全般"]),
            prefecture=pref,
            municipality=muni,
            address=address,
            # 「駅チカ」 in the title is a walk of five minutes at most
            nearest_station=f"{station}から徒歩{rng.randint(1, 5 if '駅チカ' in title else 12)}分",
            telework=telework,
            work_place_change_scope=rng.choice(
                ["会社の定める場所（テレワークを含む）", "変更なし", "本社および国内の事業所"]
            ),
            fixed_term=fixed_term,
            contract_months=rng.choice([3, 6, 12]) if fixed_term else None,
            renewal=rng.choice([Renewal.POSSIBLE, Renewal.POSSIBLE, Renewal.NONE]) if fixed_term else "",
            renewal_criteria="契約期間満了時の業務量・勤務成績・態度により判断" if fixed_term else "",
            renewal_cap=rng.choice(["通算5年まで", "更新上限なし", "更新回数は4回まで"])
            if fixed_term
            else "",
            has_probation=etype == EmploymentType.SEISHAIN,
            probation_months=3 if etype == EmploymentType.SEISHAIN else None,
            probation_conditions="本採用と同条件" if etype == EmploymentType.SEISHAIN else "",
            start_time=start,
            end_time=end,
            break_minutes=brk,
            overtime_exists=overtime,
            overtime_monthly_hours=rng.choice([5, 10, 15, 20]) if overtime else None,
            holiday_pattern=rng.choice(
                [
                    HolidayPattern.WEEKENDS,
                    HolidayPattern.WEEKENDS,
                    HolidayPattern.SHIFT,
                    HolidayPattern.WEEKENDS_ONLY,
                ]
            ),
            annual_holidays=holidays,
            holidays_note="夏季休暇、年末年始休暇、有給休暇",
            scheduled_monthly_hours=monthly_hours,
            wage_unit=unit,
            wage_min=wage_min,
            wage_max=wage_max,
            allowances="通勤手当（上限3万円／月）",
            fixed_overtime=fixed_overtime,
            fixed_overtime_amount=_round(wage_min * 0.012 * fo_hours, 1000) if fo_hours else None,
            fixed_overtime_hours=fo_hours,
            fixed_overtime_excess_paid=fixed_overtime,
            raise_info="年1回（4月）" if etype == EmploymentType.SEISHAIN else "",
            bonus_info="年2回（業績による）" if etype == EmploymentType.SEISHAIN else "",
            insurance_employment=True,
            insurance_accident=True,
            insurance_health=work_h >= 6 or etype != EmploymentType.PART,
            insurance_pension=work_h >= 6 or etype != EmploymentType.PART,
            smoking_measure=rng.choice(
                [SmokingMeasure.INDOOR_BAN, SmokingMeasure.INDOOR_ROOM, SmokingMeasure.PREMISES_BAN]
            ),
            employer_name=company.name,
            employer_address=company.address,
            employer_contact=company.contact,
            required_qualifications="" if inexperienced or rng.random() < 0.6 else rng.choice(quals),
            preferred_qualifications=rng.choice(quals),
            required_experience="" if inexperienced else f"{role}の実務経験1年以上",
            inexperienced_welcome=inexperienced,
            education_not_required=rng.random() < 0.4,
            selection_process="書類選考 → 面接（1〜2回） → 内定",
            date_posted=posted,
            valid_through=date_jst(posted) + dt.timedelta(days=90),  # from the 掲載開始日 shown
            created_at=posted,
        )
        add_own_words(posting, seed=seed, index=i)
        yield posting


# The company's own words (ADR 0128) for a share of the demo postings: 仕事の魅力・職場の様子 and 求める人物像 as
# employers write them, lawful — no sex, age, origin or family, no strength or looks; the compliance checker finds
# nothing in any of them (tests/integration/test_compliance_demo_data.py, jobs/tests/test_own_words_demo.py).
OWN_WORDS_SHARE = 0.6  # postings with 仕事の魅力・職場の様子
IDEAL_CANDIDATE_SHARE = 0.45  # of all postings, those with 求める人物像 too
APPEAL_BY_FAMILY: dict[str, list[str]] = {
    "accounting": [
        "{team}名の経理チームで、伝票の起票から月次決算まで一連の流れを経験できます。",
        "数字を通して会社全体の動きが見える仕事です。決算を締めたときには大きな達成感があります。",
        "会計ソフトの操作は入社後の研修で覚えられ、手順書もそろっています。",
        "月末・月初は忙しくなりますが、それ以外の時期は定時に帰る人がほとんどです。",
    ],
    "hr_labor": [
        "社員の入社から退職までを支える仕事で、「ありがとう」と声をかけられる場面の多い職場です。",
        "{team}名の人事チームで、給与計算・社会保険・採用を分担しながら進めています。",
        "法改正の情報は月1回の社内勉強会で共有しており、労務の専門知識が身につきます。",
    ],
    "legal_general_affairs": [
        "社員が働きやすい環境を整える、会社の土台を支える仕事です。",
        "{team}名のチームで担当を決めつつ、忙しい時期はお互いに助け合っています。",
        "契約書や社内規程など、会社の仕組みに関わる知識が身につきます。",
    ],
    "pr_ir": [
        "会社の取り組みを社外に伝える仕事で、記事や資料として成果が形に残ります。",
        "{team}名のチームで、企画から発信まで一通りを任せてもらえます。",
        "経営陣との距離が近く、会社の方針を最初に知る立場で働けます。",
    ],
    "it_support": [
        "社員のPCやシステムの困りごとを解決し、会社の仕事を止めない役割です。",
        "{team}名の情報システムチームで、対応の記録はチケットで共有しています。",
        "新しいツールの選定や導入にも関われ、資格取得の受験料は会社が負担します。",
    ],
    "general_clerical": [
        "部署の仕事が滞りなく回るよう支える仕事で、幅広い事務のスキルが身につきます。",
        "{team}名のチームで、分からないことはチャットですぐに聞ける雰囲気です。",
        "ExcelやWordの基本操作ができれば、ほかの業務は入社後に覚えられます。",
    ],
}
APPEAL_COMMON = [
    "有給休暇は前日までの申請で取りやすく、昨年度の平均取得日数は{days}日でした。",
    "服装はオフィスカジュアルで、落ち着いた雰囲気の職場です。",
    "毎朝10分の朝会でその日の予定を共有するので、一人で抱え込むことはありません。",
    "業務の手順はマニュアルにまとめてあり、誰が休んでも困らない体制です。",
]
IDEAL_BY_FAMILY: dict[str, list[str]] = {
    "accounting": [
        "数字を最後まで丁寧に確かめられる方",
        "簿記の知識を実務で生かしたい方（学習中の方も歓迎します）",
        "締め切りから逆算して仕事を進められる方",
    ],
    "hr_labor": [
        "社員の個人情報を責任をもって扱える方",
        "相手の立場に立って説明できる方",
        "労務や社会保険の知識を深めたい方",
    ],
    "legal_general_affairs": [
        "細かな文言の違いに気づける方",
        "いろいろな部署と調整しながら物事を進められる方",
        "頼まれごとに優先順位をつけて対応できる方",
    ],
    "pr_ir": [
        "文章を書くことが好きな方",
        "社内外の人と協力して一つのものを仕上げるのが好きな方",
        "情報を正確に、分かりやすく伝えることを大切にできる方",
    ],
    "it_support": [
        "ITに詳しくない相手にも、相手に合わせて説明できる方",
        "原因を順序立てて調べることが好きな方",
        "新しい技術やツールに関心のある方",
    ],
    "general_clerical": [
        "周りと声をかけ合いながら仕事を進められる方",
        "正確さを大切にしながら、期限も意識できる方",
        "新しいツールの使い方を覚えることに前向きな方",
    ],
}


def add_own_words(posting: JobPosting, *, seed: int, index: int) -> None:
    """Give a share of the generated postings 仕事の魅力・職場の様子 and 求める人物像, by the posting's 職種 family.
    Deterministic per seed and posting, from a generator of its own: the postings' other values stay those the
    seed has always given."""
    rng = random.Random(f"own-words:{seed}:{index}")
    roll = rng.random()
    if roll >= OWN_WORDS_SHARE:
        return
    family = SUBROLE_BY_CODE[posting.subrole].family
    team = rng.choice([3, 4, 5, 6, 8])
    lines = [*rng.sample(APPEAL_BY_FAMILY[family], k=2), rng.choice(APPEAL_COMMON)]
    if posting.telework != Telework.NONE:
        lines.append("在宅勤務の日も、チャットとオンライン会議でチームとやり取りしています。")
    posting.appeal = "\n".join(line.format(team=team, days=rng.choice([10, 12, 14])) for line in lines)
    if roll >= IDEAL_CANDIDATE_SHARE:
        return
    wanted = rng.sample(IDEAL_BY_FAMILY[family], k=2)
    if posting.inexperienced_welcome:
        wanted.append("事務の仕事に初めて挑戦する方も、入社後に一から覚えていただけます")
    elif posting.required_experience:
        wanted.append("これまでの経験を生かして、業務の改善にも取り組みたい方")
    posting.ideal_candidate = "\n".join(f"・{w}" for w in wanted)
