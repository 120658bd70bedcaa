// A project's live event stream that keeps itself open: each (re)connection asks for a
// fresh ticket (they last a minute), resumes after the last event seen, and waits longer
// after each failure in a row.
export interface LiveEvent {
  id: string;
  kind: string;
  data: Record<string, unknown>;
}

export interface StreamOptions {
  /** A ticket for `?ticket=` on the stream. */
  ticket: () => Promise<string>;
  /** The stream's URL for a ticket and the resume token of the last event seen. */
  url: (ticket: string, lastEventId: string | null) => string;
  onEvent: (event: LiveEvent) => void;
  /** After a reconnection: events may have been missed before the resume point existed. */
  onReconnect?: () => void;
  /** Milliseconds to wait before attempt `n` (1, 2, ...) after a failure. */
  backoff?: (attempt: number) => number;
}

/** The event that tells a stream's reader they have new notifications. */
export const INBOX_CHANGED = "inbox.changed";

// The stream names each event by its kind; EventSource only hands named events to
// listeners for those names.
// The kinds the API writes (grep `kind=` in taskdeck/services); one it adds later is
// ignored here until it is listed.
const KINDS = ["issue.created", "issue.updated", "issue.deleted", "issue.watcher_added",
  "issue.watcher_removed", "comment.added", "comment.edited", "comment.deleted",
  "attachment.added", "attachment.deleted", "worklog.added", "worklog.edited",
  "worklog.deleted", "link.added", "link.deleted", "sprint.created", "sprint.updated",
  "sprint.started", "sprint.completed", "sprint.deleted", "project.updated", "member.added",
  "member.removed", "member.role_changed", INBOX_CHANGED];

/** Double the wait from half a second up to thirty, with jitter so clients spread out. */
export function defaultBackoff(attempt: number): number {
  const base = Math.min(30_000, 500 * 2 ** (attempt - 1));
  return base / 2 + Math.random() * (base / 2);
}

/** Open the stream; the returned function closes it for good. */
export function openEventStream(options: StreamOptions): () => void {
  const backoff = options.backoff ?? defaultBackoff;
  let source: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastEventId: string | null = null;
  let failures = 0;
  let connectedBefore = false;
  let closed = false;

  function receive(message: MessageEvent<string>) {
    failures = 0;
    if (message.lastEventId) lastEventId = message.lastEventId;
    try {
      const event = JSON.parse(message.data) as { id: string; kind: string; data?: Record<string, unknown> };
      options.onEvent({ id: event.id, kind: event.kind || message.type, data: event.data ?? {} });
    } catch {
      // A malformed event tells nothing; the next one will.
    }
  }

  function retryLater() {
    if (closed) return;
    failures += 1;
    timer = setTimeout(() => { void connect(); }, backoff(failures));
  }

  async function connect() {
    timer = null;
    let ticket: string;
    try {
      ticket = await options.ticket();
    } catch {
      retryLater();
      return;
    }
    if (closed) return;
    const opened = new EventSource(options.url(ticket, lastEventId));
    source = opened;
    opened.onopen = () => {
      failures = 0;
      if (connectedBefore) options.onReconnect?.();
      connectedBefore = true;
    };
    opened.onmessage = receive;
    for (const kind of KINDS) opened.addEventListener(kind, receive as EventListener);
    // The browser's own retry would reuse the expired ticket: reconnect ourselves instead.
    opened.onerror = () => {
      opened.close();
      if (source === opened) source = null;
      retryLater();
    };
  }

  void connect();
  return () => {
    closed = true;
    if (timer !== null) clearTimeout(timer);
    source?.close();
  };
}
