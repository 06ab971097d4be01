"""提法 analysis: where a phrase appears, who says it, how its use moves; the rising phrases."""

from articles.formulations.report import (
    FormulationReport,
    PhraseError,
    formulation_report,
    normalize_phrase,
)
from articles.formulations.rising import RisingReport, rising_phrases
from articles.formulations.scan import Occurrence, Quote, Speakers, occurrences_in, quotes, simplified

__all__ = [
    "FormulationReport",
    "Occurrence",
    "PhraseError",
    "Quote",
    "RisingReport",
    "Speakers",
    "formulation_report",
    "normalize_phrase",
    "occurrences_in",
    "quotes",
    "rising_phrases",
    "simplified",
]
