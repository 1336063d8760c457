"""A write swapped in while readers are open is seen by the next read in the same process: the
running app shows new data after an import without a restart."""

import shutil

from data import api, store
from data.accounts import ANONYMOUS
from tests.conftest import needs_shared

pytestmark = needs_shared


def test_read_api_sees_a_write_made_while_a_connection_is_open(fixture_store, tmp_path, monkeypatch):
    path = tmp_path / "live.duckdb"
    shutil.copy(fixture_store, path)
    monkeypatch.setenv("ATS_STORE", str(path))
    before = api.store_info().version
    n_before = api.ats_by_wilayah(ANONYMOUS, level="kel", kode_induk="73.73")  # opens and caches a read connection
    with store.writing(path) as con:  # as an import would: copy, change, build, check, swap
        con.execute("DELETE FROM anak WHERE kode_kel = '73.73.01.1001'")
        con.execute("DELETE FROM keluarga WHERE kode_kel = '73.73.01.1001'")
        con.execute("DELETE FROM penanganan WHERE kode_kel = '73.73.01.1001'")
    after = api.store_info().version
    assert after != before
    df_before, df_after = n_before.df.set_index("kode"), api.ats_by_wilayah(ANONYMOUS, level="kel", kode_induk="73.73").df.set_index("kode")
    assert df_before.loc["73.73.01.1001", "n_anak"] > 0
    assert df_after["n_anak"].isna().loc["73.73.01.1001"]  # no longer surveyed: the new file is read
