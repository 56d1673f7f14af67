"""The base class of every BOナビ management command: argument errors and help in Japanese.

argparse words its messages in English and offers no hook but gettext (which would change every argparse
program in the process), so the command's parser rewrites the messages it knows in `error()`, the one place
they all pass through. A message not in the table (a future Python's new wording) is still shown, unchanged,
after the Japanese 「エラー」 and the hint to `-h`, so nothing is lost. The wording matched is Python 3.11's.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
from collections.abc import Callable
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandError, CommandParser, DjangoHelpFormatter

# argparse's names for `type=` callables → what a user calls such a value.
_TYPE_NAMES = {"int": "整数", "float": "数値", "Path": "パス", "date": "日付", "fromisoformat": "日付"}

# Help of the options Django adds to every command, by destination.
_BASE_HELP = {
    "help": "このヘルプを表示して終了します。",
    "version": "バージョンを表示して終了します。",
    "verbosity": "出力の詳しさ：0=最小、1=通常、2=詳細、3=最も詳細。",
    "settings": "設定モジュールの Python パス（例：config.settings.prod）。省略時は環境変数 DJANGO_SETTINGS_MODULE。",
    "pythonpath": "Python の import パスに加えるディレクトリ。",
    "traceback": "CommandError のときにスタックトレースをすべて表示します。",
    "no_color": "出力に色を付けません。",
    "force_color": "出力に必ず色を付けます。",
    "skip_checks": "システムチェックを省略します。",
}


def _value(m: re.Match[str]) -> str:
    return m.group("value")


# (English message of argparse, its Japanese). Matched against the part after "argument NAME: " when there is one.
_MESSAGES: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (
        re.compile(r"invalid (?P<type>\S+) value: (?P<value>.*)", re.S),
        lambda m: f"値 {_value(m)} は{_TYPE_NAMES.get(m.group('type'), m.group('type'))}として読めません",
    ),
    (
        re.compile(r"invalid choice: (?P<value>.*) \(choose from (?P<choices>.*)\)", re.S),
        lambda m: f"値 {_value(m)} は選べません（選べる値：{m.group('choices')}）",
    ),
    (re.compile(r"expected one argument"), lambda m: "値を1つ指定してください"),
    (re.compile(r"expected at most one argument"), lambda m: "値は1つまでです"),
    (re.compile(r"expected at least one argument"), lambda m: "値を1つ以上指定してください"),
    (re.compile(r"expected (?P<n>\d+) arguments?"), lambda m: f"値を{m.group('n')}個指定してください"),
    (
        re.compile(r"ignored explicit argument (?P<value>.*)", re.S),
        lambda m: f"値をとらないオプションです（{_value(m)} は指定できません）",
    ),
    (
        re.compile(r"not allowed with argument (?P<other>.*)", re.S),
        lambda m: f"{m.group('other')} と同時には指定できません",
    ),
    (
        re.compile(r"unrecognized arguments: (?P<args>.*)", re.S),
        lambda m: f"認識できない引数です：{m.group('args')}",
    ),
    (
        re.compile(r"the following arguments are required: (?P<args>.*)", re.S),
        lambda m: f"次の引数を指定してください：{m.group('args')}",
    ),
    (
        re.compile(r"one of the arguments (?P<args>.*) is required", re.S),
        lambda m: f"次のどれか1つを指定してください：{m.group('args')}",
    ),
    (
        re.compile(r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)", re.S),
        lambda m: f"オプション {m.group('option')} が複数に当てはまります（候補：{m.group('matches')}）",
    ),
    (
        re.compile(r"can't open '(?P<file>.*)': (?P<error>.*)", re.S),
        lambda m: f"ファイル「{m.group('file')}」を開けません：{m.group('error')}",
    ),
]
_ARGUMENT = re.compile(r"argument (?P<name>.+?): (?P<message>.*)", re.S)


def japanese_argument_error(message: str) -> str:
    """argparse's English error message in Japanese (unknown wording is returned unchanged)."""
    name = None
    if m := _ARGUMENT.fullmatch(message):
        name, message = m.group("name"), m.group("message")
    for pattern, render in _MESSAGES:
        if found := pattern.fullmatch(message):
            message = render(found)
            break
    return f"引数 {name}：{message}" if name else message


class JapaneseHelpFormatter(DjangoHelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "使い方: " if prefix is None else prefix)


class JapaneseCommandParser(CommandParser):
    """Django's command parser with Japanese errors. Exit status 2 from the command line (as argparse), a
    CommandError with return code 2 when called from code (call_command)."""

    def error(self, message: str) -> NoReturn:
        text = f"{japanese_argument_error(message)}。使い方：{self.prog} -h"
        if self.called_from_command_line:
            self.print_usage(sys.stderr)
            self.exit(2, f"{self.prog}: エラー: {text}\n")
        raise CommandError(f"エラー: {text}", returncode=2)


class BonaviCommand(BaseCommand):
    """Use instead of Django's BaseCommand for every command under bonavi/*/management/commands/."""

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        kwargs.setdefault("formatter_class", JapaneseHelpFormatter)
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        # Django builds a plain CommandParser and offers no parameter for the class; ours only overrides
        # methods and adds no state, so switching the instance's class is safe and keeps Django's set-up.
        parser.__class__ = JapaneseCommandParser
        parser._positionals.title = "位置引数"
        parser._optionals.title = "オプション"
        for action in parser._actions:
            if action.dest in _BASE_HELP and action.option_strings and action.help != argparse.SUPPRESS:
                action.help = _BASE_HELP[action.dest]
        return parser


def median_p95(values: list[float]) -> tuple[float, float]:
    """The median and the 95th percentile (nearest rank) of a benchmark's timings, as every bench_* command reports."""
    values = sorted(values)
    return statistics.median(values), values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
