import { toHex, utf8 } from '@gbkit/core';
import { hmacSm3, sm3 } from '@gbkit/crypto';
import { describe, expect, it } from 'vitest';
import {
  ASSURANCE_LEVEL_MEANINGS,
  ASSURANCE_LEVELS,
  assertValidIdentity,
  auditEvent,
  compareLevels,
  createCertTypeTable,
  DEFAULT_CERT_TYPES,
  defaultCertTypeTable,
  hashIdentifier,
  InsufficientAssuranceError,
  type LegalEntity,
  meetsLevel,
  type NaturalPerson,
  parseAssuranceLevel,
  parseLevelWays,
  requireLevel,
  userTypeOf,
  validateIdentity,
  withCertKeys,
} from '../src/index.js';
import { identityFromTyrz } from '../src/node.js';
import { ENTITY_SUB } from './fixtures/tyrz-users.js';

const PERSON: NaturalPerson = {
  kind: 'person',
  name: '张三',
  certType: 'resident-id-card',
  certNumber: '440106199001011235',
  realNameVerified: true,
  level: 'L2',
  userCode: 'GDU0000000000000001',
  birthday: '19900101',
};

describe('assurance levels', () => {
  it('orders L0 < L1 < L2 < L3 with meanings for each', () => {
    expect(ASSURANCE_LEVELS).toEqual(['L0', 'L1', 'L2', 'L3']);
    expect(compareLevels('L0', 'L3')).toBeLessThan(0);
    expect(compareLevels('L2', 'L2')).toBe(0);
    expect(meetsLevel('L3', 'L2')).toBe(true);
    expect(meetsLevel(undefined, 'L0')).toBe(false);
    expect(ASSURANCE_LEVEL_MEANINGS.L2.grade).toBe('四级');
    for (const l of ASSURANCE_LEVELS)
      expect(ASSURANCE_LEVEL_MEANINGS[l].meaning.zh.length).toBeGreaterThan(0);
  });

  it('parses level strings and rejects others', () => {
    expect(parseAssuranceLevel('l1')).toBe('L1');
    expect(parseAssuranceLevel('3')).toBe('L3');
    expect(() => parseAssuranceLevel('L4')).toThrowError(
      expect.objectContaining({ code: 'ERR_ASSURANCE_LEVEL' }),
    );
  });

  it('requireLevel guards with a typed error', () => {
    expect(() => requireLevel('L2', 'L2')).not.toThrow();
    expect(() => requireLevel(PERSON, 'L1')).not.toThrow();
    try {
      requireLevel({ level: 'L0' }, 'L1');
      throw new Error('no throw');
    } catch (e) {
      expect(e).toBeInstanceOf(InsufficientAssuranceError);
      expect((e as InsufficientAssuranceError).code).toBe('ERR_ASSURANCE_LEVEL_INSUFFICIENT');
      expect((e as InsufficientAssuranceError).actual).toBe('L0');
    }
    expect(() => requireLevel(undefined, 'L0')).toThrowError(
      expect.objectContaining({ code: 'ERR_ASSURANCE_LEVEL_INSUFFICIENT' }),
    );
  });

  it('parses the provincial level@method@id string (public sample shape)', () => {
    const r = parseLevelWays('L1@PLV@9f3a||L2@YSS@7c1e||L3@GW@a@b');
    expect(r.highest).toBe('L3');
    expect(r.methods).toEqual(['PLV', 'YSS', 'GW']);
    expect(r.ways[2]).toEqual({ level: 'L3', method: 'GW', id: 'a@b' });
    expect(parseLevelWays('L2@ALV')).toEqual({
      ways: [{ level: 'L2', method: 'ALV' }],
      highest: 'L2',
      methods: ['ALV'],
    });
    expect(parseLevelWays('-1')).toEqual({ ways: [], methods: [] });
    expect(parseLevelWays(undefined).ways).toEqual([]);
    expect(() => parseLevelWays('L2@YSS||garbage')).toThrowError(
      expect.objectContaining({ code: 'ERR_ASSURANCE_LEVEL_WAY' }),
    );
    expect(() => parseLevelWays('L9@X@1')).toThrowError(
      expect.objectContaining({ code: 'ERR_ASSURANCE_LEVEL_WAY' }),
    );
  });
});

describe('certificate-type mapping', () => {
  it('maps the Guangdong codes both ways', () => {
    const pairs: [string, string][] = [
      ['10', 'resident-id-card'],
      ['49', 'uscc'],
      ['50', 'organization-code'],
      ['51', 'business-licence'],
      ['60', 'tax-registration'],
      ['80', 'other-organization'],
    ];
    for (const [gd, kind] of pairs) {
      expect(defaultCertTypeTable.fromGuangdong(gd)).toBe(kind);
      expect(defaultCertTypeTable.toGuangdong(kind)).toBe(gd);
    }
    expect(defaultCertTypeTable.toNational('resident-id-card')).toBe('111');
    expect(defaultCertTypeTable.fromNational('414')).toBe('passport');
    expect(() => defaultCertTypeTable.fromGuangdong('99')).toThrowError(
      expect.objectContaining({ code: 'ERR_CERT_TYPE_UNKNOWN' }),
    );
  });

  it('is configurable', () => {
    const t = createCertTypeTable([
      ...DEFAULT_CERT_TYPES.map((e) => (e.kind === 'resident-id-card' ? { ...e, national: '101' } : e)),
      {
        kind: 'military-officer',
        subject: 'person',
        label: { zh: '军官证', en: 'military officer ID' },
        guangdong: '20',
      },
    ]);
    expect(t.toNational('resident-id-card')).toBe('101');
    expect(t.fromGuangdong('20')).toBe('military-officer');
    expect(defaultCertTypeTable.toNational('resident-id-card')).toBe('111');
  });
});

describe('hashed identifiers', () => {
  it('defaults to SM3 of salt ‖ normalized value, HMAC-SM3 with a pepper', () => {
    expect(hashIdentifier(' 11010519491231002x ')).toBe(toHex(sm3(utf8('11010519491231002X'))));
    expect(hashIdentifier('11010519491231002X', { salt: 'gd' })).toBe(
      toHex(sm3(utf8('gd11010519491231002X'))),
    );
    expect(hashIdentifier('11010519491231002X', { pepper: 'k', salt: 's' })).toBe(
      toHex(hmacSm3(utf8('k'), utf8('s11010519491231002X'))),
    );
    expect(hashIdentifier('abc', { algorithm: (d) => d })).toBe(toHex(utf8('ABC')));
    expect(() => hashIdentifier('  ')).toThrowError(
      expect.objectContaining({ code: 'ERR_IDENTIFIER_EMPTY' }),
    );
  });

  it('fills certKey for an entity, its legal representative and its agent', () => {
    const e = identityFromTyrz({ ...ENTITY_SUB, envelope: {} } as Parameters<
      typeof identityFromTyrz
    >[0]) as LegalEntity;
    const h = withCertKeys(e, { pepper: 'p' });
    expect(h.certKey).toBe(hashIdentifier('91440101MA5CXXXX7X', { pepper: 'p' }));
    expect(h.legalRepresentative?.certKey).toBe(hashIdentifier('440305198506154020', { pepper: 'p' }));
    expect(h.agent?.certKey).toBe(hashIdentifier('11010519491231002X', { pepper: 'p' }));
  });
});

describe('model validation with @gbkit/codes', () => {
  it('passes a valid person and a valid legal entity from a tyrz login', () => {
    const r = validateIdentity(PERSON);
    expect(r.ok, JSON.stringify(r.findings)).toBe(true);
    expect(userTypeOf(PERSON)).toBe(1);
    const e = identityFromTyrz({ ...ENTITY_SUB, envelope: {} } as Parameters<typeof identityFromTyrz>[0]);
    const re = validateIdentity(e);
    expect(re.ok, JSON.stringify(re.findings.filter((f) => f.status !== 'passed'))).toBe(true);
    expect(re.findings.some((f) => f.ruleId === 'ID-AGENT' && f.status === 'passed')).toBe(true);
    expect(userTypeOf(e)).toBe(2);
  });

  it('fails a wrong citizen-ID check character, naming the field', () => {
    const r = validateIdentity({ ...PERSON, certNumber: '440106199001011234' });
    const f = r.findings.find((x) => x.status === 'failed');
    expect(f?.ruleId).toBe('ID-CERT-NUMBER');
    expect(f?.location?.field).toBe('certNumber');
    expect(() => assertValidIdentity({ ...PERSON, certNumber: '440106199001011234' })).toThrowError(
      expect.objectContaining({ code: 'ERR_IDENTITY_INVALID' }),
    );
  });

  it('fails a bad USCC, a USCC differing from the certificate number, bad agent and legal-rep numbers', () => {
    const e = identityFromTyrz({ ...ENTITY_SUB, envelope: {} } as Parameters<
      typeof identityFromTyrz
    >[0]) as LegalEntity;
    const bad: LegalEntity = {
      ...e,
      certNumber: '91440101MA5CXXXX09',
      uscc: '91350100M000100Y43',
      legalRepresentative: { name: '赵六', certType: 'resident-id-card', certNumber: '440305198506154021' },
      agent: { ...(e.agent as NaturalPerson), certNumber: '11010519491231002Y' },
      registrationDate: '20230230',
    };
    const failed = validateIdentity(bad)
      .findings.filter((f) => f.status === 'failed')
      .map((f) => `${f.ruleId}@${f.location?.field}`);
    expect(failed).toEqual(
      expect.arrayContaining([
        'ID-CERT-NUMBER@certNumber',
        'ID-ENTITY-USCC@uscc',
        'ID-MODEL-DATE@registrationDate',
        'ID-LEGAL-REP@legalRepresentative.certNumber',
        'ID-AGENT@agent.certNumber',
      ]),
    );
  });

  it('flags a person certificate type on an entity and an inconsistent real-name flag (warning in lenient)', () => {
    const r = validateIdentity({ ...PERSON, realNameVerified: false });
    expect(r.findings.find((f) => f.ruleId === 'ID-REAL-NAME-LEVEL')?.status).toBe('failed');
    const l = validateIdentity({ ...PERSON, realNameVerified: false }, { mode: 'lenient' });
    const w = l.findings.find((f) => f.ruleId === 'ID-REAL-NAME-LEVEL');
    expect(w?.status).toBe('warning');
    expect(w?.tolerated).toBeTruthy();
    const e: LegalEntity = {
      kind: 'entity',
      name: 'X',
      certType: 'resident-id-card',
      certNumber: '440106199001011235',
      realNameVerified: true,
    };
    expect(validateIdentity(e).findings.find((f) => f.ruleId === 'ID-CERT-TYPE')?.status).toBe('failed');
    expect(validateIdentity({ ...PERSON, userCode: 'x'.repeat(21) }).ok).toBe(false);
  });
});

describe('audit events', () => {
  it('records a login without the raw certificate number', () => {
    const e = identityFromTyrz({ ...ENTITY_SUB, envelope: {} } as Parameters<typeof identityFromTyrz>[0]);
    const ev = auditEvent('login', { identity: e, now: new Date(0), certKey: { pepper: 'p' } });
    expect(ev).toEqual({
      type: 'login',
      time: '1970-01-01T00:00:00.000Z',
      outcome: 'success',
      sub: 'GDE0000000000000011',
      userType: 2,
      acr: 'L3',
      amr: ['GW', 'YSS'],
      orgUscc: '91440101MA5CXXXX7X',
      source: 'tyrz',
      certKey: hashIdentifier('91440101MA5CXXXX7X', { pepper: 'p' }),
    });
    expect(JSON.stringify(auditEvent('login', { identity: PERSON }))).not.toContain(PERSON.certNumber);
  });

  it('records token decisions and level changes', () => {
    const rejected = auditEvent('token-rejected', {
      claims: { sub: 'u1', jti: 'j1', user_type: 1 },
      error: new InsufficientAssuranceError('L0', 'L2'),
    });
    expect(rejected).toMatchObject({
      outcome: 'failure',
      code: 'ERR_ASSURANCE_LEVEL_INSUFFICIENT',
      sub: 'u1',
      jti: 'j1',
    });
    expect(auditEvent('level-change', { identity: PERSON, previousAcr: 'L1' })).toMatchObject({
      acr: 'L2',
      previousAcr: 'L1',
    });
  });
});
