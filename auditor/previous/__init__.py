"""Last year's disclosure as a second witness: pairing documents across years.

A document's "上年" figures (比上年增加 X 万元, 增长 Y%) can be checked against
the document published the year before. This package decides which documents
form such a pair; the comparisons themselves are check kinds
(:mod:`auditor.engine.checks.previous_year`) that read ``Context.previous``.
"""

from auditor.previous.pairing import Identity, Pair, pair_documents, unit_key

__all__ = ["Identity", "Pair", "pair_documents", "unit_key"]
