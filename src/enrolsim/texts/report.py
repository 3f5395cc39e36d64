"""Words of the comparison outputs (``comparison.csv`` headers, figures, report) and of a run's figure, in English and Bahasa Indonesia.

CSV *values* stay machine-readable (a dot for decimals) in both languages; only the headers change.
Scenario names and descriptions come from the scenario files and are shown as written.
"""

from enrolsim.core.codes import SEGMENT_NAMES

SEGMENT_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "permanent": "formal, permanent",
        "contract": "formal, fixed-term",
        "informal": "informal own-account",
        "platform": "platform partner",
        "construction": "construction project",
        "unemployed": "unemployed",
    },
    "id": {
        "permanent": "formal, tetap (PKWTT)",
        "contract": "formal, kontrak (PKWT)",
        "informal": "informal, berusaha sendiri",
        "platform": "mitra platform",
        "construction": "proyek konstruksi",
        "unemployed": "menganggur",
    },
}

#: Base names of the measures in ``comparison.csv`` (English column stem -> Indonesian stem).
COLUMN_STEMS: dict[str, str] = {
    "scenario": "skenario",
    "scenario_file": "berkas_skenario",
    "date": "bulan",
    "is_target_date": "bulan_target",
    "replications": "replikasi",
    "replication": "replikasi_ke",
    "parameter_set": "set_parameter",
    "seed": "seed",
    "active": "aktif",
    **{f"active_{s}": f"aktif_{i}" for s, i in zip(SEGMENT_NAMES, ("tetap", "kontrak", "informal", "platform", "konstruksi", "menganggur"), strict=True)},
    "active_pu": "aktif_pu",
    "active_bpu": "aktif_bpu",
    "active_jakon": "aktif_jakon",
    "registered": "terdaftar",
    "inactive": "nonaktif",
    "withdrawn": "akun_ditutup_jht",
    "active_diff": "selisih_aktif",
    "share_gaining": "porsi_replikasi_bertambah",
    "programme_cost": "biaya_program_kumulatif",
    "cost_districts": "biaya_apbd_kumulatif",
    "cost_agency": "biaya_bpjs_kumulatif",
    "cost_diff": "selisih_biaya_kumulatif",
    "cost_per_additional_active": "biaya_per_tambahan_aktif",
    "cost_per_additional_active_note": "catatan_biaya_per_tambahan_aktif",
    "target": "target",
    "target_share": "porsi_replikasi_mencapai_target",
    "registrations_per_active": "rasio_pendaftaran_per_aktif",
    "jht_withdrawals": "pencairan_jht_kumulatif",
    "jht_withdrawn_rupiah": "pencairan_jht_rupiah_kumulatif",
    "recovered_arrears_rupiah": "tunggakan_tertagih_rupiah_kumulatif",
}
SUFFIXES = {"mean": "rerata", "p5": "p5", "p95": "p95"}

#: Values of ``cost_per_additional_active_note``.
NOTES: dict[str, dict[str, str]] = {
    "en": {
        "reference": "reference scenario",
        "ok": "",
        "no_gain": "no additional active participants on average",
        "unclear_gain": "gain not told from zero (within 1.645 standard errors): more replications needed",
        "saves": "fewer costs and more participants (dominant)",
        "some_no_gain": "some replications gained nothing: upper bound infinite",
    },
    "id": {
        "reference": "skenario acuan",
        "ok": "",
        "no_gain": "rata-rata tidak ada tambahan peserta aktif",
        "unclear_gain": "tambahan belum dapat dibedakan dari nol (dalam 1,645 galat baku): perlu replikasi lebih banyak",
        "saves": "biaya lebih rendah dan peserta lebih banyak (dominan)",
        "some_no_gain": "sebagian replikasi tanpa tambahan: batas atas tak hingga",
    },
}

MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"),
    "id": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"),
}

REPORT: dict[str, dict[str, str]] = {
    "en": {
        # figures
        "active_millions": "active participants (million persons)",
        "month": "month",
        "target": "target {target}",
        "band": "mean and 5%-95% of {n} replications",
        "fig_trajectories": "Active participants",
        "fig_segments": "Active participants by segment, {month}",
        "jakon_pmi": "Jakon registrations and migrant workers (PMI)",
        "fig_by": "{month}: the month compared",
        "fig_ce": "Cost against additional active participants, {month}",
        "fig_ce_x": "additional active participants vs {reference} (million persons)",
        "fig_ce_y": "additional programme cost to {month} (Rp billion)",
        "fig_funnel": "Registered, active, inactive and withdrawn, {month}",
        "persons_millions": "million persons",
        "registered": "registered",
        "active": "active",
        "inactive": "inactive (not paying)",
        "withdrawn": "withdrawn (JHT taken, account closed)",
        "reference": "reference",
        "per_participant": "Rp{value} per participant",
        # report
        "title": "Comparison of strategies",
        "meta": "enrolsim {version} \u00b7 {n} replications \u00d7 {k} scenarios \u00b7 {agents} worker agents a run \u00b7 {start} \u2013 {end}",
        "question_heading": "The question",
        "question": ("Which of these strategies gets BPJS Ketenagakerjaan to {target} active participants by {month}, at what cost, and how sure can we be?"),
        "answer_heading": "In short",
        "answer_none": "No scenario reaches {target} active participants by {month} in half of its replications or more.",
        "answer_some": "Reaching {target} active participants by {month} in half of the replications or more: {names} (programme cost since {start}).",
        "answer_reaching": "{scenario} ({share} of replications, {cost})",
        "answer_line": "{scenario}: {active} active participants in {month} ({low} to {high}); the target is reached in {share} of replications.",
        "scenarios_heading": "The scenarios",
        "levers": "Levers (settings that differ from the defaults)",
        "other_changes": "Other differences from {reference}",
        "no_levers": "none: the status quo",
        "file": "file",
        "results_heading": "Results in {month}",
        "results_note": (
            "Means over {n} replications; in brackets the 5th to 95th percentile of the replications (run-to-run chance, "
            "not uncertainty in the parameters). Differences are paired: each replication of a scenario is compared with "
            "the replication of {reference} that used the same seed. Costs are the programme costs of the strategy levers, "
            "summed from {start} to {month}. The full table, for every year end, is comparison.csv (and a sheet of comparison.xlsx)."
        ),
        "col_scenario": "Scenario",
        "col_active": "Active participants",
        "col_diff": "Difference from {reference}",
        "col_cost": "Programme cost since {start}",
        "col_cost_diff": "Additional cost, against {reference}",
        "payers_heading": "Who pays the programme cost",
        "payers_note": (
            "The programme cost from {start} to {month} (means), split by who pays it: district budgets (APBD) pay the "
            "district governments' lever (contributions of vulnerable workers, licence conditioning, village outreach, "
            "district service points); BPJS Ketenagakerjaan, or the national government, pays every other lever. The two "
            "add up to the programme cost (comparison.csv: cost_districts_mean, cost_agency_mean)."
        ),
        "col_cost_districts": "District budgets (APBD)",
        "col_cost_agency": "BPJS Ketenagakerjaan and national government",
        "col_cost_total": "Programme cost (total)",
        "recovered": (
            "Arrears recovered from employers since {start} (contributions collected, shown beside the costs and not subtracted from them), means: {items}."
        ),
        "col_cpa": "Cost per additional participant active in {month}",
        "col_target": "Replications reaching {target}",
        "col_ratio": "Registrations since January per registrant still active",
        "col_jht": "Early JHT withdrawals since {start} (persons)",
        "years_heading": "Active participants at each year end (mean)",
        "figures_heading": "Figures",
        "cap_trajectories": "Active participants over time: mean (line) and 5%-95% of replications (band); dashed: the target.",
        "cap_segments": "Active participants by segment in {month} (means); the whisker is the 5%-95% interval of the total.",
        "cap_ce": (
            "Each strategy's additional programme cost against its additional active participants, compared with "
            "{reference}, with 5%-95% intervals; grey lines: cost per additional participant."
        ),
        "cap_funnel": (
            "Accounts in {month}: registered (active, and inactive holding a JHT balance), still active, inactive (with or "
            "without a balance), and accounts ever closed by a JHT withdrawal; the bars overlap and do not add up."
        ),
        "assumptions_heading": "Assumptions and their sources",
        "assumptions_intro": (
            "The parameters of the levers used, with the source the scenario schema gives for each "
            "(\u201cassumption\u201d marks a modelling assumption without a published figure)."
        ),
        "col_parameter": "Parameter",
        "col_lever": "Lever",
        "col_setting": "Setting",
        "col_value": "Value",
        "col_value_words": "Value in words",
        "col_range": "Range",
        "col_default": "Default",
        "col_file": "File",
        "sheet_target": "At target date",
        "sheet_years": "Every year end",
        "sheet_trajectories": "Trajectories",
        "sheet_replications": "Per replication",
        "sheet_assumptions": "Assumptions",
        "sheet_levers": "Levers",
        "col_meaning": "Meaning",
        "col_unit": "Unit",
        "col_source": "Source",
        "domain_heading": "Figures from the domain that the model is set against",
        "caveats_heading": "What the intervals do not include",
        "caveats": (
            "The intervals show the chance variation between runs of the same scenario (who is hired, who lapses, "
            "who withdraws). They do not include uncertainty in the parameters themselves, many of which are "
            "assumptions; a sensitivity analysis (enrolsim experiment, enrolsim sensitivity) explores those. Each of the "
            "{agents} worker agents stands for about {per_agent} persons in {by} ({at_start} at the start: the labour force grows, the "
            "agents do not); all figures are in persons and rupiah. The levers' effects are the scenario schema's values, many of "
            "them assumptions (their sources in the table above): a sensitivity analysis tells which matter. Costs are the "
            "levers' own spending; they are not net of the contributions the additional participants pay or of the benefits "
            "paid to them. Who pays is the model's assignment of its cost lines, not budget data (docs/ODD.md 7.10.15): "
            "district budgets (APBD) pay the whole of the district governments' lever, although national transfers (DAU, "
            "DAK, village funds) may finance part of it; BPJS Ketenagakerjaan pays every other lever, including its own "
            "service points and payment channels, and the referrals of law enforcement to the prosecutor's office (a national, "
            "not a district, office); what platforms and sponsors pay for their workers counts as contributions, not as cost."
        ),
        "cpa_rules": (
            "Cost per additional active participant = mean additional cost / mean additional active participants. Its "
            "interval comes from the same ratio in each replication; a replication with no additional participant counts "
            "as infinitely expensive (so the upper bound can be infinite), and none is computed when the mean gain is "
            "zero or negative, or cannot be told from zero (within 1.645 standard errors of it)."
        ),
        "reproduce_heading": "How to reproduce",
        "reproduce_intro": "Run this from the repository (the same seeds give the same numbers on any machine and executor):",
        "reproduce_python": "or in Python:",
        "version": "enrolsim version",
        "python": "Python",
        "seed": "root seed",
        "seeds": "replication seeds (numpy SeedSequence(root).spawn)",
        "digests": "scenario hashes",
        "generated": "Generated",
        "store": "Runs are kept in the store {store}; running the command again with more replications only runs the new ones.",
        "million": "million",
        "billion": "billion",
        "trillion": "trillion",
        "infinite": "no upper bound",
        "not_applicable": "\u2013",
    },
    "id": {
        "active_millions": "peserta aktif (juta orang)",
        "month": "bulan",
        "target": "target {target}",
        "band": "rerata dan 5%-95% dari {n} replikasi",
        "fig_trajectories": "Peserta aktif",
        "fig_segments": "Peserta aktif per segmen, {month}",
        "jakon_pmi": "pendaftaran Jakon dan pekerja migran (PMI)",
        "fig_by": "{month}: bulan yang dibandingkan",
        "fig_ce": "Biaya terhadap tambahan peserta aktif, {month}",
        "fig_ce_x": "tambahan peserta aktif dibanding {reference} (juta orang)",
        "fig_ce_y": "tambahan biaya program s.d. {month} (miliar Rp)",
        "fig_funnel": "Terdaftar, aktif, nonaktif dan keluar, {month}",
        "persons_millions": "juta orang",
        "registered": "terdaftar",
        "active": "aktif",
        "inactive": "nonaktif (tidak membayar)",
        "withdrawn": "keluar (JHT dicairkan, akun ditutup)",
        "reference": "acuan",
        "per_participant": "Rp{value} per peserta",
        "title": "Perbandingan strategi",
        "meta": "enrolsim {version} \u00b7 {n} replikasi \u00d7 {k} skenario \u00b7 {agents} agen pekerja per simulasi \u00b7 {start} \u2013 {end}",
        "question_heading": "Pertanyaan",
        "question": (
            "Strategi mana yang membawa BPJS Ketenagakerjaan mencapai {target} peserta aktif pada {month}, dengan biaya berapa, dan seberapa yakin kita?"
        ),
        "answer_heading": "Ringkasnya",
        "answer_none": "Tidak ada skenario yang mencapai {target} peserta aktif pada {month} dalam setengah replikasinya atau lebih.",
        "answer_some": "Mencapai {target} peserta aktif pada {month} dalam setengah replikasi atau lebih: {names} (biaya program sejak {start}).",
        "answer_reaching": "{scenario} ({share} replikasi, {cost})",
        "answer_line": "{scenario}: {active} peserta aktif pada {month} ({low} sampai {high}); target tercapai pada {share} replikasi.",
        "scenarios_heading": "Skenario",
        "levers": "Pengungkit (pengaturan yang berbeda dari nilai bawaan)",
        "other_changes": "Perbedaan lain dari {reference}",
        "no_levers": "tidak ada: kondisi saat ini",
        "file": "berkas",
        "results_heading": "Hasil pada {month}",
        "results_note": (
            "Rerata dari {n} replikasi; dalam kurung persentil ke-5 sampai ke-95 dari replikasi (variasi acak antar-simulasi, "
            "bukan ketidakpastian parameter). Selisih dihitung berpasangan: setiap replikasi suatu skenario dibandingkan dengan "
            "replikasi {reference} yang memakai seed yang sama. Biaya adalah biaya program dari pengungkit strategi, "
            "dijumlahkan dari {start} sampai {month}. Tabel lengkap untuk setiap akhir tahun ada di comparison.csv (dan satu lembar comparison.xlsx)."
        ),
        "col_scenario": "Skenario",
        "col_active": "Peserta aktif",
        "col_diff": "Selisih dari {reference}",
        "col_cost": "Biaya program sejak {start}",
        "col_cost_diff": "Tambahan biaya, dibanding {reference}",
        "payers_heading": "Siapa yang membayar biaya program",
        "payers_note": (
            "Biaya program dari {start} sampai {month} (rerata), dipisah menurut pembayarnya: APBD kabupaten/kota membayar "
            "pengungkit pemerintah daerah (iuran pekerja rentan, syarat perizinan usaha, sosialisasi di desa, titik layanan "
            "daerah); BPJS Ketenagakerjaan, atau pemerintah pusat, membayar semua pengungkit lainnya. Keduanya berjumlah sama "
            "dengan biaya program (comparison.csv: biaya_apbd_kumulatif_rerata, biaya_bpjs_kumulatif_rerata)."
        ),
        "col_cost_districts": "APBD kabupaten/kota",
        "col_cost_agency": "BPJS Ketenagakerjaan dan pemerintah pusat",
        "col_cost_total": "Biaya program (total)",
        "recovered": (
            "Tunggakan yang ditagih dari pemberi kerja sejak {start} (iuran yang terkumpul, ditampilkan di samping biaya "
            "dan tidak dikurangkan darinya), rerata: {items}."
        ),
        "col_cpa": "Biaya per tambahan peserta aktif pada {month}",
        "col_target": "Replikasi yang mencapai {target}",
        "col_ratio": "Pendaftaran sejak Januari per pendaftar yang masih aktif",
        "col_jht": "Pencairan JHT dini sejak {start} (orang)",
        "years_heading": "Peserta aktif pada setiap akhir tahun (rerata)",
        "figures_heading": "Grafik",
        "cap_trajectories": "Peserta aktif dari waktu ke waktu: rerata (garis) dan 5%-95% replikasi (pita); garis putus-putus: target.",
        "cap_segments": "Peserta aktif per segmen pada {month} (rerata); garis galat adalah interval 5%-95% dari total.",
        "cap_ce": (
            "Tambahan biaya program setiap strategi terhadap tambahan peserta aktifnya, dibanding {reference}, dengan "
            "interval 5%-95%; garis abu-abu: biaya per tambahan peserta."
        ),
        "cap_funnel": (
            "Akun pada {month}: terdaftar (aktif, dan nonaktif yang masih memiliki saldo JHT), masih aktif, nonaktif (dengan "
            "atau tanpa saldo), dan akun yang pernah ditutup karena pencairan JHT; batang saling tumpang tindih dan tidak "
            "dijumlahkan."
        ),
        "assumptions_heading": "Asumsi dan sumbernya",
        "assumptions_intro": (
            "Parameter dari pengungkit yang dipakai, dengan sumber yang dicantumkan skema skenario untuk masing-masing "
            "(\u201cassumption\u201d berarti asumsi pemodelan tanpa angka yang dipublikasikan)."
        ),
        "col_parameter": "Parameter",
        "col_lever": "Pengungkit",
        "col_setting": "Pengaturan",
        "col_value": "Nilai",
        "col_value_words": "Nilai dalam kata",
        "col_range": "Rentang",
        "col_default": "Bawaan",
        "col_file": "Berkas",
        "sheet_target": "Bulan target",
        "sheet_years": "Setiap akhir tahun",
        "sheet_trajectories": "Lintasan",
        "sheet_replications": "Per replikasi",
        "sheet_assumptions": "Asumsi",
        "sheet_levers": "Pengungkit",
        "col_meaning": "Arti (dari skema, dalam bahasa Inggris)",
        "col_unit": "Satuan",
        "col_source": "Sumber",
        "domain_heading": "Angka dari domain yang menjadi pembanding model",
        "caveats_heading": "Yang tidak tercakup dalam interval",
        "caveats": (
            "Interval menunjukkan variasi acak antar-simulasi dari skenario yang sama (siapa yang direkrut, siapa yang "
            "berhenti membayar, siapa yang mencairkan JHT). Interval tidak mencakup ketidakpastian parameter itu sendiri, "
            "yang banyak di antaranya adalah asumsi; analisis sensitivitas (enrolsim experiment, enrolsim sensitivity) "
            "menelaahnya. Setiap agen pekerja dari {agents} agen mewakili sekitar {per_agent} orang pada {by} ({at_start} pada "
            "awal simulasi: angkatan kerja bertambah, jumlah agen tidak); semua angka dalam orang dan rupiah. Besar pengaruh "
            "pengungkit adalah nilai dalam skema skenario, banyak di antaranya asumsi (sumbernya pada tabel di atas): analisis "
            "sensitivitas menunjukkan mana yang berpengaruh. Biaya adalah belanja pengungkit itu sendiri; biaya belum dikurangi "
            "iuran yang dibayar peserta tambahan maupun manfaat yang dibayarkan kepada mereka. Siapa yang membayar adalah "
            "pembagian pos biaya oleh model, bukan data anggaran (docs/ODD.md 7.10.15): APBD kabupaten/kota membayar seluruh "
            "pengungkit pemerintah daerah, walaupun sebagian dapat dibiayai transfer pusat (DAU, DAK, dana desa); BPJS "
            "Ketenagakerjaan membayar semua pengungkit lainnya, termasuk titik layanan dan kanal pembayarannya sendiri, serta "
            "rujukan penegakan hukum ke kejaksaan (lembaga pusat, bukan daerah); yang dibayar platform dan sponsor untuk "
            "pekerjanya dihitung sebagai iuran, bukan biaya."
        ),
        "cpa_rules": (
            "Biaya per tambahan peserta aktif = rerata tambahan biaya / rerata tambahan peserta aktif. Intervalnya berasal "
            "dari rasio yang sama pada setiap replikasi; replikasi tanpa tambahan peserta dihitung sebagai biaya tak hingga "
            "(sehingga batas atas bisa tak hingga), dan tidak dihitung bila rerata tambahan nol atau negatif, atau belum "
            "dapat dibedakan dari nol (dalam 1,645 galat baku)."
        ),
        "reproduce_heading": "Cara mereproduksi",
        "reproduce_intro": "Jalankan dari repositori (seed yang sama memberi angka yang sama di mesin dan eksekutor mana pun):",
        "reproduce_python": "atau dengan Python:",
        "version": "versi enrolsim",
        "python": "Python",
        "seed": "seed akar",
        "seeds": "seed replikasi (numpy SeedSequence(akar).spawn)",
        "digests": "hash skenario",
        "generated": "Dibuat",
        "store": "Hasil simulasi disimpan di {store}; menjalankan perintah lagi dengan lebih banyak replikasi hanya menjalankan yang baru.",
        "million": "juta",
        "billion": "miliar",
        "trillion": "triliun",
        "infinite": "tanpa batas atas",
        "not_applicable": "\u2013",
    },
}

#: Figures from docs/domain.md a reader can hold the results against (text, source).
DOMAIN_FIGURES: dict[str, list[tuple[str, str]]] = {
    "en": [
        (
            "Agency targets: about 54 million active participants in 2024, 61 million in 2025, 70 million in 2026",
            "BPJS Ketenagakerjaan targets (docs/domain.md)",
        ),
        ("30.46 million active participants at the end of 2018", "Tribunnews 2021-09-15 (data/bpjstk_history.csv)"),
        ("About five registrations per participant still active at year end in 2018; the agency wanted three", "Koran SINDO 2019-01-23"),
        ("A participant becomes inactive after three unpaid months (PU: employer arrears; BPU: own payments)", "BPJS TK; Grid"),
        ("JHT may be withdrawn in full one month after leaving work (since September 2015); this closes the account", "PP 60/2015, Permenaker 19/2015, 4/2022"),
        ("Informal work is 57-60% of employment", "BPS Sakernas, August (data/labour_force.csv)"),
        ("Perisai: about 4,000 agents and 400,000 members by December 2018; commission 7.5% plus Rp500,000 bonus", "Kompas, Antara, Media Indonesia"),
        ("Voluntary JKN enrolment: 8% without help, 30% with a full subsidy and help to register", "Banerjee et al. 2021, AER"),
    ],
    "id": [
        (
            "Target BPJS Ketenagakerjaan: sekitar 54 juta peserta aktif pada 2024, 61 juta pada 2025, 70 juta pada 2026",
            "Target BPJS Ketenagakerjaan (docs/domain.md)",
        ),
        ("30,46 juta peserta aktif pada akhir 2018", "Tribunnews 2021-09-15 (data/bpjstk_history.csv)"),
        ("Sekitar lima pendaftaran per peserta yang masih aktif di akhir tahun pada 2018; target BPJS tiga", "Koran SINDO 2019-01-23"),
        ("Peserta menjadi nonaktif setelah tiga bulan tidak membayar (PU: tunggakan pemberi kerja; BPU: iuran sendiri)", "BPJS TK; Grid"),
        ("JHT dapat dicairkan penuh satu bulan setelah berhenti bekerja (sejak September 2015); akun lalu ditutup", "PP 60/2015, Permenaker 19/2015, 4/2022"),
        ("Pekerja informal 57-60% dari penduduk bekerja", "BPS Sakernas, Agustus (data/labour_force.csv)"),
        ("Perisai: sekitar 4.000 agen dan 400.000 peserta pada Desember 2018; komisi 7,5% ditambah bonus Rp500.000", "Kompas, Antara, Media Indonesia"),
        ("Kepesertaan JKN sukarela: 8% tanpa bantuan, 30% dengan subsidi penuh dan bantuan pendaftaran", "Banerjee et al. 2021, AER"),
    ],
}
