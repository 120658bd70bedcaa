import { useState } from "react";
import type { Issue, Member } from "../types";
import { FieldFeedback } from "./FieldFeedback";
import { Markdown } from "./Markdown";
import { MentionTextarea } from "./MentionTextarea";
import { useFieldSave } from "./useFieldSave";

/** The description: rendered Markdown, edited with a Write/Preview switch. */
export function DescriptionEditor({ issue, members }: { issue: Issue; members: Member[] }) {
  const saver = useFieldSave(issue);
  const [draft, setDraft] = useState<string | null>(null);
  const [preview, setPreview] = useState(false);

  async function save() {
    if (draft === null) {
      return;
    }
    if ((await saver.save({ description: draft })) === "saved") {
      setDraft(null);
    }
  }

  return (
    <section className="issue-section" aria-labelledby="description-heading">
      <header className="section-header">
        <h2 id="description-heading">Description</h2>
        {draft === null ? (
          <button type="button" onClick={() => { setDraft(issue.description); setPreview(false); }}>
            Edit description
          </button>
        ) : null}
      </header>
      {saver.conflict !== null ? (
        <>
          <p className="muted">Their description:</p>
          <Markdown source={issue.description} />
        </>
      ) : null}
      <FieldFeedback saver={saver} describe={() => "your edited description, kept in the editor below"} />
      {draft === null ? (
        <Markdown source={issue.description} empty="No description." />
      ) : (
        <div className="description-editor">
          <div role="tablist" aria-label="Description editor" className="tabs">
            <button type="button" role="tab" aria-selected={!preview} onClick={() => { setPreview(false); }}>Write</button>
            <button type="button" role="tab" aria-selected={preview} onClick={() => { setPreview(true); }}>Preview</button>
          </div>
          {preview ? (
            <Markdown source={draft} empty="Nothing to preview." />
          ) : (
            <MentionTextarea label="Description (Markdown)" rows={10} value={draft} maxLength={65536}
              members={members} onChange={setDraft} />
          )}
          <div className="editor-actions">
            <button type="button" className="primary" disabled={saver.pending} onClick={() => void save()}>
              Save description
            </button>
            <button type="button" onClick={() => { setDraft(null); saver.dismiss(); }}>Cancel</button>
          </div>
        </div>
      )}
    </section>
  );
}
