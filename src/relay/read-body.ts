// Reads a request body up to a byte limit, counting while it streams: a Content-Length header can
// be absent (chunked transfer) or lie, so it only lets an oversized body be refused early.

/** The body's bytes; `too-large` when it is over `maxBytes` (the stream is cancelled then), `unreadable` when the client went away mid-body. */
export async function readBody(request: Request, maxBytes: number): Promise<Uint8Array | 'too-large' | 'unreadable'> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxBytes) {
    await request.body?.cancel().catch(() => undefined);
    return 'too-large';
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let read: ReadableStreamReadResult<Uint8Array>;
    try {
      read = await reader.read();
    } catch {
      return 'unreadable';
    }
    if (read.done) break;
    size += read.value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return 'too-large';
    }
    chunks.push(read.value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
