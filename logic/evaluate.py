"""evaluate(answers) -> Summary: pure, deterministic and total over every valid Answers."""

from .answers import Answers
from .content import Content, default_content
from .rules import GLUTATHIONE_FIT, fired_flags, relevant_sections
from .summary import FlagResult, MarkResult, SectionResult, Summary
from .vocab import Level


def evaluate(answers: Answers, content: Content | None = None) -> Summary:
    """The tailored summary for `answers`, worded from `content` (the shipped content by default)."""
    content = content or default_content()
    flags = tuple(
        FlagResult(
            id=flag,
            level=level,
            title=content.flags[flag].title,
            reason=content.flags[flag].reason,
            action=content.flags[flag].action,
            triggered_by=triggers,
            source=content.flags[flag].source,
        )
        for flag, level, triggers in fired_flags(answers)
    )
    marks = tuple(
        MarkResult(
            mark=mark,
            name=text.name,
            glutathione_fit=GLUTATHIONE_FIT[mark],
            description=text.description,
            recognise=text.recognise,
            glutathione=text.glutathione,
            what_works=text.what_works,
            sources=text.sources,
        )
        for mark in answers.marks
        for text in (content.marks[mark],)
    )
    article = tuple(
        SectionResult(
            section=section,
            title=text.title,
            article_says=text.claim,
            evidence=text.evidence,
            evidence_note=text.note,
            source=text.source,
            shown_because=reasons,
            why_shown=tuple(content.general.relevance[r] for r in reasons),
        )
        for section, reasons in relevant_sections(answers)
        for text in (content.article[section],)
    )
    return Summary(
        level=flags[0].level if flags else Level.NONE,
        flags=flags,
        marks=marks,
        article=article,
        questions_for_provider=_questions(answers, flags, content),
        disclaimer=content.general.disclaimer,
        content_version=content.general.content_version,
    )


def _questions(answers: Answers, flags: tuple[FlagResult, ...], content: Content) -> tuple[str, ...]:
    asked = content.general.provider_questions
    candidates = [
        *(content.flags[f.id].question for f in flags),
        *(content.marks[m].question for m in answers.marks),
        *(asked.routes[r] for r in answers.routes),
        *asked.always,
    ]
    return tuple(dict.fromkeys(q for q in candidates if q))
