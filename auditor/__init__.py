"""auditor: audits Chinese government budget disclosures (部门预算公开 / 单位预算公开)."""

__version__ = "0.1.0"
