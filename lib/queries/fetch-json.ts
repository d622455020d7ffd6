// The browser side of the JSON API: GET/POST helpers that turn an error body ({error, fields}) into an Error
// whose message says what was wrong (422 field errors included).
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly fields: Record<string, string[]> | null,
  ) {
    super(message);
  }
}

async function parse<T>(url: string, res: Response): Promise<T> {
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: string; fields?: Record<string, string[]> } | null;
    const fields = body?.fields ?? null;
    const detail = fields ? `: ${Object.entries(fields).map(([k, v]) => `${k} — ${v.join("; ")}`).join(", ")}` : "";
    throw new ApiError(`${body?.error ?? `${url}: HTTP ${res.status}`}${detail}`, res.status, fields);
  }
  return res.json() as Promise<T>;
}

export async function fetchJson<T>(url: string): Promise<T> {
  return parse<T>(url, await fetch(url, { headers: { accept: "application/json" } }));
}

export async function postJson<T>(url: string, body: unknown): Promise<T> {
  return parse<T>(url, await fetch(url, { method: "POST", headers: { accept: "application/json", "content-type": "application/json" }, body: JSON.stringify(body) }));
}
