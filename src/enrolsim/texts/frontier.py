"""Words of ``enrolsim frontier``'s figure and CSV headers, in English and Bahasa Indonesia.

Every key starts with ``fr_`` so that none meets a key of the comparison's report, the validation or the app in
the one catalogue; English and Indonesian hold the same keys (a test checks it). The CSV's columns shared with
``comparison.csv`` (active participants, programme cost, target share, cost per additional participant) take
compare's headers (``texts.column``); the keys ``fr_csv_<column>`` are the headers only the frontier has. The
Indonesian follows the comparison report's words (peserta aktif, biaya program, replikasi, titik desain).
"""

_EN: dict[str, str] = {
    "fr_title": "Programme cost against active participants in {month}: every mix of levers",
    "fr_x": "programme cost, {start} to {end} (Rp trillion)",
    "fr_y": "active participants in {month} (million persons)",
    "fr_points": "design point: mean, and 5%-95% of {n} replications",
    "fr_frontier": "frontier: no other point has more participants for less (on the means)",
    "fr_target": "target: {target}",
    "fr_cheapest": "cheapest reaching the target in at least half of the replications: point {point}",
    "fr_closest": "none reaches the target in half of the replications; closest: point {point}",
    "fr_point": "point {point}",
    "fr_reference_note": "reference: the point without programme cost",
    "fr_csv_point": "point",
    "fr_csv_cost_from": "cost_from",
    "fr_csv_on_frontier": "on_frontier",
}

_ID: dict[str, str] = {
    "fr_title": "Biaya program dibanding peserta aktif pada {month}: setiap kombinasi pengungkit",
    "fr_x": "biaya program, {start} s.d. {end} (Rp triliun)",
    "fr_y": "peserta aktif pada {month} (juta orang)",
    "fr_points": "titik desain: rerata, dan 5%-95% dari {n} replikasi",
    "fr_frontier": "batas efisien: tidak ada titik lain dengan peserta lebih banyak dan biaya lebih rendah (dari rerata)",
    "fr_target": "target: {target}",
    "fr_cheapest": "termurah yang mencapai target pada sedikitnya separuh replikasi: titik {point}",
    "fr_closest": "tidak ada yang mencapai target pada separuh replikasi; terdekat: titik {point}",
    "fr_point": "titik {point}",
    "fr_reference_note": "acuan: titik tanpa biaya program",
    "fr_csv_point": "titik",
    "fr_csv_cost_from": "biaya_sejak",
    "fr_csv_on_frontier": "di_batas_efisien",
}

FRONTIER: dict[str, dict[str, str]] = {"en": _EN, "id": _ID}
