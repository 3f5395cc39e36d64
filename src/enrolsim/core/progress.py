"""Progress bars on a terminal, silence elsewhere (CI, pipes, notebooks writing to files)."""

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from tqdm import tqdm


def wanted() -> bool:
    """Show progress only to a person: stderr is a terminal and this is not CI."""
    return sys.stderr.isatty() and not os.environ.get("CI")


@contextmanager
def progress_bar(total: int, description: str, unit: str) -> Iterator[Callable[[int], None]]:
    """Yield ``advance(done)``, which moves a bar to ``done`` of ``total`` (a no-op when quiet)."""
    if not wanted():
        yield lambda done: None
        return
    with tqdm(total=total, desc=description, unit=unit, file=sys.stderr, dynamic_ncols=True) as bar:
        yield lambda done: bar.update(done - bar.n)
