"""Voice notes: accepted at once by the webhook, transcribed later by a worker, then run through the same
dialogue as typed text; the audio is kept for the officers (issue 15)."""
