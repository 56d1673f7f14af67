"""The employer's view of applicants to their own postings (mounted at /applicants/)."""

from django.urls import path

from . import views

app_name = "applicants"

urlpatterns = [
    path("", views.employer_applications, name="list"),
    path("<int:pk>/", views.employer_application_detail, name="detail"),
    path("<int:pk>/messages/", views.employer_application_message, name="message"),
    path("<int:pk>/interview/", views.employer_interview, name="interview"),
    path("<int:pk>/offer/deadline/", views.employer_offer_deadline, name="offer_deadline"),
    path("<int:pk>/offer/change/", views.employer_offer_change, name="offer_change"),
    path("<int:pk>/offer/start-proposal/", views.employer_start_proposal, name="start_proposal"),
    path("<int:pk>/offer/start-proposal/answer/", views.employer_start_answer, name="start_answer"),
    path("<int:pk>/offer/start-proposal/withdraw/", views.employer_start_withdraw, name="start_withdraw"),
    path("<int:pk>/offer/start-proposal/reason/", views.employer_start_reason, name="start_reason"),
    path("<int:pk>/interview/cancel/", views.employer_interview_cancel, name="interview_cancel"),
    path("<int:pk>/interview.ics", views.interview_ics, name="interview_ics"),
    path("<int:pk>/messages/<int:message_id>/file/", views.message_attachment, name="message_attachment"),
    path("<int:pk>/document/<str:kind>/", views.employer_application_document, name="document"),
]
