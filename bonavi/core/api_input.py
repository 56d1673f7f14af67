"""The one rule for names the API does not know in a request body (ADR 0086).

A misspelt field ({"titel": …}) used to be dropped without a word: the answer was 200 and nothing had changed.
Every JSON body is now read with `StrictIn`, which refuses a name that is neither one of its fields nor — for a
body that updates a resource — a field of that resource's answer (`echo_of`), with a 422 naming it. The second
half keeps the usual client working: one that fetches a posting, edits the answer and sends all of it back
(id, status, updated_at included) is not refused; those read-only names are ignored as before.
"""

from __future__ import annotations

from functools import cache
from typing import Any, ClassVar

from ninja import Schema
from pydantic import ConfigDict, model_validator

UNKNOWN_FIELD = "この項目はありません。綴りを確認してください。"


def _document(schema: dict[str, Any], cls: type[StrictIn]) -> None:
    echoed = sorted(cls.echoed_names())  # json_schema_extra of StrictIn only: cls is one of its bodies
    if echoed:
        # Pydantic writes additionalProperties: false; with names that are accepted and ignored it is not true,
        # and a client validating its body against the document would refuse the answer it sends back.
        schema.pop("additionalProperties", None)
        schema["x-ignored-fields"] = echoed
    note = "ここにない項目は 422 で断ります" + (
        "（x-ignored-fields の項目は受け付けて無視します）" if echoed else ""
    )
    schema["description"] = f"{schema.get('description', '')}\n\n{note}。".strip()


class StrictIn(Schema):
    """A request body: unknown names are refused (extra="forbid"); names of `echo_of`'s answers are ignored."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_document)

    # The answers of the resource this body writes: a client may send one back unchanged.
    echo_of: ClassVar[tuple[type[Schema], ...]] = ()

    @classmethod
    @cache  # per body class: the fields do not change after the class is made, and it runs on every request
    def echoed_names(cls) -> frozenset[str]:
        own = set(cls.model_fields) | {f.alias for f in cls.model_fields.values() if f.alias}
        return frozenset({name for out in cls.echo_of for name in out.model_fields} - own)

    @model_validator(mode="before")
    @classmethod
    def _drop_echoed(cls, data: Any) -> Any:
        if isinstance(data, dict) and cls.echo_of:
            echoed = cls.echoed_names()
            return {key: value for key, value in data.items() if key not in echoed}
        return data
