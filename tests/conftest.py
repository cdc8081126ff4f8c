"""Every test gets its own cache folder: no test reads what another (or the user) cached."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def own_cache_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("VENDORTUI_CACHE_DIR", str(folder))
    monkeypatch.delenv("VENDORTUI_CACHE", raising=False)
    return folder
