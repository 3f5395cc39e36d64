"""argparse value types shared by the commands: bad values end in argparse's one-line error."""

import argparse
from collections.abc import Callable


def whole_number(lo: int, hi: int) -> Callable[[str], int]:
    """A whole number in ``lo..hi`` (argparse names the option in its message)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not lo <= value <= hi:
            raise argparse.ArgumentTypeError(f"{value} is not between {lo} and {hi}")
        return value

    return parse
