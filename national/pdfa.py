"""PDF/A checks that run here (pikepdf): veraPDF, the reference validator, is a Java
program that neither PyPI nor Debian packages, so these are the checks of ISO 19005 that
can be read off the file without it:

- the XMP metadata names the PDF/A part and conformance (pdfaid:part, pdfaid:conformance);
- an OutputIntent of subtype GTS_PDFA1 carries an embedded ICC profile;
- the file is not encrypted and its trailer has an /ID;
- every font used on every page is embedded (FontFile, FontFile2 or FontFile3);
- no JavaScript and no launch actions (the document catalogue has no /Names /JavaScript,
  no /OpenAction or /AA)."""

from __future__ import annotations

import io

import pikepdf

PDFAID = "{http://www.aiim.org/pdfa/ns/id/}"


def _fonts(pdf: pikepdf.Pdf):
    for page in pdf.pages:
        resources = page.obj.get("/Resources") or {}
        for name, font in (resources.get("/Font") or {}).items():
            descendants = font.get("/DescendantFonts")
            yield name, (descendants[0] if descendants else font).get("/FontDescriptor")


def problems(content: bytes) -> list[str]:
    """What keeps this file from being PDF/A (empty: every check passed)."""
    try:
        pdf = pikepdf.open(io.BytesIO(content))
    except pikepdf.PdfError as error:
        return [f"not a PDF: {error}"]
    found = []
    with pdf:
        metadata = pdf.open_metadata()
        part, conformance = metadata.get(PDFAID + "part"), metadata.get(PDFAID + "conformance")
        if not part or not conformance:
            found.append("XMP metadata names no PDF/A part and conformance")
        intents = pdf.Root.get("/OutputIntents") or []
        if not any(
            i.get("/S") == "/GTS_PDFA1" and i.get("/DestOutputProfile") is not None for i in intents
        ):
            found.append("no GTS_PDFA1 OutputIntent with an ICC profile")
        if pdf.is_encrypted:
            found.append("encrypted")
        if pdf.trailer.get("/ID") is None:
            found.append("trailer has no /ID")
        for name, descriptor in _fonts(pdf):
            keys = set(descriptor.keys()) if descriptor is not None else set()
            if not keys & {"/FontFile", "/FontFile2", "/FontFile3"}:
                found.append(f"font {name} not embedded")
        names = pdf.Root.get("/Names") or {}
        if "/JavaScript" in names or "/OpenAction" in pdf.Root or "/AA" in pdf.Root:
            found.append("JavaScript or automatic actions")
    return found


def identification(content: bytes) -> str:
    """'PDF/A-3B' as the file's XMP metadata states it."""
    with pikepdf.open(io.BytesIO(content)) as pdf:
        metadata = pdf.open_metadata()
        return f"PDF/A-{metadata.get(PDFAID + 'part')}{metadata.get(PDFAID + 'conformance')}"
