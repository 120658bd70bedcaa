import { useMutation } from "@tanstack/react-query";
import { signOut } from "../session/session";

/** Sign out; `SessionGate` then drops everything of this account from the cache. */
export function useSignOut() {
  return useMutation({ mutationFn: signOut });
}
