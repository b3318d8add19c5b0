"""Writing one question as a QTI 3.0 ``qti-assessment-item``.

Elements follow the ASI 3.0 schema's order (response and outcome declarations, stimulus
reference, item body, response processing, modal feedback). A written response is an
``qti-extended-text-interaction`` scored by a person (``external-scored="human"``, no response
processing), with its rubric in a ``qti-rubric-block`` for the scorer. The item's ``label``
keeps quizapp's type, skill and points for reading back. ``_WRITERS`` maps each question type to
its writer; the rules they add come from ``scoring``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations
from typing import Any

from lxml import etree

from quizapp.banks import schema
from quizapp.banks.convert import PLACEHOLDER, choice_ids
from quizapp.banks.formats.base import number_text, numeric_answers
from quizapp.banks.formats.marking_guide import guide_lines
from quizapp.banks.formats.qti3.elements import (
    ASI_XSD,
    EXPLANATION,
    LABEL_PREFIX,
    NS,
    STIMULUS_FILE,
    STIMULUS_ID,
    XML_LANG,
    XSI,
    add_element,
    add_paragraphs,
    identifier,
    new_element,
    qname,
)
from quizapp.banks.formats.qti3.scoring import (
    first_match,
    float_value,
    has_wildcard,
    set_outcome,
    show_feedback,
    text_test,
    variable,
)
from quizapp.domain.article import Article

# --- the parts of an item ---------------------------------------------------------------------


@dataclass
class _Parts:
    """What a type writer adds to an item; ``write_item`` puts the parts in the schema's order."""

    responses: list[Any] = field(default_factory=list)
    outcomes: list[Any] = field(default_factory=list)
    body: Any = field(default_factory=lambda: new_element("qti-item-body"))
    rules: Any = field(default_factory=lambda: new_element("qti-response-processing"))
    feedback: dict[str, str] = field(default_factory=dict)
    # Scored by a person (a written response): SCORE says so, and nothing processes responses.
    human_scored: bool = False

    def response(
        self, response_id: str, cardinality: str, base_type: str, correct: list[str]
    ) -> Any:
        declaration = new_element(
            "qti-response-declaration",
            identifier=response_id,
            cardinality=cardinality,
            base_type=base_type,
        )
        if correct:
            values = add_element(declaration, "qti-correct-response")
            for value in correct:
                add_element(values, "qti-value", value)
        self.responses.append(declaration)
        return declaration

    def outcome(
        self, outcome_id: str, base_type: str = "float", default: str | None = None
    ) -> None:
        declaration = new_element(
            "qti-outcome-declaration",
            identifier=outcome_id,
            cardinality="single",
            base_type=base_type,
        )
        if default is not None:
            add_element(add_element(declaration, "qti-default-value"), "qti-value", default)
        self.outcomes.append(declaration)


def _answers_rules(
    parts: _Parts,
    response_id: str,
    answers: list[schema.AnswerSpec],
    case_sensitive: bool,
    score_id: str,
    prefix: str,
) -> None:
    tests = []
    for number, answer in enumerate(answers, start=1):
        feedback_id = f"{prefix}answer-{number}" if answer.feedback else ""
        if feedback_id:
            parts.feedback[feedback_id] = answer.feedback
        tests.append(
            (text_test(response_id, answer.text, case_sensitive), answer.credit, feedback_id)
        )
    first_match(parts.rules, tests, score_id)


# --- one function per question type -----------------------------------------------------------


def _choice_interaction(parts: _Parts, prompt: str, *, shuffle: bool, single: bool) -> Any:
    """A choice interaction in the item body with its prompt; the caller adds the choices."""
    interaction = add_element(
        parts.body,
        "qti-choice-interaction",
        response_identifier="RESPONSE",
        shuffle="true" if shuffle else "false",
        max_choices="1" if single else "0",
    )
    add_element(interaction, "qti-prompt", prompt)
    return interaction


def _choices(question: Any, parts: _Parts, bank: schema.BankSpec, losses: list[str]) -> None:
    ids = choice_ids(question.choices)
    single = question.type == "multiple_choice"
    pairs = list(zip(ids, question.choices, strict=True))
    right = [choice_id for choice_id, choice in pairs if choice.correct]
    declaration = parts.response(
        "RESPONSE", "single" if single else "multiple", "identifier", right
    )
    interaction = _choice_interaction(
        parts, question.prompt, shuffle=question.shuffle, single=single
    )
    for choice_id, choice in pairs:
        add_element(interaction, "qti-simple-choice", choice.text, identifier=choice_id)
        if choice.feedback:
            parts.feedback[choice_id] = choice.feedback
    if single:
        _match_correct(parts)
    else:
        # Each right tick earns 1/right, each wrong one takes as much away, floored at 0.
        share = Decimal(1) / len(right)
        mapping = add_element(
            declaration, "qti-mapping", lower_bound="0", upper_bound="1", default_value="0"
        )
        for choice_id, choice in pairs:
            value = share if choice.correct else -share
            add_element(
                mapping,
                "qti-map-entry",
                map_key=choice_id,
                mapped_value=str(value.quantize(Decimal("1E-12")).normalize()),
            )
        score = new_element("qti-map-response", identifier="RESPONSE")
        set_outcome(parts.rules, "SCORE", score)
    combined = new_element("qti-multiple")
    combined.append(variable("RESPONSE"))
    set_outcome(parts.rules, "FEEDBACK", combined)


def _match_correct(parts: _Parts) -> None:
    match = new_element("qti-match")
    match.append(variable("RESPONSE"))
    match.append(new_element("qti-correct", identifier="RESPONSE"))
    first_match(parts.rules, [(match, Decimal(1), "")], "SCORE")


def _true_false(question: Any, parts: _Parts, bank: schema.BankSpec, losses: list[str]) -> None:
    parts.response("RESPONSE", "single", "identifier", ["true" if question.answer else "false"])
    interaction = _choice_interaction(parts, question.prompt, shuffle=False, single=True)
    add_element(interaction, "qti-simple-choice", "True", identifier="true")
    add_element(interaction, "qti-simple-choice", "False", identifier="false")
    if question.feedback_true:
        parts.feedback["true"] = question.feedback_true
    if question.feedback_false:
        parts.feedback["false"] = question.feedback_false
    _match_correct(parts)
    combined = new_element("qti-multiple")
    combined.append(variable("RESPONSE"))
    set_outcome(parts.rules, "FEEDBACK", combined)


def _full_credit(answers: list[schema.AnswerSpec]) -> list[str]:
    return [
        a.text.replace("\\*", "*") for a in answers if a.credit == 1 and not has_wildcard(a.text)
    ][:1]


def _short_answer(question: Any, parts: _Parts, bank: schema.BankSpec, losses: list[str]) -> None:
    parts.response("RESPONSE", "single", "string", _full_credit(question.answers))
    paragraph = add_element(parts.body, "p", question.prompt + " ")
    add_element(paragraph, "qti-text-entry-interaction", response_identifier="RESPONSE")
    _answers_rules(parts, "RESPONSE", question.answers, question.case_sensitive, "SCORE", "")


def _numeric(question: Any, parts: _Parts, bank: schema.BankSpec, losses: list[str]) -> None:
    answers = numeric_answers(question)
    best = max(answers, key=lambda a: a.credit)
    parts.response("RESPONSE", "single", "float", [number_text(best.value)])
    paragraph = add_element(parts.body, "p", question.prompt + " ")
    entry = add_element(paragraph, "qti-text-entry-interaction", response_identifier="RESPONSE")
    if question.unit:
        entry.tail = " " + question.unit
    tests = []
    for number, answer in enumerate(answers, start=1):
        tolerance = number_text(answer.tolerance)
        equal = new_element(
            "qti-equal", tolerance_mode="absolute", tolerance=f"{tolerance} {tolerance}"
        )
        equal.append(variable("RESPONSE"))
        equal.append(float_value(answer.value))
        feedback_id = f"answer-{number}" if answer.feedback else ""
        if feedback_id:
            parts.feedback[feedback_id] = answer.feedback
        tests.append((equal, answer.credit, feedback_id))
    first_match(parts.rules, tests, "SCORE")


def _cloze(question: Any, parts: _Parts, bank: schema.BankSpec, losses: list[str]) -> None:
    blank_ids = list(question.blanks)
    for blank_id in blank_ids:
        answers = question.blanks[blank_id]
        parts.response(f"RESPONSE-{blank_id}", "single", "string", _full_credit(answers))
        parts.outcome(f"SCORE-{blank_id}")
    add_element(parts.body, "p", question.prompt)
    for paragraph_text in [p for p in question.text.split("\n\n") if p.strip()]:
        paragraph = add_element(parts.body, "p")
        last: Any = None
        position = 0
        for match in PLACEHOLDER.finditer(paragraph_text):
            before = paragraph_text[position : match.start()]
            if last is None:
                paragraph.text = before
            else:
                last.tail = before
            last = add_element(
                paragraph,
                "qti-text-entry-interaction",
                response_identifier=f"RESPONSE-{match.group(1)}",
            )
            position = match.end()
        if last is None:
            paragraph.text = paragraph_text[position:]
        else:
            last.tail = paragraph_text[position:]
    for blank_id in blank_ids:
        _answers_rules(
            parts,
            f"RESPONSE-{blank_id}",
            question.blanks[blank_id],
            question.case_sensitive,
            f"SCORE-{blank_id}",
            f"{blank_id}-",
        )
    divide = new_element("qti-divide")
    total = add_element(divide, "qti-sum")
    for blank_id in blank_ids:
        total.append(variable(f"SCORE-{blank_id}"))
    divide.append(float_value(len(blank_ids)))
    set_outcome(parts.rules, "SCORE", divide)


def _ordering(question: Any, parts: _Parts, bank: schema.BankSpec, losses: list[str]) -> None:
    ids = choice_ids(question.items)
    parts.response("RESPONSE", "ordered", "identifier", ids)
    parts.outcome("PAIRS", default="0")
    interaction = add_element(
        parts.body, "qti-order-interaction", response_identifier="RESPONSE", shuffle="true"
    )
    add_element(interaction, "qti-prompt", question.prompt)
    for item_id, entry in zip(ids, question.items, strict=True):
        add_element(interaction, "qti-simple-choice", entry.text, identifier=item_id)
    # One rule per pair of items: it counts when the earlier item comes before the later one.
    places = range(1, len(ids) + 1)
    pairs = list(combinations(ids, 2))
    for earlier, later in pairs:
        branch = add_element(add_element(parts.rules, "qti-response-condition"), "qti-response-if")
        either = add_element(branch, "qti-or")
        for first, second in combinations(places, 2):
            both = add_element(either, "qti-and")
            for place, wanted in ((first, earlier), (second, later)):
                match = add_element(both, "qti-match")
                add_element(match, "qti-index", n=str(place)).append(variable("RESPONSE"))
                add_element(match, "qti-base-value", wanted, base_type="identifier")
        total = new_element("qti-sum")
        total.append(variable("PAIRS"))
        total.append(float_value(1))
        set_outcome(branch, "PAIRS", total)
    divide = new_element("qti-divide")
    divide.append(variable("PAIRS"))
    divide.append(float_value(len(pairs)))
    set_outcome(parts.rules, "SCORE", divide)


def _evidence(question: Any, parts: _Parts, bank: schema.BankSpec, losses: list[str]) -> None:
    losses.append("evidence becomes a choice of the article's sentences")
    quotes = [" ".join(q.split()) for q in question.evidence]
    sentences = [(s.id, " ".join(s.text.split())) for s in Article(bank.article).sentences]
    right = [sid for sid, text in sentences if any(quote in text for quote in quotes)]
    parts.response("RESPONSE", "single", "identifier", right[:1])
    interaction = _choice_interaction(parts, question.prompt, shuffle=False, single=True)
    for sentence_id, text in sentences:
        add_element(interaction, "qti-simple-choice", text, identifier=sentence_id)
    tests = []
    for sentence_id in right:
        match = new_element("qti-match")
        match.append(variable("RESPONSE"))
        add_element(match, "qti-base-value", sentence_id, base_type="identifier")
        tests.append((match, Decimal(1), ""))
    first_match(parts.rules, tests, "SCORE")


def _written_response(
    question: Any, parts: _Parts, bank: schema.BankSpec, losses: list[str]
) -> None:
    """An extended text scored by a person: the model answer is the correct response (an
    example, as the specification allows) and the rubric a rubric block for the scorer."""
    if question.rubric:
        losses.append(
            "the rubric travels as a rubric block for the scorer; QTI has no criteria to score by"
        )
    parts.human_scored = True
    model = [question.model_answer] if question.model_answer.strip() else []
    parts.response("RESPONSE", "single", "string", model)
    lines = guide_lines(question)
    if lines:
        block = add_element(parts.body, "qti-rubric-block", use="scoring", view="scorer")
        content = add_element(block, "qti-content-body")
        for line in lines:
            if line.strip():
                add_element(content, "p", line)
    interaction = add_element(
        parts.body, "qti-extended-text-interaction", response_identifier="RESPONSE"
    )
    add_element(interaction, "qti-prompt", question.prompt)


_WRITERS: dict[str, Callable[[Any, _Parts, schema.BankSpec, list[str]], None]] = {
    "multiple_choice": _choices,
    "multi_select": _choices,
    "true_false": _true_false,
    "short_answer": _short_answer,
    "numeric": _numeric,
    "cloze": _cloze,
    "ordering": _ordering,
    "evidence": _evidence,
    "written_response": _written_response,
}


def write_item(question: Any, bank: schema.BankSpec, losses: list[str]) -> bytes:
    parts = _Parts()
    _WRITERS[question.type](question, parts, bank, losses)
    root = etree.Element(qname("qti-assessment-item"), nsmap={None: NS, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{NS} {ASI_XSD}")
    root.set("identifier", identifier(question.id))
    root.set("title", question.id)
    root.set(
        "label",
        f"{LABEL_PREFIX}type={question.type};skill={question.skill};"
        f"points={number_text(question.points)}",
    )
    root.set("adaptive", "false")
    root.set("time-dependent", "false")
    root.set(XML_LANG, "en")
    for declaration in parts.responses:
        root.append(declaration)
    score = new_element(
        "qti-outcome-declaration",
        identifier="SCORE",
        cardinality="single",
        base_type="float",
        normal_maximum="1",
    )
    if parts.human_scored:
        score.set("external-scored", "human")
    add_element(add_element(score, "qti-default-value"), "qti-value", "0")
    root.append(score)
    maximum = new_element(
        "qti-outcome-declaration", identifier="MAXSCORE", cardinality="single", base_type="float"
    )
    add_element(add_element(maximum, "qti-default-value"), "qti-value", "1")
    root.append(maximum)
    root.append(
        new_element(
            "qti-outcome-declaration",
            identifier="FEEDBACK",
            cardinality="multiple",
            base_type="identifier",
        )
    )
    for declaration in parts.outcomes:
        root.append(declaration)
    if bank.article.strip():
        add_element(
            root,
            "qti-assessment-stimulus-ref",
            identifier=STIMULUS_ID,
            href=f"../{STIMULUS_FILE}",
            title=bank.title,
        )
    root.append(parts.body)
    if question.explanation:
        parts.feedback[EXPLANATION] = question.explanation
        if not parts.human_scored:
            show_feedback(parts.rules, EXPLANATION)
    if not parts.human_scored:
        root.append(parts.rules)
    for feedback_id, text in parts.feedback.items():
        modal = add_element(
            root,
            "qti-modal-feedback",
            outcome_identifier="FEEDBACK",
            identifier=feedback_id,
            show_hide="show",
        )
        add_paragraphs(add_element(modal, "qti-content-body"), text)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
