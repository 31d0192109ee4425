"""Quote attribution and stance for news: who said what, and how.

>>> import classifier
>>> model = classifier.load()
>>> for record in model.predict(text): ...
"""

from .bundle import load
from .errors import BundleError, InputError, QuoteStanceError, TrainingError
from .pipeline import Model
from .types import Document, QuoteRecord, Span

__all__ = [
    "BundleError",
    "Document",
    "InputError",
    "Model",
    "QuoteRecord",
    "QuoteStanceError",
    "Span",
    "TrainingError",
    "load",
]
