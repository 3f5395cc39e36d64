"""Is there a Dask scheduler at ``--scheduler``? Asked before anything is written, and told in one line.

``Client(address)`` alone waits forever on a server that accepts and never answers (the dashboard's
HTTP port), retries a refused connection for its whole timeout, and raises a traceback on a server
that answers in another protocol or on a worker's address.
"""

import asyncio
import socket
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from enrolsim.core.errors import InputError

#: Seconds a Dask scheduler has to answer before ``--scheduler`` is refused.
SCHEDULER_TIMEOUT = 20.0
#: Seconds a plain TCP connection may take before the check leaves the address to Dask (a slow network, not a refusal).
CONNECT_TIMEOUT = 3.0


def check_scheduler(address: str) -> None:
    """Refuse ``address`` in one line unless a Dask scheduler answers there within :data:`SCHEDULER_TIMEOUT`.

    Asked in a thread of its own, so it works under a running event loop (Jupyter).
    """
    if not address.strip():
        raise InputError("--scheduler", "", "is empty; give the scheduler's address, e.g. tcp://10.0.0.5:8786")
    refused = _refused_at_once(address)
    if refused:
        raise InputError("--scheduler", address, f"cannot connect to a Dask scheduler ({refused})")
    try:
        with ThreadPoolExecutor(1) as thread:
            kind = thread.submit(asyncio.run, _identity(address, SCHEDULER_TIMEOUT)).result().get("type")
    except TimeoutError:
        problem = f"no Dask scheduler answered within {SCHEDULER_TIMEOUT:g} s"
    except Exception as exc:  # an unparsable address, a refused connection, another protocol's bytes
        problem = first_line(exc) if isinstance(exc, ValueError | OSError) else "something answered there, but not a Dask scheduler"
    else:
        if kind == "Scheduler":
            return
        problem = f"that address is a Dask {kind or 'server'}, not the scheduler"
    raise InputError("--scheduler", address, f"cannot connect to a Dask scheduler ({problem})")


def _refused_at_once(address: str) -> str | None:
    """Why a ``tcp://`` address refuses a connection outright (nothing listens there), else ``None``.

    Dask retries a refused connection until its timeout, so a scheduler not started (or a mistyped
    port) was told only after :data:`SCHEDULER_TIMEOUT` seconds; a plain connection says so at once.
    Other protocols (``tls://``, ``ucx://``) and addresses Dask cannot parse are left to Dask.
    """
    from distributed.comm.addressing import parse_address, parse_host_port

    try:
        protocol, location = parse_address(address)
        host, port = parse_host_port(location)
    except (ValueError, TypeError):
        return None
    if protocol != "tcp":
        return None
    try:
        socket.create_connection((host, port), timeout=min(CONNECT_TIMEOUT, SCHEDULER_TIMEOUT)).close()
    except ConnectionRefusedError:
        return f"nothing listens at {host}:{port}"
    except OSError:  # unreachable, unresolvable, or slow: Dask's own attempt names it
        pass
    return None


async def _identity(address: str, seconds: float) -> dict[str, Any]:
    """The ``identity`` a Dask server at ``address`` reports, within ``seconds`` from connecting to the answer."""
    from distributed.core import rpc

    async def ask() -> dict[str, Any]:
        async with rpc(address, timeout=seconds) as remote:
            return await remote.identity()

    return await asyncio.wait_for(ask(), seconds)


def first_line(exc: BaseException) -> str:
    """An exception's first line of text (its type's name when it has none): what a one-line message can hold."""
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
