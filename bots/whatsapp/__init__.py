"""WhatsApp through Twilio: the full dialogue on ``POST /webhooks/whatsapp``, and notifications."""
