// Markdown to HTML that is safe to put in the page: `marked` renders it, DOMPurify then
// removes every script, event handler and `javascript:` URL. Never skip the second step.
import DOMPurify from "dompurify";
import { marked } from "marked";

let hooked = false;

function addLinkHook(): void {
  if (hooked) {
    return;
  }
  hooked = true;
  // Links open in a new tab and cannot reach back into this page.
  DOMPurify.addHook("afterSanitizeAttributes", (node) => {
    if (node.tagName === "A" && node.hasAttribute("href")) {
      node.setAttribute("target", "_blank");
      node.setAttribute("rel", "noopener noreferrer");
    }
  });
}

export function renderMarkdown(source: string): string {
  addLinkHook();
  const html = marked.parse(source, { async: false, gfm: true, breaks: true });
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true } });
}
