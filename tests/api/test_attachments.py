"""Attachments through the API, on SQLite with files and on DynamoDB with S3 (where a
download is a 307 to a presigned URL, followed here to the moto server)."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from ulid import ULID

from taskdeck.api.app import create_app
from taskdeck.bootstrap import Container, bootstrap
from taskdeck.config import Settings
from taskdeck.ports import StoreUnavailable
from taskdeck.services.blob_sweep import sweep_blobs
from tests.conftest import Api

V1 = "/api/v1"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
MIB = 1024 * 1024


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """The stores of every run, with a 1 MiB upload cap."""
    return settings.model_copy(update={"max_upload_mb": 1})


@pytest.fixture
def owner(api: Api) -> dict[str, Any]:
    user = api.user("owner")
    user["project"] = api.project(user, "WEB")
    api.issue(user, "WEB")
    return user


def upload(
    client: TestClient,
    user: dict[str, Any],
    data: bytes,
    name: str = "a.png",
    kind: str = "image/png",
    issue: str = "WEB-1",
) -> httpx.Response:
    return client.post(
        f"{V1}/issues/{issue}/attachments",
        files={"file": (name, data, kind)},
        headers=user["headers"],
    )


def download(
    client: TestClient, user: dict[str, Any], attachment: dict[str, Any]
) -> httpx.Response:
    """The file's bytes: streamed by the API, or from the presigned URL it redirects to."""
    response = client.get(
        f"{V1}/issues/{attachment['issue']}/attachments/{attachment['id']}/content",
        headers=user["headers"],
        follow_redirects=False,
    )
    assert response.headers["x-content-type-options"] == "nosniff"
    if response.status_code == 307:
        assert client.app.state.container.settings.blob_adapter == "s3"
        return httpx.get(response.headers["location"])
    return response


async def _collect(chunks: AsyncIterator[str]) -> list[str]:
    return [key async for key in chunks]


def blob_keys(client: TestClient, container: Container) -> list[str]:
    return client.portal.call(_collect, container.blobs.keys(""))


def listed(client: TestClient, user: dict[str, Any], issue: str = "WEB-1") -> list[Any]:
    response = client.get(f"{V1}/issues/{issue}/attachments", headers=user["headers"])
    assert response.status_code == 200, response.text
    items: list[Any] = response.json()["items"]
    return items


def test_upload_list_download_delete(
    client: TestClient, owner: dict[str, Any], container: Container
) -> None:
    created = upload(client, owner, PNG, name="chart.png")
    assert created.status_code == 201, created.text
    attachment = created.json()
    assert attachment == {
        "id": attachment["id"],
        "issue": "WEB-1",
        "filename": "chart.png",
        "content_type": "image/png",
        "size": len(PNG),
        "sha256": hashlib.sha256(PNG).hexdigest(),
        "uploaded_by": owner["id"],
        "created_at": attachment["created_at"],
    }
    assert listed(client, owner) == [attachment]
    one = client.get(f"{V1}/issues/WEB-1/attachments/{attachment['id']}", headers=owner["headers"])
    assert one.json() == attachment
    got = download(client, owner, attachment)
    assert got.status_code == 200
    assert got.content == PNG
    assert got.headers["content-type"] == "image/png"
    assert got.headers["content-disposition"].startswith('attachment; filename="chart.png"')
    history = client.get(f"{V1}/issues/WEB-1/history", headers=owner["headers"]).json()["items"]
    assert history[-1]["field"] == "attachment"
    assert history[-1]["to"] == "chart.png"
    assert len(blob_keys(client, container)) == 1

    deleted = client.delete(
        f"{V1}/issues/WEB-1/attachments/{attachment['id']}", headers=owner["headers"]
    )
    assert deleted.status_code == 204
    assert listed(client, owner) == []
    assert blob_keys(client, container) == []
    again = client.get(
        f"{V1}/issues/WEB-1/attachments/{attachment['id']}/content", headers=owner["headers"]
    )
    assert again.status_code == 404
    history = client.get(f"{V1}/issues/WEB-1/history", headers=owner["headers"]).json()["items"]
    assert history[-1]["from"] == "chart.png"
    assert history[-1]["to"] is None


def test_list_is_paginated(client: TestClient, owner: dict[str, Any]) -> None:
    ids = [
        upload(client, owner, b"note %d" % n, "n.txt", "text/plain").json()["id"] for n in range(3)
    ]
    first = client.get(f"{V1}/issues/WEB-1/attachments?limit=2", headers=owner["headers"]).json()
    assert [a["id"] for a in first["items"]] == ids[:2]
    assert first["next_cursor"]
    rest = client.get(
        f"{V1}/issues/WEB-1/attachments?limit=2&cursor={first['next_cursor']}",
        headers=owner["headers"],
    ).json()
    assert [a["id"] for a in rest["items"]] == ids[2:]
    assert rest["next_cursor"] is None


def test_lying_html_is_stored_as_text_and_served_as_a_download(
    client: TestClient, owner: dict[str, Any]
) -> None:
    html = b"<!doctype html><html><script>alert(document.cookie)</script></html>"
    for name, kind in (("x.png", "image/png"), ("x.html", "text/html"), ("x.svg", "image/svg+xml")):
        attachment = upload(client, owner, html, name=name, kind=kind).json()
        assert attachment["content_type"] == "text/plain"
        got = download(client, owner, attachment)
        assert got.content == html
        assert got.headers["content-type"].startswith("text/plain")
        assert got.headers["content-disposition"].startswith("attachment;")
    binary = upload(client, owner, b"\x00\x01\x02garbage" * 10, "x.pdf", "application/pdf")
    assert binary.json()["content_type"] == "application/octet-stream"


def test_names_are_normalised(client: TestClient, owner: dict[str, Any]) -> None:
    long = upload(client, owner, PNG, name="a" * 5000 + ".png").json()
    assert len(long["filename"]) == 255
    assert long["filename"].endswith("a.png")
    tricky = upload(client, owner, PNG, name="../../etc/pa\x1bss\u202ewd.png").json()
    assert tricky["filename"] == "passwd.png"
    windows = upload(client, owner, PNG, name="C:\\Users\\ann\\résumé.png").json()
    assert windows["filename"] == "résumé.png"
    assert upload(client, owner, PNG, name="..").json()["filename"] == "file"


def test_bad_uploads(client: TestClient, owner: dict[str, Any], container: Container) -> None:
    url, headers = f"{V1}/issues/WEB-1/attachments", owner["headers"]
    no_file = client.post(url, files={"other": ("a.txt", b"x", "text/plain")}, headers=headers)
    assert no_file.status_code == 422
    assert no_file.json()["errors"][0]["field"] == "file"
    assert client.post(url, headers=headers).status_code == 422
    empty = upload(client, owner, b"", "empty.txt", "text/plain")
    assert empty.status_code == 422
    assert empty.json()["errors"][0]["field"] == "file"
    as_json = client.post(url, json={"file": "x"}, headers=headers)
    assert as_json.status_code == 415
    over = upload(client, owner, PNG[:8] + b"\x00" * MIB, "big.png")
    assert over.status_code == 413, over.text
    far_over = upload(client, owner, b"\x00" * (3 * MIB), "huge.bin")
    assert far_over.status_code == 413
    truncated = client.post(
        url,
        content=b'--xyz\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc',
        headers={**headers, "content-type": "multipart/form-data; boundary=xyz"},
    )
    assert truncated.status_code == 400
    assert listed(client, owner) == []
    assert blob_keys(client, container) == []
    exactly = upload(client, owner, b"\x00" * MIB, "cap.bin")
    assert exactly.status_code == 201
    assert exactly.json()["size"] == MIB


def test_unknown_ids_and_issues(client: TestClient, owner: dict[str, Any], api: Api) -> None:
    unknown = str(ULID())
    for path in (
        f"WEB-1/attachments/{unknown}",
        f"WEB-1/attachments/{unknown}/content",
        "WEB-9/attachments",
        "NOPE-1/attachments",
    ):
        assert client.get(f"{V1}/issues/{path}", headers=owner["headers"]).status_code == 404
    other = api.user("other")
    api.project(other, "OPS")
    api.issue(other, "OPS")
    attachment = upload(client, other, PNG, issue="OPS-1").json()
    # The id of another project's attachment, asked through this project's issue.
    path = f"{V1}/issues/WEB-1/attachments/{attachment['id']}"
    assert client.get(path, headers=owner["headers"]).status_code == 404
    assert client.get(f"{V1}/issues/OPS-1/attachments", headers=owner["headers"]).status_code == 404
    assert upload(client, owner, PNG, issue="OPS-1").status_code == 404


def test_who_may_delete(client: TestClient, owner: dict[str, Any], api: Api) -> None:
    users = {}
    for role in ("admin", "member", "viewer"):
        users[role] = api.user(role)
        api.member(owner, "WEB", users[role], role)
    assert upload(client, users["viewer"], PNG).status_code == 403
    mine = upload(client, users["member"], PNG).json()
    theirs = upload(client, owner, PNG).json()

    def delete(user: dict[str, Any], attachment: dict[str, Any]) -> int:
        path = f"{V1}/issues/WEB-1/attachments/{attachment['id']}"
        return client.delete(path, headers=user["headers"]).status_code

    assert delete(users["viewer"], mine) == 403
    assert delete(users["member"], theirs) == 403
    assert delete(users["member"], mine) == 204
    assert delete(users["admin"], theirs) == 204
    assert listed(client, owner) == []


def test_sweep_removes_old_orphans_and_keeps_fresh_ones(
    client: TestClient, owner: dict[str, Any], container: Container
) -> None:
    kept = upload(client, owner, PNG).json()
    project_id = owner["project"]["id"]
    old = ULID.from_datetime(datetime.now(UTC) - timedelta(hours=2))
    orphan, fresh = f"{project_id}/1/{old}", f"{project_id}/1/{ULID()}"

    async def chunks() -> AsyncIterator[bytes]:
        yield b"left behind by a crash"

    for key in (orphan, fresh):
        client.portal.call(lambda k=key: container.blobs.put(k, chunks(), max_bytes=MIB))
    report = client.portal.call(container.attachments.sweep)
    keys = blob_keys(client, container)
    assert orphan not in keys
    assert fresh in keys
    assert len(keys) == 2
    assert report.checked == 1
    assert report.recent_blobs_kept == 1

    # Metadata whose blob was lost is removed (grace 0: everything counts as old).
    client.portal.call(container.blobs.delete, fresh)
    attachment_blob = blob_keys(client, container)[0]
    client.portal.call(container.blobs.delete, attachment_blob)
    report = client.portal.call(
        lambda: sweep_blobs(container.context, container.blobs, grace=timedelta(0))
    )
    assert report.missing_blobs_removed == 1
    assert listed(client, owner) == []
    assert kept["id"] in attachment_blob


def test_a_failed_metadata_write_deletes_the_blob(
    client: TestClient, owner: dict[str, Any], container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(operations: Any) -> Any:
        raise StoreUnavailable("disk trouble")

    monkeypatch.setattr(container.table, "transact", failing)
    assert upload(client, owner, PNG).status_code == 503
    monkeypatch.undo()
    assert blob_keys(client, container) == []
    assert listed(client, owner) == []


def test_streaming_downloads_on_any_store(
    client: TestClient, owner: dict[str, Any], settings: Settings
) -> None:
    attachment = upload(client, owner, PNG).json()
    # A second server on the same stores, configured to stream downloads through.
    streaming = bootstrap(settings.model_copy(update={"downloads": "stream"}))
    try:
        with TestClient(create_app(streaming)) as other:
            response = other.get(
                f"{V1}/issues/WEB-1/attachments/{attachment['id']}/content",
                headers=owner["headers"],
                follow_redirects=False,
            )
    finally:
        streaming.close()
    assert response.status_code == 200
    assert response.content == PNG
    assert response.headers["content-security-policy"].startswith("sandbox")
