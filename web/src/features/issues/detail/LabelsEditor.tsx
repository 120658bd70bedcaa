import { useState } from "react";
import type { Issue } from "../types";
import { describePatch, FieldFeedback } from "./FieldFeedback";
import { useFieldSave } from "./useFieldSave";

/** The labels as removable chips, and a box to add one (Enter). */
export function LabelsEditor({ issue }: { issue: Issue }) {
  const saver = useFieldSave(issue);
  const [text, setText] = useState("");

  async function add() {
    const label = text.trim();
    if (label === "" || issue.labels.includes(label)) {
      setText("");
      return;
    }
    if ((await saver.save({ labels: [...issue.labels, label] })) === "saved") {
      setText("");
    }
  }

  return (
    <div className="property">
      <span id="labels-label">Labels</span>
      <ul className="chips" aria-labelledby="labels-label">
        {issue.labels.map((label) => (
          <li key={label} className="chip">
            {label}
            <button type="button" aria-label={`Remove label ${label}`}
              onClick={() => void saver.save({ labels: issue.labels.filter((l) => l !== label) })}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <input aria-label="Add label" placeholder="Add label" value={text} maxLength={64}
        onChange={(e) => { setText(e.target.value); }}
        onKeyDown={(e) => { if (e.key === "Enter") { e.preventDefault(); void add(); } }} />
      <FieldFeedback saver={saver} describe={describePatch} />
    </div>
  );
}
