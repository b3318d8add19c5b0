"""Reading QTI 3.0 packages into a bank dict: quizapp's own (whose item labels give back the type,
skill and points, and whose response processing gives back each answer's credit and feedback) and
simpler ones that use the standard ``match_correct`` and ``map_response`` templates. Unreadable
items become issues naming their file; interactions quizapp has no type for are unsupported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from quizapp.banks.formats.base import Notice, Parsed, finish_parse, slug, unique_slug
from quizapp.banks.formats.marking_guide import read_guide
from quizapp.banks.formats.packages import PackageRefused, is_zip, read_package
from quizapp.banks.formats.qti3.elements import (
    EXPLANATION,
    ITEM_TYPE,
    LABEL_PREFIX,
    STIMULUS_TYPE,
    TEST_TYPE,
    qname,
)
from quizapp.banks.formats.xmlsafe import XmlRefused, local_name, parse_xml
from quizapp.banks.issues import Issue
from quizapp.domain.questions import SKILLS


def recognises(raw: bytes) -> bool:
    if not is_zip(raw):
        return False
    try:
        manifest = read_package(raw).get("imsmanifest.xml", b"")
    except PackageRefused:
        return False
    return b"imsqti_item_xmlv3p0" in manifest or b"imsqtiasi_v3p0" in manifest


class _Problem(Exception):
    def __init__(self, where: str, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.where = where
        self.message = message
        self.line = line


class _Unsupported(_Problem):
    """A question of a type quizapp has no equivalent for; an import may skip it."""


def _find(element: Any, tag: str) -> Any:
    return element.find(f".//{qname(tag)}")


def _words(element: Any) -> str:
    """The text of an element: paragraphs (``p``, ``div``) separated by blank lines."""
    blocks = [child for child in element if local_name(child) in {"p", "div", "blockquote"}]
    if not blocks:
        return " ".join("".join(element.itertext()).split())
    return "\n\n".join(" ".join("".join(b.itertext()).split()) for b in blocks).strip()


def _hints(item: Any) -> dict[str, str]:
    label_text = item.get("label", "")
    if not label_text.startswith(LABEL_PREFIX):
        return {}
    pairs = (part.partition("=") for part in label_text[len(LABEL_PREFIX) :].split(";"))
    return {key: value for key, _, value in pairs if key}


@dataclass
class _Declared:
    cardinality: str
    base_type: str
    correct: list[str]
    mapping: list[tuple[str, Decimal, bool]]


def _declarations(item: Any) -> dict[str, _Declared]:
    found: dict[str, _Declared] = {}
    for declaration in item.iterfind(qname("qti-response-declaration")):
        correct = [
            (value.text or "").strip()
            for value in declaration.iterfind(
                f"{qname('qti-correct-response')}/{qname('qti-value')}"
            )
        ]
        mapping = [
            (
                entry.get("map-key", ""),
                _decimal(entry.get("mapped-value", "0")),
                entry.get("case-sensitive", "true") != "false",
            )
            for entry in declaration.iterfind(f"{qname('qti-mapping')}/{qname('qti-map-entry')}")
        ]
        found[declaration.get("identifier", "")] = _Declared(
            declaration.get("cardinality", "single"),
            declaration.get("base-type", ""),
            correct,
            mapping,
        )
    return found


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text.strip())
    except InvalidOperation:
        raise _Problem("", f"{text!r} is not a number") from None


@dataclass
class _Rule:
    test: Any
    credit: Decimal
    feedback: str


def _rules(item: Any) -> dict[str, list[_Rule]]:
    """The first-match rules of the response processing, by the score outcome they set."""
    rules: dict[str, list[_Rule]] = {}
    processing = item.find(qname("qti-response-processing"))
    if processing is None:
        return rules
    for condition in processing.iter(qname("qti-response-condition")):
        for branch in condition:
            if local_name(branch) not in {"qti-response-if", "qti-response-else-if"}:
                continue
            test = branch[0] if len(branch) else None
            for setter in branch.iterfind(qname("qti-set-outcome-value")):
                outcome = setter.get("identifier", "")
                value = setter.find(qname("qti-base-value"))
                if outcome.startswith("SCORE") and value is not None and test is not None:
                    shown = [
                        (v.text or "").strip()
                        for s in branch.iterfind(qname("qti-set-outcome-value"))
                        if s.get("identifier") == "FEEDBACK"
                        for v in s.iter(qname("qti-base-value"))
                    ]
                    credit = _decimal(value.text or "0")
                    rules.setdefault(outcome, []).append(_Rule(test, credit, (shown or [""])[0]))
    return rules


def _modal_feedback(item: Any) -> dict[str, str]:
    feedback: dict[str, str] = {}
    for modal in item.iterfind(qname("qti-modal-feedback")):
        content = modal.find(qname("qti-content-body"))
        feedback[modal.get("identifier", "")] = _words(modal if content is None else content)
    return feedback


def _pattern_text(pattern: str) -> tuple[str, bool]:
    """A pattern written by ``wildcard_pattern`` back as (answer text, case sensitive)."""
    case_sensitive = True
    out: list[str] = []
    index = 0
    while index < len(pattern):
        if pattern.startswith(".*", index):
            out.append("*")
            index += 2
        elif pattern[index] == "\\" and index + 1 < len(pattern):
            following = pattern[index + 1]
            out.append("\\*" if following == "*" else following)
            index += 2
        elif (
            re.match(r"\[(.)(.)\]", pattern[index:])
            and pattern[index + 1].lower() == pattern[index + 2].lower()
        ):
            out.append(pattern[index + 1])
            case_sensitive = False
            index += 4
        else:
            out.append(pattern[index])
            index += 1
    return "".join(out), case_sensitive


def _text_answers(
    response_id: str, declared: _Declared, rules: list[_Rule], feedback: dict[str, str]
) -> tuple[list[dict[str, Any]], bool]:
    answers: list[dict[str, Any]] = []
    case_sensitive = False
    for rule in rules:
        kind = local_name(rule.test)
        if kind == "qti-string-match":
            value = rule.test.find(qname("qti-base-value"))
            text = (value.text or "") if value is not None else ""
            case_sensitive = rule.test.get("case-sensitive", "true") != "false"
        elif kind == "qti-pattern-match":
            text, case_sensitive = _pattern_text(rule.test.get("pattern", ""))
        else:
            continue
        answer: dict[str, Any] = {"text": text, "credit": max(rule.credit, Decimal(0))}
        if feedback.get(rule.feedback):
            answer["feedback"] = feedback[rule.feedback]
        answers.append(answer)
    if not answers and declared.mapping:
        answers = [
            {"text": key, "credit": max(value, Decimal(0))} for key, value, _ in declared.mapping
        ]
        case_sensitive = any(case for _, _, case in declared.mapping)
    if not answers:
        answers = [{"text": text, "credit": Decimal(1)} for text in declared.correct]
    return answers, case_sensitive


def _read_item(item: Any, where: str, taken: set[str], notices: list[Notice]) -> dict[str, Any]:
    hints = _hints(item)
    question: dict[str, Any] = {
        "id": unique_slug(
            item.get("identifier", "")
            if hints
            else item.get("title") or item.get("identifier", ""),
            f"q{len(taken) + 1}",
            taken,
        )
    }
    if hints.get("skill") in SKILLS:
        question["skill"] = hints["skill"]
    if hints.get("points") and _decimal(hints["points"]) != 1:
        question["points"] = _decimal(hints["points"])
    declared = _declarations(item)
    rules = _rules(item)
    feedback = _modal_feedback(item)
    if feedback.get(EXPLANATION):
        question["explanation"] = feedback[EXPLANATION]
    body = item.find(qname("qti-item-body"))
    if body is None:
        raise _Problem(where, "the item has no qti-item-body", item.sourceline or 1)
    interactions = [
        element
        for element in body.iter()
        if isinstance(element.tag, str) and local_name(element).endswith("-interaction")
    ]
    kinds = {local_name(element) for element in interactions}
    if kinds == {"qti-extended-text-interaction"}:
        return _read_extended_text(question, body, interactions[0], declared)
    unknown = kinds - {
        "qti-choice-interaction",
        "qti-text-entry-interaction",
        "qti-order-interaction",
    }
    if unknown or not interactions:
        shown = ", ".join(sorted(unknown)) or "no interaction"
        named = item.get("title") or item.get("identifier", "")
        raise _Unsupported(
            where,
            f"question {named!r} uses {shown}, which quizapp does not support (it reads "
            "choice, text-entry, extended-text and order interactions)",
            item.sourceline or 1,
        )
    first = interactions[0]
    response_id = first.get("response-identifier", "")
    response = declared.get(response_id, _Declared("single", "", [], []))
    prompt_element = first.find(qname("qti-prompt"))
    if kinds == {"qti-order-interaction"}:
        texts = {c.get("identifier"): _words(c) for c in first.iterfind(qname("qti-simple-choice"))}
        order = response.correct or list(texts)
        question.update(
            type="ordering",
            prompt=_words(prompt_element) if prompt_element is not None else "Put these in order.",
            items=[texts[i] for i in order if i in texts],
        )
        return question
    if kinds == {"qti-choice-interaction"}:
        return _read_choices(question, first, response, rules, feedback, hints, notices)
    if len(interactions) == 1 and hints.get("type") != "cloze":
        unit = (first.tail or "").strip()
        prompt = _words(body).removesuffix(unit).strip() if unit else _words(body)
        question["prompt"] = prompt
        if response.base_type in {"float", "integer"}:
            return _read_numeric(question, response, rules.get("SCORE", []), feedback, unit)
        answers, case_sensitive = _text_answers(
            response_id, response, rules.get("SCORE", []), feedback
        )
        question.update(type="short_answer", answers=answers)
        if case_sensitive:
            question["case_sensitive"] = True
        return question
    return _read_cloze(question, body, interactions, declared, rules, feedback, hints)


def _read_extended_text(
    question: dict[str, Any], body: Any, interaction: Any, declared: dict[str, _Declared]
) -> dict[str, Any]:
    """A written response: its prompt, the scorer's rubric block, and the model answer."""
    prompt_element = interaction.find(qname("qti-prompt"))
    rubric_blocks = [block for block in body.iter(qname("qti-rubric-block"))]
    if prompt_element is not None:
        prompt = _words(prompt_element)
    else:
        for block in rubric_blocks:
            block.getparent().remove(block)
        prompt = _words(body)
    question.update(type="written_response", prompt=prompt)
    for block in rubric_blocks:
        content = block.find(qname("qti-content-body"))
        question.update(read_guide(_words(content if content is not None else block)))
    response = declared.get(interaction.get("response-identifier", ""))
    if response is not None and response.correct:
        question["model_answer"] = response.correct[0]
    return question


def _read_choices(
    question: dict[str, Any],
    interaction: Any,
    response: _Declared,
    rules: dict[str, list[_Rule]],
    feedback: dict[str, str],
    hints: dict[str, str],
    notices: list[Notice],
) -> dict[str, Any]:
    prompt_element = interaction.find(qname("qti-prompt"))
    question["prompt"] = _words(prompt_element) if prompt_element is not None else ""
    options = [
        (c.get("identifier", ""), _words(c))
        for c in interaction.iterfind(qname("qti-simple-choice"))
    ]
    right = set(response.correct) or {key for key, value, _ in response.mapping if value > 0}
    for rule in rules.get("SCORE", []):
        value = rule.test.find(qname("qti-base-value"))
        if rule.credit > 0 and value is not None and local_name(rule.test) == "qti-match":
            right.add((value.text or "").strip())
    ids = [choice_id for choice_id, _ in options]
    if hints.get("type") == "true_false" or (
        sorted(ids) == ["false", "true"] and "type" not in hints
    ):
        question.update(type="true_false", answer="true" in right)
        for value in ("true", "false"):
            if feedback.get(value):
                question[f"feedback_{value}"] = feedback[value]
        return question
    if hints.get("type") == "evidence":
        question.update(type="evidence", evidence=[text for key, text in options if key in right])
        return question
    single = response.cardinality == "single"
    choices = []
    for choice_id, text in options:
        choice: dict[str, Any] = {"text": text, "correct": choice_id in right}
        if choice_id and not choice_id[0].isdigit() and choice_id == slug(choice_id, "x"):
            choice["id"] = choice_id
        if feedback.get(choice_id):
            choice["feedback"] = feedback[choice_id]
        choices.append(choice)
    if single and len(right) > 1:
        notices.append(Notice(question["id"], "several right answers: read as multi_select"))
        single = False
    question.update(type="multiple_choice" if single else "multi_select", choices=choices)
    if interaction.get("shuffle") == "false":
        question["shuffle"] = False
    _drop_letter_ids(question["choices"])
    return question


def _drop_letter_ids(choices: list[dict[str, Any]]) -> None:
    """Ids a, b, c... by position are quizapp's default: leave them out of the YAML."""
    from quizapp.banks.convert import position_id

    if all(choice.get("id") == position_id(index) for index, choice in enumerate(choices)):
        for choice in choices:
            choice.pop("id", None)


def _read_numeric(
    question: dict[str, Any],
    response: _Declared,
    rules: list[_Rule],
    feedback: dict[str, str],
    unit: str,
) -> dict[str, Any]:
    answers: list[dict[str, Any]] = []
    for rule in rules:
        if local_name(rule.test) != "qti-equal":
            continue
        value = rule.test.find(qname("qti-base-value"))
        tolerance = (rule.test.get("tolerance") or "0").split()[0]
        answer: dict[str, Any] = {
            "value": _decimal((value.text or "") if value is not None else ""),
            "tolerance": abs(_decimal(tolerance)),
            "credit": max(rule.credit, Decimal(0)),
        }
        if feedback.get(rule.feedback):
            answer["feedback"] = feedback[rule.feedback]
        answers.append(answer)
    if not answers:
        answers = [
            {"value": _decimal(v), "tolerance": Decimal(0), "credit": Decimal(1)}
            for v in response.correct
        ]
    question.update(type="numeric", answers=answers)
    if unit:
        question["unit"] = unit
    return question


def _read_cloze(
    question: dict[str, Any],
    body: Any,
    interactions: list[Any],
    declared: dict[str, _Declared],
    rules: dict[str, list[_Rule]],
    feedback: dict[str, str],
    hints: dict[str, str],
) -> dict[str, Any]:
    blanks: dict[str, list[dict[str, Any]]] = {}
    case_sensitive = False
    names: dict[str, str] = {}
    taken: set[str] = set()
    for interaction in interactions:
        response_id = interaction.get("response-identifier", "")
        blank_id = unique_slug(
            response_id.removeprefix("RESPONSE-"), f"blank-{len(names) + 1}", taken
        )
        names[response_id] = blank_id
        prefix = f"{blank_id}-"
        blank_feedback = {key: text for key, text in feedback.items() if key.startswith(prefix)}
        answers, sensitive = _text_answers(
            response_id,
            declared.get(response_id, _Declared("single", "string", [], [])),
            rules.get(f"SCORE-{response_id.removeprefix('RESPONSE-')}", rules.get("SCORE", [])),
            blank_feedback,
        )
        blanks[blank_id] = answers
        case_sensitive = case_sensitive or sensitive
    paragraphs = []
    for block in body:
        parts = [block.text or ""]
        for child in block:
            if local_name(child) == "qti-text-entry-interaction":
                parts.append(f"[[{names[child.get('response-identifier', '')]}]]")
            else:
                parts.append("".join(child.itertext()))
            parts.append(child.tail or "")
        paragraphs.append(" ".join("".join(parts).split()))
    paragraphs = [p for p in paragraphs if p]
    if hints.get("type") == "cloze" and paragraphs and "[[" not in paragraphs[0]:
        question["prompt"] = paragraphs.pop(0)
    question.update(type="cloze", text="\n\n".join(paragraphs), blanks=blanks)
    if case_sensitive:
        question["case_sensitive"] = True
    return question


def _resources(manifest: Any) -> list[tuple[str, str]]:
    return [
        (resource.get("type", ""), resource.get("href", ""))
        for resource in manifest.iter()
        if isinstance(resource.tag, str) and local_name(resource) == "resource"
    ]


def parse(raw: bytes, source_name: str) -> Parsed:
    """A QTI 3.0 package as a bank dict; unreadable items are issues naming their file."""
    parsed = Parsed()
    try:
        files = read_package(raw)
        manifest_bytes = files.get("imsmanifest.xml")
        if manifest_bytes is None:
            raise PackageRefused("the package has no imsmanifest.xml at its top")
        manifest = parse_xml(manifest_bytes)
    except (PackageRefused, XmlRefused) as refused:
        parsed.issues.append(Issue(source_name, getattr(refused, "line", 1), 1, str(refused)))
        return parsed
    title, article = "", ""
    questions: list[dict[str, Any]] = []
    taken: set[str] = set()
    for kind, href in _resources(manifest):
        if kind not in {ITEM_TYPE, STIMULUS_TYPE, TEST_TYPE}:
            continue
        where = f"{href}"
        content = files.get(href)
        if content is None:
            parsed.issues.append(
                Issue(source_name, 1, 1, f"{href}: named in the manifest but missing")
            )
            continue
        try:
            root = parse_xml(content)
        except XmlRefused as refused:
            parsed.issues.append(Issue(source_name, refused.line, 1, f"{href}: {refused.message}"))
            continue
        if kind == TEST_TYPE:
            title = title or root.get("title", "")
            continue
        if kind == STIMULUS_TYPE:
            stimulus_body = _find(root, "qti-stimulus-body")
            if stimulus_body is not None and not article:
                article = _words(stimulus_body)
                title = root.get("title", "") or title
            continue
        try:
            question = _read_item(root, where, taken, parsed.notices)
        except _Problem as problem:
            found = parsed.unsupported if isinstance(problem, _Unsupported) else parsed.issues
            found.append(Issue(source_name, problem.line, 1, f"{href}: {problem.message}"))
            continue
        questions.append(question)
        parsed.places.append((1, f"{href}"))
    return finish_parse(parsed, source_name, title=title, article=article, questions=questions)
