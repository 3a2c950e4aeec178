"""Builds a Word document with a name planted in every place one hides (for the redaction tests)."""

from __future__ import annotations

import base64
import io
import zipfile
from pathlib import Path

import docx
from docx.shared import Inches

# a 1x1 PNG
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def planted_docx(path: Path) -> Path:
    d = docx.Document()
    d.core_properties.author = "Ellie Hollis"
    d.core_properties.last_modified_by = "Ellie Hollis"
    d.core_properties.title = "Edith Marlow IMR"
    d.core_properties.subject = "Report for the board"
    d.sections[0].header.paragraphs[0].text = "IMR about Edith Marlow"
    d.sections[0].footer.paragraphs[0].text = "Author: Ellie Hollis"
    p = d.add_paragraph("Meeting with ")
    p.add_run("Ed")
    b = p.add_run("ith Mar")
    b.bold = True
    i = p.add_run("low")
    i.italic = True
    p.add_run(" on 3 May 2019 COMMENT_ANCHOR.")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Subject"
    table.cell(0, 1).text = "Edith Marlow, 12 Larkspur Close"
    d.add_paragraph("TRACKED: ")
    d.add_paragraph("TEXTBOX")
    d.add_paragraph("LINK")
    d.add_picture(io.BytesIO(PNG), width=Inches(0.5))
    d.save(str(path))

    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    doc = parts["word/document.xml"].decode()
    doc = doc.replace("COMMENT_ANCHOR", "see note</w:t></w:r><w:commentRangeStart w:id=\"0\"/><w:r><w:t>here</w:t></w:r>"
                      "<w:commentRangeEnd w:id=\"0\"/><w:r><w:commentReference w:id=\"0\"/></w:r>"
                      "<w:r><w:footnoteReference w:id=\"2\"/></w:r><w:r><w:t xml:space=\"preserve\">")
    assert "TRACKED: </w:t></w:r>" in doc
    doc = doc.replace("TRACKED: </w:t></w:r>",
                      "TRACKED: </w:t></w:r>"
                      "<w:del w:id=\"11\" w:author=\"Ellie Hollis\" w:date=\"2024-01-01T00:00:00Z\"><w:r><w:delText>Edith Marlow was drunk</w:delText></w:r></w:del>"
                      "<w:ins w:id=\"12\" w:author=\"Ellie Hollis\" w:date=\"2024-01-01T00:00:00Z\"><w:r><w:t>Will Marlow visited</w:t></w:r></w:ins>")
    doc = doc.replace("<w:t>TEXTBOX</w:t></w:r>",
                      "<w:t>TEXTBOX</w:t></w:r><w:r><w:pict><v:shape xmlns:v=\"urn:schemas-microsoft-com:vml\" style=\"width:100pt;height:40pt\">"
                      "<v:textbox><w:txbxContent><w:p><w:r><w:t>Text box: Grace O'Neill rang</w:t></w:r></w:p></w:txbxContent></v:textbox>"
                      "</v:shape></w:pict></w:r>")
    doc = doc.replace("<w:t>LINK</w:t></w:r>",
                      "<w:t>LINK</w:t></w:r><w:hyperlink r:id=\"rIdLink1\" w:tooltip=\"Mail Edith Marlow\"><w:r><w:t>email her</w:t></w:r></w:hyperlink>")
    doc = doc.replace('descr=""', 'descr="Photo of Edith Marlow"')
    if 'descr="Photo' not in doc:
        doc = doc.replace("<wp:docPr ", '<wp:docPr descr="Photo of Edith Marlow" ', 1)
    parts["word/document.xml"] = doc.encode()
    parts["word/comments.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="{W_NS}">'
        '<w:comment w:id="0" w:author="Ellie Hollis" w:initials="EH"><w:p><w:r><w:t>Ask Edith Marlow about this</w:t></w:r></w:p></w:comment>'
        '</w:comments>').encode()
    parts["word/footnotes.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W_NS}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="2"><w:p><w:r><w:t>Told by Edith Marlow on the phone.</w:t></w:r></w:p></w:footnote>'
        '</w:footnotes>').encode()
    parts["docProps/custom.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Client"><vt:lpwstr>Edith Marlow</vt:lpwstr></property>'
        '</Properties>').encode()
    parts["customXml/item1.xml"] = b'<?xml version="1.0"?><meta><caseworker>Ellie Hollis</caseworker><client>Edith Marlow</client></meta>'
    settings = parts["word/settings.xml"].decode()
    settings = settings.replace("</w:settings>", '<w:docVars><w:docVar w:name="client" w:val="Edith Marlow"/></w:docVars></w:settings>')
    parts["word/settings.xml"] = settings.encode()
    app = parts["docProps/app.xml"].decode()
    app = app.replace("<Company>", "<Company>Ellie Hollis Consulting") if "<Company>" in app else app.replace(
        "</Properties>", "<Company>Ellie Hollis Consulting</Company></Properties>")
    parts["docProps/app.xml"] = app.encode()
    rels = parts["word/_rels/document.xml.rels"].decode()
    rels = rels.replace("</Relationships>",
                        '<Relationship Id="rIdC1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>'
                        '<Relationship Id="rIdF1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
                        '<Relationship Id="rIdLink1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" '
                        'Target="mailto:edith.marlow@example.org" TargetMode="External"/></Relationships>')
    parts["word/_rels/document.xml.rels"] = rels.encode()
    root_rels = parts["_rels/.rels"].decode().replace(
        "</Relationships>",
        '<Relationship Id="rIdCustom" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>')
    parts["_rels/.rels"] = root_rels.encode()
    ct = parts["[Content_Types].xml"].decode().replace(
        "</Types>",
        '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>'
        '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
        '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>')
    parts["[Content_Types].xml"] = ct.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def all_parts_text(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n).decode("utf-8", "replace") for n in z.namelist() if not n.endswith((".png", ".jpeg"))}
