"""The status table: what each actor may do, and the messages people see when they may not."""
import pytest

from core.complaints.lifecycle import OPEN_STATUSES, TRANSITIONS, Actor, Status, TransitionError, check_transition


def test_only_citizen_or_silence_can_close():
    for actor in (Actor.OFFICER, Actor.ADMIN):
        with pytest.raises(TransitionError, match="citizen's confirmation"):
            check_transition(Status.RESOLVED, Status.CLOSED, actor)
    check_transition(Status.RESOLVED, Status.CLOSED, Actor.CITIZEN)
    check_transition(Status.RESOLVED, Status.CLOSED, Actor.SYSTEM)


def test_closed_is_final_and_says_so():
    with pytest.raises(TransitionError, match="closed is final"):
        check_transition(Status.CLOSED, Status.REOPENED, Actor.ADMIN)


def test_unknown_move_lists_the_allowed_ones():
    with pytest.raises(TransitionError) as err:
        check_transition(Status.FORWARDED, Status.CLOSED, Actor.OFFICER)
    assert "allowed from forwarded: in_progress, rejected, resolved" in str(err.value)


@pytest.mark.parametrize("target,word", [(Status.REJECTED, "reason"), (Status.RESOLVED, "public note")])
def test_staff_must_explain_rejections_and_resolutions(target, word):
    with pytest.raises(TransitionError, match=word):
        check_transition(Status.IN_PROGRESS, target, Actor.OFFICER, note="  ")
    check_transition(Status.IN_PROGRESS, target, Actor.OFFICER, note="Transformer replaced on 12 Nov")


def test_every_open_status_can_still_reach_resolved_or_rejected():
    for status in OPEN_STATUSES - {Status.SUBMITTED}:
        assert (status, Status.RESOLVED) in TRANSITIONS and (status, Status.REJECTED) in TRANSITIONS


def test_citizen_cannot_move_a_case_the_department_owns():
    with pytest.raises(TransitionError, match="a citizen cannot"):
        check_transition(Status.FORWARDED, Status.IN_PROGRESS, Actor.CITIZEN)
