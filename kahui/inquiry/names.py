"""Telling learners' names from codes, so an import can warn before names are kept.
Pure: no Django.

Kāhui keeps assessment data per anonymised learner code or per group of learners,
never per name. Spreadsheets that teachers export often carry names all the same, so
the importer warns (it does not refuse: a guess can be wrong) when a header or a value
looks like a name. The guesses are deliberately simple:

- a header such as "Name", "Surname" or "Ingoa";
- a code of two or more capitalised words ("Aroha Ngata", "Smith, Jack");
- a code that is one common given name ("Aroha", "Jack", "Sione", "Daan");
- a group label of capitalised words that starts with a given name and does not end
  in a word such as "Group" or "Room" (groups are often named after birds, trees or
  colours, so one word is not enough).

The given names below are common in Aotearoa New Zealand (Māori, Pākehā, Pasifika,
Asian) and in the Netherlands. Words that are also the names of groups — birds, trees,
colours — are left out on purpose.
"""

import re
import unicodedata

NAME_HEADERS = frozenset(
    {
        "name",
        "names",
        "full name",
        "first name",
        "firstname",
        "given name",
        "given names",
        "preferred name",
        "last name",
        "lastname",
        "surname",
        "family name",
        "student name",
        "student names",
        "learner name",
        "learner names",
        "child name",
        "childs name",
        "ingoa",
        "ingoa tuatahi",
        "ingoa whanau",
        "naam",
        "voornaam",
        "achternaam",
        "roepnaam",
        "leerling naam",
        "naam leerling",
    }
)

_GIVEN_NAMES = """
    aroha wiremu mere hemi tama nikau manaia ariki anahera kahurangi hine moana rangi
    tane kiri ngaio awhina hohepa mikaere rawiri tamati wairua whetu maia keri marama mihi
    nohea ora tia tipene rewi hana hera pita ihaia
    oliver jack noah leo george charlie lucas william james thomas liam hunter mason
    hudson arlo theo luca henry ethan jacob samuel benjamin daniel joshua josh max
    harry oscar archie louie isaac alexander alex levi hugo finn ryan tyler cooper
    isla charlotte olivia amelia mia ava harper ruby sophie sophia emily lily ella
    grace zoe chloe sarah emma jessica hannah willow georgia evie matilda aria
    madison lucy isabella ivy poppy maddison eve hazel stella frankie jasmine holly
    sione losa mele ana tevita malia sina lagi viliami salote talia semisi ofa
    lupe siaosi mosese pua ioane leilani fetu malakai
    wei aarav priya arjun ananya yuki ming jun hiroshi sakura ravi anika jiayi
    daan sem bram jesse thijs ruben lars julia tess anna lotte sanne femke fleur eva
    saar noor mila nora lieke jasper milan ties sven jip luuk
"""
GIVEN_NAMES = frozenset(_GIVEN_NAMES.split())

_GROUP_WORDS = "group groups room class team ropu roopu kahui whanau reading maths year groep klas"
GROUP_WORDS = frozenset(_GROUP_WORDS.split())

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def fold(text: str) -> str:
    """Lower case, without macrons or other accents, words separated by single spaces:
    how headers and names are compared."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[\W_]+", " ", plain.casefold()).split())


def is_name_header(header: str) -> bool:
    """Whether a column header says the column holds names."""
    return fold(header) in NAME_HEADERS


def _capitalised(word: str) -> bool:
    return bool(_WORD.fullmatch(word)) and word[0].isupper() and not word.isupper()


def _words(text: str) -> list[str]:
    return text.replace(",", " ").split()


def looks_like_a_name(code: str) -> bool:
    """Whether a learner code looks like a person's name rather than a code."""
    words = _words(code.strip())
    if len(words) >= 2:
        return all(_capitalised(word) for word in words)
    return (
        len(words) == 1
        and _WORD.fullmatch(words[0]) is not None
        and (fold(words[0]) in GIVEN_NAMES)
    )


def group_looks_like_a_name(label: str) -> bool:
    """Whether a group label looks like a person's name ("Aroha Ngata", not "Tūī" or
    "Willow Group")."""
    words = _words(label.strip())
    return (
        len(words) >= 2
        and all(_capitalised(word) for word in words)
        and fold(words[0]) in GIVEN_NAMES
        and fold(words[-1]) not in GROUP_WORDS
    )
