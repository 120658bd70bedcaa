import { useState } from "react";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { useAddComment } from "../api/useAddComment";
import { useComments } from "../api/useComments";
import type { Names } from "../lib/useNames";
import type { Member } from "../types";
import { Markdown } from "./Markdown";
import { MentionTextarea } from "./MentionTextarea";

/** Comments, oldest first, and a box for a new one with @mention suggestions. */
export function CommentsSection({ issueKey, members, names }: { issueKey: string; members: Member[]; names: Names }) {
  const comments = useComments(issueKey);
  const add = useAddComment(issueKey);
  const [body, setBody] = useState("");
  const items = comments.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="issue-section" aria-labelledby="comments-heading">
      <h2 id="comments-heading">Comments ({items.length})</h2>
      <ErrorNotice error={comments.error} />
      <ol className="comments">
        {items.map((comment) => (
          <li key={comment.id} className="comment">
            <header>
              <strong>{names.user(comment.author)}</strong>{" "}
              <time className="muted" dateTime={comment.created_at}>{new Date(comment.created_at).toLocaleString()}</time>
              {comment.edited_at === null ? null : <span className="muted"> (edited)</span>}
            </header>
            <Markdown source={comment.body} />
          </li>
        ))}
      </ol>
      {comments.hasNextPage ? (
        <button type="button" onClick={() => void comments.fetchNextPage()}>Show more comments</button>
      ) : null}
      <form className="comment-form" onSubmit={(e) => {
        e.preventDefault();
        if (body.trim() !== "") add.mutate(body, { onSuccess: () => { setBody(""); } });
      }}>
        <MentionTextarea label="New comment" value={body} members={members} onChange={setBody} maxLength={32000} />
        <ErrorNotice error={add.error} />
        <button type="submit" className="primary" disabled={add.isPending || body.trim() === ""}>Comment</button>
      </form>
    </section>
  );
}
