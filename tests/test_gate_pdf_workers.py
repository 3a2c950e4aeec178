"""The leak gate reads a long PDF's page text in forked workers: the same units as one process reads,
and no worker left behind."""

from __future__ import annotations

import multiprocessing

from scrdocs import workers
from scrdocs.packs.leak_gate import read_pdf

from tests.test_pack_files import _pdf_with_pages


def _units(path):
    read_pdf._PAGE_TEXT.clear()
    return [(u.file, u.location, u.text) for u in read_pdf.pdf_units(path, path.name)]


def test_pages_read_by_workers_are_the_pages_one_process_reads(tmp_path, monkeypatch):
    pages = [f"Page {n} of the chronology" for n in range(1, 12)] + ["Edith Marlow was seen at home"]
    pdf = _pdf_with_pages(tmp_path / "long.pdf", pages)
    monkeypatch.setenv("SCRDOCS_PDF_TEXT", "pypdf")  # where poppler's pdftotext is not installed
    monkeypatch.setenv("SCRDOCS_NER_PROCESSES", "1")
    alone = _units(pdf)
    monkeypatch.setenv("SCRDOCS_NER_PROCESSES", "2")
    monkeypatch.setattr(workers.os, "cpu_count", lambda: 2)
    pools = []
    real_pool = workers.fork_pool

    def counted(processes):
        pools.append(processes)
        return real_pool(processes)

    monkeypatch.setattr(workers, "fork_pool", counted)
    forked = _units(pdf)
    assert pools == [2]
    assert forked == alone
    assert any("Edith Marlow" in text and location == "page 12" for _, location, text in forked)
    assert multiprocessing.active_children() == []
