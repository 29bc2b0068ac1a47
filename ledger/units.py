"""Unit expressions ("battery/day", "USD/year", "GWh", "%") resolved to canonical units.

Each distinct unit string is resolved once to a factor into its canonical unit
(pint base units; "%" for dimensionless) so rows convert with one multiply.
Currency is not convertible here: codes become one [money] base unit and the
code is kept aside, because exchange rates are dated data (DESIGN §7), not
constants.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
import shutil
import sys
from pathlib import Path
from dataclasses import dataclass
from typing import Any

from . import lexicon


class UnitError(ValueError):
    """A unit expression that cannot be read. `echo`: it fails only because a unit it names has a
    broken definition, which is reported at the definition."""

    def __init__(self, message: str, echo: bool = False) -> None:
        super().__init__(message)
        self.echo = echo


_MAX_POWER = 6  # m**3, s**-2 ... a unit raised further is a typo


@dataclass(frozen=True)
class UnitInfo:
    text: str
    canonical: str
    factor: float       # value_in_canonical = value * factor
    dimension: str      # stable for equality; currency is kept apart
    currency: str | None


CURRENCIES = lexicon.CURRENCIES  # code -> Currency; `code in CURRENCIES` tests a code
_MONEY = "money_unit"  # the pint base unit standing for whichever currency the expression names


@lexicon.derived
def _token() -> re.Pattern:
    return re.compile(lexicon.alternation(lexicon.currency_symbols()) + r"|[A-Za-z_][A-Za-z_0-9]*", re.I)


_PERCENT_WORDS = {"%", "percent", "per cent", "pct"}
_POINT_WORDS = {"points", "point", "pp", "pts", "pt", "percentage points", "percentage point",
                "% points", "% point"}
SHARE = "share"  # the dimension of every dimensionless quantity (shares, ratios, points)
_COMMON = ["s", "second", "minute", "hour", "day", "week", "month", "year", "t", "tonne", "kg",
           "g", "m", "km", "km2", "m2", "ha", "Wh", "kWh", "MWh", "GWh", "TWh", "W", "kW", "MW",
           "GW", "l", "barrel"]


class UnitTable:
    def __init__(self, count_units: list[str] = (), aliases: dict[str, str] | None = None,
                 definitions: dict[str, str] | None = None) -> None:
        self._count_units = list(count_units)
        self._aliases = dict(aliases or {})
        self._definitions = dict(definitions or {})
        self._cache: dict[str, UnitInfo] = {}
        self._registry: Any = None  # built on first need: importing pint costs ~0.2 s
        self._conflicts: dict[str, str] = {}
        self._broken: dict[str, str] = {}  # declared name -> why its definition cannot be used
        self._memo: tuple | None = None  # (unitmemo.Memo, this definition set's entry), on first use

    @classmethod
    def from_definitions(cls, rows) -> "UnitTable":
        """From (name, same_as, definition) rows: vocabulary `units:` entries or the `units` table."""
        rows = list(rows)
        return cls(count_units=[n for n, same, defn in rows if same is None and defn is None],
                   aliases={n: same for n, same, _ in rows if same is not None},
                   definitions={n: defn for n, _, defn in rows if defn is not None})

    def resolve(self, unit: str) -> UnitInfo:
        key = str(unit)
        if key not in self._cache:
            memo, entry = self._remembered()
            known = entry.get("units", {}).get(key) if entry else None
            if _is_info(known):
                info = UnitInfo(key, *known)
            elif _is_error(known):
                raise UnitError(known[0], echo=known[1])
            else:
                try:
                    info = self._resolve(key)
                except UnitError as exc:
                    if memo is not None:
                        memo.add_unit(entry, key, [str(exc), exc.echo])
                    raise
                if memo is not None:
                    memo.add_unit(entry, key, [info.canonical, info.factor, info.dimension, info.currency])
            self._cache[key] = info
        return self._cache[key]

    def conflicts(self) -> dict[str, str]:
        """Declared unit names that pint already defines, with pint's dimension for them."""
        if not (self._count_units or self._aliases or self._definitions):
            return {}
        return self._registry_answer("conflicts")

    def broken(self) -> dict[str, str]:
        """Declared units whose `same_as` or `definition` cannot be used, with the reason."""
        if not (self._aliases or self._definitions):
            return {}
        return self._registry_answer("broken")

    def _registry_answer(self, name: str) -> dict[str, str]:
        """`conflicts` or `broken`: remembered from an earlier run, else from building the registry."""
        memo, entry = self._remembered()
        known = entry.get(name) if entry else None
        if isinstance(known, dict) and all(isinstance(v, str) for v in known.values()):
            return dict(known)
        self._ureg()
        found = dict(self._conflicts if name == "conflicts" else self._broken)
        if memo is not None:
            memo.add(entry, name, found)
        return found

    def _remembered(self) -> tuple:
        """(memo, entry for these definitions) of ledger.unitmemo, or (None, None)."""
        if self._memo is None:
            from . import unitmemo

            memo = unitmemo.memo(_user_cache())
            definitions = json.dumps([self._count_units, self._aliases, self._definitions], sort_keys=True)
            self._memo = (memo, memo.entry(definitions)) if memo is not None else (None, None)
        return self._memo

    def compatible(self, a: UnitInfo, b: UnitInfo) -> bool:
        return a.dimension == b.dimension and a.currency == b.currency

    def _resolve(self, text: str) -> UnitInfo:
        s = " ".join(text.strip().split())
        if not s:
            raise UnitError("empty unit; write e.g. 'battery/day', 'USD', '%', 't'")
        if s.lower() in _PERCENT_WORDS or s.lower() in _POINT_WORDS:
            return UnitInfo(text, "%", 1.0, SHARE, None)
        s = lexicon.UNIT_WORDS.get(s if len(s) == 1 else s.lower(), s)  # as printed: "square feet", "tonnes"
        expr, currency = self._substitute(s, text)
        ureg = self._ureg()
        pint = import_pint()

        broken = sorted(set(re.findall(r"[A-Za-z_][A-Za-z_0-9]*", expr)) & set(self._broken))
        if broken:
            raise UnitError(f"unit {text!r} uses {', '.join(map(repr, broken))}, whose definition cannot be used",
                            echo=True)
        try:
            written = ureg.parse_expression(expr)  # not Quantity(1, expr): "USD/100" (cents) has a number
            quantity = written.to_base_units()
        except pint.UndefinedUnitError as exc:
            raise UnitError(self._unknown(text, exc.unit_names)) from None
        except Exception:  # pint's parser fails with assorted error types on bad syntax
            raise UnitError(f"cannot read unit {_shown(text)}; write a unit expression such as "
                            "'battery/day', 'USD/year', 't', 'km2' or '%'") from None
        if not written._is_multiplicative:
            # a temperature ("38C") is a point on an offset scale, not an amount: kept as written
            return UnitInfo(text, expr, 1.0, f"[{expr}]", None)
        problem = _implausible(quantity)
        if problem:
            raise UnitError(f"unit {_shown(text)} {problem}")
        if quantity.dimensionless:
            return UnitInfo(text, "%", float(quantity.magnitude) * 100, SHARE, None)
        canonical = str(quantity.units)
        dimension = str(quantity.dimensionality)
        if currency:
            canonical = canonical.replace(_MONEY, currency)
        return UnitInfo(text, canonical, float(quantity.magnitude), dimension, currency)

    def _substitute(self, s: str, text: str) -> tuple[str, str | None]:
        """Rewrite spellings pint does not read; swap currency codes for the money unit."""
        s = re.sub(r"\s+per\s+", "/", s)
        s = re.sub(r"^per\s+", "/", s)
        if s.startswith("/"):
            s = "1" + s
        s = re.sub(r"(?<=[A-Za-z])([23])\b", r"**\1", s)  # km2 -> km**2
        currencies: set[str] = set()

        def swap(m: re.Match) -> str:
            word = m.group(0)
            code = lexicon.currency_of(word)
            if code:
                currencies.add(code)
                return f" {_MONEY} "
            return self._singular(word)

        s = _token().sub(swap, s)
        if len(currencies) > 1:
            raise UnitError(f"unit {text!r} mixes currencies {sorted(currencies)}; "
                            "state one currency and restate the other as its own claim")
        return s.strip(), next(iter(currencies), None)

    def _singular(self, word: str) -> str:
        # pint strips a plain "s" itself; "batteries" needs the "ies" -> "y" rule.
        declared = set(self._count_units) | set(self._aliases) | set(self._definitions)
        if word in declared:
            return word
        for plural, single in (("ies", "y"), ("es", ""), ("s", "")):
            if word.endswith(plural) and word[: -len(plural)] + single in declared:
                return word[: -len(plural)] + single
        return word

    def _ureg(self) -> Any:
        if self._registry is None:
            pint = import_pint()
            ureg = pint_registry(pint)
            ureg.define(f"{_MONEY} = [money]")
            # a vocabulary name pint already knows ("grade" is an angle) would silently keep
            # pint's meaning: record it as a conflict instead of defining it
            self._conflicts = {n: str(ureg.Quantity(1, n).dimensionality)
                               for n in [*self._count_units, *self._aliases, *self._definitions] if n in ureg}
            for name in self._count_units:
                if name not in self._conflicts:
                    ureg.define(f"{name} = [{name}]")
            self._broken = _define_all(ureg, {n: e for n, e in [*self._aliases.items(), *self._definitions.items()]
                                              if n not in self._conflicts})
            self._registry = ureg
        return self._registry

    def _unknown(self, text: str, names: tuple[str, ...] | str) -> str:
        bad = names if isinstance(names, str) else ", ".join(names)
        known = [*self._count_units, *self._aliases, *self._definitions, *_COMMON, *sorted(lexicon.CURRENCIES)]
        first = bad.split(", ")[0]
        guesses = difflib.get_close_matches(first, known, n=3, cutoff=0.6)
        if not guesses:
            guesses = difflib.get_close_matches(first, list(self._ureg()), n=3, cutoff=0.75)
        hint = f"; did you mean {' or '.join(repr(g) for g in guesses)}?" if guesses else (
            "; declare count units under `units:` in the vocabulary")
        return f"unknown unit {bad!r} in {text!r}{hint}"


def _shown(text: str) -> str:
    text = repr(str(text))
    return text if len(text) <= 50 else text[:40] + "…" + text[-8:]


def _implausible(quantity) -> str | None:
    """Why a resolved unit cannot be used for arithmetic, or None."""
    import math

    magnitude = float(quantity.magnitude)
    if not math.isfinite(magnitude) or magnitude == 0 or not 1e-100 < abs(magnitude) < 1e100:
        return f"has no usable size (one of it is {magnitude:g} base units)"
    if any(abs(power) > _MAX_POWER for power in quantity.dimensionality.values()):
        return f"raises a dimension past the power {_MAX_POWER} ({quantity.dimensionality})"
    return None


def _define_all(ureg, pending: dict[str, str]) -> dict[str, str]:
    """Define `same_as` and `definition` units in any order (one may name another); return the
    ones that cannot be used, with the reason. A broken one stays out of every conversion."""
    pint = import_pint()

    broken: dict[str, str] = {}
    while pending:
        waiting: dict[str, str] = {}
        for name, expr in pending.items():
            text = " ".join(str(expr).split())
            if not text:
                broken[name] = "is empty: name another unit ('tonne') or write a definition ('2000 * pound')"
                continue
            if "[" in text or "=" in text or ";" in text:
                broken[name] = (f"{_shown(text)} is not a unit expression: a new count unit has no `same_as`"
                                " or `definition`; otherwise write one in other units ('2000 * pound')")
                continue
            try:
                ureg.define(f"{name} = {text}")
                problem = _implausible(ureg.Quantity(1, name).to_base_units())
            except pint.UndefinedUnitError as exc:
                waiting[name] = expr
                broken[name] = f"names unknown unit {exc.unit_names!r}" if isinstance(exc.unit_names, str) else (
                    f"names unknown unit(s) {', '.join(map(repr, exc.unit_names))}")
                continue
            except Exception:  # pint's parser fails with assorted error types on bad syntax
                broken[name] = f"cannot read {_shown(text)} as a unit expression such as '2000 * pound'"
                continue
            if problem:
                broken[name] = problem
            else:
                broken.pop(name, None)
        if len(waiting) == len(pending):  # no progress: the rest name units nobody defines
            break
        pending = waiting
    return broken


# What pint imports when it finds it, for array and uncertainty support we never use: dask alone
# took ~90 ms and numpy ~80 ms of pint's ~200 ms import
_PINT_EXTRAS = ("numpy", "dask", "xarray", "pandas", "scipy", "uncertainties", "babel", "mip", "sparse")


def import_pint():
    """pint, imported without its optional array libraries: while pint's modules are first
    imported those are hidden (a None in sys.modules makes an import fail and find_spec answer
    None), so pint takes its plain-float paths — the ones scalar quantities use anyway — whatever
    the rest of the process has imported. Each library's own entry is put back afterwards."""
    if "pint" in sys.modules:
        return sys.modules["pint"]
    hidden = {name: sys.modules.get(name) for name in _PINT_EXTRAS}
    for name in _PINT_EXTRAS:
        sys.modules[name] = None
    try:
        import pint
    finally:
        for name, module in hidden.items():
            if module is None:
                del sys.modules[name]
            else:
                sys.modules[name] = module
    return pint


def pint_registry(pint) -> Any:
    """A fresh pint registry, reading pint's parsed definition files from a cache of ours when it
    can (~0.3 s -> ~0.02 s). pint's own `:auto:` cache is shared by every install and keeps the
    path of the install that wrote it: once that install is deleted, every other one crashed
    (issue 9). Ours is keyed by pint's version, install path and definition files' bytes, and any
    failure to use it falls back to parsing the files, after deleting the bad cache folder."""
    folder = pint_cache_folder(pint)
    if folder is not None:
        try:
            return pint.UnitRegistry(cache_folder=folder)
        except Exception:  # a cache is only speed: never let it stop a check
            shutil.rmtree(folder, ignore_errors=True)
    return pint.UnitRegistry()


def pint_cache_folder(pint) -> Path | None:
    try:
        package = Path(pint.__file__).resolve().parent
        key = hashlib.sha256(f"{pint.__version__}\0{package}\0".encode())
        for name in ("default_en.txt", "constants_en.txt"):
            key.update((package / name).read_bytes())
        folder = _user_cache() / f"pint-{pint.__version__}-{key.hexdigest()[:20]}"
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    except Exception:  # no cache folder we can use: run without one
        return None


def _user_cache() -> Path:
    """The user's cache folder for factledger: platformdirs' answer, worked out without importing it
    on Linux (XDG_CACHE_HOME, else ~/.cache; its import is ~20 ms of a cold start)."""
    if sys.platform.startswith("linux"):
        base = os.environ.get("XDG_CACHE_HOME", "").strip() or os.path.expanduser("~/.cache")
        return Path(base) / "factledger"
    try:
        from platformdirs import user_cache_dir  # installed with pint
    except ImportError:
        base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
        return Path(base) / "factledger"
    return Path(user_cache_dir("factledger", appauthor=False))


def _is_info(known) -> bool:
    """A remembered UnitInfo: [canonical, factor, dimension, currency or None]."""
    return (isinstance(known, list) and len(known) == 4 and isinstance(known[0], str)
            and type(known[1]) in (int, float) and isinstance(known[2], str) and (known[3] is None or isinstance(known[3], str)))


def _is_error(known) -> bool:
    """A remembered UnitError: [message, echo]."""
    return isinstance(known, list) and len(known) == 2 and isinstance(known[0], str) and isinstance(known[1], bool)
