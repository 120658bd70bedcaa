import { useState } from "react";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { downloadAttachment } from "../api/downloadAttachment";
import { useAttachments } from "../api/useAttachments";
import type { useUpload } from "../api/useUpload";
import type { Names } from "../lib/useNames";

interface Props {
  issueKey: string;
  upload: ReturnType<typeof useUpload>;
  names: Names;
}

/** Attachments: a list with downloads, a file picker, and the progress of an upload. */
export function AttachmentsSection({ issueKey, upload, names }: Props) {
  const attachments = useAttachments(issueKey);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  return (
    <section className="issue-section" aria-labelledby="attachments-heading">
      <h2 id="attachments-heading">Attachments</h2>
      <ErrorNotice error={attachments.error ?? upload.error ?? downloadError} />
      <ul className="attachments">
        {(attachments.data ?? []).map((file) => (
          <li key={file.id}>
            <button type="button" className="link-button" aria-label={`Download ${file.filename}`}
              onClick={() => { setDownloadError(null); downloadAttachment(issueKey, file).catch(setDownloadError); }}>
              {file.filename}
            </button>{" "}
            <span className="muted">{formatSize(file.size)} · {names.user(file.uploaded_by)}</span>
          </li>
        ))}
      </ul>
      {upload.progress === null ? null : (
        <p>
          Uploading {upload.progress.name}{" "}
          <progress max={1} value={upload.progress.fraction} aria-label={`Uploading ${upload.progress.name}`} />{" "}
          {Math.round(upload.progress.fraction * 100)}%
        </p>
      )}
      <label className="file-picker">
        Attach files (or drop them anywhere on the page)
        <input type="file" multiple disabled={upload.isPending}
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            e.target.value = "";
            if (files.length > 0) upload.mutate(files);
          }} />
      </label>
    </section>
  );
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
