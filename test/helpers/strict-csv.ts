/**
 * A strict RFC 4180 reader for checking exports: records end with CRLF (the last one too), a field is
 * either quoted (`"…"`, quotes inside doubled, anything else allowed) or unquoted (no quote, comma,
 * CR or LF), every record has as many fields as the header. Anything else throws, where R's read.csv
 * or pandas might guess. It keeps whether each field was quoted, so a quoted "NA" (an answer) can be
 * told from the missing-value marker.
 */
export interface CsvField {
  text: string;
  quoted: boolean;
}

export function parseCsvStrict(input: string): CsvField[][] {
  if (input.charCodeAt(0) === 0xfeff) throw new Error("CSV starts with a byte order mark");
  const records: CsvField[][] = [];
  let record: CsvField[] = [];
  let i = 0;
  const fail = (message: string): never => {
    throw new Error(`CSV record ${records.length + 1}, offset ${i}: ${message}`);
  };
  while (i < input.length) {
    let field: CsvField;
    if (input[i] === '"') {
      let text = "";
      i++;
      for (;;) {
        if (i >= input.length) fail("unterminated quoted field");
        const ch = input[i] as string;
        if (ch === '"') {
          if (input[i + 1] === '"') {
            text += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += ch;
        i++;
      }
      field = { text, quoted: true };
    } else {
      let text = "";
      while (i < input.length && input[i] !== "," && input[i] !== "\r") {
        const ch = input[i] as string;
        if (ch === '"' || ch === "\n") fail(`bare ${JSON.stringify(ch)} in an unquoted field`);
        text += ch;
        i++;
      }
      field = { text, quoted: false };
    }
    record.push(field);
    if (input[i] === ",") {
      i++;
      if (i >= input.length) fail("file ends after a comma");
      continue;
    }
    if (input[i] === "\r" && input[i + 1] === "\n") {
      i += 2;
      records.push(record);
      record = [];
      continue;
    }
    fail(i >= input.length ? "last record does not end with CRLF" : `unexpected ${JSON.stringify(input[i])}`);
  }
  if (records.length === 0) throw new Error("CSV has no header");
  const width = records[0]?.length ?? 0;
  for (const [n, r] of records.entries()) {
    if (r.length !== width)
      throw new Error(`CSV record ${n + 1} has ${r.length} fields, the header ${width}`);
  }
  return records;
}

/** Records as objects keyed by the header; an unquoted NA is null (missing). */
export function csvObjects(input: string): Record<string, string | null>[] {
  const [header, ...rows] = parseCsvStrict(input);
  const names = (header ?? []).map((f) => f.text);
  if (new Set(names).size !== names.length) throw new Error(`duplicate column names: ${names.join(",")}`);
  return rows.map((row) =>
    Object.fromEntries(row.map((f, i) => [names[i], !f.quoted && f.text === "NA" ? null : f.text])),
  );
}
