"""The medical rules, as data: when each flag fires, the plan for each way of taking glutathione, which
article sections apply, how each mark fits.

A condition looks at the answers and returns the answers that satisfy it (as triggers); an empty tuple
means it does not hold. That one shape gives both "does it fire" and "why am I seeing this".
"""

from collections.abc import Callable
from enum import StrEnum
from typing import NamedTuple

from .answers import Answers
from .summary import Trigger
from .vocab import (
    ActiveAcne,
    Advice,
    AgeGroup,
    Condition,
    Distress,
    Field,
    FlagId,
    GlutathioneFit,
    Goal,
    Isotretinoin,
    Level,
    Mark,
    MarkAge,
    OtherTreatment,
    Pregnancy,
    Relevance,
    Route,
    SectionId,
    Setting,
    Severity,
    SkinType,
    Symptom,
    When,
    YesNoNotSure,
)

Rule = Callable[[Answers], tuple[Trigger, ...]]


def answered(field: Field, *values: StrEnum | bool) -> Rule:
    """Holds when the answer to `field` is (or, for lists, includes) any of `values`."""
    wanted = frozenset(values)

    def holds(answers: Answers) -> tuple[Trigger, ...]:
        return tuple(Trigger(field=field, value=v) for v in answers.values_of(field) if v in wanted)

    return holds


def every(*rules: Rule) -> Rule:
    """Holds when all of `rules` hold."""

    def holds(answers: Answers) -> tuple[Trigger, ...]:
        found = [rule(answers) for rule in rules]
        return tuple(trigger for part in found for trigger in part) if all(found) else ()

    return holds


def either(*rules: Rule) -> Rule:
    """Holds when any of `rules` holds; the triggers are those of every rule that holds."""

    def holds(answers: Answers) -> tuple[Trigger, ...]:
        return tuple(trigger for rule in rules for trigger in rule(answers))

    return holds


def lacking(field: Field, *values: StrEnum) -> Rule:
    """Holds when the answer to `field` is (or, for lists, includes) none of `values`; its triggers are the
    answer as given, so "why am I seeing this" names what was chosen instead."""
    unwanted = frozenset(values)

    def holds(answers: Answers) -> tuple[Trigger, ...]:
        given = answers.values_of(field)
        if any(v in unwanted for v in given):
            return ()
        return tuple(Trigger(field=field, value=v) for v in given)

    return holds


def always(answers: Answers) -> tuple[Trigger, ...]:
    """Holds for everyone (the sections every reader should see); its trigger is the marks they named."""
    return tuple(Trigger(field=Field.MARKS, value=v) for v in answers.marks)


# --- Building blocks shared by several rules ------------------------------------------------------------

INJECTION_POSSIBLE = answered(Field.ROUTES, Route.INJECTION, Route.NOT_DECIDED)
DARKER_SKIN = answered(Field.SKIN_TYPE, SkinType.IV, SkinType.V, SkinType.VI)
SUNKEN = answered(Field.MARKS, Mark.ICEPICK, Mark.BOXCAR, Mark.ROLLING)
RAISED = answered(Field.MARKS, Mark.RAISED, Mark.KELOID)
FLAT = answered(Field.MARKS, Mark.BROWN_MARKS, Mark.RED_MARKS)
PREGNANCY_OR_BREASTFEEDING = answered(Field.PREGNANCY, Pregnancy.PREGNANT, Pregnancy.TRYING, Pregnancy.BREASTFEEDING)
RECENT_ISOTRETINOIN = answered(Field.ISOTRETINOIN, Isotretinoin.CURRENT, Isotretinoin.WITHIN_6_MONTHS)
ACTIVE_ACNE = answered(Field.ACTIVE_ACNE, ActiveAcne.FEW, ActiveAcne.MANY_INFLAMED, ActiveAcne.NODULES_OR_CYSTS)
LIGHTENING_GOAL = answered(Field.GOALS, Goal.LIGHTER_SKIN_OVERALL)
FADE_DARK_GOAL = answered(Field.GOALS, Goal.FADE_DARK_MARKS)
NON_MEDICAL_SETTING = answered(
    Field.SETTING, Setting.SPA_OR_SALON, Setting.HOME_SERVICE, Setting.SELF_AT_HOME, Setting.ONLINE_PURCHASE
)
BREATHING_CONDITION = answered(Field.CONDITIONS, Condition.ASTHMA, Condition.SULFITE_SENSITIVITY)
INHALED = answered(Field.ROUTES, Route.INHALED)
HEALTH_ANSWERS = either(
    PREGNANCY_OR_BREASTFEEDING,
    answered(Field.AGE_GROUP, AgeGroup.UNDER_18),
    answered(Field.CONDITIONS, *Condition),
    answered(Field.PREVIOUS_REACTION, YesNoNotSure.YES),
    RECENT_ISOTRETINOIN,
)

# --- Flags: the contract's table, in its order ----------------------------------------------------------

WHITENING = answered(Field.OTHER_TREATMENTS, OtherTreatment.WHITENING_PRODUCTS)


class FlagRule(NamedTuple):
    level: Level
    when: When
    holds: Rule


FLAG_RULES: dict[FlagId, FlagRule] = {
    FlagId.POSSIBLE_ANAPHYLAXIS: FlagRule(
        Level.URGENT, When.NOW, answered(Field.CURRENT_SYMPTOMS, Symptom.BREATHING_OR_SWELLING)
    ),
    FlagId.POSSIBLE_SEVERE_SKIN_REACTION: FlagRule(
        Level.URGENT, When.NOW, answered(Field.CURRENT_SYMPTOMS, Symptom.RASH_OR_BLISTERS)
    ),
    FlagId.SELF_HARM: FlagRule(Level.URGENT, When.NOW, answered(Field.DISTRESS, Distress.SELF_HARM_THOUGHTS)),
    FlagId.POSSIBLE_INFECTION: FlagRule(
        Level.URGENT, When.TODAY, answered(Field.CURRENT_SYMPTOMS, Symptom.INFECTION_SIGNS)
    ),
    FlagId.POSSIBLE_ORGAN_HARM: FlagRule(
        Level.URGENT, When.TODAY, answered(Field.CURRENT_SYMPTOMS, Symptom.JAUNDICE_OR_DARK_URINE)
    ),
    FlagId.ACNE_WITH_FEVER: FlagRule(
        Level.URGENT, When.TODAY, answered(Field.CURRENT_SYMPTOMS, Symptom.ACNE_WITH_FEVER)
    ),
    FlagId.ISOTRETINOIN_PREGNANCY: FlagRule(
        Level.URGENT,
        When.TODAY,
        every(answered(Field.ISOTRETINOIN, Isotretinoin.CURRENT), PREGNANCY_OR_BREASTFEEDING),
    ),
    FlagId.CHANGING_SPOT: FlagRule(Level.URGENT, When.WITHIN_2_WEEKS, answered(Field.CHANGING_SPOT, True)),
    FlagId.PREGNANCY_OR_BREASTFEEDING: FlagRule(Level.CONSULT, When.BEFORE_TREATMENT, PREGNANCY_OR_BREASTFEEDING),
    FlagId.UNDER_18: FlagRule(Level.CONSULT, When.BEFORE_TREATMENT, answered(Field.AGE_GROUP, AgeGroup.UNDER_18)),
    FlagId.ORGAN_CONDITION: FlagRule(
        Level.CONSULT,
        When.BEFORE_TREATMENT,
        answered(Field.CONDITIONS, Condition.KIDNEY, Condition.LIVER, Condition.THYROID),
    ),
    FlagId.IV_VITAMIN_C_RISK: FlagRule(
        Level.CONSULT,
        When.BEFORE_TREATMENT,
        every(answered(Field.CONDITIONS, Condition.G6PD_DEFICIENCY, Condition.KIDNEY_STONES), INJECTION_POSSIBLE),
    ),
    FlagId.CANCER_TREATMENT: FlagRule(
        Level.CONSULT, When.BEFORE_TREATMENT, answered(Field.CONDITIONS, Condition.CANCER_TREATMENT)
    ),
    FlagId.PREVIOUS_REACTION: FlagRule(
        Level.CONSULT,
        When.BEFORE_TREATMENT,
        either(
            answered(Field.PREVIOUS_REACTION, YesNoNotSure.YES),
            every(answered(Field.PREVIOUS_REACTION, YesNoNotSure.NOT_SURE), INJECTION_POSSIBLE),
        ),
    ),
    FlagId.SEVERE_ACTIVE_ACNE: FlagRule(
        Level.CONSULT,
        When.BEFORE_TREATMENT,
        answered(Field.ACTIVE_ACNE, ActiveAcne.MANY_INFLAMED, ActiveAcne.NODULES_OR_CYSTS),
    ),
    FlagId.KELOID_RISK: FlagRule(
        Level.CONSULT, When.BEFORE_TREATMENT, either(RAISED, answered(Field.KELOID_HISTORY, YesNoNotSure.YES))
    ),
    FlagId.RECENT_ISOTRETINOIN: FlagRule(Level.CONSULT, When.BEFORE_TREATMENT, RECENT_ISOTRETINOIN),
    FlagId.UNREGULATED_LIGHTENING_PRODUCTS: FlagRule(Level.CONSULT, When.BEFORE_TREATMENT, WHITENING),
    FlagId.DARKER_SKIN_PROCEDURES: FlagRule(
        Level.CONSULT,
        When.BEFORE_TREATMENT,
        every(
            answered(Field.SKIN_TYPE, SkinType.IV, SkinType.V, SkinType.VI, SkinType.NOT_SURE),
            answered(Field.OTHER_TREATMENTS, OtherTreatment.CHEMICAL_PEEL, OtherTreatment.LASER),
        ),
    ),
    FlagId.UNSAFE_INJECTION_SETTING: FlagRule(
        Level.CONSULT, When.BEFORE_TREATMENT, every(INJECTION_POSSIBLE, NON_MEDICAL_SETTING)
    ),
    FlagId.SUNKEN_SCARS: FlagRule(Level.CONSULT, When.BEFORE_TREATMENT, SUNKEN),
    FlagId.EMOTIONAL_IMPACT: FlagRule(
        Level.CONSULT, When.BEFORE_TREATMENT, answered(Field.DISTRESS, Distress.AFFECTS_DAILY_LIFE)
    ),
    FlagId.INHALED_WITH_ASTHMA: FlagRule(Level.CONSULT, When.BEFORE_TREATMENT, every(INHALED, BREATHING_CONDITION)),
    FlagId.ISOTRETINOIN_UNSURE: FlagRule(
        Level.CONSULT, When.BEFORE_TREATMENT, answered(Field.ISOTRETINOIN, Isotretinoin.NOT_SURE)
    ),
    FlagId.MARKS_UNSURE: FlagRule(Level.CONSULT, When.BEFORE_TREATMENT, answered(Field.MARKS, Mark.NOT_SURE)),
    FlagId.INJECTION_NOT_APPROVED: FlagRule(Level.NOTE, When.ANYTIME, INJECTION_POSSIBLE),
    FlagId.INHALED_GLUTATHIONE_ASTHMA: FlagRule(
        Level.NOTE, When.ANYTIME, every(BREATHING_CONDITION, lacking(Field.ROUTES, Route.INHALED))
    ),
    FlagId.RED_MARKS_NOT_PIGMENT: FlagRule(Level.NOTE, When.ANYTIME, answered(Field.MARKS, Mark.RED_MARKS)),
    FlagId.DARKER_SKIN_PIH: FlagRule(Level.NOTE, When.ANYTIME, DARKER_SKIN),
    FlagId.RECENT_MARKS: FlagRule(Level.NOTE, When.ANYTIME, answered(Field.MARK_AGE, MarkAge.UNDER_3_MONTHS)),
    FlagId.TYPE_UNSURE: FlagRule(Level.NOTE, When.ANYTIME, answered(Field.SKIN_TYPE, SkinType.NOT_SURE)),
    FlagId.PRODUCT_QUALITY: FlagRule(
        Level.NOTE,
        When.ANYTIME,
        every(answered(Field.ROUTES, Route.ORAL, Route.TOPICAL), answered(Field.SETTING, Setting.ONLINE_PURCHASE)),
    ),
    FlagId.LIGHTENING_GOAL: FlagRule(Level.NOTE, When.ANYTIME, LIGHTENING_GOAL),
}

# --- The plan: "should I do this, and will it help my marks?" for each way of taking glutathione ---------

UNDECIDED_MEANS = (Route.INJECTION, Route.ORAL, Route.TOPICAL)  # what `not_decided` stands for
# Pills and creams: their safety has not been shown for these people, so a doctor comes first.
SAFETY_NOT_SHOWN = either(
    PREGNANCY_OR_BREASTFEEDING,
    answered(Field.AGE_GROUP, AgeGroup.UNDER_18),
    answered(Field.CONDITIONS, Condition.KIDNEY, Condition.LIVER, Condition.THYROID, Condition.CANCER_TREATMENT),
    answered(Field.PREVIOUS_REACTION, YesNoNotSure.YES),
)
BROWN_MARKS = answered(Field.MARKS, Mark.BROWN_MARKS)
_PILLS_AND_CREAMS = (
    (Advice.ASK_DOCTOR_FIRST, SAFETY_NOT_SHOWN),
    (Advice.SMALL_EFFECT_AT_MOST, BROWN_MARKS),  # at most a slight, short-lived lightening of brown marks
    (Advice.UNLIKELY_TO_HELP, always),
)
# Every advice a route can get, in the order they are tried: the first that holds is the route's advice.
# Injections and inhaling are advised against for everyone: no injection is approved for skin anywhere, and
# inhaled glutathione is not a skin treatment and can tighten the airways.
PLAN_RULES: dict[Route, tuple[tuple[Advice, Rule], ...]] = {
    Route.INJECTION: ((Advice.AVOID, always),),
    Route.INHALED: ((Advice.AVOID, always),),
    Route.ORAL: _PILLS_AND_CREAMS,
    Route.TOPICAL: _PILLS_AND_CREAMS,
}


def planned_routes(answers: Answers) -> tuple[Route, ...]:
    """The routes the plan answers for, in the plan's order; `not_decided` stands for its three."""
    chosen = set(answers.routes)
    if Route.NOT_DECIDED in chosen:
        chosen |= set(UNDECIDED_MEANS)
    return tuple(r for r in PLAN_RULES if r in chosen)


def plan_advice(answers: Answers) -> tuple[tuple[Route, Advice], ...]:
    """The advice for each route the person is considering, in the plan's order."""
    return tuple(
        (route, next(advice for advice, holds in PLAN_RULES[route] if holds(answers)))
        for route in planned_routes(answers)
    )


# --- How glutathione fits each kind of mark (fixed by the spec) ----------------------------------------

GLUTATHIONE_FIT: dict[Mark, GlutathioneFit] = {
    Mark.BROWN_MARKS: GlutathioneFit.LIMITED_EVIDENCE,
    Mark.RED_MARKS: GlutathioneFit.NOT_EXPECTED,
    Mark.ICEPICK: GlutathioneFit.NOT_EXPECTED,
    Mark.BOXCAR: GlutathioneFit.NOT_EXPECTED,
    Mark.ROLLING: GlutathioneFit.NOT_EXPECTED,
    Mark.RAISED: GlutathioneFit.NOT_EXPECTED,
    Mark.KELOID: GlutathioneFit.NOT_EXPECTED,
    Mark.NOT_SURE: GlutathioneFit.UNKNOWN,
}

# --- Which of the article's sections speak to this person, and why ------------------------------------
# Not "show everything": each section is shown for the answers it actually says something about, so a
# person with only red marks reads why the pigment claims miss them, and a person with sunken scars reads
# the article's own admission about deep scars.

SECTION_RULES: dict[SectionId, tuple[tuple[Relevance, Rule], ...]] = {
    SectionId.WHAT_IT_IS: ((Relevance.EVERYONE, always),),
    SectionId.HOW_IT_WORKS: (
        (Relevance.BROWN_MARKS, answered(Field.MARKS, Mark.BROWN_MARKS)),
        (Relevance.RED_MARKS, answered(Field.MARKS, Mark.RED_MARKS)),
        (Relevance.LIGHTENING_GOAL, LIGHTENING_GOAL),
    ),
    SectionId.CAN_IT_REDUCE_SCARS: ((Relevance.EVERYONE, always),),
    SectionId.BENEFIT_LIGHTENING: (
        (Relevance.LIGHTENING_GOAL, LIGHTENING_GOAL),
        (Relevance.FADE_DARK_GOAL, FADE_DARK_GOAL),
        (Relevance.BROWN_MARKS, answered(Field.MARKS, Mark.BROWN_MARKS)),
    ),
    SectionId.BENEFIT_HYPERPIGMENTATION: (
        (Relevance.BROWN_MARKS, answered(Field.MARKS, Mark.BROWN_MARKS)),
        (Relevance.FADE_DARK_GOAL, FADE_DARK_GOAL),
        (Relevance.RED_MARKS, answered(Field.MARKS, Mark.RED_MARKS)),
        (Relevance.FADE_RED_GOAL, answered(Field.GOALS, Goal.FADE_RED_MARKS)),
    ),
    SectionId.BENEFIT_TEXTURE: (
        (Relevance.SUNKEN_SCARS, SUNKEN),
        (Relevance.RAISED_SCARS, RAISED),
        (Relevance.TEXTURE_GOAL, answered(Field.GOALS, Goal.SMOOTH_PITS, Goal.FLATTEN_RAISED)),
    ),
    SectionId.BENEFIT_ANTI_INFLAMMATORY: (
        (Relevance.ACTIVE_ACNE, ACTIVE_ACNE),
        (Relevance.RED_MARKS, answered(Field.MARKS, Mark.RED_MARKS)),
    ),
    SectionId.BENEFIT_DETOX: (
        (Relevance.ACTIVE_ACNE, ACTIVE_ACNE),
        (Relevance.NON_MEDICAL_SETTING, NON_MEDICAL_SETTING),
    ),
    SectionId.TIMELINE: (
        (Relevance.FADE_DARK_GOAL, FADE_DARK_GOAL),
        (Relevance.LIGHTENING_GOAL, LIGHTENING_GOAL),
        (Relevance.BROWN_MARKS, answered(Field.MARKS, Mark.BROWN_MARKS)),
    ),
    SectionId.RISKS: (
        (Relevance.CONSIDERING_INJECTION, INJECTION_POSSIBLE),
        (Relevance.HEALTH_ANSWERS, HEALTH_ANSWERS),
    ),
    SectionId.FAQ_HOW_IT_HELPS: (
        (Relevance.MIXED_MARKS_AND_SCARS, every(FLAT, either(SUNKEN, RAISED))),
        (Relevance.TYPE_UNSURE, answered(Field.MARKS, Mark.NOT_SURE)),
    ),
    SectionId.FAQ_HOW_LONG: (
        (Relevance.RECENT_MARKS, answered(Field.MARK_AGE, MarkAge.UNDER_3_MONTHS, MarkAge.FROM_3_TO_12_MONTHS)),
    ),
    SectionId.FAQ_COMPLETE_REMOVAL: (
        (Relevance.SUNKEN_SCARS, SUNKEN),
        (Relevance.RAISED_SCARS, RAISED),
        (Relevance.SEVERE_SCARS, answered(Field.SEVERITY, Severity.MODERATE, Severity.SEVERE)),
        (Relevance.TEXTURE_GOAL, answered(Field.GOALS, Goal.SMOOTH_PITS, Goal.FLATTEN_RAISED)),
    ),
    SectionId.FAQ_SAFETY: ((Relevance.HEALTH_ANSWERS, HEALTH_ANSWERS),),
    SectionId.FAQ_COMBINATION: (
        (Relevance.OTHER_TREATMENTS, answered(Field.OTHER_TREATMENTS, *OtherTreatment)),
        (Relevance.SUNKEN_SCARS, SUNKEN),
    ),
    SectionId.CONCLUSION: ((Relevance.EVERYONE, always),),
}


def fired_flags(answers: Answers) -> list[tuple[FlagId, FlagRule, tuple[Trigger, ...]]]:
    """Every flag whose condition holds, urgent first, then consult, then note; table order within a level."""
    fired = [(flag, rule, rule.holds(answers)) for flag, rule in FLAG_RULES.items()]
    return sorted((f for f in fired if f[2]), key=lambda f: -f[1].level.rank)


def relevant_sections(answers: Answers) -> list[tuple[SectionId, tuple[Relevance, ...]]]:
    """The article's sections that apply, in the article's order, each with why it applies."""
    shown = []
    for section, reasons in SECTION_RULES.items():
        why = tuple(reason for reason, holds in reasons if holds(answers))
        if why:
            shown.append((section, why))
    return shown
