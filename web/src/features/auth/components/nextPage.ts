/**
 * Where to go after signing in: the page asked for, if it is one of ours (a path on
 * this site, never another site's address).
 */
export function nextPage(search: URLSearchParams): string {
  const next = search.get("next");
  if (next === null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) {
    return "/";
  }
  return next;
}

/** `path` with the same query, so that `next` survives going from sign in to sign up. */
export function withSearch(path: string, search: URLSearchParams): string {
  return search.size > 0 ? `${path}?${search.toString()}` : path;
}
