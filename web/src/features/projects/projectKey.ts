// Project keys: 2 to 10 capital letters and digits, starting with a letter ("WEB", "P2").

const MAX_LENGTH = 10;
const SINGLE_WORD_LENGTH = 3;

/** Whether `key` is a valid project key. */
export function isProjectKey(key: string): boolean {
  return /^[A-Z][A-Z0-9]{1,9}$/.test(key);
}

/**
 * A key suggested from a project's name: the initials of a name of several words
 * ("Web Platform" -> "WP"), the start of a single word ("Mobile" -> "MOB"). Accents go,
 * leading digits go; the user may still change it.
 */
export function suggestKey(name: string): string {
  const words = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((word) => word !== "");
  const initials = dropLeadingDigits(words.map((word) => word.charAt(0)).join(""));
  if (words.length > 1 && initials.length >= 2) {
    return initials.slice(0, MAX_LENGTH);
  }
  const letters = dropLeadingDigits(words.join(""));
  const length = letters.length <= SINGLE_WORD_LENGTH + 1 ? letters.length : SINGLE_WORD_LENGTH;
  return letters.slice(0, length);
}

/** What the user typed into the key field, as a key: capitals, letters and digits only. */
export function normaliseKey(typed: string): string {
  return typed
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "")
    .slice(0, MAX_LENGTH);
}

function dropLeadingDigits(text: string): string {
  return text.replace(/^[0-9]+/, "");
}
