/**
 * The Content-Security-Policy of the next app:// response, from main's settings:
 * connect-src names the sync server the device is enrolled with once main knows it
 * (before that, the open policy of an unenrolled device: the person types the server's
 * address). Asked on every response (protocol/serve-renderer.ts), so a page loaded after
 * the server changed gets the new server, and only that one.
 */
import { contentSecurityPolicy } from '../../shared/security/content-security-policy';
import type { ShellSettings } from '../settings/shell-settings';

export function pagePolicy(settings: Pick<ShellSettings, 'syncServerOrigin'>): string {
  const origin = settings.syncServerOrigin;
  return contentSecurityPolicy(origin === null ? {} : { connectSources: [origin] });
}
