// /projects/:key/board: a column per status with counts and WIP limits, cards by rank,
// drag and drop (pointer or keyboard) across and within columns, filters in the URL.
import { useCallback, useMemo, useState } from "react";
import { useParams, useSearchParams } from "react-router";
import { useBoard, useBoardNow } from "../api/useBoard";
import { useMoreColumnCards } from "../api/useMoreColumnCards";
import { memberName, useMemberList } from "../../projects/api/useMembers";
import { useProject } from "../../projects/api/useProject";
import { isAdmin } from "../../projects/components/roles";
import { PlanningDnd } from "../dnd/PlanningDnd";
import { readBoardFilters } from "../logic/boardFilters";
import { describeError } from "../logic/problems";
import { Notice, type NoticeState } from "../ui/Notice";
import { BoardFiltersBar } from "./BoardFiltersBar";
import { BoardGrid } from "./BoardGrid";
import { useBoardMove } from "./useBoardMove";
import "../planning.css";

export function BoardPage() {
  const project = useParams().key ?? "";
  const [params] = useSearchParams();
  const filters = useMemo(() => readBoardFilters(params), [params]);
  const board = useBoard(project, filters);
  const shown = useBoardNow(project, filters);
  const details = useProject(project);
  const members = useMemberList(project);
  const names = useMemo(
    () => new Map((members.data ?? []).map((m) => [m.user_id, memberName(m)])),
    [members.data],
  );
  const [notice, setNotice] = useState<NoticeState | null>(null);
  const onDrop = useBoardMove(project, filters, isAdmin(details.data?.role), setNotice);
  const more = useMoreColumnCards(project, filters);
  const { mutate: loadMore } = more;
  const onMore = useCallback(
    (status: string, cursor: string) => {
      loadMore(
        { status, cursor },
        { onError: (error) => { setNotice({ tone: "error", message: describeError(error) }); } },
      );
    },
    [loadMore],
  );
  const scope = shown?.sprint ? "the active sprint" : "all open issues";
  return (
    <div className="plan-page">
      <h2 className="plan-heading">
        Board <span className="plan-meta">({scope})</span>
      </h2>
      <BoardFiltersBar key={filters.label ?? ""} members={members.data ?? []} />
      <Notice notice={notice} onDismiss={() => { setNotice(null); }} />
      {board.isPending && <p role="status">Loading the board…</p>}
      {board.isError && <p role="alert">{describeError(board.error)}</p>}
      {shown && (
        <PlanningDnd onDrop={onDrop}>
          <BoardGrid
            board={shown}
            groupBy={filters.group_by}
            names={names}
            loadingStatus={more.isPending ? (more.variables.status) : null}
            onMore={onMore}
          />
        </PlanningDnd>
      )}
    </div>
  );
}
