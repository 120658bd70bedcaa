import { describe, expect, it } from "vitest";
import { ApiError, toApiError, unwrap } from "./client";

describe("problem details", () => {
  it("keeps the API's title, detail and field messages", () => {
    const error = toApiError(422, {
      type: "about:blank",
      title: "Validation failed",
      status: 422,
      detail: "the request is not valid",
      errors: [{ field: "password", message: "String should have at least 10 characters" }],
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(422);
    expect(error.message).toBe("the request is not valid");
    expect(error.fieldMessage("password")).toBe("String should have at least 10 characters");
    expect(error.fieldMessage("email")).toBeUndefined();
  });

  it("says the server could not be reached when the body is not a problem", () => {
    const error = toApiError(502, "<html>Bad gateway</html>");
    expect(error.title).toBe("Error 502");
    expect(error.message).toBe("The server could not be reached.");
  });

  it("unwraps data of a successful answer and throws for a problem", () => {
    const ok = new Response(null, { status: 200 });
    expect(unwrap({ data: { key: "WEB" }, response: ok })).toEqual({ key: "WEB" });
    const gone = new Response(null, { status: 404 });
    expect(() => unwrap({ error: { title: "Not found", detail: "no such issue" }, response: gone })).toThrow(
      "no such issue",
    );
  });
});
