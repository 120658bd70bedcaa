import { useEffect, useRef, useState } from "react";
import { CATEGORIES, MAX_NAME, type Category, type Status, type WipMode } from "./workflowDraft";

interface StatusRowProps {
  status: Status;
  position: number;
  count: number;
  first: boolean;
  last: boolean;
  readOnly: boolean;
  /** Set just after this status moved: its move button takes the focus back. */
  focusMove: -1 | 1 | undefined;
  onRename: (name: string) => void;
  onCategory: (category: Category) => void;
  onWipLimit: (limit: number | null) => void;
  onWipMode: (mode: WipMode) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

/** One status of the workflow being edited: its name, category, WIP limit and place. */
export function StatusRow(props: StatusRowProps) {
  const { status, position, count, first, last, readOnly, focusMove } = props;
  const upButton = useRef<HTMLButtonElement>(null);
  const downButton = useRef<HTMLButtonElement>(null);
  // The row moved in the list, so the focus is restored to the button pressed, or to the
  // other one once the row reaches the end and that button is disabled.
  useEffect(() => {
    if (focusMove === undefined) return;
    const up = focusMove === -1 ? !first : last;
    (up ? upButton : downButton).current?.focus();
  }, [focusMove, position, first, last]);
  // The name is typed freely and applied on blur or Enter, so a half-typed name that
  // clashes with another is not refused at every key.
  const [name, setName] = useState(status.name);
  const [shownName, setShownName] = useState(status.name);
  if (shownName !== status.name) {
    setShownName(status.name);
    setName(status.name);
  }
  const label = `Status ${position}`;
  const applyName = () => {
    if (name !== status.name) props.onRename(name);
  };
  return (
    <li className="status-row">
      <fieldset aria-label={label} disabled={readOnly}>
        <span className="status-position" aria-hidden="true">{position}</span>
        <label className="status-field">
          Name
          <input
            value={name}
            maxLength={MAX_NAME}
            onChange={(event) => { setName(event.target.value); }}
            onBlur={applyName}
            onKeyDown={(event) => {
              if (event.key === "Enter") {
                event.preventDefault();
                applyName();
              }
            }}
          />
        </label>
        <label className="status-field">
          Category
          <select value={status.category} onChange={(event) => { props.onCategory(event.target.value as Category); }}>
            {CATEGORIES.map((entry) => (
              <option key={entry.category} value={entry.category}>{entry.label}</option>
            ))}
          </select>
        </label>
        <label className="status-field status-wip">
          WIP limit
          <input
            type="number"
            min={1}
            max={10000}
            placeholder="None"
            value={status.wip_limit ?? ""}
            onChange={(event) => {
              const value = event.target.value;
              props.onWipLimit(value === "" ? null : Number(value));
            }}
          />
        </label>
        <label className="status-field">
          WIP mode
          <select
            value={status.wip_mode}
            disabled={status.wip_limit === null}
            onChange={(event) => { props.onWipMode(event.target.value as WipMode); }}
          >
            <option value="hard">Hard: refuse moves</option>
            <option value="soft">Soft: warn only</option>
          </select>
        </label>
        <span className="muted status-count">{count === 1 ? "1 issue" : `${count} issues`}</span>
        {readOnly ? null : (
          <span className="status-actions">
            <button ref={upButton} type="button" aria-label={`Move ${status.name} up`} disabled={first} onClick={() => { props.onMove(-1); }}>↑</button>
            <button ref={downButton} type="button" aria-label={`Move ${status.name} down`} disabled={last} onClick={() => { props.onMove(1); }}>↓</button>
            <button type="button" aria-label={`Remove ${status.name}`} onClick={props.onRemove}>Remove</button>
          </span>
        )}
      </fieldset>
    </li>
  );
}
