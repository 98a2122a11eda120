from django.urls import path

from kahui.webhooks import views

app_name = "webhooks"
W = "orgs/<slug:slug>/webhooks"
E = f"{W}/<uuid:endpoint_id>"
urlpatterns = [
    path(f"{W}/", views.endpoints, name="list"),
    path(f"{W}/new/", views.new, name="new"),
    path(f"{E}/", views.endpoint, name="endpoint"),
    path(f"{E}/edit/", views.edit, name="edit"),
    path(f"{E}/secret/", views.rotate_secret, name="rotate_secret"),
    path(f"{E}/remove/", views.remove, name="remove"),
    path(f"{E}/deliveries/<uuid:delivery_id>/resend/", views.resend, name="resend"),
]
