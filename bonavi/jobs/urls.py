from django.urls import path

from . import views

app_name = "jobs"

urlpatterns = [
    path("", views.job_list, name="list"),
    path("<int:pk>/", views.job_detail, name="detail"),
    path("manage/", views.employer_list, name="employer_list"),
    path("manage/new/", views.employer_edit, name="employer_create"),
    path("manage/<int:pk>/edit/", views.employer_edit, name="employer_edit"),
    path("manage/<int:pk>/preview/", views.employer_preview, name="employer_preview"),
    path("manage/<int:pk>/publish/", views.employer_publish, name="employer_publish"),
    path("manage/<int:pk>/close/", views.employer_close, name="employer_close"),
    path("manage/<int:pk>/copy/", views.employer_copy, name="employer_copy"),
    path("manage/import/", views.employer_import, name="employer_import"),
    path("manage/import/columns/", views.employer_import_columns, name="employer_import_columns"),
    path(
        "manage/import/template.<str:fmt>",
        views.employer_import_template,
        name="employer_import_template",
    ),
    path("manage/import/<uuid:pk>/", views.employer_import_report, name="employer_import_report"),
    path("manage/import/<uuid:pk>/commit/", views.employer_import_commit, name="employer_import_commit"),
]
