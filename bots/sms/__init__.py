"""SMS through Twilio: status lookups by tracking ID for basic phones, voice notes by MMS (and the
conversation they start, continued by text), and notifications."""
