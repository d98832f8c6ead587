"""Issue 27 ("fast again"): the server's CPU per first page and per whole questionnaire, against the bare
page's (bench/bare_app.py), on servers of its own started the way people are served (tests/support/servers.py).

- first page: a new visitor's websocket, the welcome page's run, closed; `--times` of them one after another,
  on the app and on the bare page, in `--rounds` alternating rounds so that the two share the machine's noise;
- questionnaire: one person, start to summary (tests/support/session.py's `fill_in`), `--people` one after
  another; against it, on the bare page, as many reruns as that questionnaire had.

CPU is the server process's user + system time (psutil), read around each batch: wall time on a shared
2-core machine says more about the neighbours than about the app. `python -m bench.pages`; docs/performance.md
has the figures. Loopback only.
"""

import argparse
import asyncio
import statistics

from logic import default_content
from tests.factories import answers_dict
from tests.support.servers import SCRIPT, Server
from tests.support.session import Person, Session, fill_in, first_page, rerun_bare

BARE = "bench/bare_app.py"


async def _first_pages(server: Server, times: int) -> float:
    """CPU ms per first page."""
    person = Person(0)
    before = server.cpu()
    await first_page(server.url, person, visits=times)
    if person.error:
        raise RuntimeError(person.error)
    return (server.cpu() - before) / times * 1000


async def _questionnaires(app: Server, bare: Server, people: int) -> tuple[float, float, int]:
    """CPU ms per questionnaire on the app, and per as many reruns on the bare page; the reruns each took."""
    words, answers = default_content(), answers_dict()
    app_ms = bare_ms = 0.0
    reruns = 0
    for index in range(people):
        person = Person(index)
        before = app.cpu()
        async with Session(app.url) as session:
            await fill_in(session, answers, person, words)
        app_ms += (app.cpu() - before) * 1000
        reruns = person.reruns
        floor = Person(index)
        before = bare.cpu()
        await rerun_bare(bare.url, reruns, floor)
        if floor.error:
            raise RuntimeError(floor.error)
        bare_ms += (bare.cpu() - before) * 1000
    return app_ms / people, bare_ms / people, reruns


def _spread(values: list[float]) -> str:
    return f"median {statistics.median(values):.2f} (range {min(values):.2f} to {max(values):.2f})"


async def measure(app: Server, bare: Server, times: int, rounds: int, people: int) -> None:
    await _first_pages(app, 5)  # warm: imports, content and caches are a process's, not a visitor's
    await _first_pages(bare, 5)
    apps, bares, ratios = [], [], []
    for _ in range(rounds):
        a, b = await _first_pages(app, times), await _first_pages(bare, times)
        apps.append(a)
        bares.append(b)
        ratios.append(a / b)
    print(f"first page, server CPU ms: app {_spread(apps)}; bare {_spread(bares)}")
    print(f"first page, app / bare: {_spread(ratios)}")
    if people:
        app_ms, bare_ms, reruns = await _questionnaires(app, bare, people)
        print(
            f"questionnaire ({reruns} reruns), server CPU ms: app {app_ms:.1f}; bare {bare_ms:.1f}; "
            f"ratio {app_ms / bare_ms:.2f}; app per rerun {app_ms / reruns:.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--times", type=int, default=40, help="first pages per round on each (default 40)")
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds (default 5)")
    parser.add_argument("--people", type=int, default=3, help="questionnaires one after another (default 3)")
    parser.add_argument("--script", default=SCRIPT, help="the app's script (default deploy/asgi.py)")
    args = parser.parse_args()
    with Server(args.script) as app, Server(BARE) as bare:
        asyncio.run(measure(app, bare, args.times, args.rounds, args.people))


if __name__ == "__main__":
    main()
