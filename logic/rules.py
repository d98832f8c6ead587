"""The medical rules, as data: when each flag fires, which article sections apply, how each mark fits.

A condition looks at the answers and returns the answers that satisfy it (as triggers); an empty tuple
means it does not hold. That one shape gives both "does it fire" and "why am I seeing this".
"""

from collections.abc import Callable
from enum import StrEnum

from .answers import Answers
from .summary import Trigger
from .vocab import (
    ActiveAcne,
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
    YesNoNotSure,
)

Test = Callable[[Answers], tuple[Trigger, ...]]


def answered(field: Field, *values: StrEnum | bool) -> Test:
    """Holds when the answer to `field` is (or, for lists, includes) any of `values`."""
    wanted = frozenset(values)

    def test(answers: Answers) -> tuple[Trigger, ...]:
        return tuple(Trigger(field=field, value=v) for v in answers.values_of(field) if v in wanted)

    return test


def every(*tests: Test) -> Test:
    """Holds when all of `tests` hold."""

    def test(answers: Answers) -> tuple[Trigger, ...]:
        found = [t(answers) for t in tests]
        return tuple(trigger for part in found for trigger in part) if all(found) else ()

    return test


def either(*tests: Test) -> Test:
    """Holds when any of `tests` holds; the triggers are those of every test that holds."""

    def test(answers: Answers) -> tuple[Trigger, ...]:
        return tuple(trigger for t in tests for trigger in t(answers))

    return test


def always(_: Answers) -> bool:
    """Holds for everyone: the sections every reader should see."""
    return True


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
HEALTH_ANSWERS = either(
    PREGNANCY_OR_BREASTFEEDING,
    answered(Field.AGE_GROUP, AgeGroup.UNDER_18),
    answered(Field.CONDITIONS, *Condition),
    answered(Field.PREVIOUS_REACTION, YesNoNotSure.YES),
    RECENT_ISOTRETINOIN,
)

# --- Flags: the spec's table, in its order ------------------------------------------------------------

FLAG_RULES: dict[FlagId, tuple[Level, Test]] = {
    FlagId.POSSIBLE_SEVERE_SKIN_REACTION: (
        Level.URGENT,
        answered(Field.CURRENT_SYMPTOMS, Symptom.RASH_OR_BLISTERS),
    ),
    FlagId.POSSIBLE_ANAPHYLAXIS: (Level.URGENT, answered(Field.CURRENT_SYMPTOMS, Symptom.BREATHING_OR_SWELLING)),
    FlagId.POSSIBLE_INFECTION: (Level.URGENT, answered(Field.CURRENT_SYMPTOMS, Symptom.INFECTION_SIGNS)),
    FlagId.ACNE_WITH_FEVER: (Level.URGENT, answered(Field.CURRENT_SYMPTOMS, Symptom.ACNE_WITH_FEVER)),
    FlagId.SELF_HARM: (Level.URGENT, answered(Field.DISTRESS, Distress.SELF_HARM_THOUGHTS)),
    FlagId.CHANGING_SPOT: (Level.URGENT, answered(Field.CHANGING_SPOT, True)),
    FlagId.PREGNANCY_OR_BREASTFEEDING: (Level.CONSULT, PREGNANCY_OR_BREASTFEEDING),
    FlagId.UNDER_18: (Level.CONSULT, answered(Field.AGE_GROUP, AgeGroup.UNDER_18)),
    FlagId.ORGAN_CONDITION: (
        Level.CONSULT,
        answered(Field.CONDITIONS, Condition.KIDNEY, Condition.LIVER, Condition.THYROID),
    ),
    FlagId.IV_VITAMIN_C_RISK: (
        Level.CONSULT,
        every(answered(Field.CONDITIONS, Condition.G6PD_DEFICIENCY, Condition.KIDNEY_STONES), INJECTION_POSSIBLE),
    ),
    FlagId.CANCER_TREATMENT: (Level.CONSULT, answered(Field.CONDITIONS, Condition.CANCER_TREATMENT)),
    FlagId.PREVIOUS_REACTION: (Level.CONSULT, answered(Field.PREVIOUS_REACTION, YesNoNotSure.YES)),
    FlagId.SEVERE_ACTIVE_ACNE: (
        Level.CONSULT,
        answered(Field.ACTIVE_ACNE, ActiveAcne.MANY_INFLAMED, ActiveAcne.NODULES_OR_CYSTS),
    ),
    FlagId.KELOID_RISK: (Level.CONSULT, either(RAISED, answered(Field.KELOID_HISTORY, YesNoNotSure.YES))),
    FlagId.RECENT_ISOTRETINOIN: (Level.CONSULT, RECENT_ISOTRETINOIN),
    FlagId.DARKER_SKIN_PROCEDURES: (
        Level.CONSULT,
        every(DARKER_SKIN, answered(Field.OTHER_TREATMENTS, OtherTreatment.CHEMICAL_PEEL, OtherTreatment.LASER)),
    ),
    FlagId.UNSAFE_INJECTION_SETTING: (
        Level.CONSULT,
        every(
            INJECTION_POSSIBLE,
            answered(Field.SETTING, Setting.SPA_OR_SALON, Setting.SELF_AT_HOME, Setting.ONLINE_PURCHASE),
        ),
    ),
    FlagId.SUNKEN_SCARS: (Level.CONSULT, SUNKEN),
    FlagId.EMOTIONAL_IMPACT: (Level.CONSULT, answered(Field.DISTRESS, Distress.AFFECTS_DAILY_LIFE)),
    FlagId.INHALED_GLUTATHIONE_ASTHMA: (
        Level.NOTE,
        answered(Field.CONDITIONS, Condition.ASTHMA, Condition.SULFITE_SENSITIVITY),
    ),
    FlagId.RED_MARKS_NOT_PIGMENT: (Level.NOTE, answered(Field.MARKS, Mark.RED_MARKS)),
    FlagId.DARKER_SKIN_PIH: (Level.NOTE, DARKER_SKIN),
    FlagId.RECENT_MARKS: (Level.NOTE, answered(Field.MARK_AGE, MarkAge.UNDER_3_MONTHS)),
    FlagId.TYPE_UNSURE: (
        Level.NOTE,
        either(answered(Field.MARKS, Mark.NOT_SURE), answered(Field.SKIN_TYPE, SkinType.NOT_SURE)),
    ),
    FlagId.PRODUCT_QUALITY: (
        Level.NOTE,
        every(answered(Field.ROUTES, Route.ORAL, Route.TOPICAL), answered(Field.SETTING, Setting.ONLINE_PURCHASE)),
    ),
    FlagId.LIGHTENING_GOAL: (Level.NOTE, LIGHTENING_GOAL),
}

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

SECTION_RULES: dict[SectionId, tuple[tuple[Relevance, Callable[[Answers], object]], ...]] = {
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
        (
            Relevance.NON_MEDICAL_SETTING,
            answered(Field.SETTING, Setting.SPA_OR_SALON, Setting.SELF_AT_HOME, Setting.ONLINE_PURCHASE),
        ),
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


def fired_flags(answers: Answers) -> list[tuple[FlagId, Level, tuple[Trigger, ...]]]:
    """Every flag whose condition holds, urgent first, then consult, then note; spec order within a level."""
    fired = [(flag, level, test(answers)) for flag, (level, test) in FLAG_RULES.items()]
    return sorted((f for f in fired if f[2]), key=lambda f: -f[1].rank)


def relevant_sections(answers: Answers) -> list[tuple[SectionId, tuple[Relevance, ...]]]:
    """The article's sections that apply, in the article's order, each with why it applies."""
    shown = []
    for section, reasons in SECTION_RULES.items():
        why = tuple(reason for reason, test in reasons if test(answers))
        if why:
            shown.append((section, why))
    return shown
