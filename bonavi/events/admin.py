"""Events for an operator answering a question about them: read-only.

Every change to an event or a registration has duties the services carry out — a cancellation mails each
registrant and waiter once (event_cancel), a freed seat moves the next waiter up and tells them, an edit raises
the calendar SEQUENCE — so the admin must not write them: a status set to 中止 here told nobody, and a deleted
event took its registrations with it unannounced. The organiser changes or cancels on /employer/events/.
"""

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from .models import Event, Registration


class _ReadOnlyAdmin(admin.ModelAdmin):
    # The view page still builds a form: say the join URL's scheme as Django 6 will (it must be https anyway),
    # which also keeps Django 5's transitional warning out of the log.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # the change page becomes a read-only view

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Event)
class EventAdmin(_ReadOnlyAdmin):
    list_display = ("title", "organization", "starts_at", "format", "capacity", "status")
    list_filter = ("status", "format")
    search_fields = ("title", "organization__name")
    raw_id_fields = ("organization", "created_by", "postings")


@admin.register(Registration)
class RegistrationAdmin(_ReadOnlyAdmin):
    list_display = ("event", "status", "created_at", "reminder_sent_at")
    list_filter = ("status",)
    raw_id_fields = ("event", "user")
