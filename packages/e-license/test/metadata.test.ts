import {
  buildIdentifier,
  checkMetadataShape,
  type LicenseMetadata,
  licenseMetadataJsonSchema,
  metadataFromJson,
  metadataFromPairs,
  metadataFromXml,
  metadataSchemaValidator,
  metadataToJson,
  metadataToPairs,
  metadataToXml,
  normalizeDate,
  normalizeDateTime,
  normalizeMetadata,
  parseValidityRange,
  validateCertificateInstanceRecord,
  validateCertificateTypeRecord,
} from '@gbkit/e-license';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const ID = buildIdentifier({
  typeCode: '11100000000013338W032',
  issuerCode: '11220000013544541J',
  serial: '2430599',
});
const base = {
  name: '建筑施工特种作业操作资格证书',
  typeCode: '11100000000013338W032',
  number: '吉A042024000123',
  identifier: ID,
  issuerName: '吉林省住房和城乡建设厅',
  issuerCode: '11220000013544541J',
  issueDate: '20240105',
  holders: [{ name: '张三', code: '11010519491231002X', typeCode: '111' }],
  effectiveDate: '2024-01-05',
  expiryDate: '2026-01-04 00:00:00',
  surface: { CZLB: '建筑电工', XB: '男' },
};

describe('dates', () => {
  it('accepts the three forms and rejects impossible dates', () => {
    expect(normalizeDate('20240229')).toBe('2024-02-29');
    expect(normalizeDate('2024-02-29 12:00:00')).toBe('2024-02-29');
    expect(normalizeDateTime('20261231235959')).toBe('2026-12-31 23:59:59');
    expect(() => normalizeDate('20230229', 'issueDate')).toThrow(
      expect.objectContaining({ code: 'ERR_LIC_DATE', location: { field: 'issueDate' } }),
    );
    expect(() => normalizeDate('2024-0102')).toThrow(expect.objectContaining({ code: 'ERR_LIC_DATE' }));
  });
});

describe('metadata model', () => {
  it('normalises dates, fills holder type names, keeps 长期', () => {
    const m = normalizeMetadata({ ...base, expiryDate: '长期' });
    expect(m.issueDate).toBe('2024-01-05');
    expect(m.expiryDate).toBe('长期');
    expect(m.holders[0]?.typeName).toBe('公民身份号码');
    expect(normalizeMetadata(base).expiryDate).toBe('2026-01-04');
  });

  it('rejects bad shapes with the field named', () => {
    expect(() => normalizeMetadata({ ...base, holders: [] })).toThrow(
      expect.objectContaining({ code: 'ERR_LIC_METADATA', location: { field: 'holders' } }),
    );
    expect(() => normalizeMetadata({ ...base, surface: { lower: 'x' } })).toThrow(
      expect.objectContaining({ code: 'ERR_LIC_METADATA' }),
    );
    expect(() =>
      normalizeMetadata({
        ...base,
        copy: {
          creationTime: '20260101120000',
          creator: 'x',
          cause: 'y'.repeat(201),
          expiringTime: '20260201',
        },
      }),
    ).toThrow(expect.objectContaining({ location: { field: 'copy.cause' } }));
  });

  it('JSON Schema export validates with ajv the same way zod does', async () => {
    const schema = licenseMetadataJsonSchema();
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    const check = await metadataSchemaValidator();
    const good = normalizeMetadata(base);
    expect(check(good)).toEqual({ valid: true, errors: [] });
    expect(checkMetadataShape(good).valid).toBe(true);
    const bads: unknown[] = [
      { ...good, issueDate: '20240105' },
      { ...good, holders: [] },
      { ...good, extra: 1 },
      { ...good, expiryDate: '永久' },
      { ...good, surface: { a: 'x' } },
    ];
    for (const bad of bads) {
      expect(check(bad).valid).toBe(false);
      expect(checkMetadataShape(bad).valid).toBe(false);
    }
  });
});

const arbMeta: fc.Arbitrary<LicenseMetadata> = fc
  .record({
    name: fc.string({ minLength: 1, maxLength: 20 }),
    number: fc.string({ minLength: 1, maxLength: 20 }),
    holders: fc.array(
      fc.record({
        name: fc.string({ minLength: 1, maxLength: 10 }).filter((s) => !s.includes(',')),
        code: fc.stringMatching(/^[0-9A-Z]{5,18}$/),
        typeCode: fc.constantFrom('001', '111', '414', '999'),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    expiryDate: fc.option(fc.constantFrom('长期', '2030-12-31'), { nil: undefined }),
    surface: fc.option(
      fc.dictionary(fc.stringMatching(/^[A-Z][A-Z0-9_]{0,8}$/), fc.string({ maxLength: 30 }), { maxKeys: 4 }),
      { nil: undefined },
    ),
    copy: fc.option(
      fc.record({
        creationTime: fc.constant('2026-11-30 10:11:12'),
        creator: fc.string({ minLength: 1, maxLength: 8 }),
        cause: fc.string({ minLength: 1, maxLength: 200 }),
        expiringTime: fc.constant('2026-12-30 23:59:59'),
      }),
      {
        nil: undefined,
      },
    ),
  })
  .map((r) =>
    normalizeMetadata({ ...base, ...r, surface: r.surface, expiryDate: r.expiryDate, copy: r.copy }),
  );

describe('serialisers are lossless', () => {
  it('pairs / OFD CustomDatas', () => {
    fc.assert(
      fc.property(arbMeta, (m) => {
        expect(metadataFromPairs(metadataToPairs(m)).metadata).toEqual(m);
      }),
    );
  });
  it('pinyin XML, in every date format', () => {
    fc.assert(
      fc.property(
        arbMeta,
        fc.constantFrom('YYYYMMDD', 'YYYY-MM-DD', 'YYYY-MM-DD HH:mm:ss') as fc.Arbitrary<'YYYYMMDD'>,
        (m, dateFormat) => {
          const r = metadataFromXml(metadataToXml(m, { dateFormat }));
          expect(r.metadata).toEqual(m);
          expect(r.warnings).toEqual([]);
        },
      ),
    );
  });
  it('national JSON', () => {
    fc.assert(
      fc.property(arbMeta, (m) => {
        expect(
          metadataFromJson(JSON.stringify(metadataToJson(m, { dateFormat: 'YYYYMMDD' }))).metadata,
        ).toEqual(m);
      }),
    );
  });
  it('writes the tags and names of research §3.1', () => {
    const m = normalizeMetadata(base);
    const xml = metadataToXml(m, { dateFormat: 'YYYYMMDD' });
    expect(xml).toContain('<ofd:CustomData Name="ZZBS">1.2.156.3005.2.11100000000013338W032');
    expect(xml).toContain('<ofd:CustomData Name="ZZBFRQ">20240105</ofd:CustomData>');
    expect(xml).toContain('<ofd:CustomData Name="CZZTDMLXDM">111</ofd:CustomData>');
    expect(xml).toContain('<ofd:CustomData Name="KZ_CZLB">建筑电工</ofd:CustomData>');
    const json = metadataToJson(m);
    expect(json).toMatchObject({
      certificateIdentifier: ID,
      certificateHolderTypeCode: '111',
      certificateIssuedDate: '2024-01-05',
      extendInfo: { CZLB: '建筑电工' },
    });
  });
  it('reads the misspelled gtmap CuslomData variant and reports it', () => {
    const m = normalizeMetadata(base);
    const gtmap = metadataToXml(m, { createTime: '2024-01-05 10:00:00' })
      .replace(/CustomData(s?)/g, 'CuslomData$1')
      .replace(/ Name="/g, ' name="');
    const r = metadataFromXml(gtmap);
    expect(r.metadata).toEqual(m);
    expect(r.warnings.map((w) => w.code)).toEqual(['WARN_LIC_XML_CUSLOM', 'WARN_LIC_XML_NAME_ATTR']);
  });
  it('several holders in JSON are comma-joined; a comma in a value throws', () => {
    const m = normalizeMetadata({
      ...base,
      holders: [base.holders[0]!, { name: '李四', code: '440524188001010014', typeCode: '111' }],
    });
    expect(metadataToJson(m).certificateHolderName).toBe('张三,李四');
    const bad = normalizeMetadata({
      ...base,
      holders: [base.holders[0]!, { name: '李,四', code: 'X', typeCode: '999' }],
    });
    expect(() => metadataToJson(bad)).toThrow(expect.objectContaining({ code: 'ERR_LIC_JSON_HOLDER_COMMA' }));
  });
});

describe('GB/T 36902 catalogue', () => {
  const rec = {
    CertificateTypeName: '建筑施工特种作业人员操作资格证书',
    CertificateTypeCode: '11100000000013338W032',
    CertificateDefineAuthorityName: '中华人民共和国住房和城乡建设部',
    CertificateDefineAuthorityCode: '11100000000013338W',
    CertificateDefineAuthorityLevel: '1',
    ValidityRange: '2年',
  };
  it('validates type records', () => {
    expect(validateCertificateTypeRecord(rec).ok).toBe(true);
    const wrongPrefix = validateCertificateTypeRecord({
      ...rec,
      CertificateTypeCode: '11100000MB03271699022',
    });
    expect(wrongPrefix.findings.filter((f) => f.status === 'failed').map((f) => f.ruleId)).toEqual([
      'LIC-CAT-AUTHORITY',
    ]);
    const badRange = validateCertificateTypeRecord({ ...rec, ValidityRange: '两年' });
    expect(badRange.findings.filter((f) => f.status === 'failed').map((f) => f.ruleId)).toEqual([
      'LIC-CAT-VALIDITY-RANGE',
    ]);
    expect(validateCertificateTypeRecord({ ...rec, Extra: 1 }).findings[0]?.ruleId).toBe('LIC-CAT-SHAPE');
  });
  it('parses validity ranges', () => {
    expect(parseValidityRange('1天^1月^长期')).toEqual([
      { amount: 1, unit: '天' },
      { amount: 1, unit: '月' },
      { unit: '长期' },
    ]);
    expect(parseValidityRange('0年')).toBeUndefined();
  });
  it('validates instance records', () => {
    const inst = {
      certificate_area_code: '220000',
      certificate_holder: '张三',
      certificate_holder_code: '11010519491231002X',
      certificate_name: '建筑施工特种作业操作资格证书',
      certificate_number: '吉A042024000123',
      certificate_source_id: ID,
      certificate_type: '建筑施工特种作业操作资格证书',
      certificate_type_code: '11100000000013338W032',
      issue_date: '20240105',
      issue_dept: '吉林省住房和城乡建设厅',
      issue_dept_code: '11220000013544541J',
    };
    expect(validateCertificateInstanceRecord(inst).ok).toBe(true);
    expect(
      validateCertificateInstanceRecord({ ...inst, issue_dept_code: '11220000013544541K' })
        .findings.filter((f) => f.status === 'failed')
        .map((f) => f.ruleId),
    ).toEqual(['LIC-CAT-ISSUER-CODE']);
  });
});
