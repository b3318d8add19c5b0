"""A speaker's view, asked two ways from quotes and reported speech.

"What does Jan Lundqvist, a scientist at the Stockholm institute, say about water?" is keyed by
the speaker's claim restated in the third person; the wrong options are what the other speakers
of the article claim, restated the same way, so only a reader who kept track of who said what
picks the key. "Who warned that there would not be enough water ...?" is keyed by the speaker's
full name (the surname accepted), with the claim reworded, never copied.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from quizapp.generator.kinds.registry import KindContext, register
from quizapp.generator.model import ArticleAnalysis, Drafted, MentionChain, Quote
from quizapp.generator.references import USER_DATA_KEY, keeps_capital
from quizapp.generator.wording.clauses import overlap
from quizapp.generator.wording.options import choice_question, closest_in_length
from quizapp.generator.wording.reported import Claim, Speaker, claim_of

# Options sharing more than this share of words say the same thing.
SAME_CLAIM = 0.5
# Saying verbs as a "who ...?" question puts them; "tell" and "add" need more than a claim.
ASKED_VERBS = {
    "argue": "argued",
    "claim": "claimed",
    "warn": "warned",
    "insist": "insisted",
    "believe": "believed",
    "predict": "predicted",
    "suggest": "suggested",
    "admit": "admitted",
    "announce": "announced",
    "conclude": "concluded",
    "explain": "explained",
    "note": "noted",
    "write": "wrote",
    "think": "thought",
    "state": "stated",
}
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
QUANTIFIERS = frozenset({"many", "much", "few", "several", "more", "most", "other", "such", "own"})


@dataclass(frozen=True)
class Said:
    """One quote of a person of the article, restated."""

    quote: Quote
    chain: MentionChain
    claim: Claim


def pronoun_of(analysis: ArticleAnalysis, chain: MentionChain) -> str:
    """ "he" or "she" when the article refers to the person so, else ""."""
    referents = analysis.doc.user_data.get(USER_DATA_KEY) or {}
    names = {chain.full, *chain.short_forms}
    votes = {"he": 0, "she": 0}
    for index, text in referents.items():
        if str(text).removesuffix("'s").removesuffix("'") in names:
            word = analysis.doc[index].lower_
            votes["he" if word in ("he", "him", "his") else "she"] += 1
    # the rules that name pronouns slip now and then: only a clear majority decides
    if votes["he"] > 2 * votes["she"]:
        return "he"
    if votes["she"] > 2 * votes["he"]:
        return "she"
    return ""


def speaker_for(analysis: ArticleAnalysis, chain: MentionChain, quote: Quote) -> Speaker:
    return Speaker(chain.full.split()[-1], pronoun_of(analysis, chain), quote.side)


def restated(analysis: ArticleAnalysis, speaker: Speaker) -> list[Said]:
    """Every quote of a person of the article, restated as if ``speaker`` were its "I": a
    wrong option that reads like the speaker's own words. A reported "he" stays the other
    speaker's, so a claim that needs it is left out."""
    people = analysis.people()
    found: list[Said] = []
    for quote in analysis.quotes:
        chain = analysis.chain_of(quote.speaker)
        if chain is None or chain not in people or quote.claim is None:
            continue
        claim = claim_of(quote.claim, speaker)
        if claim is not None:
            found.append(Said(quote, chain, claim))
    return found


def _names_in(text: str, chain: MentionChain) -> bool:
    folded = f" {text.casefold()} "
    return any(f" {form.casefold()}" in folded for form in (chain.full, *chain.short_forms))


def other_claims(said: Said, pool: Sequence[Said]) -> list[str]:
    """What the other speakers claim, unlike the key and naming none of the speakers: an option
    that names one says whose words it is."""
    key = said.claim.statement
    speakers = {other.chain.full: other.chain for other in pool}.values()
    found: list[str] = []
    for other in pool:
        if other.chain is said.chain:
            continue
        text = other.claim.statement
        if overlap(text, key) > SAME_CLAIM or overlap(key, text) > SAME_CLAIM:
            continue
        if any(_names_in(text, chain) for chain in speakers):
            continue
        if any(overlap(text, f) > SAME_CLAIM for f in found):
            continue
        found.append(text)
    return found


def topic(claim: Claim, wrong: Sequence[str], analysis: ArticleAnalysis) -> str | None:
    """A noun phrase of the claim that a wrong option speaks of too, so that naming it in the
    question does not point at the key."""
    best: tuple[float, str] | None = None
    for token in claim.words:
        if token.pos_ != "NOUN" or not token.is_alpha or len(token) < 4:
            continue  # "30s", "way": nothing a view is about
        words = [
            t
            for t in token.children
            if t.dep_ in ("amod", "compound") and t.i < token.i and t.lower_ not in QUANTIFIERS
        ]
        determiners = [t for t in token.children if t.dep_ in ("det", "poss")]
        stem = token.lemma_.casefold()
        if determiners and determiners[0].lower_ not in DEFINITE:
            continue  # "a rise", "our study": not a topic to name
        phrase = " ".join(t.text if keeps_capital(t) else t.lower_ for t in [*words, token])
        if not determiners and token.tag_ == "NN":
            # "about brain" is a slip where the article says "the brain"; "about tax" is not
            if f"the {phrase}" not in analysis.doc.text.casefold():
                continue
            determiners = [token]
        if determiners:
            phrase = f"the {phrase}"  # "this research" out of the quote is "the research"
        shared = sum(1 for text in wrong if stem[:5] in text.casefold())
        if not shared:
            continue
        value = shared + (0.5 if stem in analysis.topic_words else 0.0) + 0.1 * len(words)
        if best is None or value > best[0]:
            best = (value, phrase)
    return best[1] if best else None


@register(
    "speaker_view",
    skill="detail",
    share=0.2,
    description="\"What does X say about Y?\", keyed by X's claim among the other speakers'.",
)
def propose(analysis: ArticleAnalysis, context: KindContext) -> Iterator[Drafted]:
    if "multiple_choice" not in context.types:
        return
    people = analysis.people()
    for quote in analysis.quotes:
        chain = analysis.chain_of(quote.speaker)
        if chain is None or chain not in people or quote.claim is None:
            continue
        speaker = speaker_for(analysis, chain, quote)
        claim = claim_of(quote.claim, speaker, direct=quote.direct)
        if claim is None:
            continue
        said = Said(quote, chain, claim)
        wrong = closest_in_length(
            claim.statement, other_claims(said, restated(analysis, speaker)), 3
        )
        if len(wrong) < 2:
            continue  # one voice in the article: nothing to tell its view from
        about = topic(claim, wrong, analysis)
        who = quote.introduced or chain.full
        prompt = (
            f"What does {who} say about {about}?"
            if about
            else f"Which of the following does {who} say?"
        )
        drafted = choice_question(
            kind="speaker_view",
            skill="detail",
            prompt=prompt.replace(",,", ","),
            key=claim.statement,
            distractors=wrong,
            sentence=quote.sentence,
            evidence=analysis.sentences[quote.sentence].text.strip(),
            seed=context.seed,
        )
        drafted.features["wording"] = 0.85 if about else 0.75
        yield drafted


def _other_people(analysis: ArticleAnalysis, speaker: MentionChain) -> list[str]:
    """People of the article with no word of the speaker's name, speakers first."""
    mine = {w.casefold()[:6] for w in speaker.full.split()}
    speakers = {q.speaker for q in analysis.quotes}
    others = [
        c
        for c in analysis.people()
        if c is not speaker and not mine & {w.casefold()[:6] for w in c.full.split()}
    ]
    others.sort(key=lambda c: (c.full not in speakers, c.sentences[0]))
    return [c.full for c in others]


@register(
    "who_said",
    skill="detail",
    share=0.1,
    description='"Who argued that ...?" with the claim reworded, keyed by the speaker.',
)
def propose_who(analysis: ArticleAnalysis, context: KindContext) -> Iterator[Drafted]:
    if "multiple_choice" not in context.types:
        return
    people = analysis.people()
    for quote in analysis.quotes:
        chain = analysis.chain_of(quote.speaker)
        if chain is None or chain not in people or quote.claim is None:
            continue
        claim = claim_of(quote.claim, speaker_for(analysis, chain, quote), direct=quote.direct)
        if claim is None or claim.shifted or claim.copied:
            continue  # "I" and "we" would name the speaker; a copied quote asks for recall
        if _names_in(claim.reported, chain):
            continue
        others = _other_people(analysis, chain)
        if len(others) < 2:
            continue
        verb = ASKED_VERBS.get(quote.verb, "said")
        yield choice_question(
            kind="who_said",
            skill="detail",
            prompt=f"According to the article, who {verb} that {claim.reported}?",
            key=chain.full,
            distractors=others[:3],
            sentence=quote.sentence,
            evidence=analysis.sentences[quote.sentence].text.strip(),
            seed=context.seed,
            accepted=chain.short_forms,
        )
