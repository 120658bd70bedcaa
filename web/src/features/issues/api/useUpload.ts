import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { uploadAttachment } from "./uploadAttachment";
import { issueKeys } from "./keys";

/** Upload files one after another, with the current file's progress (0..1). */
export function useUpload(key: string) {
  const client = useQueryClient();
  const [progress, setProgress] = useState<{ name: string; fraction: number } | null>(null);
  const mutation = useMutation({
    mutationFn: async (files: File[]) => {
      for (const file of files) {
        setProgress({ name: file.name, fraction: 0 });
        await uploadAttachment(key, file, {
          onProgress: (fraction) => {
            setProgress({ name: file.name, fraction });
          },
        });
      }
    },
    onSettled: () => {
      setProgress(null);
      void client.invalidateQueries({ queryKey: issueKeys.part(key, "attachments") });
      void client.invalidateQueries({ queryKey: issueKeys.part(key, "history") });
    },
  });
  return { ...mutation, progress };
}
