/** The tile cache's file operations over node:fs (kept apart so handlers stay testable with fakes). */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ListedFile, TileFiles } from './tile-cache';

const isMissing = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR');

/** Files stat'ed at once while listing: enough to keep the disk busy, few enough for the file handle limit. */
const LIST_CONCURRENCY = 32;

async function filesUnder(folder: string): Promise<string[]> {
  let dirents;
  try {
    dirents = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
  const found: string[] = [];
  for (const dirent of dirents) {
    const child = path.join(folder, dirent.name);
    if (dirent.isDirectory()) found.push(...(await filesUnder(child)));
    else if (dirent.isFile()) found.push(child);
  }
  return found;
}

export const nodeTileFiles: TileFiles = {
  async read(filePath) {
    try {
      const { mtimeMs } = await stat(filePath);
      return { bytes: new Uint8Array(await readFile(filePath)), modifiedMs: mtimeMs };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  },
  async writeAtomic(filePath, data) {
    await mkdir(path.dirname(filePath), { recursive: true });
    const temporary = `${filePath}.${randomUUID()}.tmp`;
    try {
      await writeFile(temporary, data);
      await rename(temporary, filePath);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  },
  async size(filePath) {
    try {
      return (await stat(filePath)).size;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  },
  async remove(filePath) {
    try {
      await unlink(filePath);
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  },
  async list(folder) {
    const paths = await filesUnder(folder);
    const listed: ListedFile[] = [];
    for (let i = 0; i < paths.length; i += LIST_CONCURRENCY) {
      const stats = await Promise.all(
        paths.slice(i, i + LIST_CONCURRENCY).map(async (filePath) => {
          try {
            const { size, mtimeMs } = await stat(filePath);
            return { path: filePath, bytes: size, modifiedMs: mtimeMs };
          } catch (error) {
            if (isMissing(error)) return null; // Removed while listing.
            throw error;
          }
        }),
      );
      for (const entry of stats) if (entry !== null) listed.push(entry);
    }
    return listed;
  },
};
