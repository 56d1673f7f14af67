from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import services
from .forms import LoginForm, OrganizationForm, SignupForm, TokenIssueForm
from .models import ApiToken, Role, User
from .signals import user_signed_up


def signup(request: HttpRequest) -> HttpResponse:
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            if data["account_type"] == "employer":
                user = services.employer_signup(
                    email=data["email"],
                    password=data["password1"],
                    organization_name=data["organization_name"],
                    display_name=data["display_name"],
                )
            else:
                user = services.user_create(
                    email=data["email"],
                    password=data["password1"],
                    role=Role.SEEKER,
                    display_name=data["display_name"],
                )
            # The consent record (seekers) is written in this same transaction.
            user_signed_up.send(sender=User, user=user, agreed=data["agree"])
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "登録が完了しました。")
        return redirect("jobs:employer_list" if user.is_employer else "home")
    return render(request, "accounts/signup.html", {"form": form})


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
