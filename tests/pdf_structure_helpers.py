"""Reading a tagged PDF's structure tree in tests (shared by the accessible-PDF and issue 13 tests)."""

from __future__ import annotations

from collections import Counter

from pypdf import PdfReader


def structure(reader: PdfReader) -> tuple[Counter, list]:
    """The structure tree's element types, and each Figure's /Alt."""
    kinds, alts = Counter(), []

    def walk(node):
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, dict):
            if node.get("/S"):
                kinds[str(node["/S"])] += 1
                if node["/S"] == "/Figure":
                    alts.append(node.get("/Alt"))
            if node.get("/K") is not None:
                walk(node["/K"])
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return kinds, alts
