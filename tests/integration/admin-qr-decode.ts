/** Read back the QR code the CLI prints, as a phone camera would: modules, pixels, jsQR. */
import jsQR from 'jsqr';

/** Modules of the terminal text (ANSI colours ignored): each character is an upper and a lower module. */
export function matrixOfTerminalQr(text: string): boolean[][] {
  // eslint-disable-next-line no-control-regex
  const lines = text.replace(/\u001b\[[0-9;]*m/g, '').split('\n');
  return lines.flatMap((line) => {
    // Block characters and spaces only: one code point each.
    const chars = Array.from(line);
    return [chars.map((c) => c === '█' || c === '▀'), chars.map((c) => c === '█' || c === '▄')];
  });
}

/** The text a module matrix (true = dark) decodes to, or undefined. */
export function decodeQrMatrix(matrix: readonly (readonly boolean[])[], pixelsPerModule = 4): string | undefined {
  const height = matrix.length * pixelsPerModule;
  const width = (matrix[0]?.length ?? 0) * pixelsPerModule;
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dark = matrix[Math.floor(y / pixelsPerModule)]?.[Math.floor(x / pixelsPerModule)] === true;
      rgba.fill(dark ? 0 : 255, (y * width + x) * 4, (y * width + x) * 4 + 3);
      rgba[(y * width + x) * 4 + 3] = 255;
    }
  }
  return jsQR(rgba, width, height, { inversionAttempts: 'dontInvert' })?.data;
}

/** The QR block of the CLI's stdout: the lines of block characters after "QR code (...):". */
export function terminalQrOf(stdout: string): string {
  const lines = stdout.split('\n');
  const start = lines.findIndex((l) => l.startsWith('QR code ('));
  const block: string[] = [];
  for (const line of lines.slice(start + 1)) {
    // eslint-disable-next-line no-control-regex
    if (!/^[ █▀▄]+$/.test(line.replace(/\u001b\[[0-9;]*m/g, ''))) break;
    block.push(line);
  }
  return block.join('\n');
}
