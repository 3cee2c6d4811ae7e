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
  /**
   * `path` is the stack of open element names, the new one last. Returns whether `close` will read the element's
   * text: the text directly inside an element that returns false is not collected, and its `close` gets ''.
   */
  open(name: string, attributes: Record<string, string>, path: readonly string[]): boolean;
  /** `text` is the element's own text when it is a leaf (text since its last child otherwise). */
  close(name: string, text: string, path: readonly string[]): void;
}

/** Non-validating, no namespaces; positions for located errors. */
const SAXES_OPTIONS = { position: true } as const;

/** The saxes events readXmlStream listens to, in the order it first sets them. */
const EVENTS = ['error', 'doctype', 'opentag', 'closetag', 'cdata', 'text'] as const;

/**
 * A saxes parser with our options and a no-op listener on each of our events (set them again with `on`). saxes keeps
 * a listener as a property of the parser, added when first set: parsers whose listeners were first set in another
 * order are objects of another shape, and saxes' code, seeing several shapes, runs slower for all of them. Parsers
 * made here share one shape, whatever listeners they end up with (the bench's bare scan is made here too).
 */
export function newSaxesParser(): SaxesParser {
  const parser = new SaxesParser(SAXES_OPTIONS);
  for (const event of EVENTS) parser.on(event, () => undefined);
  return parser;
}

/** Streams `text` through `handlers`; throws XmlSyntaxError (located) on anything not well-formed. */
export function readXmlStream(text: string, handlers: XmlHandlers): void {
  const parser = newSaxesParser();
  const path: string[] = [];
  /** Per open element: whether its text is wanted. */
  const wantsText: boolean[] = [];
  let buffer = '';
  // Most text of a schedule is indentation between elements and the content of elements nobody reads. Without a
  // text listener saxes neither slices nor joins it (well-formedness is checked all the same), so we listen only
  // inside elements whose text is wanted. Text reaches the listener at the next tag, so switching at tags loses none.
  let listening = false;
  const onText = (data: string) => {
    buffer += data;
  };
  // saxes keeps the listener in its `textHandler` slot. Setting that slot directly is a plain property store, where
  // `on`/`off` look the slot's name up by the event's name (tens of thousands of times per FOSDEM year). If a saxes
  // release names the slot otherwise, `on` does not fill it and the public calls are used.
  parser.on('text', onText);
  const slots = parser as unknown as { textHandler?: (text: string) => void };
  const direct = slots.textHandler === onText;
  parser.off('text');
  const listen = (wanted: boolean) => {
    if (wanted === listening) return;
    listening = wanted;
    if (direct) slots.textHandler = wanted ? onText : undefined;
    else if (wanted) parser.on('text', onText);
    else parser.off('text');
  };
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
    const wanted = handlers.open(tag.name, tag.attributes as Record<string, string>, path);
    wantsText.push(wanted);
    listen(wanted);
  });
  parser.on('closetag', tag => {
    handlers.close(tag.name, buffer, path);
    path.pop();
    wantsText.pop();
    buffer = '';
    listen(wantsText.length > 0 && wantsText[wantsText.length - 1]);
  });
  parser.on('cdata', data => {
    if (listening) buffer += data;
  });
  parser.write(text).close();
}
