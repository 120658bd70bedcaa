// Download an attachment with the signed-in client (a plain link would carry no token),
// then hand the bytes to the browser as a file.
import { api, toApiError } from "../../../api/client";
import { saveBlob } from "../../../api/saveBlob";
import type { Attachment } from "../types";

export async function downloadAttachment(key: string, attachment: Attachment): Promise<void> {
  const answer = await api.GET("/api/v1/issues/{issue_key}/attachments/{attachment_id}/content", {
    params: { path: { issue_key: key, attachment_id: attachment.id } },
    parseAs: "blob",
  });
  if (!answer.response.ok) {
    throw toApiError(answer.response.status, answer.error);
  }
  saveBlob(answer.data as Blob, attachment.filename);
}
