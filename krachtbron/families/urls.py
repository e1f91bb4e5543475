from django.urls import path

from krachtbron.families import prepared_views, privacy_views, team_views, views

app_name = "families"

urlpatterns = [
    path("gezinnen/", views.caseload, name="caseload"),
    path("gezinnen/nieuw/", views.family_create, name="create"),
    path("gezinnen/<int:pk>/", views.family_detail, name="detail"),
    path("gezinnen/<int:pk>/wijzigen/", views.family_edit, name="edit"),
    path("gezinnen/<int:pk>/gezinsleden/nieuw/", views.member_add, name="member_add"),
    path("gezinnen/<int:pk>/doelen/nieuw/", views.goal_add, name="goal_add"),
    path("gezinnen/<int:pk>/toegang/", views.access_history, name="access_history"),
    path("gezinnen/<int:pk>/kopie/", views.family_copy_view, name="copy"),
    path("gezinnen/<int:pk>/kopie/<int:file_id>/", prepared_views.copy_file, name="copy_file"),
    path(
        "gezinnen/<int:pk>/kopie/<int:file_id>/download/",
        prepared_views.copy_file_download,
        name="copy_file_download",
    ),
    path("gezinsleden/<int:pk>/", views.member_edit, name="member_edit"),
    path("gezinsleden/<int:pk>/verwijderen/", views.member_delete, name="member_delete"),
    path("gezinsleden/<int:pk>/rechten/", views.member_rights, name="member_rights"),
    path("besluiten/<int:pk>/beeindigen/", views.rights_decision_end, name="rights_decision_end"),
    path("doelen/<int:pk>/", views.goal_edit, name="goal_edit"),
    path("doelen/<int:pk>/verwijderen/", views.goal_delete, name="goal_delete"),
    path("privacy/bewaren/", privacy_views.retention, name="retention"),
    path("team/", team_views.team_overview, name="team"),
    path("team/gezinnen/<int:pk>/", team_views.assign, name="assign"),
    path(
        "team/gezinnen/<int:pk>/adviseurs/<int:adviser_pk>/weghalen/",
        team_views.unassign,
        name="unassign",
    ),
]
