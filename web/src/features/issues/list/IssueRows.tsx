import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef } from "react";
import { Link } from "react-router";
import type { Issue } from "../types";

const ROW_HEIGHT = 40;

interface Props {
  issues: Issue[];
  selected: number;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  statusName: (id: string) => string;
  userName: (id: string | null) => string;
}

/**
 * The issues as a virtual list: only the rows in view are in the page, and the next
 * page is asked for as the end comes into view, so 10,000 issues never load at once.
 */
export function IssueRows(props: Props) {
  const { issues, selected, hasMore, loadingMore, onLoadMore } = props;
  const scroller = useRef<HTMLDivElement>(null);
  // The virtualizer is mutable by design; this component re-renders with it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: issues.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    initialRect: { width: 800, height: 600 },
  });
  const items = virtualizer.getVirtualItems();
  const last = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (hasMore && !loadingMore && last >= issues.length - 20) {
      onLoadMore();
    }
  }, [last, hasMore, loadingMore, issues.length, onLoadMore]);

  useEffect(() => {
    if (selected >= 0) {
      virtualizer.scrollToIndex(selected, { align: "auto" });
    }
  }, [selected, virtualizer]);

  return (
    <>
    <div className="issue-columns-head" aria-hidden="true">
      <span>Type</span><span>Key</span><span>Title</span><span>Status</span><span>Priority</span><span>Assignee</span><span>Pts</span>
    </div>
    <div ref={scroller} className="issue-rows" role="list" aria-label="Issues">
      <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
        {items.map((row) => {
          const issue = issues[row.index];
          if (issue === undefined) {
            return null;
          }
          return (
            <div
              key={issue.key}
              role="listitem"
              className={row.index === selected ? "issue-row selected" : "issue-row"}
              aria-current={row.index === selected ? "true" : undefined}
              style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}
            >
              <Row issue={issue} {...props} />
            </div>
          );
        })}
      </div>
      {loadingMore ? <p className="muted">Loading more…</p> : null}
    </div>
    </>
  );
}

function Row({ issue, statusName, userName }: { issue: Issue } & Props) {
  return (
    <>
      <span className={`issue-type type-${issue.type}`}>{issue.type}</span>
      <Link className="issue-key" to={`/issues/${issue.key}`}>{issue.key}</Link>
      <Link className="issue-title" to={`/issues/${issue.key}`} tabIndex={-1}>{issue.title}</Link>
      <span className="issue-status">{statusName(issue.status)}</span>
      <span className={`issue-priority priority-${issue.priority}`}>{issue.priority}</span>
      <span className="issue-assignee">{userName(issue.assignee)}</span>
      <span className="issue-points" aria-label="Points">{issue.points ?? ""}</span>
    </>
  );
}
