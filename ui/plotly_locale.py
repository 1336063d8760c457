"""Plotly's own texts in the page's language: the modebar's tooltips ("Download plot as a PNG", "Zoom in", "Reset
view"), its messages, and date names, as the `config` of every st.plotly_chart.

plotly.js looks a text up in config.locales[config.locale].dictionary before its registered locales, so the
Indonesian dictionary travels with the figure's config: no locale bundle to fetch from a CDN (the dashboard works
offline) and none to register in Streamlit's frontend, which cannot be done from Python. plotly.js's own "id" locale
has dates only (an empty dictionary); these translations are ours. The keys are plotly.js's English strings
(src/components/modebar/buttons.js and friends, plotly.js 3 as bundled by Streamlit 1.67)."""

from ui.i18n import lang

DICTIONARY_ID = {
    "Autoscale": "Skala otomatis",
    "Box Select": "Pilih dengan kotak",
    "Compare data on hover": "Bandingkan data saat kursor di atasnya",
    "Double-click on legend to isolate one trace": "Klik dua kali pada legenda untuk menampilkan satu seri saja",
    "Double-click to zoom back out": "Klik dua kali untuk memperkecil kembali",
    "Download plot as a PNG": "Unduh grafik sebagai PNG",
    "Download plot as a png": "Unduh grafik sebagai PNG",
    "Download plot": "Unduh grafik",
    "Lasso Select": "Pilih dengan laso",
    "Pan": "Geser",
    "Produced with Plotly.js": "Dibuat dengan Plotly.js",
    "Produced with Plotly": "Dibuat dengan Plotly",
    "Reset": "Atur ulang",
    "Reset axes": "Atur ulang sumbu",
    "Reset view": "Kembalikan tampilan awal",
    "Reset views": "Kembalikan tampilan awal",
    "Show closest data on hover": "Tampilkan data terdekat saat kursor di atasnya",
    "Snapshot succeeded": "Gambar berhasil dibuat",
    "Sorry, there was a problem downloading your snapshot!": "Maaf, gambar tidak dapat diunduh.",
    "Taking snapshot - this may take a few seconds": "Membuat gambar, mungkin perlu beberapa detik",
    "Toggle Spike Lines": "Tampilkan/sembunyikan garis bantu",
    "Toggle show closest data on hover": "Tampilkan/sembunyikan data terdekat saat kursor di atasnya",
    "Zoom": "Perbesar area",
    "Zoom in": "Perbesar",
    "Zoom out": "Perkecil",
    "trace": "seri",
    "lat:": "lintang:",
    "lon:": "bujur:",
    "max:": "maks.:",
    "mean:": "rata-rata:",
    "median:": "median:",
    "min:": "min.:",
}
FORMAT_ID = {
    "days": ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"],
    "shortDays": ["Min", "Sen", "Sel", "Rab", "Kam", "Jum", "Sab"],
    "months": ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
               "November", "Desember"],
    "shortMonths": ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"],
    "date": "%d/%m/%Y",
    "decimal": ",",
    "thousands": ".",
}


def config(**options) -> dict:
    """The config of a st.plotly_chart: `options` (displaylogo, scrollZoom, …) and the page's locale."""
    if lang() == "id":
        return {**options, "locale": "id", "locales": {"id": {"dictionary": DICTIONARY_ID, "format": FORMAT_ID}}}
    return {**options, "locale": "en-US"}
