"""Recognition in the demo: the kudos members give each other in every group (English
for New Zealand groups, Dutch for the Dutch one), and one member's professional-
learning record: what she logged herself, and the certificate her facilitator
confirmed.

``KUDOS_*``: (giver, receiver, text, what it is for) where giver and receiver are
positions in the group's membership list (0 is the lead facilitator, who joined
first) and "for" is "meeting" (the group's latest meeting), "resource" (one the
receiver shared), or "" (nothing linked). ``LEARNING``: (kind, school days ago,
minutes, what it was, whether it was part of her group's work)."""

KUDOS_EN = (
    (1, 0, "Thank you for keeping us to time and still making room for every voice.", "meeting"),
    (0, 2, "Your notes from last hui were so clear I used them with my syndicate the next day.", "meeting"),
    (2, 1, "That resource was exactly what I needed for my Year 2 group. Ngā mihi!", "resource"),
    (3, 1, "You brought such useful evidence from your class: it moved our thinking on.", ""),
)  # fmt: skip

KUDOS_NL = (
    (1, 0, "Dank je dat je ons zo goed bij de tijd hield en iedereen aan het woord liet.", "meeting"),
    (0, 2, "Je verslag van de vorige bijeenkomst was zo helder dat ik het direct met mijn bouw deelde.", "meeting"),
    (2, 1, "Precies het materiaal dat ik zocht voor mijn groep 8. Bedankt!", "resource"),
    (3, 1, "Jouw voorbeelden uit de klas brachten ons gesprek echt verder.", ""),
)  # fmt: skip

# The member whose record the demo shows: her logged learning (as part of her group
# where it says so) and a certificate her facilitator confirmed.
RECORD_PERSON = "hg.teuila"
LEARNING = (
    ("reading", 12, 75, "Read the Ministry's guidance on structured literacy in Years 0–3", True),
    ("observation", 8, 40, "Watched a colleague's decodable-reader lesson in Room 5", True),
    ("course", 5, 180, "Online course: phonological awareness for new entrants", False),
)  # fmt: skip
