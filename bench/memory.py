"""Memory for `make bench` (issue 27): the server's resident memory (RSS, psutil) per person who stays, and
after they leave.

On a server of its own: one whole questionnaire to warm it (every page's code run once), then its RSS as the
baseline; `people` complete the questionnaire at once and keep their websockets open on the summary (a
session holds its answers and its last page); then they close them, and once their sessions have ended
(`server.disconnectedSessionTTL` after the close, server/sessions.py) the RSS again. The TTL is shortened
to 2 s on this server (config.toml keeps 30) so that the bench does not wait; the sessions end the same way.
Loopback only.
"""

import asyncio
from typing import Any

from logic import default_content
from server.sessions import REAP_EVERY
from tests.support.corpus import answer_sets
from tests.support.servers import SCRIPT, Server
from tests.support.session import Person, Session, complete_questionnaire, crowd

TTL = 2  # seconds a closed session is kept on this server


async def _measure(server: Server, people: int, deadline: float) -> dict[str, Any]:
    content = default_content()
    drafts = answer_sets(people + 1)
    warm = await crowd([complete_questionnaire(server.url, drafts[-1], Person(0), content)], deadline)
    await asyncio.sleep(TTL + 2 * REAP_EVERY)  # the warming session ended
    base = server.rss()
    held: list[Session] = []
    tasks = [complete_questionnaire(server.url, drafts[i], Person(i), content, keep=held) for i in range(people)]
    done = await crowd(tasks, deadline)
    await asyncio.sleep(0.5)
    staying = server.rss()
    for session in held:
        await asyncio.wait_for(session.close(), timeout=10)
    await asyncio.sleep(TTL + 2 * REAP_EVERY)
    left = server.rss()
    return {
        "people": people,
        "errors": sum(1 for person in [*warm, *done] if person.error),
        "baseline_mib": round(base / 2**20, 1),
        "staying_mib": round(staying / 2**20, 1),
        "per_session_kib": round((staying - base) / people / 1024, 1),
        "after_leaving_mib": round(left / 2**20, 1),
        "kept_after_leaving_mib": round((left - base) / 2**20, 1),
    }


def measure(people: int, deadline: float = 600.0) -> dict[str, Any]:
    with Server(SCRIPT, f"--server.disconnectedSessionTTL={TTL}") as server:
        return asyncio.run(_measure(server, people, deadline))
