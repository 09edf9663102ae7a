import { describe, expect, it } from 'vitest';

describe('workspace aliases', () => {
  it('resolve sub-path entries to their source', async () => {
    const node = await import('@gbkit/identity/node');
    expect(typeof node.createJwksHandler).toBe('function');
  });
});
