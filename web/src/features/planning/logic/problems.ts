// Every error of the planning pages becomes a sentence here, and nowhere else.
import { ApiError } from "../../../api/client";

export interface MoveProblem {
  message: string;
  /** A hard WIP limit refused the move: an admin may retry with `override_wip`. */
  wipRefused: boolean;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
}

/** A hard WIP limit's refusal: a 409 whose problem names the `status` field. */
export function isWipRefusal(error: unknown): error is ApiError {
  return (
    error instanceof ApiError &&
    error.status === 409 &&
    error.fieldMessage("status") !== undefined &&
    /wip limit/i.test(error.message)
  );
}

/** What to tell the user when a move failed (and was undone). */
export function describeMoveError(error: unknown): MoveProblem {
  if (isWipRefusal(error)) {
    return { message: `Not moved: ${error.message}.`, wipRefused: true };
  }
  if (error instanceof ApiError) {
    switch (error.status) {
      case 401:
        return { message: "Your session has ended; sign in again.", wipRefused: false };
      case 403:
        return { message: `Not moved: ${error.message}.`, wipRefused: false };
      case 404:
        return { message: "Not moved: that issue no longer exists.", wipRefused: false };
      case 412:
        return {
          message: "Not moved: someone else changed this issue. The list has been reloaded.",
          wipRefused: false,
        };
      default:
        return { message: `Not moved: ${error.message}.`, wipRefused: false };
    }
  }
  return { message: "Not moved: the server could not be reached.", wipRefused: false };
}

/** What to tell the user when any other planning action failed. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const fields = error.errors.map((problem) => `${problem.field}: ${problem.message}`);
    return [sentence(error.message), ...fields].join(" — ");
  }
  return "The server could not be reached; try again.";
}
