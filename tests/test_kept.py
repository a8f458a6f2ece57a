"""Results kept by key: computed once per key, and never more than the bound."""

from retold.kept import Kept


def test_a_result_is_computed_once_per_key_and_the_bound_holds():
    calls = []
    kept = Kept(limit=3)
    for key in [1, 2, 1, 3, 4, 1]:
        assert kept.get_or(key, lambda: calls.append(key) or key * 10) == key * 10
        assert len(kept) <= 3
    assert calls == [1, 2, 3, 4, 1]  # the fourth key emptied the store; 1 came again after that
