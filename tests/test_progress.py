import io

import pytest

from retold import progress as progress_module
from retold.progress import MIN_ITEMS, enabled, progress, set_quiet


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def patch_terminal(monkeypatch):
    """A function that makes stderr a fake terminal; call it in the test body (pytest's capture
    replaces sys.stderr between fixture setup and the test)."""
    def patch() -> FakeTerminal:
        stream = FakeTerminal()
        monkeypatch.setattr("sys.stderr", stream)
        return stream

    monkeypatch.delenv("RETOLD_PROGRESS", raising=False)
    set_quiet(False)
    yield patch
    set_quiet(False)


def test_items_pass_through_unchanged_with_or_without_a_bar(patch_terminal):
    terminal = patch_terminal()
    items = list(range(MIN_ITEMS + 10))
    assert list(progress(items, "demo")) == items
    assert "demo" in terminal.getvalue()
    assert list(progress(iter(items), "demo", total=len(items))) == items


def test_no_bar_when_not_a_terminal(capsys):
    assert list(progress(range(MIN_ITEMS * 2), "demo")) == list(range(MIN_ITEMS * 2))
    assert capsys.readouterr().err == ""


def test_no_bar_for_small_corpora_quiet_runs_or_when_switched_off(patch_terminal, monkeypatch):
    terminal = patch_terminal()
    list(progress(range(MIN_ITEMS - 1), "small"))
    assert terminal.getvalue() == ""
    set_quiet(True)
    assert not enabled(MIN_ITEMS * 10)
    list(progress(range(MIN_ITEMS * 2), "quiet"))
    assert terminal.getvalue() == ""
    set_quiet(False)
    monkeypatch.setenv("RETOLD_PROGRESS", "0")
    assert not enabled(MIN_ITEMS * 10)
    monkeypatch.setenv("RETOLD_PROGRESS", "1")
    assert enabled(MIN_ITEMS * 10) and enabled(None)
    assert progress_module._quiet is False
