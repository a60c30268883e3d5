import type { FastifyInstance } from 'fastify';
import type { AuthHook } from '../http/auth';
import type { DeviceInfo } from '../../shared/sync/protocol';
import { authenticatedDevice } from '../http/auth';

/** GET /api/v1/me: who the token belongs to. */
export function registerDeviceRoutes(app: FastifyInstance, deviceAuth: AuthHook): void {
  app.get('/api/v1/me', { onRequest: deviceAuth }, (request): Promise<DeviceInfo> => {
    const device = authenticatedDevice(request);
    return Promise.resolve({ deviceId: device.id, deviceName: device.name, office: device.office, role: device.role, userName: device.userName });
  });
}
