// Saving one field of an issue on the version shown, remembering what the user wanted
// when someone else changed the issue first (412), so they can apply it again.
import { useState } from "react";
import { useUpdateIssue } from "../api/useUpdateIssue";
import { isConflict } from "../lib/errors";
import type { Issue, IssueUpdate } from "../types";

export type SaveOutcome = "saved" | "conflict" | "failed";

export interface FieldSave {
  save: (patch: IssueUpdate) => Promise<SaveOutcome>;
  /** The edit refused as stale, kept to re-apply on the new version. */
  conflict: IssueUpdate | null;
  reapply: () => void;
  dismiss: () => void;
  error: unknown;
  pending: boolean;
}

export function useFieldSave(issue: Issue): FieldSave {
  const update = useUpdateIssue(issue.key);
  const [conflict, setConflict] = useState<IssueUpdate | null>(null);

  async function save(patch: IssueUpdate): Promise<SaveOutcome> {
    setConflict(null);
    try {
      await update.mutateAsync({ patch, version: issue.version });
      return "saved";
    } catch (error) {
      if (isConflict(error)) {
        setConflict(patch);
        return "conflict";
      }
      return "failed";
    }
  }

  return {
    save,
    conflict,
    reapply: () => {
      if (conflict !== null) {
        void save(conflict);
      }
    },
    dismiss: () => {
      setConflict(null);
      update.reset();
    },
    error: isConflict(update.error) ? null : update.error,
    pending: update.isPending,
  };
}
