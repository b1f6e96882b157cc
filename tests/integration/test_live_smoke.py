"""The service answers over real HTTP on loopback."""
import httpx


def test_health_and_readiness_over_http(live_server):
    assert httpx.get(f"{live_server.url}/healthz").json() == {"status": "ok"}
    ready = httpx.get(f"{live_server.url}/readyz").json()
    assert ready["database"] == "ok" and ready["nlu"] == "disabled"
