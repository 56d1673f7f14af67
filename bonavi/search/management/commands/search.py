from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandParser

from bonavi.core.commands import BonaviCommand
from bonavi.search.params import SearchParams
from bonavi.search.selectors import search_postings


class Command(BonaviCommand):
    requires_system_checks: list[str] = []  # long-running tool: do not fail on unrelated URLconf checks
    help = '求人を検索します（匿名ユーザーと同じ範囲）。例: bonavi search "経理 -派遣" --prefecture 13 --format json'

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "query", nargs="?", default="", help='キーワード（"フレーズ"、-除外、OR が使えます）'
        )
        parser.add_argument("--prefecture", action="append", default=[], help="都道府県コード（複数可）")
        parser.add_argument("--family", action="append", default=[], help="職種の分類（accounting など）")
        parser.add_argument("--subrole", action="append", default=[], help="職種（accounting_clerk など）")
        parser.add_argument(
            "--employment-type", action="append", default=[], help="seishain/keiyaku/haken/part"
        )
        parser.add_argument("--city", default="", help="市区町村")
        parser.add_argument("--salary-unit", default="", help="hour/day/month/year")
        parser.add_argument("--salary-min", default="", help="給与の下限（円）")
        parser.add_argument("--inexperienced", action="store_true", help="未経験歓迎")
        parser.add_argument("--education-not-required", action="store_true", help="学歴不問")
        parser.add_argument("--remote", default="", help="any（在宅あり）/ full（フルリモート）")
        parser.add_argument("--weekends-off", action="store_true", help="土日祝休み")
        parser.add_argument("--holidays", default="", help="年間休日 N 日以上")
        parser.add_argument("--overtime", default="", help="月平均残業 N 時間以内")
        parser.add_argument("--days", default="", help="N 日以内に掲載")
        parser.add_argument("--sort", default="", help="relevance/newest/salary")
        parser.add_argument("--page", default="", help="ページ")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args: Any, **o: Any) -> None:
        qd = {
            "q": o["query"],
            "pref": o["prefecture"],
            "family": o["family"],
            "subrole": o["subrole"],
            "emp": o["employment_type"],
            "city": o["city"],
            "salary_unit": o["salary_unit"],
            "salary_min": o["salary_min"],
            "inexp": "1" if o["inexperienced"] else "",
            "edu": "1" if o["education_not_required"] else "",
            "remote": o["remote"],
            "weekend": "1" if o["weekends_off"] else "",
            "holidays": o["holidays"],
            "overtime": o["overtime"],
            "days": o["days"],
            "sort": o["sort"],
            "page": o["page"],
        }
        params = SearchParams.from_querydict({k: v for k, v in qd.items() if v})
        res = search_postings(user=None, params=params)
        if o["format"] == "json":
            out = {
                "query": params.to_querystring(),
                "description": params.describe(),
                "total": res.total,
                "page": params.page,
                "messages": res.messages,
                "results": [
                    {
                        "id": p.pk,
                        "title": p.title,
                        "employer": p.employer_display,
                        "place": p.location_display,
                        "pay": p.wage_display,
                        "employment_type": p.get_employment_type_display(),
                        "url": p.get_absolute_url(),
                    }
                    for p in res.results
                ],
                "facets": {
                    k: [{"value": v, "label": lb, "count": n} for v, lb, n in vs]
                    for k, vs in res.facets.items()
                },
            }
            self.stdout.write(json.dumps(out, ensure_ascii=False, indent=2))
            return
        for m in res.messages:
            self.stderr.write(f"※ {m}")
        self.stdout.write(f"{params.describe()}：{res.total:,} 件")
        for p in res.results:
            self.stdout.write(
                f"[{p.pk}] {p.title}｜{p.employer_name}｜{p.location_display}｜{p.wage_display}"
            )
