import { ErrorNotice } from "../../../components/ErrorNotice";
import { useMe } from "../../auth/api/useMe";
import { useUnwatch } from "../api/useUnwatch";
import { useWatch } from "../api/useWatch";
import type { Names } from "../lib/useNames";
import type { Issue } from "../types";

/** Watch or unwatch the issue; who watches it. */
export function WatchButton({ issue, names }: { issue: Issue; names: Names }) {
  const me = useMe();
  const watch = useWatch(issue.key);
  const unwatch = useUnwatch(issue.key);
  const watching = me.data !== undefined && issue.watchers.includes(me.data.id);
  const who = issue.watchers.map((id) => names.user(id)).join(", ");
  return (
    <div className="watchers">
      <button type="button" aria-pressed={watching} disabled={me.data === undefined || watch.isPending || unwatch.isPending}
        title={who === "" ? "Nobody watches this issue" : `Watching: ${who}`}
        onClick={() => {
          if (me.data === undefined) return;
          if (watching) unwatch.mutate(me.data.id);
          else watch.mutate();
        }}>
        {watching ? "Unwatch" : "Watch"} ({issue.watchers.length})
      </button>
      <ErrorNotice error={watch.error ?? unwatch.error} />
    </div>
  );
}
