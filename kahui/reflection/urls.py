from django.urls import path

from kahui.reflection import views

app_name = "reflection"
urlpatterns = [
    path("reflection/", views.home, name="home"),
    path("reflection/journal/", views.journal, name="journal"),
    path("reflection/journal/new/", views.entry_new, name="entry_new"),
    path("reflection/journal/<uuid:entry_id>/", views.entry, name="entry"),
    path("reflection/journal/<uuid:entry_id>/edit/", views.entry_edit, name="entry_edit"),
    path("reflection/journal/<uuid:entry_id>/share/", views.entry_share, name="entry_share"),
    path("reflection/journal/<uuid:entry_id>/remove/", views.entry_delete, name="entry_delete"),
    path("reflection/feedback/", views.feedback, name="feedback"),
    path(
        "reflection/feedback/<uuid:request_id>/",
        views.feedback_request,
        name="feedback_request",
    ),
    path(
        "reflection/feedback/<uuid:request_id>/answer/",
        views.feedback_answer,
        name="feedback_answer",
    ),
    path(
        "reflection/feedback/<uuid:request_id>/decline/",
        views.feedback_decline,
        name="feedback_decline",
    ),
    path("reflection/portfolio/", views.portfolio, name="portfolio"),
    path("reflection/portfolio.pdf", views.portfolio_pdf, name="portfolio_pdf"),
    path("groups/<uuid:group_id>/reflection/", views.group, name="group"),
    path("groups/<uuid:group_id>/reflection/goals/", views.goal_add, name="goal_add"),
    path("groups/<uuid:group_id>/reflection/goals/<uuid:goal_id>/", views.goal, name="goal"),
    path(
        "groups/<uuid:group_id>/reflection/goals/<uuid:goal_id>/notes/",
        views.goal_note_add,
        name="goal_note_add",
    ),
    path(
        "groups/<uuid:group_id>/reflection/feedback/new/",
        views.feedback_ask,
        name="feedback_ask",
    ),
    path(
        "groups/<uuid:group_id>/reflection/meetings/<uuid:meeting_id>/invite/",
        views.reflection_ask,
        name="ask",
    ),
]
