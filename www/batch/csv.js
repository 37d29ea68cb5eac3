// CSV in and out: bytes decoded (UTF-8 with or without BOM, GB18030/GBK), records tokenized
// (RFC 4180: quoted fields with commas, quotes and newlines; CRLF, LF or CR), CSV written
// (UTF-8 with a BOM so Excel opens it). Pure: no DOM, no policy, tested in tests/node/batch-csv.test.mjs.

/** The encodings offered; "auto" detects. */
export const ENCODINGS = ["auto", "utf-8", "gb18030"];

/**
 * Decodes a file's bytes. `encoding`: "auto" (the default: a UTF-8 BOM, or bytes that are valid
 * UTF-8, are UTF-8; anything else is GB18030, which covers GBK and GB2312), "utf-8" or "gb18030".
 * Returns `{ text, encoding }`, the BOM removed.
 */
export function decode(bytes, encoding) {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const bom = u8.length >= 3 && u8[0] === 0xef && u8[1] === 0xbb && u8[2] === 0xbf;
  let enc = encoding && encoding !== "auto" ? encoding : null;
  if (!enc) {
    if (bom) enc = "utf-8";
    else {
      try {
        const text = new TextDecoder("utf-8", { fatal: true }).decode(u8);
        return { text, encoding: "utf-8" };
      } catch (e) {
        enc = "gb18030";
      }
    }
  }
  const body = enc === "utf-8" && bom ? u8.subarray(3) : u8;
  return { text: new TextDecoder(enc).decode(body), encoding: enc };
}

/**
 * Whether bytes that are not UTF-8 as a whole are mixed: some of their lines are valid UTF-8
 * holding Chinese text (a sheet pasted together from two encodings), so whichever encoding is
 * chosen some names come out garbled. Returns the number of such lines (0: not mixed).
 */
export function mixedLines(bytes) {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const strict = new TextDecoder("utf-8", { fatal: true });
  let count = 0;
  let start = 0;
  for (let i = 0; i <= u8.length; i++) {
    if (i < u8.length && u8[i] !== 10) continue;
    const line = u8.subarray(start, i);
    start = i + 1;
    if (!line.some((b) => b >= 0x80)) continue;
    try {
      if (/[\u4e00-\u9fff]/.test(strict.decode(line))) count++;
    } catch (e) {
      // not UTF-8: this line is GB18030's
    }
  }
  return count;
}

/**
 * Splits CSV text into records of fields. Blank lines are skipped; each record keeps the line it
 * starts on (`line`, 1-based, as a text editor counts). Returns `[{ line, fields }]`.
 * A quote left open runs to the end of the text (the record is kept as read); `info`, when given,
 * receives `openQuote` (the line of the field whose quote is never closed: the file must not be
 * computed) and `blank` (the blank lines skipped).
 */
export function parseCsv(text, info) {
  if (info) {
    info.openQuote = 0;
    info.blank = 0;
  }
  const out = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const start = line;
    const fields = [];
    let field = "";
    let end = false;
    while (!end) {
      if (i < n && text.charCodeAt(i) === 34) {
        // A quoted field: "" is a quote; the field ends at a lone quote.
        i++;
        let from = i;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) {
            if (info && !info.openQuote) info.openQuote = line;
            field += text.slice(from);
            line += countLines(text, from, n);
            i = n;
            break;
          }
          line += countLines(text, from, q);
          if (text.charCodeAt(q + 1) === 34) {
            field += text.slice(from, q + 1);
            i = q + 2;
            from = i;
          } else {
            field += text.slice(from, q);
            i = q + 1;
            break;
          }
        }
        // Anything between the closing quote and the separator is kept as written.
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === 44 || c === 10 || c === 13) break;
          field += text[i];
          i++;
        }
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === 44 || c === 10 || c === 13) break;
          j++;
        }
        field = text.slice(i, j);
        i = j;
      }
      fields.push(field);
      field = "";
      if (i >= n) {
        end = true;
      } else {
        const c = text.charCodeAt(i);
        i++;
        if (c !== 44) {
          if (c === 13 && text.charCodeAt(i) === 10) i++;
          line++;
          end = true;
        }
      }
    }
    if (!(fields.length === 1 && fields[0].trim() === "")) out.push({ line: start, fields });
    else if (info) info.blank++;
  }
  return out;
}

function countLines(text, from, to) {
  let k = 0;
  for (let j = from; j < to; j++) {
    const c = text.charCodeAt(j);
    if (c === 10 || (c === 13 && text.charCodeAt(j + 1) !== 10)) k++;
  }
  return k;
}

/** One field written for CSV: quoted when it holds a comma, a quote or a line break. */
export function csvField(value) {
  const s = value == null ? "" : String(value);
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

/** A name from the user's file written back: one a spreadsheet would run as a formula (= + - @, a tab or a return first) gets a leading '. Never for money. */
export function asText(value) {
  const s = value == null ? "" : String(value);
  return /^[=+\-@\t\r]/.test(s) ? "'" + s : s;
}

/** Rows (arrays of fields) as CSV text with CRLF line ends and a UTF-8 BOM, for Excel. */
export function toCsv(rows) {
  return "\uFEFF" + rows.map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}
