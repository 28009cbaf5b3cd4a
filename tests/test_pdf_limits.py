"""Limits on PDFs: --max-size, page count, and decompression bombs."""

from __future__ import annotations

import subprocess
import sys
import zlib
from pathlib import Path

import pytest

pytest.importorskip("reportlab")

from pdf_draw import draw  # noqa: E402

from auditor.errors import InputError  # noqa: E402
from auditor.parsing import parse_file  # noqa: E402
from auditor.pdf import guard, read_pdf  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def _pdf_with_content(stream: bytes) -> bytes:
    """A one-page PDF whose content stream is ``stream`` (FlateDecode)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    # 300 MB of zeros compress to ~1.4 MB: past the 256 MB budget.
    packer = zlib.compressobj(1)
    zeros = b"\0" * (1 << 20)
    packed = b"".join(packer.compress(zeros) for _ in range(300)) + packer.flush()
    path = tmp_path_factory.mktemp("bomb") / "bomb.pdf"
    path.write_bytes(_pdf_with_content(packed))
    return path


def test_a_decompression_bomb_is_refused_in_chinese_without_eating_memory(bomb):
    assert bomb.stat().st_size < 2 * 1024 * 1024
    # In a fresh interpreter, so its peak memory is the reading's own.
    code = (
        "import resource, sys\n"
        "from auditor.errors import InputError\n"
        "from auditor.pdf import read_pdf\n"
        "try:\n"
        f"    read_pdf({str(bomb)!r})\n"
        "    print('READ')\n"
        "except InputError as exc:\n"
        "    print(exc.message)\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    message, peak_kb = done.stdout.strip().splitlines()
    assert "压缩炸弹" in message
    assert int(peak_kb) < 500 * 1024  # ru_maxrss is in kilobytes on Linux


def test_an_ordinary_compressed_stream_is_counted_not_refused():
    text = b"BT /F1 12 Tf 100 700 Td (budget) Tj ET\n" * 100
    data = _pdf_with_content(zlib.compress(text))
    assert guard.inflated_size(data, guard.MAX_INFLATED) == len(text)


def test_max_size_applies_to_pdfs(tmp_path):
    path = draw(tmp_path / "small.pdf", lambda p: p.text(60, 100, "一行文字。"))
    with pytest.raises(InputError, match="--max-size"):
        parse_file(path, max_bytes=100)
    assert list(read_pdf(path).raw) == ["一行文字。"]


def test_too_many_pages_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(guard, "MAX_PAGES", 2)
    page = lambda p: p.text(60, 100, "一页。")  # noqa: E731
    path = draw(tmp_path / "long.pdf", page, page, page)
    with pytest.raises(InputError, match="超过上限 2 页"):
        read_pdf(path)
