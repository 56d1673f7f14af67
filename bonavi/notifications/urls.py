from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.saved_search_list, name="saved_search_list"),
    path("new/", views.saved_search_create, name="saved_search_create"),
    path("<int:pk>/", views.saved_search_edit, name="saved_search_edit"),
    path("<int:pk>/delete/", views.saved_search_delete, name="saved_search_delete"),
    path("<int:pk>/condition/", views.saved_search_requery, name="saved_search_requery"),
    path("<int:pk>/new/", views.saved_search_new, name="saved_search_new"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
