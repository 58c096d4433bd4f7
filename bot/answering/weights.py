"""How much each word of a question counts when entries are matched against it."""

from __future__ import annotations

from typing import Callable, Mapping

from bot.language.chinese import is_piece as chinese_is_piece
from bot.language.everyday import MAX_DISCOUNT, chinese_term_share, stem_share
from bot.language.normalize import Analysis


def question_weights(analysis: Analysis, question: frozenset[str], idf: Mapping[str, float],
                     weight: Callable[[str], float]) -> dict[str, float]:
    """A word's weight in the knowledge (rarer words more; a word no entry uses most), less for
    everyday words: those the knowledge never uses (`analysis.light`), and those it knows only
    from a synonym's spelling (工作 of 工作组, "outside" of "outside china"), which no entry uses
    yet are no names either. An unknown Chinese term is discounted on top of its everyday share:
    a run the knowledge does not know is more often a phrase than a subject."""
    weights = {t: weight(t) for t in question}
    light = dict(analysis.light)
    for token, share in light.items():
        weights[token] *= share
    for token in question:
        if token in idf:
            continue
        if chinese_is_piece(token):
            weights[token] *= 1.0 - (1.0 - chinese_term_share(token)) * MAX_DISCOUNT
        elif token not in light:
            weights[token] *= 1.0 - (1.0 - stem_share(token)) * MAX_DISCOUNT
    return weights
