from django.urls import path

from krachtbron.network import views

app_name = "network"

urlpatterns = [
    path("gezinnen/<int:pk>/netwerk/", views.network_map, name="map"),
    path("gezinnen/<int:pk>/netwerk/nieuw/", views.person_add, name="person_add"),
    path("gezinnen/<int:pk>/netwerk/momenten/nieuw/", views.snapshot_create, name="snapshot_add"),
    path("gezinnen/<int:pk>/netwerk/vergelijken/", views.compare_moments, name="compare"),
    path("netwerk/personen/<int:pk>/", views.person_edit, name="person_edit"),
    path("netwerk/personen/<int:pk>/verwijderen/", views.person_delete, name="person_delete"),
    path("netwerk/momenten/<int:pk>/", views.snapshot_detail, name="snapshot"),
    path("netwerk/momenten/<int:pk>/verwijderen/", views.snapshot_delete, name="snapshot_delete"),
]
