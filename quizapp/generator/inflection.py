"""English verb forms the question rules need: do-support, agreement and passive-to-active.

spaCy gives a lemma and a Penn tag for every verb but cannot generate forms, so the few forms a
question needs (``did``/``does``, the third person singular, the simple past of a participle) are
built here from the lemma with the regular spelling rules and a short table of irregular verbs.
"""

from __future__ import annotations

# Simple past and past participle of the irregular verbs common in news text; everything else
# takes the regular "-ed" spelling.
IRREGULAR_PAST: dict[str, tuple[str, str]] = {
    "be": ("was", "been"),
    "have": ("had", "had"),
    "do": ("did", "done"),
    "go": ("went", "gone"),
    "say": ("said", "said"),
    "make": ("made", "made"),
    "take": ("took", "taken"),
    "give": ("gave", "given"),
    "see": ("saw", "seen"),
    "know": ("knew", "known"),
    "get": ("got", "gotten"),
    "come": ("came", "come"),
    "begin": ("began", "begun"),
    "write": ("wrote", "written"),
    "speak": ("spoke", "spoken"),
    "choose": ("chose", "chosen"),
    "drive": ("drove", "driven"),
    "eat": ("ate", "eaten"),
    "fall": ("fell", "fallen"),
    "forget": ("forgot", "forgotten"),
    "grow": ("grew", "grown"),
    "hide": ("hid", "hidden"),
    "ride": ("rode", "ridden"),
    "rise": ("rose", "risen"),
    "show": ("showed", "shown"),
    "sing": ("sang", "sung"),
    "steal": ("stole", "stolen"),
    "throw": ("threw", "thrown"),
    "wear": ("wore", "worn"),
    "break": ("broke", "broken"),
    "draw": ("drew", "drawn"),
    "fly": ("flew", "flown"),
    "blow": ("blew", "blown"),
    "shake": ("shook", "shaken"),
    "beat": ("beat", "beaten"),
    "bite": ("bit", "bitten"),
    "forbid": ("forbade", "forbidden"),
    "forgive": ("forgave", "forgiven"),
    "swear": ("swore", "sworn"),
    "tear": ("tore", "torn"),
    "lead": ("led", "led"),
    "hold": ("held", "held"),
    "bring": ("brought", "brought"),
    "buy": ("bought", "bought"),
    "build": ("built", "built"),
    "catch": ("caught", "caught"),
    "feel": ("felt", "felt"),
    "find": ("found", "found"),
    "fight": ("fought", "fought"),
    "keep": ("kept", "kept"),
    "leave": ("left", "left"),
    "lose": ("lost", "lost"),
    "meet": ("met", "met"),
    "pay": ("paid", "paid"),
    "send": ("sent", "sent"),
    "sell": ("sold", "sold"),
    "spend": ("spent", "spent"),
    "stand": ("stood", "stood"),
    "teach": ("taught", "taught"),
    "tell": ("told", "told"),
    "think": ("thought", "thought"),
    "win": ("won", "won"),
    "run": ("ran", "run"),
    "set": ("set", "set"),
    "put": ("put", "put"),
    "cut": ("cut", "cut"),
    "hit": ("hit", "hit"),
    "let": ("let", "let"),
    "shut": ("shut", "shut"),
    "split": ("split", "split"),
    "spread": ("spread", "spread"),
    "seek": ("sought", "sought"),
    "become": ("became", "become"),
    "overcome": ("overcame", "overcome"),
    "understand": ("understood", "understood"),
    "withdraw": ("withdrew", "withdrawn"),
    "undertake": ("undertook", "undertaken"),
    "arise": ("arose", "arisen"),
    "strike": ("struck", "struck"),
    "shoot": ("shot", "shot"),
    "sink": ("sank", "sunk"),
    "hang": ("hung", "hung"),
    "lay": ("laid", "laid"),
    "mean": ("meant", "meant"),
    "read": ("read", "read"),
    "sit": ("sat", "sat"),
    "sleep": ("slept", "slept"),
    "wake": ("woke", "woken"),
    "bear": ("bore", "borne"),
    "freeze": ("froze", "frozen"),
    "feed": ("fed", "fed"),
    "flee": ("fled", "fled"),
    "deal": ("dealt", "dealt"),
}

_PLURAL_TO_SINGULAR_AUX = {"are": "is", "were": "was", "have": "has", "do": "does"}
_VOWELS = set("aeiou")


def third_person_singular(lemma: str) -> str:
    """Present tense for he/she/it: "lead" -> "leads", "carry" -> "carries"."""
    special = {"be": "is", "have": "has", "do": "does", "go": "goes"}
    if lemma in special:
        return special[lemma]
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        return lemma + "es"
    if lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in _VOWELS:
        return lemma[:-1] + "ies"
    return lemma + "s"


def simple_past(lemma: str) -> str:
    """Simple past tense: "deploy" -> "deployed", "lead" -> "led"."""
    if lemma in IRREGULAR_PAST:
        return IRREGULAR_PAST[lemma][0]
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in _VOWELS:
        return lemma[:-1] + "ied"
    return lemma + "ed"


def singular_auxiliary(word: str) -> str:
    """The auxiliary agreeing with a singular wh-subject ("Who has", not "Who have")."""
    lowered = word.lower()
    return _PLURAL_TO_SINGULAR_AUX.get(lowered, lowered)


def do_support(tag: str, *, plural_subject: bool) -> str:
    """The form of "do" that carries the tense of a verb with Penn tag ``tag``."""
    if tag == "VBD":
        return "did"
    if tag == "VBZ":
        return "does"
    if tag == "VBP":
        return "do"
    # an untagged or participle form in a finite slot: fall back on the subject's number
    return "do" if plural_subject else "does"
