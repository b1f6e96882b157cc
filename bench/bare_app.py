"""The ceiling for bench/webhook_bench.py: a bare FastAPI endpoint that reads the same Twilio form and
returns a fixed TwiML answer (no signature check, no database, no dialogue)."""
from fastapi import FastAPI, Request, Response

TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response><Message>ok</Message></Response>'

app = FastAPI()


@app.post("/webhooks/whatsapp")
async def webhook(request: Request) -> Response:
    await request.form()
    return Response(TWIML, media_type="application/xml")


@app.get("/healthz")
def healthz() -> dict:
    return {"status": "ok"}
