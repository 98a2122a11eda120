"""What the demo's groups share: the threads they start and the replies to them, and
the resources they add to their library (English for New Zealand groups, Dutch for
the Dutch one).

``threads``: (kind, title, body); ``replies``: texts taken in turn; ``resources``:
(kind, title, text, minutes, stage, principles).
"""

SHARING_EN = {
    "threads": [
        (
            "problem",
            "Learners who stall after a good start",
            "A few of my learners made a strong start and have now plateaued. What would you "
            "look at first, and what evidence would you gather?",
        ),
        (
            "question",
            "How do you keep our agreements alive?",
            "We wrote our agreements in the first hui. How do other groups keep them in use "
            "between meetings?",
        ),
        (
            "celebration",
            "A small win this week",
            "One of my quietest learners led the class karakia today and then explained their "
            "thinking to a visitor. Ka pai!",
        ),
        (
            "idea",
            "Swap visits next term?",
            "What if we each visited one colleague's class for twenty minutes next term and "
            "brought one observation back to the group?",
        ),
    ],
    "replies": [
        "I'd start with a short one-to-one check of the basics, then look at attendance.",
        "We read one agreement aloud at the start of every meeting and ask how it went.",
        "Ka rawe! Thanks for sharing — that is exactly what we hoped for.",
        "Count me in. Could we use the tuning protocol for what we bring back?",
        "Same here: learner voice showed us more than the test data did.",
    ],
    "resources": [
        (
            "link",
            "A short guide to looking at learner work together",
            "How to run a 40-minute look at samples without judging the teacher.",
            12,
            "sense",
            ["evidence", "collaborative"],
        ),
        (
            "note",
            "Our sentence starters for feedback",
            "- I noticed…\n- I wonder…\n- What if…",
            3,
            "reflect",
            ["strengths"],
        ),
        (
            "link",
            "Talking with whānau about progress",
            "Questions that open a conversation with families about what is going well.",
            8,
            "connect",
            ["whanau", "cultural"],
        ),
    ],
}
SHARING_NL = {
    "threads": [
        (
            "problem",
            "Leerlingen die stil blijven staan",
            "Een paar leerlingen zijn goed begonnen maar komen nu niet verder. Waar zouden "
            "jullie als eerste naar kijken?",
        ),
        (
            "question",
            "Hoe houden we onze afspraken levend?",
            "Hoe zorgen andere groepen dat de afspraken ook tussen de bijeenkomsten leven?",
        ),
        (
            "celebration",
            "Een klein succes deze week",
            "Een stille leerling legde vandaag zijn rekenstrategie uit aan de hele klas.",
        ),
    ],
    "replies": [
        "Ik zou beginnen met een kort gesprek één op één en daarna naar de toetsdata kijken.",
        "Wij lezen elke bijeenkomst één afspraak voor en bespreken hoe het ging.",
        "Mooi! Dank voor het delen.",
    ],
    "resources": [
        (
            "link",
            "Korte handleiding: samen leerlingwerk bekijken",
            "Hoe je in 40 minuten samen naar leerlingwerk kijkt.",
            12,
            "sense",
            ["evidence", "collaborative"],
        ),
        (
            "note",
            "Zinsstarters voor feedback",
            "- Ik zag…\n- Ik vraag me af…",
            3,
            "reflect",
            ["strengths"],
        ),
    ],
}
