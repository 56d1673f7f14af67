"""Mounted at the site root: /events/…, /me/events/ and /employer/events/."""

from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("events/", views.event_list, name="list"),
    path("events/<int:pk>/", views.event_detail, name="detail"),
    path("events/<int:pk>/register/", views.event_register, name="register"),
    path("events/<int:pk>/wait/", views.event_wait, name="wait"),
    path("events/<int:pk>/cancel/", views.registration_cancel, name="cancel"),
    path("events/<int:pk>/event.ics", views.event_ics_view, name="ics"),
    path("me/events/", views.my_events, name="my_events"),
    path("employer/events/", views.employer_list, name="employer_list"),
    path("employer/events/new/", views.employer_edit, name="employer_create"),
    path("employer/events/<int:pk>/edit/", views.employer_edit, name="employer_edit"),
    path("employer/events/<int:pk>/", views.employer_registrants, name="employer_registrants"),
    path("employer/events/<int:pk>/cancel/", views.employer_cancel, name="employer_cancel"),
]
