"""Two sessions (or two servers on one store) cleaning the Impor page's uploads at once (ui.importing.clean_uploads):
an entry the other one removes first is no error for this one (the page showed a traceback), and nothing is left."""

import os
import shutil
import time

from tests.conftest import needs_shared
from tests.import_helpers import EXAMPLE
from tests.import_helpers import base_store, store  # noqa: F401 (fixtures, found by name)

pytestmark = needs_shared


def _upload():
    from streamlit.proto.Common_pb2 import FileURLs
    from streamlit.runtime.uploaded_file_manager import UploadedFile, UploadedFileRec

    return UploadedFile(UploadedFileRec("f1", "sipbm.csv", "text/csv", EXAMPLE.read_bytes()), FileURLs())


def test_an_upload_removed_by_another_session_meanwhile_is_no_error(store, monkeypatch):  # noqa: F811
    from ui import importing

    path = importing._saved(_upload())
    old = time.time() - importing.UPLOAD_TTL_S - 60
    os.utime(path.parent, (old, old))
    rmtree = shutil.rmtree

    def the_other_session_first(entry, *args, **kwargs):  # its removal lands between this one's look and removal
        rmtree(entry, ignore_errors=True)
        return rmtree(entry, *args, **kwargs)

    monkeypatch.setattr(importing.shutil, "rmtree", the_other_session_first)
    importing.clean_uploads()
    assert not path.parent.exists()


def test_a_file_in_use_is_marked_used_before_it_is_looked_for(store, monkeypatch):  # noqa: F811
    """_saved renews the folder's time to live before it looks for the file, so a clean_uploads that runs between
    the look and its use (another session) keeps it: the importer is given a path that is there."""
    from ui import importing

    upload = _upload()
    path = importing._saved(upload)
    old = time.time() - importing.UPLOAD_TTL_S - 60
    os.utime(path.parent, (old, old))
    exists = type(path).exists

    def cleaned_meanwhile(self):  # the other session's clean_uploads lands just as this one looks
        there = exists(self)
        if self == path:
            importing.clean_uploads()
        return there

    monkeypatch.setattr(type(path), "exists", cleaned_meanwhile)
    assert importing._saved(upload) == path
    monkeypatch.undo()
    assert path.read_bytes() == EXAMPLE.read_bytes()
