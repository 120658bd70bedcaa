import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { membersKey } from "./useMembers";

/** Take someone off a project (admins), or leave it (anyone, for themselves). */
export function useRemoveMember(key: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (userId: string): Promise<void> => {
      unwrap(
        await api.DELETE("/api/v1/projects/{key}/members/{member_id}", {
          params: { path: { key, member_id: userId } },
        }),
      );
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: membersKey(key) }),
  });
}
