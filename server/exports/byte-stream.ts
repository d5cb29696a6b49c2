/**
 * An async sequence of text or bytes as a web ReadableStream, pulled: the next page is read from the
 * database only when the client has taken the last one, so a slow download holds one page at a time.
 * A client that goes away cancels the stream, which ends the sequence (and its queries) there.
 */
export function byteStream(source: AsyncIterable<string | Uint8Array>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = source[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await iterator.next();
        if (done) controller.close();
        else controller.enqueue(typeof value === "string" ? encoder.encode(value) : value);
      } catch (error) {
        // Headers are gone already; failing the stream makes the download fail rather than look complete.
        console.error("export stream failed:", error);
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/** Text pieces as UTF-8 bytes, for the ZIP writer. */
export async function* utf8(source: AsyncIterable<string> | Iterable<string>): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  for await (const text of source) yield encoder.encode(text);
}
