"""bench_search: latency per backend and query class, index build time and size, and the icontains baseline.

Runs against the configured database (DATABASE_URL). `--both` runs itself once per backend in subprocesses:
SQLite at --sqlite-path and PostgreSQL at --pg-url (each is seeded only if it holds fewer than N postings).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.db import connection
from django.db.models import Count, Q

from bonavi.core.commands import BonaviCommand
from bonavi.jobs.models import JobPosting
from bonavi.jobs.selectors import public_postings
from bonavi.jobs.signals import postings_bulk_loaded
from bonavi.search.backends import get_backend
from bonavi.search.indexing import on_bulk_loaded, reindex_all
from bonavi.search.params import PAGE_SIZE, SearchParams
from bonavi.search.query import Access, build_plan
from bonavi.search.selectors import search_postings

CLASSES: dict[str, list[dict[str, Any]]] = {
    "2漢字語": [{"q": w} for w in ("経理", "人事", "法務", "広報")],
    "語+県+給与+ファセット": [
        {"q": "経理", "pref": "13", "salary_unit": "month", "salary_min": "200000"},
        {"q": "人事", "pref": "27", "salary_unit": "month", "salary_min": "220000"},
        {"q": "事務", "pref": "14", "salary_unit": "hour", "salary_min": "1200"},
    ],
    "広い語": [{"q": w} for w in ("総務", "事務")],
    "フレーズ": [{"q": f'"{w}"'} for w in ("給与計算", "月次決算", "データ入力")],
    "条件のみ": [
        {"pref": "13", "emp": "seishain", "inexp": "1"},
        {"pref": "27", "weekend": "1", "holidays": "120"},
        {"family": "accounting", "remote": "any", "sort": "newest"},
    ],
    # Zero-result searches: the page also builds its "no results" help, a count per alternative (dropping each
    # word, a compound's parts, a condition typed as a word, each filter, similar words, a mended kanji slip). Queries checked to find
    # nothing in the generated data.
    "0件:複合語": [{"q": w} for w in ("経理担当者", "秘書貿易", "法務広報")],
    "0件:条件語": [{"q": "残業なし"}, {"q": "年収400万以上"}, {"q": "経理 月給25万以上", "pref": "13"}],
    "0件:3語": [{"q": "経理 給与計算 ほげほげ"}, {"q": "人事 採用 ふがふが", "pref": "27"}],
    # A kanji of the same sound typed by mistake: the help also counts the mended keyword (もしかして).
    "0件:同音の誤字": [{"q": w} for w in ("経里", "総無 東京", "社会保健労務士")],
    # A kanji a ゛/゜ apart (保記 → 簿記), two wrong kanji in a longer word (給世計参 → 給与計算): ADR 0088 addendum.
    "0件:清濁・2字の誤字": [{"q": w} for w in ("保記", "給世計参 東京", "内部官左")],
    # Romaji the page reads as kana (keiri tantou), or mends (sousmu → 総務): ADR 0122.
    "0件:ローマ字": [{"q": w} for w in ("keiri tantou", "sousmu", "jinji tantou")],
}
RECALL_WORDS = ["経理", "人事", "総務", "法務", "広報", "事務"]
# A keyword typed in romaji (ADR 0122), with the kana that it spells: the search page should find what the kana finds.
ROMAJI_WORDS = [
    ("keiri", "けいり"),
    ("keiri tantou", "けいり たんとう"),
    ("soumu", "そうむ"),
    ("somu", "そうむ"),
    ("jinji", "じんじ"),
    ("houmu", "ほうむ"),
    ("kaikei", "かいけい"),
    ("kyuyokeisan", "きゅうよけいさん"),
    ("jinji tantou", "じんじ たんとう"),
]
# Typed with a slip: the page should offer the job word (もしかして).
ROMAJI_SLIPS = [("sousmu", "総務"), ("keirri", "経理"), ("houmy", "法務")]
# Latin-letter words that postings hold as written: what they find must not change.
ASCII_WORDS = ["Excel", "SAP", "IR", "Word", "PC", "AI", "TOEIC", "Access", "kintone"]


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, round(p / 100 * (len(s) - 1)))]


def baseline(params: SearchParams) -> int:
    """What a typical Django site does: icontains over title and description, ORM filters, grouped facets."""
    qs = public_postings()
    for word in params.q.replace('"', " ").split():
        qs = qs.filter(Q(title__icontains=word) | Q(duties__icontains=word))
    if params.prefectures:
        qs = qs.filter(prefecture__in=params.prefectures)
    if params.families:
        qs = qs.filter(family__in=params.families)
    if params.employment_types:
        qs = qs.filter(employment_type__in=params.employment_types)
    if params.salary_unit:
        qs = qs.filter(wage_unit=params.salary_unit, wage_min__gte=params.salary_min or 0)
    if params.inexperienced:
        qs = qs.filter(inexperienced_welcome=True)
    if params.weekends_off:
        qs = qs.filter(holiday_pattern="weekends")
    if params.holidays_min:
        qs = qs.filter(annual_holidays__gte=params.holidays_min)
    if params.remote:
        qs = qs.filter(telework__in=["partial", "full"] if params.remote == "any" else ["full"])
    total = qs.count()
    list(qs.select_related("organization").order_by("-date_posted")[:PAGE_SIZE])
    for f in ("family", "prefecture", "employment_type"):
        list(qs.values(f).annotate(n=Count("id")))
    return total


class Command(BonaviCommand):
    requires_system_checks: list[str] = []  # long-running tool: do not fail on unrelated URLconf checks
    help = "検索のベンチマーク（バックエンド・クエリ種別ごとの p50/p95、索引の構築時間とサイズ、icontains との比較）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--postings", type=int, default=10_000)
        parser.add_argument("--repeat", type=int, default=20, help="クエリ種別ごとの計測回数")
        parser.add_argument("--baseline-repeat", type=int, default=5)
        parser.add_argument("--no-rebuild", action="store_true", help="索引の全件再構築を計測しない")
        parser.add_argument("--prepare-only", action="store_true", help="データ投入だけして終了")
        parser.add_argument("--both", action="store_true", help="SQLite と PostgreSQL の両方で実行")
        parser.add_argument("--sqlite-path", default="var/bench.sqlite3")
        parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", ""))
        parser.add_argument("--json", default="", help="結果を JSON でも書き出すファイル")
        parser.add_argument("--no-migrate", action="store_true", help="migrate を実行しない（テスト用）")
        parser.add_argument("--classes", default="", help="計測するクエリ種別（カンマ区切り、既定はすべて）")
        parser.add_argument("--no-recall", action="store_true", help="再現率を計測しない")
        parser.add_argument(
            "--matching",
            type=int,
            default=0,
            metavar="SEARCHES",
            help="保存検索の照合だけを計測（SEARCHES 件の保存検索 × 新着 --matching-postings 件）",
        )
        parser.add_argument("--matching-postings", type=int, default=10_000)

    def handle(self, *args: Any, **o: Any) -> None:
        if o["both"]:
            self._both(o)
            return
        if o["matching"]:
            self._matching(o["matching"], o["matching_postings"])
            return
        from django.core.management import call_command

        if not o["no_migrate"]:
            call_command("migrate", verbosity=0)
        n = o["postings"]
        out = self.stdout
        have = JobPosting.objects.count()
        if have < n:
            out.write(f"{connection.vendor}: {n - have:,} 件の求人を生成します…")
            from bonavi.jobs.seeding import postings_seed

            started = time.perf_counter()
            # Seeding without indexing: the full rebuild below is what gets measured.
            postings_bulk_loaded.disconnect(
                on_bulk_loaded, sender=JobPosting, dispatch_uid="search-index-bulk"
            )
            try:
                postings_seed(count=n - have, seed=have + 1)
            finally:
                postings_bulk_loaded.connect(
                    on_bulk_loaded, sender=JobPosting, dispatch_uid="search-index-bulk"
                )
            out.write(f"  生成 {time.perf_counter() - started:.1f} 秒")
            o["no_rebuild"] = False
        if o["prepare_only"]:
            return
        backend = get_backend()
        report: dict[str, Any] = {
            "backend": backend.name,
            "postings": JobPosting.objects.count(),
            "classes": {},
        }
        if not o["no_rebuild"] or backend.indexed_count() == 0:
            started = time.perf_counter()
            reindex_all(workers=os.cpu_count() or 1)
            report["build_seconds"] = round(time.perf_counter() - started, 1)
        report["index_mb"] = round(backend.size_bytes() / 1e6, 1)
        wanted = [c for c in o["classes"].split(",") if c] or list(CLASSES)
        if unknown := [c for c in wanted if c not in CLASSES]:
            raise CommandError(f"クエリ種別「{'」「'.join(unknown)}」はありません（{'・'.join(CLASSES)}）。")
        classes = {c: CLASSES[c] for c in wanted}
        # Warm up (dictionary load, page cache), then measure.
        for queries in classes.values():
            for qd in queries:
                search_postings(user=None, params=SearchParams.from_querydict(qd))
        for name, queries in classes.items():
            times, btimes, totals, estimated, hints = [], [], [], 0, []
            for i in range(o["repeat"]):
                params = SearchParams.from_querydict(queries[i % len(queries)])
                t = time.perf_counter()
                res = search_postings(user=None, params=params)
                times.append((time.perf_counter() - t) * 1000)
                totals.append(res.total)
                estimated += res.total_approximate
                # Alternatives offered by the "no results" help (conditions, typos: only in later versions).
                hints.append(
                    len(res.relaxations)
                    + len(res.suggestions)
                    + len(getattr(res, "conditions", []))
                    + len(getattr(res, "typos", []))
                )
            for i in range(o["baseline_repeat"]):
                params = SearchParams.from_querydict(queries[i % len(queries)])
                t = time.perf_counter()
                baseline(params)
                btimes.append((time.perf_counter() - t) * 1000)
            report["classes"][name] = {
                "p50": round(pct(times, 50), 1),
                "p95": round(pct(times, 95), 1),
                "baseline_p50": round(pct(btimes, 50), 1) if btimes else "-",
                "baseline_p95": round(pct(btimes, 95), 1) if btimes else "-",
                "median_total": int(statistics.median(totals)),
                "total_estimated": f"{estimated}/{len(totals)}",  # totals shown as 「約」 (PostgreSQL, ADR 0025)
                "median_hints": statistics.median(hints),
            }
        report["recall"] = {} if o["no_recall"] else self._recall()
        report["romaji"] = {} if o["no_recall"] else self._romaji()
        self._print(report)
        if o["json"]:
            with open(o["json"], "w", encoding="utf-8") as f:
                json.dump(report, f, ensure_ascii=False, indent=1)

    def _matching(self, searches: int, newest: int) -> None:
        """Alert digests: N saved searches against the newest M postings, in memory, on one core."""
        import random

        from bonavi.search.matching import MatcherIndex, compile_params, posting_terms

        rng = random.Random(1)
        words = ["経理", "人事", "総務", "給与計算", "受付", "データ入力", "法務", "広報", "秘書", "貿易", "会計",
                 "Excel", "簿記", "採用", "社内SE", "医療事務", "英語", "決算"]  # fmt: skip
        prefs = [f"{c:02d}" for c in range(1, 48)]
        weights = [
            14 if c == "13" else 9 if c in ("14", "27") else 7 if c in ("11", "12", "23") else 2
            for c in prefs
        ]
        posts = list(JobPosting.objects.select_related("organization").order_by("-id")[:newest])
        t0 = time.perf_counter()
        terms = [(p, posting_terms(p)) for p in posts]
        t1 = time.perf_counter()
        index = MatcherIndex.for_batch(t for _p, t in terms)
        for i in range(searches):
            qd: dict[str, Any] = {}
            if rng.random() < 0.9:
                qd["pref"] = rng.choices(prefs, weights)[0]
            if rng.random() < 0.8:
                qd["q"] = rng.choice(words)
            if rng.random() < 0.3:
                qd["salary_unit"], qd["salary_min"] = "month", str(rng.choice([200000, 250000, 300000]))
            if rng.random() < 0.2:
                qd["inexp"] = "1"
            index.add(i, compile_params(SearchParams.from_querydict(qd)))
        t2 = time.perf_counter()
        hits = sum(len(index.matching(p, t)) for p, t in terms)
        t3 = time.perf_counter()
        self.stdout.write(
            f"保存検索 {searches:,} 件 × 新着 {len(posts):,} 件: 語の抽出 {t1 - t0:.1f} 秒、"
            f"検索の登録 {t2 - t1:.1f} 秒、照合 {t3 - t2:.1f} 秒（合計 {t3 - t0:.1f} 秒、一致 {hits:,} 組）"
        )

    def _recall(self) -> dict[str, dict[str, int | float]]:
        """Ground truth = substring in title or duties of a public live posting; recall = found / truth."""
        backend = get_backend()
        live = set(public_postings().values_list("id", flat=True))
        out = {}
        for w in RECALL_WORDS:
            truth = set(
                public_postings()
                .filter(Q(title__contains=w) | Q(duties__contains=w))
                .values_list("id", flat=True)
            )
            found = set(backend.all_ids(build_plan(SearchParams(q=w)), Access("public")))
            out[w] = {
                "truth": len(truth),
                "found": len(found & live),
                "recall": round(100 * len(truth & found) / len(truth), 2) if truth else 100.0,
            }
        return out

    def _romaji(self) -> dict[str, Any]:
        """What the search page shows for romaji (its total; the share of what the kana finds that it finds), what it
        offers for a romaji slip, and the totals of Latin-letter words that postings hold as written."""
        backend = get_backend()

        def page(q: str) -> tuple[int, set[int], list[str]]:
            res = search_postings(user=None, params=SearchParams(q=q), widen=True)
            shown = res.fallback.params if res.fallback else SearchParams(q=q)
            ids = set(backend.all_ids(build_plan(shown), Access("public"))) if res.total else set()
            return res.total, ids, [t for t, *_rest in res.typos]

        words: dict[str, Any] = {}
        for romaji, kana in ROMAJI_WORDS:
            total, ids, _typos = page(romaji)
            kana_ids = set(backend.all_ids(build_plan(SearchParams(q=kana)), Access("public")))
            share = round(100 * len(ids & kana_ids) / len(kana_ids), 1) if kana_ids else 100.0
            words[romaji] = {"total": total, "kana_total": len(kana_ids), "found_of_kana": share}
        slips = {typed: {"offered": page(typed)[2], "expected": job} for typed, job in ROMAJI_SLIPS}
        ascii_totals = {w: page(w)[0] for w in ASCII_WORDS}
        return {"words": words, "slips": slips, "ascii": ascii_totals}

    def _print(self, r: dict[str, Any]) -> None:
        w = self.stdout.write
        w(
            f"\n== {r['backend']}  {r['postings']:,} 件  構築 {r.get('build_seconds', '-')} 秒  "
            f"索引 {r['index_mb']:,} MB"
        )
        w(
            f"{'クエリ種別':<22} {'p50':>8} {'p95':>8} {'基準p50':>9} {'基準p95':>9} {'件数(中央値)':>12} "
            f"{'推定件数':>8} {'代案':>4}"
        )
        for name, c in r["classes"].items():
            w(
                f"{name:<22} {c['p50']:>7}ms {c['p95']:>7}ms {c['baseline_p50']:>8}ms {c['baseline_p95']:>8}ms "
                f"{c['median_total']:>12,} {c['total_estimated']:>8} {c['median_hints']:>4}"
            )
        w(
            "再現率: "
            + "  ".join(
                f"{k} {v['recall']}%（{v['found']:,}/{v['truth']:,}）" for k, v in r["recall"].items()
            )
        )
        if romaji := r.get("romaji"):
            w(
                "ローマ字（表示件数 / かなの件数、かなの結果のうち見つけた割合）: "
                + "  ".join(
                    f"{k} {v['total']:,}/{v['kana_total']:,} {v['found_of_kana']}%"
                    for k, v in romaji["words"].items()
                )
            )
            w(
                "ローマ字の誤字（もしかして）: "
                + "  ".join(
                    f"{k} → {'・'.join(v['offered']) or 'なし'}（期待 {v['expected']}）"
                    for k, v in romaji["slips"].items()
                )
            )
            w("英字の語の件数: " + "  ".join(f"{k} {n:,}" for k, n in romaji["ascii"].items()))

    def _both(self, o: dict[str, Any]) -> None:
        runs = [("sqlite", f"sqlite:///{os.path.abspath(o['sqlite_path'])}")]
        if o["pg_url"]:
            runs.append(("postgresql", o["pg_url"]))
        else:
            self.stderr.write("--pg-url（または BENCH_PG_URL）がないため PostgreSQL は省略します。")
        for _name, url in runs:
            env = {**os.environ, "DATABASE_URL": url}
            cmd = [
                sys.executable,
                "-m",
                "bonavi",
                "bench_search",
                "--postings",
                str(o["postings"]),
                "--repeat",
                str(o["repeat"]),
                "--baseline-repeat",
                str(o["baseline_repeat"]),
            ]
            for flag in ("no_rebuild", "prepare_only"):
                if o[flag]:
                    cmd.append("--" + flag.replace("_", "-"))
            subprocess.run(cmd, env=env, check=True)
