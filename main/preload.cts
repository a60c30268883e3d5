import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL } from '../shared/ipc/channels';
import type { RoutewatchBridge } from '../shared/ipc/contract';
import { buildBridge } from './ipc/bridge';

const bridge = buildBridge((channel, request) => ipcRenderer.invoke(channel, request)) satisfies RoutewatchBridge;

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
