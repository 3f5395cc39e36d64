"""The strategy levers in words: the name of each lever group, and each setting's meaning in Bahasa Indonesia.

In English a setting's meaning is its description in the scenario schema (``scenario/strategies.py``),
so it cannot drift from the code; here are the Indonesian words, keyed by the same dotted keys, and
the groups' names in both languages (the schema's sections have docstrings, not names). A test
checks that every lever key of the schema has an Indonesian name and that no key here is stale.
Every lever's ``start`` is named once, by ``LEVER_START``.
"""

#: Names of the lever groups (schema sections under ``strategies``).
LEVER_GROUPS: dict[str, dict[str, str]] = {
    "en": {
        "strategies.intensification.audits": "Audits of partially compliant employers",
        "strategies.intensification.arrears_collection": "Collecting employers' arrears",
        "strategies.intensification.retention": "Keeping participants paying",
        "strategies.extensification.perisai": "Perisai agents",
        "strategies.extensification.platforms": "Platform partnerships",
        "strategies.extensification.local_government": "District governments",
        "strategies.extensification.ecosystems": "Outreach through the five ecosystems",
        "strategies.extensification.sertakan": "Sertakan (company-sponsored contributions)",
        "strategies.extensification.nyalakan": "Nyalakan (registering others through the JMO app)",
        "strategies.extensification.service_points": "Service points and branch offices",
        "strategies.extensification.payment_channels": "Payment channels",
        "strategies.law_enforcement": "Law enforcement",
        "strategies.micro_targeting": "Micro-targeting of outreach",
        "strategies.rules": "Rule changes",
    },
    "id": {
        "strategies.intensification.audits": "Pemeriksaan pemberi kerja yang patuh sebagian (PDS)",
        "strategies.intensification.arrears_collection": "Penagihan tunggakan pemberi kerja",
        "strategies.intensification.retention": "Menjaga peserta tetap membayar",
        "strategies.extensification.perisai": "Agen Perisai",
        "strategies.extensification.platforms": "Kemitraan platform",
        "strategies.extensification.local_government": "Pemerintah daerah",
        "strategies.extensification.ecosystems": "Penjangkauan melalui lima ekosistem",
        "strategies.extensification.sertakan": "Sertakan (iuran yang disponsori perusahaan)",
        "strategies.extensification.nyalakan": "Nyalakan (mendaftarkan orang lain lewat aplikasi JMO)",
        "strategies.extensification.service_points": "Titik layanan dan kantor cabang",
        "strategies.extensification.payment_channels": "Kanal pembayaran",
        "strategies.law_enforcement": "Penegakan hukum",
        "strategies.micro_targeting": "Penargetan mikro penjangkauan",
        "strategies.rules": "Perubahan aturan",
    },
}

#: The meaning of every lever's ``start``.
LEVER_START: dict[str, str] = {"en": "Starts", "id": "Mulai berlaku"}

#: Indonesian meaning of each lever setting (English: the schema's description).
LEVER_NAMES_ID: dict[str, str] = {
    "strategies.intensification.audits.rate": "Porsi bulanan pemberi kerja patuh sebagian yang diperiksa",
    "strategies.intensification.audits.effect": "Peluang pemberi kerja yang diperiksa mendaftarkan semua pekerja dan upah penuh",
    "strategies.intensification.audits.unit_cost": "Biaya satu pemeriksaan unit pemberi kerja",
    "strategies.intensification.arrears_collection.rate": "Porsi bulanan pemberi kerja menunggak yang dihubungi",
    "strategies.intensification.arrears_collection.effect": "Peluang pemberi kerja yang dihubungi melunasi tunggakan bulan itu",
    "strategies.intensification.arrears_collection.unit_cost": "Biaya satu kasus penagihan",
    "strategies.intensification.retention.reminder_coverage": "Porsi peserta BPU yang dikirimi pengingat pembayaran bulanan",
    "strategies.intensification.retention.reminder_effect": "Penurunan relatif pembayaran terlewat berkat pengingat",
    "strategies.intensification.retention.reminder_cost": "Biaya pengingat (pesan) per peserta per bulan",
    "strategies.intensification.retention.auto_debit_share": "Porsi peserta BPU yang membayar dengan autodebet",
    "strategies.intensification.retention.auto_debit_effect": "Penurunan relatif pembayaran terlewat bagi pembayar autodebet",
    "strategies.intensification.retention.auto_debit_cost": "Biaya per peserta autodebet per bulan",
    "strategies.intensification.retention.jht_education_reach": (
        "Porsi bulanan peserta nonaktif bersaldo JHT yang diberi penjelasan mengapa saldo sebaiknya disimpan"
    ),
    "strategies.intensification.retention.jht_education_gain": "Kenaikan literasi menuju 1 bagi pekerja yang diberi penjelasan tentang JHT",
    "strategies.intensification.retention.jht_education_cost": "Biaya per orang yang diberi penjelasan",
    "strategies.extensification.perisai.agents_initial": "Agen Perisai yang bekerja pada bulan awal",
    "strategies.extensification.perisai.agents_target": "Jumlah agen yang ingin dicapai BPJS",
    "strategies.extensification.perisai.recruitment_per_month": "Agen yang dapat direkrut BPJS per bulan selama di bawah target",
    "strategies.extensification.perisai.contacts_per_agent": "Pekerja yang dihubungi satu agen per bulan",
    "strategies.extensification.perisai.conversion": "Peluang pekerja yang dihubungi (literasi rata-rata) bergabung",
    "strategies.extensification.perisai.experience_effect": "Kenaikan relatif konversi setelah dua tahun pengalaman",
    "strategies.extensification.perisai.collection_effect": "Penurunan relatif pembayaran terlewat bagi rekrutan yang iurannya ditagih agen",
    "strategies.extensification.perisai.commission_rate": "Komisi atas iuran yang ditagih dari rekrutan",
    "strategies.extensification.perisai.bonus": "Bonus pada bulan dengan anggota baru sekurang-kurangnya ambang bonus",
    "strategies.extensification.perisai.bonus_threshold": "Anggota baru dalam sebulan yang memberi bonus",
    "strategies.extensification.perisai.institution_share": "Porsi penghasilan agen yang diambil lembaganya",
    "strategies.extensification.perisai.reservation_income": "Penghasilan bulanan yang di bawahnya agen mulai berhenti",
    "strategies.extensification.perisai.quit_rate": "Porsi bulanan korps berpenghasilan rendah yang berhenti",
    "strategies.extensification.perisai.recruitment_cost": "Pelatihan dan perlengkapan per agen yang direkrut",
    "strategies.extensification.platforms.mode": "Kemitraan yang ditawarkan",
    "strategies.extensification.platforms.incentive": "Pembayaran BPJS kepada platform per mitra yang terlindungi per bulan",
    "strategies.extensification.platforms.regulatory_pressure": "Tekanan untuk 'memastikan' kepesertaan mitra (sejak 2021)",
    "strategies.extensification.platforms.reach": "Porsi bulanan mitra belum terlindungi yang didekati platform yang bergabung",
    "strategies.extensification.platforms.promotion_conversion": "Peluang mitra yang didekati bergabung setelah promosi saja",
    "strategies.extensification.platforms.deduction_conversion": "Peluang mitra yang didekati bergabung bila platform memotong iuran",
    "strategies.extensification.platforms.copay_conversion": "Peluang mitra yang didekati bergabung bila platform membayar sebagian",
    "strategies.extensification.platforms.opt_out": "Porsi mitra yang menolak pendaftaran otomatis",
    "strategies.extensification.platforms.deduction_effect": "Penurunan relatif pembayaran terlewat bila platform memotong iuran",
    "strategies.extensification.platforms.partnership_cost": "Biaya bulanan menjalankan satu kemitraan",
    "strategies.extensification.local_government.subsidy_budget": "Anggaran tahunan seluruh kabupaten/kota untuk iuran pekerja rentan",
    "strategies.extensification.local_government.income_threshold": "Pendapatan yang di bawahnya pekerja berhak atas subsidi",
    "strategies.extensification.local_government.enrolment_speed": "Porsi bulanan kuota subsidi yang belum terpakai yang terisi",
    "strategies.extensification.local_government.licence_conditioning": (
        "Tambahan peluang bulanan pemberi kerja yang belum terdaftar mendaftar (izin usaha mensyaratkan kepatuhan)"
    ),
    "strategies.extensification.local_government.licence_cost": "Biaya administrasi per pemberi kerja yang terdaftar lewat perizinan",
    "strategies.extensification.local_government.outreach_reach": "Porsi bulanan pekerja yang dijangkau penyuluhan tingkat desa",
    "strategies.extensification.local_government.outreach_cost": "Biaya per pekerja yang dijangkau",
    "strategies.extensification.local_government.service_point_ease": "Kemudahan pendaftaran yang ditambahkan titik layanan daerah",
    "strategies.extensification.local_government.service_point_cost": "Biaya bulanan titik layanan di satu kabupaten/kota",
    "strategies.extensification.ecosystems.village": "Kontak per bulan dengan pekerja informal di desa",
    "strategies.extensification.ecosystems.market": "Kontak per bulan dengan pedagang pasar (informal, pendapatan di atas median)",
    "strategies.extensification.ecosystems.e_commerce": "Kontak per bulan dengan penjual daring dan mitra platform",
    "strategies.extensification.ecosystems.small_micro_enterprises": "Kunjungan per bulan ke usaha kecil yang belum terdaftar (pekerja yang dijangkau)",
    "strategies.extensification.ecosystems.vulnerable": "Kontak per bulan dengan pekerja informal berpendapatan rendah",
    "strategies.extensification.ecosystems.literacy_gain": "Kenaikan literasi menuju 1 bagi pekerja yang dihubungi",
    "strategies.extensification.ecosystems.conversion": "Peluang pekerja yang dihubungi (literasi rata-rata) mendaftar dengan bantuan",
    "strategies.extensification.ecosystems.unit_cost": "Biaya per kontak",
    "strategies.extensification.sertakan.sponsored_per_month": "Pekerja yang baru disponsori per bulan",
    "strategies.extensification.sertakan.months_paid": "Bulan yang dibayar sponsor untuk setiap pekerja",
    "strategies.extensification.sertakan.agency_cost": "Biaya BPJS untuk mengatur satu sponsor",
    "strategies.extensification.nyalakan.rate": "Peluang bulanan seorang peserta aktif mendaftarkan orang lain di desanya",
    "strategies.extensification.nyalakan.completion": "Peluang pendaftaran lewat aplikasi oleh penolong selesai",
    "strategies.extensification.nyalakan.unit_cost": "Biaya promosi per pendaftaran",
    "strategies.extensification.service_points.extra_ease": "Kemudahan pendaftaran yang ditambahkan di mana-mana",
    "strategies.extensification.service_points.monthly_cost": "Biaya bulanan titik layanan dan kantor tambahan",
    "strategies.extensification.payment_channels.extra_ease": "Kemudahan pembayaran yang ditambahkan di mana-mana",
    "strategies.extensification.payment_channels.cost_per_payment": (
        "Biaya BPJS per pembayaran BPU (biaya kanal, dikenakan pada setiap pembayaran BPU setelah kanal dibuka)"
    ),
    "strategies.law_enforcement.inspection_rate": "Porsi bulanan pemberi kerja yang diperiksa",
    "strategies.law_enforcement.targeting": "Pemberi kerja mana yang diperiksa",
    "strategies.law_enforcement.warning_compliance": "Peluang bulanan pemberi kerja yang diperingatkan menjadi patuh",
    "strategies.law_enforcement.warnings_before_referral": "Surat peringatan sebelum dilimpahkan ke kejaksaan",
    "strategies.law_enforcement.sanction_strength": "Peluang bulanan pemberi kerja yang dilimpahkan menjadi patuh",
    "strategies.law_enforcement.deterrence": (
        "Tambahan peluang bulanan pemberi kerja yang belum terdaftar di suatu kabupaten mendaftar, per 1% pemberi kerjanya yang diperiksa"
    ),
    "strategies.law_enforcement.inspection_cost": "Biaya satu pemeriksaan",
    "strategies.law_enforcement.referral_cost": "Biaya satu pelimpahan ke kejaksaan",
    "strategies.micro_targeting.enabled": (
        "Arahkan penjangkauan (Perisai, ekosistem, penyuluhan desa, pendaftaran subsidi dan sponsor) menurut perkiraan minat, bukan merata"
    ),
    "strategies.micro_targeting.sharpness": "Seberapa kuat penjangkauan dipusatkan pada desa dengan perkiraan terbaik (eksponen)",
    "strategies.micro_targeting.unit_cost": "Biaya bulanan analitik",
    "strategies.rules.bpu_price_multiplier": "Pengali iuran BPU",
    "strategies.rules.bpu_jht_required": "Peserta BPU wajib ikut JHT",
}

#: Indonesian meaning of other settings a shipped strategy changes (English: the schema's description).
OTHER_NAMES_ID: dict[str, str] = {
    "jht.regimes": "Aturan pencairan JHT, masing-masing berlaku sejak bulan mulainya",
    "jht.regimes.start": "Mulai berlaku",
    "jht.regimes.rule": "Aturan pencairan",
    "jht.regimes.waiting_months": "Bulan antara berhenti bekerja dan pencairan",
    "jht.regimes.membership_months": "Bulan kepesertaan yang diperlukan (aturan lima tahun)",
    "literacy.campaign_reach": "Porsi bulanan pekerja yang dijangkau kampanye BPJS",
}
