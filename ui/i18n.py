"""The one catalogue of user-facing text: Bahasa Indonesia first, English second.

t(KEY, **values) looks KEY up in the current language (st.session_state["lang"], mirrored in
the URL as ?lang=en). A missing key is a bug: tests/test_i18n.py checks every t() call in the code.

The texts are Markdown; the values filled into them often come from outside (a URL, an upload, a stored field, an
error). t() makes every value plain text (ui.safe.plain: escaped, one line, shortened) unless it is Markdown the code
made (ui.safe.Markdown: t()'s own results, plain()'s) or a number, so a value forgotten at a new call site is shown
as text, never rendered; a value inside a code span of the text gets ui.safe.code instead. Why here and not at each
call: a hundred calls pass values, and escaping by default cannot be forgotten. Plotly figures, which draw HTML
rather than Markdown, take t_chart().
"""

import contextlib
import contextvars
import functools
import string

import streamlit as st

from ui.safe import Markdown, chart, code, plain

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
    "store.upgrading": (
        "Memperbarui tabel turunan untuk versi aplikasi ini (data tersimpan tidak berubah)…",
        "Updating the derived tables for this version of the app (stored records are kept)…",
    ),
    "store.upgrade_failed": (
        "Tabel turunan tidak dapat diperbarui, data tersimpan tidak berubah: {error}. "
        "Jalankan `python -m data upgrade` untuk melihat rinciannya.",
        "The derived tables could not be updated; the stored records are unchanged: {error}. "
        "Run `python -m data upgrade` to see the details.",
    ),
    "store.failed": (
        "Data demo tidak dapat dibuat: {error}",
        "The demo data could not be built: {error}",
    ),
    "store.missing": (
        "Belum ada basis data ({name}). Jalankan `python -m data demo` atau atur ATS_STORE.",
        "No store yet ({name}). Run `python -m data demo` or set ATS_STORE.",
    ),
    "store.disk_full": (
        "Disk server penuh, jadi tidak ada yang diubah: data tersimpan tetap seperti semula. Setiap penulisan "
        "memerlukan ruang untuk salinan penuh basis data, sedikitnya {need} MB kosong; kini tersedia {free} MB. "
        "Minta pengelola server mengosongkan ruang disk, lalu coba lagi.",
        "The server's disk is full, so nothing was changed: the stored data is as it was. Every write needs room "
        "for a full copy of the store, at least {need} MB free; {free} MB are free. Ask the server's administrator "
        "to free some disk space, then try again.",
    ),
    "impor.err.demo_replaces_real_data": (
        "Basis data berisi data nyata ({rounds} putaran survei kab/kota, {children} anak, {import_log} catatan impor, "
        "{kla_entries} nilai dan hasil KLA yang diisi); data demo tidak dibuat di atasnya. Jalankan "
        "`python -m data demo --replace-real-data` bila memang ingin menggantinya.",
        "The store holds real data ({rounds} survey rounds of a kab/kota, {children} children, {import_log} import "
        "log entries, {kla_entries} KLA values and results entered); the demo data is not built over it. Run "
        "`python -m data demo --replace-real-data` to replace it anyway.",
    ),
    "impor.disk_full_upload": (
        "Berkas unggahan tidak dapat disimpan di server karena disknya penuh ({need} MB diperlukan, {free} MB "
        "tersedia). Tidak ada yang diubah. Minta pengelola server mengosongkan ruang disk, lalu coba lagi.",
        "The uploaded file could not be saved on the server: its disk is full ({need} MB needed, {free} MB free). "
        "Nothing was changed. Ask the server's administrator to free some disk space, then try again.",
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
    "level.prov": ("Provinsi", "Province"),
    "level.kab": ("Kabupaten/Kota", "Regency/City"),
    "level.kec": ("Kecamatan", "District"),
    "level.kel": ("Desa/Kelurahan", "Village"),
    "peta.measure": ("Ukuran", "Measure"),
    "measure.n_ats": ("Jumlah ATS", "Number out of school"),
    "measure.ats_pct": ("ATS per 100 anak", "Out of school per 100 children"),  # the legend says which children
    "measure.n_do": ("Jumlah DO (putus sekolah)", "Number dropped out (DO)"),
    "measure.n_ltm": ("Jumlah LTM", "Number finished, not continuing (LTM)"),
    "measure.n_bpb": ("Jumlah BPB", "Number never enrolled (BPB)"),
    "peta.method": ("Kelas", "Classes"),
    "method.quantiles": ("Kuantil", "Quantiles"),
    "method.natural_breaks": ("Natural breaks (Jenks)", "Natural breaks (Jenks)"),
    "method.equal_interval": ("Interval sama", "Equal intervals"),
    "peta.no_data_class": ("Belum disurvei", "Not surveyed"),
    "peta.hidden_class": ("Disembunyikan (< {k}, atau melindungi angka < {k})", "Hidden (< {k}, or protecting a count < {k})"),
    "peta.hover_hidden": ("<b>{nama}</b><br>Disembunyikan: kurang dari {k} anak, atau agar angka kecil tidak dapat "
                          "dihitung dari jumlahnya",
                          "<b>{nama}</b><br>Hidden: fewer than {k} children, or so that a small count cannot be worked "
                          "out from the totals"),
    "fmt.withheld": ("ditahan", "withheld"),
    "peta.hover": (
        "<b>{nama}</b><br>{ats}: {n_ats} dari {n_anak} {who}<br>{ats_pct} per 100 anak<br>DO {n_do} · LTM {n_ltm} · BPB {n_bpb}",
        "<b>{nama}</b><br>{ats}: {n_ats} of {n_anak} {who}<br>{ats_pct} per 100 children<br>DO {n_do} · LTM {n_ltm} · BPB {n_bpb}",
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
    "chart.failed": (
        "Grafik tidak dapat dimuat. Muat ulang halaman; bila tetap gagal, periksa bahwa server menyajikan "
        "static/plotly/plotly-ats.min.js.",
        "The chart could not be loaded. Reload the page; if it still fails, check that the server serves "
        "static/plotly/plotly-ats.min.js.",
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
        "{wilayah}, {period}: **{n_ats}** {ats_noun} dari {n_anak} {who} yang didata ({ats_pct} per 100).",
        "{wilayah}, {period}: **{n_ats}** {ats_noun} of {n_anak} {who} enumerated ({ats_pct} per 100).",
    ),
    "peta.table_title": ("Tabel per {level}", "Table by {level}"),
    "col.kode": ("Kode", "Code"),
    "col.nama": ("Nama", "Name"),
    "col.n_anak": ("Anak 7-18", "Children 7-18"),
    "col.n_ats": ("ATS", "Out of school"),
    "col.ats_pct": ("ATS per 100", "Per 100"),
    "col.n_do": ("DO", "DO"),
    "col.n_ltm": ("LTM", "LTM"),
    "col.n_bpb": ("BPB", "BPB"),
    "col.n_tamat12": ("Tamat 12 th (bukan ATS)", "Completed 12 yrs (not ATS)"),
    "col.jenis": ("Jenis", "Type"),
    "breadcrumb.label": ("Wilayah", "Area"),
    # source note
    "source.label": ("Sumber", "Source"),
    "source.census": ("sensus SIPBM{period}", "SIPBM census{period}"),
    "source.as_of.census": ("data per {date}", "data as of {date}"),
    "source.handling": (
        "catatan penanganan anak yang ditemukan pada sensus SIPBM{period}",
        "handling records of the children found by the SIPBM census{period}",
    ),
    "source.as_of.handling": ("tercatat sampai {date}", "recorded up to {date}"),
    "source.target": (
        "target ATS per kab/kota (ilustratif, bukan angka resmi RAPP-ATS)",
        "out-of-school targets per kab/kota (illustrative, not the official RAPP-ATS figures)",
    ),
    "source.reference": (
        "angka pembanding dari survei sampel lain, bukan sensus ini",
        "comparison figures of another (sample) survey, not this census",
    ),
    "source.kla": (
        "indikator KLA klaster IV{period}: dihitung dari sensus SIPBM atau diisi pengguna dengan bukti",
        "KLA cluster IV indicators{period}: computed from the SIPBM census or entered by users with evidence",
    ),
    "source.kla_eval": (
        "hasil evaluasi KLA per tahun (predikat resmi dari KemenPPPA; hasil demo ditandai)",
        "KLA evaluation results per year (official tiers from KemenPPPA; demo results marked)",
    ),
    "source.kla_def": ("daftar indikator KLA klaster IV dasbor ini", "this dashboard's list of KLA cluster IV indicators"),
    "source.kla_audit": ("catatan setiap perubahan nilai KLA", "the log of every change to KLA values"),
    "source.details": ("Rincian teknis", "Technical details"),
    "source.details_toggle": ("Rincian teknis sumber data", "Technical source details"),
    "source.details_help": (
        "Tampilkan di bawah setiap sumber: nama kueri, parameternya dan versi data (untuk mencocokkan angka dengan "
        "`python -m data query`).",
        "Show under every source line: the query name, its parameters and the data version (to check a number "
        "with `python -m data query`).",
    ),
    "source.query": ("kueri", "query"),
    "source.version": ("versi data", "data version"),
    "source.real": ("data survei SIPBM", "SIPBM survey data"),
    "source.refused": (
        "Angka halaman ini tidak dapat dihitung: kueri data menolak nilai yang diminta ({error}). "
        "Pilih wilayah atau filter lain di samping.",
        "The numbers of this page cannot be computed: the data query refused a value it was asked for ({error}). "
        "Choose another wilayah or filter in the sidebar.",
    ),
    # the description of a view (ui/view.py): the filters in words, the children counted, the measures' titles
    "view.sex.L": ("laki-laki", "boys"),
    "view.sex.P": ("perempuan", "girls"),
    "view.age": ("{age} tahun", "{age} years"),
    "view.disability.true": ("dengan disabilitas", "with disabilities"),
    "view.disability.false": ("tanpa disabilitas", "without disabilities"),
    "view.kategori.DO": ("putus sekolah (DO)", "dropped out (DO)"),
    "view.kategori.LTM": ("lulus tidak melanjutkan (LTM)", "finished, not continuing (LTM)"),
    "view.kategori.BPB": ("belum pernah bersekolah (BPB)", "never enrolled (BPB)"),
    "view.who.all": ("anak", "children"),
    "view.who.L": ("anak laki-laki", "boys"),
    "view.who.P": ("anak perempuan", "girls"),
    "view.ats": ("ATS", "out of school"),
    "view.ats_noun": ("anak tidak sekolah", "out-of-school children"),
    "view.ats_noun.kategori": ("anak {what}", "children counted as {what}"),
    "view.round": ("putaran {round}", "round {round}"),
    "view.rounds": ("putaran {first}–{last}", "rounds {first}–{last}"),
    "view.year": ("tahun {year}", "year {year}"),
    "view.years": ("tahun {first}–{last}", "years {first}–{last}"),
    "view.measure.n_ats": ("Jumlah {ats} · {who}", "Number {ats} · {who}"),
    "view.measure.ats_pct": ("{ats} per 100 {who}", "{ats} per 100 {who}"),
    "view.measure.n_do": ("Jumlah DO (putus sekolah) · {who}", "Number dropped out (DO) · {who}"),
    "view.measure.n_ltm": ("Jumlah LTM (lulus tidak melanjutkan) · {who}", "Number finished, not continuing (LTM) · {who}"),
    "view.measure.n_bpb": ("Jumlah BPB (belum pernah bersekolah) · {who}", "Number never enrolled (BPB) · {who}"),
    "view.col.ats_pct": ("{ats} per 100", "{ats} per 100"),
    # exports of tables (ui/export.py)
    "export.csv": ("CSV", "CSV"),
    "export.xlsx": ("XLSX", "XLSX"),
    "export.csv_help": (
        "Unduh tabel ini sebagai CSV (pemisah titik koma, desimal koma: terbuka langsung di Excel berbahasa Indonesia).",
        "Download this table as CSV (comma-separated, decimal point).",
    ),
    "export.xlsx_help": (
        "Unduh tabel ini sebagai XLSX, dengan lembar Keterangan: wilayah, putaran, filter, sumber, definisi.",
        "Download this table as XLSX, with an About sheet: area, round, filters, source, definitions.",
    ),
    "export.sheet.table": ("Tabel", "Table"),
    "export.sheet.about": ("Keterangan", "About"),
    "export.about.key": ("Keterangan", "Item"),
    "export.about.value": ("Isi", "Value"),
    "export.about.title": ("Judul", "Title"),
    "export.about.view": ("Tampilan", "View"),
    "export.about.place": ("Wilayah", "Area"),
    "export.about.period": ("Periode", "Period"),
    "export.about.filters": ("Filter", "Filters"),
    "export.about.filters_none": ("tidak ada (semua anak 7-18)", "none (all children 7-18)"),
    "export.about.ignored": (
        "Filter aktif yang tidak berlaku untuk tabel ini",
        "Active filters that do not apply to this table",
    ),
    "export.about.source": ("Sumber", "Source"),
    "export.about.query": ("Kueri", "Query"),
    "export.about.params": ("Parameter kueri", "Query parameters"),
    "export.about.version": ("Versi data", "Data version"),
    "export.about.built": ("Data dimuat", "Data loaded"),
    "export.about.data_date": ("Tanggal data", "Data date"),
    "export.about.exported": ("Diekspor", "Exported"),
    "export.about.kind": ("Jenis data", "Kind of data"),
    "export.about.rows": ("Jumlah baris", "Rows"),
    "export.about.definitions": ("Definisi", "Definitions"),
    "export.yes": ("ya", "yes"),
    "export.no": ("tidak", "no"),
    # definitions of the measures, for the About sheet of an export (def.<column>)
    "def.n_anak": (
        "Anak usia 7-18 tahun yang didata sensus SIPBM pada putaran itu, dalam kelompok yang dipilih filter.",
        "Children aged 7-18 enumerated by the SIPBM census in the round, in the group the filters choose.",
    ),
    "def.n_ats": (
        "Anak tidak sekolah (ATS): anak 7-18 yang putus sekolah (DO), lulus tidak melanjutkan (LTM) atau belum pernah "
        "bersekolah (BPB); hanya kategori yang dipilih bila filter kategori aktif.",
        "Out-of-school children (ATS): children 7-18 who dropped out (DO), finished a level and did not continue (LTM) "
        "or never enrolled (BPB); only the chosen category when the category filter is on.",
    ),
    "def.ats_pct": ("Anak tidak sekolah per 100 anak yang didata (kolom anak).", "Out-of-school children per 100 children enumerated."),
    "def.n_do": ("Putus sekolah: pernah bersekolah, keluar sebelum lulus.", "Dropped out: went to school and left before finishing."),
    "def.n_ltm": ("Lulus tidak melanjutkan: lulus satu jenjang, tidak melanjutkan.", "Finished a level and did not continue."),
    "def.n_bpb": ("Belum pernah bersekolah.", "Never enrolled."),
    "def.aps": (
        "Angka Partisipasi Sekolah (rumus BPS): anak yang bersekolah (formal atau Paket A/B/C) per 100 anak kelompok umur itu.",
        "School participation rate (BPS formula): children attending school (formal or Paket A/B/C) per 100 children of the age group.",
    ),
    "def.ats_rate": ("Angka ATS = 100 - APS.", "ATS rate = 100 - APS."),
    "def.n_sekolah": ("Anak yang bersekolah, formal atau Paket A/B/C.", "Children attending school, formal or Paket A/B/C."),
    "def.target_ats_pct": (
        "Target ATS per 100 anak 7-18 (ilustratif, bukan angka resmi), dibandingkan dengan angka semua anak 7-18.",
        "Target out-of-school rate per 100 children 7-18 (illustrative, not official), compared with the rate of all children 7-18.",
    ),
    "def.gap_pct": ("Angka ATS dikurangi target, dalam poin per 100.", "Out-of-school rate minus the target, in points per 100."),
    "def.n": ("Anak yang mencapai tahap ini (dan setiap tahap sebelumnya).", "Children who reached this step (and every step before it)."),
    "def.pct_prev": ("Anak pada tahap ini per 100 anak pada tahap sebelumnya.", "Children at this step per 100 at the step before."),
    "def.pct_identified": ("Anak pada tahap ini per 100 anak yang ditemukan.", "Children at this step per 100 identified."),
    "def.n_identified": ("Anak yang ditemukan tidak sekolah oleh sensus pada putaran itu.", "Children found out of school by the census in the round."),
    "def.n_confirmed": ("Anak yang setelah verifikasi memang tidak sekolah.", "Children confirmed out of school at verification."),
    "def.n_intervened": ("Anak yang mendapat intervensi jenis ini.", "Children who had an intervention of this type."),
    "def.n_returned": (
        "Anak yang kembali bersekolah (formal atau Paket A/B/C).",
        "Children back in school (formal or Paket A/B/C).",
    ),
    "def.return_pct": ("Anak yang kembali bersekolah per 100 ATS terkonfirmasi.", "Children back in school per 100 confirmed."),
    "def.median_days_to_return": (
        "Median hari dari ditemukan sampai kembali bersekolah.",
        "Median days from being found to being back in school.",
    ),
    "def.n_open": (
        "Kasus terbuka: belum dinyatakan bukan ATS dan belum ada hasil akhir (kembali, menolak, tidak memungkinkan).",
        "Open case: not found 'not out of school' and with no final result (returned, refused, not returnable).",
    ),
    "def.retention_pct": (
        "Anak yang kembali dan masih bersekolah (atau sudah tamat kelas 12) pada putaran berikutnya, per 100 anak yang "
        "kembali dan didata lagi.",
        "Returned children still in school (or who had completed grade 12) at the next round, per 100 returned "
        "children enumerated again.",
    ),
    "def.n_tamat12": (
        "Anak 16-18 yang sudah tamat SMA/SMK/MA atau Paket C (kelas 12) dan tidak bersekolah lagi: bukan ATS menurut "
        "Wajib Belajar 12 Tahun, tetapi tidak bersekolah dalam APS BPS.",
        "Children 16-18 who completed SMA/SMK/MA or Paket C (grade 12) and are no longer in school: not ATS under "
        "Wajib Belajar 12 Tahun, but not attending school in BPS's APS.",
    ),
    "def.tamat12_pct": (
        "Anak yang tamat 12 tahun dan tidak bersekolah per 100 anak kelompok umur itu; 100 - APS = angka ATS sensus + angka ini.",
        "Children who completed 12 years and are not in school per 100 children of the age group; 100 - APS = the census ATS rate + this rate.",
    ),
    "def.ats_pct_kategori": (
        "Anak tidak sekolah (DO, LTM, BPB) per 100 anak kelompok umur itu; tanpa anak yang tamat 12 tahun.",
        "Out-of-school children (DO, LTM, BPB) per 100 children of the age group; without those who completed 12 years.",
    ),
    "def.days_open": ("Hari sejak kasus terbuka tertua, sampai tanggal data.", "Days since the oldest open case, to the data date."),
    # trend page (views/tren.py)
    "nav.tren": ("Tren", "Trends"),
    "tren.title": ("Tren anak tidak sekolah antar putaran", "Out-of-school children across survey rounds"),
    "tren.by": ("Rincian menurut", "Break down by"),
    "by.kategori_ats": ("Kategori ATS", "Out-of-school category"),
    "by.sex": ("Jenis kelamin", "Sex"),
    "by.age_group": ("Kelompok umur", "Age group"),
    "by.has_disability": ("Disabilitas", "Disability"),
    "grp.DO": ("DO (putus sekolah)", "DO (dropped out)"),
    "grp.LTM": ("LTM (lulus tidak melanjutkan)", "LTM (finished, not continuing)"),
    "grp.BPB": ("BPB (belum pernah bersekolah)", "BPB (never enrolled)"),
    "grp.TAMAT12": ("Tamat 12 tahun, tidak sekolah (bukan ATS)", "Completed 12 years, not in school (not ATS)"),
    "grp.L": ("Laki-laki", "Boys"),
    "grp.P": ("Perempuan", "Girls"),
    "grp.7-12": ("7-12 tahun", "7-12 years"),
    "grp.13-15": ("13-15 tahun", "13-15 years"),
    "grp.16-18": ("16-18 tahun", "16-18 years"),
    "grp.7-18": ("7-18 tahun", "7-18 years"),
    "grp.ya": ("Dengan disabilitas", "With disabilities"),
    "grp.tidak": ("Tanpa disabilitas", "Without disabilities"),
    "tren.empty": (
        "Belum ada putaran survei yang mendata {wilayah}. Pilih wilayah lain.",
        "No survey round has enumerated {wilayah} yet. Choose another area.",
    ),
    "tren.nobody": (
        "Filter yang dipilih tidak mencakup seorang anak pun di {wilayah} pada putaran mana pun. Longgarkan filter (jenis kelamin, umur, disabilitas, kategori).",
        "The chosen filters select no child in {wilayah} in any round. Loosen the filters (sex, age, disability, category).",
    ),
    "tren.single_round": (
        "{wilayah} baru didata dalam satu putaran ({round}): belum ada tren maupun perubahan untuk dibandingkan.",
        "{wilayah} has been enumerated in one round only ({round}): there is no trend or change to compare yet.",
    ),
    "tren.summary": (
        "{wilayah}, {period}: **{n_ats}** {ats_noun} dari {n_anak} {who} yang didata (**{ats_pct}** per 100).",
        "{wilayah}, {period}: **{n_ats}** {ats_noun} of {n_anak} {who} enumerated (**{ats_pct}** per 100).",
    ),
    "tren.change": (
        "Dibanding putaran {prev}: {d_n_ats} anak, {d_ats_pct} per 100 anak.",
        "Since round {prev}: {d_n_ats} children, {d_ats_pct} per 100 children.",
    ),
    "tren.break_warning": (
        "Cakupan sensus berubah antara putaran {prev} dan {round} (desa/kelurahan yang didata berbeda): perubahan angka pada putaran itu sebagian karena cakupan, bukan kemajuan.",
        "Census coverage changed between rounds {prev} and {round} (a different set of desa/kelurahan was enumerated): part of the change in that round comes from coverage, not progress.",
    ),
    "tren.chart_title": ("{measure}, per putaran", "{measure}, per round"),
    "tren.counts_title": ("Jumlah ATS per kategori, per putaran", "Out-of-school children by category, per round"),
    "tren.axis_round": ("Putaran survei", "Survey round"),
    "tren.axis_pct": ("per 100 anak", "per 100 children"),
    "tren.axis_n": ("jumlah anak", "children"),
    "tren.hover": (
        "<b>{nama}</b> · {round}<br>{n_ats} ATS dari {n_anak} anak<br>{ats_pct} per 100",
        "<b>{nama}</b> · {round}<br>{n_ats} out of school of {n_anak} children<br>{ats_pct} per 100",
    ),
    "tren.break_label": ("cakupan berubah", "coverage changed"),
    "tren.target_label": ("Target semua anak 7-18 (ilustratif)", "Target, all children 7-18 (illustrative)"),
    "tren.target_left_out": (
        "Target (ilustratif) ditetapkan untuk semua anak 7-18, jadi tidak digambar pada garis kelompok yang dipilih filter. "
        "Lihat \"Target dan capaian\" di bawah.",
        "The (illustrative) targets are set for all children 7-18, so they are not drawn on the line of the group the "
        "filters choose. See \"Targets and progress\" below.",
    ),
    "tren.coverage_title": ("Cakupan sensus per putaran", "Census coverage per round"),
    "tren.coverage_kel": ("Desa/kelurahan didata (per 100 desa/kel.)", "Desa/kelurahan enumerated (per 100)"),
    "tren.coverage_hh": ("Rumah tangga didata", "Households enumerated"),
    "tren.coverage_hover": (
        "{round}: {n_kel} dari {n_kel_total} desa/kelurahan, {n_keluarga} rumah tangga",
        "{round}: {n_kel} of {n_kel_total} desa/kelurahan, {n_keluarga} households",
    ),
    "tren.targets": ("Target dan capaian", "Targets and progress"),
    "tren.targets_note": (
        "Target ATS per 100 anak 7-18 menurut kab/kota dan tahun, dari tabel target yang disertakan dasbor. **Angka target ini ilustratif (contoh peragaan), bukan angka resmi RAPP-ATS Pergub Sulsel 71/2020.** Target dibandingkan dengan angka semua anak 7-18; filter tidak berlaku.",
        "Target out-of-school rate per 100 children 7-18 by kab/kota and year, from the target table shipped with the dashboard. **These targets are illustrative (demonstration values), not the official RAPP-ATS figures of Pergub Sulsel 71/2020.** Targets are compared with the rate of all children 7-18; the filters do not apply.",
    ),
    "tren.no_targets": (
        "Belum ada target untuk {wilayah} dalam tabel target dasbor.",
        "There is no target for {wilayah} in the dashboard's target table.",
    ),
    "tren.status_latest": (
        "{nama}, {year}: {ats_pct} per 100 terhadap target {target} → **{status}**",
        "{nama}, {year}: {ats_pct} per 100 against a target of {target} → **{status}**",
    ),
    "status.on_track": ("sesuai target", "on track"),
    "status.off_track": ("tidak sesuai target", "off track"),
    "status.none": ("belum ada putaran", "no round yet"),
    "tren.breakdown": ("Rincian per putaran", "Breakdown per round"),
    "tren.tamat12_note": (
        "Garis titik-titik abu-abu: anak 16-18 tahun yang sudah tamat SMA/SMK/MA atau Paket C (12 tahun) dan tidak bersekolah. Mereka bukan ATS (Wajib Belajar 12 Tahun sudah tuntas) dan tidak termasuk jumlah ATS; ditampilkan sebagai pembanding karena APS BPS menghitung mereka sebagai tidak bersekolah.",
        "Grey dotted line: children aged 16-18 who completed SMA/SMK/MA or Paket C (12 years) and are not in school. They are not ATS (Wajib Belajar 12 Tahun is done) and are not in the out-of-school count; shown for comparison because BPS's APS counts them as not attending.",
    ),
    "tren.units": ("Tren tiap {level} (skala warna sama)", "Trend of every {level} (one colour scale)"),
    "tren.tab.targets": ("Target", "Targets"),
    "tren.tab.units": ("Wilayah di bawahnya", "Areas below"),
    "tren.tab.participation": ("Partisipasi sekolah (APS)", "School participation (APS)"),
    "tren.units_note": (
        "Angka di tiap sel: ATS per 100 anak pada putaran itu; makin gelap makin tinggi, dengan skala warna yang sama "
        "untuk semua {level}. Sel kosong: tidak didata pada putaran itu. Garis putus-putus hitam: cakupan sensus "
        "berubah antara dua putaran, jadi perubahan di situ sebagian karena cakupan.",
        "The number in each cell: out of school per 100 children in that round; darker is higher, on one colour scale "
        "for every {level}. An empty cell: not enumerated in that round. A black dashed line: census coverage changed "
        "between two rounds, so part of the change there comes from coverage.",
    ),
    "tren.units_none": (
        "Tidak ada wilayah di bawah {wilayah} yang pernah didata.",
        "No area under {wilayah} has been enumerated.",
    ),
    "tren.changes": ("Perubahan terbesar sejak putaran sebelumnya", "Largest changes since the previous round"),
    "tren.improved": ("Paling membaik", "Improved most"),
    "tren.worsened": ("Paling memburuk", "Worsened most"),
    "tren.no_changes": (
        "Belum ada dua putaran yang dapat dibandingkan untuk wilayah di bawah {wilayah}.",
        "No unit under {wilayah} has two rounds to compare yet.",
    ),
    "tren.changes_note": (
        "Putaran terakhir tiap wilayah dibanding putaran sebelumnya; ⚠ = cakupan berubah, perubahan belum tentu kemajuan.",
        "Each unit's latest round against its previous round; ⚠ = coverage changed, the change is not necessarily progress.",
    ),
    "tren.participation": ("Indikator partisipasi sekolah (rumus BPS)", "School participation indicators (BPS formulas)"),
    "tren.participation_note": (
        "APS = anak yang bersekolah (formal atau nonformal Paket A/B/C) per 100 anak kelompok umur itu; 100 - APS = anak yang tidak bersekolah (angka ATS menurut rumus BPS). Dihitung dari sensus SIPBM. Titik berlian: **{reference}** ({area}, {year}), estimasi survei sampel dari sumber lain, bukan sensus ini; hanya sebagai pembanding.",
        "APS = children attending school (formal or non-formal Paket A/B/C) per 100 children of the age group; 100 - APS = children not attending (BPS's out-of-school rate). Computed from the SIPBM census. Diamonds: **{reference}** ({area}, {year}), sample-survey estimates of another source, not this census; for comparison only.",
    ),
    "tren.participation_gap": (
        "**100 - APS tidak sama dengan angka ATS di peta dan tren.** 100 - APS menghitung semua anak yang tidak bersekolah, termasuk anak 16-18 tahun yang sudah tamat SMA/SMK/MA atau Paket C dan tidak melanjutkan, seperti BPS. Menurut Wajib Belajar 12 Tahun mereka sudah tuntas, jadi bukan ATS: angka ATS (DO, LTM, BPB) tidak menghitung mereka. 100 - APS = ATS per 100 + tamat 12 tahun per 100; selisihnya hanya ada pada umur 16-18.",
        "**100 - APS is not the out-of-school rate of the maps and trends.** 100 - APS counts every child not attending school, as BPS does, including those aged 16-18 who completed SMA/SMK/MA or Paket C and did not continue. Under Wajib Belajar 12 Tahun they have finished, so they are not ATS: the out-of-school rate (DO, LTM, BPB) leaves them out. 100 - APS = out of school per 100 + completed 12 years per 100; the two differ only at ages 16-18.",
    ),
    "tren.participation_empty": (
        "Filter yang dipilih tidak mencakup seorang anak pun untuk indikator partisipasi.",
        "The chosen filters select no child for the participation indicators.",
    ),
    "tren.participation_filters": (
        "Filter jenis kelamin dan disabilitas berlaku; filter umur dan kategori tidak (indikator ini dihitung per kelompok umur atas semua anak).",
        "The sex and disability filters apply; the age and category filters do not (these indicators are computed per age group over all children).",
    ),
    "tren.aps_title": ("Tidak bersekolah (100 - APS) per kelompok umur", "Not attending school (100 - APS) by age group"),
    "tren.reference_label": ("{source} {year} ({area}, survei)", "{source} {year} ({area}, survey)"),
    "col.survey_round": ("Putaran", "Round"),
    "col.age_group": ("Kelompok umur", "Age group"),
    "col.n_sekolah": ("Bersekolah", "In school"),
    "col.n_anak_group": ("Anak kelompok umur itu", "Children of the age group"),
    "col.aps": ("APS", "APS"),
    "col.ats_rate": ("100 - APS (tidak bersekolah)", "100 - APS (not attending)"),
    "col.ats_pct_kategori": ("ATS per 100 (DO, LTM, BPB)", "Out of school per 100 (DO, LTM, BPB)"),
    "col.tamat12_pct": ("Tamat 12 th per 100 (bukan ATS)", "Completed 12 yrs per 100 (not ATS)"),
    "col.d_ats_pct": ("Perubahan (poin)", "Change (points)"),
    "col.d_n_ats": ("Perubahan (anak)", "Change (children)"),
    "col.prev_ats_pct": ("Sebelumnya per 100", "Before, per 100"),
    "col.year": ("Tahun", "Year"),
    "col.target_ats_pct": ("Target per 100", "Target per 100"),
    "col.status": ("Status", "Status"),
    "col.gap_pct": ("Selisih (poin)", "Gap (points)"),
    # handling page (views/penanganan.py)
    "nav.penanganan": ("Penanganan", "Handling"),
    "penanganan.title": ("Penanganan: apakah anak kembali bersekolah?", "Handling: are children coming back to school?"),
    "penanganan.round": (
        "{wilayah}: {who} yang ditemukan pada putaran **{round}**; data penanganan sampai {as_of}.",
        "{wilayah}: {who} found in round **{round}**; handling data up to {as_of}.",
    ),
    "penanganan.empty": (
        "Belum ada data penanganan untuk {wilayah} pada putaran {round}. Pilih putaran lain (lihat tabel per putaran di bawah) atau wilayah lain.",
        "There is no handling data for {wilayah} in round {round}. Choose another round (see the per-round table below) or another area.",
    ),
    "penanganan.nobody": (
        "Filter yang dipilih tidak mencakup seorang anak pun yang ditangani di {wilayah} pada putaran {round}. Longgarkan filter.",
        "The chosen filters select no handled child in {wilayah} in round {round}. Loosen the filters.",
    ),
    "penanganan.no_survey": (
        "Belum ada putaran survei yang mendata {wilayah}; belum ada anak yang ditemukan untuk ditangani.",
        "No survey round has enumerated {wilayah} yet; no child has been found to handle.",
    ),
    "kpi.identified": ("Ditemukan", "Identified"),
    "kpi.confirmed": ("ATS terkonfirmasi", "Confirmed out of school"),
    "kpi.returned": ("Kembali bersekolah", "Back in school"),
    "kpi.returned_help": (
        "{formal} ke sekolah formal, {nonformal} ke Paket A/B/C (PKBM/SKB); {pct} per 100 ATS terkonfirmasi",
        "{formal} to formal school, {nonformal} to Paket A/B/C (PKBM/SKB); {pct} per 100 confirmed",
    ),
    "kpi.median_days": ("Median hari sampai kembali", "Median days to return"),
    "kpi.retention": ("Tetap sekolah (%)", "Retained (%)"),
    "kpi.retention_help": (
        "{retained} dari {base} anak yang kembali dan didata lagi di putaran berikutnya masih bersekolah atau sudah "
        "tamat kelas 12",
        "{retained} of {base} returned children enumerated again in the next round are still in school or have "
        "completed grade 12",
    ),
    "kpi.retention_none": (
        "Belum ada putaran berikutnya untuk mengukur retensi.",
        "There is no next round yet to measure retention.",
    ),
    "penanganan.funnel": ("Alur penanganan", "Handling funnel"),
    "penanganan.funnel_text": ("{n} · {pct}%", "{n} · {pct}%"),
    "step.identifikasi": ("Ditemukan (sensus)", "Identified (census)"),
    "step.verifikasi": ("Diverifikasi", "Verified"),
    "step.terkonfirmasi": ("ATS terkonfirmasi", "Confirmed out of school"),
    "step.asesmen": ("Diasesmen", "Assessed"),
    "step.rujukan": ("Dirujuk", "Referred"),
    "step.intervensi": ("Diintervensi", "Intervened"),
    "step.kembali_sekolah": ("Kembali bersekolah", "Back in school"),
    "penanganan.no_date": (
        "Tahap yang tanggalnya tidak tercatat tetap dihitung bila tahap sesudahnya tercatat (anak yang kembali "
        "bersekolah sudah diverifikasi, diasesmen, dirujuk dan diintervensi): {items}.",
        "A step with no recorded date still counts when a later step is recorded (a child back in school was "
        "verified, assessed, referred and intervened): {items}.",
    ),
    "penanganan.no_date.verifikasi": ("{n} anak tanpa tanggal verifikasi tercatat", "children with no verification date recorded: {n}"),
    "penanganan.no_date.asesmen": ("{n} anak tanpa tanggal asesmen tercatat", "children with no assessment date recorded: {n}"),
    "penanganan.no_date.rujukan": ("{n} anak tanpa tanggal rujukan tercatat", "children with no referral date recorded: {n}"),
    "penanganan.no_date.intervensi": ("{n} anak tanpa tanggal intervensi tercatat", "children with no intervention date recorded: {n}"),
    "penanganan.after_bukan_ats": (
        "{n} anak yang diverifikasi bukan ATS punya tahap penanganan sesudahnya: verifikasi itu yang berlaku, jadi "
        "tahap tersebut tidak dihitung.",
        "Children verified not out of school with later handling steps recorded: {n}. The verification stands, so "
        "those steps are not counted.",
    ),
    "penanganan.retention_base": (
        "Tetap sekolah: dasar hitungnya adalah anak yang kembali bersekolah dan ditemukan lagi lewat hash NIK-nya "
        "di putaran berikutnya kab/kotanya; dari mereka, yang masih bersekolah (formal atau nonformal) per 100. "
        "Anak yang sudah lewat usia sensus anak (di atas 18), pindah ke luar wilayah data, atau tanpa NIK tidak "
        "masuk dasar hitung.",
        "Retained: the base is the children back in school found again by their NIK's hash in the next round of "
        "their kab/kota; of them, those still in school (formal or non-formal) per 100. Children who aged out of "
        "the child census (over 18), moved out of the area in the data, or have no NIK leave the base.",
    ),
    "col.step": ("Tahap", "Step"),
    "col.n": ("Anak", "Children"),
    "col.pct_prev": ("Per 100 tahap sebelumnya", "Per 100 of the step before"),
    "col.pct_identified": ("Per 100 ditemukan", "Per 100 identified"),
    "penanganan.in_progress": (
        "Penanganan putaran {round} masih berjalan: banyak anak belum sampai tahap akhir, jadi angka kembali bersekolah masih akan naik. Pilih putaran {prev} di filter untuk melihat penanganan yang sudah lengkap.",
        "Handling of round {round} is still in progress: many children have not reached the last steps yet, so returns will still rise. Choose round {prev} in the filters to see completed handling.",
    ),
    "penanganan.show_round": ("Lihat putaran {round}", "Show round {round}"),
    "penanganan.outcomes": ("Bukan ATS dan hasil intervensi", "Not out of school, and intervention results"),
    "penanganan.bukan_ats": ("Ternyata bukan ATS (per 100 diverifikasi)", "Not actually out of school (per 100 verified)"),
    "penanganan.hasil": ("Hasil intervensi (per 100 diintervensi)", "Intervention results (per 100 intervened)"),
    "outcome.pindah": ("Pindah", "Moved"),
    "outcome.lewat_usia": ("Lewat usia", "Over age"),
    "outcome.duplikat": ("Data ganda", "Duplicate"),
    "outcome.masih_sekolah": ("Masih bersekolah", "Still in school"),
    "outcome.meninggal": ("Meninggal", "Deceased"),
    "outcome.kembali_formal": ("Kembali ke sekolah formal", "Back to formal school"),
    "outcome.kembali_nonformal": ("Kembali ke Paket A/B/C (PKBM/SKB)", "Back via Paket A/B/C (PKBM/SKB)"),
    "outcome.dalam_proses": ("Dalam proses", "In process"),
    "outcome.menolak": ("Menolak", "Refused"),
    "outcome.tidak_memungkinkan": ("Tidak memungkinkan kembali", "Not returnable"),
    "outcome.belum_ada_hasil": ("Belum ada hasil", "No result yet"),
    "penanganan.pathways": ("Jalur intervensi", "Intervention pathways"),
    "penanganan.pathways_title": ("Anak diintervensi dan yang kembali, per jenis", "Children intervened and returned, by type"),
    "intervensi.formal": ("Kembali ke sekolah formal", "Back to formal school"),
    "intervensi.paket_a": ("Paket A (setara SD)", "Paket A (primary equivalent)"),
    "intervensi.paket_b": ("Paket B (setara SMP)", "Paket B (junior secondary equivalent)"),
    "intervensi.paket_c": ("Paket C (setara SMA)", "Paket C (senior secondary equivalent)"),
    "intervensi.lkp": ("Kursus LKP", "LKP vocational course"),
    "intervensi.beasiswa": ("Beasiswa PIP/KIP", "PIP/KIP scholarship"),
    "intervensi.bansos": ("Bantuan sosial", "Social assistance"),
    "intervensi.konseling": ("Konseling", "Counselling"),
    "intervensi.dokumen": ("Pengurusan dokumen", "Documents (birth certificate etc.)"),
    "intervensi.tidak_diketahui": ("Jenis tidak tercatat", "Type not recorded"),
    "series.intervened": ("Diintervensi", "Intervened"),
    "series.returned": ("Kembali bersekolah", "Back in school"),
    "series.returned_formal": ("Kembali formal", "Back to formal"),
    "series.returned_nonformal": ("Kembali nonformal", "Back to non-formal"),
    "series.return_pct": ("Kembali per 100 terkonfirmasi", "Returned per 100 confirmed"),
    "col.jenis_intervensi": ("Jenis intervensi", "Intervention"),
    "col.n_intervened": ("Diintervensi", "Intervened"),
    "col.n_returned": ("Kembali", "Returned"),
    "col.return_pct": ("Kembali per 100", "Returned per 100"),
    "col.median_days_to_return": ("Median hari", "Median days"),
    "penanganan.per_round": ("Per putaran", "Per round"),
    "penanganan.per_round_title": ("Anak yang kembali bersekolah, menurut putaran ditemukan", "Children back in school, by round found"),
    "col.n_identified": ("Ditemukan", "Identified"),
    "col.n_confirmed": ("Terkonfirmasi", "Confirmed"),
    "col.n_open": ("Kasus terbuka", "Open cases"),
    "col.retention_pct": ("Bertahan per 100", "Retained per 100"),
    "penanganan.reasons": ("Alasan tidak bersekolah", "Reasons for being out of school"),
    "penanganan.reason_heatmap": ("ATS terkonfirmasi menurut alasan dan kategori", "Confirmed out-of-school children by reason and category"),
    "penanganan.reason_wilayah": ("Alasan menurut {level} (per 100 ATS terkonfirmasi)", "Reasons by {level} (per 100 confirmed)"),
    "penanganan.least_resolved": ("Alasan yang paling jarang teratasi", "Reasons least often resolved"),
    "penanganan.least_resolved_note": (
        "Teratasi = kembali bersekolah, per 100 ATS terkonfirmasi dengan alasan itu (alasan dengan sedikitnya {d} anak "
        "dan angka yang tidak disembunyikan).",
        "Resolved = back in school, per 100 confirmed children giving that reason (reasons with at least {d} children "
        "and numbers that are not withheld).",
    ),
    "penanganan.least_resolved_none": (
        "Belum ada alasan dengan sedikitnya {d} ATS terkonfirmasi; terlalu sedikit anak untuk membandingkan alasan.",
        "No reason yet with at least {d} confirmed children; too few children to compare reasons.",
    ),
    "penanganan.no_pathways": (
        "Belum ada anak yang diintervensi pada pilihan ini.",
        "No child has had an intervention in this selection yet.",
    ),
    "penanganan.no_reasons": ("Belum ada ATS terkonfirmasi dengan alasan tercatat.", "No confirmed child with a recorded reason yet."),
    "col.alasan": ("Alasan", "Reason"),
    "col.kategori_ats": ("Kategori", "Category"),
    "alasan.biaya": ("Tidak ada biaya", "Cannot afford it"),
    "alasan.malu_ekonomi": ("Malu karena ekonomi", "Ashamed of family finances"),
    "alasan.bekerja_upah": ("Bekerja (berupah)", "Working (paid)"),
    "alasan.bekerja_tanpa_upah": ("Bekerja (tanpa upah)", "Working (unpaid)"),
    "alasan.menikah": ("Menikah / mengurus rumah tangga", "Married / housework"),
    "alasan.jarak": ("Sekolah jauh", "School too far"),
    "alasan.tidak_diterima": ("Tidak diterima", "Not admitted"),
    "alasan.disabilitas": ("Disabilitas", "Disability"),
    "alasan.perundungan": ("Perundungan", "Bullying"),
    "alasan.lingkungan": ("Pengaruh lingkungan", "Surroundings"),
    "alasan.teman": ("Pengaruh teman", "Peers"),
    "alasan.merasa_cukup": ("Merasa pendidikan cukup", "Feels schooling is enough"),
    "alasan.lainnya": ("Lainnya", "Other"),
    "alasan.tidak_diketahui": ("Tidak tercatat", "Not recorded"),
    "kategori.tidak_diketahui": ("Tidak tercatat", "Not recorded"),
    "penanganan.worklist_pick_kab": (
        "Pilih kabupaten/kota di samping untuk melihat daftar kerja desa/kelurahannya.",
        "Choose a kab/kota in the sidebar to see the worklist of its desa/kelurahan.",
    ),
    "penanganan.worklist": ("Daftar kerja rapat: desa/kelurahan dengan kasus terbuka terbanyak", "Worklist for the meeting: desa/kelurahan with the most open cases"),
    "penanganan.worklist_note": (
        "Hanya jumlah, tanpa nama. Kasus terbuka = belum dinyatakan bukan ATS dan belum ada hasil akhir (kembali, menolak, tidak memungkinkan). Lama terbuka dihitung sampai {as_of}.",
        "Counts only, no names. Open case = not found 'not out of school' and with no final result (returned, refused, not returnable). Days open are counted to {as_of}.",
    ),
    "penanganan.no_open": ("Tidak ada kasus terbuka untuk {wilayah} pada putaran {round}.", "No open case in {wilayah} in round {round}."),
    "col.nama_kec": ("Kecamatan", "District"),
    "col.n_open_unverified": ("Belum diverifikasi", "Not yet verified"),
    "col.n_open_intervened": ("Sedang diintervensi", "Intervention under way"),
    "col.oldest_open_date": ("Kasus terbuka tertua sejak", "Oldest open case since"),
    "col.days_open": ("Hari terbuka", "Days open"),
    # KLA cluster IV page (views/kla.py, ui/kla.py)
    "nav.kla": ("KLA Klaster IV", "KLA cluster IV"),
    "kla.title": ("KLA Klaster IV", "KLA cluster IV"),
    "kla.intro": (
        "Klaster IV: pendidikan, pemanfaatan waktu luang dan kegiatan budaya. Posisi kab/kota pada klaster IV Kabupaten/Kota Layak Anak: nilai tiap indikator terhadap target, tren, sumber dan bukti. "
        "Indikator sensus dihitung dari SIPBM; indikator administratif diisi pengguna dengan bukti. Predikat resmi berasal dari KemenPPPA.",
        "Cluster IV: education, use of leisure time and cultural activities. Where a kab/kota stands on cluster IV of Child-Friendly Districts/Cities (KLA): each indicator against its target, with trend, "
        "source and evidence. Census indicators are computed from SIPBM; administrative ones are entered by users with evidence. "
        "Official tiers come from KemenPPPA.",
    ),
    "kla.framework": ("Kerangka indikator", "Indicator framework"),
    "kla.tahun": ("Tahun", "Year"),
    "kla.indikator": ("Indikator (perbandingan dan definisi)", "Indicator (comparison and definition)"),
    "kla.filters_note": (
        "Filter yang berlaku: provinsi, kab/kota, dan putaran survei sebagai tahun awal. Jenis kelamin, umur, kategori ATS, "
        "disabilitas dan kecamatan tidak berlaku untuk indikator KLA (dinilai per kab/kota).",
        "Filters that apply: province, kab/kota, and the survey round as the starting year. Sex, age, out-of-school category, "
        "disability and kecamatan do not apply to KLA indicators (assessed per kab/kota).",
    ),
    "kla.no_data": (
        "Belum ada nilai indikator KLA atau hasil evaluasi untuk wilayah ini.",
        "No KLA indicator values or evaluation results for this area yet.",
    ),
    "kla.choose_kab": (
        "Pilih kabupaten/kota di panel kiri untuk melihat kartu skor dan mengisi nilai.",
        "Choose a regency/city in the side panel to see its scorecard and enter values.",
    ),
    "kla.scorecard": ("Kartu skor klaster IV · {wilayah} · {tahun}", "Cluster IV scorecard · {wilayah} · {tahun}"),
    "kla.tier": ("Predikat KLA", "KLA tier"),
    "kla.skor": ("Skor", "Score"),
    "kla.tier.missing": ("Belum ada hasil evaluasi KLA untuk tahun ini.", "No KLA evaluation result for this year."),
    "kla.tier.published": ("hasil resmi yang dipublikasikan", "published official result"),
    "kla.tier.demo": ("data demo (sintetis)", "demo data (synthetic)"),
    "kla.tier.history_empty": (
        "Riwayat predikat: belum ada hasil evaluasi KLA yang tercatat untuk {wilayah}, tahun mana pun.",
        "Tier history: no KLA evaluation result is recorded for {wilayah}, in any year.",
    ),
    "kla.tier.none": ("Belum berpredikat", "No tier"),
    "kla.tier.no_score": ("tidak dipublikasikan", "not published"),
    "kla.status.hijau": ("Tercapai", "On target"),
    "kla.status.kuning": ("Mendekati", "Close"),
    "kla.status.merah": ("Jauh dari target", "Far from target"),
    "kla.status.none": ("Belum ada nilai", "No value"),
    "kla.cara.sensus": ("Dihitung dari sensus SIPBM", "Computed from the SIPBM census"),
    "kla.cara.input": ("Diisi pengguna (data administratif)", "Entered by users (administrative data)"),
    "kla.cara_short.sensus": ("Sensus SIPBM", "SIPBM census"),
    "kla.cara_short.input": ("Input pengguna", "Entered"),
    "kla.coverage": ("cakupan sensus {pct}% desa/kelurahan", "census coverage {pct}% of desa/kelurahan"),
    "kla.col.kode": ("Kode", "Code"),
    "kla.col.indikator": ("Indikator", "Indicator"),
    "kla.col.nilai": ("Nilai", "Value"),
    "kla.col.target": ("Target", "Target"),
    "kla.col.status": ("Status", "Status"),
    "kla.col.perubahan": ("Perubahan", "Change"),
    "kla.col.tren": ("Tren", "Trend"),
    "kla.col.tren_help": (
        "Nilai per tahun yang tersedia: putaran sensus untuk indikator sensus, tahun isian untuk indikator administratif.",
        "Values of the years available: census rounds for census indicators, entry years for administrative ones.",
    ),
    "kla.col.keterangan": ("Sumber dan bukti", "Source and evidence"),
    "kla.col.satuan": ("Satuan", "Unit"),
    "kla.col.polaritas": ("Arah", "Polarity"),
    "kla.col.tahun_sebelumnya": ("Tahun sebelumnya", "Previous year"),
    "kla.col.nilai_sebelumnya": ("Nilai sebelumnya", "Previous value"),
    "kla.col.sumber": ("Cara memperoleh", "How obtained"),
    "kla.col.sumber_data": ("Sumber data", "Data source"),
    "kla.col.coverage_pct": ("Cakupan sensus (per 100 desa/kel.)", "Census coverage (per 100 desa/kel.)"),
    "kla.col.pembilang": ("Pembilang", "Numerator"),
    "kla.col.penyebut": ("Penyebut", "Denominator"),
    "kla.col.bukti": ("Bukti", "Evidence"),
    "kla.col.operator": ("Diisi oleh", "Entered by"),
    "kla.col.diubah_pada": ("Diubah pada", "Changed on"),
    "kla.col.is_demo": ("Data demo", "Demo data"),
    "kla.tier.history_title": ("Predikat KLA per tahun", "KLA tier per year"),
    "kla.compare": ("Perbandingan kab/kota di provinsi · {tahun}", "Comparison of kab/kota in the province · {tahun}"),
    "kla.compare.empty": ("Belum ada nilai {kode} pada {tahun} di provinsi ini.", "No value of {kode} in {tahun} in this province."),
    "kla.compare.note.gabungan": (
        "Garis hitam: nilai provinsi {value}, gabungan pembilang dan penyebut dari {n} kab/kota yang punya nilai (dari {total} kab/kota). Garis hijau putus-putus: target.",
        "Black line: province value {value}, pooled numerators and denominators of the {n} kab/kota with a value (of {total}). Dashed green line: target.",
    ),
    "kla.compare.note.rata_rata": (
        "Garis hitam: nilai provinsi {value}, rata-rata {n} kab/kota yang punya nilai (dari {total} kab/kota). Garis hijau putus-putus: target.",
        "Black line: province value {value}, mean of the {n} kab/kota with a value (of {total}). Dashed green line: target.",
    ),
    "kla.compare.note.jumlah": (
        "Jumlah provinsi {value} dari {n} kab/kota yang punya nilai (dari {total} kab/kota; tidak digambar: sebuah "
        "jumlah, bukan nilai satu kab/kota). Garis hijau putus-putus: target.",
        "Province total {value} over the {n} kab/kota with a value (of {total}; not drawn: a total, not one kab/kota's "
        "value). Dashed green line: target.",
    ),
    "kla.provinsi": ("Provinsi", "Province"),
    "kla.satuan.persen": ("persen", "percent"),
    "kla.satuan.jumlah": ("jumlah", "count"),
    "kla.polaritas.naik": ("makin tinggi makin baik", "higher is better"),
    "kla.polaritas.turun": ("makin rendah makin baik", "lower is better"),
    "kla.bands.naik": ("hijau mulai {hijau}, kuning mulai {kuning}, merah di bawahnya", "green from {hijau}, yellow from {kuning}, red below"),
    "kla.bands.turun": ("hijau sampai {hijau}, kuning sampai {kuning}, merah di atasnya", "green up to {hijau}, yellow up to {kuning}, red above"),
    "kla.def.framework": ("Kerangka", "Framework"),
    "kla.def.satuan": ("Satuan", "Unit"),
    "kla.def.polaritas": ("Arah", "Polarity"),
    "kla.def.pembilang": ("Pembilang", "Numerator"),
    "kla.def.penyebut": ("Penyebut", "Denominator"),
    "kla.def.target": ("Target", "Target"),
    "kla.def.cara": ("Cara memperoleh", "How obtained"),
    "kla.def.referensi": ("Rujukan", "Reference"),
    "kla.input.title": ("Isi nilai, impor dan jejak audit", "Enter values, import and audit trail"),
    "kla.audit_note": (
        "Nama akun yang masuk dicatat di jejak audit bersama waktu, nilai lama, nilai baru dan bukti.",
        "The name of the logged-in account is recorded in the audit trail, with the time, old value, new value and evidence.",
    ),
    # accounts, login and access (ui/login.py, data/accounts.py)
    "nav.audit": ("Audit", "Audit"),
    "nav.masuk": ("Masuk", "Log in"),
    "role.admin": ("admin", "admin"),
    "role.operator": ("operator", "operator"),
    "role.analyst": ("analis", "analyst"),
    "role.viewer": ("pemirsa", "viewer"),
    "scope.national": ("seluruh Indonesia", "all of Indonesia"),
    "login.title": ("Masuk", "Log in"),
    "login.required": (
        "Dasbor ini hanya untuk akun terdaftar: masuk dengan nama akun dan kata sandi Anda.",
        "This dashboard is for registered accounts only: log in with your account name and password.",
    ),
    "login.name": ("Nama akun", "Account name"),
    "login.password": ("Kata sandi", "Password"),
    "login.submit": ("Masuk", "Log in"),
    "login.sso": ("Masuk dengan akun organisasi (SSO)", "Log in with your organisation's account (SSO)"),
    "login.logout": ("Keluar", "Log out"),
    "login.as": ("Masuk sebagai **{name}** · {role} · {scope}", "Logged in as **{name}** · {role} · {scope}"),
    "login.anonymous": (
        "Anda belum masuk: dasbor menampilkan angka yang dilindungi (pemirsa).",
        "You are not logged in: the dashboard shows protected numbers (viewer).",
    ),
    "login.wrong_password": ("Nama akun atau kata sandi salah.", "Wrong account name or password."),
    "login.disabled": (
        "Akun ini dinonaktifkan. Hubungi admin dasbor.",
        "This account is disabled. Contact the dashboard's admin.",
    ),
    "login.locked_account": (
        "Terlalu banyak kata sandi salah untuk akun ini: masuk dari peramban dikunci ±{minutes} menit lagi. Admin dapat "
        "membukanya dari baris perintah (`python -m data user enable NAMA`).",
        "Too many wrong passwords for this account: browser logins are locked for about {minutes} more minutes. An "
        "admin can unlock it from the command line (`python -m data user enable NAME`).",
    ),
    "login.locked_client": (
        "Terlalu banyak kata sandi salah dari alamat ini: coba lagi dalam ±{minutes} menit.",
        "Too many wrong passwords from this address: try again in about {minutes} minutes.",
    ),
    "login.expired": (
        "Sesi Anda berakhir karena lama tidak aktif: masuk lagi.",
        "Your session ended after a long idle time: log in again.",
    ),
    "login.ended": (
        "Sesi Anda berakhir: akun ini dinonaktifkan atau dihapus.",
        "Your session ended: this account was disabled or removed.",
    ),
    "login.no_accounts": (
        "Belum ada akun. Buat admin pertama di server dari baris perintah: `python -m data user add admin --role admin`.",
        "There is no account yet. Create the first admin on the server from the command line: "
        "`python -m data user add admin --role admin`.",
    ),
    "login.sso_no_account": (
        "Tidak ada akun aktif untuk {email}. Minta admin membuatnya: `python -m data user add {email} --role viewer "
        "--scope '*' --sso-only`.",
        "No active account for {email}. Ask an admin to create one: `python -m data user add {email} --role viewer "
        "--scope '*' --sso-only`.",
    ),
    "login.bad_setting": ("Pengaturan server tidak valid: {error}", "Invalid server setting: {error}"),
    "access.first_admin": (
        "Belum ada akun, jadi dasbor ini hanya-baca untuk semua orang: tidak ada yang dapat mengimpor atau mengubah data "
        "dari peramban. Buat admin pertama di server dari baris perintah: `python -m data user add admin --role admin` "
        "(kata sandi ditanya dua kali), lalu masuk lewat halaman Masuk. Akun petugas: `python -m data user add NAMA "
        "--role operator --scope 73.05`.",
        "There is no account yet, so this dashboard is read-only for everyone: nobody can import or change data from a "
        "browser. Create the first admin on the server from the command line: `python -m data user add admin --role "
        "admin` (the password is asked twice), then log in on the Log in page. A data officer's account: `python -m "
        "data user add NAME --role operator --scope 73.05`.",
    ),
    "access.login_needed": (
        "Halaman ini untuk peran {roles}: masuk dengan akun yang berhak.",
        "This page is for the roles {roles}: log in with an account that has one.",
    ),
    "access.denied_role": (
        "Akun {name} ({role}) tidak berhak membuka halaman ini; halaman ini untuk peran {roles}. Percobaan ini dicatat.",
        "The account {name} ({role}) may not open this page; it is for the roles {roles}. This attempt is recorded.",
    ),
    "access.write_needs_role": (
        "Mengisi dan mengimpor nilai memerlukan akun dengan peran {roles}: masuk lewat halaman Masuk.",
        "Entering and importing values needs an account with the role {roles}: log in on the Log in page.",
    ),
    "access.denied_write": (
        "Tidak disimpan: perubahan ini memerlukan akun dengan peran {roles}. Percobaan ini dicatat.",
        "Not saved: this change needs an account with the role {roles}. This attempt is recorded.",
    ),
    "access.out_of_scope": (
        "{kode} berada di luar wilayah akun Anda ({scope}): tidak dapat diubah dari akun ini.",
        "{kode} lies outside your account's wilayah ({scope}): it cannot be changed from this account.",
    ),
    "access.needs_kab": (
        "Isi kode kab/kota impor ini (di dalam wilayah akun Anda, {scope}).",
        "Enter the kab/kota code of this import (within your account's wilayah, {scope}).",
    ),
    "access.national_only": (
        "Tidak dijalankan: ini dapat mengubah wilayah mana pun, jadi hanya untuk akun seluruh Indonesia (wilayah akun "
        "Anda: {scope}).",
        "Not run: this may change any wilayah, so it is for accounts of all of Indonesia only (your account's "
        "wilayah: {scope}).",
    ),
    "access.legacy": (
        "{names} masih diatur di server tetapi tidak dipakai lagi: dasbor kini memakai akun dengan peran. Buat admin "
        "dengan `python -m data user add admin --role admin`, lalu hapus pengaturan itu (README, Accounts and roles).",
        "{names} is still set on the server but no longer used: the dashboard has accounts with roles now. Create an "
        "admin with `python -m data user add admin --role admin`, then unset it (README, Accounts and roles).",
    ),
    "audit.title": ("Audit", "Audit"),
    "audit.intro": (
        "Jejak masuk, keluar, impor, isian KLA, perubahan akun, ekspor dan akses yang ditolak, terbaru di atas "
        "(berkas {path}).",
        "Logins, logouts, imports, KLA entries, account changes, exports and refused access, newest first "
        "(file {path}).",
    ),
    "audit.actions": ("Tindakan", "Actions"),
    "audit.outcomes": ("Hasil", "Outcomes"),
    "audit.actor": ("Akun (sebagian nama)", "Account (part of the name)"),
    "audit.empty": ("Tidak ada catatan untuk pilihan ini.", "No records for this choice."),
    "audit.limited": ("Hanya {n} catatan terbaru yang ditampilkan: persempit pilihan.",
                      "Only the newest {n} records are shown: narrow the choice."),
    "audit.anonymous": ("(tanpa masuk)", "(not logged in)"),
    "audit.action.login": ("masuk", "login"),
    "audit.action.logout": ("keluar", "logout"),
    "audit.action.import": ("impor survei", "survey import"),
    "audit.action.boundary_import": ("impor batas", "boundary import"),
    "audit.action.kla_entry": ("isian KLA", "KLA entry"),
    "audit.action.account": ("perubahan akun", "account change"),
    "audit.action.export": ("ekspor", "export"),
    "audit.action.denied": ("akses ditolak", "access refused"),
    "audit.outcome.ok": ("berhasil", "ok"),
    "audit.outcome.failure": ("gagal", "failure"),
    "audit.outcome.refused": ("ditolak", "refused"),
    "audit.outcome.denied": ("tidak berhak", "denied"),
    "audit.col.at": ("Waktu", "Time"),
    "audit.col.actor": ("Akun", "Account"),
    "audit.col.role": ("Peran", "Role"),
    "audit.col.action": ("Tindakan", "Action"),
    "audit.col.outcome": ("Hasil", "Outcome"),
    "audit.col.reason": ("Alasan", "Reason"),
    "audit.col.view": ("Halaman", "Page"),
    "audit.col.params": ("Parameter", "Parameters"),
    "audit.col.client": ("Klien", "Client"),
    "audit.col.channel": ("Saluran", "Channel"),
    "kla.input.value": ("Isi atau ubah satu nilai", "Enter or change one value"),
    "kla.input.import": ("Impor nilai dari CSV/XLSX", "Import values from CSV/XLSX"),
    "kla.input.eval": ("Isi hasil evaluasi KLA (skor dan predikat)", "Enter a KLA evaluation result (score and tier)"),
    "kla.form.indikator": ("Indikator (data administratif)", "Indicator (administrative data)"),
    "kla.form.nilai": ("Nilai", "Value"),
    "kla.form.nilai_help": (
        "Persen 0-100 atau jumlah bulat. Boleh kosong bila pembilang dan penyebut diisi (persen dihitung).",
        "Percent 0-100 or a whole count. May be empty when numerator and denominator are given (the percent is computed).",
    ),
    "kla.form.pembilang": ("Pembilang (opsional)", "Numerator (optional)"),
    "kla.form.penyebut": ("Penyebut (opsional)", "Denominator (optional)"),
    "kla.form.bukti": ("Bukti (catatan atau tautan, wajib)", "Evidence (note or link, required)"),
    "kla.form.bukti_help": ("Misalnya nomor SK, dokumen atau tautan unggahan.", "E.g. a decree number, a document or an upload link."),
    "kla.form.save": ("Simpan", "Save"),
    "kla.form.saving": ("Menyimpan: memeriksa dan membangun ulang data…", "Saving: checking and rebuilding the data…"),
    "kla.form.saved": ("Tersimpan: {kode} tahun {tahun}, dari {lama} menjadi {baru}.", "Saved: {kode} for {tahun}, from {lama} to {baru}."),
    "kla.import.file": ("Berkas CSV atau XLSX", "CSV or XLSX file"),
    "kla.import.help": (
        "Kolom: kode_kab, tahun, kode, nilai, bukti; opsional pembilang, penyebut. Semua baris diperiksa; satu baris salah membatalkan impor.",
        "Columns: kode_kab, tahun, kode, nilai, bukti; optionally pembilang, penyebut. Every row is checked; one bad row refuses the import.",
    ),
    "kla.import.run": ("Impor", "Import"),
    "kla.import.none": ("Pilih berkas dulu.", "Choose a file first."),
    "kla.import.done": ("Impor {file}: {values} nilai, {changed} berubah.", "Imported {file}: {values} values, {changed} changed."),
    "kla.eval.skor_help": ("Skor 0-1000; predikat mengikuti pita skor bila dikosongkan.", "Score 0-1000; the tier follows the score band when left empty."),
    "kla.eval.from_score": ("(dari skor)", "(from the score)"),
    "kla.eval.sumber": ("Sumber (SK, tautan berita atau catatan, wajib)", "Source (decree, news link or note, required)"),
    "kla.eval.saved": ("Tersimpan: hasil KLA {tahun}: {tier} (skor {skor}).", "Saved: KLA result {tahun}: {tier} (score {skor})."),
    "kla.audit.title": ("Jejak audit", "Audit trail"),
    "kla.audit.empty": ("Belum ada perubahan tercatat.", "No changes recorded yet."),
    "kla.audit.diubah_pada": ("Waktu", "When"),
    "kla.audit.operator": ("Operator", "Operator"),
    "kla.audit.aksi": ("Aksi", "Action"),
    "kla.audit.tahun": ("Tahun", "Year"),
    "kla.audit.kode": ("Indikator", "Indicator"),
    "kla.audit.nilai_lama": ("Nilai lama", "Old value"),
    "kla.audit.nilai_baru": ("Nilai baru", "New value"),
    "kla.audit.bukti": ("Bukti", "Evidence"),
    "kla.audit.berkas": ("Berkas", "File"),
    "kla.err.row": ("Baris {row}: {error}", "Row {row}: {error}"),
    "kla.err.build": ("Tidak disimpan; data tidak berubah. {error}", "Not saved; the data was not changed. {error}"),
    "kla.err.missing": ("{field} wajib diisi.", "{field} is required."),
    "kla.err.bad_number": ("{field} harus berupa angka, bukan '{value}'.", "{field} must be a number, not '{value}'."),
    "kla.err.future_year": ("Tahun {tahun} belum terjadi (paling akhir {max}).", "Year {tahun} is in the future (latest {max})."),
    "kla.err.old_year": ("Tahun {tahun} sebelum {min}.", "Year {tahun} is before {min}."),
    "kla.err.unknown_indicator": ("Indikator {kode} tidak ada di registri.", "Indicator {kode} is not in the registry."),
    "kla.err.computed_indicator": (
        "Indikator {kode} dihitung dari sensus dan tidak dapat diisi.", "Indicator {kode} is computed from the census and cannot be entered.",
    ),
    "kla.err.out_of_scope": (
        "{kode_kab} berada di luar wilayah akun Anda: berkas tidak diimpor.",
        "{kode_kab} lies outside your account's wilayah: the file was not imported.",
    ),
    "kla.err.unknown_kab": ("'{kode_kab}' bukan kode kab/kota yang dikenal (contoh 73.73).", "'{kode_kab}' is not a known kab/kota code (e.g. 73.73)."),
    "kla.err.negative": ("{field} tidak boleh negatif ({value}).", "{field} cannot be negative ({value})."),
    "kla.err.fraction": ("Pembilang {pembilang} lebih besar dari penyebut {penyebut}.", "Numerator {pembilang} is above denominator {penyebut}."),
    "kla.err.zero_denominator": ("Penyebut tidak boleh 0.", "The denominator cannot be 0."),
    "kla.err.mismatch": (
        "Nilai {nilai} tidak sama dengan pembilang/penyebut = {computed}.", "Value {nilai} differs from numerator/denominator = {computed}.",
    ),
    "kla.err.pct_range": ("Persentase harus antara 0 dan 100, bukan {value}.", "A percentage must be between 0 and 100, not {value}."),
    "kla.err.not_whole": ("Jumlah harus bilangan bulat, bukan {value}.", "A count must be a whole number, not {value}."),
    "kla.err.no_evidence": ("Bukti (catatan atau tautan) wajib diisi.", "Evidence (a note or a link) is required."),
    "kla.err.no_operator": ("Ketik nama operator (siapa yang mengisi).", "Type the operator's name (who enters the value)."),
    "kla.err.bad_file": ("Berkas tidak dapat dibaca: {error}", "The file could not be read: {error}"),
    "kla.err.missing_columns": ("Berkas tidak memiliki kolom {columns}.", "The file lacks the columns {columns}."),
    "kla.err.bad_score": ("Skor KLA antara 0 dan 1000, bukan {skor}.", "A KLA score is between 0 and 1000, not {skor}."),
    "kla.err.bad_tier": ("Predikat {tier} tidak dikenal.", "Tier {tier} is unknown."),
    "kla.err.tier_mismatch": ("Skor {skor} berpredikat {expected}, bukan {tier}.", "A score of {skor} is {expected}, not {tier}."),
    "kla.err.no_result": ("Isi skor, predikat, atau keduanya.", "Give a score, a tier or both."),
    "kla.err.no_source": ("Sumber (SK, tautan atau catatan) wajib diisi.", "The source (decree, link or note) is required."),
    # Impor data page
    "nav.impor": ("Impor data", "Import data"),
    "impor.title": ("Impor data", "Import data"),
    "impor.intro": (
        "Muat hasil sensus SIPBM kab/kota Anda dan berkas batas wilayah resmi. Setiap impor diperiksa dulu; "
        "impor yang gagal tidak mengubah data yang sudah tersimpan.",
        "Load your kab/kota's SIPBM census export and official boundary files. Every import is checked first; "
        "a failed import leaves the stored data exactly as it was.",
    ),
    "impor.survey_title": ("Data survei SIPBM", "SIPBM survey data"),
    "impor.survey_help": (
        "CSV (koma, titik koma atau tab), XLSX atau Parquet dalam format kanonik (lihat “Format berkas survei” di bawah), "
        "atau format lain dengan berkas pemetaan kolom (TOML/YAML). Berkas di atas {mb} MB (batas unggah server ini) "
        "tidak dapat diunggah di sini: minta administrator atau pengelola server memuatnya untuk Anda.",
        "CSV (comma, semicolon or tab), XLSX or Parquet in the canonical format (see “Survey file format” below), "
        "or another layout with a column mapping file (TOML/YAML). Files over {mb} MB (this server's upload limit) "
        "cannot be uploaded here: ask the administrator or the server's operator to load it for you.",
    ),
    "impor.survey_file": ("Berkas survei", "Survey file"),
    "impor.mapping_file": ("Berkas pemetaan kolom (opsional)", "Column mapping file (optional)"),
    "impor.round": ("Putaran survei (tahun)", "Survey round (year)"),
    "impor.round_help": ("Kosongkan bila berkas memuat kolom putaran.", "Leave empty when the file has a round column."),
    "impor.kab": ("Kab/kota (opsional)", "Kab/kota (optional)"),
    "impor.missing.umur": ("umur atau tanggal_lahir", "umur or tanggal_lahir"),
    "impor.missing.survey_round": ("survey_round (atau isi Putaran survei di atas)",
                                   "survey_round (or fill in Survey round above)"),
    "impor.your_column": ("Nama kolom Anda", "Your column name"),
    "impor.kab_help": (
        "Kode kab/kota berkas ini, mis. 73.73; beberapa dipisah koma (73.73,73.05). Kosongkan: kab/kota dengan "
        "baris terbanyak. Baris kab/kota lain ditolak.",
        "Kab/kota code of this file, e.g. 73.73; several separated by commas (73.73,73.05). Empty: the kab/kota "
        "with most rows. Rows of other kab/kota are rejected.",
    ),
    "impor.reference_date": ("Tanggal referensi (opsional)", "Reference date (optional)"),
    "impor.reference_date_help": (
        "Tanggal umur anak dihitung. Kosongkan: kolom reference_date berkas, putaran yang tersimpan, atau 15 Juli.",
        "The date ages are computed at. Empty: the file's reference_date column, the stored round, or 15 July.",
    ),
    "impor.sheet": ("Lembar (sheet)", "Sheet"),
    "impor.preview_title": ("Pratinjau", "Preview"),
    "impor.detected": (
        "Format {format}, pengodean {encoding}, pemisah {delimiter}, {n} kolom, judul kolom di baris {header}.",
        "Format {format}, encoding {encoding}, delimiter {delimiter}, {n} columns, header on row {header}.",
    ),
    "impor.col_source": ("Kolom di berkas", "Column in the file"),
    "impor.col_canonical": ("Dibaca sebagai", "Read as"),
    "impor.ignored": ("Kolom yang tidak dipakai: {columns}", "Columns not used: {columns}"),
    "impor.unmatched_mapping": (
        "Entri [columns] berkas pemetaan yang tidak cocok dengan kolom mana pun di berkas (huruf besar/kecil, spasi "
        "dan tanda baca diabaikan): {columns}. Periksa ejaan judul kolomnya, atau apakah pemetaan ini untuk ekspor lain.",
        "Mapping [columns] entries that match no column of the file (case, spaces and punctuation ignored): "
        "{columns}. Check the spelling of the headers, or whether the mapping is for another export.",
    ),
    "impor.missing": (
        "Kolom wajib tidak ditemukan: {columns}. Ganti nama kolomnya atau tambahkan entri ini ke berkas pemetaan:",
        "Required columns not found: {columns}. Rename them or add these entries to a mapping file:",
    ),
    "impor.demo_store": (
        "Basis data saat ini berisi data demo (sintetis). Data nyata tidak dicampur dengan data demo: "
        "impor akan mengganti data demo (batas wilayah tetap disimpan).",
        "The store holds demo (synthetic) data. Real data is not mixed with demo data: the import replaces "
        "the demo data (boundaries are kept).",
    ),
    "impor.replace_demo": ("Ganti data demo dengan data ini", "Replace the demo data with this data"),
    "impor.dry_run": ("Periksa saja (tanpa menyimpan)", "Check only (store nothing)"),
    "impor.apply": ("Impor sekarang", "Import now"),
    "impor.running": ("Sedang memproses…", "Working…"),
    "impor.running_stage": ("Sedang memproses: {stage}…", "Working: {stage}…"),
    "impor.stage.file": ("memeriksa berkas", "checking the file"),
    "impor.stage.reading": ("membaca baris", "reading the rows"),
    "impor.stage.validating": ("memeriksa nilai setiap baris", "validating every row"),
    "impor.stage.shaping": ("menyusun data keluarga dan anak", "shaping the household and child records"),
    "impor.stage.collecting": ("menyusun laporan penolakan", "collecting the rejections"),
    "impor.stage.writing": ("menulis ke salinan basis data", "writing to a copy of the store"),
    "impor.stage.building": ("menghitung ulang agregat", "rebuilding the aggregates"),
    "impor.stage.checks": ("memeriksa basis data sebelum dipakai", "checking the store before it is used"),
    "impor.refused": ("Impor ditolak: {error}", "Import refused: {error}"),
    # the refusals met most often, by ImportRefused.code (data/importer/); others show the English message
    "impor.err.too_large": (
        "{file} berukuran {mb} MB, melebihi batas impor {limit} MB (ATS_IMPORT_MAX_BYTES): pecah per kab/kota atau "
        "per putaran, atau naikkan batasnya.",
        "{file} is {mb} MB, above the import limit of {limit} MB (ATS_IMPORT_MAX_BYTES): split it by kab/kota or "
        "round, or raise the limit.",
    ),
    "impor.err.empty": ("{file} kosong: tidak ada baris judul kolom.", "{file} is empty: there is no header line."),
    "impor.err.not_xlsx": (
        "{file} bukan buku kerja Excel (isinya berkas jenis lain). Simpan dari Excel sebagai .xlsx, atau sebagai CSV.",
        "{file} is not an Excel workbook (it holds another kind of file). Save it from Excel as .xlsx, or as CSV.",
    ),
    "impor.err.xlsx_inflates": (
        "{file} tidak dibaca: lembarnya mengembang jauh melebihi ukuran tabel data survei saat dibuka (bom zip, atau "
        "berkas rusak). Simpan lembarnya sebagai CSV, atau pecah per kab/kota.",
        "{file} was not read: its sheets unpack to far more than a table of survey data does (a zip bomb, or a "
        "damaged file). Save the sheet as CSV, or split it by kab/kota.",
    ),
    "impor.err.not_csv": (
        "{file} bukan berkas teks CSV (isinya berkas jenis lain, mis. PDF atau gambar). Ekspor tabelnya sebagai "
        "CSV, XLSX atau Parquet.",
        "{file} is not a CSV text file (it holds another kind of file, e.g. a PDF or an image). Export the table "
        "as CSV, XLSX or Parquet.",
    ),
    "impor.err.xls": (
        "{file}: buku kerja .xls lama tidak dibaca; simpan sebagai .xlsx atau CSV.",
        "{file}: old .xls workbooks are not read; save it as .xlsx or CSV.",
    ),
    "impor.err.file_type": (
        "{file}: jenis berkas '{ext}' tidak dikenal; impor berkas .csv, .xlsx atau .parquet.",
        "{file}: unknown file type '{ext}'; import a .csv, .xlsx or .parquet file.",
    ),
    "impor.err.only_nul": (
        "{file} hanya berisi bita NUL (nol), tanpa teks: berkas rusak atau tidak tertulis lengkap. Ekspor ulang.",
        "{file} holds only NUL bytes (zeros), no text: the file is damaged or was not written completely. Export it "
        "again.",
    ),
    "impor.err.utf32": (
        "{file} tampaknya teks UTF-32, yang tidak dibaca. Simpan sebagai CSV UTF-8.",
        "{file} looks like UTF-32 text, which is not read. Save it as CSV UTF-8.",
    ),
    "impor.err.encoding": (
        "{file} bukan teks yang sah dalam pengodean yang terdeteksi. Simpan sebagai CSV UTF-8 atau Windows-1252.",
        "{file} is not valid text in the detected encoding. Save it as CSV UTF-8 or Windows-1252.",
    ),
    "impor.err.unclosed_quote": (
        "{file}: baris {row} membuka sel berpetik (\") yang berlanjut ke baris-baris berikutnya, sehingga jumlah "
        "selnya tidak sama dengan judul kolom: kemungkinan tanda petik pada baris itu tidak ditutup. Perbaiki lalu "
        "muat lagi.",
        "{file}: row {row} opens a quoted cell (\") that runs over the following lines, so its number of cells "
        "differs from the header's: most likely a quote is not closed on that row. Fix it and import again.",
    ),
    "impor.err.demo_store": (
        "Penyimpanan ini berisi data demo sintetis; data nyata tidak dicampur dengannya. Centang \"Ganti data demo dengan data ini\" "
        "untuk memulai penyimpanan baru (referensi wilayah dan batas wilayah tetap ada).",
        "This store holds the synthetic demo data; real data is not mixed with it. Tick \"Replace the demo data with this data\" "
        "to start a new store (the wilayah reference and boundaries are kept).",
    ),
    "impor.err.missing_columns": (
        "{file}: kolom wajib tidak ada: {missing}. Kolom yang ditemukan: {found}. Berkas pemetaan (TOML) yang "
        "memperbaikinya: `{mapping}` (lihat “Format berkas survei” di halaman ini).",
        "{file}: required columns missing: {missing}. Columns found: {found}. A mapping file (TOML) that would fix "
        "it: `{mapping}` (see “Survey file format” on this page).",
    ),
    "impor.err.other_sheet": (
        "{file}: lembar '{sheet}' tidak memuat kolom wajib, lembar '{other}' memuatnya: pilih lembar itu di daftar "
        "Lembar (sheet).",
        "{file}: sheet '{sheet}' does not have the required columns, sheet '{other}' has them: choose it in the "
        "Sheet list.",
    ),
    "impor.err.round_given": (
        "Putaran {value} tidak mungkin: putaran survei adalah tahun 2000 sampai {last}. Isi tahun sensusnya di "
        "Putaran survei.",
        "Round {value} is impossible: a survey round is a year from 2000 to {last}. Enter the census year in "
        "Survey round.",
    ),
    "impor.err.round_in_file": (
        "Putaran yang paling sering di kolom survey_round berkas adalah {value}, padahal putaran survei adalah tahun "
        "2000 sampai {last}. Perbaiki kolomnya, atau isi Putaran survei.",
        "The round most common in the file's survey_round column is {value}, but a survey round is a year from 2000 "
        "to {last}. Fix the column, or enter the Survey round.",
    ),
    "impor.err.reference_date_given": (
        "Tanggal referensi {date} bukan tanggal putaran {round}: isi tanggal referensi sensus putaran itu, atau "
        "kosongkan.",
        "Reference date {date} is not a date of round {round}: enter the census reference date of that round, or "
        "leave it empty.",
    ),
    "impor.err.reference_date_in_file": (
        "Kolom reference_date berkas berisi {date}, bukan tanggal putaran {round}: perbaiki kolomnya, atau isi "
        "Tanggal referensi.",
        "The file's reference_date column holds {date}, not a date of round {round}: fix the column, or enter the "
        "Reference date.",
    ),
    "impor.err.kab_unknown": (
        "'{kab}' bukan kode kab/kota referensi Kepmendagri: tulis kodenya, mis. 73.73 untuk Kota Palopo.",
        "'{kab}' is not a kab/kota code of the Kepmendagri reference: write its code, e.g. 73.73 for Kota Palopo.",
    ),
    "impor.err.store_checks": (
        "Pemeriksaan data basis data menolak penulisan ini, jadi tidak ada yang diubah. Berkas Anda sudah lolos "
        "validasi; kirim rincian berikut (bahasa Inggris) kepada pengelola dasbor. {error}",
        "The store's data checks refused this write, so nothing was changed. Your file passed validation; send the "
        "details below to the dashboard's administrator. {error}",
    ),
    "impor.err.kab_tie": (
        "Berkas berisi baris sama banyak ({n}) untuk kab/kota {kabs}: isi kolom Kab/kota di atas dengan kab/kota "
        "yang diimpor, mis. {example}, atau {all} untuk semuanya.",
        "The file holds as many rows ({n}) of kab/kota {kabs}: fill in Kab/kota above with the one this import "
        "is for, e.g. {example}, or {all} for all of them.",
    ),
    "impor.err.no_header": (
        "{file} tidak punya baris judul kolom: baris pertamanya berisi nilai (angka, tanggal, kode), bukan nama "
        "kolom. Tambahkan baris judul format kanonik (lihat “Format berkas survei” di halaman ini) di atas data.",
        "{file} has no header row: its first row holds values (numbers, dates, codes), not column names. Add the "
        "header line of the canonical format (see “Survey file format” on this page) above the data.",
    ),
    "impor.err.header_only": (
        "{file} hanya berisi baris judul kolom, tanpa baris data.",
        "{file} has a header but no data rows.",
    ),
    "impor.err.no_key": (
        "Berkas berisi NIK atau nomor KK, dan belum ada kunci untuk menyamarkannya. Atur variabel lingkungan "
        "ATS_HMAC_KEY (rahasia panjang) atau ATS_HMAC_KEY_FILE (berkas di luar penyimpanan) di server, lalu muat "
        "ulang. Pakai kunci yang sama untuk setiap impor. (Atau hapus kolom nik/no_kk untuk impor tanpa identitas.)",
        "The file has NIK or KK numbers and no key is configured to hash them. Set the environment variable "
        "ATS_HMAC_KEY (a long secret) or ATS_HMAC_KEY_FILE (a file outside the store) on the server, then reload. "
        "Use the same key for every import. (Or drop the nik/no_kk columns to import without identifiers.)",
    ),
    "impor.err.other_key": (
        "Kunci yang terpasang (ATS_HMAC_KEY, ATS_HMAC_KEY_FILE atau berkas kunci) berbeda dari kunci impor "
        "sebelumnya, sehingga anak yang sama akan mendapat sandi berbeda dan tidak lagi cocok antar-putaran: pasang "
        "kunci yang sama (atau mulai penyimpanan baru).",
        "The configured key (ATS_HMAC_KEY, ATS_HMAC_KEY_FILE or the key file) is not the key of earlier imports, so "
        "the same child would get a different hash and no longer match across rounds: configure the same key (or "
        "start a new store).",
    ),
    "impor.err.weak_key": (
        "Kunci di {where} terlalu lemah ({n} bita): sandi NIK/KK memerlukan kunci acak minimal 32 bita, atau NIK "
        "dapat ditebak dari sandinya. Buat kunci dengan `{command}` (64 digit heksadesimal) dan pakai kunci yang "
        "sama untuk setiap impor.",
        "The key in {where} is too weak ({n} bytes): the NIK/KK hash needs a key of at least 32 random bytes, or a "
        "NIK can be recovered from its hash. Make one with `{command}` (64 hex digits) and keep the same key for "
        "every import.",
    ),
    "impor.err.key_missing_for_store": (
        "Berkas berisi NIK atau nomor KK dan tidak ada kunci terpasang, padahal putaran sebelumnya di penyimpanan "
        "ini disandikan dengan sebuah kunci: pasang kunci itu (ATS_HMAC_KEY atau ATS_HMAC_KEY_FILE), agar anak yang "
        "sama tetap cocok antar-putaran.",
        "The file has NIK or KK numbers and no key is configured, but this store's earlier rounds were hashed with "
        "a key: configure that key (ATS_HMAC_KEY or ATS_HMAC_KEY_FILE), so that the same child still matches across "
        "rounds.",
    ),
    "impor.err.store_changed": (
        "Penyimpanan diubah oleh impor lain selama berkas ini dibaca (tanggal referensi putaran berubah). Impor "
        "ulang berkas ini.",
        "The store was changed by another import while this file was read (the round's reference date changed). "
        "Import the file again.",
    ),
    "impor.key_created": (
        "Kunci baru untuk sandi NIK/KK dibuat di {path} (ATS_HMAC_KEY maupun ATS_HMAC_KEY_FILE tidak diatur). "
        "Cadangkan dan rahasiakan: setiap impor berikutnya harus memakainya, atau anak yang sama tidak lagi cocok "
        "antar-putaran.",
        "A new key for the NIK/KK hash was created in {path} (neither ATS_HMAC_KEY nor ATS_HMAC_KEY_FILE is set). "
        "Back it up and keep it secret: every later import must use it, or the same child no longer matches across "
        "rounds.",
    ),
    # the refusals of a column mapping file (data/importer/mapping.py load_mapping)
    "impor.err.mapping_not_found": (
        "Berkas pemetaan {file} tidak ditemukan di server: muat ulang berkas pemetaannya.",
        "The mapping file {file} is not on the server: upload the mapping file again.",
    ),
    "impor.err.mapping_file_type": (
        "Berkas pemetaan {file} harus berakhiran .toml, .yaml atau .yml (berkas '{ext}' tidak dibaca).",
        "The mapping file {file} must end in .toml, .yaml or .yml ('{ext}' files are not read).",
    ),
    "impor.err.mapping_unreadable": (
        "Berkas pemetaan {file} tidak dapat dibaca: {error}. Perbaiki penulisannya; bila isinya ditulis dalam format "
        "{other}, beri berkas itu akhiran .{ext}.",
        "The mapping file {file} cannot be read: {error}. Fix how it is written; if it is written as {other}, give it "
        "the .{ext} extension.",
    ),
    "impor.err.mapping_sections": (
        "Berkas pemetaan hanya boleh berisi bagian [columns], [values.KOLOM] dan [defaults]; bagian lain yang "
        "ditemukan: {found}. Hapus atau perbaiki nama bagian itu (lihat “Format berkas survei” di halaman ini).",
        "A mapping file has the sections [columns], [values.COLUMN] and [defaults] only; other sections found: "
        "{found}. Remove them or correct their names (see “Survey file format” on this page).",
    ),
    "impor.err.mapping_section_shape": (
        "Bagian [{section}] berkas pemetaan harus berupa tabel entri, mis. {example}.",
        "The [{section}] section of the mapping file must be a table of entries, e.g. {example}.",
    ),
    "impor.err.mapping_column_target": (
        "Berkas pemetaan, bagian [columns]: '{source}' = '{target}': '{target}' bukan nama kolom format kanonik. Di "
        "kanan tanda = tulis nama kolom kanonik, mis. \"Jenis Kelamin\" = \"sex\" (lihat “Format berkas survei” di halaman ini).",
        "Mapping file, [columns] section: '{source}' = '{target}': '{target}' is not a column of the canonical "
        "format. On the right of = write a canonical column, e.g. \"Jenis Kelamin\" = \"sex\" (see "
        "“Survey file format” on this page).",
    ),
    "impor.err.mapping_values_column": (
        "Berkas pemetaan, bagian [values.{column}]: padanan kode hanya untuk kolom berkode: {columns}. Periksa "
        "ejaan nama kolom di judul bagian itu.",
        "Mapping file, [values.{column}] section: codes can be recoded only for the coded columns: {columns}. "
        "Check the column name in that section's heading.",
    ),
    "impor.err.mapping_values_code": (
        "Berkas pemetaan, bagian [values.{column}]: '{source}' dipadankan dengan '{code_given}', padahal kode yang "
        "boleh untuk kolom {column} hanya {allowed}.",
        "Mapping file, [values.{column}] section: '{source}' is recoded to '{code_given}', but the codes allowed for "
        "column {column} are {allowed} only.",
    ),
    "impor.err.mapping_defaults_target": (
        "Berkas pemetaan, bagian [defaults]: '{target}' bukan nama kolom format kanonik (lihat “Format berkas survei” di halaman ini).",
        "Mapping file, [defaults] section: '{target}' is not a column of the canonical format (see "
        "“Survey file format” on this page).",
    ),
    # the refusals of a boundary file (geo/boundaries.py, data/load.py; GeoInputError.code)
    "impor.err.boundary_unknown_format": (
        "{file} bukan berkas batas wilayah yang dapat dibaca: isinya tidak dikenali sebagai format peta (mungkin "
        "gambar, PDF atau tabel yang diganti namanya). Ekspor batas wilayahnya dari aplikasi GIS sebagai GeoJSON, "
        "GeoPackage, Shapefile (.zip) atau GeoParquet.",
        "{file} is not a boundary file that can be read: its content is in no map format (perhaps an image, a PDF "
        "or a table renamed). Export the boundaries from a GIS application as GeoJSON, GeoPackage, Shapefile (.zip) "
        "or GeoParquet.",
    ),
    "impor.err.boundary_empty": (
        "{file} kosong (0 bita). Ekspor lagi berkas batas wilayahnya, lalu muat ulang.",
        "{file} is empty (0 bytes). Export the boundary file again, then upload it again.",
    ),
    "impor.err.boundary_not_zip": (
        "{file} bukan arsip zip yang utuh (rusak, atau berkas jenis lain yang diganti namanya). Buat ulang zip-nya "
        "dari berkas Shapefile (.shp, .shx, .dbf dan .prj).",
        "{file} is not a sound zip archive (damaged, or another kind of file renamed). Make the zip again from the "
        "Shapefile's files (.shp, .shx, .dbf and .prj).",
    ),
    "impor.err.boundary_zip_without_layers": (
        "Zip {file} tidak memuat Shapefile (.shp beserta .shx dan .dbf), GeoJSON atau GeoPackage. Periksa isi "
        "zip-nya: berkas .shp, .shx, .dbf dan .prj harus ada di dalamnya.",
        "The zip {file} holds no Shapefile (.shp with its .shx and .dbf), GeoJSON or GeoPackage. Check what is in "
        "the zip: the .shp, .shx, .dbf and .prj files must be in it.",
    ),
    "impor.err.boundary_not_parquet": (
        "{file} bukan berkas Parquet (isinya berkas jenis lain). Ekspor batas wilayahnya sebagai GeoParquet, "
        "GeoJSON atau GeoPackage.",
        "{file} is not a Parquet file (it holds another kind of file). Export the boundaries as GeoParquet, GeoJSON "
        "or GeoPackage.",
    ),
    "impor.err.boundary_parquet_without_geometry": (
        "{file} adalah tabel Parquet tanpa geometri (tanpa metadata GeoParquet). Ekspor batas wilayahnya sebagai "
        "GeoParquet dengan kolom geometri, atau sebagai GeoJSON atau GeoPackage.",
        "{file} is a Parquet table without geometry (no GeoParquet metadata). Export the boundaries as GeoParquet "
        "with a geometry column, or as GeoJSON or GeoPackage.",
    ),
    "impor.err.boundary_unreadable": (
        "{file} tidak dapat dibaca sebagai berkas batas wilayah (GeoJSON, GeoPackage, Shapefile dalam zip, "
        "GeoParquet): {reason}. Buka berkasnya di aplikasi GIS, lalu ekspor ulang.",
        "{file} cannot be read as a boundary file (GeoJSON, GeoPackage, zipped Shapefile, GeoParquet): {reason}. "
        "Open it in a GIS application, then export it again.",
    ),
    "impor.err.boundary_not_found": (
        "Berkas batas wilayah {file} tidak ditemukan di server: muat ulang berkasnya.",
        "The boundary file {file} is not on the server: upload it again.",
    ),
    "impor.err.boundary_file_type": (
        "{file}: jenis berkas '{ext}' tidak didukung; muat GeoJSON, GeoPackage, Shapefile (.zip) atau GeoParquet.",
        "{file}: the file type '{ext}' is not supported; upload GeoJSON, GeoPackage, Shapefile (.zip) or GeoParquet.",
    ),
    "impor.err.boundary_no_such_layer": (
        "{file} tidak punya lapisan '{layer}'; lapisannya: {layers}. Pilih salah satunya di daftar Lapisan (layer).",
        "{file} has no layer '{layer}'; its layers are: {layers}. Choose one of them in the Layer list.",
    ),
    "impor.err.boundary_layer_without_geometry": (
        "Lapisan '{layer}' di {file} tidak punya geometri (hanya tabel atribut). Lapisan yang bergeometri: "
        "{spatial}; pilih salah satunya di daftar Lapisan (layer).",
        "Layer '{layer}' of {file} has no geometry (an attribute table only). Layers with geometry: {spatial}; "
        "choose one of them in the Layer list.",
    ),
    "impor.err.boundary_no_layer_with_geometry": (
        "{file} tidak memuat satu pun lapisan bergeometri (lapisannya: {layers}), hanya tabel tanpa peta. Ekspor "
        "lapisan poligon batas wilayahnya.",
        "{file} holds no layer with geometry (its layers: {layers}), only tables without a map. Export the layer "
        "of boundary polygons.",
    ),
    "impor.err.boundary_several_layers": (
        "{file} memuat {n} lapisan bergeometri: {layers}. Pilih satu di daftar Lapisan (layer), atau ekspor lapisan "
        "itu saja.",
        "{file} holds {n} layers with geometry: {layers}. Choose one in the Layer list, or export that layer alone.",
    ),
    "impor.err.boundary_no_features": (
        "{file} tidak berisi satu pun wilayah (fitur). Periksa bahwa lapisan yang diekspor memuat poligon batas "
        "wilayah.",
        "{file} holds no features (units). Check that the exported layer holds the boundary polygons.",
    ),
    "impor.err.boundary_no_crs": (
        "{file} tidak mencantumkan sistem koordinatnya (pada Shapefile: berkas .prj tidak ada). Ekspor lagi "
        "beserta sistem koordinatnya; untuk Shapefile, sertakan berkas .prj di dalam zip.",
        "{file} does not declare its coordinate reference system (for a Shapefile: the .prj file is missing). "
        "Export it again with its CRS; for a Shapefile, put the .prj file in the zip.",
    ),
    "impor.err.boundary_projected": (
        "{file}: koordinatnya (x {x0} sampai {x1}, y {y0} sampai {y1}) tampak dalam meter (terproyeksi) tetapi "
        "dibaca sebagai derajat, sehingga jatuh di luar Indonesia. Ekspor lagi dengan mencantumkan sistem koordinat "
        "aslinya (mis. EPSG:3857 untuk Web Mercator, EPSG:32746 sampai 32754 untuk UTM zona 46S sampai 54S), atau "
        "ubah dulu ke EPSG:4326. Tidak ada yang diimpor.",
        "{file}: its coordinates (x {x0} to {x1}, y {y0} to {y1}) look like metres (projected) but are read as "
        "degrees, so they fall outside Indonesia. Export it again declaring the coordinate system they are in (e.g. "
        "EPSG:3857 for Web Mercator, EPSG:32746 to 32754 for UTM zones 46S to 54S), or convert it to EPSG:4326 "
        "first. Nothing was imported.",
    ),
    "impor.err.boundary_swapped": (
        "{file}: lintang dan bujurnya tampak tertukar (x {x0} sampai {x1}, y {y0} sampai {y1}), sehingga jatuh di "
        "luar Indonesia. Ekspor lagi dengan x = bujur, y = lintang. Tidak ada yang diimpor.",
        "{file}: latitude and longitude look swapped (x {x0} to {x1}, y {y0} to {y1}), so they fall outside "
        "Indonesia. Export it again with x = longitude, y = latitude. Nothing was imported.",
    ),
    "impor.err.boundary_outside_indonesia": (
        "{file}: koordinatnya (x {x0} sampai {x1}, y {y0} sampai {y1} dalam EPSG:4326) berada di luar Indonesia "
        "(sekitar 95 sampai 141 BT, 11 LS sampai 6 LU). Periksa bahwa berkas mencantumkan sistem koordinat yang "
        "benar untuk koordinatnya. Tidak ada yang diimpor.",
        "{file}: its coordinates (x {x0} to {x1}, y {y0} to {y1} in EPSG:4326) lie outside Indonesia (about 95 to "
        "141 E, 11 S to 6 N). Check that the file declares the coordinate system its coordinates are in. Nothing "
        "was imported.",
    ),
    "impor.err.boundary_column_not_found": (
        "{file}: kolom '{column}' tidak ada; kolom berkas ini: {columns}. Perbaiki isian Kolom kode.",
        "{file}: column '{column}' not found; the file's columns are: {columns}. Correct the Code column field.",
    ),
    "impor.err.boundary_name_column_not_found": (
        "{file}: kolom '{column}' tidak ada; kolom berkas ini: {columns}. Perbaiki isian Kolom nama, atau kosongkan "
        "agar ditebak.",
        "{file}: column '{column}' not found; the file's columns are: {columns}. Correct the Name column field, or "
        "leave it empty to have it guessed.",
    ),
    "impor.err.boundary_no_code_column": (
        "{file}: kolom kode wilayah tidak dapat ditebak dari kolom {columns}. Tulis nama kolom yang berisi kode "
        "Kemendagri di Kolom kode.",
        "{file}: no wilayah code column could be guessed among {columns}. Write the name of the column of "
        "Kemendagri codes in Code column.",
    ),
    "impor.err.boundary_no_codes": (
        "{file}: tidak satu pun nilai di kolom '{column}' berupa kode wilayah Kemendagri (mis. {examples}); kode "
        "berbentuk 73.73.01.1001 atau 7373011001. Tulis nama kolom kode yang benar di Kolom kode.",
        "{file}: no value of column '{column}' is a Kemendagri wilayah code (e.g. {examples}); codes look like "
        "73.73.01.1001 or 7373011001. Write the name of the right code column in Code column.",
    ),
    "impor.err.boundary_wrong_level": (
        "{file}: tidak ada wilayah tingkat {level}: kode di kolom '{column}' adalah kode tingkat {suggested} "
        "({rows} baris). Pilih Tingkat {suggested}.",
        "{file}: no unit at level {level}: the codes of column '{column}' are of level {suggested} ({rows} rows). "
        "Choose the level {suggested}.",
    ),
    "impor.err.boundary_wrong_level_guessed": (
        "{file}: tidak ada wilayah tingkat {level}: kode di kolom '{column}' (ditebak) adalah kode tingkat "
        "{suggested} ({rows} baris). Pilih Tingkat {suggested}, atau bila berkas memuat kolom kode {level}, tulis "
        "namanya di Kolom kode.",
        "{file}: no unit at level {level}: the codes of column '{column}' (guessed) are of level {suggested} ({rows} "
        "rows). Choose the level {suggested}, or if the file has a column of {level} codes, write its name in Code "
        "column.",
    ),
    "impor.err.boundary_no_polygons": (
        "{file}: tidak ada geometri poligon (titik atau garis tidak dapat dipetakan sebagai wilayah). Ekspor "
        "lapisan poligon batas wilayahnya, bukan titik pusat atau garis batas.",
        "{file}: no polygon geometry found (points or lines cannot be mapped as areas). Export the layer of "
        "boundary polygons, not centre points or border lines.",
    ),
    "impor.err.boundary_codes_unknown": (
        "Tidak satu pun dari {n} kode di {described} (mis. {examples}) yang terdapat di referensi kode wilayah "
        "Kemendagri, jadi tidak ada yang diimpor. Periksa bahwa kolom kode berisi kode Kemendagri (73.73.01.1001 atau "
        "7373011001) dan tulis namanya di Kolom kode.",
        "None of the {n} codes in {described} (e.g. {examples}) is a code of the Kemendagri wilayah reference, so "
        "nothing was imported. Check that the code column holds Kemendagri codes (73.73.01.1001 or 7373011001) and "
        "write its name in Code column.",
    ),
    # the refusals of a download from the public source (geo/upstream.py, data/load.py; GeoInputError.code)
    "impor.err.download_not_a_code": (
        "'{kode}' bukan kode provinsi atau kab/kota: tulis kode seperti 73 (provinsi) atau 73.73 (kab/kota).",
        "'{kode}' is not a province or kab/kota code: write a code like 73 (province) or 73.73 (kab/kota).",
    ),
    "impor.err.download_wrong_level": (
        "{kode} adalah kode {level}; unduhan memerlukan kode provinsi (mis. 73) atau kab/kota (mis. 73.73).",
        "{kode} is a {level} code; a download takes a province code (e.g. 73) or a kab/kota code (e.g. 73.73).",
    ),
    "impor.err.download_unknown_kode": (
        "{kode} bukan provinsi atau kab/kota dalam referensi kode wilayah (kode_wilayah.csv); tidak ada yang "
        "diunduh. Periksa kodenya, mis. 73.73 untuk Kota Palopo.",
        "{kode} is not a province or kab/kota of the wilayah reference (kode_wilayah.csv); nothing was downloaded. "
        "Check the code, e.g. 73.73 for Kota Palopo.",
    ),
    "impor.err.download_no_reference": (
        "Basis data belum memuat referensi kode wilayah, jadi batas wilayah belum dapat diimpor. Minta administrator "
        "membangunnya dulu (`python -m data demo`), lalu coba lagi.",
        "The store holds no wilayah reference yet, so boundaries cannot be imported. Ask the administrator to build "
        "it first (`python -m data demo`), then try again.",
    ),
    "impor.err.download_bad_url": (
        "Alamat sumber {url} tidak dapat dipakai: harus alamat http:// atau https:// tanpa nama pengguna dan kata sandi, "
        "atau jalur file://. Administrator mengaturnya di ATS_BOUNDARY_SOURCE_URL.",
        "The source address {url} cannot be used: it must be an http:// or https:// address without a user name or "
        "password, or a file:// path. The administrator sets it in ATS_BOUNDARY_SOURCE_URL.",
    ),
    "impor.err.download_too_large": (
        "{url} lebih besar dari {mb} MB, jadi bukan berkas batas wilayah dari sumber publik. Periksa ATS_BOUNDARY_SOURCE_URL.",
        "{url} is larger than {mb} MB, so it is not a boundary file of the public source. Check ATS_BOUNDARY_SOURCE_URL.",
    ),
    "impor.err.download_file_missing": (
        "{url} tidak ditemukan: sumbernya tidak memiliki berkas itu. Periksa ATS_BOUNDARY_SOURCE_URL, atau impor berkas batas "
        "wilayah di atas.",
        "{url} not found: the source has no such file. Check ATS_BOUNDARY_SOURCE_URL, or import a boundary file above.",
    ),
    "impor.err.download_http_error": (
        "Tidak dapat mengunduh {url}: server menjawab HTTP {status} {reason}. Coba lagi nanti, periksa koneksi "
        "internet dan ATS_BOUNDARY_SOURCE_URL, atau impor berkas batas wilayah di atas.",
        "Cannot download {url}: the server answered HTTP {status} {reason}. Try again later, check the internet "
        "connection and ATS_BOUNDARY_SOURCE_URL, or import a boundary file above.",
    ),
    "impor.err.download_failed": (
        "Tidak dapat mengunduh {url} ({reason}). Periksa koneksi internet server. Tanpa internet, administrator dapat "
        "mengisi ATS_BOUNDARY_SOURCE_URL dengan alamat salinan berkas sumber (folder yang disajikan lewat http, atau "
        "file:///jalur/ke/wilayah_boundaries), atau impor berkas batas wilayah di atas.",
        "Cannot download {url} ({reason}). Check the server's internet connection. Without internet access, the administrator "
        "can set ATS_BOUNDARY_SOURCE_URL to the address of a copy of the source files (a folder served over http, or "
        "file:///path/to/wilayah_boundaries), or import a boundary file above.",
    ),
    "impor.err.download_cut_off": (
        "Unduhan {url} terputus setelah {got} dari {total} bita, jadi tidak ada yang diimpor. Coba lagi (cermin "
        "di ATS_BOUNDARY_SOURCE_URL mungkin lebih stabil).",
        "The download of {url} was cut off after {got} of {total} bytes, so nothing was imported. Try again (a "
        "mirror set in ATS_BOUNDARY_SOURCE_URL may be steadier).",
    ),
    "impor.err.download_checksum": (
        "{url} berbeda dari versi terkunci (checksum SHA-256 tidak cocok): berkasnya diubah atau rusak, jadi tidak "
        "ada yang diimpor. Minta administrator memeriksa ATS_BOUNDARY_SOURCE_URL, atau mengosongkannya untuk memakai sumber resmi.",
        "{url} differs from the pinned version (its SHA-256 checksum does not match): the file was changed or "
        "damaged, so nothing was imported. Ask the administrator to check ATS_BOUNDARY_SOURCE_URL, or to unset it to use the official source.",
    ),
    "impor.err.download_not_upstream": (
        "{url} tidak memuat baris wilayah_boundaries yang dapat dibaca, jadi bukan berkas SQL dari sumber publik. "
        "Periksa ATS_BOUNDARY_SOURCE_URL.",
        "{url} holds no wilayah_boundaries row that can be read, so it is not an SQL file of the public source. "
        "Check ATS_BOUNDARY_SOURCE_URL.",
    ),
    "impor.err.download_no_units": (
        "Berkas sumber untuk {kode} ({url}) tidak memuat satu pun wilayah {kode}; tidak ada yang diimpor. Periksa "
        "ATS_BOUNDARY_SOURCE_URL.",
        "The source files for {kode} ({url}) hold no unit of {kode}; nothing was imported. Check ATS_BOUNDARY_SOURCE_URL.",
    ),
    "impor.err.download_codes_unknown": (
        "Tidak satu pun dari {n} kode di {described} (mis. {examples}) yang terdapat di referensi kode wilayah, jadi "
        "tidak ada yang diimpor. Periksa bahwa sumber di ATS_BOUNDARY_SOURCE_URL menyajikan berkas dari sumber publik.",
        "None of the {n} codes in {described} (e.g. {examples}) is a code of the wilayah reference, so nothing was "
        "imported. Check that the source in ATS_BOUNDARY_SOURCE_URL serves the public source's files.",
    ),
    "impor.status.applied": (
        "{file} telah diimpor: putaran {round}, {n_kel} desa/kelurahan dari {kabs} diganti dengan {accepted} baris ({rejected} ditolak).",
        "{file} was imported: round {round}, {n_kel} desa/kelurahan of {kabs} replaced with {accepted} rows ({rejected} rejected).",
    ),
    "impor.status.dry_run": (
        "Hasil pemeriksaan {file} (belum disimpan): {accepted} baris akan diterapkan untuk {n_kel} desa/kelurahan dari "
        "{kabs} ({rejected} ditolak).",
        "Check of {file} (nothing stored): {accepted} rows would be applied for {n_kel} desa/kelurahan of {kabs} "
        "({rejected} rejected).",
    ),
    "impor.status.unchanged": ("{file} sudah pernah diimpor; tidak ada yang berubah.", "{file} was imported before; nothing changed."),
    "impor.status.refused": (
        "{file} tidak diimpor: tidak ada baris yang lolos pemeriksaan ({rows_read} dibaca, semua ditolak). Tidak ada yang disimpan; lihat laporan penolakan di bawah.",
        "{file} was not imported: no row passed validation ({rows_read} read, all rejected). Nothing was stored; see the rejection report below.",
    ),
    "impor.history.import_id": ("No.", "No."),
    "impor.history.file_name": ("Berkas", "File"),
    "impor.history.sha256": ("SHA-256", "SHA-256"),
    "impor.history.survey_round": ("Putaran", "Round"),
    "impor.history.kode_kab": ("Kab/kota", "Kab/kota"),
    "impor.history.n_kel": ("Desa/kel.", "Desa/kel."),
    "impor.history.rows_read": ("Baris dibaca", "Rows read"),
    "impor.history.accepted": ("Diterima", "Accepted"),
    "impor.history.rejected": ("Ditolak", "Rejected"),
    "impor.history.status": ("Status", "Status"),
    "impor.history.imported_at": ("Waktu", "Time"),
    "impor.history.user": ("Petugas", "Operator"),
    "impor.history.status.applied": ("diterapkan", "applied"),
    "impor.bhistory.import_id": ("No.", "No."),
    "impor.bhistory.kind": ("Jenis", "Kind"),
    "impor.bhistory.kind.file": ("Berkas", "File"),
    "impor.bhistory.kind.download": ("Unduhan publik", "Public download"),
    "impor.bhistory.source": ("Sumber", "Source"),
    "impor.bhistory.sha256": ("SHA-256", "SHA-256"),
    "impor.bhistory.units_in_files": ("Wilayah di berkas", "Units in files"),
    "impor.bhistory.matched": ("Cocok", "Matched"),
    "impor.bhistory.unmatched": ("Tidak dikenal", "Unknown"),
    "impor.bhistory.without_polygon": ("Belum punya batas", "Still without a boundary"),
    "impor.bhistory.outside_parent": ("Di luar wilayah induk", "Outside the unit above"),
    "impor.bhistory.imported_at": ("Waktu", "Time"),
    "impor.bhistory.user": ("Petugas", "Operator"),
    "impor.rows_read": ("Baris dibaca", "Rows read"),
    "impor.accepted": ("Diterima", "Accepted"),
    "impor.rejected": ("Ditolak", "Rejected"),
    "impor.rejects_title": ("Baris yang ditolak", "Rejected rows"),
    "impor.rejects_download": ("Unduh laporan penolakan (CSV)", "Download the rejection report (CSV)"),
    "impor.rej_row": ("Baris", "Row"),
    "impor.rej_column": ("Kolom", "Column"),
    "impor.rej_value": ("Nilai", "Value"),
    "impor.rej_reason": ("Alasan", "Reason"),
    "impor.boundary_title": ("Batas wilayah", "Boundaries"),
    "impor.boundary_help": (
        "GeoJSON, GeoPackage, Shapefile (.zip) atau GeoParquet, dalam sistem koordinat apa pun yang tercantum di berkas. "
        "Kode wilayah boleh bertitik (73.73.01.1001) atau tidak (7373011001). Berkas di atas {mb} MB tidak "
        "dapat diunggah di sini: minta administrator atau pengelola server memuatnya untuk Anda.",
        "GeoJSON, GeoPackage, Shapefile (.zip) or GeoParquet, in any coordinate system the file declares. "
        "Codes may be dotted (73.73.01.1001) or not (7373011001). Files over {mb} MB cannot be "
        "uploaded here: ask the administrator or the server's operator to load it for you.",
    ),
    "impor.boundary_file": ("Berkas batas wilayah", "Boundary file"),
    "impor.level": ("Tingkat", "Level"),
    "impor.level_auto": ("Otomatis (dari panjang kode)", "Automatic (from the code length)"),
    "impor.code_column": ("Kolom kode (opsional)", "Code column (optional)"),
    "impor.name_column": ("Kolom nama (opsional)", "Name column (optional)"),
    "impor.boundary_apply": ("Impor batas wilayah", "Import boundaries"),
    "impor.download_title": ("Unduh batas wilayah publik", "Download public boundaries"),
    "impor.download_kode": ("Kode provinsi atau kab/kota", "Province or kab/kota code"),
    "impor.download_mirror": ("Sumber: cermin `{url}` (ATS_BOUNDARY_SOURCE_URL).", "Source: the mirror `{url}` (ATS_BOUNDARY_SOURCE_URL)."),
    "impor.download_apply": ("Unduh dan impor", "Download and import"),
    "impor.download_help": (
        "Batas desa/kelurahan dari sumber publik (Cahya DSN wilayah_boundaries, lisensi MIT, versi terkunci dan "
        "diperiksa checksum-nya). Perlu koneksi internet, atau cermin (mirror) yang diatur administrator di ATS_BOUNDARY_SOURCE_URL.",
        "Desa/kelurahan boundaries from a public source (Cahya DSN wilayah_boundaries, MIT licence, pinned version, "
        "checksums verified). Needs internet access, or a mirror the administrator sets in ATS_BOUNDARY_SOURCE_URL.",
    ),
    "impor.download_need_kode": (
        "Isi kode provinsi (mis. 73) atau kab/kota (mis. 73.73) dulu.",
        "Enter a province code (e.g. 73) or a kab/kota code (e.g. 73.73) first.",
    ),
    "impor.boundary_done": (
        "{matched} dari {units} wilayah di berkas cocok dengan referensi Kemendagri; {unmatched} tidak dikenal; "
        "{missing} wilayah yang dikenal belum punya batas; {repaired} poligon diperbaiki.",
        "{matched} of {units} units in the file match the Kemendagri reference; {unmatched} unknown; "
        "{missing} known units still have no boundary; {repaired} polygons repaired.",
    ),
    "impor.boundary_size": (
        "Setelah penyederhanaan (tetangga tetap berbagi batas): {read} titik menjadi {stored} titik, {kb} KB tersimpan.",
        "After simplification (neighbours keep shared borders): {read} vertices became {stored}, {kb} KB stored.",
    ),
    "impor.boundary_columns": (
        "{file}: kolom kode `{code}`, kolom nama `{name}` (ditebak bila tidak diisi).",
        "{file}: code column `{code}`, name column `{name}` (guessed unless given).",
    ),
    "impor.unmatched": ("Kode tidak dikenal: {codes}", "Unknown codes: {codes}"),
    "impor.layer": ("Lapisan (layer)", "Layer"),
    "impor.boundary_left_out": (
        "Baris yang tidak dipakai atau digabung: {bad} kode tak terbaca, {empty} tanpa poligon, {merged} digabung "
        "dengan baris lain berkode sama, {other} dari tingkat wilayah lain (contoh: {examples}).",
        "Rows left out or merged: {bad} unreadable codes, {empty} without a polygon, {merged} merged with another "
        "row of the same code, {other} of another level (e.g. {examples}).",
    ),
    "impor.note.merged_guessed": (
        "{file}: {rows} baris hanya punya {codes} kode berbeda di kolom '{column}' (kolom ini ditebak), jadi "
        "baris-baris itu digabung menjadi {codes} wilayah tingkat {level}. Bila tiap baris adalah wilayah yang lebih "
        "kecil (mis. desa), tulis nama kolom kodenya di Kolom kode.",
        "{file}: {rows} rows have only {codes} distinct codes in column '{column}' (guessed), so they were merged "
        "into {codes} units of level {level}. If each row is a smaller unit (e.g. a desa), name the column of its "
        "codes in Code column.",
    ),
    "impor.note.outside_parent": (
        "{n} wilayah terletak di luar kotak batas wilayah di atasnya (kecamatan, kab/kota atau provinsi terdekat "
        "yang punya poligon), mis. {examples}: berkas itu mungkin memberi mereka kode wilayah lain, atau poligon di "
        "atasnya keliru. Periksa di peta.",
        "{n} units lie outside the bounding box of the unit above them (the nearest kecamatan, kab/kota or province "
        "with a polygon), e.g. {examples}: the file may give them the codes of other units, or the polygon above is "
        "wrong. Check them on the map.",
    ),
    "impor.note.handling_no_date": (
        "{n} anak ATS punya tahap penanganan sesudah {step} tetapi tanpa tanggal_{step}: dihitung sudah melewati "
        "tahap {step} (tahap yang tercatat kemudian berarti tahap sebelumnya sudah dilalui); tidak ditolak.",
        "{n} out-of-school children have a handling step after {step} but no tanggal_{step}: counted as having "
        "passed the {step} step (a recorded later step implies the earlier ones); not rejected.",
    ),
    "impor.note.handling_after_bukan_ats": (
        "{n} anak yang diverifikasi bukan ATS (status_verifikasi bukan_ats) punya tanggal penanganan sesudahnya: "
        "verifikasi itu yang berlaku, jadi tahap sesudahnya tidak dihitung.",
        "{n} children verified not out of school (status_verifikasi bukan_ats) have later handling dates: the "
        "verification stands, so those steps are not counted.",
    ),
    "impor.note.handling_code_no_date": (
        "{n} anak ATS punya {column} tanpa tanggal_{step}: tahap penanganan disimpan bersama tanggalnya, jadi "
        "{column} itu tidak disimpan. Isi tanggal_{step} bila tahap itu sudah terjadi.",
        "{n} out-of-school children have {column} without tanggal_{step}: a handling step is stored with its "
        "date, so that {column} was not stored. Fill in tanggal_{step} where the step has happened.",
    ),
    "impor.without_polygon": ("Wilayah yang dikenal tanpa batas, mis.: {codes}", "Known units without a boundary, e.g.: {codes}"),
    "impor.history_title": ("Riwayat impor", "Import history"),
    "impor.history_empty": ("Belum ada impor data nyata.", "No real data has been imported yet."),
    # wilayah scope of the account (ui/filters.py, ui/source.py, views/kla.py; data/scope.py)
    "scope.link_outside": (
        "Tautan ini menunjuk {place}, di luar wilayah akun Anda ({scope}): angkanya tidak ditampilkan. Yang "
        "ditampilkan adalah wilayah akun Anda. Percobaan ini dicatat.",
        "This link names {place}, outside your account's wilayah ({scope}): its numbers are not shown. Your "
        "account's wilayah is shown instead. This attempt is recorded.",
    ),
    "scope.out_of_scope": (
        "Angka ini tidak ditampilkan: {kode} berada di luar wilayah akun Anda ({scope}). Pilih wilayah di samping. "
        "Percobaan ini dicatat.",
        "These numbers are not shown: {kode} lies outside your account's wilayah ({scope}). Choose a wilayah in the "
        "sidebar. This attempt is recorded.",
    ),
    "scope.scope_needs_wilayah": (
        "Angka ini tidak ditampilkan: pilih wilayah di dalam wilayah akun Anda ({scope}).",
        "These numbers are not shown: choose a wilayah within your account's wilayah ({scope}).",
    ),
    "scope.kla_needs_kab": (
        "KLA dinilai per kab/kota; wilayah akun Anda ({scope}) lebih kecil dari kab/kota, jadi kartu nilai KLA "
        "tidak ditampilkan.",
        "KLA is judged per kab/kota; your account's wilayah ({scope}) is smaller than a kab/kota, so the KLA "
        "scorecard is not shown.",
    ),
    "scope.kla_ranking_needs_prov": (
        "Perbandingan kab/kota se-provinsi memerlukan akun dengan wilayah seluruh provinsi (wilayah akun Anda: "
        "{scope}).",
        "Comparing the kab/kota of the province needs an account whose wilayah is the whole province (your "
        "account's wilayah: {scope}).",
    ),
    # small-cell protection in tables, exports and rankings (docs/protection.md)
    "rank.left_out_changes": (
        "{n} wilayah tidak diperingkat: persentasenya ditahan (kurang dari {d} anak, atau jumlah kurang dari {k}).",
        "{n} units are not ranked: their rate is withheld (fewer than {d} children, or a count below {k}).",
    ),
    "rank.left_out": (
        "{n} wilayah ({level}) tidak diperingkat dan diurutkan paling akhir: angkanya disembunyikan (persentase dari "
        "kurang dari {d} anak, atau jumlah kurang dari {k} anak atau yang melindunginya).",
        "{n} units ({level}) are not ranked and are sorted last: their value is hidden (a rate of fewer than {d} "
        "children, or a count of fewer than {k} children or one protecting it).",
    ),
    # meeting pack (pack/, `python -m data report`, the Peta page's "Paket rapat"): plain text, no Markdown (slides)
    "pack.file": ("paket-rapat", "meeting-pack"),
    "pack.and": (" dan ", " and "),
    "pack.progress.headline": ("Angka utama…", "Headline numbers…"),
    "pack.progress.map": ("Peta…", "Map of counts…"),
    "pack.progress.trend": ("Tren…", "Trend…"),
    "pack.progress.units": ("Peringkat wilayah…", "Rankings…"),
    "pack.progress.reasons": ("Alasan…", "Reasons…"),
    "pack.progress.handling": ("Penanganan…", "Handling…"),
    "pack.progress.kla": ("KLA klaster IV…", "KLA cluster IV…"),
    "pack.progress.pptx": ("Menulis PowerPoint…", "Writing the PowerPoint deck…"),
    "pack.progress.pdf": ("Menulis PDF…", "Writing the PDF…"),
    "pack.title.title": ("Anak Tidak Sekolah di {wilayah}", "Out-of-School Children in {wilayah}"),
    "pack.title.subtitle": ("Paket rapat · {wilayah} · putaran {round}", "Meeting pack · {wilayah} · round {round}"),
    "pack.title.as_of": ("Sensus SIPBM, data per {date}", "SIPBM census, data as of {date}"),
    "pack.title.notes": (
        "Paket ini dibuat dari kueri baca dasbor yang sama dengan layar, sebagai peran {role} (peran viewer: angka "
        "kecil dilindungi). Versi data {version} ({built}).",
        "This pack is made from the dashboard's read queries, the same as the screen, as role {role} (viewer: small "
        "counts protected). Data version {version} ({built}).",
    ),
    "pack.headline.title": ("Angka utama putaran {round}", "Headline numbers, round {round}"),
    "pack.headline.enumerated": ("yang didata", "enumerated"),
    "pack.headline.n_ats": ("Anak tidak sekolah", "Out-of-school children"),
    "pack.headline.coverage": ("Desa/kelurahan didata per 100", "Desa/kelurahan enumerated per 100"),
    "pack.headline.sentence": (
        "Pada {period}, {n_ats} dari {n_anak} {who} yang didata di {wilayah} tidak sekolah: {ats_pct} per 100 anak.",
        "In {period}, {n_ats} of the {n_anak} {who} enumerated in {wilayah} were out of school: {ats_pct} per 100.",
    ),
    "pack.headline.coverage_sentence": (
        "Sensus mendata {n_kel} dari {n_kel_total} desa/kelurahan ({coverage} per 100) dan {n_keluarga} keluarga.",
        "The census enumerated {n_kel} of {n_kel_total} desa/kelurahan ({coverage} per 100) and {n_keluarga} "
        "households.",
    ),
    "pack.headline.none": ("{wilayah} tidak didata pada putaran {round}.", "{wilayah} was not surveyed in round {round}."),
    "pack.headline.chart": ("Anak tidak sekolah menurut kategori", "Out-of-school children by category"),
    "pack.axis.children": ("Anak", "Children"),
    "pack.axis.per100": ("Per 100 anak", "Per 100 children"),
    "pack.axis.coverage": ("Per 100 desa/kelurahan", "Per 100 desa/kelurahan"),
    "pack.map.title": ("Peta jumlah anak tidak sekolah", "Map of the number of out-of-school children"),
    "pack.map.sentence": (
        "{n} dari {total} {level} didata pada putaran ini.",
        "{n} of {total} {level} were enumerated in this round.",
    ),
    "pack.map_rate.title": ("Peta anak tidak sekolah per 100 anak", "Map of out-of-school children per 100"),
    "pack.map_rate.sentence": (
        "Angka per 100 anak yang didata di setiap {level}: membandingkan wilayah yang besar dan kecil.",
        "Out-of-school children per 100 enumerated in each {level}: large and small units compare.",
    ),
    "pack.map_rate.hidden": (
        "Angka {n} {level} tidak ditampilkan: kurang dari {d} anak, atau jumlahnya dilindungi.",
        "The rate of {n} {level} is withheld: fewer than {d} children, or its count is protected.",
    ),
    "pack.progress.map_rate": ("Peta angka…", "Map of rates…"),
    "pack.map.hidden": (
        "Jumlah {n} wilayah disembunyikan (perlindungan sel kecil): {small} dengan kurang dari {k} anak tidak sekolah "
        "(\"< {k}\"), {other} lainnya agar angka kecil itu tidak dapat dihitung dari jumlahnya.",
        "The counts of {n} units are hidden (small-cell protection): {small} with fewer than {k} out-of-school "
        "children (\"< {k}\"), {other} more so that those small counts cannot be worked out from the totals.",
    ),
    "pack.map.none": ("{wilayah} tidak didata pada putaran {round}: tidak ada peta.",
                      "{wilayah} was not surveyed in round {round}: no map."),
    "pack.map.no_boundaries": ("Basis data belum punya batas wilayah untuk {wilayah}: tidak ada peta.",
                               "The store has no boundaries for {wilayah} yet: no map."),
    "pack.trend.title": ("Tren antarputaran", "Trend over the rounds"),
    "pack.trend.single": (
        "{wilayah} baru didata pada satu putaran ({round}), jadi belum ada tren yang dapat ditunjukkan.",
        "{wilayah} has been surveyed in one round only ({round}), so there is no trend to show yet.",
    ),
    "pack.trend.down": (
        "ATS di {wilayah} turun dari {prev_n} ({prev_pct} per 100) pada {prev} menjadi {n} ({pct} per 100) pada {round}.",
        "Out-of-school children in {wilayah} fell from {prev_n} ({prev_pct} per 100) in {prev} to {n} ({pct} per 100) "
        "in {round}.",
    ),
    "pack.trend.up": (
        "ATS di {wilayah} naik dari {prev_n} ({prev_pct} per 100) pada {prev} menjadi {n} ({pct} per 100) pada {round}.",
        "Out-of-school children in {wilayah} rose from {prev_n} ({prev_pct} per 100) in {prev} to {n} ({pct} per 100) "
        "in {round}.",
    ),
    "pack.trend.same": (
        "ATS di {wilayah}: {prev_n} ({prev_pct} per 100) pada {prev} dan {n} ({pct} per 100) pada {round}.",
        "Out-of-school children in {wilayah}: {prev_n} ({prev_pct} per 100) in {prev} and {n} ({pct} per 100) in "
        "{round}.",
    ),
    "pack.trend.break": (
        "Desa/kelurahan yang didata berubah pada putaran {rounds}: sebagian perubahan adalah perubahan cakupan.",
        "The desa/kelurahan enumerated changed in round {rounds}: part of the change is a change of coverage.",
    ),
    "pack.trend.coverage_same": (
        "Desa/kelurahan yang didata sama di setiap putaran, jadi angka antarputaran dapat dibandingkan.",
        "The same desa/kelurahan were enumerated in every round, so the rounds compare.",
    ),
    "pack.trend.coverage_chart": ("Cakupan sensus (desa/kelurahan didata per 100)",
                                  "Census coverage (desa/kelurahan enumerated per 100)"),
    "pack.trend.coverage_series": ("Cakupan", "Coverage"),
    "pack.units.title": ("Wilayah dengan ATS terbanyak dan angka tertinggi",
                         "Where most children are out of school, and where the rates are highest"),
    "pack.units.count_chart": ("{level}: jumlah ATS terbanyak", "{level}: most out-of-school children"),
    "pack.units.rate_chart": ("{level}: ATS per 100 anak tertinggi", "{level}: highest out-of-school rates"),
    "pack.units.count_sentence": ("ATS terbanyak: {units}.", "Most out-of-school children: {units}."),
    "pack.level.kel": ("desa/kelurahan", "desa/kelurahan"),
    "pack.level.kab": ("kabupaten/kota", "kab/kota"),
    "pack.units.rate_sentence": (
        "Angka tertinggi di {nama}: {ats_pct} per 100 dari {n_anak} anak.",
        "The highest rate is in {nama}: {ats_pct} per 100 of {n_anak} children.",
    ),
    "pack.units.left_out": (
        "{n} {level} dengan kurang dari {min} anak atau angka yang dilindungi tidak masuk peringkat angka ATS.",
        "{n} {level} with fewer than {min} children or a protected number are left out of the rate ranking.",
    ),
    "pack.units.none": ("{wilayah} tidak didata pada putaran {round}.", "{wilayah} was not surveyed in round {round}."),
    "pack.reasons.title": ("Alasan utama tidak sekolah", "Main reasons for being out of school"),
    "pack.reasons.chart": ("Anak ATS terkonfirmasi menurut alasan dan kategori",
                           "Confirmed out-of-school children by reason and category"),
    "pack.reasons.sentence": (
        "Dari {n} anak yang terkonfirmasi tidak sekolah, alasan terbanyak: {reasons}.",
        "Of the {n} children confirmed out of school, the most frequent reasons: {reasons}.",
    ),
    "pack.reasons.none": (
        "Belum ada anak terkonfirmasi tidak sekolah dengan alasan tercatat di {wilayah} pada putaran {round}.",
        "No child has been confirmed out of school with a recorded reason in {wilayah} in round {round}.",
    ),
    "pack.handling.title": ("Penanganan dan kembali sekolah", "Handling and returns to school"),
    "pack.handling.funnel_chart": ("Tahap penanganan anak yang ditemukan", "Handling steps of the children found"),
    "pack.handling.returns_chart": ("Anak kembali bersekolah menurut putaran", "Children back in school by round"),
    "pack.handling.returned_series": ("Kembali bersekolah", "Back in school"),
    "pack.handling.sentence": (
        "Dari {n_identified} anak yang ditemukan pada putaran {round}, {n_confirmed} terkonfirmasi tidak sekolah dan "
        "{n_returned} sudah kembali bersekolah ({per100}), tercatat sampai {as_of}.",
        "Of the {n_identified} children found in round {round}, {n_confirmed} were confirmed out of school and "
        "{n_returned} are back in school ({per100}), recorded up to {as_of}.",
    ),
    "pack.handling.retention": (
        "Dari {base} anak yang kembali dan ditemukan lagi pada putaran berikutnya, {retained} masih bersekolah "
        "({pct} per 100).",
        "Of the {base} returned children found again in the next round, {retained} were still in school ({pct} per "
        "100).",
    ),
    "pack.handling.none": ("Belum ada data penanganan di {wilayah} untuk putaran {round}.",
                           "No handling data for {wilayah} in round {round} yet."),
    "pack.kla.title": ("KLA klaster IV: kartu skor", "KLA cluster IV scorecard"),
    "pack.kla.sentence": (
        "Tahun {tahun}: {hijau} dari {n} indikator bernilai tercapai, {kuning} mendekati, {merah} jauh dari target.",
        "Year {tahun}: {hijau} of {n} indicators with a value are on target, {kuning} close, {merah} far from it.",
    ),
    "pack.kla.red": ("Jauh dari target: {indicators}.", "Far from target: {indicators}."),
    "pack.kla.tier": ("Peringkat KLA {tahun}: {tier}.", "KLA tier {tahun}: {tier}."),
    "pack.kla.none": ("Belum ada nilai indikator KLA klaster IV untuk {wilayah} tahun {tahun}.",
                      "No KLA cluster IV indicator values for {wilayah} in {tahun} yet."),
    "pack.kla.province": (
        "KLA dinilai per kabupaten/kota: kartu skor klaster IV ada di paket setiap kabupaten/kota.",
        "KLA is judged per kab/kota: the cluster IV scorecard is in each kab/kota's pack.",
    ),
    "pack.closing.title": ("Definisi dan sumber", "Definitions and sources"),
    "pack.closing.term.n_anak": ("Anak", "Children"),
    "pack.closing.term.n_ats": ("ATS", "Out of school"),
    "pack.closing.term.ats_pct": ("ATS per 100", "Out of school per 100"),
    "pack.closing.def.n_anak": ("anak usia 7-18 tahun yang didata sensus SIPBM pada putaran itu.",
                                "children aged 7-18 enumerated by the SIPBM census in the round."),
    "pack.closing.def.n_ats": (
        "anak 7-18 yang putus sekolah (DO), lulus tidak melanjutkan (LTM) atau belum pernah bersekolah (BPB).",
        "children 7-18 who dropped out (DO), finished a level and did not continue (LTM) or never enrolled (BPB).",
    ),
    "pack.closing.categories": (
        "Kategori: DO putus sekolah, LTM lulus tidak melanjutkan, BPB belum pernah bersekolah.",
        "Categories: DO dropped out, LTM finished a level and did not continue, BPB never enrolled.",
    ),
    "pack.closing.coverage": (
        "Cakupan: desa/kelurahan yang didata per 100 desa/kelurahan kab/kota yang menjalankan putaran itu.",
        "Coverage: desa/kelurahan enumerated per 100 desa/kelurahan of the kab/kota that ran the round.",
    ),
    "pack.closing.protection": (
        "Perlindungan sel kecil: jumlah 1 sampai {k1} ditulis \"< {k}\"; jumlah lain yang disembunyikan agar angka kecil "
        "tidak dapat dihitung dari jumlahnya ditulis \"disembunyikan\"; angka per 100 hanya untuk wilayah dengan "
        "sedikitnya {d} anak.",
        "Small-cell protection: counts from 1 to {k1} read \"< {k}\"; other counts hidden so that a small one cannot be "
        "worked out from the totals read \"suppressed\"; rates only for units with at least {d} children.",
    ),
    "pack.closing.census": ("Sensus SIPBM (PASTI BERAKSI): anak 7-18 tahun per putaran.",
                            "SIPBM census (PASTI BERAKSI): children 7-18 per round."),
    "pack.closing.handling": ("Catatan penanganan Tim PATS: verifikasi, asesmen, rujukan, intervensi, kembali sekolah.",
                              "Tim PATS handling records: verification, assessment, referral, intervention, return."),
    "pack.closing.kla": ("KLA klaster IV: nilai sensus dan nilai yang diisi operator kab/kota, dengan buktinya.",
                         "KLA cluster IV: census values and values entered by kab/kota operators, with evidence."),
    "pack.closing.version": ("Versi data {version}, dibangun {built}.", "Data version {version}, built {built}."),
    "pack.closing.notes": (
        "Setiap angka di paket ini berasal dari kueri baca yang tertulis di catatan pembicara tiap slide.",
        "Every number in this pack comes from the read query named in each slide's speaker notes.",
    ),
    "pack.err.unknown_wilayah": ("Tidak ada wilayah berkode {kode} di basis data.", "No wilayah has code {kode} in the store."),
    "pack.err.level": ("Paket rapat dibuat untuk provinsi atau kabupaten/kota, bukan untuk {kode}.",
                       "A meeting pack is made for a province or a kab/kota, not for {kode}."),
    "pack.err.no_data": ("{wilayah} belum punya putaran survei di basis data.", "{wilayah} has no survey round in the store."),
    "pack.err.round_not_surveyed": ("Putaran {round} tidak didata di {wilayah}; putarannya: {rounds}.",
                                    "Round {round} was not surveyed in {wilayah}; its rounds: {rounds}."),
    "pack.err.out_unwritable": ("Folder {folder} tidak dapat ditulisi.", "The folder {folder} cannot be written."),
    "pack.err.format": ("Format paket: pptx dan/atau pdf.", "Pack formats: pptx and/or pdf."),
    "pack.button": ("Paket rapat", "Meeting pack"),
    "pack.button_help": (
        "PowerPoint (grafik yang dapat disunting) dan PDF dengan slide yang sama untuk {wilayah}, putaran {round}.",
        "A PowerPoint deck (editable charts) and a PDF of the same slides for {wilayah}, round {round}.",
    ),
    "pack.building": ("Menyusun paket rapat…", "Building the meeting pack…"),
    "pack.built": ("Paket rapat siap: {slides} slide.", "Meeting pack ready: {slides} slides."),
    "pack.download_pptx": ("Unduh PowerPoint", "Download PowerPoint"),
    "pack.download_pdf": ("Unduh PDF", "Download PDF"),
    "pack.present.start": ("Mode presentasi", "Presentation mode"),
    "pack.present.help": (
        "Slide paket rapat satu per layar, tanpa menu; panah kiri/kanan untuk berpindah, Esc untuk keluar. Tautannya "
        "membuka presentasi yang sama.",
        "The meeting pack's slides one per screen, without menus; left/right arrows to move, Esc to leave. Its link "
        "opens the same presentation.",
    ),
    "pack.present.previous": ("Sebelumnya", "Previous"),
    "pack.present.next": ("Berikutnya", "Next"),
    "pack.present.exit": ("Keluar dari presentasi", "Leave the presentation"),
    "pack.filters_note": (
        "Paket rapat memuat semua anak 7-18 tahun; filter jenis kelamin, umur, disabilitas dan kategori tidak dipakai.",
        "The meeting pack counts all children 7-18; the sex, age, disability and category filters do not apply.",
    ),
    # figures that leave the screen (ui/figure_files.py): the download buttons and the words drawn into images
    "figure.png_slide": ("PNG slide", "PNG slide"),
    "figure.png_slide_help": (
        "Gambar 1920×1080 untuk slide, dengan judul, tampilan, legenda dan sumber.",
        "A 1920×1080 image for slides, with its title, view, legend and source.",
    ),
    "figure.png_print": ("PNG cetak", "PNG print"),
    "figure.png_print_help": (
        "Gambar A4 mendatar 300 dpi untuk laporan cetak.",
        "An A4 landscape image at 300 dpi for printed reports.",
    ),
    "figure.svg": ("SVG", "SVG"),
    "figure.svg_help": (
        "Gambar vektor (teksnya dapat disunting), untuk diolah lebih lanjut.",
        "A vector image (its text can be edited), for further design work.",
    ),
    "figure.north": ("U", "N"),
    # h-bugs (issue 21.3): bugs found in use
    "peta.mostly_hidden": (
        "{n} dari {total} wilayah tingkat {level} disembunyikan oleh perlindungan sel kecil (terlalu sedikit anak). "
        "Tingkat {coarser} yang lebih besar dapat menunjukkan angkanya.",
        "{n} of {total} units at the {level} level are hidden by small-cell protection (too few children). "
        "The larger {coarser} units can show their numbers.",
    ),
    "peta.show_coarser": ("Tampilkan per {coarser}", "Show by {coarser}"),
    "peta.no_child_class": ("Tidak ada anak dalam kelompok ini", "No child in this group"),
    "peta.hover_no_child": (
        "<b>{nama}</b><br>Sudah disurvei, tetapi tidak ada {who}",
        "<b>{nama}</b><br>Surveyed, but no {who}",
    ),
    "col.keterangan": ("Keterangan", "Note"),
    "upload.button": ("Pilih berkas", "Choose a file"),
    "filter.choose": ("Pilih…", "Choose…"),
    "plotly.fullscreen": ("Layar penuh", "Full screen"),
    "peta.labels": ("Nama wilayah di peta", "Names on the map"),
    "plotly.close_fullscreen": ("Tutup layar penuh", "Close full screen"),
    "upload.limit": ("Paling besar {mb} MB per berkas", "At most {mb} MB per file"),
    "impor.date_placeholder": ("hh/bb/tttt", "dd/mm/yyyy"),
    "impor.bad_date": (
        "'{value}' bukan tanggal: tulis hari/bulan/tahun, mis. 15/07/2025 (format {example}).",
        "'{value}' is not a date: write day/month/year, e.g. 15/07/2025 ({example}).",
    ),
    "filter.bad_url_cut": (
        "Tautan berisi {name} = '{value}' (dipotong; aslinya {n} karakter) yang tidak dikenal; filter itu diabaikan.",
        "The link has an unknown {name} = '{value}' (cut short; {n} characters in all); that filter was ignored.",
    ),
    # singular forms (ui.i18n.t takes KEY.one when n is 1); the Indonesian texts are those of KEY
    "impor.note.outside_parent.one": (
        "{n} wilayah terletak di luar kotak batas wilayah di atasnya (kecamatan, kab/kota atau provinsi terdekat "
        "yang punya poligon), mis. {examples}: berkas itu mungkin memberi mereka kode wilayah lain, atau poligon di "
        "atasnya keliru. Periksa di peta.",
        "{n} unit lies outside the bounding box of the unit above it (the nearest kecamatan, kab/kota or province "
        "with a polygon), e.g. {examples}: the file may give it the code of another unit, or the polygon above is "
        "wrong. Check it on the map.",
    ),
    "impor.note.handling_no_date.one": (
        "{n} anak ATS punya tahap penanganan sesudah {step} tetapi tanpa tanggal_{step}: dihitung sudah melewati "
        "tahap {step} (tahap yang tercatat kemudian berarti tahap sebelumnya sudah dilalui); tidak ditolak.",
        "{n} out-of-school child has a handling step after {step} but no tanggal_{step}: counted as having "
        "passed the {step} step (a recorded later step implies the earlier ones); not rejected.",
    ),
    "impor.note.handling_after_bukan_ats.one": (
        "{n} anak yang diverifikasi bukan ATS (status_verifikasi bukan_ats) punya tanggal penanganan sesudahnya: "
        "verifikasi itu yang berlaku, jadi tahap sesudahnya tidak dihitung.",
        "{n} child verified not out of school (status_verifikasi bukan_ats) has later handling dates: the "
        "verification stands, so those steps are not counted.",
    ),
    "impor.note.handling_code_no_date.one": (
        "{n} anak ATS punya {column} tanpa tanggal_{step}: tahap penanganan disimpan bersama tanggalnya, jadi "
        "{column} itu tidak disimpan. Isi tanggal_{step} bila tahap itu sudah terjadi.",
        "{n} out-of-school child has {column} without tanggal_{step}: a handling step is stored with its "
        "date, so that {column} was not stored. Fill in tanggal_{step} where the step has happened.",
    ),
    # unit profile and comparison of districts (issue 21.3)
    "profile.click_hint": (
        "Klik sebuah desa/kelurahan di peta untuk membuka profilnya.",
        "Click a village on the map to open its profile.",
    ),
    "profile.title": ("Profil {nama}", "Profile of {nama}"),
    "profile.close": ("Tutup profil, kembali ke peta", "Close the profile, back to the map"),
    "profile.not_surveyed": (
        "{nama} belum disurvei pada {round}: tidak ada angka untuk putaran ini.",
        "{nama} was not surveyed in {round}: there are no numbers for this round.",
    ),
    "profile.never_surveyed": (
        "Belum ada putaran sensus yang mendata {nama} atau wilayah di sekitarnya.",
        "No census round has enumerated {nama} or the area around it yet.",
    ),
    "profile.n_anak_help": (
        "Anak 7-18 tahun yang didata sensus SIPBM pada putaran ini (n).",
        "Children 7-18 enumerated by the SIPBM census in this round (n).",
    ),
    "profile.categories": (
        "Putus sekolah (DO) **{n_do}** · lulus tidak melanjutkan (LTM) **{n_ltm}** · belum pernah bersekolah (BPB) "
        "**{n_bpb}** · tamat 12 tahun, bukan ATS **{n_tamat12}**",
        "Dropped out (DO) **{n_do}** · finished, not continuing (LTM) **{n_ltm}** · never enrolled (BPB) **{n_bpb}** · "
        "completed 12 years, not ATS **{n_tamat12}**",
    ),
    "profile.rate_withheld": (
        "Angka per 100 ditahan: kurang dari {d} anak didata, atau jumlah yang membentuknya dilindungi (sel kecil).",
        "The rate per 100 is withheld: fewer than {d} children enumerated, or a count it is made of is protected (small "
        "cells).",
    ),
    "profile.spark_gaps": (
        "Tanpa titik pada putaran {rounds}: angka per 100 ditahan atau tidak ada anak yang dipilih filter.",
        "No point in rounds {rounds}: the rate is withheld or the filters select no child.",
    ),
    "profile.spark_hover": ("Putaran {round}: {rate} per 100 anak", "Round {round}: {rate} per 100 children"),
    "profile.coverage": (
        "**Cakupan sensus:** didata pada putaran {rounds} (dari {n_rounds} putaran di wilayah ini); {households} "
        "keluarga didata pada {period}.",
        "**Census coverage:** enumerated in rounds {rounds} (of {n_rounds} rounds in the area); {households} "
        "households enumerated in {period}.",
    ),
    "profile.reasons": ("Alasan utama (ATS terkonfirmasi)", "Main reasons (confirmed out of school)"),
    "profile.reason": ("- {alasan}: {n} anak ({share} per 100 terkonfirmasi)",
                       "- {alasan}: {n} children ({share} per 100 confirmed)"),
    "profile.no_reasons": (
        "Belum ada anak yang terkonfirmasi tidak sekolah pada putaran ini.",
        "No child confirmed out of school in this round yet.",
    ),
    "profile.handling": ("Penanganan", "Handling"),
    "profile.funnel": (
        "Ditemukan **{identified}** → terkonfirmasi ATS **{confirmed}** → kembali bersekolah **{returned}** "
        "({return_pct} per 100 terkonfirmasi) · kasus terbuka **{open}**",
        "Identified **{identified}** → confirmed out of school **{confirmed}** → back in school **{returned}** "
        "({return_pct} per 100 confirmed) · open cases **{open}**",
    ),
    "profile.no_handling": (
        "Belum ada penanganan tercatat untuk anak yang ditemukan pada putaran {round}.",
        "No handling recorded yet for the children found in round {round}.",
    ),
    "nav.banding": ("Bandingkan", "Compare"),
    "banding.title": ("Bandingkan wilayah", "Compare areas"),
    "banding.intro": (
        "Pilih 2 sampai {most} kabupaten/kota atau kecamatan dalam satu provinsi: peta desa/kelurahannya dengan satu "
        "legenda, trennya dalam satu grafik dan satu tabel. Filter di samping berlaku.",
        "Pick 2 to {most} regencies/cities or districts of one province: their village maps under one legend, their "
        "trends on one chart and one table. The filters at the side apply.",
    ),
    "banding.level": ("Bandingkan tingkat", "Compare level"),
    "banding.units": ("Wilayah yang dibandingkan", "Areas compared"),
    "banding.placeholder": ("Pilih wilayah", "Choose areas"),
    "banding.capped": (
        "Paling banyak {most} wilayah dibandingkan: yang terakhir dipilih tidak ditambahkan. Hapus satu wilayah dulu.",
        "At most {most} areas are compared: the last one chosen was not added. Remove one first.",
    ),
    "banding.pick_hint": (
        "Pilih sedikitnya 2 wilayah (paling banyak {most}) untuk dibandingkan.",
        "Pick at least 2 areas (at most {most}) to compare.",
    ),
    "banding.legend_note": (
        "Satu legenda untuk semua peta: kelas dihitung atas {level} dari semua wilayah yang dipilih, jadi warna yang "
        "sama berarti angka yang sama di setiap peta.",
        "One legend for every map: the classes are computed over the {level} of all the chosen areas, so one colour "
        "means the same numbers on every map.",
    ),
    "banding.map_title": ("{nama}", "{nama}"),
    "banding.not_surveyed": (
        "{nama} tidak didata pada {round}: petanya abu-abu dan barisnya kosong. Pilih putaran lain di samping.",
        "{nama} was not enumerated in {round}: its map is grey and its row empty. Choose another round at the side.",
    ),
    "banding.trend": ("Tren per putaran", "Trend by round"),
    "banding.no_trend": ("Belum ada putaran yang mendata wilayah ini.", "No round has enumerated these areas yet."),
    "banding.hover": ("<b>{nama}</b><br>Putaran {round}: {rate} per 100 anak", "<b>{nama}</b><br>Round {round}: {rate} per 100 children"),
    "banding.table": ("{level} yang dibandingkan", "{level} compared"),
    # p-marks (issue 19): a count hidden as a complementary cell gets a neutral mark, not "< k" (ui/fmt.py)
    "fmt.suppressed": ("disembunyikan", "suppressed"),
    "fmt.suppressed_short": ("×", "×"),
    "fmt.marks": ("Tanda: {marks}", "Marks: {marks}"),
    "peta.hover_small": ("<b>{nama}</b><br>Kurang dari {k} anak (disembunyikan)",
                         "<b>{nama}</b><br>Fewer than {k} children (hidden)"),
    "peta.hover_suppressed": ("<b>{nama}</b><br>Disembunyikan agar angka kecil tidak dapat dihitung dari jumlahnya",
                              "<b>{nama}</b><br>Suppressed so that a small count cannot be worked out from the totals"),
    "peta.hover_withheld": ("<b>{nama}</b><br>Angka per 100 ditahan: kurang dari {d} anak, atau dihitung dari jumlah "
                            "yang disembunyikan",
                            "<b>{nama}</b><br>Rate withheld: fewer than {d} children, or made of a hidden count"),
    "peta.withheld_class": ("Ditahan (< {d} anak, atau dari jumlah tersembunyi)",
                            "Withheld (< {d} children, or made of a hidden count)"),
    "pack.map.hidden_small": (
        "{n} wilayah dengan kurang dari {k} anak tidak sekolah ditandai \"< {k}\" (perlindungan sel kecil).",
        "{n} units with fewer than {k} out-of-school children are marked \"< {k}\" (small-cell protection).",
    ),
    "export.about.small": (
        "Jumlah anak 1 sampai {below}, disembunyikan untuk melindungi anak. Angka 0 adalah nol sebenarnya.",
        "A count of 1 to {below} children, hidden to protect children. A 0 is a true zero.",
    ),
    "export.about.suppressed": (
        "Disembunyikan agar angka kecil tidak dapat dihitung dari jumlahnya (dari total dikurangi angka lain). "
        "Tanda ini tidak menyatakan nilai: bukan jumlah 1 sampai {below}, bisa 0 atau {k} ke atas.",
        "Suppressed so that a small count cannot be worked out from the totals (a total minus the other numbers). "
        "The mark claims no value: not a count of 1 to {below}; it may be 0, or {k} or more.",
    ),
    "export.about.withheld": (
        "Persentase ditahan: penyebutnya kurang dari {d} anak, atau dihitung dari jumlah yang disembunyikan.",
        "Rate withheld: its denominator has fewer than {d} children, or it is made of a hidden count.",
    ),
    # small-cell protection of the census counts outside the map (issue 19: KLA, coverage, targets)
    "kla.compare.withheld": (
        "{n} kab/kota tidak diperingkat dan tidak masuk nilai provinsi: nilainya disembunyikan (kurang dari {d} anak, "
        "atau jumlah anak kurang dari {k} atau yang melindunginya).",
        "{n} kab/kota are not ranked nor in the province value: their value is withheld (fewer than {d} children, or "
        "a count below {k} children or one protecting it).",
    ),
    # f-figures: the pack's handling slide when the round is still in progress (the Penanganan page's rule)
    "pack.handling.in_progress": (
        "Penanganan putaran {round} masih berjalan, jadi angka kembali bersekolah masih akan naik.",
        "Handling of round {round} is still in progress, so returns to school will still rise.",
    ),
    "pack.handling.in_progress_prev": (
        "Penanganan putaran {round} masih berjalan, jadi angka kembali bersekolah masih akan naik; pada putaran "
        "{prev} yang sudah lengkap, {n_returned} anak kembali bersekolah ({per100}).",
        "Handling of round {round} is still in progress, so returns to school will still rise; in round {prev}, "
        "complete, {n_returned} children went back to school ({per100}).",
    ),
    "pack.handling.per100": ("{pct} per 100 yang terkonfirmasi", "{pct} per 100 confirmed"),
    "pack.handling.per100_withheld": ("angka per 100 yang terkonfirmasi ditahan", "the rate per 100 confirmed is withheld"),
    # p-handling (issue 19): the pack's reasons slide when a reason has a hidden category
    "pack.reasons.sentence_partial": (
        "Alasan terbanyak di antara anak yang terkonfirmasi tidak sekolah: {reasons}. Alasan tanpa jumlah di sini "
        "memuat angka yang disembunyikan untuk melindungi kelompok di bawah {k} anak.",
        "The most frequent reasons among the children confirmed out of school: {reasons}. A reason named without its "
        "count holds counts suppressed to protect groups below {k} children.",
    ),
    # s-polish: the visitors' wilayah, a view held before a login, the account in exports and source details
    "login.anonymous_scope": (
        "Anda belum masuk: dasbor menampilkan angka yang dilindungi (pemirsa) untuk wilayah {scope}.",
        "You are not logged in: the dashboard shows protected numbers (viewer) for wilayah {scope}.",
    ),
    "scope.after_login": (
        "Wilayah yang dibuka sebelum Anda masuk, {place}, berada di luar wilayah akun Anda ({scope}): angkanya tidak "
        "ditampilkan. Yang ditampilkan adalah wilayah akun Anda.",
        "The wilayah opened before you logged in, {place}, lies outside your account's wilayah ({scope}): its numbers "
        "are not shown. Your account's wilayah is shown instead.",
    ),
    "source.account": ("dibaca untuk", "read for"),
    "source.account_text": ("{role} ({numbers}), wilayah {scope}", "{role} ({numbers}), wilayah {scope}"),
    "source.numbers.protected": ("angka dilindungi", "protected numbers"),
    "source.numbers.unprotected": ("angka tanpa perlindungan sel kecil", "numbers without small-cell protection"),
    "export.about.account": ("Dibaca untuk (peran, wilayah)", "Read for (role, wilayah)"),
    # Streamlit's own texts said by CSS (ui.widgets.streamlit_texts)
    "streamlit.search": ("Cari", "Search"),
    "streamlit.download_csv": ("Unduh sebagai CSV", "Download as CSV"),
    "streamlit.no_results": ("Tidak ada hasil", "No results"),
    "streamlit.skip": ("Langsung ke isi utama", "Skip to main content"),
    "streamlit.enter_apply": ("Tekan Enter untuk menerapkan", "Press Enter to apply"),
    "streamlit.enter_submit": ("Tekan Enter untuk mengirim", "Press Enter to submit"),
    "streamlit.ctrl_enter_apply": ("Tekan Ctrl/⌘+Enter untuk menerapkan", "Press Ctrl/⌘+Enter to apply"),
    "streamlit.ctrl_enter_submit": ("Tekan Ctrl/⌘+Enter untuk mengirim", "Press Ctrl/⌘+Enter to submit"),
    # u-use (session 5): what a new user found wrong in use
    "fmt.withheld_cells": (
        "Sel tanpa angka: persentase ditahan (penyebutnya kurang dari {d} anak, atau dihitung dari jumlah yang "
        "disembunyikan).",
        "A cell without a number: rate withheld (its denominator has fewer than {d} children, or it is made of a "
        "hidden count).",
    ),
    "filter.unknown_url": (
        "Tautan berisi {n} parameter yang tidak dikenal: {names}; diabaikan. Parameter yang dikenal: {known}.",
        "The link has {n} parameters that are not known: {names}; they were ignored. Known parameters: {known}.",
    ),
    "filter.unknown_url.one": (
        "Tautan berisi {n} parameter yang tidak dikenal: {names}; diabaikan. Parameter yang dikenal: {known}.",
        "The link has {n} parameter that is not known: {names}; it was ignored. Known parameters: {known}.",
    ),
    "banding.scope_too_small": (
        "Bandingkan memerlukan akun dengan wilayah sedikitnya satu kab/kota (wilayah akun Anda: {scope}): kecamatan "
        "atau kab/kota dibandingkan di dalamnya.",
        "Comparing needs an account whose wilayah is at least a kab/kota (your account's wilayah: {scope}): its "
        "kecamatan or kab/kota are compared.",
    ),
    "kla.col.perubahan_help": (
        "Perubahan nilai sejak tahun dalam kurung, tahun sebelumnya yang punya nilai (poin persen untuk persentase).",
        "Change in value since the year in brackets, the previous year with a value (percentage points for a percentage).",
    ),
    # lead (session 5)
    "roles.or": ("{roles} atau {last}", "{roles} or {last}"),
    "scope.named": ("{name} · {kode}", "{name} · {kode}"),
    # q-desa (session 6): the Peta unit table's first rows, its switch to all and its finder
    "peta.table_first": (
        "{n} dari {total} wilayah ({level}) ditampilkan, urut menurut {measure} (tertinggi dulu); semua ada di unduhan "
        "CSV/XLSX.",
        "{n} of {total} units ({level}) shown, sorted by {measure} (highest first); all are in the CSV/XLSX downloads.",
    ),
    "peta.table_every": (
        "Semua {total} wilayah ({level}), urut menurut {measure} (tertinggi dulu).",
        "All {total} units ({level}), sorted by {measure} (highest first).",
    ),
    "peta.table_found": (
        "{n} dari {total} wilayah ({level}) cocok dengan “{term}”.",
        "{n} of {total} units ({level}) match “{term}”.",
    ),
    "peta.table_found_first": (
        "{n} yang tertinggi ditampilkan; semua ada di unduhan CSV/XLSX.",
        "The {n} highest are shown; all are in the CSV/XLSX downloads.",
    ),
    "peta.table_find": ("Cari {level} (nama atau kode)", "Find a unit ({level}) by name or code"),
    "peta.table_find_hint": ("ketik sebagian nama", "type part of a name"),
    "peta.table_all": ("Tampilkan semua ({n})", "Show all ({n})"),
    # u-polish (session 6): the small bugs found in use
    "kpi.returned_rate": ("{pct} per 100 ATS terkonfirmasi", "{pct} per 100 confirmed"),
    "penanganan.funnel_chart": (
        "Alur penanganan: anak per tahap · % dari tahap sebelumnya",
        "Handling funnel: children per step · % of the step before",
    ),
    "penanganan.least_resolved_running": (
        "Penanganan putaran {round} masih berjalan: sebagian besar anak belum sampai intervensi, jadi belum ada alasan "
        "yang dapat disebut jarang teratasi. Pilih putaran sebelumnya untuk membandingkan alasan pada penanganan yang "
        "sudah lengkap.",
        "Handling of round {round} is still in progress: most children have not reached an intervention yet, so no "
        "reason can be called rarely resolved. Choose the previous round to compare reasons on completed handling.",
    ),
    "penanganan.least_resolved_left_out": (
        "{n} alasan (per kategori) tidak diperingkat: kurang dari {d} ATS terkonfirmasi atau angkanya disembunyikan, "
        "terlalu sedikit anak untuk dibandingkan.",
        "{n} reasons (by category) are not ranked: fewer than {d} confirmed children or their numbers withheld, too "
        "few children to compare.",
    ),
    # the short headers of a table of many columns (ui.view.View.short_column); the full one is the column's help
    "view.head.n_anak": ("Anak {age}", "{age} yr olds"),
    "view.head.n_ats": ("ATS", "ATS"),
    "view.head.ats_pct": ("ATS per 100", "ATS per 100"),
    "view.head.n_ats.kategori": ("ATS: {k}", "ATS: {k}"),
    "view.head.ats_pct.kategori": ("{k} per 100", "{k} per 100"),
    "view.head.n_tamat12": ("Tamat 12 th", "Gr.12 done"),
    "view.head.tamat12_pct": ("Tamat per 100", "Gr.12 per 100"),
    "view.head.ats_rate": ("100 - APS", "100 - APS"),
    "view.head.ats_pct_kategori": ("ATS per 100", "ATS per 100"),
    "view.head.n_anak_group": ("Anak", "Children"),
    "view.head.return_pct": ("% kembali", "% returned"),
    "view.head.retention_pct": ("% bertahan", "% retained"),
    "view.head.n_confirmed": ("Terkonfirmasi", "Confirmed"),
    "view.head.n_open": ("Terbuka", "Open cases"),
    "view.head.median_days_to_return": ("Median hari", "Median days"),
    # the survey file's format on the Impor page (ui/import_format.py), for an operator
    "impor.fmt.title": ("Format berkas survei: kolom, kode dan contoh", "Survey file format: columns, codes and an example"),
    "impor.fmt.intro": (
        "Satu baris untuk setiap anak umur 0-18 yang didata pada putaran itu, dengan baris judul kolom di atasnya. "
        "Nama kolom boleh huruf besar atau kecil, dengan spasi atau garis bawah (`Kode Kel` = `kode_kel`); kolom lain "
        "diabaikan, sel kosong berarti tidak diisi. Tanggal ditulis hh/bb/tttt (15/07/2026) atau tttt-bb-hh; ya/tidak "
        "juga boleh 1/0. NIK dan nomor KK disimpan hanya sebagai kode acak (hash), nama tidak disimpan.",
        "One row for every child aged 0-18 enumerated in the round, under a row of column names. Column names may be "
        "in upper or lower case, with spaces or underscores (`Kode Kel` = `kode_kel`); other columns are ignored, an "
        "empty cell means not filled in. Dates as dd/mm/yyyy (15/07/2026) or yyyy-mm-dd; ya/tidak may also be 1/0. "
        "NIK and family card numbers are stored only as a keyed hash, names are not stored.",
    ),
    "impor.fmt.column": ("Kolom", "Column"),
    "impor.fmt.required": ("Wajib", "Required"),
    "impor.fmt.what": ("Isi", "What it holds"),
    "impor.fmt.codes": ("Kode yang diterima", "Codes accepted"),
    "impor.fmt.required.yes": ("ya", "yes"),
    "impor.fmt.required.no": ("tidak", "no"),
    "impor.fmt.required.one_of": ("salah satu dari dua", "one of the two"),
    "impor.fmt.required.when": ("bila berlaku", "when it applies"),
    "impor.fmt.col.survey_round": ("Tahun putaran survei (boleh diisi di atas, bukan di berkas)",
                                   "Year of the survey round (may be given above instead)"),
    "impor.fmt.col.kode_kel": ("Kode desa/kelurahan Kemendagri, 73.73.01.1001 atau 7373011001",
                               "Kemendagri code of the desa/kelurahan, 73.73.01.1001 or 7373011001"),
    "impor.fmt.col.id_keluarga": ("Nomor rumah tangga dari pendataan", "Household number of the enumeration"),
    "impor.fmt.col.no_kk": ("Nomor KK, 16 angka", "Family card number, 16 digits"),
    "impor.fmt.col.tanggal_pendataan": ("Tanggal rumah tangga didata", "Date the household was enumerated"),
    "impor.fmt.col.nik": ("NIK anak, 16 angka", "The child's NIK, 16 digits"),
    "impor.fmt.col.nama": ("Nama anak (dibaca, tidak disimpan)", "The child's name (read, not stored)"),
    "impor.fmt.col.sex": ("Jenis kelamin: L laki-laki, P perempuan", "Sex: L boy, P girl"),
    "impor.fmt.col.tanggal_lahir": ("Tanggal lahir", "Date of birth"),
    "impor.fmt.col.umur": ("Umur dalam tahun, bila tanggal lahir tidak ada", "Age in years, when there is no date of birth"),
    "impor.fmt.col.disabilitas": ("Penyandang disabilitas", "Has a disability"),
    "impor.fmt.col.jenis_disabilitas": ("Jenis disabilitas", "Kind of disability"),
    "impor.fmt.col.partisipasi": ("Status sekolah: formal, nonformal (Paket A/B/C) atau tidak sekolah",
                                  "School status: formal, non-formal (Paket A/B/C) or not in school"),
    "impor.fmt.col.jenjang": ("Jenjang sekarang, bila bersekolah (MI, MTs, SMK, MA dibaca SD, SMP, SMA)",
                              "Current level, when in school (MI, MTs, SMK, MA read as SD, SMP, SMA)"),
    "impor.fmt.col.kelas": ("Kelas sekarang, 1-12, bila bersekolah", "Current grade, 1-12, when in school"),
    "impor.fmt.col.kategori_ats": (
        "Bila tidak sekolah umur 7-18: DO putus sekolah, LTM lulus tidak melanjutkan, BPB belum pernah bersekolah, "
        "TAMAT12 sudah tamat kelas 12 (bukan ATS)",
        "When out of school aged 7-18: DO dropped out, LTM finished and did not continue, BPB never enrolled, "
        "TAMAT12 completed grade 12 (not ATS)"),
    "impor.fmt.col.jenjang_terakhir": ("Jenjang terakhir, untuk DO, LTM dan TAMAT12", "Last level, for DO, LTM and TAMAT12"),
    "impor.fmt.col.kelas_terakhir": ("Kelas terakhir, 1-12, untuk DO, LTM dan TAMAT12", "Last grade, 1-12, for DO, LTM and TAMAT12"),
    "impor.fmt.col.alasan": ("Alasan utama tidak sekolah", "Main reason for being out of school"),
    "impor.fmt.col.tanggal_verifikasi": ("Tanggal verifikasi penanganan", "Date of the handling's verification"),
    "impor.fmt.col.status_verifikasi": ("Hasil verifikasi: memang ATS atau bukan ATS", "Verification result: out of school or not"),
    "impor.fmt.col.alasan_bukan_ats": ("Mengapa bukan ATS", "Why not out of school"),
    "impor.fmt.col.tanggal_intervensi": ("Tanggal intervensi", "Date of the intervention"),
    "impor.fmt.col.jenis_intervensi": ("Jenis intervensi", "Kind of intervention"),
    "impor.fmt.col.tanggal_hasil": ("Tanggal hasil penanganan", "Date of the handling's result"),
    "impor.fmt.col.hasil": ("Hasil penanganan", "Result of the handling"),
    "impor.fmt.mapping": (
        "Berkas dengan nama kolom atau kode lain (mis. ekspor KoBo: \"Jenis Kelamin\" berisi \"Laki-laki\") "
        "diimpor dengan berkas pemetaan kolom: tiap baris menulis nama kolom di berkas = nama kolom di atas, dan kode "
        "di berkas = kode yang diterima. Contohnya dapat diunduh di bawah.",
        "A file with other column names or codes (e.g. a KoBo export: \"Jenis Kelamin\" holding \"Laki-laki\") "
        "is imported with a column mapping file: each line says a column name of the file = a column above, and a "
        "code of the file = a code accepted. An example can be downloaded below.",
    ),
    "impor.fmt.example": ("Contoh berkas survei (CSV, data rekaan)", "Example survey file (CSV, made-up data)"),
    "impor.fmt.mapping_example": ("Contoh berkas pemetaan (TOML)", "Example mapping file (TOML)"),
    # u-left (session 7): the Impor page's help for files over the upload limit, the command behind a detail
    "impor.large.title": ("Rincian teknis untuk pengelola server", "Technical detail for the server's operator"),
    "impor.large.survey": (
        "Berkas survei sebesar apa pun dimuat di server dari baris perintah: `python -m data import BERKAS` "
        "(dengan `--round` dan `--mapping` seperti isian formulir ini; `--dry-run` memeriksanya tanpa menyimpan).",
        "A survey file of any size is loaded on the server from the command line: `python -m data import FILE` "
        "(with `--round` and `--mapping` as in this form; `--dry-run` checks it without storing it).",
    ),
    "impor.large.boundary": (
        "Berkas batas sebesar apa pun dimuat di server dari baris perintah: `python -m data boundaries BERKAS` "
        "(dengan `--level`, `--code-column`, `--name-column` dan `--layer` seperti isian formulir ini).",
        "A boundary file of any size is loaded on the server from the command line: `python -m data boundaries FILE` "
        "(with `--level`, `--code-column`, `--name-column` and `--layer` as in this form).",
    ),
    # v-pass (session 8): short headers of the import history's narrow columns (the full header is their help)
    "impor.history.short.rows_read": ("Dibaca", "Read"),
    "impor.bhistory.short.units_in_files": ("Di berkas", "In files"),
    "impor.bhistory.short.unmatched": ("Tak dikenal", "Unknown"),
    "impor.bhistory.short.without_polygon": ("Tanpa batas", "No boundary"),
    "impor.bhistory.short.outside_parent": ("Luar induk", "Outside"),
    "audit.since": ("Periode: dari", "Period: from"),
    "audit.until": ("sampai", "to"),
    # peta-first (session 10): the unit table one switch away under the map
    "peta.table_show": ("Tampilkan tabel ({n} wilayah)", "Show the table ({n} units)"),

    # ui-pass (session 10): a table's column-header menu, cut to its two sort items (ui.widgets.streamlit_texts)
    "streamlit.sort_asc": ("Urutkan naik", "Sort ascending"),
    "streamlit.sort_desc": ("Urutkan turun", "Sort descending"),

    # fit-pass (session 11): the Audit table's reasons in the page's language (views/audit.py; a code with no text
    # here falls back to audit.reason.other)
    "audit.help.view": ("Halaman dasbor, atau perintah baris perintah (CLI)",
                        "The dashboard's page, or the command line's command"),
    "audit.reason.wrong_password": ("sandi salah", "bad password"),
    "audit.reason.unknown_account": ("akun tak ada", "no account"),
    "audit.reason.disabled": ("akun nonaktif", "disabled"),
    "audit.reason.sso_only": ("hanya SSO", "SSO only"),
    "audit.reason.sso_no_account": ("SSO tanpa akun", "SSO, no account"),
    "audit.reason.locked_account": ("akun terkunci", "account locked"),
    "audit.reason.locked_client": ("klien terkunci", "client locked"),
    "audit.reason.bad_input": ("isian salah", "bad input"),
    "audit.reason.expired": ("sesi habis", "expired"),
    "audit.reason.logout": ("keluar", "logged out"),
    "audit.reason.role": ("peran kurang", "role"),
    "audit.reason.national_only": ("hanya nasional", "national only"),
    "audit.reason.scope_needs_kab": ("perlu kab/kota", "needs kab/kota"),
    "audit.reason.out_of_scope": ("luar cakupan", "out of scope"),
    "audit.reason.checks": ("gagal periksa", "failed checks"),

    # polish12 (session 12): the Audit table's reason for an import, a boundary import or a KLA entry refused (the
    # error codes of data/importer, data/kla; the Impor page's impor.err.* are sentences with the file's details,
    # too long for the column and not stored), an account change's kind, and a code with no text of its own. Short:
    # the column is 95 px (views/audit.py WIDTHS), about 13 letters; a longer text is whole in the cell's tooltip
    "audit.reason.other": ("lain ({code})", "other ({code})"),
    "audit.reason.no_row_accepted": ("0 baris lolos", "0 rows passed"),
    "audit.reason.empty": ("berkas kosong", "empty file"),
    "audit.reason.encoding": ("encoding salah", "bad encoding"),
    "audit.reason.utf32": ("teks UTF-32", "UTF-32 text"),
    "audit.reason.file_type": ("jenis berkas", "file type"),
    "audit.reason.header_only": ("hanya judul", "header only"),
    "audit.reason.no_header": ("tanpa judul", "no header"),
    "audit.reason.kab_tie": ("kab/kota seri", "kab/kota tied"),
    "audit.reason.kab_unknown": ("kab/kota salah", "bad kab/kota"),
    "audit.reason.missing_columns": ("kolom kurang", "columns missing"),
    "audit.reason.not_csv": ("bukan CSV", "not CSV"),
    "audit.reason.not_xlsx": ("bukan Excel", "not Excel"),
    "audit.reason.xls": ("format .xls", ".xls format"),
    "audit.reason.xlsx_inflates": ("Excel raksasa", "Excel too big"),
    "audit.reason.only_nul": ("berkas rusak", "damaged file"),
    "audit.reason.other_sheet": ("lembar lain", "other sheet"),
    "audit.reason.too_large": ("terlalu besar", "too large"),
    "audit.reason.unclosed_quote": ("kutip terbuka", "open quote"),
    "audit.reason.round_in_file": ("putaran salah", "bad round"),
    "audit.reason.reference_date_given": ("acuan salah", "bad ref. date"),
    "audit.reason.reference_date_in_file": ("acuan salah", "bad ref. date"),
    "audit.reason.store_checks": ("gagal periksa", "failed checks"),
    "audit.reason.disk_full": ("disk penuh", "disk full"),
    "audit.reason.store_changed": ("data berubah", "store changed"),
    "audit.reason.demo_store": ("data demo", "demo store"),
    "audit.reason.demo_replaces_real_data": ("ada data nyata", "real data held"),
    "audit.reason.no_key": ("tanpa kunci", "no hash key"),
    "audit.reason.weak_key": ("kunci lemah", "weak key"),
    "audit.reason.other_key": ("kunci lain", "other key"),
    "audit.reason.key_missing_for_store": ("tanpa kunci", "no hash key"),
    "audit.reason.mapping_not_found": ("pemetaan hilang", "mapping missing"),
    "audit.reason.mapping_file_type": ("jenis pemetaan", "mapping type"),
    "audit.reason.mapping_unreadable": ("pemetaan rusak", "bad mapping"),
    "audit.reason.mapping_sections": ("pemetaan salah", "bad mapping"),
    "audit.reason.mapping_section_shape": ("pemetaan salah", "bad mapping"),
    "audit.reason.mapping_column_target": ("pemetaan salah", "bad mapping"),
    "audit.reason.mapping_defaults_target": ("pemetaan salah", "bad mapping"),
    "audit.reason.mapping_values_column": ("pemetaan salah", "bad mapping"),
    "audit.reason.mapping_values_code": ("kode pemetaan", "mapping code"),
    "audit.reason.bad_file": ("berkas rusak", "bad file"),
    "audit.reason.bad_number": ("bukan angka", "not a number"),
    "audit.reason.bad_score": ("skor salah", "bad score"),
    "audit.reason.bad_tier": ("predikat salah", "bad tier"),
    "audit.reason.tier_mismatch": ("predikat ≠ skor", "tier ≠ score"),
    "audit.reason.computed_indicator": ("dari sensus", "from census"),
    "audit.reason.fraction": ("pecahan salah", "bad fraction"),
    "audit.reason.mismatch": ("nilai ≠ pecahan", "value ≠ ratio"),
    "audit.reason.future_year": ("tahun depan", "future year"),
    "audit.reason.old_year": ("tahun lama", "year too early"),
    "audit.reason.missing": ("isian kosong", "field empty"),
    "audit.reason.negative": ("nilai negatif", "negative"),
    "audit.reason.no_evidence": ("bukti kosong", "no evidence"),
    "audit.reason.no_operator": ("petugas kosong", "no operator"),
    "audit.reason.no_result": ("hasil kosong", "no result"),
    "audit.reason.no_source": ("sumber kosong", "no source"),
    "audit.reason.not_whole": ("bukan bulat", "not whole"),
    "audit.reason.pct_range": ("persen salah", "bad percent"),
    "audit.reason.unknown_indicator": ("indikator salah", "bad indicator"),
    "audit.reason.unknown_kab": ("kab/kota salah", "bad kab/kota"),
    "audit.reason.zero_denominator": ("penyebut nol", "denominator 0"),
    "audit.change.add": ("akun dibuat", "added"),
    "audit.change.disable": ("dinonaktifkan", "disabled"),
    "audit.change.enable": ("diaktifkan", "enabled"),
    "audit.change.passwd": ("sandi diganti", "new password"),
    "audit.change.role": ("peran diubah", "role changed"),

    # polish12 (session 12): the profile drawer's body (ui/profile.py) where protection withholds a number, and a desa
    # that no round has enumerated
    "profile.reason_count": ("- {alasan}: {n} anak", "- {alasan}: {n} children"),
    "profile.reason_hidden": ("- {alasan}: jumlah disembunyikan", "- {alasan}: number suppressed"),
    "profile.funnel_counts": (
        "Ditemukan **{identified}** → terkonfirmasi ATS **{confirmed}** → kembali bersekolah **{returned}** "
        "· kasus terbuka **{open}**",
        "Identified **{identified}** → confirmed out of school **{confirmed}** → back in school **{returned}** "
        "· open cases **{open}**",
    ),
    "profile.spark_none": (
        "Tanpa grafik tren: angka per 100 ditahan pada putaran {rounds} (kurang dari {d} anak didata, atau jumlah "
        "yang membentuknya dilindungi).",
        "No trend chart: the rate is withheld in rounds {rounds} (fewer than {d} children enumerated, or a count it "
        "is made of is protected).",
    ),
    "profile.no_round_yet": (
        "{nama} belum disurvei pada {round}, dan belum pada putaran mana pun: belum ada angka untuk desa/kelurahan "
        "ini.",
        "{nama} was not surveyed in {round}, nor in any round yet: there are no numbers for this village.",
    ),
}


_chosen: contextvars.ContextVar[str | None] = contextvars.ContextVar("language", default=None)


@contextlib.contextmanager
def language(code: str):
    """t() and the number formats speak `code` inside the block, whatever the session says: for what is made without
    a page (the command line's meeting pack, `python -m data report --lang en`), or in another language than the
    page's. A context variable, not the session state: the command line has no session to fake."""
    if code not in LANGS:
        raise ValueError(f"unknown language '{str(code)[:10]}'; one of {', '.join(LANGS)}")
    token = _chosen.set(code)
    try:
        yield
    finally:
        _chosen.reset(token)


def lang() -> str:
    chosen = _chosen.get()
    if chosen is not None:
        return chosen
    value = st.session_state.get("lang", "id")
    return value if value in LANGS else "id"


def _singular(key: str, values: dict) -> str:
    """KEY's singular form (KEY + ".one") when its count `n` is 1 and the catalogue has one: English says "1 child
    has", Indonesian needs none ("1 anak")."""
    return f"{key}.one" if values.get("n") == 1 and f"{key}.one" in CATALOGUE else key


def t(key: str, **values) -> Markdown:
    """The text of KEY in the page's language, its values shown as text (see the module's docstring); a count `n` of
    1 takes the KEY.one text when there is one."""
    text = CATALOGUE[_singular(key, values)][LANGS.index(lang())]
    if not values:
        return Markdown(text)
    in_code, at_start = _fields(text)
    return Markdown(text.format(**{name: _filled(value, name in in_code, name in at_start)
                                   for name, value in values.items()}))


def t_chart(key: str, **values) -> str:
    """The text of KEY for a Plotly figure (a hover, a trace name, a title): values HTML-escaped (ui.safe.chart),
    numbers as they are; Plotly's own placeholders (%{text}) pass."""
    text = CATALOGUE[key][LANGS.index(lang())]
    return text.format(**{name: value if _is_number(value) else chart(value) for name, value in values.items()})


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _filled(value, in_code: bool, line_start: bool):
    if isinstance(value, Markdown) or _is_number(value):
        return value
    return code(value) if in_code else plain(value, line_start=line_start)


@functools.lru_cache(maxsize=512)
def _fields(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The placeholders of a catalogue text that stand inside a code span (`{name}`), and those that begin a line."""
    inside, in_code, at_start, before = False, set(), set(), ""
    for literal, field, _, _ in string.Formatter().parse(text):
        inside ^= literal.count("`") % 2 == 1
        before += literal
        if field is not None:
            if inside:
                in_code.add(field)
            elif not before.split("\n")[-1].strip():
                at_start.add(field)
            before += "{}"
    return frozenset(in_code), frozenset(at_start)
