/**
 * Validating an e-licence file end to end (the agency's and the vendor's job): the seal report of
 * `@gbkit/e-seal` first, then metadata presence and conformance (GB/T 36903), the identifier and its
 * check character (GB/T 36904), holder codes, the type profile's fields, dates, validity and status,
 * annotated-copy metadata and expiry, and agreement between the metadata and the text on the page. One
 * `@gbkit/core` {@link Report}: the e-seal findings followed by the `LIC-*` findings.
 * @module
 */
import {
  GbkitError,
  type LocalizedText,
  makeReport,
  type Report,
  ReportBuilder,
  type ValidationMode,
} from '@gbkit/core';
import {
  decodeStream,
  decodeTextString,
  isArray,
  isDict,
  isStream,
  type PdfDocument,
  parsePdf,
  type VerificationResult,
  type VerifyPolicy,
  verifyOfd,
  verifyPdf,
} from '@gbkit/e-seal';
import { flattenObjects, type OfdDocument, openOfd } from '@gbkit/ofd';
import { checkLicenseData, type DataCheckOptions } from './checks.js';
import { displayRows } from './layout.js';
import type { LicenseMetadata } from './metadata.js';
import { pdfContentText } from './pdf.js';
import { type LicenseProfile, ProfileRegistry } from './profile.js';
import { BUILTIN_PROFILES } from './profiles/index.js';
import { LICENSE_RULES as R } from './rules.js';
import { metadataFromPairs, metadataFromXml, type ReadResult, type ReadWarning } from './serialize.js';

/** Options of {@link validateLicenseFile}. */
export interface ValidateFileOptions {
  /** `strict` (default) or `lenient`; also handed to the seal verification. */
  readonly mode?: ValidationMode;
  /** Validation time for validity and copy expiry (default now). */
  readonly at?: Date;
  /** Seal verification policy (trust anchors …); without anchors the seal is at best indeterminate. */
  readonly policy?: VerifyPolicy;
  /** Profiles to recognise the licence type (default: the built-in ones). */
  readonly profiles?: ProfileRegistry | readonly LicenseProfile[];
  /** File name for the report. */
  readonly file?: string;
  readonly identifier?: DataCheckOptions['identifier'];
}

/** Result of {@link validateLicenseFile}. */
export interface LicenseValidation {
  /** Every finding: e-seal's, then the `LIC-*` ones. `report.ok` is the overall answer. */
  readonly report: Report;
  /** The embedded metadata, when it could be read. */
  readonly metadata?: LicenseMetadata;
  /** True for an annotated copy (加注件). */
  readonly isCopy: boolean;
  /** The profile used. */
  readonly profile?: string;
  /** The e-seal verification result. */
  readonly seal?: VerificationResult;
  /** Tolerated deviations found while reading the metadata. */
  readonly warnings: readonly ReadWarning[];
}

const t = (zh: string, en: string): LocalizedText => ({ zh, en });
const squash = (s: string) => s.replace(/\s+/g, '');

function pageText(doc: OfdDocument): string {
  let s = '';
  const n = doc.documents[0]?.document?.pages.length ?? 0;
  for (let i = 0; i < n; i++) for (const o of flattenObjects(doc.page(i))) if (o.kind === 'text') s += o.text;
  return squash(s);
}

/**
 * Validates an e-licence OFD file. Never throws for bad input: every problem is a finding.
 *
 * @example
 * ```ts
 * import { validateLicenseFile } from '@gbkit/e-license';
 * // const v = await validateLicenseFile(bytes, { policy: { trustAnchors: [rootCaDer] } });
 * // v.report.ok; v.metadata?.identifier; v.report.findings.filter((f) => f.status === 'failed')
 * ```
 */
export async function validateLicenseFile(
  bytes: Uint8Array,
  options: ValidateFileOptions = {},
): Promise<LicenseValidation> {
  const mode = options.mode ?? 'strict';
  const b = new ReportBuilder(options.file ?? 'e-licence');
  if (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46)
    return validatePdf(bytes, options, b);
  let doc: OfdDocument;
  try {
    doc = openOfd(bytes);
  } catch (e) {
    const err = e instanceof GbkitError ? e : undefined;
    b.fail(
      R.fileFormat,
      t(
        `不是可读的 OFD 文件：${err?.text.zh ?? String(e)}`,
        `not a readable OFD file: ${err?.text.en ?? String(e)}`,
      ),
      { data: { error: err?.code } },
    );
    return { report: b.build(), isCopy: false, warnings: [] };
  }
  b.pass(R.fileFormat, t('OFD 文件可读', 'readable OFD file'));
  let seal: VerificationResult | undefined;
  try {
    seal = await verifyOfd(bytes, {
      policy: { mode, ...options.policy },
      ...(options.file ? { file: options.file } : {}),
    });
  } catch (e) {
    b.fail(
      R.seal,
      t(`电子印章无法验证：${(e as Error).message}`, `the seal cannot be verified: ${(e as Error).message}`),
    );
  }
  if (seal) sealFindings(b, seal);
  const pairs = doc.docInfo?.customDatas ?? [];
  if (!pairs.some((p) => p.name === 'ZZBS')) {
    b.fail(
      R.metaPresent,
      t('DocInfo/CustomDatas 中没有证照元数据（ZZBS）', 'no licence metadata (ZZBS) in DocInfo/CustomDatas'),
      { location: { part: '/OFD.xml', field: 'CustomDatas' } },
    );
    return { report: b.build(), isCopy: false, warnings: [], ...(seal ? { seal } : {}) };
  }
  b.pass(
    R.metaPresent,
    t(`CustomDatas 中有 ${pairs.length} 项元数据`, `${pairs.length} metadata items in CustomDatas`),
  );
  return finish(
    b,
    options,
    seal,
    () => metadataFromPairs(pairs),
    () => pageText(doc),
    '/OFD.xml',
  );
}

function sealFindings(b: ReportBuilder, seal: VerificationResult): void {
  b.addAll(seal.report.findings);
  for (const s of seal.signatures) b.addAll(s.report.findings);
  const data = {
    indication: seal.indication,
    subIndication: seal.subIndication,
    signatures: seal.signatures.length,
  };
  if (seal.signatures.length === 0)
    b.fail(R.seal, t('文件没有电子印章或签名', 'the file carries no electronic seal or signature'), { data });
  else if (seal.indication === 'TOTAL_PASSED')
    b.pass(
      R.seal,
      t(
        `电子印章/签名验证通过（${seal.signatures.length} 个）`,
        `electronic seal/signature verified (${seal.signatures.length})`,
      ),
      { data },
    );
  else if (seal.indication === 'TOTAL_FAILED')
    b.fail(
      R.seal,
      t(
        `电子印章/签名验证失败：${seal.subIndication ?? ''}`,
        `electronic seal/signature verification failed: ${seal.subIndication ?? ''}`,
      ),
      { data },
    );
  else
    b.indeterminate(
      R.seal,
      t(
        `电子印章/签名验证无法确定：${seal.subIndication ?? ''}`,
        `electronic seal/signature verification indeterminate: ${seal.subIndication ?? ''}`,
      ),
      { data },
    );
}

const META_FILE = 'license-metadata.xml';

async function validatePdf(
  bytes: Uint8Array,
  options: ValidateFileOptions,
  b: ReportBuilder,
): Promise<LicenseValidation> {
  const mode = options.mode ?? 'strict';
  let doc: PdfDocument;
  try {
    doc = parsePdf(bytes);
    void doc.catalog;
  } catch (e) {
    const err = e instanceof GbkitError ? e : undefined;
    b.fail(
      R.fileFormat,
      t(
        `不是可读的 PDF 文件：${err?.text.zh ?? String(e)}`,
        `not a readable PDF file: ${err?.text.en ?? String(e)}`,
      ),
      { data: { error: err?.code } },
    );
    return { report: b.build(), isCopy: false, warnings: [] };
  }
  b.warn(
    R.fileFormat,
    t('PDF 电子证照：GB/T 36905 的规范性引用只有 OFD', 'PDF e-licence: GB/T 36905 references only OFD'),
    { tolerated: 'PDF instead of OFD', data: { format: 'pdf' } },
  );
  let seal: VerificationResult | undefined;
  try {
    seal = await verifyPdf(doc, {
      policy: { mode, ...options.policy },
      ...(options.file ? { file: options.file } : {}),
    });
  } catch (e) {
    b.fail(
      R.seal,
      t(`签名无法验证：${(e as Error).message}`, `the signature cannot be verified: ${(e as Error).message}`),
    );
  }
  if (seal) sealFindings(b, seal);
  let xml: Uint8Array | undefined;
  try {
    const names = doc.get(doc.catalog, 'Names');
    const ef = isDict(names) ? doc.get(names, 'EmbeddedFiles') : null;
    const arr = isDict(ef) ? doc.get(ef, 'Names') : null;
    if (isArray(arr)) {
      for (let i = 0; i + 1 < arr.items.length; i += 2) {
        const key = doc.resolve(arr.items[i]);
        if (
          !key ||
          typeof key !== 'object' ||
          !('kind' in key) ||
          key.kind !== 'string' ||
          decodeTextString(key.bytes) !== META_FILE
        )
          continue;
        const spec = doc.resolve(arr.items[i + 1]);
        const efd = isDict(spec) ? doc.get(spec, 'EF') : null;
        const file = isDict(efd) ? doc.get(efd, 'F') : null;
        if (isStream(file)) xml = decodeStream(file);
      }
    }
  } catch {
    xml = undefined;
  }
  if (!xml) {
    b.fail(R.metaPresent, t(`PDF 中没有嵌入的 ${META_FILE}`, `no embedded ${META_FILE} in the PDF`), {
      location: { field: 'EmbeddedFiles' },
    });
    return { report: b.build(), isCopy: false, warnings: [], ...(seal ? { seal } : {}) };
  }
  b.pass(
    R.metaPresent,
    t(`嵌入文件 ${META_FILE} 含证照元数据`, `embedded file ${META_FILE} holds the licence metadata`),
  );
  const text = () => {
    let s = '';
    for (const ref of doc.pageRefs()) {
      const page = doc.resolve(ref);
      const c = isDict(page) ? doc.get(page, 'Contents') : null;
      const list = isArray(c) ? c.items.map((x) => doc.resolve(x)) : [c];
      for (const st of list) if (isStream(st)) s += pdfContentText(decodeStream(st));
    }
    return squash(s);
  };
  const x = xml;
  return finish(b, options, seal, () => metadataFromXml(x), text, META_FILE);
}

function finish(
  b: ReportBuilder,
  options: ValidateFileOptions,
  seal: VerificationResult | undefined,
  read: () => ReadResult,
  readText: () => string,
  part: string,
): LicenseValidation {
  const mode = options.mode ?? 'strict';
  const at = options.at ?? new Date();
  let m: LicenseMetadata;
  let warnings: readonly ReadWarning[] = [];
  try {
    const r = read();
    m = r.metadata;
    warnings = r.warnings;
  } catch (e) {
    const err = e instanceof GbkitError ? e : undefined;
    b.fail(R.metaSchema, err?.text ?? t(String(e), String(e)), {
      location: { part, field: err?.location?.field ?? 'CustomDatas' },
    });
    return { report: b.build(), isCopy: false, warnings, ...(seal ? { seal } : {}) };
  }
  if (warnings.length && mode === 'strict')
    b.fail(
      R.metaSchema,
      t(
        `元数据含非标准内容：${warnings.map((w) => w.message.zh).join('；')}`,
        `metadata has non-standard content: ${warnings.map((w) => w.message.en).join('; ')}`,
      ),
    );
  else if (warnings.length) for (const w of warnings) b.warn(R.metaSchema, w.message, { tolerated: w.code });
  else b.pass(R.metaSchema, t('元数据符合核心元素模型', 'metadata fits the core element model'));

  const registry =
    options.profiles instanceof ProfileRegistry
      ? options.profiles
      : new ProfileRegistry(options.profiles ?? BUILTIN_PROFILES);
  const profile = registry.find(m.typeCode, m.name);
  checkLicenseData(b, m, {
    mode,
    at,
    ...(profile ? { profile } : {}),
    ...(options.identifier ? { identifier: options.identifier } : {}),
  });

  let text = '';
  try {
    text = readText();
  } catch (e) {
    b.indeterminate(
      R.pageText,
      t(`页面无法读取：${(e as Error).message}`, `page unreadable: ${(e as Error).message}`),
    );
  }
  if (text) {
    if (!profile)
      b.notApplicable(
        R.pageText,
        t('没有类型配置，无法确定页面应显示的内容', 'no profile: what the page should show is unknown'),
      );
    else {
      const missing = displayRows(profile, m).filter((row) => !text.includes(squash(row.value)));
      if (missing.length)
        b.fail(
          R.pageText,
          t(
            `页面上找不到元数据的值：${missing.map((r) => `${r.label}=${r.value}`).join('；')}`,
            `metadata values not found on the page: ${missing.map((r) => `${r.key}=${r.value}`).join('; ')}`,
          ),
          { data: { missing: missing.map((r) => r.key) } },
        );
      else b.pass(R.pageText, t('元数据与页面文字一致', 'metadata agrees with the page text'));
    }
  }
  if (m.copy) {
    if (text && !text.includes(squash(m.copy.cause)))
      b.fail(
        R.copyMeta,
        t('加注件页面上没有制作事由水印', 'the copy page has no watermark of the use purpose'),
        { location: { field: 'copy.cause' } },
      );
    else
      b.pass(
        R.copyMeta,
        t(
          `加注件：${m.copy.creator} 于 ${m.copy.creationTime} 制作，事由“${m.copy.cause}”`,
          `annotated copy made by ${m.copy.creator} at ${m.copy.creationTime} for "${m.copy.cause}"`,
        ),
      );
  }
  return {
    report: b.build(),
    metadata: m,
    isCopy: m.copy !== undefined,
    ...(profile ? { profile: profile.id } : {}),
    ...(seal ? { seal } : {}),
    warnings,
  };
}

/** The `license` section of `gbkit verify --json` (the e-seal part of the report is left to the seal section). */
export interface LicenseSection {
  readonly ok: boolean;
  readonly status: Report['status'];
  readonly isCopy: boolean;
  readonly profile: string | null;
  readonly metadata: LicenseMetadata | null;
  /** The `LIC-*` findings only. */
  readonly findings: Report['findings'];
  readonly counts: Report['counts'];
}

/** True when an OFD carries e-licence metadata (a `ZZBS` CustomData): lets a verifier decide to add the licence checks. */
export function isLicenseFile(bytes: Uint8Array): boolean {
  try {
    return openOfd(bytes).docInfo.customDatas.some((c) => c.name === 'ZZBS');
  } catch {
    return false;
  }
}

/**
 * The `license` section for a verification report: the LIC-* findings, the parsed metadata and the verdict.
 *
 * @example
 * ```ts
 * import { isLicenseFile, licenseSection, validateLicenseFile } from '@gbkit/e-license';
 * // if (isLicenseFile(bytes)) json.license = licenseSection(await validateLicenseFile(bytes, { policy }));
 * ```
 */
export function licenseSection(v: LicenseValidation): LicenseSection {
  const findings = v.report.findings.filter((f) => f.ruleId.startsWith('LIC-'));
  const lic = makeReport(findings);
  return {
    ok: v.report.ok,
    status: v.report.status,
    isCopy: v.isCopy,
    profile: v.profile ?? null,
    metadata: v.metadata ?? null,
    findings,
    counts: lic.counts,
  };
}
