"""Turning a sentence and an answer span in it into a wh-question, using the dependency parse.

The rules follow how people write reading questions: pick the clause whose verb governs the
answer, replace the answer by a wh-phrase chosen from its entity type, part of speech and role
(who / what / when / where / which + noun / how many / how much), front it, and invert the
subject with the first auxiliary or add do-support carrying the verb's tense ("Turkey deployed
troops to Libya in early January 2020" -> "When did Turkey deploy troops to Libya?"). Passive
agents become active subjects ("will be led by X" -> "Who will lead ...?"), relative clauses and
participles borrow the noun they modify as their subject, and material that a question does not
need (a leading subordinate clause, an attribution such as "according to ...", a coordinated
second clause) is left out. For a teacher's own selection a few more shapes are used: a name
introduced by a description is asked through it ("Who was Edward's half-brother?"), one item of
a list names the others ("Other than X, who else ...?"), and a question too short to say
anything is rebuilt from its sentence. The rules read one parse and never call the pipeline
again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quizapp.generator import inflection, word_lists
from quizapp.generator.references import lowered_if_opening, surface

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
AUXILIARY_DEPS = frozenset({"aux", "auxpass"})
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
QUOTE_MARKS = frozenset({'"', "“", "”", "‘", "’", "''", "``"})
LOCATION_LABELS = frozenset({"GPE", "LOC", "FAC"})
NUMBER_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})


@dataclass(frozen=True)
class WhQuestion:
    """A question made from one sentence, with how it was made (used to score it later)."""

    text: str
    wh: str
    pattern: str  # subject | inverted | agent | apposition | in_situ
    # the tokens the question removed in favour of the wh-phrase (answer and its partners)
    replaced: tuple[int, ...]


def entity_label(span: Span) -> str:
    """The entity type covering most of ``span`` ("" when it holds no entity)."""
    counts: dict[str, int] = {}
    for token in span:
        if token.ent_type_:
            counts[token.ent_type_] = counts.get(token.ent_type_, 0) + 1
    if not counts:
        return ""
    label, count = max(counts.items(), key=lambda item: item[1])
    return label if count * 2 >= sum(1 for t in span if not t.is_punct) else ""


def is_plural(token: Token) -> bool:
    """Whether a noun phrase headed by ``token`` is grammatically plural."""
    if token.tag_ in ("NNS", "NNPS"):
        return True
    return any(child.dep_ == "conj" for child in token.children) or "Plur" in token.morph.get(
        "Number", []
    )


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


def _motion_verb(root: Token) -> bool:
    head = root.head.head if root.dep_ == "pobj" else root.head
    return head.lemma_.lower() in MOTION_VERBS


def _unlabelled_place(answer: Span, label: str) -> bool:
    """A short name the NER took for an organisation that reads as a place ("fled to
    Normandy"): no word of it says what kind of organisation it would be."""
    from quizapp.generator.distractors import organisation_kind

    return (
        label == "ORG"
        and answer.root.pos_ == "PROPN"
        and len(answer) <= 3
        and not organisation_kind(answer.text)
        and not answer.text.isupper()
        and not any(t.lower_ in KIND_WORDS for t in answer)
    )


def _location_noun(text: str) -> str:
    folded = text.casefold().removeprefix("the ")
    if folded in word_lists.COUNTRY_SET:
        return "country"
    if folded in word_lists.CITY_SET:
        return "city"
    return ""


def wh_phrase(answer: Span, label: str | None = None) -> tuple[str, str]:
    """The wh-phrase standing for ``answer`` and how it treats a governing preposition.

    The second item is "absorb" when the wh-word replaces the preposition too ("in Cairo" ->
    "where"), "pied" when the preposition travels with it ("since 2014" -> "since when"),
    and "strand" when it stays behind ("led to a strategy" -> "what did ... lead to").
    """
    root = answer.root
    label = entity_label(answer) if label is None else label
    preposition = root.head.lower_ if root.dep_ == "pobj" else ""
    mode = "pied" if preposition in PIED_PIPED_PREPOSITIONS else "strand"
    if root.head.dep_ == "agent":
        mode = "absorb"  # the agent becomes the subject: "by X" -> "who"
    if root.dep_ == "acomp" and root.pos_ == "ADJ":
        return "how", "absorb"  # "snow is very rare" -> "How is snow?"
    if root.dep_ == "prep" and root.i == answer.start and label not in NUMBER_LABELS:
        # a whole prepositional phrase: its preposition says whether it is a time or a place
        if label in ("DATE", "TIME"):
            return "when", "absorb"
        if root.lower_ in LOCATIVE_PREPOSITIONS - {"to", "into", "onto", "toward", "towards"}:
            return "where", "absorb"
    if is_year(answer, label):
        # people ask "What year ..." for a bare year, "When ..." for a fuller date
        if root.head.dep_ == "agent":
            return "what", "absorb"
        if not preposition or preposition in TEMPORAL_PREPOSITIONS:
            return "what year", "absorb"
        return "what year", mode
    if label in ("DATE", "TIME") and is_duration(answer, preposition):
        return "how long", "absorb"
    if label in ("DATE", "TIME"):
        if root.head.dep_ == "agent":
            return "what", "absorb"  # "fueled by eight years of hostility": a cause, not a time
        if not preposition or preposition in TEMPORAL_PREPOSITIONS:
            return "when", "absorb"
        return "when", mode
    if label in LOCATION_LABELS and preposition in LOCATIVE_PREPOSITIONS:
        return "where", "absorb"
    if _unlabelled_place(answer, label) and (
        preposition in STATIC_PREPOSITIONS
        or (preposition in LOCATIVE_PREPOSITIONS and _motion_verb(root))
    ):
        return "where", "absorb"
    if label in LOCATION_LABELS and preposition == "from":
        return "where", "strand"
    if names_someone(answer, label):
        return ("whom" if mode == "pied" else "who"), mode
    if label in ("CARDINAL", "QUANTITY") or (not label and root.pos_ == "NUM"):
        if root.dep_ == "nummod" and root.head.pos_ == "NOUN":
            return "how many " + root.head.text, mode
        units = [t for t in answer if t.pos_ == "NOUN"]
        if units:
            return "how many " + units[-1].text, mode
        return "how many", mode
    if label == "MONEY":
        return "how much", mode
    if label == "PERCENT":
        return "what percentage", mode
    if label in LOCATION_LABELS:
        noun = _location_noun(answer.text)
        if noun:
            return "which " + noun, mode
    kind = kind_noun(answer, label)
    if kind:
        return "what " + kind, mode
    return "what", mode


# Entity types whose names often end in the kind of thing they are ("Lorentz's Law").
NAMED_KIND_LABELS = frozenset({"ORG", "LAW", "WORK_OF_ART", "FAC", "EVENT", "PRODUCT", ""})


def kind_noun(answer: Span, label: str) -> str:
    """The noun saying what kind of thing ``answer`` is, when the answer spells it out.

    "Lorentz's Law" is a law, asked as "what law"; only closing words that name a kind of
    thing count, so that the question does not give away the rest of the answer.
    """
    root = answer.root
    if label not in NAMED_KIND_LABELS or root.pos_ not in ("NOUN", "PROPN") or len(answer) < 2:
        return ""
    if root.lower_ not in KIND_WORDS:
        return ""
    modifiers = [t for t in root.lefts if t.dep_ in ("amod", "compound", "poss", "nmod")]
    if not modifiers or any(t.i < answer.start for t in modifiers):
        return ""
    if root.lower_ in PERSON_NOUNS or root.lemma_.lower() in VAGUE_NOUNS:
        return ""
    return root.lower_ if root.pos_ == "PROPN" else root.text


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


def is_duration(answer: Span, preposition: str) -> bool:
    """A stretch of time ("for up to eight hours", "three days") rather than a point in it."""
    units = [t for t in answer if t.lemma_.lower() in DURATION_UNITS]
    if not units or any(YEAR.fullmatch(t.text) for t in answer):
        return False
    counted = any(t.like_num or t.lower_ in ("several", "many", "few") for t in answer)
    return (
        counted
        and (preposition in ("for", "") or preposition == "over")
        and (units[-1].tag_ == "NNS" or preposition == "for")
    )


YEAR = re.compile(r"(1[0-9]|20)\d\d")


def is_year(answer: Span, label: str) -> bool:
    """A bare year ("1191"), written as such or taken by the NER for a plain number."""
    text = answer.text.strip()
    if not YEAR.fullmatch(text) or answer.root.head.text in word_lists.MONTHS:
        return False  # "April 1191" is a month's date, asked with "when"
    if label == "DATE":
        return True
    preposition = answer.root.head.lower_ if answer.root.dep_ == "pobj" else ""
    return label in ("CARDINAL", "") and preposition in ("in", "since", "by", "until", "of")


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


def names_someone(answer: Span, label: str) -> bool:
    """Whether "who" asks for ``answer``: a person, a people, or a body acting as one."""
    root = answer.root
    if root.tag_ in ("WP", "WDT"):
        return False
    constituent, nested = constituent_of(answer)
    acting = not nested and constituent.dep_ in ("nsubj", "agent")
    # "told VOA", "briefed the committee": who is told something is someone
    addressed = (
        not nested
        and constituent.dep_ in ("dobj", "dative")
        and constituent.head.lemma_.lower() in ADDRESSING_VERBS
    )
    if (
        acting
        and root.pos_ == "PROPN"
        and constituent.head.lemma_.lower() in MINDFUL_VERBS
        and not _location_noun(answer.text)
    ):
        return True  # "Newton realized that ...": only someone realizes, whatever the NER says
    if root.pos_ in ("NOUN", "PROPN") and root.lemma_.lower() in PERSON_NOUNS:
        return not label or label in ("PERSON", "NORP", "ORG")
    if label == "PERSON" or _group_of_people(root):
        return True
    if root.pos_ == "PROPN" and any(t.ent_type_ == "PERSON" and t.pos_ == "PROPN" for t in answer):
        return True  # "Subutai and Jebe": the NER knew one of the names
    if _short_form_of_a_person(answer):
        return True
    if acting and _named_then_pronoun(answer) and not _location_noun(answer.text):
        return True
    if label == "NORP":
        return root.pos_ in ("NOUN", "PROPN") and root.dep_ != "amod"
    if label == "ORG":
        # an organisation acts like a person ("Who verified ...?"); a park or a plan does not
        from quizapp.generator.distractors import organisation_kind

        return addressed or (
            acting and (bool(organisation_kind(answer.text)) or answer.text.isupper())
        )
    # a single capitalised name doing something, unknown to the NER ("Galileo constructed")
    return (
        not label
        and acting
        and root.tag_ == "NNP"
        and len(answer) <= 3
        and all(t.tag_ in ("NNP", "DT") for t in answer)
        and not any(ch.isdigit() for ch in answer.text)
    )


def _short_form_of_a_person(answer: Span) -> bool:
    """ "Carle" where the article named "Benjamin Carle" as a person: news writing calls people
    by their surname after the first mention, and the NER often misses (or mislabels) it then."""
    if len(answer) > 2 or not all(token.pos_ == "PROPN" for token in answer):
        return False
    words = [token.text for token in answer]
    return any(
        entity.label_ == "PERSON"
        and len(entity) > len(words)
        and [token.text for token in entity[-len(words) :]] == words
        for entity in answer.doc.ents
    )


def _group_of_people(root: Token) -> bool:
    """ "a unit of Turkish defenders", "a group of soldiers": a body of people."""
    return root.pos_ == "NOUN" and any(
        child.dep_ == "prep"
        and child.lower_ == "of"
        and any(o.dep_ == "pobj" and o.lemma_.lower() in PERSON_NOUNS for o in child.children)
        for child in root.children
    )


def _named_then_pronoun(answer: Span) -> bool:
    """A name followed in its own clause by "his" or "her" with no other person in between
    ("Chagatai was considered unstable due to his temper"): the name is a person's."""
    root = answer.root
    if root.pos_ != "PROPN" or root.tag_ == "NNPS" or answer.root.ent_type_ in ("NORP",):
        return False
    for token in answer.doc[answer.end : answer.sent.end]:
        if token.ent_type_ == "PERSON" or token.pos_ == "PROPN":
            return False
        if token.lower_ in ("his", "her", "he", "she", "him", "himself", "herself"):
            return True
    return False


def _subject_of(verb: Token) -> list[Token]:
    """The subject tokens of ``verb``'s clause, borrowed from a governing noun or verb if absent."""
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            if child.tag_ in ("WDT", "WP") and verb.dep_ in ("relcl", "acl"):
                return _noun_phrase_without(verb.head, verb)
            return list(child.subtree)
    if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return _noun_phrase_without(verb.head, verb)
    if verb.dep_ == "amod" and verb.tag_ in ("VBN", "VBG") and verb.head.pos_ in ("NOUN", "PROPN"):
        # "Californios (dissatisfied with taxes)": the participle describes the noun
        return [t for t in verb.head.lefts if t.dep_ in ("det", "amod", "compound")] + [verb.head]
    if verb.dep_ in ("conj", "xcomp") and verb.head != verb:
        return _subject_of(verb.head)
    return []


def _noun_phrase_without(head: Token, clause: Token) -> list[Token]:
    """The noun phrase around ``head`` without the modifying clause ``clause``."""
    excluded = {t.i for t in clause.subtree}
    tokens = [t for t in head.subtree if t.i not in excluded]
    # a noun phrase reached through a preposition ("with a delegation arriving") stays short:
    # its own right-hand modifiers other than the head are dropped.
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "cc"):
        tokens.pop()
    return tokens


def _is_discardable(child: Token, verb: Token, keep: set[int]) -> bool:
    """Whether a dependent of the clause's verb is left out of the question."""
    if any(t.i in keep for t in child.subtree):
        return False
    dep = child.dep_
    if _loose_apposition(child):
        return True
    if dep in SUBJECT_DEPS and child.tag_ in ("WDT", "WP") and verb.dep_ in ("relcl", "acl"):
        return True  # the relative pronoun gives way to the noun it stands for
    if dep in ("mark", "cc", "preconj", "parataxis", "intj", "dep", "meta"):
        return True
    if dep == "conj" and child.pos_ in ("VERB", "AUX"):
        return True
    if dep == "advcl" and (child.i < verb.i or len(list(child.subtree)) > 4):
        return True
    if dep == "prep" and child.lower_ in ("according", "following", "amid"):
        return True
    if dep == "prep" and _refers_back(child):
        return True  # "because of this": the question is read without the sentence before
    if dep == "prep" and any(c.tag_ in ("WDT", "WP") for c in child.children):
        return True  # "on which": the relative clause's link to its noun, not a phrase of it
    if dep == "advmod" and child.lower_ in DISCOURSE_ADVERBS and child.i < verb.i:
        return True
    if dep == "advmod" and child.lower_ in HEDGING_ADVERBS:
        return True
    if dep == "npadvmod" and child.i < verb.i and child.head == verb:
        return False
    return dep == "ccomp" and child.i < verb.i


def _refers_back(phrase: Token) -> bool:
    """A prepositional phrase whose object is a bare "this", "that" or "these"."""
    objects = [t for t in phrase.subtree if t.dep_ == "pobj"]
    return (
        len(objects) == 1
        and objects[0].lower_ in ("this", "that", "these", "those")
        and (objects[0].tag_ == "DT")
    )


def _lowered_subject(tokens: Sequence[Token]) -> list[str]:
    texts = token_texts(tokens)
    if texts:
        texts[0] = lowered_if_opening(texts[0], tokens[0])
    return texts


def _join(pieces: Iterable[str]) -> str:
    text = " ".join(p for p in pieces if p)
    text = re.sub(r"\s+([,.;:!?%)\]}]|'s\b|n't\b|’s\b)", r"\1", text)
    text = re.sub(r"([(\[{$])\s+", r"\1", text)
    text = re.sub(
        r"\s*-\s*(?=\w)", lambda m: "-" if m.group(0).strip() == "-" else m.group(0), text
    )
    text = re.sub(r"(,\s*)+(?=[,?])", "", text)
    text = re.sub(r",\s*\?", "?", text)
    text = re.sub(r"^\s*[,;:]\s*", "", text)
    text = re.sub(r"\s+(and|or|but)\s*\?$", "?", text)
    text = re.sub(r"(?<=s)\s+'(?=\s|$)", "'", text)  # "Genghis ' death" -> "Genghis' death"
    text = re.sub(r"\s{2,}", " ", text).strip()
    text = text.rstrip(" ,;:.")
    text = re.sub(r"(\s+(and|or|but|,))+$", "", text).rstrip(" ,;:.")
    # a preposition left at the end belongs to what comes before it, not after a comma
    text = re.sub(STRANDED_AFTER_COMMA, r" \1", text) + "?"
    return text[:1].upper() + text[1:]


STRANDED_AFTER_COMMA = re.compile(
    r",\s+(with|in|on|at|to|for|of|from|by|about|along|against|into|over)$"
)


# Dashes set words apart even when the text writes them without spaces ("San Diego–at").
DASHES = frozenset({"–", "—"})


def token_texts(tokens: Iterable[Token]) -> list[str]:
    """Token texts, with words the text writes together kept together ("democratically-elected",
    "£7m", "U.S.-led")."""
    words = QuestionWords()
    for token in tokens:
        words.add_token(token)
    return list(words)


class QuestionWords(list[str]):
    """The words of a question being built. Tokens added one by one stay written together
    when the text writes them together ("£7m", "southern-most"); plain words are appended."""

    last_token: Token | None = None

    def add_token(self, token: Token) -> None:
        if token.text in QUOTE_MARKS or token.is_space:
            return
        text = surface(token)
        previous = self.last_token
        self.last_token = token
        if previous is None or not self:
            super().append(text)
        elif previous.i + 1 == token.i and _written_together(previous, token):
            self[-1] += text
        elif (
            previous.i + 2 == token.i
            and token.doc[previous.i + 1].text == "-"
            and _written_together(previous, token.doc[previous.i + 1])
            and not token.doc[previous.i + 1].whitespace_
        ):
            self[-1] += "-" + text  # the hyphen of "southern-most" was left out with punctuation
        else:
            super().append(text)

    def append(self, word: str, /) -> None:
        self.last_token = None
        super().append(word)

    def extend(self, words: Iterable[str], /) -> None:
        self.last_token = None
        super().extend(words)


def _written_together(previous: Token, token: Token) -> bool:
    return not previous.whitespace_ and not {previous.text, token.text} & DASHES


def constituent_of(answer: Span) -> tuple[Token, bool]:
    """The dependent of a verb that holds the answer, and whether the answer is nested in it.

    Nested means the answer only modifies the constituent ("2013" in "the 2013 ouster") rather
    than being it (or its object, apposition or coordination).
    """
    node = answer.root
    nested = False
    while node.head != node and node.head.pos_ not in ("VERB", "AUX"):
        if node.dep_ in ("appos", "conj") or (
            node.dep_ == "pobj"
            and node.head.dep_ in ("prep", "agent")
            and (node.head.head.pos_ in ("VERB", "AUX"))
        ):
            pass
        else:
            nested = True
        node = node.head
    return node, nested


def _answer_tokens(answer: Span, constituent: Token) -> set[int]:
    """Tokens that stand for the answer: the span plus appositions and titles attached to it."""
    tokens = {t.i for t in answer}
    root = answer.root
    for child in root.children:
        if child.dep_ in ("appos", "det", "compound", "amod", "case", "punct") or (
            child.dep_ == "prep"
            and child.i > root.i
            and child.lower_ == "of"
            and root.ent_type_ == ""
        ):
            tokens.update(t.i for t in child.subtree)
    if root.dep_ == "appos":
        tokens.update(t.i for t in root.head.subtree)
    return tokens


def question_for(answer: Span, label: str | None = None) -> WhQuestion:
    """A wh-question about ``answer``, made from the clause of its sentence that governs it.

    ``label`` overrides the entity type read from the parse (an apposition such as "the
    Egyptian capital" stands for the place it names).
    """
    built = _question(answer, label)
    words = built.text.split()
    if (
        len(words) > 2
        and words[0] == "What"
        and built.wh.startswith("what ")
        and words[1] == built.wh.split()[-1]
        and words[1] in " ".join(words[2:])
    ):
        # "What airport is Mongolia's main airport named?": the kind is said already
        text = " ".join(["What", *words[2:]])
        return WhQuestion(text, "what", built.pattern, built.replaced)
    return built


# A list partner longer than this is too much to repeat in front of the question.
PARTNER_WORD_BUDGET = 6


def set_apart_from_partners(answer: Span, built: WhQuestion) -> WhQuestion:
    """ "Other than X, what else ...?" for one item of a list whose other items the question
    dropped.

    Without them the question has several right answers; naming the others leaves one. The
    drafting path asks about whole lists, so only a teacher's own selection goes through this.
    """
    partners = _list_partners(answer)
    if len(partners) != 1 or built.wh not in ("what", "which", "who", "whom"):
        return built
    words = [w for partner in partners for w in partner.split()]
    lowered = built.text.casefold()
    if len(words) > PARTNER_WORD_BUDGET or any(p.casefold() in lowered for p in partners):
        return built
    first, _, rest = built.text.partition(" ")
    if first.casefold() != built.wh:
        return built
    text = f"Other than {' and '.join(partners)}, {first.casefold()} else {rest}"
    return WhQuestion(text, built.wh, built.pattern, built.replaced)


def _list_partners(answer: Span) -> list[str]:
    """The other items of the list ``answer`` belongs to (none when it is not in one)."""
    root = answer.root
    if root.pos_ not in ("NOUN", "PROPN", "NUM"):
        return []
    first = root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    items = [first, *_conjuncts_after(first)]
    if len(items) < 2:
        return []
    inside = set(range(answer.start, answer.end))
    partners: list[str] = []
    for item in items:
        if item.i in inside:
            continue
        # the item's name only: "Robert Watson in 1997" is named as "Robert Watson"
        nested = {
            t.i
            for c in item.children
            if c.dep_ in ("conj", "cc", "punct", "prep", "relcl", "acl", "appos")
            for t in c.subtree
        }
        tokens = [t for t in item.subtree if t.i not in nested and t.i not in inside]
        if not tokens or any(t.is_punct for t in tokens[1:-1]):
            return []
        partners.append(" ".join(token_texts(tokens)))
    return partners


def _conjuncts_after(token: Token) -> list[Token]:
    found: list[Token] = []
    for child in token.children:
        if child.dep_ == "conj":
            found.append(child)
            found.extend(_conjuncts_after(child))
    return found


def _question(answer: Span, label: str | None = None) -> WhQuestion:
    if answer.root.dep_ == "appos" and answer.root.head.i < answer.start:
        # "his counterpart Hamdi Sanad Loza", "the capital, Cairo": asked through the noun
        identity = identity_question(answer, label=label)
        if identity is not None:
            return identity
    described = _described_by(answer)
    if described is not None:
        # "the Egyptian capital, Cairo": "Which city is the Egyptian capital?", or else ask
        # through the description the parser attached
        identity = identity_question(answer, label=label)
        if identity is not None:
            return identity
        return _question(described, label or entity_label(answer))
    reason = _reason_question(answer)
    if reason is not None:
        return reason
    if answer.root.pos_ in ("VERB", "AUX") and answer.root.dep_ not in ("amod", "acl", "relcl"):
        return _predicate_question(answer)
    constituent, nested = constituent_of(answer)
    wh, preposition_mode = wh_phrase(answer, label)
    if constituent.head == constituent:
        return _in_situ(answer, wh, constituent)
    verb = constituent.head
    if nested and wh in ("when", "what year") and constituent.dep_ == "prep":
        # a date inside a temporal phrase ("in the aftermath of the 2011 uprising"):
        # asking "when" about the whole phrase keeps the question answerable.
        nested = False
        # "since when" reads naturally, "after when" does not
        pied = PIED_PIPED_PREPOSITIONS - {"after", "before", "during"}
        preposition_mode = "pied" if constituent.lower_ in pied else "absorb"
    if nested and wh in ("where", "when", "what year") and _noun_attached_preposition(answer):
        # "held a press event on Capitol Hill": the place or time of the event is the place or
        # time of the clause, so the phrase leaves and the wh-word takes its role
        phrase_head = answer.root.head
        removed = {t.i for t in phrase_head.subtree}
        built = _inverted_question(answer, wh, verb, phrase_head, "absorb", removed)
        return WhQuestion(built.text, built.wh, "noun_place", built.replaced)
    if nested:
        phrase = _determiner_phrase(answer, constituent) or _complement_phrase(answer, constituent)
        if phrase is None:
            if constituent.dep_ in SUBJECT_DEPS:
                return _in_situ(answer, _determiner_form(wh), verb)
            inner = _inner_phrase_question(answer, verb)
            if inner is not None:
                return inner
            return _stranded_question(answer, wh, verb)
        wh = phrase
        preposition_mode = "pied" if constituent.lower_ != "of" else "strand"
        built = _nested_question(answer, wh, verb, constituent, preposition_mode)
        # marked apart: a modifier turned into "what X" is right less often than an argument
        return WhQuestion(built.text, built.wh, "determiner", built.replaced)
    elif (
        constituent.dep_ in SUBJECT_DEPS
        and wh in ("when", "what year")
        and any(c.dep_ in SUBJECT_DEPS and c != constituent for c in verb.children)
    ):
        # a date the parser took for a second subject ("had since 2014 been split"); the
        # preposition it took for a clause marker travels with the wh-word
        doc = answer.doc
        marker = doc[answer.start - 1] if answer.start > 0 else None
        removed = {t.i for t in constituent.subtree}
        if (
            marker is not None
            and marker.dep_ == "mark"
            and marker.lower_ in PIED_PIPED_PREPOSITIONS
        ):
            removed.add(marker.i)
            wh = f"{marker.lower_} {wh}"
        return _inverted_question(answer, wh, verb, constituent, "absorb", removed)
    if constituent.dep_ in SUBJECT_DEPS:
        return _subject_question(answer, wh, verb, constituent)
    if constituent.dep_ == "agent":
        return _agent_question(answer, wh, verb, constituent)
    named = _name_question(answer, verb, constituent)
    if named is not None:
        return named
    # an infinitive complement ("refused to accept X") is asked through its governing verb
    while (
        verb.dep_ == "xcomp"
        and verb.head != verb
        and not any(c.dep_ in SUBJECT_DEPS for c in verb.children)
    ):
        verb = verb.head
    host = asking_clause(verb, wh)
    if host != verb and host == host_clause(verb) and preposition_mode == "pied":
        # a subjectless gerund or participle ("based on successfully reducing X"): the question
        # is asked through the clause that has a subject, the small clause staying in place
        preposition_mode = "strand"
    if host != verb:
        built = _inverted_question(answer, wh, host, constituent, preposition_mode)
        # marked apart: a time or place asked through another verb may not be that verb's
        return WhQuestion(built.text, built.wh, "hosted", built.replaced)
    return _inverted_question(answer, wh, verb, constituent, preposition_mode)


# Verbs that give something its name ("a rock dubbed the Genesis Rock").
NAMING_VERBS = frozenset({"name", "call", "dub", "title", "nickname", "christen", "rename"})


def _name_question(answer: Span, verb: Token, constituent: Token) -> WhQuestion | None:
    """ "What is the name of X?" for the name that a passive naming verb gives X."""
    if constituent.dep_ != "oprd" or verb.lemma_.lower() not in NAMING_VERBS or verb.tag_ != "VBN":
        return None
    subject = short_subject(_subject_of(verb))
    if not subject or any(t.i in range(answer.start, answer.end) for t in subject):
        return None
    passive = [c for c in verb.children if c.dep_ == "auxpass"]
    past = (passive and passive[0].tag_ == "VBD") or (
        not passive and verb.dep_ in ("acl", "relcl") and _told_in_past(answer)
    )
    be = "was" if past else "is"
    pieces = ["what", be, "the name of", *_object_form(subject)]
    return WhQuestion(_join(pieces), "what", "inverted", tuple(t.i for t in answer))


def host_clause(verb: Token) -> Token:
    """``verb`` when its clause has a subject (its own or one it borrows), else the nearest
    verb above it that has one (``verb`` itself when none does)."""
    if _subject_of(verb) or verb.dep_ == "ROOT":
        return verb
    node = verb.head
    while True:
        if node.pos_ in ("VERB", "AUX") and _subject_of(node):
            return node
        if node.head == node:
            return verb
        node = node.head


def untensed_modifier(verb: Token) -> bool:
    """An -ing participle or a to-infinitive describing a noun ("regulations governing X",
    "an incline to disprove X"): it has no tense of its own."""
    to_infinitive = verb.tag_ == "VB" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
    )
    return verb.dep_ == "acl" and (verb.tag_ == "VBG" or to_infinitive)


def asking_clause(verb: Token, wh: str) -> Token:
    """The verb a question about one of ``verb``'s phrases is asked through: the clause with
    a subject above a small clause, and for a time or place the clause around an untensed
    modifier ("will have regulations governing X by June 2016" -> "By when will ... have
    ...?"; "a fund established in 1989" keeps its own event)."""
    if untensed_modifier(verb) and wh.split()[-1] in ("when", "where", "year"):
        return _clause_above(verb)
    return host_clause(verb)


# Openings of an answer that gives a reason or a purpose, which "why" asks for.
REASON_OPENINGS = (
    ("in", "order", "to"),
    ("so", "as", "to"),
    ("so", "that"),
    ("because",),
    ("due", "to"),
    ("owing", "to"),
    ("to",),
)


def _reason_question(answer: Span) -> WhQuestion | None:
    """ "Why ...?" for an answer that is a purpose or a cause ("to avoid trivialization")."""
    words = [t.lower_ for t in answer[:3]]
    opening = next(
        (o for o in REASON_OPENINGS if tuple(words[: len(o)]) == o and len(answer) > len(o)),
        None,
    )
    if opening is None:
        return None
    after = answer[len(opening)]
    if opening == ("to",) and (after.tag_ != "VB" or after.dep_ != "advcl"):
        return None  # "to" + noun is a direction; "to" + verb as a complement is no purpose
    top = answer.root
    while top.head != top and top.head.i in range(answer.start, answer.end):
        top = top.head
    verb = top.head
    if top.dep_ not in ("advcl", "prep", "acl", "xcomp") or verb == top:
        return None
    while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    verb = host_clause(verb)
    if not _subject_of(verb):
        return None
    removed = {t.i for t in top.subtree} | {t.i for t in answer}
    built = _inverted_question(answer, "why", verb, top, "absorb", removed)
    return WhQuestion(built.text, "why", "reason", built.replaced)


def _loose_apposition(token: Token) -> bool:
    """A name after a comma that the parser hung on the verb instead of the noun before it."""
    doc = token.doc
    return (
        token.dep_ == "npadvmod"
        and token.ent_type_ in ("GPE", "LOC", "PERSON", "FAC", "ORG")
        and token.i >= 2
        and doc[token.left_edge.i - 1].text == ","
        and doc[token.left_edge.i - 2].pos_ == "NOUN"
    )


def _described_by(answer: Span) -> Span | None:
    if not _loose_apposition(answer.root):
        return None
    doc = answer.doc
    noun = doc[answer.root.left_edge.i - 2]
    return doc[noun.left_edge.i : noun.i + 1]


def _nested_question(
    answer: Span, wh: str, verb: Token, constituent: Token, preposition_mode: str
) -> WhQuestion:
    if constituent.dep_ in SUBJECT_DEPS:
        return _subject_question(answer, wh, verb, constituent)
    host = asking_clause(verb, wh)
    if host != verb:
        # "designed to descend ... to land two astronauts": asked through the clause with a
        # subject, the infinitives staying in place
        if preposition_mode == "pied":
            preposition_mode = "strand"
        return _inverted_question(answer, wh, host, constituent, preposition_mode)
    return _inverted_question(answer, wh, verb, constituent, preposition_mode)


def _inner_phrase_question(answer: Span, verb: Token) -> WhQuestion | None:
    """ "home to many major business districts" asked about "business": the prepositional
    phrase around the modified noun is fronted whole ("To what kind of districts ...?")."""
    noun = answer.root
    while noun.dep_ in MODIFIER_DEPS and noun.head != noun:
        noun = noun.head
    preposition = noun.head
    if noun == answer.root or noun.dep_ != "pobj" or preposition.dep_ != "prep":
        return None
    phrase = _determiner_phrase(answer, preposition)
    if phrase is None or phrase.startswith("whose "):
        return None
    removed = {t.i for t in preposition.subtree}
    # "of" stays behind ("What kind of force does it allow the description of?")
    mode = "strand" if preposition.lower_ == "of" else "pied"
    built = _inverted_question(answer, phrase, verb, preposition, mode, removed)
    return WhQuestion(built.text, built.wh, "determiner", built.replaced)


def _noun_head(constituent: Token) -> Token:
    if constituent.dep_ in ("prep", "agent"):
        objects = [c for c in constituent.children if c.dep_ == "pobj"]
        if objects:
            return objects[0]
    return constituent


MODIFIER_DEPS = frozenset({"amod", "compound", "nummod", "poss", "nmod", "npadvmod", "quantmod"})


def _determiner_phrase(answer: Span, constituent: Token) -> str | None:
    """A wh-determiner phrase for an answer that modifies the constituent's head noun.

    "a Mediterranean climate" asked about "Mediterranean" becomes "what climate"; "Borte's
    marriage" asked about "Borte" becomes "whose marriage"; "eight years" -> "how many years".
    """
    head = _noun_head(constituent)
    if head.pos_ not in ("NOUN", "PROPN") or answer.end > head.i:
        return None
    if entity_label(answer) in ("DATE", "TIME"):
        return None  # "the 2013 ouster" is not "how many ouster"
    node = answer.root
    while node != head:
        if node.dep_ not in MODIFIER_DEPS and node.dep_ not in ("conj", "cc"):
            return None
        node = node.head
    words = [t for t in head.doc[answer.end : head.i + 1] if t.dep_ != "case" and not t.is_punct]
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of" and len(list(child.subtree)) <= 4:
            words.extend(child.subtree)
    text = " ".join(token_texts(words))
    if not text:
        return None
    if answer.root.dep_ == "poss":
        return "whose " + text
    label = entity_label(answer)
    if label in ("PERCENT", "MONEY"):
        return None  # "a 6% drop" is not "how many drop"
    if label in NUMBER_LABELS or answer.root.pos_ == "NUM":
        return "how many " + text
    if label == "PERSON":
        return "whose " + text
    if (
        not label
        and answer.root.dep_ in ("amod", "compound")
        and answer.root.pos_ in ("ADJ", "NOUN")
    ):
        return "what kind of " + text  # "a closed system" -> "what kind of system"
    return "what " + text


def _noun_attached_preposition(answer: Span) -> bool:
    root = answer.root
    noun = root.head.head
    return (
        root.dep_ == "pobj"
        and root.head.dep_ == "prep"
        and root.head.lower_ in LOCATIVE_PREPOSITIONS | TEMPORAL_PREPOSITIONS
        and noun.pos_ == "NOUN"
        and noun.dep_ in ("dobj", "nsubj", "nsubjpass")
    )


COMPLEMENT_PREPOSITIONS = frozenset({"of", "in", "on", "for", "from", "about", "at", "by"})


def _complement_phrase(answer: Span, constituent: Token) -> str | None:
    """ "what N" / "whose N" for an answer that completes the constituent's head noun.

    "the concept of inertia" asked about "inertia" becomes "what concept"; "the work of
    Galileo" asked about "Galileo" becomes "whose work".
    """
    head = constituent
    root = answer.root
    if (
        constituent.dep_ not in ("nsubj", "nsubjpass", "dobj", "attr")
        or head.pos_ != "NOUN"
        or root.dep_ != "pobj"
        or root.head.dep_ != "prep"
        or root.head.head != head
        or root.head.lower_ not in COMPLEMENT_PREPOSITIONS
    ):
        return None
    verb = constituent.head
    if entity_label(answer) in NUMBER_LABELS or (
        verb.tag_ in ("VBG", "VBN") and not any(c.dep_ in AUXILIARY_DEPS for c in verb.children)
    ):
        return None  # a measure keeps "how many"; a bare participle has no clause to invert
    words = [t for t in head.lefts if t.dep_ in ("amod", "compound", "nummod")] + [head]
    if any(t.i in range(answer.start, answer.end) for t in words):
        return None
    text = " ".join(token_texts(words))
    if entity_label(answer) == "PERSON" and root.head.lower_ in ("of", "by"):
        return "whose " + text
    return "what " + text


def _determiner_form(wh: str) -> str:
    return {"who": "whom", "when": "what time", "where": "what place"}.get(wh, wh)


# Words a question keeps besides its wh-phrase before optional parts are pruned; human
# reading questions rarely run past a dozen words, and the words they drop are asides.
QUESTION_WORD_BUDGET = 14
# Kinds of optional part, pruned in this order: asides on nouns, adverbial clauses and
# loose modifiers, coordinated extras, phrases that narrow a noun, phrases that narrow the verb.
PRUNE_RANKS = (
    frozenset({"relcl", "acl", "appos"}),
    frozenset({"advcl", "npadvmod", "parataxis", "advmod"}),
    frozenset({"prep:verb"}),
    frozenset({"conj"}),
    frozenset({"prep:noun"}),
)


def _prune_kind(token: Token) -> str:
    if token.dep_ == "prep":
        if token.lower_ == "of" and token.head.pos_ in ("NOUN", "PROPN"):
            return "kept"  # "the withdrawal of Turkish troops": the noun needs its complement
        if token.head.pos_ == "ADJ":
            return "kept"  # "proportional to the mass", "ascribed to gravity": needed too
        return "prep:noun" if token.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON") else "prep:verb"
    if token.dep_ == "advmod" and (token.head.pos_ not in ("VERB", "AUX") or token.tag_ == "FW"):
        return "kept"  # "more forceful", "de facto": the adverb is part of the meaning
    return token.dep_


def _completes_ranking(token: Token) -> bool:
    """ "the first country in Europe to introduce ...": after "first", "only" or a superlative
    the rest of the phrase says what the ranking is about; so it does after "one of" ("one
    of 22 states that prohibit ...")."""
    if token.dep_ not in ("acl", "relcl", "prep"):
        return False
    noun = token.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NUM":
        return True
    return any(
        c.lower_ in ("first", "last", "only") or c.tag_ == "JJS" or c.ent_type_ == "ORDINAL"
        for c in noun.children
    )


def pruned(tokens: list[Token], keep: set[int], budget: int = QUESTION_WORD_BUDGET) -> list[Token]:
    """``tokens`` with optional parts left out until at most ``budget`` words remain besides
    ``keep`` (the answer), the parts farthest from the answer going first."""
    present = {t.i for t in tokens}

    def words() -> int:
        return sum(1 for t in tokens if t.i in present and t.i not in keep and not t.is_punct)

    if words() <= budget or not keep:
        return tokens
    protected: set[int] = set(keep)
    for index in keep:
        node = tokens[0].doc[index]
        while node.head != node:
            protected.add(node.i)
            node = node.head
        protected.add(node.i)
    anchor = min(keep)
    for rank in PRUNE_RANKS:
        units = [
            t
            for t in tokens
            if t.i in present
            and t.i not in protected
            and _prune_kind(t) in rank
            and not any(d.i in protected for d in t.subtree)
            and not _completes_ranking(t)
        ]
        units.sort(key=lambda t: -abs(t.i - anchor))
        for unit in units:
            if words() <= budget:
                return _with_complement(tokens, present, keep)
            if unit.i not in present:
                continue
            span = {d.i for d in unit.subtree}
            present -= span
            doc = unit.doc
            # the comma or conjunction that joined the part goes with it
            before = unit.left_edge.i - 1
            while before >= 0 and before in present and doc[before].dep_ in ("cc", "punct"):
                if doc[before].text in (")", '"'):
                    break
                present.discard(before)
                before -= 1
    return _with_complement(tokens, present, keep)


# The longest complement given back to a participle that would otherwise end a question.
COMPLEMENT_WORDS = 6


def _with_complement(tokens: list[Token], present: set[int], keep: set[int]) -> list[Token]:
    """The ``present`` tokens, with a short part pruned from the right of the last word given
    back when that word is a participle: "wrote to Nature calling [for changes]" must not end
    on "calling", nor "could be ascribed [to gravity]" on "ascribed"."""
    kept = [t for t in tokens if t.i in present]
    words = [t for t in kept if not t.is_punct and t.i not in keep]
    last = words[-1] if words else None
    if last is not None and last.tag_ in ("VBG", "VBN"):
        lost = [c for c in last.rights if c.i not in present and c.i not in keep]
        if (
            lost
            and not any(d.i in keep for d in lost[0].subtree)
            and len(list(lost[0].subtree)) <= COMPLEMENT_WORDS
        ):
            present = present | {d.i for d in lost[0].subtree}
            kept = [t for t in tokens if t.i in present]
    return kept


def clause_tokens(verb: Token, keep: set[int]) -> list[Token]:
    """The verb's clause in sentence order, without the parts a question leaves out."""
    dropped: set[int] = set()
    purposes: list[Token] = []
    for child in verb.children:
        if _is_discardable(child, verb, keep):
            if _is_purpose(child, verb):
                purposes.append(child)
            dropped.update(t.i for t in child.subtree)
            if _loose_apposition(child):
                dropped.add(child.left_edge.i - 1)
                after = child.right_edge.i + 1
                if after < len(child.doc) and child.doc[after].text == ",":
                    dropped.add(after)
    for token in verb.subtree:
        if token.i in dropped or any(t.i in keep for t in token.subtree):
            continue
        if token.dep_ == "appos" or (
            token.dep_ in ("relcl", "acl")
            and len(list(token.subtree)) > 6
            and not _completes_ranking(token)
        ):
            dropped.update(t.i for t in token.subtree)
            # the commas around a dropped aside go with it
            for side in (token.left_edge.i - 1, token.right_edge.i + 1):
                if 0 <= side < len(token.doc) and token.doc[side].text == ",":
                    dropped.add(side)
    dropped.update(_parenthetical_tokens(verb, keep))
    tokens = [t for t in verb.subtree if t.i not in dropped]
    kept_words = sum(1 for t in tokens if t.i not in keep and not t.is_punct)
    if purposes and kept_words < SHORT_CLAUSE_WORDS:
        # "nonconservative forces act to change the energies": with little else left, the
        # purpose is what the question is about
        for purpose in purposes:
            dropped.difference_update(t.i for t in purpose.subtree)
        tokens = [t for t in verb.subtree if t.i not in dropped]
    return _trimmed(tokens)


# A clause with fewer words than this besides the answer keeps its purpose ("to change X").
SHORT_CLAUSE_WORDS = 5


def _is_purpose(child: Token, verb: Token) -> bool:
    """ "to" + verb after the clause's verb: what the action is for."""
    return (
        child.dep_ == "advcl"
        and child.i > verb.i
        and child.tag_ == "VB"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
    )


def _trimmed(tokens: list[Token]) -> list[Token]:
    """``tokens`` without leading and trailing punctuation (a closing bracket stays)."""
    # the verb's own trailing and leading punctuation is noise in a question
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    while tokens and tokens[-1].is_punct and tokens[-1].text not in (")",):
        tokens.pop()
    return tokens


def _parenthetical_tokens(verb: Token, keep: set[int]) -> set[int]:
    """Tokens inside brackets (or dashes) in ``verb``'s clause that a question can do without.

    When the clause's own verb is inside the brackets only the brackets go; when the answer
    is, the words around it go with the brackets.
    """
    subtree = list(verb.subtree)
    found: set[int] = set()
    opened: int | None = None
    for position, token in enumerate(subtree):
        if token.text == "(" and opened is None:
            opened = position
        elif token.text == ")" and opened is not None:
            inside = subtree[opened : position + 1]
            ids = {t.i for t in inside}
            if verb.i in ids:
                found.update((inside[0].i, inside[-1].i))
            else:
                found.update(ids - keep)
            opened = None
    return found


# A subject longer than this loses its asides (relative clauses, appositions, brackets).
SUBJECT_WORD_BUDGET = 8


def short_subject(tokens: list[Token]) -> list[Token]:
    """A subject without the asides a question can do without: brackets always, relative
    clauses and appositions when it is long ("the committee, which had met in secret for
    months, ..." -> "the committee")."""
    words = [t for t in tokens if not t.is_punct]
    long = len(words) > SUBJECT_WORD_BUDGET
    ids = {t.i for t in tokens}
    dropped: set[int] = set()
    for token in tokens:
        if long and token.dep_ in ("relcl", "acl", "appos") and token.head.i in ids:
            dropped.update(t.i for t in token.subtree)
            for side in (token.left_edge.i - 1, token.right_edge.i + 1):
                if side in ids and token.doc[side].text in (",", "(", ")", "—", "–"):
                    dropped.add(side)
    depth = 0
    for token in tokens:
        if token.text == "(":
            depth += 1
        if depth:
            dropped.add(token.i)
        if token.text == ")":
            depth = max(0, depth - 1)
    kept = [t for t in tokens if t.i not in dropped]
    while kept and kept[-1].is_punct:
        kept.pop()
    return kept or tokens


def _singular_verb(verb: Token) -> str:
    if verb.tag_ == "VBP":
        return inflection.third_person_singular(verb.lemma_.lower())
    return verb.text


def _subject_question(answer: Span, wh: str, verb: Token, subject: Token) -> WhQuestion:
    if verb.tag_ in ("VBG", "VBN") and not any(c.dep_ in AUXILIARY_DEPS for c in verb.children):
        # an absolute clause ("with Cairo and Ankara backing rival sides") has no finite verb
        return _in_situ(answer, wh, verb)
    removed = {t.i for t in subject.subtree}
    tokens = [t for t in pruned(clause_tokens(verb, removed), removed) if t.i not in removed]
    singular = wh in ("who", "what") or (
        wh.startswith(("which ", "what ")) and not wh.endswith("s")
    )
    pieces = QuestionWords([wh])
    agreed = False
    fronted: set[int] = set()
    leading: list[Token] = []
    if subject.i > verb.i:
        # "the main gap is Camp Pendleton" with the name as subject: the description before
        # the verb is what the question keeps ("What is the main gap ...?")
        for child in verb.children:
            if child.i < verb.i and child.dep_ in ("attr", "acomp", "nsubj", "dobj"):
                fronted.update(t.i for t in child.subtree)
        if fronted:
            moved = [t for t in tokens if t.i in fronted]
            tokens = [t for t in tokens if t.i not in fronted and t.i >= verb.i]
            tokens = tokens[:1] + moved + tokens[1:] if tokens and tokens[0] == verb else tokens
    for token in tokens:
        if (
            token.i < subject.i
            and token.pos_ not in ("AUX",)
            and token.dep_ != "neg"
            and token.i not in fronted
            and not (fronted and token.i >= verb.i)
        ):
            if token.i not in removed:
                leading.append(token)
            continue  # leading adjuncts before the subject read oddly after "Who"
        if not agreed and token.pos_ in ("AUX", "VERB") and token.i >= verb.i - 3:
            agreed = True
            if singular and plural_subject(subject):
                if token.dep_ in AUXILIARY_DEPS or (token == verb and token.pos_ == "AUX"):
                    pieces.append(inflection.singular_auxiliary(token.text))
                    continue
                if token == verb:
                    pieces.append(_singular_verb(token))
                    continue
        pieces.add_token(token)
    if len(pieces) < SHORT_QUESTION_WORDS and leading and _is_short_phrase(leading, verb):
        # "What acts?" says too little; a short leading adjunct goes to the end instead
        pieces.extend(_lowered_subject(leading))
    return WhQuestion(_join(pieces), wh, "subject", tuple(sorted(removed)))


# A subject question shorter than this takes back a short leading adjunct.
SHORT_QUESTION_WORDS = 6


def _is_short_phrase(tokens: list[Token], verb: Token) -> bool:
    words = [t for t in tokens if not t.is_punct]
    return (
        2 <= len(words) <= 6
        and all(t.dep_ != "advcl" for t in tokens)
        and any(t.dep_ in ("prep", "npadvmod") and t.head == verb for t in tokens)
    )


def plural_subject(subject: Token) -> bool:
    """Whether the subject headed by ``subject`` takes a plural verb."""
    return is_plural(subject)


def _agent_question(answer: Span, wh: str, verb: Token, agent: Token) -> WhQuestion:
    removed = {t.i for t in agent.subtree}
    subject = _subject_of(verb)
    subject_ids = {t.i for t in subject}
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg")]
    passive_be = [c for c in auxiliaries if c.dep_ == "auxpass"]
    kept_aux = [c for c in auxiliaries if c.dep_ != "auxpass"]
    lemma = verb.lemma_.lower()
    if kept_aux:
        last = kept_aux[-1]
        if last.lemma_ == "have":
            form = verb.text
        elif last.lemma_ == "be":
            form = lemma + "ing"
        else:
            form = lemma
        aux_pieces = [
            inflection.singular_auxiliary(a.text) if i == 0 else a.text
            for i, a in enumerate(kept_aux)
        ]
    else:
        aux_pieces = []
        tense_source = passive_be[0].lower_ if passive_be else "was"
        if tense_source in ("is", "are", "'s", "am", "be"):
            form = inflection.third_person_singular(lemma)
        else:
            form = inflection.simple_past(lemma)
    excluded = removed | subject_ids | {a.i for a in auxiliaries} | {verb.i}
    rest = [t for t in pruned(clause_tokens(verb, removed), removed) if t.i not in excluded]
    rest = [
        t
        for t in rest
        if t.i > verb.i or (t.pos_ in ("ADV",) and t.lower_ not in DISCOURSE_ADVERBS)
    ]
    pieces = [wh, *aux_pieces, form, *_object_form(subject), *token_texts(rest)]
    # without the passive's subject the active verb lacks its object ("Who endorsed through
    # Resolution 43/53?"): marked apart so that drafts leave it out
    pattern = "agent" if subject else "agent_without_object"
    return WhQuestion(_join(pieces), wh, pattern, tuple(sorted(removed)))


def _stranded_question(answer: Span, wh: str, verb: Token) -> WhQuestion:
    """Front the wh-word and leave everything else of the clause where it was.

    An answer that is one item of a list or the name beside a description takes the list or
    the description with it, so that no "X and" or "his brother," is left hanging.
    """
    question = _inverted_question(answer, wh, verb, answer.root, "strand", _gap_of(answer))
    return WhQuestion(question.text, wh, "stranded", question.replaced)


def _gap_of(answer: Span) -> set[int]:
    """The tokens a stranded question leaves out: the answer, its list or its description."""
    gap = {t.i for t in answer}
    node = answer.root
    while node.dep_ == "conj" and node.head != node and node.head.i < node.i:
        node = node.head
    if node != answer.root:
        gap.update(t.i for t in node.subtree)
    else:
        for child in node.children:
            if child.dep_ in ("conj", "cc") or (child.dep_ == "punct" and child.i > node.i):
                gap.update(t.i for t in child.subtree)
    return gap


def _inverted_question(
    answer: Span,
    wh: str,
    verb: Token,
    constituent: Token,
    preposition_mode: str,
    removed_tokens: set[int] | None = None,
) -> WhQuestion:
    removed = removed_tokens or {t.i for t in constituent.subtree}
    front = wh
    if constituent.dep_ in ("prep", "agent", "dative") and constituent.i < answer.start:
        if preposition_mode == "strand":
            removed.discard(constituent.i)
        elif preposition_mode == "pied":
            front = constituent.text + " " + wh
    subject = short_subject([t for t in _subject_of(verb) if t.i not in removed])
    subject_ids = {t.i for t in _subject_of(verb)}
    clause = [t for t in pruned(clause_tokens(verb, removed), removed) if t.i not in removed]
    # an infinitive's "to" is no auxiliary to front: "used drones to block agents" asks
    # "What did criminals block?", the tense coming from the verb that governs the infinitive
    infinitive = [t for t in clause if t.tag_ == "TO" and t.dep_ == "aux" and t.head == verb]
    clause = [t for t in clause if t not in infinitive]
    tense = verb.tag_
    if infinitive and verb.head != verb and verb.head.pos_ in ("VERB", "AUX"):
        tense = verb.head.tag_
    auxiliaries = [t for t in clause if t.dep_ in AUXILIARY_DEPS and t.head == verb]
    body: list[Token] = []
    moved_to_end: list[Token] = []
    first_subject = min(subject_ids) if subject_ids else verb.i
    for token in clause:
        if token.i in subject_ids:
            continue
        if token.i < first_subject and token.dep_ not in AUXILIARY_DEPS and token.dep_ != "neg":
            # a leading adjunct ("In 2011, ...") cannot stay between the wh-word and the
            # inverted auxiliary; short ones move to the end, long ones are left out.
            if _short_adjunct(token, verb):
                moved_to_end.append(token)
            continue
        body.append(token)
    plural = bool(subject) and plural_subject(_subject_head(subject))
    if verb.i in subject_ids:
        return _in_situ(answer, wh, verb)
    pieces = QuestionWords([front])
    if subject and infinitive:
        subject_words = _subject_form(subject)
    else:
        subject_words = _lowered_subject(subject) if subject else []
    if auxiliaries:
        first = auxiliaries[0]
        pieces.append(_finite(first, tense, plural) if infinitive else first.text.lower())
        pieces.extend(subject_words)
        pieces.extend(token_texts(t for t in body if t != first))
    elif verb.lemma_ == "be":
        pieces.append(_finite(verb, tense, plural) if infinitive else verb.text.lower())
        pieces.extend(subject_words)
        pieces.extend(token_texts(t for t in body if t != verb))
    elif not subject:
        return _in_situ(answer, wh, verb)
    elif verb.tag_ in ("VBN", "VBG") and verb.dep_ in ("acl", "relcl", "advcl", "amod"):
        be = "were" if plural else "was"
        pieces.append(be)
        pieces.extend(_lowered_subject(subject))
        pieces.extend(token_texts(body))
    else:
        pieces.append(inflection.do_support(tense, plural_subject=plural))
        pieces.extend(subject_words)
        for token in body:
            if token == verb:
                pieces.append(verb.lemma_.lower() if verb.lemma_ != "-PRON-" else verb.text)
            else:
                pieces.add_token(token)
    pieces.extend(_lowered_subject(moved_to_end))
    return WhQuestion(_join(pieces), wh, "inverted", tuple(sorted(removed)))


def _finite(auxiliary: Token, tense: str, plural: bool) -> str:
    """The finite form of an infinitive's "be" or "have" in the tense of the verb above it."""
    lemma = auxiliary.lemma_.lower()
    past = tense in ("VBD", "VBN")
    if lemma == "be":
        return ("were" if plural else "was") if past else ("are" if plural else "is")
    if lemma == "have":
        return "had" if past else ("have" if plural else "has")
    return auxiliary.text.lower()


# Object pronouns and the form they take as the subject of a question ("them" -> "they").
SUBJECT_PRONOUNS = {"him": "he", "her": "she", "them": "they", "us": "we", "me": "I"}


def _subject_form(tokens: Sequence[Token]) -> list[str]:
    """A borrowed subject's words as a subject: "allowing them to stay" -> "they"."""
    texts = _lowered_subject(tokens)
    if len(tokens) == 1 and texts and texts[0].lower() in SUBJECT_PRONOUNS:
        return [SUBJECT_PRONOUNS[texts[0].lower()]]
    return texts


def _short_adjunct(token: Token, verb: Token) -> bool:
    top = token
    while top.head != verb and top.head != top:
        top = top.head
    size = len(list(top.subtree))
    return top.dep_ in ("prep", "npadvmod") and 2 <= size <= 4


def _subject_head(subject: Sequence[Token]) -> Token:
    ids = {t.i for t in subject}
    for token in subject:
        if token.head.i not in ids or token.head == token:
            return token
    return subject[0]


def _in_situ(answer: Span, wh: str, verb: Token) -> WhQuestion:
    """Fallback: the clause as it stands with the answer replaced by the wh-phrase."""
    replaced = {t.i for t in answer}
    # "how many astronauts" in place of "two" swallows the noun that follows it
    doc = answer.doc
    for word in wh.split()[1:]:
        following = answer.end + len([i for i in replaced if i >= answer.end])
        if following < len(doc) and doc[following].text == word and wh.split()[0] != word:
            replaced.add(following)
    tokens = clause_tokens(verb, replaced) if verb.pos_ in ("VERB", "AUX") else list(answer.sent)
    pieces = QuestionWords()
    placed = False
    for token in tokens:
        if token.i in replaced:
            if not placed:
                pieces.append(wh)
                placed = True
            continue
        pieces.add_token(token)
    if not placed:
        pieces.insert(0, wh)
    if len(pieces) < 3 and verb.head != verb:
        # the answer is the whole clause: ask it in the clause above it instead
        return _in_situ(answer, wh, _clause_above(verb))
    return WhQuestion(_join(pieces), wh, "in_situ", tuple(sorted(replaced)))


def _clause_above(token: Token) -> Token:
    """The nearest verb above ``token`` (the sentence root when none is)."""
    node = token.head
    while node.pos_ not in ("VERB", "AUX") and node.head != node:
        node = node.head
    return node


def _predicate_question(answer: Span) -> WhQuestion:
    """ "What did X do?" for an answer that is the verb phrase itself.

    A passive predicate asks "What happened to X?"; a gerund beside a main verb ("fell from
    his horse while hunting") asks what the main verb's subject was doing.
    """
    verb = answer.root
    subject = _subject_of(verb)
    borrowed = False
    if (
        not subject
        and verb.dep_ in ("advcl", "pcomp", "xcomp")
        and verb.head.pos_
        in (
            "VERB",
            "AUX",
        )
    ):
        subject = _subject_of(verb.head)
        borrowed = True
    if not subject:
        return _in_situ(answer, "what", verb)
    replaced = tuple(t.i for t in answer)
    context = _predicate_context(answer)
    plural = plural_subject(_subject_head(subject))
    auxiliaries = [c for c in verb.children if c.dep_ in AUXILIARY_DEPS and c.tag_ != "TO"]
    if any(c.dep_ == "auxpass" for c in auxiliaries):
        tense = auxiliaries[0]
        happen = (
            "happened"
            if tense.tag_ in ("VBD", "VBN") or tense.lower_ in ("was", "were")
            else ("happens")
        )
        if tense.lemma_ not in ("be", "get"):
            happen = f"{tense.lower_} happen"  # "will be grounded" -> "will happen"
        pieces = ["what", happen, "to", *_object_form(subject)]
        return WhQuestion(_join([*pieces, *context]), "what", "predicate", replaced)
    if borrowed and verb.tag_ == "VBG" and not auxiliaries:
        past = verb.head.tag_ == "VBD" or any(
            c.lower_ in ("was", "were", "had") for c in verb.head.children
        )
        be = ("were" if plural else "was") if past else ("are" if plural else "is")
        pieces = ["what", be, *_lowered_subject(subject), "doing"]
        return WhQuestion(_join([*pieces, *context]), "what", "predicate", replaced)
    if auxiliaries and auxiliaries[0].lemma_ != "be":
        front = [auxiliaries[0].lower_]
    else:
        tag = verb.head.tag_ if borrowed else verb.tag_
        front = [inflection.do_support(tag, plural_subject=plural)]
    pieces = ["what", *front, *_lowered_subject(subject), "do"]
    return WhQuestion(_join([*pieces, *context]), "what", "predicate", replaced)


def _predicate_context(answer: Span) -> list[str]:
    """Short phrases on the answer's verb outside the answer ("in light of the landing"),
    which say when or why the asked-for thing happened."""
    verb = answer.root
    inside = set(range(answer.start, answer.end))
    words: list[str] = []
    for child in verb.children:
        if child.i < answer.end or child.dep_ not in ("prep", "npadvmod"):
            continue
        tokens = list(child.subtree)
        if any(t.i in inside for t in tokens) or len(tokens) > PREDICATE_CONTEXT_TOKENS:
            continue
        words.extend(token_texts(t for t in tokens if not t.is_punct))
    return words


# A phrase longer than this is left off a "What did X do?" question.
PREDICATE_CONTEXT_TOKENS = 6


# Subject pronouns and the form they take after a verb or preposition.
OBJECT_PRONOUNS = {"he": "him", "she": "her", "they": "them", "we": "us", "i": "me"}


def _object_form(tokens: Sequence[Token]) -> list[str]:
    """A subject's words as they read after a verb or a preposition ("he" -> "him")."""
    texts = _lowered_subject(tokens)
    if len(tokens) == 1 and texts and texts[0].lower() in OBJECT_PRONOUNS:
        return [OBJECT_PRONOUNS[texts[0].lower()]]
    return texts


# Determiners that make a description pick out one thing ("his brother", "the capital").
DEFINITE_MARKERS = frozenset({"the", "his", "her", "its", "their", "this", "that"})
# A description longer than this is a clause of its own, not a name's title.
DESCRIPTION_WORD_BUDGET = 7


def identity_question(
    answer: Span, *, indefinite: bool = False, label: str | None = None
) -> WhQuestion | None:
    """ "Who was Edward's half-brother?" for a name that the text introduces by a description.

    "his half-brother Harthacnut" and "Tolui, Genghis Khan's youngest son" tell who someone is;
    people ask for the name through that description rather than through the rest of the clause.
    Only a definite description counts ("a son, Jochi" says too little to ask by) unless
    ``indefinite`` allows any ("Laura, a mystery shopper from Leeds").
    """
    root = answer.root
    if root.pos_ != "PROPN" or not (label or entity_label(answer)):
        return None
    description = _description_of(answer)
    if description is None:
        return None
    head = _description_head(description)
    if head.pos_ != "NOUN" or head.lemma_.lower() in VAGUE_NOUNS:
        return None
    first = description[0]
    # "deputy administrator for the FAA": a post in a named body is one person's too
    post = any(
        c.dep_ == "prep" and c.lower_ in ("of", "for", "at") and c.i in {t.i for t in description}
        for c in head.children
    )
    if not (
        first.lower_ in DEFINITE_MARKERS
        or first.dep_ == "poss"
        or any(t.dep_ == "poss" for t in description)
        or (post and first.lower_ not in ("a", "an", "one"))
        or indefinite
    ):
        return None
    words = [
        _owner_of(t, answer) if t.tag_ == "PRP$" and surface(t) == t.text else surface(t)
        for t in description
        if t.text not in QUOTE_MARKS
    ]
    if not words or len(_join(words).split()) > DESCRIPTION_WORD_BUDGET:
        return None
    if sum(1 for t in description if t.pos_ in ("NOUN", "PROPN", "ADJ", "NUM")) < 2:
        return None  # "the journal" alone could be any journal
    if any(w.lower() in ("his", "her", "its", "their") for w in words):
        return None  # "his brother" means nothing away from the text
    words[0] = lowered_if_opening(words[0], first)
    label = label or entity_label(answer)
    person = label in ("PERSON", "NORP") or head.lemma_.lower() in PERSON_NOUNS
    wh = "who" if person else _place_wh(head, label)
    be = "was" if _told_in_past(answer) else "is"
    return WhQuestion(_join([wh, be, *words]), wh, "identity", tuple(t.i for t in answer))


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


def _place_wh(head: Token, label: str) -> str:
    """ "which city" for a place described as a capital, "which place" for any other place."""
    kind = PLACE_KINDS.get(head.lemma_.lower()) or PLACE_KINDS.get(head.lower_)
    if kind is not None and label in PLACE_LABELS:
        return f"which {kind}"
    if label in PLACE_LABELS:
        return "which place"
    return "what"


def _owner_of(pronoun: Token, answer: Span) -> str:
    """ "his" in "Edward returned at the invitation of his half-brother" -> "Edward's": the
    subject of the clause, when it is a name; else the pronoun as it stands."""
    node = answer.root
    while node.head != node and not any(c.dep_ in SUBJECT_DEPS for c in node.children):
        node = node.head
    for child in node.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ == "PROPN":
            text = " ".join(token_texts(child.subtree))
            if len(text.split()) <= 4 and all(t.pos_ in ("PROPN", "DET") for t in child.subtree):
                return text + "'s" if not text.endswith("s") else text + "'"
    return pronoun.text


def _description_of(answer: Span) -> list[Token] | None:
    """The words that describe the name ``answer``: its title, or the noun it stands beside."""
    root = answer.root
    doc = answer.doc
    inside = set(range(answer.start, answer.end))
    if _loose_apposition(root):
        # "arriving in the Egyptian capital, Cairo," with "Cairo" hung on the verb
        noun = doc[root.left_edge.i - 2]
        tokens = [
            t
            for t in doc[noun.left_edge.i : noun.i + 1]
            if t.text == "-" or (not t.is_punct and t.dep_ not in ("relcl", "acl", "appos"))
        ]
        return tokens or None
    if root.dep_ == "appos" and root.head.pos_ == "NOUN" and root.head.i < answer.start:
        described = root.head
        tokens = [
            t
            for t in described.subtree
            if t.i not in {d.i for d in root.subtree}
            and (t.text == "-" or not t.is_punct)
            and t.dep_ not in ("relcl", "acl", "appos")
        ]
        return tokens or None
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN" and child.i > root.i:
            tokens = [t for t in child.subtree if t.text == "-" or not t.is_punct]
            return tokens or None
    title = [
        t
        for t in doc[root.left_edge.i : answer.start]
        if t.i not in inside and (t.text == "-" or not t.is_punct)
    ]
    if title and any(t.pos_ == "NOUN" and t.head.i in inside for t in title):
        return title
    return None


def _description_head(description: list[Token]) -> Token:
    ids = {t.i for t in description}
    heads = [t for t in description if t.head.i not in ids and t.pos_ in ("NOUN", "PROPN")]
    return heads[-1] if heads else description[-1]


def _told_in_past(answer: Span) -> bool:
    """Whether the sentence around ``answer`` tells of the past (its main verb's tense)."""
    node = answer.root
    while node.head != node and node.pos_ not in ("VERB", "AUX"):
        node = node.head
    tags = {node.tag_, *(c.tag_ for c in node.children if c.dep_ in AUXILIARY_DEPS)}
    return "VBD" in tags or (node.tag_ == "VBN" and not tags & {"VBZ", "VBP", "MD"})


# A question shorter than this has lost its clause ("Who?") and is rebuilt from the sentence.
MINIMAL_QUESTION_WORDS = 3


def with_fallback(answer: Span, built: WhQuestion) -> WhQuestion:
    """``built``, or when it says too little, the answer's sentence with the answer replaced
    by the wh-word in its place ("... says what, a mystery shopper from ...?")."""
    if len(built.text.split()) <= MINIMAL_QUESTION_WORDS:
        # "Who said?": who the person is, or else what they said, makes the question
        described = identity_question(answer, indefinite=True) or _speaker_question(answer)
        if described is not None:
            return described
    if len(built.text.split()) >= MINIMAL_QUESTION_WORDS:
        return built
    root = answer.sent.root
    # in place, the answer's own noun stays beside it: "land how many astronauts"
    wh = " ".join(built.wh.split()[:2]) if built.wh.startswith("how ") else built.wh.split()[0]
    fallback = _in_situ(answer, wh, root)
    if len(fallback.text.split()) <= len(built.text.split()):
        return built
    return fallback


# Verbs that report what someone said or wrote.
REPORTING_VERBS = frozenset(
    {"say", "tell", "write", "add", "note", "argue", "explain", "state", "declare", "claim"}
)
# Words of the reported clause a "Who said that ...?" question keeps.
REPORTED_WORD_BUDGET = 12


def _speaker_question(answer: Span) -> WhQuestion | None:
    """ "Who said that the decision reflects a growing recognition?" for the speaker of a
    quotation, whose clause alone ("Who said?") says nothing."""
    root = answer.root
    verb = root.head
    if root.dep_ != "nsubj" or verb.lemma_.lower() not in REPORTING_VERBS:
        return None
    reported = [c for c in verb.children if c.dep_ == "ccomp"]
    if not reported:
        return None
    clause = reported[0]
    tokens = [t for t in clause.subtree if t.dep_ != "mark" and not t.is_punct]
    tokens = pruned(tokens, set(), REPORTED_WORD_BUDGET) if tokens else tokens
    kept = {t.i for t in tokens}
    if tokens and (
        tokens[-1].tag_ in ("JJR", "RBR")
        or (
            tokens[-1].pos_ not in ("NOUN", "PROPN", "NUM", "PRON")
            and any(
                c.i > tokens[-1].i and c.i not in kept and not c.is_punct
                for c in tokens[-1].children
            )
        )
    ):
        return None  # "was a little more [like ...]": the words it needs were cut
    if len(tokens) > REPORTED_WORD_BUDGET:
        # a long quotation is cut after a noun, so that it ends on something said
        cut = [
            i for i, t in enumerate(tokens[:REPORTED_WORD_BUDGET]) if t.pos_ in ("NOUN", "PROPN")
        ]
        tokens = tokens[: cut[-1] + 1] if cut else []
    words = token_texts(tokens)
    if len(words) < 2:
        return None
    words[0] = lowered_if_opening(words[0], tokens[0])
    pieces = ["who", verb.text.lower(), "that", *words]
    return WhQuestion(_join(pieces), "who", "reported", tuple(t.i for t in answer))


def mentions_answer(question: str, answer: str) -> bool:
    """Whether ``question`` contains the words of ``answer`` (whole words, any case)."""
    words = re.findall(r"\w+", answer)
    if not words:
        return False
    pattern = r"(?<!\w)" + r"\W+".join(re.escape(w) for w in words) + r"(?!\w)"
    return re.search(pattern, question, re.IGNORECASE) is not None


def without_answer(question: str, answer: str) -> str:
    """``question`` with the words of ``answer`` taken out, with the commas or brackets that
    set them apart ("a delegation, Cairo, for talks" -> "a delegation for talks")."""
    words = re.findall(r"\w+", answer)
    if not words:
        return question
    name = r"\W+".join(re.escape(w) for w in words)
    text = re.sub(rf",\s*(?<!\w){name}(?!\w)\s*,", "", question, flags=re.IGNORECASE)
    text = re.sub(rf"\(\s*(?<!\w){name}(?!\w)\s*\)", "", text, flags=re.IGNORECASE)
    text = re.sub(rf"(?<!\w){name}(?!\w)('s|')?", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\s+([,.?;:])", r"\1", re.sub(r"\s{2,}", " ", text)).strip()
    text = re.sub(r",\s*([?.])$", r"\1", text)
    return text[:1].upper() + text[1:]
