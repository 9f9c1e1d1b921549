"""A secret store for tests that stands in for the keyring across 'app runs'."""

from __future__ import annotations


class DictSecretStore:
    """A persistent secret store kept in a dict shared across 'app runs'."""

    persistent = True

    def __init__(self, values: dict[str, str]) -> None:
        self.values = values

    def get(self, name: str) -> str | None:
        return self.values.get(name)

    def set(self, name: str, value: str) -> None:
        self.values[name] = value

    def delete(self, name: str) -> None:
        self.values.pop(name, None)
