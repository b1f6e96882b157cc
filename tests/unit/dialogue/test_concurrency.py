"""Two messages from one sender handled at the same moment: the state is not corrupted and the
complaint is filed once."""
import threading

from core.dialogue.types import Inbound
from tests.unit.dialogue.helpers import complaints


def test_two_simultaneous_yes_file_one_complaint(service, chat, db):
    chat.send("bijli nahi hai Lahore mein")
    chat.send("1")
    barrier, results = threading.Barrier(2), []

    def send(message_id: str) -> None:
        barrier.wait()
        results.append(service.handle(Inbound("whatsapp", chat.sender, "1", message_id=message_id)))

    threads = [threading.Thread(target=send, args=(f"C{i}",)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(results) == 2 and len(complaints(db)) == 1
    texts = sorted("\n".join(r.text for r in replies) for replies in results)
    assert sum("Tracking number" in t for t in texts) == 1  # the other saw the question already answered


def test_two_first_messages_at_once_make_one_conversation(service, db):
    barrier, results = threading.Barrier(2), []

    def send(message_id: str) -> None:
        barrier.wait()
        results.append(service.handle(Inbound("whatsapp", "+923009999999", "hello", message_id=message_id)))

    threads = [threading.Thread(target=send, args=(f"F{i}",)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(results) == 2 and all(r[-1].choices for r in results)
    assert all("went wrong" not in r[0].text for r in results)
