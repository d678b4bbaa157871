"""Training configuration: YAML files in training/, overridable key by key from the command line."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

DEFAULT_CONFIG = Path(__file__).resolve().parents[2] / "training" / "default.yaml"


class ConfigError(ValueError):
    pass


def load_config(path: Path | None = None, overrides: list[str] | None = None) -> dict[str, Any]:
    """Read a YAML config (default: training/default.yaml) and apply ``key.sub=value`` overrides."""
    path = path or DEFAULT_CONFIG
    if not path.exists():
        raise ConfigError(f"{path}: config file not found")
    config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(config, dict):
        raise ConfigError(f"{path}: expected a mapping at the top level")
    return apply_overrides(config, overrides or [])


def apply_overrides(config: dict[str, Any], overrides: list[str]) -> dict[str, Any]:
    out = copy.deepcopy(config)
    for item in overrides:
        if "=" not in item:
            raise ConfigError(f"override {item!r} is not KEY=VALUE (e.g. lgbm.learning_rate=0.1)")
        key, raw = item.split("=", 1)
        node = out
        parts = key.strip().split(".")
        for part in parts[:-1]:
            if not isinstance(node.get(part), dict):
                raise ConfigError(f"override {item!r}: {part!r} is not a section of the config")
            node = node[part]
        if parts[-1] not in node:
            raise ConfigError(f"override {item!r}: unknown key {parts[-1]!r}; known: {sorted(node)}")
        node[parts[-1]] = yaml.safe_load(raw)
    return out
