import { BRIDGE_GLOBAL } from '../../shared/ipc/contract';
import type { RoutewatchBridge } from '../../shared/ipc/contract';
import { createElectronPlatform } from './electron-platform';
import type { Platform } from './platform';
import { createWebPlatform } from './web-platform';

/**
 * The one place that tells the hosts apart: the preload exposes the bridge only in
 * Electron. Called once at boot; the result is passed down through context.
 */
export function preparePlatform(win: Window): Platform {
  const bridge = (win as unknown as Record<string, RoutewatchBridge | undefined>)[BRIDGE_GLOBAL];
  return bridge === undefined ? createWebPlatform(win) : createElectronPlatform(bridge);
}
