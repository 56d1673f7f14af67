"""The experience translator's curated phrase lexicon.

Each line: surface terms (space-separated; matched as substrings of the NFKC-folded, lower-cased text) | the
jobtag skill or knowledge key the phrase shows | family weights (ac=経理・財務, hr=人事・労務,
lg=法務・総務, pr=広報・IR, it=情報システム, gc=一般事務; 3 = a term of the trade, 2 = typical task, 1 = hint).
A line without weights is an action cue: it names a skill but says nothing about the family by itself.

Where terms overlap, the longest match wins (配送伝票 is clerical logistics, 伝票 alone is bookkeeping). The
lexicon describes the six families' work in everyday words — what people write about アルバイト, サークル,
ボランティア and previous jobs — and is kept general on purpose: ADR 0032 says how to extend it and why no
entry may be added for a single evaluation case.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Final

FAMILY_CODES: Final = {
    "ac": "accounting",
    "hr": "hr_labor",
    "lg": "legal_general_affairs",
    "pr": "pr_ir",
    "it": "it_support",
    "gc": "general_clerical",
}

LEXICON: Final = """
# ---- 経理・財務 -------------------------------------------------------------------------------------------
経理 会計 簿記 仕訳 勘定科目 帳簿 決算 試算表 損益 貸借対照表 財務諸表 財務 出納 会計ソフト 会計補佐 会計係 会計担当 | economics_accounting | ac3
伝票 領収書 レシートの整理 請求書 請求 経費精算 経費 精算 立替 交通費 出張費 旅費 | economics_accounting | ac3
入金 出金 支払い 支払 振込 振り込み 売掛 買掛 掛け売り 掛売 未収 未払 入出金 | economics_accounting | ac3
売上 売り上げ 原価 利益 粗利 収支 収入と支出 家計簿 決済 インボイス 消費税 税込 税抜 | economics_accounting | ac2
確定申告 源泉徴収 税務 税金 申告書 | economics_accounting | ac3 lg1
予算 支出 費用 コスト 資金 資金繰り 見積もり 見積り 見積 相見積 価格を見直 値付け | financial_resources_management | ac2
現金 レジ締め レジ点検 釣り銭 つり銭 両替 小口現金 金庫 集金 会費 部費 参加費 協賛金 寄付金 残高 | economics_accounting | ac2
棚卸 棚卸し 在庫金額 | economics_accounting | ac2 gc1
レジ レジ打ち レジ業務 レジ係 | economics_accounting | ac2 gc1
監査 内部統制 | economics_accounting | ac3 lg1
売上金 差額 過不足 金額 代金 料金 立て替え 立替金 口座 通帳 記帳 帳簿につけ 会計報告 収支報告 決算書 予算管理 仮払 入金確認 未入金 督促 単価 原価計算 利益率 赤字 黒字 募金 寄付 レセプト | economics_accounting | ac2
税理士 会計士 | economics_accounting | ac2 lg1
# ---- 人事・労務 -------------------------------------------------------------------------------------------
人事 労務 採用 応募者 応募 求人 選考 内定 面接 入社 退職 入社書類 雇用契約 | personnel_hr | hr3
給与計算 給与 給料の計算 社会保険 雇用保険 年末調整 勤怠 出勤簿 タイムカード 有給 残業時間 | personnel_hr | hr3 ac1
シフト シフト表 シフト作成 人員配置 人員 人手 配属 班に分け チームに分け 役割分担 出勤人数 受け入れ担当 | personnel_resources_management | hr3
研修 新人 新人教育 教育係 トレーナー 育成 オリエンテーション 習熟度 指導係 後輩 新しく入った 新入部員 | education_training_kn | hr3
安全ルール 安全教育 | education_training_kn | hr2 lg1
面談 困りごと 悩み 相談に乗 相談にの 辞めそう 定着 離職 働きやすい 気持ちよく働 | active_listening | hr2
福利厚生 健康診断 ストレスチェック ハラスメント メンタルヘルス 労働時間 | personnel_hr | hr3
派遣会社 派遣スタッフ アルバイトの管理 スタッフの管理 | personnel_resources_management | hr2
割り当て 割り振り 作業分担 分担 持ち場 人の配置 人の貸し借り 応援を頼 | personnel_resources_management | hr2
評価 人事評価 目標設定 | personnel_resources_management | hr2
勤務表 当番表 欠勤 遅刻 交代要員 人手不足 人が足りない 採用面接 模擬面接 就職活動 就活 エントリーシート 履歴書 内定者 インターン 募集 求人票 雇用 入退社 給与明細 有給休暇 | personnel_hr | hr3
相談にのっ 相談に乗っ 相談を受け 声をかけ 励まし モチベーション 人間関係 チームワーク | social_perceptiveness | hr2
メンター ojt 育て 面倒を見 研修資料 教育 | education_training_kn | hr2
# ---- 法務・総務 -------------------------------------------------------------------------------------------
契約 契約書 規約 利用規約 出展規約 約款 法律 法令 法的 法務 条例 規程 規則 就業規則 ガイドライン コンプライアンス 法律上 | law_government | lg3
著作権 肖像権 商標 二次創作 個人情報 プライバシー 景品表示法 表示基準 審査基準 | law_government | lg3
相続 戸籍 戸籍謄本 住民票 登記 遺産分割 名義変更 法務局 公証 印鑑証明 | law_government | lg3
役所 官公庁 市役所 区役所 消防署 警察署 税務署 行政 許可 届出 届け出 手続き | law_government | lg2
防災 避難訓練 防火 消防訓練 備蓄 非常食 安全管理 防犯 危機管理 | public_safety_security | lg3
備品 消耗品 備品管理 賞味期限管理 施設管理 設備 修繕 社用車 鍵の管理 | material_resources_management | lg2 gc1
総務 庶務 株主総会 取締役会 議事録 文書管理 押印 印鑑 社内規程 社内イベント | clerical | lg3
秘書 来客対応 来客 お茶出し 会議室 会議室の予約 | clerical | lg2 gc2
掲載を見送 判断に迷う 問題がないか 違反 | judgment_decision_making | lg2
ルール 禁止事項 注意事項 利用条件 条項 規定 定款 権利 許諾 掲載許可 同意書 承諾 免責 個人情報の取り扱い 保健所 許認可 行政書士 | law_government | lg2
貸し出し 貸出 返却 清掃 設備点検 安全点検 鍵 | material_resources_management | lg2 gc1
理事会 役員会 議案 稟議 決裁 郵送物 | clerical | lg2 gc1
トラブル | troubleshooting | it1 lg1
# ---- 広報・IR ----------------------------------------------------------------------------------------------
広報 pr 告知 宣伝 発信 情報発信 sns instagram インスタ twitter ツイッター tiktok youtube ブログ note | communications_media | pr3
記事 原稿 取材 インタビュー プレスリリース リリース メディア 新聞 雑誌 テレビ ラジオ 媒体 | communications_media | pr3
広告 チラシ ポスター パンフレット 会報 広報誌 社内報 部誌 会誌 ニュースレター フリーペーパー | communications_media | pr3
編集 校正 推敲 誤字 キャッチコピー コピーライティング | writing | pr3
写真 撮影 動画 配信 実況 サムネイル サムネ 再生回数 閲覧数 クリック率 フォロワー 登録者 いいね 反応を見 | communications_media | pr2
司会 進行 台本 放送 館内放送 アナウンス 実況中継 ナレーション | speaking | pr3
発表 プレゼン プレゼンテーション 説明会 | speaking | pr2
株主 投資家 ir 決算説明会 開示 適時開示 株主通信 統合報告書 アニュアルレポート | communications_media | pr3 ac1
集客 ブランディング 認知度 | sales_marketing | pr2
イベント 企画 | sales_marketing | pr1
コメント欄 炎上 書き込み | social_perceptiveness | pr2
投稿 紹介文 紹介記事 キャプション 見出し 表記 文言 掲載 公式サイト 更新 アクセス数 拡散 ハッシュタグ 告知文 メルマガ メールマガジン 案内文 | communications_media | pr2
記者 報道 会見 展示 出展 ブース 来場者 デザイン canva スピーチ mc | communications_media | pr2
# ---- 情報システム ----------------------------------------------------------------------------------------
パソコン pc ノートpc タブレット ネットワーク lan wi-fi wifi 無線lan ルーター ルータ vlan | computers_electronics | it3
サーバ サーバー ファイルサーバ nas linux windows mac os クラウド 検証環境 仮想マシン | computers_electronics | it3
アカウント パスワード メール設定 インストール セットアップ キッティング 初期設定 アップデート 設定 | installation | it3
ヘルプデスク 社内se 情報システム 情シス システム 端末 電子カルテ 会員システム 基幹システム アプリ ソフト | computers_electronics | it2
プリンター プリンタ 複合機 周辺機器 ケーブル 配線 | computers_electronics | it2
再起動 フリーズ 固まる エラー 不具合 トラブル対応 障害 故障 復旧 バックアップ ウイルス セキュリティ つながらない 受信できない 表示されない | troubleshooting | it3
プログラミング マクロ vba スクリプト python 関数 データベース ホームページ webサイト | programming | it2 pr1
バーコード スクショ スクリーンショット 画面 操作方法 使い方 | computers_electronics | it2
itパスポート 基本情報 資格の勉強 独学 | active_learning | it2
ログイン 印刷できない 対処 対処法 入れ替え 共有フォルダ フォルダ データ移行 詐欺メール 迷惑メール フィッシング 情報セキュリティ セルフレジ 券売機 スキャナー プロジェクター 機器 接続 zoom teams slack googleフォーム it デジタル | computers_electronics | it2
# ---- 一般事務 ---------------------------------------------------------------------------------------------
事務 データ入力 入力 打ち込み タイピング 転記 ファイリング 書類作成 書類 申込書 申請書 届出書 | clerical | gc3
照合 突き合わせ 突合 照らし合わせ 一致 名簿 台帳 一覧表 リスト 集計表 記録 記入漏れ 確認項目 チェックリスト ダブルチェック 不足書類 | clerical | gc3
電話対応 電話 fax ファックス メール対応 受付 窓口 問い合わせ 問合せ お問い合わせ 取り次ぎ 一次対応 | clerical | gc3
接客 接客業 接遇 お客様対応 お客さま対応 顧客対応 | service_orientation | gc2
予約 予約注文 予約の管理 予約管理 日程調整 日程 スケジュール カレンダー 手配 段取り | time_management | gc2
発注 受注 注文 配送 配送伝票 納品書 出荷 発送 郵便 封入 梱包 検品 在庫管理 在庫 | clerical | gc2
エクセル excel ワード word スプレッドシート パワーポイント powerpoint 表計算 資料作成 資料 | clerical | gc2 ac1
登録 手続き書類 休会 退会 入会 会員 身分証 | clerical | gc2
送信 通知 お知らせ 案内状 | clerical | gc2
仕分け 仕分 分類 並べ替え 順に並べ 整理 | clerical | gc2
手順書 マニュアル 引き継ぎ 引き継ぎ資料 | writing | gc2
正確に ミスなく 間違いがない 漏れがない 期限 締め切り 逆算 優先順位 | time_management | gc2
日報 報告書 保険証 診察券 患者 カルテ 来院 受付票 整理券 見積書 発注書 納品 封筒 宛名 ラベル 郵送 送付 スキャン 件数 管理表 一覧 表にまと 表にして 入力ミス 記入 記載 二重チェック 期日 納期 予定 取次 伝言 空き枠 キャンセル 順番待ち 予約表 | clerical | gc2
# ---- action cues (skill only) -----------------------------------------------------------------------------
教え 教える 指導 | instructing | hr1
案内 | instructing
説明 | speaking
話を聞 聞き取 を聞き を聞いて 希望を聞 意見を聞 要望を聞 | active_listening
書き 書く 書いて 作文 文章 まとめ 作成 作り 作って 作る | writing
調整 連絡 依頼 引き継 伝えて 共有 報告 | coordination
交渉 お願い 提案 説得 言い換え | persuasion
判断 見送 差し戻 優先 比較 検討 | judgment_decision_making
確認 チェック 点検 見直 不備 誤り 間違い | monitoring
計算 集計 数え | mathematics
試し 試して 調べ 勉強 覚え 学ん 質問 原因を | active_learning
読み比べ 読んで 読み込 目を通 | reading_comprehension
明記 書き出 | writing
管理 | monitoring
改善 工夫 反映 改訂 | systems_evaluation
対応 返信 返答 | service_orientation
処理 | clerical
"""


@dataclass(frozen=True)
class Cue:
    term: str  # folded form (NFKC, lower case)
    skill: str
    families: tuple[tuple[str, int], ...]  # (family, weight); empty for action cues

    @property
    def is_action(self) -> bool:
        return not self.families

    @property
    def strength(self) -> int:
        return max((w for _, w in self.families), default=0)


@lru_cache(maxsize=1)
def cues() -> tuple[Cue, ...]:
    from bonavi.core.text import nfkc

    out: dict[str, Cue] = {}
    for line in LEXICON.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("|")]
        terms, skill = parts[0].split(), parts[1]
        weights: list[tuple[str, int]] = []
        if len(parts) > 2 and parts[2]:
            for token in parts[2].split():
                weights.append((FAMILY_CODES[token[:2]], int(token[2:])))
        for term in terms:
            folded = nfkc(term).lower()
            if folded not in out:  # the first line that names a term owns it
                out[folded] = Cue(folded, skill, tuple(weights))
    # Longest first, so the matcher can take the longest term at each position.
    return tuple(sorted(out.values(), key=lambda c: (-len(c.term), c.term)))
