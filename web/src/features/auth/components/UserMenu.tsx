import { useEffect, useId, useRef, useState } from "react";
import { useMe } from "../api/useMe";
import { useSignOut } from "../api/useSignOut";

/** The signed-in person's name in the top bar, opening to their address and Sign out. */
export function UserMenu() {
  const me = useMe();
  const signOut = useSignOut();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) {
      return;
    }
    const close = (event: Event) => {
      const outside = !root.current?.contains(event.target as Node);
      if (event instanceof KeyboardEvent ? event.key === "Escape" : outside) {
        setOpen(false);
      }
    };
    document.addEventListener("keydown", close);
    document.addEventListener("pointerdown", close);
    return () => {
      document.removeEventListener("keydown", close);
      document.removeEventListener("pointerdown", close);
    };
  }, [open]);

  const name = me.data?.name ?? "Account";
  return (
    <div className="user-menu" ref={root}>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={`Account: ${name}`}
        onClick={() => {
          setOpen((value) => !value);
        }}
      >
        <span className="avatar" aria-hidden="true">
          {name.slice(0, 1).toUpperCase()}
        </span>
        {name}
      </button>
      {open ? (
        <div id={panelId} className="user-menu-panel">
          <p className="muted">{me.data?.email}</p>
          <button
            type="button"
            disabled={signOut.isPending}
            onClick={() => {
              signOut.mutate();
            }}
          >
            Sign out
          </button>
        </div>
      ) : null}
    </div>
  );
}
