"""Reading the figures a run writes: what is drawn in them, not only that a file exists.

A PNG's size says little (an empty axes is 10 kB too); these helpers find the colours a figure
function draws with, so a test can say "one bar a province" or "six stacked segments".
"""

from pathlib import Path

import matplotlib.colors
import matplotlib.image
import numpy as np

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def pixels(path: Path) -> np.ndarray:
    """The PNG's RGB values, 0..1 (height x width x 3); fails on a file that is not a PNG."""
    assert Path(path).read_bytes()[:8] == PNG_MAGIC, f"{path} is not a PNG"
    return matplotlib.image.imread(path)[..., :3]


def painted(colour: str, alpha: float = 1.0) -> np.ndarray:
    """The RGB a colour takes when drawn with ``alpha`` over a white background."""
    return alpha * np.asarray(matplotlib.colors.to_rgb(colour)) + (1 - alpha) * 1.0


def mask_of(image: np.ndarray, rgb: np.ndarray, tolerance: float = 0.02) -> np.ndarray:
    """Pixels of ``image`` within ``tolerance`` of ``rgb`` in every channel."""
    return np.all(np.abs(image - rgb) <= tolerance, axis=-1)


def runs(flags: np.ndarray) -> int:
    """Number of separate runs of True in a 1-D array (bars met along a line across them)."""
    flags = np.asarray(flags, dtype=bool)
    return int(np.count_nonzero(flags[1:] & ~flags[:-1]) + flags[:1].sum())
