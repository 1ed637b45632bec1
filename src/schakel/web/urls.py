from django.urls import path
from django.views.i18n import set_language

from schakel.web.views import shell

app_name = "web"
urlpatterns = [
    path("", shell.home, name="home"),
    path("partijen/", shell.party_index, name="party_list"),
    path("partijen/<slug:slug>/", shell.party_detail, name="party_detail"),
    path("health", shell.health, name="health"),
    path("i18n/setlang/", set_language, name="set_language"),
]
