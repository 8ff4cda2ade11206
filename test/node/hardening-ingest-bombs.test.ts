import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseInChild } from '../../bench/support/run-parse-one.ts';
import { DocumentParseError, INGEST_LIMITS, parseDocument } from '../../core/knowledge/formats/index.ts';
import { docxBomb, pdfContentBomb, pdfDeepNesting, pdfHugePageTree, pdfObjectStreamBomb, pdfPageTreeCycle } from '../support/bombs.ts';

const dir = mkdtempSync(join(tmpdir(), 'ingest-bombs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A deployed Worker has 128 MB for everything; the inflated text may take the budget (24 MB) a few times over
// while it is decoded, never the bomb's size.
const MAX_GROWTH_MB = 100;

describe('hardening: compressed input is inflated under a running budget', { timeout: 120_000 }, () => {
  const bombs: [string, () => Uint8Array, 'docx' | 'pdf'][] = [
    ['a DOCX whose document.xml inflates to 256 MB', () => docxBomb(256), 'docx'],
    ['a DOCX whose styles.xml inflates to 256 MB', () => docxBomb(256, 'word/styles.xml'), 'docx'],
    ['a PDF whose page content stream inflates to 256 MB', () => pdfContentBomb(256), 'pdf'],
    ['a PDF whose object stream inflates to 256 MB', () => pdfObjectStreamBomb(256), 'pdf'],
  ];
  for (const [name, make, format] of bombs) {
    it(`stops ${name} in bounded memory under a 128 MB heap`, () => {
      const path = join(dir, `bomb.${format}`);
      writeFileSync(path, make());
      const r = parseInChild(path, format);
      expect(r.exit, r.stderr.slice(-500)).toBe(0);
      expect(r.outcome).toMatch(/^failed: .*inflates too much/);
      expect(r.peakRssMb - r.baseRssMb, JSON.stringify(r)).toBeLessThan(MAX_GROWTH_MB);
    });
  }

  it('still reads a PDF whose streams stay under the budget', async () => {
    const doc = await parseDocument('pdf', pdfContentBomb(Math.floor(INGEST_LIMITS.maxInflatedBytes / 2 ** 20) - 2));
    expect(doc.sections.map((s) => s.text)).toEqual(['Price list']);
  });

  it('refuses PDFs with arrays nested a million deep, a million-page tree or a cyclic page tree at once', async () => {
    for (const bytes of [pdfDeepNesting(1_000_000), pdfHugePageTree(1_000), pdfPageTreeCycle()]) {
      const started = performance.now();
      await expect(parseDocument('pdf', bytes)).rejects.toBeInstanceOf(DocumentParseError);
      expect(performance.now() - started).toBeLessThan(5_000);
    }
  });
});
