// The command palette: a combobox over issues, projects and actions. Written by hand
// rather than with cmdk: it is small, needs no new dependency, and cmdk filters its items
// itself, where issues come ranked from the server.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useLocation, useNavigate } from "react-router";
import { useModal } from "../../../components/useModal";
import { openCreateIssue, projectFromPath } from "../../issues/routes";
import { usePaletteResults, type PaletteResult } from "../usePaletteResults";
import "../palette.css";
import { ResultOption } from "./ResultOption";

interface CommandPaletteProps {
  onClose: () => void;
}

/** The palette, open while mounted; choosing a result or Escape closes it. */
export function CommandPalette({ onClose }: CommandPaletteProps) {
  const modal = useModal(true, onClose);
  const input = useRef<HTMLInputElement>(null);
  // After useModal's effect has noted where focus was, to give it back on close.
  useEffect(() => {
    input.current?.focus();
  }, []);
  const navigate = useNavigate();
  const project = projectFromPath(useLocation().pathname);
  const [text, setText] = useState("");
  const [chosenId, setChosenId] = useState<string | null>(null);
  const { groups, searching, failed } = usePaletteResults(text, project);
  const ids = useId();

  const results = groups.flatMap((group) => group.results);
  // The highlight follows its result as more arrive; a result gone gives way to the first.
  const activeIndex = Math.max(0, results.findIndex((result) => result.id === chosenId));
  const active = results.at(activeIndex);
  const optionId = (index: number) => `${ids}-option-${index}`;

  useEffect(() => {
    const option = document.getElementById(optionId(activeIndex));
    // jsdom (component tests) cannot scroll.
    if (typeof option?.scrollIntoView === "function") {
      option.scrollIntoView({ block: "nearest" });
    }
  });

  const choose = (result: PaletteResult) => {
    onClose();
    if (result.kind === "issue") {
      void navigate(`/issues/${result.issue.key}`);
    } else if (result.kind === "project") {
      void navigate(`/projects/${result.project.key}`);
    } else if ("to" in result.command) {
      void navigate(result.command.to);
    } else {
      openCreateIssue(result.command.createIssueIn);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const step = { ArrowDown: 1, ArrowUp: -1 }[event.key];
    if (step !== undefined && results.length > 0) {
      event.preventDefault();
      setChosenId(results[(activeIndex + step + results.length) % results.length]?.id ?? null);
    } else if (event.key === "Enter" && active !== undefined) {
      event.preventDefault();
      choose(active);
    } else if (event.key === "Escape") {
      event.preventDefault();
      onClose();
    }
  };

  return (
    <dialog {...modal} className="dialog palette" aria-label="Command palette">
      <input
        className="palette-input"
        role="combobox"
        aria-label="Search issues, projects and actions"
        aria-expanded="true"
        aria-controls={`${ids}-listbox`}
        aria-autocomplete="list"
        aria-activedescendant={active === undefined ? undefined : optionId(activeIndex)}
        placeholder="Search issues, projects and actions…"
        autoComplete="off"
        spellCheck={false}
        ref={input}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setChosenId(null);
        }}
        onKeyDown={onKeyDown}
      />
      <div id={`${ids}-listbox`} role="listbox" aria-label="Results" className="palette-results">
        {groups.map((group) => (
          <div key={group.name} role="group" aria-label={group.name} className="palette-group">
            <div className="palette-group-name" aria-hidden="true">
              {group.name}
            </div>
            {group.results.map((result) => {
              const position = results.indexOf(result);
              return (
                <ResultOption
                  key={result.id}
                  id={optionId(position)}
                  result={result}
                  active={position === activeIndex}
                  onPoint={() => { setChosenId(result.id); }}
                  onChoose={() => { choose(result); }}
                />
              );
            })}
          </div>
        ))}
      </div>
      <p role="status" className="palette-status muted">
        {paletteStatus(text, searching, failed, results.length)}
      </p>
    </dialog>
  );
}

function paletteStatus(text: string, searching: boolean, failed: boolean, count: number): string {
  if (failed) {
    return "Issues could not be searched.";
  }
  if (searching) {
    return "Searching issues…";
  }
  if (text.trim() === "") {
    return "↑ ↓ to move, Enter to open, Esc to close";
  }
  return count === 0 ? "Nothing found." : `${count} ${count === 1 ? "result" : "results"}`;
}
