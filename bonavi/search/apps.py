from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "bonavi.search"
    label = "search"
    verbose_name = "検索"
