"""SMS through Twilio: status lookups by tracking ID for basic phones, and notifications."""
