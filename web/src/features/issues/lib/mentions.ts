// @mention suggestions while typing: find the `@word` at the caret, match members, insert one.
// A member is mentioned by the part of their email before the `@` (the API's rule).
import type { Member } from "../types";

export interface MentionQuery {
  /** Where the `@` is. */
  start: number;
  /** What follows it up to the caret. */
  query: string;
}

export interface Suggestion {
  handle: string;
  label: string;
  userId: string;
}

const HANDLE = /^[\w.+-]*$/;

/** The `@word` being typed at the caret, if any (not an `@` inside an email address). */
export function mentionAt(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf("@");
  if (at < 0) {
    return null;
  }
  const query = before.slice(at + 1);
  const previous = at === 0 ? "" : before.charAt(at - 1);
  if (!HANDLE.test(query) || (previous !== "" && !/\s|[([{]/.test(previous))) {
    return null;
  }
  return { start: at, query };
}

export function handleOf(member: Member): string {
  return member.email?.split("@")[0] ?? member.user_id;
}

/** Members whose handle or name starts with (then contains) the query, best first. */
export function suggestMembers(members: Member[], query: string, max = 6): Suggestion[] {
  const wanted = query.toLowerCase();
  const scored = members
    .map((member) => {
      const handle = handleOf(member);
      const words = [handle, ...(member.name ?? "").split(/\s+/)].map((w) => w.toLowerCase());
      const score = words.some((w) => w.startsWith(wanted))
        ? 0
        : words.some((w) => w.includes(wanted))
          ? 1
          : 2;
      return { member, handle, score };
    })
    .filter((entry) => entry.score < 2)
    .sort((a, b) => a.score - b.score || a.handle.localeCompare(b.handle));
  return scored.slice(0, max).map(({ member, handle }) => ({
    handle,
    label: member.name ? `${member.name} (@${handle})` : `@${handle}`,
    userId: member.user_id,
  }));
}

/** The text with the `@query` at `mention` replaced by `@handle `, and the caret after it. */
export function applyMention(
  text: string,
  caret: number,
  mention: MentionQuery,
  handle: string,
): { text: string; caret: number } {
  const inserted = `@${handle} `;
  const next = text.slice(0, mention.start) + inserted + text.slice(caret);
  return { text: next, caret: mention.start + inserted.length };
}
