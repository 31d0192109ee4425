"""One exception hierarchy; every message says what to do next."""


class QuoteStanceError(Exception):
    """Base class for every error the library raises on purpose."""


class InputError(QuoteStanceError):
    """An input (file, record, stream) cannot be read as an article."""


class BundleError(QuoteStanceError):
    """The model bundle is missing, damaged, or made with other library versions."""


class TrainingError(QuoteStanceError):
    """The corpus cannot be used for training."""
