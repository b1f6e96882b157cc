"""The channel-agnostic conversation: state machine, prompts and language handling."""
