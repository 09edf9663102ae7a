import { isGbkitError } from '@gbkit/core';
import { decodeSeal, decodeSesSignature } from '@gbkit/e-seal';
import { describe, expect, it } from 'vitest';
import { describeCorpus, readCorpus } from '../../../test-utils/corpus.js';

describeCorpus('SES decoding of the corpus seals and values', () => {
  it('UserV1.esl is the 2014 layout with UTCTime dates and the 2014 maker-signed bytes', () => {
    const s = decodeSeal(readCorpus('e-seal', 'UserV1.esl'));
    expect(s.layout).toBe('2014');
    expect(s.sealInfo.header).toEqual({ id: 'ES', version: 1, vid: 'OFDR&WTest' });
    expect(s.sealInfo.property.validStart.toISOString()).toBe('2020-04-22T02:18:07.000Z');
    expect(s.sealInfo.property.certList.certs.length).toBe(1);
    // SEQUENCE{sealInfo, cert, alg} is longer than SES_SealInfo alone and starts with it after the header
    expect(s.makerSignedBytes.length).toBeGreaterThan(s.sealInfo.raw.length);
  });
  it('UserV4.esl is V4; the maker-signed bytes are the exact SES_SealInfo slice of the input', () => {
    const input = readCorpus('e-seal', 'UserV4.esl');
    const s = decodeSeal(input);
    expect(s.layout).toBe('v4');
    expect(s.sealInfo.property.certListType).toBe(1);
    expect(s.makerSignedBytes.buffer).toBe(input.buffer); // a view, not a re-encoding
    expect(s.variants).toEqual([]);
  });
  it('UserV5.esl and UserV5_ts.esl are V5; the dummy timestamp decodes', () => {
    expect(decodeSeal(readCorpus('e-seal', 'UserV5.esl')).layout).toBe('v5');
    const ts = decodeSeal(readCorpus('e-seal', 'UserV5_ts.esl'));
    expect(ts.layout).toBe('v5');
    expect([...(ts.timeStamp ?? [])]).toEqual([1, 2, 3]);
  });
  it('SignedValueV4.dat / V5 decode with the Signature.xml path in propertyInfo', () => {
    for (const [f, layout] of [
      ['SignedValueV4.dat', 'v4'],
      ['SignedValueV5.dat', 'v5'],
    ] as const) {
      const v = decodeSesSignature(readCorpus('e-seal', f));
      expect(v.layout).toBe(layout);
      expect(v.toSign.propertyInfo).toBe('/Doc_0/Signs/Sign_0/Signature.xml');
      expect(v.toSign.dataHash.length).toBe(32);
      expect(v.toSign.timeInfoEncoding).toBe('generalized');
    }
  });
});

describe('SES decoding errors are typed', () => {
  it('rejects garbage with ERR_SES_DER and an offset', () => {
    for (const bad of [
      new Uint8Array(0),
      Uint8Array.of(0x30, 0x05, 1),
      Uint8Array.of(0x30, 0x00),
      Uint8Array.of(0x04, 0x01, 0),
    ]) {
      try {
        decodeSesSignature(bad);
        expect.unreachable();
      } catch (e) {
        expect(isGbkitError(e, 'ERR_SES_DER')).toBe(true);
      }
    }
  });
});
