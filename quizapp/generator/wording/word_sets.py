"""The closed word classes the wording rules read: prepositions by what they do to a wh-word,
nouns that name people or kinds of thing, verbs by what their subject or object is, the adverbs a
question leaves out, and the entity types that name places and numbers.
"""

from __future__ import annotations

# Prepositions a "where"/"when" replaces along with their object ("in Cairo" -> "where").
LOCATIVE_PREPOSITIONS = frozenset(
    {
        "in",
        "at",
        "on",
        "near",
        "inside",
        "outside",
        "within",
        "across",
        "throughout",
        "to",
        "into",
        "onto",
        "toward",
        "towards",
        "around",
        "along",
    }
)


TEMPORAL_PREPOSITIONS = frozenset({"in", "on", "at", "during", "of"})


# Prepositions that keep their meaning only when they travel with the wh-word ("Since when").
PIED_PIPED_PREPOSITIONS = frozenset(
    {
        "since",
        "until",
        "till",
        "before",
        "after",
        "between",
        "through",
        "by",
        "from",
        "during",
        "under",
        "among",
        "over",
        "against",
        "without",
        "despite",
    }
)


PERSON_NOUNS = frozenset(
    {
        "people",
        "person",
        "man",
        "woman",
        "men",
        "women",
        "leader",
        "president",
        "minister",
        "king",
        "queen",
        "emperor",
        "khan",
        "official",
        "officials",
        "scientist",
        "scientists",
        "author",
        "authors",
        "son",
        "sons",
        "daughter",
        "father",
        "mother",
        "wife",
        "husband",
        "ruler",
        "general",
        "soldier",
        "soldiers",
        "student",
        "students",
        "teacher",
        "founder",
        "director",
        "chairman",
        "chair",
        "governor",
        "senator",
        "mayor",
        "spokesman",
        "spokeswoman",
        "ambassador",
        "counterpart",
        "dictator",
        "prime",
        "chief",
        "member",
        "members",
        "team",
        "player",
        "players",
        "writer",
        "artist",
        "astronaut",
        "astronauts",
        "pilot",
        "commander",
        "successor",
        "heir",
        "brother",
        "sister",
        "child",
        "children",
        "government",
        "governments",
        "authority",
        "authorities",
        "forces",
        "troops",
        "army",
        "defenders",
        "chairs",
        "committee",
        "council",
        "court",
        "police",
        "agency",
        "researchers",
        "experts",
        "voters",
        "residents",
        "citizens",
        "judge",
        "lawmakers",
        "party",
        "board",
        "panel",
        "jury",
        "artisans",
        "craftsmen",
        "workers",
        "rival",
        "rivals",
        "ally",
        "allies",
        "enemy",
        "enemies",
        "rebels",
        "settlers",
        "immigrants",
        "survivors",
        "prisoners",
        "warriors",
        "knights",
        "princes",
        "prince",
        "princess",
        "duke",
        "earl",
        "bishop",
        "archbishop",
        "pope",
        "monk",
        "monks",
        "priest",
        "priests",
    }
)


# Sentence adverbs that tie a sentence to the one before it and make no sense in a question.
DISCOURSE_ADVERBS = frozenset(
    {
        "however",
        "meanwhile",
        "moreover",
        "furthermore",
        "also",
        "therefore",
        "thus",
        "nevertheless",
        "instead",
        "still",
        "then",
        "indeed",
        "additionally",
        "consequently",
    }
)


# Adverbs that qualify how often or how surely something holds; questions leave them out
# ("The second stage typically burned ..." -> "What did the second stage burn?").
HEDGING_ADVERBS = frozenset(
    {
        "also",
        "eventually",
        "typically",
        "usually",
        "often",
        "generally",
        "even",
        "exactly",
        "further",
        "finally",
        "subsequently",
        "later",
        "initially",
        "originally",
        "reportedly",
        "necessarily",
        "particularly",
        "especially",
        "famously",
        "directly",
        "successfully",
    }
)


LOCATION_LABELS = frozenset({"GPE", "LOC", "FAC"})


NUMBER_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})


# Prepositions that place something rather than direct it ("in", not "to").
STATIC_PREPOSITIONS = frozenset({"in", "at", "near", "inside", "outside", "within", "throughout"})


# Verbs of going somewhere, after which "to X" is a place.
MOTION_VERBS = frozenset(
    {
        "go",
        "flee",
        "travel",
        "move",
        "return",
        "sail",
        "fly",
        "come",
        "march",
        "migrate",
        "retreat",
        "escape",
        "emigrate",
        "relocate",
        "head",
        "withdraw",
    }
)


# Entity types whose names often end in the kind of thing they are ("Lorentz's Law").
NAMED_KIND_LABELS = frozenset({"ORG", "LAW", "WORK_OF_ART", "FAC", "EVENT", "PRODUCT", ""})


# Words that close a name and say what it names ("the Kyoto Protocol" is a protocol).
KIND_WORDS = frozenset(
    {
        "law",
        "act",
        "treaty",
        "convention",
        "protocol",
        "committee",
        "council",
        "university",
        "college",
        "river",
        "mountains",
        "lake",
        "company",
        "corporation",
        "agency",
        "program",
        "programme",
        "project",
        "party",
        "war",
        "battle",
        "empire",
        "dynasty",
        "church",
        "museum",
        "airport",
        "station",
        "bridge",
        "award",
        "prize",
        "principle",
        "theory",
        "equation",
        "effect",
    }
)


# Head nouns too general to name a kind ("a somewhat larger number" is not "what number").
VAGUE_NOUNS = frozenset(
    {"number", "amount", "part", "way", "thing", "kind", "type", "lot", "end", "side", "one"}
)


DURATION_UNITS = frozenset(
    {
        "second",
        "minute",
        "hour",
        "day",
        "week",
        "month",
        "year",
        "decade",
        "century",
        "night",
    }
)


# Verbs whose doer has a mind: a name doing them is someone's.
MINDFUL_VERBS = frozenset(
    {
        "realize",
        "realise",
        "determine",
        "think",
        "believe",
        "argue",
        "explain",
        "discover",
        "decide",
        "know",
        "learn",
        "propose",
        "suggest",
        "conclude",
        "insist",
        "admit",
        "deny",
        "want",
        "hope",
        "fear",
        "doubt",
        "notice",
        "recognize",
        "recognise",
        "say",
        "tell",
    }
)


# Verbs whose object is the one spoken to.
ADDRESSING_VERBS = frozenset({"tell", "inform", "brief", "warn", "urge", "advise", "notify"})


# Verbs that give something its name ("a rock dubbed the Genesis Rock").
NAMING_VERBS = frozenset({"name", "call", "dub", "title", "nickname", "christen", "rename"})


# Nouns that say what kind of place a name is, and the kind a question asks for by them.
PLACE_KINDS = {
    "capital": "city",
    "city": "city",
    "metropolis": "city",
    "port": "city",
    "town": "town",
    "village": "village",
    "country": "country",
    "nation": "country",
    "state": "country",
    "kingdom": "country",
    "republic": "country",
    "neighbour": "country",
    "neighbor": "country",
    "ally": "country",
    "province": "province",
    "region": "region",
    "island": "island",
    "river": "river",
    "continent": "continent",
}


# Entity types that name places.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


# Verbs that report what someone said or wrote.
REPORTING_VERBS = frozenset(
    {"say", "tell", "write", "add", "note", "argue", "explain", "state", "declare", "claim"}
)
