"""Narrative claims: every figure of 第三部分 and the table figure it restates."""

from auditor.claims.parse import parse_claims
from auditor.claims.resolve import ClaimSet, extract_claims, render_claims

__all__ = ["ClaimSet", "extract_claims", "parse_claims", "render_claims"]
