/**
 * The report as DOCX, opened by what our users open it with: the file is converted by
 * LibreOffice (headless) to PDF and read back with poppler, page by page. Checks the
 * paper, the classification at the top and bottom of every page, "Page X of Y" from
 * Word's page fields, real tables (the heading row repeated, the total once at the
 * end), the image, and hostile text kept as text.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { reportDocxBytes } from '../../shared/reports/report-docx';
import type { ReportDocument } from '../../shared/reports/report-document';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A solid-colour PNG of the given size (the test's map stand-in: a real PNG file). */
function png(width: number, height: number, rgb: [number, number, number]): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, Buffer.from(rgb))]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0))]));
}

function report(paper: ReportDocument['paper']): ReportDocument {
  return {
    classification: 'RESTRICTED',
    title: 'Situation report RS-BEL-2026-003',
    headerLines: ['As of 5 Dec 2026, 09:00', 'Period: 28 Nov 2026 – 4 Dec 2026', 'Issued by RS-BEL'],
    pageOf: 'Page {page} of {pages}',
    paper,
    watermark: null,
    sections: [
      { key: 'highlights', heading: 'Highlights', blocks: [{ kind: 'bullets', items: ['Entries at Preševo rose by a third.', 'A summary that looks like <script>alert(1)</script> markup.'] }] },
      { key: 'map', heading: 'Flow map', blocks: [{ kind: 'image', png: png(640, 400, [198, 218, 230]), width: 640, height: 400, alt: 'Flow map of the period', caption: 'Persons seen moving, by route' }] },
      {
        key: 'by-place',
        heading: 'Persons by place',
        blocks: [
          {
            kind: 'table',
            columns: [
              { label: 'Place', numeric: false },
              { label: 'Persons', numeric: true },
            ],
            rows: Array.from({ length: 120 }, (_, i) => [`Place ${String(i + 1)}`, String(i + 1)]),
            total: ['Grand total', '7,260'],
            caption: 'Verified records only.',
          },
        ],
      },
    ],
  };
}

/** Write the DOCX, have LibreOffice make it a PDF, and read the PDF back page by page. */
function openWithLibreOffice(bytes: Uint8Array, name: string): { pages: string[]; info: string; dir: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'rw-docx-'));
  dirs.push(dir);
  const docx = path.join(dir, `${name}.docx`);
  writeFileSync(docx, bytes);
  // A profile of its own, so that a LibreOffice already running (or a stale lock) never blocks it.
  execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx], { stdio: 'pipe', timeout: 120_000 });
  const pdf = path.join(dir, `${name}.pdf`);
  const info = execFileSync('pdfinfo', [pdf]).toString();
  const count = Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? '0');
  const pages = Array.from({ length: count }, (_, i) => execFileSync('pdftotext', ['-layout', '-f', String(i + 1), '-l', String(i + 1), pdf, '-']).toString());
  return { pages, info, dir };
}

describe('the report as DOCX', () => {
  it('opens in LibreOffice with the classification, title and "Page X of Y" on every page, real tables and the image', { timeout: 180_000 }, async () => {
    const bytes = await reportDocxBytes(report('A4'));
    const { pages, info, dir } = openWithLibreOffice(bytes, 'report-a4');
    expect(info).toMatch(/Page size:.*\(A4\)/);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((text, i) => {
      expect(text.match(/RESTRICTED/g)?.length ?? 0, `page ${String(i + 1)}`).toBeGreaterThanOrEqual(2);
      expect(text).toContain(`Page ${String(i + 1)} of ${String(pages.length)}`);
      expect(text).toContain('Situation report RS-BEL-2026-003');
    });
    const all = pages.join('\n');
    expect(all).toContain('Entries at Preševo rose by a third.');
    expect(all).toContain('<script>alert(1)</script>');
    expect(all).toContain('Persons seen moving, by route');
    // The total once, after the last row; the heading row on each page the table runs over.
    expect(all.match(/Grand total/g)).toHaveLength(1);
    expect(pages.at(-1)).toMatch(/Place 120\s+120[\s\S]*Grand total\s+7,260/);
    expect(pages.filter((text) => /Place\s+Persons/.test(text)).length).toBeGreaterThanOrEqual(2);

    // Inside the file: real Word tables with a repeating heading row, the PNG, text escaped.
    const file = path.join(dir, 'report-a4.docx');
    const xml = execFileSync('unzip', ['-p', file, 'word/document.xml']).toString();
    expect(xml).toContain('<w:tbl>');
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml).toContain('&lt;script&gt;');
    expect(xml).not.toContain('<script>');
    expect(readdirSync(dir)).toContain('report-a4.docx');
    expect(execFileSync('unzip', ['-l', file]).toString()).toMatch(/word\/media\/\S+\.png/);
  });

  it('is on Letter paper when asked, and a training report says TRAINING on every page', { timeout: 180_000 }, async () => {
    const bytes = await reportDocxBytes({ ...report('Letter'), watermark: 'TRAINING' });
    const { pages, info } = openWithLibreOffice(bytes, 'report-letter');
    expect(info).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
    for (const text of pages) expect(text).toContain('TRAINING');
  });
});
