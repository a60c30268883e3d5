import { describe, expect, it } from 'vitest';
import { DEFAULT_DATA_DIR, DEFAULT_SERVER_URL, UsageError, parseCliArgs } from './cli-args';

describe('parseCliArgs', () => {
  it('runs serve with defaults when given no command', () => {
    expect(parseCliArgs([])).toEqual({
      command: 'serve',
      dataDir: DEFAULT_DATA_DIR,
      port: 8787,
      host: '127.0.0.1',
      rendererDir: undefined,
      allowedOrigins: [],
    });
    expect(parseCliArgs(['--port', '0'])).toMatchObject({ command: 'serve', port: 0 });
  });

  it('takes the data folder from ROUTEWATCH_DATA_DIR unless --data-dir is given', () => {
    expect(parseCliArgs(['serve'], { ROUTEWATCH_DATA_DIR: '/srv/rw' })).toMatchObject({ dataDir: '/srv/rw' });
    expect(parseCliArgs(['serve', '--data-dir', 'here'], { ROUTEWATCH_DATA_DIR: '/srv/rw' })).toMatchObject({ dataDir: 'here' });
  });

  it('collects allowed origins from the environment and repeated flags', () => {
    const args = parseCliArgs(['serve', '--allow-origin', 'http://localhost:5173', '--allow-origin', 'https://hq.example'], {
      ROUTEWATCH_ALLOWED_ORIGINS: 'http://a.example, http://b.example',
    });
    expect(args).toMatchObject({
      allowedOrigins: ['http://a.example', 'http://b.example', 'http://localhost:5173', 'https://hq.example'],
    });
    expect(() => parseCliArgs(['serve', '--allow-origin', 'http://x.example/path'])).toThrow(UsageError);
  });

  it('parses enroll, with the server to ask', () => {
    expect(parseCliArgs(['enroll', '--office', 'RS-BEL'])).toMatchObject({
      command: 'enroll',
      office: 'RS-BEL',
      role: 'field_monitor',
      ttlHours: 72,
      server: { mode: 'default', url: DEFAULT_SERVER_URL },
    });
    expect(parseCliArgs(['enroll', '--office', 'RS-BEL', '--role', 'supervisor'])).toMatchObject({ office: 'RS-BEL', role: 'supervisor' });
    expect(parseCliArgs(['enroll', '--office', 'HQ-VIE', '--ttl-hours', '24', '--server', 'http://10.0.0.5:8787/'])).toMatchObject({
      ttlHours: 24,
      server: { mode: 'explicit', url: 'http://10.0.0.5:8787' },
    });
    expect(parseCliArgs(['enroll', '--office', 'RS-BEL', '--direct'])).toMatchObject({ server: { mode: 'direct' } });
  });

  it('explains what is wrong with a command line', () => {
    const cases: [string[], RegExp][] = [
      [['enroll'], /needs --office/],
      [['enroll', '--office', 'Belgrade'], /must look like RS-BEL/],
      [['enroll', '--office', 'RS-BEL', '--ttl-hours', '1.5'], /whole number/],
      [['enroll', '--office', 'RS-BEL', '--role', 'boss'], /--role "boss" is not a role: it must be one of field_monitor, supervisor, hq_analyst, administrator/],
      [['enroll', '--office', 'RS-BEL', '--role', 'Supervisor'], /is not a role/],
      [['revoke', '--device', 'd1', '--role', 'supervisor'], /revoke does not take --role/],
      [['enroll', '--office', 'RS-BEL', '--ttl-hours', '100000'], /from 1 to 720/],
      [['enroll', '--office', 'RS-BEL', '--server', 'x', '--direct'], /--server/],
      [['enroll', '--office', 'RS-BEL', '--server', 'http://a', '--direct'], /either --server or --direct/],
      [['serve', '--port', '70000'], /--port/],
      [['serve', '--office', 'RS-BEL'], /serve does not take --office/],
      [['revoke'], /needs --device/],
      [['revoke', '--device', '../x'], /not a device id/],
      [['devices', 'extra'], /positional/i],
      [['nope'], /unknown command "nope"/],
    ];
    for (const [argv, message] of cases) expect(() => parseCliArgs(argv), argv.join(' ')).toThrow(message);
  });

  it('shows help for help, -h and --help', () => {
    expect(parseCliArgs(['help'])).toEqual({ command: 'help' });
    expect(parseCliArgs(['enroll', '--help'])).toEqual({ command: 'help' });
    expect(parseCliArgs(['-h'])).toEqual({ command: 'help' });
  });
});
