"""The one catalogue of user-facing text: Bahasa Indonesia first, English second.

t(KEY, **values) looks KEY up in the current language (st.session_state["lang"], mirrored in
the URL as ?lang=en). A missing key is a bug: tests/test_i18n.py checks every t() call in the code.
"""

import streamlit as st

LANGS = ("id", "en")

CATALOGUE: dict[str, tuple[str, str]] = {
    # app and navigation
    "app.title": ("Dasbor Anak Tidak Sekolah", "Out-of-School Children Dashboard"),
    "app.subtitle": ("SIPBM · PASTI BERAKSI", "SIPBM · PASTI BERAKSI"),
    "nav.peta": ("Peta", "Map"),
    "lang.label": ("Bahasa / Language", "Bahasa / Language"),
    "demo.banner": (
        "**Data demo (sintetis).** Semua angka di dasbor ini dibuat oleh program untuk peragaan; bukan data anak yang nyata.",
        "**Demo data (synthetic).** Every number on this dashboard is generated for demonstration; it is not real children's data.",
    ),
    "demo.label": ("data demo (sintetis)", "demo data (synthetic)"),
    "store.building": ("Menyiapkan data demo untuk pertama kali…", "Preparing the demo data for the first time…"),
    "store.built": ("Data demo siap.", "Demo data ready."),
    "store.failed": (
        "Data demo tidak dapat dibuat: {error}",
        "The demo data could not be built: {error}",
    ),
    "store.missing": (
        "Belum ada basis data di {path}. Jalankan `python -m data demo` atau atur ATS_STORE.",
        "No store at {path}. Run `python -m data demo` or set ATS_STORE.",
    ),
    # filters
    "filter.header": ("Filter", "Filters"),
    "filter.prov": ("Provinsi", "Province"),
    "filter.kab": ("Kabupaten/Kota", "Regency/City"),
    "filter.kec": ("Kecamatan", "District (kecamatan)"),
    "filter.round": ("Putaran survei", "Survey round"),
    "filter.round.latest": ("Terbaru", "Latest"),
    "filter.sex": ("Jenis kelamin", "Sex"),
    "filter.age": ("Kelompok umur", "Age group"),
    "filter.kategori": ("Kategori ATS", "Out-of-school category"),
    "filter.disability": ("Disabilitas", "Disability"),
    "filter.all": ("Semua", "All"),
    "filter.no_data": ("belum ada data", "no data yet"),
    "filter.bad_url": (
        "Tautan berisi {name} = '{value}' yang tidak dikenal; filter itu diabaikan.",
        "The link has an unknown {name} = '{value}'; that filter was ignored.",
    ),
    "sex.L": ("Laki-laki", "Boys"),
    "sex.P": ("Perempuan", "Girls"),
    "age.all": ("Semua 7-18 tahun", "All 7-18 years"),
    "age.7-12": ("7-12 tahun", "7-12 years"),
    "age.13-15": ("13-15 tahun", "13-15 years"),
    "age.16-18": ("16-18 tahun", "16-18 years"),
    "kategori.DO": ("DO: putus sekolah", "DO: dropped out"),
    "kategori.LTM": ("LTM: lulus tidak melanjutkan", "LTM: finished, did not continue"),
    "kategori.BPB": ("BPB: belum pernah bersekolah", "BPB: never enrolled"),
    "disability.true": ("Dengan disabilitas", "With disabilities"),
    "disability.false": ("Tanpa disabilitas", "Without disabilities"),
    # map page
    "peta.title": ("Peta anak tidak sekolah", "Map of out-of-school children"),
    "peta.level": ("Tingkat peta", "Map level"),
    "level.kab": ("Kabupaten/Kota", "Regency/City"),
    "level.kec": ("Kecamatan", "District"),
    "level.kel": ("Desa/Kelurahan", "Village"),
    "peta.measure": ("Ukuran", "Measure"),
    "measure.n_ats": ("Jumlah ATS", "Number out of school"),
    "measure.ats_pct": ("ATS per 100 anak 7-18", "Out of school per 100 children 7-18"),
    "measure.n_do": ("Jumlah DO (putus sekolah)", "Number dropped out (DO)"),
    "measure.n_ltm": ("Jumlah LTM", "Number finished, not continuing (LTM)"),
    "measure.n_bpb": ("Jumlah BPB", "Number never enrolled (BPB)"),
    "peta.method": ("Kelas", "Classes"),
    "method.quantiles": ("Kuantil", "Quantiles"),
    "method.natural_breaks": ("Natural breaks (Jenks)", "Natural breaks (Jenks)"),
    "method.equal_interval": ("Interval sama", "Equal intervals"),
    "peta.no_data_class": ("Tidak ada data / belum disurvei", "No data / not surveyed"),
    "peta.hover": (
        "<b>{nama}</b><br>ATS: {n_ats} dari {n_anak} anak 7-18<br>{ats_pct} per 100 anak<br>DO {n_do} · LTM {n_ltm} · BPB {n_bpb}",
        "<b>{nama}</b><br>Out of school: {n_ats} of {n_anak} children 7-18<br>{ats_pct} per 100 children<br>DO {n_do} · LTM {n_ltm} · BPB {n_bpb}",
    ),
    "peta.hover_no_data": ("<b>{nama}</b><br>Belum disurvei pada putaran ini", "<b>{nama}</b><br>Not surveyed in this round"),
    "peta.click_hint": (
        "Klik sebuah wilayah di peta untuk melihat wilayah di bawahnya.",
        "Click an area on the map to look inside it.",
    ),
    "peta.no_boundaries": (
        "Belum ada batas wilayah untuk peta ini. Impor berkas batas (GeoJSON, GeoPackage, Shapefile, GeoParquet) dengan "
        "`python -m data boundaries BERKAS`, atau atur ATS_BOUNDARIES ke berkas/folder batas lalu bangun ulang data demo. "
        "Tabel di bawah tetap menampilkan angkanya.",
        "There are no boundaries for this map yet. Import a boundary file (GeoJSON, GeoPackage, Shapefile, GeoParquet) with "
        "`python -m data boundaries FILE`, or set ATS_BOUNDARIES to a boundary file or folder and rebuild the demo data. "
        "The table below still shows the numbers.",
    ),
    "peta.empty": (
        "Tidak ada data survei untuk {wilayah} pada putaran {round}. Pilih putaran atau wilayah lain.",
        "There is no survey data for {wilayah} in round {round}. Choose another round or area.",
    ),
    "peta.nobody": (
        "Filter yang dipilih tidak mencakup seorang anak pun di {wilayah}. Longgarkan filter (jenis kelamin, umur, disabilitas).",
        "The chosen filters select no child in {wilayah}. Loosen the filters (sex, age, disability).",
    ),
    "peta.summary": (
        "{wilayah}, putaran {round}: **{n_ats}** anak tidak sekolah dari {n_anak} anak 7-18 yang didata ({ats_pct} per 100).",
        "{wilayah}, round {round}: **{n_ats}** out-of-school children of {n_anak} children 7-18 enumerated ({ats_pct} per 100).",
    ),
    "peta.table": ("Tabel", "Table"),
    "col.kode": ("Kode", "Code"),
    "col.nama": ("Nama", "Name"),
    "col.n_anak": ("Anak 7-18", "Children 7-18"),
    "col.n_ats": ("ATS", "Out of school"),
    "col.ats_pct": ("ATS per 100", "Per 100"),
    "col.n_do": ("DO", "DO"),
    "col.n_ltm": ("LTM", "LTM"),
    "col.n_bpb": ("BPB", "BPB"),
    "col.jenis": ("Jenis", "Type"),
    "breadcrumb.label": ("Wilayah", "Area"),
    # source note
    "source.label": ("Sumber data", "Data source"),
    "source.query": ("kueri", "query"),
    "source.params": ("parameter", "parameters"),
    "source.version": ("versi data", "data version"),
    "source.real": ("data survei SIPBM", "SIPBM survey data"),
}


def lang() -> str:
    value = st.session_state.get("lang", "id")
    return value if value in LANGS else "id"


def t(key: str, **values) -> str:
    text = CATALOGUE[key][LANGS.index(lang())]
    return text.format(**values) if values else text
