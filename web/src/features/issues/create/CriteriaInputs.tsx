import { FieldError } from "../../../components/FieldError";
import { fieldError } from "../lib/errors";

interface Props {
  criteria: string[];
  error: unknown;
  onChange: (criteria: string[]) => void;
}

/** The acceptance criteria of a new story: one text box each, added and removed freely. */
export function CriteriaInputs({ criteria, error, onChange }: Props) {
  return (
    <fieldset className="criteria-inputs">
      <legend>Acceptance criteria</legend>
      {criteria.map((text, index) => {
        const message = fieldError(error, `acceptance_criteria.${index}.text`);
        const errorId = `criterion-${index}-error`;
        return (
          <div key={index} className="criterion-input">
            <input
              aria-label={`Criterion ${index + 1}`}
              value={text}
              aria-invalid={message === undefined ? undefined : true}
              aria-describedby={message === undefined ? undefined : errorId}
              onChange={(event) => {
                onChange(criteria.map((old, i) => (i === index ? event.target.value : old)));
              }}
            />
            <button
              type="button"
              aria-label={`Remove criterion ${index + 1}`}
              onClick={() => { onChange(criteria.filter((_, i) => i !== index)); }}
            >
              ×
            </button>
            <FieldError id={errorId} message={message} />
          </div>
        );
      })}
      <button type="button" onClick={() => { onChange([...criteria, ""]); }}>
        Add criterion
      </button>
      <FieldError id="criteria-error" message={fieldError(error, "acceptance_criteria")} />
    </fieldset>
  );
}
