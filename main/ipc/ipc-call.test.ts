import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../shared/ipc/contract';
import { checkIpcCall, isTrustedSender, runIpcCall, type SenderFrameInfo } from './ipc-call';

const mainFrame: SenderFrameInfo = { url: 'app://routewatch/index.html', isMainFrame: true };

describe('isTrustedSender', () => {
  it('trusts the main frame of app://routewatch, on any route', () => {
    expect(isTrustedSender(mainFrame)).toBe(true);
    expect(isTrustedSender({ url: 'app://routewatch/reports/2025-01?print=1', isMainFrame: true })).toBe(true);
  });

  it.each([
    ['an iframe on our own origin', { url: 'app://routewatch/index.html', isMainFrame: false }],
    ['a page elsewhere', { url: 'https://example.org/', isMainFrame: true }],
    ['our origin in a query string', { url: 'https://evil/?next=app://routewatch', isMainFrame: true }],
    ['a look-alike host', { url: 'app://routewatch.evil/index.html', isMainFrame: true }],
    ['user-info', { url: 'app://routewatch@evil/index.html', isMainFrame: true }],
    ['a file: page', { url: 'file:///work/main/dist/renderer/index.html', isMainFrame: true }],
    ['about:blank', { url: 'about:blank', isMainFrame: true }],
    ['a javascript: URL', { url: 'javascript:app://routewatch', isMainFrame: true }],
    ['an empty URL', { url: '', isMainFrame: true }],
  ])('refuses %s', (_label, frame) => {
    expect(isTrustedSender(frame)).toBe(false);
  });

  it('refuses a frame that is gone (senderFrame null)', () => {
    expect(isTrustedSender(null)).toBe(false);
  });
});

/** A valid 'report:savePdf' request. */
const PDF = { suggestedName: 'january.pdf', paper: 'A4', classification: 'INTERNAL', title: 'Situation report', pageOf: 'Page {page} of {pages}' } as const;

describe('checkIpcCall', () => {
  it('passes parsed data through for a valid call', () => {
    expect(checkIpcCall('report:savePdf', mainFrame, [PDF])).toEqual({ ok: true, request: PDF });
  });

  it('checks the sender before looking at the payload', () => {
    expect(checkIpcCall('report:savePdf', { ...mainFrame, isMainFrame: false }, ['garbage'])).toEqual({
      ok: false,
      error: { code: 'forbidden_sender' },
    });
  });

  it.each([
    ['no argument', []],
    ['two arguments', [PDF, PDF]],
    ['a string', ['january.pdf']],
    ['null', [null]],
    ['a missing field', [{}]],
    ['an unknown extra key', [{ ...PDF, overwrite: true }]],
    ['a path instead of a file name', [{ ...PDF, suggestedName: '../../.bashrc.pdf' }]],
    ['a name without .pdf', [{ ...PDF, suggestedName: 'report.exe' }]],
    ['a name too long', [{ ...PDF, suggestedName: `${'a'.repeat(200)}.pdf` }]],
    ['a paper size not offered', [{ ...PDF, paper: 'A0' }]],
    ['no classification', [{ ...PDF, classification: '' }]],
    ['a title too long', [{ ...PDF, title: 'x'.repeat(201) }]],
    ['a prototype-polluting payload', [JSON.parse('{"__proto__": {"suggestedName": "a.pdf"}}') as unknown]],
  ])('refuses %s as invalid_request', (_label, args) => {
    expect(checkIpcCall('report:savePdf', mainFrame, args)).toEqual({ ok: false, error: { code: 'invalid_request' } });
  });

  it('parses with the schema of the channel called, for every channel', () => {
    for (const channel of IPC_CHANNELS) {
      expect(checkIpcCall(channel, mainFrame, [{ unexpected: 1 }])).toEqual({ ok: false, error: { code: 'invalid_request' } });
    }
    expect(checkIpcCall('app:info', mainFrame, [{}])).toEqual({ ok: true, request: {} });
    expect(checkIpcCall('shell:openExternal', mainFrame, [{ url: 'https://example.org/' }])).toEqual({
      ok: true,
      request: { url: 'https://example.org/' },
    });
  });
});

describe('runIpcCall', () => {
  const reportFailure = () => vi.fn<(channel: string, error: unknown) => void>();

  it('returns the handler result and gives the handler parsed data and its effects', async () => {
    const handler = vi.fn((request: { suggestedName: string }, effects: { folder: string }) =>
      Promise.resolve({ ok: true as const, data: { saved: true, path: `${effects.folder}/${request.suggestedName}` } }),
    );
    const onFailure = reportFailure();
    const result = await runIpcCall('report:savePdf', mainFrame, [PDF], handler, () => ({ folder: '/tmp' }), onFailure);
    expect(handler).toHaveBeenCalledWith(PDF, { folder: '/tmp' });
    expect(result).toEqual({ ok: true, data: { saved: true, path: '/tmp/january.pdf' } });
    expect(onFailure).not.toHaveBeenCalled();
  });

  it('does not call the handler, nor build its effects, for a forbidden sender', async () => {
    const handler = vi.fn(() => ({ ok: true as const, data: { version: '1', platform: 'linux' } }));
    const effects = vi.fn(() => ({}));
    const result = await runIpcCall('app:info', { url: 'https://example.org/', isMainFrame: true }, [{}], handler, effects, reportFailure());
    expect(result).toEqual({ ok: false, error: { code: 'forbidden_sender' } });
    expect(handler).not.toHaveBeenCalled();
    expect(effects).not.toHaveBeenCalled();
  });

  it('does not call the handler for an invalid payload', async () => {
    const handler = vi.fn(() => ({ ok: true as const, data: {} }));
    const result = await runIpcCall('shell:openExternal', mainFrame, [{ url: 42 }], handler, () => ({}), reportFailure());
    expect(result).toEqual({ ok: false, error: { code: 'invalid_request' } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('passes a refusal through as a value', async () => {
    const result = await runIpcCall('shell:openExternal', mainFrame, [{ url: 'http://x' }], () => ({ ok: false, error: { code: 'refused' } }), () => ({}), reportFailure());
    expect(result).toEqual({ ok: false, error: { code: 'refused' } });
  });

  it('turns a throwing or rejecting handler into `failed` and reports it, never throwing', async () => {
    const onFailure = reportFailure();
    const boom = new Error('disk full');
    await expect(
      runIpcCall('app:info', mainFrame, [{}], () => { throw boom; }, () => ({}), onFailure),
    ).resolves.toEqual({ ok: false, error: { code: 'failed' } });
    await expect(runIpcCall('app:info', mainFrame, [{}], () => Promise.reject(boom), () => ({}), onFailure)).resolves.toEqual({
      ok: false,
      error: { code: 'failed' },
    });
    expect(onFailure).toHaveBeenCalledWith('app:info', boom);
  });

  it('turns effects that cannot be built into `failed`', async () => {
    const result = await runIpcCall('app:info', mainFrame, [{}], () => ({ ok: true, data: { version: '1', platform: 'linux' } }), () => {
      throw new Error('window closed');
    }, reportFailure());
    expect(result).toEqual({ ok: false, error: { code: 'failed' } });
  });

  it('validates the response: data that breaks the schema becomes `failed`', async () => {
    const onFailure = reportFailure();
    const bad = () => ({ ok: true as const, data: { version: 1 } as unknown as { version: string; platform: string } });
    expect(await runIpcCall('app:info', mainFrame, [{}], bad, () => ({}), onFailure)).toEqual({ ok: false, error: { code: 'failed' } });
    expect(onFailure).toHaveBeenCalledOnce();
  });

  it('refuses extra keys where the response schema is strict', async () => {
    const extra = () => ({ ok: true as const, data: { leaked: 'x' } as unknown as Record<string, never> });
    expect(await runIpcCall('shell:openExternal', mainFrame, [{ url: 'https://example.org/' }], extra, () => ({}), reportFailure())).toEqual({
      ok: false,
      error: { code: 'failed' },
    });
  });

  it('strips keys the response schema does not declare', async () => {
    const extra = () => ({ ok: true as const, data: { version: '1', platform: 'linux', secret: 'x' } });
    expect(await runIpcCall('app:info', mainFrame, [{}], extra, () => ({}), reportFailure())).toEqual({
      ok: true,
      data: { version: '1', platform: 'linux' },
    });
  });
});
