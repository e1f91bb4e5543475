from django.urls import path

from krachtbron.sending import stop_views, views

app_name = "sending"

urlpatterns = [
    path("berichten/<int:pk>/opnieuw-versturen/", views.send_again, name="send_again"),
    path("geen-berichten/<str:token>/", stop_views.stop, name="stop"),
    path("gezinsleden/<int:pk>/berichten-stoppen/", stop_views.stop_member, name="stop_member"),
    path("gezinsleden/<int:pk>/berichten-toestaan/", stop_views.allow_member, name="allow_member"),
]
