"""What learners and whānau answered in each group's survey, and the shared product
each group wrote together, in English and in Dutch. Plain data."""

# Each answer: (the scale answers to the set's two scale questions, the choice's
# position, the written answer or ""). Written answers hold no names.
VOICE_EN = {
    "learners_set": "reading",
    "whanau_set": "whanau",
    "answers": [
        ((4, 5), 1, "More books about sharks and space"),
        ((3, 3), 0, ""),
        ((5, 4), 1, "Reading with my cousin at home"),
        ((2, 2), 3, "Shorter books first"),
        ((4, 4), 0, "Quiet time after lunch"),
        ((3, 4), 2, ""),
        ((5, 5), 1, "Comics!"),
        ((1, 2), 3, "Someone to help with the hard words"),
        ((4, 3), 0, ""),
    ],
    "product": {
        "title": "Reading conference rubric",
        "kind": "rubric",
        "description": "What we look for when we sit with a reader for five minutes.",
        "versions": [
            "| Area | Beginning | Growing | Confident |\n|---|---|---|---|\n"
            "| Decoding | Sounds out single letters | Blends short words | Reads new words |\n",
            "| Area | Beginning | Growing | Confident |\n|---|---|---|---|\n"
            "| Decoding | Sounds out single letters | Blends short words | Reads new words |\n"
            "| Fluency | Word by word | Phrases | Reads with expression |\n",
            "| Area | Beginning | Growing | Confident |\n|---|---|---|---|\n"
            "| Decoding | Sounds out single letters | Blends short words | Reads new words |\n"
            "| Fluency | Word by word | Phrases | Reads with expression |\n"
            "| Talking about the text | Retells a part | Retells in order | Says why it matters |\n",
        ],
    },
}

VOICE_NL = {
    "learners_set": "learning",
    "whanau_set": "whanau",
    "answers": [
        ((4, 3), 0, "Uitleg met een voorbeeld op het bord"),
        ((3, 4), 2, ""),
        ((5, 5), 3, "Zelf proberen met blokjes"),
        ((2, 3), 0, "Meer tijd voor de som"),
        ((4, 4), 1, ""),
        ((3, 2), 2, "Als iemand het nog een keer uitlegt"),
    ],
    "product": {
        "title": "Lessenreeks verhoudingen",
        "kind": "lessons",
        "description": "Vier lessen van groep 8 die aansluiten bij de brugklas.",
        "versions": [
            "## Les 1: verhoudingstabel\n\n- Recepten omrekenen\n",
            "## Les 1: verhoudingstabel\n\n- Recepten omrekenen\n\n"
            "## Les 2: procenten\n\n- Korting in de winkel\n",
        ],
    },
}
