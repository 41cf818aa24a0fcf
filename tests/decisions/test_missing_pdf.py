"""Issue 28: a made decision whose stored PDF is lost answers the same document, once
logged, never a 500."""

import io

from pypdf import PdfReader

from clients.models import AccessLog


def test_a_lost_stored_decision_pdf_is_rendered_again_not_a_500(client, world, made):
    made.pdf.storage.delete(made.pdf.name)
    client.force_login(world.alice)
    before = AccessLog.objects.count()
    answer = client.get(f"/asiakkuudet/{made.case_id}/paatokset/{made.pk}/paatos.pdf")
    assert answer.status_code == 200
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(answer.content)).pages)
    assert "Päätös" in text or "PÄÄTÖS" in text
    assert AccessLog.objects.count() == before + 1
