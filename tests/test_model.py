"""The plain data model: records as rows and as columns."""

from __future__ import annotations

from retold.model import VoiceSegment, field_columns


def test_field_columns_give_each_field_its_values_in_record_order():
    segments = [VoiceSegment("a1", 0, 5, "author", None, 0), VoiceSegment("a1", 5, 9, "quoted", "Peskov", 0),
                VoiceSegment("a2", 0, 3, "attributed", "Biden", 1)]
    columns = field_columns(VoiceSegment, segments)
    assert columns == {"article": ["a1", "a1", "a2"], "start": [0, 5, 0], "end": [5, 9, 3],
                       "voice": ["author", "quoted", "attributed"], "speaker": [None, "Peskov", "Biden"],
                       "paragraph": [0, 0, 1]}
    assert [dict(zip(columns, values)) for values in zip(*columns.values())] == [s.to_row() for s in segments]


def test_field_columns_of_no_records_are_empty_columns():
    assert field_columns(VoiceSegment, []) == {name: [] for name in
                                              ("article", "start", "end", "voice", "speaker", "paragraph")}
