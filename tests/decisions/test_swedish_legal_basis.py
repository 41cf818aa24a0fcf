"""A Swedish decision states its legal basis in Swedish (issue 27, item 10), the ending
decision too, read back from the PDF the client receives."""

from decisions import services
from tests.decisions.conftest import TODAY, decision_fields
from tests.decisions.test_decision import stored_pdf

FINNISH = "Laki kuntouttavasta työtoiminnasta"
SWEDISH = "Lagen om arbetsverksamhet i rehabiliteringssyfte (189/2001)"


def swedish_decision(world, ready_case):
    ready_case.client.language = "sv"
    ready_case.client.save()
    draft = services.decision_save_draft(
        user=world.alice, case=ready_case, **decision_fields(world)
    )
    return services.decision_make(user=world.alice, decision=draft)


def test_a_swedish_decision_states_its_legal_basis_in_swedish(world, ready_case):
    text = stored_pdf(swedish_decision(world, ready_case))
    assert SWEDISH in text and FINNISH not in text


def test_a_swedish_ending_decision_states_its_legal_basis_in_swedish(world, ready_case):
    decision = swedish_decision(world, ready_case)
    ending = services.ending_save_draft(
        user=world.alice,
        decision=decision,
        end_on=TODAY,
        reasons="Klienten börjar studera.",
        legal_basis=services.ENDING_LEGAL_BASIS,  # the form's Finnish default, as posted
        contact_person=world.alice,
    )
    text = stored_pdf(services.decision_make(user=world.alice, decision=ending))
    assert "Lagen om arbetsverksamhet i rehabiliteringssyfte (189/2001); socialvårdslagen" in text
    assert FINNISH not in text
