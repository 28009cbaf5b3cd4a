"""Reading published PDFs (optional dependency: pdfplumber)."""

from auditor.pdf.reader import read_pdf

__all__ = ["read_pdf"]
