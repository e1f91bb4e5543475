from django.urls import path

from krachtbron.strengths import family_views, plan_views, views

app_name = "strengths"

urlpatterns = [
    path("gezinnen/<int:pk>/krachten/", views.profile, name="profile"),
    path("gezinnen/<int:pk>/doelen-en-vraag/", views.goals, name="goals"),
    path("gezinnen/<int:pk>/eerste-vraag/", views.first_question, name="first_question"),
    path("gezinnen/<int:pk>/krachtenplan/", plan_views.plan, name="plan"),
    path("gezinnen/<int:pk>/krachtenplan.pdf", plan_views.plan_pdf, name="plan_pdf"),
    path("gezinsleden/<int:pk>/krachten/nieuw/", views.entry_add, name="entry_add"),
    path("gezinsleden/<int:pk>/schaalvragen/", views.member_scalings, name="member_scalings"),
    path("krachten/<int:pk>/", views.entry_edit, name="entry_edit"),
    path("krachten/<int:pk>/verwijderen/", views.entry_delete, name="entry_delete"),
    path("schaalvragen/<int:pk>/verwijderen/", views.scaling_delete, name="scaling_delete"),
    path("doelen/<int:pk>/voortgang/", views.goal_scalings, name="goal_scalings"),
    path("doelen/<int:pk>/voorstel/", family_views.settle_goal, name="settle_goal"),
    path(
        "doelschalen/<int:pk>/verwijderen/",
        views.goal_scaling_delete,
        name="goal_scaling_delete",
    ),
]
