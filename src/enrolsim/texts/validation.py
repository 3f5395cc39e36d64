"""Words of ``enrolsim validate``'s report, figure and CSV headers, in English and Bahasa Indonesia.

Every key starts with ``val_`` so that none meets a key of the comparison's report or the app in the
one catalogue. English and Indonesian hold the same keys (a test checks it): a key missing in
Indonesian would fall back to English in the middle of an Indonesian report. Counts come in pairs,
``_one`` and ``_other`` (``1 observation``, ``2 observations``; Indonesian says both alike). The
words of ``data/``'s codes and the CSV headers are in ``texts/data_words.py``. The Indonesian follows the comparison report's
words (peserta aktif, rerata, set parameter, replikasi) and the agency's (PU, BPU, Jakon, PMI, JHT,
perusahaan daftar sebagian).
"""

from enrolsim.texts.data_words import DATA_WORDS

_EN: dict[str, str] = {
    "val_title": "Observed against simulated: how well the model did, and its outlook",
    "val_meta": "*enrolsim {version} · {scenario} · {runs} ({sets} x {seeds}) · {agents} worker agents a run*",
    "val_n_run_one": "{n} run",
    "val_n_run_other": "{n} runs",
    "val_n_set_one": "{n} parameter set",
    "val_n_set_other": "{n} parameter sets",
    "val_n_seed_one": "{n} seed",
    "val_n_seed_other": "{n} seeds",
    "val_n_drawn_one": "{n} set",
    "val_n_drawn_other": "{n} sets",
    "val_n_other_figure_one": "{n} other figure",
    "val_n_other_figure_other": "{n} other figures",
    "val_n_participant_figure_one": "{n} participant figure",
    "val_n_participant_figure_other": "{n} participant figures",
    "val_n_labour_figure_one": "{n} labour-market figure",
    "val_n_labour_figure_other": "{n} labour-market figures",
    "val_n_observation_one": "{n} observation",
    "val_n_observation_other": "{n} observations",
    "val_in_short": "In short",
    "val_lead_fit": "**How well the model did.** {text}",
    "val_lead_after": "**After {year}.** {text}",
    "val_lead_outlook": "**What it says about {month}.** {text}",
    "val_lead_misses": "**What it misses.** {text}",
    "val_fit": (
        "Over {years}, the years it was fitted to, the typical (median) difference between the model's mean and the observed figure"
        " is {median} over the {n} fitted points; {within} of them are within {miss}."
    ),
    "val_fit_checks": " Over the {count} of those years that were not fitted it is {median} ({within} within {miss}).",
    "val_after_checked": "{count} after {year}, never fitted, compared: median difference {median}.",
    "val_after_unchecked": (
        "Nothing after {year} was fitted, and `data/` holds no observed participant figure after {year}: the participant path"
        " from {next} on is a forecast from the {year} state and the dated events, which this report cannot check against observations."
    ),
    "val_after_labour": (
        " The {count} after {year} (labour force, unemployment, informal share) agree within {largest}, but the history follows"
        " Sakernas's labour figures by design (docs/validation.md), so their agreement is no evidence for the participant forecast."
    ),
    "val_outlook": (
        "{mean} million active participants (chance range {chance} million, parameter range {parameter} million), {side} the target of"
        " {target} million; {reached} of the {runs} reached the target."
    ),
    "val_short_of": "{gap} million short of",
    "val_above": "{gap} million above",
    "val_none_reached": "none",
    "val_no_miss": "Every observation is within the simulated ranges or within {miss} of the simulated mean.",
    "val_miss_one": (
        "{count} lies outside both simulated ranges and more than {miss} from the simulated mean: {figure} in {month} ({error}). It is listed below."
    ),
    "val_miss_other": (
        "{count} lie outside both simulated ranges and more than {miss} from the simulated mean; the largest is {figure} in {month} ({error})."
        " They are listed below."
    ),
    "val_reading_heading": "How to read the numbers",
    "val_reading_observed": (
        "**Observed** is a published figure (BPJS Ketenagakerjaan, BPS's Sakernas labour survey, the agency's targets), in the unit of its row."
        " **Simulated** is the model's figure for the same date and unit: the mean over all runs."
    ),
    "val_reading_chance": (
        "**Chance range**: where 90% of the runs fall when only the random draws change (5% of runs below it, 5% above), with the parameters held."
        " It is the spread a single run's luck gives."
    ),
    "val_reading_parameter": (
        "**Parameter range**: where 90% of the calibrated parameter sets' averages fall. The sets are different settings of the model's unknowns that"
        " fitted {years} about equally well; the range is how much not knowing those settings moves the result."
    ),
    "val_reading_neither": "Neither range includes what the model leaves out or errors in the published figures: the real uncertainty is wider than both.",
    "val_reading_used_as": (
        "**Used as**: *fitted*, the model's unknowns were chosen to reproduce it ({years}); *check, not fitted*, a figure of those years"
        " left out of the fit; *after {year}, not fitted*, a later figure (out of sample: the model never saw it); *input*, a figure the model"
        " is given and follows; *agency target*, a goal, not an observation (its difference is the gap to the goal, not an error)."
    ),
    "val_reading_vs": (
        "**Simulated vs observed**: the simulated mean over the observed figure, less one: -10% is 10% below the observed figure (or the target)."
    ),
    "val_misses_heading": "What the model misses",
    "val_misses_intro": (
        "The observations the model does not reproduce: the observed figure lies outside both simulated ranges and more than {miss} from the"
        " simulated mean, largest difference first. These are misses of the model's rules or inputs, not of chance; docs/validation.md,"
        ' "What still misses, and why", explains the known ones.'
    ),
    "val_not_represented": "**Not represented**: the model has no counterpart of {figures}.",
    "val_figure_heading": "Figure",
    "val_figure_alt": "observed against simulated",
    "val_figure_caption": (
        "Lines are the simulated means, shaded bands the chance ranges, dashed lines the parameter ranges; dots are observed figures,"
        " crosses the agency's targets. Left of the dotted line ({year}) the model was fitted; right of it nothing was fitted."
    ),
    "val_history_heading": "The history year by year (active participants in December, million persons)",
    "val_points_heading": "Every point of data/",
    "val_points_intro": (
        "One row a figure of `data/`, oldest first. A figure that two files of `data/` give alike is shown once"
        " (`points.csv` keeps both rows, each with its source file)."
    ),
    "val_run_heading": "How this was run",
    "val_ensemble": "Ensemble: {sets} drawn by weight from {file}.",
    "val_shipped": "{file} (shipped)",
    "val_command": "Command: `{command}`",
    "val_files": (
        "The tables are in `points.csv` (every point, unrounded, with its source and how the model is read against it) and `history.csv` (year by year,"
        ' every indicator); docs/validation.md, "The history 2014-2026", explains them.'
    ),
    "val_col_date": "date",
    "val_col_figure": "figure",
    "val_col_unit": "unit",
    "val_col_used_as": "used as",
    "val_col_observed": "observed",
    "val_col_simulated": "simulated",
    "val_col_chance": "chance range",
    "val_col_parameter": "parameter range",
    "val_col_vs": "simulated vs observed",
    "val_col_year": "year",
    "val_col_period": "period",
    "val_col_mean": "mean",
    "val_use_fitted": "fitted",
    "val_use_check": "check, not fitted",
    "val_use_after": "after {year}, not fitted",
    "val_use_input": "input",
    "val_use_target": "agency target",
    "val_period_fitted": "fitted",
    "val_period_forecast": "forecast, not fitted",
    "val_outside_run": "outside the run",
    "val_no_counterpart": "no counterpart in the model",
    # the figure
    "val_fig_title": "Observed against simulated: fitted {years}, forecast after (colours: the segment or measure, below)",
    "val_fig_active": "Active participants",
    "val_fig_all_segments": "all segments",
    "val_fig_by_segment": "Active participants by segment",
    "val_fig_pu": "PU (wage earners)",
    "val_fig_bpu": "BPU (non-wage workers)",
    "val_fig_jakon": "Jakon (construction)",
    "val_fig_pmi": "PMI (migrant workers)",
    "val_fig_million_persons": "million persons",
    "val_fig_claims": "JHT (old-age savings) claims a year",
    "val_fig_million_claims": "million claims",
    "val_fig_labour": "Labour market (Sakernas, August)",
    "val_fig_informal": "informal share of the employed",
    "val_fig_unemployment": "open unemployment",
    "val_fig_percent": "% of the employed or of the labour force",
    "val_fig_mean": "simulated: mean of all runs",
    "val_fig_chance": "simulated: chance range (5-95% of runs, parameters held)",
    "val_fig_parameter": "simulated: parameter range (5-95% of the parameter sets)",
    "val_fig_observed": "observed (BPJS Ketenagakerjaan, Sakernas)",
    "val_fig_target": "agency target (not an observation)",
    "val_fig_fit_end": "end of {year}: fitted before, not fitted after",
}

_ID: dict[str, str] = {
    "val_title": "Observasi dibanding simulasi: seberapa tepat model, dan proyeksinya",
    "val_meta": "*enrolsim {version} · {scenario} · {runs} ({sets} x {seeds}) · {agents} agen pekerja per simulasi*",
    "val_n_run_one": "{n} simulasi",
    "val_n_run_other": "{n} simulasi",
    "val_n_set_one": "{n} set parameter",
    "val_n_set_other": "{n} set parameter",
    "val_n_seed_one": "{n} seed",
    "val_n_seed_other": "{n} seed",
    "val_n_drawn_one": "{n} set parameter",
    "val_n_drawn_other": "{n} set parameter",
    "val_n_other_figure_one": "{n} angka lain",
    "val_n_other_figure_other": "{n} angka lain",
    "val_n_participant_figure_one": "{n} angka kepesertaan",
    "val_n_participant_figure_other": "{n} angka kepesertaan",
    "val_n_labour_figure_one": "{n} angka pasar kerja",
    "val_n_labour_figure_other": "{n} angka pasar kerja",
    "val_n_observation_one": "{n} observasi",
    "val_n_observation_other": "{n} observasi",
    "val_in_short": "Ringkasnya",
    "val_lead_fit": "**Seberapa tepat model.** {text}",
    "val_lead_after": "**Setelah {year}.** {text}",
    "val_lead_outlook": "**Apa kata model tentang {month}.** {text}",
    "val_lead_misses": "**Di mana model meleset.** {text}",
    "val_fit": (
        "Selama {years}, tahun-tahun yang menjadi dasar kalibrasi, selisih tipikal (median) antara rerata model dan angka observasi"
        " adalah {median} pada {n} titik yang dikalibrasi; {within} di antaranya berselisih tidak lebih dari {miss}."
    ),
    "val_fit_checks": " Pada {count} dari tahun-tahun itu yang tidak dikalibrasi, selisihnya {median} ({within} tidak lebih dari {miss}).",
    "val_after_checked": "{count} setelah {year}, yang tidak pernah dikalibrasi, telah dibandingkan: selisih median {median}.",
    "val_after_unchecked": (
        "Tidak ada yang dikalibrasi setelah {year}, dan `data/` tidak memuat angka observasi kepesertaan setelah {year}: lintasan peserta"
        " sejak {next} adalah proyeksi dari keadaan {year} dan peristiwa yang bertanggal, yang tidak dapat diperiksa laporan ini terhadap observasi."
    ),
    "val_after_labour": (
        " Sebanyak {count} setelah {year} (angkatan kerja, pengangguran, porsi informal) sesuai dalam batas {largest}, tetapi riwayat simulasi"
        " memang dibuat mengikuti angka ketenagakerjaan Sakernas (docs/validation.md), sehingga kesesuaian itu bukan bukti bagi proyeksi kepesertaan."
    ),
    "val_outlook": (
        "{mean} juta peserta aktif (rentang peluang {chance} juta, rentang parameter {parameter} juta), {side} target"
        " {target} juta; {reached} dari {runs} mencapai target."
    ),
    "val_short_of": "{gap} juta di bawah",
    "val_above": "{gap} juta di atas",
    "val_none_reached": "tidak satu pun",
    "val_no_miss": "Setiap observasi berada dalam rentang simulasi atau berselisih tidak lebih dari {miss} dari rerata simulasi.",
    "val_miss_one": (
        "{count} berada di luar kedua rentang simulasi dan berselisih lebih dari {miss} dari rerata simulasi: {figure} pada {month} ({error})."
        " Observasi itu tercantum di bawah."
    ),
    "val_miss_other": (
        "{count} berada di luar kedua rentang simulasi dan berselisih lebih dari {miss} dari rerata simulasi; yang terbesar adalah {figure}"
        " pada {month} ({error}). Semuanya tercantum di bawah."
    ),
    "val_reading_heading": "Cara membaca angka",
    "val_reading_observed": (
        "**Observasi** adalah angka yang dipublikasikan (BPJS Ketenagakerjaan, Survei Angkatan Kerja Nasional (Sakernas) BPS, target BPJS"
        " Ketenagakerjaan), dalam satuan barisnya. **Simulasi** adalah angka model untuk tanggal dan satuan yang sama: rerata dari semua simulasi."
    ),
    "val_reading_chance": (
        "**Rentang peluang**: rentang tempat 90% simulasi berada bila hanya undian acaknya yang berubah (5% simulasi di bawahnya, 5% di atasnya),"
        " dengan parameter tetap. Inilah sebaran hasil yang ditimbulkan faktor kebetulan dalam satu simulasi."
    ),
    "val_reading_parameter": (
        "**Rentang parameter**: rentang tempat 90% rerata set parameter hasil kalibrasi berada. Set-set itu adalah pengaturan berbeda atas besaran"
        " model yang tidak diketahui, yang sama baiknya mencocokkan {years}; rentang ini menunjukkan seberapa jauh ketidaktahuan atas pengaturan"
        " itu menggeser hasil."
    ),
    "val_reading_neither": (
        "Kedua rentang tidak mencakup apa yang tidak dimodelkan maupun kesalahan dalam angka yang dipublikasikan: ketidakpastian yang sebenarnya"
        " lebih lebar dari keduanya."
    ),
    "val_reading_used_as": (
        "**Penggunaan**: *dikalibrasi*, besaran model yang tidak diketahui dipilih agar model mereproduksi angka itu ({years}); *pembanding, tidak"
        " dikalibrasi*, angka dari tahun-tahun itu yang tidak dipakai dalam kalibrasi; *setelah {year}, tidak dikalibrasi*, angka sesudahnya (di luar"
        " sampel: model tidak pernah melihatnya); *masukan*, angka yang diberikan kepada model dan diikutinya; *target BPJS*, sasaran, bukan"
        " observasi (selisihnya adalah jarak ke sasaran, bukan kesalahan)."
    ),
    "val_reading_vs": (
        "**Simulasi vs observasi**: rerata simulasi dibagi angka observasi, dikurangi satu: -10% berarti 10% di bawah angka observasi (atau target)."
    ),
    "val_misses_heading": "Di mana model meleset",
    "val_misses_intro": (
        "Observasi yang tidak direproduksi model: angka observasi berada di luar kedua rentang simulasi dan berselisih lebih dari {miss} dari rerata"
        " simulasi, diurutkan dari selisih terbesar. Ini kelemahan aturan atau masukan model, bukan faktor kebetulan; docs/validation.md,"
        ' bagian "What still misses, and why", menjelaskan yang sudah diketahui.'
    ),
    "val_not_represented": "**Tidak dimodelkan**: model tidak memiliki padanan untuk {figures}.",
    "val_figure_heading": "Grafik",
    "val_figure_alt": "observasi dibanding simulasi",
    "val_figure_caption": (
        "Garis adalah rerata simulasi, pita berarsir rentang peluang, garis putus-putus rentang parameter; titik adalah angka observasi,"
        " tanda silang target BPJS Ketenagakerjaan. Di kiri garis titik-titik ({year}) model dikalibrasi; di kanannya tidak ada yang dikalibrasi."
    ),
    "val_history_heading": "Riwayat per tahun (peserta aktif pada Desember, juta orang)",
    "val_points_heading": "Setiap angka dalam data/",
    "val_points_intro": (
        "Satu baris untuk setiap angka dalam `data/`, dari yang terlama. Angka yang sama di dua berkas `data/` ditampilkan sekali"
        " (`points.csv` menyimpan kedua barisnya, masing-masing dengan berkas sumbernya)."
    ),
    "val_run_heading": "Cara simulasi ini dijalankan",
    "val_ensemble": "Ansambel: {sets} diambil menurut bobot dari {file}.",
    "val_shipped": "{file} (bawaan)",
    "val_command": "Perintah: `{command}`",
    "val_files": (
        "Tabelnya ada di `points.csv` (setiap angka, tanpa pembulatan, dengan sumbernya dan cara model dibaca terhadapnya) dan `history.csv`"
        ' (per tahun, setiap indikator); docs/validation.md, bagian "The history 2014-2026", menjelaskannya. Judul kolom kedua berkas'
        " dalam bahasa Indonesia; isinya tetap kode `data/` dan model (misalnya `active_participants`, `fitted`) dan angka dengan titik desimal."
    ),
    "val_col_date": "tanggal",
    "val_col_figure": "indikator",
    "val_col_unit": "satuan",
    "val_col_used_as": "penggunaan",
    "val_col_observed": "observasi",
    "val_col_simulated": "simulasi",
    "val_col_chance": "rentang peluang",
    "val_col_parameter": "rentang parameter",
    "val_col_vs": "simulasi vs observasi",
    "val_col_year": "tahun",
    "val_col_period": "periode",
    "val_col_mean": "rerata",
    "val_use_fitted": "dikalibrasi",
    "val_use_check": "pembanding, tidak dikalibrasi",
    "val_use_after": "setelah {year}, tidak dikalibrasi",
    "val_use_input": "masukan",
    "val_use_target": "target BPJS",
    "val_period_fitted": "dikalibrasi",
    "val_period_forecast": "proyeksi, tidak dikalibrasi",
    "val_outside_run": "di luar periode simulasi",
    "val_no_counterpart": "tidak ada padanan dalam model",
    "val_fig_title": "Observasi dibanding simulasi: dikalibrasi {years}, proyeksi sesudahnya (warna: segmen atau ukuran, di bawah)",
    "val_fig_active": "Peserta aktif",
    "val_fig_all_segments": "semua segmen",
    "val_fig_by_segment": "Peserta aktif per segmen",
    "val_fig_pu": "PU (penerima upah)",
    "val_fig_bpu": "BPU (bukan penerima upah)",
    "val_fig_jakon": "Jakon (jasa konstruksi)",
    "val_fig_pmi": "PMI (pekerja migran)",
    "val_fig_million_persons": "juta orang",
    "val_fig_claims": "Klaim JHT (Jaminan Hari Tua) per tahun",
    "val_fig_million_claims": "juta klaim",
    "val_fig_labour": "Pasar kerja (Sakernas, Agustus)",
    "val_fig_informal": "porsi informal dari penduduk bekerja",
    "val_fig_unemployment": "pengangguran terbuka",
    "val_fig_percent": "% dari penduduk bekerja atau dari angkatan kerja",
    "val_fig_mean": "simulasi: rerata semua simulasi",
    "val_fig_chance": "simulasi: rentang peluang (5-95% simulasi, parameter tetap)",
    "val_fig_parameter": "simulasi: rentang parameter (5-95% set parameter)",
    "val_fig_observed": "observasi (BPJS Ketenagakerjaan, Sakernas)",
    "val_fig_target": "target BPJS (bukan observasi)",
    "val_fig_fit_end": "akhir {year}: sebelumnya dikalibrasi, sesudahnya tidak",
}


#: language -> key -> template: the report's and the figure's words, with the CSV headers and the words of ``data/``'s codes.
VALIDATION: dict[str, dict[str, str]] = {"en": {**_EN, **DATA_WORDS["en"]}, "id": {**_ID, **DATA_WORDS["id"]}}
