from celery import shared_task

from . import services


@shared_task
def send_client_reminders() -> int:
    return services.client_reminders_send()
