"""QTI 3.0 packages: the layout 1EdTech's schemas require, and scoring that matches quizapp's.

The response processing of every exported item is run by a small interpreter of the QTI
expressions the export uses, on responses a student could give, and must reach the same
fraction as quizapp's own grading of the same response.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from quizapp.banks import load_bank_file
from quizapp.banks.formats.exporting import export_bank_file
from quizapp.banks.formats.packages import read_package
from quizapp.banks.formats.qti3 import elements, scoring

EVERY_TYPE = Path(__file__).parent / "fixtures" / "every_type.yaml"
NS = {"q": elements.NS, "cp": elements.CP_NS}
# The order of an item's children in the ASI 3.0 schema (those the export writes).
ITEM_ORDER = [
    "qti-response-declaration",
    "qti-outcome-declaration",
    "qti-assessment-stimulus-ref",
    "qti-item-body",
    "qti-response-processing",
    "qti-modal-feedback",
]


def package() -> dict[str, bytes]:
    return read_package(export_bank_file(EVERY_TYPE, "qti3").content)


def items() -> dict[str, Any]:
    files = package()
    return {
        path.removeprefix("items/").removesuffix(".xml"): etree.fromstring(content)
        for path, content in files.items()
        if path.startswith("items/")
    }


def local(element: Any) -> str:
    return str(etree.QName(element).localname)


def test_the_manifest_lists_the_test_the_stimulus_and_every_item_with_its_dependency() -> None:
    files = package()
    manifest = etree.fromstring(files["imsmanifest.xml"])
    resources = manifest.findall("cp:resources/cp:resource", NS)
    kinds = Counter(resource.get("type") for resource in resources)
    assert kinds == {elements.TEST_TYPE: 1, elements.STIMULUS_TYPE: 1, elements.ITEM_TYPE: 11}
    for resource in resources:
        assert resource.get("href") in files
        assert resource.find("cp:file", NS).get("href") == resource.get("href")
        if resource.get("type") == elements.ITEM_TYPE:
            dependency = resource.find("cp:dependency", NS).get("identifierref")
            assert dependency == elements.STIMULUS_RESOURCE
    identifiers = [resource.get("identifier") for resource in resources]
    assert len(set(identifiers)) == len(identifiers)
    stimulus = etree.fromstring(files[elements.STIMULUS_FILE])
    assert stimulus.tag == f"{{{elements.NS}}}qti-assessment-stimulus"
    assert "Heavy rain fell" in "".join(stimulus.itertext())


def test_items_keep_the_schema_order_and_refer_to_the_shared_article() -> None:
    for item in items().values():
        assert item.tag == f"{{{elements.NS}}}qti-assessment-item"
        names = [local(child) for child in item]
        ranks = [ITEM_ORDER.index(name) for name in names]
        assert ranks == sorted(ranks), names
        reference = item.find("q:qti-assessment-stimulus-ref", NS)
        assert reference.get("href") == f"../{elements.STIMULUS_FILE}"
        assert item.get("adaptive") == "false" and item.get("time-dependent") == "false"


def test_the_points_travel_as_weights_in_the_test() -> None:
    test = etree.fromstring(package()[elements.TEST_FILE])
    weights = {
        ref.get("identifier"): ref.find("q:qti-weight", NS).get("value")
        for ref in test.iterfind(".//q:qti-assessment-item-ref", NS)
    }
    assert weights["main-idea"] == "2"
    assert weights["who-wants"] == "1"


@pytest.mark.parametrize(
    ("text", "case_sensitive", "matches", "misses"),
    [
        ("home*", True, ["home", "homes", "home town"], ["Home", "a home"]),
        ("new york", False, ["New York", "NEW YORK"], ["New Yorker"]),
        ("3.5 \\* 2 (a+b)", True, ["3.5 * 2 (a+b)"], ["3x5 * 2 (a+b)"]),
    ],
)
def test_wildcards_become_whole_string_patterns(
    text: str, case_sensitive: bool, matches: list[str], misses: list[str]
) -> None:
    pattern = scoring.wildcard_pattern(text, case_sensitive)
    assert all(re.fullmatch(pattern, m) for m in matches)
    assert not any(re.fullmatch(pattern, m) for m in misses)


# --- a small interpreter of the response processing the export writes -------------------------


def evaluate(expression: Any, values: dict[str, Any], item: Any) -> Any:
    name = local(expression)
    children = [evaluate(child, values, item) for child in expression] if len(expression) else []
    if name == "qti-base-value":
        text = expression.text or ""
        return Decimal(text) if expression.get("base-type") == "float" else text
    if name == "qti-variable":
        return values.get(expression.get("identifier"))
    if name == "qti-correct":
        declaration = declaration_of(item, expression.get("identifier"))
        correct = [v.text for v in declaration.iterfind("q:qti-correct-response/q:qti-value", NS)]
        return correct if declaration.get("cardinality") != "single" else correct[0]
    if name == "qti-multiple":
        flat: list[Any] = []
        for child in children:
            if child is not None:
                flat += child if isinstance(child, list) else [child]
        return flat
    if any(child is None for child in children) and name not in {"qti-or", "qti-and"}:
        return None
    if name == "qti-match":
        left, right = children
        if isinstance(left, list):
            ordered = declaration_of(item, expression[0].get("identifier")).get("cardinality")
            return left == right if ordered == "ordered" else Counter(left) == Counter(right)
        return left == right
    if name == "qti-string-match":
        left, right = children
        if expression.get("case-sensitive") == "false":
            return left.casefold() == right.casefold()
        return left == right
    if name == "qti-pattern-match":
        return re.fullmatch(expression.get("pattern"), children[0]) is not None
    if name == "qti-equal":
        below, above = (Decimal(t) for t in expression.get("tolerance").split())
        response, value = children
        return value - below <= response <= value + above
    if name == "qti-index":
        index = int(expression.get("n")) - 1
        return children[0][index] if index < len(children[0]) else None
    if name == "qti-and":
        return all(children)
    if name == "qti-or":
        return any(children)
    if name == "qti-sum":
        return sum(children, Decimal(0))
    if name == "qti-divide":
        return children[0] / children[1]
    if name == "qti-map-response":
        return map_response(item, expression.get("identifier"), values)
    raise AssertionError(f"the interpreter does not know <{name}>")


def declaration_of(item: Any, response_id: str) -> Any:
    return item.find(f"q:qti-response-declaration[@identifier='{response_id}']", NS)


def map_response(item: Any, response_id: str, values: dict[str, Any]) -> Decimal:
    mapping = declaration_of(item, response_id).find("q:qti-mapping", NS)
    given = values.get(response_id)
    if given is None:
        return Decimal(mapping.get("default-value", "0"))
    entries = {e.get("map-key"): Decimal(e.get("mapped-value")) for e in mapping}
    total = sum((entries.get(v, Decimal(0)) for v in set(given)), Decimal(0))
    return min(max(total, Decimal(mapping.get("lower-bound"))), Decimal(mapping.get("upper-bound")))


def run(rules: Any, values: dict[str, Any], item: Any) -> None:
    for rule in rules:
        if local(rule) == "qti-set-outcome-value":
            values[rule.get("identifier")] = evaluate(rule[0], values, item)
        elif local(rule) == "qti-response-condition":
            for branch in rule:
                if local(branch) == "qti-response-else":
                    run(branch, values, item)
                    break
                if evaluate(branch[0], values, item):
                    run(list(branch)[1:], values, item)
                    break


def qti_score(item: Any, responses: dict[str, Any]) -> tuple[Fraction, list[str]]:
    values: dict[str, Any] = {"SCORE": Decimal(0), "PAIRS": Decimal(0), "FEEDBACK": [], **responses}
    run(item.find("q:qti-response-processing", NS), values, item)
    return Fraction(values["SCORE"]).limit_denominator(1000), values["FEEDBACK"]


def qti_responses(question_type: str, response: dict[str, str]) -> dict[str, Any]:
    if question_type == "multiple_choice":
        return {"RESPONSE": response["choice"]}
    if question_type == "multi_select":
        return {"RESPONSE": sorted(response)}
    if question_type in {"true_false", "short_answer"}:
        return {"RESPONSE": response["answer"]}
    if question_type == "numeric":
        return {"RESPONSE": Decimal(response["answer"])}
    if question_type == "cloze":
        return {f"RESPONSE-{blank}": text for blank, text in response.items()}
    if question_type == "ordering":
        return {"RESPONSE": sorted(response, key=lambda item_id: int(response[item_id]))}
    return {"RESPONSE": response["sentence"]}


CASES: list[tuple[str, dict[str, str]]] = [
    ("main-idea", {"choice": "a"}),
    ("main-idea", {"choice": "b"}),
    ("who-wants", {"a": "1", "b": "1"}),
    ("who-wants", {"a": "1"}),
    ("who-wants", {"a": "1", "c": "1"}),
    ("who-wants", {"a": "1", "b": "1", "c": "1"}),
    ("who-wants", {"c": "1"}),
    ("record-rise", {"answer": "true"}),
    ("record-rise", {"answer": "false"}),
    ("who-left", {"answer": "their homes"}),
    ("who-left", {"answer": "homeland"}),
    ("who-left", {"answer": "Their homes"}),
    ("who-left", {"answer": "cars"}),
    ("how-many", {"answer": "1200"}),
    ("how-many", {"answer": "1249"}),
    ("how-many", {"answer": "1060"}),
    ("how-many", {"answer": "5"}),
    ("rise", {"answer": "4.55"}),
    ("rise", {"answer": "4.7"}),
    ("fill-rain", {"what": "rain", "how-long": "three days"}),
    ("fill-rain", {"what": "water", "how-long": "three days"}),
    ("fill-rain", {"what": "snow", "how-long": "an hour"}),
    ("fill-one", {"rise": "4.5"}),
    ("sequence", {"a": "1", "b": "2", "c": "3"}),
    ("sequence", {"a": "2", "b": "1", "c": "3"}),
    ("sequence", {"a": "3", "b": "2", "c": "1"}),
    ("sequence", {"a": "2", "b": "3", "c": "1"}),
]


@pytest.mark.parametrize(("question_id", "response"), CASES)
def test_response_processing_scores_like_quizapp(
    question_id: str, response: dict[str, str]
) -> None:
    question = {q.id: q for q in load_bank_file(EVERY_TYPE).questions}[question_id]
    score, _ = qti_score(items()[question_id], qti_responses(question.type_name, response))
    assert score == question.grade(response).fraction


def test_evidence_scores_every_sentence_like_quizapp() -> None:
    question = {q.id: q for q in load_bank_file(EVERY_TYPE).questions}["find-record"]
    item = items()["find-record"]
    for sentence_id in question.sentences:  # type: ignore[attr-defined]
        response = {"sentence": sentence_id}
        score, _ = qti_score(item, qti_responses("evidence", response))
        assert score == question.grade(response).fraction


def test_feedback_of_the_matched_answer_and_the_explanation_is_shown() -> None:
    item = items()["who-left"]
    _, shown = qti_score(item, {"RESPONSE": "homeland"})
    assert shown == ["answer-2"]
    modal = {
        m.get("identifier"): "".join(m.itertext()).strip()
        for m in item.iterfind("q:qti-modal-feedback", NS)
    }
    assert modal["answer-2"] == "Close; whose homes?"
    _, shown = qti_score(items()["main-idea"], {"RESPONSE": "a"})
    assert shown == ["a", "explanation"]


def test_a_written_response_is_an_extended_text_scored_by_a_person() -> None:
    item = items()["explain-flood"]
    score = item.find("q:qti-outcome-declaration[@identifier='SCORE']", NS)
    assert score.get("external-scored") == "human"
    assert item.find("q:qti-response-processing", NS) is None
    correct = item.find("q:qti-response-declaration/q:qti-correct-response/q:qti-value", NS)
    assert correct.text.startswith("The river rose by a record 4.5 metres")
    body = item.find("q:qti-item-body", NS)
    interaction = body.find("q:qti-extended-text-interaction", NS)
    assert interaction.get("response-identifier") == "RESPONSE"
    assert interaction.find("q:qti-prompt", NS).text == (
        "Explain in your own words why people left their homes."
    )
    rubric = body.find("q:qti-rubric-block", NS)
    assert (rubric.get("view"), rubric.get("use")) == ("scorer", "scoring")
    lines = [p.text for p in rubric.iterfind("q:qti-content-body/q:p", NS)]
    assert "- evidence (1.5 points): Gives a detail from the article" in lines
