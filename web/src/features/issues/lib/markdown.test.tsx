import { render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { Markdown } from "../detail/Markdown";
import { renderMarkdown } from "./markdown";

declare global {
  interface Window { pwned?: number }
}

afterEach(() => {
  delete window.pwned;
});

describe("Markdown is rendered safely", () => {
  it("never runs a script or an event handler", async () => {
    const source = [
      "# Title",
      "<script>window.pwned = 1</script>",
      '<img src="x" onerror="window.pwned = 2">',
      '<a href="javascript:window.pwned=3">click</a>',
      '<iframe src="javascript:window.pwned=4"></iframe>',
      '<div onmouseover="window.pwned=5">hover</div>',
    ].join("\n\n");
    const { container } = render(<Markdown source={source} />);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(window.pwned).toBeUndefined();
    expect(container.querySelector("script, iframe")).toBeNull();
    expect(container.innerHTML).not.toMatch(/onerror|onmouseover|javascript:/i);
    expect(container.querySelector("h1")?.textContent).toBe("Title");
  });

  it("keeps ordinary links, opening safely in a new tab", () => {
    const html = renderMarkdown("See [the docs](https://example.com/docs) and <https://example.org>.");
    const holder = document.createElement("div");
    holder.innerHTML = html;
    const links = Array.from(holder.querySelectorAll("a"));
    expect(links.map((a) => a.getAttribute("href"))).toEqual(["https://example.com/docs", "https://example.org"]);
    expect(links.every((a) => a.rel === "noopener noreferrer" && a.target === "_blank")).toBe(true);
  });

  it("keeps code and lists", () => {
    const html = renderMarkdown("- one\n- `two`\n\n```\n<script>x</script>\n```");
    expect(html).toContain("<li>one</li>");
    expect(html).toContain("<code>two</code>");
    expect(html).toContain("&lt;script&gt;");
  });
});
