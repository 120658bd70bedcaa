// A stand-in for the network in component tests: answers by method and path, and
// records what was asked. Install it before the API client is imported:
//   const fake = vi.hoisted(() => installFakeApi());   (see the tests for the import)

export interface FakeAnswer {
  status?: number;
  body?: unknown;
}

type Answerer = (request: Request) => FakeAnswer | Promise<FakeAnswer>;

export class FakeApi {
  private answers = new Map<string, Answerer>();
  readonly requests: Request[] = [];

  /** Answer `METHOD /path` (the path without the query) with `answer`. */
  on(route: string, answer: FakeAnswer | Answerer): this {
    this.answers.set(route, typeof answer === "function" ? answer : () => answer);
    return this;
  }

  reset(): void {
    this.answers.clear();
    this.requests.length = 0;
  }

  fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    this.requests.push(request);
    const route = `${request.method} ${new URL(request.url).pathname}`;
    const answerer = this.answers.get(route);
    if (answerer === undefined) {
      return json(404, { title: "Not found", status: 404, detail: `no fake answer for ${route}` });
    }
    const answer = await answerer(request);
    return json(answer.status ?? 200, answer.body);
  };
}

function json(status: number, body: unknown): Response {
  if (status === 204 || body === undefined) {
    return new Response(null, { status });
  }
  const type = status >= 400 ? "application/problem+json" : "application/json";
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": type } });
}
