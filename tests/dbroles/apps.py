from django.apps import AppConfig


class DbRolesConfig(AppConfig):
    name = "tests.dbroles"
    label = "test_dbroles"
