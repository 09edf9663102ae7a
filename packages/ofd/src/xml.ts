/**
 * Safe, namespace-agnostic XML for OFD parts. Parsing goes through fast-xml-parser in
 * `preserveOrder` mode (drawing order of page objects matters, GB/T 33190 §14) after:
 * - decoding the bytes (UTF-8 by default, the declared `encoding` otherwise, a BOM is honoured);
 * - rejecting any `<!DOCTYPE` in the prolog (no DTDs, so no external or internal entities);
 * - a well-formedness check (fast-xml-parser's validator, plus exactly one root element).
 * Character and the five predefined entity references are decoded here; any other entity is an error.
 *
 * Elements are matched by local name, so `ofd:Page`, `o:Page` (any prefix bound to
 * `http://www.ofdspec.org/2016`) and an unprefixed `Page` are the same; the namespace URI of the root
 * element is checked and a non-standard one is reported as a warning.
 * @module
 */
import { FormatError } from '@gbkit/core';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { WarningSink } from './diagnostics.js';

/** The OFD namespace URI (GB/T 33190 §7.1). */
export const OFD_NS = 'http://www.ofdspec.org/2016';

/** An element of a parsed part: local name, prefix, namespace URI, attributes and children in order. */
export interface XmlElement {
  /** Local name without prefix (`Page` for `ofd:Page`). */
  readonly name: string;
  /** The prefix as written (`ofd`), or `''`. */
  readonly prefix: string;
  /** The namespace URI the prefix is bound to, or `''` when none. */
  readonly ns: string;
  /** Attributes by local name (prefixed attributes other than `xmlns` keep their qualified name). */
  readonly attrs: Readonly<Record<string, string>>;
  /** Child elements and text, in document order. */
  readonly children: readonly XmlNode[];
}

/** A child node: an element or a run of text. */
export type XmlNode = XmlElement | string;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  preserveOrder: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: false,
  htmlEntities: false,
  commentPropName: false,
  cdataPropName: '#cdata',
});

const ENTITY = /&(#x[0-9A-Fa-f]+|#[0-9]+|[A-Za-z_][\w.-]*);?/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(s: string, part: string): string {
  if (!s.includes('&')) return s;
  return s.replace(ENTITY, (m, body: string) => {
    if (!m.endsWith(';'))
      throw xmlError(
        'ERR_OFD_XML_ENTITY',
        `未结束的实体引用 ${m}`,
        `unterminated entity reference ${m}`,
        part,
      );
    if (body[0] === '#') {
      const cp = body[1] === 'x' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      if (!Number.isFinite(cp) || cp > 0x10ffff || cp === 0 || (cp >= 0xd800 && cp <= 0xdfff)) {
        throw xmlError('ERR_OFD_XML_ENTITY', `非法字符引用 ${m}`, `invalid character reference ${m}`, part);
      }
      return String.fromCodePoint(cp);
    }
    const v = NAMED[body];
    if (v === undefined)
      throw xmlError(
        'ERR_OFD_XML_ENTITY',
        `未定义的实体 ${m}（不支持 DTD）`,
        `undefined entity ${m} (DTDs are not supported)`,
        part,
      );
    return v;
  });
}

function xmlError(code: string, zh: string, en: string, part: string, line?: number): FormatError {
  return new FormatError(code, { zh, en }, { location: { part, line } });
}

function decodeText(bytes: Uint8Array, part: string, diag?: WarningSink): string {
  let b = bytes;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) b = b.subarray(3);
  else if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) {
    const le = b[0] === 0xff;
    return new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(b.subarray(2));
  }
  // the declaration is ASCII-compatible in every encoding we accept
  const head = String.fromCharCode(...b.subarray(0, Math.min(200, b.length)));
  const m = /^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head);
  const enc = m?.[1]?.toLowerCase() ?? 'utf-8';
  if (enc === 'utf-8' || enc === 'utf8') {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(b);
    } catch (e) {
      throw new FormatError(
        'ERR_OFD_XML_ENCODING',
        { zh: '不是合法的 UTF-8', en: 'not valid UTF-8' },
        { cause: e, location: { part } },
      );
    }
  }
  let dec: TextDecoder;
  try {
    dec = new TextDecoder(enc, { fatal: true });
  } catch (e) {
    throw new FormatError(
      'ERR_OFD_XML_ENCODING',
      { zh: `不支持的编码 ${enc}`, en: `unsupported encoding ${enc}` },
      { cause: e, location: { part } },
    );
  }
  diag?.warn({
    code: 'OFD_XML_ENCODING',
    message: { zh: `部件使用 ${enc} 编码而非 UTF-8`, en: `part is encoded in ${enc}, not UTF-8` },
    part,
    details: { encoding: enc },
  });
  try {
    return dec.decode(b);
  } catch (e) {
    throw new FormatError(
      'ERR_OFD_XML_ENCODING',
      { zh: `不是合法的 ${enc}`, en: `not valid ${enc}` },
      { cause: e, location: { part } },
    );
  }
}

/** Throws when the prolog (before the root element) holds a DOCTYPE. */
function rejectDoctype(text: string, part: string): void {
  let i = 0;
  const n = text.length;
  for (;;) {
    while (i < n && /\s/.test(text[i] as string)) i++;
    if (text.startsWith('<?', i)) {
      const e = text.indexOf('?>', i + 2);
      if (e < 0) return;
      i = e + 2;
    } else if (text.startsWith('<!--', i)) {
      const e = text.indexOf('-->', i + 4);
      if (e < 0) return;
      i = e + 3;
    } else if (text.startsWith('<!', i)) {
      throw xmlError(
        'ERR_OFD_XML_DOCTYPE',
        '不允许 DOCTYPE/DTD（可能含外部实体）',
        'DOCTYPE/DTD is not allowed (it may declare external entities)',
        part,
      );
    } else return;
  }
}

type Raw = Record<string, unknown>;

function build(raw: Raw, scope: Map<string, string>, part: string): XmlElement {
  let qname = '';
  for (const k of Object.keys(raw)) if (k !== ':@') qname = k;
  const rawAttrs = (raw[':@'] ?? {}) as Record<string, string>;
  let local = scope;
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(rawAttrs)) {
    const value = decodeEntities(String(v), part);
    if (k === 'xmlns' || k.startsWith('xmlns:')) {
      if (local === scope) local = new Map(scope);
      local.set(k === 'xmlns' ? '' : k.slice(6), value);
      continue;
    }
    attrs[k] = value;
  }
  const colon = qname.indexOf(':');
  const prefix = colon >= 0 ? qname.slice(0, colon) : '';
  const name = colon >= 0 ? qname.slice(colon + 1) : qname;
  const ns = local.get(prefix) ?? '';
  const children: XmlNode[] = [];
  const kids = (raw[qname] ?? []) as Raw[];
  for (const k of kids) {
    if ('#text' in k) children.push(decodeEntities(String(k['#text']), part));
    else if ('#cdata' in k) {
      const c = k['#cdata'] as Raw[];
      for (const t of c) if ('#text' in t) children.push(String(t['#text']));
    } else children.push(build(k, local, part));
  }
  return { name, prefix, ns, attrs, children };
}

/**
 * Parses one XML part safely. `part` names it in errors and warnings. Throws `FormatError` with code
 * `ERR_OFD_XML_DOCTYPE`, `ERR_OFD_XML_ENTITY`, `ERR_OFD_XML_ENCODING` or `ERR_OFD_XML_MALFORMED`.
 */
export function parseXml(bytes: Uint8Array | string, part: string, diag?: WarningSink): XmlElement {
  const text = typeof bytes === 'string' ? bytes : decodeText(bytes, part, diag);
  rejectDoctype(text, part);
  const v = XMLValidator.validate(text);
  if (v !== true) {
    throw xmlError(
      'ERR_OFD_XML_MALFORMED',
      `XML 格式错误：${v.err.msg}`,
      `malformed XML: ${v.err.msg}`,
      part,
      v.err.line,
    );
  }
  const roots = (parser.parse(text) as Raw[]).filter((r) => !('#text' in r));
  if (roots.length !== 1) {
    throw xmlError(
      'ERR_OFD_XML_MALFORMED',
      `XML 应有且只有一个根元素（实际 ${roots.length} 个）`,
      `XML must have exactly one root element (found ${roots.length})`,
      part,
    );
  }
  return build(roots[0] as Raw, new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]), part);
}

/**
 * Parses an OFD part and checks the root element: its local name must be one of `expected`, and its
 * namespace should be {@link OFD_NS} (otherwise a warning `OFD_XML_NAMESPACE` is recorded).
 */
export function parseOfdXml(
  bytes: Uint8Array,
  part: string,
  expected: readonly string[],
  diag: WarningSink,
): XmlElement {
  const root = parseXml(bytes, part, diag);
  if (!expected.includes(root.name)) {
    throw xmlError(
      'ERR_OFD_XML_ROOT',
      `根元素应为 ${expected.join('/')}，实际为 ${root.name}`,
      `root element should be ${expected.join('/')}, found ${root.name}`,
      part,
    );
  }
  if (root.ns !== OFD_NS) {
    diag.warn({
      code: 'OFD_XML_NAMESPACE',
      message: {
        zh: `根元素的命名空间为 "${root.ns}"，标准为 ${OFD_NS}`,
        en: `root element namespace is "${root.ns}", the standard one is ${OFD_NS}`,
      },
      part,
      details: { namespace: root.ns },
    });
  }
  return root;
}

/** Child elements of `el` (optionally only those with local name `name`). */
export function childElements(el: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children)
    if (typeof c !== 'string' && (name === undefined || c.name === name)) out.push(c);
  return out;
}

/** The first child element with local name `name`. */
export function child(el: XmlElement, name: string): XmlElement | undefined {
  for (const c of el.children) if (typeof c !== 'string' && c.name === name) return c;
  return undefined;
}

/** Concatenated text content of `el` (direct and nested text). */
export function textOf(el: XmlElement): string {
  let s = '';
  for (const c of el.children) s += typeof c === 'string' ? c : textOf(c);
  return s;
}

/** Trimmed text of the first child named `name`, or undefined when absent. */
export function childText(el: XmlElement, name: string): string | undefined {
  const c = child(el, name);
  return c ? textOf(c).trim() : undefined;
}

/** An attribute by local name (ignores a prefix on the attribute). */
export function attr(el: XmlElement, name: string): string | undefined {
  const v = el.attrs[name];
  if (v !== undefined) return v;
  for (const [k, val] of Object.entries(el.attrs)) if (k.endsWith(`:${name}`)) return val;
  return undefined;
}

/** Escapes text for element content or attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;',
  );
}
