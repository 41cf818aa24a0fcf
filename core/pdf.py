"""PDFs rendered by WeasyPrint from templates: A4, fonts embedded, no network."""

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from weasyprint import HTML

# Every document the product issues is PDF/A-3b (ISO 19005-3), ready for the archive:
# fonts embedded, an sRGB OutputIntent and the pdfaid XMP metadata (national/pdfa.py).
PDF_VARIANT = "pdf/a-3b"


def render_pdf(template: str, context: dict, request: HttpRequest | None = None) -> bytes:
    html = render_to_string(template, context, request=request)
    # No base_url: a PDF template uses only its inline stylesheet and system fonts.
    return HTML(string=html).write_pdf(pdf_variant=PDF_VARIANT)


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
