import { useMutation, useQueryClient } from "@tanstack/react-query";
import { signIn } from "../session/session";

export interface Credentials {
  email: string;
  password: string;
}

/** Sign in with email and password, starting from an empty cache. */
export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    // Cleared before, not after: the pages shown once signed in have begun loading by then.
    onMutate: () => {
      queryClient.getQueryCache().clear();
    },
    mutationFn: ({ email, password }: Credentials) => signIn(email, password),
  });
}
