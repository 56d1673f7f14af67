from django.apps import AppConfig


class AgentsConfig(AppConfig):
    name = "bonavi.agents"
    label = "agents"
    verbose_name = "職業紹介（エージェント）"
