from django.urls import path

from krachtbron.reflection import views

app_name = "reflection"

urlpatterns = [
    path("reflectie/", views.home, name="home"),
    path("reflectie/nieuw/", views.reflection_new, name="new"),
    path("reflectie/<int:pk>/", views.reflection_detail, name="detail"),
    path("reflectie/<int:pk>/verwijderen/", views.reflection_delete, name="delete"),
    path("reflectie/rondes/", views.round_list, name="rounds"),
    path("reflectie/rondes/nieuw/", views.round_new, name="round_new"),
    path("reflectie/rondes/<int:pk>/", views.round_detail, name="round_detail"),
    path("reflectie/rondes/<int:pk>/invullen/", views.round_answer, name="round_answer"),
    path("reflectie/rondes/<int:pk>/sluiten/", views.round_close, name="round_close"),
]
