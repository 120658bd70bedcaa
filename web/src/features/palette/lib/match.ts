// How well typed text matches a name: the palette's ranking of actions and projects,
// done in the browser as they are few (issues are searched by the server).

/** The kinds of match, best first; a higher score ranks higher. */
export const MatchScore = {
  /** The name starts with the text ("go to b" in "Go to board"). */
  Prefix: 3,
  /** Each typed word starts a word of the name, in order ("to bo" in "Go to board"). */
  WordPrefix: 2,
  /** The typed letters appear in the name in order ("gtb" in "Go to board"). */
  Subsequence: 1,
} as const;

/** How `text` matches `name`, ignoring case; null when it does not. Empty text matches all. */
export function matchScore(name: string, text: string): number | null {
  const wanted = text.trim().toLowerCase();
  const haystack = name.toLowerCase();
  if (wanted === "" || haystack.startsWith(wanted)) {
    return MatchScore.Prefix;
  }
  if (startsWordsInOrder(words(haystack), words(wanted))) {
    return MatchScore.WordPrefix;
  }
  return isSubsequence(haystack.replace(/\s+/g, ""), wanted.replace(/\s+/g, ""))
    ? MatchScore.Subsequence
    : null;
}

/**
 * The items that match `text` on any of their names, best match first; items matching
 * equally keep their order.
 */
export function rankByText<T>(items: readonly T[], text: string, names: (item: T) => string[]): T[] {
  const scored: { item: T; score: number }[] = [];
  for (const item of items) {
    const scores = names(item)
      .map((name) => matchScore(name, text))
      .filter((score) => score !== null);
    if (scores.length > 0) {
      scored.push({ item, score: Math.max(...scores) });
    }
  }
  // Array.prototype.sort is stable, so equal scores keep the items' order.
  return scored.sort((a, b) => b.score - a.score).map(({ item }) => item);
}

function words(text: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u).filter((word) => word !== "");
}

function startsWordsInOrder(nameWords: string[], typedWords: string[]): boolean {
  if (typedWords.length === 0) {
    return false;
  }
  let next = 0;
  for (const typed of typedWords) {
    while (next < nameWords.length && !(nameWords[next] ?? "").startsWith(typed)) {
      next += 1;
    }
    if (next === nameWords.length) {
      return false;
    }
    next += 1;
  }
  return true;
}

function isSubsequence(haystack: string, needle: string): boolean {
  let found = 0;
  for (const char of haystack) {
    if (found < needle.length && char === needle[found]) {
      found += 1;
    }
  }
  return found === needle.length;
}
