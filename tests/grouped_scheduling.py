"""pytest-xdist's `--dist loadgroup` scheduler, mended so that a worker that dies ends in one
failed test, never in a run that waits for ever.

CI once ran out its 5400 s after "[gw1] node down: Not properly terminated" with the suite at
98%: xdist 3.8's LoadScopeScheduling (which loadgroup extends) hangs after it replaces a crashed
worker (pytest-xdist issues 1323, 1327, 1378):
- `remove_node` puts the dead worker's whole workload back on the queue, its finished units too;
  a finished unit is later sent as an empty batch, which the worker never reports on, so nobody
  is given work again;
- the test the worker died on goes back with the rest, and its replacement runs it again;
- a worker runs a test only once it holds the next one (or is told to stop), so a replacement
  given one test and nothing after it waits for ever;
- when two workers die, work is sent to the second before xdist has said it is down ("cannot
  send"), or to a replacement that has not finished collecting (KeyError; issue 1189).
Here the finished units stay finished, the test that killed a worker is reported failed
(`worker 'gwN' crashed while running ...`) and not run again, and a worker is always given a
second test or told that no more will come.
"""

from __future__ import annotations

from xdist.scheduler import LoadGroupScheduling


class Grouped(LoadGroupScheduling):
    """loadgroup with the work units `split` gives (tests/conftest.py: group_of)."""

    def __init__(self, config, log, split):
        super().__init__(config, log)
        self._split = split

    def _split_scope(self, nodeid: str) -> str:
        return self._split(nodeid)

    def remove_node(self, node):
        workload = self.assigned_work.pop(node)
        crashed = next((n for unit in workload.values() for n, done in unit.items() if not done), None)
        if crashed is None:
            return None  # the worker finished (or was shut down) with nothing of its own pending
        for scope, unit in workload.items():
            if crashed in unit:
                unit[crashed] = True  # xdist reports it failed; it is not run again
            if not all(unit.values()):
                self.workqueue[scope] = unit  # only units with tests left to run
        for other in list(self.assigned_work):
            self._reschedule(other)
        return crashed

    def _assign_work_unit(self, node) -> None:
        while self.workqueue:
            scope, unit = self.workqueue.popitem(last=False)
            todo = [n for n, done in unit.items() if not done]
            if not todo:
                continue  # never an empty batch: the worker would not answer it
            collection = self.registered_collections[node]
            try:
                node.send_runtest_some([collection.index(n) for n in todo])
            except OSError:  # the worker died and xdist has not said so yet: the unit stays queued
                self.workqueue[scope] = unit
                self.workqueue.move_to_end(scope, last=False)
                raise
            self.assigned_work.setdefault(node, {})[scope] = unit
            return

    def _reschedule(self, node) -> None:
        if node.shutting_down or node not in self.registered_collections:
            return  # a replacement still collecting is given work when it is done (schedule)
        work = self.assigned_work.setdefault(node, {})
        try:
            while self.workqueue and self._pending_of(work) <= 2:
                self._assign_work_unit(node)
            if not self.workqueue:
                node.shutdown()  # the worker runs what it holds, its last test included, then stops
        except OSError:
            pass  # a dead worker: its own "node down" hands its work on (remove_node)
