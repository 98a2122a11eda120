"""Reflection in the demo: members' journal entries (some kept private, some shared with
the group or with its facilitators), a personal goal each, a request for peer feedback
answered in every group, and the portfolio of the member whose learning record the
demo shows. English for New Zealand groups, Dutch for the Dutch one.

``ENTRIES_*``: (writer, prompt, title, text, sharing, what it is about) where writer is
a position in the group's membership list (0 is the lead facilitator), sharing is
"private", "group" or "facilitators", and "about" is "meeting" (the group's latest
meeting), "stage" (the stage the group's inquiry is in) or "goal" (the writer's own
goal). ``GOALS_*``: each member's own goal (by position), with a progress note.
``FEEDBACK_*``: who asks (position), whom (positions), what, and the answer of the
first one asked (the second has not answered yet)."""

ENTRIES_EN = (
    (1, "learned", "What the last hui opened up for me",
     "Hearing how others run their small groups made me see that I talk too much in mine. "
     "The children need more of the airtime.", "group", "meeting"),
    (1, "next", "Trying wait time on Monday",
     "I will count to five after every question in my reading group and note who answers.",
     "private", "goal"),
    (2, "practice", "My mornings look different now",
     "Since we started this inquiry I begin with five minutes of oral language, and the "
     "quieter children are joining in.", "group", "stage"),
    (2, "group_helped", "Grateful for the protocol",
     "The tuning protocol kept me from getting defensive about my lesson. I am still "
     "unsure what to change first.", "facilitators", "meeting"),
    (3, "contributed", "Bringing my class data",
     "I shared the running-record results from my class. It felt exposing, but the "
     "questions were kind.", "private", "stage"),
    (4, "learned", "Small steps count",
     "Two of my learners moved up a level this term. I want to understand why those two.",
     "group", ""),
)  # fmt: skip

ENTRIES_NL = (
    (1, "learned", "Wat de vorige bijeenkomst me opleverde",
     "Toen ik hoorde hoe collega's hun instructiegroepjes leiden, zag ik dat ik zelf te veel "
     "praat. De leerlingen moeten meer aan het woord.", "group", "meeting"),
    (1, "next", "Maandag wachttijd proberen",
     "Ik tel na elke vraag tot vijf in mijn leesgroep en noteer wie antwoordt.",
     "private", "goal"),
    (2, "practice", "Mijn ochtenden zien er anders uit",
     "Sinds dit onderzoek begin ik met vijf minuten mondelinge taal, en de stillere "
     "leerlingen doen nu mee.", "group", "stage"),
    (2, "group_helped", "Blij met het gespreksprotocol",
     "Door het protocol raakte ik niet in de verdediging over mijn les. Ik weet nog niet "
     "wat ik als eerste verander.", "facilitators", "meeting"),
    (3, "contributed", "Mijn klassendata delen",
     "Ik deelde de toetsresultaten van mijn groep. Spannend, maar de vragen waren vriendelijk.",
     "private", "stage"),
)  # fmt: skip

GOALS_EN = (
    (
        1,
        "Give every child in my reading group more talking time than I take",
        "Counted my talk in one lesson: about 60%. A starting point.",
    ),
    (
        2,
        "Start each morning with oral language for the quieter children",
        "Five mornings in a row now; two children who rarely speak joined in.",
    ),
    (
        3,
        "Use running records to plan my next small-group lessons",
        "Planned this week's groups from last week's records for the first time.",
    ),
)

GOALS_NL = (
    (
        1,
        "Mijn leerlingen in de leesgroep meer laten praten dan ikzelf",
        "In één les mijn spreektijd geteld: ongeveer 60%. Een beginpunt.",
    ),
    (
        2,
        "Elke ochtend beginnen met mondelinge taal voor de stillere leerlingen",
        "Vijf ochtenden achter elkaar gedaan; twee stille leerlingen deden mee.",
    ),
    (
        3,
        "Toetsresultaten gebruiken om mijn instructiegroepjes te plannen",
        "Voor het eerst de groepjes van deze week op de resultaten van vorige week gebaseerd.",
    ),
)

FEEDBACK_EN = (
    1, (2, 3), "lesson_plan", "My Year 2 decodable-reader lesson plan",
    "Is the launch too long? I lose some children before they read.",
    ("The phonics warm-up is quick and the children know the routine.",
     "What do the early finishers do while you hear others read?",
     "Try cutting the picture walk and go straight to the first page."),
)  # fmt: skip

FEEDBACK_NL = (
    1, (2, 3), "lesson_plan", "Mijn lesplan begrijpend lezen voor groep 5",
    "Is de introductie te lang? Ik verlies een paar leerlingen voordat ze gaan lezen.",
    ("De woordenschatoefening aan het begin is kort en duidelijk.",
     "Wat doen de snelle lezers terwijl jij met anderen leest?",
     "Sla de voorspelling over en begin meteen met de eerste alinea."),
)  # fmt: skip

# The member whose portfolio the demo shows writes this entry for it, and sets this goal
# if the story gave her none: (prompt, title, text), then the goal's text.
PORTFOLIO_ENTRY = (
    "practice",
    "A year of structured literacy in my class",
    "I now plan my phonics lessons from the group's scope and sequence and check "
    "decoding every five weeks. My Year 1 readers blend with more confidence.",
)
PORTFOLIO_GOAL = "Plan every phonics lesson from the group's scope and sequence"

# The member whose portfolio the demo shows (the one with the learning record): what
# she chose, with the standard each shows.
PORTFOLIO_STANDARDS = {
    "entry": "learning",
    "goal": "design",
    "resource": "design",
    "stage": "culture",
    "kudos": "relationships",
}
