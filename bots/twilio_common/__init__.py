"""What WhatsApp and SMS share through Twilio: signed webhooks, form -> Inbound, TwiML replies, REST sending."""
