"""No network at run time (issue 10, item 4): a Word document's external links are cut before anything opens it.

A picture linked (not stored) in a document is fetched from its server by
whatever opens the file; LibreOffice, making a pack's PDFs, did. Here a
socket on 127.0.0.1 stands in for the picture's host and records every
connection. All names are fictional.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import threading
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.opc.constants import RELATIONSHIP_TYPE as RT

from scrdocs.case.casefile import load_case
from scrdocs.cli import cli
from scrdocs.redaction import Redactor
from scrdocs.redaction.formats.docx_package import strip_external_links
from tests.pack_helpers import ADULT

FIXTURES = Path(__file__).parent / "fixtures" / "redaction"
R_TYPES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


class Listener:
    """A stand-in for a picture's web server on 127.0.0.1: it only counts who connects."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections: list[tuple[str, int]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self):
        while not self._stop.is_set():
            try:
                conn, address = self.sock.accept()
            except (socket.timeout, OSError):
                continue
            self.connections.append(address)
            conn.close()

    def close(self):
        self._stop.set()
        self._thread.join(timeout=2)
        self.sock.close()


def linked_docx(path: Path, url: str) -> Path:
    """A document with a linked picture, a web link, an attached template and an INCLUDEPICTURE field."""
    d = docx.Document()
    d.add_paragraph("Adult K was visited by SW1 at home. The GP practice was told.")
    d.add_paragraph("LINK")
    d.add_paragraph("FIELD")
    d.add_picture(str(Path(__file__).parent / "fixtures" / "redaction" / "picture.png"))
    link_id = d.part.relate_to("https://example.org/guidance", RT.HYPERLINK, is_external=True)
    d.save(str(path))
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n).decode("utf-8", "replace") if n.endswith((".xml", ".rels")) else z.read(n)
                 for n in z.namelist()}
    body = parts["word/document.xml"]
    body, swapped = re.subn(r'r:embed="(rId\d+)"', 'r:link="rIdPicture"', body, count=1)
    assert swapped == 1
    body = body.replace("<w:r><w:t>LINK</w:t></w:r>",
                        f'<w:hyperlink r:id="{link_id}"><w:r><w:t>the board\'s guidance</w:t></w:r></w:hyperlink>')
    body = body.replace("<w:r><w:t>FIELD</w:t></w:r>",
                        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> INCLUDEPICTURE '
                        f'"{url}/field.png" \\d </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                        '<w:r><w:t>[picture]</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')
    parts["word/document.xml"] = body
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        "</Relationships>", f'<Relationship Id="rIdPicture" Type="{R_TYPES}/image" Target="{url}/x.png" '
                            'TargetMode="External"/></Relationships>')
    parts["word/settings.xml"] = re.sub(r"(<w:settings[^>]*>)", r'\1<w:attachedTemplate r:id="rIdTemplate"/>',
                                        parts["word/settings.xml"], count=1)
    if 'xmlns:r="' not in parts["word/settings.xml"].split(">", 2)[1]:
        parts["word/settings.xml"] = parts["word/settings.xml"].replace("<w:settings ", f'<w:settings xmlns:r="{R_TYPES}" ', 1)
    parts["word/_rels/settings.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        f'package/2006/relationships"><Relationship Id="rIdTemplate" Type="{R_TYPES}/attachedTemplate" '
        f'Target="{url}/template.dotx" TargetMode="External"/></Relationships>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def _external_links(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        return [f"{n}: {m}" for n in z.namelist() if n.endswith(".rels")
                for m in re.findall(r"<Relationship [^>]*TargetMode=\"External\"[^>]*>", z.read(n).decode())]


def _assert_no_way_out(path: Path) -> None:
    assert not _external_links(path), _external_links(path)
    with zipfile.ZipFile(path) as z:
        body = z.read("word/document.xml").decode()
        settings = z.read("word/settings.xml").decode()
    assert "r:link=" not in body and "INCLUDEPICTURE" not in body and "127.0.0.1" not in body
    assert "attachedTemplate" not in settings
    assert "the board's guidance" in body  # a link keeps its words
    docx.Document(str(path))  # and the file still opens


def test_redact_cuts_every_external_link(tmp_path):
    src = linked_docx(tmp_path / "imr.docx", "http://127.0.0.1:9")
    assert len(_external_links(src)) == 3
    result = Redactor(load_case(FIXTURES / "case.yaml"), FIXTURES / "no_ner.yaml").redact_file(src, tmp_path / "out" / "imr.docx")
    _assert_no_way_out(tmp_path / "out" / "imr.docx")
    for expected in ("1 linked picture", "1 web link (its text kept)", "1 attached template",
                     "1 field that fetches content from elsewhere (the text shown is kept)"):
        assert expected in result.removed_parts, result.removed_parts


def test_external_links_are_cut_in_place_before_conversion(tmp_path):
    path = linked_docx(tmp_path / "imr.docx", "http://127.0.0.1:9")
    changes = strip_external_links(path)
    assert sum(changes.links.values()) == 3 and changes.fields == 1
    _assert_no_way_out(path)
    assert strip_external_links(path).phrases() == []  # nothing left to cut


def test_the_pack_cuts_links_before_libreoffice_and_says_so(tmp_path):
    from scrdocs.packs.anonymise import Anonymised
    from scrdocs.packs.assemble import _cut_external_links
    from scrdocs.packs.pack_types import PackDocument

    doc = PackDocument("imr", "Agency IMR 1")
    docs = Anonymised(items=[doc], to_pdf=[(doc, linked_docx(tmp_path / "imr.docx", "http://127.0.0.1:9"))])
    _cut_external_links(docs)
    _assert_no_way_out(tmp_path / "imr.docx")
    assert docs.check_by_hand["Agency IMR 1"][0].startswith("removed from the copy: 1 attached template")


@pytest.mark.needs_soffice
@pytest.mark.needs_model
@pytest.mark.slow
@pytest.mark.enable_socket
@pytest.mark.allow_hosts(["127.0.0.1"])
def test_a_pack_with_a_linked_picture_makes_no_connection(tmp_path):
    listener = Listener()
    try:
        url = f"http://127.0.0.1:{listener.port}"
        # The control: a plain LibreOffice (its default settings) given the document fetches the picture.
        control = tmp_path / "control"
        control.mkdir()
        subprocess.run([shutil.which("soffice"), "--headless", f"-env:UserInstallation={(control / 'profile').as_uri()}",
                        "--convert-to", "pdf", "--outdir", str(control), str(linked_docx(control / "imr.docx", url))],
                       capture_output=True, timeout=180, check=False)
        assert listener.connections, "LibreOffice no longer fetches linked pictures: this test proves nothing"
        listener.connections.clear()

        include = linked_docx(tmp_path / "imr-linked.docx", url)
        run = CliRunner().invoke(cli, ["pack", str(ADULT), "--profile", "regulator", "--out", str(tmp_path / "pack"),
                                       "--include", str(include)])
        assert run.exit_code == 0, run.output
        assert listener.connections == [], "the pack's LibreOffice run fetched the linked picture"
    finally:
        listener.close()
    for made in (tmp_path / "pack").glob("*.docx"):
        assert not _external_links(made), made.name
    report = (tmp_path / "pack" / "redaction-report.md").read_text(encoding="utf-8")
    assert "### Removed from the copies" in report and "1 linked picture" in report
