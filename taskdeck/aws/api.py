"""The HTTP API on Lambda: the same FastAPI app as `taskdeck serve`, through Mangum.

The app is built once per Lambda container, at the first invocation, and its lifespan
is entered then, once: Mangum 0.22 runs the lifespan around *every* invocation when asked
to (`lifespan="auto"`), and this app's shutdown closes the store, so the second request
would find it closed. Startup still checks the table once per container; there is no
shutdown (Lambda freezes and discards the process).

Each request emits CloudWatch EMF metrics, dimensioned by the route's template
(`GET /api/v1/issues/{key}`, never the raw path, so the number of series stays bounded):
`Requests`, `Latency` (ms), `Errors5xx`, `Errors4xx`.

The HTTP API's JWT authorizer verifies the Cognito access token of every protected route
before the function is invoked, and only the API may invoke it (its `Events`). The
handler hands the authorizer's claims to the identity's verifier (`CognitoTokens.vouch`),
so the function does not check a signature again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from taskdeck.aws.loading import known_absent, uncollected

with uncollected():  # everything the handler loads, with the collector paused
    known_absent("pydantic.v1")  # see the Makefile's `package`

    import asyncio

    from mangum import Mangum
    from mangum.protocols import LifespanCycle

    from taskdeck.api.app import create_app
    from taskdeck.aws import runtime

if TYPE_CHECKING:
    from aws_lambda_powertools import Metrics

    from taskdeck.adapters.identity.cognito_tokens import CognitoTokens
    from taskdeck.config import Settings
    from taskdeck.ports import Identity

SERVICE: Final = "api"
BEARER: Final = "bearer "


class RequestMetrics:
    """The API middleware's `RequestRecorder` on Lambda: one EMF document per request,
    dimensioned by its route's template."""

    def __init__(self, metrics: Metrics) -> None:
        self.metrics = metrics

    def __call__(self, method: str, route: str, status: int, seconds: float) -> None:
        """Record one answered request."""
        from aws_lambda_powertools.metrics import MetricUnit

        self.metrics.add_dimension(name="route", value=f"{method} {route}")
        self.metrics.add_metric(name="Requests", unit=MetricUnit.Count, value=1)
        self.metrics.add_metric(name="Latency", unit=MetricUnit.Milliseconds, value=seconds * 1000)
        self.metrics.add_metric(name="Errors5xx", unit=MetricUnit.Count, value=int(status >= 500))
        self.metrics.add_metric(
            name="Errors4xx", unit=MetricUnit.Count, value=int(400 <= status < 500)
        )
        self.metrics.add_metadata(key="status", value=status)
        self.metrics.flush_metrics()


def build(settings: Settings | None = None) -> runtime.Entry:
    """The Lambda handler over a container built from `settings` (the environment's by
    default), its app started."""
    log, container, metrics = runtime.parts(SERVICE, settings)
    app = create_app(container, record=RequestMetrics(metrics))
    tokens = gateway_checked(container.identity)
    loop = runtime.event_loop()  # LifespanCycle and Mangum run on the current loop
    # Started once, and kept referenced: were the cycle collected, its pending task
    # would be closed, and the app's shutdown would close the store.
    lifespan = LifespanCycle(app, "on")
    lifespan.__enter__()
    adapter = Mangum(app, lifespan="off")

    @log.inject_lambda_context(clear_state=True)
    def handle(event: dict[str, Any], context: Any) -> dict[str, Any]:
        runtime.event_loop()
        if tokens is not None:
            vouch_for_caller(tokens, event)
        return adapter(event, context)

    def close() -> None:
        asyncio.set_event_loop(loop)
        lifespan.__exit__(None, None, None)

    return runtime.Entry(handle, close)


def gateway_checked(identity: Identity) -> CognitoTokens | None:
    """The verifier the gateway's authorizer speaks for: Cognito's, when the accounts are
    in a user pool (local accounts' tokens are Taskdeck's own, which no gateway checks)."""
    from taskdeck.adapters.identity.cognito import CognitoIdentity

    return identity.tokens if isinstance(identity, CognitoIdentity) else None


def vouch_for_caller(tokens: CognitoTokens, event: dict[str, Any]) -> None:
    """Hand the authorizer's verdict on the request's bearer token to `tokens`: the claims
    API Gateway puts in an HTTP API (v2) event of a route its JWT authorizer guards. A
    request without them (a public route) is left to the app."""
    context = event.get("requestContext") or {}
    claims = ((context.get("authorizer") or {}).get("jwt") or {}).get("claims")
    header = (event.get("headers") or {}).get("authorization") or ""
    if isinstance(claims, dict) and header[: len(BEARER)].lower() == BEARER:
        tokens.vouch(header[len(BEARER) :].strip(), claims)


handler = runtime.lazily(build)
"""The Lambda entry point: the app answers one HTTP API (v2) request."""
