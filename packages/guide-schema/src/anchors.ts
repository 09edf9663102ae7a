/**
 * Exports a guide to the international anchors, as JSON-LD:
 *
 * - **CPSV-AP 3.2.0** `cpsv:PublicService` (SEMIC Core Public Service Vocabulary Application Profile):
 *   identifier, title, description, competent authority, channels, evidence (materials), requirements,
 *   costs, legal resources, contact point, processing time.
 * - **schema.org `GovernmentService`**: identifier, name, description, provider/serviceOperator,
 *   audience, availableChannel (`ServiceChannel`), offers, serviceOutput, jurisdiction.
 *
 * Time limits: an ISO 8601 duration is written only for calendar units (`P15D`, `PT4H`). A limit in
 * working days (工作日) is never turned into a duration — `P5D` would mean five calendar days — and is
 * written instead as the gbkit extension `gbkit:processingTimeText` / `gbkit:workingDays` (CPSV-AP) or an
 * `additionalProperty` `PropertyValue` with `unitText: "工作日"` (schema.org). The full mapping is in the
 * package README.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { ImplementationItemSchema, toCpsvAp, toSchemaOrg } from '@gbkit/guide-schema';
 * const guide = ImplementationItemSchema.parse(
 *   JSON.parse(readFileSync('examples/guides/elevator-periodic-inspection.json', 'utf8')),
 * );
 * toCpsvAp(guide)['@type'];         // 'cpsv:PublicService'
 * toCpsvAp(guide)['gbkit:workingDays']; // 15 (no cv:processingTime: 15 工作日 is not P15D)
 * toSchemaOrg(guide)['@type'];      // 'GovernmentService'
 * ```
 * @module
 */
import { codeLabel, GBT39046, LABEL_SETS, labelOf, splitMulti } from './code-tables.js';
import type { ImplementationItem, ImplementationItemInput } from './model.js';
import { isoDuration, limitText } from './time-limit.js';

type G = ImplementationItem | ImplementationItemInput;
type Json = Record<string, unknown>;

/** Namespace of the gbkit extension terms used where the anchors have no property. */
export const GBKIT_NS = 'https://gbkit.dev/ns/guide#';

/** The JSON-LD `@context` of the CPSV-AP export. */
export const CPSV_CONTEXT = Object.freeze({
  cpsv: 'http://purl.org/vocab/cpsv#',
  cv: 'http://data.europa.eu/m8g/',
  dct: 'http://purl.org/dc/terms/',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  eli: 'http://data.europa.eu/eli/ontology#',
  locn: 'http://www.w3.org/ns/locn#',
  schema: 'https://schema.org/',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  gbkit: GBKIT_NS,
});

const zh = (v: string): Json => ({ '@value': v, '@language': 'zh-CN' });
const serviceId = (g: G): string => `urn:gbkit:service:${g.taskHandleItem ?? g.taskCode}`;
const orgId = (g: G): string => `urn:gbkit:uscc:${g.deptCode}`;

function description(g: G): string {
  const type = codeLabel(GBT39046.taskType, g.taskType);
  return `${g.taskName}（${type}），由${g.deptName}实施。${g.handleFlow ? `办理流程：${g.handleFlow}` : ''}`;
}

function processingTime(prefix: 'cv' | 'schema', g: G): Json {
  const t = { value: g.promiseDay, unit: g.promiseType };
  const iso = isoDuration(t);
  if (prefix === 'cv') {
    return iso
      ? { 'cv:processingTime': { '@value': iso, '@type': 'xsd:duration' } }
      : {
          'gbkit:processingTimeText': zh(`承诺办结时限 ${limitText(t)}`),
          ...(t.unit === 'workday' ? { 'gbkit:workingDays': t.value } : {}),
        };
  }
  return iso ? { processingTime: iso } : {};
}

function limitProperty(name: string, value: number, unit: string): Json {
  return {
    '@type': 'PropertyValue',
    name,
    value,
    unitText: labelOf(LABEL_SETS.timeUnit, unit),
    ...(isoDuration({ value, unit }) ? { valueReference: isoDuration({ value, unit }) } : {}),
  };
}

/** Exports a guide as a CPSV-AP 3.2.0 `cpsv:PublicService` JSON-LD document. */
export function toCpsvAp(g: ImplementationItem | ImplementationItemInput): Record<string, unknown> {
  const handle = splitMulti(g.handleType);
  const channels: Json[] = [];
  if (handle.includes('1') || handle.length === 0)
    channels.push({
      '@type': 'cv:Channel',
      'dct:type': zh('窗口办理'),
      'cv:ownedBy': { '@id': orgId(g) },
      'cv:openingHours': zh(g.transactTime),
      'locn:address': { '@type': 'locn:Address', 'locn:fullAddress': zh(g.transactAddr) },
    });
  if (handle.includes('2') || g.linkAddr)
    channels.push({
      '@type': 'cv:Channel',
      'dct:type': zh('电脑端网上办理'),
      'cv:ownedBy': { '@id': orgId(g) },
      ...(g.linkAddr ? { 'schema:url': g.linkAddr } : {}),
    });
  if (handle.includes('3') || g.mobileTerminalUrl)
    channels.push({
      '@type': 'cv:Channel',
      'dct:type': zh('移动端网上申请'),
      'cv:ownedBy': { '@id': orgId(g) },
      ...(g.mobileTerminalUrl ? { 'schema:url': g.mobileTerminalUrl } : {}),
    });
  if (handle.includes('4'))
    channels.push({ '@type': 'cv:Channel', 'dct:type': zh('快递申请'), 'cv:ownedBy': { '@id': orgId(g) } });
  const evidence = (g.materials ?? []).map((m, i) => ({
    '@id': `${serviceId(g)}/evidence/${m.materialId ?? i + 1}`,
    '@type': 'cv:Evidence',
    'dct:title': zh(m.materialName),
    ...(m.materialId ? { 'dct:identifier': m.materialId } : {}),
    'dct:description': zh(
      [
        `必要性：${labelOf(LABEL_SETS.necessity, m.isNeed)}`,
        m.materialType ? `类型：${labelOf(LABEL_SETS.materialType, m.materialType)}` : '',
        m.sourceType ? `来源：${labelOf(LABEL_SETS.sourceChannel, m.sourceType)}` : '',
        m.remark ?? '',
      ]
        .filter(Boolean)
        .join('；'),
    ),
  }));
  const requirements: Json[] = [
    { '@type': 'cv:Requirement', 'dct:title': zh('受理条件'), 'dct:description': zh(g.acceptCondition) },
  ];
  for (const s of g.situations ?? []) {
    requirements.push({
      '@type': 'cv:Requirement',
      'dct:title': zh(`办理情形：${s.conditionName}`),
      ...(s.conditionDesc ? { 'dct:description': zh(s.conditionDesc) } : {}),
      'cv:hasSupportingEvidence': s.materialIds.map((id) => ({ '@id': `${serviceId(g)}/evidence/${id}` })),
    });
  }
  return {
    '@context': CPSV_CONTEXT,
    '@id': serviceId(g),
    '@type': 'cpsv:PublicService',
    'dct:identifier': g.taskHandleItem ?? g.taskCode,
    'dct:title': zh(g.handleItemName ? `${g.taskName}（${g.handleItemName}）` : g.taskName),
    'dct:description': zh(description(g)),
    'cv:isClassifiedBy': {
      '@id': `urn:gbkit:code:GBT39046-A.1:${g.taskType}`,
      '@type': 'skos:Concept',
      'skos:prefLabel': zh(codeLabel(GBT39046.taskType, g.taskType)),
    },
    'cv:hasCompetentAuthority': {
      '@id': orgId(g),
      '@type': 'cv:PublicOrganisation',
      'skos:prefLabel': zh(g.deptName),
      'dct:identifier': g.deptCode,
    },
    'dct:audience': splitMulti(g.serverType).map((c) => ({
      '@id': `urn:gbkit:code:GBT39046-A.4:${c}`,
      '@type': 'skos:Concept',
      'skos:prefLabel': zh(codeLabel(GBT39046.serverType, c)),
    })),
    'cv:hasLegalResource': [{ '@type': 'eli:LegalResource', 'dct:description': zh(g.byLaw) }],
    'cv:holdsRequirement': requirements,
    'cpsv:hasInput': evidence,
    'cv:hasChannel': channels,
    'cv:hasCost': g.isFee
      ? (g.fees ?? []).map((f) => ({
          '@type': 'cv:Cost',
          'dct:description': zh(`${f.feeName}：${f.feeStand}`),
          'cv:isDefinedBy': { '@id': orgId(g) },
        }))
      : [
          {
            '@type': 'cv:Cost',
            'cv:value': 0,
            'cv:currency': { '@id': 'http://publications.europa.eu/resource/authority/currency/CNY' },
            'dct:description': zh('不收费'),
          },
        ],
    'cv:contactPoint': {
      '@type': 'cv:ContactPoint',
      ...(g.consultPhone ? { 'cv:telephone': g.consultPhone } : {}),
      'cv:openingHours': zh(g.transactTime),
      'dct:description': zh(g.linkWay),
    },
    ...processingTime('cv', g),
    'gbkit:statutoryTimeLimitText': zh(
      `法定办结时限 ${limitText({ value: g.anticipateDay, unit: g.anticipateType })}`,
    ),
    ...(g.resultName ? { 'cpsv:produces': { '@type': 'cv:Output', 'dct:title': zh(g.resultName) } } : {}),
    'gbkit:inPersonVisits': g.limitSceneNum,
  };
}

/** Exports a guide as a schema.org `GovernmentService` JSON-LD document. */
export function toSchemaOrg(g: ImplementationItem | ImplementationItemInput): Record<string, unknown> {
  const handle = splitMulti(g.handleType);
  const provider = {
    '@type': 'GovernmentOrganization',
    '@id': orgId(g),
    name: g.deptName,
    identifier: g.deptCode,
    ...(g.consultPhone ? { telephone: g.consultPhone } : {}),
  };
  const iso = isoDuration({ value: g.promiseDay, unit: g.promiseType });
  const channels: Json[] = [];
  if (handle.includes('1') || handle.length === 0)
    channels.push({
      '@type': 'ServiceChannel',
      name: '窗口办理',
      serviceLocation: {
        '@type': 'Place',
        name: g.transactAddr,
        address: g.transactAddr,
        description: g.transactTime,
      },
      ...(g.consultPhone ? { servicePhone: { '@type': 'ContactPoint', telephone: g.consultPhone } } : {}),
      ...(iso ? { processingTime: iso } : {}),
      availableLanguage: 'zh-CN',
    });
  if (handle.includes('2') || g.linkAddr)
    channels.push({
      '@type': 'ServiceChannel',
      name: '电脑端网上办理',
      ...(g.linkAddr ? { serviceUrl: g.linkAddr } : {}),
      ...(iso ? { processingTime: iso } : {}),
      availableLanguage: 'zh-CN',
    });
  if (handle.includes('3') || g.mobileTerminalUrl)
    channels.push({
      '@type': 'ServiceChannel',
      name: '移动端网上申请',
      ...(g.mobileTerminalUrl ? { serviceUrl: g.mobileTerminalUrl } : {}),
      ...(iso ? { processingTime: iso } : {}),
      availableLanguage: 'zh-CN',
    });
  if (handle.includes('4'))
    channels.push({ '@type': 'ServiceChannel', name: '快递申请', ...(iso ? { processingTime: iso } : {}) });
  const division = /^[0-9A-Z]{2}(\d{6})/.exec(g.deptCode)?.[1];
  return {
    '@context': 'https://schema.org',
    '@type': 'GovernmentService',
    '@id': serviceId(g),
    identifier: g.taskHandleItem ?? g.taskCode,
    name: g.handleItemName ? `${g.taskName}（${g.handleItemName}）` : g.taskName,
    description: description(g),
    inLanguage: 'zh-CN',
    serviceType: codeLabel(GBT39046.taskType, g.taskType),
    provider,
    serviceOperator: provider,
    ...(division
      ? { jurisdiction: { '@type': 'AdministrativeArea', identifier: `GB/T 2260:${division}` } }
      : {}),
    audience: splitMulti(g.serverType).map((c) => ({
      '@type': 'Audience',
      audienceType: codeLabel(GBT39046.serverType, c),
    })),
    availableChannel: channels,
    offers: g.isFee
      ? (g.fees ?? []).map((f) => ({
          '@type': 'Offer',
          name: f.feeName,
          description: f.feeStand,
          priceCurrency: 'CNY',
        }))
      : [{ '@type': 'Offer', name: '不收费', price: 0, priceCurrency: 'CNY' }],
    ...(g.resultName ? { serviceOutput: { '@type': 'Thing', name: g.resultName } } : {}),
    termsOfService: g.byLaw,
    additionalProperty: [
      limitProperty('法定办结时限', g.anticipateDay, g.anticipateType),
      limitProperty('承诺办结时限', g.promiseDay, g.promiseType),
      { '@type': 'PropertyValue', name: '到办事现场次数', value: g.limitSceneNum },
      { '@type': 'PropertyValue', name: '受理条件', value: g.acceptCondition },
      ...(g.materials ?? []).map((m) => ({
        '@type': 'PropertyValue',
        name: '申请材料',
        value: m.materialName,
        description: labelOf(LABEL_SETS.necessity, m.isNeed),
      })),
    ],
  };
}
