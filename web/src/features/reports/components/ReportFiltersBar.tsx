// The filters of the reports page, kept in the URL: the sprint, the date range, the
// assignee and the epic. Each report takes only the ones it can use.
import { AssigneeFilter } from "../../../components/AssigneeFilter";
import type { Member } from "../../projects/api/useMembers";
import type { FilterName, ReportFilters } from "../filters";
import type { Sprint } from "../types";

interface Props {
  filters: ReportFilters;
  /** The sprint shown when the URL names none (its id, when known). */
  sprint: string | undefined;
  /** Started sprints, the latest first; undefined while they load. */
  sprints: readonly Sprint[] | undefined;
  members: readonly Member[];
  epics: readonly { key: string; title: string }[];
  onChange: (name: FilterName, value: string) => void;
  onClear: () => void;
}

export function ReportFiltersBar(props: Props) {
  const { filters, sprint, sprints, members, epics, onChange, onClear } = props;
  const today = new Date().toISOString().slice(0, 10);
  return (
    <form className="report-filters" aria-label="Report filters" onSubmit={(e) => { e.preventDefault(); }}>
      <label>
        Sprint
        <select value={filters.sprint ?? sprint ?? ""} onChange={(e) => { onChange("sprint", e.target.value); }}>
          {sprints === undefined && <option value={sprint ?? ""}>Loading sprints…</option>}
          {sprints?.length === 0 && <option value="">No sprint started</option>}
          {sprints?.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} ({s.state})
            </option>
          ))}
        </select>
      </label>
      <label>
        From
        <input type="date" value={filters.from ?? ""} max={filters.to ?? today} onChange={(e) => { onChange("from", e.target.value); }} />
      </label>
      <label>
        To
        <input type="date" value={filters.to ?? ""} min={filters.from} max={today} onChange={(e) => { onChange("to", e.target.value); }} />
      </label>
      <label>
        Assignee
        <AssigneeFilter
          value={filters.assignee ?? ""}
          members={members}
          onChange={(e) => { onChange("assignee", e.target.value); }}
        />
      </label>
      <label>
        Epic
        <select value={filters.epic ?? ""} onChange={(e) => { onChange("epic", e.target.value); }}>
          <option value="">Any epic</option>
          {epics.map((epic) => (
            <option key={epic.key} value={epic.key}>{epic.key} {epic.title}</option>
          ))}
        </select>
      </label>
      <button type="button" onClick={onClear}>Clear filters</button>
    </form>
  );
}
