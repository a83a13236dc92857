/**
 * Incremental parser of a text/event-stream body: feed it decoded chunks as they arrive, it calls
 * `onData` with the data of each complete event. Comments (": ping") and other fields are skipped.
 */
export function createSseParser(onData: (data: string) => void): (chunk: string) => void {
  let buffer = '';
  return (chunk) => {
    buffer += chunk.replace(/\r\n?/g, '\n');
    let end = buffer.indexOf('\n\n');
    while (end !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(line.startsWith('data: ') ? 6 : 5));
      if (data.length > 0) onData(data.join('\n'));
      end = buffer.indexOf('\n\n');
    }
  };
}
