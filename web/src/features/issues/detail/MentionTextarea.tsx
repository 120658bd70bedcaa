import { useId, useRef, useState } from "react";
import { applyMention, mentionAt, suggestMembers, type MentionQuery } from "../lib/mentions";
import type { Member } from "../types";

interface Props {
  label: string;
  value: string;
  members: Member[];
  onChange: (value: string) => void;
  maxLength?: number;
  rows?: number;
}

/** A textarea that suggests project members after `@`: arrows choose, Enter or Tab inserts, Escape closes. */
export function MentionTextarea({ label, value, members, onChange, maxLength, rows = 4 }: Props) {
  const id = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [mention, setMention] = useState<MentionQuery | null>(null);
  const [active, setActive] = useState(0);
  const suggestions = mention === null ? [] : suggestMembers(members, mention.query);
  const open = suggestions.length > 0;

  function track(text: string, caret: number) {
    setMention(mentionAt(text, caret));
    setActive(0);
  }

  function insert(handle: string) {
    const area = ref.current;
    if (mention === null || area === null) return;
    const next = applyMention(value, area.selectionStart, mention, handle);
    onChange(next.text);
    setMention(null);
    requestAnimationFrame(() => { area.setSelectionRange(next.caret, next.caret); area.focus(); });
  }

  return (
    <div className="mention-box">
      <label htmlFor={id} className="visually-hidden">{label}</label>
      <textarea id={id} ref={ref} rows={rows} value={value} maxLength={maxLength} placeholder={`${label} — type @ to mention`}
        aria-autocomplete="list" aria-controls={`${id}-list`} aria-expanded={open}
        aria-activedescendant={open ? `${id}-opt-${active}` : undefined}
        onChange={(e) => { onChange(e.target.value); track(e.target.value, e.target.selectionStart); }}
        onKeyDown={(e) => {
          if (!open) return;
          if (e.key === "ArrowDown") { e.preventDefault(); setActive((active + 1) % suggestions.length); }
          else if (e.key === "ArrowUp") { e.preventDefault(); setActive((active - 1 + suggestions.length) % suggestions.length); }
          else if (e.key === "Enter" || e.key === "Tab") {
            const chosen = suggestions[active];
            if (chosen !== undefined) { e.preventDefault(); insert(chosen.handle); }
          } else if (e.key === "Escape") { e.preventDefault(); e.stopPropagation(); setMention(null); }
        }}
        onBlur={() => { setTimeout(() => { setMention(null); }, 150); }} />
      {open ? (
        <ul id={`${id}-list`} role="listbox" aria-label="Mention suggestions" className="mention-list">
          {suggestions.map((s, index) => (
            <li key={s.userId} id={`${id}-opt-${index}`} role="option" aria-selected={index === active}
              onMouseDown={(e) => { e.preventDefault(); insert(s.handle); }}>
              {s.label}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
