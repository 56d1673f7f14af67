from django.urls import path

from . import views

app_name = "seekers"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("profile/", views.profile_edit, name="profile"),
    path("favorites/", views.favorites, name="favorites"),
    path("favorites/<int:posting_id>/", views.favorite_toggle, name="favorite_toggle"),
    path("compare/", views.compare_view, name="compare"),
    path("apply/<int:posting_id>/", views.apply, name="apply"),
    path("applications/", views.applications, name="applications"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("applications/<int:pk>/interview.ics", views.interview_ics, name="application_interview_ics"),
    path(
        "applications/<int:pk>/interview/answer/",
        views.application_interview_answer,
        name="application_interview_answer",
    ),
    path("applications/<int:pk>/withdraw/", views.application_withdraw, name="application_withdraw"),
    path(
        "applications/<int:pk>/offer/accept/", views.application_offer_accept, name="application_offer_accept"
    ),
    path(
        "applications/<int:pk>/offer/start-proposal/",
        views.application_start_answer,
        name="application_start_answer",
    ),
    path(
        "applications/<int:pk>/offer/start-proposal/propose/",
        views.application_start_propose,
        name="application_start_propose",
    ),
    path(
        "applications/<int:pk>/offer/start-proposal/withdraw/",
        views.application_start_withdraw,
        name="application_start_withdraw",
    ),
    path(
        "applications/<int:pk>/offer/start-proposal/reason/",
        views.application_start_reason,
        name="application_start_reason",
    ),
    path("applications/<int:pk>/messages/", views.application_message, name="application_message"),
    path(
        "applications/<int:pk>/messages/<int:message_id>/file/",
        views.message_attachment,
        name="message_attachment",
    ),
    path(
        "applications/<int:pk>/document/<str:kind>/", views.application_document, name="application_document"
    ),
    path("recent/", views.recent_views, name="recent_views"),
    path("recent/<int:posting_id>/delete/", views.recent_view_delete, name="recent_view_delete"),
    path("recent/clear/", views.recent_views_clear, name="recent_views_clear"),
    path("recent/setting/", views.recent_views_setting, name="recent_views_setting"),
    path("privacy/", views.privacy, name="privacy"),
    path("privacy/consent/", views.consent_accept, name="consent_accept"),
    path("privacy/export.json", views.export_json, name="export_json"),
    path("privacy/export.zip", views.export_zip, name="export_zip"),
    path("privacy/export/", views.export_page, name="export_page"),
    path("privacy/delete/", views.account_delete, name="account_delete"),
]
