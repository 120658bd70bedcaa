import { FakeApi } from "./fakeApi";

/** Replace `fetch` with a fake API; call inside `vi.hoisted` so the client picks it up. */
export function installFakeApi(): FakeApi {
  const fake = new FakeApi();
  globalThis.fetch = fake.fetch;
  return fake;
}
