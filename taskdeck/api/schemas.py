"""Request and response bodies, as the OpenAPI document describes them."""

from datetime import date
from typing import Annotated, Any, Final, Generic, Literal, TypeVar, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from pydantic.json_schema import SkipJsonSchema

from taskdeck.domain.issues import (
    CRITERIA_MAX,
    CRITERION_MAX,
    DESCRIPTION_MAX,
    LABEL_MAX,
    LABELS_MAX,
    MINUTES_MAX,
    POINTS_MAX,
    TITLE_MAX,
    IssueType,
    Priority,
)
from taskdeck.domain.roles import Role
from taskdeck.domain.workflow import Category, WipMode

T = TypeVar("T")
Omitted = SkipJsonSchema[None]
"""A field that may be left out but not sent as null (the schema shows no null)."""


class Schema(BaseModel):
    """A body of the API. Its validator is built when first used, not when the class is
    made: most of these only document responses (`deps.DocumentedRoute`), and a request
    body's is built with the route that takes it (`built`), so a Lambda cold start, which
    imports them all, builds none."""

    model_config = ConfigDict(defer_build=True)


class Strict(Schema):
    """A request body: unknown fields are refused, not ignored."""

    model_config = ConfigDict(extra="forbid")


def built(annotation: Any) -> None:
    """Build each model in a parameter's type now (`deps.DeferredRoute`, before FastAPI
    makes the route), and let adapters of it build at once from now on.

    FastAPI wraps a body's model in an adapter with an `alias`, silencing pydantic's
    warning that an adapter's alias does nothing while it builds it. An adapter of a
    model that defers its build defers too, and would build (and warn) at the route's
    first request, outside that silence.
    """
    for model in _models_in(annotation):
        if model.model_config.get("defer_build"):
            model.model_rebuild(force=True)
            model.model_config = {**model.model_config, "defer_build": False}


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for argument in get_args(annotation) for model in _models_in(argument)]


class ItemList(Schema, Generic[T]):
    """One page of a list."""

    items: list[T]
    next_cursor: str | None


class PageOf:
    """A route's response model `ItemList[item]`, made only when the OpenAPI document
    needs it (`deps.DocumentedRoute.document`): each parametrisation is a class of its
    own, and nothing but the document uses them (seventeen at import, about 4 ms)."""

    __slots__ = ("item",)

    def __init__(self, item: type[BaseModel]) -> None:
        self.item = item

    def model(self) -> type[BaseModel]:
        """The page's model."""
        # A parametrisation at run time, which mypy reads as a type expression.
        return ItemList[self.item]  # type: ignore[name-defined]


class ProblemFieldError(Schema):
    """What is wrong with one field."""

    field: str
    message: str


class Problem(Schema):
    """An error, as RFC 9457 problem details."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[ProblemFieldError] | None = None


PROBLEM_REF: Final = "#/components/schemas/Problem"
"""Where the OpenAPI document keeps the `Problem` schema."""


# --- accounts ------------------------------------------------------------------------------


class SignUp(Strict):
    """A new account."""

    email: Annotated[str, Field(min_length=3, max_length=254)]
    password: Annotated[
        str, Field(min_length=10, max_length=1024, description="Not the email address")
    ]
    name: Annotated[str, Field(min_length=1, max_length=200)]


class LogIn(Strict):
    """Credentials."""

    email: Annotated[str, Field(min_length=1, max_length=254)]
    password: Annotated[str, Field(min_length=1, max_length=1024)]


class RefreshTokenIn(Strict):
    """A refresh token, to rotate or to revoke."""

    refresh_token: Annotated[
        str, Field(min_length=1, max_length=4096, description="Cognito's are about 2 kB")
    ]


class ConfirmSignUp(Strict):
    """The code sent to a new account's email address."""

    email: Annotated[str, Field(min_length=3, max_length=254)]
    code: Annotated[str, Field(min_length=1, max_length=64)]


class TokenPair(Schema):
    """What a sign-in or refresh gives."""

    access_token: str
    refresh_token: str
    token_type: Literal["bearer"]
    expires_in: int


class AccessToken(Schema):
    """What a cookie session's sign-in or refresh gives (its refresh token is the cookie)."""

    access_token: str
    token_type: Literal["bearer"]
    expires_in: int


class UserOut(Schema):
    """An account."""

    id: str
    email: str
    name: str
    active: bool
    created_at: str


class SignedUp(UserOut):
    """A new account."""

    confirmation_required: bool = Field(
        description="Whether the address must be confirmed (POST /auth/confirm with the "
        "code sent to it) before the first sign-in"
    )


class ApiTokenCreate(Strict):
    """A personal API token to create."""

    name: Annotated[str, Field(min_length=1, max_length=100)]


class ApiTokenOut(Schema):
    """A personal API token, without its secret."""

    id: str
    name: str
    created_at: str


class ApiTokenCreated(ApiTokenOut):
    """A new personal API token with its secret, shown once."""

    token: str


# --- projects and members ----------------------------------------------------------------

ProjectKey = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9]{1,9}$")]


class StatusIn(Strict):
    """One status of a workflow."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,31}$")]
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
    category: Category
    wip_limit: Annotated[int, Field(ge=1, le=10_000)] | None = None
    wip_mode: WipMode = Field(
        default=WipMode.HARD,
        description="hard: a move past the limit is refused (an admin may override); "
        "soft: it is allowed and the column shows it is over",
    )


class StatusOut(Schema):
    """One status of a workflow."""

    id: str
    name: str
    category: Category
    wip_limit: int | None
    wip_mode: WipMode


class ProjectSettings(Strict):
    """Rules a project can turn on or off."""

    acceptance_criteria_gate: bool = Field(
        default=True, description="A story may enter a done status only with every criterion met."
    )
    done_requires_closed_children: bool = Field(
        default=False, description="An issue may enter a done status only once its children are."
    )
    done_requires_unblocked: bool = Field(
        default=False,
        description="An issue may enter a done status only once every issue blocking it is done.",
    )


class ProjectSettingsPatch(Strict):
    """Settings to change."""

    acceptance_criteria_gate: bool | Omitted = None
    done_requires_closed_children: bool | Omitted = None
    done_requires_unblocked: bool | Omitted = None


class ProjectCreate(Strict):
    """A new project."""

    key: ProjectKey
    name: Annotated[str, Field(min_length=1, max_length=200)]
    description: Annotated[str, Field(max_length=DESCRIPTION_MAX)] = ""


class ProjectUpdate(Strict):
    """Project fields to change."""

    name: Annotated[str, Field(min_length=1, max_length=200)] | Omitted = None
    description: Annotated[str, Field(max_length=DESCRIPTION_MAX)] | Omitted = None
    workflow: (
        Annotated[list[StatusIn], Field(min_length=1, max_length=30)] | SkipJsonSchema[None]
    ) = None
    settings: ProjectSettingsPatch | Omitted = None
    move_issues: (
        Annotated[
            dict[
                Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,31}$")],
                Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,31}$")],
            ],
            Field(max_length=30),
        ]
        | Omitted
    ) = Field(
        default=None,
        description="With `workflow`: for each removed status that holds issues, the status "
        "of the new workflow they move to (`{removed id: target id}`), with history",
    )


class ProjectOut(Schema):
    """A project, with the caller's role in it."""

    id: str
    key: str
    name: str
    description: str
    workflow: list[StatusOut]
    settings: ProjectSettings
    created_at: str
    updated_at: str
    version: int
    role: Role | None
    active_sprint: str | None = Field(description="The id of the sprint under way, if any")


class MemberAdd(Strict):
    """An account to add, by id or by email."""

    user_id: Annotated[str, Field(min_length=1, max_length=64)] | None = None
    email: Annotated[str, Field(min_length=1, max_length=254)] | None = None
    role: Role = Role.MEMBER


class MemberUpdate(Strict):
    """A member's new role."""

    role: Role


class MemberOut(Schema):
    """A member of a project."""

    user_id: str
    email: str | None
    name: str | None
    role: Role
    joined_at: str


# --- issues ----------------------------------------------------------------------------------

Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=TITLE_MAX)]
Label = Annotated[str, Field(min_length=1, max_length=LABEL_MAX)]
IssueKeyRef = Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9]{1,9}-[1-9][0-9]{0,9}$")]


class CriterionIn(Strict):
    """An acceptance criterion; without `id` it is a new one."""

    id: Annotated[str, Field(min_length=1, max_length=64)] | None = None
    text: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=CRITERION_MAX)
    ]
    done: bool = False


class CriterionOut(Schema):
    """An acceptance criterion."""

    id: str
    text: str
    done: bool


class IssueFields(Strict):
    """Fields a client may set on an issue."""

    description: Annotated[str, Field(max_length=DESCRIPTION_MAX)] | None = None
    status: Annotated[str, Field(min_length=1, max_length=32)] | Omitted = None
    priority: Priority | Omitted = None
    assignee: Annotated[str, Field(min_length=1, max_length=64)] | None = None
    labels: Annotated[list[Label], Field(max_length=LABELS_MAX)] | Omitted = None
    points: Annotated[float, Field(ge=0, le=POINTS_MAX)] | None = None
    estimate_minutes: Annotated[int, Field(ge=0, le=MINUTES_MAX)] | None = None
    remaining_minutes: Annotated[int, Field(ge=0, le=MINUTES_MAX)] | None = None
    due_date: date | None = None
    parent: IssueKeyRef | None = None
    acceptance_criteria: (
        Annotated[list[CriterionIn], Field(max_length=CRITERIA_MAX)] | SkipJsonSchema[None]
    ) = None


class IssueCreate(IssueFields):
    """A new issue."""

    type: IssueType = IssueType.TASK
    title: Title


class IssueUpdate(IssueFields):
    """Issue fields to change; only the fields sent change, `null` clears one."""

    type: IssueType | Omitted = None
    title: Title | Omitted = None


class Progress(Schema):
    """How far an epic's or a story's children are."""

    children_done: int
    children_total: int
    points_done: float
    points_total: float


class IssueOut(Schema):
    """An issue."""

    key: str
    id: str
    project: str
    number: int
    type: IssueType
    title: str
    description: str
    status: str
    priority: Priority
    assignee: str | None
    reporter: str
    labels: list[str]
    points: float | None
    estimate_minutes: int | None
    remaining_minutes: int | None
    spent_minutes: int
    due_date: str | None
    sprint: str | None
    parent: str | None
    acceptance_criteria: list[CriterionOut]
    rank: str
    watchers: list[str]
    version: int
    created_at: str
    updated_at: str
    resolved_at: str | None
    progress: Progress | Omitted = Field(
        default=None, description="Epics and stories, on GET of the one issue only"
    )
    wip_exceeded: str | Omitted = Field(
        default=None,
        description="Only in the answer to an edit or move: the status whose WIP limit the "
        "issue's column is now over (a soft limit, or a hard one an admin overrode)",
    )


class HistoryOut(Schema):
    """One recorded change."""

    id: str
    actor: str
    at: str
    field: str
    from_: object = Field(alias="from")
    to: object

    model_config = ConfigDict(populate_by_name=True)


class Health(Schema):
    """The service's health."""

    status: Literal["ok"]
    store: Literal["ok"]
