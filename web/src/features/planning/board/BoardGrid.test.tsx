import { render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { describe, expect, it, vi } from "vitest";
import { PlanningDnd } from "../dnd/PlanningDnd";
import { board, column } from "../test/fixtures";
import { BoardGrid } from "./BoardGrid";

function renderBoard(groupBy?: "priority") {
  const shown = board(column("todo", ["WEB-1", "WEB-2"]), column("doing", ["WEB-3", "WEB-4"], 1, "soft"));
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
});
