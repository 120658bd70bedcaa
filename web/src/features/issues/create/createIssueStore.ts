// Whether the create-issue dialog is open, and for which project: a tiny store that any
// part of the app can open (the `c` shortcut, a button) without passing props around.
import { useEffect, useState, useSyncExternalStore } from "react";

export interface CreateIssueState {
  open: boolean;
  /** The project to create in; null lets the user pick one. */
  project: string | null;
  /** A parent to fill in (creating a child from an issue's page). */
  parent?: string;
}

let state: CreateIssueState = { open: false, project: null };
const listeners = new Set<() => void>();

function set(next: CreateIssueState): void {
  state = next;
  for (const listener of listeners) {
    listener();
  }
}

export function openCreateIssue(project: string | null = null, parent?: string): void {
  set({ open: true, project, ...(parent === undefined ? {} : { parent }) });
}

export function closeCreateIssue(): void {
  set({ open: false, project: null });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function useCreateIssueState(): CreateIssueState {
  return useSyncExternalStore(subscribe, () => state);
}

/** The project a page belongs to, from its path (`/projects/WEB/...`, `/issues/WEB-12`). */
export function projectFromPath(pathname: string): string | null {
  const project = /^\/projects\/([A-Z0-9]+)(?:\/|$)/.exec(pathname);
  if (project?.[1] !== undefined) {
    return project[1];
  }
  const issue = /^\/issues\/([A-Z0-9]+)-\d+(?:\/|$)/.exec(pathname);
  return issue?.[1] ?? null;
}

// The dialog may be mounted by the shell and by issue pages; only the first one shows.
let hosts: symbol[] = [];
const hostListeners = new Set<() => void>();

function subscribeHosts(listener: () => void): () => void {
  hostListeners.add(listener);
  return () => {
    hostListeners.delete(listener);
  };
}

/** Claim the dialog for this mount; true while this mount is the one that shows it. */
export function useIsDialogHost(): boolean {
  const [me] = useState(() => Symbol("create-issue-host"));
  useEffect(() => {
    hosts = [...hosts, me];
    hostListeners.forEach((listener) => { listener(); });
    return () => {
      hosts = hosts.filter((host) => host !== me);
      hostListeners.forEach((listener) => { listener(); });
    };
  }, [me]);
  return useSyncExternalStore(subscribeHosts, () => hosts[0] === me);
}
