"""The learning objectives of the demo's organisations, in both countries, and which
groups' goals serve them (by the group's name): one objective of each organisation is
left without a group, so the dashboard shows both."""

# organisation key → [(title, what it means for us)]
OBJECTIVES: dict[str, list[tuple[str, str]]] = {
    "cl": [
        (
            "Inclusive classrooms for every learner",
            "Universal design and learning support planned together across our schools.",
        ),
        (
            "Smooth transitions between settings",
            "From early learning to school, and from intermediate to college.",
        ),
        (
            "Te reo Māori and tikanga in daily practice",
            "Every kaiako grows their confidence with te reo and tikanga.",
        ),
        ("Learner agency in assessment", "Learners set and check their own next steps."),
    ],
    "hg": [
        ("Structured literacy in Years 0–3", "Every child reads with joy by the end of Year 3."),
        ("Whānau partnerships", "Families know what their child is learning and how to help."),
    ],
    "kr": [
        ("Restorative relationships", "Conflict repaired, not just punished."),
        ("Attendance and engagement", "Every student wants to be here."),
    ],
    "nl": [
        (
            "Doorlopende leerlijn rekenen van po naar vo",
            "Leerlingen stappen over zonder de rekentaal opnieuw te moeten leren.",
        ),
        ("Eigenaarschap van leerlingen", "Leerlingen sturen hun eigen leerproces mee."),
    ],
}

# group name → (organisation key, objective title) that its first goal serves
LINKED_GOALS: dict[str, tuple[str, str]] = {
    "Universal Design for Learning across the cluster": (
        "cl",
        "Inclusive classrooms for every learner",
    ),
    "From early learning to school": ("cl", "Smooth transitions between settings"),
    "Te reo and tikanga in every classroom": ("cl", "Te reo Māori and tikanga in daily practice"),
    "Structured literacy in the junior school": ("hg", "Structured literacy in Years 0–3"),
    "Restorative practice at Kererū Ridge": ("kr", "Restorative relationships"),
    "PLG Rekentaal: van groep 8 naar de brugklas": (
        "nl",
        "Doorlopende leerlijn rekenen van po naar vo",
    ),
}

# The group whose meetings lapse for a while, so the dashboard flags it irregular:
# the meetings between these many days ago are cancelled.
IRREGULAR_GROUP = "Restorative practice at Kererū Ridge"
IRREGULAR_DAYS = (15, 45)
