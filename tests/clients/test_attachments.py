from django.core.files.uploadedfile import SimpleUploadedFile

from clients.models import Attachment

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def upload(client, world, content: bytes, name: str = "tulos.pdf"):
    return client.post(
        f"/asiakkuudet/{world.case.pk}/liitteet/uusi/",
        {"title": "Kykyviisari", "file": SimpleUploadedFile(name, content)},
    )


def test_pdf_is_stored_and_served_only_through_the_scoped_view(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(world.alice)
    assert upload(client, world, PDF).status_code == 302
    attachment = Attachment.objects.get()
    assert "tulos" not in attachment.file.name  # the uploaded name is not kept
    response = client.get(f"/asiakkuudet/{world.case.pk}/liitteet/{attachment.pk}/")
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    client.force_login(world.olli)
    assert client.get(f"/asiakkuudet/{world.case.pk}/liitteet/{attachment.pk}/").status_code == 404


def test_a_script_renamed_to_pdf_is_refused(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(world.alice)
    response = upload(client, world, b"<script>alert(1)</script>", "tulos.pdf")
    assert "Sallitut tiedostotyypit ovat PDF, PNG ja JPEG" in response.content.decode()
    assert not Attachment.objects.exists()


def test_too_large_file_is_refused(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.UPLOAD_MAX_BYTES = 100
    client.force_login(world.alice)
    response = upload(client, world, PDF + b"0" * 200)
    assert "Tiedosto on liian suuri" in response.content.decode()
    assert not Attachment.objects.exists()
