import { useCallback, useMemo, useState } from "react";
import { useNavigate, useParams, useSearchParams } from "react-router";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { useIssueList } from "../api/useIssueList";
import { useMemberList } from "../../projects/api/useMembers";
import { useProject } from "../../projects/api/useProject";
import { openCreateIssue } from "../create/createIssueStore";
import { parseFilters, serializeFilters, type IssueFilters } from "../lib/filters";
import { useListKeys } from "../lib/useListKeys";
import { useNames } from "../lib/useNames";
import { CreateIssueDialog } from "../create/CreateIssueDialog";
import "../issues.css";
import { IssueFiltersBar } from "./IssueFiltersBar";
import { IssueRows } from "./IssueRows";

/** `/projects/:key/issues`: every issue of a project, filtered by the URL. */
export function IssueListPage() {
  const { key = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const filters = useMemo(() => parseFilters(params), [params]);
  const list = useIssueList(key, filters);
  const project = useProject(key, { staleTime: 60_000 });
  const members = useMemberList(key);
  const names = useNames(project.data, members.data);
  const [selected, setSelected] = useState(-1);
  const issues = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);

  const onFilters = useCallback(
    (next: IssueFilters) => {
      setSelected(-1);
      setParams(serializeFilters(next), { replace: true });
    },
    [setParams],
  );
  const onOpen = useCallback(
    (index: number) => {
      const issue = issues[index];
      if (issue !== undefined) {
        void navigate(`/issues/${issue.key}`);
      }
    },
    [issues, navigate],
  );
  const { fetchNextPage } = list;
  const onLoadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);
  useListKeys({ count: issues.length, selected, onSelect: setSelected, onOpen });

  return (
    <section className="issue-list-page">
      <header className="issue-list-header">
        <h1>Issues</h1>
        <button type="button" className="primary" onClick={() => { openCreateIssue(key); }}>
          New issue <kbd>c</kbd>
        </button>
      </header>
      <IssueFiltersBar
        filters={filters}
        statuses={project.data?.workflow ?? []}
        members={members.data ?? []}
        onChange={onFilters}
      />
      <ErrorNotice error={list.error} />
      {list.isPending ? <p className="muted">Loading issues…</p> : null}
      {list.isSuccess && issues.length === 0 ? (
        <p className="muted">No issues match. Change the filters, or press <kbd>c</kbd> to create one.</p>
      ) : null}
      {issues.length > 0 ? (
        <IssueRows
          issues={issues}
          selected={selected}
          hasMore={list.hasNextPage}
          loadingMore={list.isFetchingNextPage}
          onLoadMore={onLoadMore}
          statusName={names.status}
          userName={names.user}
        />
      ) : null}
      <p className="visually-hidden" aria-live="polite">
        {selected >= 0 && issues[selected] !== undefined ? `Selected ${issues[selected].key}: ${issues[selected].title}` : ""}
      </p>
      <p className="muted hint">
        <kbd>j</kbd>/<kbd>k</kbd> move, <kbd>Enter</kbd> opens.
      </p>
      <CreateIssueDialog />
    </section>
  );
}
