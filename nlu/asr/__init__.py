"""Speech recognition adapter: audio bytes -> text, offline on the CPU (faster-whisper / CTranslate2).

Implements core.ports.TranscriberPort; the core never imports this package or its libraries.
"""
