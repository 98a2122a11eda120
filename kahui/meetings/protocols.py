"""Built-in meeting protocols, written for Kāhui. Each is an ordered list of timed
steps; groups copy one and adapt it.

``sync_builtin_protocols`` keeps the database copy in line with this table. A data
migration (``0002_builtin_protocols``) first made them; after that every ``migrate``
(each deploy) and every flush of the database (tests) runs it again through the
``post_migrate`` hook :func:`sync_after_migrate`, so a change to this table needs no
migration of its own. Nothing else writes them: pages that list protocols only read."""

from typing import Any

from django.utils import translation

# Marked for the catalogues, stored in English: a group's copy is translated into the
# group's language when its agenda is made (see :func:`builtin_text`).
from django.utils.translation import gettext_noop as _

# (kind, title, minutes, guidance)
Step = tuple[str, str, int, str]

PROTOCOLS: list[dict[str, Any]] = [
    {
        "key": "regular",
        "name": _("Regular PLG meeting"),
        "description": _("The everyday structure: connect, follow up, learn, plan, reflect."),
        "steps": [
            (
                "check_in",
                _("Check-in"),
                5,
                _("Each person shares one thing from their week in a sentence or two."),
            ),
            (
                "norms",
                _("Our agreements"),
                2,
                _("Read the agreements aloud; anyone may ask to revisit one."),
            ),
            (
                "review_actions",
                _("Review of last actions"),
                10,
                _("Go through open actions: done, still going, or dropped?"),
            ),
            (
                "learning",
                _("Focus learning"),
                25,
                _("The main activity: a reading, a strategy, evidence or a guest."),
            ),
            (
                "planning",
                _("Planning and next steps"),
                10,
                _("Agree who will try what before the next meeting."),
            ),
            (
                "reflection",
                _("Reflection and check-out"),
                8,
                _("One word or one sentence each: what will you take away?"),
            ),
        ],
    },
    {
        "key": "consultancy",
        "name": _("Consultancy for a problem of practice"),
        "description": _("One member brings a real dilemma; colleagues help them think, not fix."),
        "steps": [
            ("check_in", _("Check-in"), 5, _("Settle in and choose a timekeeper.")),
            (
                "discussion",
                _("The dilemma"),
                10,
                _("The presenter describes the situation and poses one focus question."),
            ),
            (
                "discussion",
                _("Clarifying questions"),
                5,
                _("Quick factual questions with short answers; no advice yet."),
            ),
            (
                "discussion",
                _("Probing questions"),
                10,
                _("Open questions that help the presenter see the problem afresh."),
            ),
            (
                "discussion",
                _("Group conversation"),
                15,
                _("The group talks about the dilemma while the presenter listens and takes notes."),
            ),
            (
                "discussion",
                _("Presenter responds"),
                10,
                _("What struck the presenter, and what might they try?"),
            ),
            ("reflection", _("Debrief the process"), 5, _("How did the protocol serve us today?")),
        ],
    },
    {
        "key": "tuning",
        "name": _("Tuning protocol for student work"),
        "description": _(
            "Look closely at a piece of student work to sharpen a task or its feedback."
        ),
        "steps": [
            (
                "check_in",
                _("Introduction and norms"),
                5,
                _("Remind everyone of the steps and the agreements."),
            ),
            (
                "evidence",
                _("Presenter shares the work"),
                10,
                _("Context, the task, and the question the presenter wants tuned."),
            ),
            ("discussion", _("Clarifying questions"), 5, _("Short factual questions only.")),
            (
                "evidence",
                _("Silent look at the work"),
                5,
                _("Each person reads the work and notes warm and cool feedback."),
            ),
            (
                "discussion",
                _("Warm and cool feedback"),
                15,
                _(
                    "Strengths first, then questions and possible changes, about the work not the person."
                ),
            ),
            (
                "reflection",
                _("Presenter reflects"),
                10,
                _("The presenter thinks aloud about what they heard."),
            ),
            ("reflection", _("Debrief"), 5, _("What did we learn about our own practice?")),
        ],
    },
    {
        "key": "data_dialogue",
        "name": _("Data-driven dialogue"),
        "description": _("Make sense of assessment data together before jumping to solutions."),
        "steps": [
            (
                "check_in",
                _("Predictions"),
                10,
                _("Before looking: what do we expect the data to show, and why?"),
            ),
            (
                "evidence",
                _("Observations"),
                15,
                _("What do we see? Facts only: numbers, patterns, surprises."),
            ),
            (
                "discussion",
                _("Interpretations"),
                15,
                _("What might explain what we see? What else would we need to know?"),
            ),
            (
                "planning",
                _("Implications and actions"),
                15,
                _("What will we do, for whom, and how will we know it worked?"),
            ),
            (
                "reflection",
                _("Reflection"),
                5,
                _("How did our predictions compare with what we found?"),
            ),
        ],
    },
    {
        "key": "success_analysis",
        "name": _("Success analysis"),
        "description": _("Learn from what already works: unpack successes so others can use them."),
        "steps": [
            ("check_in", _("Check-in"), 5, _("Everyone brings one success from their practice.")),
            (
                "discussion",
                _("Share successes"),
                20,
                _("Each person describes their success and why they think it worked."),
            ),
            (
                "discussion",
                _("Analyse together"),
                20,
                _("What do the successes have in common? What conditions made them possible?"),
            ),
            ("planning", _("Transfer"), 10, _("What will each of us try in our own setting?")),
            ("reflection", _("Check-out"), 5, _("Celebrate, and name one thing to try.")),
        ],
    },
    {
        "key": "he_pikorua",
        "name": _("He Pikorua inquiry meeting"),
        "description": _(
            "Move through the practice sequence in one session: connect, gather, make sense, plan, reflect."
        ),
        "steps": [
            (
                "check_in",
                _("Whakawhanaungatanga — build connections"),
                10,
                _("Reconnect as people before work: whānau, week, wellbeing."),
            ),
            (
                "review_actions",
                _("Review of last actions"),
                10,
                _("What did we do since last time, and what happened for learners?"),
            ),
            (
                "evidence",
                _("Kohikohi — gather information"),
                15,
                _("Bring and share the evidence gathered: observations, data, learner voice."),
            ),
            (
                "discussion",
                _("Āta Whakaaro — make sense"),
                10,
                _("What does the evidence tell us? Whose voices are missing?"),
            ),
            (
                "planning",
                _("Tātai — plan together"),
                10,
                _("Agree actions at universal, targeted and individual levels."),
            ),
            (
                "reflection",
                _("Whai Whakaaro — reflect together"),
                5,
                _("How are we going as a group? What needs to change?"),
            ),
        ],
    },
    {
        "key": "kickoff",
        "name": _("Kick-off: what a PLG is"),
        "description": _(
            "The first meeting of a programme's groups: build one picture of learning together."
        ),
        "steps": [
            (
                "check_in",
                _("Welcome and introductions"),
                10,
                _("Who is here, from which school or team, and what brought each person?"),
            ),
            (
                "learning",
                _("What a PLG is"),
                15,
                _(
                    "A small group of colleagues looking at their own practice with one shared aim, for the sake of learners and themselves."
                ),
            ),
            (
                "discussion",
                _("Our shared picture"),
                20,
                _(
                    "Read the kick-off answers together: what makes learning together work, and what a good meeting looks like."
                ),
            ),
            (
                "learning",
                _("The meeting structure"),
                10,
                _(
                    "Walk through the fixed steps every meeting will follow, and why a steady rhythm helps."
                ),
            ),
            (
                "planning",
                _("First agreements and dates"),
                15,
                _("Each group sets its first date and a first draft of how it wants to work."),
            ),
            (
                "reflection",
                _("Check-out"),
                5,
                _("One thing you look forward to, and one question you still have."),
            ),
        ],
    },
    {
        "key": "intervisie",
        "name": _("Intervisie"),
        "description": _("Facilitators help one another with a case from their own group."),
        "steps": [
            (
                "check_in",
                _("Arrive and choose a case"),
                5,
                _("Each person names a situation briefly; the circle picks one to work on today."),
            ),
            (
                "discussion",
                _("The case"),
                10,
                _("The case holder tells what happened and what they would like help with."),
            ),
            (
                "discussion",
                _("Clarifying questions"),
                10,
                _("Ask only to understand the situation better: facts, not suggestions."),
            ),
            (
                "discussion",
                _("Analysis"),
                15,
                _(
                    "Together look for patterns and what may lie underneath; the case holder listens."
                ),
            ),
            (
                "planning",
                _("Advice"),
                10,
                _("Each person offers one piece of advice; the case holder chooses what to take."),
            ),
            (
                "reflection",
                _("Reflection"),
                10,
                _(
                    "The case holder says what they will try; everyone names what they learned for their own group."
                ),
            ),
        ],
    },
]


def builtin_text(text: str) -> str:
    """A built-in protocol's text (stored in English) in the active language."""
    return translation.gettext(text) if text else text  # gettext("") is the header


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
