// The board's filters (assignee, type, label) and swimlanes, kept in the URL.
import { useState, type SyntheticEvent } from "react";
import { useSearchParams } from "react-router";
import { AssigneeFilter } from "../../../components/AssigneeFilter";
import { readBoardFilters, withFilter, type BoardFilters } from "../logic/boardFilters";
import { ISSUE_TYPES } from "../../issues/types";
import type { Member } from "../types";

export function BoardFiltersBar({ members }: { members: readonly Member[] }) {
  const [params, setParams] = useSearchParams();
  const filters = readBoardFilters(params);
  const [label, setLabel] = useState(filters.label ?? "");
  const set = (name: keyof BoardFilters, value: string) => {
    setParams(withFilter(params, name, value), { replace: true });
  };
  const submitLabel = (event: SyntheticEvent) => {
    event.preventDefault();
    set("label", label.trim());
  };
  return (
    <form className="plan-filters" aria-label="Board filters" onSubmit={submitLabel}>
      <label>
        Assignee
        <AssigneeFilter
          value={filters.assignee ?? ""}
          members={members}
          onChange={(e) => { set("assignee", e.target.value); }}
        />
      </label>
      <label>
        Type
        <select value={filters.type ?? ""} onChange={(e) => { set("type", e.target.value); }}>
          <option value="">Any type</option>
          {ISSUE_TYPES.map((type) => (
            <option key={type} value={type}>{type}</option>
          ))}
        </select>
      </label>
      <label>
        Label
        <input
          type="search"
          value={label}
          onChange={(e) => { setLabel(e.target.value); }}
          onBlur={() => { if (label.trim() !== (filters.label ?? "")) set("label", label.trim()); }}
        />
      </label>
      <label>
        Swimlanes
        <select value={filters.group_by ?? ""} onChange={(e) => { set("group_by", e.target.value); }}>
          <option value="">None</option>
          <option value="assignee">By assignee</option>
          <option value="epic">By epic</option>
          <option value="priority">By priority</option>
        </select>
      </label>
    </form>
  );
}
