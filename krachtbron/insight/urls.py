from django.urls import path

from krachtbron.insight import report_views, views

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
    # Teamleider (own team) and beheerder (any team): the team report of a closed quarter.
    path("teamcijfers/rapport/", report_views.report, name="report"),
    path("teamcijfers/rapport/pdf/", report_views.report_download, name="report_pdf"),
]
