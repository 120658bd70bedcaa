"""File name normalisation and content-type sniffing of uploads, and `taskdeck sweep-blobs`."""

from __future__ import annotations

from pathlib import Path

import pytest

from taskdeck.cli import main
from taskdeck.domain.attachments import normalise_filename, sniff
from taskdeck.services.blob_sweep import parse_blob_key


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("report.pdf", "report.pdf"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\ann\\plan.xlsx", "plan.xlsx"),
        ("a\x00b\x1fc\x7f.txt", "abc.txt"),
        ("evil\u202egnp.exe", "evilgnp.exe"),
        ("  spaced \t  out  .txt ", "spaced out .txt"),
        ("trailing dots...", "trailing dots"),
        ("", "file"),
        (None, "file"),
        ("..", "file"),
        ("/", "file"),
        ("e\u0301te\u0301.md", "\u00e9t\u00e9.md"),
    ],
)
def test_filenames_are_normalised(raw: str | None, expected: str) -> None:
    assert normalise_filename(raw) == expected


def test_long_names_keep_their_extension() -> None:
    name = normalise_filename("x" * 5000 + ".tar.gz")
    assert len(name) == 255
    assert name.endswith("x.gz")
    assert len(normalise_filename("y" * 5000)) == 255
    assert len(normalise_filename("z." + "e" * 300)) == 255


@pytest.mark.parametrize(
    ("head", "declared", "expected"),
    [
        (b"\x89PNG\r\n\x1a\n....", "image/png", "image/png"),
        (b"\x89PNG\r\n\x1a\n....", "text/html", "image/png"),
        (b"\xff\xd8\xff\xe0....", None, "image/jpeg"),
        (b"GIF89a....", "image/png", "image/gif"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", None, "image/webp"),
        (b"%PDF-1.7\n", "application/pdf", "application/pdf"),
        (b"PK\x03\x04....", None, "application/zip"),
        (
            b"PK\x03\x04....",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (b"PK\x03\x04....", "text/html", "application/zip"),
        (b"\x1f\x8b\x08\x00", None, "application/gzip"),
        (b"<html><script>alert(1)</script>", "text/html", "text/plain"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "image/svg+xml", "text/plain"),
        (b"alert(1)", "application/javascript", "text/plain"),
        (b"a,b\n1,2\n", "text/csv; charset=utf-8", "text/csv"),
        (b'{"a": 1}', "application/json", "application/json"),
        ("caf\u00e9 cr\u00e8me".encode(), None, "text/plain"),
        (b"\x00\x01\x02\x03binary", "image/png", "application/octet-stream"),
        (b"\xff\xfe\xfd not utf-8", None, "application/octet-stream"),
    ],
)
def test_types_are_sniffed_not_trusted(head: bytes, declared: str | None, expected: str) -> None:
    assert sniff(head, declared, complete=True) == expected


def test_a_character_cut_at_the_end_of_the_head_is_still_text() -> None:
    head = ("a" * 4094 + "\u00e9").encode()[:4095]
    assert sniff(head, None) == "text/plain"
    assert sniff(head, None, complete=True) == "application/octet-stream"


def test_blob_keys_name_their_attachment() -> None:
    assert parse_blob_key("P1/12/01JD0000000000000000000000") == (
        "P1",
        12,
        "01JD0000000000000000000000",
    )
    for other in ("P1/01JD0000000000000000000000", "P1/x/01JD0000000000000000000000", "P1/1/nope"):
        assert parse_blob_key(other) is None


def test_sweep_blobs_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TASKDECK_DATA_DIR", str(tmp_path))
    orphan = tmp_path / "blobs" / "P1" / "1" / "01BX5ZZKBKACTAV9WEVGEMMVRZ"
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"left behind")
    main(["sweep-blobs"])
    out = capsys.readouterr().out
    assert "orphan blobs deleted: 1" in out
    assert not orphan.exists()
