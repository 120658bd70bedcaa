import { useMutation } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { components } from "../../../api/schema";

export type SignUpForm = components["schemas"]["SignUp"];
export type SignedUp = components["schemas"]["SignedUp"];

/** Create an account; the answer says whether its address must be confirmed first. */
export function useSignUp() {
  return useMutation({
    mutationFn: async (body: SignUpForm): Promise<SignedUp> =>
      unwrap(await api.POST("/api/v1/auth/signup", { body })),
  });
}
