// XML reading over saxes (a maintained, strict, non-validating parser), as a stream of open/close events.
// Security: saxes never fetches external entities or DTDs and does not expand entities declared in a DOCTYPE's
// internal subset (a reference to one is an "undefined entity" error). We go further and reject any DOCTYPE that
// declares entities, so a "billion laughs" file fails fast with a clear message instead of expanding anything.
import { SaxesParser } from 'saxes';

export class XmlSyntaxError extends Error {
  /** 1-based line and column; `refused` for well-formed XML this reader will not take (entities, depth). */
  constructor(message: string, readonly line: number, readonly column: number, readonly refused = false) {
    super(message);
  }
}

/** Real schedules nest 6 or 7 levels deep (XML elements, JSON arrays and objects); far deeper is not a schedule. */
export const MAX_SCHEDULE_DEPTH = 100;

export interface XmlHandlers {
  /** `path` is the stack of open element names, the new one last. */
  open(name: string, attributes: Record<string, string>, path: readonly string[]): void;
  /** `text` is the element's own text when it is a leaf (text since its last child otherwise). */
  close(name: string, text: string, path: readonly string[]): void;
}

/** Streams `text` through `handlers`; throws XmlSyntaxError (located) on anything not well-formed. */
export function readXmlStream(text: string, handlers: XmlHandlers): void {
  const parser = new SaxesParser({ position: true });
  const path: string[] = [];
  let buffer = '';
  parser.on('error', error => {
    throw new XmlSyntaxError(error.message.replace(/^\d+:\d+:\s*/, '').replace(/\.$/, ''), parser.line, parser.column + 1);
  });
  parser.on('doctype', doctype => {
    if (/<!ENTITY/i.test(doctype)) throw new XmlSyntaxError('it declares its own XML entities (a DOCTYPE with <!ENTITY>), which are refused for safety', parser.line, parser.column + 1, true);
  });
  parser.on('opentag', tag => {
    if (path.length >= MAX_SCHEDULE_DEPTH) throw new XmlSyntaxError(`its elements nest more than ${MAX_SCHEDULE_DEPTH} levels deep (<${tag.name}>), which no schedule does`, parser.line, parser.column + 1, true);
    path.push(tag.name);
    buffer = '';
    handlers.open(tag.name, tag.attributes as Record<string, string>, path);
  });
  parser.on('closetag', tag => {
    handlers.close(tag.name, buffer, path);
    path.pop();
    buffer = '';
  });
  parser.on('text', data => {
    buffer += data;
  });
  parser.on('cdata', data => {
    buffer += data;
  });
  parser.write(text).close();
}
