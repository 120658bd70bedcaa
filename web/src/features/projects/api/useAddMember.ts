import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { membersKey, type Member, type Role } from "./useMembers";

/** Add someone to a project by their email address (admins). */
export function useAddMember(key: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { email: string; role: Role }): Promise<Member> =>
      unwrap(await api.POST("/api/v1/projects/{key}/members", { params: { path: { key } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: membersKey(key) }),
  });
}
