from __future__ import annotations

import logging
import smtplib

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import LoginForm, OrganizationForm, SignupForm, TeamInviteForm, TeamJoinForm, TokenIssueForm
from .models import ApiToken, User

log = logging.getLogger(__name__)


def signup(request: HttpRequest) -> HttpResponse:
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.signup_request(
                email=data["email"],
                password=data["password1"],
                role=data["account_type"],
                display_name=data["display_name"],
                organization_name=data["organization_name"],
                agreed=data["agree"],
            )
        except (smtplib.SMTPException, OSError):
            # Either mail (confirmation or 「既に登録があります」) can fail alike, so this tells nothing either.
            log.exception("sign-up mail could not be sent")
            form.add_error(
                None,
                "確認メールを送信できませんでした。時間をおいてもう一度お試しください。",
            )
            return render(request, "accounts/signup.html", {"form": form}, status=503)
        # The same page whether the address is new, registered, or over its mail allowance (ADR 0071).
        request.session[SIGNUP_SENT_KEY] = data["email"]
        return redirect("accounts:signup_sent")
    return render(request, "accounts/signup.html", {"form": form})


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
            return redirect("jobs:employer_list" if user.is_employer else "home")
    else:
        link = services.signup_link_check(token)
    context = {
        "state": link.state,
        "email": link.pending.email if link.pending else "",
        "hours": services.SIGNUP_LINK_HOURS,
    }
    return render(request, "accounts/signup_confirm.html", context)


def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request, request.POST or None)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if request.method == "POST" and form.is_valid() and form.user is not None:
        login(request, form.user, backend="django.contrib.auth.backends.ModelBackend")
        if next_url and url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
            return redirect(next_url)
        return redirect("jobs:employer_list" if form.user.is_employer else "home")
    status = 429 if any(e.code == "throttled" for e in form.non_field_errors().as_data()) else 200
    return render(request, "accounts/login.html", {"form": form, "next": next_url}, status=status)


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
    initial = {"address": org.address, "phone": org.phone, "email": org.email} if org else None
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
            services.organization_update(user=user, **org_form.cleaned_data)
            messages.success(
                request, "会社情報を保存しました。これから作成する求人の募集者情報に使われます。"
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
    remove_refused: int | None = None,
    remove_error: str = "",
    status: int = 200,
) -> HttpResponse:
    context = {
        "organization": user.organization,
        "members": selectors.team_members(user=user),
        "invitations": selectors.team_invitations_pending(user=user),
        "hours": selectors.TEAM_INVITE_HOURS,
        "form": form or TeamInviteForm(),
        "remove_refused": remove_refused,
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
            for field, msgs in exc.errors.items():
                for msg in msgs:
                    form.add_error(field if field in form.fields else None, msg)
        except (smtplib.SMTPException, OSError):
            log.exception("team invitation mail could not be sent")
            form.add_error(None, "招待メールを送信できませんでした。時間をおいてもう一度お試しください。")
            return _team_page(request, user, form=form, status=503)
        else:
            # The same message whether or not the address has an account (ADR 0078).
            messages.success(
                request,
                f"{email} に招待メールを送りました。{selectors.TEAM_INVITE_HOURS}時間以内に参加の手続きをするよう、"
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
    # refusal is shown beside that box, focused.
    if request.POST.get("confirm") != "on":
        return _team_page(request, user, remove_refused=member.pk, status=422)
    try:
        services.team_member_remove(user=user, member_id=member.pk)
    except services.TeamError as exc:
        return _team_page(request, user, remove_refused=member.pk, remove_error=str(exc), status=422)
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
        "hours": selectors.TEAM_INVITE_HOURS,
        "form": form,
    }
    return render(request, "accounts/team_join.html", context, status=status)
