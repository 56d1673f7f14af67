from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views
from .forms import NoticedSetPasswordForm

app_name = "accounts"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("signup/sent/", views.signup_sent, name="signup_sent"),
    path("signup/confirm/<str:token>/", views.signup_confirm, name="signup_confirm"),
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("", views.account, name="account"),
    # The company's 採用担当 (ADR 0078).
    path("team/", views.team, name="team"),
    path("team/invitations/<int:pk>/cancel/", views.team_invitation_cancel, name="team_invitation_cancel"),
    path("team/members/<int:pk>/remove/", views.team_member_remove, name="team_member_remove"),
    path("team/join/<str:token>/", views.team_join, name="team_join"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/done/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            form_class=NoticedSetPasswordForm,
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
    # Account settings (ADR 0077).
    path("password/", views.password_change, name="password_change"),
    path("email/", views.email_change, name="email_change"),
    path("email/sent/", views.email_change_sent, name="email_change_sent"),
    path("email/confirm/<str:token>/", views.email_change_confirm, name="email_change_confirm"),
    path("name/", views.display_name, name="display_name"),
]
