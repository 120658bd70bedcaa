// Upload a file with XMLHttpRequest, the one browser API that reports upload progress.
import { toApiError } from "../../../api/client";
import type { Attachment } from "../types";
import { currentAuthorization } from "./authorization";

export interface UploadOptions {
  onProgress: (fraction: number) => void;
  signal?: AbortSignal;
}

export async function uploadAttachment(
  key: string,
  file: File,
  { onProgress, signal }: UploadOptions,
): Promise<Attachment> {
  const authorization = await currentAuthorization();
  return new Promise<Attachment>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", `/api/v1/issues/${encodeURIComponent(key)}/attachments`);
    if (authorization !== null) {
      request.setRequestHeader("Authorization", authorization);
    }
    request.responseType = "json";
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) {
        onProgress(event.loaded / event.total);
      }
    };
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) {
        onProgress(1);
        resolve(request.response as Attachment);
      } else {
        reject(toApiError(request.status, request.response));
      }
    };
    request.onerror = () => {
      reject(toApiError(0, null));
    };
    request.onabort = () => {
      reject(new DOMException("Upload cancelled", "AbortError"));
    };
    signal?.addEventListener("abort", () => {
      request.abort();
    });
    const form = new FormData();
    form.append("file", file);
    request.send(form);
  });
}
