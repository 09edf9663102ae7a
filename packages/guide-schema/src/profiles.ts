/**
 * Pluggable numeric mappings for the vendor label sets (权力来源, 来源渠道, 材料类型, 材料形式, 材料必要性,
 * 时限单位). The labels are confirmed in practice but every platform numbers them its own way and the
 * national numbering is not published (research open question 2), so a profile is plain data the
 * integrator can replace: `defineProfile({...})`. Both shipped profiles are marked `uncertain`.
 *
 * - `nationalProfile`: 权力来源 1–6 in the order of the labels (one public importer), 来源渠道 0/1/2 (+3, 4
 *   for the newer labels), the rest numbered 1… in label order.
 * - `guangdongProfile`: the same except 来源渠道 in the 1/3/4/5 numbering seen in a second system.
 *
 * @example
 * ```ts
 * import { nationalProfile, profileCode, profileKey } from '@gbkit/guide-schema';
 * profileCode(nationalProfile, 'timeUnit', 'workday'); // '1'
 * profileKey(nationalProfile, 'timeUnit', '工作日');   // 'workday' (labels are always accepted)
 * ```
 * @module
 */
import { type EvidenceLevel, InvalidArgumentError } from '@gbkit/core';
import { keyOfLabel, LABEL_SETS, type LabelSetName } from './code-tables.js';

/** A numeric mapping for every vendor label set. */
export interface CodeProfile {
  readonly id: string;
  readonly zh: string;
  readonly evidence: EvidenceLevel;
  /** For each label set: SDK key → exchanged code. */
  readonly codes: { readonly [S in LabelSetName]: Readonly<Record<string, string>> };
}

function numbered(set: LabelSetName, start = 1): Record<string, string> {
  return Object.fromEntries(LABEL_SETS[set].entries.map((x, i) => [x.key, String(i + start)]));
}

/** Checks a profile: every key of every label set mapped, codes unique per set. */
export function defineProfile(profile: CodeProfile): CodeProfile {
  for (const name of Object.keys(LABEL_SETS) as LabelSetName[]) {
    const map = profile.codes[name];
    const seen = new Set<string>();
    for (const entry of LABEL_SETS[name].entries) {
      const code = map?.[entry.key];
      if (code === undefined) {
        throw new InvalidArgumentError('ERR_GUIDE_PROFILE_INCOMPLETE', {
          zh: `代码映射方案 ${profile.id} 缺少 ${LABEL_SETS[name].zh}“${entry.zh}”的代码`,
          en: `code profile ${profile.id} lacks a code for ${name}.${entry.key}`,
        });
      }
      if (seen.has(code)) {
        throw new InvalidArgumentError('ERR_GUIDE_PROFILE_DUPLICATE', {
          zh: `代码映射方案 ${profile.id} 中 ${LABEL_SETS[name].zh} 的代码 ${code} 重复`,
          en: `code profile ${profile.id} maps two ${name} labels to ${code}`,
        });
      }
      seen.add(code);
    }
  }
  return Object.freeze(profile);
}

/** National profile (numbering uncertain: see module doc). */
export const nationalProfile: CodeProfile = defineProfile({
  id: 'national',
  zh: '国家政务服务平台（数字编码待确认）',
  evidence: 'uncertain',
  codes: {
    powerSource: numbered('powerSource'),
    sourceChannel: { applicant: '0', government: '1', other: '2', eLicence: '3', onlineForm: '4' },
    materialType: numbered('materialType'),
    materialFormat: numbered('materialFormat'),
    necessity: numbered('necessity'),
    timeUnit: numbered('timeUnit'),
  },
});

/** Guangdong profile (numbering uncertain: see module doc). */
export const guangdongProfile: CodeProfile = defineProfile({
  id: 'guangdong',
  zh: '广东省政务服务事项管理系统（数字编码待确认）',
  evidence: 'uncertain',
  codes: {
    powerSource: numbered('powerSource'),
    sourceChannel: { applicant: '1', government: '3', eLicence: '4', onlineForm: '5', other: '9' },
    materialType: numbered('materialType'),
    materialFormat: numbered('materialFormat'),
    necessity: numbered('necessity'),
    timeUnit: numbered('timeUnit'),
  },
});

/** The exchanged code for an SDK key. */
export function profileCode(profile: CodeProfile, set: LabelSetName, key: string): string | undefined {
  return profile.codes[set][key];
}

/** The SDK key for an exchanged code, a Chinese label/alias, or a key; undefined when none matches. */
export function profileKey(
  profile: CodeProfile,
  set: LabelSetName,
  value: string | number,
): string | undefined {
  const s = String(value).trim();
  for (const [key, code] of Object.entries(profile.codes[set])) if (code === s) return key;
  return keyOfLabel(LABEL_SETS[set], s);
}
