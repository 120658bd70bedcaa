import type { PaletteResult } from "../usePaletteResults";

interface ResultOptionProps {
  result: PaletteResult;
  id: string;
  active: boolean;
  onPoint: () => void;
  onChoose: () => void;
}

/** One result of the palette: an option of its listbox, chosen with a click or Enter. */
export function ResultOption({ result, id, active, onPoint, onChoose }: ResultOptionProps) {
  return (
    <div
      id={id}
      role="option"
      aria-selected={active}
      className={active ? "palette-option palette-option-active" : "palette-option"}
      onMouseMove={onPoint}
      // A click chooses without taking the caret out of the input.
      onMouseDown={(event) => { event.preventDefault(); }}
      onClick={onChoose}
    >
      <ResultText result={result} />
    </div>
  );
}

function ResultText({ result }: { result: PaletteResult }) {
  switch (result.kind) {
    case "issue":
      return (
        <>
          <span className="palette-key">{result.issue.key}</span>{" "}
          <span className="palette-title">{result.issue.title}</span>
        </>
      );
    case "project":
      return (
        <>
          <span className="palette-key">{result.project.key}</span>{" "}
          <span className="palette-title">{result.project.name}</span>
        </>
      );
    case "command":
      return <span className="palette-title">{result.command.label}</span>;
  }
}
