from django.urls import path

from krachtbron.insight import views

app_name = "insight"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/csv/", views.dashboard_download, name="dashboard_csv"),
    path("dashboard/spiegel/", views.mirror, name="mirror"),
    path("dashboard/spiegel/csv/", views.mirror_download, name="mirror_csv"),
    # Teamleider: anonymous figures of the family questionnaire.
    path("teamcijfers/vragenlijst/", views.team, name="team"),
    # Teamleider and beheerder: how families fare after the help (follow-up check-ins).
    path("teamcijfers/nazorg/", views.outcomes, name="outcomes"),
]
