from django.urls import path

from kahui.people import views

app_name = "people"
urlpatterns = [
    path("people/", views.search, name="search"),
    path("people/<uuid:user_id>/", views.person, name="person"),
    path("people/<uuid:user_id>/avatar/", views.avatar, name="avatar"),
    path("people/recommendations/", views.recommendations, name="recommendations"),
]
