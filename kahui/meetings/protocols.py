"""Built-in meeting protocols, written for Kāhui. Each is an ordered list of timed
steps; groups copy one and adapt it.

``sync_builtin_protocols`` keeps the database copy in line with this table. A data
migration (``0002_builtin_protocols``) first made them; after that every ``migrate``
(each deploy) and every flush of the database (tests) runs it again through the
``post_migrate`` hook :func:`sync_after_migrate`, so a change to this table needs no
migration of its own. Nothing else writes them: pages that list protocols only read."""

from typing import Any

# (kind, title, minutes, guidance)
Step = tuple[str, str, int, str]

PROTOCOLS: list[dict[str, Any]] = [
    {
        "key": "regular",
        "name": "Regular PLG meeting",
        "description": "The everyday structure: connect, follow up, learn, plan, reflect.",
        "steps": [
            (
                "check_in",
                "Check-in",
                5,
                "Each person shares one thing from their week in a sentence or two.",
            ),
            (
                "norms",
                "Our agreements",
                2,
                "Read the agreements aloud; anyone may ask to revisit one.",
            ),
            (
                "review_actions",
                "Review of last actions",
                10,
                "Go through open actions: done, still going, or dropped?",
            ),
            (
                "learning",
                "Focus learning",
                25,
                "The main activity: a reading, a strategy, evidence or a guest.",
            ),
            (
                "planning",
                "Planning and next steps",
                10,
                "Agree who will try what before the next meeting.",
            ),
            (
                "reflection",
                "Reflection and check-out",
                8,
                "One word or one sentence each: what will you take away?",
            ),
        ],
    },
    {
        "key": "consultancy",
        "name": "Consultancy for a problem of practice",
        "description": "One member brings a real dilemma; colleagues help them think, not fix.",
        "steps": [
            ("check_in", "Check-in", 5, "Settle in and choose a timekeeper."),
            (
                "discussion",
                "The dilemma",
                10,
                "The presenter describes the situation and poses one focus question.",
            ),
            (
                "discussion",
                "Clarifying questions",
                5,
                "Quick factual questions with short answers; no advice yet.",
            ),
            (
                "discussion",
                "Probing questions",
                10,
                "Open questions that help the presenter see the problem afresh.",
            ),
            (
                "discussion",
                "Group conversation",
                15,
                "The group talks about the dilemma while the presenter listens and takes notes.",
            ),
            (
                "discussion",
                "Presenter responds",
                10,
                "What struck the presenter, and what might they try?",
            ),
            ("reflection", "Debrief the process", 5, "How did the protocol serve us today?"),
        ],
    },
    {
        "key": "tuning",
        "name": "Tuning protocol for student work",
        "description": "Look closely at a piece of student work to sharpen a task or its feedback.",
        "steps": [
            (
                "check_in",
                "Introduction and norms",
                5,
                "Remind everyone of the steps and the agreements.",
            ),
            (
                "evidence",
                "Presenter shares the work",
                10,
                "Context, the task, and the question the presenter wants tuned.",
            ),
            ("discussion", "Clarifying questions", 5, "Short factual questions only."),
            (
                "evidence",
                "Silent look at the work",
                5,
                "Each person reads the work and notes warm and cool feedback.",
            ),
            (
                "discussion",
                "Warm and cool feedback",
                15,
                "Strengths first, then questions and possible changes, about the work not the person.",
            ),
            (
                "reflection",
                "Presenter reflects",
                10,
                "The presenter thinks aloud about what they heard.",
            ),
            ("reflection", "Debrief", 5, "What did we learn about our own practice?"),
        ],
    },
    {
        "key": "data_dialogue",
        "name": "Data-driven dialogue",
        "description": "Make sense of assessment data together before jumping to solutions.",
        "steps": [
            (
                "check_in",
                "Predictions",
                10,
                "Before looking: what do we expect the data to show, and why?",
            ),
            (
                "evidence",
                "Observations",
                15,
                "What do we see? Facts only: numbers, patterns, surprises.",
            ),
            (
                "discussion",
                "Interpretations",
                15,
                "What might explain what we see? What else would we need to know?",
            ),
            (
                "planning",
                "Implications and actions",
                15,
                "What will we do, for whom, and how will we know it worked?",
            ),
            ("reflection", "Reflection", 5, "How did our predictions compare with what we found?"),
        ],
    },
    {
        "key": "success_analysis",
        "name": "Success analysis",
        "description": "Learn from what already works: unpack successes so others can use them.",
        "steps": [
            ("check_in", "Check-in", 5, "Everyone brings one success from their practice."),
            (
                "discussion",
                "Share successes",
                20,
                "Each person describes their success and why they think it worked.",
            ),
            (
                "discussion",
                "Analyse together",
                20,
                "What do the successes have in common? What conditions made them possible?",
            ),
            ("planning", "Transfer", 10, "What will each of us try in our own setting?"),
            ("reflection", "Check-out", 5, "Celebrate, and name one thing to try."),
        ],
    },
    {
        "key": "he_pikorua",
        "name": "He Pikorua inquiry meeting",
        "description": "Move through the practice sequence in one session: connect, gather, make sense, plan, reflect.",
        "steps": [
            (
                "check_in",
                "Whakawhanaungatanga — build connections",
                10,
                "Reconnect as people before work: whānau, week, wellbeing.",
            ),
            (
                "review_actions",
                "Review of last actions",
                10,
                "What did we do since last time, and what happened for learners?",
            ),
            (
                "evidence",
                "Kohikohi — gather information",
                15,
                "Bring and share the evidence gathered: observations, data, learner voice.",
            ),
            (
                "discussion",
                "Āta Whakaaro — make sense",
                10,
                "What does the evidence tell us? Whose voices are missing?",
            ),
            (
                "planning",
                "Tātai — plan together",
                10,
                "Agree actions at universal, targeted and individual levels.",
            ),
            (
                "reflection",
                "Whai Whakaaro — reflect together",
                5,
                "How are we going as a group? What needs to change?",
            ),
        ],
    },
    {
        "key": "kickoff",
        "name": "Kick-off: what a PLG is",
        "description": "The first meeting of a programme's groups: build one picture of learning together.",
        "steps": [
            (
                "check_in",
                "Welcome and introductions",
                10,
                "Who is here, from which school or team, and what brought each person?",
            ),
            (
                "learning",
                "What a PLG is",
                15,
                "A small group of colleagues looking at their own practice with one shared aim, for the sake of learners and themselves.",
            ),
            (
                "discussion",
                "Our shared picture",
                20,
                "Read the kick-off answers together: what makes learning together work, and what a good meeting looks like.",
            ),
            (
                "learning",
                "The meeting structure",
                10,
                "Walk through the fixed steps every meeting will follow, and why a steady rhythm helps.",
            ),
            (
                "planning",
                "First agreements and dates",
                15,
                "Each group sets its first date and a first draft of how it wants to work.",
            ),
            (
                "reflection",
                "Check-out",
                5,
                "One thing you look forward to, and one question you still have.",
            ),
        ],
    },
    {
        "key": "intervisie",
        "name": "Intervisie",
        "description": "Facilitators help one another with a case from their own group.",
        "steps": [
            (
                "check_in",
                "Arrive and choose a case",
                5,
                "Each person names a situation briefly; the circle picks one to work on today.",
            ),
            (
                "discussion",
                "The case",
                10,
                "The case holder tells what happened and what they would like help with.",
            ),
            (
                "discussion",
                "Clarifying questions",
                10,
                "Ask only to understand the situation better: facts, not suggestions.",
            ),
            (
                "discussion",
                "Analysis",
                15,
                "Together look for patterns and what may lie underneath; the case holder listens.",
            ),
            (
                "planning",
                "Advice",
                10,
                "Each person offers one piece of advice; the case holder chooses what to take.",
            ),
            (
                "reflection",
                "Reflection",
                10,
                "The case holder says what they will try; everyone names what they learned for their own group.",
            ),
        ],
    },
]


def sync_builtin_protocols(agenda_template_model, step_model, using: str = "default") -> None:
    """Create or update the built-in protocols from :data:`PROTOCOLS`, leaving those
    that already match as they are.

    Takes the two model classes and the database so a data migration and the
    ``post_migrate`` hook can pass their historical models."""
    templates = agenda_template_model._default_manager.db_manager(using)
    steps = step_model._default_manager.db_manager(using)
    for spec in PROTOCOLS:
        template = templates.filter(key=spec["key"], group=None).first()
        if template is None:
            template = templates.create(
                key=spec["key"], name=spec["name"], description=spec["description"]
            )
        elif (template.name, template.description) != (spec["name"], spec["description"]):
            template.name, template.description = spec["name"], spec["description"]
            template.save(update_fields=["name", "description", "updated_at"])
        ordered = steps.filter(template=template).order_by("position", "id")
        if list(ordered.values_list("kind", "title", "minutes", "guidance")) == spec["steps"]:
            continue
        ordered.delete()
        steps.bulk_create(
            step_model(
                template=template,
                position=index,
                kind=kind,
                title=title,
                minutes=minutes,
                guidance=guidance,
            )
            for index, (kind, title, minutes, guidance) in enumerate(spec["steps"], start=1)
        )


def sync_after_migrate(*, app_config: Any, using: str, apps: Any = None, **kwargs: Any) -> None:
    """The ``post_migrate`` hook (see the module's docstring). ``migrate`` passes the
    models as its migrations left them; ``flush`` passes none, so the app's own."""
    try:
        if apps is not None:
            template_model = apps.get_model("meetings", "AgendaTemplate")
            step_model = apps.get_model("meetings", "AgendaTemplateStep")
        else:
            template_model = app_config.get_model("AgendaTemplate")
            step_model = app_config.get_model("AgendaTemplateStep")
    except LookupError:  # migrated back to before the meetings tables
        return
    sync_builtin_protocols(template_model, step_model, using=using)
