import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateToken } from './domain/secrets';

export const ADMIN_TOKEN_ENV = 'ROUTEWATCH_ADMIN_TOKEN';
const ADMIN_TOKEN_FILE = 'admin-token';
const TOKEN_SHAPE = /^[A-Za-z0-9._~+/-]{16,512}=*$/;

export interface AdminTokenSource {
  token: string;
  /** Where it came from, for the operator: the env variable or the file path. */
  from: string;
}

/** Path of the admin token file in a data folder. */
export function adminTokenPath(dataDir: string): string {
  return join(dataDir, ADMIN_TOKEN_FILE);
}

function fromEnv(env: NodeJS.ProcessEnv): AdminTokenSource | undefined {
  const value = env[ADMIN_TOKEN_ENV]?.trim();
  if (value === undefined || value === '') return undefined;
  if (!TOKEN_SHAPE.test(value)) {
    throw new Error(`${ADMIN_TOKEN_ENV} must be 16-512 characters of A-Z a-z 0-9 . _ ~ + / -`);
  }
  return { token: value, from: ADMIN_TOKEN_ENV };
}

function readTokenFile(path: string): string | undefined {
  try {
    const token = readFileSync(path, 'utf8').trim();
    return TOKEN_SHAPE.test(token) ? token : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The admin token the CLI should present: the env variable, else the data folder's file. */
export function readAdminToken(dataDir: string, env: NodeJS.ProcessEnv = process.env): AdminTokenSource | undefined {
  const configured = fromEnv(env);
  if (configured) return configured;
  const path = adminTokenPath(dataDir);
  const token = readTokenFile(path);
  return token === undefined ? undefined : { token, from: path };
}

/**
 * The server's admin token: the env variable, else `<dataDir>/admin-token`, created
 * (mode 0600, readable by this user only) with a new random token when missing.
 */
export function loadOrCreateAdminToken(dataDir: string, env: NodeJS.ProcessEnv = process.env): AdminTokenSource {
  const existing = readAdminToken(dataDir, env);
  const path = adminTokenPath(dataDir);
  if (existing) {
    // Tighten a file someone loosened: the token is as good as a password.
    if (existing.from === path && (statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
    return existing;
  }
  mkdirSync(dataDir, { recursive: true });
  const token = generateToken();
  try {
    writeFileSync(path, `${token}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another instance sharing this folder wrote it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const theirs = readTokenFile(path);
    if (theirs === undefined) {
      throw new Error(`${path} holds no valid admin token: delete it to have a new one made`, { cause: error });
    }
    return { token: theirs, from: path };
  }
  return { token, from: path };
}
