// HTTP access to the Tickwise API. Every request goes through here so that a feature the server does not
// offer yet (absent from /openapi/v1.json) is reported as "not available" without the browser ever
// requesting it: Chromium logs each failed resource load as a console error, which the dashboard must not cause.

/** An HTTP answer other than 2xx, with the ProblemDetails text when the server sent one. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** Thrown instead of requesting a path the server's OpenAPI document does not list. */
export class NotAvailableError extends Error {
  constructor(readonly path: string) {
    super(`${path} is not available on this server`);
  }
}

type Method = "get" | "post" | "put" | "delete";

let operations: Set<string> | null = null;
let probe: Promise<void> | null = null;

/** Path templates are compared without parameter names: /api/alerts/{id} and /api/alerts/{ruleId} are one path. */
function normalize(path: string): string {
  return path.replace(/\{[^}]*\}/g, "{}").replace(/\/+$/, "");
}

/** Loads /openapi/v1.json once; without it every contract path is assumed and errors are handled per call. */
export function loadOperations(): Promise<void> {
  probe ??= (async () => {
    try {
      const response = await fetch("/openapi/v1.json", { headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const doc = (await response.json()) as { paths?: Record<string, Record<string, unknown>> };
      const found = new Set<string>();
      for (const [path, item] of Object.entries(doc.paths ?? {})) {
        for (const method of Object.keys(item)) found.add(`${method.toLowerCase()} ${normalize(path)}`);
      }
      operations = found;
    } catch {
      operations = null;
    }
  })();
  return probe;
}

/** Whether the server offers <paramref>method</paramref> on the path template (e.g. "/api/alerts/{id}"). */
export function has(method: Method, pathTemplate: string): boolean {
  return operations === null || operations.has(`${method} ${normalize(pathTemplate)}`);
}

/** Builds "/api/x?a=1&b=2" from parameters, leaving out empty ones. */
export function url(path: string, params: Record<string, string | number | undefined | null> = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

async function failure(response: Response): Promise<ApiError> {
  let message = `${response.status} ${response.statusText}`;
  try {
    const type = response.headers.get("content-type") ?? "";
    if (type.includes("json")) {
      const problem = (await response.json()) as { title?: string; detail?: string; errors?: Record<string, string[]> };
      const details = problem.errors ? Object.values(problem.errors).flat().join("; ") : "";
      message = [problem.title, problem.detail, details].filter(Boolean).join(": ") || message;
    }
  } catch {
    // The status line alone is message enough when the body is not ProblemDetails.
  }
  return new ApiError(response.status, message);
}

async function send<T>(method: Method, template: string, path: string, body?: unknown): Promise<T> {
  await loadOperations();
  if (!has(method, template)) throw new NotAvailableError(template);
  const init: RequestInit = { method: method.toUpperCase(), headers: { Accept: "application/json" } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { Accept: "application/json", "Content-Type": "application/json" };
  }
  const response = await fetch(path, init);
  if (!response.ok) throw await failure(response);
  if (response.status === 204 || response.headers.get("content-length") === "0") return undefined as T;
  const type = response.headers.get("content-type") ?? "";
  return (type.includes("json") ? await response.json() : undefined) as T;
}

/**
 * GET a JSON document the dashboard cannot work without (/api/symbols), without waiting for the OpenAPI probe:
 * the two requests then run side by side on first load.
 */
export async function getRequiredJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}

/** GET a JSON document; <paramref>template</paramref> is the OpenAPI path it belongs to. */
export function getJson<T>(template: string, params: Record<string, string | number | undefined | null> = {}): Promise<T> {
  return send<T>("get", template, url(template, params));
}

export function postJson<T>(template: string, body: unknown): Promise<T> {
  return send<T>("post", template, template, body);
}

export function putJson<T>(template: string, path: string, body: unknown): Promise<T> {
  return send<T>("put", template, path, body);
}

export function del(template: string, path: string): Promise<void> {
  return send<void>("delete", template, path);
}

/** The CSV form of a list endpoint (the contract's format=csv), for a download link. */
export function csvUrl(template: string, params: Record<string, string | number | undefined | null> = {}): string {
  return url(template, { ...params, format: "csv" });
}

/** A short text for a failed call: "not available" for features the server lacks (404/501 or unlisted). */
export function describe(error: unknown): string {
  if (error instanceof NotAvailableError) return "not available";
  if (error instanceof ApiError) return error.status === 404 || error.status === 501 ? "not available" : error.message;
  return error instanceof Error ? error.message : String(error);
}

/** Whether an error means the feature is missing rather than the call wrong. */
export function isUnavailable(error: unknown): boolean {
  return error instanceof NotAvailableError || (error instanceof ApiError && (error.status === 404 || error.status === 501));
}
