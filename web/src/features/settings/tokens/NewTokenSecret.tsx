import { useId, useState } from "react";
import type { CreatedApiToken } from "../api/useTokens";

/** A new token's secret, shown this once, with a button that copies it. */
export function NewTokenSecret({ token, onDone }: { token: CreatedApiToken; onDone: () => void }) {
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const inputId = useId();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopied("yes");
    } catch {
      setCopied("no");
    }
  };
  return (
    <div className="token-secret" role="region" aria-label="New token">
      <label htmlFor={inputId}>Secret of {token.name}</label>
      <p className="field-hint">Copy it now: Taskdeck does not show it again. Send it as `Authorization: Bearer …`.</p>
      <div className="actions">
        <input
          id={inputId}
          readOnly
          value={token.token}
          className="secret"
          onFocus={(event) => { event.target.select(); }}
        />
        <button type="button" onClick={() => void copy()}>Copy</button>
        <button type="button" onClick={onDone}>Done</button>
      </div>
      <p role="status" className={copied === "no" ? "field-error" : "ok"}>
        {copied === "yes" ? "Copied." : copied === "no" ? "Could not copy: select the secret and copy it." : ""}
      </p>
    </div>
  );
}
