"""The meeting pack (Paket rapat): the slides of one wilayah and round, built once from the read queries
(pack.content) and written as a PowerPoint deck with native charts (pack.pptx) and as a PDF of the same slides
(pack.pdf); pack.files writes them for the command line (`python -m data report`) and the page.

pack sits above ui: it takes its words from ui.i18n and ui.view and its numbers from data.api, the same readers
and the same small-cell protection as the screen."""


class PackError(ValueError):
    """A pack that cannot be made as asked (unknown wilayah, a level below kab/kota, a round not surveyed there, a
    folder that cannot be written). `code` names the catalogue text pack.err.<code> the page shows; str() is the
    command line's English line. Here, not in pack.content, so that the command line's error handler can know it
    without importing the read API (and Streamlit's warnings about running without a server)."""

    def __init__(self, code: str, message: str, **values):
        super().__init__(message)
        self.code, self.values = code, values


def without_server() -> None:
    """For the command line, before it imports the rest of pack: without a Streamlit server data.api's caches keep
    to memory, and Streamlit warns of that at each one. Expected there, not news to the operator: errors only."""
    import streamlit.logger

    streamlit.logger.set_log_level("error")
