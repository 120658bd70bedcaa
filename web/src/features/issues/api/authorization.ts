// The `Authorization` header the shared client would send. The client keeps the token
// private, so this asks its middleware for it with a fetch that never leaves the page.
// (If `client.ts` gains a token getter, use that instead.)
import { api } from "../../../api/client";

export async function currentAuthorization(): Promise<string | null> {
  let header: string | null = null;
  await api.GET("/api/v1/health", {
    fetch: (request: Request) => {
      header = request.headers.get("Authorization");
      return Promise.resolve(new Response("{}", { status: 200 }));
    },
  });
  return header;
}
