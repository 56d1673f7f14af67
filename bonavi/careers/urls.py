from django.urls import path

from . import views

app_name = "careers"

urlpatterns = [
    path("", views.index, name="index"),
    path("assessment/", views.assessment_page, name="assessment"),
    path("assessment/save/", views.assessment_save, name="assessment_save"),
    path("translate/", views.translate_page, name="translate"),
    path("translate/save/", views.translate_save, name="translate_save"),
    path("roadmaps/", views.roadmap_list, name="roadmaps"),
    path("roadmaps/<slug:family>/", views.roadmap_page, name="roadmap"),
    path("occupations/<int:jobtag_id>/", views.occupation_page, name="occupation"),
    path("transfer/", views.transfer_page, name="transfer"),
    path("saved/", views.saved_list, name="saved"),
    path("saved/<str:kind>/<int:pk>/", views.saved_detail, name="saved_detail"),
    path("saved/<str:kind>/<int:pk>/delete/", views.saved_delete, name="saved_delete"),
]
