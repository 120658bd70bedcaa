import { ApiError } from "../api/client";

interface FieldErrorProps {
  id: string;
  message: string | undefined;
}

/** The message for one form field, announced with the field (aria-describedby = id). */
export function FieldError({ id, message }: FieldErrorProps) {
  if (message === undefined) {
    return null;
  }
  return (
    <p id={id} className="field-error">
      {message}
    </p>
  );
}

/** The API's message for `field`, if the error is an API error that names it. */
export function fieldMessage(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fieldMessage(field) : undefined;
}
