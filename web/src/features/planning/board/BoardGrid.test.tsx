import { cleanup, render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PlanningDnd } from "../dnd/PlanningDnd";
import { board, column } from "../test/fixtures";
import { BoardGrid } from "./BoardGrid";

const keys = (count: number) => Array.from({ length: count }, (_, i) => `WEB-${i + 1}`);

function renderBoard(groupBy?: "priority", todo = ["WEB-1", "WEB-2"]) {
  const shown = board(column("todo", todo), column("doing", ["WEB-3", "WEB-4"], 1, "soft"));
  const laned = groupBy
    ? { ...shown, lanes: [{ id: "none", count: 4, columns: { todo: ["WEB-1", "WEB-2"], doing: ["WEB-3", "WEB-4"] } }] }
    : shown;
  render(
    <MemoryRouter>
      <PlanningDnd onDrop={vi.fn()}>
        <BoardGrid board={laned} groupBy={groupBy} names={new Map()} loadingStatus={null} onMore={vi.fn()} />
      </PlanningDnd>
    </MemoryRouter>,
  );
}

beforeEach(() => {
  // The cells' window virtualizers keep the page's scroll, which jsdom does not implement.
  vi.spyOn(window, "scrollTo").mockImplementation(() => undefined);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("BoardGrid", () => {
  it("shows each column's count and WIP state", () => {
    renderBoard();
    expect(screen.getByRole("heading", { name: "TODO" })).toBeInTheDocument();
    expect(screen.getByText("WIP 2/1 (soft), over its limit")).toBeInTheDocument();
  });

  it("makes every card focusable, named and movable by keyboard", () => {
    renderBoard();
    const list = screen.getByRole("list", { name: "DOING" });
    const cards = within(list).getAllByRole("button");
    expect(cards.map((c) => c.getAttribute("aria-label"))).toEqual([
      "WEB-3: Title of WEB-3",
      "WEB-4: Title of WEB-4",
    ]);
    for (const card of cards) {
      expect(card).toHaveAttribute("tabindex", "0");
      expect(card).toHaveAttribute("aria-roledescription", "movable issue");
      expect(card).toHaveAttribute("aria-describedby");
    }
    expect(within(list).getByRole("link", { name: "WEB-3" })).toHaveAttribute("href", "/issues/WEB-3");
  });

  it("splits the board into swimlanes, each cell its own drop target", () => {
    renderBoard("priority");
    expect(screen.getByRole("heading", { name: /No priority/ })).toBeInTheDocument();
    expect(screen.getByRole("list", { name: "DOING, No priority" })).toBeInTheDocument();
  });

  it("mounts only the cards near the viewport of a long column, a short one whole", () => {
    // jsdom lays nothing out: give every card a real height so the window can be computed.
    vi.spyOn(HTMLElement.prototype, "offsetHeight", "get").mockReturnValue(80);
    renderBoard(undefined, keys(200).map((key) => `${key}0`));
    const todo = within(screen.getByRole("list", { name: "TODO" })).getAllByRole("button");
    expect(todo.length).toBeGreaterThan(5);
    expect(todo.length).toBeLessThan(40);
    expect(todo[0]).toHaveAccessibleName("WEB-10: Title of WEB-10");
    expect(screen.queryByRole("button", { name: /^WEB-2000:/ })).not.toBeInTheDocument();
    cleanup();
    renderBoard(undefined, keys(30).map((key) => `${key}0`));
    expect(within(screen.getByRole("list", { name: "TODO" })).getAllByRole("button")).toHaveLength(30);
  });
});
