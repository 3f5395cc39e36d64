"""Words of the codes of ``data/`` (indicators, segments, units) and the headers of ``enrolsim validate``'s CSV files.

The validation report names every figure of ``data/`` by its indicator, segment and unit; the files keep
codes (``active_participants``, ``bpu``, ``million persons``), so the words are keyed by the code as
the file writes it (a segment in lower case) and a code without an entry is shown as written. The CSV
headers follow ``enrolsim compare``'s: in Indonesian, lower case with underscores (``selisih_relatif``),
the values unchanged. Part of the validation's words (``texts/validation.py``), kept apart as the
vocabulary of the data files rather than of the report.
"""

#: The CSV columns of ``points.csv`` and ``history.csv``: header in English (the column's name) -> in Indonesian.
CSV_HEADERS_ID: dict[str, str] = {
    "source": "sumber",
    "indicator": "indikator",
    "segment": "segmen",
    "date": "tanggal",
    "observed": "observasi",
    "unit": "satuan",
    "reliability": "keandalan",
    "model": "indikator_model",
    "how": "cara_hitung",
    "month": "bulan",
    "scale": "skala",
    "use": "penggunaan",
    "simulated": "simulasi",
    "simulated_parameter_p5": "simulasi_parameter_p5",
    "simulated_parameter_p95": "simulasi_parameter_p95",
    "simulated_chance_p5": "simulasi_peluang_p5",
    "simulated_chance_p95": "simulasi_peluang_p95",
    "relative_error": "selisih_relatif",
    "year": "tahun",
    "mean": "rerata",
    "value_parameter_p5": "nilai_parameter_p5",
    "value_parameter_p95": "nilai_parameter_p95",
    "value_chance_p5": "nilai_peluang_p5",
    "value_chance_p95": "nilai_peluang_p95",
}

#: An indicator of ``data/`` in words: code -> (English, Indonesian).
_INDICATORS: dict[str, tuple[str, str]] = {
    "active_participants": ("active participants", "peserta aktif"),
    "active_participants_target": ("target: active participants", "target: peserta aktif"),
    "new_participants_target": ("target: new participants", "target: peserta baru"),
    "registered_participants": ("registered accounts", "akun terdaftar"),
    "new_participants": (
        "new participants in the year, as reported (probably net: see data/)",
        "peserta baru dalam setahun, sebagaimana dilaporkan (kemungkinan neto: lihat data/)",
    ),
    "new_participants_gross": ("new participants in the year", "peserta baru dalam setahun"),
    "new_participants_in_year": ("new participants in the year", "peserta baru dalam setahun"),
    "exits_gross": ("participants leaving in the year", "peserta keluar dalam setahun"),
    "leaving_participants_in_year": ("participants leaving in the year", "peserta keluar dalam setahun"),
    "exits_ytd": ("participants leaving, year to date", "peserta keluar, sejak awal tahun"),
    "jht_claims_cases": ("JHT (old-age savings) claims in the year", "klaim JHT (Jaminan Hari Tua) dalam setahun"),
    "jht_claims_cases_ytd": ("JHT claims, year to date", "klaim JHT, sejak awal tahun"),
    "jht_claims_value": ("JHT claims paid in the year", "klaim JHT yang dibayar dalam setahun"),
    "total_claims_value": ("all benefit claims paid in the year", "seluruh klaim manfaat yang dibayar dalam setahun"),
    "perisai_agents": ("Perisai agents", "agen Perisai"),
    "perisai_recruits_cumulative": ("persons recruited by Perisai agents so far", "orang yang direkrut agen Perisai sampai saat itu"),
    "perisai_contributions_cumulative": ("contributions collected by Perisai agents so far", "iuran yang dihimpun agen Perisai sampai saat itu"),
    "registrations_per_year_end_active": ("registrations a year per active participant", "pendaftaran setahun per peserta aktif"),
    "firms_partially_compliant_share": ("firms registering only part of their workers", "perusahaan daftar sebagian (PDS)"),
    "bpu_irregular_share": ("self-paying members who pay irregularly", "peserta BPU mandiri yang membayar tidak teratur"),
    "informal_share": ("informal workers' share of the employed", "porsi pekerja informal dari penduduk bekerja"),
    "unemployment_rate": ("open unemployment rate", "tingkat pengangguran terbuka"),
    "labour_force": ("labour force", "angkatan kerja"),
}

#: A segment of ``data/`` (in lower case) in words: the agency's abbreviations, and the two segments written in English there.
_SEGMENTS: dict[str, tuple[str, str]] = {
    "pu": ("PU", "PU"),
    "bpu": ("BPU", "BPU"),
    "jakon": ("Jakon", "Jakon"),
    "pmi": ("PMI", "PMI"),
    "non-asn (sub-segment of pu)": ("non-ASN (sub-segment of PU)", "non-ASN (subsegmen PU)"),
    "pu+bpu (residual)": ("PU+BPU (residual)", "PU+BPU (sisa)"),
}

#: A unit of ``data/`` as the report's tables show it (shares as percentages).
_UNITS: dict[str, tuple[str, str]] = {
    "million persons": ("million persons", "juta orang"),
    "persons": ("persons", "orang"),
    "million cases": ("million cases", "juta kasus"),
    "cases": ("cases", "kasus"),
    "claims": ("claims", "klaim"),
    "claimants": ("claimants", "pengklaim"),
    "trillion Rp": ("trillion Rp", "triliun Rp"),
    "billion rupiah": ("billion rupiah", "miliar rupiah"),
    "agents": ("agents", "agen"),
    "ratio": ("ratio", "rasio"),
    "share": ("%", "%"),
    "share of firms": ("% of firms", "% perusahaan"),
}


def _words(prefix: str, table: dict[str, tuple[str, str]], index: int) -> dict[str, str]:
    return {f"{prefix}{code}": words[index] for code, words in table.items()}


#: language -> key -> template: the CSV headers (``val_csv_<column>``) and the words of ``data/``'s codes (``val_indicator_<code>``, ...).
DATA_WORDS: dict[str, dict[str, str]] = {
    "en": {
        **{f"val_csv_{name}": name for name in CSV_HEADERS_ID},
        **_words("val_indicator_", _INDICATORS, 0),
        **_words("val_segment_", _SEGMENTS, 0),
        **_words("val_unit_", _UNITS, 0),
    },
    "id": {
        **{f"val_csv_{name}": local for name, local in CSV_HEADERS_ID.items()},
        **_words("val_indicator_", _INDICATORS, 1),
        **_words("val_segment_", _SEGMENTS, 1),
        **_words("val_unit_", _UNITS, 1),
    },
}
