"""The pack's files: render a built pack in a format (in the pack's own language, whatever the page's is), and save
it into a folder without ever leaving half a file there (written to a temporary file in the same folder, then
renamed over the name, which is atomic on one file system)."""

import os
import tempfile
import time
from pathlib import Path

from pack.content import Pack, PackError
from ui.i18n import language

FORMATS = {  # format -> MIME type
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf",
}


def render(pack: Pack, fmt: str) -> bytes:
    # the writers load python-pptx and matplotlib: when a pack is made, not with the Peta page that offers it
    if fmt == "pptx":
        from pack.deck import write
    elif fmt == "pdf":
        from pack.pdf import write
    else:
        raise ValueError(f"unknown pack format {fmt}; one of {', '.join(FORMATS)}")
    with language(pack.lang):
        return write(pack)


def rendered_png(pack: Pack, index: int) -> bytes:
    """One slide as the PDF draws it, as a 1920x1080 PNG (presentation mode), in the pack's language."""
    from pack.pdf import png

    with language(pack.lang):
        return png(pack, index)


def mime(fmt: str) -> str:
    return FORMATS[fmt]


def check_folder(folder) -> Path:
    """The output folder, created when missing; PackError when it cannot be written (before any pack is built)."""
    folder = Path(folder).expanduser()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".write-test-"):
            pass
    except OSError as e:
        raise PackError("out_unwritable", f"cannot write into {folder}: {e.strerror or e}; choose another --out "
                        "folder", folder=str(folder)) from None
    return folder.resolve()


def save(pack: Pack, fmt: str, folder: Path) -> dict:
    """Write the pack in `fmt` into `folder`; what the command line's JSON line says of the file."""
    started = time.perf_counter()
    data = render(pack, fmt)
    path = folder / f"{pack.stem}.{fmt}"
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{pack.stem}.", suffix=f".{fmt}.part")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return {"status": "written", "file": str(path), "format": fmt, "kode": pack.kode, "nama": pack.nama,
            "round": pack.survey_round, "lang": pack.lang, "role": pack.role, "slides": len(pack.slides),
            "bytes": len(data), "seconds": round(time.perf_counter() - started, 2)}
