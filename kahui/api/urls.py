from django.urls import path

from kahui.api import views

app_name = "api"
urlpatterns = [
    path("profile/api-tokens/", views.tokens, name="tokens"),
    path("profile/api-tokens/<uuid:token_id>/revoke/", views.token_revoke, name="token_revoke"),
]
