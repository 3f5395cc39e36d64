"""matplotlib for files only: the Agg backend is chosen here, once, for every figure the package draws.

Figure modules import ``plt`` from here rather than matplotlib itself, so no screen is ever looked
for (servers and CI have none) and no module can choose another backend by importing first.
"""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

__all__ = ["plt"]
