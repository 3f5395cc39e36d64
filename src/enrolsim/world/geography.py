"""Where workers live: provinces, districts and villages, as a uniform grid or Indonesia's map.

Districts and villages are integer codes (``district = village // villages_per_district``), so
every rule that works by district (outreach, local governments, Perisai corps, hiring) works on
either geography without knowing which one it is.

- ``uniform`` (the default): ``provinces x districts_per_province`` districts of equal expected size
  and the same segment shares everywhere: the model as it was before the map, draw for draw.
- ``map``: the 514 regencies and cities (kabupaten and kota) of BPS's master file of regions
  (``data/regencies.csv``, ODbL-1.0, attribution in ``data/README.md``) in their 34 provinces.
  Provinces are sized by their labour force (Sakernas August 2019, ``data/provinces_2019.csv``);
  their segment shares follow their informal share of employment and their unemployment, scaled so
  that the labour-force-weighted national shares are exactly the scenario's ``segment_shares``. The
  11 provinces whose 2019 informal share is missing from the data take one common stand-in: the
  share that makes the employment-weighted national share equal Sakernas August 2019's 55.72%
  (``data/labour_force.csv``), about 57.3%. Districts within a province are of equal expected size
  (an assumption: the data hold no regency labour force).
"""

import csv
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from enrolsim.core.codes import Segment
from enrolsim.core.shipped import folder
from enrolsim.scenario.fields import segment_values
from enrolsim.scenario.schema import Scenario

#: National informal share of employment, Sakernas August 2019 (data/labour_force.csv): what the
#: provinces with a missing share are set to meet.
NATIONAL_INFORMAL_2019 = 0.5572
#: Non-wage segments (their share rises with a province's informal share) and wage segments.
NON_WAGE = (Segment.INFORMAL, Segment.PLATFORM, Segment.CONSTRUCTION)
WAGE = (Segment.PERMANENT, Segment.CONTRACT)


@dataclass(frozen=True, eq=False)
class Geography:
    """The places of a run: provinces and their districts (each with ``villages_per_district`` villages)."""

    kind: str
    villages_per_district: int
    province_name: tuple[str, ...]
    province_code: np.ndarray  # int32: BPS code (map) or 1.. (uniform)
    district_name: tuple[str, ...]
    district_code: np.ndarray  # int32: BPS regency code (map) or 1.. (uniform)
    district_province: np.ndarray  # int32: index of each district's province
    district_weight: np.ndarray  # float64: expected share of the labour force in each district (sums to 1)
    #: Expected segment shares of each province's labour force (provinces x segments); None: the scenario's everywhere.
    province_shares: np.ndarray | None = None
    #: Provinces whose informal share is the stand-in (missing in the data), and that share.
    informal_stand_in: tuple[str, ...] = ()
    stand_in_share: float = float("nan")
    #: What the provinces' shares are scaled by (map): labour-force weight, unemployment rate, informal share.
    province_inputs: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None

    @property
    def n_provinces(self) -> int:
        """Number of provinces."""
        return len(self.province_name)

    @property
    def n_districts(self) -> int:
        """Number of districts (regencies and cities on the map)."""
        return int(self.district_province.size)

    @property
    def n_villages(self) -> int:
        """Number of modelled villages."""
        return self.n_districts * self.villages_per_district

    def district_shares(self, shares: np.ndarray) -> np.ndarray:
        """Expected segment shares of each district's labour force (districts x segments), from the national ``shares``."""
        shares = np.asarray(shares, dtype=np.float64)
        if self.province_shares is None:
            return np.broadcast_to(shares / shares.sum(), (self.n_districts, shares.size))
        return self.province_shares[self.district_province]

    def shares_by_province(self, shares: np.ndarray) -> np.ndarray:
        """Segment shares of each province (provinces x segments) scaled from the national ``shares`` as the
        map's starting shares are (``province_segment_shares``); the national ones everywhere on the uniform grid."""
        shares = np.asarray(shares, dtype=np.float64)
        if self.province_inputs is None:
            return np.broadcast_to(shares / shares.sum(), (self.n_provinces, shares.size))
        return province_segment_shares(shares, *self.province_inputs)


def geography_of(scenario: Scenario) -> Geography:
    """The scenario's geography (built once per distinct setting)."""
    p = scenario.population
    if p.geography == "map":
        return _map(p.villages_per_district, tuple(segment_values(p.segment_shares)))
    return _uniform(p.provinces, p.districts_per_province, p.villages_per_district)


@lru_cache(maxsize=8)
def _uniform(provinces: int, per_province: int, villages_per_district: int) -> Geography:
    n = provinces * per_province
    return Geography(
        kind="uniform",
        villages_per_district=villages_per_district,
        province_name=tuple(f"province {i + 1}" for i in range(provinces)),
        province_code=np.arange(1, provinces + 1, dtype=np.int32),
        district_name=tuple(f"district {i + 1}" for i in range(n)),
        district_code=np.arange(1, n + 1, dtype=np.int32),
        district_province=np.repeat(np.arange(provinces, dtype=np.int32), per_province),
        district_weight=np.full(n, 1.0 / n),
    )


@lru_cache(maxsize=1)
def regencies_and_cities() -> int:
    """Indonesia's regencies and cities (514): the districts a national programme of one office each pays for."""
    return len(read_rows("regencies.csv"))


def read_rows(name: str) -> list[dict[str, str]]:
    """The rows of a shipped data file (``data/<name>``)."""
    with open(folder("data") / name, encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


@lru_cache(maxsize=8)
def _map(villages_per_district: int, shares: tuple[float, ...]) -> Geography:
    provinces = sorted(read_rows("provinces_2019.csv"), key=lambda r: int(r["code"]))
    regencies = sorted(read_rows("regencies.csv"), key=lambda r: int(r["code"]))
    index = {int(r["code"]): i for i, r in enumerate(provinces)}
    district_province = np.array([index[int(r["province_code"])] for r in regencies], dtype=np.int32)
    labour_force = np.array([float(r["labour_force"]) for r in provinces])
    employed = np.array([float(r["employed"]) for r in provinces])
    found = np.array([r["informal_share"].strip() != "" for r in provinces])
    informal = np.array([float(r["informal_share"]) / 100 if ok else np.nan for r, ok in zip(provinces, found, strict=True)])
    stand_in = (NATIONAL_INFORMAL_2019 * employed.sum() - np.nansum(informal * employed)) / employed[~found].sum()
    informal[~found] = stand_in
    per_province = np.bincount(district_province, minlength=len(provinces))
    weight = labour_force / labour_force.sum()
    inputs = (weight, 1 - employed / labour_force, informal)
    return Geography(
        kind="map",
        villages_per_district=villages_per_district,
        province_name=tuple(r["name"] for r in provinces),
        province_code=np.array([int(r["code"]) for r in provinces], dtype=np.int32),
        district_name=tuple(r["name"] for r in regencies),
        district_code=np.array([int(r["code"]) for r in regencies], dtype=np.int32),
        district_province=district_province,
        district_weight=weight[district_province] / per_province[district_province],
        province_shares=province_segment_shares(np.asarray(shares), *inputs),
        informal_stand_in=tuple(r["name"] for r, ok in zip(provinces, found, strict=True) if not ok),
        stand_in_share=float(stand_in),
        province_inputs=inputs,
    )


def province_segment_shares(shares: np.ndarray, weight: np.ndarray, unemployment: np.ndarray, informal: np.ndarray) -> np.ndarray:
    """Segment shares of each province's labour force, whose ``weight``-ed mean is exactly ``shares``.

    A province's unemployed share is the national one times its unemployment rate over the
    weighted mean rate; its non-wage share of the employed is the national one times its informal
    share over the employment-weighted mean informal share (at most 1). Within wage and non-wage
    work the segments keep their national proportions. While no province reaches the cap the national
    shares come out exactly (with the shipped data and the baseline's shares the largest provincial
    non-wage share of the labour force is 0.81, Papua's).
    """
    shares = shares / shares.sum()
    u = shares[Segment.UNEMPLOYED] * unemployment / (weight @ unemployment)
    employed = weight * (1 - u)
    non_wage = shares[list(NON_WAGE)].sum() / (1 - shares[Segment.UNEMPLOYED])
    province_non_wage = np.clip(non_wage * informal / (employed @ informal / employed.sum()), 0.0, 1.0)
    out = np.empty((weight.size, shares.size))
    out[:, Segment.UNEMPLOYED] = u
    for group, part in ((NON_WAGE, province_non_wage), (WAGE, 1 - province_non_wage)):
        within = shares[list(group)] / shares[list(group)].sum()
        out[:, list(group)] = ((1 - u) * part)[:, None] * within[None, :]
    return out
