import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { useShortcut, useShortcutListener, useShortcutList } from "./useShortcut";

interface Handlers {
  board: () => void;
  help: () => void;
  palette: () => void;
}

function Page({ board, help, palette }: Handlers) {
  useShortcutListener();
  useShortcut("g b", board, "Go to the board");
  useShortcut("?", help, "Show the keyboard shortcuts");
  useShortcut("Ctrl+k", palette, "Open the command palette");
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
  const palette = vi.fn();
  const view = render(<Page board={board} help={help} palette={palette} />);
  return { board, help, palette, ...view };
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
    expect(screen.getByRole("list", { name: "Shortcuts" })).toHaveTextContent("g b?Ctrl+k");
    unmount();
    await user.keyboard("gb");
    expect(board).not.toHaveBeenCalled();
  });

  it("runs a Ctrl or ⌘ combination anywhere, even in a field", async () => {
    const user = userEvent.setup();
    const { palette } = renderPage();
    await user.keyboard("{Control>}k{/Control}");
    expect(palette).toHaveBeenCalledTimes(1);
    const input = screen.getByLabelText("Title");
    await user.click(input);
    await user.keyboard("{Meta>}K{/Meta}");
    expect(palette).toHaveBeenCalledTimes(2);
    await user.keyboard("{Control>}j{/Control}{Alt>}k{/Alt}");
    expect(palette).toHaveBeenCalledTimes(2);
    expect(input).toHaveValue("");
  });
});
