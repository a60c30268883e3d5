import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { enrolmentQrPayloadSchema, enrolmentQrSvg, enrolmentQrTerminal, enrolmentQrText, publicServerUrlSchema } from './enrolment-qr';

const PIXELS_PER_MODULE = 4;

/** Decode a module matrix (true = dark) the way a camera would see it: pixels, then jsQR. */
function decodeMatrix(matrix: readonly (readonly boolean[])[]): string | undefined {
  const height = matrix.length * PIXELS_PER_MODULE;
  const width = (matrix[0]?.length ?? 0) * PIXELS_PER_MODULE;
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dark = matrix[Math.floor(y / PIXELS_PER_MODULE)]?.[Math.floor(x / PIXELS_PER_MODULE)] === true;
      rgba.fill(dark ? 0 : 255, (y * width + x) * 4, (y * width + x) * 4 + 3);
      rgba[(y * width + x) * 4 + 3] = 255;
    }
  }
  return jsQR(rgba, width, height, { inversionAttempts: 'dontInvert' })?.data;
}

/** Modules back from the terminal text: each character is two modules, upper and lower half. */
function matrixOfTerminalText(text: string): boolean[][] {
  // eslint-disable-next-line no-control-regex
  const lines = text.replace(/\u001b\[[0-9;]*m/g, '').split('\n');
  const matrix: boolean[][] = [];
  for (const line of lines) {
    // Block characters and spaces only: one code point each.
    const chars = Array.from(line);
    matrix.push(chars.map((c) => c === '█' || c === '▀'));
    matrix.push(chars.map((c) => c === '█' || c === '▄'));
  }
  return matrix;
}

/** Modules back from qrcode's SVG: a path of horizontal strokes ("M4 4.5h7m2 0h4..."). */
function matrixOfSvg(svg: string): boolean[][] {
  const size = Number(/viewBox="0 0 (\d+) \d+"/.exec(svg)?.[1]);
  const path = /<path stroke="#000000" d="([^"]+)"/.exec(svg)?.[1] ?? '';
  const matrix = Array.from({ length: size }, () => Array.from({ length: size }, () => false));
  let x = 0;
  let y = 0;
  for (const [, command, a, b] of path.matchAll(/([MmHhVv])(-?[\d.]+)(?:\s(-?[\d.]+))?/g)) {
    const first = Number(a);
    if (command === 'M') [x, y] = [first, Number(b)];
    else if (command === 'm') [x, y] = [x + first, y + Number(b)];
    else if (command === 'h') {
      for (let col = x; col < x + first; col++) {
        const row = matrix[Math.floor(y)];
        if (row) row[col] = true;
      }
      x += first;
    }
  }
  return matrix;
}

const CODE = 'ABCD-EFGH-JKMN-PQRS';

describe('enrolment QR code', () => {
  it('holds the server address and the code, as a small JSON object', () => {
    const text = enrolmentQrText('https://hq.example.org', CODE);
    expect(text).toBe('{"routewatch":"enrol","v":1,"server":"https://hq.example.org","code":"ABCD-EFGH-JKMN-PQRS"}');
    expect(enrolmentQrPayloadSchema.parse(JSON.parse(text))).toEqual({ routewatch: 'enrol', v: 1, server: 'https://hq.example.org', code: CODE });
  });

  it('prints, on a pipe, plain block characters that decode to the payload', () => {
    const text = enrolmentQrText('https://hq.example.org:8443/routewatch', CODE);
    const drawn = enrolmentQrTerminal(text, false);
    expect(drawn).not.toContain('\u001b');
    expect(decodeMatrix(matrixOfTerminalText(drawn))).toBe(text);
  });

  it('prints, on a terminal, black on white in ANSI colours, and still decodes', () => {
    const text = enrolmentQrText('http://10.0.0.5:8787', CODE);
    const drawn = enrolmentQrTerminal(text, true);
    const lines = drawn.split('\n');
    expect(lines.every((line) => line.startsWith('\u001b[30;107m') && line.endsWith('\u001b[0m'))).toBe(true);
    expect(decodeMatrix(matrixOfTerminalText(drawn))).toBe(text);
  });

  it('keeps a quiet zone of four modules around the symbol', () => {
    const matrix = matrixOfTerminalText(enrolmentQrTerminal(enrolmentQrText('https://hq.example.org', CODE), false));
    for (const row of matrix.slice(0, 4)) expect(row.some(Boolean)).toBe(false);
    for (const row of matrix) expect(row.slice(0, 4).some(Boolean)).toBe(false);
    expect(matrix[4]?.slice(4, 11).every(Boolean)).toBe(true); // the top of the finder pattern
  });

  it('draws an SVG image that decodes to the payload', async () => {
    const text = enrolmentQrText('https://hq.example.org', CODE);
    const svg = await enrolmentQrSvg(text);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).not.toMatch(/<script|on\w+=/i);
    expect(decodeMatrix(matrixOfSvg(svg))).toBe(text);
  });
});

describe('publicServerUrlSchema', () => {
  it('keeps http(s) addresses, with a path, without the trailing slash', () => {
    expect(publicServerUrlSchema.parse('https://hq.example.org/')).toBe('https://hq.example.org');
    expect(publicServerUrlSchema.parse('http://10.0.0.5:8787')).toBe('http://10.0.0.5:8787');
    expect(publicServerUrlSchema.parse('https://hq.example.org/rw/')).toBe('https://hq.example.org/rw');
  });

  it('refuses what a device could not use or should not see', () => {
    for (const bad of ['hq.example.org', 'ftp://hq.example.org', 'javascript:alert(1)', 'https://u:p@hq.example.org', 'https://hq.example.org/?a=1', 'https://hq.example.org/#x', `https://${'a'.repeat(300)}.org`]) {
      expect(publicServerUrlSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});
