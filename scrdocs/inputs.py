"""Reading what the user hands in, safely: regular files only, text in a known encoding, zips within limits.

Every check fails closed. A file scrdocs cannot be sure it reads right is
refused with a plain message, never read as something it is not: a UTF-16
note read as Windows-1252 would pass every name through unseen, a link to
a system file would be copied into the output, a named pipe would hang the
run and a zip bomb would fill the memory.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import struct
import zipfile
import zlib
from pathlib import Path

from .errors import InputFormatError
from .settings import (legacy_text_encoding, text_max_bytes, text_min_confidence, zip_max_members,
                       zip_max_part_bytes, zip_max_ratio, zip_max_total_bytes)

_CHUNK = 1 << 20

# ---------------------------------------------------------------- files

_NOT_A_FILE = {
    stat.S_IFDIR: ("is a folder, not a file", "Name the files inside it instead."),
    stat.S_IFIFO: ("is a named pipe, not a file: reading it could wait for ever",
                   "Save what it holds into an ordinary file and hand that in."),
    stat.S_IFCHR: ("is a device, not a file", "Hand in an ordinary file instead."),
    stat.S_IFBLK: ("is a device, not a file", "Hand in an ordinary file instead."),
    stat.S_IFSOCK: ("is a socket, not a file", "Hand in an ordinary file instead."),
}


def _refuse_mode(path: Path, mode: int) -> None:
    if stat.S_ISLNK(mode):
        raise InputFormatError(
            f"{path} is a symbolic link (a shortcut to another file). scrdocs reads only files it is given "
            "directly, never what a link points to.",
            hint="Copy the file itself into place, or give the path of the file it points to.")
    if not stat.S_ISREG(mode):
        what, hint = _NOT_A_FILE.get(stat.S_IFMT(mode), ("is not an ordinary file", "Hand in an ordinary file instead."))
        raise InputFormatError(f"{path} {what}.", hint=hint)


def check_input_file(path: str | Path, *, allow_symlink: bool = False) -> Path:
    """Return ``path`` if it is an ordinary file; refuse links, folders, pipes, devices and sockets.

    ``allow_symlink`` (for the case file, which is parsed rather than copied)
    follows a link but still requires an ordinary file at its end."""
    path = Path(path)
    try:
        mode = (path.stat() if allow_symlink else path.lstat()).st_mode
    except FileNotFoundError:
        raise InputFormatError(f"Cannot find the input file {path}.", hint="Check the file name and folder.") from None
    except OSError as e:
        raise InputFormatError(f"Cannot read {path} ({e.strerror}).", hint="Check the file can be opened.") from None
    _refuse_mode(path, mode)
    return path


def _open_regular(path: Path, *, allow_symlink: bool = False) -> int:
    """Open ``path`` for reading, refusing anything but an ordinary file even if it was swapped since the check."""
    check_input_file(path, allow_symlink=allow_symlink)
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)  # O_NONBLOCK: a pipe never blocks the open
    if not allow_symlink:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as e:
        raise InputFormatError(f"Cannot read {path} ({e.strerror}).", hint="Check the file can be opened.") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        _refuse_mode(path, mode)
    return fd


def read_bytes(path: str | Path, *, limit: int, allow_symlink: bool = False) -> bytes:
    """The bytes of an ordinary file, refused if it holds more than ``limit`` (read in chunks, never past it)."""
    path = Path(path)
    with os.fdopen(_open_regular(path, allow_symlink=allow_symlink), "rb") as f:
        data = f.read(limit + 1)
    if len(data) > limit:
        raise InputFormatError(f"{path} is larger than {limit / 1e6:,.0f} MB, the most scrdocs reads from a text file.",
                               hint="Split it into smaller files, or raise SCRDOCS_TEXT_MAX_MB.")
    return data


# ---------------------------------------------------------------- text

_SAVE_AS_UTF8 = "Open it in a text editor (Notepad: File > Save as, Encoding: UTF-8) and save it as UTF-8, then try again."
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
# UTF-16 and -32 are only ever read from their BOM or their NULs: the detector
# finds "UTF-16" in any short run of bytes.
_WIDE = ["utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be", "utf_7"]
# A valid UTF-8 multi-byte sequence: in text that is not UTF-8 as a whole, a
# sign that two encodings were mixed (read either way, some names would be garbled).
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
                            rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
                            rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}")
# Characters Windows-1252 gives where the text was really written in another
# code page (Polish ł -> ³, ś -> œ, ż -> ¿; Turkish ş -> þ; Latvian š -> ð; Czech ř -> ø).
_OTHER_CODE_PAGE = set("¹³¿œŒþÞðÐŸ¯¥ª¤¦¨´¸øØ")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x19\x1b-\x1f\x7f]")


def read_text(path: str | Path, *, allow_symlink: bool = False, legacy: bool = True) -> str:
    """The text of an ordinary file, decoded only when its encoding is known with confidence.

    In order: a BOM (UTF-8, -16, -32), the NULs of UTF-16 or -32 without one,
    strict UTF-8, then (if ``legacy``) charset-normalizer, with the confidence
    of :func:`scrdocs.settings.text_min_confidence`. Anything else is refused
    with :class:`InputFormatError` asking for the file to be saved as UTF-8.
    The case file is read with ``legacy=False``: YAML is Unicode, and a name
    misread there would be looked for, and missed, in every document."""
    path = Path(path)
    data = read_bytes(path, limit=text_max_bytes(), allow_symlink=allow_symlink)
    return decode_text(data, str(path), legacy=legacy)


def decode_text(data: bytes, name: str = "The text", *, legacy: bool = True) -> str:
    """Decode ``data`` as :func:`read_text` does; ``name`` is how messages call it."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _plain_text(_strict(data[len(bom):], encoding, name), name)
    if b"\x00" in data:
        encoding = _wide_encoding(data)
        if encoding is None:
            raise InputFormatError(f"{name} is not a text file (it holds binary data).",
                                   hint="Hand in the document in its own format (.docx or .pdf), or save it as UTF-8 text.")
        return _plain_text(_strict(data, encoding, name), name)
    try:
        return _plain_text(data.decode("utf-8"), name)
    except UnicodeDecodeError:
        pass
    if not legacy:
        raise InputFormatError(f"{name} is not saved as UTF-8.", hint=_SAVE_AS_UTF8)
    if _UTF8_SEQUENCE.search(data):
        raise InputFormatError(f"{name} mixes UTF-8 with another encoding, so some of its letters cannot be read for sure.",
                               hint=_SAVE_AS_UTF8)
    return _plain_text(_detected(data, name), name)


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise InputFormatError(f"{name} looks like {encoding.upper()} text but cannot be read as it (it may be damaged).",
                               hint=_SAVE_AS_UTF8) from None


def _wide_encoding(data: bytes) -> str | None:
    """UTF-32 or UTF-16 without a BOM, told by where its NULs fall (Latin text has one per letter)."""
    sample = data[: 1 << 16]
    quads = len(sample) // 4
    if quads:
        zeros = [sample[i:quads * 4:4].count(0) for i in range(4)]
        if zeros[2] >= 0.95 * quads and zeros[3] >= 0.95 * quads and zeros[0] < quads:
            return "utf-32-le"
        if zeros[0] >= 0.95 * quads and zeros[1] >= 0.95 * quads and zeros[3] < quads:
            return "utf-32-be"
    half = len(sample) // 2
    even, odd = sample[0:half * 2:2].count(0), sample[1:half * 2:2].count(0)
    if odd >= max(2, 0.1 * half) and even <= 0.02 * odd:
        return "utf-16-le"
    if even >= max(2, 0.1 * half) and odd <= 0.02 * even:
        return "utf-16-be"
    return None


def _detected(data: bytes, name: str) -> str:
    """Text in a legacy code page, read only when one reading is clearly right."""
    from charset_normalizer import from_bytes

    most_chaos = 1.0 - text_min_confidence()
    plausible = [m for m in from_bytes(data, cp_exclusion=_WIDE, preemptive_behaviour=False) if m.chaos <= most_chaos]
    try:
        preferred = codecs.lookup(legacy_text_encoding()).name
    except LookupError:
        preferred = "cp1252"
    if plausible:
        best = plausible[0].chaos
        for match in plausible:
            names = {_codec_name(c) for c in match.could_be_from_charset}
            if preferred in names and match.chaos <= best + 0.01:
                text = data.decode(preferred)
                if not _OTHER_CODE_PAGE.intersection(text):
                    return text
                break  # fits, but with the marks of another code page: not sure enough
        else:
            if len(plausible) == 1:
                return str(plausible[0])
    raise InputFormatError(f"{name} is not in UTF-8, and its encoding cannot be told for sure, so names in it could be "
                           "misread and missed.", hint=_SAVE_AS_UTF8)


def _codec_name(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name


def _plain_text(text: str, name: str) -> str:
    controls = len(_CONTROL.findall(text, 0, 1 << 20))
    if "\x00" in text or controls > max(2, len(text[: 1 << 20]) // 100):
        raise InputFormatError(f"{name} is not a text file (it holds binary data).",
                               hint="Hand in the document in its own format (.docx or .pdf), or save it as UTF-8 text.")
    return text


# ---------------------------------------------------------------- zips

_KINDS = {".docx": ("Word document", "Word"), ".docm": ("Word document", "Word"),
          ".xlsx": ("Excel workbook", "Excel"), ".xlsm": ("Excel workbook", "Excel")}
# Tiny parts (a few KB of repeated XML) may be packed very tightly: the ratio
# is only checked on parts unpacking to more than this.
_RATIO_FLOOR = 1_000_000
_LOCAL_HEADER = struct.Struct("<4s22xHH")


class SafeZip:
    """A .docx or .xlsx opened for reading within the limits of :mod:`scrdocs.settings` (see :func:`open_zip`).

    Reads like :class:`zipfile.ZipFile` (``infolist``, ``namelist``,
    ``getinfo``, ``read``), but every part is unpacked here, in chunks,
    counting the bytes it really holds, so a header that lies about its
    size is caught as surely as one that tells the truth."""

    def __init__(self, path: Path):
        self.path = path
        self.kind, self._app = _KINDS.get(path.suffix.lower(), ("file", "the program that made it"))
        self._file = os.fdopen(_open_regular(path), "rb")
        self._unpacked = 0
        try:
            self._check_count()
            self._zip = zipfile.ZipFile(self._file)
            self._check_declared()
        except zipfile.BadZipFile as e:
            self.close()
            raise self._damaged(str(e)) from None
        except BaseException:
            self.close()
            raise

    # -- reading
    def infolist(self) -> list[zipfile.ZipInfo]:
        return self._zip.infolist()

    def namelist(self) -> list[str]:
        return self._zip.namelist()

    def getinfo(self, name: str) -> zipfile.ZipInfo:
        return self._zip.getinfo(name)

    def read(self, member: str | zipfile.ZipInfo) -> bytes:
        """The unpacked bytes of one part (KeyError if there is none of that name, as zipfile)."""
        info = member if isinstance(member, zipfile.ZipInfo) else self._zip.getinfo(member)
        data = self._unpack(info)
        self._unpacked += len(data)
        return data

    def close(self) -> None:
        if getattr(self, "_zip", None) is not None:
            self._zip.close()
        self._file.close()

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- checks
    def _refuse(self, why: str) -> InputFormatError:
        return InputFormatError(f"The {self.kind} {self.path} {why}: it may be damaged or built to exhaust memory.",
                                hint=f"Open it in {self._app}, save it as a new file and try again. If it really is "
                                     "that large, split it (the limits are SCRDOCS_ZIP_MAX_* in the settings).")

    def _damaged(self, detail: str) -> InputFormatError:
        return InputFormatError(f"The {self.kind} {self.path} is damaged or not a {self.kind} ({detail}).",
                                hint=f"Open it in {self._app}, save it again (not password-protected) and try again.")

    def _check_count(self) -> None:
        # Before zipfile reads the whole directory into memory: the count it declares.
        end = getattr(zipfile, "_EndRecData", None)
        record = end(self._file) if end else None
        if record and record[4] > zip_max_members():
            raise self._refuse(f"holds {record[4]:,} parts (the most scrdocs opens is {zip_max_members():,})")

    def _check_declared(self) -> None:
        infos = self._zip.infolist()
        if len(infos) > zip_max_members():
            raise self._refuse(f"holds {len(infos):,} parts (the most scrdocs opens is {zip_max_members():,})")
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise InputFormatError(f"The {self.kind} {self.path} is password-protected.",
                                       hint=f"Open it in {self._app}, remove the password, save it and try again.")
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise self._damaged(f"{info.filename} is packed in a way Word and Excel do not use")
            if info.file_size > zip_max_part_bytes():
                raise self._refuse(f"would unpack to over {zip_max_part_bytes() / 1e6:,.0f} MB in one part ({info.filename})")
            if info.file_size > _RATIO_FLOOR and info.file_size > zip_max_ratio() * max(info.compress_size, 1):
                raise self._refuse(f"has a part ({info.filename}) that unpacks to over {zip_max_ratio():,.0f} times its packed size")
            total += info.file_size
        if total > zip_max_total_bytes():
            raise self._refuse(f"would unpack to over {zip_max_total_bytes() / 1e6:,.0f} MB in all")

    def _unpack(self, info: zipfile.ZipInfo) -> bytes:
        part_limit = zip_max_part_bytes()
        limit = min(part_limit, zip_max_total_bytes() - self._unpacked)
        self._file.seek(info.header_offset)
        header = self._file.read(_LOCAL_HEADER.size)
        if len(header) != _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
            raise self._damaged(f"the part {info.filename} cannot be found")
        name_length, extra_length = _LOCAL_HEADER.unpack(header)[1:]
        self._file.seek(info.header_offset + _LOCAL_HEADER.size + name_length + extra_length)
        inflater = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
        out, packed_left = bytearray(), info.compress_size
        while packed_left > 0 and not (inflater and inflater.eof):
            chunk = self._file.read(min(_CHUNK, packed_left))
            if not chunk:
                break
            packed_left -= len(chunk)
            pending = chunk
            while pending:
                if inflater is None:
                    out += pending
                    pending = b""
                else:
                    try:  # a chunk at a time, so that every limit is checked before the next
                        out += inflater.decompress(pending, min(_CHUNK, limit + 1 - len(out)))
                    except zlib.error as e:
                        raise self._damaged(f"the part {info.filename} cannot be unpacked: {e}") from None
                    pending = inflater.unconsumed_tail
                packed = info.compress_size - packed_left - len(pending)
                self._check_actual(info, len(out), packed, limit, part_limit)
        if inflater is not None and not inflater.eof:
            raise self._damaged(f"the part {info.filename} is cut short")
        if len(out) != info.file_size:
            raise self._refuse(f"has a part ({info.filename}) that holds {len(out):,} bytes but says it holds {info.file_size:,}")
        if zlib.crc32(out) != info.CRC:
            raise self._damaged(f"the part {info.filename} fails its checksum")
        return bytes(out)

    def _check_actual(self, info: zipfile.ZipInfo, size: int, packed: int, limit: int, part_limit: int) -> None:
        if size > limit:
            if limit < part_limit:
                raise self._refuse(f"would unpack to over {zip_max_total_bytes() / 1e6:,.0f} MB in all")
            raise self._refuse(f"would unpack to over {part_limit / 1e6:,.0f} MB in one part ({info.filename})")
        if size > _RATIO_FLOOR and size > zip_max_ratio() * max(packed, 1):
            raise self._refuse(f"has a part ({info.filename}) that unpacks to over {zip_max_ratio():,.0f} times its packed size")


def open_zip(path: str | Path) -> SafeZip:
    """Open a .docx or .xlsx (an ordinary file) for reading within the limits in :mod:`scrdocs.settings`.

    Refuses, with :class:`InputFormatError` saying why, a file with too many
    parts, a part or a whole that would unpack past the limits (as declared,
    and as really unpacked), a part packed more tightly than any real
    document, a password, or damage."""
    return SafeZip(Path(path))
