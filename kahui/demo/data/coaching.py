"""Coaching in the demo: a coach with one facilitator in each country, their notes, a
request for advice answered and one open, and an observation shared and debriefed."""

from dataclasses import dataclass


@dataclass(frozen=True)
class CoachingStory:
    group: str  # the group through which the coach coaches its first facilitator
    programme: str  # the programme made for it when the group is in none yet
    coach: str  # roster keys
    facilitator: str
    notes: tuple[tuple[str, str], ...]  # (who: "coach" or "facilitator", text)
    answered: tuple[str, str]  # (question, answer)
    open_question: str
    overall: tuple[str, str, str]  # went well, a question, a suggestion
    step_notes: tuple[tuple[str, str, str], ...]  # per agenda step, in order
    reflection: str


STORIES = (
    CoachingStory(
        group="Structured literacy in the junior school",
        programme="Structured literacy at Harakeke Grove",
        coach="cl.pld",
        facilitator="hg.junior",
        notes=(
            (
                "coach",
                "Kia ora! As we agreed, I'll come to your next hui and watch how the "
                "protocol for looking at running records works for the group. Anything "
                "you'd like me to look out for?",
            ),
            (
                "facilitator",
                "Thanks Priya. Could you watch who talks and who stays quiet? I think two "
                "of the newer teachers hold back when we look at data.",
            ),
            (
                "coach",
                "Will do. Your agenda is clear and the timings are realistic, which helps a lot.",
            ),
        ),
        answered=(
            "When a colleague's running records show little progress, how do I raise "
            "it without putting them on the spot in front of the group?",
            "Start from the learners rather than the teacher: ask the whole group what "
            "patterns they notice across the records before anyone talks about their "
            "own class. A protocol with a round of 'I notice' and then 'I wonder' keeps "
            "it about the evidence.",
        ),
        open_question=(
            "We keep running out of time for the last step, planning what we'll try. "
            "Should I shorten the data discussion or meet for longer?"
        ),
        overall=(
            "The group trusts you: people brought their own records and spoke openly.",
            "What would change if the group chose the focus learner for next time?",
            "Close with one sentence each on what they will try this week.",
        ),
        step_notes=(
            ("A warm welcome and a clear purpose.", "", ""),
            ("Everyone had their records ready.", "Who decides which records are shared?", ""),
            ("", "", "Give the 'I wonder' round two more minutes."),
        ),
        reflection=(
            "We agreed the data step works when it starts from patterns across classes. "
            "Next hui the group chooses the focus learner, and we close with one action each."
        ),
    ),
    CoachingStory(
        group="PLG Rekentaal: van groep 8 naar de brugklas",
        programme="PLG's rekentaal Rivierduin",
        coach="nl.coord",
        facilitator="wk.ib",
        notes=(
            (
                "coach",
                "Hoi Sanne, fijn dat ik bij de volgende bijeenkomst mag meekijken. Waar "
                "wil je dat ik vooral op let?",
            ),
            (
                "facilitator",
                "Op de opbouw: we hebben een vaste structuur afgesproken, maar ik merk "
                "dat de uitwisseling tussen basisschool en brugklas soms blijft hangen.",
            ),
            (
                "coach",
                "Goed punt. Ik let op hoe de docenten van beide kanten op elkaar reageren.",
            ),
        ),
        answered=(
            "Hoe zorg ik dat de docenten uit de brugklas ook eigen casussen inbrengen, en "
            "niet alleen reageren op die van de basisschool?",
            "Spreek vooraf een rooster af wie een casus inbrengt, om en om vanuit beide "
            "scholen. Vraag de brugklasdocenten om een opgave mee te nemen waarop "
            "leerlingen vastliepen: dan wordt het een gezamenlijke puzzel.",
        ),
        open_question=(
            "Een deelnemer mist steeds vaker de bijeenkomsten. Bespreek ik dat in de groep "
            "of eerst apart?"
        ),
        overall=(
            "De vaste structuur gaf rust: iedereen wist wat er kwam.",
            "Wat wil de groep aan het eind van dit schooljaar samen hebben gemaakt?",
            "Laat bij de start één deelnemer het doel van de bijeenkomst verwoorden.",
        ),
        step_notes=(
            ("Korte, heldere opening.", "", ""),
            ("", "Hoe kies je welke casus voorgaat?", "Gebruik een timer per casus."),
            ("Mooie afspraken gemaakt.", "", ""),
        ),
        reflection=(
            "We houden de structuur vast en wisselen voortaan de inbreng af tussen "
            "basisschool en brugklas. Sanne vraagt de groep naar een gezamenlijk product "
            "voor het eind van het jaar."
        ),
    ),
)
