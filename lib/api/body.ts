// Request bodies, one helper for every route that reads one: a declared Content-Length above the limit is a
// 413 before anything is read, and the stream is counted as it arrives so a body that lies about (or omits)
// its length stops at the limit too. Next's route handlers impose no limit of their own.
import { HttpError } from "./handler";

/** Default limit for small JSON bodies (facts, weights, sign-in, report parameters). */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

/**
 * Exactly `application/json`, optionally with parameters (`; charset=utf-8`). Not `text/plain` (a form can
 * send that cross-site without a preflight), not `application/json-patch+json`, not `x/application/json`.
 */
export function isJsonContentType(header: string | null): boolean {
  if (!header) return false;
  const essence = header.split(";")[0].trim().toLowerCase();
  return essence === "application/json";
}

export async function limitedText(req: Request, maxBytes: number): Promise<string> {
  const raw = req.headers.get("content-length");
  if (raw !== null) {
    if (!/^\s*\d+\s*$/.test(raw)) throw new HttpError(400, "Content-Length is not a number");
    const declared = Number(raw);
    if (declared > maxBytes) throw new HttpError(413, `the body is ${declared} bytes; the limit is ${maxBytes}`);
  }
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new HttpError(413, `the body is over the ${maxBytes}-byte limit`);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** A JSON body: 415 unless the content type is exactly application/json, 413 above maxBytes, 400 if not JSON. */
export async function limitedJson(req: Request, maxBytes: number = MAX_JSON_BODY_BYTES): Promise<unknown> {
  if (!isJsonContentType(req.headers.get("content-type"))) throw new HttpError(415, "send the body as application/json");
  const text = await limitedText(req, maxBytes);
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, "the body is not valid JSON");
  }
}
