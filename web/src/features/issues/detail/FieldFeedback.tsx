import { ErrorNotice } from "../../../components/ErrorNotice";
import type { IssueUpdate } from "../types";
import { ConflictNotice } from "./ConflictNotice";
import type { FieldSave } from "./useFieldSave";

/** The outcome of a field's save: a conflict to resolve, or an error. One place for both. */
export function FieldFeedback({ saver, describe }: { saver: FieldSave; describe: (patch: IssueUpdate) => string }) {
  if (saver.conflict !== null) {
    return (
      <ConflictNotice mine={describe(saver.conflict)} onReapply={saver.reapply} onDismiss={saver.dismiss} />
    );
  }
  return <ErrorNotice error={saver.error} />;
}

/** A patch in words, for the conflict notice. */
export function describePatch(patch: IssueUpdate): string {
  return Object.values(patch)
    .map((value) => (Array.isArray(value) ? value.map((v: unknown) => (typeof v === "object" && v !== null && "text" in v ? String(v.text) : String(v))).join(", ") : String(value ?? "none")))
    .join("; ");
}
