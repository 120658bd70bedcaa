import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { components } from "../../../api/schema";
import { settingsKeys } from "./keys";

export type ApiToken = components["schemas"]["ApiTokenOut"];
export type CreatedApiToken = components["schemas"]["ApiTokenCreated"];

/** The signed-in person's API tokens (names and dates, never secrets). */
export function useTokens() {
  return useQuery({
    queryKey: settingsKeys.tokens,
    queryFn: async ({ signal }) =>
      unwrap(await api.GET("/api/v1/me/tokens", { params: { query: { limit: 200 } }, signal })).items,
  });
}

/** A new token; its secret is in the answer and nowhere else, ever. */
export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (name: string): Promise<CreatedApiToken> =>
      unwrap(await api.POST("/api/v1/me/tokens", { body: { name } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: settingsKeys.tokens }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string): Promise<void> => {
      unwrap(await api.DELETE("/api/v1/me/tokens/{token_id}", { params: { path: { token_id: id } } }));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: settingsKeys.tokens }),
  });
}
