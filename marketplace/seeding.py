"""Demonstration data. Each app registers a seeder (AppConfig.ready); seed_demo runs them in order.

Seeders must be idempotent: running seed_demo twice changes nothing.
"""

from collections.abc import Callable

_seeders: list[tuple[int, str, Callable[[Callable[[str], None]], None]]] = []


def register(order: int, name: str):
    def decorate(fn):
        _seeders.append((order, name, fn))
        _seeders.sort(key=lambda s: s[0])
        return fn

    return decorate


def run_all(say: Callable[[str], None]) -> None:
    for _order, name, fn in _seeders:
        say(f"· {name}")
        fn(say)
