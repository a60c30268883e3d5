/**
 * What the QR code of an enrolment code holds, and how it is drawn: as SVG for the admin
 * page, as text for the terminal. The payload is a small JSON object, so that a device
 * (or a person reading it with any QR reader) gets both the server to talk to and the
 * one-time code, and nothing else: no office, no user name, no token.
 *
 *   {"routewatch":"enrol","v":1,"server":"https://hq.example.org","code":"ABCD-EFGH-JKMN-PQRS"}
 */
import QRCode from 'qrcode';
import { z } from '../../shared/schema/zod';

/** An http(s) address devices reach the server at: no credentials, query or fragment; no trailing slash. */
export const publicServerUrlSchema = z
  .string()
  .max(300)
  .transform((text, ctx) => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a URL such as https://hq.example.org' });
      return z.NEVER;
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
      ctx.addIssue({ code: 'custom', message: 'must be an http or https address without credentials, query or fragment' });
      return z.NEVER;
    }
    return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  });

export const enrolmentQrPayloadSchema = z.strictObject({
  routewatch: z.literal('enrol'),
  v: z.literal(1),
  server: z.string(),
  code: z.string(),
});
export type EnrolmentQrPayload = z.infer<typeof enrolmentQrPayloadSchema>;

/** The text the QR code encodes (keys always in this order). */
export function enrolmentQrText(serverUrl: string, code: string): string {
  const payload: EnrolmentQrPayload = { routewatch: 'enrol', v: 1, server: serverUrl, code };
  return JSON.stringify(payload);
}

// M (15% of the symbol may be lost) survives a smudged screen or a photo taken at an angle.
const ERROR_CORRECTION = 'M';

/** An SVG image of the QR code (dark on white, with the standard quiet zone). */
export function enrolmentQrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: ERROR_CORRECTION, margin: 4, color: { dark: '#000000', light: '#ffffff' } });
}

/** Modules of light margin around the symbol, as the QR standard asks. */
const QUIET_ZONE = 4;
// Black ink on bright white, set for every line: the code reads the same on a dark or light terminal theme.
const ANSI_ON = '\u001b[30;107m';
const ANSI_OFF = '\u001b[0m';

/**
 * The QR code as text, two modules per character cell (upper and lower half blocks),
 * ink for dark modules, with a full quiet zone. With `colours` (a terminal) each line
 * is drawn black on white with ANSI colours, whatever the terminal's theme: a code
 * drawn light on dark defeats some readers. Without (a file, a pipe) it is plain text.
 */
export function enrolmentQrTerminal(text: string, colours: boolean): string {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: ERROR_CORRECTION });
  const size = modules.size;
  const dark = (row: number, col: number): boolean =>
    row >= 0 && row < size && col >= 0 && col < size && modules.get(row, col) === 1;
  const lines: string[] = [];
  for (let row = -QUIET_ZONE; row < size + QUIET_ZONE; row += 2) {
    let line = '';
    for (let col = -QUIET_ZONE; col < size + QUIET_ZONE; col++) {
      const top = dark(row, col);
      const bottom = row + 1 < size + QUIET_ZONE && dark(row + 1, col);
      line += top ? (bottom ? '█' : '▀') : bottom ? '▄' : ' ';
    }
    lines.push(colours ? `${ANSI_ON}${line}${ANSI_OFF}` : line);
  }
  return lines.join('\n');
}
