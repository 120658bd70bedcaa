"""A project's webhooks and their deliveries (admins and owners)."""

from typing import Annotated

from fastapi import Path
from starlette.responses import Response

from taskdeck.api.deps import (
    Authenticated,
    Cursor,
    Limit,
    ProjectKeyPath,
    api_router,
    json_response,
    page_response,
)
from taskdeck.api.schemas import PageOf
from taskdeck.api.webhook_schemas import WebhookDeliveryOut, WebhookIn, WebhookOut

router = api_router("webhooks")
WebhookIdPath = Annotated[str, Path(min_length=1, max_length=26)]


@router.get("/projects/{key}/webhooks", response_model=PageOf(WebhookOut))
async def list_webhooks(key: ProjectKeyPath, caller: Authenticated) -> Response:
    """The project's webhooks, oldest first."""
    return page_response(await caller.services.webhooks.list_webhooks(caller.user_id, key))


@router.post("/projects/{key}/webhooks", status_code=201, response_model=WebhookOut)
async def create_webhook(key: ProjectKeyPath, body: WebhookIn, caller: Authenticated) -> Response:
    """Send the project's events (all, or those named) to a URL, signed with the secret."""
    webhook = await caller.services.webhooks.create(
        caller.user_id, key, url=body.url, secret=body.secret, events=body.events
    )
    return json_response(webhook, 201)


@router.get("/projects/{key}/webhooks/{webhook_id}", response_model=WebhookOut)
async def get_webhook(
    key: ProjectKeyPath, webhook_id: WebhookIdPath, caller: Authenticated
) -> Response:
    """One webhook, with the outcome of its last delivery."""
    return json_response(await caller.services.webhooks.get(caller.user_id, key, webhook_id))


@router.delete("/projects/{key}/webhooks/{webhook_id}", status_code=204)
async def delete_webhook(
    key: ProjectKeyPath, webhook_id: WebhookIdPath, caller: Authenticated
) -> Response:
    """Remove a webhook; its pending deliveries are not sent."""
    await caller.services.webhooks.delete(caller.user_id, key, webhook_id)
    return Response(status_code=204)


@router.get(
    "/projects/{key}/webhooks/{webhook_id}/deliveries",
    response_model=PageOf(WebhookDeliveryOut),
)
async def list_webhook_deliveries(
    key: ProjectKeyPath,
    webhook_id: WebhookIdPath,
    caller: Authenticated,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Response:
    """The webhook's deliveries, newest first: state, attempts, last status and error."""
    page = await caller.services.webhooks.deliveries(
        caller.user_id, key, webhook_id, limit=limit, cursor=cursor
    )
    return page_response(page)
