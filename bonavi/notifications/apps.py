from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "bonavi.notifications"
    label = "notifications"
    verbose_name = "通知"
