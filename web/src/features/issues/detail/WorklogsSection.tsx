import { useState } from "react";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { TextField } from "../../../components/TextField";
import { useLogTime } from "../api/useLogTime";
import { useWorklogs } from "../api/useWorklogs";
import { fieldError } from "../lib/errors";
import { formatMinutes, parseMinutes } from "../lib/time";
import type { Names } from "../lib/useNames";
import type { Issue } from "../types";

const today = () => new Date().toISOString().slice(0, 10);

/** Time spent against the estimate, the worklogs, and a form to log time. */
export function WorklogsSection({ issue, names }: { issue: Issue; names: Names }) {
  const worklogs = useWorklogs(issue.key);
  const log = useLogTime(issue.key);
  const [time, setTime] = useState("");
  const [date, setDate] = useState(today);
  const [note, setNote] = useState("");
  const [invalid, setInvalid] = useState<string | undefined>();
  const estimate = issue.estimate_minutes;
  return (
    <section className="issue-section" aria-labelledby="worklogs-heading">
      <h2 id="worklogs-heading">Time tracking</h2>
      <p>
        Spent <strong>{formatMinutes(issue.spent_minutes)}</strong> of {estimate === null ? "no estimate" : formatMinutes(estimate)}
        {" · "}remaining {formatMinutes(issue.remaining_minutes)}
      </p>
      {estimate ? <meter min={0} max={estimate} value={issue.spent_minutes} optimum={0} high={estimate * 0.9} aria-label="Spent versus estimate" /> : null}
      <ErrorNotice error={worklogs.error} />
      <ul className="worklogs">
        {(worklogs.data ?? []).map((w) => (
          <li key={w.id}>{w.date} · {formatMinutes(w.minutes)} · {names.user(w.author)}{w.note ? ` — ${w.note}` : ""}</li>
        ))}
      </ul>
      <form className="inline-form" onSubmit={(e) => {
        e.preventDefault();
        const minutes = parseMinutes(time);
        if (minutes === null || minutes <= 0) { setInvalid("Write the time as 90, 90m, 1.5h or 1h 30m."); return; }
        setInvalid(undefined);
        log.mutate({ minutes, date, note: note.trim() || null }, { onSuccess: () => { setTime(""); setNote(""); } });
      }}>
        <TextField label="Time spent" placeholder="1h 30m" value={time} required
          error={invalid ?? fieldError(log.error, "minutes")} onChange={(e) => { setTime(e.target.value); }} />
        <TextField label="Date" type="date" value={date} max={today()}
          error={fieldError(log.error, "date")} onChange={(e) => { setDate(e.target.value); }} />
        <TextField label="Note" value={note} onChange={(e) => { setNote(e.target.value); }} />
        <button type="submit" disabled={log.isPending}>Log time</button>
      </form>
      <ErrorNotice error={log.error} fields={["minutes", "date"]} />
    </section>
  );
}
