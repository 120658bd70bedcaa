import { ApiError } from "../api/client";

interface ErrorNoticeProps {
  error: unknown;
  /** Fields shown next to their inputs: a problem naming only these says nothing here. */
  fields?: readonly string[];
}

/**
 * What went wrong, said once, calmly: the API's detail, or a plain sentence for
 * anything else. Stays silent when every problem is already shown next to its field.
 */
export function ErrorNotice({ error, fields = [] }: ErrorNoticeProps) {
  if (error === null || error === undefined) {
    return null;
  }
  if (error instanceof ApiError && error.errors.length > 0) {
    const shown = error.errors.every((problem) => fields.includes(problem.field));
    if (shown) {
      return null;
    }
  }
  return (
    <p role="alert" className="error-notice">
      {describe(error)}
    </p>
  );
}

function describe(error: unknown): string {
  if (error instanceof ApiError) {
    return error.message;
  }
  return "Taskdeck could not be reached. Check your connection and try again.";
}
