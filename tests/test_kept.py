"""Results kept by key: computed once per key, and never more than the bound."""

from retold.kept import Kept


def test_a_result_is_computed_once_per_key_and_the_bound_holds():
    calls = []
    kept = Kept(limit=3)
    for key in [1, 2, 1, 3, 4, 1]:
        assert kept.get_or(key, lambda: calls.append(key) or key * 10) == key * 10
        assert len(kept) <= 3
    assert calls == [1, 2, 3, 4, 1]  # the fourth key emptied the store; 1 came again after that


def test_many_results_are_computed_in_one_call_for_the_keys_not_kept():
    calls = []
    kept = Kept(limit=4)

    def tens(keys):
        calls.append(list(keys))
        return [key * 10 for key in keys]

    assert kept.get_all([1, 2, 1], tens) == [10, 20, 10]
    assert kept.get_all([2, 3, 3], tens) == [20, 30, 30]
    assert calls == [[1, 2], [3]]
    assert kept.get_all([4, 5], tens) == [40, 50] and len(kept) <= 4  # would overflow: emptied first
    assert calls[-1] == [4, 5] and set(kept) == {4, 5}
