// Download an attachment with the signed-in client (a plain link would carry no token),
// then hand the bytes to the browser as a file.
import { api, toApiError } from "../../../api/client";
import type { Attachment } from "../types";

export async function downloadAttachment(key: string, attachment: Attachment): Promise<void> {
  const answer = await api.GET("/api/v1/issues/{issue_key}/attachments/{attachment_id}/content", {
    params: { path: { issue_key: key, attachment_id: attachment.id } },
    parseAs: "blob",
  });
  if (!answer.response.ok) {
    throw toApiError(answer.response.status, answer.error);
  }
  const url = URL.createObjectURL(answer.data as Blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = attachment.filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => { URL.revokeObjectURL(url); }, 10_000);
}
