"""Telegram adapter: python-telegram-bot as transport only; the conversation lives in core.dialogue."""
