"""The web chat: a small chat page on the same dialogue as the messaging channels, and tracking lookup."""
