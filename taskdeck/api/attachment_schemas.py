"""Bodies of the attachment endpoints, as the OpenAPI document describes them."""

from typing import Any, Final

from taskdeck.api.schemas import Schema


class AttachmentOut(Schema):
    """A file attached to an issue. `content_type` is read from the file's first bytes,
    not taken from the client; it is never a type a browser would run."""

    id: str
    issue: str
    filename: str
    content_type: str
    size: int
    sha256: str
    uploaded_by: str
    created_at: str


UPLOAD_BODY: Final[dict[str, Any]] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {
                            "type": "string",
                            "format": "binary",
                            "description": "The file (at most TASKDECK_MAX_UPLOAD_MB MiB)",
                        }
                    },
                }
            }
        },
    }
}
"""The upload's body, documented by hand: the route reads it as a stream."""

CONTENT_RESPONSES: Final[dict[int | str, dict[str, Any]]] = {
    200: {
        "description": "The file's bytes, as an attachment (`Content-Disposition`)",
        "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
    },
    307: {"description": "A presigned URL of the blob store that answers with the bytes"},
}
