from django.urls import path

from kahui.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.health, name="health"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("markdown/preview/", views.markdown_preview, name="markdown_preview"),
    path("exports/<uuid:export_id>/", views.pdf_export, name="pdf_export"),
    path("exports/<uuid:export_id>/download/", views.pdf_download, name="pdf_download"),
]
