"""Byte ranges as browsers' audio players ask for them (RFC 9110 §14): one range, clipped to the body."""
from __future__ import annotations

import pytest

from api.byte_ranges import ByteRange, Unsatisfiable, parse_range, ranged_response


@pytest.mark.parametrize("header, expected", [
    ("bytes=0-1", ByteRange(0, 1)),            # Safari's probe before it plays
    ("bytes=0-", ByteRange(0, 99)),            # Chrome's first request
    ("bytes=40-", ByteRange(40, 99)),          # seeking
    ("bytes=90-500", ByteRange(90, 99)),       # past the end is clipped
    ("bytes=-10", ByteRange(90, 99)),          # the last 10 bytes
    ("bytes=-500", ByteRange(0, 99)),
    ("BYTES = 5 - 6", ByteRange(5, 6)),
])
def test_a_single_range_is_read_and_clipped(header, expected):
    assert parse_range(header, 100) == expected


@pytest.mark.parametrize("header", [None, "", "bytes=", "bytes=-", "bytes=9-3", "bytes=0-1,5-6", "items=0-1",
                                    "bytes=a-b"])
def test_no_header_or_one_not_understood_means_the_whole_body(header):
    assert parse_range(header, 100) is None


@pytest.mark.parametrize("header", ["bytes=100-", "bytes=150-200", "bytes=-0"])
def test_a_range_past_the_end_is_unsatisfiable(header):
    with pytest.raises(Unsatisfiable):
        parse_range(header, 100)


def test_responses_say_ranges_are_accepted_and_which_part_they_carry():
    data = bytes(range(100))
    whole = ranged_response(data, None, "audio/ogg", {})
    assert whole.status_code == 200 and whole.body == data and whole.headers["accept-ranges"] == "bytes"
    part = ranged_response(data, "bytes=10-19", "audio/ogg", {"Cache-Control": "private, no-store"})
    assert part.status_code == 206 and part.body == data[10:20]
    assert part.headers["content-range"] == "bytes 10-19/100" and part.headers["cache-control"] == "private, no-store"
    refused = ranged_response(data, "bytes=300-", "audio/ogg", {})
    assert refused.status_code == 416 and refused.headers["content-range"] == "bytes */100" and refused.body == b""
