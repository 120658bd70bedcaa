import { useEffect, useState } from "react";
import { AssigneeFilter } from "../../../components/AssigneeFilter";
import type { IssueFilters } from "../lib/filters";
import { withFilter } from "../lib/filters";
import { ISSUE_TYPES, type Member, type Status } from "../types";

interface Props {
  filters: IssueFilters;
  statuses: Status[];
  members: Member[];
  onChange: (filters: IssueFilters) => void;
}

/** The list's filters; each change lands in the URL at once (text after a short pause). */
export function IssueFiltersBar({ filters, statuses, members, onChange }: Props) {
  const [text, setText] = useState(filters.q ?? "");
  const [label, setLabel] = useState(filters.label ?? "");

  useEffect(() => {
    if (text.trim() === (filters.q ?? "") && label.trim() === (filters.label ?? "")) {
      return;
    }
    const timer = window.setTimeout(() => {
      onChange(withFilter(withFilter(filters, "q", text), "label", label));
    }, 300);
    return () => {
      window.clearTimeout(timer);
    };
  }, [text, label, filters, onChange]);

  const set = (field: keyof IssueFilters) => (event: { target: { value: string } }) => {
    onChange(withFilter(filters, field, event.target.value));
  };

  return (
    <form className="issue-filters" role="search" onSubmit={(event) => { event.preventDefault(); }}>
      <input
        type="search"
        aria-label="Search issues"
        placeholder="Search…"
        value={text}
        onChange={(event) => { setText(event.target.value); }}
      />
      <select aria-label="Filter by type" value={filters.type ?? ""} onChange={set("type")}>
        <option value="">Any type</option>
        {ISSUE_TYPES.map((type) => (
          <option key={type} value={type}>{type}</option>
        ))}
      </select>
      <select aria-label="Filter by status" value={filters.status ?? ""} onChange={set("status")}>
        <option value="">Any status</option>
        {statuses.map((status) => (
          <option key={status.id} value={status.id}>{status.name}</option>
        ))}
      </select>
      <AssigneeFilter
        aria-label="Filter by assignee"
        value={filters.assignee ?? ""}
        members={members}
        onChange={set("assignee")}
      />
      <input
        aria-label="Filter by label"
        placeholder="Label"
        value={label}
        onChange={(event) => { setLabel(event.target.value); }}
      />
      <select aria-label="Sort by" value={filters.sort ?? ""} onChange={set("sort")}>
        <option value="">Default order</option>
        <option value="key">Oldest first</option>
        <option value="-key">Newest first</option>
        <option value="rank" disabled={filters.status === undefined}>
          Rank (pick a status)
        </option>
      </select>
    </form>
  );
}
