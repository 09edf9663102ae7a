/**
 * `ST_Loc` resolution (GB/T 33190 §7.3.2, table 2: "包结构内文件的路径 … 相对路径 … 绝对路径"): a location
 * starting with `/` is absolute from the package root; any other is relative to the folder of the part
 * that names it. `..` segments may move up inside the package but never above its root.
 *
 * Tolerated deviations, each reported as a warning on the document:
 * - `OFD_LOC_BACKSLASH`: backslashes used as separators (`Doc_0\Pages\Page_0\Content.xml`);
 * - `OFD_LOC_DOUBLE_SLASH`: empty segments (`//Doc_0/…`, `Doc_0//Pages`);
 * - `OFD_LOC_DOT_SEGMENT`: a `./` segment;
 * - `OFD_LOC_ROOT_FALLBACK`: a relative location that does not exist beside the referencing part but
 *   does exist from the package root (a common producer mistake); it resolves to the root-based path;
 * - `OFD_LOC_CASE_MISMATCH`: the location is not in the package but a path differing only in letter case
 *   is. It is reported with the candidate and **not** used (no guessing); the part counts as missing.
 * - `OFD_LOC_MISSING`: the location resolves to no part.
 * @module
 */
import { FormatError } from '@gbkit/core';
import type { WarningSink } from './diagnostics.js';

/** A location as written and as resolved. */
export interface ResolvedLoc {
  /** The `ST_Loc` text exactly as written in the referencing part. */
  readonly loc: string;
  /** The absolute, normalised part path (`/Doc_0/Pages/Page_0/Content.xml`). */
  readonly path: string;
  /** Whether the package holds a part at {@link ResolvedLoc.path}. */
  readonly exists: boolean;
}

/** What resolution needs to know about the package. */
export interface LocContext {
  /** Whether a part exists (absolute path). */
  has(path: string): boolean;
  /** The real path of a part that differs only in case, if any. */
  findCaseInsensitive(path: string): string | undefined;
  readonly diag: WarningSink;
}

/**
 * Whether `s` (from `from` on) is a run of segments that are each non-empty, do not start with `.`
 * and hold no `\\`, each followed by `/` — or, with `last`, the final one not followed by `/`.
 * One pass over the characters; the same test as the regular expressions
 * `^\/?(?:[^/\\.][^/\\]*\/)*[^/\\.][^/\\]*$` (a clean location) and `^\/(?:[^/\\.][^/\\]*\/)*$`
 * (a clean folder).
 */
function cleanSegments(s: string, from: number, last: boolean): boolean {
  const n = s.length;
  let segStart = from;
  for (let i = from; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x5c) return false;
    if (c === 0x2f) {
      if (i === segStart) return false;
      segStart = i + 1;
    } else if (i === segStart && c === 0x2e) return false;
  }
  return last ? segStart < n : segStart === n;
}

/** A clean location: optional leading `/`, then clean segments (no empty, `.`-leading or `\\` ones). */
function isCleanLoc(s: string): boolean {
  return cleanSegments(s, s.charCodeAt(0) === 0x2f ? 1 : 0, true);
}

/**
 * Whether `s` is already a normalised absolute part path (what {@link normaliseLoc} would return
 * unchanged against any folder): `/` then clean segments, nothing to trim.
 * @internal
 */
export function isNormalAbsolute(s: string): boolean {
  return s.charCodeAt(0) === 0x2f && isCleanLoc(s) && s.trim() === s;
}

/** A clean folder: `/` followed by clean segments each ending with `/`. */
function isCleanDir(s: string): boolean {
  return s.charCodeAt(0) === 0x2f && cleanSegments(s, 1, false);
}

/** The folder of an absolute part path, with a trailing slash (`/Doc_0/` for `/Doc_0/Document.xml`). */
export function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '/' : path.slice(0, i + 1);
}

/**
 * Normalises a location against `baseDir` without looking at the package. Returns the absolute path
 * and the tolerances applied. Throws `FormatError(ERR_OFD_LOC_ESCAPES)` when `..` climbs above the
 * root and `ERR_OFD_LOC_EMPTY` for an empty location.
 *
 * @example
 * ```ts
 * import { normaliseLoc } from '@gbkit/ofd';
 * normaliseLoc('Pages/Page_0/Content.xml', '/Doc_0/').path; // '/Doc_0/Pages/Page_0/Content.xml'
 * normaliseLoc('\\Doc_0\\Document.xml', '/').tolerated;       // ['backslash']
 * ```
 */
export function normaliseLoc(
  loc: string,
  baseDir: string,
  part?: string,
): { path: string; absolute: boolean; tolerated: ('backslash' | 'double-slash' | 'dot-segment')[] } {
  const tolerated: ('backslash' | 'double-slash' | 'dot-segment')[] = [];
  let s = loc.trim();
  // fast path: already clean (no backslash, empty, "." or ".." segment)
  if (isCleanLoc(s)) {
    if (s.charCodeAt(0) === 0x2f) return { path: s, absolute: true, tolerated };
    if (isCleanDir(baseDir)) return { path: baseDir + s, absolute: false, tolerated };
  }
  if (s === '') {
    throw new FormatError(
      'ERR_OFD_LOC_EMPTY',
      { zh: '路径为空', en: 'empty location' },
      { location: { part } },
    );
  }
  if (s.includes('\\')) {
    tolerated.push('backslash');
    s = s.replace(/\\/g, '/');
  }
  const absolute = s.startsWith('/');
  const segs = s.split('/');
  const out = absolute ? [] : baseDir.split('/').filter((x) => x !== '');
  let dot = false;
  for (const seg of segs) {
    if (seg === '') continue;
    if (seg === '.') {
      dot = true;
      continue;
    }
    if (seg === '..') {
      if (out.length === 0) {
        throw new FormatError(
          'ERR_OFD_LOC_ESCAPES',
          { zh: `路径越出包根目录：${loc}`, en: `location climbs above the package root: ${loc}` },
          { location: { part, field: 'ST_Loc' }, details: { loc } },
        );
      }
      out.pop();
      continue;
    }
    out.push(seg);
  }
  if (s.includes('//')) tolerated.push('double-slash');
  if (dot) tolerated.push('dot-segment');
  return { path: `/${out.join('/')}`, absolute, tolerated };
}

/**
 * Resolves an `ST_Loc` written in `part` against that part's folder, checks that the target exists
 * and records every tolerance as a warning (see the module description).
 */
export function resolveLoc(loc: string, part: string, ctx: LocContext, field?: string): ResolvedLoc {
  // the common case: an absolute location already in normal form resolves to itself, nothing tolerated
  if (isNormalAbsolute(loc) && ctx.has(loc)) return { loc, path: loc, exists: true };
  const { path, absolute, tolerated } = normaliseLoc(loc, dirOf(part), part);
  const where = field ? `${field}` : 'ST_Loc';
  for (const t of tolerated) {
    const code =
      t === 'backslash'
        ? 'OFD_LOC_BACKSLASH'
        : t === 'double-slash'
          ? 'OFD_LOC_DOUBLE_SLASH'
          : 'OFD_LOC_DOT_SEGMENT';
    const what =
      t === 'backslash'
        ? ['反斜杠', 'backslashes']
        : t === 'double-slash'
          ? ['连续斜杠', 'doubled slashes']
          : ['"./" 段', '"./" segments'];
    ctx.diag.warn({
      code,
      message: { zh: `${where} 路径含${what[0]}：${loc}`, en: `${where} location has ${what[1]}: ${loc}` },
      part,
      details: { loc, resolved: path },
    });
  }
  if (ctx.has(path)) return { loc, path, exists: true };
  if (!absolute) {
    const fromRoot = normaliseLoc(loc, '/', part).path;
    if (fromRoot !== path && ctx.has(fromRoot)) {
      ctx.diag.warn({
        code: 'OFD_LOC_ROOT_FALLBACK',
        message: {
          zh: `${where} 相对路径 ${loc} 在 ${dirOf(part)} 下不存在，按包根目录解析为 ${fromRoot}`,
          en: `${where} relative location ${loc} does not exist under ${dirOf(part)}; resolved from the package root to ${fromRoot}`,
        },
        part,
        details: { loc, tried: path, resolved: fromRoot },
      });
      return { loc, path: fromRoot, exists: true };
    }
  }
  const candidate = ctx.findCaseInsensitive(path);
  if (candidate !== undefined) {
    ctx.diag.warn(
      {
        code: 'OFD_LOC_CASE_MISMATCH',
        message: {
          zh: `${where} 路径 ${path} 不存在，仅大小写不同的 ${candidate} 存在（未采用）`,
          en: `${where} location ${path} does not exist; ${candidate} differs only in case (not used)`,
        },
        part,
        details: { loc, resolved: path, candidate },
      },
      true,
    );
  } else {
    ctx.diag.warn(
      {
        code: 'OFD_LOC_MISSING',
        message: {
          zh: `${where} 指向的部件不存在：${path}`,
          en: `${where} points to a missing part: ${path}`,
        },
        part,
        details: { loc, resolved: path },
      },
      true,
    );
  }
  return { loc, path, exists: false };
}
