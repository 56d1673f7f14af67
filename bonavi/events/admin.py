from django.contrib import admin

from .models import Event, Registration


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("title", "organization", "starts_at", "format", "capacity", "status")
    list_filter = ("status", "format")
    search_fields = ("title", "organization__name")
    raw_id_fields = ("organization", "created_by", "postings")


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ("event", "status", "created_at", "reminder_sent_at")
    list_filter = ("status",)
    raw_id_fields = ("event", "user")
