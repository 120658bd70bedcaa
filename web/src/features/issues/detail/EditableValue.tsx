import { useId, useState } from "react";
import type { Issue, IssueUpdate } from "../types";
import { describePatch, FieldFeedback } from "./FieldFeedback";
import { useFieldSave } from "./useFieldSave";

interface Props {
  issue: Issue;
  label: string;
  /** The field's value as the control shows it. */
  value: string;
  kind: "select" | "text" | "number" | "date";
  options?: readonly (readonly [string, string])[];
  /** The PATCH for a typed value, or null when it does not change anything. */
  toPatch: (draft: string) => IssueUpdate | null;
  placeholder?: string;
  className?: string;
}

/** One property of an issue, edited in place: selects and dates save on change, text on Enter or blur. */
export function EditableValue({ issue, label, value, kind, options = [], toPatch, placeholder, className = "property" }: Props) {
  const id = useId();
  const saver = useFieldSave(issue);
  const [draft, setDraft] = useState(value);
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setDraft(value);
  }

  function commit(next: string) {
    const patch = next === value ? null : toPatch(next);
    if (patch !== null) {
      void saver.save(patch).then((outcome) => {
        // On a conflict the field shows their value; the notice keeps ours.
        if (outcome === "conflict" || kind === "select") {
          setDraft(value);
        }
      });
    }
  }

  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      {kind === "select" ? (
        <select id={id} value={draft} disabled={saver.pending}
          onChange={(e) => { setDraft(e.target.value); commit(e.target.value); }}>
          {options.map(([optionValue, text]) => (
            <option key={optionValue} value={optionValue}>{text}</option>
          ))}
        </select>
      ) : (
        <input id={id} type={kind} value={draft} placeholder={placeholder} disabled={saver.pending}
          min={kind === "number" ? 0 : undefined} step={kind === "number" ? "any" : undefined}
          onChange={(e) => {
            setDraft(e.target.value);
            if (kind === "date") { commit(e.target.value); }
          }}
          onBlur={() => { if (kind !== "date") { commit(draft); } }}
          onKeyDown={(e) => {
            // Enter saves by leaving the field, so the blur that follows saves nothing twice.
            if (e.key === "Enter") { e.preventDefault(); e.currentTarget.blur(); }
            if (e.key === "Escape") { setDraft(value); }
          }} />
      )}
      <FieldFeedback saver={saver} describe={describePatch} />
    </div>
  );
}
