import type { FastifyInstance } from 'fastify';
import type { AuthHook } from '../http/auth';
import type { DeviceInfo } from '../../shared/sync/protocol';
import { authenticatedDevice } from '../http/auth';
import { ApiError } from '../http/api-error';

/** GET /api/v1/me: who the token belongs to. */
export function registerDeviceRoutes(app: FastifyInstance, deviceAuth: AuthHook): void {
  app.get('/api/v1/me', { onRequest: deviceAuth }, (request): Promise<DeviceInfo> => {
    const device = authenticatedDevice(request);
    // Enrolled before codes named their user: it has no identity to report, and may not push.
    if (device.userName === '') {
      return Promise.reject(new ApiError(401, 'unauthorized', 'This device was enrolled before user names existed: enrol it again with a new code.'));
    }
    return Promise.resolve({ deviceId: device.id, deviceName: device.name, office: device.office, role: device.role, userName: device.userName });
  });
}
