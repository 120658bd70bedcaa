import { api } from "../../../api/client";
import { retryOnUnauthorized } from "./retryOnUnauthorized";
import { followOtherTabs, restoreSession } from "./session";

let started = false;

/** Once per page load: restore the cookie's session, retry after a refresh, follow other tabs. */
export function startSession(): void {
  if (started) {
    return;
  }
  started = true;
  api.use(retryOnUnauthorized);
  followOtherTabs();
  void restoreSession();
}
