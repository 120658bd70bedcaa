// How this feature turns an error into words: one place for every message.
import { ApiError } from "../../../api/client";

export const CONFLICT_MESSAGE =
  "Someone else changed this issue while you were editing. Their version is shown now; " +
  "what you typed is kept below so you can apply it again.";

/** Whether an error is the API's 412: the edit was made on a stale version. */
export function isConflict(error: unknown): boolean {
  return error instanceof ApiError && error.status === 412;
}

/** A sentence for any error: the conflict message, the API's detail, or a generic one. */
export function errorText(error: unknown): string {
  if (isConflict(error)) {
    return CONFLICT_MESSAGE;
  }
  if (error instanceof ApiError) {
    if (error.errors.length > 0 && error.status === 422) {
      return error.errors.map((problem) => `${problem.field}: ${problem.message}`).join("; ");
    }
    return error.message;
  }
  if (error instanceof Error) {
    return error.message;
  }
  return "Something went wrong.";
}

/** The API's message for one field of a failed request, if it named that field. */
export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fieldMessage(field) : undefined;
}
