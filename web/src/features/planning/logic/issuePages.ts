// Changes to the cached pages of a ranked list (the backlog, a sprint): take an issue
// out, put one in next to its neighbours, replace one with the server's answer.
import type { Issue, IssuePages } from "../types";

export function removeFromPages(data: IssuePages | undefined, key: string) {
  if (data === undefined) return undefined;
  return {
    ...data,
    pages: data.pages.map((page) =>
      page.items.some((issue) => issue.key === key)
        ? { ...page, items: page.items.filter((issue) => issue.key !== key) }
        : page,
    ),
  };
}

/** Insert below `after`, else above `before`, else at the bottom of a fully loaded list. */
export function insertIntoPages(
  data: IssuePages | undefined,
  issue: Issue,
  before: string | null,
  after: string | null,
): IssuePages | undefined {
  if (data === undefined) return undefined;
  const pages = data.pages.map((page) => ({ ...page, items: [...page.items] }));
  const place = (neighbour: string | null, offset: number) => {
    if (neighbour === null) return false;
    for (const page of pages) {
      const at = page.items.findIndex((item) => item.key === neighbour);
      if (at >= 0) {
        page.items.splice(at + offset, 0, issue);
        return true;
      }
    }
    return false;
  };
  if (!place(after, 1) && !place(before, 0)) {
    const last = pages.at(-1);
    // Below the last loaded page there may be more: the issue shows up when they load.
    if (last === undefined || last.next_cursor !== null) return data;
    last.items.push(issue);
  }
  return { ...data, pages };
}

export function replaceInPages(data: IssuePages | undefined, issue: Issue) {
  if (data === undefined) return undefined;
  return {
    ...data,
    pages: data.pages.map((page) =>
      page.items.some((item) => item.key === issue.key)
        ? { ...page, items: page.items.map((item) => (item.key === issue.key ? issue : item)) }
        : page,
    ),
  };
}

export function flattenPages(data: IssuePages | undefined): Issue[] {
  return data === undefined ? [] : data.pages.flatMap((page) => page.items);
}
