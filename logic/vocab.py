"""Every answer value, flag id, level and section id of the contract, defined once.

The values are the JSON strings of the product contract (version 3). Labels and help texts for them live in
`content/questions.toml`, so a clinician can reword them without touching code.
"""

from enum import StrEnum


class Symptom(StrEnum):
    RASH_OR_BLISTERS = "rash_or_blisters"
    BREATHING_OR_SWELLING = "breathing_or_swelling"
    INFECTION_SIGNS = "infection_signs"
    JAUNDICE_OR_DARK_URINE = "jaundice_or_dark_urine"
    ACNE_WITH_FEVER = "acne_with_fever"


class Distress(StrEnum):
    NONE = "none"
    AFFECTS_DAILY_LIFE = "affects_daily_life"
    SELF_HARM_THOUGHTS = "self_harm_thoughts"
    PREFER_NOT_TO_SAY = "prefer_not_to_say"


class AgeGroup(StrEnum):
    UNDER_18 = "under_18"
    AGE_18_TO_24 = "18_to_24"
    AGE_25_TO_39 = "25_to_39"
    AGE_40_PLUS = "40_plus"


class Pregnancy(StrEnum):
    PREGNANT = "pregnant"
    TRYING = "trying"
    BREASTFEEDING = "breastfeeding"
    NONE = "none"
    NOT_APPLICABLE = "not_applicable"
    PREFER_NOT_TO_SAY = "prefer_not_to_say"


class Condition(StrEnum):
    KIDNEY = "kidney"
    LIVER = "liver"
    THYROID = "thyroid"
    G6PD_DEFICIENCY = "g6pd_deficiency"
    KIDNEY_STONES = "kidney_stones"
    CANCER_TREATMENT = "cancer_treatment"
    ASTHMA = "asthma"
    SULFITE_SENSITIVITY = "sulfite_sensitivity"


class YesNoNotSure(StrEnum):
    YES = "yes"
    NO = "no"
    NOT_SURE = "not_sure"


class Isotretinoin(StrEnum):
    CURRENT = "current"
    WITHIN_6_MONTHS = "within_6_months"
    MORE_THAN_6_MONTHS_AGO = "more_than_6_months_ago"
    NEVER = "never"
    NOT_SURE = "not_sure"


class SkinType(StrEnum):
    I = "I"  # noqa: E741 - Fitzpatrick's own numeral
    II = "II"
    III = "III"
    IV = "IV"
    V = "V"
    VI = "VI"
    NOT_SURE = "not_sure"


class Mark(StrEnum):
    BROWN_MARKS = "brown_marks"
    RED_MARKS = "red_marks"
    ICEPICK = "icepick"
    BOXCAR = "boxcar"
    ROLLING = "rolling"
    RAISED = "raised"
    KELOID = "keloid"
    NOT_SURE = "not_sure"


class Severity(StrEnum):
    FLAT_ONLY = "flat_only"
    MILD = "mild"
    MODERATE = "moderate"
    SEVERE = "severe"
    NOT_SURE = "not_sure"


class MarkAge(StrEnum):
    UNDER_3_MONTHS = "under_3_months"
    FROM_3_TO_12_MONTHS = "3_to_12_months"
    OVER_12_MONTHS = "over_12_months"
    NOT_SURE = "not_sure"


class ActiveAcne(StrEnum):
    NONE = "none"
    FEW = "few"
    MANY_INFLAMED = "many_inflamed"
    NODULES_OR_CYSTS = "nodules_or_cysts"
    NOT_SURE = "not_sure"


class Route(StrEnum):
    INJECTION = "injection"
    INHALED = "inhaled"  # breathed in through a nebuliser or inhaler
    ORAL = "oral"
    TOPICAL = "topical"
    NOT_DECIDED = "not_decided"


class Setting(StrEnum):
    DERMATOLOGIST = "dermatologist"
    OTHER_MEDICAL = "other_medical"
    SPA_OR_SALON = "spa_or_salon"
    HOME_SERVICE = "home_service"  # someone comes to your home to give it
    SELF_AT_HOME = "self_at_home"
    ONLINE_PURCHASE = "online_purchase"
    NOT_DECIDED = "not_decided"


class OtherTreatment(StrEnum):
    CHEMICAL_PEEL = "chemical_peel"
    MICRONEEDLING = "microneedling"
    LASER = "laser"
    RETINOID = "retinoid"
    OTHER_TOPICALS = "other_topicals"
    WHITENING_PRODUCTS = "whitening_products"


class Goal(StrEnum):
    FADE_DARK_MARKS = "fade_dark_marks"
    FADE_RED_MARKS = "fade_red_marks"
    SMOOTH_PITS = "smooth_pits"
    FLATTEN_RAISED = "flatten_raised"
    LIGHTER_SKIN_OVERALL = "lighter_skin_overall"


class Level(StrEnum):
    """How urgent the summary is; `none` only ever describes a summary with no flags."""

    URGENT = "urgent"
    CONSULT = "consult"
    NOTE = "note"
    NONE = "none"

    @property
    def rank(self) -> int:
        return _LEVEL_RANK[self]


_LEVEL_RANK = {Level.URGENT: 3, Level.CONSULT: 2, Level.NOTE: 1, Level.NONE: 0}


class When(StrEnum):
    """How soon a flag needs acting on, as triage tools say it."""

    NOW = "now"  # call the emergency number or go to an emergency department now
    TODAY = "today"  # same-day care: a doctor today or an emergency department, a crisis line
    WITHIN_2_WEEKS = "within_2_weeks"  # see a doctor within about two weeks
    BEFORE_TREATMENT = "before_treatment"  # see a dermatologist or your doctor before any treatment
    ANYTIME = "anytime"  # worth knowing; nothing to book


class NextStep(StrEnum):
    """What a summary tells the person to do first: the first flag's time frame, or `none`."""

    NOW = When.NOW.value
    TODAY = When.TODAY.value
    WITHIN_2_WEEKS = When.WITHIN_2_WEEKS.value
    BEFORE_TREATMENT = When.BEFORE_TREATMENT.value
    NONE = "none"


class FlagId(StrEnum):
    """The flags, in the contract's table order: urgent by how soon care is needed, then consult, then note."""

    POSSIBLE_ANAPHYLAXIS = "possible_anaphylaxis"
    POSSIBLE_SEVERE_SKIN_REACTION = "possible_severe_skin_reaction"
    SELF_HARM = "self_harm"
    POSSIBLE_INFECTION = "possible_infection"
    POSSIBLE_ORGAN_HARM = "possible_organ_harm"
    ACNE_WITH_FEVER = "acne_with_fever"
    ISOTRETINOIN_PREGNANCY = "isotretinoin_pregnancy"
    CHANGING_SPOT = "changing_spot"
    PREGNANCY_OR_BREASTFEEDING = "pregnancy_or_breastfeeding"
    UNDER_18 = "under_18"
    ORGAN_CONDITION = "organ_condition"
    IV_VITAMIN_C_RISK = "iv_vitamin_c_risk"
    CANCER_TREATMENT = "cancer_treatment"
    PREVIOUS_REACTION = "previous_reaction"
    SEVERE_ACTIVE_ACNE = "severe_active_acne"
    KELOID_RISK = "keloid_risk"
    RECENT_ISOTRETINOIN = "recent_isotretinoin"
    UNREGULATED_LIGHTENING_PRODUCTS = "unregulated_lightening_products"
    DARKER_SKIN_PROCEDURES = "darker_skin_procedures"
    UNSAFE_INJECTION_SETTING = "unsafe_injection_setting"
    SUNKEN_SCARS = "sunken_scars"
    EMOTIONAL_IMPACT = "emotional_impact"
    INHALED_WITH_ASTHMA = "inhaled_with_asthma"
    ISOTRETINOIN_UNSURE = "isotretinoin_unsure"
    MARKS_UNSURE = "marks_unsure"
    INJECTION_NOT_APPROVED = "injection_not_approved"
    INHALED_GLUTATHIONE_ASTHMA = "inhaled_glutathione_asthma"
    RED_MARKS_NOT_PIGMENT = "red_marks_not_pigment"
    DARKER_SKIN_PIH = "darker_skin_pih"
    RECENT_MARKS = "recent_marks"
    TYPE_UNSURE = "type_unsure"
    PRODUCT_QUALITY = "product_quality"
    LIGHTENING_GOAL = "lightening_goal"


class Advice(StrEnum):
    """The plan's answer to "should I do this, and will it help my marks?" for one way of taking glutathione."""

    AVOID = "avoid"
    ASK_DOCTOR_FIRST = "ask_doctor_first"
    SMALL_EFFECT_AT_MOST = "small_effect_at_most"
    UNLIKELY_TO_HELP = "unlikely_to_help"


class SectionId(StrEnum):
    """The article's sections, in the article's order."""

    WHAT_IT_IS = "what_it_is"
    HOW_IT_WORKS = "how_it_works"
    CAN_IT_REDUCE_SCARS = "can_it_reduce_scars"
    BENEFIT_LIGHTENING = "benefit_lightening"
    BENEFIT_HYPERPIGMENTATION = "benefit_hyperpigmentation"
    BENEFIT_TEXTURE = "benefit_texture"
    BENEFIT_ANTI_INFLAMMATORY = "benefit_anti_inflammatory"
    BENEFIT_DETOX = "benefit_detox"
    TIMELINE = "timeline"
    RISKS = "risks"
    FAQ_HOW_IT_HELPS = "faq_how_it_helps"
    FAQ_HOW_LONG = "faq_how_long"
    FAQ_COMPLETE_REMOVAL = "faq_complete_removal"
    FAQ_SAFETY = "faq_safety"
    FAQ_COMBINATION = "faq_combination"
    CONCLUSION = "conclusion"


class Evidence(StrEnum):
    SUPPORTED = "supported"
    LIMITED = "limited"
    UNKNOWN = "unknown"
    NOT_SUPPORTED = "not_supported"


class ReferenceKind(StrEnum):
    """What kind of source a reference is, strongest kinds of evidence first after regulators."""

    REGULATOR = "regulator"
    GUIDELINE = "guideline"
    SYSTEMATIC_REVIEW = "systematic_review"
    TRIAL = "trial"
    CASE_SERIES = "case_series"
    EXPERT_REVIEW = "expert_review"
    OTHER = "other"


class GlutathioneFit(StrEnum):
    LIMITED_EVIDENCE = "limited_evidence"
    NOT_EXPECTED = "not_expected"
    UNKNOWN = "unknown"


class Relevance(StrEnum):
    """Why an article section is shown to this person; each has a sentence in content/general.toml."""

    EVERYONE = "everyone"
    BROWN_MARKS = "brown_marks"
    RED_MARKS = "red_marks"
    SUNKEN_SCARS = "sunken_scars"
    RAISED_SCARS = "raised_scars"
    MIXED_MARKS_AND_SCARS = "mixed_marks_and_scars"
    TYPE_UNSURE = "type_unsure"
    LIGHTENING_GOAL = "lightening_goal"
    FADE_DARK_GOAL = "fade_dark_goal"
    FADE_RED_GOAL = "fade_red_goal"
    TEXTURE_GOAL = "texture_goal"
    ACTIVE_ACNE = "active_acne"
    RECENT_MARKS = "recent_marks"
    CONSIDERING_INJECTION = "considering_injection"
    NON_MEDICAL_SETTING = "non_medical_setting"
    HEALTH_ANSWERS = "health_answers"
    OTHER_TREATMENTS = "other_treatments"
    SEVERE_SCARS = "severe_scars"


class Step(StrEnum):
    """The questionnaire's pages, in the spec's order: safety first."""

    SAFETY = "safety"
    ABOUT_YOU = "about_you"
    SKIN_AND_MARKS = "skin_and_marks"
    PLANS = "plans"


class Field(StrEnum):
    """The answer keys, in the order the questionnaire asks them."""

    CURRENT_SYMPTOMS = "current_symptoms"
    CHANGING_SPOT = "changing_spot"
    DISTRESS = "distress"
    AGE_GROUP = "age_group"
    PREGNANCY = "pregnancy"
    CONDITIONS = "conditions"
    PREVIOUS_REACTION = "previous_reaction"
    ISOTRETINOIN = "isotretinoin"
    SKIN_TYPE = "skin_type"
    MARKS = "marks"
    SEVERITY = "severity"
    MARK_AGE = "mark_age"
    ACTIVE_ACNE = "active_acne"
    KELOID_HISTORY = "keloid_history"
    ROUTES = "routes"
    SETTING = "setting"
    OTHER_TREATMENTS = "other_treatments"
    GOALS = "goals"
    NOTES = "notes"


class ProblemKind(StrEnum):
    """What can be wrong with one answer. `logic/errors.py` words each kind; it is defined here, beside the
    other vocabularies, because `logic/answers.py` raises kinds and `logic/errors.py` reads the answers model.

    Where pydantic finds the problem the value is pydantic's own error type; where our validators do, ours."""

    MISSING = "missing"
    TOO_FEW = "too_short"  # a list that needs at least one value is empty
    REPEATED_VALUE = "repeated_value"
    NOT_ALONE = "not_alone"  # a value that means "I don't know" is combined with others
    TOO_LONG = "string_too_long"
    CONTROL_CHARACTER = "control_character"
    NOT_ALLOWED = "not_allowed"  # any other problem: a value the question does not take
    NOT_JSON = "json_invalid"  # the whole text, not one answer: it is not JSON

    @classmethod
    def of(cls, error_type: str) -> "ProblemKind":
        """The kind of one of pydantic's error details, by its `type`."""
        try:
            return cls(error_type)
        except ValueError:
            return cls.NOT_ALLOWED


class FileProblem(StrEnum):
    """What can be wrong with an answers file, as a person is told it: each is the key of its line in
    content/ui.toml's [files] (a test holds every language to having all of them)."""

    NOT_ANSWERS_FILE = "not_answers_file"  # not this questionnaire's answers at all, told once
    NO_ANSWER = "no_answer"  # a question without its answer
    WRONG_ANSWER = "wrong_answer"  # a question with an answer it does not take
    NOT_A_QUESTION = "not_a_question"  # something in the file that is not one of the questions
    FHIR_NOT_READ = "fhir_not_read"  # a FHIR QuestionnaireResponse that does not hold this questionnaire's answers
