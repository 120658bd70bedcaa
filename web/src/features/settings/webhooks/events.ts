import type { WebhookIn } from "../api/useWebhooks";

export type WebhookEvent = Exclude<NonNullable<WebhookIn["events"]>[number], "*">;

/** Every event a webhook may ask for (the API's list), grouped by what they concern. */
export const WEBHOOK_EVENTS: readonly WebhookEvent[] = [
  "project.created", "project.updated", "project.deleted",
  "member.added", "member.removed", "member.role_changed",
  "issue.created", "issue.updated", "issue.deleted", "issue.watcher_added", "issue.watcher_removed",
  "comment.added", "comment.edited", "comment.deleted",
  "attachment.added", "attachment.deleted",
  "link.added", "link.deleted",
  "worklog.added", "worklog.edited", "worklog.deleted",
  "sprint.created", "sprint.updated", "sprint.started", "sprint.completed", "sprint.deleted",
];

export const MIN_SECRET = 16;

export interface WebhookFormValues {
  url: string;
  secret: string;
}

/** What is wrong with the form before the API is asked, per field. */
export function validateWebhook({ url, secret }: WebhookFormValues): Partial<Record<keyof WebhookFormValues, string>> {
  const problems: Partial<Record<keyof WebhookFormValues, string>> = {};
  if (url.trim() === "") {
    problems.url = "Enter the URL to send events to.";
  } else if (!/^https?:\/\/[^\s/]+/i.test(url.trim())) {
    problems.url = "Enter an http or https URL, such as https://example.com/hooks.";
  }
  if (secret.length < MIN_SECRET) {
    problems.secret = `The secret needs at least ${MIN_SECRET} characters.`;
  }
  return problems;
}
