from django.urls import path

from kahui.accounts import views

app_name = "accounts"
urlpatterns = [
    path("profile/", views.profile_edit, name="profile"),
    path("language/", views.language, name="language"),
    path("profile/picture/", views.profile_picture, name="picture"),
    path("profile/picture/remove/", views.profile_picture_delete, name="picture_remove"),
]
