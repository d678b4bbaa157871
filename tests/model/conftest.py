"""The model tests use the session fixtures synth_items and fast_config from tests/conftest.py."""
