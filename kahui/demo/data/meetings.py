"""What happened at the demo's meetings: each group's series (its day, time, place and
protocol) and the notes of the meetings it has held, in the order the story tells them.
"""

from dataclasses import dataclass
from datetime import time
from typing import Literal


@dataclass(frozen=True)
class ActionText:
    owner: str  # a roster key, or "lead" for the group's first facilitator
    text: str


@dataclass(frozen=True)
class MeetingNotes:
    """What the note-taker wrote up: a heading and a few points, plus what was
    decided and who will do what."""

    focus: str
    points: tuple[str, ...]
    decisions: tuple[str, ...] = ()
    actions: tuple[ActionText, ...] = ()


@dataclass(frozen=True)
class ProtocolVersion:
    """The group's own copy of a built-in protocol, adapted."""

    description: str
    steps: tuple[tuple[str, str, int, str], ...]  # (kind, title, minutes, guidance)


@dataclass(frozen=True)
class MeetingsSpec:
    """A group's meeting series. ``notes`` tell the story from the first meeting
    on; when more meetings have been held, the meetings between the first and the
    story's latest part get the short ``routine`` write-ups (heading, one line)."""

    title: str
    protocol: str  # a built-in protocol's key
    weekday: int  # 0 = Monday: the first such day after the group opened
    start: time
    notes: tuple[MeetingNotes, ...]
    routine: tuple[tuple[str, str], ...]
    norms_review: tuple[Literal["first", "last"], str]  # which meeting, and the note
    location: str = ""
    online_url: str = ""
    adapted: ProtocolVersion | None = None
    cancelled: str = ""  # one past meeting called off, with this reason
    cancelled_next: str = ""  # one upcoming meeting called off, with this reason
    guest: tuple[str, str] = ("", "")  # (name, email) invited to the next meeting


A = ActionText

MEETINGS: dict[str, MeetingsSpec] = {
    "From early learning to school": MeetingsSpec(
        title="Transition hui",
        protocol="regular",
        weekday=2,
        start=time(15, 45),
        location="Kākāriki Meadows Early Learning Centre, whānau room",
        norms_review=("first", "Read our agreements together at the first hui; no changes."),
        notes=(
            MeetingNotes(
                "Getting to know each other's settings",
                (
                    "Whakawhanaungatanga: each of us shared where we started school and one "
                    "thing we remember about the first day.",
                    "The centre's transition visits: three mornings at school with a kaiako, and "
                    "a photo book each child takes home.",
                    "Children settle faster when their first teacher already knows their "
                    "strengths and interests; Priya will bring examples of how others share this.",
                    "The gap we kept coming back to is information: school often gets a name and "
                    "a birth date, and little else.",
                ),
                decisions=(
                    "We start from the centre's learning stories and agree what a new-entrant "
                    "teacher needs to know in the first week.",
                ),
                actions=(
                    A("cl.pld", "Collect three “all about me” profiles from other clusters to compare"),
                    A("lead", "Ask two whānau what they wish school had known about their child"),
                    A("hg.t1", "Share the school's enrolment form and first-week plan"),
                ),
            ),
            MeetingNotes(
                "A first draft of the shared profile",
                (
                    "Looked at the three profiles Priya collected; we liked the one that starts "
                    "with the child's own words.",
                    "Whānau feedback: ask about home languages, and about what comforts the child.",
                    "Draft headings: Kia ora, this is me · What I love · My languages · What helps "
                    "me settle · My whānau.",
                    "From the school side: teachers will read it only if it fits on one page.",
                ),
                decisions=("The profile stays on one page, with the child's own words first.",),
                actions=(
                    A("lead", "Turn the draft headings into a one-page template in English and te reo Māori"),
                    A("kk.k2", "Try the draft with two children who start school next term"),
                ),
            ),
        ),
        routine=(
            ("Visiting each other's settings", "Planned the visits: two kaiako in the new-entrant class, one teacher at mat time in the centre."),
            ("What we noticed on the visits", "Shared notes from the visits, strengths first."),
        ),
    ),
    "Structured literacy in the junior school": MeetingsSpec(
        title="Junior literacy PLG",
        protocol="data_dialogue",
        weekday=1,
        start=time(15, 30),
        location="Room 4, junior hub",
        norms_review=("first", "Agreed at our first meeting; no changes."),
        notes=(
            MeetingNotes(
                "Predictions before our first decoding check",
                (
                    "Predictions round: most of us expect Year 1 learners to be secure on single "
                    "sounds, but not yet on digraphs.",
                    "Ngaio walked us through the scope and sequence; every class is at a slightly "
                    "different point in it.",
                    "We agreed on one five-minute check for every class, scored the same way.",
                    "Release time is the sticking point: one-to-one checks take a whole afternoon "
                    "per class.",
                ),
                decisions=(
                    "Everyone uses the same decoding check in weeks 5 and 10, scored on the shared "
                    "sheet.",
                ),
                actions=(
                    A("hg.senco", "Set up the shared results sheet and a scoring guide"),
                    A("hg.teuila", "Print check cards for every junior class"),
                    A("lead", "Book release time so the checks can be done one to one"),
                ),
            ),
            MeetingNotes(
                "First look at the week 5 check",
                (
                    "Observations first, no explanations: 41 of 58 Year 1–2 learners read every "
                    "single-sound word; digraphs are where most slip (sh and ch mixed up often).",
                    "Three Year 2 learners cannot yet blend three sounds; two of them are new to "
                    "the school this year.",
                    "Classes with daily blending drills scored higher on blending, but not on "
                    "digraphs.",
                    "Some of us have taught digraphs earlier than the sequence says, which may "
                    "explain the mix-ups.",
                ),
                decisions=(
                    "Small-group plans change within a week of each check.",
                    "New digraphs follow the sequence; earlier ones are reviewed daily.",
                ),
                actions=(
                    A("hg.teuila", "Trial a daily three-minute digraph review in Room 2 and bring samples"),
                    A("hg.senco", "Meet the whānau of the three learners who cannot blend yet"),
                    A("lead", "Ask the board for a second set of decodable readers"),
                ),
            ),
            MeetingNotes(
                "Decodable readers that match what we teach",
                (
                    "Sorted the book-room sets against the sequence: about half the “decodable” "
                    "books use sounds we have not taught yet.",
                    "Room 2's digraph review: fewer sh/ch mix-ups after two weeks; we want to see "
                    "it over a longer run before everyone adopts it.",
                    "Take-home books are the weak spot: whānau get whatever is on the shelf.",
                    "Implication: label every set with its step in the sequence, and send home "
                    "only books a child can decode.",
                ),
                decisions=("Take-home readers come only from the labelled, matched sets.",),
                actions=(
                    A("lead", "Draft a note to whānau on why take-home books are changing"),
                    A("hg.t2", "Label the Year 2 sets with their step in the sequence"),
                    A("hg.t4", "Check which Year 4–5 learners still need decodable texts"),
                ),
            ),
        ),
        routine=(
            ("Sharing learner work", "Each of us brought one writing sample; looked for the sounds each learner uses correctly."),
            ("Scope and sequence check-in", "Where each class is in the sequence, and what is coming next."),
        ),
    ),
    "Universal Design for Learning across the cluster": MeetingsSpec(
        title="UDL hui",
        protocol="tuning",
        weekday=3,
        start=time(15, 45),
        location="Cluster office, Papanui",
        online_url="https://meet.waitahacoast.example/udl-hui",
        norms_review=("first", "Read them aloud together at the first hui; no changes yet."),
        guest=("Anna Whitcombe", "anna.whitcombe@otpractice.example"),
        notes=(
            MeetingNotes(
                "What UDL is, and what it is not",
                (
                    "Tavita opened with the three principles: many ways to engage, to take in "
                    "information, and to show learning.",
                    "Claire: UDL is not a separate plan for some learners; it is planning so fewer "
                    "learners need one.",
                    "Each of us named one barrier in our own lessons; most were about written "
                    "output and long spoken instructions.",
                    "We will use the tuning protocol, so every hui looks at a real lesson.",
                ),
                decisions=("Each hui tunes one member's lesson plan with the tuning protocol.",),
                actions=(
                    A("cl.rtlb2", "Share a one-page UDL planning guide"),
                    A("pw.lsc", "Bring a Year 7–8 lesson plan to tune next time"),
                    A("kr.senco", "Count the separately adapted resources in two classes, as a baseline"),
                ),
            ),
            MeetingNotes(
                "Tuning a Year 5–6 maths lesson",
                (
                    "Wei presented a lesson on fractions of a set. Focus question: how can more "
                    "learners start without waiting for help?",
                    "Warm feedback: concrete materials, a worked example on the wall, and learners "
                    "choose a partner.",
                    "Cool feedback: every instruction was spoken, once; the recording sheet was the "
                    "only way to show learning.",
                    "Ideas: a visual step card, a short video of the task, and answers shown with "
                    "materials or a photo.",
                ),
                decisions=("We bring learner voice to each tuning, not just the plan.",),
                actions=(
                    A("md.wei", "Teach the revised fractions lesson and collect learner feedback"),
                    A("kk.k3", "Try a visual routine card with the under-twos team"),
                    A("lead", "Find a short learner-voice survey that works from Year 3 up"),
                ),
            ),
            MeetingNotes(
                "Tuning a Year 9 science practical",
                (
                    "A Year 9 practical on reactions. Focus question: how can learners who find "
                    "reading hard follow the method safely?",
                    "Wei's revised lesson: 24 of 27 learners started on their own, against about "
                    "15 before, and liked choosing how to show their answer.",
                    "Cool feedback: the method is a dense page of text, and the safety rules sit "
                    "in paragraph four.",
                    "Ideas: a photo sequence of the method, safety first and in icons, and a "
                    "recorded demonstration learners can replay.",
                ),
                decisions=(
                    "Baseline counts of adapted resources are in; we count again at the end of "
                    "the inquiry.",
                ),
                actions=(
                    A("lead", "Run the learner-voice survey in three member classes before the next hui"),
                    A("kr.senco", "Rewrite the practical as a photo sequence and trial it"),
                    A("cl.rtlb2", "Brief our guest on the group's goals before the next hui"),
                ),
            ),
        ),
        routine=(
            ("Tuning a lesson plan", "Warm and cool feedback on one member's plan; the presenter chose two changes to try."),
        ),
    ),
    "Restorative practice at Kererū Ridge": MeetingsSpec(
        title="Restorative practice PLG",
        protocol="consultancy",
        weekday=2,
        start=time(15, 20),
        location="Library seminar room",
        norms_review=("first", "Agreed together at our first meeting."),
        cancelled="Teacher only day",
        notes=(
            MeetingNotes(
                "Where we are now",
                (
                    "Last term: 212 classroom referrals to deans, most for low-level disruption.",
                    "Round: what each of us does now when a lesson is disrupted, from a quiet word "
                    "to sending the student out.",
                    "Our common script: what happened, what were you thinking, who has been "
                    "affected and how, and what needs to happen to make things right.",
                    "From next time we use the consultancy protocol: one member brings a real "
                    "situation, names removed.",
                ),
                decisions=("The restorative questions are our shared script in every department.",),
                actions=(
                    A("kr.hpe", "Print the restorative questions as a lanyard card for every member"),
                    A("kr.senco", "Check how the script needs to change for students with communication needs"),
                    A("lead", "Pull referral figures by department for the last two terms"),
                ),
            ),
            MeetingNotes(
                "Consultancy: a Year 10 class after a lunchtime fight",
                (
                    "The dilemma: two students come back to class after a fight on the field, and "
                    "the class takes sides. How do I restart the lesson without ignoring it?",
                    "Clarifying questions: the deans had met both students, but nobody had talked "
                    "with the class.",
                    "The probing question that landed: who in the class was harmed, and has anyone "
                    "asked them?",
                    "The presenter will open the next lesson with a short circle, co-facilitated "
                    "by the kaiako te reo Māori.",
                ),
                decisions=(
                    "After an incident outside class, the class teacher hears about it before the "
                    "students return.",
                ),
                actions=(
                    A("kr.tereo", "Co-facilitate a short circle with the Year 10 class"),
                    A("lead", "Agree with the deans how class teachers are told about incidents"),
                ),
            ),
            MeetingNotes(
                "Consultancy: repairing harm with a reliever",
                (
                    "The dilemma: a student swore at a reliever and was stood down. What does "
                    "repair look like when the person harmed is not here any more?",
                    "Probing questions: what does the student think happened? Would the reliever "
                    "want to be part of a conversation?",
                    "Group conversation: a letter, or a short meeting when the reliever is next in; "
                    "the head of department can stand in if not.",
                    "We noticed we talk more about the student than about the class who saw it.",
                ),
                decisions=("Relievers get the lanyard card and a one-paragraph guide in their folder.",),
                actions=(
                    A("kr.maths", "Write the one-paragraph guide for relievers"),
                    A("kr.tech", "Ask the student council how students want harm put right"),
                ),
            ),
            MeetingNotes(
                "Planning circles for the rest of term",
                (
                    "Check-in: everyone has now run at least one circle; form classes took to it "
                    "faster than subject classes.",
                    "Consultancy on a circle that fell flat with a quiet Year 11 group: start with "
                    "a low-stakes question, sit in the circle, let students pass.",
                    "Referrals so far this term are down on last term, though it is early to say.",
                    "We still need a plan for sharing the language with whānau (our third goal).",
                ),
                decisions=(
                    "Each member runs two circles in their form class this term and logs them in "
                    "the group folder.",
                    "We present at the Year 9 whānau evening.",
                ),
                actions=(
                    A("lead", "Draft the newsletter page on restorative language for whānau"),
                    A("kr.principal", "Book a slot at the Year 9 whānau evening"),
                    A("kr.hpe", "Collect the circle logs and summarise them for our next meeting"),
                ),
            ),
        ),
        routine=(
            ("Practising the script", "Practised the restorative questions in threes: student, teacher, observer."),
            ("Consultancy: a repeated lateness dilemma", "A member's dilemma about one student's lateness; probing questions helped them see the pattern."),
        ),
    ),
    "Te reo and tikanga in every classroom": MeetingsSpec(
        title="Te reo hui",
        protocol="he_pikorua",
        weekday=2,
        start=time(15, 45),
        online_url="https://meet.waitahacoast.example/te-reo-hui",
        norms_review=(
            "last",
            "Read them aloud together. The new-kupu agreement is working well; no changes.",
        ),
        adapted=ProtocolVersion(
            description=(
                "He Pikorua in 45 minutes, online: we open and close with karakia and share a "
                "new kupu each hui."
            ),
            steps=(
                ("check_in", "Karakia and whakawhanaungatanga", 8, "Open with karakia; reconnect as people."),
                ("learning", "Kupu hou", 5, "Each of us shares one new kupu or phrase and how we used it."),
                ("review_actions", "Review of last actions", 7, "What did we do since last time, and what happened for ākonga?"),
                ("evidence", "Kohikohi — what we noticed", 8, "Routine lists, whānau feedback, ākonga voice."),
                ("planning", "Tātai — plan together", 10, "Agree who will try what before the next hui."),
                ("reflection", "Whai whakaaro and karakia whakakapi", 7, "How are we going as a rōpū? Close with karakia."),
            ),
        ),
        notes=(
            MeetingNotes(
                "Whakawhanaungatanga and our kaupapa",
                (
                    "Opened with karakia. Each of us introduced ourselves with our pepeha, or as "
                    "much of it as we are ready to share.",
                    "Where we are with te reo in class: from a few greetings to full immersion at "
                    "the kura.",
                    "Hōhepa suggested starting with classroom routines, because daily use builds "
                    "confidence fastest.",
                    "Closed with karakia.",
                ),
                decisions=("We open and close every hui with karakia, and take turns to lead it.",),
                actions=(
                    A("kw.kaiako1", "Share a list of classroom routines with the kupu the kura uses"),
                    A("lead", "Set up a shared folder for resources and recordings"),
                ),
            ),
            MeetingNotes(
                "Whānau co-planning: what worked",
                (
                    "Kupu hou: the favourite this time was “kia tere” for packing up.",
                    "Four of us co-planned a unit with whānau. What worked: meeting at the kura or "
                    "the marae rather than at school, and sharing kai.",
                    "What did not: invitations by newsletter alone. A phone call from someone "
                    "whānau know worked far better.",
                    "Hōhepa will share the invitation wording the kura uses.",
                ),
                decisions=(
                    "Invitations to whānau planning hui go by phone or kanohi ki te kanohi, not "
                    "only in writing.",
                ),
                actions=(
                    A("hg.junior", "Invite junior-school whānau to co-plan next term's unit"),
                    A("md.dp", "Share the invitation script that worked at Mātai Downs"),
                ),
            ),
            MeetingNotes(
                "Local place names and their stories",
                (
                    "Kupu hou round, then Hōhepa shared how the kura learnt the stories behind local "
                    "place names from kaumātua, with their permission.",
                    "We ask rather than assume: each school approaches the rūnanga through the "
                    "cluster before teaching a pūrākau.",
                    "Members want a short list of local names and meanings that are fine to use "
                    "now.",
                ),
                decisions=(
                    "We teach local pūrākau only after asking the rūnanga, through the cluster.",
                ),
                actions=(
                    A("cl.rtlb3", "Ask the rūnanga education contact about a hui with the cluster"),
                    A("pw.t4", "Gather the place names our ākonga already know"),
                ),
            ),
            MeetingNotes(
                "Planning the end-of-year whānau hui",
                (
                    "Review of actions: two whānau co-planning hui held; the rūnanga contact has "
                    "replied and suggested a date next term.",
                    "Kohikohi: most classes now run the roll, packing up and kai time in te reo "
                    "every day.",
                    "Tātai: each of us hosts a short whānau hui before the end of term; the kura "
                    "will share waiata.",
                    "Whai whakaaro: online hui work, but we miss being together. We will meet in "
                    "person once a term.",
                ),
                decisions=("We meet in person at the kura once a term, starting next term.",),
                actions=(
                    A("lead", "Host the first in-person hui at the kura and send the details"),
                    A("kk.k1", "Share the waiata recordings from the centre"),
                    A("pw.principal", "Offer the hall for the Pīwakawaka whānau hui"),
                ),
            ),
        ),
        routine=(
            ("Routines in te reo", "Kupu hou round; swapped the two classroom routines that are working best."),
            ("Karakia for the classroom", "Learnt two short karakia for the start and end of the day, and what they mean."),
            ("Pronunciation practice", "Hōhepa led a practice on vowel length; we recorded ourselves for the shared folder."),
            ("Looking at our evidence", "Compared routine lists across classes: most routines now run in te reo every day."),
            ("Waiata for the term", "Chose two waiata to learn across the cluster; the kura will record them."),
            ("Whānau hui: planning", "How each of us will invite whānau, and what kai to share."),
            ("Reflecting on the inquiry", "What has changed for ākonga Māori in our classes, and how we know."),
        ),
    ),
    "PLG Rekentaal: van groep 8 naar de brugklas": MeetingsSpec(
        title="PLG Rekentaal",
        protocol="success_analysis",
        weekday=3,
        start=time(15, 30),
        location="Brugwachter College, mediatheek",
        online_url="https://meet.rivierduin.example/plg-rekentaal",
        norms_review=(
            "last",
            "Norm 4 aangescherpt: iedereen neemt leerlingwerk of een lesfragment mee.",
        ),
        cancelled_next="Studiedag van het netwerk; we sluiten aan bij het plenaire programma.",
        notes=(
            MeetingNotes(
                "Kennismaking en startpunt",
                (
                    "Voorstelronde: in welke groep of klas we lesgeven en wat ons opvalt bij de "
                    "overstap.",
                    "Sanne liet zien welke rekentaal en modellen groep 7 en 8 gebruiken: strook, "
                    "verhoudingstabel, getallenlijn.",
                    "Emre: brugklassers herkennen de verhoudingstabel vaak niet als die anders "
                    "getekend wordt.",
                    "We werken met succesanalyse: we leren van wat wél werkt in elkaars lessen.",
                ),
                decisions=(
                    "We maken samen één lijst met rekentaal en modellen voor groep 8 en de "
                    "brugklas.",
                ),
                actions=(
                    A("wk.g8a", "Verzamel de woorden en modellen uit de rekenmethode van groep 8"),
                    A("bw.wisk2", "Verzamel de woorden en modellen uit het brugklasboek"),
                    A("lead", "Maak een gedeelde map aan voor lesmateriaal en opnames"),
                ),
            ),
            MeetingNotes(
                "Succesanalyse: redeneren over breuken in groep 8",
                (
                    "Het succes: leerlingen in groep 8 legden in tweetallen uit waarom 3/4 meer is "
                    "dan 2/3, met de strook als model.",
                    "Analyse: het werkte omdat leerlingen eerst zelf mochten tekenen en pas daarna "
                    "de notatie kregen.",
                    "In de brugklas wordt de strook bijna niet gebruikt; docenten gaan snel naar "
                    "rekenregels.",
                    "Transfer: de brugklasdocenten proberen de strook in de eerste les over breuken.",
                ),
                decisions=("De strook komt als gedeeld model op onze lijst.",),
                actions=(
                    A("bw.emre", "Probeer de strook in de eerste breukenles van de brugklas"),
                    A("wk.g7", "Neem een redeneergesprek op in groep 7 (met toestemming)"),
                ),
            ),
            MeetingNotes(
                "Lesbezoeken: wat zagen we?",
                (
                    "Drie deelnemers bezochten een les aan de andere kant van de overstap.",
                    "Opvallend: in de brugklas zeggen leerlingen “keersom”, in groep 8 “omdraaien "
                    "en vermenigvuldigen”. Kleine verschillen maken leerlingen onzeker.",
                    "Succes: de mentor zag brugklassers uit zichzelf een getallenlijn tekenen toen "
                    "de docent daar ruimte voor gaf.",
                    "De lijst met rekentaal is voor driekwart klaar.",
                ),
                decisions=(
                    "Bij elk begrip op de lijst noteren we de woorden die beide schooltypen "
                    "gebruiken.",
                ),
                actions=(
                    A("bw.mentor", "Vraag brugklassers welke rekenwoorden ze uit groep 8 kennen"),
                    A("wk.g8b", "Maak de lijst met rekentaal af en zet hem in de map"),
                    A("lead", "Plan de lesbezoeken voor de tweede ronde"),
                ),
            ),
            MeetingNotes(
                "Terugblik: wat heeft de PLG tot nu toe opgeleverd?",
                (
                    "Succesanalyse op onze eigen PLG: volgens iedereen leverden de lesbezoeken het "
                    "meest op.",
                    "De lijst wordt in alle deelnemende klassen gebruikt; oud-leerlingen van groep "
                    "8 herkennen de woorden in de brugklas.",
                    "Nog niet gelukt: opnames van redeneergesprekken, door tijd en toestemming.",
                    "Normen besproken: we willen dat iedereen leerlingwerk of een lesfragment "
                    "meeneemt.",
                ),
                decisions=(
                    "In de tweede ronde ontwerpt elk tweetal (basisschool en brugklas) samen één les.",
                    "Opnames alleen met toestemming van ouders, via het bestaande formulier.",
                ),
                actions=(
                    A("lead", "Zet de toestemmingsformulieren voor opnames klaar"),
                    A("bw.emre", "Maak tweetallen voor de tweede ronde"),
                    A("bw.ned", "Zoek uit hoe de sectie Nederlands redeneren in taal aanpakt"),
                ),
            ),
        ),
        routine=(
            ("Rekentaal naast elkaar gelegd", "Woorden en modellen uit beide methodes vergeleken; verschillen gemarkeerd."),
            ("Succesanalyse: de verhoudingstabel", "Een geslaagde les over de verhoudingstabel besproken: wat maakte het succesvol?"),
        ),
    ),
}  # fmt: skip
