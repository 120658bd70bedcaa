// The one place a planning page tells the user what went wrong (or what to know).
export interface NoticeState {
  message: string;
  tone: "error" | "info";
  action?: { label: string; run: () => void };
}

interface Props {
  notice: NoticeState | null;
  onDismiss: () => void;
}

export function Notice({ notice, onDismiss }: Props) {
  if (notice === null) return <div role="status" aria-live="polite" className="plan-notice-slot" />;
  return (
    <div role={notice.tone === "error" ? "alert" : "status"} className={`plan-notice ${notice.tone}`}>
      <span>{notice.message}</span>
      {notice.action && (
        <button
          type="button"
          onClick={() => {
            notice.action?.run();
            onDismiss();
          }}
        >
          {notice.action.label}
        </button>
      )}
      <button type="button" aria-label="Dismiss message" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
