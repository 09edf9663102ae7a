/**
 * Making a seal (制章): the seal maker signs the seal information with its SM2 key.
 * - V4 (GB/T 38540-2020, default): SM3withSM2 over the DER of `SES_SealInfo`;
 * - 2014 (GM/T 0031-2014): over `SEQUENCE{ sealInfo, cert, signatureAlgorithm }`;
 * - V5: header version 5, V4 shape, optional `[0]` EXPLICIT timestamp.
 * @module
 */
import { InvalidArgumentError } from '@gbkit/core';
import { sm2Sign } from '@gbkit/crypto';
import type { CertDigest } from '../ses/cert-list.js';
import type { ExtData } from '../ses/extension-datas.js';
import {
  encodeSeal2014,
  encodeSealV4,
  OID_SM3_WITH_SM2,
  type SesLayout,
  sealSignedBytes2014,
} from '../ses/seal.js';
import { encodeSealInfo } from '../ses/seal-info.js';

/** A signing identity: SM2 private key (32 bytes), its public key and certificate (DER, or a parsed certificate with `der`). */
export interface SigningIdentity {
  readonly privateKey: Uint8Array;
  readonly publicKey?: Uint8Array;
  readonly certificate: Uint8Array | { readonly der: Uint8Array };
}

/** The DER of an identity's certificate. */
export function certDer(id: SigningIdentity): Uint8Array {
  return id.certificate instanceof Uint8Array ? id.certificate : id.certificate.der;
}

/** Options of {@link makeSeal}. */
export interface MakeSealOptions {
  /** `v4` (default), `2014` or `v5`. */
  readonly layout?: SesLayout;
  /** The seal maker (制章者). */
  readonly maker: SigningIdentity;
  /** Certificates of the people/units allowed to use the seal (certListType 1). */
  readonly signerCertificates?: readonly (Uint8Array | { readonly der: Uint8Array })[];
  /** Or their digests (certListType 2, V4/V5 only). */
  readonly signerCertificateDigests?: readonly CertDigest[];
  /** 电子印章标识. */
  readonly esID: string;
  readonly name: string;
  /** Seal type (default 1). */
  readonly type?: number;
  /** Vendor identifier (`SES_Header.Vid`), default `gbkit`. */
  readonly vid?: string;
  readonly createDate?: Date;
  readonly validStart: Date;
  readonly validEnd: Date;
  readonly picture: {
    readonly type: string;
    readonly data: Uint8Array;
    readonly width: number;
    readonly height: number;
  };
  readonly extDatas?: readonly ExtData[];
  /** V5 only: timestamp token over the maker's signature value (produced by a TSA). */
  readonly timeStamp?: Uint8Array;
}

/**
 * Makes a seal and returns its DER (`.esl` content).
 *
 * @example
 * ```ts
 * import { makeSeal, decodeSeal } from '@gbkit/e-seal';
 * import { createTestPki } from '@gbkit/crypto';
 * const pki = await createTestPki();
 * const esl = makeSeal({ maker: pki.sealMaker, signerCertificates: [pki.signer.certificate], esID: '1', name: '测试章',
 *   validStart: new Date('2025-01-01'), validEnd: new Date('2030-01-01'), picture: { type: 'PNG', data: new Uint8Array(8), width: 40, height: 40 } });
 * console.log(decodeSeal(esl).layout); // v4
 * ```
 */
export function makeSeal(o: MakeSealOptions): Uint8Array {
  const layout = o.layout ?? 'v4';
  const v2014 = layout === '2014';
  if (v2014 && o.signerCertificateDigests) {
    throw new InvalidArgumentError('ERR_ESEAL_SEAL_OPTIONS', {
      zh: '2014 版印章不支持证书摘要列表',
      en: 'the 2014 layout has no certificate digest list',
    });
  }
  if (o.timeStamp && layout !== 'v5') {
    throw new InvalidArgumentError('ERR_ESEAL_SEAL_OPTIONS', {
      zh: '只有 V5 印章带时间戳',
      en: 'only V5 seals carry a timestamp',
    });
  }
  if (!(o.validStart < o.validEnd)) {
    throw new InvalidArgumentError('ERR_ESEAL_SEAL_OPTIONS', {
      zh: '有效期起始必须早于截止',
      en: 'validStart must be before validEnd',
    });
  }
  const digests = o.signerCertificateDigests;
  const info = encodeSealInfo(
    {
      header: { id: 'ES', version: v2014 ? 1 : layout === 'v5' ? 5 : 4, vid: o.vid ?? 'gbkit' },
      esID: o.esID,
      property: {
        type: o.type ?? 1,
        name: o.name,
        ...(v2014 ? {} : { certListType: digests ? 2 : 1 }),
        certList: digests
          ? { kind: 'digests', certs: [], digests }
          : {
              kind: 'certs',
              certs: (o.signerCertificates ?? []).map((c) => (c instanceof Uint8Array ? c : c.der)),
              digests: [],
            },
        createDate: o.createDate ?? o.validStart,
        validStart: o.validStart,
        validEnd: o.validEnd,
      },
      picture: o.picture,
      ...(o.extDatas ? { extDatas: o.extDatas } : {}),
    },
    v2014,
  );
  const sign = (m: Uint8Array) =>
    sm2Sign(m, o.maker.privateKey, { ...(o.maker.publicKey ? { publicKey: o.maker.publicKey } : {}) });
  const makerCert = certDer(o.maker);
  if (v2014)
    return encodeSeal2014(
      info,
      makerCert,
      OID_SM3_WITH_SM2,
      sign(sealSignedBytes2014(info, makerCert, OID_SM3_WITH_SM2)),
    );
  return encodeSealV4(info, makerCert, OID_SM3_WITH_SM2, sign(info), o.timeStamp);
}
