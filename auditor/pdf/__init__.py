"""Reading published PDFs (pdfplumber is a default dependency)."""

from auditor.pdf.reader import read_pdf

__all__ = ["read_pdf"]
