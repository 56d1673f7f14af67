from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate, password_validation
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.safestring import SafeString

from bonavi.core.eras import NoSuchEraMonth, year_month
from bonavi.core.fields import EmailField, PhoneField
from bonavi.core.forms import ConfirmForm, YearMonthWidget, YenField, year_month_part_missing
from bonavi.core.mail import operator_name
from bonavi.core.prefectures import PREFECTURES
from bonavi.core.ratelimit import client_ip
from bonavi.core.text import nfkc, one_line, too_long, widen_kana
from bonavi.core.validators import reject_markup

from . import services
from .models import BUSINESS_MAX, CAPITAL_MAX, EMPLOYEES_MAX, PITCH_MAX, WEBSITE_MAX, User, yen_large

PASSWORD_HELP = "10文字以上。数字だけ・よくあるパスワードは使えません。"


class OneLineField(forms.CharField):
    """A name (表示名, 会社名): one line wherever it is shown, mail subjects included, so line breaks, tabs and runs
    of spaces sent with the form become single spaces, and other control characters go, before the length and
    markup checks (core.text.one_line, the rule mail subjects follow too). Half-width katakana is widened
    (ﾔﾏﾀﾞ → ヤマダ), so one person or company is not listed under two spellings."""

    def to_python(self, value: Any) -> str:
        return widen_kana(one_line(str(super().to_python(value))))


def new_password_field(label: str = "パスワード") -> forms.CharField:
    """A new password (sign-up, joining a team, changing it): the browser may offer to generate one."""
    return forms.CharField(
        label=label,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
        help_text=PASSWORD_HELP,
    )


def _agree_label() -> SafeString:
    return format_html(
        '<a href="{}" target="_blank" rel="noopener">利用規約</a>と'
        '<a href="{}" target="_blank" rel="noopener">プライバシーポリシー</a>（個人情報の利用目的）に同意します',
        reverse("support:terms"),
        reverse("support:privacy"),
    )


def agree_field() -> forms.BooleanField:
    """Consent at sign-up and on joining a team: the label links both documents (lazily: URLs are resolved when the
    form is shown, not at import), opening in a new tab so that what was typed stays."""
    return forms.BooleanField(
        label=lazy(_agree_label, SafeString)(),
        error_messages={"required": "登録には利用規約と個人情報の利用目的への同意が必要です。"},
    )


def password_again_field(label: str = "パスワード（確認）") -> forms.CharField:
    return forms.CharField(
        label=label, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}), strip=False
    )


def check_new_password(
    form: forms.Form, data: dict[str, Any], *, user: User, first: str = "password1", second: str = "password2"
) -> None:
    """The two entries agree and the password passes the validators (which compare it with the user's address
    and name, so `user` carries what the person typed even before the account exists)."""
    p1, p2 = data.get(first), data.get(second)
    if p1 and p2 and p1 != p2:
        form.add_error(second, "確認用のパスワードが一致しません。")
    if p1:
        try:
            password_validation.validate_password(p1, user)
        except forms.ValidationError as exc:
            form.add_error(first, exc)


class SignupForm(forms.Form):
    ACCOUNT_TYPES = [("seeker", "仕事を探す（求職者）"), ("employer", "求人を掲載する（採用担当）")]

    # Which form this is, sent back as it was shown (?role=employer or the seeker's default; see __init__).
    account_type = forms.ChoiceField(label="登録の種類", choices=ACCOUNT_TYPES, widget=forms.HiddenInput)
    email = EmailField(
        label="メールアドレス",
        max_length=254,
    )
    # Both are shown on pages and the company name becomes each posting's 募集者の名称: plain text only.
    display_name = OneLineField(
        label="お名前（表示名）", max_length=100, required=False, validators=[reject_markup]
    )
    organization_name = OneLineField(
        label="会社名",
        max_length=200,
        validators=[reject_markup],
        error_messages={"required": "採用担当として登録するには会社名を入力してください。"},
    )
    password1 = new_password_field()
    password2 = password_again_field()
    agree = agree_field()

    def __init__(self, *args: Any, role: str = "seeker", **kwargs: Any) -> None:
        """`role`: the page's account type (?role=employer, or the hidden field sent back), so a seeker's form has
        no 会社名 and an employer's requires it."""
        super().__init__(*args, **kwargs)
        self.role = "employer" if role == "employer" else "seeker"
        self.fields["account_type"].initial = self.role
        if self.role == "seeker":
            del self.fields["organization_name"]

    def clean_email(self) -> str:
        # Whether the address is registered is deliberately not checked here: the answer would tell anyone who
        # has an account. The mail sent to the address says it instead (services.signup_request, ADR 0071).
        email: str = self.cleaned_data["email"].lower()
        return email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_new_password(self, data, user=User(email=data.get("email", "")))
        return data


class LoginForm(forms.Form):
    email = EmailField(label="メールアドレス", max_length=254)
    password = forms.CharField(label="パスワード", widget=forms.PasswordInput, strip=False)

    def __init__(self, request: HttpRequest, *args: Any, reason_id: str = "", **kwargs: Any) -> None:
        self.request = request
        self.user: User | None = None
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            # The page is this form and nothing else above it but its title (ADR 0160 addendum): start in the
            # address, as a keyboard user would Tab there first. Only when first shown — a refused form puts the
            # focus on its first reason instead, and two autofocus attributes leave the browser to pick one. The
            # reason the page was shown (「…にはログインしてください」) sits above the form: tied to the box, a
            # screen reader still says it though the focus skips it.
            attrs = self.fields["email"].widget.attrs
            attrs["autofocus"] = True
            if reason_id:
                attrs["aria-describedby"] = reason_id

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        email, password = data.get("email", ""), data.get("password", "")
        if not email or not password:
            return data
        ip = client_ip(self.request)
        if services.login_is_throttled(email=email, ip=ip):
            raise forms.ValidationError(
                "ログインの失敗が続いたため、しばらくログインできません。15分ほど待ってからお試しいただくか、"
                "「パスワードを忘れた方」から再設定してください（再設定すると、すぐにログインできます）。",
                code="throttled",
            )
        user = authenticate(self.request, username=email.lower(), password=password)
        if user is None:
            services.login_failure_record(email=email, ip=ip)
            raise forms.ValidationError("メールアドレスまたはパスワードが正しくありません。", code="invalid")
        services.login_success_record(email=email)
        self.user = user
        return data


class TokenIssueForm(forms.Form):
    name = forms.CharField(
        label="トークンの名前（用途）",
        max_length=50,
        required=False,
        validators=[reject_markup],
        help_text="用途がわかる名前。例：スプレッドシート連携。空欄なら「API」。",
    )


class EmployeesField(forms.IntegerField):
    """従業員数 as people write it: 「120」「1,200人」「３５名」 are numbers of people; anything else is refused."""

    default_error_messages = {
        "invalid": "従業員数は人数を数字で入力してください（例：120）。",
        # The service's wording (accounts.services.EMPLOYEES_RANGE), whichever side refuses first.
        "min_value": services.EMPLOYEES_RANGE,
        "max_value": services.EMPLOYEES_RANGE,
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            min_value=1,
            max_value=EMPLOYEES_MAX,
            widget=forms.TextInput(attrs={"inputmode": "numeric"}),
            **kwargs,
        )

    def to_python(self, value: Any) -> int | None:
        if isinstance(value, str):
            value = nfkc(value).replace(",", "").strip().removesuffix("人").removesuffix("名").strip()
        return super().to_python(value)


class YearMonthField(forms.CharField):
    """設立 as a year and month: a 年 box (西暦, or 和暦 as 平成17 or H17) and a 月 select (core.forms.YearMonthWidget),
    or one text — 2005-04, 2005/4, 2005年4月, 平成17年4月 — from a script or an older page, read by
    core.eras.year_month as the documents editor reads its months. The first of that month is returned; a month that
    does not exist is refused (whether it is past is the service's to judge, with today's date)."""

    widget = YearMonthWidget()

    def to_python(self, value: Any) -> Any:
        if isinstance(value, dt.date):
            return value
        text = nfkc(str(super().to_python(value))).strip()
        if not text:
            return None
        try:
            ym = year_month(text)
        except NoSuchEraMonth as exc:
            raise forms.ValidationError(str(exc), code="invalid") from exc
        if ym is None:
            if missing := year_month_part_missing(text, "設立"):
                raise forms.ValidationError(missing, code="invalid")
            if short := re.fullmatch(r"(\d{1,3})年\d{1,2}月", text):  # 「205」 in the 年 box: a digit short
                raise forms.ValidationError(
                    f"設立年「{short[1]}」を確かめてください（西暦は4桁で。例：2005）。", code="invalid"
                )
            raise forms.ValidationError(
                "設立の年を数字で入力してください（例：2005、平成17）。", code="invalid"
            )
        year, month = ym
        # 「0205-04」: a slip of the keys (the oldest companies date from the 6th century, not typed so)
        if year < 1000:
            raise forms.ValidationError(
                f"設立年「{year:04d}」を確かめてください（例：2005）。", code="invalid"
            )
        if not 1 <= month <= 12:
            raise forms.ValidationError(
                f"{month}月はありません。設立の月は1〜12で入力してください。", code="invalid"
            )
        return dt.date(year, month, 1)

    def prepare_value(self, value: Any) -> Any:
        return f"{value:%Y-%m}" if isinstance(value, dt.date) else value

    def validate(self, value: Any) -> None:
        if value is None and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")

    def run_validators(self, value: Any) -> None:
        return None  # a date, not a text: max_length and the like do not apply


class CapitalField(YenField):
    """資本金: what YenField reads (「1000万」「10,000,000円」), and 億 too — capital is written 「3億円」「1億5000万円」,
    which no wage is (core.money refuses 億 so that a typo in a wage is not read as a fortune)."""

    def to_python(self, value: Any) -> int | None:
        if isinstance(value, str):
            compact = "".join(nfkc(value).replace(",", "").split())
            if m := re.fullmatch(
                r"(\d{1,6})億(.*)", compact
            ):  # a 億 beyond CAPITAL_MAX: its max_value message
                rest = super().to_python(m.group(2)) if m.group(2) not in ("", "円") else 0
                return int(m.group(1)) * 100_000_000 + (rest or 0)
        return super().to_python(value)

    def prepare_value(self, value: Any) -> Any:
        # Shown back as the company page writes it (「500万円」「3億5,000万円」), which this field reads again:
        # the stored yen, 「350000000」, had to be counted digit by digit on a phone to be checked.
        return yen_large(value) if isinstance(value, int) else value


class OrganizationForm(forms.Form):
    """The company's 所在地 and 連絡先 — new postings take them as the 募集者's (職業安定法5条の3) — and the company
    profile shown on its public page and beside its postings (ADR 0103)."""

    address = forms.CharField(
        label="所在地",
        max_length=300,
        validators=[reject_markup],
        help_text="都道府県から番地まで。例：東京都千代田区丸の内1-1-1",
        error_messages={"required": "所在地を入力してください。"},
    )
    phone = PhoneField(
        label="電話番号",
        max_length=30,
        required=False,
        help_text="例：03-1234-5678",
    )
    email = EmailField(
        label="連絡先メール",
        required=False,
    )

    # The company profile (ADR 0103), all optional: parsed here, judged by services.organization_update.
    business = forms.CharField(
        label="事業内容",
        max_length=BUSINESS_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[reject_markup],
        help_text=f"{BUSINESS_MAX}文字まで。例：中小企業向けの経理・給与計算の受託、クラウド会計の導入支援",
        error_messages={"max_length": too_long("事業内容", BUSINESS_MAX, given="%(show_value)s")},
    )
    employees = EmployeesField(label="従業員数", required=False, help_text="人数（例：120）。")
    founded = YearMonthField(
        label="設立（年月）", required=False, help_text="年は西暦か和暦で（例：2005、平成17）。"
    )
    capital = CapitalField(
        named="資本金",
        example="1000万円、3億円、10,000,000",
        max_value=CAPITAL_MAX,
        label="資本金",
        required=False,
        help_text="例：1000万円、3億円",
    )
    website = forms.CharField(
        label="会社URL",
        max_length=WEBSITE_MAX,
        required=False,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
        help_text="http:// か https:// で始まる自社サイトのURL。",
        error_messages={"max_length": too_long("会社URL", WEBSITE_MAX, given="%(show_value)s")},
    )
    pitch = forms.CharField(
        label="会社の特徴",
        max_length=PITCH_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[reject_markup],
        help_text=f"{PITCH_MAX}文字まで。働く環境や社風など、求職者に伝えたいこと。",
        error_messages={"max_length": too_long("会社の特徴", PITCH_MAX, given="%(show_value)s")},
    )

    def clean_address(self) -> str:
        address = nfkc(self.cleaned_data["address"]).strip()
        if not any(address.startswith(name) for name in PREFECTURES.values()):
            raise forms.ValidationError("所在地は都道府県名から入力してください（例：東京都千代田区…）。")
        return address

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not data.get("phone") and not data.get("email"):
            raise forms.ValidationError(
                "求人の連絡先になるため、電話番号かメールアドレスのどちらかを入力してください。"
            )
        return data


class ThrottledPasswordResetForm(PasswordResetForm):
    """Django's reset form with a cap on the mails one address receives (services.password_reset_mail_allowed)."""

    email = EmailField(
        label="メールアドレス", max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def save(self, *args: Any, **kwargs: Any) -> None:
        if services.password_reset_mail_allowed(email=self.cleaned_data["email"]):
            # The link is built on SITE_URL, like every other link we mail, not on the request: its Host header
            # is the sender's to choose, and behind a TLS proxy the request looks like plain http.
            site = urlsplit(settings.SITE_URL)
            kwargs.update(domain_override=site.netloc, use_https=site.scheme == "https")
            # Signed like the site's other mails (core.mail); the Message-ID is core.mail.EmailBackend's.
            kwargs["extra_email_context"] = {
                **(kwargs.get("extra_email_context") or {}),
                "sender_name": operator_name(),
            }
            super().save(*args, **kwargs)


class NoticedSetPasswordForm(SetPasswordForm):
    """The new password chosen through a reset link: the address is told, as after a change on the settings page
    or by the operator (ADR 0077), so that every new password of an account is announced, however it was set."""

    def save(self, commit: bool = True) -> Any:
        if not commit:
            return super().save(commit=False)
        return services.password_set(user=self.user, new_password=self.cleaned_data["new_password1"])


class TeamInviteForm(forms.Form):
    """A colleague to invite as 採用担当 (ADR 0078). Whether the address has an account is not checked here."""

    email = EmailField(label="招待する方のメールアドレス", max_length=254)
    display_name = OneLineField(
        label="お名前（任意）",
        max_length=100,
        required=False,
        validators=[reject_markup],
        help_text="招待メールの宛名と、参加画面の初期値に使います。",
    )

    def clean_email(self) -> str:
        # Lower-cased as accounts store it, so the duplicate checks and the message show the address as kept.
        email: str = self.cleaned_data["email"].strip().lower()
        return email


class TeamJoinForm(forms.Form):
    """The invitee's name, password and consent, checked as at sign-up (SignupForm)."""

    display_name = OneLineField(
        label="お名前（表示名）",
        max_length=100,
        validators=[reject_markup],
        help_text="同じ会社の採用担当の一覧に表示されます。",
        error_messages={"required": "お名前を入力してください。"},
    )
    password1 = new_password_field()
    password2 = password_again_field()
    agree = agree_field()

    def __init__(self, *args: Any, email: str = "", **kwargs: Any) -> None:
        self.email = email  # the invited address, for the validators that compare the password with it
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_new_password(self, data, user=User(email=self.email, display_name=data.get("display_name", "")))
        return data


class PasswordChangeForm(forms.Form):
    """パスワード変更: the current password (checked by the service, throttled like logins) and the new one twice,
    with the same validators and Japanese messages as sign-up."""

    current_password = forms.CharField(
        label="現在のパスワード",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        strip=False,
    )
    new_password1 = new_password_field("新しいパスワード")
    new_password2 = password_again_field("新しいパスワード（確認）")

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_new_password(self, data, user=self.user, first="new_password1", second="new_password2")
        return data


class EmailChangeForm(forms.Form):
    """メールアドレス変更: whether the new address is registered is not checked here (ADR 0071, 0077)."""

    new_email = EmailField(
        label="新しいメールアドレス",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = forms.CharField(
        label="現在のパスワード",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        strip=False,
        help_text="本人確認のため入力してください。",
    )

    def clean_new_email(self) -> str:
        email: str = self.cleaned_data["new_email"].lower()
        return email


class DisplayNameForm(forms.Form):
    # Shown on pages and in mails to an agency's advisers: plain text only, like at sign-up.
    display_name = OneLineField(
        label="表示名",
        max_length=100,
        required=False,
        validators=[reject_markup],
        help_text="空欄にもできます。",
    )


def member_remove_form(member: User, data: Any = None) -> ConfirmForm:
    # Named in the label and the refusal: the team page shows a box for each colleague.
    name = member.display_name or member.email
    return ConfirmForm(
        data,
        label=f"この採用担当を外します（{name}・ログインできなくなります）",
        refusal=f"{name} さんを外す場合は、「この採用担当を外します」にチェックを入れてください。",
        error_id=f"remove-{member.pk}-error",
    )
