from django.urls import path

from krachtbron.research import views

app_name = "research"

urlpatterns = [
    path("onderzoek/", views.research_home, name="home"),
    path("onderzoek/projecten/nieuw/", views.project_new, name="project_new"),
    path("onderzoek/projecten/<int:pk>/", views.project_detail, name="project_detail"),
    path("onderzoek/projecten/<int:pk>/codeboek/", views.project_codebook, name="project_codebook"),
    path(
        "onderzoek/projecten/<int:pk>/export/<str:kind>/",
        views.project_export,
        name="project_export",
    ),
]
