from django.urls import path

from kahui.discussions import views

app_name = "discussions"
G = "groups/<uuid:group_id>/discussions"
urlpatterns = [
    path(f"{G}/", views.thread_list, name="list"),
    path(f"{G}/new/", views.thread_new, name="new"),
    path(f"{G}/mentions/", views.mention_suggestions, name="mentions"),
    path(f"{G}/<uuid:thread_id>/", views.thread_detail, name="thread"),
    path(f"{G}/<uuid:thread_id>/reply/", views.thread_reply, name="reply"),
    path(f"{G}/<uuid:thread_id>/answer/", views.thread_accept, name="accept"),
    path(f"{G}/<uuid:thread_id>/moderate/", views.thread_moderate, name="moderate"),
    path(f"{G}/posts/<uuid:post_id>/edit/", views.post_edit, name="edit"),
    path(f"{G}/posts/<uuid:post_id>/history/", views.post_history, name="history"),
    path(f"{G}/posts/<uuid:post_id>/react/", views.post_react, name="react"),
]
