/**
 * Account assurance levels (账号可信等级) L0–L3 as the Guangdong unified identity platform reports them
 * (`creditable_level_of_account`), with the meanings of the provincial operator guide's 可信等级 二级–五级,
 * a comparator, a `requireLevel` guard and a parser for the `level@method@id||…` strings
 * (`creditable_level_of_account_way`).
 *
 * Evidence: the L0–L3 values and the `level@method@id` shape are seen in public integration code [S];
 * the mapping L0→二级 … L3→五级 is inferred from sample data [I]. Methods are kept as opaque strings.
 * @module
 */
import { FormatError, InvalidArgumentError, type LocalizedText, VerificationError } from '@gbkit/core';

/** An account assurance level; higher is stronger. */
export type AssuranceLevel = 'L0' | 'L1' | 'L2' | 'L3';

/** All levels, weakest first. */
export const ASSURANCE_LEVELS: readonly AssuranceLevel[] = ['L0', 'L1', 'L2', 'L3'];

/** What each level means (the provincial operator guide's 可信等级, mapping inferred). */
export const ASSURANCE_LEVEL_MEANINGS: Readonly<
  Record<AssuranceLevel, { readonly grade: string; readonly meaning: LocalizedText }>
> = Object.freeze({
  L0: {
    grade: '二级',
    meaning: {
      zh: '自行声明，仅做格式校验（未实名）',
      en: 'self-declared, format check only (not real-name verified)',
    },
  },
  L1: {
    grade: '三级',
    meaning: {
      zh: '姓名与证件号码经人口库或法人库二要素核验（实名）',
      en: 'name and certificate number checked against population or legal-person registers (real-name)',
    },
  },
  L2: {
    grade: '四级',
    meaning: {
      zh: '实人、实名、实证一致（如人脸识别，经可信源核验）',
      en: 'real person, real name and real document consistent via trusted sources (e.g. face check)',
    },
  },
  L3: {
    grade: '五级',
    meaning: {
      zh: '更强手段核验（数字证书或窗口现场核验）',
      en: 'stronger means (digital certificate or in-person check at a service window)',
    },
  },
});

/** Whether a value is one of `L0`–`L3`. */
export function isAssuranceLevel(value: unknown): value is AssuranceLevel {
  return typeof value === 'string' && (ASSURANCE_LEVELS as readonly string[]).includes(value);
}

/**
 * Parses a level string (`L2`, also `l2` and a bare `2`) into an {@link AssuranceLevel}.
 * @throws FormatError `ERR_ASSURANCE_LEVEL` for anything else.
 * @example
 * ```ts
 * parseAssuranceLevel('l2'); // 'L2'
 * ```
 */
export function parseAssuranceLevel(value: string, field = 'level'): AssuranceLevel {
  const v = value.trim().toUpperCase();
  const level = /^[0-3]$/.test(v) ? `L${v}` : v;
  if (!isAssuranceLevel(level)) {
    throw new FormatError(
      'ERR_ASSURANCE_LEVEL',
      {
        zh: `无法识别的可信等级“${value}”（应为 L0–L3）`,
        en: `unknown assurance level "${value}" (expected L0–L3)`,
      },
      { location: { field }, details: { value } },
    );
  }
  return level;
}

/**
 * Compares two levels: negative when `a` is weaker than `b`, 0 when equal, positive when stronger.
 * @example
 * ```ts
 * compareLevels('L1', 'L3') < 0; // true
 * ```
 */
export function compareLevels(a: AssuranceLevel, b: AssuranceLevel): number {
  return ASSURANCE_LEVELS.indexOf(a) - ASSURANCE_LEVELS.indexOf(b);
}

/** Whether `actual` is at least `min`. */
export function meetsLevel(actual: AssuranceLevel | undefined, min: AssuranceLevel): boolean {
  return actual !== undefined && compareLevels(actual, min) >= 0;
}

/** Thrown by {@link requireLevel}: the account's level is below what the service requires. */
export class InsufficientAssuranceError extends VerificationError {
  constructor(
    readonly actual: AssuranceLevel | undefined,
    readonly required: AssuranceLevel,
  ) {
    super(
      'ERR_ASSURANCE_LEVEL_INSUFFICIENT',
      {
        zh: `账号可信等级 ${actual ?? '未知'} 低于要求的 ${required}`,
        en: `account assurance level ${actual ?? 'unknown'} is below the required ${required}`,
      },
      { location: { field: 'acr' }, details: { actual, required } },
    );
  }
}

/**
 * Guard: returns normally when `actual` ≥ `min`, else throws {@link InsufficientAssuranceError}
 * (`ERR_ASSURANCE_LEVEL_INSUFFICIENT`). Accepts anything with a `level` (a model identity) or a level.
 * @example
 * ```ts
 * requireLevel('L2', 'L1'); // ok
 * try { requireLevel('L0', 'L1'); } catch (e) { (e as { code: string }).code; } // 'ERR_ASSURANCE_LEVEL_INSUFFICIENT'
 * ```
 */
export function requireLevel(
  actual: AssuranceLevel | { readonly level?: AssuranceLevel } | undefined,
  min: AssuranceLevel,
): void {
  if (!isAssuranceLevel(min)) {
    throw new InvalidArgumentError('ERR_ASSURANCE_LEVEL', {
      zh: `要求的等级“${String(min)}”无效`,
      en: `required level "${String(min)}" is invalid`,
    });
  }
  const level = typeof actual === 'object' && actual !== null ? actual.level : actual;
  if (!meetsLevel(level, min)) throw new InsufficientAssuranceError(level, min);
}

/** One `level@method@id` entry of a `creditable_level_of_account_way` string. */
export interface LevelWay {
  readonly level: AssuranceLevel;
  /** The verification method code (`YSS` 粤省事, `IDV`, `GW`, `ALV` 支付宝 …), kept as given. */
  readonly method: string;
  /** The unique code of that verification, when given. */
  readonly id?: string;
}

/** The parsed form of a `level@method@id||…` string. */
export interface ParsedLevelWays {
  readonly ways: readonly LevelWay[];
  /** The highest level among the entries (undefined when there are none). */
  readonly highest?: AssuranceLevel;
  /** The distinct methods in order of appearance (for `amr`). */
  readonly methods: readonly string[];
}

/**
 * Parses the provincial `creditable_level_of_account_way` string, e.g. `L2@YSS@a1b2||L3@GW@c3d4`.
 * Empty input or the provincial absent marker `-1` gives no entries.
 * @throws FormatError `ERR_ASSURANCE_LEVEL_WAY` naming the bad entry.
 * @example
 * ```ts
 * const r = parseLevelWays('L2@YSS@0f9e||L3@GW@77aa');
 * r.highest; // 'L3'
 * r.methods; // ['YSS', 'GW']
 * ```
 */
export function parseLevelWays(value: string | undefined | null): ParsedLevelWays {
  const text = (value ?? '').trim();
  if (text === '' || text === '-1') return { ways: [], methods: [] };
  const ways: LevelWay[] = [];
  for (const [i, raw] of text.split('||').entries()) {
    const entry = raw.trim();
    if (entry === '') continue;
    const parts = entry.split('@');
    const [lv, method, ...rest] = parts;
    if (!lv || !method || !isAssuranceLevel(lv.trim().toUpperCase())) {
      throw new FormatError(
        'ERR_ASSURANCE_LEVEL_WAY',
        {
          zh: `认证方式第 ${i + 1} 项“${entry}”不是 level@method@id 形式`,
          en: `entry ${i + 1} "${entry}" is not of the form level@method@id`,
        },
        { location: { field: 'creditable_level_of_account_way' }, details: { entry, index: i } },
      );
    }
    const id = rest.join('@');
    ways.push({
      level: lv.trim().toUpperCase() as AssuranceLevel,
      method: method.trim(),
      ...(id !== '' && id !== '-1' ? { id } : {}),
    });
  }
  let highest: AssuranceLevel | undefined;
  for (const w of ways) if (!highest || compareLevels(w.level, highest) > 0) highest = w.level;
  const methods = [...new Set(ways.map((w) => w.method))];
  return highest ? { ways, highest, methods } : { ways, methods };
}
