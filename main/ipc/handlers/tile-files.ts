/** The tile cache's file operations over node:fs (kept apart so handlers stay testable with fakes). */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TileFiles } from './tile-cache';

const isMissing = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR');

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
};
