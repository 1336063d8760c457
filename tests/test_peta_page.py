"""The Peta page under AppTest on the fixture store: what the map, its legend and the unit table say of each unit."""

import json

from streamlit.testing.v1 import AppTest

from tests.conftest import needs_shared, open_app

pytestmark = needs_shared


def start(**query) -> AppTest:
    return open_app("views/peta.py", **query)


def test_surveyed_desa_with_no_child_in_the_group_are_told_from_desa_not_surveyed(use_store):
    """Children with disabilities: two of the fixture's four surveyed desa of Palopo have none. They read "no child in
    this group" on the map (hover, legend) and in the table; the 44 desa the round did not survey read "not
    surveyed". Before, all 46 were "Tidak ada data / belum disurvei"."""
    at = start(disabilitas="ya", ukuran="ats_pct")
    table = at.dataframe[0].value
    notes = table.set_index("kode")["keterangan"]
    assert (notes == "Tidak ada anak dalam kelompok ini").sum() == 2
    assert (notes == "Belum disurvei").sum() == 44
    assert table.loc[table["keterangan"] == "Tidak ada anak dalam kelompok ini", "n_anak"].eq("0").all()  # text
    legend = next(m.value for m in at.markdown if "background" in m.value)
    assert 'Tidak ada anak dalam kelompok ini <span style="color:#666">(2)</span>' in legend
    assert 'Belum disurvei <span style="color:#666">(44)</span>' in legend
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    by_hover = {tr["hovertemplate"]: tr["locations"] for tr in spec["data"]}
    nobody = next(locs for h, locs in by_hover.items() if "tetapi tidak ada anak 7-18 dengan disabilitas" in h)
    assert sorted(nobody) == sorted(notes[notes == "Tidak ada anak dalam kelompok ini"].index)
    headers = [c.get("label") for c in json.loads(at.dataframe[0].proto.columns).values()]
    assert "Keterangan" in headers, headers
