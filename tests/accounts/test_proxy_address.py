"""Behind the load balancer: the client's address from the trusted proxy's
X-Forwarded-For, for login throttling and the access log (issue 10, item 4)."""

from clients.models import AccessLog
from tests.factories import PASSWORD

BALANCER = "10.0.0.5"


def via_balancer(client_address: str) -> dict:
    return {"REMOTE_ADDR": BALANCER, "HTTP_X_FORWARDED_FOR": client_address}


def test_the_access_log_records_the_clients_address(client, world, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    client.force_login(world.alice)
    client.get(f"/asiakkuudet/{world.case.pk}/", **via_balancer("203.0.113.7"))
    assert AccessLog.objects.get(action="view").ip_address == "203.0.113.7"


def test_an_address_the_client_made_up_is_ignored(client, world, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    client.force_login(world.alice)
    client.get(f"/asiakkuudet/{world.case.pk}/", **via_balancer("198.51.100.1, 203.0.113.7"))
    assert AccessLog.objects.get(action="view").ip_address == "203.0.113.7"


def test_without_trusted_proxies_the_header_is_ignored(client, world, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    client.force_login(world.alice)
    client.get(f"/asiakkuudet/{world.case.pk}/", **via_balancer("203.0.113.7"))
    assert AccessLog.objects.get(action="view").ip_address == BALANCER


def test_two_proxies_count_from_the_right(client, world, settings):
    settings.TRUSTED_PROXY_COUNT = 2
    client.force_login(world.alice)
    client.get(f"/asiakkuudet/{world.case.pk}/", **via_balancer("203.0.113.9, 10.0.0.9"))
    assert AccessLog.objects.get(action="view").ip_address == "203.0.113.9"


def test_throttling_locks_the_attackers_address_not_the_balancers(client, world, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        client.post(
            "/kirjaudu/", {"username": "alice", "password": "väärä"}, **via_balancer("203.0.113.66")
        )
    locked = client.post(
        "/kirjaudu/", {"username": "alice", "password": PASSWORD}, **via_balancer("203.0.113.66")
    )
    assert locked.status_code == 429
    elsewhere = client.post(
        "/kirjaudu/", {"username": "alice", "password": PASSWORD}, **via_balancer("203.0.113.7")
    )
    assert elsewhere.status_code == 302
