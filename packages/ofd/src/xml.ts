/**
 * Safe, namespace-agnostic XML for OFD parts: a small strict XML 1.0 parser of our own that keeps
 * document order (drawing order of page objects matters, GB/T 33190 §14) and:
 * - decodes the bytes (UTF-8 by default, the declared `encoding` otherwise, a BOM is honoured);
 * - rejects any `<!DOCTYPE` or `<!ENTITY` (no DTDs, so no external or internal entities);
 * - checks well-formedness (matching tags, quoted and unique attributes, one root element, a
 *   nesting limit) and reports the line of the first error.
 * Character references and the five predefined entities are decoded; any other entity is an error.
 * (fast-xml-parser 5 was measured at ≈ 5 MB/s on `Signature.xml`-sized parts, too slow for the
 * verification throughput e-seal needs; this parser does the same job at several times the speed.)
 *
 * Elements are matched by local name, so `ofd:Page`, `o:Page` (any prefix bound to
 * `http://www.ofdspec.org/2016`) and an unprefixed `Page` are the same; the namespace URI of the root
 * element is checked and a non-standard one is reported as a warning.
 * @module
 */
import { FormatError } from '@gbkit/core';
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

const decoders = new Map<string, TextDecoder>();
function decoder(enc: string): TextDecoder {
  let d = decoders.get(enc);
  if (!d) {
    d = new TextDecoder(enc, { fatal: true });
    decoders.set(enc, d);
  }
  return d;
}

/** Whether byte `c` may be part of an encoding name (`[A-Za-z0-9._-]`). */
function isEncodingByte(c: number): boolean {
  return (
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x2e ||
    c === 0x5f ||
    c === 0x2d
  );
}

/** A byte that a regular expression's `\s` matches when the byte is read as a Latin-1 character. */
function isSpaceByte(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0;
}

const ENCODING = [0x65, 0x6e, 0x63, 0x6f, 0x64, 0x69, 0x6e, 0x67]; // "encoding"

/**
 * The `encoding` of an XML declaration at the start of `b`, lower-cased, or undefined: the first
 * `encoding = "name"` (either quote on either side, `name` of `[A-Za-z0-9._-]`) before `?>`, read
 * from the bytes without building a string.
 */
function declaredEncoding(b: Uint8Array): string | undefined {
  // "<?xml" then up to "?>": the declaration is ASCII in every encoding we accept
  if (b[0] !== 0x3c || b[1] !== 0x3f || b[2] !== 0x78 || b[3] !== 0x6d || b[4] !== 0x6c) return undefined;
  let end = 5;
  while (end < b.length && end < 256 && !(b[end] === 0x3f && b[end + 1] === 0x3e)) end++;
  outer: for (let p = 5; p + 8 <= end; p++) {
    for (let k = 0; k < 8; k++) if (b[p + k] !== ENCODING[k]) continue outer;
    let j = p + 8;
    while (j < end && isSpaceByte(b[j] as number)) j++;
    if (j >= end || b[j] !== 0x3d) continue;
    j++;
    while (j < end && isSpaceByte(b[j] as number)) j++;
    if (j >= end || (b[j] !== 0x22 && b[j] !== 0x27)) continue;
    const start = ++j;
    while (j < end && isEncodingByte(b[j] as number)) j++;
    if (j === start || j >= end || (b[j] !== 0x22 && b[j] !== 0x27)) continue;
    let name = '';
    for (let k = start; k < j; k++) name += String.fromCharCode(b[k] as number);
    return name.toLowerCase();
  }
  return undefined;
}

function decodeText(bytes: Uint8Array, part: string, diag?: WarningSink): string {
  let b = bytes;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) b = b.subarray(3);
  else if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) {
    return decoder(b[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(b.subarray(2));
  }
  const enc = declaredEncoding(b) ?? 'utf-8';
  if (enc === 'utf-8' || enc === 'utf8') {
    try {
      return decoder('utf-8').decode(b);
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
    dec = decoder(enc);
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

/** XML whitespace: space, tab, CR, LF. */
function isWs(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** Ends a name: whitespace, `/`, `>`, `=`. */
function endsName(c: number): boolean {
  return isWs(c) || c === 0x2f || c === 0x3e || c === 0x3d;
}

/** Starts a name: letter, `_`, `:` or non-ASCII. */
function startsName(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x3a || c >= 0xc0;
}

/** Deepest element nesting accepted (real OFD parts nest less than 20 levels). */
const MAX_DEPTH = 1000;

interface Open {
  /** Where the qualified name starts in the text, and its length (matched against the end tag). */
  readonly qStart: number;
  readonly qLen: number;
  /** Offset of the first `:` in the qualified name, -1 when none. */
  readonly colon: number;
  readonly prefix: string;
  readonly ns: string;
  readonly name: string;
  readonly attrs: Record<string, string>;
  /** Where the element's children start on the shared node stack. */
  readonly start: number;
  /** Prefix → namespace URI in scope (shared with the parent when the element declares none). */
  readonly scope: ReadonlyMap<string, string>;
}

/** The scope every document starts with (never modified: an element declaring prefixes copies it). */
const ROOT_SCOPE: ReadonlyMap<string, string> = new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]);

/** Whether the `len` characters at `a` and at `b` are the same (true for len ≤ 0). */
function samePrefix(text: string, a: number, b: number, len: number): boolean {
  for (let k = 0; k < len; k++) if (text.charCodeAt(a + k) !== text.charCodeAt(b + k)) return false;
  return true;
}

function lineAt(text: string, pos: number): number {
  let line = 1;
  for (let i = 0; i < pos && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Whether an attribute value needs work: `<` (an error), `&` (entities), tab/LF/CR (normalised to space). */
function valueFlags(text: string, from: number, to: number): number {
  let f = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c <= 0x0d) {
      if (c === 0x09 || c === 0x0a || c === 0x0d) f |= 4;
    } else if (c === 0x3c) f |= 1;
    else if (c === 0x26) f |= 2;
  }
  return f;
}

/**
 * A small strict XML 1.0 parser (elements, attributes, text, CDATA, comments, processing
 * instructions; no DTD). Builds {@link XmlElement}s in one pass, keeping document order: an element
 * joins its parent's children when its start tag is read (its own children are filled in as they come).
 */
function parseTree(text: string, part: string): XmlElement {
  const fail = (zh: string, en: string, pos: number): never => {
    throw xmlError(
      'ERR_OFD_XML_MALFORMED',
      `XML 格式错误：${zh}`,
      `malformed XML: ${en}`,
      part,
      lineAt(text, pos),
    );
  };
  const n = text.length;
  let i = 0;
  const stack: Open[] = [];
  let top: Open | undefined;
  // children of the open elements, in document order; an element takes its own (an exact-size array)
  // when it closes, so no array grows element by element
  const nodes: XmlNode[] = [];
  let sp = 0;
  let root: XmlElement | undefined;
  let closedRoot = false;
  const names: string[] = [];
  const values: string[] = [];
  let count = 0;
  while (i < n) {
    const lt = text.indexOf('<', i);
    const end = lt < 0 ? n : lt;
    if (end > i) {
      const raw = text.slice(i, end);
      if (top) nodes[sp++] = decodeEntities(raw, part);
      else if (raw.trim() !== '') fail('根元素之外有文本', 'text outside the root element', i);
    }
    if (lt < 0) break;
    i = lt;
    const c1 = text.charCodeAt(i + 1);
    if (c1 === 0x21 /* ! */) {
      if (text.startsWith('<!--', i)) {
        const e = text.indexOf('-->', i + 4);
        if (e < 0) fail('注释未结束', 'unterminated comment', i);
        i = e + 3;
      } else if (text.startsWith('<![CDATA[', i)) {
        const e = text.indexOf(']]>', i + 9);
        if (e < 0) fail('CDATA 未结束', 'unterminated CDATA section', i);
        if (!top) fail('根元素之外有 CDATA', 'CDATA outside the root element', i);
        nodes[sp++] = text.slice(i + 9, e);
        i = e + 3;
      } else if (text.startsWith('<!DOCTYPE', i) || text.startsWith('<!ENTITY', i)) {
        throw xmlError(
          'ERR_OFD_XML_DOCTYPE',
          '不允许 DOCTYPE/DTD（可能含外部实体）',
          'DOCTYPE/DTD is not allowed (it may declare external entities)',
          part,
          lineAt(text, i),
        );
      } else fail('无法识别的 <! 标记', 'unrecognised <! markup', i);
      continue;
    }
    if (c1 === 0x3f /* ? */) {
      const e = text.indexOf('?>', i + 2);
      if (e < 0) fail('处理指令未结束', 'unterminated processing instruction', i);
      i = e + 2;
      continue;
    }
    if (c1 === 0x2f /* / */) {
      const e = text.indexOf('>', i + 2);
      if (e < 0) fail('结束标签未结束', 'unterminated end tag', i);
      // the end tag's name, compared in place: `</qname` then optional whitespace
      let matched = false;
      if (top) {
        const { qStart, qLen } = top;
        let k = 0;
        while (k < qLen && text.charCodeAt(i + 2 + k) === text.charCodeAt(qStart + k)) k++;
        if (k === qLen) {
          k += i + 2;
          while (k < e && isWs(text.charCodeAt(k))) k++;
          matched = k === e;
        }
      }
      if (!matched) {
        // the general comparison (any whitespace trimmed on both sides of the name)
        const qname = text.slice(i + 2, e).trim();
        if (!top) fail(`多余的结束标签 </${qname}>`, `unexpected end tag </${qname}>`, i);
        const t = top as Open;
        const open = text.slice(t.qStart, t.qStart + t.qLen);
        if (open !== qname)
          fail(`结束标签 </${qname}> 与 <${open}> 不匹配`, `end tag </${qname}> does not match <${open}>`, i);
      }
      const t = stack.pop() as Open;
      const el: XmlElement = {
        name: t.name,
        prefix: t.prefix,
        ns: t.ns,
        attrs: t.attrs,
        children: nodes.slice(t.start, sp),
      };
      sp = t.start;
      top = stack.length > 0 ? stack[stack.length - 1] : undefined;
      if (top) nodes[sp++] = el;
      else {
        root = el;
        closedRoot = true;
      }
      i = e + 1;
      continue;
    }
    // start tag
    if (closedRoot) fail('只能有一个根元素', 'only one root element is allowed', i);
    let j = i + 1;
    if (!startsName(text.charCodeAt(j))) fail('无效的元素名', 'invalid element name', i);
    let colon = -1;
    for (; j < n; j++) {
      const c = text.charCodeAt(j);
      if (endsName(c)) break;
      if (c === 0x3a && colon < 0) colon = j - i - 1;
    }
    const qStart = i + 1;
    const qEnd = j;
    const qLen = qEnd - qStart;
    count = 0;
    let selfClosing = false;
    let hasXmlns = false;
    for (;;) {
      while (j < n && isWs(text.charCodeAt(j))) j++;
      if (j >= n)
        fail(
          `标签 <${text.slice(qStart, qEnd)}> 未结束`,
          `unterminated tag <${text.slice(qStart, qEnd)}>`,
          i,
        );
      const ch = text.charCodeAt(j);
      if (ch === 0x3e /* > */) {
        j++;
        break;
      }
      if (ch === 0x2f /* / */) {
        if (text.charCodeAt(j + 1) !== 0x3e)
          fail(
            `标签 <${text.slice(qStart, qEnd)}> 中有多余的 "/"`,
            `stray "/" in <${text.slice(qStart, qEnd)}>`,
            j,
          );
        selfClosing = true;
        j += 2;
        break;
      }
      const an = j;
      while (j < n && !endsName(text.charCodeAt(j))) j++;
      const aname = text.slice(an, j);
      if (aname === '' || !startsName(aname.charCodeAt(0)))
        fail(
          `标签 <${text.slice(qStart, qEnd)}> 中的属性名无效`,
          `invalid attribute name in <${text.slice(qStart, qEnd)}>`,
          an,
        );
      while (j < n && isWs(text.charCodeAt(j))) j++;
      if (text.charCodeAt(j) !== 0x3d /* = */)
        fail(`属性 ${aname} 缺少 "="`, `attribute ${aname} has no "="`, j);
      j++;
      while (j < n && isWs(text.charCodeAt(j))) j++;
      const q = text.charCodeAt(j);
      if (q !== 0x22 && q !== 0x27)
        fail(`属性 ${aname} 的值缺少引号`, `attribute ${aname} value is not quoted`, j);
      const ve = text.indexOf(q === 0x22 ? '"' : "'", j + 1);
      if (ve < 0) fail(`属性 ${aname} 的值未结束`, `unterminated value of attribute ${aname}`, j);
      const flags = valueFlags(text, j + 1, ve);
      if (flags & 1) fail(`属性 ${aname} 的值含 "<"`, `attribute ${aname} value contains "<"`, j);
      for (let k = 0; k < count; k++)
        if (names[k] === aname) fail(`属性 ${aname} 重复`, `duplicate attribute ${aname}`, an);
      let value = text.slice(j + 1, ve);
      if (flags & 2) value = decodeEntities(value, part);
      // entities are decoded first, so a &#10; also becomes a space (as before)
      if (flags & 6) value = value.replace(/[\t\n\r]/g, ' ');
      names[count] = aname;
      values[count] = value;
      count++;
      if (aname.charCodeAt(0) === 0x78 /* x */ && (aname === 'xmlns' || aname.startsWith('xmlns:')))
        hasXmlns = true;
      j = ve + 1;
    }
    const parentScope = top ? top.scope : ROOT_SCOPE;
    let scope = parentScope;
    let own: Map<string, string> | undefined;
    const attrs: Record<string, string> = {};
    for (let k = 0; k < count; k++) {
      const an = names[k] as string;
      const v = values[k] as string;
      if (hasXmlns && (an === 'xmlns' || an.startsWith('xmlns:'))) {
        if (!own) {
          own = new Map(parentScope);
          scope = own;
        }
        own.set(an === 'xmlns' ? '' : an.slice(6), v);
      } else attrs[an] = v;
    }
    // the prefix (and, in the same scope, its namespace) of the parent is reused when written alike
    let prefix: string;
    let ns: string;
    if (top && top.colon === colon && samePrefix(text, top.qStart, qStart, colon)) {
      prefix = top.prefix;
      ns = top.scope === scope ? top.ns : (scope.get(prefix) ?? '');
    } else {
      prefix = colon >= 0 ? text.slice(qStart, qStart + colon) : '';
      ns = scope.get(prefix) ?? '';
    }
    const name = colon >= 0 ? text.slice(qStart + colon + 1, qEnd) : text.slice(qStart, qEnd);
    i = j;
    if (selfClosing) {
      const el: XmlElement = { name, prefix, ns, attrs, children: [] };
      if (top) nodes[sp++] = el;
      else {
        root = el;
        closedRoot = true;
      }
    } else {
      if (stack.length >= MAX_DEPTH) {
        throw xmlError(
          'ERR_OFD_XML_DEPTH',
          `元素嵌套超过 ${MAX_DEPTH} 层`,
          `elements nest deeper than ${MAX_DEPTH} levels`,
          part,
          lineAt(text, i),
        );
      }
      top = { qStart, qLen, colon, prefix, ns, name, attrs, start: sp, scope };
      stack.push(top);
    }
  }
  if (top) {
    const open = text.slice(top.qStart, top.qStart + top.qLen);
    fail(`元素 <${open}> 未闭合`, `element <${open}> is not closed`, n);
  }
  if (!root) fail('没有根元素', 'no root element', 0);
  return root as XmlElement;
}

/**
 * Parses one XML part safely. `part` names it in errors and warnings. Throws `FormatError` with code
 * `ERR_OFD_XML_DOCTYPE`, `ERR_OFD_XML_ENTITY`, `ERR_OFD_XML_ENCODING`, `ERR_OFD_XML_DEPTH` or
 * `ERR_OFD_XML_MALFORMED` (with the line number).
 */
export function parseXml(bytes: Uint8Array | string, part: string, diag?: WarningSink): XmlElement {
  const text = typeof bytes === 'string' ? bytes : decodeText(bytes, part, diag);
  return parseTree(text, part);
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
  for (const k in el.attrs) {
    const c = k.indexOf(':');
    if (c >= 0 && k.slice(c + 1) === name) return el.attrs[k];
  }
  return undefined;
}

/** Escapes text for element content or attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;',
  );
}
