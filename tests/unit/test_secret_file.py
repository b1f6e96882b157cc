"""An empty SESSION_SECRET is generated once and kept in a private file."""
import stat

from api.secret_file import kept_secret


def test_the_secret_is_made_once_private_and_reused(tmp_path):
    path = tmp_path / "var" / "session_secret"
    first = kept_secret(path)
    assert len(first) >= 40 and kept_secret(path) == first
    assert stat.S_IMODE(path.stat().st_mode) == 0o600

