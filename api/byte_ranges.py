"""HTTP byte ranges (RFC 9110 §14) for bodies the app holds in memory, such as voice notes: Safari's
audio player asks for ``Range: bytes=0-1`` first and will not play a file served without 206 answers,
and every browser seeks by asking for a range. One range per request; a multi-range or malformed
header is ignored (the whole body, 200), as the RFC allows; a range that starts past the end is 416."""
from __future__ import annotations

import re
from dataclasses import dataclass

from fastapi import Response

_SINGLE = re.compile(r"^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class ByteRange:
    start: int
    end: int  # inclusive, as in Content-Range

    def content_range(self, size: int) -> str:
        return f"bytes {self.start}-{self.end}/{size}"


class Unsatisfiable(Exception):
    """The range lies wholly past the end of the body."""


def parse_range(header: str | None, size: int) -> ByteRange | None:
    """The one range asked for, clipped to the body; None for no header or one not understood."""
    match = _SINGLE.match(header or "")
    if match is None:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # "bytes=-500": the last 500 bytes
        if int(last) == 0:
            raise Unsatisfiable
        return ByteRange(max(size - int(last), 0), size - 1)
    start = int(first)
    if last and int(last) < start:
        return None
    if start >= size:
        raise Unsatisfiable
    return ByteRange(start, min(int(last), size - 1) if last else size - 1)


def ranged_response(data: bytes, range_header: str | None, media_type: str, headers: dict[str, str]) -> Response:
    """200 with the whole body, 206 with the part asked for, or 416; always says ranges are accepted."""
    headers = {**headers, "Accept-Ranges": "bytes"}
    try:
        part = parse_range(range_header, len(data))
    except Unsatisfiable:
        return Response(status_code=416, headers={**headers, "Content-Range": f"bytes */{len(data)}"})
    if part is None:
        return Response(data, media_type=media_type, headers=headers)
    return Response(data[part.start:part.end + 1], status_code=206, media_type=media_type,
                    headers={**headers, "Content-Range": part.content_range(len(data))})
