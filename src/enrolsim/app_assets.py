"""Serve the browser libraries of the classroom app from this machine, never from the internet.

Solara fetches its JavaScript through a caching proxy (``/_solara/cdn/...``) that falls back to a
public CDN. Classrooms and CI machines are often offline, so the app relies on the ``solara-assets``
package, which fills that cache with pinned versions. Solara's chart widget asks for the unpinned
names ``vega@5``, ``vega-lite@5`` and ``vega-embed@6``, which the package holds only under their full
versions; :func:`seed_offline_assets` copies the three files under the names asked for, exactly as
the proxy would have cached them after a download. Charts are written by Altair (Vega-Lite 6
specifications); the simple line, point and rectangle charts of the app render unchanged with the
Vega-Lite 5 shipped there (the browser console notes the version difference).
"""

import logging
import shutil
from pathlib import Path

logger = logging.getLogger(__name__)

#: name asked for by solara's VegaLite widget -> candidates inside solara-assets' cache, best first
ALIASES: dict[str, tuple[str, ...]] = {
    "vega@5/build/vega.min.js": ("vega@5.21.0/build/vega.min.js",),
    "vega-lite@5/build/vega-lite.min.js": ("vega-lite@5.2.0/build/vega-lite.min.js",),
    "vega-embed@6/build/vega-embed.min.js": ("vega-embed@6.20.2/build/vega-embed.min.js",),
}


def cache_dir() -> Path:
    """Solara's asset proxy cache (where ``solara-assets`` installs its files)."""
    import solara.server.settings

    return Path(solara.server.settings.assets.proxy_cache_dir)


def seed_offline_assets(cache: Path | None = None) -> list[Path]:
    """Copy the vega libraries under the names solara asks for; return the files now in place.

    Idempotent; a missing source (solara-assets not installed) or an unwritable cache is logged,
    not raised: the app still runs, only its charts stay empty without a network.
    """
    cache = cache_dir() if cache is None else cache
    placed = []
    for wanted, candidates in ALIASES.items():
        target = cache / wanted
        if target.exists():
            placed.append(target)
            continue
        source = next((cache / c for c in candidates if (cache / c).exists()), None)
        if source is None:
            logger.warning("enrolsim app: %s not found in %s (is solara-assets installed?)", wanted, cache)
            continue
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            placed.append(target)
        except OSError as exc:
            logger.warning("enrolsim app: cannot write %s (%s)", target, exc)
    return placed
