import pytest

from placements import services as placement_services


@pytest.fixture
def placed(world, made):
    """alice's case with a decision made and the placement notice sent to pekka's site."""
    return placement_services.placement_notice_send(
        user=world.alice, decision=made, goals="Arjen rytmi", client_info="", contacts="Alice"
    )
