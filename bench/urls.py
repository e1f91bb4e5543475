from django.urls import path

from bench import views

app_name = "bench"

urlpatterns = [
    path("hello/", views.hello, name="hello"),
    path("insert/", views.one_insert, name="insert"),
    path("pdf/", views.one_page_pdf, name="pdf"),
]
