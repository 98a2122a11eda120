from django.urls import path

from kahui.library import views

app_name = "library"
G = "groups/<uuid:group_id>/library"
R = f"{G}/<uuid:resource_id>"
urlpatterns = [
    path("library/", views.shared, name="shared"),
    path(f"{G}/", views.group_library, name="group"),
    path(f"{G}/new/", views.resource_add, name="add"),
    path(f"{G}/products/", views.products, name="products"),
    path(f"{G}/products/new/", views.product_new, name="product_new"),
    path(f"{R}/", views.resource_detail, name="resource"),
    path(f"{R}/download/", views.resource_download, name="download"),
    path(f"{R}/publish/", views.resource_publish, name="publish"),
    path(f"{R}/delete/", views.resource_delete, name="delete"),
    path(f"{R}/save/", views.resource_save, name="save"),
    path(f"{R}/collect/", views.resource_collect, name="collect"),
    path(f"{R}/edit/", views.product_edit, name="product_edit"),
    path(f"{R}/versions/", views.product_versions, name="product_versions"),
    path(f"{R}/versions/<int:number>/restore/", views.product_restore, name="product_restore"),
]
