import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { membersKey, type Member, type Role } from "./useMembers";

/** Give a member another role (admins; owners for the owner role). */
export function useChangeMemberRole(key: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ userId, role }: { userId: string; role: Role }): Promise<Member> =>
      unwrap(
        await api.PATCH("/api/v1/projects/{key}/members/{member_id}", {
          params: { path: { key, member_id: userId } },
          body: { role },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: membersKey(key) }),
  });
}
