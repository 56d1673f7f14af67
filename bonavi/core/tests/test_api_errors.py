"""The API's validation messages are Japanese, choices included."""

from __future__ import annotations

from bonavi.core.api_errors import japanese_message


def test_a_list_of_choices_is_joined_in_japanese_not_with_or() -> None:
    error = {"type": "literal_error", "ctx": {"expected": "'screening', 'interview' or 'rejected'"}}
    assert japanese_message(error) == "選べる値は 'screening'、'interview'、'rejected' です。"


def test_an_unknown_error_type_still_gets_a_japanese_message() -> None:
    assert japanese_message({"type": "something_new"}) == "値が正しくありません。"
