from celery import shared_task
from django.contrib.auth.forms import PasswordResetForm
from django.utils import translation


@shared_task
def send_password_reset(*, email: str, domain: str, use_https: bool, language: str) -> None:
    """Send the reset link to the active users with this address, if there are any.

    Run by a worker, so the page answers in the same time whether or not the address
    belongs to anyone (accounts.forms.QueuedPasswordResetForm)."""
    form = PasswordResetForm({"email": email})
    if not form.is_valid():
        return
    with translation.override(language):
        form.save(
            domain_override=domain,
            use_https=use_https,
            subject_template_name="registration/password_reset_subject.txt",
            email_template_name="registration/password_reset_email.html",
        )
