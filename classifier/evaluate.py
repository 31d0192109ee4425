"""Scores as defined in ANNOTATION.md, "How predictions are scored"."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .config import STANCES
from .types import QuoteRecord

_TITLES = frozenset(
    "mr mrs ms miss mx dr sir dame lord lady prof professor rev the a an cllr councillor".split()
)


@dataclass(frozen=True)
class GoldQuote:
    start: int
    end: int
    speaker: str
    aliases: tuple[str, ...]
    stance: str
    stance_alt: tuple[str, ...]
    tags: tuple[str, ...] = ()  # how the corpus says the unit is attributed (training uses them)

    @property
    def stance_scored(self) -> bool:
        """Does the unit do one of the three acts? One whose labels cover all three does none,
        and the guideline leaves it out of the stance scores."""
        return len({self.stance, *self.stance_alt}) < len(STANCES)

    def stance_truth(self, predicted: str) -> str:
        """The label a prediction is scored against: itself when the annotation accepts it."""
        return predicted if predicted in (self.stance, *self.stance_alt) else self.stance


def normalise_name(name: str) -> str:
    """Case-blind, without punctuation, possessive 's or leading titles and articles."""
    name = re.sub(r"[’']s\b", "", name.lower())
    words = re.sub(r"[^\w\s]", " ", name).split()
    while words and words[0] in _TITLES:
        words = words[1:]
    return " ".join(words)


def speaker_matches(predicted: str, gold: GoldQuote, *, lenient: bool) -> bool:
    guess = normalise_name(predicted)
    if not guess:
        return False
    if guess == normalise_name(gold.speaker):
        return True
    if not lenient:
        return False
    if guess in {normalise_name(a) for a in gold.aliases}:
        return True
    canonical = normalise_name(gold.speaker).split()
    return len(canonical) >= 2 and guess.split()[-1] == canonical[-1]


def match_units(
    predicted: Sequence[tuple[int, int]], gold: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """One-to-one pairs (predicted index, gold index) with IoU >= 0.5, best overlap first."""
    pairs = []
    for i, (ps, pe) in enumerate(predicted):
        for j, (gs, ge) in enumerate(gold):
            overlap = min(pe, ge) - max(ps, gs)
            if overlap > 0:
                iou = overlap / (max(pe, ge) - min(ps, gs))
                if iou >= 0.5:
                    pairs.append((iou, i, j))
    used_p, used_g, matched = set(), set(), []
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            matched.append((i, j))
    return matched


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score(articles: Iterable[tuple[Sequence[QuoteRecord], Sequence[GoldQuote]]]) -> dict:
    """Extraction, speaker and stance scores over (predictions, gold) pairs of articles."""
    n_pred = n_gold = n_matched = strict = lenient = 0
    stance_pairs: list[tuple[str, str]] = []
    for predictions, gold in articles:
        n_pred += len(predictions)
        n_gold += len(gold)
        pairs = match_units([(p.start, p.end) for p in predictions], [(g.start, g.end) for g in gold])
        n_matched += len(pairs)
        for i, j in pairs:
            p, g = predictions[i], gold[j]
            strict += speaker_matches(p.speaker, g, lenient=False)
            lenient += speaker_matches(p.speaker, g, lenient=True)
            if g.stance_scored:
                stance_pairs.append((g.stance_truth(p.stance), p.stance))
    precision = n_matched / n_pred if n_pred else 0.0
    recall = n_matched / n_gold if n_gold else 0.0
    per_label = {}
    for label in STANCES:
        tp = sum(1 for t, p in stance_pairs if t == p == label)
        fp = sum(1 for t, p in stance_pairs if p == label and t != label)
        fn = sum(1 for t, p in stance_pairs if t == label and p != label)
        per_label[label] = _f1(tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0)
    correct = sum(1 for t, p in stance_pairs if t == p)
    return {
        "units": {"gold": n_gold, "predicted": n_pred, "matched": n_matched},
        "extraction": {"precision": precision, "recall": recall, "f1": _f1(precision, recall)},
        "speaker": {
            "strict_accuracy": strict / n_matched if n_matched else 0.0,
            "lenient_accuracy": lenient / n_matched if n_matched else 0.0,
            "end_to_end_lenient": lenient / n_gold if n_gold else 0.0,
        },
        "stance": {
            "scored_units": len(stance_pairs),
            "accuracy": correct / len(stance_pairs) if stance_pairs else 0.0,
            "macro_f1": sum(per_label.values()) / len(STANCES),
            "f1": per_label,
        },
    }


def format_scores(scores: dict) -> str:
    """A short human-readable report of ``score``'s result."""
    e, s, t, u = scores["extraction"], scores["speaker"], scores["stance"], scores["units"]
    lines = [
        f"units: {u['gold']} gold, {u['predicted']} predicted, {u['matched']} matched",
        f"extraction: precision {e['precision']:.3f}  recall {e['recall']:.3f}  F1 {e['f1']:.3f}",
        f"speaker (matched units): strict {s['strict_accuracy']:.3f}  lenient {s['lenient_accuracy']:.3f}"
        f"  end-to-end lenient {s['end_to_end_lenient']:.3f}",
        f"stance ({t['scored_units']} units): accuracy {t['accuracy']:.3f}  macro-F1 {t['macro_f1']:.3f}  "
        + "  ".join(f"{label} {f:.3f}" for label, f in t["f1"].items()),
    ]
    return "\n".join(lines)
