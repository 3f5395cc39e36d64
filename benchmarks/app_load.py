"""A class at once: 30 browser sessions against one ``enrolsim app``, each pressing Step about every 2 seconds.

What a teacher needs to know before a lesson: does one server hold a class, and does it let go of
the sessions afterwards? The script starts ``enrolsim app --session-timeout M`` and opens
``--sessions`` browser sessions (each its own browser context, so its own Solara session and
model), most in one headless Chromium and ``--dropped`` of them in a second Chromium started by
this script. Every session first moves a lever's slider (the model restarts), the first
``--side-by-side`` sessions also switch the side-by-side view on and move setting B's slider
(two models a session from then on); then each presses Step every ``--interval`` seconds
(staggered across the class) for ``--months`` months. Afterwards the first browser's sessions are
closed normally and the second browser is killed (``SIGKILL`` by its process id: its sessions
vanish without closing, as when a laptop is shut), and the script watches the server free them.

It reports:

- errors: a press whose redraw did not come, a page error, a console error, a session that did
  not end at the last month;
- the server's CPU time per press: its process's user + system CPU time over the pressing phase
  divided by the presses (everything the server did meanwhile: steps, rendering, websockets);
- the server's memory (resident set): before the sessions, at its peak, after the closed sessions
  ended, and after the dropped sessions were culled; and the kernels (sessions) Solara holds, read
  from its ``/resourcez`` endpoint, with the seconds until each group was freed;
- step-to-redraw latency: in each page, from Step's click event until every chart and map shows
  the new month (a ``MutationObserver`` on the page). On one machine the 30 browsers' rendering
  dominates it (their CPU time is printed beside the server's), so it is not the server's figure.

With ``--rounds 2`` a second class follows the first on the same server: a process seldom hands
freed memory back to the system, so the resident set stays near its peak after the sessions are
freed; that the second class's peak stays near the first one's shows their models were freed and
the memory reused (leaked models would add their megabytes again).

Usage: ``.venv/bin/python benchmarks/app_load.py [--sessions 30] [--side-by-side 30] [--dropped 5]
[--months 12] [--interval 2] [--session-timeout 1] [--rounds 2] [--out results/app_load.json]``.
Goals (issue 17): no session error, at most 40 ms of server CPU a press, at most 1 GB, sessions freed.
Heavy: 30 renderers on the machine's cores for a few minutes; run it when needed, not in a loop.
"""

import argparse
import asyncio
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from app import CHROMIUM, CHROMIUM_ARGS, DEFAULT_SCENARIO, SHOWN, enrolsim, free_port, refuse_beyond_the_scenario, start_server, stop_server

WAIT_MS = 90_000  # a generous wait for one redraw: a failure, not a slow answer, is what should show
#: resolves with the ms from the next click to the DOM showing month ``n`` in every chart and map
WATCH = f"""n => {{
    const shown = {SHOWN};
    window.enrolsimStep = new Promise(resolve => {{
        document.addEventListener('click', () => {{
            const pressed = performance.now();
            if (shown(n)) return resolve(performance.now() - pressed);
            const observer = new MutationObserver(() => {{
                if (shown(n)) {{ observer.disconnect(); resolve(performance.now() - pressed); }}
            }});
            observer.observe(document.body, {{subtree: true, childList: true, attributes: true, characterData: true}});
        }}, {{once: true, capture: true}});
    }});
}}"""


@dataclass
class Session:
    """One student's browser session and what happened in it."""

    number: int
    side_by_side: bool
    dropped: bool
    errors: list[str] = field(default_factory=list)
    latencies_ms: list[float] = field(default_factory=list)
    months: int = 0


class Sampler:
    """The server's resident memory (its peak sampled in a thread every ``every`` seconds), CPU time and sessions."""

    def __init__(self, pid: int, url: str, every: float = 0.25) -> None:
        self.process, self.url, self.every = psutil.Process(pid), url, every
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def rss(self) -> int:
        return self.process.memory_info().rss

    def kernels(self) -> dict:
        with urllib.request.urlopen(self.url + "resourcez", timeout=10) as answer:
            return json.load(answer)["kernels"]

    def cpu(self) -> float:
        times = self.process.cpu_times()
        return times.user + times.system

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.rss())
            self._stop.wait(self.every)

    def __enter__(self) -> "Sampler":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def mb(n: float) -> str:
    return f"{n / 2**20:,.0f} MB"


def browsers_cpu(extra: list[psutil.Process]) -> float:
    """CPU seconds of every Chromium process under this script (the playwright one's and the one started here)."""
    total = 0.0
    for p in [*psutil.Process().children(recursive=True), *extra]:
        try:
            if "chrom" in p.name():
                t = p.cpu_times()
                total += t.user + t.system + t.children_user + t.children_system
        except psutil.Error:
            continue
    return total


async def open_session(context, url: str, s: Session) -> object:
    """Open the app in a new page, move a lever's slider and (side by side) switch on setting B and move its slider."""
    page = await context.new_page()
    page.set_default_timeout(WAIT_MS)
    page.on("pageerror", lambda exc: s.errors.append(f"page error: {exc}"))
    page.on("console", lambda m: s.errors.append(f"console: {m.text}") if m.type == "error" else None)
    await page.goto(url, timeout=WAIT_MS)
    await page.wait_for_function(SHOWN, arg=0, timeout=WAIT_MS)
    slider = page.locator(".enrolsim-slider-perisai_target input[type=range]")  # the new controls: a slider restarts the model
    await slider.focus()
    await slider.press("ArrowRight")
    await page.locator(".enrolsim-message", has_text="Model restarted with Perisai agents (target) = 1.").wait_for()
    if s.side_by_side:
        await page.locator(".enrolsim-side-switch").click()
        await page.locator(".enrolsim-map").nth(1).wait_for()
        b = page.locator(".enrolsim-slider-perisai_initial-b input[type=range]")
        await b.focus()
        for _ in range(7):  # setting B: 30 Perisai agents at the start, a key press at a time
            await b.press("ArrowRight")
            await page.wait_for_timeout(100)
        await page.locator(".enrolsim-message", has_text="setting B has Perisai agents at the start = 30").wait_for()
        await page.wait_for_function(SHOWN, arg=0, timeout=WAIT_MS)
    return page


async def press_steps(page, s: Session, start: float, interval: float, months: int) -> None:
    """Press Step every ``interval`` seconds from ``start``; wait for each month to be shown."""
    box = await page.get_by_role("button", name="Step").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    for month in range(1, months + 1):
        await asyncio.sleep(max(0.0, start + (month - 1) * interval - time.monotonic()))
        try:
            await page.evaluate(WATCH, month)
            await page.mouse.click(x, y)
            await page.wait_for_function(SHOWN, arg=month, timeout=WAIT_MS, polling=100)
            s.latencies_ms.append(await page.evaluate("() => window.enrolsimStep"))
            s.months = month
        except Exception as exc:  # every failure of a press is a session error to report
            s.errors.append(f"month {month}: {type(exc).__name__}: {str(exc).splitlines()[0]}")
            return
    if await page.get_by_text(f"Time: {months}.0").count() != 1:
        s.errors.append(f"Mesa's clock does not show {months}")


def start_dropped_browser(profile: str) -> tuple[subprocess.Popen, str]:
    """A Chromium of our own, in its own process group, that playwright reaches over CDP (so that this script can kill it)."""
    port = free_port()
    process = subprocess.Popen(
        [CHROMIUM, *CHROMIUM_ARGS, f"--remote-debugging-port={port}", f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    for _ in range(200):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/version", timeout=2):
                return process, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.1)
    raise SystemExit("the second Chromium did not start")


def wait_for_kernels(sampler: Sampler, at_most: int, timeout: float) -> float | None:
    """Seconds until Solara holds at most ``at_most`` kernels (None if not within ``timeout``)."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if sampler.kernels()["total"] <= at_most:
            return time.monotonic() - start
        time.sleep(0.5)
    return None


async def one_class(p, args: argparse.Namespace, server: subprocess.Popen, url: str, sampler: Sampler, profile: str) -> dict:
    """A class arrives, moves its levers, presses Step for ``--months`` months and leaves; what the server did meanwhile."""
    result: dict = {"rss_before": sampler.rss()}
    sampler.peak = 0
    sessions = [Session(i, i < args.side_by_side, i >= args.sessions - args.dropped) for i in range(args.sessions)]
    browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    dropped_browser, cdp = start_dropped_browser(profile)
    try:
        other = await p.chromium.connect_over_cdp(cdp)
        contexts = [await (other if s.dropped else browser).new_context(viewport={"width": 1400, "height": 1000}) for s in sessions]
        opening = asyncio.Semaphore(4)  # open a few at a time, as a class arrives

        async def opened(s: Session, context):
            async with opening:
                return await open_session(context, url, s)

        t = time.monotonic()
        pages = await asyncio.gather(*(opened(s, c) for s, c in zip(sessions, contexts, strict=True)))
        result |= {"open_s": time.monotonic() - t, "rss_open": sampler.rss(), "kernels_open": sampler.kernels()}
        await asyncio.sleep(2)
        idle0, t_idle = sampler.cpu(), time.monotonic()  # the class connected, nobody pressing: what the server spends anyway
        await asyncio.sleep(args.idle)
        result["idle_cpu_per_s"] = (sampler.cpu() - idle0) / (time.monotonic() - t_idle)
        spy = None
        if args.py_spy:  # where the server spends CPU: py-spy's collapsed stacks (the thread holding the GIL only) over the pressing phase
            spy_exe = str(Path(sys.executable).with_name("py-spy"))
            command = [spy_exe, "record", "--pid", str(server.pid), "--format", "raw", "--rate", "200", "--gil", "--nonblocking"]
            spy = subprocess.Popen([*command, "-o", str(args.py_spy)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            await asyncio.sleep(2)
        cpu0, browsers0, t0, load0 = sampler.cpu(), browsers_cpu([psutil.Process(dropped_browser.pid)]), time.monotonic(), os.getloadavg()[0]
        start = time.monotonic() + 1
        stagger = args.interval / args.sessions  # the class's presses spread over each interval
        await asyncio.gather(*(press_steps(page, s, start + s.number * stagger, args.interval, args.months) for s, page in zip(sessions, pages, strict=True)))
        result |= {"press_s": time.monotonic() - t0, "server_cpu_s": sampler.cpu() - cpu0}
        if spy is not None:
            spy.send_signal(signal.SIGINT)  # py-spy writes its file when interrupted (our own child, by its id)
            spy.wait(timeout=60)
        result |= {"browsers_cpu_s": browsers_cpu([psutil.Process(dropped_browser.pid)]) - browsers0, "load_average": [load0, os.getloadavg()[0]]}
        # the class leaves: tabs closed normally in the first browser; the second browser vanishes
        for s, page, context in zip(sessions, pages, contexts, strict=True):
            if not s.dropped:
                async with page.expect_event("close"):
                    await page.close(run_before_unload=True)  # as a person closes a tab: pagehide, Solara's close beacon
                await context.close()
        os.killpg(dropped_browser.pid, signal.SIGKILL)  # our own Chromium's process group, by its id
        dropped_browser.wait(timeout=30)
        await browser.close()
    finally:
        if dropped_browser.poll() is None:
            os.killpg(dropped_browser.pid, signal.SIGKILL)
    result["closed_freed_s"] = wait_for_kernels(sampler, args.dropped, 60)
    result |= {"kernels_after_close": sampler.kernels(), "rss_after_close": sampler.rss()}
    result["dropped_freed_s"] = wait_for_kernels(sampler, 0, args.session_timeout * 60 + 120)
    await asyncio.sleep(3)  # Solara collects garbage after a kernel closes
    result |= {"kernels_after_cull": sampler.kernels(), "rss_after_cull": sampler.rss(), "rss_peak": sampler.peak}
    result["sessions_detail"] = [asdict(s) for s in sessions]
    return result


async def run(args: argparse.Namespace) -> dict:
    """Start the server, run ``--rounds`` classes one after the other on it, stop it."""
    log = Path(tempfile.mkdtemp(prefix="enrolsim-app-load-")) / "server.log"
    server, url = start_server(args.scenario, "--session-timeout", str(args.session_timeout), log=log)
    profile = tempfile.mkdtemp(prefix="enrolsim-chromium-")
    settings = {"sessions": args.sessions, "side_by_side": args.side_by_side, "dropped": args.dropped, "months": args.months, "interval": args.interval}
    try:
        from playwright.async_api import async_playwright

        with Sampler(server.pid, url) as sampler:
            await asyncio.sleep(2)
            async with async_playwright() as p:
                rounds = []
                for _ in range(args.rounds):
                    rounds.append(await one_class(p, args, server, url, sampler, profile))
                    shutil.rmtree(profile, ignore_errors=True)
    finally:
        stop_server(server)
        shutil.rmtree(profile, ignore_errors=True)
    return {**settings, "rounds": rounds}


def report(settings: dict, r: dict) -> None:
    """What one class did to the server, in words."""
    details = r["sessions_detail"]
    errors = [f"session {s['number']}: {e}" for s in details for e in s["errors"]]
    presses = sum(len(s["latencies_ms"]) for s in details)
    latencies = sorted(v for s in details for v in s["latencies_ms"])
    reached = sum(s["months"] == settings["months"] for s in details)
    print(f"sessions: {settings['sessions']} ({settings['side_by_side']} side by side, {settings['dropped']} dropped without closing)", end="")
    print(f", opened in {r['open_s']:.0f} s")
    print(f"errors: {len(errors)}; sessions at month {settings['months']}: {reached} of {settings['sessions']}")
    for line in errors[:20]:
        print("  " + line)
    print(f"presses: {presses} in {r['press_s']:.0f} s; load average {r['load_average'][0]:.1f} -> {r['load_average'][1]:.1f}")
    if presses:
        print(f"server CPU per press: {1000 * r['server_cpu_s'] / presses:.1f} ms  (goal <= 40; {r['server_cpu_s']:.1f} s over the pressing phase)")
        idle = r["idle_cpu_per_s"] * r["press_s"]
        print(f"  of which idle: {1000 * idle / presses:.1f} ms  (the class connected, nobody pressing: {r['idle_cpu_per_s']:.3f} s a second)")
        print(f"browsers' CPU per press: {1000 * r['browsers_cpu_s'] / presses:.1f} ms  (the {settings['sessions']} Chromium renderers, same machine)")
        q = lambda f: latencies[min(len(latencies) - 1, int(f * len(latencies)))]  # noqa: E731
        print(
            f"step to redraw: median {statistics.median(latencies):.0f} ms, 90% {q(0.9):.0f} ms, max {latencies[-1]:.0f} ms"
            " (click event to every chart and map showing the month; dominated by the browsers on this machine)"
        )
    print(
        f"server memory: before {mb(r['rss_before'])}, with the sessions open {mb(r['rss_open'])}, peak {mb(r['rss_peak'])} (goal <= 1 GB),"
        f" after the closed sessions ended {mb(r['rss_after_close'])}, after the dropped ones were culled {mb(r['rss_after_cull'])}"
    )
    k = r["kernels_open"], r["kernels_after_close"], r["kernels_after_cull"]
    shown = [("never" if v is None else f"{v:.0f} s") for v in (r["closed_freed_s"], r["dropped_freed_s"])]
    print(f"sessions held by the server (Solara kernels): {k[0]['total']} open", end="")
    print(f"; {k[1]['total']} after the tabs closed ({k[1]['has_disconnected']} disconnected), {k[2]['total']} after the cull")
    print(f"  closed sessions freed after {shown[0]}; dropped sessions freed after {shown[1]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", type=Path, default=DEFAULT_SCENARIO)
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--side-by-side", type=int, default=30, help="sessions (the first ones) that switch the side-by-side view on (default all)")
    parser.add_argument("--dropped", type=int, default=5, help="sessions (the last ones) whose browser is killed instead of closed (default 5)")
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--interval", type=float, default=2.0, help="seconds between a session's presses (default 2)")
    parser.add_argument("--rounds", type=int, default=1, help="classes one after the other on the same server (2 shows the first class's memory reused)")
    parser.add_argument("--session-timeout", type=int, default=1, help="the server's --session-timeout in minutes (default 1, to see the cull)")
    parser.add_argument("--idle", type=float, default=10.0, help="seconds to measure the server idle with the class connected (default 10)")
    parser.add_argument("--out", type=Path, help="also write the figures as JSON here")
    parser.add_argument("--py-spy", type=Path, help="record the server with py-spy (if installed) over the pressing phase, collapsed stacks to this file")
    args = parser.parse_args()
    refuse_beyond_the_scenario(parser, args.scenario, "--months", args.months)
    print(f"enrolsim {enrolsim.__version__}, Python {sys.version.split()[0]}, {psutil.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
    result = asyncio.run(run(args))
    for n, r in enumerate(result["rounds"], start=1):
        print(f"--- class {n} of {len(result['rounds'])} on the same server")
        report(result, r)
    if len(result["rounds"]) > 1:  # freed models leave room the next class reuses: its peak stays near the first one's
        peaks = ", ".join(mb(r["rss_peak"]) for r in result["rounds"])
        print(f"server peak memory class by class: {peaks}")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
