import {
  type CodeValidation,
  computeUsccCheckCharacter,
  detectCode,
  REASON_CODES,
  validateCitizenId,
  validateDivision,
  validateOrgCode,
  validateUscc,
} from '@gbkit/codes';
import { describe, expect, it } from 'vitest';

const REF = { referenceDate: '2026-11-30' };
const uscc = (first17: string) => first17 + computeUsccCheckCharacter(first17);

/** One input per reason code (at least); every code of the catalogue must be produced. */
const TRIGGERS: [string, () => CodeValidation<unknown>][] = [
  ['WARN_CODE_WHITESPACE', () => validateUscc(' 91350100M000100Y43')],
  ['WARN_CODE_LOWERCASE', () => validateUscc('91350100m000100y43')],
  ['ERR_CODE_UNRECOGNIZED', () => detectCode('not a code')],
  ['WARN_CODE_AMBIGUOUS', () => detectCode('914403195001010430', REF)],
  ['ERR_USCC_LENGTH', () => validateUscc('91350100M000100Y4')],
  ['ERR_USCC_CHARSET', () => validateUscc('91350100M000100Z43')],
  ['ERR_USCC_DIVISION_FORMAT', () => validateUscc(uscc('9199010055323005X'))],
  ['ERR_USCC_ORG_CODE', () => validateUscc(uscc('91350100553230051'))],
  ['ERR_USCC_CHECK_CHARACTER', () => validateUscc('91350211M0000XUF46')],
  ['WARN_USCC_UNKNOWN_DEPARTMENT', () => validateUscc(uscc('B1350100M000100Y4'))],
  ['WARN_USCC_UNKNOWN_CATEGORY', () => validateUscc(uscc('9935010055323005X'))],
  ['WARN_USCC_UNKNOWN_DIVISION', () => validateUscc(uscc('9144999955323005X'))],
  ['ERR_ORG_CODE_LENGTH', () => validateOrgCode('7000013')],
  ['ERR_ORG_CODE_CHARSET', () => validateOrgCode('7000.1354')],
  ['ERR_ORG_CODE_CHECK_CHARACTER', () => validateOrgCode('700001355')],
  ['ERR_CITIZEN_ID_LENGTH', () => validateCitizenId('1101051949123100', REF)],
  ['ERR_CITIZEN_ID_CHARSET', () => validateCitizenId('11010519491231002Y', REF)],
  ['ERR_CITIZEN_ID_BIRTH_DATE', () => validateCitizenId('110105202302300021', REF)],
  ['ERR_CITIZEN_ID_BIRTH_DATE_FUTURE', () => validateCitizenId('110105203001010021', REF)],
  ['ERR_CITIZEN_ID_BIRTH_DATE_TOO_EARLY', () => validateCitizenId('440524188001010014', REF)],
  ['ERR_CITIZEN_ID_CHECK_CHARACTER', () => validateCitizenId('110101197608056896', REF)],
  ['WARN_CITIZEN_ID_LEGACY_15', () => validateCitizenId('110105491231002', REF)],
  ['WARN_CITIZEN_ID_DIVISION_FORMAT', () => validateCitizenId('990105194912310021', REF)],
  ['WARN_CITIZEN_ID_UNKNOWN_DIVISION', () => validateCitizenId('440524188001010014', REF)],
  ['ERR_DIVISION_LENGTH', () => validateDivision('4401')],
  ['ERR_DIVISION_CHARSET', () => validateDivision('44O113')],
  ['ERR_DIVISION_PROVINCE', () => validateDivision('000000')],
  ['WARN_DIVISION_UNKNOWN', () => validateDivision('440199')],
];

describe('reason codes', () => {
  it.each(TRIGGERS)('%s is produced, with its catalogue severity and both languages', (code, run) => {
    const r = run();
    const found = r.reasons.find((x) => x.code === code);
    expect(found, `${code} in ${JSON.stringify(r.reasons.map((x) => x.code))}`).toBeDefined();
    expect(found?.severity).toBe(REASON_CODES[code as keyof typeof REASON_CODES].severity);
    expect(found?.message.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(found?.message.en).toMatch(/[a-z]/);
    expect(r.valid).toBe(!r.reasons.some((x) => x.severity === 'error'));
  });

  it('the catalogue has exactly the triggered codes', () => {
    expect(new Set(TRIGGERS.map(([c]) => c))).toEqual(new Set(Object.keys(REASON_CODES)));
    for (const [code, info] of Object.entries(REASON_CODES)) {
      expect(code.startsWith(info.severity === 'error' ? 'ERR_' : 'WARN_')).toBe(true);
    }
  });
});
