from django.urls import path

from krachtbron.reflection import dashboard_views, research_views, views

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
    path("dashboard/", dashboard_views.dashboard, name="dashboard"),
    path("dashboard/csv/", dashboard_views.dashboard_download, name="dashboard_csv"),
    path("dashboard/spiegel/", dashboard_views.mirror, name="mirror"),
    path("dashboard/spiegel/csv/", dashboard_views.mirror_download, name="mirror_csv"),
    path("onderzoek/", research_views.research_home, name="research"),
    path("onderzoek/projecten/nieuw/", research_views.project_new, name="project_new"),
    path("onderzoek/projecten/<int:pk>/", research_views.project_detail, name="project_detail"),
    path(
        "onderzoek/projecten/<int:pk>/codeboek/",
        research_views.project_codebook,
        name="project_codebook",
    ),
    path(
        "onderzoek/projecten/<int:pk>/export/<str:kind>/",
        research_views.project_export,
        name="project_export",
    ),
]
