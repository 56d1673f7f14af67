from django.urls import path

from . import disclosure_views, interview_views, invitation_views, views

app_name = "agents"

urlpatterns = [
    path("agent/", views.dashboard, name="dashboard"),
    path("agent/agencies/<slug:slug>/", views.agency_public, name="agency_public"),
    path("agent/agencies/<slug:slug>/complaint/", views.agency_complaint, name="agency_complaint"),
    path("agent/orders/new/", views.job_intake, name="intake"),
    path("agent/records/", views.records, name="records"),
    path("agent/complaints/<int:pk>/resolve/", views.complaint_resolve, name="complaint_resolve"),
    path("agent/complaints/<int:pk>/progress/", views.complaint_progress, name="complaint_progress"),
    path(
        "agent/complaints/<int:pk>/reply/correct/",
        views.complaint_reply_correct,
        name="complaint_reply_correct",
    ),
    path("agent/complaints/<int:pk>/reply/late/", views.complaint_reply_late, name="complaint_reply_late"),
    path("agent/placements/<int:pk>/fee/", views.placement_fee, name="placement_fee"),
    path("agent/candidates/<int:pk>/", views.candidate_detail, name="candidate"),
    path("agent/candidates/<int:pk>/propose/", views.candidate_propose, name="propose"),
    path(
        "agent/candidates/<int:pk>/documents/<int:version_id>/",
        views.candidate_document,
        name="candidate_document",
    ),
    path("agent/jobs/<int:pk>/", views.staff_job, name="job"),
    path("agent/jobs/<int:pk>/order/", views.public_order, name="public_order"),
    path("agent/offices/", views.offices, name="offices"),
    path("agent/agency/", disclosure_views.agency_settings, name="agency_settings"),
    path("agent/invitations/", invitation_views.invitations_page, name="invitations"),
    path("agent/invitations/<int:pk>/cancel/", invitation_views.invitation_cancel, name="invitation_cancel"),
    path("agent/proposals/<int:pk>/refer/", views.proposal_refer, name="refer"),
    path("agent/referrals/<int:pk>/", views.referral_update, name="referral_update"),
    path("agent/books/<int:office_id>/<str:kind>.csv", views.book_csv, name="book_csv"),
    path("agent/records/report.csv", views.report_csv, name="report_csv"),
    path("agent/employer/referrals/", views.employer_referrals, name="employer_referrals"),
    path("agent/employer/referrals/<int:pk>/", views.employer_referral, name="employer_referral"),
    path(
        "agent/employer/referrals/<int:pk>/interview/",
        interview_views.employer_interview,
        name="employer_interview",
    ),
    path(
        "agent/employer/referrals/<int:pk>/interview/cancel/",
        interview_views.employer_interview_cancel,
        name="employer_interview_cancel",
    ),
    path("agent/referrals/<int:pk>/interview/", interview_views.staff_interview, name="staff_interview"),
    path(
        "agent/referrals/<int:pk>/interview/cancel/",
        interview_views.staff_interview_cancel,
        name="staff_interview_cancel",
    ),
    path("agent/referrals/<int:pk>/interview.ics", interview_views.interview_ics, name="interview_ics"),
    path("me/proposals/", views.my_proposals, name="my_proposals"),
    path("me/proposals/audit/", views.my_audit, name="my_audit"),
    path("me/proposals/<int:pk>/", views.my_proposal, name="my_proposal"),
    path("me/proposals/<int:pk>/offer/", views.my_offer_answer, name="my_offer_answer"),
    path(
        "me/proposals/<int:pk>/interview/answer/",
        interview_views.my_interview_answer,
        name="my_interview_answer",
    ),
    path("me/agency/<int:pk>/", views.my_agency, name="my_agency"),
    path("me/agency/<int:pk>/withdraw/", views.my_agency_withdraw, name="my_agency_withdraw"),
]
