"""Channel adapters: each turns its channel's messages into core.dialogue Inbound and renders the Replies."""
