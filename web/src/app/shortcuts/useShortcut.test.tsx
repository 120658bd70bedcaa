import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { useShortcut, useShortcutListener, useShortcutList } from "./useShortcut";

function Page({ board, help }: { board: () => void; help: () => void }) {
  useShortcutListener();
  useShortcut("g b", board, "Go to the board");
  useShortcut("?", help, "Show the keyboard shortcuts");
  const listed = useShortcutList();
  return (
    <>
      <label>
        Title <input />
      </label>
      <ul aria-label="Shortcuts">
        {listed.map((shortcut) => (
          <li key={shortcut.keys}>{shortcut.keys}</li>
        ))}
      </ul>
    </>
  );
}

function renderPage() {
  const board = vi.fn();
  const help = vi.fn();
  const view = render(<Page board={board} help={help} />);
  return { board, help, ...view };
}

describe("keyboard shortcuts", () => {
  it("runs a sequence once both keys are pressed, and single keys at once", async () => {
    const user = userEvent.setup();
    const { board, help } = renderPage();
    await user.keyboard("g");
    expect(board).not.toHaveBeenCalled();
    await user.keyboard("b");
    expect(board).toHaveBeenCalledTimes(1);
    await user.keyboard("b");
    expect(board).toHaveBeenCalledTimes(1);
    await user.keyboard("?");
    expect(help).toHaveBeenCalledTimes(1);
  });

  it("ignores keys typed into a field", async () => {
    const user = userEvent.setup();
    const { board, help } = renderPage();
    const input = screen.getByLabelText("Title");
    await user.type(input, "gb?");
    expect(input).toHaveValue("gb?");
    expect(board).not.toHaveBeenCalled();
    expect(help).not.toHaveBeenCalled();
  });

  it("ignores keys with a modifier, and lists what is in force only while mounted", async () => {
    const user = userEvent.setup();
    const { board, unmount } = renderPage();
    await user.keyboard("{Control>}g{/Control}b");
    expect(board).not.toHaveBeenCalled();
    expect(screen.getByRole("list", { name: "Shortcuts" })).toHaveTextContent("g b?");
    unmount();
    await user.keyboard("gb");
    expect(board).not.toHaveBeenCalled();
  });
});
