"""evaluate(answers) -> Summary: pure, deterministic and total over every valid Answers."""

from .answers import Answers
from .content import Content, default_content
from .rules import GLUTATHIONE_FIT, fired_flags, plan_advice, relevant_sections
from .summary import FlagResult, MarkResult, PlanEntry, SectionResult, Summary
from .vocab import Level, NextStep, Pregnancy

MAX_PROVIDER_QUESTIONS = 8
_ACT_FIRST = (Level.URGENT, Level.CONSULT)  # the levels whose time frame becomes the next step


def evaluate(answers: Answers, content: Content | None = None) -> Summary:
    """The tailored summary for `answers`, worded from `content` (the shipped content by default)."""
    content = content or default_content()
    flags = tuple(
        FlagResult(
            id=flag,
            level=rule.level,
            when=rule.when,
            title=text.title,
            reason=text.reason,
            action=text.action,
            triggered_by=triggers,
            sources=text.sources,
            source=content.sources_line(text.sources),
        )
        for flag, rule, triggers in fired_flags(answers)
        for text in (content.flags[flag],)
    )
    plan = tuple(
        PlanEntry(route=route, advice=advice, title=text.title, reason=text.reason, sources=text.sources)
        for route, advice in plan_advice(answers)
        for text in (content.plan[route][advice],)
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
            evidence_meaning=content.general.evidence[text.evidence].meaning,
            verdict=text.verdict,
            evidence_note=text.note,
            sources=text.sources,
            shown_because=reasons,
            why_shown=tuple(content.general.relevance[r] for r in reasons),
        )
        for section, reasons in relevant_sections(answers)
        for text in (content.article[section],)
    )
    cited = dict.fromkeys(s for part in (*plan, *flags, *marks, *article) for s in part.sources)
    return Summary(
        level=flags[0].level if flags else Level.NONE,
        next_step=NextStep(flags[0].when) if flags and flags[0].level in _ACT_FIRST else NextStep.NONE,
        plan=plan,
        flags=flags,
        marks=marks,
        article=article,
        questions_for_provider=_questions(answers, flags, content),
        references=tuple(content.reference(s) for s in cited),
        disclaimer=content.general.disclaimer,
        content_version=content.general.content_version,
    )


def _questions(answers: Answers, flags: tuple[FlagResult, ...], content: Content) -> tuple[str, ...]:
    """Questions for the dermatologist or doctor, most pressing first: the flags', the marks', then general ones."""
    asked = content.general.provider_questions
    unsaid = answers.pregnancy is Pregnancy.PREFER_NOT_TO_SAY
    candidates = [
        *(content.flags[f.id].question for f in flags),
        *([asked.pregnancy_unsaid] if unsaid else []),
        *(content.marks[m].question for m in answers.marks),
        *(asked.routes[r] for r in answers.routes),
        *asked.always,
    ]
    return tuple(dict.fromkeys(q for q in candidates if q))[:MAX_PROVIDER_QUESTIONS]
