import { describe, expect, it } from 'vitest';

describe('probe', () => {
  it('textdecoder 1251', () => {
    let r: string;
    try { r = new TextDecoder('windows-1251').decode(new Uint8Array([0xd1, 0xf2, 0xf0])); } catch (e) { r = 'ERR ' + String(e); }
    console.log('1251:', r);
    expect(1).toBe(1);
  });
  it('tokenizer', async () => {
    const t0 = Date.now();
    const m = await import('gpt-tokenizer/encoding/cl100k_base');
    console.log('tok', m.countTokens('Стрижка женская: 1500 ₽'), Date.now() - t0);
  });
  it('unpdf', async () => {
    const { extractText, getDocumentProxy } = await import('unpdf');
    try { await extractText(new Uint8Array([1,2,3]), { mergePages: false }); } catch (e) { console.log('pdf err', String(e), (e as any)?.name); }
  });
  it('qdrant', async () => {
    const { QdrantClient } = await import('@qdrant/js-client-rest');
    console.log('qdrant', typeof QdrantClient);
  });
});
