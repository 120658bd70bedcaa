import { useMemo } from "react";
import { renderMarkdown } from "../lib/markdown";

/** Markdown shown as HTML, sanitised by `renderMarkdown` (no script ever runs). */
export function Markdown({ source, empty = "" }: { source: string; empty?: string }) {
  const html = useMemo(() => renderMarkdown(source), [source]);
  if (source.trim() === "") {
    return <p className="muted">{empty}</p>;
  }
  return <div className="markdown" dangerouslySetInnerHTML={{ __html: html }} />;
}
