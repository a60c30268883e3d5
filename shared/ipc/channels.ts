/**
 * The IPC channel names and the bridge's global name, apart from their schemas, so
 * that the preload (bundled into a sandboxed script) does not carry zod.
 * `contract.ts` checks that its channels are exactly these.
 */
export const IPC_CHANNELS = [
  'app:info',
  'report:savePdf',
  'shell:openExternal',
  'shell:setSyncServer',
  'shell:syncServerSwitch',
  'tiles:setSource',
  'tiles:load',
  'tiles:stat',
  'tiles:delete',
  'tiles:viewedUsage',
  'tiles:trimViewed',
  'keychain:status',
  'keychain:protect',
  'keychain:unprotect',
] as const;
export type IpcChannel = (typeof IPC_CHANNELS)[number];

/** Name of the global the preload exposes the bridge under. */
export const BRIDGE_GLOBAL = 'routewatch';
