"""Response bodies of the flow reports, for the OpenAPI document. Each report's CSV has the
columns of its rows, in the order declared here (cumulative flow: `date`, then a column
per status shown)."""

import dataclasses
import datetime

from pydantic import Field

from taskdeck.api.schemas import Schema
from taskdeck.domain.flow import AgingIssue, ResolvedIssue
from taskdeck.domain.workflow import Category


class FlowStatusOut(Schema):
    """A status the cumulative flow counts."""

    id: str
    name: str
    category: Category | None = Field(description="null: no longer in the workflow")


class FlowDayOut(Schema):
    """The issues in each status at the end of one UTC day."""

    date: datetime.date
    counts: dict[str, int] = Field(description="By status id, for every status shown")


class CumulativeFlowOut(Schema):
    """The number of issues in each status at the end of each day of the range."""

    project: str
    from_: datetime.date = Field(alias="from")
    to: datetime.date
    statuses: list[FlowStatusOut] = Field(
        description="Workflow order; then statuses since removed that held issues in the range"
    )
    days: list[FlowDayOut]


class PercentilesOut(Schema):
    """Nearest-rank percentiles, in days (null: no issue has a value)."""

    p50: float | None
    p85: float | None
    p95: float | None


class CycleTimeOut(Schema):
    """The issues resolved in the range and still done, oldest resolution first."""

    project: str
    from_: datetime.date = Field(alias="from")
    to: datetime.date
    issues: list[ResolvedIssue]
    lead_time_days: PercentilesOut = Field(description="Created to resolved")
    cycle_time_days: PercentilesOut = Field(description="First started to resolved")


class ReferenceOut(Schema):
    """The cycle times an aging chart draws as lines: issues resolved in the last 30 days."""

    from_: datetime.date = Field(alias="from")
    to: datetime.date
    cycle_time_days: PercentilesOut


class AgingWipOut(Schema):
    """The issues in an in-progress status, oldest first."""

    project: str
    now: str = Field(description="The moment the ages are counted to")
    issues: list[AgingIssue]
    reference: ReferenceOut


CYCLE_TIME_COLUMNS = tuple(f.name for f in dataclasses.fields(ResolvedIssue))
AGING_WIP_COLUMNS = tuple(f.name for f in dataclasses.fields(AgingIssue))
