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

  it('parses enroll, with the user the code is for and the server to ask', () => {
    expect(parseCliArgs(['enroll', '--office', 'RS-BEL', '--name', 'Ana Petrović'])).toMatchObject({
      command: 'enroll',
      office: 'RS-BEL',
      role: 'field_monitor',
      userName: 'Ana Petrović',
      ttlHours: 72,
      publicUrl: undefined,
      json: false,
      server: { mode: 'default', url: DEFAULT_SERVER_URL },
    });
    expect(parseCliArgs(['enroll', '--office', 'RS-BEL', '--role', 'supervisor', '--name', '  Ana  '])).toMatchObject({ role: 'supervisor', userName: 'Ana' });
    expect(parseCliArgs(['enroll', '--office', 'HQ-VIE', '--name', 'X', '--ttl-hours', '24', '--server', 'http://10.0.0.5:8787/'])).toMatchObject({
      ttlHours: 24,
      server: { mode: 'explicit', url: 'http://10.0.0.5:8787' },
    });
    expect(parseCliArgs(['enroll', '--office', 'RS-BEL', '--name', 'X', '--direct'])).toMatchObject({ server: { mode: 'direct' } });
  });

  it('takes the QR code\'s server address from --public-url, else ROUTEWATCH_PUBLIC_URL', () => {
    const args = ['enroll', '--office', 'RS-BEL', '--name', 'X'];
    expect(parseCliArgs([...args, '--public-url', 'https://hq.example.org/'])).toMatchObject({ publicUrl: 'https://hq.example.org' });
    expect(parseCliArgs(args, { ROUTEWATCH_PUBLIC_URL: 'https://hq.example.org:8443/rw/' })).toMatchObject({ publicUrl: 'https://hq.example.org:8443/rw' });
    expect(parseCliArgs([...args, '--public-url', 'https://a.example'], { ROUTEWATCH_PUBLIC_URL: 'https://b.example' })).toMatchObject({ publicUrl: 'https://a.example' });
    expect(() => parseCliArgs(args, { ROUTEWATCH_PUBLIC_URL: 'hq.example.org' })).toThrow(/ROUTEWATCH_PUBLIC_URL must be the http or https address/);
  });

  it('parses office create and office list', () => {
    expect(parseCliArgs(['office', 'create', '--code', 'RS-BEL', '--mission', 'RS', '--name', ' Belgrade '])).toMatchObject({
      command: 'office create',
      code: 'RS-BEL',
      mission: 'RS',
      name: 'Belgrade',
      json: false,
    });
    expect(parseCliArgs(['office', 'list', '--json', '--direct'])).toMatchObject({ command: 'office list', json: true, server: { mode: 'direct' } });
  });

  it('parses rotate and revoke', () => {
    expect(parseCliArgs(['rotate', '--device', 'dev_1', '--ttl-hours', '2', '--public-url', 'https://hq.example.org'])).toMatchObject({
      command: 'rotate',
      deviceId: 'dev_1',
      ttlHours: 2,
      publicUrl: 'https://hq.example.org',
    });
    expect(parseCliArgs(['revoke', '--device', 'dev_1'])).toMatchObject({ command: 'revoke', deviceId: 'dev_1' });
  });

  it('explains what is wrong with a command line', () => {
    const cases: [string[], RegExp][] = [
      [['enroll'], /needs --office/],
      [['enroll', '--office', 'RS-BEL'], /enroll needs --name, the user the code is for/],
      [['enroll', '--office', 'RS-BEL', '--name', '   '], /--name " {3}" /],
      [['enroll', '--office', 'RS-BEL', '--name', 'a\u001b[2Jb'], /control characters/],
      [['enroll', '--office', 'RS-BEL', '--name', 'x'.repeat(121)], /--name/],
      [['enroll', '--office', 'Belgrade', '--name', 'X'], /must look like RS-BEL/],
      [['enroll', '--office', 'RS-BEL', '--name', 'X', '--ttl-hours', '1.5'], /whole number/],
      [['enroll', '--office', 'RS-BEL', '--name', 'X', '--role', 'boss'], /--role "boss" is not a role: it must be one of field_monitor, supervisor, hq_analyst, administrator/],
      [['enroll', '--office', 'RS-BEL', '--name', 'X', '--role', 'Supervisor'], /is not a role/],
      [['enroll', '--office', 'RS-BEL', '--name', 'X', '--public-url', 'ftp://hq'], /--public-url must be the http or https address/],
      [['enroll', '--office', 'RS-BEL', '--name', 'X', '--public-url', 'https://u:p@hq.example'], /--public-url/],
      [['revoke', '--device', 'd1', '--role', 'supervisor'], /revoke does not take --role/],
      [['revoke', '--device', 'd1', '--json'], /revoke does not take --json/],
      [['enroll', '--office', 'RS-BEL', '--name', 'X', '--ttl-hours', '100000'], /from 1 to 720/],
      [['enroll', '--office', 'RS-BEL', '--server', 'x', '--direct'], /--server/],
      [['enroll', '--office', 'RS-BEL', '--server', 'http://a', '--direct'], /either --server or --direct/],
      [['serve', '--port', '70000'], /--port/],
      [['serve', '--office', 'RS-BEL'], /serve does not take --office/],
      [['revoke'], /needs --device/],
      [['rotate'], /rotate needs --device/],
      [['revoke', '--device', '../x'], /not a device id/],
      [['devices', 'extra'], /positional/i],
      [['office'], /office needs a subcommand: office create or office list/],
      [['office', 'delete'], /office create or office list; got "delete"/],
      [['office', 'create', '--code', 'RS-BEL'], /office create needs --code, --mission and --name/],
      [['office', 'create', '--code', 'RS-BEL', '--mission', 'MK', '--name', 'Belgrade'], /--code "RS-BEL" is not an office of mission MK: its code must start with MK- \(or give --mission RS\)/],
      [['office', 'create', '--code', 'RS-BEL', '--mission', 'FR', '--name', 'Belgrade'], /--mission "FR" is not a mission: it must be one of RS, MK/],
      [['office', 'create', '--code', 'rs-bel', '--mission', 'RS', '--name', 'Belgrade'], /--code "rs-bel" is not an office code/],
      [['office', 'create', '--code', 'RS-BEL', '--mission', 'RS', '--name', ''], /--name ""/],
      [['office', 'list', '--name', 'x'], /office list does not take --name/],
      [['nope'], /unknown command "nope"/],
    ];
    for (const [argv, message] of cases) expect(() => parseCliArgs(argv), argv.join(' ')).toThrow(message);
  });

  it('shows help for help, -h and --help', () => {
    expect(parseCliArgs(['help'])).toEqual({ command: 'help' });
    expect(parseCliArgs(['enroll', '--help'])).toEqual({ command: 'help' });
    expect(parseCliArgs(['office', '--help'])).toEqual({ command: 'help' });
    expect(parseCliArgs(['office', 'create', '-h'])).toEqual({ command: 'help' });
    expect(parseCliArgs(['-h'])).toEqual({ command: 'help' });
  });
});
