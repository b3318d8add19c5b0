"""Reading Canvas QTI 1.2 exports (zipped or the bare XML) into a bank dict, settings included:
each item by its ``question_type`` metadata, the skill from the bracket that ends its title, the
article from the ``text_only_question`` item the writer puts at the top.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from quizapp.banks import schema
from quizapp.banks.formats import canvas_meta
from quizapp.banks.formats.base import Notice, Parsed, finish_parse, slug, unique_slug
from quizapp.banks.formats.packages import PackageRefused, is_zip, read_package
from quizapp.banks.formats.qti12.writing import ARTICLE_TYPE
from quizapp.banks.formats.text import html_to_text
from quizapp.banks.formats.xmlsafe import XmlRefused, local_name, parse_xml
from quizapp.banks.issues import Issue

# A Canvas item title ends with the skill in brackets, which is how it is read back.
_SKILL_IN_TITLE = re.compile(
    r"\((detail|main_idea|inference|vocabulary|sequence|cause_effect)(, evidence)?\)$"
)


def _assessment_file(files: dict[str, bytes]) -> tuple[str, bytes] | None:
    """The path and bytes of the package's QTI 1.2 assessment, if it has one."""
    for path, content in files.items():
        if path.endswith(".xml") and b"<questestinterop" in content[:4096]:
            return path, content
    return None


def _questestinterop(raw: bytes) -> bytes | None:
    if not is_zip(raw):
        return raw if b"questestinterop" in raw[:4096] else None
    try:
        found = _assessment_file(read_package(raw))
    except PackageRefused:
        return None
    return found[1] if found else None


def _quiz_settings(
    files: dict[str, bytes], assessment: str, notices: list[Notice]
) -> dict[str, Any]:
    """The settings of the ``assessment_meta.xml`` beside the assessment, if there is one."""
    folder = assessment.rpartition("/")[0]
    meta = files.get(f"{folder}/{canvas_meta.FILE_NAME}" if folder else canvas_meta.FILE_NAME)
    return canvas_meta.read(meta, notices) if meta is not None else {}


def recognises(raw: bytes) -> bool:
    return _questestinterop(raw) is not None


class _Problem(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class _Unsupported(_Problem):
    """A question of a type quizapp has no equivalent for; an import may skip it."""


def _children(element: Any, tag: str) -> list[Any]:
    return [
        child for child in element.iter() if isinstance(child.tag, str) and local_name(child) == tag
    ]


def _first(element: Any, tag: str) -> Any:
    found = _children(element, tag)
    return found[0] if found else None


def _mat(element: Any) -> str:
    """The text of the first ``mattext`` under ``element`` (HTML turned into paragraphs)."""
    mattext = _first(element, "mattext")
    if mattext is None:
        return ""
    return html_to_text(mattext.text or "")


def _metadata(item: Any) -> dict[str, str]:
    found = {}
    for field in _children(item, "qtimetadatafield"):
        label_element, entry = _first(field, "fieldlabel"), _first(field, "fieldentry")
        if label_element is not None and entry is not None:
            found[(label_element.text or "").strip()] = (entry.text or "").strip()
    return found


def _direct_material(presentation: Any) -> str:
    for child in presentation:
        if isinstance(child.tag, str) and local_name(child) == "material":
            return _mat(child)
    return ""


def _scored(item: Any) -> list[tuple[Decimal, Any]]:
    """(score 0..1, conditionvar) for each respcondition that sets a score above 0."""
    found = []
    for condition in _children(item, "respcondition"):
        setvar = _first(condition, "setvar")
        variables = _first(condition, "conditionvar")
        if setvar is None or variables is None:
            continue
        try:
            value = Decimal((setvar.text or "0").strip())
        except InvalidOperation:
            raise _Problem(f"the score {setvar.text!r} is not a number") from None
        if value > 0:
            found.append((value / 100 if value > 1 else value, variables))
    return found


def _feedback(item: Any) -> tuple[dict[str, str], dict[str, str]]:
    """Feedback texts by ident, and the response value each feedback is linked to."""
    texts = {fb.get("ident", ""): _mat(fb) for fb in _children(item, "itemfeedback")}
    links = {}
    for condition in _children(item, "respcondition"):
        display = _first(condition, "displayfeedback")
        equal = _first(condition, "varequal")
        if display is not None and equal is not None and _first(condition, "setvar") is None:
            links[(equal.text or "").strip()] = texts.get(display.get("linkrefid", ""), "")
    return texts, links


def _labels(response: Any) -> list[tuple[str, str]]:
    return [
        (label.get("ident", ""), _mat(label)) for label in _children(response, "response_label")
    ]


def _read_item(
    item: Any, kind: str, points: str, taken: set[str], notices: list[Notice]
) -> dict[str, Any]:
    title = item.get("title", "")
    skill = _SKILL_IN_TITLE.search(title)
    question: dict[str, Any] = {
        "id": unique_slug(
            item.get("ident", "") if skill else title or item.get("ident", ""),
            f"q{len(taken) + 1}",
            taken,
        )
    }
    if skill:
        question["skill"] = skill.group(1)
    try:
        if points and Decimal(points) not in (0, 1):
            question["points"] = Decimal(points)
    except InvalidOperation:
        raise _Problem(f"points_possible {points!r} is not a number") from None
    presentation = _first(item, "presentation")
    if presentation is None:
        raise _Problem("the item has no <presentation>")
    texts, links = _feedback(item)
    if texts.get("general_fb"):
        question["explanation"] = texts["general_fb"]
    prompt = _direct_material(presentation)
    scored = _scored(item)
    if kind in {"multiple_choice_question", "multiple_answers_question", "true_false_question"}:
        options = _labels(presentation)
        right: set[str] = set()
        for _, variables in scored:
            for equal in _children(variables, "varequal"):
                parent = equal.getparent()
                if parent is None or local_name(parent) != "not":
                    right.add((equal.text or "").strip())
        question["prompt"] = prompt
        if kind == "true_false_question":
            truth = {ident: text.strip().lower() for ident, text in options}
            question.update(type="true_false", answer=any(truth.get(r) == "true" for r in right))
            for ident, text in truth.items():
                if links.get(ident) and text in {"true", "false"}:
                    question[f"feedback_{text}"] = links[ident]
            return question
        if skill and skill.group(2):
            question.update(type="evidence", evidence=[t for i, t in options if i in right])
            return question
        choices = []
        for ident, text in options:
            choice: dict[str, Any] = {"text": text, "correct": ident in right}
            if links.get(ident):
                choice["feedback"] = links[ident]
            choices.append(choice)
        single = kind == "multiple_choice_question" and sum(c["correct"] for c in choices) == 1
        question.update(type="multiple_choice" if single else "multi_select", choices=choices)
        return question
    if kind == "essay_question":
        question.update(type="written_response", prompt=prompt)
        return question
    if kind == "short_answer_question":
        answers = [
            {"text": (equal.text or "").strip(), "credit": Decimal(1)}
            for _, variables in scored
            for equal in _children(variables, "varequal")
        ]
        question.update(type="short_answer", prompt=prompt, answers=answers)
        return question
    if kind == "numerical_question":
        answers = []
        for _, variables in scored:
            exact = _first(variables, "varequal")
            low, high = _first(variables, "vargte"), _first(variables, "varlte")
            try:
                if low is not None and high is not None:
                    low_value, high_value = Decimal(low.text.strip()), Decimal(high.text.strip())
                    value = (
                        Decimal(exact.text.strip())
                        if exact is not None
                        else (low_value + high_value) / 2
                    )
                    tolerance = max(value - low_value, high_value - value)
                else:
                    value, tolerance = Decimal(exact.text.strip()), Decimal(0)
            except (InvalidOperation, AttributeError):
                raise _Problem("a numerical answer is not a number") from None
            answers.append({"value": value, "tolerance": tolerance, "credit": Decimal(1)})
        question.update(type="numeric", prompt=prompt, answers=answers)
        return question
    if kind == "fill_in_multiple_blanks_question":
        blanks: dict[str, list[dict[str, Any]]] = {}
        for response in _children(presentation, "response_lid"):
            blank_id = slug(
                _mat(response) or response.get("ident", "").removeprefix("response_"), "blank"
            )
            blanks[blank_id] = [
                {"text": text, "credit": Decimal(1)} for _, text in _labels(response)
            ]
        instruction, _, text = prompt.partition("\n\n")
        if not text:
            instruction, text = schema.DEFAULT_CLOZE_PROMPT, prompt
        for blank_id in blanks:
            text = text.replace(f"[{blank_id}]", f"[[{blank_id}]]")
        question.update(type="cloze", prompt=instruction, text=text, blanks=blanks)
        return question
    if kind == "matching_question":
        items: list[tuple[int, str]] = []
        for response in _children(presentation, "response_lid"):
            labels = dict(_labels(response))
            place = ""
            for _, variables in scored:
                equal = _first(variables, "varequal")
                if equal is not None and equal.get("respident") == response.get("ident"):
                    place = (equal.text or "").strip()
            rank = list(labels).index(place) if place in labels else len(items)
            items.append((rank, _mat(response)))
        if sorted(rank for rank, _ in items) != list(range(len(items))):
            raise _Unsupported(
                f"question {title!r} is a Canvas matching_question that is not an ordering, "
                "which quizapp does not support"
            )
        question.update(type="ordering", prompt=prompt, items=[text for _, text in sorted(items)])
        notices.append(Notice(question["id"], "a matching question is read as an ordering"))
        return question
    raise _Unsupported(
        f"question {title or item.get('ident', '')!r} is of the Canvas type "
        f"{kind or '(none)'!r}, which quizapp does not support; remove it or rewrite it"
    )


def parse(raw: bytes, source_name: str) -> Parsed:
    """A Canvas QTI 1.2 export (zip or XML) as a bank dict; each problem names its item."""
    parsed = Parsed()
    quiz: dict[str, Any] = {}
    try:
        content = raw
        if is_zip(raw):
            files = read_package(raw)
            assessment_file = _assessment_file(files)
            if assessment_file is None:
                raise PackageRefused("the package holds no QTI 1.2 <questestinterop> file")
            path, content = assessment_file
            quiz = _quiz_settings(files, path, parsed.notices)
        root = parse_xml(content)
    except (PackageRefused, XmlRefused) as refused:
        parsed.issues.append(Issue(source_name, getattr(refused, "line", 1), 1, str(refused)))
        return parsed
    assessment = _first(root, "assessment")
    title = assessment.get("title", "") if assessment is not None else ""
    bank_id = assessment.get("ident", "") if assessment is not None else ""
    article = ""
    questions: list[dict[str, Any]] = []
    taken: set[str] = set()
    for index, item in enumerate(_children(root, "item"), start=1):
        metadata = _metadata(item)
        kind = metadata.get("question_type", "")
        where = f"item {item.get('ident', index)}"
        line = item.sourceline or 1
        if kind == ARTICLE_TYPE:
            presentation = _first(item, "presentation")
            if not article and presentation is not None:
                article = _direct_material(presentation)
            continue
        try:
            question = _read_item(
                item, kind, metadata.get("points_possible", ""), taken, parsed.notices
            )
        except _Problem as problem:
            found = parsed.unsupported if isinstance(problem, _Unsupported) else parsed.issues
            found.append(Issue(source_name, line, 1, f"{where}: {problem.message}"))
            continue
        questions.append(question)
        parsed.places.append((line, where))
    finish_parse(
        parsed, source_name, title=title, article=article, questions=questions, bank_id=bank_id
    )
    if parsed.data is not None and quiz:
        parsed.data["quiz"] = quiz
    return parsed
