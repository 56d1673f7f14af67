"""Every BOナビ management command answers bad arguments and -h in Japanese, with a non-zero exit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command, get_commands, load_command_class
from django.core.management.base import CommandError

from bonavi.core.commands import BonaviCommand, japanese_argument_error

REPO = Path(__file__).resolve().parents[3]
OURS = sorted(name for name, app in get_commands().items() if app.startswith("bonavi."))
ENGLISH = ("error:", "argument", "invalid", "required", "unrecognized", "usage:")


def test_there_are_commands_to_check() -> None:
    assert len(OURS) >= 25 and "seed_postings" in OURS


@pytest.mark.parametrize("name", OURS)
def test_every_command_uses_the_japanese_parser_and_refuses_unknown_options(name: str) -> None:
    app = get_commands()[name]
    assert isinstance(load_command_class(app, name), BonaviCommand)
    with pytest.raises(CommandError) as err:
        call_command(name, "--no-such-option")
    message = str(err.value)
    # A command with a required argument reports that first; both are said in Japanese.
    assert message.startswith("エラー: ") and "引数" in message
    assert not any(word in message for word in ENGLISH), message
    assert err.value.returncode == 2


def test_an_invalid_int_names_the_option_and_the_value() -> None:
    with pytest.raises(CommandError) as err:
        call_command("seed_postings", "--count", "abc")
    assert "引数 --count：値 'abc' は整数として読めません" in str(err.value)
    assert "使い方：" in str(err.value)


def test_an_invalid_choice_lists_the_choices() -> None:
    with pytest.raises(CommandError) as err:
        call_command("translate_experience", "--format", "xml", "a.txt")
    assert "引数 --format：値 'xml' は選べません（選べる値：'json', 'text'）" in str(err.value)


def test_a_missing_required_option_is_named() -> None:
    with pytest.raises(CommandError) as err:
        call_command("export_resume")
    assert "次の引数を指定してください：--email" in str(err.value)


def test_unrecognized_arguments_are_listed() -> None:
    with pytest.raises(CommandError) as err:
        call_command("seed_postings", "--count", "1", "extra")
    assert "認識できない引数です：extra" in str(err.value)


@pytest.mark.parametrize(
    ("english", "japanese"),
    [
        ("argument --runs: expected one argument", "引数 --runs：値を1つ指定してください"),
        (
            "argument --json: ignored explicit argument 'x'",
            "引数 --json：値をとらないオプションです（'x' は指定できません）",
        ),
        ("one of the arguments --a --b is required", "次のどれか1つを指定してください：--a --b"),
        ("argument --b: not allowed with argument --a", "引数 --b：--a と同時には指定できません"),
        ("argument --c: invalid Path value: ''", "引数 --c：値 '' はパスとして読めません"),
        ("something argparse says one day", "something argparse says one day"),  # unknown: kept, not lost
    ],
)
def test_other_argparse_messages(english: str, japanese: str) -> None:
    assert japanese_argument_error(english) == japanese


def test_help_is_japanese() -> None:
    text = BonaviCommand().create_parser("bonavi", "seed_postings").format_help()
    assert text.startswith("使い方: bonavi seed_postings")
    assert "オプション:" in text and "このヘルプを表示して終了します。" in text
    assert "出力の詳しさ" in text and "show this help" not in text and "Verbosity" not in text


def test_the_bonavi_entry_point_exits_2_with_a_japanese_message() -> None:
    script = Path(sys.executable).with_name("bonavi")
    argv = [str(script)] if script.exists() else [sys.executable, "-m", "bonavi"]
    proc = subprocess.run(
        [*argv, "seed_postings", "--count", "abc"],
        capture_output=True,
        text=True,
        env={"DJANGO_SETTINGS_MODULE": "config.settings.test", "PATH": os.environ.get("PATH", "/usr/bin")},
        cwd=REPO,
        check=False,
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("使い方: bonavi seed_postings")
    assert "bonavi seed_postings: エラー: 引数 --count：値 'abc' は整数として読めません" in proc.stderr
    assert "invalid int value" not in proc.stderr and proc.stdout == ""
