// A FetchHost over the global `fetch` (Node 20 and browsers alike): a timeout, a size limit, lower-cased headers.
import type { FetchHost, FetchResult } from '../core/host';

export interface FetchHostOptions {
  timeoutMs?: number;
  /**
   * Whether to send the request headers the store asks for (If-None-Match, If-Modified-Since) and a User-Agent.
   * A browser sends a cross-origin request with such headers only after a CORS preflight (OPTIONS) that schedule
   * servers do not answer; there the browser's own HTTP cache revalidates instead.
   */
  sendHeaders?: boolean;
  /** Turns a rejected fetch (network down, or the browser refusing the response) into the error the user reads. */
  describeFailure?: (url: string, error: unknown) => Error;
}

/**
 * The body is read as a stream and dropped as soon as it passes `maxBytes` (or the Content-Length says it will),
 * so a runaway download costs at most that much memory.
 */
export function globalFetchHost({ timeoutMs = 30_000, sendHeaders = true, describeFailure }: FetchHostOptions = {}): FetchHost {
  return {
    async fetchBytes(url: string, headers: Record<string, string>, maxBytes: number): Promise<FetchResult> {
      let response: Response;
      try {
        response = await fetch(url, { headers: sendHeaders ? { 'user-agent': 'conference-recap', ...headers } : {}, signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
      } catch (error) {
        throw describeFailure ? describeFailure(url, error) : error;
      }
      const out: Record<string, string> = {};
      response.headers.forEach((value, name) => { out[name.toLowerCase()] = value; });
      const result = (body: Uint8Array, tooLarge = false): FetchResult => (tooLarge ? { status: response.status, headers: out, body, tooLarge } : { status: response.status, headers: out, body });
      if (response.status === 304 || !response.body) return result(new Uint8Array(0));
      const reader = response.body.getReader();
      if (Number(out['content-length']) > maxBytes) {
        await reader.cancel();
        return result(new Uint8Array(0), true);
      }
      const chunks: Uint8Array[] = [];
      let length = 0;
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        length += chunk.value.length;
        if (length > maxBytes) {
          await reader.cancel();
          return result(new Uint8Array(0), true);
        }
        chunks.push(chunk.value);
      }
      const body = new Uint8Array(length);
      let offset = 0;
      for (const chunk of chunks) {
        body.set(chunk, offset);
        offset += chunk.length;
      }
      return result(body);
    },
  };
}
