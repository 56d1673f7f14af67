from __future__ import annotations

import logging
import smtplib

from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST

from bonavi.core.forms import ConfirmForm, add_errors
from bonavi.core.ratelimit import client_ip

from . import selectors, services
from .forms import (
    DisplayNameForm,
    EmailChangeForm,
    LoginForm,
    OrganizationForm,
    PasswordChangeForm,
    SignupForm,
    TeamInviteForm,
    TeamJoinForm,
    ThrottledPasswordResetForm,
    TokenIssueForm,
    member_remove_form,
)
from .landing import landing_url
from .models import ApiToken, TeamInvitation, User
from .next_url import login_reason, safe_next, signup_note
from .signals import user_signup_confirmed

log = logging.getLogger(__name__)

# The company profile's fields (ADR 0103), after 所在地・電話番号・連絡先メール on the 会社情報 form.
ORGANIZATION_PROFILE = ("business", "employees", "founded", "capital", "website", "pitch")


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset page with a cap on the requests one client sends (services.password_reset_client_allowed);
    the per-address cap is the form's."""

    template_name = "accounts/password_reset.html"
    form_class = ThrottledPasswordResetForm
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        if not services.password_reset_client_allowed(ip=client_ip(self.request)):
            form.add_error(
                None,
                "この接続からの再設定の申し込みが多すぎます。1時間ほどおいてから、もう一度お試しください。",
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


def signup(request: HttpRequest) -> HttpResponse:
    # A seeker's form and an employer's are two pages (?role=employer), so each is shown only what applies to it
    # (会社名, the employer's purposes of use), with or without JavaScript.
    role = (request.POST if request.method == "POST" else request.GET).get("account_type") or request.GET.get(
        "role"
    )
    form = SignupForm(request.POST or None, role=role or "seeker")  # the form reads anything else as a seeker
    next_url = safe_next(request.POST.get("next") or request.GET.get("next"))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not services.signup_client_allowed(ip=client_ip(request)):
            form.add_error(
                None,
                "この接続からの登録の申し込みが多すぎます。1時間ほどおいてから、もう一度お試しください。",
            )
            return _signup_page(request, form, next_url, status=429)
        try:
            services.signup_request(
                email=data["email"],
                password=data["password1"],
                role=data["account_type"],
                display_name=data["display_name"],
                organization_name=data.get("organization_name", ""),
                agreed=data["agree"],
                next_url=next_url,
            )
        except (smtplib.SMTPException, OSError):
            # Either mail (confirmation or 「既に登録があります」) can fail alike, so this tells nothing either.
            log.exception("sign-up mail could not be sent")
            form.add_error(
                None,
                "確認メールを送信できませんでした。時間をおいてもう一度お試しください。",
            )
            return _signup_page(request, form, next_url, status=503)
        # The same page whether the address is new, registered, or over its mail allowance (ADR 0071).
        request.session[SIGNUP_SENT_KEY] = data["email"]
        return redirect("accounts:signup_sent")
    # A refused form answers 422, as every other form does; showing the empty form is a 200.
    return _signup_page(request, form, next_url, status=422 if form.errors else 200)


def _signup_page(request: HttpRequest, form: SignupForm, next_url: str, *, status: int) -> HttpResponse:
    return render(
        request,
        "accounts/signup.html",
        {"form": form, "role": form.role, "next": next_url, "note": signup_note(next_url)},
        status=status,
    )


SIGNUP_SENT_KEY = "signup_sent_to"


def signup_sent(request: HttpRequest) -> HttpResponse:
    # The address is shown back so that a typo can be noticed; it comes from this browser's own session.
    context = {"email": request.session.get(SIGNUP_SENT_KEY, ""), "hours": services.SIGNUP_LINK_HOURS}
    return render(request, "accounts/signup_sent.html", context)


def signup_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the confirmation mail. Opening it shows a button; the account is created by pressing it (a POST),
    so that a mail scanner fetching every link cannot complete someone's sign-up and hold its session."""
    if request.method == "POST":
        link, user = services.signup_confirm(token=token)
        if user is not None:
            request.session.pop(SIGNUP_SENT_KEY, None)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, "本登録が完了しました。BOナビへようこそ。")
            # Back where the sign-up began (the posting, or the ☆ it was for); checked again, as it is redirected to.
            next_url = safe_next(link.pending.next_url if link.pending else "")
            # What she began there is finished in this POST (the ☆ is added, ADR 0136), from the stored next only.
            user_signup_confirmed.send(sender=User, request=request, user=user, next_url=next_url)
            return redirect(next_url or landing_url(user))
    else:
        link = services.signup_link_check(token)
    context = {
        "state": link.state,
        "email": link.pending.email if link.pending else "",
        "hours": services.SIGNUP_LINK_HOURS,
    }
    return render(request, "accounts/signup_confirm.html", context)


def login_view(request: HttpRequest) -> HttpResponse:
    next_url = safe_next(request.POST.get("next") or request.GET.get("next"))
    reason = login_reason(next_url)
    form = LoginForm(request, request.POST or None, reason_id="login-reason" if reason else "")
    if request.method == "POST" and form.is_valid() and form.user is not None:
        login(request, form.user, backend="django.contrib.auth.backends.ModelBackend")
        # Without a ?next=, where this person works (マイページ, 求人管理, the workbench, the admin).
        return redirect(next_url or landing_url(form.user))
    status = (
        429
        if any(e.code == "throttled" for e in form.non_field_errors().as_data())
        else 422
        if form.errors  # a wrong password or an empty field: refused, like every other form
        else 200
    )
    context = {"form": form, "next": next_url, "reason": reason}
    return render(request, "accounts/login.html", context, status=status)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, "ログアウトしました。")
    return redirect("home")


@login_required
def account(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)  # login_required
    action = request.POST.get("action") if request.method == "POST" else None
    new_token = None
    token_form = TokenIssueForm(request.POST if action == "issue_token" else None)
    org = user.organization if user.is_employer else None
    initial = (
        {name: getattr(org, name) for name in ("address", "phone", "email", *ORGANIZATION_PROFILE)}
        if org
        else None
    )
    org_form = OrganizationForm(request.POST if action == "organization" else None, initial=initial)
    status = 200
    if action == "issue_token":
        if token_form.is_valid():
            _, new_token = services.api_token_issue(user=user, name=token_form.cleaned_data["name"])
            token_form = TokenIssueForm()
        else:
            status = 422
    elif action == "revoke_token":
        token_id = request.POST.get("token", "")
        if token_id.isdigit() and services.api_token_revoke(user=user, token_id=int(token_id)):
            messages.success(request, "トークンを無効にしました。このトークンを使った連携はもう動きません。")
        else:
            messages.error(request, "そのトークンは見つかりません（既に無効にした可能性があります）。")
        return redirect("accounts:account")
    elif action == "organization" and org is not None:
        if org_form.is_valid():
            try:
                services.organization_update(user=user, **org_form.cleaned_data)
            except services.OrganizationInvalid as exc:
                add_errors(org_form, exc.errors)
            else:
                messages.success(
                    request,
                    "会社情報を保存しました。所在地・連絡先はこれから作成する求人の募集者情報に、"
                    "事業内容などは企業ページと求人ページの「企業情報」に使われます。",
                )
                return redirect("accounts:account")
        status = 422
    tokens = ApiToken.objects.filter(user=user).order_by("-created_at")
    context = {
        "tokens": tokens,
        "new_token": new_token,
        "token_form": token_form,
        "org_form": org_form if org is not None else None,
    }
    return render(request, "accounts/account.html", context, status=status)


# The company's 採用担当: list, invite, cancel, remove (ADR 0078). Only active employer accounts; anyone else gets
# 403, and a member or invitation of another company is 404 (it is not found among one's own).
def _team_manager(request: HttpRequest) -> User:
    user = selectors.team_manager(request.user)
    if user is None:
        raise PermissionDenied(
            "採用担当の管理は、採用企業の採用担当のアカウントでログインして行ってください。"
        )
    return user


def _team_page(
    request: HttpRequest,
    user: User,
    *,
    form: TeamInviteForm | None = None,
    remove_refused: tuple[int, ConfirmForm] | None = None,
    remove_error: str = "",
    status: int = 200,
) -> HttpResponse:
    """The team page; `remove_refused`: a removal refused (the member's pk and its form), said beside that member,
    by `remove_error` when the service refused it, else by the form (no tick)."""
    members = [
        (
            m,
            remove_refused[1]
            if remove_refused is not None and m.pk == remove_refused[0]
            else member_remove_form(m),
        )
        for m in selectors.team_members(user=user)
    ]
    context = {
        "organization": user.organization,
        "members": members,
        "invitations": selectors.team_invitations_pending(user=user),
        "hours": TeamInvitation.VALID_HOURS,
        "form": form or TeamInviteForm(),
        "remove_refused": remove_refused[0] if remove_refused is not None else None,
        "remove_error": remove_error,
    }
    return render(request, "accounts/team.html", context, status=status)


@login_required
def team(request: HttpRequest) -> HttpResponse:
    user = _team_manager(request)
    if request.method != "POST":
        return _team_page(request, user)
    form = TeamInviteForm(request.POST)
    if form.is_valid():
        email = form.cleaned_data["email"]
        try:
            services.team_invite(user=user, email=email, display_name=form.cleaned_data["display_name"])
        except services.TeamError as exc:
            add_errors(form, exc.errors)
        except (smtplib.SMTPException, OSError):
            log.exception("team invitation mail could not be sent")
            form.add_error(None, "招待メールを送信できませんでした。時間をおいてもう一度お試しください。")
            return _team_page(request, user, form=form, status=503)
        else:
            # The same message whether or not the address has an account (ADR 0078).
            messages.success(
                request,
                f"{email} に招待メールを送りました。{TeamInvitation.VALID_HOURS}時間以内に参加の手続きをするよう、"
                "ご本人にお伝えください。",
            )
            return redirect("accounts:team")
    return _team_page(request, user, form=form, status=422)


@login_required
@require_POST
def team_invitation_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    user = _team_manager(request)
    if not services.team_invitation_cancel(user=user, invitation_id=pk):
        raise Http404("その招待は見つかりません（取り消し済みか、期限切れか、参加済みです）。")
    messages.info(request, "招待を取り消しました。送ったリンクはもう使えません。")
    return redirect("accounts:team")


@login_required
@require_POST
def team_member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    user = _team_manager(request)
    member = selectors.team_member_get(user=user, pk=pk)
    if member is None:
        raise Http404("その採用担当は見つかりません。")
    # A ticked box, as for deleting a saved search: the button alone would cut a colleague off at one tap. The
    # refusal is shown beside that box, focused. Only where the box is shown: for someone already removed (a page
    # left open while a colleague did it) or oneself, the service's refusal says what is wrong instead.
    form = member_remove_form(member, request.POST)
    if form.refused and member.is_active and member.pk != user.pk:
        return _team_page(request, user, remove_refused=(member.pk, form), status=422)
    try:
        services.team_member_remove(user=user, member_id=member.pk)
    except services.TeamError as exc:
        return _team_page(request, user, remove_refused=(member.pk, form), remove_error=str(exc), status=422)
    messages.info(
        request,
        f"{member.display_name or member.email} さんを採用担当から外しました。ログインとAPIトークンは使えなくなりました。",
    )
    return redirect("accounts:team")


def team_join(request: HttpRequest, token: str) -> HttpResponse:
    """The link in an invitation mail. Opening it only shows the form; the account is made by sending it (a POST),
    so a mail scanner fetching the link changes nothing."""
    link = services.team_link_check(token)
    email = link.invitation.email if link.invitation else ""
    form = TeamJoinForm(
        request.POST if request.method == "POST" and link.state == "ok" else None,
        email=email,
        initial={"display_name": link.invitation.display_name if link.invitation else ""},
    )
    status = 200
    if form.is_bound:
        if form.is_valid():
            data = form.cleaned_data
            link, user = services.team_join(
                token=token,
                display_name=data["display_name"],
                password=data["password1"],
                agreed=data["agree"],
            )
            if user is not None:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                messages.success(
                    request, f"{user.organization}の採用担当として登録しました。BOナビへようこそ。"
                )
                return redirect("jobs:employer_list")
        else:
            status = 422
    context = {
        "state": link.state,
        "email": email,
        "organization": link.invitation.organization.name if link.invitation and link.state == "ok" else "",
        "hours": TeamInvitation.VALID_HOURS,
        "form": form,
    }
    return render(request, "accounts/team_join.html", context, status=status)


# Account settings: password, login address and display name (ADR 0077). ---------------------------------------


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)  # login_required
    form = PasswordChangeForm(user, request.POST or None)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            result = services.password_change(
                user=user,
                current_password=form.cleaned_data["current_password"],
                new_password=form.cleaned_data["new_password1"],
                ip=client_ip(request),
            )
            if result == "ok":
                # This session stays logged in; every other one of the user's sessions is logged out.
                update_session_auth_hash(request, user)
                messages.success(
                    request,
                    "パスワードを変更しました。ほかの端末・ブラウザではログアウトされています。",
                )
                return redirect("accounts:account")
            if result == "throttled":
                form.add_error(None, services.THROTTLED_MESSAGE)
                status = 429
            else:
                form.add_error("current_password", "現在のパスワードが正しくありません。")
    return render(request, "accounts/password_change.html", {"form": form}, status=status)


EMAIL_CHANGE_SENT_KEY = "email_change_sent_to"


@login_required
def email_change(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)  # login_required
    form = EmailChangeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                result = services.email_change_request(
                    user=user,
                    password=form.cleaned_data["password"],
                    new_email=form.cleaned_data["new_email"],
                    ip=client_ip(request),
                )
            except (smtplib.SMTPException, OSError):
                # Either mail (link or 「既に登録されています」) can fail alike, so this tells nothing either.
                log.exception("e-mail change mail could not be sent")
                form.add_error(None, "確認メールを送信できませんでした。時間をおいてもう一度お試しください。")
                return render(request, "accounts/email_change.html", {"form": form}, status=503)
            if result == "sent":
                # The same page whether the address is free, registered, or over its mail allowance.
                request.session[EMAIL_CHANGE_SENT_KEY] = form.cleaned_data["new_email"]
                return redirect("accounts:email_change_sent")
            if result == "throttled":
                form.add_error(None, services.THROTTLED_MESSAGE)
                status = 429
            elif result == "same":
                form.add_error(
                    "new_email", "現在のメールアドレスと同じです。新しいアドレスを入力してください。"
                )
            else:
                form.add_error("password", "現在のパスワードが正しくありません。")
    return render(request, "accounts/email_change.html", {"form": form}, status=status)


@login_required
def email_change_sent(request: HttpRequest) -> HttpResponse:
    context = {
        "email": request.session.get(EMAIL_CHANGE_SENT_KEY, ""),
        "hours": services.EMAIL_CHANGE_LINK_HOURS,
    }
    return render(request, "accounts/email_change_sent.html", context)


def email_change_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link mailed to the new address. It works only in a session of the account that asked (ADR 0077); opening
    it shows a button and the POST makes the change, so a mail scanner fetching the link changes nothing."""
    user = request.user if isinstance(request.user, User) else None
    if request.method == "POST" and user is not None:
        link = services.email_change_confirm(token=token, user=user)
        if link.state == "ok":
            request.session.pop(EMAIL_CHANGE_SENT_KEY, None)
            messages.success(request, f"メールアドレスを {link.new_email} に変更しました。")
            org = user.organization if user.is_employer else None
            if org is not None and org.email.lower() == link.old_email.lower():
                # The company's public contact address is the company's to decide, not changed with the login.
                messages.info(
                    request,
                    "会社情報の「連絡先メール」は以前のアドレスのままです。変更する場合は会社情報を保存し直してください。",
                )
            return redirect("accounts:account")
    else:
        link = services.email_change_link_check(token, user=user)
    context = {"state": link.state, "email": link.new_email, "hours": services.EMAIL_CHANGE_LINK_HOURS}
    return render(request, "accounts/email_change_confirm.html", context)


@login_required
def display_name(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)  # login_required
    form = DisplayNameForm(request.POST or None, initial={"display_name": user.display_name})
    if request.method == "POST":
        if form.is_valid():
            services.display_name_update(user=user, display_name=form.cleaned_data["display_name"])
            messages.success(request, "表示名を変更しました。")
            return redirect("accounts:account")
        return render(request, "accounts/display_name.html", {"form": form}, status=422)
    return render(request, "accounts/display_name.html", {"form": form})
