import { useMutation } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";

/** Confirm a new account's address with the code emailed to it. */
export function useConfirmSignUp() {
  return useMutation({
    mutationFn: async (body: { email: string; code: string }): Promise<void> => {
      unwrap(await api.POST("/api/v1/auth/confirm", { body }));
    },
  });
}
