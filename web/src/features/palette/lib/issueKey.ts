// Text typed into the palette that names an issue by its key.

/**
 * The issue key `text` names: "web-12" is WEB-12 anywhere; inside a project, "12" or
 * "#12" is that project's issue 12. Null when the text is not a key.
 */
export function issueKeyIn(text: string, project: string | null): string | null {
  const typed = text.trim();
  const key = /^([a-z][a-z0-9]{1,9})-(\d{1,9})$/i.exec(typed);
  if (key?.[1] !== undefined && key[2] !== undefined) {
    return `${key[1].toUpperCase()}-${String(Number(key[2]))}`;
  }
  const number = /^#?(\d{1,9})$/.exec(typed);
  if (project !== null && number?.[1] !== undefined && Number(number[1]) > 0) {
    return `${project}-${String(Number(number[1]))}`;
  }
  return null;
}
