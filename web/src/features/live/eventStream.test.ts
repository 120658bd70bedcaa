import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openEventStream, type LiveEvent } from "./eventStream";

// A stand-in for the browser's EventSource, driven by the test.
class FakeEventSource {
  static opened: FakeEventSource[] = [];
  readonly url: string;
  closed = false;
  onopen: (() => void) | null = null;
  onmessage: ((message: MessageEvent<string>) => void) | null = null;
  onerror: (() => void) | null = null;
  private listeners = new Map<string, ((message: MessageEvent<string>) => void)[]>();

  constructor(url: string) {
    this.url = url;
    FakeEventSource.opened.push(this);
  }

  addEventListener(kind: string, listener: (message: MessageEvent<string>) => void) {
    this.listeners.set(kind, [...(this.listeners.get(kind) ?? []), listener]);
  }

  close() {
    this.closed = true;
  }

  send(kind: string, id: string, data: unknown) {
    const message = new MessageEvent(kind, { data: JSON.stringify(data), lastEventId: id });
    for (const listener of this.listeners.get(kind) ?? []) listener(message);
  }
}

function latest(): FakeEventSource {
  const source = FakeEventSource.opened.at(-1);
  if (source === undefined) throw new Error("no EventSource was opened");
  return source;
}

beforeEach(() => {
  FakeEventSource.opened = [];
  vi.useFakeTimers();
  vi.stubGlobal("EventSource", FakeEventSource);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function open(ticket: () => Promise<string>) {
  const events: LiveEvent[] = [];
  const reconnects = vi.fn();
  const close = openEventStream({
    ticket,
    url: (t, last) => `/events?ticket=${t}${last === null ? "" : `&last_event_id=${last}`}`,
    onEvent: (event) => events.push(event),
    onReconnect: reconnects,
    backoff: (attempt) => 1000 * attempt,
  });
  return { events, reconnects, close };
}

describe("openEventStream", () => {
  it("hands on each event, and after a drop resumes with a new ticket after the last event seen", async () => {
    let tickets = 0;
    const stream = open(() => Promise.resolve(`t${++tickets}`));
    await vi.advanceTimersByTimeAsync(0);
    expect(latest().url).toBe("/events?ticket=t1");
    latest().onopen?.();
    latest().send("issue.updated", "pos-7", { id: "e7", kind: "issue.updated", data: { key: "WEB-1" } });
    expect(stream.events).toEqual([{ id: "e7", kind: "issue.updated", data: { key: "WEB-1" } }]);

    const dropped = latest();
    dropped.onerror?.();
    expect(dropped.closed).toBe(true);
    await vi.advanceTimersByTimeAsync(999);
    expect(FakeEventSource.opened).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(latest().url).toBe("/events?ticket=t2&last_event_id=pos-7");
    latest().onopen?.();
    expect(stream.reconnects).toHaveBeenCalledTimes(1);
    stream.close();
  });

  it("waits longer after each failure in a row, and starts over once connected", async () => {
    let fail = true;
    let asked = 0;
    const stream = open(() => {
      asked += 1;
      return fail ? Promise.reject(new Error("offline")) : Promise.resolve("ok");
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(asked).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(asked).toBe(2);
    await vi.advanceTimersByTimeAsync(1999);
    expect(asked).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(asked).toBe(3);
    fail = false;
    await vi.advanceTimersByTimeAsync(3000);
    expect(asked).toBe(4);
    latest().onopen?.();
    latest().onerror?.();
    await vi.advanceTimersByTimeAsync(1000);
    expect(asked).toBe(5);
    stream.close();
  });

  it("stops reconnecting once closed", async () => {
    const stream = open(() => Promise.resolve("t"));
    await vi.advanceTimersByTimeAsync(0);
    const source = latest();
    source.onerror?.();
    stream.close();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeEventSource.opened).toEqual([source]);
  });
});
