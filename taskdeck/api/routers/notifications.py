"""The caller's inbox, its unread count and their notification settings."""

from starlette.responses import Response

from taskdeck.api.deps import Authenticated, Cursor, Limit, api_router, json_response, page_response
from taskdeck.api.notification_schemas import MarkRead, NotificationOut, NotificationSettings
from taskdeck.api.schemas import PageOf
from taskdeck.domain.errors import FieldError, ValidationFailed
from taskdeck.domain.notifications import Preferences

router = api_router("notifications")


def _settings_json(chosen: Preferences) -> dict[str, dict[str, bool]]:
    return {
        kind.value: {ch.value: on for ch, on in channels.items()}
        for kind, channels in chosen.items()
    }


@router.get("/me/notifications", response_model=PageOf(NotificationOut))
async def list_notifications(
    caller: Authenticated, unread: bool = False, limit: Limit = 50, cursor: Cursor = None
) -> Response:
    """The caller's notifications, newest first; `unread=true` lists only the unread."""
    page = await caller.services.notifications.list_mine(
        caller.user_id, unread=unread, limit=limit, cursor=cursor
    )
    return page_response(page)


@router.post("/me/notifications/read", status_code=204)
async def mark_read(body: MarkRead, caller: Authenticated) -> Response:
    """Mark notifications read: `{"ids": [...]}` (all must be the caller's) or `{"all": true}`."""
    if (body.ids is None) == (body.all is None):
        raise ValidationFailed(
            "send either `ids` or `all`", [FieldError("ids", "give ids, or all: true")]
        )
    if body.ids is not None:
        await caller.services.notifications.mark_read(caller.user_id, body.ids)
    else:
        await caller.services.notifications.mark_all_read(caller.user_id)
    return Response(status_code=204)


@router.get("/me/notification-settings", response_model=NotificationSettings)
async def get_settings(caller: Authenticated) -> Response:
    """The channels (in-app, email) of each kind of notification the caller gets."""
    return json_response(
        _settings_json(await caller.services.notifications.settings(caller.user_id))
    )


@router.put("/me/notification-settings", response_model=NotificationSettings)
async def put_settings(body: NotificationSettings, caller: Authenticated) -> Response:
    """Choose the channels per kind; kinds left out go back to their defaults."""
    chosen = await caller.services.notifications.replace_settings(caller.user_id, body.chosen())
    return json_response(_settings_json(chosen))
