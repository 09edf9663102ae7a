import { ImplementationItemSchema, toCpsvAp, toSchemaOrg } from '@gbkit/guide-schema';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_FILES, loadExample } from './helpers.js';

const load = (n: keyof typeof EXAMPLE_FILES) => ImplementationItemSchema.parse(loadExample(n));

describe('CPSV-AP 3.2.0 JSON-LD', () => {
  it.each(Object.keys(EXAMPLE_FILES))('%s has the mandatory PublicService properties', (name) => {
    const g = load(name as keyof typeof EXAMPLE_FILES);
    const ld = toCpsvAp(g);
    expect(ld['@type']).toBe('cpsv:PublicService');
    expect(ld['@context']).toMatchObject({
      cpsv: 'http://purl.org/vocab/cpsv#',
      cv: 'http://data.europa.eu/m8g/',
      dct: 'http://purl.org/dc/terms/',
    });
    expect(ld['dct:identifier']).toBe(g.taskHandleItem ?? g.taskCode);
    expect(ld['dct:title']).toMatchObject({ '@language': 'zh-CN' });
    expect(ld['dct:description']).toBeDefined();
    expect(ld['cv:hasCompetentAuthority']).toMatchObject({
      '@type': 'cv:PublicOrganisation',
      'dct:identifier': g.deptCode,
    });
    expect((ld['cpsv:hasInput'] as unknown[]).length).toBe(g.materials?.length);
    expect((ld['cv:hasChannel'] as unknown[]).length).toBeGreaterThan(0);
    expect(ld['cv:hasCost']).toBeDefined();
    expect(ld['cv:contactPoint']).toMatchObject({ '@type': 'cv:ContactPoint' });
    expect(JSON.stringify(ld)).not.toMatch(/"P\d+D"/);
  });
  it('links situations to evidence; working days become text, calendar days a duration', () => {
    const g = load('useRegistration');
    const ld = toCpsvAp(g);
    const reqs = ld['cv:holdsRequirement'] as { 'cv:hasSupportingEvidence'?: { '@id': string }[] }[];
    expect(reqs[1]?.['cv:hasSupportingEvidence']?.[0]?.['@id']).toBe(
      `urn:gbkit:service:${g.taskCode}/evidence/M01`,
    );
    expect(ld['cv:processingTime']).toBeUndefined();
    expect(ld['gbkit:workingDays']).toBe(5);
    expect(ld['gbkit:processingTimeText']).toEqual({
      '@value': '承诺办结时限 5 个工作日',
      '@language': 'zh-CN',
    });
    const cal = toCpsvAp({ ...g, promiseType: 'calendarDay' });
    expect(cal['cv:processingTime']).toEqual({ '@value': 'P5D', '@type': 'xsd:duration' });
  });
});

// biome-ignore lint/suspicious/noExplicitAny: navigating a JSON-LD tree in assertions
type Ld = Record<string, any>;

describe('schema.org GovernmentService JSON-LD', () => {
  it('maps provider, audience, channels, offers and time limits', () => {
    const g = load('periodicInspection');
    const ld = toSchemaOrg(g) as Ld;
    expect(ld['@context']).toBe('https://schema.org');
    expect(ld['@type']).toBe('GovernmentService');
    expect(ld.provider).toMatchObject({ '@type': 'GovernmentOrganization', identifier: g.deptCode });
    expect(ld.jurisdiction).toEqual({ '@type': 'AdministrativeArea', identifier: 'GB/T 2260:440000' });
    expect(ld.audience.map((a: { audienceType: string }) => a.audienceType)).toEqual([
      '企业法人',
      '事业法人',
      '社会组织法人',
      '其他组织',
    ]);
    expect(ld.availableChannel.map((c: { name: string }) => c.name)).toEqual([
      '窗口办理',
      '电脑端网上办理',
      '移动端网上申请',
    ]);
    expect(ld.availableChannel.some((c: { processingTime?: string }) => c.processingTime)).toBe(false);
    expect(ld.offers[0]).toMatchObject({ '@type': 'Offer', name: '电梯定期检验费', priceCurrency: 'CNY' });
    expect(ld.additionalProperty[1]).toEqual({
      '@type': 'PropertyValue',
      name: '承诺办结时限',
      value: 15,
      unitText: '工作日',
    });
    const hours = toSchemaOrg({ ...g, promiseDay: 4, promiseType: 'hour' }) as Ld;
    expect(hours.availableChannel[0].processingTime).toBe('PT4H');
  });
});
