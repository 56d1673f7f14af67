"""Every application's offer_previous folded into its offer_history (ADR 0130, addendum s21), so that the history
is the one record of a 内定's earlier values and offer_previous can go (0017).

offer_previous held each changed item's value before its latest change. A change since 0015 also appended that
value to the history, so for such an item the history's last entry is it already and nothing is added. An item
changed only before 0015 has no entry: its value goes first (it is older than every entry there), dated by
offer_changed_at when the history is otherwise empty (the moment the cards showed for it), and undated (None, shown
as 「変更日時の記録なし」) when a later change of the other item has taken offer_changed_at since. Written with
QuerySet.update, so `updated_at` (the last status change the lists show) stays as it was."""

from __future__ import annotations

from typing import Any

from django.db import migrations

ITEMS = ("start_on", "offer_terms")


def folded(
    previous: dict[str, Any] | None, history: list[dict[str, Any]] | None, changed_at: str | None
) -> list[dict[str, Any]]:
    """`history` with `previous`'s values in it, oldest first, none twice. `changed_at`: the row's ISO moment."""
    entries = list(history or [])
    older: list[dict[str, Any]] = []
    for item in ITEMS:
        if item not in (previous or {}):
            continue
        was = (previous or {})[item]
        mine = [e for e in entries if e.get("item") == item]
        if mine and mine[-1].get("was") == was:
            continue
        if mine:
            # Not written by the services (the last entry of an item is always its offer_previous); kept as the
            # newest value of the item rather than lost.
            entries.append({"item": item, "was": was, "until": changed_at})
            continue
        older.append({"item": item, "was": was, "until": None if entries else changed_at})
    return older + entries


def latest(history: list[dict[str, Any]] | None) -> dict[str, Any]:
    """offer_previous as it was: each item's last entry (for going back to 0015)."""
    last: dict[str, Any] = {}
    for entry in history or []:
        if entry.get("item") in ITEMS:
            last[entry["item"]] = entry.get("was")
    return {item: last[item] for item in ITEMS if item in last}


def fold(apps: Any, schema_editor: Any) -> None:
    Application = apps.get_model("seekers", "Application")
    rows = Application.objects.only("pk", "offer_previous", "offer_history", "offer_changed_at").order_by("pk")
    for row in rows.iterator():
        if not row.offer_previous:
            continue
        moment = row.offer_changed_at.isoformat() if row.offer_changed_at else None
        history = folded(row.offer_previous, row.offer_history, moment)
        if history != (row.offer_history or []):
            Application.objects.filter(pk=row.pk).update(offer_history=history)


def unfold(apps: Any, schema_editor: Any) -> None:
    Application = apps.get_model("seekers", "Application")
    rows = Application.objects.only("pk", "offer_previous", "offer_history").order_by("pk")
    for row in rows.iterator():
        previous = latest(row.offer_history)
        if previous != (row.offer_previous or {}):
            Application.objects.filter(pk=row.pk).update(offer_previous=previous)


class Migration(migrations.Migration):
    dependencies = [
        ("seekers", "0015_offer_history"),
    ]

    operations = [
        migrations.RunPython(fold, unfold),
    ]
