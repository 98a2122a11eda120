"""An exact method for forming groups from a small cohort. Pure: no Django.

The problem, as the engine states it (docs/FORMATION.md): split units (people, or people
who must be together) into groups of ``min_size``–``max_size`` people that can all
start a meeting at one common cell, keep apart pairs apart, share a required value
when asked, and, while there are at least as many facilitators as groups, hold a
facilitator each; maximise Q, the shared interests over every group's member pairs.

Q of one group is a sum over its pairs, so a compact model (a variable per person and
group) must linearise a *convex* function of the per-group interest counts in a
maximisation: its LP relaxation is the chord, close to the simple bound, and
branch-and-bound cannot close the gap. This module works over whole groups instead
(set partitioning), whose LP relaxation is strong:

* **Master.** ``max Σ q_S λ_S`` over candidate groups ``S``, each unit in exactly one
  chosen group, the number of groups within its range; HiGHS solves the LP.
* **Pricing.** With the LP's duals ``pi`` (units) and ``sigma`` (number of groups), a group
  improves the LP when ``q_S - pi(S) - sigma > 0``. For each *slot* (a start cell whose set
  of free units is not inside another cell's; with a shared value, per value) a fast
  local search proposes such groups, and a small MIP (HiGHS; a binary per unit, a
  continuous one per pair that shares something, at most ``b - size`` partners per
  unit) proves when none is left, or bounds how much one could gain.
* **Bound.** For any duals, every grouping of ``m ≤ U`` groups has
  ``Q ≤ z_LP + U·max(0, r*)`` where ``r*`` bounds the best reduced value (Lagrangian
  bound); when pricing proves ``r* ≤ 0`` it is the LP optimum.
* **Answer.** The integer programme over the generated groups (HiGHS MIP) gives the
  grouping; it is proved optimal when its Q equals the bound rounded down.

The facilitator rule depends on the number of groups, so the method solves two cases
and keeps the better: at most as many groups as facilitators, each with one; and more
groups than facilitators, without that rule.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import highspy
import numpy as np
from highspy._core import _Highs

INF = highspy.kHighsInf
EPS = 1e-6
ENUMERATE_LIMIT = 20000  # groups per slot listed to close the LP's gap
PRICING_LIMIT = 20  # improving groups per slot taken in one exhaustive round


@dataclass(frozen=True)
class Instance:
    """Units of a cohort as plain data: ``weights[u][v]`` is the interest pairs between
    units ``u`` and ``v`` (their members' shared interests), ``inner[u]`` those within
    unit ``u``; ``starts[u]`` its start cells as a bitset; ``share[u]`` the values all
    its members hold (empty when the rules ask for none)."""

    weights: np.ndarray
    inner: tuple[int, ...]
    sizes: tuple[int, ...]
    facilitators: tuple[int, ...]
    starts: tuple[int, ...]
    share: tuple[frozenset[str], ...]
    apart: frozenset[tuple[int, int]]
    min_size: int
    max_size: int
    spread_facilitators: bool
    needs_share: bool


@dataclass(frozen=True)
class Grouping:
    groups: tuple[tuple[tuple[int, ...], int], ...]  # units, start cell
    quality: int
    bound: int | None  # None when no bound was proven in the time
    proved: bool
    columns: int
    seconds: float


@dataclass
class _Slot:
    cell: int
    units: np.ndarray  # unit indices free at the cell (holding the value, if any)


def _highs() -> _Highs:
    """A quiet HiGHS on one thread (the plain binding: no banner, no callbacks)."""
    h = _Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    return h


def _bits(value: int) -> list[int]:
    out = []
    while value:
        low = value & -value
        out.append(low.bit_length() - 1)
        value ^= low
    return out


def _slots(inst: Instance) -> list[_Slot]:
    """Cells whose set of free units is not inside another's (per shared value)."""
    keys: dict[tuple[str, frozenset[int]], int] = {}
    values = sorted({v for s in inst.share for v in s}) if inst.needs_share else [""]
    cells = sorted({c for s in inst.starts for c in _bits(s)})
    for value in values:
        for c in cells:
            members = frozenset(
                u
                for u, s in enumerate(inst.starts)
                if s >> c & 1 and (not value or value in inst.share[u])
            )
            if sum(inst.sizes[u] for u in members) >= inst.min_size:
                keys.setdefault((value, members), c)
    sets = list(keys)
    out = []
    for value, members in sets:
        if any(v == value and members < other for v, other in sets):
            continue
        out.append(_Slot(keys[(value, members)], np.array(sorted(members), dtype=np.int64)))
    return out


class _Solver:
    def __init__(self, inst: Instance, deadline: float) -> None:
        self.inst = inst
        self.deadline = deadline
        self.n = len(inst.sizes)
        self.w = inst.weights.astype(np.float64)
        self.inner = np.array(inst.inner, dtype=np.float64)
        self.size = np.array(inst.sizes, dtype=np.int64)
        self.fac = np.array(inst.facilitators, dtype=np.int64)
        self.apart = np.zeros((self.n, self.n), dtype=bool)
        for a, b in inst.apart:
            self.apart[a, b] = self.apart[b, a] = True
        self.slots = _slots(inst)
        self.people = int(self.size.sum())

    # -- columns

    def value(self, units: tuple[int, ...]) -> int:
        idx = np.array(units)
        return round(float(self.w[np.ix_(idx, idx)].sum() / 2 + self.inner[idx].sum()))

    def feasible(self, units: tuple[int, ...], need_lead: bool) -> bool:
        idx = np.array(units)
        total = int(self.size[idx].sum())
        if not self.inst.min_size <= total <= self.inst.max_size:
            return False
        if need_lead and not self.fac[idx].sum():
            return False
        return not self.apart[np.ix_(idx, idx)].any()

    def price_heuristic(
        self, slot: _Slot, pi: np.ndarray, sigma: float, need_lead: bool, tries: int
    ) -> list[tuple[float, tuple[int, ...]]]:
        """Groups of positive reduced value at ``slot`` by greedy growth from several
        seeds and then add/drop/swap moves."""
        cand = slot.units
        if cand.size == 0:
            return []
        w = self.w[np.ix_(cand, cand)]
        lin = self.inner[cand] - pi[cand]
        size = self.size[cand]
        fac = self.fac[cand]
        apart = self.apart[np.ix_(cand, cand)]
        apart_count = apart.astype(np.int64)
        a, b = self.inst.min_size, self.inst.max_size
        found: dict[tuple[int, ...], float] = {}
        seeds = np.argsort(-(np.sort(w, axis=1)[:, -b:].sum(axis=1) / 2 + lin))[:tries]
        for seed in seeds:
            chosen = np.zeros(cand.size, dtype=bool)
            chosen[seed] = True
            total = int(size[seed])
            gain = w[seed].copy()
            blocked = apart[seed].copy()
            while True:
                marginal = gain + lin
                marginal[chosen | blocked | (size + total > b)] = -np.inf
                if need_lead and not fac[chosen].any():
                    # Someone must lead: prefer a facilitator once the room runs short.
                    room = b - total
                    if room <= int(size.min()) * 2:
                        marginal[fac == 0] = -np.inf
                j = int(np.argmax(marginal))
                if marginal[j] == -np.inf:
                    break
                if total >= a and marginal[j] <= 0 and (not need_lead or fac[chosen].any()):
                    break
                chosen[j] = True
                total += int(size[j])
                gain += w[j]
                blocked |= apart[j]
            polished = self._polish(chosen, w, lin, size, fac, apart_count, need_lead)
            if polished is None:
                continue
            members = np.flatnonzero(polished)
            reduced = w[np.ix_(members, members)].sum() / 2 + lin[members].sum() - sigma
            if reduced > EPS:
                found[tuple(int(u) for u in cand[members])] = float(reduced)
        return sorted(((v, k) for k, v in found.items()), reverse=True)

    def _polish(
        self,
        chosen: np.ndarray,
        w: np.ndarray,
        lin: np.ndarray,
        size: np.ndarray,
        fac: np.ndarray,
        apart: np.ndarray,
        need_lead: bool,
    ) -> np.ndarray | None:
        a, b = self.inst.min_size, self.inst.max_size
        has_apart = bool(apart.any())
        for _round in range(40):
            gain = w @ chosen
            value = gain + lin
            total = int(size[chosen].sum())
            leads = int(fac[chosen].sum())
            conflict = apart @ chosen if has_apart else np.zeros(chosen.size, dtype=np.int64)
            best, move = EPS, None
            add = np.where(~chosen & (total + size <= b) & (conflict == 0), value, -np.inf)
            j = int(np.argmax(add))
            if add[j] > best:
                best, move = float(add[j]), (-1, j)
            drop_ok = chosen & (total - size >= a)
            if need_lead:
                drop_ok &= leads - fac > 0
            drop = np.where(drop_ok, -value, -np.inf)
            i = int(np.argmax(drop))
            if drop[i] > best:
                best, move = float(drop[i]), (i, -1)
            inside = np.flatnonzero(chosen)
            outside = np.flatnonzero(~chosen)
            if inside.size and outside.size:
                cross = w[np.ix_(inside, outside)]
                d = value[outside][None, :] - cross - value[inside][:, None]
                after = total - size[inside][:, None] + size[outside][None, :]
                ok = (after <= b) & (after >= a)
                if need_lead:
                    ok &= (leads - fac[inside])[:, None] + fac[outside][None, :] > 0
                if has_apart:
                    ok &= conflict[outside][None, :] - apart[np.ix_(inside, outside)] == 0
                d = np.where(ok, d, -np.inf)
                k = int(np.argmax(d))
                r, c = divmod(k, outside.size)
                if d[r, c] > best:
                    best, move = float(d[r, c]), (int(inside[r]), int(outside[c]))
            if move is None:
                break
            i, j = move
            if i >= 0:
                chosen[i] = False
            if j >= 0:
                chosen[j] = True
        total = int(size[chosen].sum())
        if not a <= total <= b or (need_lead and not fac[chosen].any()):
            return None
        return chosen

    def search_groups(
        self,
        slot: _Slot,
        pi: np.ndarray,
        sigma: float,
        need_lead: bool,
        threshold: float,
        deadline: float,
        limit: int,
        best_only: bool = False,
    ) -> tuple[list[tuple[float, tuple[int, ...]]], bool]:
        """Every group at ``slot`` with reduced value at least ``threshold`` by a
        depth-first search over its units, pruned by a bound: a group grown from
        ``P`` gains at most, for each unit ``c`` added, its pairs with ``P``, its own
        value and half of its best pairs among the units still to choose from.
        With ``best_only``, each group found raises the threshold, so the search
        proves the best one (the last found). Returns the groups found and whether
        the search finished (not stopped by ``deadline`` or ``limit``)."""
        cand = slot.units
        k = cand.size
        lin_all = self.inner[cand] - pi[cand]
        w_all = self.w[np.ix_(cand, cand)]
        b = self.inst.max_size
        potential = lin_all + np.sort(w_all, axis=1)[:, ::-1][:, : b - 1].sum(axis=1) / 2
        order = np.argsort(-potential)
        w = w_all[np.ix_(order, order)]
        lin = lin_all[order]
        size = self.size[cand][order]
        fac = self.fac[cand][order]
        apart = self.apart[np.ix_(cand, cand)][np.ix_(order, order)]
        a = self.inst.min_size
        found: list[tuple[float, tuple[int, ...]]] = []
        state = {"stopped": False, "nodes": 0}
        level = [threshold]

        def dfs(
            chosen: list[int],
            value: float,
            gain: np.ndarray,
            total: int,
            leads: int,
            blocked: np.ndarray,
            first: int,
        ) -> None:
            state["nodes"] += 1
            if state["nodes"] % 256 == 0 and time.perf_counter() > deadline:
                state["stopped"] = True
            if state["stopped"]:
                return
            if total >= a and (leads or not need_lead) and value >= level[0]:
                found.append((value, tuple(int(cand[order[i]]) for i in chosen)))
                if best_only:
                    level[0] = value + EPS
                if len(found) >= limit:
                    state["stopped"] = True
                    return
            room = b - total
            if room <= 0 or first >= k:
                return
            rest = np.arange(first, k)
            rest = rest[~blocked[rest] & (size[rest] <= room)]
            if rest.size == 0:
                return
            sub = w[np.ix_(rest, rest)]
            r = min(room, rest.size)
            half = np.zeros(rest.size)
            if r > 1:
                cut = sub.shape[1] - (r - 1)
                half = np.partition(sub, cut, axis=1)[:, cut:].sum(axis=1) / 2
            each = gain[rest] + lin[rest] + half
            # The bound for groups grown from ``chosen`` with units from ``rest[j:]``
            # shrinks as j grows: stop at the first j whose bound falls short.
            for pos in range(rest.size):
                tail = each[pos:]
                top = np.sort(tail)[::-1][: min(room, tail.size)]
                if value + float(top[top > 0].sum()) < level[0] - EPS:
                    return
                c = int(rest[pos])
                others = np.sort(tail[1:])[::-1][: room - 1].clip(min=0).sum()
                if value + each[pos] + float(others) < level[0] - EPS:
                    continue
                dfs(
                    [*chosen, c],
                    value + float(gain[c] + lin[c]),
                    gain + w[c],
                    total + int(size[c]),
                    leads + int(fac[c]),
                    blocked | apart[c],
                    c + 1,
                )
                if state["stopped"]:
                    return

        dfs([], -sigma, np.zeros(k), 0, 0, np.zeros(k, dtype=bool), 0)
        return found, not state["stopped"]

    # -- the master

    def solve_case(
        self,
        need_lead: bool,
        low: int,
        high: int,
        start: list[tuple[int, ...]],
        deadline: float,
        incumbent: int,
    ) -> tuple[float, list[tuple[int, ...]], list[tuple[int, ...]] | None, int]:
        """Column generation for one case: groups ``low``–``high`` in number, each with
        a facilitator when ``need_lead``. Returns a bound on Q in this case, the
        columns, the best grouping found over them (or None) and its Q. Stops early
        once the bound shows nothing in this case beats ``incumbent``."""
        columns: list[tuple[int, ...]] = []
        seen: set[tuple[int, ...]] = set()
        # Time kept for the integer programme over the columns.
        reserve = max(0.0, deadline - time.perf_counter()) * 0.25
        deadline -= reserve
        h = _highs()
        lp = highspy.HighsLp()
        # Artificial columns (a unit left out, at a cost of more than it could add to
        # any group) keep the LP feasible; any duals give a valid bound.
        b = self.inst.max_size
        cap = np.sort(self.w, axis=1)[:, ::-1][:, : b - 1].sum(axis=1) + self.inner + 1
        # The last one stands for an empty group, for the number of groups.
        lp.num_col_ = self.n + 1
        lp.col_cost_ = np.concatenate([-cap, [-float(cap.max()) * b]])
        lp.col_lower_ = np.zeros(self.n + 1)
        lp.col_upper_ = np.full(self.n + 1, INF)
        lp.num_row_ = self.n + 1
        lp.row_lower_ = np.concatenate([np.ones(self.n), [float(low)]])
        lp.row_upper_ = np.concatenate([np.ones(self.n), [float(high)]])
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = np.arange(self.n + 2, dtype=np.int32)
        lp.a_matrix_.index_ = np.arange(self.n + 1, dtype=np.int32)
        lp.a_matrix_.value_ = np.ones(self.n + 1)
        lp.sense_ = highspy.ObjSense.kMaximize
        h.passModel(lp)

        def add(units: tuple[int, ...]) -> None:
            key = tuple(sorted(units))
            if key in seen or not self.feasible(key, need_lead):
                return
            seen.add(key)
            columns.append(key)
            idx = np.array([*key, self.n], dtype=np.int32)
            h.addCol(float(self.value(key)), 0.0, INF, len(idx), idx, np.ones(len(idx)))

        for units in start:
            add(units)
        # A first pool: at each slot, the best groups grown from every unit.
        zero = np.zeros(self.n)
        for slot in self.slots:
            for _rc, units in self.price_heuristic(slot, zero, 0.0, need_lead, slot.units.size):
                add(units)
        bound = INF
        best = INF  # the bound on the best reduced value, once pricing is exact
        z = INF
        pi, sigma = np.zeros(self.n), 0.0
        tries = 8
        slots = sorted(self.slots, key=lambda slot: slot.units.size)
        while True:
            h.run()
            duals = np.array(h.getSolution().row_dual)
            pi, sigma = duals[: self.n], float(duals[self.n])
            # The dual objective: with any duals, a grouping of m groups has
            # Q <= sum(pi) + m*sigma + m*max(0, best reduced value).
            z = float(pi.sum()) + max(low * sigma, high * sigma)
            bound = min(bound, self._cheap_bound(z, pi, sigma, high))
            if np.floor(bound + EPS) <= incumbent or time.perf_counter() >= deadline:
                break
            added = 0
            for slot in slots:
                for _rc, units in self.price_heuristic(slot, pi, sigma, need_lead, tries)[:8]:
                    before = len(columns)
                    add(units)
                    added += len(columns) - before
            if added:
                continue
            # No improving group found by search: look for one exhaustively.
            best = 0.0
            for n, slot in enumerate(slots):
                # Each slot gets its share of the time left.
                share = (deadline - time.perf_counter()) / (len(slots) - n)
                groups, done = self.search_groups(
                    slot,
                    pi,
                    sigma,
                    need_lead,
                    EPS,
                    time.perf_counter() + share,
                    PRICING_LIMIT,
                    best_only=True,
                )
                for rc, group in groups:
                    best = max(best, rc)
                    add(group)
                if not done:
                    best = INF  # stopped early: no bound this round
                    if time.perf_counter() >= deadline:
                        break
            bound = min(bound, z + high * max(0.0, best))
            if best <= EPS:
                break
            tries = min(tries * 2, 64)
        complete = False
        if best <= EPS and np.floor(bound + EPS) > incumbent:
            grouping, quality, _optimal = self._integer(
                columns, need_lead, low, high, deadline + reserve
            )
            incumbent = max(incumbent, quality)
        if best <= EPS and np.floor(bound + EPS) > incumbent:
            # The LP is solved but its bound is above the best grouping known. A
            # better grouping uses only groups of reduced value at least
            # ``incumbent + 1 - z`` (its groups' reduced values add up to its Q
            # minus at most z, and none is positive): add them all, and the integer
            # programme over the columns is then exact for this case.
            threshold = incumbent + 1 - z - EPS
            complete = True
            for slot in slots:
                found, done = self.search_groups(
                    slot, pi, sigma, need_lead, threshold, deadline, ENUMERATE_LIMIT
                )
                if not done:
                    complete = False
                    break
                for _rc, units in found:
                    add(units)
        grouping, quality, optimal = self._integer(
            columns, need_lead, low, high, deadline + reserve
        )
        if complete and optimal:
            bound = min(bound, float(max(quality, incumbent)))
        return bound, columns, grouping, quality

    def _cheap_bound(self, z: float, pi: np.ndarray, sigma: float, high: int) -> float:
        """The Lagrangian bound with a quick bound on the best reduced value: a
        member adds at most half its best ``b - 1`` partners (each pair counted from
        both sides), so a group adds at most its best members' sum."""
        best = 0.0
        b = self.inst.max_size
        for slot in self.slots:
            cand = slot.units
            w = self.w[np.ix_(cand, cand)]
            top = np.sort(w, axis=1)[:, ::-1][:, : b - 1].sum(axis=1) / 2
            gain = np.sort(top + self.inner[cand] - pi[cand])[::-1][:b]
            best = max(best, float(gain[gain > 0].sum()) - sigma)
        return z + high * max(0.0, best)

    def _integer(
        self,
        columns: list[tuple[int, ...]],
        need_lead: bool,
        low: int,
        high: int,
        deadline: float,
    ) -> tuple[list[tuple[int, ...]] | None, int, bool]:
        """The best grouping over ``columns`` (HiGHS MIP), its Q and whether it is
        proved best over them."""
        if not columns:
            return None, -1, False
        h = _highs()
        h.setOptionValue("time_limit", max(0.5, deadline - time.perf_counter()))
        h.setOptionValue("mip_rel_gap", 0.0)
        lp = highspy.HighsLp()
        m = len(columns)
        lp.num_col_ = m
        lp.col_cost_ = np.array([self.value(c) for c in columns], dtype=np.float64)
        lp.col_lower_ = np.zeros(m)
        lp.col_upper_ = np.ones(m)
        lp.num_row_ = self.n + 1
        lp.row_lower_ = np.concatenate([np.ones(self.n), [float(low)]])
        lp.row_upper_ = np.concatenate([np.ones(self.n), [float(high)]])
        starts, index = [0], list[int]()
        for c in columns:
            index.extend(c)
            index.append(self.n)
            starts.append(len(index))
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
        lp.a_matrix_.index_ = np.array(index, dtype=np.int32)
        lp.a_matrix_.value_ = np.ones(len(index))
        lp.sense_ = highspy.ObjSense.kMaximize
        lp.integrality_ = [highspy.HighsVarType.kInteger] * m
        h.passModel(lp)
        h.run()
        optimal = h.getModelStatus() == highspy.HighsModelStatus.kOptimal
        if h.getInfo().primal_solution_status != 2:
            return None, -1, h.getModelStatus() == highspy.HighsModelStatus.kInfeasible
        x = h.getSolution().col_value
        chosen = [columns[j] for j in range(m) if x[j] > 0.5]
        return chosen, sum(self.value(c) for c in chosen), optimal

    def cell_of(self, units: tuple[int, ...]) -> int:
        starts = -1
        for u in units:
            starts &= self.inst.starts[u]
        return _bits(starts)[0]


def solve(
    inst: Instance, seconds: float, start: list[tuple[int, ...]] | None = None
) -> Grouping | None:
    """The best grouping found within ``seconds`` with a proven upper bound on Q, or
    None when no grouping was found (the caller's search decides then)."""
    began = time.perf_counter()
    solver = _Solver(inst, began + seconds)
    people = solver.people
    low = -(-people // inst.max_size)
    high = people // inst.min_size
    leads = int(solver.fac.sum())
    cases: list[tuple[bool, int, int]] = []
    if inst.spread_facilitators and leads >= low:
        cases.append((True, low, min(high, leads)))
        if leads + 1 <= high:
            cases.append((False, leads + 1, high))
    else:
        cases.append((False, low, high))
    start = start or []
    best: list[tuple[int, ...]] | None = None
    best_q = -1
    for units in [start] if start else []:
        if all(solver.feasible(tuple(g), cases[0][0]) for g in units):
            best, best_q = [tuple(g) for g in units], sum(solver.value(tuple(g)) for g in units)
    bound = 0.0
    columns = 0
    for n, (need_lead, lo, hi) in enumerate(cases):
        if lo > hi:
            continue
        # The first case (the likely one) gets most of the time; the second the rest.
        share = 0.75 if n == 0 and len(cases) > 1 else 1.0
        deadline = time.perf_counter() + (solver.deadline - time.perf_counter()) * share
        case_bound, cols, grouping, q = solver.solve_case(
            need_lead, lo, hi, start, deadline, best_q
        )
        columns += len(cols)
        bound = max(bound, case_bound)
        if grouping is not None and q > best_q:
            best, best_q = grouping, q
    if best is None:
        return None
    whole = int(np.floor(bound + EPS)) if np.isfinite(bound) else None
    return Grouping(
        groups=tuple((g, solver.cell_of(g)) for g in best),
        quality=best_q,
        bound=None if whole is None else max(whole, best_q),
        proved=whole is not None and best_q >= whole,
        columns=columns,
        seconds=time.perf_counter() - began,
    )
