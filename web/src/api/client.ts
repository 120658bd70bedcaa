// The one way the web app talks to the API: a typed client generated from the API's
// OpenAPI document (`make web-client`), with the access token attached and problem
// details turned into `ApiError`.
import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "./schema";

export interface FieldProblem {
  field: string;
  message: string;
}

/** A problem-details answer (RFC 9457) of the API, thrown by `unwrap`. */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly errors: FieldProblem[];

  constructor(status: number, title: string, detail: string, errors: FieldProblem[] = []) {
    super(detail || title);
    this.name = "ApiError";
    this.status = status;
    this.title = title;
    this.errors = errors;
  }

  /** The message for one field, if the API named it. */
  fieldMessage(field: string): string | undefined {
    return this.errors.find((problem) => problem.field === field)?.message;
  }
}

let accessToken: string | null = null;

/** Keep the access token in memory only: never in localStorage, where any script reads it. */
export function setAccessToken(token: string | null): void {
  accessToken = token;
}

export function hasAccessToken(): boolean {
  return accessToken !== null;
}

const authorize: Middleware = {
  onRequest({ request }) {
    if (accessToken !== null && !request.headers.has("Authorization")) {
      request.headers.set("Authorization", `Bearer ${accessToken}`);
    }
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(authorize);

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a successful answer; throws `ApiError` for a problem. */
export function unwrap<T>(answer: Answer<T>): T {
  if (answer.response.ok) {
    return answer.data as T;
  }
  throw toApiError(answer.response.status, answer.error);
}

export function toApiError(status: number, body: unknown): ApiError {
  if (typeof body === "object" && body !== null) {
    const problem = body as { title?: unknown; detail?: unknown; errors?: unknown };
    const errors = Array.isArray(problem.errors) ? (problem.errors as FieldProblem[]) : [];
    return new ApiError(
      status,
      typeof problem.title === "string" ? problem.title : `Error ${status}`,
      typeof problem.detail === "string" ? problem.detail : "",
      errors,
    );
  }
  return new ApiError(status, `Error ${status}`, "The server could not be reached.");
}
