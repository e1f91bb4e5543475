from django.urls import path

from krachtbron.sending import views

app_name = "sending"

urlpatterns = [
    path("berichten/<int:pk>/opnieuw-versturen/", views.send_again, name="send_again"),
]
