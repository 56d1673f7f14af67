"""Deployment check (`bonavi check --deploy`): say when the minimum-wage table is out of date.

It speaks of the table — which prefectures lack the rates of the revision season begun by today's date
(minimum_wage.table_behind_notice) — not of a posting: the employer's caution (stale_table_notice, shown only near
the minimum, wages.near_minimum) would tell the operator 「実際の最低賃金はこの表より高い可能性があります」 about no
pay at all (ADR 0137).

A deploy check rather than one run before every command: commands such as `classify_occupation --format json`
must not print a warning block that has nothing to do with them. `bonavi demo` prints the same notice."""

from __future__ import annotations

from typing import Any

from django.core.checks import Warning, register

from bonavi.core.clock import today_jst

from .minimum_wage import table_behind_notice


@register(deploy=True)
def minimum_wage_table_current(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    notice = table_behind_notice(today_jst())
    if not notice:
        return []
    return [
        Warning(
            notice,
            hint=(
                "新しい年度の表を収録した版のBOナビに更新してください（表を作る側は、公表された地域別最低賃金を"
                "bonavi/compliance/data/minimum_wage_jp.csv に追加します。手順は docs/compliance.md の"
                "「最低賃金の表の更新」）。"
            ),
            id="bonavi.compliance.W001",
        )
    ]
