from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.create, name="create"),
    path("import/", views.import_json, name="import"),
    path("<int:pk>/", views.edit, name="edit"),
    path("<int:pk>/photo/", views.photo, name="photo"),
    path("<int:pk>/pdf/<str:kind>/", views.pdf, name="pdf"),
    path("<int:pk>/export.json", views.export_json, name="export"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("<int:pk>/insert/", views.insert_translation, name="insert"),
    path("<int:pk>/fix-line/", views.fix_line, name="fix_line"),
    path("insert/<int:saved>/", views.insert_into_newest, name="insert_newest"),
    path("comments/<int:pk>/resolve/", views.comment_resolve, name="comment_resolve"),
    path("profile/import/", views.profile_import, name="profile_import"),
    path("profile/export.json", views.profile_export, name="profile_export"),
    path("interview/", views.interview, name="interview"),
    path("interview/answer/", views.interview_answer, name="interview_answer"),
    path("interview/answers/<int:pk>/", views.interview_result, name="interview_result"),
    path("interview/answers/<int:pk>/delete/", views.interview_answer_delete, name="interview_answer_delete"),
]
