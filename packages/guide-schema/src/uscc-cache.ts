/**
 * A bounded memo over `@gbkit/codes` `validateUscc`: guides of one implementing body repeat the same
 * credit code in `deptCode`, `taskCode` and `taskHandleItem`, and batch validation sees it thousands of
 * times. Results are immutable, so caching is safe; the memo is cleared when it reaches 4,096 entries.
 * @module
 */
import { validateUscc } from '@gbkit/codes';

const cache = new Map<string, ReturnType<typeof validateUscc>>();

/** `validateUscc(code)` (strict mode), memoised. */
export function validateUsccCached(code: string): ReturnType<typeof validateUscc> {
  let r = cache.get(code);
  if (!r) {
    r = validateUscc(code);
    if (cache.size >= 4096) cache.clear();
    cache.set(code, r);
  }
  return r;
}
